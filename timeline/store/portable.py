"""Filters as engine-neutral expressions (Ibis), for every engine but the tuned DuckDB path.

The same :class:`~timeline.core.filters.EventFilter` that :mod:`timeline.store.query` turns into
DuckDB's SQL becomes here an Ibis expression over the store's tables, which Ibis compiles to
the SQL of the engine at hand (``ibis.to_sql(expr, dialect="postgres")``; "pyspark",
"bigquery", "trino" … as well). Nothing here connects to anything: an engine compiles the
expressions and runs the SQL on its own connection, inside its own transaction.

The expressions follow the DuckDB path's rules exactly (the parity suite in
``tests/store/test_engines.py`` holds them to it): an event matches a date range when any day
it could fall on lies in it; "all" of several countries means each is among the event's;
lanes are counted per country and period from ``event_countries``, whole months from
``country_months``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import ibis
import ibis.expr.types as ir

from timeline.core.filters import EventFilter

from .query import PERIODS, whole_months
from .rows import normalized

EVENTS = ibis.table({
    "key": "int64", "id": "string", "dataset": "string", "first_day": "date",
    "precision": "string", "end_day": "date", "end_precision": "string", "last_day": "date",
    "title": "string", "summary": "string", "actor": "string", "target": "string",
    "type": "string", "tags": "array<string>", "cameo": "string", "goldstein": "float64",
    "weight": "int32", "search_text": "string", "version": "int32",
    "countries": "array<string>", "batch": "int64"}, name="events")
EVENT_COUNTRIES = ibis.table({
    "key": "int64", "country": "string", "position": "int16", "dataset": "string",
    "first_day": "date", "last_day": "date", "type": "string", "members": "string",
    "earlier": "string"}, name="event_countries")
SOURCES = ibis.table({
    "key": "int64", "position": "int16", "publisher": "string", "url": "string",
    "published": "date", "quote": "string"}, name="sources")
COUNTRY_MONTHS = ibis.table({
    "dataset": "string", "country": "string", "type": "string", "month": "date",
    "events": "int64"}, name="country_months")
# The columns of a page of events, before sources are added (Store.query's, less the dates
# as written, which are made from these).
PAGE_COLUMNS = ("key", "id", "dataset", "first_day", "last_day", "precision", "end_day",
                "end_precision", "title", "summary", "actor", "target", "type", "tags",
                "cameo", "goldstein", "weight", "version", "countries")
# Ibis's names for the periods it truncates to; a decade is computed from the year.
_UNITS = {"day": "D", "week": "W", "month": "M", "quarter": "Q", "year": "Y"}


def matched(event_filter: EventFilter) -> ir.Table:
    """The events the filter matches (every column of ``events``)."""
    f = event_filter
    e = EVENTS
    conditions = _row_conditions(f, e)
    if f.countries:
        codes = sorted(set(f.countries))
        if f.match == "all":
            conditions += [e.key.isin(_country_keys(f, [code])) for code in codes]
        else:
            conditions.append(e.key.isin(_country_keys(f, codes)))
    if f.text:
        conditions.append(e.search_text.like(contains_pattern(normalized(f.text))))
    if f.source:
        s = SOURCES
        named = (s.publisher + " " + s.url).lower().like(contains_pattern(f.source.lower()))
        conditions.append(e.key.isin(s.filter(named).key))
    return _where(e, conditions)


def page(events: ir.Table, limit: int | None = None, offset: int = 0) -> ir.Table:
    """``events`` by date then id, rows ``offset`` to ``offset+limit``: the page's columns
    (or those of ``events`` that are among them)."""
    columns = [name for name in PAGE_COLUMNS if name in events.columns]
    ordered = events.select(*columns).order_by([events.first_day, events.id])
    return ordered if limit is None else ordered.limit(limit, offset=offset)


def after(events: ir.Table, first_day: dt.date, event_id: str) -> ir.Table:
    """``events`` that come after (``first_day``, ``event_id``) by date then id: the next
    batch of an export starts where the last ended, read through the (first_day, id) index."""
    return events.filter((events.first_day > first_day)
                         | ((events.first_day == first_day) & (events.id > event_id)))


def sources_of(keys: list[int]) -> ir.Table:
    """The sources of these events, by event and position."""
    s = SOURCES
    return s.filter(s.key.isin(keys)).order_by([s.key, s.position])


def lane_rows(event_filter: EventFilter, events: ir.Table, period: str,
              lanes: list[str] | None) -> ir.Table:
    """``lane, period, events`` rows (several per lane and period, to be summed) counting
    the events per country and period.

    As on DuckDB: with no country, text or source filter, or when the lanes drawn are among
    the filter's "any" countries, a lane holds every event of its country passing the
    filter's dataset, date and type conditions, and whole months are read from
    ``country_months``; otherwise a lane counts the matching ``events`` (which must have
    ``first_day`` and ``countries``) that involve it.
    """
    f = event_filter
    if monthly_lanes(f, lanes):
        return _monthly_rows(f, period)
    # One row per matching event and country, from the events' own country lists: no join.
    return events.select(lane=events.countries.unnest(),
                         period=truncate(events.first_day, period),
                         events=ibis.literal(1, "int64"))


def monthly_lanes(event_filter: EventFilter, lanes: list[str] | None) -> bool:
    """Whether the lanes are counted from every event of their country (the monthly counts
    serve them), not from the matching events: no country, text or source filter, or the
    lanes drawn are among the filter's "any" countries."""
    f = event_filter
    return not (f.text or f.source) and (
        not f.countries or (f.match == "any" and lanes is not None
                            and set(lanes) <= set(f.countries)))


def lanes_ranked(rows: ir.Table, limit: int) -> ir.Table:
    """The ``limit`` lanes with most events in ``rows`` (ties by code)."""
    totals = rows.group_by("lane").aggregate(total=rows.events.sum())
    return totals.order_by([totals.total.desc(), totals.lane]).limit(limit).select("lane")


def facets(events: ir.Table, limit: int) -> dict[str, ir.Table]:
    """``value, events`` per country, type and decade of ``events`` (which must have
    ``countries``, ``type`` and ``first_day``), as :meth:`Store.facets` gives them."""
    countries = events.select(value=events.countries.unnest())
    decades = events.select(
        value=(events.first_day.year() // 10 * 10).cast("int64").cast("string"))
    counted = {name: table.group_by("value").aggregate(events=table.count())
               for name, table in (("country", countries),
                                   ("type", events.select(value=events.type)),
                                   ("decade", decades))}
    return {name: (table.order_by([table.value]) if name == "decade" else
                   table.order_by([table.events.desc(), table.value]).limit(limit))
            for name, table in counted.items()}


def lane_counts(rows: ir.Table, lanes: list[str]) -> ir.Table:
    """Events per lane and period for ``lanes``, by lane and period."""
    kept = rows.filter(rows.lane.isin(lanes))
    counted = kept.group_by(["lane", "period"]).aggregate(events=kept.events.sum())
    return counted.order_by([counted.lane, counted.period])


def truncate(day: ir.DateValue, period: str) -> ir.DateValue:
    """The first day of the period ``day`` falls in (weeks start on Monday)."""
    if period not in PERIODS:
        raise ValueError(f"{period!r} is not a period ({', '.join(PERIODS)})")
    if period == "decade":
        year = day.year()
        return ibis.date(year - year % 10, 1, 1)
    # PostgreSQL and Spark truncate a date as a timestamp (PostgreSQL's with the session's
    # time zone): back to a date, through a timestamp (Ibis drops a cast from date to date).
    return day.truncate(_UNITS[period]).cast("timestamp").cast("date")


def contains_pattern(text: str) -> str:
    """A LIKE pattern matching text that contains ``text`` (its ``%``, ``_`` and ``\\``
    escaped with the default escape character, ``\\``)."""
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _row_conditions(f: EventFilter, table: ir.Table) -> list[ir.BooleanValue]:
    """Conditions on the columns ``events``, ``event_countries`` and (for datasets and
    types) ``country_months`` share."""
    conditions = []
    if f.datasets:
        conditions.append(table.dataset.isin(list(f.datasets)))
    if f.start and "last_day" in table.columns:
        conditions.append(table.last_day >= f.start)
    if f.end and "first_day" in table.columns:
        conditions.append(table.first_day <= f.end)
    if f.types:
        conditions.append(table.type.isin(list(f.types)))
    return conditions


def _where(table: ir.Table, conditions: list[ir.BooleanValue]) -> ir.Table:
    """``table`` filtered by all of ``conditions`` (none: the whole table)."""
    return table.filter(*conditions) if conditions else table


def _country_keys(f: EventFilter, codes: list[str]) -> ir.Column:
    """Keys of the events involving any of ``codes`` that pass the filter's other row
    conditions (read from ``event_countries`` alone)."""
    c = EVENT_COUNTRIES
    return _where(c, [c.country.isin(codes), *_row_conditions(f, c)]).key


def _monthly_rows(f: EventFilter, period: str) -> ir.Table:
    """Lane rows for every country: whole months inside the date range from
    ``country_months``, the days at either end that do not fill a month (every day, for
    periods shorter than a month) from ``event_countries``."""
    c = EVENT_COUNTRIES
    rows = _where(c, _row_conditions(f, c))
    if PERIODS.index(period) < PERIODS.index("month"):
        return rows.select(lane=rows.country, period=truncate(rows.first_day, period),
                           events=ibis.literal(1, "int64"))
    first, last = whole_months(f.start, f.end)
    m = COUNTRY_MONTHS
    months = _where(m, [*_row_conditions(replace(f, start=None, end=None), m),
                        m.month.between(first, last)])
    # An event starting outside the whole months can still overlap the range (a year
    # starting before it, say): those are counted from their rows, with the range's test.
    edges = rows.filter(~rows.first_day.between(first, last))
    return ibis.union(
        months.select(lane=months.country, period=truncate(months.month, period),
                      events=months.events),
        edges.select(lane=edges.country, period=truncate(edges.first_day, period),
                     events=ibis.literal(1, "int64")))
