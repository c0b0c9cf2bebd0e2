"""Demonyms that name a people, not its state: "ethnic Albanians", "Serb-majority
municipalities", "the Russian minority", "the Armenian diaspora".

A people lives across borders; its state is not who acts where the words are about the
people ("Kosovo, whose population is mostly ethnic Albanian, declared independence"): such a
mention keeps its country, as kind "people", and the candidates list it as a topic, after
those who act and are acted on ("… prompting 100,000 ethnic Armenians to flee"). What marks
it is general English, never a list of peoples: "ethnic" before the demonym, a compound
after it ("-majority", "-minority", "-populated", "-speaking", "-dominated", "-inhabited"; and
"-born", a person's origin: "the Portuguese-born photographer") or
a word for a group of people living among others ("minority", "community", "diaspora",
"population"). So is a demonym before a news outlet ("in an interview with an Argentine news
website"): the outlet's home is where it reports from, not a party to what it reports.
"""

from __future__ import annotations

import re

__all__ = ["names_a_people"]

_BEFORE = re.compile(r"\b[Ee]thnic(?:ally)?\s+$")
_AFTER = re.compile(
    r"(?:-(?:majority|minority|populated|speaking|dominated|inhabited|born)\b"
    r"|\s+(?:minorit(?:y|ies)|communit(?:y|ies)|diasporas?|populations?|enclaves?)\b"
    r"|\s+(?:(?:news|online|state|public|private)\s+)?(?:news\s+)?(?:websites?|newspapers?|"
    r"dailies|daily|broadcasters?|television|radio|news\s+agency|magazines?|outlets?)\b)"
)


def names_a_people(text: str, start: int, end: int) -> bool:
    """True when the demonym at ``text[start:end]`` names a people rather than its state."""
    return bool(_BEFORE.search(text[max(0, start - 20) : start]) or _AFTER.match(text, end))
