"""What the date tagger gives back, and the English words for months, seasons and numbers
that its modules share (:mod:`.temporal` for dates told against the publication day,
:mod:`.anchored` for dates told against another date in the text).

Imports nothing of this package, so both can import it.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from enum import StrEnum

__all__ = ["MONTHS", "MONTH_NUMBER", "NUMBER_WORDS", "SEASONS", "SEASON_ORDER", "Timex",
           "TimexPrecision", "season_of", "season_year", "value_period"]


class TimexPrecision(StrEnum):
    """How much of a date an expression fixes."""

    DAY = "day"
    WEEK = "week"
    MONTH = "month"
    QUARTER = "quarter"
    HALF = "half"
    SEASON = "season"
    YEAR = "year"
    DECADE = "decade"
    CENTURY = "century"


@dataclass(frozen=True)
class Timex:
    """One date expression: ``text == source[start:end]`` and its resolved ``value``.

    A date told against another date in the text ("that September", "a year later") names
    that date expression in ``anchor`` (its words); for a count ("two years later") ``counted``
    is the unit counted in, the finest precision the count really tells ("a year later" than a
    day is valued at the day, as TimeML does, but says only the year).
    """

    start: int
    end: int
    text: str
    value: str
    precision: TimexPrecision
    anchor: str = ""
    counted: TimexPrecision | None = None


MONTHS = [
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
]  # fmt: skip
# a month's number by its name or abbreviation: "September", "Sep", "Sept"
MONTH_NUMBER = {name: number for number, name in enumerate(MONTHS, 1)}
MONTH_NUMBER.update({name[:3]: number for name, number in list(MONTH_NUMBER.items())})
MONTH_NUMBER["Sept"] = 9
# the capitalised words of the calendar, no part of a name: "In February Trump froze aid"
CALENDAR_NAMES = frozenset([*MONTHS, *calendar.day_name])
# numbers in words: durations, counts from another date, and the count of "the three
# countries" (references)
NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100,
}  # fmt: skip
SEASONS = {"spring": "SP", "summer": "SU", "autumn": "FA", "fall": "FA", "winter": "WI"}
SEASON_ORDER = ["SP", "SU", "FA", "WI"]  # in a year's order; winter starts in December


def season_of(day: dt.date) -> tuple[int, str]:
    """The year and code of the season ``day`` falls in: 10 January 2025 is (2024, "WI")."""
    if day.month == 12:
        return day.year, "WI"
    if day.month <= 2:
        return day.year - 1, "WI"
    return day.year, SEASON_ORDER[(day.month - 3) // 3]


def season_year(year: int, current: str, season: str, step: int) -> int:
    """The year of the first ``season`` after (``step`` 1) or before (-1) the season
    ``current`` of ``year``: spring after the autumn of 1954 is 1955's, winter after it
    1954's."""
    index = year * 4 + SEASON_ORDER.index(current)
    index += step
    while SEASON_ORDER[index % 4] != season:
        index += step
    return index // 4


# the first month of each season; winter runs from December into the next year
_SEASON_FIRST_MONTH = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}


def value_period(value: str) -> tuple[dt.date, dt.date, TimexPrecision]:
    """The first and last day of a TIMEX3 date value, and its precision; ``ValueError`` for a
    value that is no date this tagger writes.

    "2024-03-05" → 5 March to 5 March, day; "2024-W10-WE" → 9 to 10 March, week; "2024-Q2" →
    1 April to 30 June, quarter; "2024-WI" → 1 December 2024 to 28 February 2025, season;
    "197X" → 1970 to 1979, decade.
    """
    if match := re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", value):
        day = dt.date(*map(int, match.groups()))
        return day, day, TimexPrecision.DAY
    if match := re.fullmatch(r"(\d{4})-W(\d{2})(-WE)?", value):
        monday = dt.date.fromisocalendar(int(match[1]), int(match[2]), 1)
        first = monday + dt.timedelta(days=5 if match[3] else 0)
        return first, monday + dt.timedelta(days=6), TimexPrecision.WEEK
    if match := re.fullmatch(r"(\d{4})-(\d{2})", value):
        return (*_months(int(match[1]), int(match[2]), 1), TimexPrecision.MONTH)
    if match := re.fullmatch(r"(\d{4})-([QH])(\d)", value):
        size = 3 if match[2] == "Q" else 6
        precision = TimexPrecision.QUARTER if match[2] == "Q" else TimexPrecision.HALF
        return (*_months(int(match[1]), (int(match[3]) - 1) * size + 1, size), precision)
    if match := re.fullmatch(r"(\d{4})-(SP|SU|FA|WI)", value):
        return (*_months(int(match[1]), _SEASON_FIRST_MONTH[match[2]], 3),
                TimexPrecision.SEASON)
    if match := re.fullmatch(r"\d{4}", value):
        return (*_months(int(value), 1, 12), TimexPrecision.YEAR)
    if match := re.fullmatch(r"(\d{3})X", value):
        return (dt.date(int(match[1]) * 10, 1, 1), dt.date(int(match[1]) * 10 + 9, 12, 31),
                TimexPrecision.DECADE)
    if match := re.fullmatch(r"(\d{2})XX", value):
        return (dt.date(int(match[1]) * 100, 1, 1), dt.date(int(match[1]) * 100 + 99, 12, 31),
                TimexPrecision.CENTURY)
    raise ValueError(f"{value!r} is no date value we place")


def _months(year: int, first: int, count: int) -> tuple[dt.date, dt.date]:
    """From the first day of month ``first`` of ``year`` to the last of ``count`` months on
    (running into the next year: winter)."""
    last_year, last_month = divmod(year * 12 + first - 1 + count - 1, 12)
    last_month += 1
    return (dt.date(year, first, 1),
            dt.date(last_year, last_month, calendar.monthrange(last_year, last_month)[1]))
