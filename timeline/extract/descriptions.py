"""One country named without its name: "his country", "its people", "the country", "the
former Portuguese colony".

``one_country_phrases(text, mentions, sentences)`` gives, for each such phrase, a mention of
kind ``"reference"`` with the phrase's offsets and the country it stands for, and the
``mentions`` with the country a "former …" description names as a past ruler marked as such
(kind ``"former ruler"``: in "the former Portuguese colony", Portugal is not who acts):

    "Timor-Leste joined ASEAN on Sunday. The former Portuguese colony was invaded in 1975."
    → "The former Portuguese colony": TLS (and "Portuguese": PRT, a former ruler)

The phrases: "his / her / its country, nation, people, government, citizens, sovereignty",
"the country", "the nation", "the island nation", and "the former … colony / republic /
territory / protectorate". What they stand for:

- "his" and "her": the country of the last leader named before it in its sentence ("Pedro
  Sánchez said that his country would not go beyond 2.1%");
- else the last country named before it in its sentence ("asked Lima to let Chavez leave the
  country");
- else the first country the sentence before names (not its dateline): what that sentence is
  about, which the next one goes on with ("Timor-Leste was admitted …. Prime Minister Xanana
  Gusmao watched as his country's flag was raised").

Phrases are read in order, so one can stand for the country another stood for ("The former
Portuguese colony was invaded …. Its people voted for independence").

``region_phrases(text, mentions)`` does the same for a breakaway region described, not named
("the breakaway region", "the separatist enclave", "the enclave"): the region named last
before it in the text ("Transnistria", kind ``"region"`` in ``data/metonyms.csv``), as its
country and a region again (a place, not who acts).
"""

from __future__ import annotations

import dataclasses
import re

from timeline.core.countries import country_name

from .mentions import Mention

__all__ = ["one_country_phrases", "region_phrases"]

# where the story was filed and a past ruler are named, but no sentence is about them
_NOT_ACTING = ("dateline", "former ruler")

_ONE_COUNTRY = re.compile(
    r"\b(?P<owner>[Hh]is|[Hh]er|[Ii]ts)\s+"
    r"(?:country|nation|people|government|citizens|sovereignty)\b"
    r"|\b[Tt]he\s+(?:(?P<former>former\s+(?:[A-Z][a-z]+\s+)?)"
    r"(?:colony|republic|territory|protectorate)|(?:island\s+)?(?:country|nation))\b"
    r"(?!\s+of\b)"
)


def one_country_phrases(text: str, mentions: list[Mention], sentences: list[tuple[int, int]]
                        ) -> tuple[list[Mention], list[Mention]]:
    """The mentions (a past ruler in a "former …" description marked so) and one
    ``"reference"`` mention per phrase that stands for one country, each in reading order."""
    kept = list(mentions)
    found: list[Mention] = []
    for match in _ONE_COUNTRY.finditer(text):
        inside = [m for m in kept if m.start < match.end() and match.start() < m.end]
        if inside and not match.group("former"):
            continue  # part of a name
        # "the former Portuguese colony": Portugal is named, as a past ruler, never who acts
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
