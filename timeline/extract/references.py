"""Countries named by a phrase that points back: "the two countries", "both sides".

``find_countries_in_context(text, published)`` gives what
:func:`timeline.extract.mentions.find_countries` gives (with ``joint=True``) and, for each
phrase that stands for two countries named before it, two mentions of kind ``"reference"``
with the phrase's offsets:

    "Washington raised tariffs on Chinese goods. Both sides said they would keep talking."
    → "Both sides": USA and CHN (``via`` says which countries it was read as)

The phrases: "the two countries / nations / sides / neighbours / governments / allies /
rivals", "both countries / sides / …", "the neighbours", and "the two" followed by a verb
("the two have had relations since 1961"). What they stand for: the last two different
countries named before the phrase, looking back at most :data:`REACH` characters (about three
sentences of wire copy). With fewer than two there, the phrase gives nothing: a guess from
further away would more often be wrong than right.
"""

from __future__ import annotations

import datetime as dt
import re

from timeline.core.countries import country_name

from .mentions import Mention, find_countries

__all__ = ["REACH", "find_countries_in_context"]

REACH = 600
_PLURAL_NOUN = r"(?:countries|nations|sides|neighbou?rs|governments|allies|rivals|capitals)"
_REFERENCE = re.compile(
    rf"\b(?:[Tt]he|[Bb]oth)\s+(?:two\s+)?(?:[a-z-]+\s+)?{_PLURAL_NOUN}\b"
    r"|\b[Tt]he\s+two\b(?=\s+(?:have|had|has|are|were|will|would|did|also|never|first|last|"
    r"signed|agreed|established|fought|held|met|share|shared)\b)"
)


def find_countries_in_context(text: str, published: dt.date) -> list[Mention]:
    """The country mentions of ``text`` (joint phrases as two mentions) and the countries each
    back-pointing phrase stands for, in reading order."""
    mentions = find_countries(text, published, joint=True)
    references = []
    for match in _REFERENCE.finditer(text):
        if any(m.start < match.end() and match.start() < m.end for m in mentions):
            continue  # part of a name ("the two Koreas")
        pair = _last_two(mentions, match.start())
        if pair is None:
            continue
        via = f"“{match.group(0)}” read as " + " and ".join(country_name(c) for c in pair)
        references += [Mention(match.start(), match.end(), match.group(0), code, "reference",
                               via) for code in pair]
    return sorted([*mentions, *references], key=lambda m: m.start)


def _last_two(mentions: list[Mention], position: int) -> tuple[str, str] | None:
    """The last two different countries named before ``position`` within reach."""
    found: list[str] = []
    for mention in reversed(mentions):
        if mention.end > position:
            continue
        if mention.end < position - REACH:
            break
        if mention.country not in found:
            found.append(mention.country)
        if len(found) == 2:
            return found[1], found[0]
    return None
