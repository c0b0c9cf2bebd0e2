"""The Spark engine: a read-mostly archive (the whole GDELT, say) in Parquet files that a Spark
Connect server reads and writes.

A :class:`SparkStore` names a server by URL, ``sc://host:15002`` (Spark Connect's own URL:
``;token=…``, ``;use_ssl=true`` and the rest as Spark documents them), and the archive's
folder on the server's file system (or ``s3a://…``, ``hdfs://…``: whatever the server
reads) by ``;archive=PATH`` — a relative path, or none, lies in the server's warehouse
folder (``timeline`` by default). The
client is the thin ``pyspark-client``: the machine running the dashboard needs no Java.

The layout, in the archive's folder (one Parquet folder per table):

- ``events/year=YYYY/month=M/``: events partitioned by the year and month of their first
  day, so a date range reads only its months;
- ``event_countries/country=XXX/``: one row per event and country with the event's dataset,
  days and type, partitioned by country: a country filter reads only its countries, and
  lanes are counted from these rows alone, without a join;
- ``sources/year=YYYY/month=M/``: sources beside their events' months, so a page's sources
  are read from the page's months only;
- ``country_months``: events per dataset, country, type and month, so the busiest lanes
  and the density view are read from a small table; ``datasets``, ``changes`` (the
  imports) and ``schema_version``.

Every row carries the import (``batch``) that wrote it, and the queries see only the rows
of imports recorded in ``changes``, whose row is written last: an import that fails half
way leaves files nobody reads, never half an import.

What works here: every read the dashboard and the command line make (filters are the Ibis
expressions of :mod:`timeline.store.portable`, compiled by Ibis's PySpark backend), and
imports — GDELT and ICEWS files (read and mapped by :mod:`timeline.store.bulk` into a
scratch DuckDB file, then sent as Parquet batches) and the project's files. Changes by hand
— edits, deletes, undo, removing a dataset — are refused with :class:`ChangeRefused`: the
archive is read-mostly, and Parquet files are not rewritten row by row.
"""

from __future__ import annotations

import collections
import contextlib
import datetime as dt
import itertools
import json
import os
import random
import re
import socket
import tempfile
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import duckdb
import ibis
import ibis.expr.types as ir
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from timeline.core.filters import EventFilter
from timeline.core.model import Event

from . import portable
from .base import ALIKE_CANDIDATES, Store, sorted_members
from .bulk import skip_stored
from .connection import busy_timeout, process_description
from .database import DuckDBStore
from .engines import redacted
from .errors import ChangeRefused, DatabaseBusy, DatabaseUnusable, SchemaTooNew, StoreError
from .reading import IbisReading
from .results import ImportSummary
from .rows import COUNTRY_COLUMNS, EVENT_COLUMNS, SOURCE_COLUMNS

#: The archive layout's version (its own: Parquet folders are not migrated in place).
ARCHIVE_VERSION = 1
#: The tables, as Spark SQL column lists, and the columns each is partitioned by (last).
TABLES: dict[str, tuple[str, tuple[str, ...]]] = {
    "events": ("key BIGINT, id STRING, dataset STRING, first_day DATE, precision STRING, "
               "end_day DATE, end_precision STRING, last_day DATE, title STRING, "
               "summary STRING, actor STRING, target STRING, type STRING, "
               "tags ARRAY<STRING>, cameo STRING, goldstein DOUBLE, weight INT, "
               "search_text STRING, countries ARRAY<STRING>, batch BIGINT, version INT, "
               "year INT, month INT", ("year", "month")),
    "event_countries": ("key BIGINT, position SMALLINT, dataset STRING, first_day DATE, "
                        "last_day DATE, type STRING, members STRING, earlier STRING, "
                        "batch BIGINT, country STRING", ("country",)),
    "sources": ("key BIGINT, position SMALLINT, publisher STRING, url STRING, "
                "published DATE, quote STRING, year INT, month INT", ("year", "month")),
    "country_months": ("dataset STRING, country STRING, type STRING, month DATE, "
                       "events BIGINT, batch BIGINT", ()),
    "datasets": ("name STRING, description STRING, created TIMESTAMP, removed_by BIGINT, "
                 "batch BIGINT", ()),
    "changes": ("id BIGINT, changed_at TIMESTAMP, author STRING, action STRING, "
                "event_id STRING, dataset STRING, before STRING, after STRING, "
                "undoes BIGINT, batch BIGINT, detail STRING", ()),
    "schema_version": ("version INT", ()),
}
# Rows of data written before an import's own row in ``changes``, in this order.
_DATA_TABLES = ("events", "event_countries", "sources", "country_months", "datasets")
# Rows sent to the server per request when it cannot read an import's files (see
# _Archive._uploaded): inline in the request, under Spark Connect's 64 MB for a local
# relation. Sent this way, 10M events filled a 2 GB server's connection buffers (Netty's
# direct memory) half way, at 50,000 rows a request as at 200,000.
UPLOAD_ROWS = 50_000
_ARCHIVE = re.compile(r";archive=([^;]*)")
_kept_views = itertools.count()  # names of the rows one read keeps (Archive.keep)


def split_url(url: str) -> tuple[str, str | None]:
    """Spark Connect's URL (without the archive) and the archive's folder (``None``: the
    default, in the server's warehouse)."""
    found = _ARCHIVE.search(url)
    if found is None:
        return url, None
    remote = url[:found.start()] + url[found.end():]
    return (remote[:-2] if remote.endswith("/;") else remote.rstrip(";")), found[1]


def _columns(table: str) -> list[tuple[str, str]]:
    return [tuple(part.strip().split(" ", 1)) for part in
            re.split(r",\s*(?![^<]*>)", TABLES[table][0])]


def stop_session(session: Any) -> None:
    """Stop a Spark Connect ``session`` now, and leave the other sessions of the process be
    when the garbage collector later finalises it.

    pyspark (4.0.4) closes a session's client again in ``SparkSession.__del__``, and closing
    any client shuts down the release thread pool that all sessions share. Run by the
    collector in the middle of another session's submit to that pool, it waits for the lock
    that submit holds: the process hangs (seen in this project's suite). Once stopped, the
    client is closed for good, so its second close is made a no-op.
    """
    with contextlib.suppress(Exception):  # a server gone already: nothing to end
        session.stop()
    session.client.close = lambda: None


class SparkStore(IbisReading, Store):
    """A timeline archive on a Spark Connect server. Open one with :func:`open_spark` (or
    :func:`timeline.store.open_store` with an ``sc://`` URL)."""

    #: A question takes seconds here, not milliseconds: the dashboard remembers answers.
    slow_reads = True

    def __init__(self, url: str, *, read_only: bool = False, connection: _Archive | None = None,
                 in_transaction: bool = False):
        super().__init__(read_only=read_only, connection=connection,
                         in_transaction=in_transaction)
        self.url = url
        self.remote, self._root = split_url(url)
        self._session: Any = None
        self._ibis: Any = None
        self._lock = threading.Lock()

    @property
    def location(self) -> str:
        return redacted(self.url)

    def close(self) -> None:
        """End the Spark session (the next operation starts another)."""
        with self._lock:
            session, self._session, self._ibis = self._session, None, None
        if session is not None:
            stop_session(session)

    def _spark(self) -> tuple[Any, Any]:
        """The Spark session and the Ibis backend on it, started on first use."""
        with self._lock:
            if self._session is None:
                from pyspark.sql import SparkSession
                from pyspark.sql.connect.client.retries import DefaultPolicy

                with self._translated():
                    session = SparkSession.builder.remote(self.remote).create()
                    try:
                        # Spark's own policy retries an unreachable server for ten minutes:
                        # here about ten seconds, then the store says the server does not
                        # answer.
                        session.client.set_retry_policies([DefaultPolicy(
                            max_retries=4, initial_backoff=500, max_backoff=4000)])
                        session.conf.set("spark.sql.session.timeZone", "UTC")
                        session.registerProgressHandler(_tell_progress)
                        self._ibis = ibis.pyspark.connect(session)
                    except Exception:
                        # pyspark keeps the first session as the process's default, which
                        # parts of it use: one that failed must not answer for other stores.
                        # Stopping asks the server to release the session: no retries for a
                        # server that did not answer (they would double the wait).
                        session.client.set_retry_policies([DefaultPolicy(max_retries=0)])
                        stop_session(session)
                        raise
                self._session = session
            return self._session, self._ibis

    @staticmethod
    @contextmanager
    def progress_to(report: Callable[[str], None]) -> Iterator[None]:
        """Tell ``report`` how the server gets on with this thread's queries, as a phrase
        ("query 2: 14 of 40 tasks done, 35 MB read"), while the block runs."""
        _listening.report, _listening.queries, _listening.working = report, 0, None
        try:
            yield
        finally:
            _listening.report = None

    @property
    def root(self) -> str:
        """The archive's folder, as the server names it (a relative one, or none: in the
        server's warehouse folder)."""
        if self._root is None or not re.match(r"^(/|[A-Za-z][\w+.-]*:)", self._root):
            spark, _ = self._spark()
            warehouse = spark.conf.get("spark.sql.warehouse.dir")
            self._root = f"{warehouse.rstrip('/')}/{self._root or 'timeline'}"
        return self._root

    # -- connections -----------------------------------------------------------------------

    @contextmanager
    def _opened(self, *, write: bool) -> Iterator[_Archive]:
        spark, backend = self._spark()
        archive = _Archive(spark, backend, self.root)
        with self._translated():
            archive.refresh()
            try:
                yield archive
            finally:
                archive.discard()

    def _begin(self, db: _Archive, *, write: bool) -> None:
        if write:
            db.begin()

    def _commit(self, db: _Archive) -> None:
        db.commit()

    def _rollback(self, db: _Archive) -> None:
        db.discard()

    def _bound(self, db: _Archive) -> SparkStore:
        bound = SparkStore(self.url, connection=db, in_transaction=True)
        bound._root = self.root
        return bound

    def _frame(self, db: _Archive, sql: str, params: list[Any]) -> pd.DataFrame:
        return _as_duckdb_gives(db.spark.sql(sql, args=list(params) or None).toPandas())

    def _rows(self, db: _Archive, expr: ir.Expr) -> pd.DataFrame:
        return self._frame(db, db.backend.compile(expr), [])

    def _scalar(self, db: _Archive, expr: ir.Expr) -> Any:
        return db.spark.sql(db.backend.compile(expr)).collect()[0][0]

    def _keep(self, db: _Archive, events: ir.Table) -> ir.Table:
        """The events cached on the server (``CACHE TABLE``, in memory or on its disks) for
        the several answers of one read, which then read them from there instead of each
        working them out again from the files; dropped when the read ends."""
        return ibis.table(events.schema(), name=db.keep(db.backend.compile(events)))

    def _sources(self, db: _Archive, page: pd.DataFrame) -> pd.DataFrame:
        if page.empty:
            return pd.DataFrame(columns=["key", "position", "publisher", "url", "published",
                                         "quote"])
        years = sorted({int(pd.Timestamp(day).year) for day in page["first_day"]})
        keys = ", ".join(str(int(key)) for key in page["key"])
        return self._frame(db, f"SELECT key, position, publisher, url, published, quote "
                               f"FROM sources WHERE year IN ({', '.join(map(str, years))}) "
                               f"AND key IN ({keys}) ORDER BY key, position", [])

    @contextmanager
    def _translated(self) -> Iterator[None]:
        from pyspark.errors import PySparkException

        try:
            yield
        except PySparkException as error:
            raise translate(error, self.location) from error

    @property
    def schema_version(self) -> int:
        return _stored_version(self) or 0

    # -- what the archive refuses ------------------------------------------------------------

    def _refuse(self, *_: Any, **__: Any) -> Any:
        raise ChangeRefused(
            f"{self.location} is a read-mostly archive on Spark: events are imported there, "
            f"never edited, deleted, undone or removed one by one (its Parquet files are not "
            f"rewritten). Make such changes in a DuckDB file or on PostgreSQL, or import a "
            f"corrected file into a new dataset")

    save_event = delete_event = delete_events = undo = _refuse
    remove_dataset = purge_dataset = _refuse

    def query(self, event_filter: EventFilter = EventFilter(), *, limit: int | None = None,
              offset: int = 0) -> pd.DataFrame:
        """As :meth:`Store.query`. Ibis skips ``offset`` rows by numbering rows over no
        order, which Spark does not keep: a page after the first is read by its keys."""
        if not offset:
            return super().query(event_filter, limit=limit)
        with self._read() as db:
            matched = portable.matched(self._visible(db, event_filter))
            upto = None if limit is None else offset + limit
            keys = self._rows(db, portable.page(matched.select("key", "first_day", "id"),
                                                upto))["key"].tolist()[offset:]
            events = portable.EVENTS
            return self._page(db, portable.page(events.filter(events.key.isin(keys))))

    @staticmethod
    def _visible(db: Any, event_filter: Any) -> Any:
        """The filter as it is: no dataset is ever removed from the archive (and the
        question would cost a query per read)."""
        return event_filter

    def get(self, event_id: str) -> Event | None:
        """The event with this id, or ``None`` (datasets are never removed here)."""
        with self._read() as db:
            return self._get(db, event_id)

    # -- writing rows: imports only ---------------------------------------------------------

    def _new_keys(self, db: _Archive, count: int) -> list[int]:
        first = db.take_keys(count)
        return list(range(first, first + count))

    def _insert(self, db: _Archive, tables: dict[str, pd.DataFrame]) -> None:
        events = tables["events"].copy()
        events["year"] = [day.year for day in events["first_day"]]
        events["month"] = [day.month for day in events["first_day"]]
        batch = events["batch"].iloc[0] if len(events) else None
        countries = tables["event_countries"].assign(batch=batch)
        by_key = events.set_index("key")[["year", "month"]]
        sources = tables["sources"].join(by_key, on="key")
        for table, frame in (("events", events), ("event_countries", countries),
                             ("sources", sources)):
            db.stage(table, pa.Table.from_pandas(frame, preserve_index=False))

    def _add_month_counts(self, db: _Archive, counts: collections.Counter) -> None:
        if not counts:
            return
        rows = [(*group, events, db.batch) for group, events in counts.items()]
        db.stage("country_months", pa.Table.from_pandas(pd.DataFrame(rows, columns=[
            "dataset", "country", "type", "month", "events", "batch"])))

    def _delete_where(self, db: _Archive, condition: str, params: Iterable[Any] = ()) -> int:
        stored = db.execute(f"SELECT id FROM events WHERE {condition} LIMIT 5",
                            list(params)).fetchall()
        named = ", ".join(repr(row[0]) for row in stored)
        raise ChangeRefused(
            f"{self.location} is a read-mostly archive on Spark: stored events are never "
            f"replaced ({named} stored already). Import the file into a new dataset, or "
            f"leave out the events stored already")

    def _in_list(self, column: str, values: list[Any]) -> tuple[str, list[Any]]:
        return f"{column} IN ({', '.join('?' for _ in values)})", list(values)

    def _alike_pairs(self, db: _Archive, events: list[Event], dataset: str,
                     change: int) -> list[tuple[str, str, str, str]]:
        from rapidfuzz import fuzz, utils

        members = sorted({sorted_members(e.countries) for e in events})
        first = min(e.first_day for e in events)
        last = max(e.last_day for e in events)
        stored = self._frame(db, f"""
            SELECT id, title, first_day, last_day,
                   concat('|', array_join(array_sort(countries), '|'), '|') AS members
            FROM events WHERE dataset = ? AND batch <> ? AND first_day <= ? AND last_day >= ?
              AND concat('|', array_join(array_sort(countries), '|'), '|')
                  IN ({', '.join('?' for _ in members)})""",
                             [dataset, change, last, first, *members])
        pairs = []
        for event in sorted(events, key=lambda e: e.id):
            here = stored[(stored["members"] == sorted_members(event.countries))
                          & (stored["first_day"] <= event.last_day)
                          & (stored["last_day"] >= event.first_day)]
            ranked = sorted(here.itertuples(index=False), key=lambda row: (
                -fuzz.WRatio(event.title, row.title, processor=utils.default_process),
                row.first_day, row.id))
            pairs += [(event.id, event.title, row.id, row.title)
                      for row in ranked[:ALIKE_CANDIDATES]]
        return pairs

    def _bulk(self, db: _Archive, staged: str, path: Path, dataset: str, origin: str,
              progress: Callable[[float], None] | None, countries_by_name: bool,
              batch: int) -> ImportSummary:
        """The bulk module reads and maps the file into a scratch DuckDB file, as it does
        for the other engines; events stored already are taken out, and the rest staged as
        Parquet files, sent to the server when the import commits."""
        with DuckDBStore.scratch_import(db.folder, staged, path, dataset, origin, progress,
                                        countries_by_name, batch) as (scratch, summary):
            incoming = scratch.sql("SELECT id FROM events").to_arrow_table()
            skip_stored(scratch, summary, db.stored_ids(incoming), dataset)
            highest = scratch.execute("SELECT max(key) FROM events").fetchone()[0]
            if highest is not None:
                shift = db.take_keys(highest) - 1
                self._stage_scratch(db, scratch, shift, batch)
        return summary

    @staticmethod
    def _stage_scratch(db: _Archive, scratch: duckdb.DuckDBPyConnection, shift: int,
                       batch: int) -> None:
        """The scratch file's rows as Parquet files to send, under keys of their own."""
        keyed = {"events": f"SELECT {', '.join(EVENT_COLUMNS)}, version, year(first_day) "
                           f"AS year, month(first_day) AS month FROM events",
                 "event_countries": f"SELECT {', '.join(COUNTRY_COLUMNS)}, {int(batch)} "
                                    f"AS batch FROM event_countries ORDER BY country, "
                                    f"first_day",
                 "sources": f"SELECT {', '.join('s.' + c for c in SOURCE_COLUMNS)}, "
                            f"year(e.first_day) AS year, month(e.first_day) AS month "
                            f"FROM sources s JOIN events e USING (key) ORDER BY e.first_day"}
        for table, select in keyed.items():
            file = db.folder / f"{table}-{len(db.staged)}.parquet"
            scratch.execute(f"COPY (SELECT * REPLACE (key + {int(shift)} AS key) "
                            f"FROM ({select})) TO '{file}' (FORMAT parquet)")
            db.staged.append((table, file))
        file = db.folder / f"country_months-{len(db.staged)}.parquet"
        scratch.execute(f"COPY (SELECT dataset, country, type, month, sum(events) AS events, "
                        f"{int(batch)} AS batch FROM country_months GROUP BY ALL) "
                        f"TO '{file}' (FORMAT parquet)")
        db.staged.append(("country_months", file))

    # -- the rules' bookkeeping, on the archive's pending import ---------------------------

    def _record(self, db: _Archive, action: str, author: str, event_id: str, dataset: str,
                before: Event | None, after: Event | None, undoes: int | None = None,
                batch: int | None = None, detail: dict[str, Any] | None = None) -> int:
        if action != "import":
            self._refuse()
        return db.record(author, dataset, detail or {})

    def _set_detail(self, db: _Archive, change: int, detail: dict[str, Any]) -> None:
        db.set_detail(change, detail)

    def _ensure_dataset(self, db: _Archive, name: str, description: str) -> None:
        if not name.strip():
            raise ChangeRefused("a dataset needs a name")
        db.ensure_dataset(name, description)


class _Archive:
    """One operation on the archive: the Spark session with the tables as views of the
    rows of recorded imports, and, inside a write, the import being written (its rows
    staged as local Parquet files until :meth:`commit` sends them)."""

    def __init__(self, spark: Any, backend: Any, root: str):
        self.spark, self.backend, self.root = spark, backend, root
        self.folder: Path | None = None
        self.staged: list[tuple[str, Path]] = []
        self.changes: list[dict[str, Any]] = []
        self.datasets: dict[str, str] = {}
        self._next_key: int | None = None
        self._next_change: int | None = None
        self._scratch: tempfile.TemporaryDirectory | None = None
        self.kept: list[str] = []
        self._lock: Path | None = None
        self._shared = False  # whether the server reads the import's files (_uploaded)

    def refresh(self) -> None:
        """The tables as views, reading the files there now (Spark lists a folder's files
        when a view is made), each of the rows of recorded imports only."""
        read = self.spark.read
        changes = read.schema(TABLES["changes"][0]).parquet(f"{self.root}/changes")
        changes.createOrReplaceTempView("changes")
        recorded = changes.select("id")
        for table in ("events", "event_countries", "sources", "country_months", "datasets"):
            rows = read.schema(TABLES[table][0]).parquet(f"{self.root}/{table}")
            if table == "datasets":  # a dataset made by ``timeline init`` is no import's
                rows = rows.filter(rows.batch.isNull()).unionByName(
                    rows.join(recorded, rows.batch == recorded.id, "left_semi"))
            elif table != "sources":  # sources are read by their events' keys
                rows = rows.join(recorded, rows.batch == recorded.id, "left_semi")
            rows.createOrReplaceTempView(table)

    def keep(self, select: str) -> str:
        """The name of a view of the rows ``select`` gives, worked out now and cached by the
        server until :meth:`discard` (the name is the process's own: several reads of one
        session may keep rows at once)."""
        name = f"kept_{next(_kept_views)}"
        self.spark.sql(f"CACHE TABLE {name} AS {select}")
        self.kept.append(name)
        return name

    def execute(self, sql: str, params: list[Any] | None = None) -> _Rows:
        return _Rows(self.spark.sql(sql, args=list(params or []) or None).collect())

    # -- an import being written -------------------------------------------------------------

    def begin(self) -> None:
        """Start an import: its lock, and a folder for its rows till they are written —
        in the archive's folder when this machine sees it, so that the server reads them
        from there (see :meth:`_uploaded`)."""
        self._lock = import_lock(self.root)
        local = _local_folder(self.root)
        self._scratch = tempfile.TemporaryDirectory(
            prefix="_incoming-" if local else "timeline-spark-import-", dir=local)
        self.folder, self._shared = Path(self._scratch.name), local is not None

    @property
    def batch(self) -> int:
        """The import being written (the last one recorded)."""
        return self.changes[-1]["id"]

    def _highest(self) -> None:
        """The highest key and import number in the files, recorded or not: a failed
        import's files keep their numbers, which are never given again."""
        from pyspark.sql import functions

        keys, batches = self.spark.read.schema(TABLES["events"][0]).parquet(
            f"{self.root}/events").agg(functions.max("key"), functions.max("batch")).collect()[0]
        changes = self.spark.sql("SELECT max(id) FROM changes").collect()[0][0]
        self._next_key = (keys or 0) + 1
        self._next_change = max(batches or 0, changes or 0) + 1

    def take_keys(self, count: int) -> int:
        """The first of ``count`` unused event keys."""
        if self._next_key is None:
            self._highest()
        first = self._next_key
        self._next_key += count
        return first

    def record(self, author: str, dataset: str, detail: dict[str, Any]) -> int:
        if self._next_change is None:
            self._highest()
        number = self._next_change
        self._next_change += 1
        self.changes.append({"id": number, "changed_at": dt.datetime.now(dt.UTC).replace(
            tzinfo=None), "author": author, "action": "import", "event_id": "",
            "dataset": dataset, "before": None, "after": None, "undoes": None,
            "batch": None, "detail": _json(detail)})
        return number

    def set_detail(self, change: int, detail: dict[str, Any]) -> None:
        for row in self.changes:
            if row["id"] == change:
                row["detail"] = _json(detail)

    def ensure_dataset(self, name: str, description: str) -> None:
        known = self.spark.sql("SELECT 1 FROM datasets WHERE name = ?", args=[name]).collect()
        if not known and name not in self.datasets:
            self.datasets[name] = description

    def stage(self, table: str, rows: pa.Table) -> None:
        """Rows to write to ``table`` when the import commits (kept on disk till then)."""
        file = self.folder / f"{table}-{len(self.staged)}.parquet"
        pq.write_table(rows, file)
        self.staged.append((table, file))

    def stored_ids(self, ids: pa.Table) -> pd.DataFrame:
        """``id``, ``dataset`` of the events among ``ids`` stored already."""
        if not ids.num_rows:
            return pd.DataFrame(columns=["id", "dataset"])
        file = self.folder / "incoming-ids.parquet"
        pq.write_table(ids, file)
        found = []
        for frame in self._uploaded(file):
            frame.createOrReplaceTempView("incoming_ids")
            found.append(self.spark.sql("SELECT e.id, e.dataset FROM events e "
                                        "LEFT SEMI JOIN incoming_ids i ON e.id = i.id")
                         .toPandas())
        return pd.concat(found, ignore_index=True)

    def _uploaded(self, file: Path) -> Iterator[Any]:
        """A staged Parquet file's rows as Spark frames: one the server reads from the file
        where it sees the archive's folder as this machine does (the same machine, a shared
        mount) — nothing crosses the connection; else sent in batches of
        :data:`UPLOAD_ROWS` (each a request: slower, and every byte passes through the
        server's connection buffers)."""
        from pyspark.errors import AnalysisException

        # A column of nothing but nulls has no type in Parquet that Spark reads: sent.
        if self._shared and not any(pa.types.is_null(field.type)
                                    for field in pq.read_schema(file)):
            try:
                frame = self.spark.read.parquet(str(file))
                frame.schema  # noqa: B018 (asks the server now: does it see the file?)
            except AnalysisException:
                self._shared = False  # a folder of the same name, but not the server's
            else:
                yield frame
                return
        for rows in pq.ParquetFile(file).iter_batches(UPLOAD_ROWS):
            if rows.num_rows:
                yield self.spark.createDataFrame(pa.Table.from_batches([rows]))

    def commit(self) -> None:
        """Send the import's rows, then its row in ``changes``, which makes them seen."""
        if not self.changes:
            return self.discard()
        batch = self.batch
        created = dt.datetime.now(dt.UTC).replace(tzinfo=None)
        if self.datasets:
            self.stage("datasets", pa.Table.from_pylist([
                {"name": name, "description": description, "created": created,
                 "removed_by": None, "batch": batch}
                for name, description in self.datasets.items()]))
        order = {table: n for n, table in enumerate(_DATA_TABLES)}
        for table, file in sorted(self.staged, key=lambda staged: order[staged[0]]):
            self._send(table, self._uploaded(file))
        changes = pa.Table.from_pylist(self.changes, schema=pa.schema([
            ("id", pa.int64()), ("changed_at", pa.timestamp("us")), ("author", pa.string()),
            ("action", pa.string()), ("event_id", pa.string()), ("dataset", pa.string()),
            ("before", pa.string()), ("after", pa.string()), ("undoes", pa.int64()),
            ("batch", pa.int64()), ("detail", pa.string())]))
        self._send("changes", [self.spark.createDataFrame(changes)])
        return self.discard()

    def _send(self, table: str, frames: Iterable[Any]) -> None:
        """Append the frames' rows to a table's folder, typed and partitioned as
        :data:`TABLES` says."""
        columns, partitions = _columns(table), TABLES[table][1]
        for frame in frames:
            typed = frame.selectExpr(*[f"CAST(`{name}` AS {kind}) AS `{name}`"
                                       for name, kind in columns])
            writer = typed.write.mode("append")
            if partitions:
                writer = writer.partitionBy(*partitions)
            writer.parquet(f"{self.root}/{table}")

    def discard(self) -> None:
        for name in self.kept:
            with contextlib.suppress(Exception):  # a session gone: nothing is cached there
                self.spark.sql(f"UNCACHE TABLE IF EXISTS {name}")
                self.spark.catalog.dropTempView(name)
        self.staged, self.changes, self.datasets, self.kept = [], [], {}, []
        if self._lock is not None:
            self._lock.unlink(missing_ok=True)
            self._lock = None
        if self._scratch is not None:
            self._scratch.cleanup()
            self._scratch, self.folder = None, None


class _Rows:
    """Rows collected from Spark, read like a DB-API cursor's."""

    def __init__(self, rows: list[Any]):
        self.rows = [tuple(row) for row in rows]

    def fetchone(self) -> tuple[Any, ...] | None:
        return self.rows[0] if self.rows else None

    def fetchall(self) -> list[tuple[Any, ...]]:
        return self.rows


def _as_duckdb_gives(frame: pd.DataFrame) -> pd.DataFrame:
    """A frame from Spark typed as DuckDB's: a text column holding no value at all as
    objects (``None``), not as pandas' text of missing values."""
    for name in frame.columns:
        if frame[name].dtype == "str" and frame[name].isna().all():
            frame[name] = pd.Series([None] * len(frame), index=frame.index, dtype=object)
    return frame


def _json(detail: dict[str, Any]) -> str:
    return json.dumps(detail, ensure_ascii=False)


# -- opening and creating -------------------------------------------------------------------


def open_spark(url: str, *, seed: Path | None = None, read_only: bool = False,
               memory_limit: str | None = None) -> SparkStore:
    """The timeline archive at ``url``. :class:`DatabaseUnusable` when the server cannot be
    reached or the archive's folder holds no timeline (``timeline init`` makes one),
    :class:`SchemaTooNew` for one of a newer program. ``seed`` and ``memory_limit`` are
    DuckDB's: they do not apply here."""
    store = SparkStore(url, read_only=read_only)
    version = _stored_version(store)
    if version is None:
        raise DatabaseUnusable(f"{store.location} holds no timeline (nothing at "
                               f"{store.root}): create one with `timeline init --db URL`")
    if version > ARCHIVE_VERSION:
        raise SchemaTooNew(f"{store.location} is an archive of layout version {version}; "
                           f"this program knows up to {ARCHIVE_VERSION}: upgrade the program")
    return store


def init_spark(url: str, *, seed: Path | None = None) -> SparkStore:
    """Create the archive's empty tables (and import ``seed``) in the folder ``url`` names,
    which must hold no timeline."""
    from timeline.core.filters import CURATED

    store = SparkStore(url)
    if _stored_version(store) is not None:
        raise DatabaseUnusable(f"{store.location} is a timeline archive already (at "
                               f"{store.root})")
    spark, backend = store._spark()
    with store._translated():
        archive = _Archive(spark, backend, store.root)
        for table, (schema, partitions) in TABLES.items():
            writer = spark.createDataFrame([], schema).write.mode("append")
            if partitions:
                writer = writer.partitionBy(*partitions)
            writer.parquet(f"{store.root}/{table}")
        archive._send("datasets", [spark.createDataFrame(pa.Table.from_pylist([{
            "name": CURATED, "description": "Hand-curated events, sourced and checked "
            "(data/events.jsonl)", "created": dt.datetime.now(dt.UTC).replace(tzinfo=None),
            "removed_by": None, "batch": None}]))])
        archive._send("schema_version", [spark.createDataFrame(pa.Table.from_pylist(
            [{"version": ARCHIVE_VERSION}]))])
    if seed is not None:
        from timeline.files.formats import (
            read_events_file,  # formats builds on the model, not the store
        )

        store.add_events(read_events_file(seed), author="timeline", label=seed.name)
    return store


_listening = threading.local()  # what a thread's queries report their progress to


def _tell_progress(stages: Iterable[Any] | None, inflight_tasks: int,
                   operation_id: str | None, done: bool) -> None:
    """Spark Connect's progress handler, called in the thread whose query it is: queries
    that run jobs (not the views each read makes) are numbered in the order they ran."""
    report = getattr(_listening, "report", None)
    if report is None:
        return
    stages = list(stages or [])
    if not stages:
        return
    if _listening.working != operation_id:
        _listening.working = operation_id
        _listening.queries += 1
    query = _listening.queries
    if done:
        report(f"query {query} done")
        return
    tasks = sum(stage.num_tasks for stage in stages)
    finished = sum(stage.num_completed_tasks for stage in stages)
    read = sum(stage.num_bytes_read for stage in stages) / 2**20
    report(f"query {query}: {finished:,} of {tasks:,} tasks done, {read:,.0f} MB read")


def _local_folder(root: str) -> Path | None:
    """The archive's folder on this machine's file system (``None``: not there)."""
    folder = Path(root.removeprefix("file://").removeprefix("file:"))
    if "://" in root.removeprefix("file://") or not folder.is_dir():
        return None
    return folder


def import_lock(root: str, timeout: float | None = None) -> Path | None:
    """The archive's ``import.lock`` file, made for this process: two imports into one
    archive would number their events and imports alike, so they take turns. Another
    process's lock is waited for (``timeout`` seconds, default ``$TIMELINE_BUSY_TIMEOUT``),
    then :class:`DatabaseBusy` names it; one left by a process that is gone (of this
    machine) is taken over. ``None`` when the archive's folder is not on this machine's file
    system (``s3a://``, ``hdfs://``, a server elsewhere): nothing is locked there."""
    folder = _local_folder(root)
    if folder is None:
        return None
    path = folder / "import.lock"
    mine = json.dumps({"pid": os.getpid(), "host": socket.gethostname(),
                       "program": process_description(os.getpid())})
    deadline = time.monotonic() + (busy_timeout() if timeout is None else timeout)
    while True:
        try:
            with path.open("x", encoding="utf-8") as lock:
                lock.write(mine)
            return path
        except FileExistsError:
            holder = _lock_holder(path)
        if holder.get("host") == socket.gethostname() and isinstance(holder.get("pid"), int) \
                and not _running(holder["pid"]):
            # Gone without removing it: taken over (read again first, so a lock another
            # process has just made in its place is not the one removed).
            if _lock_holder(path) == holder:
                path.unlink(missing_ok=True)
            continue
        if time.monotonic() > deadline:
            pid = holder.get("pid")
            who = holder.get("program") or "another import"
            raise DatabaseBusy(f"the archive {root} is in use by {who} (pid {pid}); try "
                               f"again when it is done", holder=who, pid=pid)
        time.sleep(0.2 + random.random() / 5)


def _lock_holder(path: Path) -> dict[str, Any]:
    """What an ``import.lock`` says of its process (nothing, while it is being written)."""
    try:
        found = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return found if isinstance(found, dict) else {}


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's: running
        return True
    return True


def _stored_version(store: SparkStore) -> int | None:
    """The archive's layout version, ``None`` when its folder holds no timeline."""
    from pyspark.errors import AnalysisException

    spark, _ = store._spark()
    with store._translated():
        try:
            rows = spark.read.schema(TABLES["schema_version"][0]).parquet(
                f"{store.root}/schema_version").collect()
        except AnalysisException as error:
            if "PATH_NOT_FOUND" in str(error.getCondition() or error):
                return None
            raise
    return max((row[0] for row in rows), default=None)


def translate(error: Exception, where: str) -> StoreError:
    """The store's exception for a Spark error: one line a person can act on."""
    text = " ".join(str(error).split())
    reason = text[:300] or type(error).__name__
    if any(sign in text for sign in ("UNAVAILABLE", "RETRIES_EXCEEDED", "Connection refused",
                                     "failed to connect")):
        return DatabaseUnusable(f"cannot use {where}: the Spark Connect server does not "
                                f"answer ({reason})")
    if "OutOfMemory" in text:
        from .errors import OutOfMemory

        return OutOfMemory(f"the Spark server ran out of memory working on {where}")
    return StoreError(f"Spark failed on {where}: {reason}")


