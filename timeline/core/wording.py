"""Counts in English, for everything a reader is told: "1 event", "2 events", never "event(s)"."""

from __future__ import annotations

# Plurals the rules below get wrong (the people who made changes, a file's criteria).
IRREGULAR = {"person": "people", "criterion": "criteria", "analysis": "analyses"}
_VOWELS = set("aeiou")


def plural(noun: str) -> str:
    """The plural of an English noun ("event" → "events", "anniversary" → "anniversaries",
    "match" → "matches"); for a phrase, of its last word ("stored event" → "stored events")."""
    head, _, word = noun.rpartition(" ")
    lead = f"{head} " if head else ""
    if word.lower() in IRREGULAR:
        return lead + IRREGULAR[word.lower()]
    if word.endswith("y") and len(word) > 1 and word[-2].lower() not in _VOWELS:
        return f"{lead}{word[:-1]}ies"
    if word.endswith(("s", "x", "z", "ch", "sh")):
        return f"{lead}{word}es"
    return f"{lead}{word}s"


def counted(count: int, noun: str) -> str:
    """The count with the noun agreeing: ``counted(1, "event")`` is "1 event",
    ``counted(1200, "event")`` "1,200 events"."""
    return f"{count:,} {noun if count == 1 else plural(noun)}"
