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

import numpy as np
import pandas as pd
import plotly.graph_objects as go
from plotly.io.json import to_json_plotly
from plotly.subplots import make_subplots

from timeline.core.countries import country_name
from timeline.core.display import source_name, when_written
from timeline.core.event_types import EVENT_TYPES, event_type
from timeline.core.wording import counted

DENSITY_THRESHOLD = 3_000
MAX_LANES = 8
MAX_PERIODS = 400
OTHERS = "Others"

# Thirteen colours from Okabe & Ito's and Paul Tol's colour-blind-safe palettes, chosen so
# that every two stay apart (CIEDE2000 >= 6) for normal vision and as deuteranopes,
# protanopes and tritanopes see them, and readable on the light and the dark theme.
# Cooperation in blues, greens and greys; conflict in yellows, oranges, purples and wine.
TYPE_COLOURS: dict[str, str] = {
    "ties_established": "#0072B2",
    "treaty": "#009E73",
    "summit": "#56B4E9",
    "talks": "#88CCEE",
    "statement": "#BBBBBB",
    "cooperation": "#228833",
    "domestic_legal": "#777777",
    "criticism": "#DDCC77",
    "threat": "#E69F00",
    "military_posture": "#AA4499",
    "sanctions": "#CC79A7",
    "ties_cut": "#999933",
    "armed_conflict": "#882255",
}
# Okabe & Ito's blue and vermillion: apart for every kind of colour vision (green and red
# are not); a mixed pair is grey.
COOPERATIVE_COLOUR = "#0072B2"
CONFLICTUAL_COLOUR = "#D55E00"
MIXED_COLOUR = "#8C8C8C"

# How much an event type matters when choosing which events get a label.
_TYPE_WEIGHT: dict[str, float] = {
    "ties_established": 3, "ties_cut": 3, "treaty": 3, "armed_conflict": 3, "summit": 2,
    "sanctions": 2, "military_posture": 1.5, "threat": 1, "talks": 1, "cooperation": 1,
    "domestic_legal": 1, "criticism": 0.5, "statement": 0.5,
}
# Labels are laid out for a plot this wide unless told its width, with letters this wide
# (Plotly's 11 px font), and one label at most per this many pixels.
PLOT_WIDTH = 600
_PX_PER_LABEL = 90
_CHAR_PX = 6.2
_LABEL_CHARS = 38
_LABEL_MIN_CHARS = 8  # shorter, a label says too little to be worth its room
_LABEL_PAD_PX = 12
_HOVER_TITLE_CHARS = 120
_BRIEF_CHARS = 48
_EPOCH = pd.Timestamp("1970-01-01").as_unit("us")
# Marker symbols by how well the date is known (Plotly's numbers keep the figure small):
# filled circle, open circle, diamond; and how the legend explains each.
_SYMBOLS = {"day": 0, "uncertain": 100, "range": 2}
SHAPES: dict[str, tuple[str, str]] = {
    "day": ("circle", "day known"),
    "uncertain": ("circle-open", "only the month or year known (the band: every day it "
                                 "could be)"),
    "range": ("diamond", "from start to end (the bar)"),
}
# The narrowest first view around events known to the year, to the month, or to the day:
# a year-precision event never sits over a "Jul 1689" tick.
_MINIMUM_SPANS = {name: pd.Timedelta(days=days).as_unit("us")
                  for name, days in (("year", 3652.5), ("month", 730), ("day", 120))}
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


def event_timeline(events: pd.DataFrame, **options: Any) -> go.Figure:
    """The timeline of :func:`event_timeline_json` as a figure, checked by Plotly (for the
    offline page and the tests)."""
    return go.Figure(_event_timeline_spec(events, **options))


def event_timeline_json(events: pd.DataFrame, **options: Any) -> str:
    """The timeline's figure as Plotly JSON, for the dashboard: written from plain data,
    without building a ``go.Figure`` (whose checks took 0.1–0.3 s for 500 events, most of the
    script's own time); the figure is the same.

    Options: see :func:`_event_timeline_spec`.
    """
    return to_json_plotly(_event_timeline_spec(events, **options))


def _event_timeline_spec(events: pd.DataFrame, *, lanes: Sequence[str] | None = None,
                         max_lanes: int = MAX_LANES,
                         window: tuple[dt.date | None, dt.date | None] | None = None,
                         visible: tuple[pd.Timestamp, pd.Timestamp] | None = None,
                         width: int = PLOT_WIDTH, max_labels: int = 12,
                         selected: str | None = None,
                         range_slider: bool = False, legend: bool = True) -> dict[str, Any]:
    """A timeline with one lane per country, as a figure's ``data`` and ``layout``. One row
    becomes one event, drawn in the lane of each of its countries among ``lanes`` (marks
    joined by a vertical line when there are several), or in an "Others" lane when it has
    none of them.

    ``lanes`` are alpha-3 codes, top lane first; by default the ``max_lanes`` countries with
    most events. The figure first shows ``visible`` (the range a reader zoomed to) or else
    every event, within ``window`` (the filter's dates) when given: never so narrow that a
    year-precision event sits over a month tick. The most important events in view get a
    label, as many as fit a plot ``width`` pixels wide (at most ``max_labels``), never
    overlapping. ``selected`` (an event id) is ringed. ``range_slider`` adds Plotly's slider
    over every event below the plot, for the offline page: it draws every mark a second time
    (twice the drawing time), and the dashboard has range buttons, the wheel and a pinch.
    ``legend`` adds Plotly's legend entries for the types and marker shapes (the offline
    page's); without it, no trace is there only for the legend (the dashboard draws its
    legend as HTML from :func:`timeline_legend`, and Plotly sets up and styles every trace,
    empty or not).
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
                                        [mark for mark in marks if mark.type == kind.code],
                                        legend=legend)]
    if legend:
        traces += _shape_legend({mark.kind for mark in marks})
    traces += _ring([mark for mark in marks if mark.id == selected])
    start, end = visible or fitted_window(marks, window)
    layout = _lane_layout(names, start, end, _extent(marks), slider=range_slider)
    limit = min(max_labels, max(2, width // _PX_PER_LABEL))
    layout["annotations"] = _labels(marks, start, end, limit, width)
    return {"data": traces, "layout": layout}


def timeline_legend(events: pd.DataFrame) -> dict[str, list[dict[str, str]]]:
    """What the timeline's legend explains for these events: ``types`` (``code``, ``label``,
    ``colour``) in the vocabulary's order, and ``shapes`` (``symbol``, ``label``) of the marks
    drawn."""
    present = set(events["type"])
    kinds = {_kind(row) for row in events.itertuples(index=False)}
    return {
        "types": [{"code": t.code, "label": t.label, "colour": TYPE_COLOURS[t.code]}
                  for t in EVENT_TYPES if t.code in present],
        "shapes": [{"symbol": symbol, "label": label}
                   for kind, (symbol, label) in SHAPES.items() if kind in kinds],
    }


def event_cards(events: pd.DataFrame) -> list[dict[str, str]]:
    """The events as cards to read in date order. One row becomes ``id``, ``when`` (as
    written: "June 2024"), ``title``, ``countries`` (names), ``type`` (its label), ``colour``
    and ``x`` (where its marker sits on the time axis)."""
    return [{"id": row.id, "when": when_written(row.date, row.end_date), "title": row.title,
             "countries": ", ".join(map(country_name, row.countries)) or "no country named",
             "type": event_type(row.type).label, "colour": TYPE_COLOURS[row.type],
             "x": _iso(_anchor(row))}
            for row in events.itertuples(index=False)]


def range_buttons(first: pd.Timestamp, last: pd.Timestamp) -> list[dict[str, Any]]:
    """Buttons that show the last 10 or 50 years before ``last`` (the last event), and all
    of ``first``..``last``: ``label``, ``title`` and ``range`` (ISO days). A span shorter
    than the data gets no button."""
    buttons = []
    for years in (10, 50):
        if last - first > pd.Timedelta(days=365.25 * years):
            low = last - pd.DateOffset(years=years)
            buttons.append({"label": f"{years} y", "title": f"The {years} years up to the "
                            f"last event", "range": _padded(low, last)})
    buttons.append({"label": "All", "title": "Every event",
                    "range": _padded(first, last)})
    return buttons


def fitted_window(marks: Sequence[_Mark],
                  window: tuple[dt.date | None, dt.date | None] | None = None
                  ) -> tuple[pd.Timestamp, pd.Timestamp]:
    """The range that shows every mark (within ``window``, the filter's dates), padded."""
    low, high = _extent(list(marks)) or (None, None)
    if window and window[0]:
        low = max(low, pd.Timestamp(window[0])) if low is not None else pd.Timestamp(window[0])
    if window and window[1]:
        end = pd.Timestamp(window[1]) + pd.Timedelta(days=1)
        high = min(high, end) if high is not None else end
    if low is None or high is None:
        today = pd.Timestamp(dt.date.today())
        low, high = low or high or today, high or low or today
    return _padded_timestamps(*fitted_span(low, high, _minimum_span(marks)))


def fitted_span(low: pd.Timestamp, high: pd.Timestamp, minimum: pd.Timedelta
                ) -> tuple[pd.Timestamp, pd.Timestamp]:
    """``low``..``high`` widened about its middle to at least ``minimum``."""
    missing = minimum - (high - low)
    if missing > pd.Timedelta(0):
        low, high = low - missing / 2, high + missing / 2
    return low, high


def density_timeline(counts: pd.DataFrame, *, lanes: Sequence[str], period: str,
                     window: tuple[dt.date | None, dt.date | None] | None = None,
                     visible: tuple[pd.Timestamp, pd.Timestamp] | None = None
                     ) -> go.Figure:
    """A heat strip of how many events each lane has per period. One row (``lane``,
    ``period``, ``events``) becomes one cell; ``lane`` is an alpha-3 code from ``lanes`` or
    ``""`` for events involving none of them (drawn as an "Others" lane).

    ``period`` (a key of :data:`PERIODS`) names the cells in the hover text. The figure
    shows ``visible`` first when given (the range a reader zoomed to), else ``window``. Its
    size grows with lanes times periods, never with the number of events.
    """
    names = [country_name(code) for code in lanes]
    codes = list(lanes)
    if (counts["lane"] == "").any():
        names.append(OTHERS)
        codes.append("")
    periods = sorted(counts["period"].unique())
    z = [[None if np.isnan(value) else int(value) for value in row]
         for row in _lane_grid(counts, codes, periods)]
    labels = [_period_label(pd.Timestamp(day), period) for day in periods]
    hover = [[f"<b>{name}</b><br>{label}: {counted(value or 0, 'event')}"
              for label, value in zip(labels, row, strict=True)]
             for name, row in zip(names, z, strict=True)]
    span_days = PERIODS[period]
    x = [_iso(pd.Timestamp(day) + pd.Timedelta(days=span_days / 2)) for day in periods]
    days = [pd.Timestamp(day) for day in periods]
    extent = (min(days), max(days) + pd.Timedelta(days=span_days)) if days else None
    start, end = visible or _window_or(window, extent)
    # As numpy arrays, Plotly takes the grid whole instead of checking it cell by cell
    # (9x faster for 8 lanes of 564 months; the figure's JSON is the same), and the figure
    # is built once, not copied by an update.
    heatmap = go.Heatmap(
        x=np.array(x, dtype=object), y=list(range(len(names))), z=np.array(z, dtype=object),
        hovertext=np.array(hover, dtype=object), hoverinfo="text",
        colorscale="Viridis", xgap=1, ygap=4, colorbar={"title": {"text": "events"}},
        name="events per " + period)
    return go.Figure(data=[heatmap], layout=_lane_layout(names, start, end, extent,
                                                         slider=False))


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
    # The legend at the figure's foot: above, it covered the first panel's title on a phone;
    # and room above that title for Plotly's toolbar, which a touch screen always shows.
    figure.update_layout(barmode="relative", height=150 + 220 * len(pairs),
                         margin={"l": 60, "r": 20, "t": 60, "b": 80}, bargap=0.15,
                         legend={"orientation": "h", "yref": "container", "y": 0,
                                 "yanchor": "bottom", "x": 0})
    return figure


def pair_network(pairs: pd.DataFrame, *, max_pairs: int = 40) -> go.Figure:
    """A network of countries. One row (``a``, ``b``, ``events``, ``cooperative``,
    ``conflictual``) becomes an edge between two countries, as wide as its number of events,
    in its :data:`LEANINGS` colour (a legend says which); only the ``max_pairs`` busiest
    pairs are drawn. Countries sit on an oval, busiest at the top, alternately on its right
    and left (two side by side, three a triangle), each named level beside its circle,
    outwards (a name over :data:`_NODE_NAME_CHARS` letters is shortened; the hover has it
    whole)."""
    pairs = pairs.head(max_pairs)
    weight: Counter[str] = Counter()
    for row in pairs.itertuples(index=False):
        weight[row.a] += row.events
        weight[row.b] += row.events
    nodes = [code for code, _ in weight.most_common()]
    position = _node_positions(nodes)
    widest = max(pairs["events"], default=1)
    sizes = {c: 10 + 16 * math.sqrt(weight[c] / max(weight.values())) for c in nodes}
    figure = go.Figure()
    middles: dict[str, list[Any]] = {"x": [], "y": [], "text": []}
    for row in pairs.itertuples(index=False):
        (xa, ya), (xb, yb) = position[row.a], position[row.b]
        leaning = _leaning(row.cooperative / row.events)
        figure.add_trace(go.Scatter(
            x=[xa, xb], y=[ya, yb], mode="lines", hoverinfo="skip", showlegend=False,
            legendgroup=leaning.name,
            line={"width": 1 + 9 * row.events / widest, "color": leaning.colour}))
        middles["x"].append((xa + xb) / 2)
        middles["y"].append((ya + yb) / 2)
        middles["text"].append(
            f"<b>{country_name(row.a)}–{country_name(row.b)}</b><br>{row.events} events: "
            f"{row.cooperative} cooperative, {row.conflictual} conflictual")
    for leaning in LEANINGS:  # the legend: what a colour means
        figure.add_trace(go.Scatter(x=[None], y=[None], mode="lines", name=leaning.name,
                                    line={"color": leaning.colour, "width": 6},
                                    legendgroup=leaning.name))
    figure.add_trace(go.Scatter(**middles, mode="markers", hoverinfo="text", showlegend=False,
                                marker={"size": 14, "opacity": 0}, name="pairs"))
    figure.add_trace(go.Scatter(
        x=[position[c][0] for c in nodes], y=[position[c][1] for c in nodes],
        mode="markers", text=[country_name(c) for c in nodes],
        hovertext=[f"{country_name(c)}: {weight[c]} pair events" for c in nodes],
        hoverinfo="text", showlegend=False, name="countries",
        # Opaque: with a size per point, Plotly draws bubbles at 0.7, the lines showing through.
        marker={"size": [sizes[c] for c in nodes], "opacity": 1,
                "color": MIXED_COLOUR, "line": {"width": 1, "color": "#f8fafc"}}))
    # Names level beside their circle, away from the middle (in pixels, so at any size), on
    # a background: edges run inside the oval and never under them.
    figure.update_layout(annotations=[
        {"x": position[c][0], "y": position[c][1],
         "text": _as_text(_shorten(country_name(c), _NODE_NAME_CHARS)),
         "hovertext": _as_text(country_name(c)), "showarrow": False,
         "font": {"size": _NODE_FONT}, "bgcolor": "rgba(128, 128, 128, 0.15)", "borderpad": 2,
         "xshift": math.copysign(sizes[c] / 2 + _NODE_GAP, position[c][0]),
         "xanchor": "left" if position[c][0] >= 0 else "right", "yanchor": "middle"}
        for c in nodes])
    # Not one scale for both axes: the oval takes the plot's shape, so a wide plot gives
    # the names room beside it and a tall one spaces them out.
    axis = {"visible": False, "fixedrange": True}
    figure.update_layout(xaxis={**axis, "range": [-_NETWORK_X, _NETWORK_X]},
                         yaxis={**axis, "range": [-_NETWORK_Y, _NETWORK_Y]},
                         height=NETWORK_HEIGHT, margin=_NETWORK_MARGIN, hovermode="closest",
                         legend={"orientation": "h", "x": 0, "y": 0, "yanchor": "top",
                                 "title": {"text": "Pairs' events "}})
    return figure


def pair_network_caption() -> str:
    """The sentence under the network: what a line, its width and each colour mean, the
    colours named from :data:`LEANINGS` (the figure's own), so the two cannot disagree."""
    colours = "; ".join(f"{leaning.colour_name}: {leaning.name}" for leaning in LEANINGS)
    return ("Each line joins two countries that share events in this filter: the wider, the "
            f"more events. {colours[0].upper()}{colours[1:]}.")


@dataclass(frozen=True)
class Leaning:
    """How a pair's events lean, and how the network draws and names its colour."""

    name: str
    colour: str
    colour_name: str


# Okabe & Ito's blue and vermillion (orange to most readers): apart for every kind of colour
# vision, as green and red are not; a mixed pair is grey. In the legend's order.
LEANINGS = (Leaning("mostly cooperative", COOPERATIVE_COLOUR, "blue"),
            Leaning("mixed", MIXED_COLOUR, "grey"),
            Leaning("mostly conflictual", CONFLICTUAL_COLOUR, "orange"))
NETWORK_HEIGHT = 560
# The bottom margin holds the legend, one line below the plot.
_NETWORK_MARGIN = {"l": 10, "r": 10, "t": 10, "b": 50}
# Countries sit on the unit oval; the axes reach this far either side of its middle: beside
# it, room for a name (0.9 of 1.9 units is 166 px of a 700 px plot); above and below, for
# half a name.
_NETWORK_X, _NETWORK_Y = 1.9, 1.12
# Names in 13 px letters, 6 px from their circle, shortened beyond 16 letters.
_NODE_FONT = 13
_NODE_GAP = 6
_NODE_NAME_CHARS = 16


def _node_positions(nodes: Sequence[str]) -> dict[str, tuple[float, float]]:
    """Where each country (busiest first) sits on the unit oval: alternately on its right
    and its left half, top down, each half's countries evenly spaced in height, so names
    written level beside them are as far apart as the plot's height allows."""
    position = {}
    for side, column in ((1, nodes[0::2]), (-1, nodes[1::2])):
        for row, code in enumerate(column):
            y = 1 - (2 * row + 1) / len(column)
            position[code] = (side * math.sqrt(1 - y * y), y)
    return position


def _leaning(cooperative_share: float) -> Leaning:
    """How a pair's events lean: two thirds or more one way, else mixed."""
    cooperative, mixed, conflictual = LEANINGS
    if cooperative_share >= 2 / 3:
        return cooperative
    return conflictual if cooperative_share <= 1 / 3 else mixed


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


# -- the event timeline, piece by piece ------------------------------------------------------


def _frequent_countries(events: pd.DataFrame, limit: int) -> list[str]:
    counts = Counter(code for codes in events["countries"] for code in codes)
    return [code for code, _ in sorted(counts.items(), key=lambda item: (-item[1], item[0]))
            ][:limit]


def _mark(row: Any, lane_of: dict[str, int]) -> _Mark:
    lanes = tuple(sorted({lane_of[code] for code in row.countries if code in lane_of}))
    start = pd.Timestamp(row.first_day)
    stop = pd.Timestamp(row.last_day) + pd.Timedelta(days=1)
    ranged = isinstance(row.end_date, str)
    kind = _kind(row)
    anchor = _anchor(row)
    label = event_type(row.type).label
    names = ", ".join(map(country_name, row.countries)) or "no country named"
    first = row.sources[0] if len(row.sources) else {}
    title = _as_text(_shorten(row.title, _HOVER_TITLE_CHARS))
    when = when_written(row.date, row.end_date)
    hover = (f"<b>{title}</b><br>{when}<br>{_as_text(names)}<br>{label}"
             f"<br>Source: {_as_text(source_name(first))}")
    importance = (_TYPE_WEIGHT.get(row.type, 1) + 0.5 * max(len(row.countries) - 1, 0)
                  + 0.25 * len(row.sources) + (1 if ranged else 0))
    return _Mark(row.id, row.type, lanes, kind, start, stop, anchor, hover, row.title,
                 importance)


def _kind(row: Any) -> str:
    """How an event is drawn: "range" (it has an end date), "day" or "uncertain"."""
    if isinstance(row.end_date, str):
        return "range"
    return "day" if row.precision == "day" else "uncertain"


def _anchor(row: Any) -> pd.Timestamp:
    """Where an event's marker sits: its day, or the middle of the month or year."""
    start = pd.Timestamp(row.first_day)
    if _kind(row) != "uncertain":
        return start
    return start + (pd.Timestamp(row.last_day) + pd.Timedelta(days=1) - start) / 2


def _replace_lanes(mark: _Mark, lanes: tuple[int, ...]) -> _Mark:
    return _Mark(**{**mark.__dict__, "lanes": lanes})


def _type_traces(code: str, label: str, marks: list[_Mark], *,
                 legend: bool) -> list[dict[str, Any]]:
    """The traces of one event type, in one legend group: links, bands, bars, markers (and,
    with ``legend``, the type's entry in Plotly's legend)."""
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
    if legend:  # the type's colour as a plain dot, whatever its first event looks like
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
        "hovertext": [mark.hover if shown else _as_text(_shorten(mark.title, _BRIEF_CHARS))
                      for (mark, _), shown in zip(points, first, strict=True)],
        "hoverinfo": "text",
        "marker": {"color": colour, "size": 11, "line": {"width": 2, "color": colour},
                   "symbol": np.array([_SYMBOLS[mark.kind] for mark, _ in points],
                                      dtype=np.int16)},
        "meta": {"role": "events"}, **common})
    return traces


def _window_or(window: tuple[dt.date | None, dt.date | None] | None,
               extent: tuple[pd.Timestamp, pd.Timestamp] | None
               ) -> tuple[pd.Timestamp, pd.Timestamp]:
    """The window asked for (missing ends from ``extent``), padded to be at least a year."""
    today = pd.Timestamp(dt.date.today())
    low, high = extent or (today - pd.Timedelta(days=365), today)
    if window:
        low = pd.Timestamp(window[0]) if window[0] else low
        high = pd.Timestamp(window[1]) + pd.Timedelta(days=1) if window[1] else high
    return _padded_timestamps(low, high)


def _padded_timestamps(low: pd.Timestamp, high: pd.Timestamp
                       ) -> tuple[pd.Timestamp, pd.Timestamp]:
    """``low``..``high`` with a margin, so the first and last marks are not on the edge."""
    pad = max((high - low) * 0.03, pd.Timedelta(days=15))
    return low - pad, high + pad


def _padded(low: pd.Timestamp, high: pd.Timestamp) -> list[str]:
    return [_iso(day) for day in _padded_timestamps(low, high)]


def _minimum_span(marks: Sequence[_Mark]) -> pd.Timedelta:
    """The narrowest first view for these marks: by the coarsest date among them."""
    lengths = [mark.stop - mark.start for mark in marks if mark.kind == "uncertain"]
    longest = max(lengths, default=pd.Timedelta(days=1))
    precision = ("year" if longest > pd.Timedelta(days=300)
                 else "month" if longest > pd.Timedelta(days=20) else "day")
    return _MINIMUM_SPANS[precision]


def _extent(marks: list[_Mark]) -> tuple[pd.Timestamp, pd.Timestamp] | None:
    if not marks:
        return None
    return min(mark.start for mark in marks), max(mark.stop for mark in marks)


def _labels(marks: list[_Mark], start: pd.Timestamp, end: pd.Timestamp,
            limit: int, width: int) -> list[dict[str, Any]]:
    """Labels for the most important events in the window: each goes in the gap above or
    below its event's top lane, and only where it overlaps no label already in that gap (a
    gap is shared by the lanes on either side)."""
    ms_per_px = (end - start) / pd.Timedelta(milliseconds=1) / max(width, 100)
    left_edge, right_edge = _ms(start), _ms(end)
    taken: dict[int, list[tuple[float, float]]] = {}
    notes: list[dict[str, Any]] = []
    for mark in sorted(marks, key=lambda m: (-m.importance, m.anchor)):
        if len(notes) == limit:
            break
        if not start <= mark.anchor <= end:
            continue
        centre = _ms(mark.anchor)
        # Never past the window's edges (on a phone, over the lane names): a label wider
        # than the room on the roomier side of its event is shortened to it, or left out.
        room = max(centre - left_edge, right_edge - centre) / ms_per_px
        fits = min(_LABEL_CHARS, int((room - _LABEL_PAD_PX) / _CHAR_PX))
        if fits < _LABEL_MIN_CHARS:
            continue
        text = _shorten(mark.title, fits)
        width = (len(text) * _CHAR_PX + _LABEL_PAD_PX) * ms_per_px
        # Centred on the event, or to one side of it near the window's edges.
        left, anchor = centre - width / 2, "center"
        if left + width > right_edge:
            left, anchor = centre - width, "right"
        elif left < left_edge:
            left, anchor = centre, "left"
        for gap in (mark.lanes[0], mark.lanes[0] + 1):  # gap n lies above lane n
            if all(left + width < start_ or left > stop_
                   for start_, stop_ in taken.get(gap, [])):
                taken.setdefault(gap, []).append((left, left + width))
                notes.append({"x": _iso(mark.anchor), "y": gap - 0.5, "text": _as_text(text),
                              "xanchor": anchor, "showarrow": False, "font": {"size": 11},
                              "hovertext": _as_text(mark.title)})
                break
    return notes


def _lane_layout(names: list[str], start: pd.Timestamp, end: pd.Timestamp,
                 extent: tuple[pd.Timestamp, pd.Timestamp] | None, *,
                 slider: bool) -> dict[str, Any]:
    """Lanes top to bottom, the window shown first; with ``slider``, a range slider over
    everything."""
    xaxis: dict[str, Any] = {"type": "date", "range": [_iso(start), _iso(end)]}
    if slider:
        low, high = (min(extent[0], start), max(extent[1], end)) if extent else (start, end)
        pad = (high - low) * 0.01
        xaxis["rangeslider"] = {"visible": True, "thickness": 0.08,
                                "bgcolor": "rgba(128, 128, 128, 0.08)",
                                "range": [_iso(low - pad), _iso(high + pad)]}
    return {
        "height": 150 + 70 * max(len(names), 2),
        "margin": {"l": 10, "r": 10, "t": 40, "b": 10},
        "barmode": "overlay", "hovermode": "closest", "dragmode": "pan",
        "legend": {"orientation": "h", "y": 1.02, "yanchor": "bottom", "x": 0,
                   "title": {"text": "Type "}},
        "xaxis": xaxis,
        "yaxis": {"tickvals": list(range(len(names))), "ticktext": names, "fixedrange": True,
                  "automargin": True,
                  "range": [len(names) - 0.25, -0.75], "showgrid": True, "zeroline": False},
    }


def _shape_legend(kinds: set[str]) -> list[dict[str, Any]]:
    """Legend entries (no data), after the types, that say what each marker shape drawn
    means (the offline page shows them; the dashboard draws its legend as HTML, where it
    wraps on a phone)."""
    return [{"type": "scatter", "x": [None], "y": [None], "mode": "markers",
             "name": label, "legendgroup": "shapes", "legendrank": 2000 + number,
             "legendgrouptitle": {"text": "Date:"} if number == 0 else None,
             "marker": {"symbol": symbol, "size": 10, "color": MIXED_COLOUR,
                        "line": {"width": 2, "color": MIXED_COLOUR}},
             "meta": {"role": "shape-legend"}, "hoverinfo": "skip"}
            for number, (symbol, label) in enumerate(
                shape for kind, shape in SHAPES.items() if kind in kinds)]


def _ring(marks: list[_Mark]) -> list[dict[str, Any]]:
    """A ring around each mark of the selected event (nothing when none is selected)."""
    points = [(mark, lane) for mark in marks for lane in mark.lanes]
    if not points:
        return []
    return [{"type": "scatter", "mode": "markers", "showlegend": False, "hoverinfo": "skip",
             "x": [_iso(mark.anchor) for mark, _ in points], "y": [lane for _, lane in points],
             "marker": {"symbol": "circle-open", "size": 24, "color": MIXED_COLOUR,
                        "line": {"width": 3, "color": MIXED_COLOUR}},
             "name": "selected", "meta": {"role": "selected"}}]


def _ms(day: pd.Timestamp) -> float:
    """Milliseconds since 1970 (negative before), in microsecond units so 1600 fits."""
    return (day.as_unit("us") - _EPOCH) / pd.Timedelta(milliseconds=1)


def _lane_grid(counts: pd.DataFrame, lanes: list[str], periods: list) -> np.ndarray:
    """The events of ``counts`` summed into a grid of ``lanes`` by ``periods``, NaN where no
    row falls; rows of other lanes are left out."""
    # Placed by position, not pivoted: a pivot table took 5 ms of a figure's 12 (two lanes of
    # 564 months; 0.6 ms this way).
    rows = pd.Index(lanes).get_indexer(counts["lane"])
    columns = pd.Index(periods).get_indexer(counts["period"])
    kept = rows >= 0
    grid = np.full((len(lanes), len(periods)), np.nan)
    grid[rows[kept], columns[kept]] = 0
    np.add.at(grid, (rows[kept], columns[kept]), counts["events"].to_numpy()[kept])
    return grid


def _iso(day: pd.Timestamp) -> str:
    """A day as Plotly reads it on a date axis; works for 1689 as for 2025."""
    return day.strftime("%Y-%m-%d")


def _period_label(day: pd.Timestamp, period: str) -> str:
    labels = {"day": f"{day.day} {day:%b %Y}", "week": f"week of {day.day} {day:%b %Y}",
              "month": f"{day:%B %Y}", "quarter": f"{day.year} Q{(day.month - 1) // 3 + 1}",
              "year": str(day.year), "decade": f"{day.year}s"}
    return labels[period]


def _as_text(text: str) -> str:
    """Text Plotly shows as written: its tags escaped. Quotes stay (Plotly would print
    ``&quot;`` literally, and without tags they do nothing)."""
    return html.escape(text, quote=False)


def _shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
