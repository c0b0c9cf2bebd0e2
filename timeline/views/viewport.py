"""What part of time the timeline shows, as the chart reports it, and what to read for it.

The chart reports the range a reader zoomed to and its width in pixels, tagged with the filter
it was drawn for (:func:`view_id`): a view of another filter is stale and ignored. Above the
density threshold the dashboard reads only the events :func:`around` the view, so zooming in
on millions of events turns the heat strip into single events.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any

import pandas as pd

from timeline.core.dates import MAX_YEAR, MIN_YEAR
from timeline.core.filters import EventFilter
from timeline.views.url_state import to_params

_FIRST = pd.Timestamp(dt.date(MIN_YEAR, 1, 1))
_LAST = pd.Timestamp(dt.date(MAX_YEAR, 12, 31))


@dataclass(frozen=True)
class View:
    """A visible date range, the plot's width in pixels, the token of the report that said
    so (the chart waits for its answer) and the browser window's width (0: not said)."""

    start: pd.Timestamp
    end: pd.Timestamp
    width: int
    seq: str | None = None
    screen: int = 0

    @property
    def range(self) -> tuple[pd.Timestamp, pd.Timestamp]:
        return self.start, self.end


def view_id(event_filter: EventFilter) -> str:
    """The filter as a short text that tags the views reported for it."""
    return json.dumps(to_params(event_filter), sort_keys=True, ensure_ascii=False)


def read_view(reported: Mapping[str, Any] | None, for_id: str) -> View | None:
    """The view the chart reported for the filter tagged ``for_id``; None when there is none,
    it was for another filter, or it cannot be read. ``{"range": ["1949-01-01 06:00",
    "1960-03-01"], "width": 840, "view_id": …}`` is 1949-01-01 06:00..1960-03-01, 840 px."""
    if not reported or reported.get("view_id") != for_id:
        return None
    try:
        start, end = (pd.Timestamp(value).as_unit("us") for value in reported["range"])
        width = int(reported.get("width") or 0)
        screen = int(reported.get("screen") or 0)
    except (KeyError, TypeError, ValueError):
        return None
    if not start < end or width <= 0:
        return None
    seq = reported.get("seq")
    return View(max(start, _FIRST), min(end, _LAST), width,
                seq if isinstance(seq, str) else None, screen)


def around(view: View, event_filter: EventFilter, margin: float = 1.0) -> EventFilter:
    """The filter narrowed to the view widened by ``margin`` times its length on either
    side (so a pan shows events at once), within the filter's own dates."""
    span = (view.end - view.start) * margin
    start = max((view.start - span).date(), _FIRST.date())
    end = min((view.end + span).date(), _LAST.date())
    if event_filter.start:
        start = max(start, event_filter.start)
    if event_filter.end:
        end = min(end, event_filter.end)
    return replace(event_filter, start=start, end=max(start, end))
