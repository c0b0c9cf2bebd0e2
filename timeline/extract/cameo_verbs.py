"""Event words beyond the keyword table: the verbs of CAMEO's event labels, in every form.

:func:`cameo_keywords` reads ``data/cameo_events.csv`` (the CAMEO codebook's labels, "host a
visit", "criticize or denounce", "expel or deport individuals", "seize or damage property") and
gives one :class:`~timeline.extract.keywords.Keyword` per verb that heads a label: all its
inflected forms (``lemminflect``: "seize", "seized", "seizes", "seizing"; "criticise" spelled
both ways), the event type of the most general CAMEO code the verb heads
(:func:`timeline.core.event_types.type_for_cameo`) and strength 2, a word that usually goes with the
event. The hand-written table (:data:`~timeline.extract.keywords.KEYWORDS`) keeps its stronger
patterns; these only widen what counts as an event word, with the verbs CAMEO itself uses
("occupied", "deported", "mediated", "denounced") and nothing guessed.

Left out: verbs too general to say an event happened ("make", "engage", "use", "provide",
"express", "return", …; see :data:`GENERAL`) — they head CAMEO labels only with the noun that
carries the meaning ("make a visit", "engage in negotiation").
"""

from __future__ import annotations

import re
from functools import cache

from lemminflect import getAllInflections

from timeline.core.cameo import EVENTS_FILE, read_table
from timeline.core.event_types import type_for_cameo

from .keywords import KEYWORDS, Keyword

__all__ = ["GENERAL", "cameo_keywords", "label_verbs"]

# Verbs that head CAMEO labels but say nothing by themselves ("make statement", "use force",
# "return, release person(s)"): reporting and support verbs, and those common in any news.
GENERAL = frozenset({
    "make", "engage", "express", "conduct", "use", "carry", "provide", "give", "bring",
    "find", "consider", "employ", "attempt", "allow", "increase", "reduce", "return",
    "receive", "declare", "deny", "decline", "acknowledge", "defend", "share", "yield",
    "halt", "demand", "refuse", "reject", "appeal", "exhibit", "claim", "charge", "take",
    "damage", "stop", "change", "ease", "accede", "cooperate", "investigate", "meet",
    "consult", "discuss", "praise", "complain", "physically", "sexually", "violate",
    "break", "grant", "release",
})  # fmt: skip

_LEADING_VERBS = re.compile(r"^([a-z-]+)((?:,\s*(?!or\b)[a-z-]+)*)(?:,?\s+or\s+([a-z-]+))?\b")


def label_verbs(label: str) -> list[str]:
    """The verbs that head a CAMEO label: "criticize or denounce" → criticize, denounce;
    "abduct, hijack, or take hostage" → abduct, hijack, take; "host a visit" → host."""
    match = _LEADING_VERBS.match(label.strip().lower())
    if match is None:
        return []
    words = [match.group(1), *re.findall(r"[a-z-]+", match.group(2) or "")]
    if match.group(3):
        words.append(match.group(3))
    return [w for w in words if getAllInflections(w, upos="VERB")]


def _forms(verb: str) -> list[str]:
    forms = {form for group in getAllInflections(verb, upos="VERB").values() for form in group}
    # British spelling of -ize verbs ("criticise", "mobilised")
    return sorted({re.sub(r"(?<=\w\w\w)iz(e|ed|es|ing)$", r"i[sz]\1", form) for form in forms},
                  key=len, reverse=True)


@cache
def cameo_keywords() -> tuple[Keyword, ...]:
    """One strength-2 keyword per CAMEO label verb, typed by the most general code it heads."""
    codes: dict[str, str] = {}
    for row in read_table(EVENTS_FILE):
        for verb in label_verbs(row["label"]):
            if verb not in GENERAL and (verb not in codes or len(row["code"]) < len(codes[verb])):
                codes[verb] = row["code"]
    titles = {}
    for keyword in KEYWORDS:  # the table's wording of each type, first one in the table
        titles.setdefault(keyword.type, keyword)
    keywords = []
    for verb, code in sorted(codes.items()):
        kind = type_for_cameo(code).code
        model = titles.get(kind)
        if model is None:
            continue  # a type the table has no title for: not an event type we extract
        pattern = r"\b(?:" + "|".join(_forms(verb)) + r")\b"
        keywords.append(Keyword(pattern, kind, 2, model.title, model.title_with_target))
    return tuple(keywords)
