"""The one module that knows the database: a DuckDB file holding the events.

Tables: ``datasets`` (the curated events are one dataset, each bulk import another),
``events`` (one row per event, with the first and last day it could fall on),
``event_countries`` (one row per event and country, so "involving any/all of" is a semi-join
rather than a scan of strings) and ``sources``. Rows are joined on an integer ``key``; the
readable ``id`` is kept unique by this module. The schema carries a version number and is
upgraded in place when an older file is opened.
"""

from __future__ import annotations

import datetime as dt
import os
import threading
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd

from .dates import PartialDate
from .filters import EventFilter
from .model import Event, Source

PROJECT_ROOT = Path(__file__).resolve().parents[1]
CURATED_FILE = PROJECT_ROOT / "data" / "events.jsonl"
CURATED = "curated"


def default_db_path() -> Path:
    """``$TIMELINE_DB`` when set, else ``timeline.duckdb`` at the project's root."""
    return Path(os.environ.get("TIMELINE_DB") or PROJECT_ROOT / "timeline.duckdb")


# Each entry upgrades the schema by one version; a file at version N gets entries N.. applied.
MIGRATIONS: tuple[str, ...] = (
    f"""
    CREATE SEQUENCE event_key START 1;
    CREATE TABLE datasets (
        name VARCHAR PRIMARY KEY,
        description VARCHAR NOT NULL,
        created TIMESTAMP NOT NULL DEFAULT current_timestamp
    );
    INSERT INTO datasets (name, description)
        VALUES ('{CURATED}', 'Hand-curated events, sourced and checked (data/events.jsonl)');
    CREATE TABLE events (
        key BIGINT NOT NULL,            -- join key of event_countries and sources
        id VARCHAR NOT NULL,            -- unique; no index, which would cost memory at 10M rows
        dataset VARCHAR NOT NULL,
        first_day DATE NOT NULL,        -- first day the date could be: 2024-06-01 for June 2024
        precision VARCHAR NOT NULL,     -- day | month | year
        end_day DATE,                   -- first day of the end date, when there is one
        end_precision VARCHAR,
        last_day DATE NOT NULL,         -- last day the event (or its end) could be
        title VARCHAR NOT NULL,
        summary VARCHAR NOT NULL,
        actor VARCHAR,
        target VARCHAR,
        type VARCHAR NOT NULL,
        tags VARCHAR[] NOT NULL,
        cameo VARCHAR,
        goldstein DOUBLE,
        weight INTEGER,
        search_text VARCHAR NOT NULL    -- lower-cased title, summary and quotes
    );
    CREATE TABLE event_countries (
        key BIGINT NOT NULL,
        country VARCHAR NOT NULL,
        position SMALLINT NOT NULL
    );
    CREATE TABLE sources (
        key BIGINT NOT NULL,
        position SMALLINT NOT NULL,
        publisher VARCHAR NOT NULL,
        url VARCHAR NOT NULL,
        published DATE,
        quote VARCHAR NOT NULL
    );
    """,
)
SCHEMA_VERSION = len(MIGRATIONS)

_EVENT_COLUMNS = ("key", "id", "dataset", "first_day", "precision", "end_day", "end_precision",
                  "last_day", "title", "summary", "actor", "target", "type", "tags", "cameo",
                  "goldstein", "weight", "search_text")
_TABLES_BY_KEY = ("events", "event_countries", "sources")


class SchemaTooNew(RuntimeError):
    """Raised when a database was written by a newer version of this program."""


class UnknownDataset(KeyError):
    """Raised when a dataset name is not in the database."""


@dataclass(frozen=True)
class WriteResult:
    """What a write did: how many events were new and how many replaced stored ones."""

    added: int
    replaced: int


@dataclass
class ImportSummary:
    """What a bulk import did: rows read, events imported, rows skipped and why."""

    file: str
    dataset: str
    rows: int = 0
    imported: int = 0
    skipped: dict[str, int] = field(default_factory=dict)

    def __str__(self) -> str:
        reasons = "".join(f"\n  {count} {reason}" for reason, count in self.skipped.items())
        skipped = sum(self.skipped.values())
        return (f"{self.file}: {self.rows} row(s) read, {self.imported} imported into "
                f"'{self.dataset}', {skipped} skipped{reasons}")


class Store:
    """An open events database. Use :func:`open_store`; close it (or use ``with``) when done."""

    def __init__(self, connection: duckdb.DuckDBPyConnection, path: Path | None):
        self._db = connection
        self.path = path

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def close(self) -> None:
        self._db.close()

    @property
    def schema_version(self) -> int:
        return self._db.execute("SELECT max(version) FROM schema_version").fetchone()[0]

    # -- writing -------------------------------------------------------------------------

    def add_events(self, events: Iterable[Event], *, dataset: str = CURATED) -> WriteResult:
        """Store events in ``dataset`` in one transaction, replacing events with the same id.

        Either every event is stored or, on any error, none is.
        """
        events = list(events)
        with self._transaction() as db:
            self._ensure_dataset(dataset, "Events imported from files")
            keys = [row[0] for row in db.execute(
                "SELECT nextval('event_key') FROM range(?)", [len(events)]).fetchall()]
            tables = _tables_for(events, keys, dataset)
            db.register("incoming", tables["events"][["id"]])
            replaced = db.execute("SELECT count(*) FROM events WHERE id IN "
                                  "(SELECT id FROM incoming)").fetchone()[0]
            self._delete_where("id IN (SELECT id FROM incoming)")
            db.unregister("incoming")
            for table, frame in tables.items():
                db.register("incoming", frame)
                db.execute(f"INSERT INTO {table} ({', '.join(frame.columns)}) "
                           f"SELECT * FROM incoming")
                db.unregister("incoming")
        return WriteResult(added=len(events) - replaced, replaced=replaced)

    def delete_events(self, ids: Iterable[str]) -> int:
        """Delete events by id in one transaction; return how many existed."""
        frame = pd.DataFrame({"id": list(ids)}, dtype="string")
        with self._transaction() as db:
            db.register("doomed", frame)
            return self._delete_where("id IN (SELECT id FROM doomed)")

    def remove_dataset(self, name: str) -> int:
        """Delete a dataset and its events in one transaction; return how many events went."""
        with self._transaction() as db:
            if not db.execute("SELECT 1 FROM datasets WHERE name = ?", [name]).fetchall():
                raise UnknownDataset(f"there is no dataset {name!r}")
            removed = self._delete_where("dataset = ?", [name])
            db.execute("DELETE FROM datasets WHERE name = ?", [name])
        return removed

    def _delete_where(self, condition: str, params: Iterable[Any] = ()) -> int:
        """Delete the events matching a condition on ``events``, with their rows elsewhere."""
        db = self._db
        db.execute(f"CREATE OR REPLACE TEMP TABLE doomed_keys AS "
                   f"SELECT key FROM events WHERE {condition}", list(params))
        for table in _TABLES_BY_KEY:
            db.execute(f"DELETE FROM {table} WHERE key IN (SELECT key FROM doomed_keys)")
        removed = db.execute("SELECT count(*) FROM doomed_keys").fetchone()[0]
        db.execute("DROP TABLE doomed_keys")
        return removed

    def _ensure_dataset(self, name: str, description: str) -> None:
        self._db.execute("INSERT INTO datasets (name, description) VALUES (?, ?) "
                         "ON CONFLICT DO NOTHING", [name, description])

    # -- reading -------------------------------------------------------------------------

    def datasets(self) -> pd.DataFrame:
        """One row per dataset: ``name``, ``description``, ``created`` and ``events``."""
        return self._db.execute("""
            SELECT d.name, d.description, d.created, count(e.key) AS events
            FROM datasets d LEFT JOIN events e ON e.dataset = d.name
            GROUP BY ALL ORDER BY d.name = 'curated' DESC, d.name""").df()

    def count(self, event_filter: EventFilter = EventFilter()) -> int:
        """How many stored events the filter matches."""
        where, params = _where(event_filter)
        return self._db.execute(f"SELECT count(*) FROM events e WHERE {where}", params
                                ).fetchone()[0]

    def query(self, event_filter: EventFilter = EventFilter(), *, limit: int | None = None,
              offset: int = 0) -> pd.DataFrame:
        """The matching events sorted by date then id, one row per event.

        Columns: ``id``, ``dataset``, ``first_day`` and ``last_day`` (``datetime64[us]``, so
        1689 works), ``precision``, ``date`` (as written at its precision: ``"2024-06"``),
        ``end_day``, ``end_precision``, ``end_date``, ``title``, ``summary``, ``countries``
        (list of alpha-3 codes), ``actor``, ``target``, ``type``, ``tags`` (list), ``sources``
        (list of dicts with publisher, url, published, quote), ``cameo``, ``goldstein`` and
        ``weight``.
        """
        where, params = _where(event_filter)
        page = "" if limit is None else f"LIMIT {int(limit)} OFFSET {int(offset)}"
        return self._select(where, params, page)

    def events(self, event_filter: EventFilter = EventFilter()) -> Iterator[Event]:
        """The matching events as :class:`Event` objects, sorted by date then id."""
        for row in self.query(event_filter).itertuples(index=False):
            yield _event_from_row(row)

    def get(self, event_id: str) -> Event | None:
        """The event with this id, or ``None``."""
        rows = self._select("e.id = ?", [event_id])
        return next((_event_from_row(row) for row in rows.itertuples(index=False)), None)

    def country_counts(self, event_filter: EventFilter = EventFilter()) -> pd.Series:
        """Matching events per country, most frequent first (index: alpha-3 code)."""
        where, params = _where(event_filter)
        frame = self._db.execute(f"""
            SELECT c.country, count(*) AS events FROM event_countries c
            WHERE c.key IN (SELECT e.key FROM events e WHERE {where})
            GROUP BY c.country ORDER BY events DESC, c.country""", params).df()
        return frame.set_index("country")["events"]

    # -- helpers -------------------------------------------------------------------------

    def _select(self, where: str, params: list[Any], page: str = "") -> pd.DataFrame:
        frame = self._db.execute(f"""
            WITH page AS (
                SELECT * FROM events e WHERE {where} ORDER BY e.first_day, e.id {page})
            SELECT p.id, p.dataset, p.first_day, p.last_day, p.precision, p.end_day,
                   p.end_precision, p.title, p.summary, p.actor, p.target, p.type, p.tags,
                   p.cameo, p.goldstein, p.weight,
                   coalesce((SELECT list(c.country ORDER BY c.position) FROM event_countries c
                             WHERE c.key = p.key), []) AS countries,
                   coalesce((SELECT list({{'publisher': s.publisher, 'url': s.url,
                                          'published': s.published, 'quote': s.quote}}
                                         ORDER BY s.position)
                             FROM sources s WHERE s.key = p.key), []) AS sources
            FROM page p ORDER BY p.first_day, p.id""", params).df()
        frame["date"] = [_written(day, precision) for day, precision
                         in zip(frame["first_day"], frame["precision"], strict=True)]
        frame["end_date"] = [None if pd.isna(day) else _written(day, precision) for day, precision
                             in zip(frame["end_day"], frame["end_precision"], strict=True)]
        for column in ("countries", "tags", "sources"):
            frame[column] = frame[column].map(list)
        return frame

    def _transaction(self) -> _Transaction:
        return _Transaction(self._db)

    # -- dashboard: counts for timelines too dense to draw event by event -----------------

    def period_counts(self, event_filter: EventFilter, lanes: Iterable[str],
                      period: str) -> pd.DataFrame:
        """Matching events per lane and period, one row per lane and period with any.

        Columns: ``lane`` (a country code from ``lanes``, or ``""`` for events involving none
        of them), ``period`` (its first day, ``datetime64[us]``; an event counts in the period
        it starts in) and ``events``; sorted by lane, then period. ``period`` is ``day``,
        ``week``, ``month``, ``quarter``, ``year`` or ``decade``.
        """
        if period not in ("day", "week", "month", "quarter", "year", "decade"):
            raise ValueError(f"{period!r} is not a period (day, week, month, quarter, year "
                             f"or decade)")
        where, params = _where(event_filter)
        lanes = list(lanes)
        marks = ", ".join("?" * len(lanes)) or "NULL"
        return self._db.execute(f"""
            WITH matched AS (
                SELECT e.key, date_trunc(?, e.first_day) AS period FROM events e WHERE {where}),
            laned AS (
                SELECT m.key, m.period, c.country AS lane FROM matched m
                JOIN event_countries c ON c.key = m.key WHERE c.country IN ({marks}))
            SELECT lane, period, count(*) AS events FROM laned GROUP BY lane, period
            UNION ALL
            SELECT '' AS lane, period, count(*) AS events FROM matched
            WHERE key NOT IN (SELECT key FROM laned) GROUP BY period
            ORDER BY lane, period""", [period, *params, *lanes]).df()


class _Transaction:
    """``with`` block that commits on success and rolls back on any exception."""

    def __init__(self, db: duckdb.DuckDBPyConnection):
        self._db = db

    def __enter__(self) -> duckdb.DuckDBPyConnection:
        self._db.begin()
        return self._db

    def __exit__(self, kind: type | None, *_: object) -> None:
        if kind is None:
            self._db.commit()
        else:
            self._db.rollback()


def open_store(path: Path | str | None = None, *, seed: Path | None = None,
               read_only: bool = False) -> Store:
    """Open (creating and upgrading as needed) the database at ``path``.

    ``path`` defaults to :func:`default_db_path`; ``":memory:"`` gives a database that lives
    only as long as the store. When the database is new and ``seed`` names an events file,
    its events are loaded first, in the same transaction as the schema.
    """
    target = Path(path) if path not in (None, ":memory:") else None
    if path is None:
        target = default_db_path()
    if target is not None:
        target.parent.mkdir(parents=True, exist_ok=True)
    db = duckdb.connect(str(target) if target else ":memory:", read_only=read_only)
    try:
        created = _upgrade(db) if not read_only else False
        store = Store(db, target)
        if created and seed is not None:
            from .formats import read_events_file  # formats builds on the model, not the store

            store.add_events(read_events_file(seed))
    except BaseException:
        db.close()
        raise
    return store


def _upgrade(db: duckdb.DuckDBPyConnection) -> bool:
    """Bring the schema to :data:`SCHEMA_VERSION`; return True when the database was new."""
    db.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)")
    version = db.execute("SELECT coalesce(max(version), 0) FROM schema_version").fetchone()[0]
    if version > SCHEMA_VERSION:
        raise SchemaTooNew(f"the database is at schema version {version}; this program knows "
                           f"up to {SCHEMA_VERSION}: upgrade the program")
    for number in range(version, SCHEMA_VERSION):
        with _Transaction(db):
            db.execute(MIGRATIONS[number])
            db.execute("INSERT INTO schema_version VALUES (?)", [number + 1])
    return version == 0


def _where(event_filter: EventFilter) -> tuple[str, list[Any]]:
    """The filter as a SQL condition on ``events e`` and its parameters."""
    clauses: list[str] = ["TRUE"]
    params: list[Any] = []
    f = event_filter
    if f.datasets:
        clauses.append(f"e.dataset IN ({', '.join('?' * len(f.datasets))})")
        params += list(f.datasets)
    if f.countries:
        marks = ", ".join("?" * len(f.countries))
        subquery = f"SELECT key FROM event_countries WHERE country IN ({marks})"
        if f.match == "all":
            wanted = len(set(f.countries))
            subquery += f" GROUP BY key HAVING count(DISTINCT country) = {wanted}"
        clauses.append(f"e.key IN ({subquery})")
        params += list(f.countries)
    if f.start:
        clauses.append("e.last_day >= ?")
        params.append(f.start)
    if f.end:
        clauses.append("e.first_day <= ?")
        params.append(f.end)
    if f.types:
        clauses.append(f"e.type IN ({', '.join('?' * len(f.types))})")
        params += list(f.types)
    if f.text:
        clauses.append("contains(e.search_text, lower(?))")
        params.append(f.text)
    if f.source:
        clauses.append("e.key IN (SELECT key FROM sources "
                       "WHERE contains(lower(publisher || ' ' || url), lower(?)))")
        params.append(f.source)
    return " AND ".join(clauses), params


def _tables_for(events: list[Event], keys: list[int], dataset: str) -> dict[str, pd.DataFrame]:
    """The rows of each table for these events, as DataFrames ready to insert."""
    event_rows, country_rows, source_rows = [], [], []
    for key, event in zip(keys, events, strict=True):
        end = event.end_date
        event_rows.append((
            key, event.id, dataset, event.first_day, event.date.precision.value,
            end.first_day if end else None, end.precision.value if end else None,
            event.last_day, event.title, event.summary, event.actor, event.target, event.type,
            list(event.tags), event.cameo, event.goldstein, event.weight, _search_text(event)))
        country_rows += [(key, code, n) for n, code in enumerate(event.countries)]
        source_rows += [(key, n, s.publisher, s.url, s.published, s.quote)
                        for n, s in enumerate(event.sources)]
    # Dates stay Python dates (object columns): DuckDB stores them as DATE, 1689 included.
    return {
        "events": pd.DataFrame(event_rows, columns=list(_EVENT_COLUMNS)),
        "event_countries": pd.DataFrame(country_rows, columns=["key", "country", "position"]),
        "sources": pd.DataFrame(source_rows, columns=["key", "position", "publisher", "url",
                                                      "published", "quote"]),
    }


def _search_text(event: Event) -> str:
    # Lower-cased by the database at query time too (``lower(?)``), so both sides agree.
    quotes = (source.quote for source in event.sources)
    return "\n".join((event.title, event.summary, *quotes)).lower()


def _written(day: Any, precision: str) -> str:
    return PartialDate.of(pd.Timestamp(day).date(), precision).iso()


def _event_from_row(row: Any) -> Event:
    return Event(
        id=row.id,
        date=row.date,
        end_date=None if pd.isna(row.end_date) else row.end_date,
        title=row.title,
        summary=row.summary,
        countries=tuple(row.countries),
        actor=_or_none(row.actor),
        target=_or_none(row.target),
        type=row.type,
        sources=tuple(Source(publisher=s["publisher"], url=s["url"], quote=s["quote"],
                             published=_or_none(s["published"])) for s in row.sources),
        tags=tuple(row.tags),
        cameo=_or_none(row.cameo),
        goldstein=_or_none(row.goldstein),
        weight=_or_none(row.weight),
    )


def _or_none(value: Any) -> Any:
    """``None`` for SQL NULL (NaN, NaT, ``pd.NA``); dates as ``datetime.date``."""
    if value is None or pd.isna(value):
        return None
    if isinstance(value, pd.Timestamp | dt.datetime):
        return pd.Timestamp(value).date()
    return value.item() if hasattr(value, "item") else value
