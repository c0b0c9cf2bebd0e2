"""Countries named by a phrase that points back: "the two countries", "both sides".

``find_countries_in_context(text, published)`` gives what
:func:`timeline.extract.mentions.find_countries` gives (with ``joint=True``), the members of
the groups :func:`timeline.extract.groups.find_groups` finds ("the Baltic states"), the
members of a former union the text names (:mod:`~timeline.extract.unions`: "the five former
Soviet republics"), and, for
each phrase that stands for countries named before it, one mention of kind ``"reference"`` per
country with the phrase's offsets:

    "Washington raised tariffs on Chinese goods. Both sides said they would keep talking."
    → "Both sides": USA and CHN (``via`` says which countries it was read as)

The phrases: "the two countries / nations / sides / neighbours / governments / allies /
rivals / capitals / armies / militaries / navies", "the five states", "the three Balkan
states", "the three Sahel juntas" (states, juntas and regimes only counted),
"the three countries" (any count in words), "both countries / sides / …", "the neighbours"
(two), "the two leaders / ministers / envoys / men / powers", "both envoys", "the pair",
"the two" followed by a verb ("the two have had relations since 1961"), and "they" opening a
sentence (or after the date that opens it) with a verb of what governments do together ("They
also agreed …", "In May last year they agreed …"). The count says how many countries the
phrase stands for; which ones, the first of these that gives that many:

- the last countries named together (a list joined by "and", or a group) earlier in the same
  sentence ("a truce between Israel and Iran held, after Trump said the two countries had
  agreed"; "the Baltic governments …, which the three countries joined"), else the last ones
  named earlier in it ("The Kremlin said Putin and Kim held talks, and the two sides agreed");
- the headline's (the first sentence's) list of just that many ("Thailand and Cambodia sign
  peace declaration as Trump looks on"), the countries a story is about;
- the sentence just before, when it names that many together, or just that many ("Kosovo
  declared independence from Serbia …. The two sides accepted a plan …");
- otherwise the countries the article has named most often before the phrase (the most
  recent first among equals), which the sentence just before need not name ("Manila
  signed one with Tokyo and one with Wellington. The two countries have had relations
  since 1949" is about the Philippines and Canada).

"The neighbours" take a pair from the headline or the sentence before only if it shares a
border, and otherwise the most named pair that does. "The kingdom" stands for the kingdom (by
its official name) the article has named most before it; so do "the sultanate", "the
principality" and "the grand duchy". With fewer countries named before,
a phrase gives nothing.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from functools import cache

import pycountry
from countryinfo import CountryInfo
from countryinfo.exceptions import CountryNotFoundError

from timeline.core.countries import country_name

from .descriptions import described_phrases, one_country_phrases, region_phrases
from .groups import COUNT, find_groups
from .mentions import Mention, find_countries
from .sentences import sentence_spans
from .temporal import NUMBER_WORDS
from .unions import with_former_members

__all__ = ["find_countries_in_context"]

# a state's armed forces stand for it as its government does ("the two armies recommitted")
_PLURAL_NOUN = (r"(?:countries|nations|sides|neighbou?rs|governments|allies|rivals|capitals"
                r"|partners|armies|militaries|navies)")
# people stand for countries only counted ("the two leaders", "both envoys", "the two men"):
# the people who speak and act for a country in news, each for their own; so do powers ("the
# two powers agreed in 1906"; "the major powers" and "the four powers" are any number)
_COUNTED_ONLY = (r"(?:powers|leaders|ministers|presidents|premiers|chancellors|secretaries"
                 r"|heads\s+of\s+state|envoys|diplomats|negotiators|delegations|counterparts"
                 r"|men|women)")
# "the two", "the three" …: how many countries a phrase stands for (two without a count)
_REFERENCE = re.compile(
    rf"\b(?:[Tt]he|[Bb]oth)\s+(?:(?P<count>{COUNT})\s+)?"
    rf"(?:(?!(?:{COUNT}|several|many|other)\b)[A-Za-z-]+\s+)?{_PLURAL_NOUN}\b(?!\s+of\b)"
    rf"|\b(?:[Tt]he\s+two|[Bb]oth)\s+(?:[a-z-]+\s+)?{_COUNTED_ONLY}\b(?!\s+of\b)"
    # "the five states", "the three Sahel juntas" only counted: "the member states" are no
    # two, nor is "the juntas" ("Mali, Burkina Faso and Niger … The juntas announced")
    rf"|\b[Tt]he\s+(?P<states>{COUNT})\s+(?:[A-Za-z-]+\s+)?(?:states|juntas|regimes)\b"
    r"(?!\s+of\b)"
    r"|\b[Tt]he\s+pair\b(?!\s+of\b)"
    rf"|\b[Tt]he\s+(?P<alone>{COUNT})\b(?=\s+(?:have|had|has|are|were|will|would|did|also|"
    r"never|first|last|signed|agreed|established|fought|held|met|share|shared)\b)"
    # "They also agreed …", "On May 10, they travelled …": opening a sentence or a clause
    # after a comma, with a verb of what governments do together, the two the sentence
    # before names ("They took Bukavu", of rebels, is no reference); or after the date that
    # opens it ("In May last year they agreed …", "On Monday they met …")
    r"|(?:^|(?<=[.!?]\s)|(?<=\n)|(?<=,\s)|(?<=[0-9]{4}\s)|(?<=\byear\s)|(?<=\bmonth\s)"
    r"|(?<=\bweek\s)|(?<=day\s))[Tt]hey\b(?=\s+(?:also\s+|then\s+|later\s+)?"
    r"(?:agreed|called|travelled|traveled|signed|met|pledged|discussed|held|visited|issued|"
    r"vowed|announced|launched|opened|established|committed|reached|concluded|restored|"
    r"resumed|exchanged)\b)"
)


# a dash, colon or bracket before a list that names a phrase's countries itself
_NAMED_AFTER = re.compile(r"\s*[-\u2013\u2014:(]\s*")
# a few words that qualify the phrase, then a comma before the countries it stands for
_QUALIFIED = re.compile(r"(?:\s+[\w'\u2019-]+){0,6}?,\s+(?:the\s+)?")
_LIST_JOIN = re.compile(r"\s*,\s*(?:and\s+)?(?:the\s+)?|\s+and\s+(?:the\s+)?")


def _list_at(text: str, mentions: list[Mention], start: int) -> int:
    """How many countries are listed from ``start`` on ("Canada, Denmark and Norway": 3)."""
    count, position = 0, start
    for mention in mentions:
        if mention.start < position:
            continue
        if mention.start != position and not (
                count and _LIST_JOIN.fullmatch(text, position, mention.start)):
            break
        count, position = count + 1, mention.end
    return count


# "the kingdom": the kingdom the article names most before it ("Trump last visited the kingdom");
# so "the sultanate" (Oman), "the principality" (Monaco), "the grand duchy" (Luxembourg)
_MONARCHY = re.compile(r"\b[Tt]he\s+(?P<kind>(?i:kingdom|sultanate|principality|grand\s+duchy))\b"
                       r"(?!\s+of\b)")


def find_countries_in_context(text: str, published: dt.date) -> list[Mention]:
    """The country mentions of ``text`` (joint phrases and groups as one mention per
    country) and the countries each back-pointing phrase stands for, in reading order."""
    named = find_countries(text, published, joint=True)
    mentions = _with_groups(named, find_groups(text, named))
    mentions = with_former_members(text, mentions)
    sentences = sentence_spans(text)
    mentions, references = one_country_phrases(text, mentions, sentences)
    references += region_phrases(text, mentions)
    references += described_phrases(text, sorted([*mentions, *references],
                                                 key=lambda m: m.start), sentences)
    mentions = sorted([*mentions, *references], key=lambda m: m.start)
    references = []
    for match in _REFERENCE.finditer(text):
        if any(m.start < match.end() and match.start() < m.end for m in mentions):
            continue  # part of a name ("the two Koreas", "the Baltic governments")
        if (named := _NAMED_AFTER.match(text, match.end())) and any(
                m.start == named.end() for m in mentions):
            continue  # "the four boycotting states - Saudi Arabia, …": named right after
        if (listed := _QUALIFIED.match(text, match.end())) and _list_at(text, mentions,
                                                                         listed.end()) > 1:
            continue  # "the five countries with Arctic coastlines, Canada, Denmark, …"
        counted = match.group("count") or match.group("states") or match.group("alone")
        count = NUMBER_WORDS[counted or "two"]
        found = _stand_for(text, mentions, sentences, match, count)
        if found is not None:
            references += _reference(match, found)
    for match in _MONARCHY.finditer(text):
        kingdom = _most_named_monarchy(mentions, match.start(), match["kind"])
        if kingdom is not None:
            references += _reference(match, (kingdom,))
    return sorted([*mentions, *references], key=lambda m: m.start)


def _with_groups(mentions: list[Mention], groups: list[Mention]) -> list[Mention]:
    """``mentions`` and the groups' members, less any mention inside a group's phrase."""
    kept = [m for m in mentions
            if not any(g.start <= m.start and m.end <= g.end for g in groups)]
    return sorted([*kept, *groups], key=lambda m: m.start)  # stable: a group's members stay


def _stand_for(text: str, mentions: list[Mention], sentences: list[tuple[int, int]],
               match: re.Match[str], count: int) -> tuple[str, ...] | None:
    """The ``count`` countries a phrase stands for, the first of these that gives them:

    - in its sentence before it, the last ``count`` named together ("Israel and Iran", "the
      three Baltic states"), else the last ``count`` different ones named;
    - the sentence just before, when it names ``count`` together or just ``count`` ("Kosovo
      declared independence from Serbia …. The two sides accepted …");
    - the headline's, when it names ``count`` together;
    - the ``count`` the article has named most before it.

    "The neighbours" take only countries that share a border (``countryinfo``) from the
    sentence before and the headline, and the most named such pair otherwise."""
    position = match.start()
    index = max((i for i, (s, _) in enumerate(sentences) if s <= position), default=0)
    start = sentences[index][0] if sentences else 0
    neighbours = "neighbo" in match.group(0)
    found = (_named_together(text, mentions, start, position, count)
             or _last_named(mentions, start, position, count))
    if found is None and index > 0:
        found = _fits(_named_together(text, mentions, *sentences[0], count, exact=True),
                      neighbours)
    if found is None and index > 0:
        found = _fits(_story_pair(mentions, sentences[index - 1], position, count)
                      or _named_together(text, mentions, *sentences[index - 1], count)
                      or _just(mentions, sentences[index - 1], count), neighbours)
    return found or _most_named(mentions, position, neighbours=neighbours, count=count)


def _story_pair(mentions: list[Mention], span: tuple[int, int], position: int,
                count: int) -> tuple[str, ...] | None:
    """The two countries the article names most before ``position``, when ``span`` (the
    sentence before) names both: "Canberra remains wary of Beijing … building submarines with
    the United States and Britain …. The two countries established relations in 1972" are
    Australia and China, the story's pair, not the pair listed in passing."""
    pair = _most_named(mentions, position, count=2) if count == 2 else None
    named = {m.country for m in mentions if span[0] <= m.start and m.end <= span[1]}
    return pair if pair and set(pair) <= named else None


def _fits(countries: tuple[str, ...] | None, neighbours: bool) -> tuple[str, ...] | None:
    """``countries``, unless "the neighbours" were asked for and the two share no border."""
    if countries and neighbours and (len(countries) != 2
                                     or countries[1] not in _borders(countries[0])):
        return None
    return countries


def _just(mentions: list[Mention], span: tuple[int, int], count: int) -> tuple[str, ...] | None:
    """The countries named in ``span`` (not its dateline), in reading order, when they are
    exactly ``count``."""
    named = tuple(dict.fromkeys(m.country for m in mentions if span[0] <= m.start
                                and m.end <= span[1] and m.kind != "dateline"))
    return named if len(named) == count else None


_AND = re.compile(r"\s+and\s+|\s*,\s+")


def _named_together(text: str, mentions: list[Mention], start: int, position: int,
                    count: int, exact: bool = False) -> tuple[str, ...] | None:
    """The last ``count`` countries named together in ``text[start:position]``: a list joined
    by commas and "and" ("a truce between Israel and Iran …, after Trump announced that the two
    countries had agreed"; "Albania, Croatia and Kosovo") or a group ("the three Baltic
    states"). A list of more than two gives its last two for "the two …" ("Kyiv, Paris and
    Berlin …, the two capitals"), unless ``exact``."""
    inside = [m for m in mentions if start <= m.start and m.end <= position
              and m.kind not in ("reference", "dateline")]
    units: list[list[Mention]] = []  # one per phrase: a group's members share its offsets
    for mention in inside:
        if units and (units[-1][0].start, units[-1][0].end) == (mention.start, mention.end):
            units[-1].append(mention)
        else:
            units.append([mention])
    runs: list[list[list[Mention]]] = []  # units joined by commas and "and"
    for unit in units:
        if runs and _AND.fullmatch(text, runs[-1][-1][0].end, unit[0].start):
            runs[-1].append(unit)
        else:
            runs.append([unit])
    for run in reversed(runs):
        # the whole list, if "and" joins it, then each group in it ("the three Baltic states
        # and Poland": the three are the Baltic states)
        joined = len(run) > 1 and "and" in text[run[0][0].end : run[-1][0].start]
        lists = [[m for unit in run for m in unit]] if joined else []
        for together in lists + [unit for unit in reversed(run) if len(unit) > 1]:
            countries = tuple(dict.fromkeys(m.country for m in together))
            if len(countries) == count or (count == 2 and len(countries) > 2 and not exact):
                return countries[-count:]
    return None


def _last_named(mentions: list[Mention], start: int, position: int,
                count: int) -> tuple[str, ...] | None:
    """The last ``count`` different countries named in ``text[start:position]``, in reading
    order."""
    found: list[str] = []
    for mention in reversed(mentions):
        if mention.end > position or mention.start < start:
            continue
        if mention.country not in found:
            found.append(mention.country)
        if len(found) == count:
            return tuple(reversed(found))
    return None


def _reference(match: re.Match[str], codes: tuple[str, ...]) -> list[Mention]:
    """One mention per country the phrase stands for, saying how it was read."""
    via = f"“{match.group(0)}” read as " + " and ".join(country_name(c) for c in codes)
    return [Mention(match.start(), match.end(), match.group(0), code, "reference", via)
            for code in codes]


def _named_before(mentions: list[Mention], position: int) -> list[Mention]:
    """The mentions that end before ``position``, but datelines (a place of filing)."""
    return [m for m in mentions if m.end <= position and m.kind != "dateline"]


def _most_named(mentions: list[Mention], position: int, neighbours: bool = False,
                count: int = 2) -> tuple[str, ...] | None:
    """The ``count`` countries named most often before ``position`` (not counting
    datelines), the latest first among equals; in the order the article first names them.
    For "the neighbours", the most named pair that shares a border (``countryinfo``), if
    any."""
    before = _named_before(mentions, position)
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


def _most_named_monarchy(mentions: list[Mention], position: int, kind: str) -> str | None:
    """The monarchy of ``kind`` (by its official name in ISO 3166: "Kingdom of Saudi Arabia",
    "Sultanate of Oman") the article names most before ``position``, the latest among
    equals."""
    before = [m for m in _named_before(mentions, position) if _is_monarchy(m.country, kind)]
    counts = Counter(m.country for m in before)
    last = {m.country: m.start for m in before}
    return max(counts, key=lambda code: (counts[code], last[code]), default=None)


@cache
def _is_monarchy(code: str, kind: str) -> bool:
    country = pycountry.countries.get(alpha_3=code)
    return country is not None and " ".join(kind.split()).title() in getattr(
        country, "official_name", country.name)


def main_country(mentions: list[Mention], position: int, besides: str = "") -> str | None:
    """The country the article has named most before ``position`` (not counting datelines,
    nor ``besides``), the latest among equals: what a sentence that names none is most
    likely about, or the other party of one that names only ``besides``."""
    found = _most_named([m for m in mentions if m.country != besides], position, count=1)
    return found[0] if found else None


def story_partner(mentions: list[Mention], position: int, besides: str) -> str | None:
    """The other country the story is about, as far as ``position``: the one named most
    before it (not counting datelines, nor ``besides``), when named twice or more and more
    often than any other; else ``None`` (no clear second party: "Italy signed the accord"
    after a sentence on France and Germany adds neither)."""
    ranked = Counter(m.country for m in _named_before(mentions, position)
                     if m.country != besides).most_common(2)
    if not ranked or ranked[0][1] < 2 or (len(ranked) == 2 and ranked[1][1] == ranked[0][1]):
        return None
    return ranked[0][0]


@cache
def _borders(code: str) -> frozenset[str]:
    """The countries ``code`` shares a land border with, from ``countryinfo``."""
    try:
        return frozenset(CountryInfo(code).borders() or ())
    except CountryNotFoundError:  # a historic state ("SUN")
        return frozenset()
