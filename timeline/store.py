"""The one module that knows the database: a DuckDB file holding the events.

Tables: ``datasets`` (the curated events are one dataset, each bulk import another),
``events`` (one row per event, with the first and last day it could fall on),
``event_countries`` (one row per event and country, so "involving any/all of" is a semi-join
rather than a scan of strings; it repeats each event's dataset, days and type so that most
dashboard filters never touch ``events``) and ``sources``. Rows are joined on an integer
``key``; the readable ``id`` is kept unique by this module. The schema carries a version
number and is upgraded in place when an older file is opened.
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
import os
import threading
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd

from .dates import MAX_YEAR, MIN_YEAR, PartialDate
from .filters import CURATED, EventFilter
from .model import MAX_TITLE, Event, Source, parse_event

PROJECT_ROOT = Path(__file__).resolve().parents[1]
CURATED_FILE = PROJECT_ROOT / "data" / "events.jsonl"


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
        search_text VARCHAR NOT NULL    -- lower-cased summary and quotes (titles searched too)
    );
    -- The event's dataset, days and type are repeated here so that a filter on countries,
    -- dates, types and datasets is answered from this table alone; rows are written sorted
    -- by country, so a country's rows sit together and the others are skipped unread.
    CREATE TABLE event_countries (
        key BIGINT NOT NULL,
        country VARCHAR NOT NULL,
        position SMALLINT NOT NULL,
        dataset VARCHAR NOT NULL,
        first_day DATE NOT NULL,
        last_day DATE NOT NULL,
        type VARCHAR NOT NULL
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
MIGRATIONS += (
    # 2: edits with history. Each event carries a version, raised by every save, so a save
    # based on an older version is refused instead of silently overwriting.
    """
    ALTER TABLE events ADD COLUMN version INTEGER DEFAULT 1;
    CREATE SEQUENCE change_id START 1;
    CREATE TABLE changes (
        id BIGINT PRIMARY KEY,
        changed_at TIMESTAMP NOT NULL DEFAULT current_timestamp,
        author VARCHAR NOT NULL,
        action VARCHAR NOT NULL,        -- add | edit | delete | undo
        event_id VARCHAR NOT NULL,
        dataset VARCHAR NOT NULL,
        before VARCHAR,                 -- the event as JSON before the change; NULL: it was new
        after VARCHAR,                  -- and after it; NULL: it was deleted
        undoes BIGINT                   -- for an undo, the change it reverted
    );
    """,
)
MIGRATIONS += (
    # 3: country filters and density counts at ten million events.
    # - events.countries: the event's countries in order, read with the event (no join).
    # - event_countries.members / .earlier: the event's countries, and those before this row's
    #   one, as text ("|PRK|CHN|"): a filter on countries is then answered by one row per
    #   event without grouping, and contains() on these short strings is ~8x faster than list
    #   functions at this size.
    # - country_months: events per dataset, country, type and month of their first day, so the
    #   density view and the busiest lanes are read from a few hundred thousand rows, not
    #   tens of millions. Kept by every write; a group may have several rows, summed on reading.
    # - events.search_text holds the lower-cased title too: text search is then one
    #   case-sensitive contains() on one column, 3x faster than ILIKE on the title at 10M.
    # Both tables are rebuilt rather than updated: DuckDB rewrites ten million rows in about
    # a minute this way, and in ten with UPDATE.
    """
    CREATE TEMP TABLE country_lists AS
        SELECT key, list(country ORDER BY position) AS countries
        FROM event_countries GROUP BY key;
    CREATE TABLE events_v3 (
        key BIGINT NOT NULL,
        id VARCHAR NOT NULL,
        dataset VARCHAR NOT NULL,
        first_day DATE NOT NULL,
        precision VARCHAR NOT NULL,
        end_day DATE,
        end_precision VARCHAR,
        last_day DATE NOT NULL,
        title VARCHAR NOT NULL,
        summary VARCHAR NOT NULL,
        actor VARCHAR,
        target VARCHAR,
        type VARCHAR NOT NULL,
        tags VARCHAR[] NOT NULL,
        cameo VARCHAR,
        goldstein DOUBLE,
        weight INTEGER,
        search_text VARCHAR NOT NULL,   -- lower-cased title, summary and quotes
        version INTEGER DEFAULT 1,
        countries VARCHAR[] NOT NULL DEFAULT []
    );
    INSERT INTO events_v3
        SELECT e.* EXCLUDE (search_text, version),
               lower(e.title) || CASE WHEN e.search_text = '' THEN ''
                                      ELSE chr(10) || e.search_text END,
               e.version, coalesce(l.countries, [])
        FROM events e LEFT JOIN country_lists l USING (key)
        ORDER BY e.first_day;
    DROP TABLE events;
    ALTER TABLE events_v3 RENAME TO events;
    CREATE TABLE event_countries_v3 (
        key BIGINT NOT NULL,
        country VARCHAR NOT NULL,
        position SMALLINT NOT NULL,
        dataset VARCHAR NOT NULL,
        first_day DATE NOT NULL,
        last_day DATE NOT NULL,
        type VARCHAR NOT NULL,
        members VARCHAR NOT NULL,       -- the event's countries: "|PRK|CHN|"
        earlier VARCHAR NOT NULL        -- those before this row's: "|PRK|" for CHN's row
    );
    INSERT INTO event_countries_v3
        SELECT c.*, '|' || array_to_string(l.countries, '|') || '|',
               '|' || array_to_string(l.countries[1:c.position], '|') || '|'
        FROM event_countries c JOIN country_lists l USING (key)
        ORDER BY c.country, c.first_day;
    DROP TABLE event_countries;
    ALTER TABLE event_countries_v3 RENAME TO event_countries;
    DROP TABLE country_lists;
    CREATE TABLE country_months (
        dataset VARCHAR NOT NULL,
        country VARCHAR NOT NULL,
        type VARCHAR NOT NULL,
        month DATE NOT NULL,
        events BIGINT NOT NULL
    );
    INSERT INTO country_months
        SELECT dataset, country, type, date_trunc('month', first_day), count(*)
        FROM event_countries GROUP BY ALL;
    """,
)
SCHEMA_VERSION = len(MIGRATIONS)

_EVENT_COLUMNS = ("key", "id", "dataset", "first_day", "precision", "end_day", "end_precision",
                  "last_day", "title", "summary", "actor", "target", "type", "tags", "cameo",
                  "goldstein", "weight", "search_text", "countries")
_COUNTRY_COLUMNS = ("key", "country", "position", "dataset", "first_day", "last_day", "type",
                    "members", "earlier")
_TABLES_BY_KEY = ("events", "event_countries", "sources")
_PERIODS = ("day", "week", "month", "quarter", "year", "decade")


class SchemaTooNew(RuntimeError):
    """Raised when a database was written by a newer version of this program."""


class UnknownDataset(KeyError):
    """Raised when a dataset name is not in the database."""


class EditConflict(RuntimeError):
    """Raised when an event changed (or went) since the version a save or delete was based on.

    ``stored`` is the event as it is now (``None`` when deleted) and ``version`` its version,
    so the person saving can compare both and decide.
    """

    def __init__(self, event_id: str, expected: int, stored: Event | None, version: int | None):
        self.stored, self.version = stored, version
        now = "has been deleted" if stored is None else f"is now at version {version}"
        super().__init__(f"event {event_id!r} changed since you opened it (version {expected}); "
                         f"it {now}: reload it, compare, and save again")


@dataclass(frozen=True)
class WriteResult:
    """What a write did: how many events were new and how many replaced stored ones."""

    added: int
    replaced: int


@dataclass(frozen=True)
class Overview:
    """What a dashboard shows for a filter, computed in one pass over the matching events.

    ``count`` events match; ``page`` holds the first of them by date (columns as
    :meth:`Store.query`); ``lanes`` are the countries drawn (those asked for, else the most
    frequent); ``counts`` has one row per lane and period with any event: ``lane``,
    ``period`` (first day, ``datetime64[us]``) and ``events``.
    """

    count: int
    page: pd.DataFrame
    lanes: list[str]
    counts: pd.DataFrame


@dataclass
class ImportSummary:
    """What an import did: rows read, events imported, rows skipped and why.

    ``problems`` holds each invalid row of a project file (``FILE:LINE: field: message``);
    ``written`` is False when nothing was written (a dry run, or invalid rows without
    skip-invalid).
    """

    file: str
    dataset: str
    rows: int = 0
    imported: int = 0
    replaced: int = 0  # of the imported events, how many replaced one with the same id
    skipped: dict[str, int] = field(default_factory=dict)
    problems: list[Any] = field(default_factory=list)
    # Nothing rejected, but worth saying: a file read as Windows-1252, a file with no events.
    warnings: list[Any] = field(default_factory=list)
    written: bool = True

    def add(self, other: ImportSummary) -> None:
        """Count another part (a zip member) into this summary."""
        self.rows += other.rows
        self.imported += other.imported
        self.replaced += other.replaced
        for reason, count in other.skipped.items():
            self.skipped[reason] = self.skipped.get(reason, 0) + count
        self.problems += other.problems
        self.warnings += other.warnings
        self.written = self.written and other.written

    def __str__(self) -> str:
        reasons = "".join(f"\n  {count} {reason}" for reason, count in self.skipped.items())
        skipped = sum(self.skipped.values())
        replaced = f" ({self.replaced} replaced)" if self.replaced else ""
        verb = "imported" if self.written else "would be imported (nothing written)"
        return (f"{self.file}: {self.rows} row(s) read, {self.imported} {verb} into "
                f"'{self.dataset}'{replaced}, {skipped} skipped{reasons}")


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

    def add_events(self, events: Iterable[Event], *, dataset: str = CURATED,
                   batch_size: int = 10_000) -> WriteResult:
        """Store events in ``dataset`` in one transaction, replacing events with the same id.

        Either every event is stored or, on any error, none is. The events are written in
        batches, so a stream of any length is never held in memory whole. Imports use this;
        edits by hand go through :meth:`save_event`, which keeps their history.
        """
        added = replaced = 0
        stream = iter(events)
        with self._transaction():
            self._ensure_dataset(dataset, "Events imported from files")
            while batch := list(itertools.islice(stream, batch_size)):
                count = self._put(batch, dataset)
                added, replaced = added + len(batch) - count, replaced + count
        return WriteResult(added=added, replaced=replaced)

    def _put(self, events: list[Event], dataset: str,
             versions: dict[str, int] | None = None) -> int:
        """Write events (replacing any with the same id) inside the caller's transaction;
        return how many replaced stored ones. ``versions`` gives an id its new version."""
        db = self._db
        self._ensure_dataset(dataset, "Events imported from files")
        keys = [row[0] for row in db.execute(
            "SELECT nextval('event_key') FROM range(?)", [len(events)]).fetchall()]
        tables = _tables_for(events, keys, dataset)
        tables["events"]["version"] = [(versions or {}).get(e.id, 1) for e in events]
        db.register("incoming", tables["events"][["id"]])
        replaced = db.execute("SELECT count(*) FROM events WHERE id IN "
                              "(SELECT id FROM incoming)").fetchone()[0]
        self._delete_where("id IN (SELECT id FROM incoming)")
        db.unregister("incoming")
        for table, frame in tables.items():
            db.register("incoming", frame)
            db.execute(f"INSERT INTO {table} ({', '.join(frame.columns)}) "
                       f"SELECT * FROM incoming")
            if table == "event_countries":
                self._count_in_months("SELECT * FROM incoming", +1)
            db.unregister("incoming")
        return replaced

    # -- edits by hand, with history -------------------------------------------------------

    def save_event(self, event: Event, *, author: str, expected_version: int | None = None,
                   dataset: str = CURATED) -> int:
        """Add or edit one event, recording the change; return its new version.

        ``expected_version`` is the version the editor started from: when the stored event has
        moved on (or was deleted) since, :class:`EditConflict` is raised and nothing changes.
        """
        with self._transaction():
            stored, version = self._current(event.id)
            _check_version(event.id, expected_version, stored, version)
            new_version = (version or 0) + 1
            self._put([event], dataset if stored is None else self._dataset_of(event.id),
                      {event.id: new_version})
            self._record("add" if stored is None else "edit", author, event.id,
                         self._dataset_of(event.id), stored, event)
        return new_version

    def delete_event(self, event_id: str, *, author: str,
                     expected_version: int | None = None) -> None:
        """Delete one event, recording it so it can be undone; ``KeyError`` if there is none."""
        with self._transaction():
            stored, version = self._current(event_id)
            if stored is None:
                raise KeyError(f"there is no event {event_id!r}")
            _check_version(event_id, expected_version, stored, version)
            dataset = self._dataset_of(event_id)
            self._delete_where("id = ?", [event_id])
            self._record("delete", author, event_id, dataset, stored, None)

    def history(self, event_id: str | None = None) -> pd.DataFrame:
        """The recorded changes, newest first (of one event, or all): ``id``, ``changed_at``,
        ``author``, ``action``, ``event_id``, ``dataset``, ``before`` and ``after`` (the event
        as a JSON record, or ``None``) and ``undoes``."""
        where, params = ("event_id = ?", [event_id]) if event_id else ("TRUE", [])
        return self._db.execute(f"SELECT * FROM changes WHERE {where} ORDER BY id DESC",
                                params).df()

    def undo(self, change_id: int, *, author: str) -> int:
        """Put the event back as it was before a change (an add is undone by deleting, a
        delete by restoring); record that as a change too, and return its id."""
        with self._transaction() as db:
            row = db.execute("SELECT event_id, dataset, before FROM changes WHERE id = ?",
                             [change_id]).fetchone()
            if row is None:
                raise KeyError(f"there is no change {change_id}")
            event_id, dataset, before = row
            stored, version = self._current(event_id)
            restored = None if before is None else parse_event(json.loads(before))
            if stored is not None:
                self._delete_where("id = ?", [event_id])
            if restored is not None:
                self._put([restored], dataset, {event_id: (version or 0) + 1})
            return self._record("undo", author, event_id, dataset, stored, restored,
                                undoes=change_id)

    def version_of(self, event_id: str) -> int | None:
        """The stored event's version, or ``None`` when there is no such event."""
        row = self._db.execute("SELECT version FROM events WHERE id = ?", [event_id]).fetchone()
        return row[0] if row else None

    def _current(self, event_id: str) -> tuple[Event | None, int | None]:
        return self.get(event_id), self.version_of(event_id)

    def _dataset_of(self, event_id: str) -> str:
        row = self._db.execute("SELECT dataset FROM events WHERE id = ?", [event_id]).fetchone()
        return row[0] if row else CURATED

    def _record(self, action: str, author: str, event_id: str, dataset: str,
                before: Event | None, after: Event | None, undoes: int | None = None) -> int:
        def as_json(event: Event | None) -> str | None:
            return None if event is None else json.dumps(event.to_record(), ensure_ascii=False)

        return self._db.execute(
            "INSERT INTO changes (id, author, action, event_id, dataset, before, after, undoes) "
            "VALUES (nextval('change_id'), ?, ?, ?, ?, ?, ?, ?) RETURNING id",
            [author, action, event_id, dataset, as_json(before), as_json(after), undoes]
        ).fetchone()[0]

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
        self._count_in_months("SELECT * FROM event_countries "
                              "WHERE key IN (SELECT key FROM doomed_keys)", -1)
        for table in _TABLES_BY_KEY:
            db.execute(f"DELETE FROM {table} WHERE key IN (SELECT key FROM doomed_keys)")
        removed = db.execute("SELECT count(*) FROM doomed_keys").fetchone()[0]
        db.execute("DROP TABLE doomed_keys")
        return removed

    def _count_in_months(self, rows: str, sign: int, params: Iterable[Any] = ()) -> None:
        """Count the ``event_countries`` rows that ``rows`` selects into ``country_months``
        (``sign`` +1, as they are written) or out of it (-1, before they are deleted)."""
        db = self._db
        db.execute(f"""
            CREATE OR REPLACE TEMP TABLE month_delta AS
            SELECT dataset, country, type, date_trunc('month', first_day::DATE)::DATE AS month,
                   {int(sign)} * count(*) AS events
            FROM ({rows}) GROUP BY ALL""", list(params))
        # Each touched group is folded back into one row, and dropped when it reaches zero.
        db.execute("""
            CREATE OR REPLACE TEMP TABLE month_totals AS
            SELECT dataset, country, type, month, sum(events)::BIGINT AS events FROM (
                SELECT * FROM country_months SEMI JOIN month_delta
                    USING (dataset, country, type, month)
                UNION ALL SELECT * FROM month_delta)
            GROUP BY ALL HAVING sum(events) <> 0""")
        db.execute("""
            DELETE FROM country_months m USING month_delta d
            WHERE m.dataset = d.dataset AND m.country = d.country AND m.type = d.type
              AND m.month = d.month""")
        db.execute("INSERT INTO country_months SELECT * FROM month_totals; "
                   "DROP TABLE month_delta; DROP TABLE month_totals")

    def _ensure_dataset(self, name: str, description: str) -> None:
        self._db.execute("INSERT INTO datasets (name, description) VALUES (?, ?) "
                         "ON CONFLICT DO NOTHING", [name, description])

    # -- reading -------------------------------------------------------------------------

    def datasets(self) -> pd.DataFrame:
        """One row per dataset: ``name``, ``description``, ``created`` and ``events``."""
        return self._db.execute("""
            SELECT d.name, d.description, d.created, count(e.key) AS events
            FROM datasets d LEFT JOIN events e ON e.dataset = d.name
            GROUP BY d.name, d.description, d.created
            ORDER BY d.name <> 'curated', d.name""").df()

    def count(self, event_filter: EventFilter = EventFilter()) -> int:
        """How many stored events the filter matches."""
        matched, params = _matched(event_filter)
        return self._db.execute(f"SELECT count(*) FROM ({matched})", params).fetchone()[0]

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
        if limit is None:
            where, params = _where(event_filter)
            return self._select(where, params)
        matched, params = _matched(event_filter)
        return self._page(matched, params, limit, offset)

    def events(self, event_filter: EventFilter = EventFilter(), *,
               batch_size: int = 10_000) -> Iterator[Event]:
        """The matching events as :class:`Event` objects, sorted by date then id.

        Read ``batch_size`` at a time, so exporting ten million events holds one batch in
        memory, not all of them.
        """
        matched, params = _matched(event_filter)
        with self._connection() as db:  # its own: the temporary table stays private
            # Each event's place in the order, once; a batch is then a range of places.
            db.execute(f"""
                CREATE TEMP TABLE export_order AS
                SELECT e.key, row_number() OVER (ORDER BY e.first_day, e.id) AS place
                FROM events e WHERE e.key IN (SELECT key FROM ({matched}))
                ORDER BY place""", params)
            total = db.execute("SELECT count(*) FROM export_order").fetchone()[0]
            for first in range(1, total + 1, batch_size):
                batch = self._select(
                    "e.key IN (SELECT key FROM export_order WHERE place BETWEEN ? AND ?)",
                    [first, first + batch_size - 1], db=db)
                for row in batch.itertuples(index=False):
                    yield _event_from_row(row)

    def get(self, event_id: str) -> Event | None:
        """The event with this id, or ``None``."""
        rows = self._select("e.id = ?", [event_id])
        return next((_event_from_row(row) for row in rows.itertuples(index=False)), None)

    def overview(self, event_filter: EventFilter = EventFilter(), *,
                 lanes: Iterable[str] | None = None, lane_limit: int = 8,
                 period: str = "year", page_size: int = 100) -> Overview:
        """Count, first page, lanes and per-lane per-period counts of the matching events.

        Each answer reads as little as it can: a filter on countries reads one row per
        matching event from ``event_countries`` (sorted by country, so other countries' rows
        are skipped unread); lane counts for the filter's own countries, or for no country
        filter, come from the monthly counts in ``country_months``; text and source filters
        run once over ``events`` into a temporary table that the four answers then read.
        """
        if period not in _PERIODS:
            raise ValueError(f"{period!r} is not a period ({', '.join(_PERIODS)})")
        f = event_filter
        with self._connection() as db:  # its own: temporary tables stay private
            if f.text or f.source:
                where, params = _where(f)
                db.execute(f"CREATE TEMP TABLE matched AS SELECT e.key, e.first_day, "
                           f"e.countries FROM events e WHERE {where}", params)
                matched, matched_params = "SELECT * FROM matched", []
                lane_rows = "SELECT unnest(countries) AS lane, first_day FROM matched"
            elif f.countries:
                anchor = _rarest(db, f.countries) if f.match == "all" else None
                matched, matched_params = _matching_keys(f, anchor)
                lane_rows = (f"SELECT unnest(string_split(trim(members, '|'), '|')) AS lane, "
                             f"first_day FROM ({matched})")
            else:
                matched, matched_params = _matched(f)
            count = db.execute(f"SELECT count(*) FROM ({matched})", matched_params).fetchone()[0]
            page = self._page(matched, matched_params, page_size, db=db)
            # Lanes whose counts the monthly table holds: no country filter, or "any" of the
            # filter's countries drawn as lanes (a lane country's events are then exactly its
            # rows passing the other conditions).
            monthly = not (f.text or f.source) and (
                not f.countries or (f.match == "any" and lanes is not None
                                    and set(lanes) <= set(f.countries)))
            if monthly:
                counted, counted_params = _lane_counts(f, period)
            else:
                counted = (f"SELECT lane, date_trunc(?, first_day) AS period, count(*) AS events "
                           f"FROM ({lane_rows}) GROUP BY ALL")
                counted_params = [period, *matched_params]
            if lanes is None:
                # Counted once for every country, then ranked and kept from the result.
                db.execute(f"CREATE TEMP TABLE counted AS {counted}", counted_params)
                counted, counted_params = "SELECT * FROM counted", []
                lanes = [row[0] for row in db.execute(
                    f"SELECT lane FROM ({counted}) GROUP BY lane "
                    f"ORDER BY sum(events) DESC, lane LIMIT ?",
                    [*counted_params, lane_limit]).fetchall()]
            lanes = list(lanes)
            counts = db.execute(f"""
                SELECT lane, period::TIMESTAMP AS period, sum(events)::BIGINT AS events
                FROM ({counted})
                WHERE lane IN ({", ".join("?" * len(lanes)) or "NULL"})
                GROUP BY ALL ORDER BY lane, period""", [*counted_params, *lanes]).df()
        return Overview(count=count, page=page, lanes=lanes, counts=counts)

    # -- helpers -------------------------------------------------------------------------

    def _page(self, matched: str, params: list[Any], limit: int, offset: int = 0,
              db: duckdb.DuckDBPyConnection | None = None) -> pd.DataFrame:
        """Rows ``offset`` to ``offset + limit`` of the events ``matched`` (a query of ``key,
        first_day``) by date and id, as :meth:`query` gives them.

        The first and the last of the first ``offset + limit`` days (ties included) bound the
        scan of ``events``, which is sorted by day: it reads a few blocks, not every key.
        """
        db = db or self._db
        days = [row[0] for row in db.execute(
            f"SELECT first_day FROM ({matched}) ORDER BY first_day LIMIT ?",
            [*params, offset + limit]).fetchall()] or [None]
        span = [days[0], days[-1]]
        return self._select(
            "e.first_day BETWEEN ? AND ? AND e.key IN "
            f"(SELECT key FROM ({matched}) WHERE first_day BETWEEN ? AND ?)",
            [*span, *params, *span], f"LIMIT {int(limit)} OFFSET {int(offset)}", db=db)

    def _select(self, where: str, params: list[Any], page: str = "",
                db: duckdb.DuckDBPyConnection | None = None) -> pd.DataFrame:
        # Sources are gathered for the selected events only: a correlated subquery would be
        # decorrelated into lists for every stored event.
        frame = (db or self._db).execute(f"""
            WITH page AS (
                SELECT * FROM events e WHERE {where} ORDER BY e.first_day, e.id {page}),
            page_sources AS (
                SELECT key, list({{'publisher': publisher, 'url': url, 'published': published,
                                  'quote': quote}} ORDER BY position) AS sources
                FROM sources WHERE key IN (SELECT key FROM page) GROUP BY key)
            SELECT p.id, p.dataset, p.first_day, p.last_day, p.precision, p.end_day,
                   p.end_precision, p.title, p.summary, p.actor, p.target, p.type, p.tags,
                   p.cameo, p.goldstein, p.weight, p.version, p.countries,
                   coalesce(s.sources, []) AS sources
            FROM page p LEFT JOIN page_sources s ON s.key = p.key
            ORDER BY p.first_day, p.id""", params).df()
        frame["date"] = [_written(day, precision) for day, precision
                         in zip(frame["first_day"], frame["precision"], strict=True)]
        frame["end_date"] = [None if pd.isna(day) else _written(day, precision) for day, precision
                             in zip(frame["end_day"], frame["end_precision"], strict=True)]
        for column in ("countries", "tags", "sources"):
            frame[column] = frame[column].map(list)
        return frame

    def _transaction(self) -> _Transaction:
        return _Transaction(self._db)

    # -- bulk imports: GDELT and ICEWS files, read and mapped by the database itself ------

    def import_gdelt(self, path: Path, columns: Iterable[str], *, dataset: str,
                     dry_run: bool = False,
                     progress: Callable[[float], None] | None = None) -> ImportSummary:
        """Import a GDELT 1.0 or 2.0 event file (tab-separated, no header) into ``dataset``.

        ``columns`` names the file's columns (rows with fewer, as in GDELT 1.0 backfiles, are
        padded). Each row becomes a day-precision event ``gdelt-<GLOBALEVENTID>`` titled
        "United States → China: make optimistic comment", with its CAMEO code, Goldstein
        value, mention count as weight, actor countries mapped to ISO (regions and blank
        actors kept out of the countries) and SOURCEURL as its source. A GLOBALEVENTID already
        stored is skipped, so importing a file twice adds nothing.
        """
        reader = _read_tsv(path, columns, header=False)
        staged = f"""
            SELECT 'gdelt-' || trim(GLOBALEVENTID) AS id,
                   try_strptime(trim(SQLDATE), '%Y%m%d')::DATE AS day,
                   trim(Actor1CountryCode) AS actor_code, trim(Actor2CountryCode) AS target_code,
                   trim(Actor1Name) AS actor_name, trim(Actor2Name) AS target_name,
                   trim(EventCode) AS cameo,
                   TRY_CAST(GoldsteinScale AS DOUBLE) AS goldstein,
                   TRY_CAST(NumMentions AS INTEGER) AS weight,
                   trim(SOURCEURL) AS source, NULL::VARCHAR AS publisher
            FROM {reader}"""
        return self._import_staged(staged, path, dataset, "GDELT", dry_run, progress)

    def import_icews(self, path: Path, columns: Iterable[str], *, dataset: str,
                     dry_run: bool = False,
                     progress: Callable[[float], None] | None = None) -> ImportSummary:
        """Import an ICEWS coded event file (tab-separated, header, ``NA`` for missing).

        Each row becomes a day-precision event ``icews-<Event ID>-<Event Date>`` (the Event ID
        is unique only with its date) titled "Source Name → Target Name: event text", its
        CAMEO code and Intensity (as Goldstein value) kept, country names mapped to ISO, and
        the publisher as its source.
        """
        reader = _read_tsv(path, columns, header=True)
        staged = f"""
            SELECT 'icews-' || trim("Event ID") || '-' || trim("Event Date") AS id,
                   try_strptime(trim("Event Date"), '%Y-%m-%d')::DATE AS day,
                   trim("Source Country") AS actor_code, trim("Target Country") AS target_code,
                   trim("Source Name") AS actor_name, trim("Target Name") AS target_name,
                   trim("CAMEO Code") AS cameo,
                   TRY_CAST(Intensity AS DOUBLE) AS goldstein, NULL::INTEGER AS weight,
                   NULL::VARCHAR AS source, trim(Publisher) AS publisher
            FROM {reader}"""
        return self._import_staged(staged, path, dataset, "ICEWS", dry_run, progress,
                                   countries_by_name=True)

    def _import_staged(self, staged: str, path: Path, dataset: str, origin: str,
                       dry_run: bool, progress: Callable[[float], None] | None,
                       countries_by_name: bool = False) -> ImportSummary:
        """Read a file through ``staged`` (a SELECT of the common columns), then check, map
        and insert its rows in one transaction."""
        from .cameo import cameo_countries, cameo_events, icews_country  # data, not SQL

        db = self._db
        summary = ImportSummary(file=str(path), dataset=dataset)
        with self._transaction():
            # Read once into memory (the slow part, so it reports progress), then map: the
            # lookups are joins on the small code tables, cheaper here than while reading.
            _run_with_progress(db, f"CREATE OR REPLACE TEMP TABLE staged AS {staged}",
                               progress)
            db.register("cameo_events_frame", cameo_events())
            if countries_by_name:
                names = [row[0] for row in db.execute(
                    "SELECT DISTINCT name FROM (SELECT actor_code AS name FROM staged UNION "
                    "SELECT target_code FROM staged) WHERE name IS NOT NULL").fetchall()]
                countries = pd.DataFrame({"code": names,
                                          "iso3": [icews_country(n) for n in names]})
                countries["label"] = None
            else:
                countries = cameo_countries()
            db.register("actor_countries_frame", countries)
            summary.rows = db.execute("SELECT count(*) FROM staged").fetchone()[0]
            db.execute(f"""
                CREATE OR REPLACE TEMP TABLE incoming AS
                SELECT s.*, ev.type, a.iso3 AS actor, t.iso3 AS target,
                       nullif(t.iso3, a.iso3) AS other,  -- a country acting on itself: once
                       left(regexp_replace(
                           coalesce(a.label, s.actor_name, 'Unknown actor')
                           || coalesce(' → ' || coalesce(t.label, s.target_name), '')
                           || ': ' || ev.label, '[\\x00-\\x1f]', '', 'g'), {MAX_TITLE}) AS title,
                       CASE
                         WHEN s.id IS NULL THEN 'with no event ID'
                         WHEN s.day IS NULL OR year(s.day) NOT BETWEEN {MIN_YEAR} AND {MAX_YEAR}
                           THEN 'with no valid date'
                         WHEN ev.code IS NULL THEN 'with an unknown CAMEO event code'
                       END AS problem
                FROM staged s
                LEFT JOIN cameo_events_frame ev ON ev.code = s.cameo
                LEFT JOIN actor_countries_frame a ON a.code = s.actor_code
                LEFT JOIN actor_countries_frame t ON t.code = s.target_code""")
            db.execute("DROP TABLE staged")
            # The first row of each event ID is kept (a grouping, not a window over every
            # row: a fifth of the time at ten million rows).
            db.execute("""
                UPDATE incoming SET problem = 'repeated in the file'
                WHERE rowid IN (
                    SELECT unnest(list(rowid ORDER BY rowid)[2:]) FROM incoming
                    WHERE problem IS NULL AND id IN (
                        SELECT id FROM incoming WHERE problem IS NULL
                        GROUP BY id HAVING count(*) > 1)
                    GROUP BY id)""")
            db.execute("UPDATE incoming SET problem = 'already stored' "
                       "WHERE problem IS NULL AND id IN (SELECT id FROM events)")
            summary.skipped = dict(db.execute(
                "SELECT problem, count(*) FROM incoming WHERE problem IS NOT NULL "
                "GROUP BY problem ORDER BY count(*) DESC, problem").fetchall())
            summary.imported = summary.rows - sum(summary.skipped.values())
            if dry_run:
                summary.written = False
                db.execute("DROP TABLE incoming")
                return summary
            self._ensure_dataset(dataset, f"{origin} events imported from {path.name}")
            # An event's key is the first free key plus its row number: no nextval per row.
            first_key = db.execute("SELECT nextval('event_key')").fetchone()[0]
            db.execute("SELECT setval('event_key', ?)",
                       [first_key + db.execute("SELECT coalesce(max(rowid) + 1, 0) "
                                               "FROM incoming").fetchone()[0]])
            keyed = f"SELECT {int(first_key)} + rowid AS key, * FROM incoming WHERE problem IS NULL"
            db.execute(f"""
                INSERT INTO events ({", ".join(_EVENT_COLUMNS)})
                SELECT key, id, ?, day, 'day', NULL, NULL, day, title, '', actor, target, type,
                       [], cameo, goldstein, weight, lower(title),
                       list_filter([actor, other], lambda c: c IS NOT NULL)
                FROM ({keyed}) ORDER BY day""", [dataset])  # by date: date filters skip blocks
            country_rows = f"""
                SELECT key, actor AS country, 0 AS position, ? AS dataset, day AS first_day,
                       day AS last_day, type, '|' || actor || coalesce('|' || other, '') || '|'
                       AS members, '||' AS earlier
                FROM ({keyed}) WHERE actor IS NOT NULL
                UNION ALL
                SELECT key, other, CASE WHEN actor IS NULL THEN 0 ELSE 1 END, ?, day, day,
                       type, coalesce('|' || actor, '') || '|' || other || '|',
                       coalesce('|' || actor, '') || '|'
                FROM ({keyed}) WHERE other IS NOT NULL"""
            db.execute(f"INSERT INTO event_countries ({', '.join(_COUNTRY_COLUMNS)}) "
                       f"SELECT * FROM ({country_rows}) ORDER BY country, first_day",
                       [dataset, dataset])
            self._count_in_months(country_rows, +1, [dataset, dataset])
            # A source that is no http(s) address ("BBC Monitoring") is kept as the publisher.
            db.execute(f"""
                INSERT INTO sources (key, position, publisher, url, published, quote)
                SELECT key, 0,
                       CASE WHEN is_web THEN regexp_extract(source, '^https?://([^/:?#]+)', 1)
                            ELSE left(coalesce(publisher, source, '{origin}'), 200) END,
                       CASE WHEN is_web THEN source ELSE '' END, NULL, ''
                FROM (SELECT key, source, publisher,
                             coalesce(regexp_matches(source, '^https?://[^\\s/?#]+\\S*$'), false)
                               AS is_web FROM ({keyed}))""")
            db.execute("DROP TABLE incoming")
        return summary

    def cursor(self) -> Store:
        """A store on its own cursor of this database, for one thread at a time.

        A DuckDB connection refuses a call while another thread's call runs; the dashboard
        shares one cached store between sessions and gives each script run a cursor.
        Closing the cursor leaves this store open.
        """
        return Store(self._connection(), self.path)

    def _connection(self) -> duckdb.DuckDBPyConnection:
        """A new connection to this database, with its own temporary tables."""
        return _quiet(self._db.cursor())

    # -- facets (issue 15) --

    def facets(self, event_filter: EventFilter = EventFilter(), *,
               limit: int = 8) -> dict[str, pd.DataFrame]:
        """How the matching events split by ``country``, ``type`` and ``decade``, as Datasette
        shows facets: one frame per facet with ``value`` (an alpha-3 code, a type code, or a
        decade's first year as text) and ``events``. Countries and types come most frequent
        first (ties by value), at most ``limit`` of them; decades in order, all of them.

        The matching events are found once, into a temporary table the three counts read.
        """
        matched, params = _matched(event_filter)
        with self._connection() as db:  # its own: the temporary table stays private
            db.execute(f"CREATE TEMP TABLE faceted AS SELECT key, first_day FROM ({matched})",
                       params)
            countries = db.execute("""
                SELECT c.country AS value, count(*) AS events FROM event_countries c
                WHERE c.key IN (SELECT key FROM faceted)
                GROUP BY c.country ORDER BY events DESC, value LIMIT ?""", [limit]).df()
            types = db.execute("""
                SELECT e.type AS value, count(*) AS events FROM events e
                WHERE e.key IN (SELECT key FROM faceted)
                GROUP BY e.type ORDER BY events DESC, value LIMIT ?""", [limit]).df()
            decades = db.execute("""
                SELECT CAST(year(first_day) // 10 * 10 AS VARCHAR) AS value,
                       count(*) AS events
                FROM faceted GROUP BY ALL ORDER BY value""").df()
        return {"country": countries, "type": types, "decade": decades}


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
               read_only: bool = False, memory_limit: str | None = None) -> Store:
    """Open (creating and upgrading as needed) the database at ``path``.

    ``path`` defaults to :func:`default_db_path`; ``":memory:"`` gives a database that lives
    only as long as the store. When the database is new and ``seed`` names an events file,
    its events are loaded first, in the same transaction as the schema. ``memory_limit``
    ("256MB") caps DuckDB's buffers, which otherwise grow to most of the machine's memory;
    work beyond it spills to disk.
    """
    target = Path(path) if path not in (None, ":memory:") else None
    if path is None:
        target = default_db_path()
    if target is not None:
        target.parent.mkdir(parents=True, exist_ok=True)
    config = {"memory_limit": memory_limit} if memory_limit else {}
    db = _quiet(duckdb.connect(str(target) if target else ":memory:", read_only=read_only,
                               config=config))
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


def _quiet(db: duckdb.DuckDBPyConnection) -> duckdb.DuckDBPyConnection:
    """The connection, not drawing DuckDB's own progress bar: it goes to standard output and
    would land inside `timeline list --format jsonl > file`. Progress is still tracked (for
    :func:`_run_with_progress`); the setting is per connection, so each cursor gets it too."""
    db.execute("SET enable_progress_bar_print = false")
    return db


def _upgrade(db: duckdb.DuckDBPyConnection) -> bool:
    """Bring the schema to :data:`SCHEMA_VERSION`; return True when the database was new."""
    db.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)")
    version = db.execute("SELECT coalesce(max(version), 0) FROM schema_version").fetchone()[0]
    if version > SCHEMA_VERSION:
        raise SchemaTooNew(f"the database is at schema version {version}; this program knows "
                           f"up to {SCHEMA_VERSION}: upgrade the program")
    if version == SCHEMA_VERSION:
        return False
    # An upgrade rewrites every row in one transaction: a cap meant for reading (the
    # dashboard's 256 MB) would stop it halfway at ten million events, so it runs uncapped,
    # once, and the cap comes back after.
    cap = db.execute("SELECT current_setting('memory_limit')").fetchone()[0]
    db.execute("RESET memory_limit")
    try:
        for number in range(version, SCHEMA_VERSION):
            with _Transaction(db):
                db.execute(MIGRATIONS[number])
                db.execute("INSERT INTO schema_version VALUES (?)", [number + 1])
    finally:
        db.execute("SET memory_limit = ?", [cap])
    return version == 0


def _where(event_filter: EventFilter) -> tuple[str, list[Any]]:
    """The filter as a SQL condition on ``events e`` and its parameters."""
    f = event_filter
    clauses, params = _row_conditions(f, "e")
    if f.countries:
        keys, key_params = _matching_keys(f)
        clauses.append(f"e.key IN (SELECT key FROM ({keys}))")
        params += key_params
    if f.text:
        clauses.append("contains(e.search_text, lower(?))")
        params.append(f.text)
    if f.source:
        clauses.append("e.key IN (SELECT key FROM sources "
                       "WHERE contains(lower(publisher || ' ' || url), lower(?)))")
        params.append(f.source)
    return " AND ".join(clauses), params


def _row_conditions(event_filter: EventFilter, table: str) -> tuple[list[str], list[Any]]:
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


def _matched(event_filter: EventFilter) -> tuple[str, list[Any]]:
    """A query of ``key, first_day``, one row per event the filter matches: from
    ``event_countries`` for a filter on countries alone, else from ``events``."""
    f = event_filter
    if f.countries and not (f.text or f.source):
        return _matching_keys(f)
    where, params = _where(f)
    return f"SELECT e.key, e.first_day FROM events e WHERE {where}", params


def _matching_keys(event_filter: EventFilter, anchor: str | None = None
                   ) -> tuple[str, list[Any]]:
    """A query of ``key, first_day, members``, one row per event involving any (or all) of
    the filter's countries that also passes its dataset, date and type conditions.

    For "any", an event's row is the one of its first country among the filter's; for
    "all", the row of ``anchor`` (one of the filter's countries: the rarest reads least).
    """
    f = event_filter
    clauses, params = _row_conditions(f, "c")
    codes = sorted(set(f.countries))
    if f.match == "all":
        names_all, names_params = _names(codes, "c.members", "AND")
        clauses += ["c.country = ?", names_all]
        params += [anchor or codes[0], *names_params]
    else:
        names_any, names_params = _names(codes, "c.earlier", "OR")
        clauses += [f"c.country IN ({', '.join('?' * len(codes))})", f"NOT {names_any}"]
        params += [*codes, *names_params]
    return (f"SELECT c.key, c.first_day, c.members FROM event_countries c "
            f"WHERE {' AND '.join(clauses)}", params)


def _names(codes: list[str], column: str, joiner: str) -> tuple[str, list[str]]:
    """A condition that ``column`` (delimited codes, "|PRK|CHN|") names any (``joiner``
    "OR") or all ("AND") of ``codes``, and its parameters ("|PRK|", ...)."""
    condition = "(" + f" {joiner} ".join([f"contains({column}, ?)"] * len(codes)) + ")"
    return condition, [_delimited([code]) for code in codes]


def _lane_counts(event_filter: EventFilter, period: str) -> tuple[str, list[Any]]:
    """A query of ``lane, period, events``: per country and period, the events involving the
    country that pass the filter's dataset, date and type conditions (not its countries).

    Whole months inside the date range are read from ``country_months``; the days at either
    end that do not fill a month (every day, for periods shorter than a month) from
    ``event_countries``.
    """
    f = event_filter
    rows, params = _row_conditions(f, "c")
    if _PERIODS.index(period) < _PERIODS.index("month"):
        return (f"SELECT c.country AS lane, date_trunc(?, c.first_day) AS period, "
                f"count(*) AS events FROM event_countries c WHERE {' AND '.join(rows)} "
                f"GROUP BY ALL", [period, *params])
    first, last = _whole_months(f.start, f.end)
    month_rows, month_params = _row_conditions(replace(f, start=None, end=None), "m")
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


def _whole_months(start: dt.date | None, end: dt.date | None) -> tuple[dt.date, dt.date]:
    """The first day of the first whole month in ``start``..``end`` and the last day of the
    last one (open ends reach the calendar's ends). 2024-06-10..2025-03-31 gives
    2024-07-01..2025-03-31; a range within one month gives a first day after the last."""
    first = dt.date.min if start is None else (
        start if start.day == 1 else _next_month(start))
    last = dt.date.max if end is None else (
        end if _next_month(end) - dt.timedelta(days=1) == end
        else end.replace(day=1) - dt.timedelta(days=1))
    return first, last


def _next_month(day: dt.date) -> dt.date:
    return (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1)


def _rarest(db: duckdb.DuckDBPyConnection, countries: Iterable[str]) -> str:
    """Of these countries, the one with the fewest stored events (by the monthly counts)."""
    codes = sorted(set(countries))
    counted = dict(db.execute(
        f"SELECT country, sum(events) FROM country_months "
        f"WHERE country IN ({', '.join('?' * len(codes))}) GROUP BY country", codes).fetchall())
    return min(codes, key=lambda code: (counted.get(code, 0), code))


def _check_version(event_id: str, expected: int | None, stored: Event | None,
                   version: int | None) -> None:
    if expected is not None and expected != version:
        raise EditConflict(event_id, expected, stored, version)


def _tables_for(events: list[Event], keys: list[int], dataset: str) -> dict[str, pd.DataFrame]:
    """The rows of each table for these events, as DataFrames ready to insert."""
    event_rows, country_rows, source_rows = [], [], []
    for key, event in zip(keys, events, strict=True):
        end = event.end_date
        event_rows.append((
            key, event.id, dataset, event.first_day, event.date.precision.value,
            end.first_day if end else None, end.precision.value if end else None,
            event.last_day, event.title, event.summary, event.actor, event.target, event.type,
            list(event.tags), event.cameo, event.goldstein, event.weight, _search_text(event),
            list(event.countries)))
        members = _delimited(event.countries)
        country_rows += [(key, code, n, dataset, event.first_day, event.last_day, event.type,
                          members, _delimited(event.countries[:n]))
                         for n, code in enumerate(event.countries)]
        source_rows += [(key, n, s.publisher, s.url, s.published, s.quote)
                        for n, s in enumerate(event.sources)]
    # Dates stay Python dates (object columns): DuckDB stores them as DATE, 1689 included.
    return {
        "events": pd.DataFrame(event_rows, columns=list(_EVENT_COLUMNS)),
        "event_countries": pd.DataFrame(country_rows, columns=list(_COUNTRY_COLUMNS)),
        "sources": pd.DataFrame(source_rows, columns=["key", "position", "publisher", "url",
                                                      "published", "quote"]),
    }


def _delimited(codes: Iterable[str]) -> str:
    """Country codes as stored in ``event_countries.members``: ("PRK", "CHN") → "|PRK|CHN|"."""
    return "|" + "|".join(codes) + "|"


def _search_text(event: Event) -> str:
    """Title, summary and quotes, lower-cased: what text search looks in. The searched text
    is lower-cased by the database (``lower(?)``); Python's lower() agrees with it."""
    quotes = (source.quote for source in event.sources if source.quote)
    return "\n".join((event.title, *filter(None, (event.summary, *quotes)))).lower()


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


def _read_tsv(path: Path, columns: Iterable[str], *, header: bool) -> str:
    """A ``read_csv`` call reading every column of a tab-separated file as text.

    No quoting (GDELT and ICEWS do not quote; a stray ``"`` is data), short rows padded with
    NULL, ``NA`` read as missing (ICEWS files were written by R).
    """
    spec = ", ".join(f"'{name}': 'VARCHAR'" for name in columns)
    literal = str(path).replace("'", "''")
    return (f"read_csv('{literal}', delim='\t', quote='', escape='', header={str(header).lower()}, "
            f"columns={{{spec}}}, null_padding=true, auto_detect=false, nullstr=['NA', ''])")


def _run_with_progress(db: duckdb.DuckDBPyConnection, sql: str,
                       progress: Callable[[float], None] | None) -> None:
    """Run a long statement, reporting the database's progress (0–1) every 0.2 s."""
    if progress is None:
        db.execute(sql)
        return
    failure: list[BaseException] = []

    def work() -> None:
        try:
            db.execute(sql)
        except BaseException as error:  # re-raised in the calling thread below
            failure.append(error)

    worker = threading.Thread(target=work)
    worker.start()
    while worker.is_alive():
        worker.join(0.2)
        done = db.query_progress()
        if done >= 0:
            progress(min(done / 100, 1.0))
    if failure:
        raise failure[0]
    progress(1.0)
