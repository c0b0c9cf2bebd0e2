"""The PostgreSQL engine: one timeline on a team's server, which several people edit at once.

A :class:`PostgresStore` names a database by URL (``postgresql://user@host:5432/db``; what
the URL leaves out comes from libpq's own variables — PGHOST, PGUSER, PGPASSWORD, … — and
``~/.pgpass``). Like the DuckDB engine it holds no connection while idle: each operation
connects, works in one transaction, and disconnects.

- Reads run in a ``REPEATABLE READ`` transaction that writes nothing but temporary tables:
  the count, the page and the lane counts of one overview see the same events, and never
  wait for a writer.
- Writes take turns: a write transaction first takes the timeline's advisory lock
  (:data:`WRITE_LOCK`), waiting up to ``$TIMELINE_BUSY_TIMEOUT`` seconds (default 30) for
  the writer before it, then raises :class:`DatabaseBusy` naming that writer. The rules of
  :class:`~timeline.store.base.Store` (read the stored version, check it, write) thus run
  as if alone: of two saves based on one version, the second sees the first's version and
  is refused, and nothing is lost. Edits take milliseconds; a large import holds the lock
  for as long as it runs.
- Filters are answered by the expressions of :mod:`timeline.store.portable`, compiled by
  Ibis to PostgreSQL's SQL; rows are written by ``COPY``.
- GDELT and ICEWS files are read and mapped by the bulk module (:mod:`timeline.store.bulk`)
  into a scratch DuckDB file, then copied in with ``COPY … (FORMAT csv)``.

Every error leaves as the store's own (:mod:`timeline.store.errors`), its message without
the URL's password.
"""

from __future__ import annotations

import collections
import contextlib
import itertools
import os
import tempfile
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import duckdb
import ibis
import ibis.expr.types as ir
import pandas as pd
import psycopg
from psycopg import errors as pg

from timeline.core.model import Event

from .base import ALIKE_CANDIDATES, Store, refuse_to_init, sorted_members
from .bulk import skip_stored
from .connection import busy_timeout, process_description
from .database import DuckDBStore
from .engines import redacted
from .errors import (
    DatabaseBusy,
    DatabaseUnusable,
    OutOfMemory,
    OutOfSpace,
    SchemaTooNew,
    StoreError,
)
from .pg_schema import PG_MIGRATIONS, TABLES_SQL, TRIGRAMS_SQL
from .reading import IbisReading
from .results import ImportSummary
from .rows import (
    COUNTRY_COLUMNS,
    EVENT_COLUMNS,
    SOURCE_COLUMNS,
    TABLES_BY_KEY,
)
from .schema import SCHEMA_VERSION

# Names of the temporary tables of overviews (each lives as long as its transaction).
_kept_tables = itertools.count()
# The timeline's write lock: pg_advisory_xact_lock's key ("timeline" in ASCII, as a number).
WRITE_LOCK = int.from_bytes(b"timeline", "big")
# Rows of country_months that dropped to zero are deleted; month deltas are folded in by
# this upsert, with ``{rows}`` selecting (dataset, country, type, month, events).
_FOLD_MONTHS = """
    INSERT INTO country_months (dataset, country, type, month, events)
    SELECT dataset, country, type, month, sum(events) FROM ({rows}) AS delta
    GROUP BY dataset, country, type, month
    ON CONFLICT (dataset, country, type, month)
    DO UPDATE SET events = country_months.events + excluded.events"""


class PostgresStore(IbisReading, Store):
    """A timeline in a PostgreSQL database. Open one with :func:`open_postgres` (or
    :func:`timeline.store.open_store` with a ``postgresql://`` URL)."""

    # A PostgreSQL sequence is not rolled back with its transaction (DuckDB's is): numbered
    # from the highest instead, which is safe as changes are only written under WRITE_LOCK.
    _next_change = "(SELECT coalesce(max(id), 0) + 1 FROM changes)"
    dialect = "postgres"

    def __init__(self, url: str, *, read_only: bool = False,
                 connection: _Connection | None = None, in_transaction: bool = False):
        super().__init__(read_only=read_only, connection=connection,
                         in_transaction=in_transaction)
        self.url = url

    @property
    def location(self) -> str:
        return redacted(self.url)

    def close(self) -> None:
        """Nothing to close: the store holds no connection while idle."""

    # -- connections ---------------------------------------------------------------------

    @contextmanager
    def _opened(self, *, write: bool) -> Iterator[_Connection]:
        with self._translated():
            raw = psycopg.connect(self.url, autocommit=True, application_name=_application(),
                                  connect_timeout=max(2, int(busy_timeout())))
        try:
            db = _Connection(raw)
            with self._translated():
                if write:
                    yield db
                    return
                # Not READ ONLY: an overview keeps its matching events in a temporary table.
                db.execute("BEGIN ISOLATION LEVEL REPEATABLE READ")
                yield db
                db.execute("COMMIT")
        finally:
            raw.close()

    def _begin(self, db: _Connection, *, write: bool) -> None:
        db.execute("BEGIN")
        if not write:
            return
        db.execute(f"SET LOCAL lock_timeout = '{max(1, int(busy_timeout() * 1000))}ms'")
        try:
            db.execute("SELECT pg_advisory_xact_lock(?)", [WRITE_LOCK])
        except pg.LockNotAvailable:
            db.execute("ROLLBACK")
            raise self._busy(db) from None
        db.execute("SET LOCAL lock_timeout = 0")

    def _busy(self, db: _Connection) -> DatabaseBusy:
        """Who holds the write lock, as :class:`DatabaseBusy`."""
        row = db.execute(
            "SELECT a.application_name, a.client_addr::text FROM pg_locks l "
            "JOIN pg_stat_activity a ON a.pid = l.pid WHERE l.locktype = 'advisory' "
            "AND l.granted AND l.database = (SELECT oid FROM pg_database "
            "WHERE datname = current_database()) LIMIT 1").fetchone()
        holder = (row[0] or f"a connection from {row[1] or 'this machine'}") if row \
            else "another writer"
        pid = _client_pid(holder)
        return DatabaseBusy(f"the database {self.location} is in use by {holder}; try again "
                            f"when it is done", holder=holder, pid=pid)

    def _keep(self, db: _Connection, events: ir.Table) -> ir.Table:
        """The events in a temporary table, dropped when the transaction ends."""
        name = f"kept_{next(_kept_tables)}"
        db.execute(f"CREATE TEMP TABLE {name} ON COMMIT DROP AS "
                   f"{ibis.to_sql(events, dialect=self.dialect)}")
        db.execute(f"ANALYZE {name}")
        return ibis.table(events.schema(), name=name)

    def _commit(self, db: _Connection) -> None:
        db.execute("COMMIT")

    def _rollback(self, db: _Connection) -> None:
        with contextlib.suppress(psycopg.OperationalError):  # a lost connection rolled back
            db.execute("ROLLBACK")

    def _bound(self, db: _Connection) -> PostgresStore:
        return PostgresStore(self.url, connection=db, in_transaction=True)

    def _frame(self, db: _Connection, sql: str, params: list[Any]) -> pd.DataFrame:
        cursor = db.execute(sql, params)
        return pd.DataFrame(cursor.fetchall(), columns=[c.name for c in cursor.description])

    @contextmanager
    def _translated(self) -> Iterator[None]:
        try:
            yield
        except psycopg.Error as error:
            raise translate(error, self.location, self.url) from error

    @property
    def schema_version(self) -> int:
        with self._read() as db:
            return _stored_version(db) or 0

    # -- writing rows ----------------------------------------------------------------------

    def _new_keys(self, db: _Connection, count: int) -> list[int]:
        return [row[0] for row in db.execute(
            "SELECT nextval('event_key') FROM generate_series(1, ?)", [count]).fetchall()]

    def _insert(self, db: _Connection, tables: dict[str, pd.DataFrame]) -> None:
        for table, frame in tables.items():
            with db.raw.cursor().copy(
                    f"COPY {table} ({', '.join(frame.columns)}) FROM STDIN") as copy:
                for row in _python_rows(frame):
                    copy.write_row(row)

    def _add_month_counts(self, db: _Connection, counts: collections.Counter) -> None:
        if not counts:
            return
        groups = list(counts.items())
        _fold_months(db, "SELECT * FROM unnest(?::text[], ?::text[], ?::text[], ?::date[], "
                         "?::bigint[]) AS delta (dataset, country, type, month, events)",
                     [[group[0] for group, _ in groups], [group[1] for group, _ in groups],
                      [group[2] for group, _ in groups], [group[3] for group, _ in groups],
                      [events for _, events in groups]])

    def _delete_where(self, db: _Connection, condition: str,
                      params: Iterable[Any] = ()) -> int:
        keys = [row[0] for row in db.execute(f"SELECT key FROM events WHERE {condition}",
                                             list(params)).fetchall()]
        if not keys:
            return 0
        _fold_months(db, "SELECT dataset, country, type, date_trunc('month', first_day)::date "
                         "AS month, -1 AS events FROM event_countries WHERE key = ANY(?)",
                     [keys])
        for table in TABLES_BY_KEY:
            db.execute(f"DELETE FROM {table} WHERE key = ANY(?)", [keys])
        return len(keys)

    def _in_list(self, column: str, values: list[Any]) -> tuple[str, list[Any]]:
        return f"{column} = ANY(?)", [values]

    def _alike_pairs(self, db: _Connection, events: list[Event], dataset: str,
                     change: int) -> list[tuple[str, str, str, str]]:
        # For each new event the stored ones with the closest titles by trigrams (pg_trgm),
        # at most ALIKE_CANDIDATES: a lateral join reads no more per event than that.
        return db.execute("""
            SELECT i.id, i.title, e.id, e.title
            FROM unnest(?::text[], ?::text[], ?::date[], ?::date[], ?::text[])
                 AS i (id, title, first_day, last_day, members)
            CROSS JOIN LATERAL (
                SELECT e.id, e.title, e.first_day FROM events e
                WHERE e.dataset = ? AND e.batch IS DISTINCT FROM ?
                  AND e.first_day <= i.last_day AND e.last_day >= i.first_day
                  AND '|' || array_to_string(ARRAY(SELECT code FROM unnest(e.countries)
                                                   AS code ORDER BY code COLLATE "C"), '|')
                      || '|' = i.members
                ORDER BY similarity(lower(e.title), lower(i.title)) DESC, e.first_day, e.id
                LIMIT ?) AS e
            ORDER BY i.id COLLATE "C", e.first_day, e.id""", [
            [e.id for e in events], [e.title for e in events],
            [e.first_day for e in events], [e.last_day for e in events],
            [sorted_members(e.countries) for e in events], dataset, change,
            ALIKE_CANDIDATES]).fetchall()

    def _bulk(self, db: _Connection, staged: str, path: Path, dataset: str, origin: str,
              progress: Callable[[float], None] | None, countries_by_name: bool,
              batch: int) -> ImportSummary:
        """The bulk module reads and maps the file into a scratch DuckDB file, as it does
        for the DuckDB engine; its rows are then copied in, less the ids stored already."""
        with tempfile.TemporaryDirectory(prefix="timeline-pg-import-") as folder, \
                DuckDBStore.scratch_import(Path(folder), staged, path, dataset, origin,
                                           progress, countries_by_name, batch
                                           ) as (scratch, summary):
            _drop_stored(db, scratch, summary, dataset, Path(folder))
            _copy_in(db, scratch, Path(folder))
        return summary


class _Connection:
    """A psycopg connection speaking the store's SQL: ``?`` for a parameter. ``raw`` is the
    psycopg connection itself (for ``COPY``)."""

    def __init__(self, raw: psycopg.Connection):
        self.raw = raw

    def execute(self, sql: str, params: list[Any] | None = None) -> psycopg.Cursor:
        cursor = self.raw.cursor()
        if params:
            cursor.execute(placeholders(sql), params)
        else:
            cursor.execute(sql)  # not parsed for placeholders: '%' in SQL stays as it is
        return cursor


def placeholders(sql: str) -> str:
    """The store's SQL in psycopg's parameter style: ``?`` becomes ``%s`` and a literal
    ``%`` becomes ``%%``, outside and inside quoted literals alike (psycopg reads both)."""
    out, quoted = [], False
    for char in sql:
        if char == "'":
            quoted = not quoted
        out.append("%s" if char == "?" and not quoted else "%%" if char == "%" else char)
    return "".join(out)


def _application() -> str:
    """What the server shows for this connection (``pg_stat_activity``), and the busy
    message names: "timeline add (pid 4242)"."""
    pid = os.getpid()
    return f"{process_description(pid) or 'timeline'} (pid {pid})"[-63:]


def _client_pid(application: str) -> int | None:
    tail = application.rsplit("(pid ", 1)
    return int(tail[1].rstrip(")")) if len(tail) == 2 and tail[1].rstrip(")").isdigit() \
        else None


def _python_rows(frame: pd.DataFrame) -> Iterator[tuple[Any, ...]]:
    """A frame's rows as plain Python values for ``COPY`` (``None`` for any missing one)."""
    columns = [[None if not isinstance(value, list) and pd.isna(value) else value
                for value in frame[name].tolist()] for name in frame.columns]
    return zip(*columns, strict=True)


def _fold_months(db: _Connection, rows: str, params: list[Any]) -> None:
    """Add the monthly counts of ``rows`` into ``country_months``; drop groups at zero."""
    db.execute(_FOLD_MONTHS.format(rows=rows), params)
    db.execute("DELETE FROM country_months WHERE events = 0")


def _drop_stored(db: _Connection, scratch: duckdb.DuckDBPyConnection, summary: ImportSummary,
                 dataset: str, folder: Path) -> None:
    """Take the events whose id is stored already out of the scratch file, counted in the
    summary as the DuckDB engine counts them (in this dataset: a re-import adds nothing; in
    another: never taken over)."""
    db.execute('CREATE TEMP TABLE incoming_ids (id TEXT COLLATE "C") ON COMMIT DROP')
    _copy_rows(db, scratch, "SELECT id FROM events", "incoming_ids", ("id",), folder)
    stored = db.execute("SELECT e.id, e.dataset FROM incoming_ids i JOIN events e "
                        "ON e.id = i.id").fetchall()
    db.execute("DROP TABLE incoming_ids")
    if not stored:
        return
    skip_stored(scratch, summary, pd.DataFrame(stored, columns=["id", "dataset"]), dataset)


def _copy_in(db: _Connection, scratch: duckdb.DuckDBPyConnection, folder: Path) -> None:
    """Copy the scratch file's events in under keys of their own, by way of CSV files
    (DuckDB writes them, ``COPY … FROM STDIN (FORMAT csv)`` reads them), and count them into
    ``country_months``."""
    highest = scratch.execute("SELECT max(key) FROM events").fetchone()[0]
    if highest is None:
        return
    first = db.execute("SELECT nextval('event_key')").fetchone()[0]
    db.execute("SELECT setval('event_key', ?)", [first + highest - 1])
    shift = first - 1
    arrays = {"tags", "countries"}
    for table, columns in (("events", EVENT_COLUMNS), ("event_countries", COUNTRY_COLUMNS),
                           ("sources", SOURCE_COLUMNS)):
        selected = ", ".join(
            f"key + {int(shift)}" if name == "key" else
            _array_literal(name) if table == "events" and name in arrays else name
            for name in columns)
        _copy_rows(db, scratch, f"SELECT {selected} FROM {table}", table, columns, folder)
    months = scratch.execute(
        "SELECT dataset, country, type, date_trunc('month', first_day)::DATE AS month, "
        "count(*) AS events FROM event_countries GROUP BY ALL").fetchall()
    if months:
        _fold_months(db, "SELECT * FROM unnest(?::text[], ?::text[], ?::text[], ?::date[], "
                         "?::bigint[]) AS m (dataset, country, type, month, events)",
                     [list(column) for column in zip(*months, strict=True)])
    # The planner's statistics, now rather than when autovacuum comes by: without them the
    # first queries after a large import pick plans for empty tables (seconds, not ms).
    db.execute("ANALYZE events; ANALYZE event_countries; ANALYZE sources; "
               "ANALYZE country_months")


def _copy_rows(db: _Connection, scratch: duckdb.DuckDBPyConnection, select: str, table: str,
               columns: Iterable[str], folder: Path) -> None:
    """Copy the rows of a scratch query into ``table`` on the server: DuckDB writes them as
    CSV (NULL unquoted and empty, "" an empty text), ``COPY … (FORMAT csv)`` reads them."""
    csv = folder / f"{table}.csv"
    scratch.execute(f"COPY ({select}) TO '{csv}' (HEADER false)")
    with csv.open("rb") as stream, db.raw.cursor().copy(
            f"COPY {table} ({', '.join(columns)}) FROM STDIN (FORMAT csv)") as copy:
        while chunk := stream.read(1 << 20):
            copy.write(chunk)
    csv.unlink()


def _array_literal(column: str) -> str:
    """DuckDB SQL writing a list of text as a PostgreSQL array literal: ["a", "b"] → {"a","b"}."""
    quoted = (f"list_transform({column}, lambda x: '\"' || replace(replace(x, '\\', '\\\\'), "
              f"'\"', '\\\"') || '\"')")
    return f"'{{' || array_to_string({quoted}, ',') || '}}' AS {column}"


# -- opening and creating -------------------------------------------------------------------


def open_postgres(url: str, *, seed: Path | None = None, read_only: bool = False,
                  memory_limit: str | None = None) -> PostgresStore:
    """The timeline in the database at ``url``. :class:`DatabaseUnusable` when the server
    cannot be reached or the database holds no timeline (``timeline init`` makes one: a
    server's database is never written to unasked), :class:`SchemaTooNew` for one of a
    newer program. ``seed`` and ``memory_limit`` are DuckDB's: they do not apply here."""
    store = PostgresStore(url, read_only=read_only)
    with store._read() as db:
        version, tables = _stored_version(db), _table_names(db)
    if version is None:
        held = f"its tables: {', '.join(tables[:5])}" if tables else "no tables"
        raise DatabaseUnusable(f"{store.location} holds no timeline ({held}): create one with "
                               f"`timeline init --db URL`")
    if version > SCHEMA_VERSION:
        raise SchemaTooNew(f"{store.location} is at schema version {version}; this program "
                           f"knows up to {SCHEMA_VERSION}: upgrade the program")
    if version < SCHEMA_VERSION:
        with store._write() as db:
            for number in range(version, SCHEMA_VERSION):
                db.execute(PG_MIGRATIONS[number - 4])
                db.execute("INSERT INTO schema_version VALUES (?)", [number + 1])
    return store


def init_postgres(url: str, *, seed: Path | None = None) -> PostgresStore:
    """Create the timeline's tables (and load ``seed``) in the database at ``url``, which
    must hold none of them."""
    store = PostgresStore(url)
    with store.writing() as session, session._connection(write=True) as db:
        refuse_to_init(store.location, _stored_version(db), _table_names(db))
        db.execute(TABLES_SQL)
        db.execute("SAVEPOINT trigrams")
        try:
            db.execute(TRIGRAMS_SQL)
        except psycopg.Error:  # no pg_trgm on this server: text search reads every event
            db.execute("ROLLBACK TO SAVEPOINT trigrams")
        if seed is not None:
            from timeline.files.formats import (
                read_events_file,  # formats builds on the model, not the store
            )

            session.add_events(read_events_file(seed), author="timeline", label=seed.name)
    return store


def _stored_version(db: _Connection) -> int | None:
    if db.execute("SELECT to_regclass('schema_version')").fetchone()[0] is None:
        return None
    return db.execute("SELECT coalesce(max(version), 0) FROM schema_version").fetchone()[0]


def _table_names(db: _Connection) -> list[str]:
    return [row[0] for row in db.execute(
        "SELECT table_name FROM information_schema.tables "
        "WHERE table_schema = current_schema() ORDER BY table_name").fetchall()]


def translate(error: psycopg.Error, where: str, url: str) -> StoreError:
    """The store's exception for a psycopg error: one line a person can act on, without the
    password of ``url`` (``where`` is the URL as shown)."""
    text = str(error).strip()
    secrets = {psycopg.conninfo.conninfo_to_dict(url).get("password"), urlsplit(url).password}
    for secret in filter(None, secrets):
        text = text.replace(str(secret), "***")
    reason = " ".join(text.split())[:300] or type(error).__name__
    if isinstance(error, pg.DiskFull):
        return OutOfSpace(f"the server's disk is full while writing {where}; nothing was "
                          f"changed")
    if isinstance(error, pg.OutOfMemory):
        return OutOfMemory(f"the server ran out of memory working on {where} ({reason})")
    if isinstance(error, pg.InsufficientPrivilege | pg.ReadOnlySqlTransaction):
        return DatabaseUnusable(f"{where} cannot be written ({reason}): ask for write access, "
                                f"or only read it")
    if isinstance(error, pg.UndefinedTable | pg.UndefinedColumn):
        return DatabaseUnusable(f"{where} is not a timeline database of this program "
                                f"({reason})")
    if isinstance(error, psycopg.OperationalError):
        return DatabaseUnusable(f"cannot use {where}: {reason}")
    return StoreError(f"the database failed: {reason}")
