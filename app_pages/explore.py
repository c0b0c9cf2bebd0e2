"""The explorer page: filters in the sidebar, then the timeline, table, relations and
anniversaries of the matching events.

UI glue only: widgets → :mod:`timeline` calls → ``st.*``. The filter lives in the URL
(:mod:`timeline.url_state`): the first run of a session reads it into the sidebar widgets, and
every run writes the current filter and view back, so the address bar can always be shared.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable

import streamlit as st

from app_pages.shared import escape, store
from timeline import charts, exports, url_state
from timeline.anniversaries import anniversaries
from timeline.countries import all_countries, country_name
from timeline.dates import MAX_YEAR, MIN_YEAR
from timeline.event_types import EVENT_TYPES_BY_CODE, event_type
from timeline.filters import EventFilter
from timeline.formats import events_as_text
from timeline.relations import DEFAULT_PAIRS, pair_counts, pair_label, yearly_relations
from timeline.store import Store

VIEW_LABELS = {"timeline": "Timeline", "table": "Table", "relations": "Relations",
               "anniversaries": "Anniversaries"}
FIRST_DAY, LAST_DAY = dt.date(MIN_YEAR, 1, 1), dt.date(MAX_YEAR, 12, 31)
MATCH_LABELS = {"any": "Involving any of them", "all": "Between all of them"}
# Sidebar widget keys and their empty values: what "Clear filters" restores.
FILTER_WIDGETS = {"f_country": [], "f_match": "any", "f_from": None, "f_to": None,
                  "f_type": [], "f_q": "", "f_dataset": list(url_state.DEFAULT_DATASETS)}
# Views that draw every matching event stop here and ask for a narrower filter; the table
# shows its first rows, and downloads stop at DOWNLOAD_LIMIT (the CLI exports any number).
EVENT_LIMIT = 20_000
TABLE_ROWS = 1_000
DOWNLOAD_LIMIT = 100_000
DOWNLOADS = (("csv", "CSV", "text/csv", "events.csv"),
             ("jsonl", "JSON Lines", "application/x-ndjson", "events.jsonl"),
             ("json", "JSON", "application/json", "events.json"),
             ("timelinejs", "TimelineJS JSON", "application/json", "timeline.json"),
             ("ics", "iCalendar", "text/calendar", "events.ics"),
             ("html", "offline page", "text/html", "timeline.html"))


def main() -> None:
    if "url" not in st.session_state:
        _load_url()
    event_filter = _sidebar()
    label = st.session_state.get("view", VIEW_LABELS[st.session_state.url.view])
    _write_url(event_filter, next(view for view, text in VIEW_LABELS.items() if text == label))

    st.title("Diplomatic timeline", anchor=False)
    if event_filter == st.session_state.url.filter:
        for notice in st.session_state.url.notices:
            st.warning(notice, icon=":material/link_off:")
    try:
        database = store()
    except Exception as error:  # a broken or newer database: say so, never a traceback
        st.error(f"The events database could not be opened: {error}", icon=":material/error:")
        return
    with database:
        try:
            total = database.count(event_filter)
        except Exception as error:
            st.error(f"The events could not be read: {error}", icon=":material/error:")
            return
        _results(database, event_filter, total)


def _results(database: Store, event_filter: EventFilter, total: int) -> None:
    """The filter in words, its event count, and the views (or an empty state)."""
    st.markdown(f"#### {escape(event_filter.describe())}")
    st.caption(f"{total:,} event{'s' * (total != 1)}")
    if total == 0:
        st.info("No events match this filter. Widen the dates, choose fewer event types, "
                "switch to “Involving any of them”, or clear the filters.",
                icon=":material/search_off:")
        st.button("Clear filters", on_click=_clear_filters, key="clear_empty")
        return
    tabs = st.tabs(list(VIEW_LABELS.values()), key="view", on_change="rerun",
                   default=VIEW_LABELS[st.session_state.url.view])
    for tab, show in zip(tabs, (_timeline, _table, _relations, _anniversaries), strict=True):
        if tab.open:
            with tab:
                _guarded(show, database, event_filter, total)


def _load_url() -> None:
    """Read the URL into the sidebar widgets (once per session) and keep what it asked for."""
    params = {name: st.query_params.get_all(name) for name in st.query_params}
    state = url_state.parse_params(params, dataset_names())
    f = state.filter
    st.session_state.update({"f_country": list(f.countries), "f_match": f.match,
                             "f_from": f.start, "f_to": f.end, "f_type": list(f.types),
                             "f_q": f.text, "f_dataset": list(f.datasets), "url": state})


def dataset_names() -> list[str]:
    """The datasets stored (curated first); just the curated one if the database fails."""
    try:
        with store() as database:
            return list(database.datasets()["name"])
    except Exception:  # the views report the failure; the URL is still read
        return list(url_state.DEFAULT_DATASETS)


def _write_url(event_filter: EventFilter, view: str) -> None:
    params = url_state.to_params(event_filter, view)
    if params != {name: st.query_params.get_all(name) for name in st.query_params}:
        st.query_params.from_dict(params)


def _sidebar() -> EventFilter:
    """The filter widgets; returns the filter they describe."""
    with st.sidebar:
        st.header("Filter", anchor=False)
        countries = st.multiselect("Countries", all_countries(), key="f_country",
                                   format_func=country_name, placeholder="All countries")
        match = st.radio("Match", list(MATCH_LABELS), key="f_match",
                         format_func=MATCH_LABELS.get,
                         help="“Between all of them” shows the relationship: events that "
                              "involve every chosen country.")
        start = st.date_input("From", value=None, min_value=FIRST_DAY, max_value=LAST_DAY,
                              key="f_from", format="YYYY-MM-DD")
        end = st.date_input("To", value=None, min_value=FIRST_DAY, max_value=LAST_DAY,
                            key="f_to", format="YYYY-MM-DD")
        types = st.multiselect("Event types", list(EVENT_TYPES_BY_CODE), key="f_type",
                               format_func=lambda code: event_type(code).label,
                               placeholder="All types")
        text = st.text_input("Search", key="f_q", max_chars=url_state.MAX_TEXT,
                             placeholder="Words in titles, summaries, quotes")
        names = dataset_names()
        datasets = st.multiselect(
            "Datasets", names, key="f_dataset", disabled=len(names) < 2,
            help="The curated events, and each file imported with `timeline import`. They are "
                 "shown separately unless you pick several.") or list(url_state.DEFAULT_DATASETS)
        st.button("Clear filters", on_click=_clear_filters, icon=":material/filter_alt_off:",
                  width="stretch")
        if start and end and start > end:
            st.warning("“From” is after “To”: the dates are left out of the filter.")
            start = end = None
    return EventFilter(countries=tuple(countries), match=match, start=start, end=end,
                       types=tuple(types), text=text.strip(), datasets=tuple(datasets))


def _clear_filters() -> None:
    st.session_state.update(FILTER_WIDGETS)


def _guarded(show: Callable[[Store, EventFilter, int], None], database: Store,
             event_filter: EventFilter, total: int) -> None:
    """Run one view; a failure shows as a readable error in that view, never a traceback."""
    try:
        with st.spinner("Loading events…"):
            show(database, event_filter, total)
    except Exception as error:
        st.error(f"This view could not be drawn: {error}", icon=":material/error:")


def _timeline(database: Store, event_filter: EventFilter, total: int) -> None:
    window = (event_filter.start, event_filter.end)
    if total > charts.DENSITY_THRESHOLD:
        _density(database, event_filter, total, window)
        return
    events = database.query(event_filter)
    figure = charts.event_timeline(events, lanes=event_filter.countries or None, window=window)
    st.caption("Filled circle: the day is known · hollow circle over a hatched band: only the "
               "month or year is known · bar: from start to end. Click an event for its "
               "sources; drag to pan, use the slider below to move through time.")
    selection = st.plotly_chart(figure, key="timeline", on_select="rerun",
                                selection_mode="points", config={"displaylogo": False})
    event_id = charts.selected_event_id(selection)
    event = database.get(event_id) if event_id else None
    if event is None:
        st.info("Click an event on the timeline to see its summary and sources.",
                icon=":material/touch_app:")
        return
    with st.container(border=True, key="details"):
        st.subheader(escape(event.title), anchor=False)
        when = event.date.human() + (f" – {event.end_date.human()}" if event.end_date else "")
        st.markdown(f"**{when}** (known to the {event.date.precision.value}) · "
                    f"{event_type(event.type).label} · "
                    f"{escape(', '.join(map(country_name, event.countries)) or 'no country')}")
        if event.summary:
            st.markdown(escape(event.summary))
        st.markdown("**Sources**")
        for source in event.sources:
            name = escape(charts.source_name(source.model_dump()))
            line = f"[{name}](<{source.url}>)" if source.url else name
            if source.published:
                line += f", {source.published.day} {source.published:%B %Y}"
            st.markdown(f"- {line}" + (f"\n\n  > {escape(source.quote)}" if source.quote
                                         else ""))
        st.page_link("app_pages/curate.py", label="Edit this event", icon=":material/edit:",
                     query_params={"event": event.id})


def _density(database: Store, event_filter: EventFilter, total: int,
              window: tuple[dt.date | None, dt.date | None] | None) -> None:
    span = database.overview(event_filter, lanes=event_filter.countries or None,
                             lane_limit=charts.MAX_LANES, period="decade", page_size=1)
    decades = span.counts["period"]
    if decades.empty:
        st.info("None of these events names a country, so there is no lane to draw.",
                icon=":material/timeline:")
        return
    first = event_filter.start or decades.min().date()
    last = event_filter.end or dt.date(min(decades.max().year + 9, MAX_YEAR), 12, 31)
    period = charts.choose_period(first, last)
    overview = database.overview(event_filter, lanes=span.lanes, period=period, page_size=1)
    st.caption(f"{total:,} events are too many to draw one by one: each cell counts the "
               f"events of one {period}. Narrow the filter to {charts.DENSITY_THRESHOLD:,} "
               f"events or fewer to see single events.")
    st.plotly_chart(charts.density_timeline(overview.counts, lanes=overview.lanes,
                                            period=period, window=window),
                    key="density", config={"displaylogo": False})


def _table(database: Store, event_filter: EventFilter, total: int) -> None:
    events = database.query(event_filter, limit=TABLE_ROWS)
    if total > TABLE_ROWS:
        st.caption(f"The first {TABLE_ROWS:,} of {total:,} events, by date.")
    st.dataframe(charts.events_table(events), hide_index=True, width="stretch",
                 column_config={
                     "When": st.column_config.TextColumn(width="medium"),
                     "Event": st.column_config.TextColumn(width="large"),
                     "Countries": st.column_config.TextColumn(width="medium"),
                     "Source": st.column_config.LinkColumn(
                         display_text=r"https?://(?:www\.)?([^/]+)"),
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
                data=lambda fmt=fmt: _download(event_filter, fmt, total),
                file_name=name, mime=mime, icon=":material/download:")
    st.caption(f"Downloads hold exactly these {total:,} events: CSV, JSON Lines and JSON in "
               "the format `timeline import` reads back, TimelineJS JSON to publish with "
               "TimelineJS, iCalendar for calendars, and a page that works offline.")


def _download(event_filter: EventFilter, fmt: str, total: int) -> str:
    """The filtered events as a file's text; runs on click, after the script run."""
    title = event_filter.describe()
    with store() as database:
        events = database.events(event_filter)
        if fmt == "timelinejs":
            return json.dumps(exports.timelinejs(events, title=title), ensure_ascii=False)
        if fmt == "ics":
            return exports.icalendar_text(events, name=title)
        if fmt == "html":  # the timeline of single events; above the threshold the table only
            figure = (charts.event_timeline(database.query(event_filter),
                                            lanes=event_filter.countries or None,
                                            window=(event_filter.start, event_filter.end))
                      if total <= charts.DENSITY_THRESHOLD else None)
            return exports.standalone_html(events, figure, title=title)
        return events_as_text(events, fmt)


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
        st.caption("Events per year for each pair: cooperative events (by their type's quad "
                   "class) above the line, conflictual ones below.")
        st.plotly_chart(charts.relations_chart(yearly), key="relations",
                        config={"displaylogo": False})
    st.markdown("##### Who deals with whom")
    if counts.empty:
        st.info("No event in this filter involves two countries.")
        return
    st.caption("Each line joins two countries that share events in this filter: the wider, "
               "the more events; green when cooperative, red when conflictual.")
    st.plotly_chart(charts.pair_network(counts), key="network", config={"displaylogo": False})


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
    st.caption(f"{len(found)} round anniversar{'y' if len(found) == 1 else 'ies'} of the "
               "filtered events.")
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


main()
