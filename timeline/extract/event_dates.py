"""The dates an event in a sentence could have, from the article's date expressions.

:func:`dates_in` turns the timexes of a sentence into :class:`When` values: the event's date
(and end date, for "from 1950 to 1953") at day, month or year precision, never a day the text
does not give. A timex coarser than a day but finer than a year becomes the month that contains
it ("last week" in the middle of January → January); one spanning two or three months gives
the first and last month; beyond that the year (or first and last year, for "the 1960s").
"The 75th anniversary of …" never dates an event; "since 2019" yields to another date in the
same sentence, unless it follows "the first … since" (the last time it happened) or goes on
", when" and what happened then ("the largest since May 1996, when Moscow expelled …"). A date the
tagger counted from another ("two years later") is no finer than its count's unit. Two anaphors
are resolved here: "the same day" (the date of the previous day-precise candidate) and "on his
first day" (the first day in office of the leader named in the sentence, from
``data/leaders.csv``).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass

from timeline.core.dates import PartialDate, Precision

from .mentions import Mention, known_leaders
from .temporal import Timex
from .timex import NUMBER_WORDS, value_period

__all__ = ["When", "dates_in", "overlaps", "story_day"]


@dataclass(frozen=True)
class When:
    """A date an event could have: where it is written, and as what."""

    start: int
    end: int
    text: str
    date: PartialDate
    end_date: PartialDate | None
    anaphoric: bool = False
    anchored: bool = False  # told against the date before it ("later that month")
    coarser: bool = False  # given at a coarser precision than written
    since: bool = False  # a reference point, not the event: after "since", or a year that
    # names a thing ("a 2015 peace agreement"); left out when the clause has another date
    first_since: int | None = None  # where "their first talks since …" starts: a clause
    notes: tuple[str, ...] = ()
    guessed: bool = False  # not written in its sentence: offered for review, never ticked


# A sentence without a date of its own continues the story of the one before ("Macron and
# Merz agreed to set up a council."; "From Paris he travelled on to Warsaw, where he met
# Tusk.") for this many sentences after a day-dated event of the week before publication.
STORY_SENTENCES = 2
STORY_DAYS = 7


def story_day(sentence: tuple[int, int], dated: tuple[int, PartialDate, str] | None,
              index: int, published: dt.date) -> list[When]:
    """The day a dateless sentence (the ``index``-th) may borrow from the latest event
    ``dated`` (the index of its sentence, its date and the words that dated it): that day,
    when it is a day of the week before publication and at most :data:`STORY_SENTENCES`
    sentences back; a guess, said as such."""
    if dated is None:
        return []
    where, date, words = dated
    if (index - where > STORY_SENTENCES or date.precision != Precision.DAY
            or not published - dt.timedelta(days=STORY_DAYS) <= date.first_day <= published):
        return []
    return [When(sentence[0], sentence[0], words, date, None, anaphoric=True, guessed=True,
                 notes=(f"no date in the sentence: the day of the event told just before "
                        f"({date.iso()}), as the story goes on — a guess",))]


# -- dates -----------------------------------------------------------------------------------

_RANGE_LINK = re.compile(r"\s*(?:to|until|till|through|and|-|\u2013|\u2014)\s*", re.IGNORECASE)
_RANGE_OPEN = re.compile(r"\b(?:from|between)\s+(?:the\s+)?$", re.IGNORECASE)
# a year between a determiner and a noun names a thing: "a 2015 peace agreement"
_NAMING_BEFORE = re.compile(r"(?:\b(?:a|an|the|its|their|his|her|this|that)|\w['\u2019]s?)\s+$")
# … unless the verb before it makes the thing: "reached the 2015 nuclear agreement"
_MAKING_BEFORE = re.compile(r"\b(?:reach|sign|conclud|negotiat|seal|struck|forg)\w*\s+\S+\s+$",
                            re.IGNORECASE)
_YEAR = re.compile(r"\d{4}")
_NOUN_AFTER = re.compile(r"\s+[a-z]")
_SINCE = re.compile(r"\bsince\s+(?:the\s+|early\s+|late\s+|mid-?)?$", re.IGNORECASE)
# "have had no diplomatic relations since 1980": when the state began is the event's date,
# not a reference point for another
_RELATIONS_SINCE = re.compile(r"\b(?:ties|relations)\s+(?:with\s+(?:[\w'\u2019-]+\s+){1,3}?)?"
                              r"since\s+$", re.IGNORECASE)
# "the largest since September 1985, when Thatcher's government ordered …": what happened
# then is told, the date is its own
_WHEN_AFTER = re.compile(r",\s+when\b")
_FIRST_SINCE = re.compile(
    r"\b(?:(?:their|its|his|her|the)\s+)?first\b[^.;,]{0,45}\bsince\s+\S*\s*$", re.IGNORECASE)
_SAME_DAY = re.compile(r"\b(?:on\s+)?the\s+same\s+day\b", re.IGNORECASE)
_FIRST_DAY = re.compile(
    r"\b(?:on\s+)?(?:his|her|their)\s+first\s+(?:full\s+)?day(?:\s+(?:in|of)\s+office|\s+back)?\b",
    re.IGNORECASE,
)


def dates_in(text: str, start: int, end: int, timexes: list[Timex], mentions: list[Mention],
              published: dt.date, earlier: list[PartialDate]) -> list[When]:
    """The dates that could date an event in ``text[start:end]``, in reading order."""
    inside = [t for t in timexes if start <= t.start and t.end <= end]
    whens: list[When] = []
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
            # "on Saturday and Sunday": two days close together joined by "and"
            days = (link.strip().lower() == "and" and timex.precision == "day"
                    and following.precision == "day" and _days_apart(timex, following) <= 6)
            if _RANGE_LINK.fullmatch(link) and (opened or dash or days):
                until = following
                skip = index + 1
        when = _when_from_timex(timex, until)
        if until is not None and (when is None or when.end != until.end):
            skip = index  # no range after all ("from 2015 to 2012"): the next date stands alone
            when = _when_from_timex(timex)
        if when is not None and (count := _years_since(text, timex, when)):
            when = _counted_back(when, count)
        if when is not None:
            # "since 2019" is a reference point, but "his first trip to China since January
            # 2019" also says a trip happened then
            after_since = (_SINCE.search(text[max(start, timex.start - 16) : timex.start])
                           and not _RELATIONS_SINCE.search(text, max(start, timex.start - 60),
                                                           timex.start)
                           and not _WHEN_AFTER.match(text, timex.end))
            first = _FIRST_SINCE.search(text, max(start, timex.start - 60), timex.start)
            # "scrapped a 2015 peace agreement": a year naming a thing, not dating the event
            naming = (_NAMING_BEFORE.search(text, max(start, timex.start - 8), timex.start)
                      and _YEAR.fullmatch(timex.text) and _NOUN_AFTER.match(text, timex.end)
                      and not _MAKING_BEFORE.search(text, max(start, timex.start - 30),
                                                    timex.start))
            whens.append(dataclasses.replace(
                when, since=bool((after_since and not first) or naming),
                first_since=first.start() if after_since and first else None))
    whens.extend(_anaphors(text, start, end, inside, mentions, published, earlier))
    whens.sort(key=lambda w: w.start)
    if any(not w.since for w in whens):
        whens = [w for w in whens if not w.since]
    return whens


# "Friday marks 35 years since Germany and Poland signed the treaty": the day it marks is the
# event's, that many years before
_YEARS_SINCE = re.compile(r"(?:\s+[\w'\u2019-]+){0,3}?\s+(?:marks|marked)\s+"
                          r"(?P<count>[0-9]{1,3}|[a-z]+)\s+years\s+since\b", re.IGNORECASE)


def _years_since(text: str, timex: Timex, when: When) -> int | None:
    """The years a day "marks since" an event (35 in "Friday marks 35 years since …")."""
    marks = _YEARS_SINCE.match(text, timex.end)
    if marks is None or when.date.precision is Precision.YEAR or when.end_date is not None:
        return None
    count = marks["count"].lower()
    return int(count) if count.isdigit() else NUMBER_WORDS.get(count)


def _counted_back(when: When, years: int) -> When:
    """``when`` moved ``years`` back, at its precision: the day an anniversary marks."""
    day = when.date.first_day
    try:
        then = PartialDate.of(day.replace(year=day.year - years), when.date.precision)
    except ValueError:
        return when  # February 29 in a year without one, or before 1600
    return dataclasses.replace(when, date=then, notes=(
        *when.notes, f"“{when.text}” marks {years} years since the event: {then.iso()}"))


def _days_apart(first: Timex, second: Timex) -> int:
    """Days from the first day-precise timex to the second (negative when it is earlier)."""
    try:
        return (dt.date.fromisoformat(second.value) - dt.date.fromisoformat(first.value)).days
    except ValueError:
        return -1


def _anaphors(text: str, start: int, end: int, timexes: list[Timex], mentions: list[Mention],
              published: dt.date, earlier: list[PartialDate]) -> list[When]:
    """Dates written as "the same day" or "on his first day", resolved from context."""
    taken = [(t.start, t.end) for t in timexes]
    whens: list[When] = []
    same_day = next((d for d in reversed(earlier) if d.precision is Precision.DAY), None)
    for match in _SAME_DAY.finditer(text, start, end):
        if same_day is not None and not overlaps(match.span(), taken):
            whens.append(When(match.start(), match.end(), match.group(0), same_day, None,
                               anaphoric=True, notes=(
                                   f"“{match.group(0)}” read as the date of the event before "
                                   f"it, {same_day.iso()}",)))
    for match in _FIRST_DAY.finditer(text, start, end):
        if overlaps(match.span(), taken):
            continue
        leader = next((m for m in reversed(mentions)
                       if m.kind == "leader" and start <= m.start < match.start()), None)
        first = _term_start(leader, published) if leader else None
        if first is not None:
            whens.append(When(match.start(), match.end(), match.group(0),
                               PartialDate.of(first, Precision.DAY), None, anaphoric=True,
                               notes=(f"“{match.group(0)}” read as {leader.via.split(',')[0]}'s "
                                      f"first day in office, {first.isoformat()} "
                                      f"(data/leaders.csv)",)))
    return whens


def overlaps(span: tuple[int, int], spans: Iterable[tuple[int, int]]) -> bool:
    return any(span[0] < other_end and other_start < span[1] for other_start, other_end in spans)


def _term_start(leader: Mention, published: dt.date) -> dt.date | None:
    """The first day of the term (valid on ``published``) of the leader a mention names."""
    for row in known_leaders():
        if f"{row['name']}, {row['office']}" != leader.via or not row["valid_from"]:
            continue
        first = dt.date.fromisoformat(row["valid_from"])
        last = dt.date.fromisoformat(row["valid_to"]) if row["valid_to"] else None
        if first <= published and (last is None or published <= last):
            return first
    return None


def _when_from_timex(timex: Timex, until: Timex | None = None) -> When | None:
    """The event date a timex (or a range of two) gives, or ``None`` outside 1600–2100."""
    try:
        date, end_date = _partial_dates(*value_period(_told(timex))[:2])
        if until is not None:  # each end keeps its own precision: "from 2012 to 2015"
            last, last_end = _partial_dates(*value_period(until.value)[:2])
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
    if timex.anchor:
        notes.append(f"“{timex.text}” told against “{timex.anchor}”, the date before it: "
                     f"{date.iso()}")
    text = timex.text if until is None else f"{timex.text} … {until.text}"
    return When(timex.start, (until or timex).end, text, date, end_date, coarser=coarser,
                 anchored=timex.anchor is not None, notes=tuple(notes))


# what a count tells ("a year later" than a day is the year): the characters of the value kept
_COUNTED = {"year": 4, "month": 7}


def _told(timex: Timex) -> str:
    """The timex's value, no finer than the unit it was counted in ("a year later" than March
    3, 2020 is valued 2021-03-03, as TimeML does, and dates an event in 2021)."""
    keep = _COUNTED.get(str(timex.counted))
    if keep and re.fullmatch(r"\d{4}-\d{2}(?:-\d{2})?", timex.value):
        return timex.value[:keep]
    return timex.value


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
