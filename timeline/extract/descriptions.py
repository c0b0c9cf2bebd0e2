"""One country named without its name: "his country", "its people", "the country", "the
former Portuguese colony".

``one_country_phrases(text, mentions, sentences)`` gives, for each such phrase, a mention of
kind ``"reference"`` with the phrase's offsets and the country it stands for, and the
``mentions`` with the country a "former …" description names as a past ruler marked as such
(kind ``"former ruler"``: in "the former Portuguese colony", Portugal is not who acts):

    "Timor-Leste joined ASEAN on Sunday. The former Portuguese colony was invaded in 1975."
    → "The former Portuguese colony": TLS (and "Portuguese": PRT, a former ruler)

The phrases: "his / her / its country, nation, people, government, citizens, sovereignty",
"the country", "the nation" (also before what it has: "the country of about 1.4 million
people", not before a name: "the country of Georgia"), and "the former … colony / republic /
territory / protectorate" (or "the Australian-administered territory": Australia is the past
ruler). What they stand for:

- "his" and "her": the country of the last leader named before it in its sentence ("Pedro
  Sánchez said that his country would not go beyond 2.1%");
- else the last country named before it in its sentence ("asked Lima to let Chavez leave the
  country");
- else the first country the sentence before names (not its dateline): what that sentence is
  about, which the next one goes on with ("Timor-Leste was admitted …. Prime Minister Xanana
  Gusmao watched as his country's flag was raised").

Phrases are read in order, so one can stand for the country another stood for ("The former
Portuguese colony was invaded …. Its people voted for independence").

``described_phrases(text, mentions, sentences)`` gives the country a description stands for
by what it fits ("the island", "the island nation", "the archipelago", "the Gulf state", "the
Caribbean nation", "the Balkan country", "the Central Asian republic", "the tiny Pacific
nation"; "the new state", "the newly independent nation", which any country fits): of the
countries named before it, one that fits (:mod:`.fits`: an island state, a
region or group by ``countryinfo`` and ``data/country_groups.csv``), not named earlier in
the phrase's own clause; the latest named earlier in its sentence, else the one the text
names most.

``region_phrases(text, mentions)`` does the same for a breakaway region described, not named
("the breakaway region", "the separatist enclave", "the enclave"): the region named last
before it in the text ("Transnistria", kind ``"region"`` in ``data/metonyms.csv``), as its
country and a region again (a place, not who acts).
"""

from __future__ import annotations

import dataclasses
import re
from collections import Counter

from timeline.core.countries import country_name

from .fits import fits, is_region_word
from .mentions import Mention

__all__ = ["described_phrases", "one_country_phrases", "region_phrases"]

# where the story was filed and a past ruler are named, but no sentence is about them
_NOT_ACTING = ("dateline", "former ruler")

_ONE_COUNTRY = re.compile(
    r"\b(?P<owner>[Hh]is|[Hh]er|[Ii]ts)\s+"
    r"(?:country|nation|people|government|citizens|sovereignty)\b"
    r"|\b(?:[Tt]he|(?P<indefinite>[Aa]))\s+"
    r"(?:(?P<former>former\s+(?:[A-Z][a-z]+\s+)?|[A-Z][a-z]+-administered\s+)"
    r"(?:colony|republic|territory|protectorate)|country|nation)\b"
    # not "the country of Georgia" (a name follows), but "the country of about 1.4 million
    # people", "the nation of more than 800 languages" (what it has)
    r"(?!\s+of\b(?!\s+(?:(?:about|some|nearly|almost|around|roughly|more|fewer|less|over"
    r"|under|just|only|barely)\b|[0-9])))"
)


def one_country_phrases(text: str, mentions: list[Mention], sentences: list[tuple[int, int]]
                        ) -> tuple[list[Mention], list[Mention]]:
    """The mentions (a past ruler in a "former …" description marked so) and one
    ``"reference"`` mention per phrase that stands for one country, each in reading order."""
    kept = list(mentions)
    found: list[Mention] = []
    for match in _ONE_COUNTRY.finditer(text):
        if match.group("indefinite") and not match.group("former"):
            continue  # "a country": any one, no reference
        inside = [m for m in kept if m.start < match.end() and match.start() < m.end]
        if inside and not match.group("former"):
            continue  # part of a name
        # "the former Portuguese colony", "Guyana, a former British colony,": Portugal and
        # Britain are named, as past rulers, never who acts
        kept = [dataclasses.replace(m, kind="former ruler", via=f"{m.text} in “{match.group(0)}”")
                if m in inside else m for m in kept]
        known = sorted([*kept, *found], key=lambda m: m.start)
        country = _stands_for(known, sentences, match)
        if country is not None:
            found.append(Mention(match.start(), match.end(), match.group(0), country,
                                 "reference", f"“{match.group(0)}” read as "
                                              f"{country_name(country)}"))
    return kept, found


def _stands_for(mentions: list[Mention], sentences: list[tuple[int, int]],
                match: re.Match[str]) -> str | None:
    """The country of the last leader before the phrase in its sentence (for "his", "her"),
    else of the last country before it there, else the first the sentence before names."""
    position = match.start()
    index = max((i for i, (s, _) in enumerate(sentences) if s <= position), default=0)
    start = sentences[index][0] if sentences else 0
    before = [m for m in mentions if start <= m.start and m.end <= position
              and m.kind not in _NOT_ACTING]
    leaders = [m for m in before if m.kind == "leader"]
    if match.group("owner") and match.group("owner").lower() != "its" and leaders:
        return leaders[-1].country
    if before:
        return before[-1].country
    if index == 0:
        return None
    previous = sentences[index - 1]
    return next((m.country for m in mentions if previous[0] <= m.start
                 and m.end <= previous[1] and m.kind not in _NOT_ACTING), None)


# "the island", "the island nation", "the archipelago", "the tiny Pacific nation", "the Gulf
# state", "the Central Asian republic"; not "the island of …"
_DESCRIBED = re.compile(
    r"\b[Tt]he\s+(?:(?!(?:same|other|two|three|first|last|next|only)\b)[a-z]+(?:-[a-z]+)?\s+)"
    r"{0,2}?(?P<region>(?:[A-Z][a-z]+\s+){0,2}?)"
    r"(?:(?P<island>islands?|archipelago)(?:\s+(?:nation|state|country|republic|kingdom))?"
    r"|(?:nation|country|state|republic|kingdom|monarchy|emirate))\b(?![\s-]+of\b|-)"
)
# a country just independent, which any country may have been: "the new state", "the
# newly independent nation", "the young republic"
_NEW = re.compile(r"\b(?:new|young|newly\s+independent|fledgling)\s+"
                  r"(?:nation|country|state|republic)$")
# named, but not as a place: a leader is a person; where a story was filed, a past ruler
_NOT_PLACES = ("dateline", "former ruler", "leader")


def described_phrases(text: str, mentions: list[Mention], sentences: list[tuple[int, int]]
                      ) -> list[Mention]:
    """One ``"reference"`` mention per description that fits one of the countries named
    before it (:func:`timeline.extract.fits.fits`): "the island" after Nauru, "the Caribbean
    nation" after Haiti; none where none fits. Not one named by name earlier in the phrase's
    own clause (its other party: "Taipei severed relations with the island" is not Taiwan);
    of the others, the latest named earlier in the sentence ("France ruled Algeria until the
    North African country won independence"), else the one the text names most (the latest
    among equals)."""
    found: list[Mention] = []
    for match in _DESCRIBED.finditer(text):
        region = match.group("region").strip()
        island = bool(match.group("island"))
        new = not region and not island and _NEW.search(match.group(0))
        if (not region and not island and not new) or (region and not is_region_word(region)):
            continue
        if any(m.start < match.end() and match.start() < m.end for m in mentions):
            continue  # part of a name ("the Cook Islands")
        named = _appositive(text, mentions, match.start())
        country = named or _fitting(text, sorted([*mentions, *found], key=lambda m: m.start),
                                    sentences, match.start(), region, island,
                                    match.group("island") == "islands")
        if country is not None:
            why = ("the country it describes, named right before it" if named
                   else "the country named before that it fits")
            found.append(Mention(match.start(), match.end(), match.group(0), country,
                                 "reference", f"“{match.group(0)}” read as "
                                              f"{country_name(country)}, {why}"))
    return found


def _appositive(text: str, mentions: list[Mention], position: int) -> str | None:
    """The country named right before ``position`` with only a comma between: the one an
    apposition describes ("Papua New Guinea, the most populous Pacific island nation, …"),
    whatever the tables say it fits; None otherwise."""
    before = [m for m in mentions if m.end <= position and m.kind not in _NOT_PLACES]
    if before and re.fullmatch(r"\s*,\s*", text[before[-1].end : position]):
        return before[-1].country
    return None


# where a clause starts: a country named after it and before a description in the same
# clause is that clause's other party ("Taipei severed relations with the island")
_CLAUSE_START = re.compile(r"[,;:(]\s*|\s(?:and|but|that|until|when|while|after|before|"
                           r"because|as|which|who)\s")

# a country after a preposition is the clause's object, which a description may take up
# again: "Ties with Papua New Guinea date back to the Pacific nation's independence"
_OBJECT_BEFORE = re.compile(r"\b(?:with|to|of|in|from|for|between)\s+(?:the\s+)?$")


def _fitting(text: str, mentions: list[Mention], sentences: list[tuple[int, int]],
             position: int, region: str, island: bool, plural: bool = False) -> str | None:
    """The country named before ``position`` that fits (see :func:`described_phrases`)."""
    index = max((i for i, (s, _) in enumerate(sentences) if s <= position), default=0)
    start = sentences[index][0] if sentences else 0
    text_before = [m for m in mentions if m.end <= position and m.kind not in _NOT_PLACES]
    clause = max((c.end() for c in _CLAUSE_START.finditer(text, start, position)),
                 default=start)
    same_clause = {m.country for m in text_before if m.start >= clause
                   and not _OBJECT_BEFORE.search(text, clause, m.start)}
    fitting = [m for m in text_before
               if m.country not in same_clause and fits(m.country, region, island, plural)]
    in_sentence = [m.country for m in fitting if m.start >= start]
    if in_sentence:
        return in_sentence[-1]
    counts = Counter(m.country for m in fitting)
    last = {m.country: m.start for m in fitting}
    return max(counts, key=lambda code: (counts[code], last[code]), default=None)


# "the breakaway region", "the separatist enclave", "the enclave"; not "… of Transnistria"
_REGION = re.compile(
    r"\b[Tt]he\s+(?:(?:(?:breakaway|separatist|rebel|disputed|self-declared|self-proclaimed"
    r"|pro-[A-Z][a-z]+)\s+)+(?:region|enclave|republic|territory|province)|enclave)\b"
    r"(?!\s+of\b)"
)


def region_phrases(text: str, mentions: list[Mention]) -> list[Mention]:
    """One mention of kind ``"region"`` per phrase describing a breakaway region, for the
    region named last before it (its country); none where no region was named before."""
    found = []
    for match in _REGION.finditer(text):
        if any(m.start < match.end() and match.start() < m.end for m in mentions):
            continue
        region = next((m for m in reversed(mentions)
                       if m.kind == "region" and m.end <= match.start()), None)
        if region is not None:
            found.append(Mention(match.start(), match.end(), match.group(0), region.country,
                                 "region", f"“{match.group(0)}” read as {region.text} "
                                           f"({country_name(region.country)})"))
    return found
