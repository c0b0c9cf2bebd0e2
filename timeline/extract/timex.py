"""What the date tagger gives back, and the English words for months, seasons and numbers
that its modules share (:mod:`.temporal` for dates told against the publication day,
:mod:`.anchored` for dates told against another date in the text).

Imports nothing of this package, so both can import it.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

__all__ = ["MONTHS", "MONTH_NUMBER", "NUMBER_WORDS", "SEASONS", "SEASON_ORDER", "Timex",
           "TimexPrecision"]


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
