"""Independence told in passing: "since the archipelago won independence from Britain",
"Angola's independence from Portugal in 1975", "became independent from Spain in 1968",
"Britain ruled Cyprus from 1878 until independence on August 16, 1960".

:data:`~timeline.extract.keywords.INDEPENDENCE` is the wording (a verb of winning or
declaring it, or the noun or adjective before "from"); :func:`independence_parties` gives who
became independent and from whom, from the country mentions of the sentence: the new state is
the country named after "the independence of" ("proclaimed the independence of Bangladesh"),
else the last country named before the wording in the same clause ("Angola's independence",
"the archipelago won", not "the title Spain held when its former colony
became …"; never a demonym or a people: "Lithuania became the first Soviet republic to
declare …"); the former ruler is the country named right after "from"; a country that
"ruled" another before "until independence" is the ruler, the other the state. A date must follow
the wording ("guest on Saturday at celebrations marking 60 years since it won independence"
dates the celebration) or open its clause ("On 16 September 1975, the Australian-administered
territory became a sovereign state": a former ruler's "-administered" names it). The
candidate is theirs alone: the countries the rest of the sentence names act elsewhere. When
no ruler is named ("Bangladesh won independence in December 1971 …, and Islamabad recognised
…") nothing is said, and the candidate keeps the sentence's countries.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from itertools import pairwise

from .clauses import IT_OPENS
from .keywords import INDEPENDENCE
from .mentions import Mention

__all__ = ["independence_parties"]

_WORDING = re.compile(INDEPENDENCE, re.IGNORECASE)
_FROM = re.compile(r"\s+from\s+(?:the\s+)?$")
_OF = re.compile(r"\s+of\s+(?:the\s+)?")
# the state's own relative clause, right before the wording: "a former Belgian colony that
# won independence"
_ITS_RELATIVE = re.compile(r"\s*,?\s*(?:that|which|who)\s+(?:\w+\s+){0,2}")
# "refused to recognise Belize when it won independence": "it" is the state just named
_IT_WHEN = re.compile(r"\s*,?\s*" + IT_OPENS)
# "Britain ruled Cyprus … until independence": the ruler, then the state it ruled
_RULED = re.compile(r"\s+ruled\s+(?:over\s+)?")
_UNTIL = re.compile(r"\buntil\s+(?:its\s+|their\s+)?$")
_OPENS = re.compile(r"\s*(?:[Oo]n|[Ii]n)?\s*")
_ANOTHER_CLAUSE = re.compile(r"\b(?:when|who|whom|which|that|after|before|since|while|because|"
                             r"until|whose)\b")


def independence_parties(text: str, start: int, end: int, mentions: Iterable[Mention],
                         dated: Iterable[int]) -> tuple[str, str] | None:
    """``(new state, former ruler)`` for the first independence wording in
    ``text[start:end]``, or ``None`` when there is none, no date (of the offsets ``dated``)
    follows it, or the state or the ruler (named after "from") is not named."""
    match = _WORDING.search(text, start, end)
    if match is None or not any(at >= match.start() or _OPENS.fullmatch(text, start, at)
                                for at in dated):
        # "guest on Saturday at celebrations marking 60 years since … won …"; but "On 16
        # September 1975, the territory became a sovereign state": the date opens the clause
        return None
    mentions = [m for m in mentions if start <= m.start < end]
    before = [m for m in mentions if m.end <= match.start()]
    if _UNTIL.search(text, start, match.start()) and (ruled := [
            (ruler.country, state.country) for ruler, state in pairwise(before)
            if _RULED.fullmatch(text, ruler.end, state.start)]):
        # "Britain ruled Cyprus from 1878 until independence on August 16, 1960"
        return ruled[-1][1], ruled[-1][0]
    # a demonym before a noun qualifies it ("the first Soviet republic to declare …"), and a
    # past ruler is never the new state ("Eritrea, a former Italian colony, won …")
    named = [m for m in before if m.kind not in ("demonym", "people", "former ruler")]
    of = _OF.match(text, match.end())
    # "proclaimed the independence of Bangladesh": the state is named after
    state = (next((m for m in mentions if m.start == of.end()), None) if of
             else named[-1] if named else None)
    if state is None or (not of and _ANOTHER_CLAUSE.search(text, state.end, match.start())
                         and not _ITS_RELATIVE.fullmatch(text, state.end, match.start())
                         and not _IT_WHEN.fullmatch(text, state.end, match.start())):
        # "the one Spain held when its former colony became independent"; but "a former
        # Belgian colony that won independence" is the state's own relative clause
        return None
    from_at = text.find(" from ", match.start(), min(end, match.end() + 12))
    ruler = next((m for m in mentions if from_at >= 0 and m.start > from_at
                  and _FROM.search(text, from_at, m.start)), None)
    if ruler is None:
        # "Rwanda, a former Belgian colony that won independence in 1962": the past ruler
        ruler = next((m for m in mentions if m.kind == "former ruler"), None)
    if ruler is None or ruler.country == state.country:
        return None  # from whom is not said: the sentence's other countries may say it
    return (state.country, ruler.country)
