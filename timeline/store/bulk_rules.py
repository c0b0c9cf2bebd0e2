"""The event model's rules as SQL, for the bulk import: made from the constants and patterns of
:mod:`timeline.core.model`, so that the two paths cannot drift apart.

The bulk import (:mod:`timeline.store.bulk`) maps a GDELT or ICEWS file's rows in DuckDB,
never through :class:`~timeline.core.model.Event`; what it stores must still be an event the model
accepts, or ``export`` fails on it. Each expression here is one rule of the model, written with
the model's own values: text cleaned as the model cleans it (:func:`cleaned`, :func:`title`,
:func:`publisher`), numbers read as the model's ranges allow (:func:`goldstein`,
:func:`weight`), and :func:`skip_reasons`, the rows the model would refuse, each with the
reason an import summary counts them under. The patterns are read by DuckDB's RE2 as Python
reads them (see the model). ``tests/test_bulk.py`` holds the two paths to the same verdicts.
"""

from __future__ import annotations

import re

from timeline.core.model import (
    CAMEO_PATTERN,
    CONTROL_CHARACTER,
    ID_PATTERN,
    MAX_GOLDSTEIN,
    MAX_PUBLISHER,
    MAX_TITLE,
    MAX_WEIGHT,
    MAX_YEAR,
    MIN_GOLDSTEIN,
    MIN_YEAR,
    SPACES,
    WEB_ADDRESS,
)

# How a file writes numbers: Python's float() and int() read more ("nan", "1_000", " 8"),
# DuckDB's casts round "1.5" to a whole 2. A value that is not written so is not a number.
DECIMAL = r"[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]+)?"
WHOLE_NUMBER = r"[+-]?[0-9]+"
# The model refuses a control character before it strips a text: the control characters among
# the spaces (as U+0085) stay, for the rules to find.
_SPACES = re.sub(CONTROL_CHARACTER, "", SPACES)


def literal(text: str) -> str:
    """``text`` as an SQL string literal."""
    return "'" + text.replace("'", "''") + "'"


def full_match(expression: str, pattern: str) -> str:
    """SQL: whether the whole of ``expression`` matches ``pattern``."""
    return f"regexp_full_match({expression}, {literal(pattern)})"


def stripped(expression: str) -> str:
    """SQL: ``expression`` without the spaces str.strip() takes off its ends, but control
    characters."""
    # Trimming a set of characters is slow (4x a plain read of the file): only where one of
    # them is at an end, found without a pattern, which would read the whole text.
    spaces = literal(_SPACES)
    return (f"CASE WHEN {expression} = '' THEN {expression} "
            f"WHEN contains({spaces}, left({expression}, 1)) "
            f"OR contains({spaces}, right({expression}, 1)) "
            f"THEN trim({expression}, {spaces}) ELSE {expression} END")


def cleaned(column: str) -> str:
    """SQL: a file's field as the model reads text: stripped, and NULL when nothing is left
    (a blank field is a missing one)."""
    return f"nullif({stripped(column)}, '')"


def name(text: str) -> str:
    """SQL: a name from the file (an actor's) as a title holds it: control characters taken
    out (a title is ours to write; the labels of the code tables it is made of hold none)."""
    return f"regexp_replace({text}, {literal(CONTROL_CHARACTER)}, '', 'g')"


def title(text: str) -> str:
    """SQL: a title made from ``text`` (the actor, target and event label joined, names as
    :func:`name` gives them): cut to the model's length, stripped."""
    return stripped(f"left({text}, {MAX_TITLE})")


def search_text(title_column: str) -> str:
    """SQL: what text search looks in for an event with a title only (no summary, no
    quotes), as :func:`timeline.store.rows.search_text` makes it: the title lower-cased,
    without accents."""
    return f"strip_accents(lower({title_column}))"


def is_web(source: str) -> str:
    """SQL: whether ``source`` is a web address the model takes as a source's url."""
    return f"coalesce({full_match(source, WEB_ADDRESS)}, false)"


def publisher(text: str) -> str:
    """SQL: ``text`` (a publisher's name, or a source that is no web address, as "BBC
    Monitoring") cut to the model's length for a publisher, stripped."""
    return stripped(f"left({text}, {MAX_PUBLISHER})")


def host(url: str) -> str:
    """SQL: the host of a web address, the publisher of a source that names none (cut to the
    model's length; the address's host part holds no spaces to strip)."""
    # The pattern for a user name before the host is 4x slower: only where an @ is.
    plain = f"regexp_extract({url}, '^[^:]+://([^/:?#]*)', 1)"
    named = f"regexp_extract({url}, '^[^:]+://(?:[^@/?#]*@)?([^/:?#]*)', 1)"
    return f"left(CASE WHEN contains({url}, '@') THEN {named} ELSE {plain} END, {MAX_PUBLISHER})"


def goldstein(text: str) -> str:
    """SQL: a Goldstein value written as a decimal number, as a DOUBLE (else NULL)."""
    return f"CASE WHEN {full_match(text, DECIMAL)} THEN TRY_CAST({text} AS DOUBLE) END"


def weight(text: str) -> str:
    """SQL: a weight (GDELT's mention count) written as a whole number, as a HUGEINT (else
    NULL; checked against the model's range before it is stored as an INTEGER)."""
    return f"CASE WHEN {full_match(text, WHOLE_NUMBER)} THEN TRY_CAST({text} AS HUGEINT) END"


def skip_reasons(*, short_row: str, id: str, day: str, known_code: str, cameo: str,
                 goldstein_text: str, weight_text: str, source: str) -> str:
    """SQL: why the model would refuse a staged row, as the reason an import counts it
    under; NULL for a row the model accepts. Each argument names an expression of the row:
    ``known_code`` is NULL when the CAMEO code is not in the code table, ``source`` is the
    text that becomes its source (SOURCEURL, or ICEWS's publisher); ``short_row`` is the
    reason a row lacks fields, if it does."""
    g, w = goldstein(goldstein_text), weight(weight_text)
    cases = [
        (f"{short_row} IS NOT NULL", None),
        (f"{id} IS NULL", "with no event ID"),
        (f"NOT {full_match(id, ID_PATTERN)}",
         "event ID not of letters, digits and . _ : - (at most 128)"),
        (f"{day} IS NULL OR year({day}) NOT BETWEEN {MIN_YEAR} AND {MAX_YEAR}",
         "with no valid date"),
        (f"{known_code} IS NULL OR NOT {full_match(cameo, CAMEO_PATTERN)}",
         "with an unknown CAMEO event code"),
        (f"{goldstein_text} IS NOT NULL AND NOT {full_match(goldstein_text, DECIMAL)}",
         "Goldstein not a number"),
        (f"{goldstein_text} IS NOT NULL AND NOT coalesce({g} BETWEEN {MIN_GOLDSTEIN} AND "
         f"{MAX_GOLDSTEIN}, false)", f"Goldstein outside {MIN_GOLDSTEIN:g}..{MAX_GOLDSTEIN:g}"),
        (f"{weight_text} IS NOT NULL AND NOT {full_match(weight_text, WHOLE_NUMBER)}",
         "mention count not a whole number"),
        (f"{weight_text} IS NOT NULL AND NOT coalesce({w} BETWEEN 0 AND {MAX_WEIGHT}, false)",
         f"mention count outside 0..{MAX_WEIGHT}"),
        (f"regexp_matches({source}, {literal(CONTROL_CHARACTER)})",
         "control character in the source"),
    ]
    return "CASE " + " ".join(
        f"WHEN {condition} THEN {short_row if reason is None else literal(reason)}"
        for condition, reason in cases) + " END"
