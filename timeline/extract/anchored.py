"""Dates told against another date in the text, not against the publication day: "that
September", "October that year", "later that month", "the same year", "the following month",
"the next year", "a year later", "two years later", "that same night", "the day before".

News tells a story's past as a run of dates: "Kenya offered to lead the force in July 2023.
The Security Council authorised it in October that year, and the first officers landed the
next June." Each of these is counted from the date expression before it in the article (its
*anchor*). :func:`find_anchored` gives where each is and what it asks of its anchor;
:meth:`Anchored.resolve` gives its TIMEX3 value and precision from the anchor's value, or
``None``; :func:`timeline.extract.temporal.tag_dates` picks the anchor (the date expression
just before, itself perhaps counted from another: "in 2019 … that September … the following
month").

Conventions, each a choice:

- "that September", "September (of) that year", "September the same year": the anchor's year;
  "December 14 that year", "14 December that year": that day of it; "October (of) the
  following year", "May the previous year": of the year after (before) the anchor's.
- "the following (next) September": the first September after the anchor's month (the year
  after, when the anchor is a year); "the previous (preceding) September": the last before.
- "that year", "the same month", "later that month", "earlier that year", "that day", "that
  summer": the anchor at that unit (for a season, in the anchor's year). The anchor must be at
  least as precise as the unit: "that month" after "in 2019" is nothing.
- "the following (next) year", "the previous month": one unit on or back, at that unit;
  "the following spring", "the previous winter": the first such season after (before) the
  anchor's time.
  After "in", "within", "over", "during" or "for" ("within the next year") or before "or so",
  "or two", it is a span from publication, left to :mod:`.temporal`; but "in the following
  year" and "in the previous month" are told against the date before, as without "in".
- "that same night", "that evening", "the next morning", "the day before", "the night
  after": a day, the anchor's (or one on or back); the anchor must give a day. "The day
  before" only where nothing follows it to be counted from ("the day before the vote" is told
  against the vote, not the date before). "Hours later" is no date: TimeML calls it a time,
  and our gold leaves it out ("announced its own recognition a few hours later").
- "two years later", "some three weeks later": the anchor moved by the
  count, at the anchor's precision, as TimeML values them ("a year later" than the third
  quarter of 1988 is the third quarter of 1989); the count's unit is what it really tells
  (:attr:`Anchored.counted`). A unit finer than the anchor ("a week later" than March) is
  nothing.
- "a year earlier", "two days earlier" are left alone: in news they mostly compare figures
  ("up 8% from $93.3 million a year earlier"), which TimeBank values against the quarter
  reported, its year or the publication day, and they date no event.
- "May" and "March" after "that" count only before a comma or the end of a clause ("fears
  that May would resign" names a person).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass

from dateutil.relativedelta import relativedelta

from .timex import (
    MONTH_NUMBER,
    MONTHS,
    NUMBER_WORDS,
    SEASONS,
    TimexPrecision,
    season_of,
    season_year,
    value_period,
)

__all__ = ["Anchored", "find_anchored"]

P = TimexPrecision
# How fine each precision is: an anchor can give a unit at its own fineness or coarser.
_FINENESS = {P.DAY: 0, P.WEEK: 1, P.MONTH: 2, P.QUARTER: 3, P.HALF: 4, P.SEASON: 4, P.YEAR: 5}


@dataclass(frozen=True)
class _Anchor:
    """A date expression's value as its first day, precision and (for a season) its code."""

    day: dt.date
    precision: TimexPrecision
    season: str = ""
    weekend: bool = False


def _parse(value: str) -> _Anchor | None:
    """The anchor a TIMEX3 value gives, or ``None`` for a decade, a century or a non-date."""
    try:
        first, _, precision = value_period(value)
    except ValueError:
        return None
    if precision in (P.DECADE, P.CENTURY):
        return None
    if precision is P.WEEK:  # a weekend is anchored at its week's Monday
        return _Anchor(dt.date.fromisocalendar(*first.isocalendar()[:2], 1), P.WEEK,
                       weekend=value.endswith("-WE"))
    return _Anchor(first, precision, season=value[-2:] if precision is P.SEASON else "")


def _value(day: dt.date, precision: TimexPrecision, anchor: _Anchor | None = None) -> str:
    """``day`` written at ``precision`` (a season or weekend as the anchor's)."""
    if precision is P.DAY:
        return day.isoformat()
    if precision is P.WEEK:
        year, week, _ = day.isocalendar()
        return f"{year:04d}-W{week:02d}" + ("-WE" if anchor and anchor.weekend else "")
    if precision is P.MONTH:
        return f"{day.year:04d}-{day.month:02d}"
    if precision is P.QUARTER:
        return f"{day.year:04d}-Q{(day.month - 1) // 3 + 1}"
    if precision is P.HALF:
        return f"{day.year:04d}-H{(day.month - 1) // 6 + 1}"
    if precision is P.SEASON:
        return f"{day.year:04d}-{anchor.season if anchor else 'SU'}"
    return f"{day.year:04d}"


_UNITS = {"day": P.DAY, "week": P.WEEK, "month": P.MONTH, "quarter": P.QUARTER, "year": P.YEAR,
          "decade": P.YEAR}
# parts of a day: "that same night", "the next morning" are the anchor's day (or the next)
_DAY_PARTS = ("night", "evening", "morning", "afternoon")


def _moved(day: dt.date, unit: TimexPrecision, count: int) -> dt.date:
    step = {P.DAY: relativedelta(days=count), P.WEEK: relativedelta(weeks=count),
            P.MONTH: relativedelta(months=count), P.QUARTER: relativedelta(months=3 * count),
            P.YEAR: relativedelta(years=count)}[unit]
    return day + step


@dataclass(frozen=True)
class Anchored:
    """A date expression told against the one before it: ``text[start:end]``.

    One of ``month`` (a named month, 1–12), ``season`` (a code, "SU") or ``unit`` is set;
    ``step`` moves it (0 for "that", "the same"; 1 for "the following"; -1 for "the previous";
    2 for "two … later");
    ``counted`` is true for a count ("two years later"), valued at the anchor's precision.
    """

    start: int
    end: int
    month: int | None = None
    season: str | None = None
    unit: TimexPrecision | None = None
    step: int = 0
    counted: bool = False
    day: int | None = None  # with ``month``: "December 14 that year"
    years_on: int = 0  # with ``month``: "October the following year" is 1

    def resolve(self, anchor_value: str) -> tuple[str, TimexPrecision] | None:
        """The value and precision against the anchor's TIMEX3 value, or ``None`` when the
        anchor cannot give it (a decade; "that month" after a year)."""
        anchor = _parse(anchor_value)
        if anchor is None:
            return None
        try:
            return self._resolve(anchor)
        except (ValueError, OverflowError):
            return None

    def _resolve(self, anchor: _Anchor) -> tuple[str, TimexPrecision] | None:
        year = anchor.day.year + self.years_on
        if self.month is not None:
            if self.step > 0:
                year += 1 if anchor.precision is P.YEAR or self.month <= anchor.day.month else 0
            elif self.step < 0:
                year -= 1 if anchor.precision is P.YEAR or self.month >= anchor.day.month else 0
            if self.day is not None:
                return dt.date(year, self.month, self.day).isoformat(), P.DAY
            return f"{year:04d}-{self.month:02d}", P.MONTH
        if self.season is not None and self.step:
            # "the following spring" after 1954 is 1955's; after the autumn of 1954 too
            if anchor.precision is P.YEAR:
                year += self.step
            else:
                current = ((anchor.day.year, anchor.season) if anchor.precision is P.SEASON
                           else season_of(anchor.day))
                year = season_year(*current, self.season, self.step)
        if self.season is not None:
            return f"{year:04d}-{self.season}", P.SEASON
        unit = self.unit
        if _FINENESS[anchor.precision] > _FINENESS[unit]:
            return None  # "that month" after "in 2019"; "a week later" than March
        if unit is P.QUARTER and anchor.precision in (P.HALF, P.SEASON):
            return None
        moved = _moved(anchor.day, unit, self.step)
        if self.counted:
            if anchor.precision in (P.QUARTER, P.HALF, P.SEASON) and unit is not P.YEAR:
                return None  # "three months later" than a quarter: another span
            return _value(moved, anchor.precision, anchor), anchor.precision
        return _value(moved, unit), unit


# -- finding them ------------------------------------------------------------------------------

_WORD_START = r"(?<![\w'\u2019-])"
_MONTH = "|".join(MONTHS)
_EDGE = (r"(?:(?i:early|late|mid|later|earlier|(?:the\s+)?(?:end|beginning|start|middle)\s+of)"
         r"[\s-]+)?")
_THAT = r"(?:(?i:that)(?:\s+(?i:same))?|(?i:the)\s+(?i:same))"
_REL = r"(?P<rel>(?i:following|next|previous|preceding))"
_PARTS = "|".join(_DAY_PARTS)
_NUMBER = rf"(?:[0-9]{{1,3}}|(?i:{'|'.join(sorted(NUMBER_WORDS, key=len, reverse=True))}))"
_ABOUT = (r"(?:(?i:about|almost|nearly|roughly|some|around|more\s+than|less\s+than|over|just"
          r"|only|exactly|barely)\s+)?")
_SPAN_BEFORE = re.compile(r"(?i)\b(?:in|within|over|during|for|throughout)\s+$")
_SPAN_AFTER = re.compile(r"(?i)\s+or\s+(?:so|two|more)\b")

_DAY = r"(?:3[01]|[12][0-9]|0?[1-9])(?:st|nd|rd|th)?"
_PATTERNS = {
    # "that September", "late that September"; not "that September 11" (a day of its own)
    "that month": rf"{_EDGE}{_THAT}\s+(?P<mon>{_MONTH})(?![\w-])(?!\s*[0-9])",
    # "October that year", "April of that year", "October the same year", "December 14 that
    # year", "14 December that year", "October (of) the following year"
    "month that year": rf"{_EDGE}(?:(?P<before>{_DAY})\s+)?(?P<mon>{_MONTH})"
                       rf"(?:\s+(?P<day>{_DAY}))?\s+(?:(?i:of)\s+)?(?:{_THAT}|(?i:the)\s+{_REL})"
                       r"\s+(?i:year)(?![\w-])",
    # "the following March", "the previous June"
    "following month": rf"(?i:the)\s+{_REL}\s+(?P<mon>{_MONTH})(?![\w-])(?!\s*[0-9])",
    # "that summer", "the same winter"
    "that season": rf"{_EDGE}{_THAT}\s+(?P<season>(?i:spring|summer|autumn|fall|winter))(?![\w-])",
    # "the following spring", "the previous winter"
    "following season": rf"(?i:the)\s+{_REL}\s+(?P<season>(?i:spring|summer|autumn|fall|winter))"
                        r"(?![\w-])",
    # "that year", "later that month", "the same day", "that same night"
    "that unit": rf"{_EDGE}{_THAT}\s+(?P<unit>(?i:day|week|month|year|{_PARTS}))(?![\w-])",
    # "the following year", "the next month", "the previous day", "the next morning"
    "following unit": rf"(?i:the)\s+{_REL}\s+(?P<unit>(?i:day|week|month|year|{_PARTS}))"
                      r"(?![\w-])",
    # "the day before", "the night after": a day on or back, where nothing follows that it
    # would be counted from ("the day before the vote" is told against the vote)
    "day before": rf"(?i:the)\s+(?P<unit>(?i:day|{_PARTS}))\s+(?P<rel>(?i:before|after))"
                  r"(?=\s*(?:[,.;:)]|$))",
    # "two years later", "some three weeks later"
    "count": rf"{_ABOUT}(?P<n>{_NUMBER})[\s-]+(?P<unit>(?i:days?|weeks?|months?|years?|decades?))"
             r"\s+(?i:later)(?![\w-])",
}
_COMPILED = {kind: re.compile(_WORD_START + pattern) for kind, pattern in _PATTERNS.items()}


def find_anchored(text: str) -> list[Anchored]:
    """Every expression in ``text`` that is told against another date, in reading order
    (they may overlap one another and other date expressions: the tagger chooses)."""
    found = [anchored for kind, pattern in _COMPILED.items()
             for match in pattern.finditer(text)
             for anchored in _read(kind, match, text)]
    return sorted(found, key=lambda a: (a.start, -a.end))


def _read(kind: str, match: re.Match[str], text: str) -> Iterator[Anchored]:
    """The :class:`Anchored` a match stands for (none when its words are something else)."""
    start, end = match.span()
    rel = (match.groupdict().get("rel") or "").lower()
    step = {"following": 1, "next": 1, "after": 1, "previous": -1, "preceding": -1,
            "before": -1}.get(rel, 0)
    if kind in ("that month", "month that year", "following month"):
        name = match["mon"]
        if (kind == "that month" and name in ("May", "March")
                and not re.match(r"\s*(?:[,.;:)]|$)", text[end:])):
            return  # "fears that May would resign": a person, a noun
        day = match.groupdict().get("day") or match.groupdict().get("before")
        # "October the following year" moves the year, "the following October" the month
        of_year = kind == "month that year"
        yield Anchored(start, end, month=MONTH_NUMBER[name], step=0 if of_year else step,
                       day=int(re.match(r"[0-9]+", day).group(0)) if day else None,
                       years_on=step if of_year else 0)
    elif kind in ("that season", "following season"):
        yield Anchored(start, end, season=SEASONS[match["season"].lower()], step=step)
    elif kind in ("that unit", "following unit", "day before"):
        before = _SPAN_BEFORE.search(text, max(0, start - 12), start)
        if rel != "next" and before and before.group(0).lower().startswith("in"):
            before = None  # "joined in the following year": told against the date before
        if step and (before or _SPAN_AFTER.match(text, end)):
            return  # "within the next year", "the next day or two": a span from now
        unit = match["unit"].lower()
        yield Anchored(start, end, unit=P.DAY if unit in _DAY_PARTS else _UNITS[unit], step=step)
    else:
        number = match["n"].lower()
        count = int(number) if number.isdigit() else NUMBER_WORDS[number]
        unit = match["unit"].lower().rstrip("s")
        count *= 10 if unit == "decade" else 1
        yield Anchored(start, end, unit=_UNITS[unit], step=count, counted=True)

