"""Figures of events, in the manner of plotly express: data first, options as keywords, a
``go.Figure`` back, no side effects.

The timeline has one lane per country. An event is drawn once in each lane of its countries,
and those marks are joined by a line, so a bilateral event reads as one event. How a mark looks
says how well its date is known: a filled circle is a day; a hollow circle over a faint hatched
band is a month or a year (the band is every day it could be); a solid bar runs from start to
end. Colour is the event type; the legend toggles types. Every mark carries its event id in
``customdata`` (one id per point) so a click can be mapped back to the event.

Above :data:`DENSITY_THRESHOLD` events the dashboard draws :func:`density_timeline` instead:
counts per lane per period, whose size depends on lanes and periods, not on events.
"""

from __future__ import annotations

import datetime as dt
import html
import math
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import numpy as np
import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from .countries import country_name
from .dates import PartialDate
from .event_types import EVENT_TYPES, event_type

DENSITY_THRESHOLD = 3_000
MAX_LANES = 8
MAX_PERIODS = 400
OTHERS = "Others"

# Cooperation in blues, violets and greens; conflict in yellows, oranges and reds.
TYPE_COLOURS: dict[str, str] = {
    "ties_established": "#2563eb",
    "treaty": "#0891b2",
    "summit": "#7c3aed",
    "talks": "#14b8a6",
    "statement": "#94a3b8",
    "cooperation": "#16a34a",
    "domestic_legal": "#84cc16",
    "criticism": "#eab308",
    "threat": "#f97316",
    "military_posture": "#ec4899",
    "sanctions": "#b45309",
    "ties_cut": "#e11d48",
    "armed_conflict": "#b91c1c",
}
COOPERATIVE_COLOUR = "#16a34a"
CONFLICTUAL_COLOUR = "#dc2626"

# How much an event type matters when choosing which events get a label.
_TYPE_WEIGHT: dict[str, float] = {
    "ties_established": 3, "ties_cut": 3, "treaty": 3, "armed_conflict": 3, "summit": 2,
    "sanctions": 2, "military_posture": 1.5, "threat": 1, "talks": 1, "cooperation": 1,
    "domestic_legal": 1, "criticism": 0.5, "statement": 0.5,
}
# Label placement assumes a plot this wide and letters this wide (Plotly's 11 px font).
_PLOT_WIDTH_PX = 1100
_CHAR_PX = 6.2
_LABEL_CHARS = 38
_HOVER_TITLE_CHARS = 120
_BRIEF_CHARS = 48
_EPOCH = pd.Timestamp("1970-01-01").as_unit("us")
# Marker symbols by how well the date is known (Plotly's numbers keep the figure small):
# filled circle, open circle, diamond.
_SYMBOLS = {"day": 0, "uncertain": 100, "range": 2}
# Periods of the density view, shortest first, with their length in days (as DuckDB's
# date_trunc names them).
PERIODS: dict[str, float] = {"day": 1, "week": 7, "month": 30.44, "quarter": 91.31,
                             "year": 365.25, "decade": 3652.5}


@dataclass(frozen=True)
class _Mark:
    """One event as the timeline draws it."""

    id: str
    type: str
    lanes: tuple[int, ...]
    kind: str  # "day", "uncertain" (month or year) or "range" (has an end date)
    start: pd.Timestamp
    stop: pd.Timestamp  # the day after the last day it could be on
    anchor: pd.Timestamp  # where its marker sits
    hover: str
    title: str
    importance: float


def event_timeline(events: pd.DataFrame, *, lanes: Sequence[str] | None = None,
                   max_lanes: int = MAX_LANES,
                   window: tuple[dt.date | None, dt.date | None] | None = None,
                   max_labels: int = 12) -> go.Figure:
    """A timeline with one lane per country. One row becomes one event, drawn in the lane of
    each of its countries among ``lanes`` (marks joined by a vertical line when there are
    several), or in an "Others" lane when it has none of them.

    ``lanes`` are alpha-3 codes, top lane first; by default the ``max_lanes`` countries with
    most events. ``window`` is the date range shown first (a missing end comes from the data);
    with neither end it runs from the 5th percentile of the dates to the last event, so a lone
    17th-century treaty does not squash the rest. The range slider reaches everything. Up to
    ``max_labels`` of the most important events in the window get a label, never overlapping.
    """
    lanes = list(lanes) if lanes is not None else _frequent_countries(events, max_lanes)
    lane_of = {code: n for n, code in enumerate(lanes)}
    marks = [_mark(row, lane_of) for row in events.itertuples(index=False)]
    names = [country_name(code) for code in lanes]
    if any(len(mark.lanes) == 0 for mark in marks):
        names.append(OTHERS)
        marks = [mark if mark.lanes else _replace_lanes(mark, (len(names) - 1,))
                 for mark in marks]

    traces = [trace for kind in EVENT_TYPES
              for trace in _type_traces(kind.code, kind.label,
                                        [mark for mark in marks if mark.type == kind.code])]
    start, end = _initial_window(marks, window)
    layout = _lane_layout(names, start, end, _extent(marks))
    layout["annotations"] = _labels(marks, start, end, max_labels)
    return go.Figure(data=traces, layout=layout)  # built once: Plotly validates it once


def density_timeline(counts: pd.DataFrame, *, lanes: Sequence[str], period: str,
                     window: tuple[dt.date | None, dt.date | None] | None = None
                     ) -> go.Figure:
    """A heat strip of how many events each lane has per period. One row (``lane``,
    ``period``, ``events``) becomes one cell; ``lane`` is an alpha-3 code from ``lanes`` or
    ``""`` for events involving none of them (drawn as an "Others" lane).

    ``period`` (a key of :data:`PERIODS`) names the cells in the hover text. The figure's
    size grows with lanes times periods, never with the number of events.
    """
    names = [country_name(code) for code in lanes]
    codes = list(lanes)
    if (counts["lane"] == "").any():
        names.append(OTHERS)
        codes.append("")
    periods = sorted(counts["period"].unique())
    grid = (counts.pivot_table(index="lane", columns="period", values="events", aggfunc="sum")
            .reindex(index=codes, columns=periods))
    z = [[None if pd.isna(value) else int(value) for value in row] for row in grid.to_numpy()]
    labels = [_period_label(pd.Timestamp(day), period) for day in periods]
    hover = [[f"<b>{name}</b><br>{label}: {value or 0} event{'s' * (value != 1)}"
              for label, value in zip(labels, row, strict=True)]
             for name, row in zip(names, z, strict=True)]
    span_days = PERIODS[period]
    x = [_iso(pd.Timestamp(day) + pd.Timedelta(days=span_days / 2)) for day in periods]
    days = [pd.Timestamp(day) for day in periods]
    extent = (min(days), max(days) + pd.Timedelta(days=span_days)) if days else None
    start, end = _window_or(window, extent)
    # As numpy arrays, Plotly takes the grid whole instead of checking it cell by cell
    # (9x faster for 8 lanes of 564 months; the figure's JSON is the same), and the figure
    # is built once, not copied by an update.
    heatmap = go.Heatmap(
        x=np.array(x, dtype=object), y=list(range(len(names))), z=np.array(z, dtype=object),
        hovertext=np.array(hover, dtype=object), hoverinfo="text",
        colorscale="Viridis", xgap=1, ygap=4, colorbar={"title": {"text": "events"}},
        name="events per " + period)
    return go.Figure(data=[heatmap], layout=_lane_layout(names, start, end, extent))


def choose_period(first: dt.date, last: dt.date, *, max_periods: int = MAX_PERIODS) -> str:
    """The shortest period (day, week, month, quarter, year, decade) that splits
    ``first``..``last`` into at most ``max_periods`` cells."""
    span = (last - first).days + 1
    return next((name for name, days in PERIODS.items() if span / days <= max_periods),
                "decade")


def relations_chart(yearly: pd.DataFrame) -> go.Figure:
    """Events per year for each pair of countries, one panel per pair, sharing the year axis.
    One row (``pair``, ``year``, ``cooperative``, ``conflictual``) becomes two bars: the
    cooperative events above the zero line and the conflictual ones below it."""
    pairs = list(dict.fromkeys(yearly["pair"]))
    figure = make_subplots(rows=max(len(pairs), 1), cols=1, shared_xaxes=True,
                           subplot_titles=pairs, vertical_spacing=0.12 / max(len(pairs), 1))
    for row, pair in enumerate(pairs, start=1):
        part = yearly[yearly["pair"] == pair]
        for column, colour, sign in (("cooperative", COOPERATIVE_COLOUR, 1),
                                     ("conflictual", CONFLICTUAL_COLOUR, -1)):
            figure.add_trace(go.Bar(
                x=part["year"].tolist(), y=(sign * part[column]).tolist(),
                name=column.capitalize(), legendgroup=column, showlegend=row == 1,
                marker_color=colour, customdata=part[column].tolist(),
                hovertemplate=f"{html.escape(pair)}, %{{x}}: %{{customdata}} {column}"
                              "<extra></extra>"), row=row, col=1)
        # Whole numbers of events, counted up from the zero line both ways.
        up, down = int(part["cooperative"].max()), int(part["conflictual"].max())
        step = max(1, math.ceil(max(up, down) / 4))
        ticks = list(range(-math.ceil(down / step) * step, up + step, step))
        figure.update_yaxes(title_text="events", row=row, col=1, zeroline=True,
                            zerolinewidth=1.5, tickvals=ticks,
                            ticktext=[str(abs(tick)) for tick in ticks])
    figure.update_layout(barmode="relative", height=120 + 220 * len(pairs),
                         margin={"l": 60, "r": 20, "t": 60, "b": 40}, bargap=0.15,
                         legend={"orientation": "h", "y": 1.02 + 0.1 / max(len(pairs), 1),
                                 "x": 0})
    return figure


def pair_network(pairs: pd.DataFrame, *, max_pairs: int = 40) -> go.Figure:
    """A network of countries. One row (``a``, ``b``, ``events``, ``cooperative``,
    ``conflictual``) becomes an edge between two countries, as wide as its number of events
    and coloured from green (all cooperative) to red (all conflictual); only the ``max_pairs``
    busiest pairs are drawn. Countries sit on a circle, busiest at the top."""
    pairs = pairs.head(max_pairs)
    weight: Counter[str] = Counter()
    for row in pairs.itertuples(index=False):
        weight[row.a] += row.events
        weight[row.b] += row.events
    nodes = [code for code, _ in weight.most_common()]
    position = {code: (math.sin(2 * math.pi * n / len(nodes)),
                       math.cos(2 * math.pi * n / len(nodes))) for n, code in enumerate(nodes)}
    widest = max(pairs["events"], default=1)
    figure = go.Figure()
    middles: dict[str, list[Any]] = {"x": [], "y": [], "text": []}
    for row in pairs.itertuples(index=False):
        (xa, ya), (xb, yb) = position[row.a], position[row.b]
        share = row.cooperative / row.events
        figure.add_trace(go.Scatter(
            x=[xa, xb], y=[ya, yb], mode="lines", hoverinfo="skip", showlegend=False,
            line={"width": 1 + 9 * row.events / widest, "color": _blend(share)}))
        middles["x"].append((xa + xb) / 2)
        middles["y"].append((ya + yb) / 2)
        middles["text"].append(
            f"<b>{country_name(row.a)}–{country_name(row.b)}</b><br>{row.events} events: "
            f"{row.cooperative} cooperative, {row.conflictual} conflictual")
    figure.add_trace(go.Scatter(**middles, mode="markers", hoverinfo="text", showlegend=False,
                                marker={"size": 14, "opacity": 0}, name="pairs"))
    figure.add_trace(go.Scatter(
        x=[position[c][0] for c in nodes], y=[position[c][1] for c in nodes],
        mode="markers+text", text=[country_name(c) for c in nodes], textposition="top center",
        hovertext=[f"{country_name(c)}: {weight[c]} pair events" for c in nodes],
        hoverinfo="text", showlegend=False, name="countries",
        marker={"size": [10 + 20 * math.sqrt(weight[c] / max(weight.values())) for c in nodes],
                "color": "#64748b", "line": {"width": 1, "color": "#f8fafc"}}))
    axis = {"visible": False, "range": [-1.35, 1.35]}
    figure.update_layout(xaxis=axis, yaxis={**axis, "scaleanchor": "x"}, height=560,
                         margin={"l": 10, "r": 10, "t": 10, "b": 10}, hovermode="closest")
    return figure


def events_table(events: pd.DataFrame) -> pd.DataFrame:
    """The events as a person reads them. One row becomes one row with ``When`` (the date as
    written at its precision: "June 2024", "25 June 1950 – 27 July 1953"), ``Event`` (the
    title), ``Countries`` (names), ``Type`` (its label) and ``Source`` (the first source's
    web address)."""
    return pd.DataFrame({
        "When": [_when(row) for row in events.itertuples(index=False)],
        "Event": events["title"].tolist(),
        "Countries": [", ".join(map(country_name, codes)) for codes in events["countries"]],
        "Type": [event_type(code).label for code in events["type"]],
        "Source": [sources[0]["url"] if sources else "" for sources in events["sources"]],
    })


def selected_event_id(selection: Mapping[str, Any] | None) -> str | None:
    """The event id of the first clicked point of a ``st.plotly_chart`` selection, or None.

    A point's ``customdata`` arrives as a list (``["prk-chn-ties-1949"]``), as an object keyed
    by position (``{"0": "prk-chn-ties-1949"}``, as real browsers send it) or as a bare value.
    """
    points = ((selection or {}).get("selection") or {}).get("points") or []
    for point in points:
        data = point.get("customdata")
        if isinstance(data, Mapping):
            data = data.get("0", data.get(0))
        elif isinstance(data, (list, tuple)):
            data = data[0] if data else None
        if isinstance(data, str) and data:
            return data
    return None


def source_name(source: Mapping[str, Any]) -> str:
    """A source by its publisher, or by its web address's host when it names none."""
    return source.get("publisher") or urlsplit(source.get("url", "")).netloc


# -- the event timeline, piece by piece ------------------------------------------------------


def _frequent_countries(events: pd.DataFrame, limit: int) -> list[str]:
    counts = Counter(code for codes in events["countries"] for code in codes)
    return [code for code, _ in sorted(counts.items(), key=lambda item: (-item[1], item[0]))
            ][:limit]


def _when(row: Any) -> str:
    """The date as written at its precision: "June 2024", "25 June 1950 – 27 July 1953"."""
    text = PartialDate.parse(row.date).human()
    if isinstance(row.end_date, str):
        return f"{text} – {PartialDate.parse(row.end_date).human()}"
    return text


def _mark(row: Any, lane_of: dict[str, int]) -> _Mark:
    lanes = tuple(sorted({lane_of[code] for code in row.countries if code in lane_of}))
    start = pd.Timestamp(row.first_day)
    stop = pd.Timestamp(row.last_day) + pd.Timedelta(days=1)
    ranged = isinstance(row.end_date, str)
    kind = "range" if ranged else "day" if row.precision == "day" else "uncertain"
    anchor = start + (stop - start) / 2 if kind == "uncertain" else start
    label = event_type(row.type).label
    names = ", ".join(map(country_name, row.countries)) or "no country named"
    first = row.sources[0] if len(row.sources) else {}
    title = html.escape(_shorten(row.title, _HOVER_TITLE_CHARS))
    hover = (f"<b>{title}</b><br>{_when(row)}<br>{html.escape(names)}<br>{label}"
             f"<br>Source: {html.escape(source_name(first))}")
    importance = (_TYPE_WEIGHT.get(row.type, 1) + 0.5 * max(len(row.countries) - 1, 0)
                  + 0.25 * len(row.sources) + (1 if ranged else 0))
    return _Mark(row.id, row.type, lanes, kind, start, stop, anchor, hover, row.title,
                 importance)


def _replace_lanes(mark: _Mark, lanes: tuple[int, ...]) -> _Mark:
    return _Mark(**{**mark.__dict__, "lanes": lanes})


def _type_traces(code: str, label: str, marks: list[_Mark]) -> list[dict[str, Any]]:
    """The traces of one event type, in one legend group: links, bands, bars, markers."""
    if not marks:
        return []
    colour = TYPE_COLOURS[code]
    common = {"legendgroup": code, "name": label, "showlegend": False}
    traces: list[dict[str, Any]] = []
    links = [mark for mark in marks if len(mark.lanes) > 1]
    if links:
        traces.append({
            "type": "scatter", "mode": "lines", "hoverinfo": "skip", "opacity": 0.45,
            "x": [x for mark in links for x in (_iso(mark.anchor), _iso(mark.anchor), None)],
            "y": [y for mark in links for y in (mark.lanes[0], mark.lanes[-1], None)],
            "line": {"color": colour, "width": 1}, "meta": {"role": "links"}, **common})
    for kind, style in (("uncertain", {"opacity": 0.28, "width": 0.42,
                                       "marker": {"color": colour, "line": {"width": 0},
                                                  "pattern": {"shape": "/"}}}),
                        ("range", {"opacity": 0.8, "width": 0.36,
                                   "marker": {"color": colour, "line": {"width": 0}}})):
        spans = [(mark, lane) for mark in marks if mark.kind == kind for lane in mark.lanes]
        if spans:  # drawn only: the marker on each band or bar answers hovers and clicks
            traces.append({
                "type": "bar", "orientation": "h", "hoverinfo": "skip",
                "y": np.array([lane for _, lane in spans], dtype=np.int16),
                "base": [_iso(mark.start) for mark, _ in spans],
                "x": np.array([(mark.stop - mark.start) / pd.Timedelta(milliseconds=1)
                               for mark, _ in spans]),
                "customdata": [mark.id for mark, _ in spans],
                "meta": {"role": "spans" if kind == "uncertain" else "bars"},
                **style, **common})
    # The legend shows the type's colour as a plain dot, whatever its first event looks like.
    traces.append({"type": "scatter", "x": [None], "y": [None], "mode": "markers",
                   "marker": {"color": colour, "size": 10}, "meta": {"role": "legend"},
                   **common, "showlegend": True})
    # The full hover text goes on an event's first lane only (its other lanes show the title),
    # which keeps a figure of several thousand events under 2 MB.
    points = [(mark, lane) for mark in marks for lane in mark.lanes]
    first = [lane == mark.lanes[0] for mark, lane in points]
    traces.append({
        "type": "scatter", "mode": "markers",
        "x": [_iso(mark.anchor) for mark, _ in points],
        "y": np.array([lane for _, lane in points], dtype=np.int16),
        "customdata": [mark.id for mark, _ in points],
        "hovertext": [mark.hover if shown else html.escape(_shorten(mark.title, _BRIEF_CHARS))
                      for (mark, _), shown in zip(points, first, strict=True)],
        "hoverinfo": "text",
        "marker": {"color": colour, "size": 11, "line": {"width": 2, "color": colour},
                   "symbol": np.array([_SYMBOLS[mark.kind] for mark, _ in points],
                                      dtype=np.int16)},
        "meta": {"role": "events"}, **common})
    return traces


def _initial_window(marks: list[_Mark],
                    window: tuple[dt.date | None, dt.date | None] | None
                    ) -> tuple[pd.Timestamp, pd.Timestamp]:
    extent = _extent(marks)
    if not any(window or ()) and marks:
        anchors = pd.Series(sorted(mark.anchor for mark in marks))
        extent = (anchors.quantile(0.05, interpolation="nearest"), extent[1])
    return _window_or(window, extent)


def _window_or(window: tuple[dt.date | None, dt.date | None] | None,
               extent: tuple[pd.Timestamp, pd.Timestamp] | None
               ) -> tuple[pd.Timestamp, pd.Timestamp]:
    """The window asked for (missing ends from ``extent``), padded to be at least a year."""
    today = pd.Timestamp(dt.date.today())
    low, high = extent or (today - pd.Timedelta(days=365), today)
    if window:
        low = pd.Timestamp(window[0]) if window[0] else low
        high = pd.Timestamp(window[1]) + pd.Timedelta(days=1) if window[1] else high
    pad = max((high - low) * 0.04, pd.Timedelta(days=90))
    return low - pad, high + pad


def _extent(marks: list[_Mark]) -> tuple[pd.Timestamp, pd.Timestamp] | None:
    if not marks:
        return None
    return min(mark.start for mark in marks), max(mark.stop for mark in marks)


def _labels(marks: list[_Mark], start: pd.Timestamp, end: pd.Timestamp,
            limit: int) -> list[dict[str, Any]]:
    """Labels for the most important events in the window: each goes in the gap above or
    below its event's top lane, and only where it overlaps no label already in that gap (a
    gap is shared by the lanes on either side)."""
    ms_per_px = (end - start) / pd.Timedelta(milliseconds=1) / _PLOT_WIDTH_PX
    left_edge, right_edge = _ms(start), _ms(end)
    taken: dict[int, list[tuple[float, float]]] = {}
    notes: list[dict[str, Any]] = []
    for mark in sorted(marks, key=lambda m: (-m.importance, m.anchor)):
        if len(notes) == limit:
            break
        if not start <= mark.anchor <= end:
            continue
        text = _shorten(mark.title, _LABEL_CHARS)
        centre = _ms(mark.anchor)
        width = (len(text) * _CHAR_PX + 12) * ms_per_px
        # Centred on the event, or pushed inside the window at its edges.
        left, anchor = centre - width / 2, "center"
        if left + width > right_edge:
            left, anchor = centre - width, "right"
        elif left < left_edge:
            left, anchor = centre, "left"
        for gap in (mark.lanes[0], mark.lanes[0] + 1):  # gap n lies above lane n
            if all(left + width < start_ or left > stop_
                   for start_, stop_ in taken.get(gap, [])):
                taken.setdefault(gap, []).append((left, left + width))
                notes.append({"x": _iso(mark.anchor), "y": gap - 0.5, "text": html.escape(text),
                              "xanchor": anchor, "showarrow": False, "font": {"size": 11},
                              "hovertext": html.escape(mark.title)})
                break
    return notes


def _lane_layout(names: list[str], start: pd.Timestamp, end: pd.Timestamp,
                 extent: tuple[pd.Timestamp, pd.Timestamp] | None) -> dict[str, Any]:
    """Lanes top to bottom, the window shown first, a range slider over everything."""
    low, high = (min(extent[0], start), max(extent[1], end)) if extent else (start, end)
    pad = (high - low) * 0.01
    full = (low - pad, high + pad)
    return {
        "height": 150 + 70 * max(len(names), 2),
        "margin": {"l": 10, "r": 10, "t": 40, "b": 10},
        "barmode": "overlay", "hovermode": "closest", "dragmode": "pan",
        "legend": {"orientation": "h", "y": 1.02, "yanchor": "bottom", "x": 0,
                "title": {"text": "Type "}},
        "xaxis": {"type": "date", "range": [_iso(start), _iso(end)],
               "rangeslider": {"visible": True, "thickness": 0.08,
                               "bgcolor": "rgba(128, 128, 128, 0.08)",
                               "range": [_iso(full[0]), _iso(full[1])]},
               "rangeselector": {"buttons": [
                   {"count": 10, "label": "10 y", "step": "year", "stepmode": "backward"},
                   {"count": 50, "label": "50 y", "step": "year", "stepmode": "backward"},
                   {"step": "all", "label": "all"}], "y": 1.0, "yanchor": "bottom",
                   "x": 1.0, "xanchor": "right"}},
        "yaxis": {"tickvals": list(range(len(names))), "ticktext": names, "fixedrange": True,
               "range": [len(names) - 0.25, -0.75], "showgrid": True, "zeroline": False},
    }


def _ms(day: pd.Timestamp) -> float:
    """Milliseconds since 1970 (negative before), in microsecond units so 1600 fits."""
    return (day.as_unit("us") - _EPOCH) / pd.Timedelta(milliseconds=1)


def _iso(day: pd.Timestamp) -> str:
    """A day as Plotly reads it on a date axis; works for 1689 as for 2025."""
    return day.strftime("%Y-%m-%d")


def _period_label(day: pd.Timestamp, period: str) -> str:
    labels = {"day": f"{day.day} {day:%b %Y}", "week": f"week of {day.day} {day:%b %Y}",
              "month": f"{day:%B %Y}", "quarter": f"{day.year} Q{(day.month - 1) // 3 + 1}",
              "year": str(day.year), "decade": f"{day.year}s"}
    return labels[period]


def _shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _blend(share: float) -> str:
    """A colour from conflictual red (share 0) to cooperative green (share 1)."""
    red, green = ([int(colour[i:i + 2], 16) for i in (1, 3, 5)]
                  for colour in (CONFLICTUAL_COLOUR, COOPERATIVE_COLOUR))
    return "#" + "".join(f"{round(r + (g - r) * share):02x}"
                         for r, g in zip(red, green, strict=True))
