"""Event candidates in a news article: what happened, when, between whom, said where.

``extract_candidates(article, published=date(2024, 10, 7))`` reads the article sentence by
sentence and gives one :class:`Candidate` for each sentence (or clause) that names a date, a
country and an event word; ``candidate.to_event()`` turns a reviewed candidate into a validated
:class:`timeline.model.Event`. Nothing here is stored: a person reviews candidates first.

How each part is found, and the choices made:

- **Sentences**: ``pysbd`` (rule-based, offline). Lines broken inside a paragraph (the next
  line starts in lower case, or the line ends in a comma or a word like "the") are read as one
  line; an all-capitals kicker such as "‘FIGHT TO THE END’:" is left out of the sentence.
- **Dates**: :func:`timeline.temporal.tag_dates` over the whole article. "The 75th anniversary
  of …" never dates an event (it names the year counted from, whose event is reported where it
  happened); "since 2019" yields to another date in the same clause; "from 1950 to 1953" gives a
  date and an end date. Two anaphors are resolved here, because only the extractor knows what
  they point at: "the same day" (the date of the previous day-precise candidate) and "on his
  first day" (the first day in office of the leader named in the sentence, from
  ``data/leaders.csv``). A sentence with two different dates is cut into clauses at the
  strongest boundary between them ("; ", ", who", ", while", ", and", …): each clause is a
  candidate. A clause that starts in lower case ("… and Moscow in June, KCNA said", "met
  Ishiba last week") borrows the subject, and an event word stronger than a reporting verb,
  from the clause before; one that starts "who" or "which" takes the country named just before
  it as its subject ("Yoon, who was arrested last week"). Without any boundary, the date
  nearest the event word wins.
- **Precision**: events keep the precision their text gives and never a day the text does not
  give. A timex coarser than a day but finer than a year becomes the month that contains it
  ("last week" in the middle of January → January); if it spans two or three months, the first
  and last month become the date and end date ("the third quarter" → July–September), and
  beyond that the year (or first and last year, for "the 1960s"). The reasons say so.
- **Countries**: :func:`timeline.mentions.find_countries` over the whole article (so a bare
  "Kim" after "Kim Jong-un" counts). Within the clause, countries named before the event word
  and not after "to", "with", "against", … are the subjects; those after it (or after such a
  preposition) the objects; those after "discussed", "about" or "over" the topics. Countries
  are listed subjects first, then objects, then topics. One subject country is the ``actor``;
  with it, one other object country is the ``target``. Several subjects ("Kim and Putin
  signed") make a mutual event with neither. Phrases that name both Koreas ("inter-Korean")
  count for both (``find_countries(..., joint=True)``).
- **Back-references**: when the clause's event is a definite back-reference to something
  reported just before ("… to debate the bill today", "signed the deal", "ratified it"), the
  countries of what it refers back to are listed after the clause's own, which keep their
  place (and the actor and target stay the clause's). A back-reference is "the", "this" or
  "these", at most two lower-case modifiers and an event noun from :data:`_BACK_NOUNS` ("the
  amendment", "the move", "the session", "the deal", "the talks", …), or "it" as the object
  of the event word; it is the event only when it contains the event word or follows it
  directly as its object. A phrase that identifies the thing by itself is no back-reference:
  a capitalised modifier ("the Paris agreement", "the G7 summit"), an ordinal, "next" or
  "annual" ("the next summit"), or a complement ("the talks between …", "the plan to …").
  What it refers back to is the sentence before (for a sentence's later clause, the clauses
  before it in the sentence); with no sentence before, or none naming a country, nothing is
  added, and a clause still needs a country of its own or borrowed to be a candidate.
- **Type**: :data:`KEYWORDS`, a table of patterns, each with an event type from
  :mod:`timeline.event_types`, a strength (3 the act itself: "signed … a pact", "phone call",
  "test-fired"; 2 a word that usually goes with it: "meeting", "court", "message"; 1 a reporting
  verb: "said") and a title. The strongest match in the clause wins, the one nearest the date
  among equals. A reporting verb alone makes a statement.
- **Confidence** (0–1) adds up what makes a candidate believable, and ``reasons`` spells out
  each part: the date found (+0.15, or +0.1 read from an anaphor), the event word's strength
  (+0.35, +0.2 or +0.05), a subject country (+0.15), the event word within 60 characters of
  the date (+0.1), on top of 0.2 for having all three. Before the event word, future or hedged
  wording ("would", "expected to", "reportedly") takes 0.15 off and a negation ("did not",
  "refused to") 0.5 (a negated event falls below the default threshold of 0.5); a date given
  coarser than written takes 0.05 off, and so does a clause of more than 60 words (a headline
  run into the text). An event word in quoted speech or in a setting ("ahead of Trump's
  inauguration", "during a meeting", "at a summit") counts as strength 0.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import itertools
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from typing import Any

import pysbd

from .countries import country_name
from .dates import PartialDate, Precision
from .event_types import EVENT_TYPES_BY_CODE
from .mentions import Mention, find_countries, leaders
from .model import MAX_QUOTE, Event, parse_event
from .temporal import Timex, tag_dates

__all__ = ["KEYWORDS", "Candidate", "Keyword", "extract_candidates", "sentence_spans"]


# ---------------------------------------------------------------------------------------------
# The keyword table


@dataclass(frozen=True)
class Keyword:
    """One way an event is worded: a pattern, the event type it signals and how strongly.

    ``title`` is a template: ``{who}`` the subject countries, ``[s]``/``[es]`` the verb ending
    used with one country; ``title_with_target`` (``{actor}``, ``{target}``) is used when the
    candidate has both.
    """

    pattern: str
    type: str
    strength: int
    title: str
    title_with_target: str = ""

    @property
    def regex(self) -> re.Pattern[str]:
        return _compiled(self.pattern)


@cache
def _compiled(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


# Word endings, written once: "sign(?:ed|s|ing)?" is r"sign" + _VERB.
_VERB = r"(?:ed|s|ing)?"
_E_VERB = r"(?:e|ed|es|ing)"  # "restore", "restored", "restores", "restoring" from "restor"

KEYWORDS: tuple[Keyword, ...] = (
    # -- ties established / cut
    Keyword(rf"\b(?:establish{_VERB}|normali[sz]{_E_VERB}|restor{_E_VERB}|resum{_E_VERB}|"
            rf"forg{_E_VERB})\s+(?:full\s+)?(?:diplomatic\s+)?(?:ties|relations)\b"
            r"|\b(?:diplomatic\s+)?(?:ties|relations)\s+(?:were\s+|was\s+)?"
            r"(?:established|restored|normali[sz]ed)\b",
            "ties_established", 3, "{who} establish[es] diplomatic ties",
            "{actor} establish[es] diplomatic ties with {target}"),
    Keyword(r"\brecogni[sz](?:ed|es|ing)\s+(?:the\s+)?(?:independence|sovereignty|government)\b",
            "ties_established", 2, "{who} recognise[s] a government",
            "{actor} recognise[s] {target}"),
    Keyword(rf"\b(?:cut|cuts|cutting|sever{_VERB}|broke\s+off|break(?:s|ing)?\s+off|"
            rf"suspend{_VERB}|downgrad{_E_VERB})\s+(?:all\s+)?(?:diplomatic\s+)?"
            r"(?:ties|relations)\b",
            "ties_cut", 3, "{who} cut[s] ties", "{actor} cut[s] ties with {target}"),
    Keyword(r"\bexpel(?:led|s|ling)?\b[^.;]{0,40}?\b(?:diplomats?|ambassadors?|envoys?)\b"
            r"|\brecall(?:ed|s|ing)?\s+(?:its|their|his|her)\s+(?:ambassador|envoy)\b",
            "ties_cut", 3, "{who} expel[s] or recall[s] diplomats",
            "{actor} expel[s] or recall[s] diplomats over {target}"),
    # -- treaties
    Keyword(rf"\bsign{_VERB}\b[^.;]{{0,60}}?\b(?:treaty|pact|agreement|accord|deal|"
            r"memorandum|protocol|declaration)\b"
            r"|\b(?:treaty|pact|agreement|accord|deal)\s+(?:was\s+|were\s+)?signed\b"
            r"|\bratif(?:ied|ies|y|ying)\b",
            "treaty", 3, "{who} sign[s] an agreement",
            "{actor} sign[s] an agreement with {target}"),
    Keyword(r"\b(?:agreed|agree|agrees)\s+(?:to|on)\b|\breached\s+(?:an?\s+)?(?:deal|agreement)\b",
            "treaty", 2, "{who} reach[es] an agreement",
            "{actor} reach[es] an agreement with {target}"),
    # -- military posture
    Keyword(rf"\btest[- ]fir{_E_VERB}\b"
            rf"|\b(?:fir{_E_VERB}|launch{_VERB}|launches)\b[^.;]{{0,40}}?\b(?:missiles?|"
            r"rockets?|projectiles?|satellites?)\b"
            r"|\b(?:missile|nuclear|weapons?)\s+tests?\b",
            "military_posture", 3, "{who} fire[s] or test[s] missiles",
            "{actor} fire[s] or test[s] missiles near {target}"),
    Keyword(r"\b(?:drills?|military\s+exercises?|joint\s+exercises?|war\s+games|live[- ]fire|"
            r"artillery)\b",
            "military_posture", 3, "{who} hold[s] a military drill",
            "{actor} hold[s] a military drill near {target}"),
    Keyword(r"\b(?:deployed|deploys|mobili[sz]ed|troops\s+massed)\b",
            "military_posture", 2, "{who} deploy[s] forces",
            "{actor} deploy[s] forces near {target}"),
    # -- sanctions
    Keyword(rf"\b(?:impos{_E_VERB}|slapp(?:ed|ing)|announc{_E_VERB}|expand{_VERB}|"
            rf"tighten{_VERB})\s+(?:new\s+|fresh\s+|further\s+|additional\s+|more\s+)?"
            r"(?:sanctions|tariffs|an?\s+embargo|export\s+controls)\b",
            "sanctions", 3, "{who} impose[s] sanctions", "{actor} impose[s] sanctions on {target}"),
    Keyword(r"\b(?:sanction(?:ed|s|ing)?|tariffs?|embargo|blacklisted)\b",
            "sanctions", 2, "{who} impose[s] sanctions", "{actor} impose[s] sanctions on {target}"),
    # -- talks
    Keyword(r"\b(?:phone|telephone|video)\s+(?:call|talks|conversation)\b"
            r"|\bspoke\s+(?:by|on\s+the)\s+(?:tele)?phone\b",
            "talks", 3, "{who} hold[s] a phone call", "{actor} hold[s] a phone call with {target}"),
    Keyword(r"\b(?:held|hold|holds|holding)\s+talks\b|\btalks\b|\bnegotiat(?:ed|es|ing|ions?)\b"
            r"|\bdiscuss(?:ed|es|ing)\b|\bspok(?:e|en)\s+with\b|\bmediat(?:ed|es|ing|ion)\b",
            "talks", 2, "{who} hold[s] talks", "{actor} hold[s] talks with {target}"),
    # -- summits and visits
    Keyword(r"\b(?:state\s+|official\s+)?visit(?:ed|s|ing)?\b|\btrip\s+to\b|\barrived\s+in\b",
            "summit", 3, "{who} make[s] a visit", "{actor} visit[s] {target}"),
    Keyword(r"\b(?:summit|met|meets|meeting|hosted|hosts)\b",
            "summit", 2, "{who} hold[s] a meeting", "{actor} meet[s] {target}"),
    # -- messages and statements
    Keyword(rf"\bexchang{_E_VERB}\s+(?:congratulatory\s+|New\s+Year\s+)?(?:messages|letters|"
            r"greetings|congratulations)\b",
            "statement", 3, "{who} exchange[s] messages",
            "{actor} exchange[s] messages with {target}"),
    Keyword(r"\bcongratulat(?:ed|es|ing|e)\b|\bcondolences\b|\bmessages?\b|\bletters?\s+to\b"
            r"|\bgreetings\b",
            "statement", 2, "{who} send[s] a message", "{actor} send[s] a message to {target}"),
    Keyword(r"\b(?:called\s+for|calls\s+for|urged|urges|appealed|pledged|vowed|proposed|"
            r"praised|welcomed)\b",
            "statement", 2, "{who} make[s] an appeal", "{actor} make[s] an appeal to {target}"),
    Keyword(r"\b(?:marked|marks|commemorated|celebrated)\b",
            "statement", 2, "{who} mark[s] an occasion",
            "{actor} mark[s] an occasion with {target}"),
    Keyword(r"\b(?:said|says|told|stated|announced|declared|reported|confirmed|statement)\b",
            "statement", 1, "{who} make[s] a statement", "{actor} make[s] a statement on {target}"),
    # -- domestic and legal steps
    Keyword(rf"\barrest{_VERB}\b|\bdetained\b|\bindicted\b|\btaken\s+into\s+custody\b",
            "domestic_legal", 3, "Arrest in {who}"),
    Keyword(r"\b(?:(?:Supreme|Constitutional|High|Appeals?|District|Federal)\s+)?Court\b"
            r"[^.;]{0,80}?\b(?:ruled|upheld|backed|struck|rejected|blocked|approved|extended|"
            r"ordered|dismissed|sentenced|convicted|acquitted)\b"
            r"|\b(?:ruled|upheld|struck\s+down)\b",
            "domestic_legal", 3, "Court ruling in {who}"),
    Keyword(r"\b(?:inaugurat(?:ed|ion)|sworn\s+in|took\s+office|takes\s+office)\b",
            "domestic_legal", 3, "Inauguration in {who}"),
    Keyword(r"\bexecutive\s+orders?\b|\bdecrees?\b",
            "domestic_legal", 3, "Executive order in {who}"),
    Keyword(r"\b(?:Supreme|Constitutional|High)\s+Court\b|\bcourts?\b|\bjudges?\b|\bruling\b"
            r"|\bverdict\b|\bsentenced\b|\bdetention\b|\bimpeach(?:ed|es|ing|ment)\b",
            "domestic_legal", 2, "Court case in {who}"),
    Keyword(r"\b(?:constitution(?:al)?|amendment)\b",
            "domestic_legal", 2, "Constitutional change in {who}"),
    Keyword(r"\b(?:passed|passes|enacted|enacts|adopted|adopts|approved|approves|signed|signs)\s+"
            r"(?:a\s+|an\s+|the\s+)?(?:new\s+)?(?:[\w-]+\s+)?(?:law|bill|legislation)\b",
            "domestic_legal", 3, "New law in {who}"),
    Keyword(r"\b(?:parliament(?:ary)?|legislat(?:ion|ure|ive)|national\s+assembly|bill)\b",
            "domestic_legal", 2, "Legislation in {who}"),
    Keyword(r"\b(?:elections?|elected|referendum|martial\s+law)\b",
            "domestic_legal", 2, "Political step in {who}"),
    Keyword(rf"\b(?:ordered|directed|revok{_E_VERB}|rescind{_VERB}|repeal{_VERB}|"
            rf"abolish{_VERB}|scrapp(?:ed|ing)|dismantl{_E_VERB}|moved\s+to\s+end)\b",
            "domestic_legal", 2, "Government order in {who}"),
    # -- criticism and protest
    Keyword(rf"\bstorm{_VERB}\b|\briot(?:s|ed|ing)?\b",
            "criticism", 3, "Unrest in {who}"),
    Keyword(rf"\b(?:condemn{_VERB}|denounc{_E_VERB}|criticis{_E_VERB}|criticiz{_E_VERB}|"
            rf"rebuk{_E_VERB}|lodged\s+a\s+protest)\b"
            r"|\bsummoned\s+(?:the\s+)?(?:\w+\s+)?(?:ambassador|envoy)\b",
            "criticism", 3, "{who} voice[s] criticism", "{actor} criticise[s] {target}"),
    Keyword(r"\b(?:protest(?:ed|s|ers|ing)?|rall(?:y|ied|ies)|demonstrat(?:ed|ions?|ors)|"
            r"marched)\b",
            "criticism", 3, "Protest in {who}"),
    Keyword(rf"\b(?:demand{_VERB}|gathered)\b",
            "criticism", 2, "{who} make[s] demands", "{actor} make[s] demands of {target}"),
    # -- threats
    Keyword(r"\bthreat(?:en|ened|ens|ening)\b|\bultimatum\b",
            "threat", 3, "{who} issue[s] a threat", "{actor} threaten[s] {target}"),
    Keyword(rf"\bwarn{_VERB}\b",
            "threat", 2, "{who} issue[s] a warning", "{actor} warn[s] {target}"),
    # -- armed conflict
    Keyword(r"\b(?:declared\s+war|went\s+to\s+war|invaded|invasion)\b",
            "armed_conflict", 3, "{who} go[es] to war", "{actor} attack[s] {target}"),
    Keyword(r"\b(?:traded|trading|exchanged|exchanging)\s+(?:\w+\s+)?fire\b"
            r"|\bexchanges?\s+of\s+fire\b",
            "armed_conflict", 3, "{who} exchange[s] fire",
            "{actor} exchange[s] fire with {target}"),
    Keyword(rf"\b(?:attack{_VERB}|fought|shell(?:ed|ing)|(?:air|drone|missile)\s*strikes?|"
            r"bomb(?:ed|ing|ings)|clash(?:ed|es)|fighting|killed)\b",
            "armed_conflict", 2, "Fighting involving {who}", "{actor} attack[s] {target}"),
    # -- cooperation
    Keyword(r"\b(?:lifted|eased)\s+(?:\w+\s+)?sanctions\b"
            r"|\breleased\s+(?:\w+\s+)?(?:prisoners|detainees|hostages)\b|\bprisoner\s+swap\b",
            "cooperation", 3, "{who} ease[s] pressure", "{actor} ease[s] pressure on {target}"),
    Keyword(r"\b(?:aid|assistance|loans?|donat(?:ed|ion)|supplied|shipments?|cooperation)\b",
            "cooperation", 2, "{who} provide[s] aid or cooperation",
            "{actor} provide[s] aid or cooperation to {target}"),
)

# Nouns that a definite back-reference ("the amendment", "this move") uses for a reported step.
_BACK_NOUNS = (
    "amendments?", "revisions?", "changes?", "moves?", "steps?", "decisions?", "plans?",
    "proposals?", "measures?", "deals?", "agreements?", "accords?", "pacts?", "treat(?:y|ies)",
    "talks", "sessions?", "meetings?", "summits?", "visits?", "trips?", "calls?", "votes?",
    "bills?", "laws?", "orders?", "bans?", "rulings?", "sanctions", "drills?", "exercises?",
    "tests?", "launch(?:es)?", "attacks?", "strikes?", "protests?", "rall(?:y|ies)",
    "messages?",
)  # fmt: skip
# Case-sensitive: a capitalised modifier names the thing ("the Paris agreement").
_BACK_REFERENCE = re.compile(
    r"(?<![\w-])(?:[Tt]he|[Tt]his|[Tt]hese)\s+"
    r"(?:(?!(?:first|second|third|next|annual)\b)[a-z][\w-]*\s+){0,2}?"
    rf"(?:{'|'.join(_BACK_NOUNS)})(?![\w-])"
    r"(?!\s+(?:of|between|among|with|to|against|by|over|for)\b)"
    r"|(?<![\w-])it\b(?=\s*(?:[,.;:!?\u201d\"]|$)|\s+(?:on|in|at|last|this|earlier|yesterday|"
    r"today)\b)"
)

# Words that make what a clause reports uncertain or not yet real, and negations.
_HEDGE = re.compile(
    r"\b(?:will|would|could|may|might|shall|expected\s+to|plans?\s+to|planning\s+to|"
    r"is\s+to|are\s+to|set\s+to|due\s+to|reportedly|allegedly|suspected|likely)\b",
    re.IGNORECASE,
)
_NEGATION = re.compile(
    r"\b(?:not|never|no\s+longer|refused\s+to|declined\s+to|failed\s+to|denied)\b", re.IGNORECASE
)


# ---------------------------------------------------------------------------------------------
# The candidate


@dataclass(frozen=True)
class Candidate:
    """One event an article seems to report, for a person to review.

    ``date`` (and ``end_date`` for a range) at the precision the text gives; ``countries``
    subjects first, ``actor``/``target`` when the wording makes them clear; ``type`` from the
    event vocabulary; ``quote`` is the sentence, ``article[start:end]``; ``date_text`` the
    words that date it; ``confidence`` in 0–1 with the ``reasons`` behind it.
    """

    date: PartialDate
    countries: tuple[str, ...]
    type: str
    title: str
    quote: str
    start: int
    end: int
    confidence: float
    reasons: tuple[str, ...]
    date_text: str
    end_date: PartialDate | None = None
    actor: str | None = None
    target: str | None = None
    published: dt.date | None = None
    source_url: str = ""
    publisher: str = ""

    @property
    def precision(self) -> Precision:
        """How much of the date is known: day, month or year."""
        return self.date.precision

    def to_record(self) -> dict[str, Any]:
        """A JSON-ready dict: ``date`` written at its precision (``"2024-06"``), ``precision``,
        ``end_date`` (or ``None``), ``countries``, ``actor``, ``target``, ``type``, ``title``,
        ``quote``, ``start``, ``end``, ``date_text``, ``confidence``, ``reasons`` and
        ``source`` (``url``, ``publisher``, ``published``)."""
        return {
            "date": self.date.iso(),
            "precision": self.precision.value,
            "end_date": self.end_date.iso() if self.end_date else None,
            "countries": list(self.countries),
            "actor": self.actor,
            "target": self.target,
            "type": self.type,
            "title": self.title,
            "quote": self.quote,
            "start": self.start,
            "end": self.end,
            "date_text": self.date_text,
            "confidence": self.confidence,
            "reasons": list(self.reasons),
            "source": {"url": self.source_url, "publisher": self.publisher,
                       "published": self.published.isoformat() if self.published else None},
        }

    def to_event(self, id: str | None = None) -> Event:
        """The validated :class:`~timeline.model.Event` this candidate describes.

        Without ``id`` the event gets one derived from its content, so the same sentence added
        twice is one event. Raises :class:`~timeline.model.InvalidEvent` when the candidate
        cannot be an event, e.g. when it has neither a source URL nor a publisher.
        """
        quote = self.quote if len(self.quote) <= MAX_QUOTE else self.quote[: MAX_QUOTE - 1] + "…"
        record: dict[str, Any] = {
            "id": id,
            "date": self.date.iso(),
            "end_date": self.end_date.iso() if self.end_date else None,
            "title": self.title,
            "countries": list(self.countries),
            "actor": self.actor,
            "target": self.target,
            "type": self.type,
            "sources": [{"url": self.source_url, "publisher": self.publisher,
                         "published": self.published, "quote": quote}],
        }
        return parse_event(record)


# ---------------------------------------------------------------------------------------------
# Extraction


@dataclass(frozen=True)
class _When:
    """A date an event could have: where it is written, and as what."""

    start: int
    end: int
    text: str
    date: PartialDate
    end_date: PartialDate | None
    anaphoric: bool = False
    coarser: bool = False  # given at a coarser precision than written
    since: bool = False  # after "since": a reference point, not the event
    notes: tuple[str, ...] = ()


def extract_candidates(text: str, *, published: dt.date, source_url: str = "",
                       publisher: str = "") -> list[Candidate]:
    """Return the event candidates of an article, in reading order.

    One :class:`Candidate` per sentence or clause that has a date, names a country and uses an
    event word (see :data:`KEYWORDS`); sentences lacking any of the three give none. Offsets are
    Python string indices into ``text``; ``published`` anchors relative dates and leaders'
    terms; ``source_url`` and ``publisher`` are carried into each candidate's source.
    """
    if isinstance(published, dt.datetime):
        published = published.date()
    timexes = tag_dates(text, published)
    mentions = find_countries(text, published, joint=True)
    found: list[Candidate] = []
    previous: tuple[int, int] | None = None
    for start, end in sentence_spans(text):
        before, previous = previous, (start, end)
        whens = _dates_in(text, start, end, timexes, mentions, published, found)
        if not whens:
            continue
        sentence_mentions = [m for m in mentions if start <= m.start and m.end <= end]
        carry: _Carry | None = None
        for index, clause in enumerate(_clauses(text, start, end, whens, sentence_mentions)):
            # what a back-reference in the clause refers to: the sentence or clauses before
            antecedent = _countries_in(mentions, (start, clause.start) if index else before)
            candidate, carry = _candidate(text, (start, end), clause, carry, antecedent,
                                          published, source_url, publisher)
            if candidate is not None:
                found.append(candidate)
    return found


def _countries_in(mentions: list[Mention], span: tuple[int, int] | None) -> tuple[str, ...]:
    """The countries named in ``span``, in reading order, each once."""
    if span is None:
        return ()
    return tuple(dict.fromkeys(m.country for m in mentions
                               if span[0] <= m.start and m.end <= span[1]))


# -- sentences -------------------------------------------------------------------------------

_KICKER = re.compile(r"[\u2018'\"\u201c]?[A-Z][A-Z0-9\u2019' !?&-]{3,}[\u2019'\"\u201d]?:\s+")
_LINE_END = re.compile(r"[.!?:;\"\u201d\u2019')]\s*$")
_WRAPPED_AFTER = re.compile(
    r"(?:,|\b(?:the|a|an|of|and|or|to|in|on|at|for|with|by|from|that|its|their|his|her))$",
    re.IGNORECASE,
)


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """The ``(start, end)`` offsets of each sentence of ``text``, trimmed of surrounding spaces
    and of a leading all-capitals kicker ("DIALOGUE: ")."""
    joined = _join_wrapped_lines(text)
    spans: list[tuple[int, int]] = []
    cursor = 0
    # A segmenter keeps the text it works on: one per call, so threads never share one.
    for piece in pysbd.Segmenter(language="en", clean=False).segment(joined):
        piece = piece.strip()
        if not piece:
            continue
        start = joined.find(piece, cursor)
        if start < 0:  # pysbd changed the text (rare, odd punctuation): skip the piece
            continue
        end = start + len(piece)
        cursor = end
        kicker = _KICKER.match(text, start, end)
        if kicker is not None and kicker.end() < end:
            start = kicker.end()
        spans.append((start, end))
    return spans


def _join_wrapped_lines(text: str) -> str:
    """``text`` with line breaks inside a paragraph turned into spaces (same length).

    A line break is inside a paragraph when the next line starts in lower case, when the line
    ends in a comma or a word like "the", or when most lines of a block of three or more end
    without a sentence's last punctuation (hard-wrapped text).
    """
    chars = list(text.replace("\r\n", " \n"))
    lines = "".join(chars).split("\n")
    position = 0
    wrapped = _hard_wrapped_lines(lines)
    for index, (line, following) in enumerate(itertools.pairwise(lines)):
        position += len(line)
        stripped = line.rstrip()
        if stripped and following.strip() and (
            index in wrapped or following[:1].islower() or _WRAPPED_AFTER.search(stripped)
        ):
            chars[position] = " "
        position += 1
    return "".join(chars)


def _hard_wrapped_lines(lines: list[str]) -> set[int]:
    """Indexes of lines (not the last of a block) inside hard-wrapped blocks of three or more."""
    wrapped: set[int] = set()
    block: list[int] = []
    for index, line in enumerate([*lines, ""]):
        if line.strip():
            block.append(index)
            continue
        if len(block) >= 3:
            inner = block[:-1]
            open_ended = [i for i in inner if not _LINE_END.search(lines[i])]
            if len(open_ended) * 2 > len(inner):
                wrapped.update(inner)
        block = []
    return wrapped


# -- dates -----------------------------------------------------------------------------------

_RANGE_LINK = re.compile(r"\s*(?:to|until|till|through|and|-|\u2013|\u2014)\s*", re.IGNORECASE)
_RANGE_OPEN = re.compile(r"\b(?:from|between)\s+(?:the\s+)?$", re.IGNORECASE)
_SINCE = re.compile(r"\bsince\s+(?:the\s+|early\s+|late\s+|mid-?)?$", re.IGNORECASE)
_SAME_DAY = re.compile(r"\b(?:on\s+)?the\s+same\s+day\b", re.IGNORECASE)
_FIRST_DAY = re.compile(
    r"\b(?:on\s+)?(?:his|her|their)\s+first\s+(?:full\s+)?day(?:\s+(?:in|of)\s+office|\s+back)?\b",
    re.IGNORECASE,
)


def _dates_in(text: str, start: int, end: int, timexes: list[Timex], mentions: list[Mention],
              published: dt.date, earlier: list[Candidate]) -> list[_When]:
    """The dates that could date an event in ``text[start:end]``, in reading order."""
    inside = [t for t in timexes if start <= t.start and t.end <= end]
    whens: list[_When] = []
    skip = -1
    for index, timex in enumerate(inside):
        if index <= skip or "anniversary" in timex.text.lower():
            continue
        until = None
        if index + 1 < len(inside):
            following = inside[index + 1]
            link = text[timex.end : following.start]
            opened = _RANGE_OPEN.search(text[max(start, timex.start - 12) : timex.start])
            dash = link.strip() in ("-", "\u2013")
            if _RANGE_LINK.fullmatch(link) and (opened or dash):
                until = following
                skip = index + 1
        when = _when_from_timex(timex, until)
        if until is not None and (when is None or when.end != until.end):
            skip = index  # no range after all ("from 2015 to 2012"): the next date stands alone
            when = _when_from_timex(timex)
        if when is not None:
            since = bool(_SINCE.search(text[max(start, timex.start - 16) : timex.start]))
            whens.append(dataclasses.replace(when, since=since))
    whens.extend(_anaphors(text, start, end, inside, mentions, published, earlier))
    whens.sort(key=lambda w: w.start)
    if any(not w.since for w in whens):
        whens = [w for w in whens if not w.since]
    return whens


def _anaphors(text: str, start: int, end: int, timexes: list[Timex], mentions: list[Mention],
              published: dt.date, earlier: list[Candidate]) -> list[_When]:
    """Dates written as "the same day" or "on his first day", resolved from context."""
    taken = [(t.start, t.end) for t in timexes]
    whens: list[_When] = []
    same_day = next((c.date for c in reversed(earlier) if c.precision is Precision.DAY), None)
    for match in _SAME_DAY.finditer(text, start, end):
        if same_day is not None and not _overlaps(match.span(), taken):
            whens.append(_When(match.start(), match.end(), match.group(0), same_day, None,
                               anaphoric=True, notes=(
                                   f"“{match.group(0)}” read as the date of the event before "
                                   f"it, {same_day.iso()}",)))
    for match in _FIRST_DAY.finditer(text, start, end):
        if _overlaps(match.span(), taken):
            continue
        leader = next((m for m in reversed(mentions)
                       if m.kind == "leader" and start <= m.start < match.start()), None)
        first = _term_start(leader, published) if leader else None
        if first is not None:
            whens.append(_When(match.start(), match.end(), match.group(0),
                               PartialDate.of(first, Precision.DAY), None, anaphoric=True,
                               notes=(f"“{match.group(0)}” read as {leader.via.split(',')[0]}'s "
                                      f"first day in office, {first.isoformat()} "
                                      f"(data/leaders.csv)",)))
    return whens


def _overlaps(span: tuple[int, int], spans: Iterable[tuple[int, int]]) -> bool:
    return any(span[0] < other_end and other_start < span[1] for other_start, other_end in spans)


def _term_start(leader: Mention, published: dt.date) -> dt.date | None:
    """The first day of the term (valid on ``published``) of the leader a mention names."""
    for row in leaders():
        if f"{row['name']}, {row['office']}" != leader.via or not row["valid_from"]:
            continue
        first = dt.date.fromisoformat(row["valid_from"])
        last = dt.date.fromisoformat(row["valid_to"]) if row["valid_to"] else None
        if first <= published and (last is None or published <= last):
            return first
    return None


def _when_from_timex(timex: Timex, until: Timex | None = None) -> _When | None:
    """The event date a timex (or a range of two) gives, or ``None`` outside 1600–2100."""
    try:
        date, end_date = _partial_dates(*_period(timex.value))
        if until is not None:  # each end keeps its own precision: "from 2012 to 2015"
            last, last_end = _partial_dates(*_period(until.value))
            if last.first_day <= date.first_day:
                until = None
            else:
                end_date = last_end or last
    except ValueError:
        return None
    written = str(timex.precision)
    exact = written in ("day", "month", "year") and end_date is None
    coarser = not exact and until is None
    notes = []
    if coarser:
        shown = date.iso() + (f" to {end_date.iso()}" if end_date else "")
        notes.append(f"“{timex.text}” is {written}-precise ({timex.value}): given as {shown}, "
                     f"which invents no day")
    if until is not None:
        notes.append(f"range “{timex.text}” to “{until.text}”")
    text = timex.text if until is None else f"{timex.text} … {until.text}"
    return _When(timex.start, (until or timex).end, text, date, end_date, coarser=coarser,
                 notes=tuple(notes))


_SEASON_MONTHS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 14)}


def _period(value: str) -> tuple[dt.date, dt.date]:
    """The first and last day of a TIMEX3 value; ``ValueError`` for a value we cannot place."""
    if match := re.fullmatch(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", value):
        partial = PartialDate.parse(value)
        return partial.first_day, partial.last_day
    if match := re.fullmatch(r"(\d{4})-W(\d{2})(-WE)?", value):
        monday = dt.date.fromisocalendar(int(match[1]), int(match[2]), 1)
        if match[3]:
            return monday + dt.timedelta(days=5), monday + dt.timedelta(days=6)
        return monday, monday + dt.timedelta(days=6)
    if match := re.fullmatch(r"(\d{4})-([QH])(\d)", value):
        size = 3 if match[2] == "Q" else 6
        first_month = (int(match[3]) - 1) * size + 1
        return _months(int(match[1]), first_month, first_month + size - 1)
    if match := re.fullmatch(r"(\d{4})-(SP|SU|FA|WI)", value):
        return _months(int(match[1]), *_SEASON_MONTHS[match[2]])
    if match := re.fullmatch(r"(\d{3})X", value):
        decade = int(match[1]) * 10
        return dt.date(decade, 1, 1), dt.date(decade + 9, 12, 31)
    if match := re.fullmatch(r"(\d{2})XX", value):
        century = int(match[1]) * 100
        return dt.date(century, 1, 1), dt.date(century + 99, 12, 31)
    raise ValueError(f"{value!r} is no date value we place")


def _months(year: int, first: int, last: int) -> tuple[dt.date, dt.date]:
    """From the first day of month ``first`` to the last of ``last`` (13, 14: next year)."""
    start = dt.date(year + (first - 1) // 12, (first - 1) % 12 + 1, 1)
    end_year, end_month = year + (last - 1) // 12, (last - 1) % 12 + 1
    end = PartialDate.parse(f"{end_year:04d}-{end_month:02d}").last_day
    return start, end


def _partial_dates(first: dt.date, last: dt.date) -> tuple[PartialDate, PartialDate | None]:
    """The date (and end date) at day, month or year precision that covers first–last.

    One day, month or year when it covers the span; else the first and last month when they
    are at most three months apart; else the first and last year.
    """
    if first == last:
        return PartialDate.of(first, Precision.DAY), None
    if (first.year, first.month) == (last.year, last.month):
        return PartialDate.of(first, Precision.MONTH), None
    months = (last.year - first.year) * 12 + last.month - first.month
    if months <= 2:
        return PartialDate.of(first, Precision.MONTH), PartialDate.of(last, Precision.MONTH)
    if first.year == last.year:
        return PartialDate.of(first, Precision.YEAR), None
    return PartialDate.of(first, Precision.YEAR), PartialDate.of(last, Precision.YEAR)


# -- clauses ---------------------------------------------------------------------------------

# Where a sentence with two dates is cut, strongest first.
_BOUNDARIES = (
    re.compile(r";\s+|\s+[\u2014\u2013-]{1,2}\s+"),
    re.compile(r",\s+(?=(?:who|which|whereas|while|where)\b)"),
    re.compile(r",\s+(?=(?:and|but|after|before|when|as|since|then|following)\b)"),
    re.compile(r"\s+(?=(?:after|before|while|whereas|then|following)\b)"),
    re.compile(r",\s+|\s+(?=and\b)"),
)
_RELATIVE = re.compile(r"\s*(?:who|which|where)\b", re.IGNORECASE)


@dataclass(frozen=True)
class _Clause:
    """Part of a sentence and the dates in it (several only when nothing separates them)."""

    start: int
    end: int
    whens: tuple[_When, ...]
    mentions: tuple[Mention, ...]


@dataclass(frozen=True)
class _Carry:
    """What a clause leaves to the next one of its sentence."""

    keyword: Keyword
    subjects: tuple[str, ...]
    last_country: str | None


def _clauses(text: str, start: int, end: int, whens: list[_When],
             mentions: list[Mention]) -> list[_Clause]:
    """Cut ``text[start:end]`` into one clause per distinct date (see the module's notes)."""
    groups: list[list[_When]] = []
    cuts = [start]
    for when in whens:
        if groups and any((w.date, w.end_date) == (when.date, when.end_date)
                          for w in groups[-1]):
            continue  # the same date written twice
        cut = _boundary(text, groups[-1][-1].end, when.start) if groups else None
        if groups and cut is None:
            groups[-1].append(when)  # no place to cut: the event word picks the date
            continue
        if groups:
            cuts.append(cut)
        groups.append([when])
    cuts.append(end)
    return [
        _Clause(cuts[i], cuts[i + 1], tuple(group),
                tuple(m for m in mentions if cuts[i] <= m.start and m.end <= cuts[i + 1]))
        for i, group in enumerate(groups)
    ]


def _boundary(text: str, start: int, end: int) -> int | None:
    """The offset where the clause after ``start`` ends, or ``None`` without a boundary."""
    for pattern in _BOUNDARIES:
        matches = list(pattern.finditer(text, start, end))
        if matches:
            return matches[-1].end()
    return None


# -- one candidate ---------------------------------------------------------------------------

# The word before a country's noun phrase that makes it an object, a place or a topic.
_OBJECT_WORDS = frozenset({
    "to", "with", "against", "toward", "towards", "on", "at", "for", "into", "from", "in",
    "near", "between", "upon", "outside", "inside", "across", "around", "off", "its", "their",
})  # fmt: skip
_TOPIC_WORDS = frozenset({"discussed", "discuss", "discussing", "about", "over", "regarding",
                          "concerning"})
# Words inside a country's noun phrase, skipped to find the word before it.
_PHRASE_WORDS = frozenset({
    "the", "of", "and", "leader", "president", "president-elect", "premier", "minister",
    "prime", "foreign", "defense", "defence", "chairman", "general", "secretary", "state",
    "supreme", "former", "impeached", "new", "then", "-based", "'s", "\u2019s",
})  # fmt: skip


def _candidate(text: str, sentence: tuple[int, int], clause: _Clause, carry: _Carry | None,
               antecedent: tuple[str, ...], published: dt.date, source_url: str,
               publisher: str) -> tuple[Candidate | None, _Carry | None]:
    """The candidate of one clause (or ``None``) and what the next clause may borrow;
    ``antecedent`` are the countries a back-reference in the clause would refer to."""
    reasons: list[str] = []
    found = _event_word(text, clause.start, clause.end, clause.whens)
    subjects: list[str] = []
    objects: list[str] = []
    topics: list[str] = []
    elliptic = text[clause.start].islower()  # "… and Moscow in June", "met Ishiba …"
    if found is None or (elliptic and carry is not None and found[0].strength <= 1
                         and found[0].strength < carry.keyword.strength):
        if carry is None:
            return None, None
        keyword, word_start, word_end = carry.keyword, clause.start, clause.start
        subjects = list(carry.subjects)
        reasons.append(f"event word shared with the clause before ({keyword.type})")
    else:
        keyword, word_start, word_end = found
    for mention in clause.mentions:
        role = _role(text, clause.start, mention, word_start)
        listed = {"subject": subjects, "object": objects, "topic": topics}[role]
        if mention.country not in listed:
            listed.append(mention.country)
    relative = _RELATIVE.match(text, clause.start, clause.end)
    if relative and carry is not None and carry.last_country and not subjects:
        subjects = [carry.last_country]
        reasons.append(f"“{relative.group(0).strip()}” refers back to "
                       f"{country_name(carry.last_country)}")
    elif carry is not None and carry.subjects and not subjects and elliptic:
        subjects = list(carry.subjects)  # "Lee, who took office on June 4, met Ishiba …"
        reasons.append("the subject is that of the clause before")
    countries = list(dict.fromkeys([*subjects, *objects, *topics]))
    if not countries and carry is not None:
        countries = subjects = list(carry.subjects)
    subjects = list(dict.fromkeys(subjects))
    reference = _back_reference(text, clause, (word_start, word_end))
    borrowed = [code for code in antecedent if code not in countries] if reference else []
    if borrowed:
        names = ", ".join(country_name(code) for code in borrowed)
        before = "clause" if clause.start > sentence[0] else "sentence"
        reasons.append(f"“{reference}” refers back to the {before} before: {names}"
                       + (" added after the clause's own countries" if countries else ""))
        countries += borrowed
    next_carry = _Carry(keyword, tuple(subjects),
                        clause.mentions[-1].country if clause.mentions else None)
    if not countries:
        return None, next_carry
    when = min(clause.whens, key=lambda w: (_distance((w.start, w.end), (word_start, word_end)),
                                            w.start))
    actor = target = None
    if len(subjects) == 1:
        actor = subjects[0]
        others = [code for code in objects if code != actor]
        target = others[0] if len(others) == 1 else None
    score, reasons = _confidence(text, clause, when, keyword, (word_start, word_end),
                                 countries, subjects, actor, target, reasons)
    candidate = Candidate(
        date=when.date, end_date=when.end_date, countries=tuple(countries), actor=actor,
        target=target, type=keyword.type, title=_title(keyword, subjects, countries, actor,
                                                       target),
        quote=text[sentence[0] : sentence[1]], start=sentence[0], end=sentence[1],
        confidence=score, reasons=tuple(reasons), date_text=when.text, published=published,
        source_url=source_url, publisher=publisher,
    )
    return candidate, next_carry


def _confidence(text: str, clause: _Clause, when: _When, keyword: Keyword,
                word: tuple[int, int], countries: list[str], subjects: list[str],
                actor: str | None, target: str | None,
                notes: list[str]) -> tuple[float, list[str]]:
    """The confidence score (0–1, two decimals) and the reasons, each part spelled out."""
    reasons = [f"dated by “{when.text}” → {when.date.iso()}"
               + (f" to {when.end_date.iso()}" if when.end_date else "")
               + f" ({when.date.precision.value})", *when.notes]
    score = 0.2 + (0.1 if when.anaphoric else 0.15) - (0.05 if when.coarser else 0)
    others = [w for w in clause.whens if w is not when]
    if others:
        reasons.append("also dated in the clause: " + ", ".join(f"“{w.text}”" for w in others)
                       + "; the date nearest the event word is used")
    strength = _strength(text, clause.start, keyword, word[0]) if word[1] > word[0] else 2
    score += {3: 0.35, 2: 0.2, 1: 0.05, 0: 0.0}[strength]
    label = EVENT_TYPES_BY_CODE[keyword.type].label.lower()
    wording = f"“{text[word[0] : word[1]]}”" if word[1] > word[0] else "the clause before"
    reasons.append(f"type {keyword.type} ({label}) from {wording}"
                   + {3: "", 2: " (a word that often goes with it)",
                      1: " (only a reporting verb)",
                      0: " (in quoted words or after “ahead of”, “during”…: perhaps the "
                         "setting, not the event)",
                      }[strength])
    reasons.extend(notes)
    reasons.append("countries: " + ", ".join(country_name(code) for code in countries))
    if subjects:
        score += 0.15
        if actor:
            reasons.append(f"actor {country_name(actor)}: named before the event word"
                           + (f"; target {country_name(target)} after it" if target else ""))
        else:
            reasons.append("several countries act together: no single actor")
    else:
        reasons.append("no country is named before the event word: no actor")
    if word[1] > word[0] and _distance((when.start, when.end), word) <= 60:
        score += 0.1
        reasons.append("the date is near the event word")
    # Hedges and negations count before the event word: "would convene", "did not sign".
    clause_text = text[clause.start : max(word[1], clause.start)]
    if hedge := _HEDGE.search(clause_text):
        score -= 0.15
        reasons.append(f"future or hedged: “{hedge.group(0)}”")
    if negation := _NEGATION.search(clause_text):
        score -= 0.5
        reasons.append(f"negated: “{negation.group(0)}”")
    if len(text[clause.start : clause.end].split()) > 60:
        score -= 0.05
        reasons.append("a very long clause (a headline run into the text?)")
    return round(min(1.0, max(0.0, score)), 2), reasons


def _event_word(text: str, start: int, end: int,
                whens: Iterable[_When]) -> tuple[Keyword, int, int] | None:
    """The strongest event word of ``text[start:end]`` and its offsets, nearest a date among
    equals; ``None`` when there is none."""
    spans = [(w.start, w.end) for w in whens]
    best: tuple[tuple[int, int, int], Keyword, int] | None = None
    for keyword in KEYWORDS:
        for match in keyword.regex.finditer(text, start, end):
            if any(a <= match.start() and match.end() <= b for a, b in spans):
                continue  # part of the date ("Election Day")
            strength = _strength(text, start, keyword, match.start())
            distance = min(_distance(match.span(), span) for span in spans)
            rank = (-strength, distance, match.start())
            if best is None or rank < best[0]:
                best = (rank, keyword, match.end())
    if best is None:
        return None
    return best[1], best[0][2], best[2]


def _back_reference(text: str, clause: _Clause, word: tuple[int, int]) -> str | None:
    """The definite back-reference that is the clause's event ("discuss the amendment",
    "signed the deal", "ratified it"), or ``None``: it must contain the event word or follow
    it directly."""
    if word[1] <= word[0]:
        return None  # the event word is the clause before's
    for match in _BACK_REFERENCE.finditer(text, clause.start, clause.end):
        inside = match.start() < word[1] and word[0] < match.end()
        if inside or (match.start() >= word[1] and not text[word[1] : match.start()].strip()):
            return match.group(0)
    return None


# An event word right after these is the background of the reported event, not the event.
_SETTING = re.compile(
    r"\b(?:ahead\s+of|before|after|during|following|amid|at|sidelines\s+of)\s+"
    r"(?:[\w'\u2019-]+\s+){0,3}$",
    re.IGNORECASE,
)


def _strength(text: str, clause_start: int, keyword: Keyword, position: int) -> int:
    """The keyword's strength, 0 inside quoted words or a setting ("ahead of …", "during …")."""
    before = text[clause_start:position]
    quoted = before.count("\u201c") > before.count("\u201d") or before.count('"') % 2 == 1
    if quoted or _SETTING.search(text, max(clause_start, position - 60), position):
        return 0
    return keyword.strength


def _distance(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, max(a[0], b[0]) - min(a[1], b[1]))


def _role(text: str, clause_start: int, mention: Mention, word_start: int) -> str:
    """"subject", "object" or "topic": what a country mention is to the event word."""
    tokens = re.findall(r"[\w'\u2019.-]+|[,;:(\u201c\u201d\"]",
                        text[max(clause_start, mention.start - 80) : mention.start])
    previous_word = ""  # a comma, a colon or a quotation mark ends the noun phrase too
    for token in reversed(tokens):
        if token[:1].isupper() or token.lower() in _PHRASE_WORDS or token.endswith("-based"):
            continue
        previous_word = token.lower()
        break
    if previous_word in _TOPIC_WORDS:
        return "topic"
    if mention.start < word_start:
        return "object" if previous_word in _OBJECT_WORDS else "subject"
    return "subject" if previous_word == "by" else "object"


_THE = re.compile(r"^(?:United |Netherlands|Philippines|Bahamas|Gambia|"
                  r"Czech Republic|Dominican Republic|Central African Republic|Maldives)")


def _name(code: str) -> str:
    name = country_name(code)
    return f"the {name}" if _THE.match(name) else name


def _title(keyword: Keyword, subjects: list[str], countries: list[str], actor: str | None,
           target: str | None) -> str:
    """A short title in plain words: "North Korea and Russia sign an agreement".

    Without a subject country a title that would start with one names the type instead:
    "Summit or visit: China".
    """
    who = subjects or countries
    names = [_name(code) for code in who[:3]] + (["others"] if len(who) > 3 else [])
    joined = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
    plural = len(names) > 1
    if actor and target and keyword.title_with_target:
        title = keyword.title_with_target.format(actor=_name(actor), target=_name(target))
        plural = False
    elif not subjects and keyword.title.startswith("{who}"):
        title = f"{EVENT_TYPES_BY_CODE[keyword.type].label}: {joined}"
    else:
        title = keyword.title.format(who=joined)
    title = re.sub(r"\[(\w+)\]", "" if plural else r"\1", title)
    return title[:1].upper() + title[1:]


def merge_same_events(events: Iterable[Event]) -> list[Event]:
    """One event per id, in first-seen order: candidates from several sentences that describe
    the same event (the same id) make one event citing each sentence as a source."""
    merged: dict[str, Event] = {}
    for event in events:
        known = merged.get(event.id)
        if known is None:
            merged[event.id] = event
        elif event.sources[0] not in known.sources:
            merged[event.id] = known.model_copy(
                update={"sources": (*known.sources, *event.sources)})
    return list(merged.values())
