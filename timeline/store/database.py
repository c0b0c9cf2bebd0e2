"""The DuckDB engine: the events database as one file on this machine (the default).

A :class:`DuckDBStore` names a file; it holds no connection while idle. Each operation opens
one (read-only for reads, so other processes may read at the same time; read-write for
writes, waiting while another process writes) and closes it after, so the dashboard never
keeps the command line out. The rules every engine keeps (history, undo, look-alikes,
datasets) are :class:`~timeline.store.base.Store`'s; this module writes and reads the rows,
and answers filters with the queries of :mod:`timeline.store.query`, tuned for DuckDB at ten
million events.
"""

from __future__ import annotations

import collections
from collections.abc import Iterable, Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd

from timeline.core.filters import EventFilter
from timeline.core.model import Event

from . import query as sql
from . import words
from .base import ALIKE_CANDIDATES, Store, refuse_to_init, sorted_members
from .bulk import import_staged
from .connection import check_file, connect, kept_open, opened, translated_errors
from .errors import DatabaseUnusable, SchemaTooNew
from .results import ImportSummary, Overview
from .rows import TABLES_BY_KEY, event_from_row, finish_page
from .schema import SCHEMA_VERSION, stored_version, upgrade


class DuckDBStore(Store):
    """A DuckDB file. ``path`` is the file (``None``: in memory, kept on one connection for
    the store's life); ``memory_limit`` caps DuckDB's buffers."""

    def __init__(self, path: Path | None, *, memory_limit: str | None = None,
                 read_only: bool = False,
                 connection: duckdb.DuckDBPyConnection | None = None,
                 in_transaction: bool = False):
        super().__init__(read_only=read_only, connection=connection,
                         in_transaction=in_transaction)
        self.path = path
        self._memory_limit = memory_limit

    @property
    def location(self) -> str:
        return str(self.path or ":memory:")

    def close(self) -> None:
        """Close the connection an in-memory store keeps; a file's store holds none."""
        if self._held is not None and not self._in_transaction:
            self._held.close()

    # -- connections ---------------------------------------------------------------------

    @contextmanager
    def _opened(self, *, write: bool) -> Iterator[duckdb.DuckDBPyConnection]:
        with opened(self.path, write=write, memory_limit=self._memory_limit) as db, \
                self._translated():
            yield db

    def _translated(self) -> AbstractContextManager[None]:
        return translated_errors(self.path)

    @contextmanager
    def reading(self, *, linger: float = 0.0) -> Iterator[DuckDBStore]:
        """Keeps the file open for the block and ``linger`` seconds after: each question's
        own connection then finds it open in DuckDB (0.5 ms) instead of opening it (13–20 ms;
        a page's run asks 4 to 6), and the next block finds DuckDB's cache warm. While
        another process writes, it does not wait: each question waits its turn."""
        if self._held is not None:
            yield self
            return
        with kept_open(self.path, memory_limit=self._memory_limit, linger=linger):
            yield self

    # DuckDB lets one process write a file at a time (connection.py waits for it), so a
    # write transaction has the database to itself as soon as it has a connection.
    def _begin(self, db: duckdb.DuckDBPyConnection, *, write: bool) -> None:
        db.begin()

    def _commit(self, db: duckdb.DuckDBPyConnection) -> None:
        db.commit()

    def _rollback(self, db: duckdb.DuckDBPyConnection) -> None:
        db.rollback()

    def _bound(self, db: duckdb.DuckDBPyConnection) -> DuckDBStore:
        return DuckDBStore(self.path, memory_limit=self._memory_limit, connection=db,
                           in_transaction=True)

    def _frame(self, db: duckdb.DuckDBPyConnection, sql: str, params: list[Any]
               ) -> pd.DataFrame:
        return db.execute(sql, params).df()

    @property
    def schema_version(self) -> int:
        with self._read() as db:
            return stored_version(db) or 0

    # -- writing rows ----------------------------------------------------------------------

    def _new_keys(self, db: duckdb.DuckDBPyConnection, count: int) -> list[int]:
        return [row[0] for row in db.execute(
            "SELECT nextval('event_key') FROM range(?)", [count]).fetchall()]

    def _insert(self, db: duckdb.DuckDBPyConnection, tables: dict[str, pd.DataFrame]) -> None:
        for table, frame in tables.items():
            # A relation, not a registered frame: DuckDB would keep each registered frame
            # until the transaction commits, a batch's worth of memory per batch.
            db.from_df(frame[db.table(table).columns]).insert_into(table)
        keys = tables["events"]["key"].tolist() if "events" in tables else []
        if keys:
            words.index_events(db, "key IN (SELECT unnest(?))", [keys])

    def _add_month_counts(self, db: duckdb.DuckDBPyConnection,
                          counts: collections.Counter) -> None:
        if not counts:
            return
        frame = pd.DataFrame([(*group, events) for group, events in counts.items()],
                             columns=["dataset", "country", "type", "month", "events"])
        db.execute("CREATE OR REPLACE TEMP TABLE month_delta AS SELECT * FROM country_months "
                   "LIMIT 0")
        db.from_df(frame).insert_into("month_delta")
        _fold_month_delta(db)

    def _in_list(self, column: str, values: list[Any]) -> tuple[str, list[Any]]:
        return f"{column} IN (SELECT unnest(?))", [values]

    def _alike_pairs(self, db: duckdb.DuckDBPyConnection, events: list[Event],
                     dataset: str, change: int) -> list[tuple[str, str, str, str]]:
        incoming = pd.DataFrame({
            "id": [e.id for e in events], "title": [e.title for e in events],
            "first_day": [e.first_day for e in events],
            "last_day": [e.last_day for e in events],
            "members": [sorted_members(e.countries) for e in events]})
        db.register("incoming_events", incoming)
        try:
            # The closest stored titles per new one by Jaro–Winkler, kept as DuckDB joins
            # (arg_max of n keeps n per group); the batch's date span bounds the scan of
            # events, which are sorted by day.
            candidates = db.execute("""
                SELECT i.id, i.title,
                       arg_max([e.id, e.title],
                               jaro_winkler_similarity(lower(i.title), lower(e.title)), ?)
                FROM incoming_events i JOIN events e
                  ON e.dataset = ? AND e.batch IS DISTINCT FROM ?
                 AND e.first_day <= i.last_day AND e.last_day >= i.first_day
                 AND e.first_day <= ? AND e.last_day >= ?
                 AND '|' || array_to_string(list_sort(e.countries), '|') || '|' = i.members
                GROUP BY i.id, i.title ORDER BY i.id""",
                [ALIKE_CANDIDATES, dataset, change, max(incoming["last_day"]),
                 min(incoming["first_day"])]).fetchall()
        finally:
            db.unregister("incoming_events")
        return [(new_id, new_title, old_id, old_title)
                for new_id, new_title, stored in candidates for old_id, old_title in stored]

    def _delete_where(self, db: duckdb.DuckDBPyConnection, condition: str,
                      params: Iterable[Any] = ()) -> int:
        """Delete the events matching a condition on ``events``, with their rows elsewhere."""
        db.execute(f"CREATE OR REPLACE TEMP TABLE doomed_keys AS "
                   f"SELECT key FROM events WHERE {condition}", list(params))
        self._count_in_months(db, "SELECT * FROM event_countries "
                                  "WHERE key IN (SELECT key FROM doomed_keys)", -1)
        for table in TABLES_BY_KEY:
            db.execute(f"DELETE FROM {table} WHERE key IN (SELECT key FROM doomed_keys)")
        words.forget_events(db, "SELECT key FROM doomed_keys")
        removed = db.execute("SELECT count(*) FROM doomed_keys").fetchone()[0]
        db.execute("DROP TABLE doomed_keys")
        return removed

    @staticmethod
    def _count_in_months(db: duckdb.DuckDBPyConnection, rows: str, sign: int,
                         params: Iterable[Any] = ()) -> None:
        """Count the ``event_countries`` rows that ``rows`` selects into ``country_months``
        (``sign`` +1, as they are written) or out of it (-1, before they are deleted)."""
        db.execute(f"""
            CREATE OR REPLACE TEMP TABLE month_delta AS
            SELECT dataset, country, type, date_trunc('month', first_day::DATE)::DATE AS month,
                   {int(sign)} * count(*) AS events
            FROM ({rows}) GROUP BY ALL""", list(params))
        _fold_month_delta(db)


    # -- bulk imports: GDELT and ICEWS files, read and mapped by the database itself ------

    def _bulk(self, db: duckdb.DuckDBPyConnection, staged: str, path: Path, dataset: str,
              origin: str, progress: Any, countries_by_name: bool, batch: int) -> Any:
        # Keys only grow: the import's events are those of its batch above the largest key
        # before it (a change may import several files).
        # (fetchall: a result left open would stop the import registering its tables.)
        [(before,)] = db.execute("SELECT coalesce(max(key), 0) FROM events").fetchall()
        summary = import_staged(db, staged, path, dataset, origin, progress, countries_by_name,
                                batch=batch, count_in_months=self._count_in_months)
        words.index_events(db, "batch = ? AND key > ?", [batch, before])
        return summary

    @classmethod
    @contextmanager
    def scratch_import(cls, folder: Path, staged: str, path: Path, dataset: str, origin: str,
                       progress: Any, countries_by_name: bool, batch: int
                       ) -> Iterator[tuple[duckdb.DuckDBPyConnection, ImportSummary]]:
        """The file read and mapped into a new DuckDB file in ``folder`` (256 MB of buffers)
        as this engine stores it: that connection and the import's summary, for another
        engine to copy the rows from; closed when the block ends."""
        scratch = duckdb.connect(str(folder / "scratch.duckdb"),
                                 config={"memory_limit": "256MB"})
        try:
            upgrade(scratch)
            yield scratch, import_staged(scratch, staged, path, dataset, origin, progress,
                                         countries_by_name, batch=batch,
                                         count_in_months=cls._count_in_months)
        finally:
            scratch.close()

    # -- reading -------------------------------------------------------------------------

    def _matched(self, db: duckdb.DuckDBPyConnection, event_filter: EventFilter
                 ) -> sql.Query:
        """:func:`timeline.store.query.matched` for the filter, kept to the datasets in use."""
        f = self._visible(db, event_filter)
        return sql.matched(f, _text_keys(db, f))

    def count(self, event_filter: EventFilter = EventFilter()) -> int:
        """How many stored events the filter matches."""
        with self._read() as db:
            matched, params = self._matched(db, event_filter)
            return db.execute(f"SELECT count(*) FROM ({matched})", params).fetchone()[0]

    def query(self, event_filter: EventFilter = EventFilter(), *, limit: int | None = None,
              offset: int = 0) -> pd.DataFrame:
        """The matching events by date then id (columns: :meth:`Store.query`): the whole
        match in one query, or a page bounded by its first and last day."""
        with self._read() as db:
            if limit is None:
                f = self._visible(db, event_filter)
                condition, params = sql.where(f, _text_keys(db, f))
                return _select(db, condition, params)
            matched, params = self._matched(db, event_filter)
            return _page(db, matched, params, limit, offset)

    def events(self, event_filter: EventFilter = EventFilter(), *,
               batch_size: int = 10_000) -> Iterator[Event]:
        """The matching events, by date then id, ``batch_size`` at a time: each event's
        place in the order is numbered once, and a batch is a range of places. The database
        stays open for reading until the last event is taken (or the iterator is closed)."""
        with self._read() as db:
            matched, params = self._matched(db, event_filter)
            # Each event's place in the order, once; a batch is then a range of places.
            db.execute(f"""
                CREATE OR REPLACE TEMP TABLE export_order AS
                SELECT e.key, row_number() OVER (ORDER BY e.first_day, e.id) AS place
                FROM events e WHERE e.key IN (SELECT key FROM ({matched}))
                ORDER BY place""", params)
            total = db.execute("SELECT count(*) FROM export_order").fetchone()[0]
            try:
                for first in range(1, total + 1, batch_size):
                    batch = _select(
                        db, "e.key IN (SELECT key FROM export_order WHERE place BETWEEN ? AND ?)",
                        [first, first + batch_size - 1])
                    for row in batch.itertuples(index=False):
                        yield event_from_row(row)
            finally:
                db.execute("DROP TABLE IF EXISTS export_order")

    def _get(self, db: duckdb.DuckDBPyConnection, event_id: str) -> Event | None:
        rows = _select(db, "e.id = ?", [event_id])
        return next((event_from_row(row) for row in rows.itertuples(index=False)), None)

    def facets(self, event_filter: EventFilter = EventFilter(), *,
               limit: int = 8) -> dict[str, pd.DataFrame]:
        """See :meth:`Store.facets`. The matching events are found once, into a temporary
        table the three counts read."""
        with self._read() as db:
            matched, params = self._matched(db, event_filter)
            db.execute(f"CREATE OR REPLACE TEMP TABLE faceted AS SELECT key, first_day "
                       f"FROM ({matched})", params)
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
            db.execute("DROP TABLE faceted")
        return {"country": countries, "type": types, "decade": decades}

    def overview(self, event_filter: EventFilter = EventFilter(), *,
                 lanes: Iterable[str] | None = None, lane_limit: int = 8,
                 period: str = "year", page_size: int = 100) -> Overview:
        """Count, first page, lanes and per-lane per-period counts (:meth:`Store.overview`).

        Each answer reads as little as it can: a filter on countries reads one row per
        matching event from ``event_countries`` (sorted by country, so other countries' rows
        are skipped unread); lane counts for the filter's own countries, or for no country
        filter, come from the monthly counts in ``country_months``; text and source filters
        filters on text read the rows of the searched words in ``event_words``
        (:mod:`timeline.store.words`), which hold the same columns; source filters run once
        over ``events``. Text and source filters' matches go into a temporary table that the
        four answers then read.
        """
        if period not in sql.PERIODS:
            raise ValueError(f"{period!r} is not a period ({', '.join(sql.PERIODS)})")
        lanes = None if lanes is None else list(lanes)
        with self._read() as db:
            f = self._visible(db, event_filter)
            if f.text and not f.source:
                keys, params = _text_keys(db, f)
                db.execute(f"CREATE OR REPLACE TEMP TABLE matched AS {keys}", params)
                matched, matched_params = "SELECT * FROM matched", []
            elif f.source:
                condition, params = sql.where(f, _text_keys(db, f))
                db.execute(f"CREATE OR REPLACE TEMP TABLE matched AS SELECT e.key, e.first_day, "
                           f"'|' || array_to_string(e.countries, '|') || '|' AS members "
                           f"FROM events e WHERE {condition}", params)
                matched, matched_params = "SELECT * FROM matched", []
            elif f.countries:
                anchor = sql.rarest(db, f.countries) if f.match == "all" else None
                matched, matched_params = sql.matching_keys(f, anchor)
            else:
                matched, matched_params = sql.matched(f)
            # Lanes whose counts the monthly table holds: no country filter, or "any" of the
            # filter's countries drawn as lanes (a lane country's events are then exactly its
            # rows passing the other conditions).
            monthly = not (f.text or f.source) and (
                not f.countries or (f.match == "any" and lanes is not None
                                    and set(lanes) <= set(f.countries)))
            # Every event matching "all" of the filter's countries involves each of them: a
            # lane among them counts the matched events themselves (no split by countries),
            # and their sum is the count (one pass over the matches, not two: 22 ms of 76
            # for USA and CHN at 10M events).
            own = (not monthly and f.match == "all" and bool(lanes)
                   and set(lanes) <= set(f.countries))
            if own:
                db.execute(f"CREATE OR REPLACE TEMP TABLE periods AS "
                           f"SELECT date_trunc(?, first_day) AS period, count(*) AS events "
                           f"FROM ({matched}) GROUP BY ALL", [period, *matched_params])
                count = db.execute("SELECT coalesce(sum(events), 0) FROM periods").fetchone()[0]
            else:
                count = db.execute(f"SELECT count(*) FROM ({matched})",
                                   matched_params).fetchone()[0]
            page = _page(db, matched, matched_params, page_size)
            if monthly:
                counted, counted_params = sql.lane_counts(f, period)
            elif own:
                counted = "SELECT unnest(?::VARCHAR[]) AS lane, period, events FROM periods"
                counted_params = [lanes]
            else:
                # Counted per set of countries first, then split into lanes: a few thousand
                # sets, not one text split per matching event (4x faster at 500k events),
                # and summed per lane and period (a few thousand rows to rank lanes from).
                counted = (f"SELECT lane, period, sum(events) AS events FROM ("
                           f"SELECT unnest(string_split(trim(members, '|'), '|')) AS lane, "
                           f"period, events FROM ("
                           f"SELECT members, date_trunc(?, first_day) AS period, "
                           f"count(*) AS events FROM ({matched}) WHERE members <> '||' "
                           f"GROUP BY ALL)) GROUP BY ALL")
                counted_params = [period, *matched_params]
            if lanes is None:
                # Counted once for every country, then ranked and kept from the result.
                db.execute(f"CREATE OR REPLACE TEMP TABLE counted AS {counted}", counted_params)
                counted, counted_params = "SELECT * FROM counted", []
                lanes = [row[0] for row in db.execute(
                    f"SELECT lane FROM ({counted}) GROUP BY lane "
                    f"ORDER BY sum(events) DESC, lane LIMIT ?",
                    [*counted_params, lane_limit]).fetchall()]
            counts = db.execute(f"""
                SELECT lane, period::TIMESTAMP AS period, sum(events)::BIGINT AS events
                FROM ({counted})
                WHERE lane IN ({", ".join("?" * len(lanes)) or "NULL"})
                GROUP BY ALL ORDER BY lane, period""", [*counted_params, *lanes]).df()
            db.execute("DROP TABLE IF EXISTS matched; DROP TABLE IF EXISTS counted; "
                       "DROP TABLE IF EXISTS periods")
        return Overview(count=count, page=page, lanes=lanes, counts=counts)



def _text_keys(db: duckdb.DuckDBPyConnection, event_filter: EventFilter) -> sql.Query | None:
    """The query of the events holding the filter's text (with its other conditions), or
    ``None`` for a filter on no text."""
    if not event_filter.text:
        return None
    return words.matching_keys(words.look_up(db, event_filter.text), event_filter)


def _fold_month_delta(db: duckdb.DuckDBPyConnection) -> None:
    """Fold the temporary table ``month_delta`` (dataset, country, type, month, events: a
    change in counts) into ``country_months``: each touched group becomes one row again, and
    goes when it reaches zero."""
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

def _page(db: duckdb.DuckDBPyConnection, matched: str, params: list[Any], limit: int,
          offset: int = 0) -> pd.DataFrame:
    """Rows ``offset`` to ``offset + limit`` of the events ``matched`` (a query of ``key,
    first_day``) by date and id, as :meth:`Store.query` gives them.

    The first and the last of the first ``offset + limit`` days (ties included) bound the
    scan of ``events``, which is sorted by day: it reads a few blocks, not every key.
    """
    days = [row[0] for row in db.execute(
        f"SELECT first_day FROM ({matched}) ORDER BY first_day LIMIT ?",
        [*params, offset + limit]).fetchall()] or [None]
    span = [days[0], days[-1]]
    return _select(
        db, "e.first_day BETWEEN ? AND ? AND e.key IN "
        f"(SELECT key FROM ({matched}) WHERE first_day BETWEEN ? AND ?)",
        [*span, *params, *span], f"LIMIT {int(limit)} OFFSET {int(offset)}")


def _select(db: duckdb.DuckDBPyConnection, where: str, params: list[Any],
            page: str = "") -> pd.DataFrame:
    # The events first, then their sources by their keys passed as a list: a list of values
    # is checked against each block's smallest and largest key, so only the blocks of
    # ``sources`` holding them are read (a join with the page read 59 of 82 blocks at 10M
    # events: 50 ms for 100 events' sources).
    frame = db.execute(f"""
        SELECT e.key, e.id, e.dataset, e.first_day, e.last_day, e.precision, e.end_day,
               e.end_precision, e.title, e.summary, e.actor, e.target, e.type, e.tags,
               e.cameo, e.goldstein, e.weight, e.version, e.countries
        FROM events e WHERE {where} ORDER BY e.first_day, e.id {page}""", params).df()
    sources = db.execute("""
        SELECT key, list({'publisher': publisher, 'url': url, 'published': published,
                          'quote': quote} ORDER BY position) AS sources
        FROM sources WHERE key = ANY(?::BIGINT[]) GROUP BY key""",
                         [frame["key"].tolist()]).df()
    found = dict(zip(sources["key"], sources["sources"], strict=True))
    frame["sources"] = pd.Series([found.get(key, []) for key in frame.pop("key")],
                                 index=frame.index, dtype=object)
    return finish_page(frame)


def open_duckdb(path: Path | str | None = None, *, seed: Path | None = None,
                read_only: bool = False, memory_limit: str | None = None) -> DuckDBStore:
    """The database at ``path``, created (from ``seed``, an events file) where no file is,
    and upgraded when an older program wrote it.

    ``path`` defaults to :func:`~timeline.store.default_db_path`; ``":memory:"`` gives a
    database that lives only as long as the store. ``memory_limit`` ("256MB") caps DuckDB's
    buffers, which otherwise grow to most of the machine's memory; work beyond it spills to
    disk. Raises :class:`DatabaseUnusable` (a missing folder, a directory, a file that is not
    a timeline database — another program's DuckDB file is refused, not written to: see
    :func:`init_duckdb` — or one from a newer program) and :class:`DatabaseBusy`.
    """
    from . import default_db_path

    if path == ":memory:":
        db = connect(None, write=True, memory_limit=memory_limit)
        store = DuckDBStore(None, memory_limit=memory_limit, connection=db)
        try:
            _create(store, db, seed)
        except BaseException:
            db.close()
            raise
        return store
    target = Path(path) if path is not None else default_db_path()
    store = DuckDBStore(target, memory_limit=memory_limit, read_only=read_only)
    if not check_file(target):
        if read_only:
            raise DatabaseUnusable(f"there is no database at {target}")
        _init(store, seed)
        return store
    with store._read() as db:
        version = stored_version(db)
        tables = _table_names(db)
    if version is None:
        raise DatabaseUnusable(_foreign(target, tables))
    if version > SCHEMA_VERSION:
        raise SchemaTooNew(f"{target} is at schema version {version}; this program knows up "
                           f"to {SCHEMA_VERSION}: upgrade the program")
    if version < SCHEMA_VERSION:
        if read_only:
            raise DatabaseUnusable(f"{target} is at schema version {version} and needs an "
                                   f"upgrade: open it once for writing")
        with store._connection(write=True) as db:
            upgrade(db)
    return store


def init_duckdb(path: Path | str, *, seed: Path | None = None) -> DuckDBStore:
    """Create the schema (and load ``seed``) in a new file, or in an existing DuckDB file of
    another program that holds no table of this program's: the explicit way to add the
    timeline's tables to such a file. :class:`DatabaseUnusable` for a timeline database
    (already initialised) or a file whose tables would clash."""
    target = Path(path)
    store = DuckDBStore(target)
    if check_file(target):
        with store._read() as db:
            refuse_to_init(str(target), stored_version(db), _table_names(db))
    _init(store, seed)
    return store


def _init(store: DuckDBStore, seed: Path | None) -> None:
    """The schema and seed events in the store's file (which may not exist yet); a file this
    creates is removed again when that fails."""
    created = store.path is not None and not store.path.exists()
    try:
        with store._connection(write=True) as db:
            _create(store, db, seed)
    except BaseException:
        if created:
            for leftover in (store.path, store.path.with_name(store.path.name + ".wal")):
                leftover.unlink(missing_ok=True)
        raise


def _create(store: DuckDBStore, db: duckdb.DuckDBPyConnection, seed: Path | None) -> None:
    new = upgrade(db)
    if new and seed is not None:
        from timeline.files.formats import (
            read_events_file,  # formats builds on the model, not the store
        )

        session = DuckDBStore(store.path, connection=db, in_transaction=True)
        session.add_events(read_events_file(seed), author="timeline", label=seed.name)


def _table_names(db: duckdb.DuckDBPyConnection) -> list[str]:
    return [row[0] for row in db.execute(
        "SELECT table_name FROM duckdb_tables() WHERE database_name = current_database() "
        "ORDER BY table_name").fetchall()]


def _foreign(path: Path, tables: list[str]) -> str:
    held = f"its tables: {', '.join(tables[:5])}{', …' if len(tables) > 5 else ''}" \
        if tables else "no tables"
    return (f"{path} is a DuckDB file of another program ({held}), not a timeline database: "
            f"nothing was written to it. Give --db a new file name, or run `timeline init` on "
            f"it to add the timeline's tables")
