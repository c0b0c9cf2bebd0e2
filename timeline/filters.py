"""The filter: which events a person wants to see, as data.

One :class:`EventFilter` becomes a database query (in :mod:`timeline.store`) and a sentence a
person can read (:meth:`EventFilter.describe`), as Datasette does with its facets.

Date rule: an event matches a date range when any day it could fall on lies in the range.
"June 2024" spans 2024-06-01..2024-06-30, so it matches 2024-06-10..2024-06-30; an event with
an end date spans from its first possible day to the last possible day of its end.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

from .countries import country_name
from .event_types import event_type

Match = Literal["any", "all"]
CURATED = "curated"  # the dataset of hand-curated events; every import makes another


@dataclass(frozen=True)
class EventFilter:
    """Countries (any or all of them), a date range, types, free text and a source."""

    countries: tuple[str, ...] = ()
    match: Match = "any"
    start: dt.date | None = None
    end: dt.date | None = None
    types: tuple[str, ...] = ()
    text: str = ""
    source: str = ""
    datasets: tuple[str, ...] = ()  # empty: every dataset

    def __post_init__(self) -> None:
        if self.match not in ("any", "all"):
            raise ValueError(f"match must be 'any' or 'all', not {self.match!r}")
        if self.start and self.end and self.start > self.end:
            raise ValueError(f"the range starts ({self.start}) after it ends ({self.end})")
        for code in self.types:
            event_type(code)  # raises KeyError naming the valid types

    def describe(self) -> str:
        """The filter as a sentence.

        ``EventFilter(countries=("PRK", "CHN"), match="all", start=date(1949, 1, 1),
        end=date(2025, 12, 31), types=("treaty",))`` reads
        "Events involving both North Korea and China, 1949–2025, type: treaty or agreement".
        """
        parts = [self._describe_countries()]
        if self.start or self.end:
            parts.append(self._describe_dates())
        if self.types:
            labels = [event_type(code).label.lower() for code in self.types]
            # Labels already hold "or" ("summit or visit"): list them with semicolons.
            parts.append("type: " + "; ".join(labels))
        if self.text:
            parts.append(f"mentioning “{self.text}”")
        if self.source:
            parts.append(f"from sources matching “{self.source}”")
        if self.datasets and self.datasets != (CURATED,):
            plural = "s" if len(self.datasets) > 1 else ""
            parts.append(f"in dataset{plural} {_join(list(self.datasets), 'and')}")
        return ", ".join(parts)

    def _describe_countries(self) -> str:
        names = [country_name(code) for code in self.countries]
        if not names:
            return "All events"
        if len(names) == 1:
            return f"Events involving {names[0]}"
        if self.match == "all":
            lead = "both " if len(names) == 2 else "all of "
            return f"Events involving {lead}{_join(names, 'and')}"
        lead = "" if len(names) == 2 else "any of "
        return f"Events involving {lead}{_join(names, 'or')}"

    def _describe_dates(self) -> str:
        start = self.start and _describe_day(self.start, first=True)
        end = self.end and _describe_day(self.end, first=False)
        if start and end:
            return start if start == end else f"{start}–{end}"
        return f"from {start}" if start else f"up to {end}"


def _describe_day(day: dt.date, *, first: bool) -> str:
    # Whole years read as years: 1949-01-01..2025-12-31 is "1949–2025".
    if (day.month, day.day) == ((1, 1) if first else (12, 31)):
        return str(day.year)
    return f"{day.day} {day:%b} {day.year}"


def _join(words: list[str], conjunction: str) -> str:
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} {conjunction} {words[-1]}"
