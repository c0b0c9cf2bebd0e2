"""The explorer page: filters in the sidebar, then the timeline, table, relations and
anniversaries of the matching events.

UI glue only: widgets → :mod:`timeline` calls → ``st.*``. The filter lives in the URL
(:mod:`timeline.views.url_state`): the first run of a session reads it into the sidebar widgets, and
every run writes the current filter, view and open event back, so the address bar can always
be shared. The timeline is a component that reports its zoom (:mod:`app_pages.timeline_chart`),
so each run draws what is in view (:mod:`timeline.views.viewport`).
"""

from __future__ import annotations

import datetime as dt
import pickle
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager, suppress
from typing import Any

import pandas as pd
import streamlit as st

from app_pages.shared import escape, explore_store, page_store, waiting
from app_pages.timeline_chart import load_plotly, reported_view, selected_id, timeline_chart
from timeline.core.countries import all_countries, country_name
from timeline.core.dates import MAX_YEAR, MIN_YEAR
from timeline.core.display import source_name, when_written
from timeline.core.event_types import EVENT_TYPES_BY_CODE, event_type
from timeline.core.filters import (
    DEFAULT_DATASETS,
    FILTER_NAMES,
    MAX_TEXT,
    EventFilter,
    parse_filter,
)
from timeline.core.wording import counted
from timeline.files.formats import events_as_text
from timeline.store import LINGER_S, Store
from timeline.views import charts, exports, tables, url_state, viewport
from timeline.views.anniversaries import anniversaries
from timeline.views.background import Pending
from timeline.views.facets import country_facet_narrows, narrowed, relaxations
from timeline.views.relations import DEFAULT_PAIRS, pair_counts, pair_label, yearly_relations

VIEW_LABELS = {"timeline": "Timeline", "table": "Table", "relations": "Relations",
               "anniversaries": "Anniversaries"}
FIRST_DAY, LAST_DAY = dt.date(MIN_YEAR, 1, 1), dt.date(MAX_YEAR, 12, 31)
MATCH_LABELS = {"any": "Involving any of them", "all": "Between all of them"}
DATE_FIELDS = {"from": "From", "to": "To"}  # by filter name: the sidebar's date fields
# Sidebar widget keys and their empty values: what "Clear filters" restores.
FILTER_WIDGETS = {"f_country": [], "f_match": "any", "f_from": "", "f_to": "",
                  "f_type": [], "f_q": "", "f_dataset": list(DEFAULT_DATASETS)}
# Plotly's own hints ("Double-click on legend…") are in English and not needed here.
PLOTLY_CONFIG = {"displaylogo": False, "showTips": False}
CHART = "timeline"  # the timeline component's key: its reported view is kept under it
# A window narrower than this is a phone's (Streamlit stacks columns below it): the details
# then open in a dialog rather than under the chart.
PHONE_SCREEN_PX = 640
FACET_TITLES = {"country": "Countries", "type": "Types", "decade": "Decades"}
# Views that draw every matching event stop here and ask for a narrower filter; the table
# shows its first rows, and downloads stop at DOWNLOAD_LIMIT (the CLI exports any number).
EVENT_LIMIT = 20_000
TABLE_ROWS = 1_000
TABLE_ROWS_SHOWN = 12  # rows in view before the table scrolls, should the CSS below not apply
TABLE_ROW_PX = 66  # over 64 px, Streamlit wraps text: three lines for long titles and lists
# Streamlit sizes a table in pixels; the window's height reaches it by CSS only: the table
# ends at the window's bottom (TABLE_TOP_PX: the title, filter, count and tabs above it), so
# a taller window shows more rows; never fewer than four, never more than it has.
TABLE_TOP_PX = 360
TABLE_HEADER_PX = 35
DOWNLOAD_LIMIT = 100_000
DOWNLOADS = (("csv", "CSV", "text/csv", "events.csv"),
             ("jsonl", "JSON Lines", "application/x-ndjson", "events.jsonl"),
             ("json", "JSON", "application/json", "events.json"),
             ("timelinejs", "TimelineJS JSON", "application/json", "timeline.json"),
             ("ics", "iCalendar", "text/calendar", "events.ics"),
             ("html", "offline page", "text/html", "timeline.html"))


def main() -> None:
    names = dataset_names()
    if "url" not in st.session_state:
        _load_url(names)
    event_filter = _sidebar(names)
    label = st.session_state.get("view", VIEW_LABELS[st.session_state.url.view])
    view = next(view for view, text in VIEW_LABELS.items() if text == label)
    _write_url(event_filter, view, st.session_state.get("selected_event"))

    st.title("Diplomatic timeline", anchor=False)
    if event_filter == st.session_state.url.filter:
        for notice in st.session_state.url.notices:
            st.warning(notice, icon=":material/link_off:")
    try:
        database = explore_store()
    except Exception as error:  # a broken or newer database: say so, never a traceback
        st.error(f"The events database could not be opened: {error}", icon=":material/error:")
        return
    with database:
        try:
            total = database.count(event_filter)
        except Pending as pending:
            st.markdown(f"#### {escape(event_filter.describe())}")
            waiting(pending, "how many events match")
            return
        except Exception as error:
            st.error(f"The events could not be read: {error}", icon=":material/error:")
            return
        _results(database, event_filter, total)
        if total:
            _guarded_facets(database, event_filter)


def _results(database: Store, event_filter: EventFilter, total: int) -> None:
    """The filter in words, its event count, and the views (or the ways out of nothing)."""
    st.markdown(f"#### {escape(event_filter.describe())}")
    st.caption(counted(total, "event"))
    if total == 0:
        _no_results(database, event_filter)
        return
    tabs = st.tabs(list(VIEW_LABELS.values()), key="view", on_change="rerun",
                   default=VIEW_LABELS[st.session_state.url.view])
    for tab, show in zip(tabs, (_timeline, _table, _relations, _anniversaries), strict=True):
        if tab.open:
            with tab:
                _guarded(show, database, event_filter, total)


def _no_results(database: Store, event_filter: EventFilter) -> None:
    """Say which part of the filter to drop, and how many events each choice gives."""
    try:
        ways = [(label, database.count(wider), wider)
                for label, wider in relaxations(event_filter)]
    except Pending as pending:
        waiting(pending, "which wider filters have events")
        return
    ways = sorted((way for way in ways if way[1]), key=lambda way: -way[1])
    if not ways:
        st.info("No events match this filter, nor any filter one change away from it. "
                "Clear the filters to start again.", icon=":material/search_off:")
    else:
        st.info("No events match this filter. Drop one part of it:",
                icon=":material/search_off:")
        with st.container(horizontal=True, key="ways_out"):
            for number, (label, count, wider) in enumerate(ways):
                st.button(f"{label[0].upper()}{label[1:]}: {counted(count, 'event')}",
                          key=f"way_out_{number}", on_click=_apply_filter, args=(wider,))
    st.button("Clear filters", on_click=_clear_filters, key="clear_empty")


def _guarded_facets(database: Store, event_filter: EventFilter) -> None:
    try:
        counts = database.facets(event_filter)
    except Pending as pending:
        with st.sidebar:
            waiting(pending, "the facets")
        return
    except Exception as error:
        st.sidebar.error(f"The facets could not be counted: {error}", icon=":material/error:")
        return
    _facets(counts, event_filter)


def _facets(counts: dict[str, pd.DataFrame], event_filter: EventFilter) -> None:
    """Counts per country, type and decade of the matching events; a click narrows to one."""
    labels = {"country": country_name, "type": lambda code: event_type(code).label,
              "decade": lambda decade: f"{decade}s"}
    with st.sidebar:
        st.subheader("Narrow to", anchor=False,
                     help="How the events shown split up: pick one to narrow the filter.")
        for facet, frame in counts.items():
            if facet == "country":
                if not country_facet_narrows(event_filter):
                    st.caption("Countries: pick “Between all of them” to narrow by country.")
                    continue
                frame = frame[~frame["value"].isin(event_filter.countries)]
            if len(frame) < (1 if facet == "country" else 2):
                continue  # one type or decade only: picking it would change nothing
            texts = {value: f"{labels[facet](value)} · {events:,}"
                     for value, events in zip(frame["value"], frame["events"], strict=True)}
            st.pills(FACET_TITLES[facet], list(texts), format_func=texts.get,
                     key=f"facet_{facet}", on_change=_narrow, args=(facet, event_filter))


def _narrow(facet: str, event_filter: EventFilter) -> None:
    value = st.session_state.get(f"facet_{facet}")
    st.session_state[f"facet_{facet}"] = None
    if value is not None:
        _apply_filter(narrowed(event_filter, facet, value))


def _load_url(datasets: list[str]) -> None:
    """Read the URL into the sidebar widgets (once per session) and keep what it asked for;
    ``datasets`` are the names it may choose from."""
    params = {name: st.query_params.get_all(name) for name in st.query_params}
    state = url_state.parse_params(params, datasets)
    _apply_filter(state.filter)
    st.session_state.update({"url": state, "selected_event": state.event})


def _apply_filter(event_filter: EventFilter) -> None:
    """Set the sidebar's widgets to show this filter."""
    f = event_filter
    st.session_state.update({
        "f_country": list(f.countries), "f_match": f.match,
        "f_from": url_state.bound_text(f.start, end=False) if f.start else "",
        "f_to": url_state.bound_text(f.end, end=True) if f.end else "",
        "f_type": list(f.types), "f_q": f.text,
        "f_dataset": list(f.datasets or DEFAULT_DATASETS)})


def dataset_names() -> list[str]:
    """The datasets stored (curated first); just the curated one if the database fails."""
    try:
        with page_store() as database:
            return list(database.datasets()["name"])
    except Exception:  # the views report the failure; the URL is still read
        return list(DEFAULT_DATASETS)


def _write_url(event_filter: EventFilter, view: str, event: str | None) -> None:
    params = url_state.to_params(event_filter, view, event)
    if params != {name: st.query_params.get_all(name) for name in st.query_params}:
        st.query_params.from_dict(params)


def _sidebar(names: list[str]) -> EventFilter:
    """The filter widgets, ``names`` the datasets to choose from; returns the filter they
    describe (read as a link's would be)."""
    with st.sidebar:
        st.header("Filter", anchor=False)
        # Enter picks the best match only, never "Select all N matches".
        st.multiselect("Countries", all_countries(), key="f_country", format_func=country_name,
                       placeholder="All countries", select_all=False)
        st.radio("Match", list(MATCH_LABELS), key="f_match", format_func=MATCH_LABELS.get,
                 help="“Between all of them” shows the relationship: events that involve "
                      "every chosen country.")
        for name, label in DATE_FIELDS.items():
            st.text_input(label, key=f"f_{name}", placeholder="1949, 1949-10 or 6 October 1949",
                          help="A year, a month or a day, in figures or words. Press Enter "
                               "to apply.")
        st.multiselect("Event types", list(EVENT_TYPES_BY_CODE), key="f_type",
                       format_func=lambda code: event_type(code).label,
                       placeholder="All types", select_all=False)
        st.text_input("Search", key="f_q", max_chars=MAX_TEXT,
                      placeholder="Words in titles, summaries, quotes")
        st.multiselect("Datasets", names, key="f_dataset", disabled=len(names) < 2,
                       help="The curated events, and each file imported (on the Import page "
                            "or from the command line). They are shown separately unless you "
                            "pick several.")
        st.button("Clear filters", on_click=_clear_filters, icon=":material/filter_alt_off:",
                  width="stretch")
        event_filter, problems = parse_filter(
            {name: st.session_state.get(f"f_{name}") for name in FILTER_NAMES}, datasets=names)
        for problem in problems:
            label = DATE_FIELDS.get(problem.name, problem.name)
            st.warning(f"{label} “{problem.value}” is left out of the filter: {problem.reason}.")
    return event_filter


def _clear_filters() -> None:
    st.session_state.update(FILTER_WIDGETS)


def _guarded(show: Callable[[Store, EventFilter, int], None], database: Store,
             event_filter: EventFilter, total: int) -> None:
    """Run one view; a failure shows as a readable error in that view, never a traceback."""
    try:
        with st.spinner("Loading events…"):
            show(database, event_filter, total)
    except Pending as pending:
        waiting(pending, "this view")
    except Exception as error:
        st.error(f"This view could not be drawn: {error}", icon=":material/error:")


def _select_clicked() -> None:
    st.session_state.selected_event = selected_id(CHART)


def _close_details() -> None:
    st.session_state.selected_event = None


def _timeline(database: Store, event_filter: EventFilter, total: int) -> None:
    """The chart (single events, or counts when there are too many in view) and, beside it,
    the details of the selected event; on a phone, the details open over the chart (the
    layout stays the same, so the chart is not drawn anew)."""
    view_id = viewport.view_id(event_filter)
    view = viewport.read_view(reported_view(CHART), view_id)
    selected = st.session_state.get("selected_event")
    phone = view is not None and 0 < view.screen < PHONE_SCREEN_PX
    chart, details = st.columns([7, 3], gap="medium")
    with chart:
        drawn = _events_in_view(database, event_filter, total, view)
        if drawn is None:
            _density(database, event_filter, view, view_id)
        else:
            events, lanes = drawn
            _events_chart(events, lanes, event_filter, view, view_id)
    if phone:
        if selected:
            _details_dialog(selected)
        return
    with details, st.container(key="details"):
        _details(database, selected)


@st.dialog("Event", width="large", on_dismiss=_close_details)
def _details_dialog(event_id: str) -> None:
    with explore_store() as database, st.container(key="details"):
        _details(database, event_id, closable=False)


def _events_in_view(database: Store, event_filter: EventFilter, total: int,
                    view: viewport.View | None) -> tuple[pd.DataFrame, list[str] | None] | None:
    """The events to draw one by one, and their lanes (None: the most frequent countries);
    None when there are too many in view and the chart counts them instead."""
    if total <= charts.DENSITY_THRESHOLD:
        return database.query(event_filter), list(event_filter.countries) or None
    if view is None:
        return None
    # The view and as much again either side if that is few enough, else the view alone.
    near = next((near for near in (viewport.around(view, event_filter, margin)
                                   for margin in (1.0, 0.0))
                 if database.count(near) <= charts.DENSITY_THRESHOLD), None)
    if near is None:
        return None
    # The lanes of the whole filter, so zooming in does not reshuffle them.
    span = database.overview(event_filter, lanes=event_filter.countries or None,
                             lane_limit=charts.MAX_LANES, period="decade", page_size=1)
    return database.query(near), span.lanes


def _events_chart(events: pd.DataFrame, lanes: list[str] | None, event_filter: EventFilter,
                  view: viewport.View | None, view_id: str) -> None:
    selected = st.session_state.get("selected_event")
    width = view.width if view else charts.PLOT_WIDTH
    drawn = _drawn_events(events, lanes, (event_filter.start, event_filter.end),
                          view.range if view else None, width, selected)
    st.caption("Drag to pan; scroll, pinch or use the buttons to zoom. Click an event or a "
               "card for its sources.")
    timeline_chart(drawn["figure"], key=CHART, view_id=view_id, mode="events",
                   buttons=drawn["buttons"], legend=drawn["legend"], cards=drawn["cards"],
                   selected=selected, assumed_width=width,
                   answered=view.seq if view else None, on_select=_select_clicked)


def _frame_bytes(frame: pd.DataFrame) -> bytes:
    """Every value of the events, for the cache key (Streamlit's own hashing of a frame
    with lists in it falls back to the same, with a warning each time)."""
    return pickle.dumps(frame, protocol=pickle.HIGHEST_PROTOCOL)


# An entry is at most about 2.5 MB (3,000 events, the most drawn one by one): 80 MB at most.
@st.cache_data(max_entries=32, show_spinner=False, hash_funcs={pd.DataFrame: _frame_bytes})
def _drawn_events(events: pd.DataFrame, lanes: list[str] | None,
                  window: tuple[dt.date | None, dt.date | None],
                  visible: tuple[pd.Timestamp, pd.Timestamp] | None, width: int,
                  selected: str | None) -> dict[str, Any]:
    """What the timeline component draws for these events: the figure's JSON, the range
    buttons, the legend and the cards. Kept for every session (readers opening the same
    view share it) and keyed by the events' values, so an edit is never shown stale."""
    return {"figure": charts.event_timeline_json(events, lanes=lanes, window=window,
                                                 visible=visible, width=width,
                                                 selected=selected, legend=False),
            "buttons": charts.range_buttons(events["first_day"].min(),
                                            events["last_day"].max() + pd.Timedelta(days=1)),
            "legend": charts.timeline_legend(events), "cards": charts.event_cards(events)}


def _density(database: Store, event_filter: EventFilter, view: viewport.View | None,
             view_id: str) -> None:
    span = database.overview(event_filter, lanes=event_filter.countries or None,
                             lane_limit=charts.MAX_LANES, period="decade", page_size=1)
    decades = span.counts["period"]
    if decades.empty:
        st.info("None of these events names a country, so there is no lane to draw.",
                icon=":material/timeline:")
        return
    first = pd.Timestamp(event_filter.start or decades.min().date())
    last = pd.Timestamp(event_filter.end or dt.date(min(decades.max().year + 9, MAX_YEAR),
                                                    12, 31))
    shown = view.range if view else (first, last)
    period = charts.choose_period(shown[0].date(), shown[1].date())
    counted = viewport.around(view, event_filter) if view else event_filter
    overview = database.overview(counted, lanes=span.lanes, period=period, page_size=1)
    figure = charts.density_timeline(overview.counts, lanes=overview.lanes, period=period,
                                     window=(event_filter.start, event_filter.end),
                                     visible=view.range if view else None)
    load_plotly("cartesian")  # the heatmap's plotly.js (the page sends the basic one)
    st.caption(f"Too many events to draw one by one: each cell counts the events of one "
               f"{period}. Zoom in (scroll, pinch or use the buttons) until "
               f"{charts.DENSITY_THRESHOLD:,} or fewer are in view to see single events, or "
               f"narrow the filter.")
    timeline_chart(figure.to_json(), key=CHART, view_id=view_id, mode="density",
                   buttons=charts.range_buttons(first, last),
                   legend={"note": f"Colour: events per {period} in each country's lane."},
                   cards=[], selected=None,
                   assumed_width=view.width if view else charts.PLOT_WIDTH,
                   answered=view.seq if view else None, on_select=_select_clicked)


def _details(database: Store, event_id: str | None, *, closable: bool = True) -> None:
    """The selected event: title, date, type, countries, summary and every source (and a
    button that closes them, unless they are in a dialog, which has its own)."""
    try:
        event = database.get(event_id) if event_id else None
    except Pending as pending:
        waiting(pending, "the event's details")
        return
    if event is None:
        if event_id:
            st.warning(f"There is no event “{escape(event_id)}” (it may have been deleted).",
                       icon=":material/link_off:")
        st.info("Click an event on the timeline, or a card below it, to read its summary "
                "and sources here.", icon=":material/touch_app:")
        return
    with st.container(border=True):
        st.subheader(escape(event.title), anchor=False)
        when = when_written(event.date, event.end_date)
        st.markdown(f"**{when}** (known to the {event.date.precision.value}) · "
                    f"{event_type(event.type).label} · "
                    f"{escape(', '.join(map(country_name, event.countries)) or 'no country')}")
        if event.summary:
            st.markdown(escape(event.summary))
        st.markdown("**Sources**")
        for source in event.sources:
            name = escape(source_name(source))
            line = f"[{name}](<{source.url}>)" if source.url else name
            if source.published:
                line += f", {source.published.day} {source.published:%B %Y}"
            st.markdown(f"- {line}" + (f"\n\n  > {escape(source.quote)}" if source.quote
                                         else ""))
        with st.container(horizontal=True):
            st.page_link("app_pages/curate.py", label="Edit this event",
                         icon=":material/edit:", query_params={"event": event.id})
            if closable:
                st.button("Close", key="close_details", icon=":material/close:",
                          on_click=_close_details)


def _table(database: Store, event_filter: EventFilter, total: int) -> None:
    events = database.query(event_filter, limit=TABLE_ROWS)
    if total > TABLE_ROWS:
        st.caption(f"The first {TABLE_ROWS:,} of {total:,} events, by date.")
    table = tables.events_table(events)
    st.html(_filling_the_window(len(table)))
    with st.container(key="events_table"):
        st.dataframe(table, hide_index=True, width="stretch", row_height=TABLE_ROW_PX,
                     height=(min(len(table), TABLE_ROWS_SHOWN) + 1) * TABLE_ROW_PX + 3,
                     alt="The filtered events, one a row",
                     # Widths add up to less than the main column at 1440 px beside the sidebar
                     # (978 px inside the frame), so no column is out of sight.
                     column_config={
                         "Date": st.column_config.DateColumn(
                             format="YYYY-MM-DD", width=90,
                             help="The first day the event could fall on: sort by this"),
                         "When": st.column_config.TextColumn(
                             width=110, help="The date as known: a day, a month or a year"),
                         "Event": st.column_config.TextColumn(width=320),
                         "Countries": st.column_config.TextColumn(width=165),
                         "Type": st.column_config.TextColumn(width=110),
                         "Source": st.column_config.TextColumn(width=110),
                         "Link": st.column_config.LinkColumn(width=50, display_text="Open"),
                     })
    if total > DOWNLOAD_LIMIT:
        st.info(f"Downloads stop at {DOWNLOAD_LIMIT:,} events: narrow the filter, or export "
                f"any number with `timeline export` on the command line.",
                icon=":material/download_for_offline:")
        return
    with st.container(horizontal=True):
        for fmt, label, mime, name in DOWNLOADS:
            st.download_button(
                f"Download {label}", key=f"download_{fmt}", on_click="ignore",
                data=lambda fmt=fmt: _download(event_filter, fmt),
                file_name=name, mime=mime, icon=":material/download:")
    st.caption(f"Downloads hold exactly these {total:,} events. CSV opens in spreadsheets: "
               "one value a cell, country names beside codes, the first source's publisher "
               "and address in their own columns. JSON Lines and JSON keep every field and "
               "read back on the Import page; TimelineJS JSON publishes with TimelineJS, "
               "iCalendar goes into calendars, and the page works offline.")


def _filling_the_window(rows: int) -> str:
    """CSS that sizes the table (its element and its frame) to end at the window's bottom."""
    content = TABLE_HEADER_PX + rows * TABLE_ROW_PX + 2
    height = (f"min({content}px, max({min(content, 4 * TABLE_ROW_PX)}px, "
              f"calc(100dvh - {TABLE_TOP_PX}px)))")
    return ("<style>.st-key-events_table [data-testid='stDataFrame'], "
            ".st-key-events_table [data-testid='stDataFrameResizable'] "
            f"{{height: {height} !important}}</style>")


def _download(event_filter: EventFilter, fmt: str) -> str:
    """The filtered events as a file's text; runs on click, after the script run."""
    with page_store() as database:
        if fmt in exports.DOCUMENT_FORMATS:
            return exports.document(database, event_filter, fmt)[0]
        if fmt == "csv":
            return tables.spreadsheet_csv(database.query(event_filter))
        return events_as_text(database.events(event_filter), fmt)


def _relations(database: Store, event_filter: EventFilter, total: int) -> None:
    if _too_many(total, "relations"):
        return
    events = database.query(event_filter)
    counts = pair_counts(events)
    options = list(DEFAULT_PAIRS) + [
        (a, b) for a, b in zip(counts["a"], counts["b"], strict=True)
        if {a, b} not in [set(pair) for pair in DEFAULT_PAIRS]]
    pairs = st.multiselect("Country pairs", options, default=list(DEFAULT_PAIRS),
                           format_func=pair_label, key="pairs")
    yearly = yearly_relations(events, pairs)
    if yearly.empty:
        st.info("None of these pairs shares an event in this filter. Pick other pairs, or "
                "widen the filter.", icon=":material/search_off:")
    else:
        st.caption("Events per year for each pair: cooperative events (talks, treaties, "
                   "visits, aid) above the line, conflictual ones (protests, threats, "
                   "sanctions, attacks) below.")
        st.plotly_chart(charts.relations_chart(yearly), key="relations",
                        config=PLOTLY_CONFIG)
    st.markdown("##### Who deals with whom")
    if counts.empty:
        st.info("No event in this filter involves two countries.")
        return
    st.caption(charts.pair_network_caption())
    st.plotly_chart(charts.pair_network(counts), key="network", config=PLOTLY_CONFIG)


def _anniversaries(database: Store, event_filter: EventFilter, total: int) -> None:
    today = dt.date.today()
    window = st.date_input("Anniversaries falling between", key="anniversary_window",
                           value=(today, today + dt.timedelta(days=365)),
                           min_value=FIRST_DAY, max_value=LAST_DAY, format="YYYY-MM-DD")
    if len(window) != 2:
        st.info("Pick the last day of the window too.", icon=":material/date_range:")
        return
    if _too_many(total, "anniversaries"):
        return
    found = anniversaries(database.query(event_filter), *window)
    if not found:
        st.info("No round anniversary (10, 20, 25, 30 … 100 years) of these events falls in "
                "this window. Try a longer window.", icon=":material/event_busy:")
        return
    st.caption(f"{counted(len(found), 'round anniversary')} of the filtered events.")
    st.markdown("\n".join(
        f"- **{a.date.human()}**: {a.years} years since {escape(a.what)} "
        f"({a.event_date.human()})" for a in found))


def _too_many(total: int, view: str) -> bool:
    """True (after saying so) when a view would have to load more events than it can."""
    if total <= EVENT_LIMIT:
        return False
    st.info(f"The {view} view reads every matching event: narrow the filter to "
            f"{EVENT_LIMIT:,} events or fewer (now {total:,}).", icon=":material/filter_alt:")
    return True


@contextmanager
def _kept_open() -> Iterator[None]:
    """The database kept open for the block and a few seconds after: the run's questions
    (5 to 8) share one opening of the file instead of opening it each (20 ms each, a fifth
    of a rerun; see ``Store.reading``). A database that cannot be opened is left for the page
    to report."""
    with ExitStack() as stack:
        with suppress(Exception):  # main() says why it cannot be read
            stack.enter_context(page_store().reading(linger=LINGER_S))
        yield


load_plotly()  # first on the page, before any question: evaluating it is most of a first load
with _kept_open():
    main()
