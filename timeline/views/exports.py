"""Exports for people outside the project: TimelineJS JSON for a newsroom, an iCalendar file
for a calendar, and a standalone HTML page that works offline.

Every function takes :class:`~timeline.core.model.Event` objects (as ``Store.events`` yields them).
Event text is whatever a file or a form put there, so it may hold HTML or script: wherever a
format is read as HTML (TimelineJS's texts, the HTML page) every piece of it is escaped, and
only ``http``/``https`` addresses ever become links.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import html
import json
import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

import icalendar
import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio

from timeline.core.countries import country_name
from timeline.core.display import DEFAULT_TITLE, source_html, source_name, web_address, when_written
from timeline.core.event_types import event_type
from timeline.core.filters import EventFilter
from timeline.core.model import Event
from timeline.views.anniversaries import anniversaries

if TYPE_CHECKING:
    from timeline.store import Store

# Formats for people, not for ``timeline import``: what :func:`document` writes.
DOCUMENT_FORMATS = ("timelinejs", "ics", "html")
PRODID = "-//Diplomatic Timeline Explorer//timeline//EN"
UID_DOMAIN = "diplomatic-timeline"
NONE = "'none'"



def document(store: Store, event_filter: EventFilter, fmt: str) -> tuple[str, int]:
    """The events ``event_filter`` matches as a ``fmt`` document (one of
    :data:`DOCUMENT_FORMATS`), titled with the filter's sentence, and how many events it holds.

    The CLI's ``export`` and the dashboard's downloads both call this, so a format reads the
    same wherever it is made: the HTML page draws the timeline the dashboard draws (the
    filter's countries as lanes, its dates as the window; a range slider too), or only the
    table above :data:`~timeline.views.charts.DENSITY_THRESHOLD` events, where single events
    no longer read.
    """
    # Imported here: Plotly figures are needed by the HTML page only.
    from timeline.files import timelinejs
    from timeline.views import charts

    events = list(store.events(event_filter))
    title = event_filter.describe()
    if fmt == "timelinejs":
        text = json.dumps(timelinejs.timeline(events, title=title), ensure_ascii=False,
                          indent=1) + "\n"
    elif fmt == "ics":
        text = icalendar_text(events, name=title)
    elif fmt == "html":
        figure = (charts.event_timeline(store.query(event_filter),
                                        lanes=event_filter.countries or None,
                                        window=(event_filter.start, event_filter.end),
                                        range_slider=True)
                  if len(events) <= charts.DENSITY_THRESHOLD else None)
        text = standalone_html(events, figure, title=title)
    else:
        raise ValueError(f"unknown document format {fmt!r}: one of {', '.join(DOCUMENT_FORMATS)}")
    return text, len(events)


# -- iCalendar ---------------------------------------------------------------------------


def icalendar_text(events: Iterable[Event], *,
                   anniversaries_window: tuple[dt.date, dt.date] | None = None,
                   name: str = DEFAULT_TITLE) -> str:
    """The events as an iCalendar file (RFC 5545), one all-day VEVENT per event.

    An event known to the day takes that day; one known to the month or the year spans the
    whole month or year (DTEND is the day after, as all-day events end); one with an end date
    spans to the last day of its end. UID is the event id (``id@diplomatic-timeline``),
    SUMMARY the title, DESCRIPTION the summary and the sources, URL the first source.

    With ``anniversaries_window`` (first day, last day) the round anniversaries falling in it
    are added as VEVENTs too, each at its event's precision and RELATED-TO its event.
    The text is plain, as iCalendar is: nothing in it is read as HTML.
    """
    events = list(events)
    calendar = icalendar.Calendar.new(prodid=PRODID, name=name)
    for event in events:
        first = event.sources[0]
        entry = icalendar.Event.new(
            uid=_uid(event.id), summary=event.title, description=_description(event),
            start=event.first_day, end=event.last_day + dt.timedelta(days=1),
            categories=[event_type(event.type).label], url=web_address(first.url) or None)
        calendar.add_component(entry)
    if anniversaries_window is not None:
        by_id = {event.id: event for event in events}
        start, end = anniversaries_window
        for anniversary in anniversaries(_anniversary_frame(events), start, end):
            event = by_id[anniversary.event_id]
            summary = f"{anniversary.years} years since {anniversary.what}"
            when = when_written(event.date, event.end_date)
            description = (f"{anniversary.sentence}\n\n{when}: {event.title}\n\n"
                           f"{_description(event)}")
            entry = icalendar.Event.new(
                uid=_uid(f"anniversary-{anniversary.years}-{anniversary.event_date.iso()}-"
                         f"{event.id}"),
                summary=summary, description=description,
                start=anniversary.date.first_day,
                end=anniversary.date.last_day + dt.timedelta(days=1),
                categories=["Anniversary"], url=web_address(event.sources[0].url) or None)
            entry.add("related-to", _uid(event.id))
            calendar.add_component(entry)
    return calendar.to_ical().decode("utf-8")


def _uid(text: str) -> str:
    return f"{text}@{UID_DOMAIN}"


def _description(event: Event) -> str:
    lines = [event.summary, ""] if event.summary else []
    lines.append("Sources:")
    for source in event.sources:
        parts = [source_name(source)]
        if source.published:
            parts.append(source.published.isoformat())
        if web_address(source.url):
            parts.append(source.url)
        line = "- " + ", ".join(part for part in parts if part)
        if source.quote:
            line += f": “{source.quote}”"
        lines.append(line)
    return "\n".join(lines)


def _anniversary_frame(events: list[Event]) -> pd.DataFrame:
    """The columns :func:`timeline.views.anniversaries.anniversaries` reads, from events."""
    return pd.DataFrame({
        "id": [event.id for event in events],
        "date": [event.date.iso() for event in events],
        "end_date": [event.end_date.iso() if event.end_date else None for event in events],
        "title": [event.title for event in events],
        "type": [event.type for event in events],
        "countries": [list(event.countries) for event in events],
    }, columns=["id", "date", "end_date", "title", "type", "countries"])


# -- a standalone HTML page --------------------------------------------------------------


def standalone_html(events: Iterable[Event], figure: go.Figure | None, *,
                    title: str = DEFAULT_TITLE) -> str:
    """A self-contained page that works offline: the figure, drawn by plotly.js embedded in
    the page (never a CDN), and a table of the events.

    The table has the date as written at its precision ("June 2024", "25 June 1950 – 27 July
    1953"), the title and summary, the countries by name, the type and the sources (linked only
    when their address is http or https). All text is escaped. The page loads nothing from
    anywhere: its Content-Security-Policy allows only its own scripts (by hash), inline
    styles and ``data:`` images, so even a smuggled tag could neither run nor fetch.
    """
    events = list(events)
    chart = ""
    if figure is not None:
        chart = pio.to_html(figure, include_plotlyjs=True, include_mathjax=False,
                            full_html=False, default_width="100%",
                            config={"displaylogo": False, "responsive": True})
    scripts = " ".join(f"'sha256-{_sha256(script)}'" for script in _inline_scripts(chart))
    policy = (f"default-src 'none'; script-src {scripts or NONE}; "
              "style-src 'unsafe-inline'; img-src data: blob:; font-src data:; "
              "base-uri 'none'; form-action 'none'")
    count = f"{len(events)} event{'s' * (len(events) != 1)}"
    rows = "\n".join(_table_row(event) for event in events)
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{html.escape(policy)}">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{html.escape(title)}</title>
<style>{_STYLE}</style>
</head>
<body>
<header><h1>{html.escape(title)}</h1><p>{count}</p></header>
<main>
<section class="chart">{chart}</section>
<table>
<thead><tr><th>When</th><th>Event</th><th>Countries</th><th>Type</th><th>Sources</th></tr>
</thead>
<tbody>
{rows}
</tbody>
</table>
</main>
</body>
</html>
"""


_STYLE = """
:root { color-scheme: light dark; font-family: system-ui, sans-serif; }
body { margin: 1.5rem; line-height: 1.4; }
h1 { font-size: 1.5rem; margin: 0; }
header p { margin: 0.25rem 0 1rem; opacity: 0.75; }
table { border-collapse: collapse; width: 100%; margin-top: 1.5rem; font-size: 0.9rem; }
th, td { text-align: left; vertical-align: top; padding: 0.4rem 0.6rem;
         border-bottom: 1px solid rgba(128, 128, 128, 0.3); }
td.when { white-space: nowrap; }
td p { margin: 0.2rem 0 0; opacity: 0.8; }
td ul { margin: 0; padding-left: 1rem; }
"""


def _table_row(event: Event) -> str:
    summary = f"<p>{html.escape(event.summary)}</p>" if event.summary else ""
    countries = ", ".join(country_name(code) for code in event.countries)
    sources = "".join(f"<li>{source_html(source)}</li>" for source in event.sources)
    when = when_written(event.date, event.end_date)
    return (f'<tr id="{html.escape(event.id)}"><td class="when">{html.escape(when)}</td>'
            f"<td><strong>{html.escape(event.title)}</strong>{summary}</td>"
            f"<td>{html.escape(countries)}</td>"
            f"<td>{html.escape(event_type(event.type).label)}</td>"
            f"<td><ul>{sources}</ul></td></tr>")


def _inline_scripts(page: str) -> list[str]:
    """The contents of the ``<script>`` elements of Plotly's own output."""
    return re.findall(r"<script[^>]*>(.*?)</script>", page, flags=re.DOTALL)


def _sha256(text: str) -> str:
    return base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")
