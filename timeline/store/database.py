"""The store: the events database's one interface for pages, the command line and importers.

A :class:`Store` names a database; it holds no connection while idle. Each operation opens
one (read-only for reads, so other processes may read at the same time; read-write for
writes, waiting while another process writes) and closes it after, so the dashboard never
keeps the command line out. :meth:`Store.writing` gives a store bound to one transaction, for
changes that must land together (an import of a zip) or not at all (a dry run).

Every change is recorded in ``changes``: who, when, and the event before and after. An import
is one change (its events carry its number in ``events.batch``), and so is the removal of a
dataset; each can be undone as a whole.
"""

from __future__ import annotations

import collections
import itertools
import json
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd
from rapidfuzz import fuzz, utils

from ..filters import CURATED, EventFilter
from ..model import Event, parse_event
from . import query as sql
from .bulk import gdelt_staged, icews_staged, import_staged
from .connection import check_file, connect, opened, translated_errors
from .errors import (
    ChangeRefused,
    DatabaseUnusable,
    EditConflict,
    SchemaTooNew,
    UnknownDataset,
    UnknownEvent,
)
from .results import ImportSummary, Overview, WriteResult
from .rows import TABLES_BY_KEY, delimited, event_from_row, tables_for, written
from .schema import SCHEMA_VERSION, TABLES, stored_version, upgrade

# Titles this alike (rapidfuzz's WRatio, 0–100: words in any order, a short title against a
# part of a long one, scaled down as lengths differ) of events on overlapping dates with the
# same countries are taken for the same event told twice. "Trump and Kim hold first summit in
# Singapore" / "First Trump–Kim summit, Singapore" score 95; "China and North Korea establish
# relations" / "China and North Korea sign a trade deal" 70; "Pact" against a long title 60.
SIMILAR_TITLES = 75
# A filter's datasets when every dataset it names was removed: no dataset has an empty name.
_NO_DATASET = ""


class Store:
    """An events database. Open one with :func:`timeline.store.open_store`.

    ``path`` is the file (``None``: in memory, kept on one connection for the store's life);
    ``read_only``: nothing may be changed through this store.
    """

    def __init__(self, path: Path | None, *, memory_limit: str | None = None,
                 read_only: bool = False,
                 connection: duckdb.DuckDBPyConnection | None = None,
                 in_transaction: bool = False):
        self.path = path
        self.read_only = read_only
        self._memory_limit = memory_limit
        self._held, self._in_transaction = connection, in_transaction

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def close(self) -> None:
        """Close the connection an in-memory store keeps; a file's store holds none."""
        if self._held is not None and not self._in_transaction:
            self._held.close()

    def __repr__(self) -> str:
        return f"Store({str(self.path or ':memory:')!r})"

    # -- connections ---------------------------------------------------------------------

    @contextmanager
    def _connection(self, *, write: bool) -> Iterator[duckdb.DuckDBPyConnection]:
        if self._held is not None:
            with translated_errors(self.path):
                yield self._held
            return
        if write and self.read_only:
            raise DatabaseUnusable(f"{self.path} was opened read-only: nothing can be changed")
        with opened(self.path, write=write, memory_limit=self._memory_limit) as db, \
                translated_errors(self.path):
            yield db

    def _read(self) -> Any:
        """A connection to read on: the store's own, or one for this operation."""
        return self._connection(write=False)

    @contextmanager
    def _write(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """A connection inside a transaction: the session's, or one of its own that commits
        when the block ends and rolls back on any exception."""
        with self._connection(write=True) as db:
            if self._in_transaction:
                yield db
                return
            db.begin()
            try:
                yield db
            except BaseException:
                db.rollback()
                raise
            db.commit()

    @contextmanager
    def writing(self, *, keep: bool = True) -> Iterator[Store]:
        """A store bound to one transaction: what is done through it lands together when the
        block ends, or not at all on an exception, or when ``keep`` is False (a dry run,
        which thus says exactly what the real write would do)."""
        if self._in_transaction:
            yield self
            return
        with self._connection(write=True) as db:
            db.begin()
            session = Store(self.path, memory_limit=self._memory_limit, connection=db,
                            in_transaction=True)
            try:
                yield session
            except BaseException:
                db.rollback()
                raise
            if keep:
                db.commit()
            else:
                db.rollback()

    @property
    def schema_version(self) -> int:
        with self._read() as db:
            return stored_version(db) or 0

    # -- writing events ------------------------------------------------------------------

    def add_events(self, events: Iterable[Event], *, dataset: str = CURATED,
                   author: str = "import", label: str = "", change: int | None = None,
                   allow_similar: bool = True, batch_size: int = 10_000) -> WriteResult:
        """Store events in ``dataset`` as one change, recorded under ``author``: new ids are
        added; an id the dataset holds already is replaced, recorded as an edit of it.

        Nothing is taken from another dataset: an event whose id another dataset holds is
        not written (``WriteResult.conflicts``). Unless ``allow_similar``, a new event that
        looks like one the dataset holds (:data:`SIMILAR_TITLES`) is not written either
        (``WriteResult.similar``). The events are written ``batch_size`` at a time, so a
        stream of any length is never held in memory whole; in one transaction (or the
        session's), so either all of it lands or, on any error, none. ``label`` says what
        was imported (a file's name), for the history; ``change`` adds the events to an
        import recorded already (:meth:`start_import`) instead of recording one.
        """
        stream = iter(events)
        totals = WriteResult()
        with self._write() as db:
            self._ensure_dataset(db, dataset, "Events imported from files")
            batch = change if change is not None else self._record(
                db, "import", author, "", dataset, None, None, detail={"file": label})
            months: collections.Counter = collections.Counter()
            while events_batch := list(itertools.islice(stream, batch_size)):
                totals = totals + self._import_batch(db, events_batch, dataset, author, batch,
                                                     allow_similar, months)
            self._add_month_counts(db, months)  # once: each write leaves versions behind
            if change is None:
                self._set_detail(db, batch, {"file": label, "added": totals.added,
                                             "replaced": totals.replaced})
        return replace(totals, change=batch)

    def start_import(self, *, dataset: str, author: str, label: str) -> int:
        """Record an import of several parts (a zip's members) as one change, before its
        parts are written with ``change=`` its id; :meth:`finish_import` counts them in."""
        with self._write() as db:
            return self._record(db, "import", author, "", dataset, None, None,
                                detail={"file": label})

    def finish_import(self, change: int, *, label: str, added: int, replaced: int) -> None:
        """Count what the parts of an import wrote into its change, for the history."""
        with self._write() as db:
            self._set_detail(db, change, {"file": label, "added": added, "replaced": replaced})

    def _import_batch(self, db: duckdb.DuckDBPyConnection, events: list[Event], dataset: str,
                      author: str, change: int, allow_similar: bool,
                      months: collections.Counter) -> WriteResult:
        ids = [event.id for event in events]
        stored = {row[0]: (row[1], row[2]) for row in db.execute(
            "SELECT id, dataset, version FROM events WHERE id IN (SELECT unnest(?))",
            [ids]).fetchall()}
        conflicts = tuple((e.id, stored[e.id][0]) for e in events
                          if e.id in stored and stored[e.id][0] != dataset)
        replacing = [e for e in events if stored.get(e.id, (None,))[0] == dataset]
        new = [e for e in events if e.id not in stored]
        similar = () if allow_similar else self._similar(db, new, dataset, change)
        if similar:
            alike = {pair[0] for pair in similar}
            new = [e for e in new if e.id not in alike]
        before = {e.id: self._get(db, e.id) for e in replacing}
        versions = {e.id: stored[e.id][1] + 1 for e in replacing}
        self._put(db, [*new, *replacing], dataset, versions, batch=change, months=months,
                  stored=[e.id for e in replacing])
        for event in replacing:
            self._record(db, "edit", author, event.id, dataset, before[event.id], event,
                         batch=change)
        return WriteResult(added=len(new), replaced=len(replacing), conflicts=conflicts,
                           similar=similar)

    def _similar(self, db: duckdb.DuckDBPyConnection, events: list[Event], dataset: str,
                 change: int) -> tuple[tuple[str, str, str], ...]:
        """(new id, stored id, stored title) for each of ``events`` that looks like an event
        ``dataset`` held before the import ``change``: dates that overlap, the same
        countries, alike titles."""
        if not events:
            return ()
        incoming = pd.DataFrame({
            "id": [e.id for e in events], "title": [e.title for e in events],
            "first_day": [e.first_day for e in events],
            "last_day": [e.last_day for e in events],
            "members": [delimited(sorted(e.countries)) for e in events]})
        db.register("incoming_events", incoming)
        try:
            # The five stored titles closest to each new one (by Jaro–Winkler, which DuckDB
            # computes as it joins): a day with thousands of events between the same
            # countries, as in GDELT, then costs time, not memory. The batch's date span
            # bounds the scan of events, which are sorted by day.
            candidates = db.execute("""
                SELECT i.id, i.title,
                       arg_max([e.id, e.title],
                               jaro_winkler_similarity(lower(i.title), lower(e.title)), 5)
                FROM incoming_events i JOIN events e
                  ON e.dataset = ? AND e.batch IS DISTINCT FROM ?
                 AND e.first_day <= i.last_day AND e.last_day >= i.first_day
                 AND e.first_day <= ? AND e.last_day >= ?
                 AND '|' || array_to_string(list_sort(e.countries), '|') || '|' = i.members
                GROUP BY i.id, i.title ORDER BY i.id""",
                [dataset, change, max(incoming["last_day"]), min(incoming["first_day"])]
            ).fetchall()
        finally:
            db.unregister("incoming_events")
        found = []
        for new_id, new_title, stored in candidates:
            alike = [(old_id, old_title) for old_id, old_title in stored
                     if fuzz.WRatio(new_title, old_title,
                                    processor=utils.default_process) >= SIMILAR_TITLES]
            if alike:
                found.append((new_id, *alike[0]))
        return tuple(found)

    def _put(self, db: duckdb.DuckDBPyConnection, events: list[Event], dataset: str,
             versions: dict[str, int] | None = None, batch: int | None = None,
             months: collections.Counter | None = None,
             stored: list[str] | None = None) -> None:
        """Write events (replacing any with the same id) inside the caller's transaction.
        ``versions`` gives an id its new version (default 1); ``batch`` the import.
        ``months`` collects the events' monthly counts for the caller to write once
        (:meth:`_add_month_counts`); without it they are written here. ``stored``: the
        ids among them that are stored already, when the caller knows."""
        if not events:
            return
        keys = [row[0] for row in db.execute(
            "SELECT nextval('event_key') FROM range(?)", [len(events)]).fetchall()]
        tables = tables_for(events, keys, dataset, batch)
        tables["events"]["version"] = [(versions or {}).get(e.id, 1) for e in events]
        if stored is None:
            stored = db.execute("SELECT list(id) FROM events WHERE id IN (SELECT unnest(?))",
                                [[e.id for e in events]]).fetchall()[0][0]
        if stored:  # only replacements delete: an import of new events writes, nothing else
            self._delete_where(db, "id IN (SELECT unnest(?))", [stored])
        for table, frame in tables.items():
            # A relation, not a registered frame: DuckDB would keep each registered frame
            # until the transaction commits, a batch's worth of memory per batch.
            columns = db.table(table).columns
            db.from_df(frame[columns]).insert_into(table)
        counted = collections.Counter(
            (dataset, code, event.type, event.first_day.replace(day=1))
            for event in events for code in event.countries)
        if months is None:
            self._add_month_counts(db, counted)
        else:
            months.update(counted)

    # -- edits by hand, with history -------------------------------------------------------

    def save_event(self, event: Event, *, author: str, expected_version: int | None = None,
                   dataset: str = CURATED, new: bool = False) -> int:
        """Add or edit one event, recording the change; return its new version.

        ``new``: the event is meant to be new, and :class:`ChangeRefused` is raised when its id
        is taken. ``expected_version`` is the version the editor started from: when the stored
        event has moved on (or was deleted) since, :class:`EditConflict` is raised and nothing
        changes. An edit keeps the event in its dataset.
        """
        with self._write() as db:
            stored, version = self._get(db, event.id), self._version(db, event.id)
            if new and stored is not None:
                raise ChangeRefused(f"there is already an event {event.id!r} (in dataset "
                                    f"{self._dataset_of(db, event.id)!r}): choose another id, "
                                    f"or edit that event")
            _check_version(event.id, expected_version, stored, version)
            into = dataset if stored is None else self._dataset_of(db, event.id)
            self._refuse_removed(db, into)
            self._ensure_dataset(db, into, "Events added by hand")
            new_version = (version or 0) + 1
            self._put(db, [event], into, {event.id: new_version})
            self._record(db, "add" if stored is None else "edit", author, event.id, into,
                         stored, event)
        return new_version

    def delete_event(self, event_id: str, *, author: str,
                     expected_version: int | None = None) -> None:
        """Delete one event, recording it so it can be undone; :class:`UnknownEvent` if there
        is none."""
        with self._write() as db:
            stored, version = self._get(db, event_id), self._version(db, event_id)
            if stored is None:
                raise UnknownEvent(f"there is no event {event_id!r}")
            _check_version(event_id, expected_version, stored, version)
            dataset = self._dataset_of(db, event_id)
            self._delete_where(db, "id = ?", [event_id])
            self._record(db, "delete", author, event_id, dataset, stored, None)

    def delete_events(self, ids: Iterable[str], *, author: str) -> int:
        """Delete events by id as one change, each recorded; return how many existed."""
        deleted = 0
        with self._write() as db:
            for event_id in dict.fromkeys(ids):
                stored = self._get(db, event_id)
                if stored is None:
                    continue
                dataset = self._dataset_of(db, event_id)
                self._delete_where(db, "id = ?", [event_id])
                self._record(db, "delete", author, event_id, dataset, stored, None)
                deleted += 1
        return deleted

    def history(self, event_id: str | None = None) -> pd.DataFrame:
        """The recorded changes, newest first (of one event, or all): ``id``, ``changed_at``,
        ``author``, ``action`` (add, edit, delete, undo, import, remove_dataset),
        ``event_id`` (empty for a change of many events), ``dataset``, ``before`` and
        ``after`` (the event as a JSON record, or ``None``), ``undoes``, ``batch`` (the
        import an edit was part of), ``detail`` (what a change of many events did, JSON) and
        ``what``: the change in words ("import of events.csv into 'curated': 3 added, 1
        replaced")."""
        where, params = ("event_id = ?", [event_id]) if event_id else ("TRUE", [])
        with self._read() as db:
            changes = db.execute(f"SELECT * FROM changes WHERE {where} ORDER BY id DESC",
                                 params).df()
        changes["what"] = [_change_text(*row) for row in zip(
            changes["action"], changes["event_id"], changes["dataset"], changes["detail"],
            changes["undoes"], strict=True)]
        return changes

    def undo(self, change_id: int, *, author: str) -> int:
        """Undo a change and record that as a change too; return its id.

        An add is undone by deleting the event, an edit or delete by restoring the event as it
        was before. An import is undone as a whole: its events go and the events it replaced
        come back (an event edited since the import stays as edited). A dataset's removal is
        undone by restoring the dataset. :class:`ChangeRefused` when the change was a whole
        import or removal undone already.
        """
        with self._write() as db:
            row = db.execute("SELECT action, event_id, dataset, before FROM changes "
                             "WHERE id = ?", [change_id]).fetchone()
            if row is None:
                raise UnknownEvent(f"there is no change {change_id}")
            action, event_id, dataset, before = row
            if action in ("import", "remove_dataset") or (not event_id and action == "undo"):
                return self._undo_whole(db, change_id, action, dataset, author)
            stored, version = self._get(db, event_id), self._version(db, event_id)
            restored = None if before is None else parse_event(json.loads(before))
            if stored is not None:
                self._delete_where(db, "id = ?", [event_id])
            if restored is not None:
                self._refuse_removed(db, dataset)
                self._put(db, [restored], dataset, {event_id: (version or 0) + 1})
            return self._record(db, "undo", author, event_id, dataset, stored, restored,
                                undoes=change_id)

    def _undo_whole(self, db: duckdb.DuckDBPyConnection, change_id: int, action: str,
                    dataset: str, author: str) -> int:
        done = db.execute("SELECT id FROM changes WHERE undoes = ?", [change_id]).fetchone()
        if done is not None:
            raise ChangeRefused(f"change {change_id} was undone already (change {done[0]})")
        if action == "undo":
            raise ChangeRefused(f"change {change_id} undid an import or a dataset's removal, "
                                f"which cannot be redone: import the file again, or remove "
                                f"the dataset again")
        if action == "remove_dataset":
            db.execute("UPDATE datasets SET removed_by = NULL WHERE name = ?", [dataset])
            detail = {"restored": dataset}
        else:
            replaced = db.execute("SELECT event_id, dataset, before FROM changes "
                                  "WHERE batch = ? AND action = 'edit' ORDER BY id",
                                  [change_id]).fetchall()
            removed = self._delete_where(db, "batch = ?", [change_id])
            # Events it replaced come back, unless edited since (then they are not its rows).
            restored = 0
            for event_id, holder, before in replaced:
                if self._version(db, event_id) is None:
                    self._put(db, [parse_event(json.loads(before))], holder)
                    restored += 1
            detail = {"removed": removed - restored, "restored": restored}
        return self._record(db, "undo", author, "", dataset, None, None, undoes=change_id,
                            detail=detail)

    def version_of(self, event_id: str) -> int | None:
        """The stored event's version, or ``None`` when there is no such event."""
        with self._read() as db:
            return self._version(db, event_id)

    @staticmethod
    def _version(db: duckdb.DuckDBPyConnection, event_id: str) -> int | None:
        row = db.execute("SELECT version FROM events WHERE id = ?", [event_id]).fetchone()
        return row[0] if row else None

    @staticmethod
    def _dataset_of(db: duckdb.DuckDBPyConnection, event_id: str) -> str:
        row = db.execute("SELECT dataset FROM events WHERE id = ?", [event_id]).fetchone()
        return row[0] if row else CURATED

    @staticmethod
    def _record(db: duckdb.DuckDBPyConnection, action: str, author: str, event_id: str,
                dataset: str, before: Event | None, after: Event | None,
                undoes: int | None = None, batch: int | None = None,
                detail: dict[str, Any] | None = None) -> int:
        def as_json(event: Event | None) -> str | None:
            return None if event is None else json.dumps(event.to_record(), ensure_ascii=False)

        return db.execute(
            "INSERT INTO changes (id, author, action, event_id, dataset, before, after, undoes, "
            "batch, detail) VALUES (nextval('change_id'), ?, ?, ?, ?, ?, ?, ?, ?, ?) "
            "RETURNING id",
            [author, action, event_id, dataset, as_json(before), as_json(after), undoes, batch,
             None if detail is None else json.dumps(detail, ensure_ascii=False)]
        ).fetchone()[0]

    @staticmethod
    def _set_detail(db: duckdb.DuckDBPyConnection, change: int, detail: dict[str, Any]) -> None:
        db.execute("UPDATE changes SET detail = ? WHERE id = ?",
                   [json.dumps(detail, ensure_ascii=False), change])

    # -- datasets ------------------------------------------------------------------------

    def remove_dataset(self, name: str, *, author: str) -> int:
        """Remove a dataset as one recorded change, which :meth:`undo` reverts; return the
        change's id. Its events leave every query at once and stay stored until
        :meth:`purge_dataset`."""
        with self._write() as db:
            self._refuse_removed(db, name, known=True)
            events = db.execute("SELECT count(*) FROM events WHERE dataset = ?",
                                [name]).fetchone()[0]
            change = self._record(db, "remove_dataset", author, "", name, None, None,
                                  detail={"events": events})
            db.execute("UPDATE datasets SET removed_by = ? WHERE name = ?", [change, name])
        return change

    def purge_dataset(self, name: str) -> int:
        """Delete a removed dataset's events for good; return how many went. Only a dataset
        removed first (:meth:`remove_dataset`) can be purged: this cannot be undone."""
        with self._write() as db:
            row = db.execute("SELECT removed_by FROM datasets WHERE name = ?", [name]).fetchone()
            if row is None:
                raise UnknownDataset(f"there is no dataset {name!r}")
            if row[0] is None:
                raise ChangeRefused(f"dataset {name!r} is in use: remove it first (it can be "
                                    f"undone), then purge it")
            purged = self._delete_where(db, "dataset = ?", [name])
            db.execute("DELETE FROM datasets WHERE name = ?", [name])
        return purged

    def _refuse_removed(self, db: duckdb.DuckDBPyConnection, name: str,
                        known: bool = False) -> None:
        """:class:`ChangeRefused` when dataset ``name`` was removed (and, with ``known``,
        :class:`UnknownDataset` when there is none)."""
        row = db.execute("SELECT removed_by FROM datasets WHERE name = ?", [name]).fetchone()
        if row is None and known:
            raise UnknownDataset(f"there is no dataset {name!r}")
        if row is not None and row[0] is not None:
            raise ChangeRefused(f"dataset {name!r} was removed by change {row[0]}: undo that "
                                f"(`timeline undo {row[0]}`) or purge it first")

    def _ensure_dataset(self, db: duckdb.DuckDBPyConnection, name: str,
                        description: str) -> None:
        if not name.strip():
            raise ChangeRefused("a dataset needs a name")
        self._refuse_removed(db, name)
        db.execute("INSERT INTO datasets (name, description) VALUES (?, ?) "
                   "ON CONFLICT DO NOTHING", [name, description])

    def _delete_where(self, db: duckdb.DuckDBPyConnection, condition: str,
                      params: Iterable[Any] = ()) -> int:
        """Delete the events matching a condition on ``events``, with their rows elsewhere."""
        db.execute(f"CREATE OR REPLACE TEMP TABLE doomed_keys AS "
                   f"SELECT key FROM events WHERE {condition}", list(params))
        self._count_in_months(db, "SELECT * FROM event_countries "
                                  "WHERE key IN (SELECT key FROM doomed_keys)", -1)
        for table in TABLES_BY_KEY:
            db.execute(f"DELETE FROM {table} WHERE key IN (SELECT key FROM doomed_keys)")
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

    @staticmethod
    def _add_month_counts(db: duckdb.DuckDBPyConnection, counts: collections.Counter) -> None:
        """Add events per (dataset, country, type, first day of the month) to
        ``country_months``."""
        if not counts:
            return
        frame = pd.DataFrame([(*group, events) for group, events in counts.items()],
                             columns=["dataset", "country", "type", "month", "events"])
        db.execute("CREATE OR REPLACE TEMP TABLE month_delta AS SELECT * FROM country_months "
                   "LIMIT 0")
        db.from_df(frame).insert_into("month_delta")
        _fold_month_delta(db)

    # -- reading -------------------------------------------------------------------------

    def datasets(self, *, removed: bool = False) -> pd.DataFrame:
        """One row per dataset in use (``removed``: also the removed ones): ``name``,
        ``description``, ``created``, ``events`` and ``removed_by`` (the change that removed
        it, or ``NA``); the curated dataset first."""
        with self._read() as db:
            return db.execute(f"""
                SELECT d.name, d.description, d.created, count(e.key) AS events,
                       d.removed_by
                FROM datasets d LEFT JOIN events e ON e.dataset = d.name
                WHERE {'TRUE' if removed else 'd.removed_by IS NULL'}
                GROUP BY d.name, d.description, d.created, d.removed_by
                ORDER BY d.name <> 'curated', d.name""").df()

    def count(self, event_filter: EventFilter = EventFilter()) -> int:
        """How many stored events the filter matches."""
        with self._read() as db:
            matched, params = sql.matched(self._visible(db, event_filter))
            return db.execute(f"SELECT count(*) FROM ({matched})", params).fetchone()[0]

    def query(self, event_filter: EventFilter = EventFilter(), *, limit: int | None = None,
              offset: int = 0) -> pd.DataFrame:
        """The matching events sorted by date then id, one row per event.

        Columns: ``id``, ``dataset``, ``first_day`` and ``last_day`` (``datetime64[us]``, so
        1689 works), ``precision``, ``date`` (as written at its precision: ``"2024-06"``),
        ``end_day``, ``end_precision``, ``end_date`` (``None`` when there is none),
        ``title``, ``summary``, ``countries`` (list of alpha-3 codes), ``actor``, ``target``,
        ``type``, ``tags`` (list), ``sources`` (list of dicts with publisher, url, published,
        quote), ``cameo``, ``goldstein``, ``weight`` and ``version``.
        """
        with self._read() as db:
            f = self._visible(db, event_filter)
            if limit is None:
                condition, params = sql.where(f)
                return _select(db, condition, params)
            matched, params = sql.matched(f)
            return _page(db, matched, params, limit, offset)

    def events(self, event_filter: EventFilter = EventFilter(), *,
               batch_size: int = 10_000) -> Iterator[Event]:
        """The matching events as :class:`Event` objects, sorted by date then id.

        Read ``batch_size`` at a time, so exporting ten million events holds one batch in
        memory, not all of them. The database stays open for reading until the last event
        is taken (or the iterator is closed).
        """
        with self._read() as db:
            matched, params = sql.matched(self._visible(db, event_filter))
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

    def get(self, event_id: str) -> Event | None:
        """The event with this id, or ``None`` (also when its dataset was removed)."""
        with self._read() as db:
            removed = db.execute("SELECT 1 FROM events e JOIN datasets d ON d.name = e.dataset "
                                 "WHERE e.id = ? AND d.removed_by IS NOT NULL",
                                 [event_id]).fetchone()
            return None if removed else self._get(db, event_id)

    @staticmethod
    def _get(db: duckdb.DuckDBPyConnection, event_id: str) -> Event | None:
        rows = _select(db, "e.id = ?", [event_id])
        return next((event_from_row(row) for row in rows.itertuples(index=False)), None)

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
        if period not in sql.PERIODS:
            raise ValueError(f"{period!r} is not a period ({', '.join(sql.PERIODS)})")
        with self._read() as db:
            f = self._visible(db, event_filter)
            if f.text or f.source:
                condition, params = sql.where(f)
                db.execute(f"CREATE OR REPLACE TEMP TABLE matched AS SELECT e.key, e.first_day, "
                           f"e.countries FROM events e WHERE {condition}", params)
                matched, matched_params = "SELECT * FROM matched", []
                lane_rows = "SELECT unnest(countries) AS lane, first_day FROM matched"
            elif f.countries:
                anchor = sql.rarest(db, f.countries) if f.match == "all" else None
                matched, matched_params = sql.matching_keys(f, anchor)
                lane_rows = (f"SELECT unnest(string_split(trim(members, '|'), '|')) AS lane, "
                             f"first_day FROM ({matched})")
            else:
                matched, matched_params = sql.matched(f)
            count = db.execute(f"SELECT count(*) FROM ({matched})", matched_params).fetchone()[0]
            page = _page(db, matched, matched_params, page_size)
            # Lanes whose counts the monthly table holds: no country filter, or "any" of the
            # filter's countries drawn as lanes (a lane country's events are then exactly its
            # rows passing the other conditions).
            monthly = not (f.text or f.source) and (
                not f.countries or (f.match == "any" and lanes is not None
                                    and set(lanes) <= set(f.countries)))
            if monthly:
                counted, counted_params = sql.lane_counts(f, period)
            else:
                counted = (f"SELECT lane, date_trunc(?, first_day) AS period, count(*) AS events "
                           f"FROM ({lane_rows}) GROUP BY ALL")
                counted_params = [period, *matched_params]
            if lanes is None:
                # Counted once for every country, then ranked and kept from the result.
                db.execute(f"CREATE OR REPLACE TEMP TABLE counted AS {counted}", counted_params)
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
            db.execute("DROP TABLE IF EXISTS matched; DROP TABLE IF EXISTS counted")
        return Overview(count=count, page=page, lanes=lanes, counts=counts)

    def facets(self, event_filter: EventFilter = EventFilter(), *,
               limit: int = 8) -> dict[str, pd.DataFrame]:
        """How the matching events split by ``country``, ``type`` and ``decade``, as Datasette
        shows facets: one frame per facet with ``value`` (an alpha-3 code, a type code, or a
        decade's first year as text) and ``events``. Countries and types come most frequent
        first (ties by value), at most ``limit`` of them; decades in order, all of them.

        The matching events are found once, into a temporary table the three counts read.
        """
        with self._read() as db:
            matched, params = sql.matched(self._visible(db, event_filter))
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

    @staticmethod
    def _visible(db: duckdb.DuckDBPyConnection, event_filter: EventFilter) -> EventFilter:
        """The filter, kept to the datasets in use when any dataset was removed."""
        removed = {row[0] for row in db.execute(
            "SELECT name FROM datasets WHERE removed_by IS NOT NULL").fetchall()}
        if not removed:
            return event_filter
        if event_filter.datasets:
            kept = tuple(d for d in event_filter.datasets if d not in removed)
        else:
            kept = tuple(row[0] for row in db.execute(
                "SELECT name FROM datasets WHERE removed_by IS NULL ORDER BY name").fetchall())
        return replace(event_filter, datasets=kept or (_NO_DATASET,))

    # -- bulk imports: GDELT and ICEWS files, read and mapped by the database itself ------

    def import_gdelt(self, path: Path, columns: Iterable[str], *, dataset: str,
                     author: str = "import", label: str = "", change: int | None = None,
                     progress: Callable[[float], None] | None = None) -> ImportSummary:
        """Import a GDELT 1.0 or 2.0 event file (see :func:`timeline.store.bulk.gdelt_staged`)
        into ``dataset`` as one recorded change (or as part of ``change``). A GLOBALEVENTID
        stored already is skipped, so importing a file twice adds nothing."""
        return self._import_bulk(gdelt_staged(path, columns), path, dataset, "GDELT", author,
                                 label or path.name, change, progress, countries_by_name=False)

    def import_icews(self, path: Path, columns: Iterable[str], *, dataset: str,
                     author: str = "import", label: str = "", change: int | None = None,
                     progress: Callable[[float], None] | None = None) -> ImportSummary:
        """Import an ICEWS coded event file (see :func:`timeline.store.bulk.icews_staged`)
        into ``dataset`` as one recorded change (or as part of ``change``)."""
        return self._import_bulk(icews_staged(path, columns), path, dataset, "ICEWS", author,
                                 label or path.name, change, progress, countries_by_name=True)

    def _import_bulk(self, staged: str, path: Path, dataset: str, origin: str, author: str,
                     label: str, change: int | None,
                     progress: Callable[[float], None] | None,
                     countries_by_name: bool) -> ImportSummary:
        with self._write() as db:
            self._ensure_dataset(db, dataset, f"{origin} events imported from {path.name}")
            batch = change if change is not None else self._record(
                db, "import", author, "", dataset, None, None, detail={"file": label})
            summary = import_staged(db, staged, path, dataset, origin, progress,
                                    countries_by_name, batch=batch,
                                    count_in_months=self._count_in_months)
            summary.change = batch
            if change is None:
                self._set_detail(db, batch, {"file": label, "added": summary.imported,
                                             "replaced": 0})
        return summary


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


def _check_version(event_id: str, expected: int | None, stored: Event | None,
                   version: int | None) -> None:
    if expected is not None and expected != version:
        raise EditConflict(event_id, expected, stored, version)


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
    # Sources are gathered for the selected events only: a correlated subquery would be
    # decorrelated into lists for every stored event.
    frame = db.execute(f"""
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
    frame["date"] = [written(day, precision) for day, precision
                     in zip(frame["first_day"], frame["precision"], strict=True)]
    # An object column: pandas would store a text column's missing values as NaN, which
    # reads as true (`timeline list` printed "..nan" for events with no end date).
    frame["end_date"] = pd.Series(
        [None if pd.isna(day) else written(day, precision) for day, precision
         in zip(frame["end_day"], frame["end_precision"], strict=True)],
        index=frame.index, dtype=object)
    for column in ("countries", "tags", "sources"):
        frame[column] = frame[column].map(list)
    return frame


def _change_text(action: str, event_id: str, dataset: str, detail: Any, undoes: Any) -> str:
    facts = json.loads(detail) if isinstance(detail, str) else {}
    if action == "import":
        return (f"import of {facts.get('file') or 'events'} into {dataset!r}: "
                f"{facts.get('added', 0)} added, {facts.get('replaced', 0)} replaced")
    if action == "remove_dataset":
        return f"removal of dataset {dataset!r} ({facts.get('events', 0)} events)"
    if action == "undo":
        return f"undo of change {int(undoes)}" + (f" ({event_id})" if event_id else "")
    return f"{action} of {event_id}"


def open_store(path: Path | str | None = None, *, seed: Path | None = None,
               read_only: bool = False, memory_limit: str | None = None) -> Store:
    """The database at ``path``, created (from ``seed``, an events file) where no file is,
    and upgraded when an older program wrote it.

    ``path`` defaults to :func:`default_db_path`; ``":memory:"`` gives a database that lives
    only as long as the store. ``memory_limit`` ("256MB") caps DuckDB's buffers, which
    otherwise grow to most of the machine's memory; work beyond it spills to disk. Raises
    :class:`DatabaseUnusable` (a missing folder, a directory, a
    file that is not a timeline database — another program's DuckDB file is refused, not
    written to: see :func:`init_store` — or one from a newer program) and
    :class:`DatabaseBusy`.
    """
    from . import default_db_path

    if path == ":memory:":
        db = connect(None, write=True, memory_limit=memory_limit)
        store = Store(None, memory_limit=memory_limit, connection=db)
        try:
            _create(store, db, seed)
        except BaseException:
            db.close()
            raise
        return store
    target = Path(path) if path is not None else default_db_path()
    store = Store(target, memory_limit=memory_limit, read_only=read_only)
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


def init_store(path: Path | str, *, seed: Path | None = None) -> Store:
    """Create the schema (and load ``seed``) in a new file, or in an existing DuckDB file of
    another program that holds no table of this program's: the explicit way to add the
    timeline's tables to such a file. :class:`DatabaseUnusable` for a timeline database
    (already initialised) or a file whose tables would clash."""
    target = Path(path)
    store = Store(target)
    if check_file(target):
        with store._read() as db:
            version, tables = stored_version(db), _table_names(db)
        if version is not None:
            raise DatabaseUnusable(f"{target} is a timeline database already (schema version "
                                   f"{version})")
        clash = sorted(set(tables) & set(TABLES))
        if clash:
            raise DatabaseUnusable(f"{target} already has table(s) named "
                                   f"{', '.join(clash)}: the timeline's tables cannot be added")
    _init(store, seed)
    return store


def _init(store: Store, seed: Path | None) -> None:
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


def _create(store: Store, db: duckdb.DuckDBPyConnection, seed: Path | None) -> None:
    new = upgrade(db)
    if new and seed is not None:
        from ..formats import read_events_file  # formats builds on the model, not the store

        session = Store(store.path, connection=db)
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
