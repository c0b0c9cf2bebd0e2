"""Event words beyond any table: the verb in the simple past that heads a clause.

News tells a dated event in the simple past ("Assad fled to Moscow in December 2024",
"Ethiopia began building the dam in April 2011", "Seoul reversed a decision … in November
2019"), whatever the verb. The keyword table (:mod:`~timeline.extract.keywords`) and CAMEO's
verbs (:mod:`~timeline.extract.cameo_verbs`) know only the verbs they list; each new set of
articles brought verbs neither had. :func:`open_verb` finds the first verb of a clause that
``lemminflect`` knows as a past-tense form (its tables ship in the wheel: "fled" → "flee",
"took" → "take", "annexed" → "annex"), or its participle after "had" (the past perfect tells
an earlier event: "had raised duties in October 2024"), written in lower case, outside the
clause's dates, and neither a participle after another auxiliary ("were backed", "has said")
nor one with an agent ("led by"). Verbs that say nothing by themselves (reporting, being,
having), those of a person's life (dying) and those of measures ("trade reached a record in
2022"; :data:`SILENT`) are skipped.

Such a verb is used only when the clause has no word of the tables, or only a reporting verb
after it (:func:`timeline.extract.scoring.event_word`). It comes as a
:class:`~timeline.extract.keywords.Keyword` of type ``"statement"`` (what happened is not
typed: a person reviewing the candidate picks the type), titled with the verb itself, and
strength 2, a word that usually goes with an event.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache

from lemminflect import getAllInflections, getAllLemmas

from .keywords import Keyword

__all__ = ["OPEN_STRENGTH", "SILENT", "is_past_tense", "open_verb", "tells_its_own"]

# The strength an open verb has for the parts of scoring that rank event words: below a word
# of the table (2, 3), above a reporting verb (1).
OPEN_STRENGTH = 2

# Verbs in the simple past that do not tell an event by themselves: being, having, saying,
# seeming, and those of the date's own wording ("came into force" is in the table).
SILENT = frozenset({
    "be", "have", "do", "say", "tell", "add", "note", "state", "report", "announce", "claim",
    "seem", "appear", "become", "remain", "stay", "call", "describe", "name", "know", "think",
    "believe", "want", "need", "hope", "expect", "plan", "intend", "mean", "get", "go", "come",
    "write", "ask", "insist", "argue", "suggest", "show", "happen", "continue", "cite",
    "quote", "base", "aim", "design", "schedule", "use", "make", "see", "lead", "follow",
    "include", "involve", "concern", "hold", "put", "set", "let", "keep",
    # what befell or was brought about, no step taken: "the invasion brought war back to
    # Europe", "he survived the attempt", "the talks failed", "walked into the embassy"
    "bring", "survive", "fail", "walk", "acknowledge",
    # a person's life, not a step between states: "Karimov died in September 2016", "who
    # succeeded his father in July 1999"
    "die", "live", "marry", "study", "succeed",
    # modals in the past are no verbs of their own: "said he would make a statement"
    "will", "can", "shall", "may", "must",
    # measures, not events: "trade reached a record in 2022", "exports fell in May"
    "reach", "rise", "fall", "grow", "drop", "total", "climb", "increase", "decrease",
    "decline", "double", "triple", "hit", "top", "exceed", "surge", "slump", "jump", "gain",
    "lose", "cost", "account", "amount", "average", "peak", "shrink", "expand",
})  # fmt: skip

_WORD = re.compile(r"[A-Za-z]+(?:-[a-z]+)?")
_ADVERBS = r"(?:(?:not|also|already|since|just|then|never|long|reportedly|previously)\s+)*$"
_AUXILIARY = re.compile(
    r"\b(?:has|have|having|was|were|is|are|be|been|being|would|could|should|might|must|"
    rf"may|will|to)\s+{_ADVERBS}", re.IGNORECASE)
# the past perfect tells an earlier event: "Brussels had raised duties in October 2024"
_PERFECT = re.compile(rf"\bhad\s+{_ADVERBS}", re.IGNORECASE)
_AGENT = re.compile(r"\s+by\b")


@cache
def _past_lemma(word: str, forms: tuple[str, ...] = ("VBD",)) -> str | None:
    """The verb whose simple past ("VBD") or, among ``forms``, past participle ("VBN")
    ``word`` is ("fled" → "flee", "taken" → "take"), or ``None``. (lemminflect lists a
    participle apart only where it differs from the past: "raised" is under "VBD" alone.)"""
    for lemma in getAllLemmas(word, upos="VERB").get("VERB", ()):
        inflections = getAllInflections(lemma, upos="VERB")
        if any(word in inflections.get(form, ()) for form in forms):
            return lemma
    return None


def is_past_tense(word: str) -> bool:
    """Whether ``word`` is the simple past of a verb that tells something happened."""
    lemma = _past_lemma(word)
    return lemma is not None and lemma not in SILENT


def open_verb(text: str, start: int, end: int,
              dates: Iterable[tuple[int, int]] = ()) -> tuple[Keyword, int, int] | None:
    """The first verb in the simple past that heads ``text[start:end]`` as an event word, its
    start and end; ``None`` when the clause has none."""
    inside = list(dates)
    for match in _WORD.finditer(text, start, end):
        word = match.group(0)
        if not word.islower() or any(a <= match.start() < b for a, b in inside):
            continue
        perfect = _PERFECT.search(text, start, match.start())
        lemma = _past_lemma(word.split("-")[0], ("VBD", "VBN") if perfect else ("VBD",))
        if lemma is None:
            continue
        if (lemma in SILENT or _AUXILIARY.search(text, start, match.start())
                or _AGENT.match(text, match.end())):
            continue
        return _keyword(word), match.start(), match.end()
    return None


def tells_its_own(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` has a verb in the simple past, even one that tells no
    step by itself ("who died in exile four months later")."""
    return any(word.islower() and _past_lemma(word) is not None
               for word in _WORD.findall(text, start, end))


@cache
def _keyword(word: str) -> Keyword:
    """A keyword for one open verb: type ``statement`` (what happened is not typed), titled
    with the verb itself ("{who}: fled")."""
    return Keyword(rf"\b{re.escape(word)}\b", "statement", OPEN_STRENGTH,
                   f"{{who}}: {word}", f"{{actor}}: {word} ({{target}})")
