"""Answering filters with the expressions of :mod:`timeline.store.portable`: the reading half
of every engine but DuckDB's tuned path.

:class:`IbisReading` gives a :class:`~timeline.store.base.Store` its ``count``, ``query``,
``events``, ``overview`` and ``_get`` from the portable expressions, compiled for the engine's
``dialect`` (an Ibis dialect name that ``ibis.to_sql`` compiles without a backend:
"postgres", "duckdb", "trino", "bigquery", …) and run on the engine's own connection through
``_frame`` — so an engine gets every read the dashboard and the command line make by naming
its dialect. (PySpark's compiler wants a connected backend: a Spark engine overrides
``_rows`` and ``_scalar`` to compile through it.) The answers are DuckDB's to the row
(``tests/store/test_engines.py``).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

import ibis
import ibis.expr.types as ir
import pandas as pd

from timeline.core.filters import EventFilter
from timeline.core.model import Event

from . import portable
from .query import PERIODS
from .results import Overview
from .rows import event_from_row, finish_page

# A page's columns typed as DuckDB gives them (dates as datetime64[us]: 1600 fits).
_PAGE_TYPES = {"id": "str", "dataset": "str", "first_day": "datetime64[us]",
               "last_day": "datetime64[us]", "precision": "str", "end_day": "datetime64[us]",
               "end_precision": "str", "title": "str", "summary": "str", "actor": "str",
               "target": "str", "type": "str", "goldstein": "float64", "weight": "Int32",
               "version": "int32"}


class IbisReading:
    """Reads for a :class:`~timeline.store.base.Store` subclass (put it first among the
    bases): the store's ``_read``, ``_visible`` and ``_frame`` run what this compiles."""

    #: The Ibis dialect the expressions are compiled to.
    dialect: str = "postgres"

    # What the store provides (timeline.store.base.Store).
    _read: Any
    _visible: Any
    _frame: Any

    def _rows(self, db: Any, expr: ir.Expr) -> pd.DataFrame:
        return self._frame(db, ibis.to_sql(expr, dialect=self.dialect), [])

    def _scalar(self, db: Any, expr: ir.Expr) -> Any:
        return db.execute(ibis.to_sql(expr, dialect=self.dialect)).fetchone()[0]

    def _page(self, db: Any, expr: ir.Table) -> pd.DataFrame:
        """A page of events (:func:`portable.page`) with their sources, as
        :meth:`Store.query` gives it."""
        frame = self._rows(db, expr)
        keys = frame["key"].tolist()
        listed: dict[int, list[dict[str, Any]]] = {key: [] for key in keys}
        if keys:
            for row in self._sources(db, frame).itertuples(index=False):
                listed[row.key].append({"publisher": row.publisher, "url": row.url,
                                        "published": row.published, "quote": row.quote})
        frame["sources"] = [listed[key] for key in keys]
        # DuckDB gives a text column holding no value at all as objects (None): so here.
        typed = {name: kind for name, kind in _PAGE_TYPES.items()
                 if kind != "str" or frame[name].notna().any()}
        return finish_page(frame.drop(columns="key").astype(typed))

    def _sources(self, db: Any, page: pd.DataFrame) -> pd.DataFrame:
        """The sources of a page's events (``key``, ``position``, ``publisher``, ``url``,
        ``published``, ``quote``), by event and position. An engine may narrow the search
        by what else the page says (Spark: the partitions of the events' years)."""
        return self._rows(db, portable.sources_of(page["key"].tolist()))

    def count(self, event_filter: EventFilter = EventFilter()) -> int:
        with self._read() as db:
            return self._scalar(db, portable.matched(self._visible(db, event_filter)).count())

    def query(self, event_filter: EventFilter = EventFilter(), *, limit: int | None = None,
              offset: int = 0) -> pd.DataFrame:
        with self._read() as db:
            matched = portable.matched(self._visible(db, event_filter))
            return self._page(db, portable.page(matched, limit, offset))

    def events(self, event_filter: EventFilter = EventFilter(), *,
               batch_size: int = 10_000) -> Iterator[Event]:
        """The matching events, by date then id, ``batch_size`` at a time: each batch reads
        on from where the last ended, in one snapshot of the database."""
        with self._read() as db:
            matched = portable.matched(self._visible(db, event_filter))
            window = matched
            while True:
                batch = self._page(db, portable.page(window, batch_size))
                for row in batch.itertuples(index=False):
                    yield event_from_row(row)
                if len(batch) < batch_size:
                    return
                last = batch.iloc[-1]
                window = portable.after(matched, last["first_day"].date(), last["id"])

    def _get(self, db: Any, event_id: str) -> Event | None:
        events = portable.EVENTS
        rows = self._page(db, portable.page(events.filter(events.id == event_id)))
        return next((event_from_row(row) for row in rows.itertuples(index=False)), None)

    def overview(self, event_filter: EventFilter = EventFilter(), *,
                 lanes: Iterable[str] | None = None, lane_limit: int = 8,
                 period: str = "year", page_size: int = 100) -> Overview:
        """Count, first page, lanes and counts, from one snapshot. When the lanes count the
        matching events (not every event of their countries), those are worked out once
        (:meth:`_keep`) and read from there by the four answers; otherwise the count and
        the page read ``events`` and the lanes the monthly counts."""
        if period not in PERIODS:
            raise ValueError(f"{period!r} is not a period ({', '.join(PERIODS)})")
        with self._read() as db:
            f = self._visible(db, event_filter)
            lanes = None if lanes is None else list(lanes)
            matched = portable.matched(f)
            if not portable.monthly_lanes(f, lanes):
                matched = self._keep(db, matched.select("key", "first_day", "id", "countries"))
            count = self._scalar(db, matched.count())
            first = self._rows(db, portable.page(matched.select("key", "first_day", "id"),
                                                 page_size))["key"].tolist()
            page = self._page(db, portable.page(portable.EVENTS.filter(
                portable.EVENTS.key.isin(first))))
            rows = portable.lane_rows(f, matched, period, lanes)
            if lanes is None:
                lanes = self._rows(db, portable.lanes_ranked(rows, lane_limit))["lane"]
            lanes = list(lanes)
            counts = self._rows(db, portable.lane_counts(rows, lanes)).astype(
                {"lane": "str", "period": "datetime64[us]", "events": "int64"})
        return Overview(count=count, page=page, lanes=lanes, counts=counts)

    def facets(self, event_filter: EventFilter = EventFilter(), *,
               limit: int = 8) -> dict[str, pd.DataFrame]:
        with self._read() as db:
            matched = self._keep(db, portable.matched(self._visible(db, event_filter)).select(
                "key", "first_day", "id", "countries", "type"))
            return {name: self._rows(db, expr).astype({"value": "str", "events": "int64"})
                    for name, expr in portable.facets(matched, limit).items()}

    def _keep(self, db: Any, events: ir.Table) -> ir.Table:
        """``events`` (key, first day, id, countries) for several answers to read: the engine
        may work them out once and return a table holding them (PostgreSQL: a temporary
        table). As it is here: each answer works them out again."""
        return events
