"""Text search's word index in DuckDB: the events holding each word, kept by every write in the
same transaction, so that a text filter reads a word's events instead of every event's text.

What a search finds (every engine alike): the events whose text — title, summary and quotes,
lower-cased and without accents (:func:`timeline.store.rows.normalized`) — contains the
searched text, normalized the same way. "visit" finds "Visits" and "revisit", "defence
pact" the phrase, "Pyongyang" "pyŏngyang", and "中国" a title in Chinese, where no spaces
part the words.

Three tables (:mod:`timeline.store.schema`, version 6):

- ``search_words (word, word_hash)``: every word ever indexed, once. A word is a run of letters,
  digits and marks (:data:`SEPARATORS` parts them) of the normalized text; a run of CJK
  characters is one word, found by any part of it.
- ``search_texts (text_id, search_text)``: every distinct normalized text ever indexed, once,
  numbered (GDELT's titles repeat: ten million events have 32,000 texts).
- ``event_words (word_hash, key, dataset, first_day, last_day, type, members, text_id)``: one
  row per word of each event, with the event's dataset, days, type and countries
  ("|PRK|CHN|") repeated, as ``event_countries`` has them, and the number of its text: a text
  filter with any other condition is answered from this table alone. Each write adds its
  rows sorted by word, so one word's rows sit together and the blocks of other words are
  skipped unread. Words are kept as their 64-bit hash: the sort and the rows are half the
  cost of the text (two of a million words share a hash about once in 30 million indexes).

A search looks up, for each of its words, the indexed words containing it (a scan of
``search_words``, thousands of rows, not millions of events), then reads the rows of the
word contained in the fewest. A searched text that is one word needs nothing more: text
containing it contains it within one of its words. Any other (a phrase, punctuation) is
then checked whole against the distinct texts in ``search_texts``, and those rows of the
word whose text holds it are kept: at ten million GDELT events the check reads 32,000 texts,
not the 6.9 million events of ten years. Texts and words stay when their events go (a text
no event holds matches nothing).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import duckdb

from timeline.core.filters import EventFilter

from .query import names, row_conditions

# What parts words (RE2 syntax): anything but a letter, a digit or a mark. RE2's \w is ASCII.
SEPARATORS = r"[^\p{L}\p{N}\p{M}]+"


def _words_of(text: str) -> str:
    """SQL: the distinct words of ``text`` (SQL giving normalized text)."""
    return (f"list_filter(list_distinct(regexp_split_to_array({text}, '{SEPARATORS}')), "
            f"lambda w: w <> '')")


def normalized_sql(column: str) -> str:
    """SQL: ``column`` normalized as :func:`timeline.store.rows.normalized` does it."""
    return f"strip_accents(lower({column}))"


# -- writing -------------------------------------------------------------------------------

def index_events(db: duckdb.DuckDBPyConnection, events: str, params: list[Any] = ()) -> None:
    """Add to the index the events that ``events`` selects from the ``events`` table (a SQL
    condition on it, with ``params``), inside the caller's transaction."""
    first, *rest = index_statements(events)
    db.execute(first, list(params))
    for statement in rest:
        db.execute(statement)


def index_statements(events: str) -> list[str]:
    """The statements indexing the events that the condition ``events`` selects (its
    parameters belong to the first). Each distinct text is split once (GDELT repeats a title
    across thousands of events), a text not stored yet gets its number, and the new rows
    are written sorted by word."""
    return [f"""
        CREATE OR REPLACE TEMP TABLE indexed_events AS
        SELECT key, dataset, first_day, last_day, type, search_text,
               '|' || array_to_string(countries, '|') || '|' AS members
        FROM events WHERE {events}""", """
        CREATE OR REPLACE TEMP TABLE indexed_texts AS
        SELECT DISTINCT search_text FROM indexed_events""", """
        INSERT INTO search_texts
        SELECT nextval('text_id'), search_text FROM indexed_texts
        ANTI JOIN search_texts USING (search_text)""", f"""
        CREATE OR REPLACE TEMP TABLE indexed_text_words AS
        SELECT s.text_id, s.search_text, {_words_of('s.search_text')} AS words
        FROM indexed_texts JOIN search_texts s USING (search_text)""", """
        INSERT INTO search_words
        SELECT word, hash(word) FROM (
            SELECT DISTINCT unnest(words) AS word FROM indexed_text_words)
        WHERE hash(word) NOT IN (SELECT word_hash FROM search_words)""", """
        INSERT INTO event_words
        SELECT hash(word) AS word_hash, key, dataset, first_day, last_day, type, members,
               text_id
        FROM (SELECT e.*, t.text_id, unnest(t.words) AS word
              FROM indexed_events e JOIN indexed_text_words t USING (search_text))
        ORDER BY word_hash, first_day""", "DROP TABLE indexed_events",
        "DROP TABLE indexed_texts", "DROP TABLE indexed_text_words"]


def forget_events(db: duckdb.DuckDBPyConnection, keys: str) -> None:
    """Take the events whose keys ``keys`` (a query of ``key``) selects out of the index.
    Their words stay in ``search_words``: a word no event holds matches nothing."""
    db.execute(f"DELETE FROM event_words WHERE key IN ({keys})")


# -- searching -----------------------------------------------------------------------------

@dataclass(frozen=True)
class Search:
    """A searched text, looked up: ``text`` normalized; per word of it, the hashes of the
    indexed words that contain it (an empty tuple: no stored word does, nothing matches),
    the word contained in the fewest first;
    ``exact``: the text is one word and nothing else, so the words' rows are the answer."""

    text: str
    words: tuple[tuple[int, ...], ...]
    exact: bool


def look_up(db: duckdb.DuckDBPyConnection, text: str) -> Search:
    """The indexed words containing each word of ``text`` (normalized as the index is)."""
    query, parts = db.execute(
        f"SELECT {normalized_sql('?')}, {_words_of(normalized_sql('?'))}",
        [text, text]).fetchone()
    found = {part: tuple(row[0] for row in db.execute(
        "SELECT word_hash FROM search_words WHERE contains(word, ?) ORDER BY word_hash",
        [part]).fetchall()) for part in parts}
    # Fewest indexed words first; of those, the longest (likely the rarest).
    ordered = sorted(parts, key=lambda part: (len(found[part]), -len(part)))
    return Search(text=query, words=tuple(found[part] for part in ordered),
                  exact=parts == [query])


def matching_keys(search: Search, event_filter: EventFilter) -> tuple[str, list[Any]]:
    """A query of ``key, first_day, members``, one row per event holding the searched text
    that also passes the filter's dataset, date, type and country conditions (read from
    ``event_words`` alone, but for a text that is more than one word)."""
    f = event_filter
    if not search.words:  # no word to look up ("–"): the events' text is read
        return _scanned(search, f)
    if not all(search.words):
        return "SELECT NULL::BIGINT AS key, NULL::DATE AS first_day, " \
               "NULL::VARCHAR AS members WHERE FALSE", []
    # The rows of one word are read (the first: the fewest indexed words contain it); a text
    # of more is then checked whole, which implies its other words.
    first = search.words[0]
    clauses, params = row_conditions(f, "w")
    clauses.append(_hashes("w.word_hash", first))
    if f.countries:
        condition, country_params = _countries(f, "w.members")
        clauses.append(condition)
        params += country_params
    if not search.exact:
        # The whole text, checked against the distinct texts (stored normalized), not the
        # events': GDELT's ten million events have 32,000 texts.
        clauses.append("w.text_id IN (SELECT text_id FROM search_texts "
                       "WHERE contains(search_text, ?))")
        params.append(search.text)
    condition = " AND ".join(clauses)
    if len(first) == 1:  # one indexed word: one row per event
        return f"SELECT w.key, w.first_day, w.members FROM event_words w WHERE {condition}", \
            params
    return (f"SELECT w.key, any_value(w.first_day) AS first_day, any_value(w.members) AS "
            f"members FROM event_words w WHERE {condition} GROUP BY w.key", params)


def _scanned(search: Search, event_filter: EventFilter) -> tuple[str, list[Any]]:
    """:func:`matching_keys` read from ``events``, for a text of no word."""
    clauses, params = row_conditions(event_filter, "e")
    members = "'|' || array_to_string(e.countries, '|') || '|'"
    if event_filter.countries:
        condition, country_params = _countries(event_filter, members)
        clauses.append(condition)
        params += country_params
    clauses.append("contains(e.search_text, ?)")
    params.append(search.text)
    return (f"SELECT e.key, e.first_day, {members} AS members FROM events e "
            f"WHERE {' AND '.join(clauses)}", params)


def _countries(event_filter: EventFilter, members: str) -> tuple[str, list[Any]]:
    """The filter's condition on countries, for ``members`` ("|PRK|CHN|")."""
    return names(sorted(set(event_filter.countries)), members,
                 "AND" if event_filter.match == "all" else "OR")


def _hashes(column: str, hashes: tuple[int, ...]) -> str:
    # Written out, not parameters: a list of constants is what DuckDB checks against each
    # block's smallest and largest word, to skip it. They are integers from the database.
    return f"{column} IN ({', '.join(str(int(h)) for h in hashes)})"
