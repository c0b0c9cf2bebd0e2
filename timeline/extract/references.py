"""Countries named by a phrase that points back: "the two countries", "both sides".

``find_countries_in_context(text, published)`` gives what
:func:`timeline.extract.mentions.find_countries` gives (with ``joint=True``) and, for each
phrase that stands for two countries named before it, two mentions of kind ``"reference"``
with the phrase's offsets:

    "Washington raised tariffs on Chinese goods. Both sides said they would keep talking."
    → "Both sides": USA and CHN (``via`` says which countries it was read as)

The phrases: "the two countries / nations / sides / neighbours / governments / allies /
rivals / leaders / ministers", "both countries / sides / …", "the neighbours", and "the two"
followed by a verb ("the two have had relations since 1961"). What they stand for:

- the last two countries joined by "and" earlier in the same sentence ("a truce between
  Israel and Iran held, after Trump said the two countries had agreed"), else the last two
  different countries named earlier in it ("The Kremlin said Putin and Kim held talks, and
  the two sides agreed …");
- otherwise the pair the headline (the first sentence) joins by "and" ("Thailand and
  Cambodia sign peace declaration as Trump looks on"), the pair a story is about;
- otherwise the two countries the article has named most often before the phrase (the
  most recent first among equals), which the sentence just before need not name ("Manila
  signed one with Tokyo and one with Wellington. The two countries have had relations
  since 1949" is about the Philippines and Canada).

"The three countries" stands for the three the article has named most; "the kingdom" for the
kingdom (by its official name) the article has named most before it. With fewer
countries named before, a phrase gives nothing.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from functools import cache
from itertools import pairwise

import pycountry
from countryinfo import CountryInfo
from countryinfo.exceptions import CountryNotFoundError

from timeline.core.countries import country_name

from .mentions import Mention, find_countries
from .sentences import sentence_spans

__all__ = ["find_countries_in_context"]

_PLURAL_NOUN = r"(?:countries|nations|sides|neighbou?rs|governments|allies|rivals|capitals)"
# people stand for two countries only as "the two leaders", "both ministers"
_PEOPLE = r"(?:leaders|ministers|presidents|heads\s+of\s+state)"
_REFERENCE = re.compile(
    rf"\b(?:[Tt]he|[Bb]oth)\s+(?:two\s+)?(?:(?!(?:three|four|five|six|several|many|other)\b)"
    rf"[a-z-]+\s+)?{_PLURAL_NOUN}\b(?!\s+of\b)"
    rf"|\b(?:[Tt]he\s+two|[Bb]oth)\s+(?:[a-z-]+\s+)?{_PEOPLE}\b(?!\s+of\b)"
    r"|\b[Tt]he\s+two\b(?=\s+(?:have|had|has|are|were|will|would|did|also|never|first|last|"
    r"signed|agreed|established|fought|held|met|share|shared)\b)"
)
# "the three countries": the three the article names most
_THREE = re.compile(rf"\b[Tt]he\s+three\s+(?:[a-z-]+\s+)?{_PLURAL_NOUN}\b(?!\s+of\b)")


# "the kingdom": the kingdom the article names most before it ("Trump last visited the kingdom")
_KINGDOM = re.compile(r"\b[Tt]he\s+kingdom\b(?!\s+of\b)")


def find_countries_in_context(text: str, published: dt.date) -> list[Mention]:
    """The country mentions of ``text`` (joint phrases as two mentions) and the countries each
    back-pointing phrase stands for, in reading order."""
    mentions = find_countries(text, published, joint=True)
    references = []
    sentences = sentence_spans(text) if _REFERENCE.search(text) else []
    for match in _REFERENCE.finditer(text):
        if any(m.start < match.end() and match.start() < m.end for m in mentions):
            continue  # part of a name ("the two Koreas")
        sentence_start = max((s for s, _ in sentences if s <= match.start()), default=0)
        neighbours = "neighbo" in match.group(0)
        headline = (_last_pair(text, mentions, *sentences[0])
                    if sentences and sentences[0][1] <= match.start() else None)
        if headline and neighbours and headline[1] not in _borders(headline[0]):
            headline = None
        pair = (_last_pair(text, mentions, sentence_start, match.start())
                or _last_two(mentions, sentence_start, match.start()) or headline
                or _most_named(mentions, match.start(), neighbours=neighbours))
        if pair is None:
            continue
        references += _reference(match, pair)
    for match in _KINGDOM.finditer(text):
        kingdom = _most_named_kingdom(mentions, match.start())
        if kingdom is not None:
            references += _reference(match, (kingdom,))
    for match in _THREE.finditer(text):
        three = _most_named(mentions, match.start(), count=3)
        if three is not None:
            references += _reference(match, three)
    return sorted([*mentions, *references], key=lambda m: m.start)


_AND = re.compile(r"\s+and\s+|\s*,\s+")


def _last_pair(text: str, mentions: list[Mention], start: int,
               position: int) -> tuple[str, str] | None:
    """The last two countries joined by "and" in ``text[start:position]`` ("a truce between
    Israel and Iran …, after Trump announced that the two countries had agreed")."""
    inside = [m for m in mentions if start <= m.start and m.end <= position
              and m.kind != "reference"]
    for first, second in reversed(list(pairwise(inside))):
        if (first.country != second.country
                and _AND.fullmatch(text, first.end, second.start)
                and "and" in text[first.end : second.start]):
            return first.country, second.country
    return None


def _last_two(mentions: list[Mention], start: int, position: int) -> tuple[str, str] | None:
    """The last two different countries named in ``text[start:position]``, in reading order."""
    found: list[str] = []
    for mention in reversed(mentions):
        if mention.end > position or mention.start < start:
            continue
        if mention.country not in found:
            found.append(mention.country)
        if len(found) == 2:
            return found[1], found[0]
    return None


def _reference(match: re.Match[str], codes: tuple[str, ...]) -> list[Mention]:
    """One mention per country the phrase stands for, saying how it was read."""
    via = f"“{match.group(0)}” read as " + " and ".join(country_name(c) for c in codes)
    return [Mention(match.start(), match.end(), match.group(0), code, "reference", via)
            for code in codes]


def _most_named(mentions: list[Mention], position: int, neighbours: bool = False,
                count: int = 2) -> tuple[str, ...] | None:
    """The ``count`` countries named most often before ``position`` (not counting
    datelines), the latest first among equals; in the order the article first names them.
    For "the neighbours", the most named pair that shares a border (``countryinfo``), if
    any."""
    before = [m for m in mentions if m.end <= position and m.kind != "dateline"]
    counts = Counter(m.country for m in before)
    if len(counts) < count:
        return None
    last = {m.country: m.start for m in before}
    first = {m.country: m.start for m in reversed(before)}
    ranked = sorted(counts, key=lambda code: (-counts[code], -last[code]))
    pair = ranked[:count]
    if neighbours:
        pair = next(([a, b] for i, a in enumerate(ranked) for b in ranked[i + 1:]
                     if b in _borders(a)), pair)
    return tuple(sorted(pair, key=first.__getitem__))


def _most_named_kingdom(mentions: list[Mention], position: int) -> str | None:
    """The kingdom (by its official name in ISO 3166: "Kingdom of Saudi Arabia") the article
    names most before ``position``, the latest among equals."""
    before = [m for m in mentions if m.end <= position and m.kind != "dateline"
              and _is_kingdom(m.country)]
    counts = Counter(m.country for m in before)
    last = {m.country: m.start for m in before}
    return max(counts, key=lambda code: (counts[code], last[code]), default=None)


@cache
def _is_kingdom(code: str) -> bool:
    country = pycountry.countries.get(alpha_3=code)
    return country is not None and "Kingdom" in getattr(country, "official_name", country.name)


def main_country(mentions: list[Mention], position: int) -> str | None:
    """The country the article has named most before ``position`` (not counting datelines),
    the latest among equals: what a sentence that names none is most likely about."""
    found = _most_named(mentions, position, count=1)
    return found[0] if found else None


@cache
def _borders(code: str) -> frozenset[str]:
    """The countries ``code`` shares a land border with, from ``countryinfo``."""
    try:
        return frozenset(CountryInfo(code).borders() or ())
    except CountryNotFoundError:  # a historic state ("SUN")
        return frozenset()
