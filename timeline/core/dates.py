"""Dates known to a day, a month or a year.

News and history date events loosely: "in June 2024" is a month, "1949" a year. A
:class:`PartialDate` keeps the precision so nothing ever shows "2024-06-01" for "June 2024",
and it knows the span of days it could fall on, which is what the date filter compares.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from enum import StrEnum

import dateutil.parser

MIN_YEAR = 1600
MAX_YEAR = 2100

# "1689", "2024-06", "1949-10-06": ISO 8601 calendar dates, reduced precision allowed.
_ISO_PARTIAL = re.compile(r"(?P<year>\d{4})(?:-(?P<month>\d{2})(?:-(?P<day>\d{2}))?)?")


class Precision(StrEnum):
    """How much of a date is known."""

    DAY = "day"
    MONTH = "month"
    YEAR = "year"


# Two defaults for dateutil that differ in every field (see parse_written).
_DEFAULTS = (dt.datetime(1, 1, 1, 0, 0), dt.datetime(2, 2, 2, 1, 1))
_MONTH_WORD = re.compile(r"[^\W\d_]")  # a letter: the date is written (partly) in words


@dataclass(frozen=True, order=True)
class PartialDate:
    """A date and the precision it is known to: ``PartialDate.parse("2024-06")`` is June 2024."""

    first_day: dt.date
    precision: Precision

    @classmethod
    def parse(cls, text: str) -> PartialDate:
        """Return the date written as ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``.

        Raises ``ValueError`` naming the text when it is no such date, is impossible
        (2024-02-30) or lies outside the years 1600–2100.
        """
        match = _ISO_PARTIAL.fullmatch(text.strip()) if isinstance(text, str) else None
        if match is None:
            raise ValueError(f"{text!r} is not a date written YYYY, YYYY-MM or YYYY-MM-DD")
        year, month, day = match["year"], match["month"], match["day"]
        precision = Precision.DAY if day else Precision.MONTH if month else Precision.YEAR
        try:
            first = dt.date(int(year), int(month or 1), int(day or 1))
        except ValueError as error:
            raise ValueError(f"{text!r} is not a real date ({error})") from None
        if not MIN_YEAR <= first.year <= MAX_YEAR:
            raise ValueError(f"{text!r} is outside the years {MIN_YEAR}–{MAX_YEAR}")
        return cls(first, precision)

    @classmethod
    def of(cls, day: dt.date, precision: Precision | str) -> PartialDate:
        """Return the period of ``precision`` that contains ``day`` (checked for 1600–2100)."""
        precision = Precision(precision)
        if not MIN_YEAR <= day.year <= MAX_YEAR:
            raise ValueError(f"{day.isoformat()} is outside the years {MIN_YEAR}–{MAX_YEAR}")
        if precision is Precision.MONTH:
            day = day.replace(day=1)
        elif precision is Precision.YEAR:
            day = day.replace(month=1, day=1)
        return cls(day, precision)

    @property
    def last_day(self) -> dt.date:
        """The last day the date could be: 2024-06-30 for June 2024."""
        if self.precision is Precision.YEAR:
            return self.first_day.replace(month=12, day=31)
        if self.precision is Precision.MONTH:
            days = calendar.monthrange(self.first_day.year, self.first_day.month)[1]
            return self.first_day.replace(day=days)
        return self.first_day

    def iso(self) -> str:
        """The date written to its precision: ``1949-10-06``, ``2024-06``, ``1689``."""
        width = {Precision.DAY: 10, Precision.MONTH: 7, Precision.YEAR: 4}[self.precision]
        return self.first_day.isoformat()[:width]

    def human(self) -> str:
        """The date as a person writes it: ``6 October 1949``, ``June 2024``, ``1689``."""
        day = self.first_day
        if self.precision is Precision.YEAR:
            return str(day.year)
        month = calendar.month_name[day.month]
        if self.precision is Precision.MONTH:
            return f"{month} {day.year}"
        return f"{day.day} {month} {day.year}"

    def __str__(self) -> str:
        return self.iso()


def parse_written(text: str) -> PartialDate:
    """The date a person wrote, ISO or in English words, at its precision.

    ``"2024-06"``, ``"June 2024"`` and ``"Jun 2024"`` are June 2024; ``"6 October 1949"``
    and ``"Oct. 6, 1949"`` that day; ``"1689"`` the year. Anything that is not one absolute
    day, month or year — a range, a season, "yesterday", the ambiguous "03/04/2020", a time
    of day — raises ``ValueError`` naming the text.
    """
    wanted = text.strip() if isinstance(text, str) else ""
    if not _MONTH_WORD.search(wanted):  # digits only: ISO, or refused with ISO's own reasons
        return PartialDate.parse(text)
    # Words are read by dateutil twice, against two defaults that differ in every field:
    # a field that reads the same both times was written ("June 2024" has no day).
    try:
        readings = [dateutil.parser.parse(wanted, default=default) for default in _DEFAULTS]
    except (ValueError, OverflowError):
        readings = []
    written = [len({getattr(reading, part) for reading in readings}) == 1
               for part in ("year", "month", "day", "hour", "minute")]
    if readings and written[0] and (written[1] or not written[2]) and not any(written[3:]):
        precision = (Precision.DAY if written[2] else
                     Precision.MONTH if written[1] else Precision.YEAR)
        return PartialDate.of(readings[0].date(), precision)
    raise ValueError(f"{text!r} is not a date written YYYY, YYYY-MM or YYYY-MM-DD, or as "
                     f"words such as “June 2024” or “6 October 1949”")


def date_bound(text: str, *, end: bool) -> dt.date:
    """Return the first (or, with ``end``, the last) day of a date range bound.

    ``date_bound("2024", end=True)`` is 2024-12-31, so ``--to 2024`` includes all of 2024.
    """
    partial = PartialDate.parse(text)
    return partial.last_day if end else partial.first_day
