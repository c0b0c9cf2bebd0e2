"""Countries named as former members of a union: "the five former Soviet republics", "the
former Yugoslav states", "ex-Soviet countries".

"Former Soviet" before a plural noun is not the Soviet Union: it names some of the states that
were its members, and which ones the text says elsewhere. :func:`with_former_members` drops
the union's mention inside such a phrase and gives, with the phrase's offsets, one mention of
kind ``"group"`` for each member the article names, less those named in the phrase's own
sentence (it names them as the others: "Moscow regards the former Soviet republics as …"),
in the file's order:

- with a count ("the five former Soviet republics"), the members of the nearest sentence
  before it that names just that many, else the last that many different members named
  before the phrase (then after it); nothing when fewer are named, or all members when the
  count is the union's size;
- without one, after "the", every member the article names, when it names two or more;
  nothing without "the" ("a summit of former Soviet states": which ones is not said).

The unions and their members are ``data/former_unions.csv`` (the adjective, the members'
alpha-3 codes, a source).
"""

from __future__ import annotations

import re
from functools import cache

from .groups import COUNT, members_by_name
from .mentions import Mention
from .sentences import sentence_spans
from .temporal import NUMBER_WORDS

__all__ = ["former_unions", "with_former_members"]

_NOUNS = r"(?:republics|states|countries|nations|members|neighbou?rs|allies|governments)"
_NOUN = r"(?:republic|state|country|nation|member|satellite)"


@cache
def former_unions() -> dict[str, tuple[str, ...]]:
    """The rows of ``data/former_unions.csv``: a union's adjective → its members' codes."""
    return members_by_name("former_unions.csv")


@cache
def _pattern() -> re.Pattern[str]:
    names = "|".join(map(re.escape, former_unions()))
    return re.compile(rf"(?<![\w-])(?:[Tt]he\s+)?(?:(?P<count>(?i:{COUNT}))\s+)?(?:other\s+)?"
                      rf"(?:former\s+|ex-)(?P<name>{names})\s+{_NOUNS}\b")


@cache
def _one_member() -> re.Pattern[str]:
    names = "|".join(map(re.escape, former_unions()))
    return re.compile(rf"(?<![\w-])(?:(?i:former)\s+|ex-)(?:{names})\s+(?i:{_NOUN})\b")


def with_former_members(text: str, mentions: list[Mention]) -> list[Mention]:
    """``mentions`` (in reading order) less any inside a former union's phrase, with the
    members that phrase stands for (kind ``"group"``), in reading order; a phrase for one
    member ("the former Yugoslav republic", "the former Soviet republic of Georgia")
    describes a country named elsewhere and stands for none."""
    phrases = list(_pattern().finditer(text))
    describing = [*phrases, *_one_member().finditer(text)]
    if not describing:
        return mentions
    kept = [m for m in mentions
            if not any(p.start() <= m.start and m.end <= p.end() for p in describing)]
    sentences = sentence_spans(text)
    found = []
    for phrase in phrases:
        members = former_unions()[phrase.group("name")]
        start, end = next(((s, e) for s, e in sentences if s <= phrase.start() < e),
                          (phrase.start(), phrase.end()))
        here = {m.country for m in kept if start <= m.start < end}
        named = [m for m in kept if m.country in members and m.country not in here]
        codes = _members(named, members, phrase, sentences)
        via = f"“{phrase.group(0)}”: the members of data/former_unions.csv the text names"
        found += [Mention(phrase.start(), phrase.end(), phrase.group(0), code, "group", via)
                  for code in codes]
    return sorted([*kept, *found], key=lambda m: m.start)  # stable: a phrase's members stay


def _members(named: list[Mention], members: tuple[str, ...], phrase: re.Match[str],
             sentences: list[tuple[int, int]]) -> tuple[str, ...]:
    """The members ``phrase`` stands for, from the members ``named`` elsewhere."""
    count = phrase.group("count")
    if count is None:
        if phrase.group(0)[:3].lower() != "the":
            return ()  # "a summit of former Soviet states": which ones is not said
        codes = tuple(dict.fromkeys(m.country for m in named))
        return codes if len(codes) >= 2 else ()
    wanted = NUMBER_WORDS[count.lower()]
    if wanted == len(members):
        return members
    for start, end in reversed(sentences):  # the nearest sentence naming just that many
        together = tuple(dict.fromkeys(m.country for m in named if start <= m.start < end))
        if len(together) == wanted and end <= phrase.start():
            return tuple(sorted(together, key=members.index))
    before = [m.country for m in reversed(named) if m.end <= phrase.start()]
    after = [m.country for m in named if m.start >= phrase.end()]
    codes = tuple(dict.fromkeys([*before, *after]))[:wanted]
    return tuple(sorted(codes, key=members.index)) if len(codes) == wanted else ()
