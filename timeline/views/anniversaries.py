"""Round anniversaries of events: "6 October 2024: 75 years since North Korea and China
established diplomatic relations".

An anniversary keeps its event's precision: an event known to the month has its anniversary in
a month, never on an invented day. An event with an end date has anniversaries of its start and
of its end. Functions take the events as ``Store.query`` returns them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import pandas as pd

from timeline.core.countries import country_name
from timeline.core.dates import MAX_YEAR, PartialDate

ROUND_YEARS = (10, 20, 25, 30, 40, 50, 60, 70, 75, 80, 90, 100)


@dataclass(frozen=True)
class Anniversary:
    """A round number of years since an event (or its start or end) falls on ``date``."""

    date: PartialDate
    years: int
    event_id: str
    event_date: PartialDate
    what: str

    @property
    def sentence(self) -> str:
        """``"6 October 2024: 75 years since North Korea and China established …"``."""
        return f"{self.date.human()}: {self.years} years since {self.what}"


def anniversaries(events: pd.DataFrame, start: dt.date, end: dt.date, *,
                  round_years: tuple[int, ...] = ROUND_YEARS) -> list[Anniversary]:
    """The round anniversaries of the events that fall in ``start``..``end``, earliest first.

    An anniversary falls in the window when any day it could be on does (June 2034 falls in
    2034-06-15..2034-12-31). Several anniversaries on one date come biggest first.
    """
    found = []
    for row in events.itertuples(index=False):
        moments = [(PartialDate.parse(row.date), _what(row, "start"))]
        if isinstance(row.end_date, str):
            moments.append((PartialDate.parse(row.end_date), _what(row, "end")))
        for when, what in moments:
            for years in round_years:
                date = _years_after(when, years)
                if date and date.first_day <= end and date.last_day >= start:
                    found.append(Anniversary(date, years, row.id, when, what))
    return sorted(found, key=lambda a: (a.date.first_day, -a.years, a.event_id))


def _years_after(date: PartialDate, years: int) -> PartialDate | None:
    """The same day (or month, or year) ``years`` later; 29 February falls on the 28th."""
    year = date.first_day.year + years
    if year > MAX_YEAR:
        return None
    day = date.first_day
    try:
        moved = day.replace(year=year)
    except ValueError:  # 29 February in a common year
        moved = day.replace(year=year, day=28)
    return PartialDate.of(moved, date.precision)


def _what(row: Any, moment: str) -> str:
    """What is being remembered, in words that follow "… years since"."""
    countries = list(row.countries)
    if moment == "start" and row.type == "ties_established" and len(countries) == 2:
        first, second = (country_name(code) for code in countries)
        return f"{first} and {second} established diplomatic relations"
    title = f"“{row.title.rstrip('.')}”"
    if isinstance(row.end_date, str):
        return f"the {moment} of {title}"
    return title
