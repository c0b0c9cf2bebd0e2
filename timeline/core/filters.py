"""The filter: which events a person wants to see, as data.

One :class:`EventFilter` becomes a database query (in :mod:`timeline.store`) and a sentence a
person can read (:meth:`EventFilter.describe`), as Datasette does with its facets.

Date rule: an event matches a date range when any day it could fall on lies in the range.
"June 2024" spans 2024-06-01..2024-06-30, so it matches 2024-06-10..2024-06-30; an event with
an end date spans from its first possible day to the last possible day of its end.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

from timeline.core.countries import UnknownCountry, country_name, resolve_country
from timeline.core.dates import parse_written
from timeline.core.event_types import EVENT_TYPES_BY_CODE, event_type

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


# -- a filter from named values: the URL, the command line and the sidebar ----------------

# The one set of names: ?country=PRK&from=1949&q=pact in a link, --country PRK --from 1949
# --q pact on the command line, and the sidebar's widgets (f_country, f_from, f_q).
FILTER_NAMES = ("country", "match", "from", "to", "type", "q", "source", "dataset")
DEFAULT_DATASETS = (CURATED,)  # bulk datasets are shown only when asked for
MAX_TEXT = 200  # characters of search text


@dataclass(frozen=True)
class FilterProblem:
    """A value left out of the filter (or, for ``q``, shortened), and why."""

    name: str
    value: str
    reason: str

    def __str__(self) -> str:
        """``Ignored to=“yesterday”: not a date …`` (the URL's and the sidebar's notice)."""
        verb = "Shortened" if self.name == "q" else "Ignored"
        return f"{verb} {self.name}=“{self.value[:80]}”: {self.reason}."


def parse_filter(values: Mapping[str, str | Sequence[str] | None], *,
                 datasets: Sequence[str] | None = None,
                 ) -> tuple[EventFilter, tuple[FilterProblem, ...]]:
    """The filter that named values describe (names: :data:`FILTER_NAMES`), and a problem
    for each value left out; never raises.

    ``parse_filter({"country": ["North Korea", "CHN"], "match": "all", "from": "1949",
    "to": "June 2025"})`` is the filter of events involving both North Korea and China from
    1 January 1949 to 30 June 2025. Each name maps to one value or a list (the last one
    counts for single values); countries are codes or names, dates ISO or in words at any
    precision (``from`` is the first day, ``to`` the last), and ``dataset`` names must be among
    ``datasets`` when given. With no dataset named, the filter shows :data:`DEFAULT_DATASETS`.
    """
    given = {name: _as_list(values.get(name)) for name in FILTER_NAMES}
    problems: list[FilterProblem] = []

    def left_out(name: str, value: str, reason: str) -> None:
        problems.append(FilterProblem(name, value, reason))

    countries: list[str] = []
    for text in given["country"]:
        try:
            countries.append(resolve_country(text))
        except UnknownCountry:
            left_out("country", text, "not a country code or name we know")
    match = (given["match"] or ["any"])[-1]
    if match not in ("any", "all"):
        left_out("match", match, "use “any” or “all”")
        match = "any"
    start, end = (_bound(given, name, left_out) for name in ("from", "to"))
    if start and end and start > end:
        left_out("from", given["from"][-1],
                 f"it is after to “{given['to'][-1]}” (both dates are left out)")
        start = end = None
    types = []
    for code in given["type"]:
        if code in EVENT_TYPES_BY_CODE:
            types.append(code)
        else:
            left_out("type", code, f"not one of {', '.join(EVENT_TYPES_BY_CODE)}")
    text = " ".join(given["q"][-1:]).strip()
    if len(text) > MAX_TEXT:
        left_out("q", text, f"search text is at most {MAX_TEXT} characters")
        text = text[:MAX_TEXT]
    chosen = []
    for name in given["dataset"]:
        if datasets is None or name in datasets:
            chosen.append(name)
        else:
            left_out("dataset", name, "there is no such dataset here")
    event_filter = EventFilter(
        countries=tuple(dict.fromkeys(countries)), match=match, start=start, end=end,
        types=tuple(dict.fromkeys(types)), text=text,
        source=" ".join(given["source"][-1:]).strip(),
        datasets=tuple(dict.fromkeys(chosen)) or DEFAULT_DATASETS)
    return event_filter, tuple(problems)


def _as_list(value: str | Sequence[str] | None) -> list[str]:
    if value is None:
        return []
    return [value] if isinstance(value, str) else [str(item) for item in value]


def _bound(given: dict[str, list[str]], name: str,
           left_out: Callable[[str, str, str], None]) -> dt.date | None:
    text = given[name][-1].strip() if given[name] else ""
    if not text:
        return None
    try:
        written = parse_written(text)
    except ValueError as error:
        # parse_written says "'2024-02-30' is not a real date (…)": the notice shows the text.
        left_out(name, text, re.sub(r"^'[^']*' is ", "", str(error)))
        return None
    return written.first_day if name == "from" else written.last_day
