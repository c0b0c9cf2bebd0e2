"""Geographic features named after a country: "the Gulf of Guinea", "the Sea of Japan", "the
Korea Strait", "the Congo Basin", "the Irish Sea", "the Panama Canal".

A sea, gulf, bay, strait, channel, peninsula, basin, river, delta or lake that carries a
country's name or demonym names no country: the Gulf of Guinea washes a dozen states (Guinea
is not one of them), the Congo Basin spans six, the Niger Delta is in Nigeria, the Korea
Strait lies between two. The country word in it is no mention (:func:`feature_around` says
so, :func:`~timeline.extract.mentions.find_countries` drops it). A canal is dug inside one
state ("the Panama Canal" is Panama's): :func:`is_canal` says the word names a place of its
country, which :func:`~timeline.extract.mentions.find_countries` gives kind ``"region"``, a
place and never the actor (as Crimea is Ukraine's).

Only capitalised feature words count ("the Gulf of Mexico", not "a gulf of mistrust"); the
feature word must be the next word or the one before (" of ", " of the "; "Lake Chad").
"""

from __future__ import annotations

import re

__all__ = ["feature_around", "is_canal"]

_BEFORE = re.compile(
    r"\b(?:(?:Gulf|Bay|Sea|Strait|Straits|Lake|Isthmus|Bight) of (?:the )?|Lake )$"
)
_AFTER = re.compile(
    r"(?:Sea|Strait|Straits|Peninsula|Basin|Gulf|Bay|River|Lake|Channel|Delta|Ocean|Sound"
    r"|Bight|Trench|Plateau|Rift)(?![\w-])"
)
_CANAL = re.compile(r" Canal(?![\w-])")


def feature_around(text: str, start: int, end: int) -> str | None:
    """Return the feature word ("Gulf", "Strait") when ``text[start:end]``, a country word,
    is part of a feature's name that names no country; ``None`` otherwise (a canal included:
    see :func:`is_canal`)."""
    before = _BEFORE.search(text, max(0, start - 20), start)
    if before:
        return before.group(0).split()[0]
    if text[end : end + 1] == " ":
        after = _AFTER.match(text, end + 1)
        if after:
            return after.group(0)
    return None


def is_canal(text: str, end: int) -> bool:
    """Return whether the country word ending at ``end`` names a canal ("the Panama Canal"),
    a place inside that country."""
    return _CANAL.match(text, end) is not None
