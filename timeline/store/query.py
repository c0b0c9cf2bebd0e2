"""Filters as SQL: an :class:`~timeline.core.filters.EventFilter` becomes the conditions and queries
that answer it, each with its parameters. No connection is touched here, except to ask which
of a filter's countries is rarest (:func:`rarest`); a text filter's words are looked up by
:mod:`timeline.store.words`, whose query of the matching events is passed in.

The tables are described in :mod:`timeline.store.schema`; how the queries stay small at ten
million events is in the README ("How the dashboard's query stays small").
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import replace
from typing import Any

import duckdb

from timeline.core.filters import EventFilter

from .rows import delimited

PERIODS = ("day", "week", "month", "quarter", "year", "decade")
# A query (or condition) and its parameters.
Query = tuple[str, list[Any]]


def where(event_filter: EventFilter, text_keys: Query | None = None) -> Query:
    """The filter as a SQL condition on ``events e`` and its parameters. A filter on text
    needs ``text_keys``: the query of the events holding its text
    (:func:`timeline.store.words.matching_keys`)."""
    f = event_filter
    clauses, params = row_conditions(f, "e")
    if f.text:
        keys, key_params = _text_keys(f, text_keys)
        clauses.append(f"e.key IN (SELECT key FROM ({keys}))")
        params += key_params
    elif f.countries:  # the text's keys have passed the countries' conditions
        keys, key_params = matching_keys(f)
        clauses.append(f"e.key IN (SELECT key FROM ({keys}))")
        params += key_params
    if f.source:
        clauses.append("e.key IN (SELECT key FROM sources "
                       "WHERE contains(lower(publisher || ' ' || url), lower(?)))")
        params.append(f.source)
    return " AND ".join(clauses), params


def row_conditions(event_filter: EventFilter, table: str) -> tuple[list[str], list[Any]]:
    """Conditions on the columns ``events`` and ``event_countries`` share (dataset, days,
    type), for the table called ``table`` in the query."""
    f = event_filter
    clauses: list[str] = ["TRUE"]
    params: list[Any] = []
    if f.datasets:
        clauses.append(f"{table}.dataset IN ({', '.join('?' * len(f.datasets))})")
        params += list(f.datasets)
    if f.start:
        clauses.append(f"{table}.last_day >= ?")
        params.append(f.start)
    if f.end:
        clauses.append(f"{table}.first_day <= ?")
        params.append(f.end)
    if f.types:
        clauses.append(f"{table}.type IN ({', '.join('?' * len(f.types))})")
        params += list(f.types)
    return clauses, params


def matched(event_filter: EventFilter, text_keys: Query | None = None) -> Query:
    """A query of ``key, first_day``, one row per event the filter matches: from
    ``event_words`` for a filter on text (``text_keys``, as :func:`where` needs them), from
    ``event_countries`` for one on countries, from ``events`` for one on sources."""
    f = event_filter
    if not f.source:
        if f.text:
            return _text_keys(f, text_keys)
        if f.countries:
            return matching_keys(f)
    condition, params = where(f, text_keys)
    return f"SELECT e.key, e.first_day FROM events e WHERE {condition}", params


def _text_keys(event_filter: EventFilter, text_keys: Query | None) -> Query:
    if text_keys is None:
        raise ValueError(f"a filter on text ({event_filter.text!r}) needs the query of the "
                         f"events holding it")
    return text_keys


def matching_keys(event_filter: EventFilter, anchor: str | None = None
                   ) -> tuple[str, list[Any]]:
    """A query of ``key, first_day, members``, one row per event involving any (or all) of
    the filter's countries that also passes its dataset, date and type conditions.

    For "any", an event's row is the one of its first country among the filter's; for
    "all", the row of ``anchor`` (one of the filter's countries: the rarest reads least).
    """
    f = event_filter
    clauses, params = row_conditions(f, "c")
    codes = sorted(set(f.countries))
    if f.match == "all":
        names_all, names_params = names(codes, "c.members", "AND")
        clauses += ["c.country = ?", names_all]
        params += [anchor or codes[0], *names_params]
    else:
        names_any, names_params = names(codes, "c.earlier", "OR")
        clauses += [f"c.country IN ({', '.join('?' * len(codes))})", f"NOT {names_any}"]
        params += [*codes, *names_params]
    return (f"SELECT c.key, c.first_day, c.members FROM event_countries c "
            f"WHERE {' AND '.join(clauses)}", params)


def names(codes: list[str], column: str, joiner: str) -> tuple[str, list[str]]:
    """A condition that ``column`` (delimited codes, "|PRK|CHN|") names any (``joiner``
    "OR") or all ("AND") of ``codes``, and its parameters ("|PRK|", ...)."""
    condition = "(" + f" {joiner} ".join([f"contains({column}, ?)"] * len(codes)) + ")"
    return condition, [delimited([code]) for code in codes]


def lane_counts(event_filter: EventFilter, period: str) -> tuple[str, list[Any]]:
    """A query of ``lane, period, events``: per country and period, the events involving the
    country that pass the filter's dataset, date and type conditions (not its countries).

    Whole months inside the date range are read from ``country_months``; the days at either
    end that do not fill a month (every day, for periods shorter than a month) from
    ``event_countries``.
    """
    f = event_filter
    rows, params = row_conditions(f, "c")
    if PERIODS.index(period) < PERIODS.index("month"):
        return (f"SELECT c.country AS lane, date_trunc(?, c.first_day) AS period, "
                f"count(*) AS events FROM event_countries c WHERE {' AND '.join(rows)} "
                f"GROUP BY ALL", [period, *params])
    first, last = whole_months(f.start, f.end)
    month_rows, month_params = row_conditions(replace(f, start=None, end=None), "m")
    month_rows.append("m.month BETWEEN ? AND ?")
    month_params += [first, last]
    # An event starting outside the whole months can still overlap the range (a year
    # starting before it, say): those are counted from their rows, with the range's test.
    rows.append("c.first_day NOT BETWEEN ? AND ?")
    params += [first, last]
    return (f"""
        SELECT lane, date_trunc(?, day) AS period, sum(events) AS events FROM (
            SELECT m.country AS lane, m.month AS day, m.events FROM country_months m
            WHERE {' AND '.join(month_rows)}
            UNION ALL
            SELECT c.country, c.first_day, 1 FROM event_countries c
            WHERE {' AND '.join(rows)})
        GROUP BY ALL""", [period, *month_params, *params])


def whole_months(start: dt.date | None, end: dt.date | None) -> tuple[dt.date, dt.date]:
    """The first day of the first whole month in ``start``..``end`` and the last day of the
    last one (open ends reach the calendar's ends). 2024-06-10..2025-03-31 gives
    2024-07-01..2025-03-31; a range within one month gives a first day after the last."""
    first = dt.date.min if start is None else (
        start if start.day == 1 else next_month(start))
    last = dt.date.max if end is None else (
        end if next_month(end) - dt.timedelta(days=1) == end
        else end.replace(day=1) - dt.timedelta(days=1))
    return first, last


def next_month(day: dt.date) -> dt.date:
    return (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1)


def rarest(db: duckdb.DuckDBPyConnection, countries: Iterable[str]) -> str:
    """Of these countries, the one with the fewest stored events (by the monthly counts)."""
    codes = sorted(set(countries))
    counted = dict(db.execute(
        f"SELECT country, sum(events) FROM country_months "
        f"WHERE country IN ({', '.join('?' * len(codes))}) GROUP BY country", codes).fetchall())
    return min(codes, key=lambda code: (counted.get(code, 0), code))

