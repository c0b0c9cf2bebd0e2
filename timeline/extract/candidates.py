"""Event candidates in a news article: what happened, when, between whom, said where.

``extract_candidates(article, published=date(2024, 10, 7))`` reads the article sentence by
sentence and gives one :class:`Candidate` for each sentence (or clause) that names a date, a
country and an event word; ``candidate.to_event()`` turns a reviewed candidate into a validated
:class:`timeline.core.model.Event`. Nothing here is stored: a person reviews candidates first.

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
  from the clause before (when that clause gives no event, the country or person opening the
  sentence: "Manele, who became prime minister in May 2024, | made his first visit to China
  that July"); one that starts "who" or "which" takes the country named just before
  it as its subject ("Yoon, who was arrested last week"), and, naming none of its own, the
  other countries of the clause before after it ("… according to Taliban officials, who
  retaliated two days later"). Without any boundary, the date
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
  are listed subjects first, then objects, then topics. A country before the event word that
  another word acts on ("cut its ties with Taiwan and recognised Beijing", "to abandon Taiwan,
  establishing relations with China") is listed after the event's own objects, unless the
  event word only reports (strength 1) or a date stands between them. Countries given as
  examples after
  another ("the bloc's partners, including the US and China,") and breakaway regions are
  topics, never the subject. One subject country is the ``actor``;
  with it, one other object country is the ``target``. Relations named with one country
  only ("La Paz broke off relations in March 1978") are with the other country the article
  names most, added after it. Several subjects ("Kim and Putin
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
  :mod:`timeline.core.event_types`, a strength (3 the act itself: "signed … a pact", "phone call",
  "test-fired"; 2 a word that usually goes with it: "meeting", "court", "message"; 1 a reporting
  verb: "said") and a title. The strongest match in the clause wins, the one nearest the date
  among equals. A reporting verb alone makes a statement.
- **Type** beyond the table: a clause with a date and no event word of the tables (or only a
  reporting verb) takes the verb in the simple past heading it (:mod:`.open_verbs`: "fled",
  "took", "had raised"), typed "statement" and titled with the verb.
- **Confidence** (0–1) adds up what makes a candidate believable, and ``reasons`` spells out
  each part (:func:`timeline.extract.scoring.confidence` lists every part and deduction:
  hedges, negations, conditions, deadlines, dates after publication). A sentence with a date
  and an event word that names no country is still offered, with the country the article
  names most, at 0.45 at most (:data:`REVIEW_ONLY`, below the default threshold). So is a
  step at home with no second country (a law, a ruling, an election, a leader taking office:
  "Indian lawmakers approved the amendment in May"): the background of relations, not an act
  between states, offered unticked; a state's independence is no such step.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import takewhile
from typing import Any

from lemminflect import getAllLemmas

from timeline.core.countries import country_name
from timeline.core.dates import PartialDate, Precision
from timeline.core.event_types import EVENT_TYPES_BY_CODE
from timeline.core.model import MAX_QUOTE, Event, parse_event

from .clauses import (
    PHRASE_END,
    RELATIVE,
    Carry,
    Clause,
    acting,
    agents,
    by_agents,
    clauses,
    example,
    listed,
    role,
    venue,
)
from .event_dates import When, dates_in, story_day
from .independence import independence_parties
from .keywords import HEDGE, INDEPENDENCE, KEYWORDS, REPEATS, Keyword
from .mentions import Mention
from .references import find_countries_in_context, main_country, story_partner
from .scoring import REVIEW_ONLY, back_reference, confidence, distance, event_word
from .sentences import sentence_spans
from .temporal import tag_dates

__all__ = ["KEYWORDS", "Candidate", "Keyword", "extract_candidates", "merge_same_events",
           "sentence_spans"]


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
        """The validated :class:`~timeline.core.model.Event` this candidate describes.

        Without ``id`` the event gets one derived from its content, so the same sentence added
        twice is one event. Raises :class:`~timeline.core.model.InvalidEvent` when the candidate
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
    mentions = find_countries_in_context(text, published)
    found: list[Candidate] = []
    before: list[tuple[int, int]] = []
    dated: tuple[int, PartialDate, str] | None = None  # the latest event with a date written
    for index, (start, end) in enumerate(sentence_spans(text)):
        whens = _without_targets(text, start, dates_in(text, start, end, timexes, mentions,
                                                      published, [c.date for c in found]),
                                 published)
        before.append((start, end))
        if not whens:
            whens = story_day((start, end), dated, index, published)
        if not whens:
            continue
        sentence_mentions = [m for m in mentions if start <= m.start and m.end <= end]
        carry: Carry | None = None
        parts = [piece for whole in clauses(text, start, end, whens, sentence_mentions)
                 for piece in _second_doers(text, whole)]
        for part, clause in enumerate(parts):
            # what a back-reference in the clause refers to: the clauses before in the
            # sentence, or a sentence before
            antecedent = (_Antecedent(text, mentions, [(start, clause.start)]) if part
                          else _Antecedent(text, mentions, before[:-1]))
            candidate, carry = _candidate(text, (start, end), clause, carry, antecedent,
                                          published, source_url, publisher)
            if candidate is not None:
                found.append(candidate)
                if not clause.whens[0].guessed:
                    dated = (index, candidate.date, candidate.date_text)
        found += _named_agreements(text, (start, end), sentence_mentions,
                                   {c.date for c in found if c.start == start}, published,
                                   source_url, publisher)
    return _told_again(found)


# What a second telling of an event loses: "Business groups welcomed Monday's reopening"
# after "the two countries reopened the border on Monday" (0.65 → 0.45, unticked); a second
# event of the same day told with a strong word ("signed a treaty" after "met") stays ticked.
TOLD_AGAIN = 0.2


def _told_again(found: list[Candidate]) -> list[Candidate]:
    """``found``, each candidate of the same date and countries as a more confident one
    marked as the same event told again (:data:`TOLD_AGAIN` off its confidence)."""
    def key(candidate: Candidate) -> tuple:
        return candidate.date, candidate.end_date, frozenset(candidate.countries)

    best: dict[tuple, Candidate] = {}
    for candidate in found:
        held = best.get(key(candidate))
        if held is None or candidate.confidence > held.confidence:
            best[key(candidate)] = candidate
    def weaker(candidate: Candidate, first: Candidate) -> Candidate:
        return dataclasses.replace(
            candidate, confidence=round(max(0.0, candidate.confidence - TOLD_AGAIN), 2),
            reasons=(*candidate.reasons, f"the same date and countries as “{first.title}” "
                     f"(“{first.date_text}”): likely the same event told again"))

    return [candidate if best[key(candidate)] is candidate
            else weaker(candidate, best[key(candidate)]) for candidate in found]


# "a 1928 treaty recognising …", "scrapped the 2015 peace agreement", "the Elysee Treaty of
# 1963": an agreement named by the year it was made is an event of that year, beside what
# the sentence tells of it now
_AGREEMENT_NOUN = r"(?:treaty|agreement|accord|pact|convention|armistice|ceasefire|truce)"
_YEAR = r"(?:1[5-9][0-9]{2}|20[0-9]{2})"
_NAMED_AGREEMENT = re.compile(
    rf"\b(?:a|an|the|its|their)\s+(?P<year>{_YEAR})\s+(?:[\w-]+\s+){{0,2}}?{_AGREEMENT_NOUN}\b"
    rf"|\b(?i:{_AGREEMENT_NOUN})\s+of\s+(?P<of_year>{_YEAR})\b")
_AGREEMENT = next(k for k in KEYWORDS if k.type == "treaty")


def _named_agreements(text: str, sentence: tuple[int, int], mentions: list[Mention],
                      dated: set[PartialDate], published: dt.date, source_url: str,
                      publisher: str) -> list[Candidate]:
    """A candidate, unticked, for each agreement the sentence names by its year, between the
    countries the sentence names (a place of filing left out), unless one of the sentence's
    candidates has that year already."""
    countries = list(dict.fromkeys(m.country for m in mentions if m.kind != "dateline"))
    made = []
    for match in _NAMED_AGREEMENT.finditer(text, *sentence):
        year = match["year"] or match["of_year"]
        date = PartialDate.of(dt.date(int(year), 1, 1), Precision.YEAR)
        if not countries or date in dated or date.first_day > published:
            continue
        dated.add(date)
        made.append(Candidate(
            date=date, end_date=None, countries=tuple(countries), actor=None, target=None,
            type=_AGREEMENT.type, title=_title(_AGREEMENT, [], countries, None, None),
            quote=text[sentence[0] : sentence[1]], start=sentence[0], end=sentence[1],
            confidence=REVIEW_ONLY,
            reasons=(f"“{match.group(0)}”: an agreement named by the year it was made, "
                     f"{year}", f"countries: the sentence's, "
                     f"{', '.join(map(country_name, countries))}",
                     "named in passing: offered for review, not ticked"),
            date_text=year, published=published, source_url=source_url,
            publisher=publisher))
    return made


# "Colombia recalled its ambassador that month, while Bolivia went further and severed ties":
# a second country doing a second thing of its own, on the same date ("and" does not say the
# date is shared: "Norway signed a deal in May, and Iceland ratified it")
_SECOND_DOER = re.compile(r",\s+(?:while|whereas)\s+(?:the\s+)?")


def _second_doers(text: str, clause: Clause) -> list[Clause]:
    """``clause``, or its two parts when after its dates it goes on ", while" (", whereas")
    with a country doing a thing of its own (an event word of the tables in each
    part, the country not one of the first part's): two events of the same date."""
    for match in _SECOND_DOER.finditer(text, clause.start, clause.end):
        cut = match.end()
        doer = next((m for m in clause.mentions if m.start == cut), None)
        if doer is None or any(w.end > match.start() for w in clause.whens):
            continue
        before = [m for m in clause.mentions if m.end <= match.start()]
        first = event_word(text, clause.start, match.start(), clause.whens)
        second = event_word(text, cut, clause.end, clause.whens)
        if (first and second and first[0].strength >= 2 and second[0].strength >= 2
                and doer.country not in {m.country for m in before}):
            return [Clause(clause.start, match.start(), clause.whens, tuple(before)),
                    Clause(cut, clause.end, clause.whens,
                           tuple(m for m in clause.mentions if m.start >= cut), parallel=True)]
    return [clause]


@dataclass(frozen=True)
class _Antecedent:
    """What a back-reference ("the clashes", "the deal") can point to: the sentences (or
    clauses) before it."""

    text: str
    mentions: list[Mention]
    spans: list[tuple[int, int]]

    def countries(self, kind: str) -> tuple[str, ...]:
        """The countries of the latest of the three spans before that has a word of the event
        type ``kind`` ("the clashes" → where the fighting was told), else of the span just
        before."""
        for span in reversed(self.spans[-3:]):
            if any(k.type == kind and k.strength >= 2 and k.regex.search(self.text, *span)
                   for k in KEYWORDS):
                return _countries_in(self.mentions, span)
        return _countries_in(self.mentions, self.spans[-1] if self.spans else None)

    def leader(self) -> str | None:
        """The country of the first leader named in the span just before: who "He" or
        "She" opening the next sentence is."""
        if not self.spans:
            return None
        start, end = self.spans[-1]
        return next((m.country for m in self.mentions
                     if start <= m.start and m.end <= end and m.kind == "leader"), None)


def _without_targets(text: str, start: int, whens: list[When],
                     published: dt.date) -> list[When]:
    """The dates of a sentence less a target after publication given with its year and no word
    of a plan ("agreed yesterday to spend 5% by 2035") when another date is left, and less a
    date that did not happen ("took effect immediately, rather than on January 1 as planned":
    none may be left, and the sentence goes on the story's day)."""
    kept = [w for w in whens
            if not (w.date.first_day > published and re.search(r"[0-9]{4}", w.text)
                    and not HEDGE.search(text, start, w.start))] or whens
    return [w for w in kept if not _INSTEAD.search(text, max(start, w.start - 20), w.start)]


def _countries_in(mentions: list[Mention], span: tuple[int, int] | None) -> tuple[str, ...]:
    """The countries named in ``span`` (not its dateline), in reading order, each once."""
    if span is None:
        return ()
    return tuple(dict.fromkeys(m.country for m in mentions
                               if span[0] <= m.start and m.end <= span[1]
                               and m.kind != "dateline"))


# -- one candidate ---------------------------------------------------------------------------


_THEY = re.compile(r"\b(?:they|their|both)\b")
# a host or broker's verb, and the parties it brought together
_BROKERING_VERB = re.compile(r"\b(?:co-?)?(?:host|broker|mediat|facilitat)(?:e|es|ed|s|ing)?\b")
_BETWEEN = re.compile(r"\bbetween\b[^.;:]*$")
# a date that was not: "rather than on January 1", "instead of in March"
_INSTEAD = re.compile(r"\b(?:rather\s+than|instead\s+of)\s+(?:on\s+|in\s+|at\s+)?(?:the\s+)?$")
# a country after a noun and a preposition: "a war over Kashmir", "its war against France"
_OF_A_THING = re.compile(r"\b[a-z]+\s+(?:over|against|with|from|in|on|for)\s+(?:the\s+)?$")
# "the war between Iran and Iraq that had begun in 1980": what is between them did it
_BETWEEN_THAT = re.compile(r"\bbetween\s+(?P<pair>[^.;:,]{2,60}?)\s+(?:that|which)\s+")
# "the first country to join the bloc since Cambodia in 1999": Cambodia joined in 1999
_FIRST_SINCE = re.compile(r"\bfirst\b[^.;,]{0,60}\bsince\s+(?:the\s+)?$")
# an event word about relations, which are always between two
_RELATIONS = re.compile(r"\b(?:relations|ties)\b")
_PRONOUN = re.compile(r"(?:He|She)\b")
# "it" as the subject of a clause inside the sentence: "since it relaxed a ban in 2014"
_IT = re.compile(r"\b(?:since|after|when|because|before|until|once)\s+it\s+"
                 r"(?!is\b|was\b|would\b|will\b|could\b|may\b|might\b)")
# a switch of recognition between Beijing and Taipei: the one it went to (the other is the
# one it left): "Panama switched recognition to Beijing in June 2017"
_SWITCH = re.compile(r"\bswitch(?:ed|es|ing)?\b(?:\s+(?:its|their|diplomatic|recognition|"
                     r"allegiance|ties)){0,3}\s+(?:from\s+(?:Beijing|China|Taipei|Taiwan)\s+)?"
                     r"to\s+(?P<to>Beijing|China|Taipei|Taiwan)\b")
_SWITCHED_FROM = {"Beijing": "TWN", "China": "TWN", "Taipei": "CHN", "Taiwan": "CHN"}
# a word for the place the clause before named: "visited them", "the troops there"
_BACK_TO_THE_PLACE = re.compile(r"\bvisit(?:ed|s|ing)?\s+(?:them|it|there|him|her)\b"
                           # "the last French troops there left": the place, not "there is"
                           r"|\bthere\b(?!\s+(?:is|are|was|were|has|have|had|will|would|may"
                           r"|might|could|should|seems?|appears?|remains?|been|being)\b)")


def _candidate(text: str, sentence: tuple[int, int], clause: Clause, carry: Carry | None,
               antecedent: _Antecedent, published: dt.date, source_url: str,
               publisher: str) -> tuple[Candidate | None, Carry | None]:
    """The candidate of one clause (or ``None``) and what the next clause may borrow;
    ``antecedent`` are the countries a back-reference in the clause would refer to."""
    reasons: list[str] = []
    found = event_word(text, clause.start, clause.end, clause.whens)
    subjects: list[str] = []
    objects: list[str] = []
    acted_on: list[str] = []  # by another word before the event word
    brokers: list[str] = []  # "an agreement brokered by China": after the parties
    topics: list[str] = []
    venues: list[str] = []  # where it happened, by the place's country
    elliptic = text[clause.start].islower()  # "… and Moscow in June", "met Ishiba …"
    repeat = REPEATS.search(text, clause.start, clause.end) if carry is not None else None
    repeated = carry is not None and repeat is not None and (found is None
                                                             or found[0].strength <= 1)
    if repeated:
        # "…, and Norway, Ireland and Spain followed in May 2024"
        keyword, word_start, word_end = carry.keyword, repeat.start(), repeat.end()
        reasons.append(f"“{repeat.group(0)}” repeats the event of the clause before "
                       f"({keyword.type})")
    elif found is None or (elliptic and carry is not None and found[0].strength <= 1
                           and found[0].strength < carry.keyword.strength):
        if carry is None:
            return None, None
        keyword, word_start, word_end = carry.keyword, clause.start, clause.start
        subjects = list(carry.subjects)
        reasons.append(f"event word shared with the clause before ({keyword.type})")
    else:
        keyword, word_start, word_end = found
    datelines = {m.country for m in clause.mentions if m.kind == "dateline"}
    for mention in clause.mentions:
        # where the story was filed is a place, never who acts; nor is the past ruler of
        # "the former Portuguese colony"; a breakaway region ("Transnistria") is a place of
        # its country: where things happen or what they are done to, not the country acting
        part = ("topic" if mention.kind in ("dateline", "former ruler", "people")
                else role(text, clause.start, mention, word_start))
        if part == "other" and (keyword.strength <= 1 or any(
                mention.end <= w.start and w.end <= word_start for w in clause.whens)):
            # what a reporting verb reports is before it, its countries the report's; a date
            # between the country and the event word dates the verb the country goes with
            # ("sailed with Filipino ships in September, drawing a rebuke from Beijing")
            part = "object"
        if part == "subject" and (mention.kind == "region" or example(
                text, clause.start, mention, clause.mentions)):
            part = "topic"  # "… barred its partners, including the US and China, from …"
        in_place = venue(text, mention)  # "in the Turkish resort of Antalya": a place
        if (in_place or part == "topic") and (
                keyword.type == "armed_conflict" and mention.start >= word_end
                and _IN.search(text, max(0, mention.start - 12), mention.start)):
            # "struck a compound in Doha", "sank the ship in the New Zealand port of
            # Auckland": where an attack lands is its target
            part = "object"
        elif in_place:
            part = "venue"  # listed last
        if part in ("object", "subject") and (
                _described_after(text, word_end, clause.whens, mention.start)
                or _ASIDE.search(text, word_end, mention.start)):
            # "struck … on September 9 where officials had gathered to weigh an American
            # proposal": what the relative clause tells of the place, not a party; "hosted
            # the five presidents on Thursday, as Washington seeks a foothold in a region
            # long dominated by Russia": what the aside tells, not a party
            part = "topic"
        listed = {"subject": subjects, "object": objects, "other": acted_on,
                  "broker": brokers, "topic": topics, "venue": venues}[part]
        if mention.country not in listed:
            listed.append(mention.country)
    parties = [m.country for m in clause.mentions if m.start >= word_end
               and _BETWEEN.search(text, word_end, m.start) and m.country in objects]
    brokering = _BROKERING_VERB.search(text, clause.start, word_end)
    if subjects and parties and brokering:
        # "Malaysia hosted talks between Thailand and Cambodia": the parties act, the host or
        # broker takes part after them, as "talks hosted by Malaysia" has it
        brokers = [*subjects, *(code for code in brokers if code not in subjects)]
        subjects = parties
        objects = [code for code in objects if code not in parties]
        reasons.append(f"{', '.join(map(country_name, brokers))} "
                       f"“{brokering.group(0)}”: the parties come first")
    setting = next((m for m in clause.mentions[:1] if m.kind in _ACTING_KINDS
                    and _IN_PLACE.fullmatch(text, clause.start, m.start)
                    and text.startswith(",", m.end)), None)
    if setting is not None and not subjects and setting.start < word_start:
        # "In Tehran, the foreign ministry summoned …": who acts is of the place named first
        subjects = [setting.country]
        topics = [code for code in topics if code != setting.country]
        reasons.append(f"“In {setting.text},” then who acts there: {country_name(setting.country)}")
    since = [m.country for m in clause.mentions
             if _FIRST_SINCE.search(text, clause.start, m.start)
             and any(w.start >= m.end for w in clause.whens)]
    if since:
        # "becoming the first country to join the bloc since Cambodia in 1999": who did it
        # then is the clause's subject, not the one who does it now
        subjects = since[:1]
        objects = [code for code in objects if code not in subjects]
        reasons.append(f"the first … since {country_name(subjects[0])}: who did it then")
    actors = acting(text, clause.mentions, word_start) if word_end > word_start else ()
    if actors and any(code not in actors for code in subjects):
        # "Poland has objected to the checks Berlin introduced": who introduced them is who
        # stands right before the verb; the others are another verb's subjects
        others = [code for code in subjects if code not in actors]
        subjects = [code for code in subjects if code in actors]
        topics = [*others, *(code for code in topics if code not in others)]
        reasons.append(f"{', '.join(map(country_name, actors))} right before "
                       f"“{text[word_start:word_end]}”: "
                       f"{', '.join(map(country_name, others))} named earlier act elsewhere")
    joined = [m.end() for m in _AND_CLAUSE.finditer(text, clause.start, word_start)]
    if joined and subjects and not actors and all(w.start >= joined[-1] for w in clause.whens):
        # "Egypt and Cyprus rejected the accord, and the Greek minister flew to Cairo on
        # Sunday": the verb's subject is in its own clause, after ", and"
        own = [m.country for m in clause.mentions if joined[-1] <= m.start < word_start
               and m.country in subjects]
        if own and (others := [code for code in subjects if code not in own]):
            subjects = own
            topics = [*others, *(code for code in topics if code not in others)]
            reasons.append(f"{', '.join(map(country_name, own))} after “, and”: the subject "
                           f"of “{text[word_start:word_end]}”; "
                           f"{', '.join(map(country_name, others))} act in the clause before")
    doers = agents(text, clause.mentions, word_end) if word_end > word_start else ()
    goals: tuple[str, ...] = ()
    if not doers and word_end > word_start:
        # "Tokyo's move follows the visit to Peking by President Richard Nixon in February":
        # "by" names who visited, "to" where; Tokyo's is another act
        doers, goals = by_agents(text, clause.mentions, word_start, word_end)
    if doers and not actors:
        # "hit with the tariffs that President Donald Trump unveiled on April 2": the relative
        # clause says who acted; the others named are what the act concerns
        others = [code for code in subjects if code not in (*doers, *goals)]
        subjects = list(doers)
        objects = [*goals, *(code for code in objects if code not in (*doers, *goals))]
        topics = [*others, *(code for code in topics if code not in others)]
        reasons.append(f"“{text[word_start:word_end]}” that "
                       f"{', '.join(map(country_name, doers))} did: "
                       + (f"{', '.join(map(country_name, others))} named before are what it "
                          "concerns" if others else "theirs"))
    it = _IT.search(text, clause.start, word_start) if word_end > word_start else None
    if it and (named := [m.country for m in clause.mentions if m.end <= it.start()]):
        # "handing Tokyo its biggest export deal since it relaxed a ban in 2014": "it" is the
        # country named last before it; the others named act elsewhere
        others = [code for code in subjects if code != named[-1]]
        subjects = named[-1:]
        objects = [code for code in objects if code not in subjects]
        topics = [*others, *(code for code in topics if code not in others)]
        reasons.append(f"“it” is {country_name(subjects[0])}, named last before it")
    if repeated and (done_to := [code for code in carry.countries if code not in
                                 (*carry.subjects, *subjects, *objects)]):
        # "China accepted the credentials of a Taliban ambassador in January and the Emirates
        # followed that August": the new doer did it to the same country
        objects += done_to
        reasons.append(f"done to the same as before: {', '.join(map(country_name, done_to))}")
    if carry is not None and word_end == clause.start and not clause.mentions:
        # "sent 29 to the United States in February and 26 more in August": the clause
        # repeats the event of the one before with another date, between the same countries
        objects = [code for code in carry.countries if code not in subjects]
    relative = RELATIVE.match(text, clause.start, clause.end)
    pronoun = (_PRONOUN.match(text, clause.start) if clause.start == sentence[0] and not subjects
               else None)
    if pronoun and (leader := antecedent.leader()):
        subjects = [leader]  # "Trump said on Thursday …. He announced …"
        reasons.append(f"“{pronoun.group(0)}” is the leader named first in the sentence "
                       f"before: {country_name(leader)}")
    elif relative and carry is not None and carry.last_country and not subjects:
        # "the leaders of France, Germany, Britain and Poland, who had travelled …": the
        # whole list the relative pronoun follows; but "which" after "a war over Kashmir" or
        # "its war against France" refers back to the war: what the countries just before
        # it did ("Algeria fought its own war of independence against France, which ended …")
        before = [m for m in antecedent.mentions
                  if max(sentence[0], clause.start - 80) <= m.start and m.end <= clause.start]
        thing = (relative.group(0).strip().lower() == "which" and before
                 and (not re.fullmatch(r"\s*,?\s*", text[before[-1].end : clause.start])
                      or _OF_A_THING.search(text, max(0, before[-1].start - 30),
                                            before[-1].start)))
        subjects = (list(dict.fromkeys(m.country for m in before)) if thing else
                    _listed_before(text, antecedent.mentions, clause.start)
                    or [carry.last_country])
        reasons.append(f"“{relative.group(0).strip()}” refers back to "
                       + ("what " if thing else "")
                       + f"{', '.join(map(country_name, subjects))}" + (" did" if thing else ""))
        if not clause.mentions and not objects:
            # "Pakistani jets struck Kabul on October 9, according to Taliban officials, who
            # retaliated two days later": the story goes on between the same countries
            objects = [code for code in carry.countries if code not in subjects]
    elif carry is not None and carry.countries and _THEY.search(text, clause.start, word_start):
        subjects = list(carry.countries)  # "…, their first talks since they spoke in April"
        reasons.append("“they” are the countries of the clause before")
    elif carry is not None and carry.subjects and not subjects and elliptic:
        subjects = list(carry.subjects)  # "Lee, who took office on June 4, met Ishiba …"
        reasons.append("the subject is that of the clause before")
        if not objects and not acted_on and all(
                m.country in brokers or _ASIDE.search(text, word_end, m.start)
                for m in clause.mentions):
            # "… offered to lead a force in Haiti in July 2023, and the council authorised
            # the mission in October": naming no other party (one in an aside at most: "…
            # in September 2017, when it test-fired missiles amid threats traded with
            # Washington"), the story goes on between the same
            objects = [code for code in carry.countries if code not in subjects]
    elif not subjects and elliptic and (opening := _opening(text, sentence[0], clause.start,
                                                            antecedent.mentions)):
        # "Manele, who became prime minister in May 2024, | made his first visit to China
        # that July": the clause before gave no event, the sentence's subject is still its own
        subjects = list(dict.fromkeys(m.country for m in opening))
        reasons.append(f"the subject is the sentence's, "
                       f"“{text[opening[0].start : opening[-1].end]}”: "
                       f"{', '.join(map(country_name, subjects))}")
    # where the story was filed comes after every other country named ("THE HAGUE - The
    # court ruled that the river, which rises in Bolivia, …")
    filed = [code for code in topics if code in datelines]
    topics = [*(code for code in topics if code not in filed), *filed]
    # the relative clause may be cut from the pair: "… the war between Iran and Iraq | that
    # had begun in 1980"
    related = next((m for m in _BETWEEN_THAT.finditer(text, max(sentence[0], clause.start - 80),
                                                      clause.end)
                    if clause.start <= m.end() <= word_start), None)
    pair = [x.country for x in antecedent.mentions
            if related and related.start("pair") <= x.start and x.end <= related.end("pair")]
    if len(set(pair)) >= 2 and all(w.start >= related.end() for w in clause.whens):
        # "… in the war between Iran and Iraq that had begun in 1980": the relative clause
        # tells of the war, and the war is theirs; the others named act elsewhere
        others = [code for code in [*subjects, *objects] if code not in pair]
        subjects, objects = list(dict.fromkeys(pair)), []
        topics = [*others, *(code for code in topics if code not in others)]
        reasons.append(f"“{text[related.start():related.end()].strip()}”: what is between "
                       f"{', '.join(map(country_name, subjects))} did it")
    countries = list(dict.fromkeys([*subjects, *objects, *acted_on, *brokers, *topics]))
    if len(countries) < 2:
        # a third country's town is where two parties met, no party; named with one country
        # or none, the place's country is the other side ("talks in Antalya, Turkey")
        countries += [code for code in venues if code not in countries]
    elif dropped := [code for code in venues if code not in countries]:
        reasons.append(f"{', '.join(map(country_name, dropped))}: where it happened, no party")
    # the clause's own wording, or the one before's when it only adds a date (", in July 1965")
    told = (independence_parties(text, clause.start if word_end > clause.start else sentence[0],
                                 clause.end, antecedent.mentions, [w.start for w in clause.whens])
            if keyword.pattern == INDEPENDENCE else None)
    if told:
        # "since the archipelago won independence from Britain": the new state and its former
        # ruler; the rest of the sentence's countries act elsewhere
        subjects, objects, acted_on, countries = [told[0]], list(told[1:]), [], list(told)
        reasons.append(f"independence of {country_name(told[0])} from {country_name(told[1])}")
    if not countries and carry is not None:
        # "…, their first talks since they spoke … in April": the clause before's countries
        subjects, countries = list(carry.subjects), list(carry.countries or carry.subjects)
    subjects = list(dict.fromkeys(subjects))
    reference = back_reference(text, clause, (word_start, word_end), keyword.type)
    borrowed = ([code for code in antecedent.countries(keyword.type) if code not in countries]
                if reference else [])
    if borrowed:
        names = ", ".join(country_name(code) for code in borrowed)
        before = "clause" if clause.start > sentence[0] else "sentence"
        reasons.append(f"“{reference}” refers back to the {before} before: {names}"
                       + (" added after the clause's own countries" if countries else ""))
        countries += borrowed
    place = _BACK_TO_THE_PLACE.search(text, clause.start, clause.end)
    if len(countries) == 1 and place and carry is not None and (
            places := [code for code in carry.countries if code not in countries]):
        # "… landed in Port-au-Prince in June, and Ruto visited them that September": a visit
        # is to somewhere, the place the clause before names
        countries += places
        reasons.append(f"“{place.group(0)}” refers back to the clause before: "
                       f"{', '.join(map(country_name, places))}")
    switch = _SWITCH.search(text, clause.start, clause.end)
    left = _SWITCHED_FROM[switch["to"]] if switch else None
    if left and left not in countries:
        # recognising Beijing is leaving Taipei, and the other way round: the side left is a
        # party too, after the one gone to (and so for the clauses that follow suit)
        countries.append(left)
        reasons.append(f"a switch to {switch['to']} leaves {country_name(left)}")
    sides = set(_SWITCHED_FROM.values())
    if left and (switcher := [m.country for m in clause.mentions
                              if m.end <= switch.start() and m.country not in sides]):
        # "Washington watched as China grew in the Solomons since the government there
        # switched from Taiwan to Beijing": who switches is a third country, the one named last
        # before the switch; the sides gone to and left come next
        order = [switcher[-1], *(sides - {left}), left]
        countries = [*order, *(code for code in countries if code not in order)]
        reasons.append(f"who switches: {country_name(switcher[-1])}, named last before it")
    next_carry = Carry(keyword, tuple(subjects),
                       clause.mentions[-1].country if clause.mentions else None, tuple(countries))
    # a step with no other side in its wording ("Protest in {who}", "Court ruling in {who}")
    at_home = (len(countries) == 1 and not keyword.title_with_target
               and keyword.pattern != INDEPENDENCE)
    if len(countries) == 1 and (partner := _other_side(text, (word_start, word_end), antecedent,
                                                       carry if clause.parallel else None,
                                                       clause.start, countries[0])):
        countries.append(partner)
        reasons.append(f"no other side named: {country_name(partner)}, the other country "
                       "the article is about")
    guessed = None
    if not countries:
        # "Tsikhanouski was arrested in May 2020": no country named, the article's is likely;
        # offered for review, never ticked. A sentence opening with a plural ("The juntas
        # announced the move …", "The two men …") is about several: when the sentence
        # before (or the one its event word points back to) names that country too, its other
        # countries are the likely partners ("Mali, Burkina Faso and Niger …")
        named_next = [m for m in antecedent.mentions if clause.end <= m.start
                      and m.end <= sentence[1] and m.kind != "dateline"]
        later = list(dict.fromkeys(m.country for m in named_next))
        guessed = main_country(antecedent.mentions, clause.start)
        if len(later) >= 2 and (guessed in later or all(m.kind in ("name", "demonym", "reference")
                                                        for m in named_next)):
            # "A ceasefire took effect in September 1987, and the two countries restored
            # relations …", "Fighting broke out in late September …, when Moroccan and
            # Algerian units clashed": the parties the sentence goes on to name, when the
            # article's own is among them or they are named as peoples or states (not "a
            # round held in Beijing" in a story on Japan: a place); a guess
            guessed, countries = guessed or later[0], later
            reasons.append(f"no country in the clause: {', '.join(map(country_name, later))}, "
                           "whom the sentence names next, is a guess")
        else:
            if guessed is None:
                return None, next_carry
            before = (antecedent.countries(keyword.type)
                      if antecedent.spans and _opens_with_plural(text, clause.start) else ())
            partners = [code for code in before if code != guessed] if guessed in before else []
            countries = [guessed, *partners]
            reasons.append(f"no country in the sentence: {country_name(guessed)}, the one the "
                           "article names most, is a guess"
                           + (f", with {', '.join(map(country_name, partners))} of the "
                              "sentence before" if partners else ""))
    # A reported event happened: a date after publication ("by 2035") dates it only when the
    # clause has no other.
    past = [w for w in clause.whens if w.date.first_day <= published] or clause.whens
    when = min(past, key=lambda w: (distance((w.start, w.end), (word_start, word_end)), w.start))
    if finer := [w for w in past if w.end_date is None and when.end_date is None
                 and _FINENESS[w.date.precision] < _FINENESS[when.date.precision]
                 and when.date.first_day <= w.date.first_day <= when.date.last_day]:
        # "six years ago, when the king flew in for the swearing-in in December 2018": the
        # same time told twice, the finer says more
        when = min(finer, key=lambda w: _FINENESS[w.date.precision])
        reasons.append(f"“{when.text}” tells the same time more finely")
    when = _past_occurrence(text, sentence[0], when, published)
    actor = target = None
    if len(subjects) == 1:
        actor = subjects[0]
        others = [code for code in [*objects, *acted_on] if code != actor]
        target = others[0] if len(others) == 1 else None
    score, reasons = confidence(text, clause, when, keyword, (word_start, word_end),
                                countries, subjects, actor, target, reasons, published)
    if guessed is not None or when.guessed:
        score = min(score, REVIEW_ONLY)
    elif at_home and score > REVIEW_ONLY:
        # on held-out articles three such steps in four were no event between states (an
        # election, a sentence passed at home, a leader taking power, protests in the
        # streets); offered, not ticked
        score = REVIEW_ONLY
        reasons.append(f"a step at home naming no other country: the background of "
                       f"{country_name(countries[0])}'s relations, not an act between states "
                       "(tick it to keep it)")
    candidate = Candidate(
        date=when.date, end_date=when.end_date, countries=tuple(countries), actor=actor,
        target=target, type=keyword.type, title=_title(keyword, subjects, countries, actor,
                                                       target),
        quote=text[sentence[0] : sentence[1]], start=sentence[0], end=sentence[1],
        confidence=score, reasons=tuple(reasons), date_text=when.text, published=published,
        source_url=source_url, publisher=publisher,
    )
    return candidate, next_carry


_IN = re.compile(r"\bin\s+(?:the\s+)?$")
# a sentence opening on where it happens, then who acts there: "In Tehran, the ministry …"
_IN_PLACE = re.compile(r"In\s+")
_ACTING_KINDS = ("name", "capital", "seat of power")
_RELATIVE_WORD = re.compile(r"\b(?:where|who|whom|whose|which)\b")
# where a coordinated clause with a subject of its own starts: "…, and the Greek minister flew"
_AND_CLAUSE = re.compile(r",\s+(?:and|but)\s+")
# after the event word, a clause that says why or against what background it happened
_ASIDE = re.compile(r",\s+(?:as(?!\s+well\b|\s+part\b)|while|whereas)\s|\bamid\b|\baimed\s+at\b")


def _described_after(text: str, word_end: int, whens: Iterable[When], position: int) -> bool:
    """True when ``position`` is in a relative clause opened after both the event word (ending
    at ``word_end``) and a date of the clause: it describes something, no party acts in it."""
    for when in whens:
        if word_end <= when.end <= position:
            opened = [m.end() for m in _RELATIVE_WORD.finditer(text, when.end, position)]
            # still open: no comma or dash closes it before ``position``
            if opened and not PHRASE_END.search(text, opened[-1], position):
                return True
    return False


def _other_side(text: str, word: tuple[int, int], antecedent: _Antecedent,
                parallel: Carry | None, position: int, named: str) -> str | None:
    """The other party of a step that names only ``named``: in a clause parallel to the one
    before (``parallel``, that clause's), the one it acted on ("Colombia recalled its
    ambassador from Israel, while Bolivia severed ties"); else, relations being always with
    someone, the other country the article names most ("La Paz broke off relations in March
    1978"); any other step between countries is with the other country the story is clearly
    about ("Brazil imposed sanctions in May 2024" in a story on Brazil and Paraguay), a step
    at home too (an election, a law, a ruling: offered unticked, see ``_candidate``)."""
    relations = _RELATIONS.search(text, *word)
    if parallel is not None and (acted_on := [code for code in parallel.countries
                                              if code not in (*parallel.subjects, named)]):
        return acted_on[0]
    if relations:
        return main_country(antecedent.mentions, position, named)
    return story_partner(antecedent.mentions, position, named)


# titles and names before the person or country that opens a sentence
_OPENING_WORDS = re.compile(r"(?:(?:[Tt]he|[A-Z][\w'\u2019.-]*)\s+)*")


def _listed_before(text: str, mentions: list[Mention], position: int) -> list[str]:
    """The countries of the list that ends right before ``position`` ("France, Germany,
    Britain and Poland, who …"), in its order; [] when no country ends there."""
    before = [m for m in mentions if m.end <= position]
    if not before or not re.fullmatch(r"\s*,?\s*", text[before[-1].end : position]):
        return []
    return list(dict.fromkeys(m.country for m in reversed(listed(text, before[::-1]))))


def _opening(text: str, start: int, clause_start: int,
             mentions: list[Mention]) -> list[Mention]:
    """The country mentions that open the sentence at ``start`` (after titles at most: "Prime
    Minister Jeremiah Manele, who …"), the first and those listed with it ("Ankara and
    Yerevan named …"), when they stand before ``clause_start``; [] otherwise."""
    inside = [m for m in mentions if start <= m.start and m.end <= clause_start]
    # a place, not who acts, ends the list
    acting = list(takewhile(lambda m: m.kind not in ("dateline", "former ruler", "region"),
                            inside))
    if not acting or not _OPENING_WORDS.fullmatch(text, start, acting[0].start):
        return []  # a place first, or not what opens the sentence
    return listed(text, acting)


# the head of a sentence's first noun phrase: "The juntas", "The two men", "Officials"
_OPENING_NOUN = re.compile(r"(?:(?:The|These|Those|Both|Their)\s+)?(?:[a-z-]+\s+){0,2}?"
                           r"([A-Za-z]+)\b(?=\s+(?:also\s+|had\s+|have\s+)?[a-z]+ed\b)")


def _opens_with_plural(text: str, start: int) -> bool:
    """True when the clause at ``start`` opens with a plural noun as its subject, right
    before a verb in the past ("The juntas announced"): a plural by lemminflect's tables."""
    match = _OPENING_NOUN.match(text, start)
    if match is None:
        return False
    word = match.group(1).lower()
    return any(lemma != word for lemma in getAllLemmas(word).get("NOUN", ()))


_YEARLESS = re.compile(
    r"(?:(?:early|late|mid)[\s-]+)?(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)[a-z]*\.?"
    r"(?:\s+[0-9]{1,2})?")


_FINENESS = {Precision.DAY: 0, Precision.MONTH: 1, Precision.YEAR: 2}
# a deadline or when a measure takes effect, set before it: "barred them from June 1"
# a date that is set, not reported: "by", "from", "expires on", "due on"
_SET_FOR = re.compile(r"\b(?:by|from|(?:expires?|expiring|due)\s+on)\s+$")


def _past_occurrence(text: str, sentence_start: int, when: When, published: dt.date) -> When:
    """A month (or month and day) written without its year that the tagger put after
    publication, in a sentence with no word of a plan before it, as the occurrence a year
    earlier: news reports what happened ("… signed one with Tokyo in July 2024 and one with
    Wellington in April", written in November). The tagger, without a tense cue near the
    date, takes the nearest occurrence."""
    if (when.date.first_day <= published or when.end_date is not None
            or not _YEARLESS.fullmatch(when.text)
            or HEDGE.search(text, sentence_start, when.start)
            or _SET_FOR.search(text, sentence_start, when.start)):
        return when
    first = when.date.first_day
    try:
        earlier = PartialDate.of(first.replace(year=first.year - 1), when.date.precision)
    except ValueError:  # 29 February
        return when
    if earlier.first_day > published:
        return when
    return dataclasses.replace(when, date=earlier, notes=(
        *when.notes, f"“{when.text}” without a year in a report of what happened: the "
        f"occurrence before publication ({earlier.iso()})"))


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
