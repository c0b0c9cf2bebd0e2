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
  signed") make a mutual event with neither; when they did it to another country ("Saudi
  Arabia, the UAE, Bahrain and Egypt cut ties with Qatar"), each doer's own step is offered
  too, unticked, its ``part_of`` the joint act's title. Phrases that name both Koreas
  ("inter-Korean") count for both (``find_countries(..., joint=True)``).
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
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from lemminflect import getAllLemmas

from timeline.core.countries import country_name
from timeline.core.dates import PartialDate, Precision
from timeline.core.event_types import EVENT_TYPES_BY_CODE
from timeline.core.model import MAX_QUOTE, Event, parse_event

from .clauses import RELATIVE, Carry, Clause, clauses
from .event_dates import When, dates_in, story_day
from .independence import independence_parties
from .keywords import HEDGE, INDEPENDENCE, KEYWORDS, REPEATS, Keyword
from .mentions import Mention, named_on
from .open_verbs import is_past_tense, tells_its_own
from .parties import Antecedent, Roles, cast
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
    # one doer's own step of an act several did together: that act's title ("Saudi Arabia
    # cuts ties with Qatar" is part of "Saudi Arabia, the UAE, Bahrain and others cut ties")
    part_of: str = ""

    @property
    def precision(self) -> Precision:
        """How much of the date is known: day, month or year."""
        return self.date.precision

    def to_record(self) -> dict[str, Any]:
        """A JSON-ready dict: ``date`` written at its precision (``"2024-06"``), ``precision``,
        ``end_date`` (or ``None``), ``countries``, ``actor``, ``target``, ``type``, ``title``,
        ``quote``, ``start``, ``end``, ``date_text``, ``confidence``, ``reasons``, ``source``
        (``url``, ``publisher``, ``published``) and ``part_of`` (the joint act's title, or
        ``""``)."""
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
            "part_of": self.part_of,
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
        parts = [_as_then(piece) for whole in clauses(text, start, end, whens, sentence_mentions)
                 for piece in _second_doers(text, whole)]
        for part, clause in enumerate(parts):
            # what a back-reference in the clause refers to: the clauses before in the
            # sentence, or a sentence before
            antecedent = (Antecedent(text, mentions, [(start, clause.start)]) if part
                          else Antecedent(text, mentions, before[:-1]))
            made, carry = _candidate(text, (start, end), clause, carry, antecedent,
                                     published, source_url, publisher)
            if made:
                found += made
                if not clause.whens[0].guessed:
                    dated = (index, made[0].date, made[0].date_text)
            if made and (cause := _cause(text, clause)):
                # "…, after Vilnius allowed Taiwan to open an office": what led to the event,
                # offered unticked beside it (the clause keeps its whole telling); not the
                # event told again ("a truce that collapsed in March, when Israel resumed air
                # strikes" is one attack)
                found += [c for c in _candidate(text, (start, end), cause, None, antecedent,
                                                published, source_url, publisher)[0]
                          if c.type != made[0].type]
        found += _named_by_year(text, (start, end), sentence_mentions,
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
# 1963", "after their 1965 war": an agreement or a war named by its year is an event of that
# year, beside what the sentence tells of it now
_YEAR = r"(?:1[5-9][0-9]{2}|20[0-9]{2})"


def _year_naming(noun: str) -> re.Pattern[str]:
    """"the 2015 peace agreement", "the Treaty of 1963" for the nouns ``noun`` matches."""
    return re.compile(
        rf"\b(?:a|an|the|its|their)\s+(?P<year>{_YEAR})\s+(?:[\w-]+\s+){{0,2}}?{noun}\b"
        rf"|\b(?i:{noun})\s+of\s+(?P<of_year>{_YEAR})\b")


_NAMED_BY_YEAR = (
    (_year_naming(r"(?:treaty|agreement|accord|pact|convention|armistice|ceasefire|truce)"),
     next(k for k in KEYWORDS if k.type == "treaty"), "an agreement named by the year it was made"),
    (_year_naming(r"(?:war|invasion)"),
     next(k for k in KEYWORDS if k.type == "armed_conflict"), "a war named by the year it began"),
)


def _named_by_year(text: str, sentence: tuple[int, int], mentions: list[Mention],
                      dated: set[PartialDate], published: dt.date, source_url: str,
                      publisher: str) -> list[Candidate]:
    """A candidate, unticked, for each agreement or war the sentence names by its year,
    between the countries the sentence names (a place of filing left out), unless one of the
    sentence's candidates has that year already."""
    countries = list(dict.fromkeys(m.country for m in mentions if m.kind != "dateline"))
    made = []
    for pattern, keyword, named in _NAMED_BY_YEAR:
        for match in pattern.finditer(text, *sentence):
            year = match["year"] or match["of_year"]
            date = PartialDate.of(dt.date(int(year), 1, 1), Precision.YEAR)
            if not countries or date in dated or date.first_day > published:
                continue
            dated.add(date)
            made.append(Candidate(
                date=date, end_date=None, countries=tuple(countries), actor=None, target=None,
                type=keyword.type, title=_title(keyword, [], countries, None, None),
                quote=text[sentence[0] : sentence[1]], start=sentence[0], end=sentence[1],
                confidence=REVIEW_ONLY,
                reasons=(f"“{match.group(0)}”: {named}, {year}", f"countries: the sentence's, "
                         f"{', '.join(map(country_name, countries))}",
                         "named in passing: offered for review, not ticked"),
                date_text=year, published=published, source_url=source_url,
                publisher=publisher))
    return made


# "Colombia recalled its ambassador that month, while Bolivia went further and severed ties":
# a second country doing a second thing of its own, on the same date; "and" says less
# ("Norway signed a deal in May, and Iceland ratified it" need not be in May), so only with a
# strong word of the tables and the state acting in the simple past right after ", and"
# ("India on Monday recognised Bangladesh, and Pakistan broke off relations within hours")
_SECOND_DOER = re.compile(r",\s+(?P<joint>while|whereas|and)\s+(?:the\s+)?")
_NEXT_WORD = re.compile(r"\s+(?:[a-z]+ly\s+)?(?P<word>[a-z]+)\b(?!\s+(?:it|them)\b)")


def _acts_next(text: str, doer: Mention) -> bool:
    """Whether the state ``doer`` names (not its people) is followed by a verb in the simple
    past ("Pakistan broke off", "Islamabad promptly recalled") that is not done to what the
    clause before told ("and Iceland ratified it": when, it does not say)."""
    word = _NEXT_WORD.match(text, doer.end)
    return doer.kind not in ("demonym", "people") and bool(word) and is_past_tense(word["word"])


def _second_doers(text: str, clause: Clause) -> list[Clause]:
    """``clause``, or its two parts when after its dates it goes on ", while" (", whereas")
    with a country doing a thing of its own (an event word of the tables in each
    part, the country not one of the first part's), ", and" with a state doing a strong one
    in the simple past, or "and" with a country replying ("… expelled the Turkish
    ambassador, and Ankara retaliated in kind"): two events of the same date."""
    for match, doer, first, second in _turns(text, clause, _SECOND_DOER):
        before = {m.country for m in clause.mentions if m.end <= match.start()}
        joined = match["joint"] == "and"
        if (first[0].strength >= 2 and second[0].strength >= 2 + joined
                and (not joined or _acts_next(text, doer)) and doer.country not in before):
            return _cut(clause, match.start(), match.end(), parallel=True)
    return _reply(text, clause)


def _turns(text: str, clause: Clause, turn: re.Pattern[str]
           ) -> Iterator[tuple[re.Match[str], Mention, tuple[Keyword, int, int],
                               tuple[Keyword, int, int]]]:
    """Each place after the clause's dates where ``turn`` ("…, while", "…, after") is followed
    right away by a country, with that country's mention and the event words of the parts
    before and after it (places where either part has none are left out)."""
    for match in turn.finditer(text, clause.start, clause.end):
        doer = next((m for m in clause.mentions if m.start == match.end()), None)
        if doer is None or any(w.end > match.start() for w in clause.whens):
            continue  # "after mediation by Qatar": no country doing a thing of its own
        first = event_word(text, clause.start, match.start(), clause.whens)
        second = event_word(text, match.end(), clause.end, clause.whens)
        if first and second:
            yield match, doer, first, second


# "broke off relations in January 2019 after the Trump administration recognised Guaido",
# "backed Rabat's plan last July, prompting Algeria to pull its ambassador out"
_CAUSE = re.compile(r",?\s+(?:after|when|prompting|forcing|leading)\s+(?:the\s+)?")


def _cause(text: str, clause: Clause) -> Clause | None:
    """The part of ``clause`` after its dates that goes on "after", "when", "prompting",
    "forcing" or "leading" with a country doing a thing of its own (an event word in each
    part), as a clause of its own on the same dates; ``None`` when there is none."""
    for match, _, first, second in _turns(text, clause, _CAUSE):
        if first[0].strength >= 2 and second[0].strength >= 2:
            return _cut(clause, match.start(), match.end(), cause=True)[1]
    return None


def _cut(clause: Clause, end: int, start: int, **second: bool) -> list[Clause]:
    """``clause`` as two: up to ``end`` and from ``start``, each with its own mentions and all
    the dates (the second marked by ``second``: ``parallel``, ``replies``, ``cause``)."""
    return [Clause(clause.start, end, clause.whens,
                   tuple(m for m in clause.mentions if m.end <= end)),
            Clause(start, clause.end, clause.whens,
                   tuple(m for m in clause.mentions if m.start >= start), **second)]


# "…, and Ankara retaliated in kind", "and Britain responded by sending home four Russians"
_AND_BEFORE = re.compile(r",?\s+and\s+(?:the\s+)?$")
_REPLYING = re.compile(r"(?:\s+[a-z]+)?\s+(?P<verb>retaliated|responded|hit\s+back|reciprocated)\b")


def _reply(text: str, clause: Clause) -> list[Clause]:
    """``clause``, or its two parts when after its dates it goes on "and" with a country that
    replied to what the first part tells (its event word of the tables), not the country
    that did it nor one listed with the one before "and" ("France and Britain responded"):
    the reply is a second event of the same date, done back to the first part's doer."""
    for doer in clause.mentions:
        joined = _AND_BEFORE.search(text, max(clause.start, doer.start - 12), doer.start)
        if (joined is None or not _REPLYING.match(text, doer.end)
                or any(w.end > joined.start() for w in clause.whens)):
            continue
        before = [m for m in clause.mentions if m.end <= joined.start()]
        first = event_word(text, clause.start, joined.start(), clause.whens)
        if (first and first[0].strength >= 2 and before and before[0].country != doer.country
                and before[-1].end < joined.start() - 1):
            return _cut(clause, joined.start(), doer.start, replies=True)
    return [clause]


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


# -- one candidate ---------------------------------------------------------------------------


# a date that was not: "rather than on January 1", "instead of in March"
_INSTEAD = re.compile(r"\b(?:rather\s+than|instead\s+of)\s+(?:on\s+|in\s+|at\s+)?(?:the\s+)?$")
# an event word about relations, which are always between two
_RELATIONS = re.compile(r"\b(?:relations|ties)\b")
# a visit told with no place: where the story was filed
_ARRIVED = re.compile(r"\b(?:arriv(?:ed|es|ing)|landed|flew\s+in)\b")
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
               antecedent: Antecedent, published: dt.date, source_url: str,
               publisher: str) -> tuple[list[Candidate], Carry | None]:
    """The candidates of one clause (none, or its event and each doer's own step when
    several did it) and what the next clause may borrow;
    ``antecedent`` are the countries a back-reference in the clause would refer to."""
    chosen = _event_of(text, clause, carry)
    if chosen is None:
        return [], None
    keyword, word, repeated, shared, reason = chosen
    roles = cast(text, sentence, clause, carry, antecedent, keyword, word, subjects=shared,
                 repeated=repeated, reasons=[reason] if reason else [])
    countries = _countries(text, sentence, clause, carry, antecedent, keyword, word, roles)
    subjects, reasons = roles.subjects, roles.reasons
    next_carry = Carry(keyword, tuple(subjects),
                       clause.mentions[-1].country if clause.mentions else None, tuple(countries))
    # a step with no other side in its wording ("Protest in {who}", "Court ruling in {who}")
    # a war inside one state has no other side to find in the story either
    internal = len(countries) == 1 and _INTERNAL.search(text, clause.start, clause.end)
    at_home = internal or (len(countries) == 1 and not keyword.title_with_target
                           and keyword.pattern != INDEPENDENCE)
    if len(countries) == 1 and not internal and (
            partner := _other_side(text, word, antecedent, carry if clause.parallel else None,
                                   clause.start, countries[0])):
        countries.append(partner[0])
        reasons.append(f"no other side named: {country_name(partner[0])}, {partner[1]}")
    guessed = None
    if not countries:
        guessed, countries = _guessed(text, sentence, clause, antecedent, keyword, reasons)
        if guessed is None:
            return [], next_carry
    when = _when(text, sentence, clause, word, published, reasons)
    actor = target = None
    if len(subjects) == 1:
        actor = subjects[0]
        others = [code for code in [*roles.objects, *roles.acted_on] if code != actor]
        target = others[0] if len(others) == 1 else None
    score, reasons = confidence(text, clause, when, keyword, word, countries, subjects, actor,
                                target, reasons, published)
    if guessed is not None or when.guessed or clause.cause:
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
    return [candidate, *_each_doer(candidate, keyword, subjects, roles.objects)], next_carry


def _each_doer(candidate: Candidate, keyword: Keyword, subjects: list[str],
               objects: list[str]) -> list[Candidate]:
    """For an act several countries did to others ("Saudi Arabia, the UAE, Bahrain and Egypt
    cut ties with Qatar"), each doer's own act, unticked beside the joint one: a timeline
    filtered to Egypt and Qatar shows Egypt's step; () for one doer or none acted on."""
    done_to = [code for code in objects if code not in subjects]
    if len(subjects) < 2 or not done_to or not keyword.title_with_target:
        return []
    target = done_to[0] if len(done_to) == 1 else None
    return [dataclasses.replace(
        candidate, countries=(doer, *done_to), actor=doer, target=target,
        title=_title(keyword, [doer], [doer, *done_to], doer, target),
        confidence=min(candidate.confidence, REVIEW_ONLY), part_of=candidate.title,
        reasons=(*candidate.reasons, f"one of {len(subjects)} doers: "
                 f"{country_name(doer)}'s own step, offered for review, not ticked"))
        for doer in subjects]


# what a conjunct that leaves its verb out has beside its countries and its date
_GAP_WORDS = frozenset({"and", "or", "then", "the", "in", "on", "by", "later", "also"})


def _gapped(text: str, clause: Clause) -> bool:
    """True for a conjunct of countries and a date alone: ", and Jordan in 1994" (and what a
    comma sets after it: "and Belarus in July 2024, making the bloc …")."""
    if not clause.mentions or not clause.whens:
        return False
    comma = text.find(",", clause.whens[-1].end, clause.end)
    end = clause.end if comma == -1 else comma
    named = sorted([(m.start, m.end) for m in clause.mentions if m.end <= end]
                   + [(w.start, w.end) for w in clause.whens])
    rest, position = [], clause.start
    for start, stop in named:
        rest.append(text[position:start])
        position = max(position, stop)
    rest.append(text[position:end])
    words = re.findall(r"[A-Za-z][\w'\u2019-]*", " ".join(rest).lower())
    return bool(words) and words[0] in ("and", "or") and set(words) <= _GAP_WORDS


def _as_then(clause: Clause) -> Clause:
    """``clause`` with its capitals read as of its date: "Tito travelled to Moscow in June
    1956" is a visit to the Soviet Union."""
    day = clause.whens[0].date.first_day
    return dataclasses.replace(clause, mentions=tuple(named_on(m, day) for m in clause.mentions))


# A turn to another statement inside a clause
_TURN = re.compile(r",\s+(?:but|yet|although|though|while)\b|;")


# "…, and three months later, | on April 7, the two governments signed": a clause of a date
# and nothing else leads into the next, whose date tells it more exactly
_DATE_ALONE = re.compile(r"[\s,]*(?:and|but|then)?[\s,]*")


def _date_alone(text: str, clause: Clause) -> bool:
    """Whether the clause holds nothing but its date (and a joining word)."""
    rest, at = "", clause.start
    for when in sorted(clause.whens, key=lambda w: w.start):
        rest, at = rest + text[at : when.start] + " ", when.end
    rest += text[at : clause.end]
    return bool(clause.whens) and _DATE_ALONE.fullmatch(rest) is not None


def _event_of(text: str, clause: Clause, carry: Carry | None
              ) -> tuple[Keyword, tuple[int, int], bool, tuple[str, ...], str] | None:
    """The clause's event word: its keyword, where it is written (an empty span at the
    clause's start when it is the clause before's), whether the clause says it did the same
    ("followed"), the subjects borrowed with a shared word and the reason; ``None`` with no
    event word of its own or to share."""
    found = event_word(text, clause.start, clause.end, clause.whens)
    if clause.replies and carry is not None and (found is None or found[0].strength <= 2):
        # "…, and Ankara retaliated in kind": the reply is the act of the clause before, done
        # by the country that opens the clause
        verb = _REPLYING.match(text, clause.mentions[0].end)
        return (carry.keyword, verb.span("verb"), False, (),
                f"“{verb['verb']}”: in kind, the event of the clause before ({carry.keyword.type})")
    elliptic = text[clause.start].islower()  # "… and Moscow in June", "met Ishiba …"
    repeat = REPEATS.search(text, clause.start, clause.end) if carry is not None else None
    turn = (_TURN.search(text, repeat.end() if repeat else clause.start, clause.end)
            if carry is not None else None)
    if (found is not None and turn is not None and found[1] >= turn.end()
            and all(w.end <= turn.start() for w in clause.whens)):
        # "and Qatar followed in September, but the dispute outlived the British", "agreed
        # deals with London in 2009 and 2010, but Grimsson refused to sign": what comes after
        # "but" is no longer what was done then
        found = event_word(text, clause.start, turn.start(), clause.whens)
    if found is None and carry is not None and _gapped(text, clause):
        # "Egypt made peace with Israel in 1979, and Jordan in 1994": the verb left out is
        # the clause before's, done to the same by the countries named (before the date,
        # which stands where the verb would)
        date = clause.whens[0]
        return (carry.keyword, (date.start, date.end), True, (),
                f"the verb of the clause before, left out ({carry.keyword.type})")
    if repeat is not None and (found is None or found[0].strength <= 1):
        # "…, and Norway, Ireland and Spain followed in May 2024"
        return (carry.keyword, (repeat.start(), repeat.end()), True, (),
                f"“{repeat.group(0)}” repeats the event of the clause before "
                f"({carry.keyword.type})")
    if found is None or (elliptic and carry is not None and found[0].strength <= 1
                         and found[0].strength < carry.keyword.strength):
        if carry is None or (found is None and RELATIVE.match(text, clause.start, clause.end)
                             and tells_its_own(text, clause.start, clause.end)
                             ) or (found is None and _date_alone(text, clause)):
            # "Kabila marched into Kinshasa in May 1997, ending the rule of Mobutu, who died
            # in exile four months later": the relative clause's verb is its own, no march
            return None
        return (carry.keyword, (clause.start, clause.start), False, carry.subjects,
                f"event word shared with the clause before ({carry.keyword.type})")
    keyword, word_start, word_end = found
    return keyword, (word_start, word_end), False, (), ""


def _countries(text: str, sentence: tuple[int, int], clause: Clause, carry: Carry | None,
               antecedent: Antecedent, keyword: Keyword, word: tuple[int, int],
               roles: Roles) -> list[str]:
    """The clause's countries in order (subjects first), with what its words imply beyond
    the countries named: a place's country when one side is named, the sides of an
    independence (set as ``roles``' subjects and objects), the clause before's when none is
    named, what a back-reference points to, the place "visited them" means, the side a
    switch leaves. Reasons go to ``roles``."""
    reasons = roles.reasons
    countries = roles.parties()
    if len(countries) < 2:
        # a third country's town is where two parties met, no party; named with one country
        # or none, the place's country is the other side ("talks in Antalya, Turkey")
        countries += [code for code in roles.venues if code not in countries]
    elif dropped := [code for code in roles.venues if code not in countries]:
        reasons.append(f"{', '.join(map(country_name, dropped))}: where it happened, no party")
    # the clause's own wording, or the one before's when it only adds a date (", in July 1965")
    told = (independence_parties(text, clause.start if word[1] > clause.start else sentence[0],
                                 clause.end, antecedent.mentions, [w.start for w in clause.whens])
            if keyword.pattern == INDEPENDENCE else None)
    if told:
        # "since the archipelago won independence from Britain": the new state and its former
        # ruler; the rest of the sentence's countries act elsewhere
        roles.subjects, roles.objects, roles.acted_on = [told[0]], list(told[1:]), []
        countries = list(told)
        reasons.append(f"independence of {country_name(told[0])} from {country_name(told[1])}")
    if not countries and carry is not None:
        # "…, their first talks since they spoke … in April": the clause before's countries
        roles.subjects = list(carry.subjects)
        countries = list(carry.countries or carry.subjects)
    roles.subjects = list(dict.fromkeys(roles.subjects))
    reference = back_reference(text, clause, word, keyword.type)
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
    return _switched(text, clause, countries, reasons)


def _switched(text: str, clause: Clause, countries: list[str], reasons: list[str]) -> list[str]:
    """``countries`` with the side a switch of recognition between Beijing and Taipei leaves,
    and who switches first when a third country is named before the switch."""
    switch = _SWITCH.search(text, clause.start, clause.end)
    left = _SWITCHED_FROM[switch["to"]] if switch else None
    if left is None:
        return countries
    if left not in countries:
        # recognising Beijing is leaving Taipei, and the other way round: the side left is a
        # party too, after the one gone to (and so for the clauses that follow suit)
        countries.append(left)
        reasons.append(f"a switch to {switch['to']} leaves {country_name(left)}")
    sides = set(_SWITCHED_FROM.values())
    if switcher := [m.country for m in clause.mentions
                    if m.end <= switch.start() and m.country not in sides]:
        # "Washington watched as China grew in the Solomons since the government there
        # switched from Taiwan to Beijing": who switches is a third country, the one named last
        # before the switch; the sides gone to and left come next
        order = [switcher[-1], *(sides - {left}), left]
        countries = [*order, *(code for code in countries if code not in order)]
        reasons.append(f"who switches: {country_name(switcher[-1])}, named last before it")
    return countries


def _guessed(text: str, sentence: tuple[int, int], clause: Clause, antecedent: Antecedent,
             keyword: Keyword, reasons: list[str]) -> tuple[str | None, list[str]]:
    """For a clause naming no country: the likely country (``None`` when the article names
    none) and the countries guessed with it, the reason added to ``reasons``.

    "Tsikhanouski was arrested in May 2020": no country named, the article's is likely;
    offered for review, never ticked. A sentence opening with a plural ("The juntas
    announced the move …", "The two men …") is about several: when the sentence before (or
    the one its event word points back to) names that country too, its other countries are
    the likely partners ("Mali, Burkina Faso and Niger …").
    """
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
        reasons.append(f"no country in the clause: {', '.join(map(country_name, later))}, "
                       "whom the sentence names next, is a guess")
        return guessed or later[0], later
    if guessed is None:
        return None, []
    before = (antecedent.countries(keyword.type)
              if antecedent.spans and _opens_with_plural(text, clause.start) else ())
    partners = [code for code in before if code != guessed] if guessed in before else []
    reasons.append(f"no country in the sentence: {country_name(guessed)}, the one the "
                   "article names most, is a guess"
                   + (f", with {', '.join(map(country_name, partners))} of the "
                      "sentence before" if partners else ""))
    return guessed, [guessed, *partners]


def _when(text: str, sentence: tuple[int, int], clause: Clause, word: tuple[int, int],
          published: dt.date, reasons: list[str]) -> When:
    """The date of the clause's event: of its dates before publication (a date after it, "by
    2035", only when there is no other) the nearest the event word, told more finely when
    the clause has it ("six years ago, … in December 2018"), a yearless month in the past."""
    past = [w for w in clause.whens if w.date.first_day <= published] or clause.whens
    when = min(past, key=lambda w: (distance((w.start, w.end), word), w.start))
    if finer := [w for w in past if w.end_date is None and when.end_date is None
                 and _FINENESS[w.date.precision] < _FINENESS[when.date.precision]
                 and when.date.first_day <= w.date.first_day <= when.date.last_day]:
        # "six years ago, when the king flew in for the swearing-in in December 2018": the
        # same time told twice, the finer says more
        when = min(finer, key=lambda w: _FINENESS[w.date.precision])
        reasons.append(f"“{when.text}” tells the same time more finely")
    return _past_occurrence(text, sentence[0], when, published)


# A war inside one state: "slid into civil war in December 2013", "the war that broke out in
# Sudan between the army and the paramilitary …"
_INTERNAL = re.compile(r"\bcivil\s+war\b|\bbetween\s+(?:the\s+)?(?:army|armed\s+forces|"
                       r"military|government|forces\s+loyal|rival\s+factions)\b")


def _other_side(text: str, word: tuple[int, int], antecedent: Antecedent,
                parallel: Carry | None, position: int,
                named: str) -> tuple[str, str] | None:
    """The other party of a step that names only ``named``, and why: in a clause parallel to
    the one before (``parallel``, that clause's), the one it acted on ("Colombia recalled its
    ambassador from Israel, while Bolivia severed ties"); an arrival with no place named, the
    country where the story was filed; else, relations being always with someone, the other
    country the article names most ("La Paz broke off relations in March 1978"); any other
    step between countries is with the other country the story is clearly about ("Brazil
    imposed sanctions in May 2024" in a story on Brazil and Paraguay), a step at home too (an
    election, a law, a ruling: offered unticked, see ``_candidate``)."""
    if parallel is not None and (acted_on := [code for code in parallel.countries
                                              if code not in (*parallel.subjects, named)]):
        return acted_on[0], "whom the clause before acted on"
    filed = next((m.country for m in antecedent.mentions if m.kind == "dateline"), named)
    if _ARRIVED.search(text, *word) and filed != named:
        return filed, "where the story was filed, arrived in"  # "TEHRAN - … Lula, who arrived"
    partner = (main_country(antecedent.mentions, position, named)
               if _RELATIONS.search(text, *word)
               else story_partner(antecedent.mentions, position, named))
    return (partner, "the other country the article is about") if partner else None


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
