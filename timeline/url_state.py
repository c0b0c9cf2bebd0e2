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

from .countries import UnknownCountry, resolve_country
from .dates import date_bound
from .event_types import EVENT_TYPES_BY_CODE
from .filters import CURATED, EventFilter

VIEWS = ("timeline", "table", "relations", "anniversaries")
DEFAULT_VIEW = VIEWS[0]
MAX_TEXT = 200
FILTER_PARAMS = ("country", "match", "from", "to", "type", "q", "dataset")
EVENT_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._:-]{0,127}")  # as the model allows
DEFAULT_DATASETS = (CURATED,)  # bulk datasets are shown only when a link asks for them

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
    ``st.query_params.get_all`` gives them). Country codes are read case-insensitively and
    country names are accepted too; ``dataset`` names must be among ``datasets`` (the ones
    stored) and default to the curated events; everything unusable is dropped with a notice.
    """
    notices: list[str] = []
    values = {name: _as_list(value) for name, value in params.items()}
    for name in values:
        if name not in (*FILTER_PARAMS, "view", "event"):
            notices.append(f"Ignored the unknown parameter “{name}”.")

    countries: list[str] = []
    for text in values.get("country", []):
        try:
            code = resolve_country(text)
        except UnknownCountry:
            notices.append(f"Ignored the country “{text}”: not an ISO country code we know.")
            continue
        if code not in countries:
            countries.append(code)

    match = _last(values, "match") or "any"
    if match not in ("any", "all"):
        notices.append(f"Ignored match=“{match}”: use “any” or “all”.")
        match = "any"

    start = _bound(values, "from", notices, end=False)
    end = _bound(values, "to", notices, end=True)
    if start and end and start > end:
        notices.append(f"Ignored the dates: from {start.isoformat()} is after to "
                       f"{end.isoformat()}.")
        start = end = None

    types: list[str] = []
    for code in values.get("type", []):
        if code not in EVENT_TYPES_BY_CODE:
            notices.append(f"Ignored the event type “{code}”: not one of "
                           f"{', '.join(EVENT_TYPES_BY_CODE)}.")
        elif code not in types:
            types.append(code)

    text = (_last(values, "q") or "").strip()
    if len(text) > MAX_TEXT:
        notices.append(f"Shortened the search text to its first {MAX_TEXT} characters.")
        text = text[:MAX_TEXT]

    view = _last(values, "view") or DEFAULT_VIEW
    if view not in VIEWS:
        notices.append(f"Ignored view=“{view}”: use one of {', '.join(VIEWS)}.")
        view = DEFAULT_VIEW

    chosen: list[str] = []
    for name in values.get("dataset", []):
        if name not in datasets:
            notices.append(f"Ignored the dataset “{name}”: there is no such dataset here.")
        elif name not in chosen:
            chosen.append(name)

    event = _last(values, "event")
    if event is not None and not EVENT_ID.fullmatch(event):
        notices.append(f"Ignored event=“{event[:80]}”: not an event id.")
        event = None

    event_filter = EventFilter(countries=tuple(countries), match=match, start=start, end=end,
                               types=tuple(types), text=text,
                               datasets=tuple(chosen) or DEFAULT_DATASETS)
    return UrlState(event_filter, view, tuple(notices), event or None)


def to_params(event_filter: EventFilter, view: str = DEFAULT_VIEW,
              event: str | None = None) -> dict[str, list[str]]:
    """The query parameters that reopen this filter, view and open event, defaults left out.

    ``to_params(EventFilter(countries=("PRK", "CHN"), match="all"))`` is
    ``{"country": ["PRK", "CHN"], "match": ["all"]}``. Whole years and months are written as
    such (``from=1949``). The filter's source text is not part of the URL (the dashboard has
    no source field).
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


def _bound(values: dict[str, list[str]], name: str, notices: list[str], *,
           end: bool) -> dt.date | None:
    text = _last(values, name)
    if not text:
        return None
    try:
        return date_bound(text, end=end)
    except ValueError as error:
        notices.append(f"Ignored {name}=“{text}”: {_reason(error)}.")
        return None


def _reason(error: ValueError) -> str:
    # date_bound says "'2024-02-30' is not a real date (…)": the notice already shows the text.
    return re.sub(r"^'[^']*' is ", "", str(error))
