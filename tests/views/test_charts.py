import base64
import datetime as dt
import html
import itertools
import json
import math
from dataclasses import dataclass

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio
import pytest

from tests.builders import event_record, query_frame
from timeline.core.countries import country_name
from timeline.core.event_types import event_type
from timeline.views import charts
from timeline.views.relations import pair_counts, yearly_relations

TWO_MB = 2 * 1024 * 1024
SYMBOLS = {"circle": 0, "circle-open": 100, "diamond": 2}  # Plotly's symbol numbers


def traces(figure, role: str, type_label: str | None = None) -> list:
    return [trace for trace in figure.data if (trace.meta or {}).get("role") == role
            and type_label in (None, trace.name)]


def points_of(figure, event_id: str) -> list[tuple[str, int]]:
    """(x, lane) of each marker the event has."""
    return [(x, y) for trace in traces(figure, "events")
            for x, y, data in zip(trace.x, trace.y, trace.customdata, strict=True)
            if data == event_id]


@pytest.mark.parametrize(
    ("options", "lanes"),
    [
        ({}, ["China", "North Korea", "Russia", "United States", "South Korea",
              "USSR"]),
        ({"max_lanes": 1}, ["China", "Others"]),
        ({"lanes": ("PRK", "CHN")}, ["North Korea", "China"]),
        ({"lanes": ("PRK",)}, ["North Korea", "Others"]),
    ],
)
def test_one_lane_per_country_most_frequent_first_or_as_chosen(sample_frame, options, lanes):
    figure = charts.event_timeline(sample_frame, **options)
    assert list(figure.layout.yaxis.ticktext) == lanes
    drawn = {y for trace in traces(figure, "events") for y in trace.y}
    assert drawn == set(range(len(lanes)))


def test_a_multi_country_event_is_one_event_joined_across_its_lanes(sample_frame):
    figure = charts.event_timeline(sample_frame)
    war = points_of(figure, "korean-war")
    assert len({x for x, _ in war}) == 1  # one moment, in every lane of its five countries
    # Lanes: China, North Korea, Russia, United States, South Korea, USSR.
    assert sorted(lane for _, lane in war) == [0, 1, 3, 4, 5]
    hovers = [text for trace in traces(figure, "events")
              for text, data in zip(trace.hovertext, trace.customdata, strict=True)
              if data == "korean-war"]
    assert all("Korean War" in text for text in hovers)  # every lane names it on hover
    links = traces(figure, "links", "Attack, clash or war")[0]
    assert list(links.x) == [war[0][0], war[0][0], None]
    assert list(links.y) == [0, 5, None]


def test_single_country_lane_events_have_no_link(sample_frame):
    figure = charts.event_timeline(sample_frame, lanes=("CHN",))
    assert traces(figure, "links") == []


def test_each_event_type_is_one_legend_entry_that_toggles_all_its_marks(sample_frame):
    figure = charts.event_timeline(sample_frame)
    in_legend = [trace.name for trace in figure.data
                 if trace.showlegend is not False and trace.meta["role"] != "shape-legend"]
    present = {event_type(code).label for code in sample_frame["type"]}
    assert sorted(in_legend) == sorted(present)
    for trace in figure.data:
        if trace.meta["role"] == "shape-legend":
            continue
        assert trace.legendgroup == next(code for code in charts.TYPE_COLOURS
                                         if event_type(code).label == trace.name)
        colour = trace.marker.color if trace.type != "scatter" or trace.mode == "markers" \
            else trace.line.color
        assert colour == charts.TYPE_COLOURS[trace.legendgroup]


def test_without_plotly_s_legend_only_the_marks_are_drawn(sample_frame):
    """The dashboard draws its legend as HTML: its figure has no legend-only trace, and
    every mark of the full figure, in the same legend group (the HTML legend toggles it)."""
    full = charts.event_timeline(sample_frame)
    bare = charts.event_timeline(sample_frame, legend=False)
    assert {trace.meta["role"] for trace in bare.data}.isdisjoint({"legend", "shape-legend"})
    marks = [trace for trace in full.data
             if trace.meta["role"] not in ("legend", "shape-legend")]
    assert [pio.to_json(trace) for trace in bare.data] == [pio.to_json(trace) for trace in marks]
    assert {trace.legendgroup for trace in bare.data} == set(sample_frame["type"])


def _span(figure, event_id: str) -> tuple[str, float, str]:
    """(start, length in days, role) of the event's band or bar."""
    for role in ("spans", "bars"):
        for trace in traces(figure, role):
            for base, ms, data in zip(trace.base, trace.x, trace.customdata, strict=True):
                if data == event_id:
                    return base, ms / 86_400_000, role
    raise LookupError(event_id)


@pytest.mark.parametrize(
    ("event_id", "start", "days", "role", "symbol"),
    [
        ("prk-rus-pact-2024", "2024-06-01", 30, "spans", "circle-open"),  # June 2024
        ("nerchinsk-1689", "1689-01-01", 365, "spans", "circle-open"),  # 1689
        ("korean-war", "1950-06-25", 1129, "bars", "diamond"),  # 25 June 1950 – 27 July 1953
    ],
)
def test_uncertain_dates_are_spans_and_end_dates_bars(sample_frame, event_id, start, days,
                                                      role, symbol):
    figure = charts.event_timeline(sample_frame)
    assert _span(figure, event_id) == (start, days, role)
    symbols = [s for trace in traces(figure, "events")
               for s, data in zip(trace.marker.symbol, trace.customdata, strict=True)
               if data == event_id]
    assert set(symbols) == {SYMBOLS[symbol]}


def test_uncertain_spans_look_less_certain_than_bars(sample_frame):
    figure = charts.event_timeline(sample_frame)
    span, bar = traces(figure, "spans")[0], traces(figure, "bars")[0]
    assert span.opacity < bar.opacity / 2
    assert span.marker.pattern.shape == "/"


def test_a_month_event_sits_mid_month_and_a_day_event_on_its_day(sample_frame):
    figure = charts.event_timeline(sample_frame)
    assert {x for x, _ in points_of(figure, "prk-rus-pact-2024")} == {"2024-06-16"}
    assert {x for x, _ in points_of(figure, "prk-chn-ties-1949")} == {"1949-10-06"}
    with pytest.raises(LookupError):
        _span(figure, "prk-chn-ties-1949")


@pytest.mark.parametrize(
    ("event_id", "shown", "hidden"),
    [
        ("prk-rus-pact-2024", ["June 2024", "North Korea, Russia",
                               "Treaty or agreement", "Source: Test Wire"], ["2024-06-01"]),
        ("nerchinsk-1689", ["1689", "Encyclopaedia Britannica"], ["January"]),
        ("korean-war", ["25 June 1950 – 27 July 1953", "USSR", "Attack, clash or war"], []),
    ],
)
def test_hover_reads_as_written_with_names_type_and_first_source(sample_frame, event_id, shown,
                                                                 hidden):
    figure = charts.event_timeline(sample_frame)
    hover = next(text for trace in traces(figure, "events")
                 for text, data in zip(trace.hovertext, trace.customdata, strict=True)
                 if data == event_id)
    for text in shown:
        assert text in hover
    for text in hidden:
        assert text not in hover


def test_every_mark_carries_its_event_id(sample_frame):
    figure = charts.event_timeline(sample_frame)
    for trace in figure.data:
        if trace.meta["role"] not in ("links", "legend", "shape-legend"):
            assert set(trace.customdata) <= set(sample_frame["id"])


@pytest.mark.parametrize("window", [None, (None, None)])
def test_the_first_view_fits_every_event_even_a_lone_old_one(window):
    recent = [event_record(id=f"e{n}", date=f"{1990 + n // 2}-0{1 + n % 9}", type="talks")
              for n in range(60)]
    frame = query_frame([*recent, event_record(id="old", date="1689", type="treaty")])
    xaxis = charts.event_timeline(frame, window=window).layout.xaxis
    assert "1670" < xaxis.range[0] < "1689" and "2019" < xaxis.range[1] < "2035"
    # No slider in the dashboard (it would draw every mark twice); the offline page's reaches
    # every event.
    assert not xaxis.rangeslider.visible
    offline = charts.event_timeline(frame, window=window, range_slider=True).layout.xaxis
    assert offline.rangeslider.visible and offline.rangeslider.range[0] < "1689-01-01"


@pytest.mark.parametrize(("date", "years"), [("1689", 10), ("2024-06", 2), ("2024-06-05", 0.3)])
def test_the_first_view_is_never_narrower_than_the_date_is_known(date, years):
    # A lone event known to the year is shown in a decade: the axis ticks years, so no
    # "Jul 1689" tick sits under it; one known to the day may be seen close up.
    xaxis = charts.event_timeline(query_frame([event_record(date=date)])).layout.xaxis
    shown = pd.Timestamp(xaxis.range[1]) - pd.Timestamp(xaxis.range[0])
    assert pd.Timedelta(days=365 * years) <= shown <= pd.Timedelta(days=365 * years * 1.2 + 60)


def test_labels_are_laid_out_for_the_visible_range_and_width(sample_frame):
    visible = (pd.Timestamp("2020-01-01"), pd.Timestamp("2026-01-01"))
    wide = charts.event_timeline(sample_frame, visible=visible)
    assert list(wide.layout.xaxis.range) == ["2020-01-01", "2026-01-01"]
    # Only events in view; the 2024 messages would overlap the pact's label beside them.
    assert sorted(note.text for note in wide.layout.annotations) == [
        "North Korea and Russia sign a mutual…", "US and Chinese leaders speak by phone"]
    narrow = charts.event_timeline(sample_frame, width=300)
    assert len(narrow.layout.annotations) == 3 < len(charts.event_timeline(
        sample_frame).layout.annotations)  # a label per 90 px at most


@pytest.mark.parametrize(("visible", "width", "anchor"), [
    # 1949 sits 60 px from the left edge of a 250 px plot: its label goes to the right.
    (("1945-01-01", "1965-01-01"), 250, "left"),
    # ... 35 px from the right edge of a 400 px plot: to the left.
    (("1931-01-01", "1951-01-01"), 400, "right"),
    # Alone in a plot too narrow for any label worth reading: none.
    (("1948-01-01", "1951-01-01"), 100, None),
])
def test_a_label_never_runs_past_the_window(sample_frame, visible, width, anchor):
    """On a phone the plot is narrow: a label wider than the room beside its event is cut
    short on the roomier side (or left out), never drawn over the lane names."""
    ties = sample_frame[sample_frame["id"] == "prk-chn-ties-1949"]
    title = ties["title"].iloc[0]
    figure = charts.event_timeline(ties, visible=tuple(map(pd.Timestamp, visible)),
                                   width=width)
    shown = [(note.text, note.xanchor) for note in figure.layout.annotations]
    if anchor is None:
        assert shown == []
    else:
        ((text, side),) = shown
        assert side == anchor and text.endswith("…") and title.startswith(text[:-1])
        start, end, day = (pd.Timestamp(d) for d in (*visible, "1949-10-06"))
        beside = (end - day) if side == "left" else (day - start)
        room_px = beside / (end - start) * width
        assert len(text) * charts._CHAR_PX < room_px  # at the 11 px font's letter width


def test_the_selected_event_is_ringed_in_each_of_its_lanes(sample_frame):
    figure = charts.event_timeline(sample_frame, selected="prk-chn-ties-1949")
    (ring,) = traces(figure, "selected")
    assert list(ring.x) == ["1949-10-06", "1949-10-06"] and sorted(ring.y) == [0, 1]
    assert traces(charts.event_timeline(sample_frame), "selected") == []


def test_marker_shapes_are_explained_in_a_legend(sample_frame):
    figure = charts.event_timeline(sample_frame)
    shapes = traces(figure, "shape-legend")
    assert [(t.marker.symbol, t.name) for t in shapes] == [
        ("circle", "day known"),
        ("circle-open", "only the month or year known (the band: every day it could be)"),
        ("diamond", "from start to end (the bar)")]
    assert {t.legendgroup for t in shapes} == {"shapes"}
    assert shapes[0].legendgrouptitle.text == "Date:"


def test_range_buttons_end_at_the_last_event_not_today():
    buttons = charts.range_buttons(pd.Timestamp("1689-01-01"), pd.Timestamp("2025-01-18"))
    assert [b["label"] for b in buttons] == ["10 y", "50 y", "All"]
    assert buttons[0]["range"][0].startswith("2014") and buttons[0]["range"][1] < "2025-06"
    assert buttons[2]["range"][0] < "1689" and buttons[2]["range"][1] < "2036"
    few = charts.range_buttons(pd.Timestamp("2020-01-01"), pd.Timestamp("2025-01-18"))
    assert [b["label"] for b in few] == ["All"]  # ten years would show empty ones


def test_cards_read_in_date_order_with_the_date_as_written(sample_frame):
    cards = charts.event_cards(sample_frame)
    assert [card["when"] for card in cards] == [
        "1689", "6 October 1949", "25 June 1950 – 27 July 1953", "June 2024",
        "6 October 2024", "17 January 2025"]
    assert cards[3]["x"] == "2024-06-16"  # where its marker sits: mid-month
    assert cards[0]["colour"] == charts.TYPE_COLOURS["treaty"]


@pytest.mark.parametrize("vision", [None, "deutan", "protan", "tritan"])
def test_type_colours_stay_apart_for_colour_blind_readers_too(vision):
    coloraide = pytest.importorskip("coloraide")

    def seen(hex_colour):
        colour = coloraide.Color(hex_colour)
        return colour if vision is None else colour.filter(vision).convert("srgb")

    colours = {code: seen(hex_colour) for code, hex_colour in charts.TYPE_COLOURS.items()}
    closest = min(colours[a].delta_e(colours[b], method="2000")
                  for a, b in itertools.combinations(colours, 2))
    assert closest >= 6
    for a, b in [("ties_cut", "armed_conflict"), ("treaty", "talks")]:  # once near twins
        assert colours[a].delta_e(colours[b], method="2000") >= 15


def test_a_chosen_window_is_shown_first(sample_frame):
    figure = charts.event_timeline(sample_frame, window=(dt.date(1949, 1, 1), None))
    start, end = figure.layout.xaxis.range
    assert "1945" < start < "1949" and "2025-01-18" < end < "2040"


def test_labels_never_overlap_and_the_most_important_wins():
    same_week = [event_record(id=f"chat-{n}", date=f"2020-03-0{n + 1}", type="statement",
                              title=f"Statement number {n}") for n in range(5)]
    treaty = event_record(id="pact", date="2020-03-04", type="treaty", title="A big treaty")
    later = event_record(id="later", date="2024-01-01", type="talks", title="Later talks")
    figure = charts.event_timeline(query_frame([*same_week, treaty, later]))
    labels = [(note.text, note.y) for note in figure.layout.annotations]
    assert labels[0][0] == "A big treaty"
    # The week's cluster has two slots, above and below its lane: the treaty and one statement.
    cluster = [(text, y) for text, y in labels if text != "Later talks"]
    assert len(cluster) == 2 and cluster[0][0] == "A big treaty"
    assert cluster[1][0].startswith("Statement number")
    assert len({y for _, y in cluster}) == 2
    assert len(labels) == 3  # "Later talks", years away, has room


def test_an_empty_result_draws_no_events():
    figure = charts.event_timeline(query_frame([])[0:0])
    assert traces(figure, "events") == []


def test_density_cells_count_events_per_lane_and_period():
    counts = pd.DataFrame({"lane": ["PRK", "PRK", "CHN", ""],
                           "period": pd.to_datetime(["1950-01-01", "2020-01-01", "1950-01-01",
                                                     "1950-01-01"]).astype("datetime64[us]"),
                           "events": [12, 3, 1, 7]})
    figure = charts.density_timeline(counts, lanes=["PRK", "CHN"], period="decade")
    (heat,) = figure.data
    assert heat.type == "heatmap"
    assert list(figure.layout.yaxis.ticktext) == ["North Korea", "China", "Others"]
    assert [list(row) for row in heat.z] == [[12, 3], [1, None], [7, None]]
    assert heat.hovertext[0][0] == "<b>North Korea</b><br>1950s: 12 events"


def test_density_cells_sum_repeated_rows_and_leave_out_lanes_not_drawn():
    counts = pd.DataFrame({"lane": ["PRK", "PRK", "RUS", "CHN"],
                           "period": pd.to_datetime(["1950-01-01", "1950-01-01", "1960-01-01",
                                                     "1960-01-01"]).astype("datetime64[us]"),
                           "events": [2, 3, 9, 0]})
    (heat,) = charts.density_timeline(counts, lanes=["PRK", "CHN"], period="decade").data
    assert [list(row) for row in heat.z] == [[5, None], [None, 0]]


@pytest.mark.parametrize(
    ("first", "last", "period"),
    [
        (dt.date(2024, 1, 1), dt.date(2024, 12, 31), "day"),
        (dt.date(2020, 1, 1), dt.date(2024, 12, 31), "week"),
        (dt.date(1995, 1, 1), dt.date(2024, 12, 31), "month"),
        (dt.date(1949, 1, 1), dt.date(2025, 12, 31), "quarter"),
        (dt.date(1689, 1, 1), dt.date(2025, 12, 31), "year"),
        (dt.date(1600, 1, 1), dt.date(2100, 12, 31), "decade"),
    ],
)
def test_the_density_period_follows_the_span(first, last, period):
    assert charts.choose_period(first, last) == period


def test_a_timeline_just_under_the_density_threshold_stays_under_2_mb():
    title = "A long headline about two governments signing something " * 3
    records = [event_record(id=f"e{n}", date=f"{1950 + n % 75}-{1 + n % 12:02d}-{1 + n % 28:02d}",
                            title=title[:190], countries=["PRK", "CHN", "RUS"],
                            end_date=None if n % 3 else f"{2026}-01-01",
                            type=("treaty", "summit", "talks")[n % 3])
               for n in range(charts.DENSITY_THRESHOLD)]
    figure = charts.event_timeline(query_frame(records))
    assert len(pio.to_json(figure)) < TWO_MB


def test_the_density_view_size_depends_on_cells_not_events():
    periods = pd.date_range("1600-01-01", periods=charts.MAX_PERIODS, freq="YS",
                            unit="us")
    lanes = ["PRK", "CHN", "RUS", "USA", "KOR", "JPN", "GBR", "FRA", ""]
    counts = pd.DataFrame([(lane, day, 1_000_000) for lane in lanes for day in periods],
                          columns=["lane", "period", "events"])
    figure = charts.density_timeline(counts, lanes=lanes[:-1], period="year")
    assert len(pio.to_json(figure)) < TWO_MB


@pytest.mark.parametrize(
    ("selection", "expected"),
    [
        ({"selection": {"points": [{"customdata": {"0": "korean-war"}}]}}, "korean-war"),
        ({"selection": {"points": [{"customdata": ["korean-war"]}]}}, "korean-war"),
        ({"selection": {"points": [{"customdata": "korean-war"}]}}, "korean-war"),
        ({"selection": {"points": [{"x": 1}, {"customdata": ["b"]}]}}, "b"),
        ({"selection": {"points": []}}, None),
        ({}, None),
        (None, None),
    ],
)
def test_a_clicked_point_gives_its_event_id_whatever_shape_it_arrives_in(selection,
                                                                         expected):
    assert charts.selected_event_id(selection) == expected


def test_relations_chart_has_a_panel_per_pair_cooperation_up_conflict_down(sample_frame):
    yearly = yearly_relations(sample_frame, [("PRK", "CHN"), ("PRK", "RUS")])
    figure = charts.relations_chart(yearly)
    assert [note.text for note in figure.layout.annotations] == [
        "North Korea–China", "North Korea–Russia"]
    cooperative = [t for t in figure.data if t.name == "Cooperative"]
    conflictual = [t for t in figure.data if t.name == "Conflictual"]
    assert len(cooperative) == len(conflictual) == 2
    assert min(min(t.y) for t in cooperative) >= 0
    assert list(conflictual[0].x) == [1949, 1950, 2024]
    assert list(conflictual[0].y) == [0, -1, 0]  # the Korean War, drawn below the line
    assert [t.showlegend for t in cooperative] == [True, False]


def test_the_network_weights_edges_by_events_and_names_every_country(sample_frame):
    counts = pair_counts(sample_frame)
    figure = charts.pair_network(counts)
    assert len(edges(figure)) == len(counts)
    widest = max(edges(figure), key=lambda t: t.line.width)
    assert widest.line.width == 10  # China–North Korea: 3 events, the most
    assert set(nodes(figure).text) == {"China", "North Korea", "Russia", "United States",
                                       "South Korea", "USSR"}
    assert sorted(note.hovertext for note in figure.layout.annotations) == sorted(
        nodes(figure).text)
    assert nodes(figure).marker.opacity == 1  # lines end under the circles, not through them
    legend = [t.name for t in figure.data if t.showlegend is not False]
    assert legend == ["mostly cooperative", "mixed", "mostly conflictual"]


def nodes(figure: go.Figure) -> go.Scatter:
    """The network's trace of country circles."""
    return next(t for t in figure.data if t.name == "countries")


def edges(figure: go.Figure) -> list[go.Scatter]:
    """The network's lines between countries (not the legend's)."""
    return [t for t in figure.data if t.mode == "lines" and t.showlegend is False]


def network(pairs: list[tuple[str, str, int, int]]) -> go.Figure:
    """The network of pairs given as (``a``, ``b``, cooperative, conflictual events), in the
    form and order :func:`pair_counts` gives them."""
    frame = pd.DataFrame([(*sorted((a, b)), co + conflict, co, conflict)
                          for a, b, co, conflict in pairs],
                         columns=["a", "b", "events", "cooperative", "conflictual"])
    return charts.pair_network(frame.sort_values(["events", "a", "b"],
                                                 ascending=[False, True, True]))


# Pairs whose cooperative shares lie on each side of the thirds: (a, b, cooperative,
# conflictual, the leaning its line must show).
LEANING_PAIRS = [
    ("CHN", "PRK", 3, 0, "mostly cooperative"),
    ("PRK", "RUS", 2, 1, "mostly cooperative"),  # two thirds exactly
    ("CHN", "USA", 3, 2, "mixed"),
    ("KOR", "PRK", 1, 1, "mixed"),
    ("PRK", "USA", 1, 2, "mostly conflictual"),  # one third exactly
    ("RUS", "UKR", 0, 4, "mostly conflictual"),
]


@pytest.mark.parametrize(("a", "b", "leaning"),
                         [(a, b, leaning) for a, b, _, _, leaning in LEANING_PAIRS])
def test_each_line_has_the_legend_colour_of_its_own_pair_s_leaning(a, b, leaning):
    figure = network([pair[:4] for pair in LEANING_PAIRS])
    legend = {t.name: t.line.color for t in figure.data if t.showlegend is not False}
    assert len(set(legend.values())) == len(legend) == 3  # three colours told apart
    centre = {name: (x, y) for name, x, y in zip(nodes(figure).text, nodes(figure).x,
                                                  nodes(figure).y, strict=True)}
    ends = {centre[country_name(a)], centre[country_name(b)]}
    (line,) = [t for t in edges(figure) if set(zip(t.x, t.y, strict=True)) == ends]
    assert line.line.color == legend[leaning]


# Twenty countries, one with a name too long to show whole ("Central African Republic").
COUNTRIES = ["PRK", "CHN", "RUS", "USA", "KOR", "JPN", "GBR", "FRA", "DEU", "IND", "PAK",
             "IRN", "ISR", "UKR", "TUR", "SAU", "VNM", "PHL", "AUS", "CAF"]
# Plotly measures text only in a browser, so the test estimates a name's box: Plotly's font
# (Open Sans) averages about 0.55 em a letter in mixed-case names, and 0.6 errs wide; a
# line is 1.3 em high; the box adds its padding (borderpad) on every side.
EM_PER_LETTER, EM_PER_LINE = 0.6, 1.3
# Plot widths: the Relations view in a laptop's window beside the sidebar, and a wide screen.
PLOT_WIDTHS = [700, 1200]


@dataclass(frozen=True)
class Box:
    """A rectangle in a plot's pixels: x to the right, y down."""

    left: float
    top: float
    right: float
    bottom: float

    def meets(self, other: "Box") -> bool:
        return (self.left < other.right and other.left < self.right
                and self.top < other.bottom and other.top < self.bottom)

    def covers(self, x: float, y: float, radius: float) -> bool:
        """Whether a circle around (x, y) reaches into the box."""
        nearest = (min(max(x, self.left), self.right), min(max(y, self.top), self.bottom))
        return math.dist(nearest, (x, y)) < radius


def drawn(figure: go.Figure, width: int) -> tuple[list[tuple[float, float, float]],
                                                   dict[str, Box], Box]:
    """Where a network draws in a plot ``width`` pixels wide, as high as the figure less
    its margins: each circle (x, y, radius), each name's box by country, and the figure's
    own box, all in the plot's pixels."""
    layout = figure.layout
    height = layout.height - layout.margin.t - layout.margin.b
    (x0, x1), (y0, y1) = layout.xaxis.range, layout.yaxis.range
    across, down = width / (x1 - x0), height / (y1 - y0)  # pixels a unit
    if layout.yaxis.scaleanchor == "x":  # one scale: Plotly widens the roomier axis's range
        across = down = min(across, down)

    def pixels(x: float, y: float) -> tuple[float, float]:
        return (width / 2 + (x - (x0 + x1) / 2) * across,
                height / 2 - (y - (y0 + y1) / 2) * down)

    countries = nodes(figure)
    circles = [(*pixels(x, y), size / 2) for x, y, size in zip(
        countries.x, countries.y, countries.marker.size, strict=True)]
    names = {}
    for note in layout.annotations:
        x, y = pixels(note.x, note.y)
        x, y = x + (note.xshift or 0), y - (note.yshift or 0)
        pad = note.borderpad
        wide = len(html.unescape(note.text)) * EM_PER_LETTER * note.font.size + 2 * pad
        high = EM_PER_LINE * note.font.size + 2 * pad
        left = {"left": x, "right": x - wide, "center": x - wide / 2}[note.xanchor]
        top = {"top": y, "bottom": y - high, "middle": y - high / 2}[note.yanchor]
        names[note.hovertext] = Box(left, top, left + wide, top + high)
    whole = Box(-layout.margin.l, -layout.margin.t, width + layout.margin.r, height)
    return circles, names, whole


@pytest.mark.parametrize("width", PLOT_WIDTHS)
@pytest.mark.parametrize("count", [2, 3, 8, 20])
def test_names_are_clear_of_every_circle_and_of_each_other_inside_the_figure(count, width):
    chosen = COUNTRIES[:count]
    # Each country with the next, round in a ring (two countries: one pair, not it twice);
    # unequal pairs, so circles differ in size as in real data.
    ring = list(zip(chosen, chosen[1:] + chosen[:1], strict=True))[:count if count > 2 else 1]
    figure = network([(a, b, 1 + n % 5, n % 2) for n, (a, b) in enumerate(ring)])
    circles, names, whole = drawn(figure, width)
    assert sorted(names) == sorted(map(country_name, chosen))  # every country is named
    for name, box in names.items():
        assert not any(box.covers(*circle) for circle in circles), name
        assert whole.left <= box.left and box.right <= whole.right, name  # not cut off
        assert whole.top <= box.top and box.bottom <= whole.bottom, name
    for (one, box), (other, beside) in itertools.combinations(names.items(), 2):
        assert not box.meets(beside), (one, other)


def test_two_countries_sit_side_by_side(sample_frame):
    pact = sample_frame[sample_frame["id"] == "prk-rus-pact-2024"]
    figure = charts.pair_network(pair_counts(pact))
    nodes = next(t for t in figure.data if t.name == "countries")
    assert abs(nodes.y[0] - nodes.y[1]) < 1e-9 and abs(nodes.x[0] - nodes.x[1]) > 1


@pytest.mark.parametrize("options", [{}, {"lanes": ("PRK",), "selected": "prk-rus-pact-2024"},
                                     {"width": 390, "max_labels": 3}, {"legend": False}])
def test_the_dashboard_s_json_is_the_checked_figure(sample_frame, options):
    """The dashboard sends the timeline as JSON written from plain data (no go.Figure, whose
    checks were most of the page's time): Plotly reads it back as the same figure."""
    def plain(value):  # Plotly keeps number arrays as base64 ("bdata"): as lists, to compare
        if isinstance(value, dict) and "bdata" in value:
            return np.frombuffer(base64.b64decode(value["bdata"]), value["dtype"]).tolist()
        if isinstance(value, dict):
            return {key: plain(item) for key, item in value.items()}
        if isinstance(value, list):
            return [plain(item) for item in value]
        return value

    sent = go.Figure(json.loads(charts.event_timeline_json(sample_frame, **options)))
    checked = charts.event_timeline(sample_frame, **options)
    assert plain(sent.to_plotly_json()) == plain(checked.to_plotly_json())
    assert len(checked.data) > 1 and checked.layout.annotations
