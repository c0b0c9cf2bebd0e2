"""The dashboard's view as URL query parameters, and back.

``?country=PRK&country=CHN&match=all&from=1949&to=2025-06&type=treaty&q=pact&view=table``
opens exactly that view, and ``&event=ID`` with one event's details open. Countries are ISO
3166-1 alpha-3 codes and dates ISO 8601 (``from=1949`` and ``to=2025-06`` are whole periods, and
are written so), so links survive renames and languages.

A parameter that cannot be used (an unknown country, an impossible date, a type that does not
exist) is left out of the view and reported in a notice a person can read; parsing never raises.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from timeline.core.filters import DEFAULT_DATASETS, FILTER_NAMES, EventFilter, parse_filter

VIEWS = ("timeline", "table", "relations", "anniversaries")
DEFAULT_VIEW = VIEWS[0]
EVENT_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._:-]{0,127}")  # as the model allows

Params = Mapping[str, str | Sequence[str]]


@dataclass(frozen=True)
class UrlState:
    """What a URL asks for: the filter, the view, the event whose details are open, and a
    notice per parameter left out."""

    filter: EventFilter = field(default_factory=EventFilter)
    view: str = DEFAULT_VIEW
    notices: tuple[str, ...] = ()
    event: str | None = None


def parse_params(params: Params, datasets: Sequence[str] = DEFAULT_DATASETS) -> UrlState:
    """The filter and view that query parameters describe, with a notice for each bad value.

    ``params`` maps each name to one value or a list of values (as
    ``st.query_params.get_all`` gives them); the filter's names and rules are
    :func:`timeline.core.filters.parse_filter`'s, with ``dataset`` names among ``datasets`` (the
    ones stored). Everything unusable is dropped with a notice; parsing never raises.
    """
    values = {name: _as_list(value) for name, value in params.items()}
    notices = [f"Ignored the unknown parameter “{name}”." for name in values
               if name not in (*FILTER_NAMES, "view", "event")]
    event_filter, problems = parse_filter(values, datasets=datasets)
    notices += [str(problem) for problem in problems]

    view = _last(values, "view") or DEFAULT_VIEW
    if view not in VIEWS:
        notices.append(f"Ignored view=“{view}”: use one of {', '.join(VIEWS)}.")
        view = DEFAULT_VIEW

    event = _last(values, "event")
    if event is not None and not EVENT_ID.fullmatch(event):
        notices.append(f"Ignored event=“{event[:80]}”: not an event id.")
        event = None
    return UrlState(event_filter, view, tuple(notices), event or None)


def to_params(event_filter: EventFilter, view: str = DEFAULT_VIEW,
              event: str | None = None) -> dict[str, list[str]]:
    """The query parameters that reopen this filter, view and open event, defaults left out.

    ``to_params(EventFilter(countries=("PRK", "CHN"), match="all"))`` is
    ``{"country": ["PRK", "CHN"], "match": ["all"]}``. Whole years and months are written as
    such (``from=1949``).
    """
    f = event_filter
    params: dict[str, list[str]] = {}
    if f.countries:
        params["country"] = list(f.countries)
    if f.match != "any":
        params["match"] = [f.match]
    if f.start:
        params["from"] = [bound_text(f.start, end=False)]
    if f.end:
        params["to"] = [bound_text(f.end, end=True)]
    if f.types:
        params["type"] = list(f.types)
    if f.text:
        params["q"] = [f.text]
    if f.source:
        params["source"] = [f.source]
    if f.datasets and f.datasets != DEFAULT_DATASETS:
        params["dataset"] = list(f.datasets)
    if view != DEFAULT_VIEW:
        params["view"] = [view]
    if event:
        params["event"] = [event]
    return params


def bound_text(day: dt.date, *, end: bool) -> str:
    """A range bound as briefly as it reads back: 1949-01-01 starts "1949", 1950-12-31 ends
    "1950", 2024-06-30 ends "2024-06"; any other day is written whole."""
    first = day.replace(day=1)
    last = (first + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1)
    if day == (last if end else first):
        whole_year = day.month == (12 if end else 1)
        return str(day.year) if whole_year else f"{day.year}-{day.month:02d}"
    return day.isoformat()


def _as_list(value: str | Sequence[str]) -> list[str]:
    return [value] if isinstance(value, str) else list(value)


def _last(values: dict[str, list[str]], name: str) -> str | None:
    found = values.get(name) or []
    return found[-1].strip() if found else None
