"""Countries named together by the name of their group: "the Baltic states".

``find_groups("The three Baltic states joined the grid.")`` gives three mentions of kind
``"group"``, Estonia, Latvia and Lithuania, each with the offsets of "The three Baltic
states", as :func:`timeline.extract.mentions.find_countries` gives both Koreas for "the two
Koreas".

The groups and their members are ``data/country_groups.csv`` (the word news puts before
"states", "countries", "governments" …, the members, a source). A group is named by its word
and a plural noun ("Baltic states", "the Nordic countries", "the three Baltic governments",
"the Sahel neighbours") or by its word made plural ("the Baltics"); not by the word alone
("the Baltic Sea", "Nordic skiing"). A count that is not the group's size ("two Nordic
countries") names some of its members, which ones the text does not say: nothing is given.
"""

from __future__ import annotations

import re
from functools import cache

from timeline.core.cameo import read_table

from .mentions import DATA_DIR, Mention
from .temporal import NUMBER_WORDS

__all__ = ["COUNT", "country_groups", "find_groups"]

# A count in words, two and up: "the three Baltic states", "the three countries" (references)
COUNT = "|".join(word for word, number in NUMBER_WORDS.items() if number >= 2)
# "Nordic foreign ministers", "Gulf Cooperation Council defence ministers": the members'
_NOUNS = (r"(?:states|countries|nations|republics|governments|neighbou?rs|leaders|capitals|"
          r"members|allies|(?:(?:foreign|defen[cs]e)\s+)?ministers)")


def members_by_name(file_name: str) -> dict[str, tuple[str, ...]]:
    """The rows of a file in ``data/`` of a ``name`` and its ``countries`` ("EST|LVA|LTU"):
    a name → its members' alpha-3 codes."""
    return {row["name"]: tuple(row["countries"].split("|"))
            for row in read_table(DATA_DIR / file_name)}


@cache
def country_groups() -> dict[str, tuple[str, ...]]:
    """The rows of ``data/country_groups.csv``: a group's word → its members' alpha-3 codes."""
    return members_by_name("country_groups.csv")


@cache
def _pattern() -> re.Pattern[str]:
    names = "|".join(map(re.escape, sorted(country_groups(), key=len, reverse=True)))
    return re.compile(rf"(?<![\w-])(?:[Tt]he\s+)?(?:(?P<count>(?i:{COUNT}|both))\s+)?"
                      rf"(?P<name>{names})(?:\s+{_NOUNS}|s)\b")


def find_groups(text: str, named: list[Mention] = ()) -> list[Mention]:
    """One mention of kind ``"group"`` per member of each group named in ``text``, in reading
    order (a group's members in the file's order, with the phrase's offsets). A count short of
    the group ("both Gulf states", "the two Nordic countries") stands for the members last
    ``named`` before it, when as many were; else for none."""
    found = []
    for match in _pattern().finditer(text):
        members = country_groups()[match.group("name")]
        count = match.group("count")
        number = 2 if count and count.lower() == "both" else NUMBER_WORDS.get((count or "").lower())
        if number is not None and number != len(members):
            before = list(dict.fromkeys(m.country for m in reversed(named)
                                        if m.end <= match.start() and m.country in members))
            if len(before) < number:
                continue  # "two Nordic countries" named first: which two is not said
            members = tuple(code for code in members if code in before[:number])
        via = f"“{match.group(0)}”: the group in data/country_groups.csv"
        found += [Mention(match.start(), match.end(), match.group(0), code, "group", via)
                  for code in members]
    return found
