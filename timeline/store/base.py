"""The store's interface, and the rules every engine keeps.

:class:`Store` is what pages, the command line and importers call: reading by filter,
writing with history, undo, datasets, bulk imports. It holds the rules that do not depend
on the engine — what a change records, how an import, an edit or a dataset's removal is
undone, which events look alike, when a dataset may be removed or purged, which datasets a
filter sees — written once, in SQL that DuckDB and PostgreSQL both speak (``?`` for a
parameter). An engine (:class:`~timeline.store.database.DuckDBStore`,
:class:`~timeline.store.postgres.PostgresStore`) supplies the rest: its connections and
transactions, how rows are written and deleted, and the queries that answer a filter.

What an engine must give, in short (each method below says more):

- connections: :meth:`_opened` (a new connection for one operation), :meth:`_translated`
  (its errors as the store's), :meth:`_begin`, :meth:`_commit`, :meth:`_rollback`,
  :meth:`_bound` (a store bound to one open transaction), :meth:`_frame` (a query's rows as a
  DataFrame), :meth:`close`, :attr:`location`;
- writing rows: :meth:`_new_keys`, :meth:`_insert`, :meth:`_delete_where`,
  :meth:`_in_list`, :meth:`_alike_pairs`, :meth:`_bulk`;
- reading: :meth:`count`, :meth:`query`, :meth:`events`, :meth:`overview`, :meth:`_get`,
  :attr:`schema_version`.

An engine that cannot change events (a read-mostly archive) refuses in :meth:`_begin` with
:class:`~timeline.store.errors.ChangeRefused`.
"""

from __future__ import annotations

import collections
import itertools
import json
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable, Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import replace
from pathlib import Path
from typing import Any

import pandas as pd
from rapidfuzz import fuzz, utils

from timeline.core.filters import CURATED, EventFilter
from timeline.core.model import Event, parse_event

from .bulk import gdelt_staged, icews_staged
from .errors import (
    ChangeRefused,
    DatabaseUnusable,
    EditConflict,
    UnknownDataset,
    UnknownEvent,
)
from .results import ImportSummary, Overview, WriteResult
from .rows import delimited, tables_for
from .schema import TABLES

# Titles this alike (rapidfuzz's WRatio, 0–100: words in any order, a short title against a
# part of a long one, scaled down as lengths differ) of events on overlapping dates with the
# same countries are taken for the same event told twice. "Trump and Kim hold first summit in
# Singapore" / "First Trump–Kim summit, Singapore" score 95; "China and North Korea establish
# relations" / "China and North Korea sign a trade deal" 70; "Pact" against a long title 60.
SIMILAR_TITLES = 75
ALIKE_CANDIDATES = 5  # stored titles weighed against each new one (see Store._alike_pairs)
# A filter's datasets when every dataset it names was removed: no dataset has an empty name.
NO_DATASET = ""
# The columns of :meth:`Store.history` and :meth:`Store.datasets`, typed alike on every engine.
HISTORY_TYPES = {"id": "int64", "changed_at": "datetime64[us]", "undoes": "Int64",
                 "batch": "Int64"}
DATASET_TYPES = {"created": "datetime64[us]", "events": "int64", "removed_by": "Int64"}


class Store(ABC):
    """An events database. Open one with :func:`timeline.store.open_store`.

    A store holds no connection while idle (or one kept for its life, for an in-memory
    database); ``read_only``: nothing may be changed through it. A store bound to a
    transaction (:meth:`writing`) does everything on that transaction's connection.
    """

    #: The database file (``None``: the database is not a file of this machine).
    path: Path | None = None
    #: SQL giving a new change its number: changes are numbered without gaps, so that the
    #: change after #5 is #6 even when a dry run in between was rolled back.
    _next_change = "nextval('change_id')"

    def __init__(self, *, read_only: bool = False, connection: Any = None,
                 in_transaction: bool = False):
        self.read_only = read_only
        self._held, self._in_transaction = connection, in_transaction

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.location!r})"

    @property
    @abstractmethod
    def location(self) -> str:
        """Where the database is, for messages: a path, or a URL without its password."""

    @abstractmethod
    def close(self) -> None:
        """Let go of what the store keeps open between operations."""

    @property
    @abstractmethod
    def schema_version(self) -> int:
        """The schema version the database is at."""

    # -- connections and transactions: the engine's ---------------------------------------

    @contextmanager
    def _connection(self, *, write: bool) -> Iterator[Any]:
        """A connection for the block: the one the store holds (an in-memory database, an
        open transaction), or a new one for this operation — refused for a write when the
        store was opened read-only, before anything is opened."""
        if self._held is not None:
            with self._translated():
                yield self._held
            return
        if write and self.read_only:
            raise DatabaseUnusable(f"{self.location} was opened read-only: nothing can be "
                                   f"changed")
        with self._opened(write=write) as db:
            yield db

    @abstractmethod
    def _opened(self, *, write: bool) -> AbstractContextManager[Any]:
        """A new connection for one operation, closed when the block ends, its errors
        translated: ``execute(sql, params)`` with ``?`` parameters, returning something with
        ``fetchone``/``fetchall``."""

    @abstractmethod
    def _translated(self) -> AbstractContextManager[None]:
        """The block's engine errors raised as the store's own (:mod:`.errors`)."""

    @abstractmethod
    def _begin(self, db: Any, *, write: bool) -> None:
        """Start a transaction. A write transaction waits (a bounded time, then
        :class:`~timeline.store.errors.DatabaseBusy`) until no other writer holds the
        database: the rules below read, check and write as if alone."""

    @abstractmethod
    def _commit(self, db: Any) -> None: ...

    @abstractmethod
    def _rollback(self, db: Any) -> None: ...

    @abstractmethod
    def _bound(self, db: Any) -> Store:
        """A store of this engine doing everything on ``db``, inside its open transaction."""

    @abstractmethod
    def _frame(self, db: Any, sql: str, params: list[Any]) -> pd.DataFrame:
        """A query's rows as a DataFrame, one column per selected column."""

    def _read(self) -> AbstractContextManager[Any]:
        """A connection to read on: the store's own, or one for this operation."""
        return self._connection(write=False)

    @contextmanager
    def _write(self) -> Iterator[Any]:
        """A connection inside a write transaction: the session's, or one of its own that
        commits when the block ends and rolls back on any exception."""
        with self._connection(write=True) as db:
            if self._in_transaction:
                yield db
                return
            self._begin(db, write=True)
            try:
                yield db
            except BaseException:
                self._rollback(db)
                raise
            self._commit(db)

    @contextmanager
    def reading(self, *, linger: float = 0.0) -> Iterator[Store]:
        """This store, for a block that only reads (a dashboard page's run): an engine that
        opens the database for each question may keep it open for the block, and ``linger``
        seconds after it for the next block. A write from this process waits for the block's
        end, not for the linger."""
        yield self

    @contextmanager
    def writing(self, *, keep: bool = True) -> Iterator[Store]:
        """A store bound to one transaction: what is done through it lands together when the
        block ends, or not at all on an exception, or when ``keep`` is False (a dry run,
        which thus says exactly what the real write would do)."""
        if self._in_transaction:
            yield self
            return
        with self._connection(write=True) as db:
            self._begin(db, write=True)
            try:
                yield self._bound(db)
            except BaseException:
                self._rollback(db)
                raise
            if keep:
                self._commit(db)
            else:
                self._rollback(db)

    # -- writing rows: the engine's -------------------------------------------------------

    @abstractmethod
    def _new_keys(self, db: Any, count: int) -> list[int]:
        """``count`` unused event keys."""

    @abstractmethod
    def _insert(self, db: Any, tables: dict[str, pd.DataFrame]) -> None:
        """Insert the rows of each table (:func:`~timeline.store.rows.tables_for`); the
        monthly counts are the caller's (:meth:`_add_month_counts`)."""

    @abstractmethod
    def _add_month_counts(self, db: Any, counts: collections.Counter) -> None:
        """Add events per (dataset, country, type, first day of the month) to
        ``country_months``, dropping groups that reach zero."""

    @abstractmethod
    def _delete_where(self, db: Any, condition: str, params: Iterable[Any] = ()) -> int:
        """Delete the events matching a condition on ``events`` (``?`` parameters), with their
        rows in every other table and their monthly counts; return how many went."""

    @abstractmethod
    def _in_list(self, column: str, values: list[Any]) -> tuple[str, list[Any]]:
        """A condition that ``column`` is one of ``values``, and its parameters."""

    @abstractmethod
    def _alike_pairs(self, db: Any, events: list[Event], dataset: str, change: int
                     ) -> list[tuple[str, str, str, str]]:
        """(new id, new title, stored id, stored title) for events of ``dataset`` not written
        by the import ``change``, with the same countries as one of ``events``
        (:func:`sorted_members`) on overlapping days: for each new event at most
        :data:`ALIKE_CANDIDATES`, the closest titles first, so that a day with thousands of
        events between the same countries (as in GDELT) costs time, not memory."""

    @abstractmethod
    def _bulk(self, db: Any, staged: str, path: Path, dataset: str, origin: str,
              progress: Callable[[float], None] | None, countries_by_name: bool,
              batch: int) -> ImportSummary:
        """Read a GDELT or ICEWS file through ``staged`` (see
        :func:`timeline.store.bulk.import_staged`) and write its events inside ``db``'s
        transaction, carrying ``batch``."""

    # -- reading: the engine's ------------------------------------------------------------

    @abstractmethod
    def count(self, event_filter: EventFilter = EventFilter()) -> int:
        """How many stored events the filter matches."""

    @abstractmethod
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

    @abstractmethod
    def events(self, event_filter: EventFilter = EventFilter(), *,
               batch_size: int = 10_000) -> Iterator[Event]:
        """The matching events as :class:`Event` objects, sorted by date then id, read
        ``batch_size`` at a time (an export of millions holds one batch in memory)."""

    @abstractmethod
    def overview(self, event_filter: EventFilter = EventFilter(), *,
                 lanes: Iterable[str] | None = None, lane_limit: int = 8,
                 period: str = "year", page_size: int = 100) -> Overview:
        """Count, first page, lanes and per-lane per-period counts of the matching events
        (see :class:`~timeline.store.results.Overview`). Lanes are ``lanes``, else the
        ``lane_limit`` countries with most events (ties by code); ``period`` is one of
        :data:`timeline.store.query.PERIODS`."""

    @abstractmethod
    def facets(self, event_filter: EventFilter = EventFilter(), *,
               limit: int = 8) -> dict[str, pd.DataFrame]:
        """How the matching events split by ``country``, ``type`` and ``decade``, as Datasette
        shows facets: one frame per facet with ``value`` (an alpha-3 code, a type code, or a
        decade's first year as text) and ``events``. Countries and types come most frequent
        first (ties by value), at most ``limit`` of them; decades in order, all of them."""

    @abstractmethod
    def _get(self, db: Any, event_id: str) -> Event | None:
        """The stored event with this id (whatever its dataset), or ``None``."""

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
        months: collections.Counter = collections.Counter()
        with self._write() as db:
            self._ensure_dataset(db, dataset, "Events imported from files")
            batch = change if change is not None else self._record(
                db, "import", author, "", dataset, None, None, detail={"file": label})
            while events_batch := list(itertools.islice(stream, batch_size)):
                totals = totals + self._import_batch(db, events_batch, dataset, author, batch,
                                                     allow_similar, months)
            # Once, not per batch: each write of the counts leaves versions until commit.
            self._add_month_counts(db, months)
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

    def _import_batch(self, db: Any, events: list[Event], dataset: str, author: str,
                      change: int, allow_similar: bool,
                      months: collections.Counter) -> WriteResult:
        ids = [event.id for event in events]
        condition, params = self._in_list("id", ids)
        stored = {row[0]: (row[1], row[2]) for row in db.execute(
            f"SELECT id, dataset, version FROM events WHERE {condition}", params).fetchall()}
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

    def _similar(self, db: Any, events: list[Event], dataset: str,
                 change: int) -> tuple[tuple[str, str, str], ...]:
        """(new id, stored id, stored title) for each of ``events`` that looks like an event
        ``dataset`` held before the import ``change``: dates that overlap, the same
        countries, alike titles."""
        if not events:
            return ()
        found: dict[str, tuple[str, str, str]] = {}
        for new_id, new_title, old_id, old_title in self._alike_pairs(db, events, dataset,
                                                                      change):
            if new_id not in found and fuzz.WRatio(
                    new_title, old_title, processor=utils.default_process) >= SIMILAR_TITLES:
                found[new_id] = (new_id, old_id, old_title)
        return tuple(found.values())

    def _put(self, db: Any, events: list[Event], dataset: str,
             versions: dict[str, int] | None = None, batch: int | None = None,
             months: collections.Counter | None = None,
             stored: list[str] | None = None) -> None:
        """Write events (replacing any with the same id) inside the caller's transaction.
        ``versions`` gives an id its new version (default 1); ``batch`` the import;
        ``months`` collects the monthly counts for the caller to write once (without it they
        are written here); ``stored``: the ids among them stored already, when known."""
        if not events:
            return
        tables = tables_for(events, self._new_keys(db, len(events)), dataset, batch)
        tables["events"]["version"] = [(versions or {}).get(e.id, 1) for e in events]
        if stored is None:
            condition, params = self._in_list("id", [e.id for e in events])
            stored = [row[0] for row in db.execute(
                f"SELECT id FROM events WHERE {condition}", params).fetchall()]
        if stored:  # only replacements delete: an import of new events only writes
            condition, params = self._in_list("id", stored)
            self._delete_where(db, condition, params)
        self._insert(db, tables)
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
                raise ChangeRefused(f"there is already an event {event.id!r} (“{stored.title}”, "
                                    f"in dataset {self._dataset_of(db, event.id)!r}): choose "
                                    f"another id, or edit that event")
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
        replaced") and ``title``: the event's title (as it was after the change, or before a
        delete; ``what`` for a change of many events)."""
        where, params = ("event_id = ?", [event_id]) if event_id else ("TRUE", [])
        with self._read() as db:
            changes = self._frame(
                db, f"SELECT id, changed_at, author, action, event_id, dataset, before, after, "
                    f"undoes, batch, detail FROM changes WHERE {where} ORDER BY id DESC",
                params).astype(HISTORY_TYPES)
        changes["what"] = pd.Series([_change_text(*row) for row in zip(
            changes["action"], changes["event_id"], changes["dataset"], changes["detail"],
            changes["undoes"], strict=True)], index=changes.index, dtype="str")
        changes["title"] = pd.Series([_change_title(*row) for row in zip(
            changes["event_id"], changes["after"], changes["before"], changes["what"],
            strict=True)], index=changes.index, dtype="str")
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

    def _undo_whole(self, db: Any, change_id: int, action: str, dataset: str,
                    author: str) -> int:
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
    def _version(db: Any, event_id: str) -> int | None:
        row = db.execute("SELECT version FROM events WHERE id = ?", [event_id]).fetchone()
        return row[0] if row else None

    @staticmethod
    def _dataset_of(db: Any, event_id: str) -> str:
        row = db.execute("SELECT dataset FROM events WHERE id = ?", [event_id]).fetchone()
        return row[0] if row else CURATED

    def _record(self, db: Any, action: str, author: str, event_id: str, dataset: str,
                before: Event | None, after: Event | None, undoes: int | None = None,
                batch: int | None = None, detail: dict[str, Any] | None = None) -> int:
        next_change = self._next_change

        def as_json(event: Event | None) -> str | None:
            return None if event is None else json.dumps(event.to_record(), ensure_ascii=False)

        return db.execute(
            f"INSERT INTO changes (id, author, action, event_id, dataset, before, after, "
            f"undoes, batch, detail) VALUES ({next_change}, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
            f"RETURNING id",
            [author, action, event_id, dataset, as_json(before), as_json(after), undoes, batch,
             None if detail is None else json.dumps(detail, ensure_ascii=False)]
        ).fetchone()[0]

    @staticmethod
    def _set_detail(db: Any, change: int, detail: dict[str, Any]) -> None:
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

    @staticmethod
    def _refuse_removed(db: Any, name: str, known: bool = False) -> None:
        """:class:`ChangeRefused` when dataset ``name`` was removed (and, with ``known``,
        :class:`UnknownDataset` when there is none)."""
        row = db.execute("SELECT removed_by FROM datasets WHERE name = ?", [name]).fetchone()
        if row is None and known:
            raise UnknownDataset(f"there is no dataset {name!r}")
        if row is not None and row[0] is not None:
            raise ChangeRefused(f"dataset {name!r} was removed by change {row[0]}: undo that "
                                f"(`timeline undo {row[0]}`) or purge it first")

    def _ensure_dataset(self, db: Any, name: str, description: str) -> None:
        if not name.strip():
            raise ChangeRefused("a dataset needs a name")
        self._refuse_removed(db, name)
        db.execute("INSERT INTO datasets (name, description) VALUES (?, ?) "
                   "ON CONFLICT DO NOTHING", [name, description])

    # -- reading -------------------------------------------------------------------------

    def datasets(self, *, removed: bool = False) -> pd.DataFrame:
        """One row per dataset in use (``removed``: also the removed ones): ``name``,
        ``description``, ``created``, ``events`` and ``removed_by`` (the change that removed
        it, or ``NA``); the curated dataset first."""
        with self._read() as db:
            return self._frame(db, f"""
                SELECT d.name, d.description, d.created, count(e.key) AS events,
                       d.removed_by
                FROM datasets d LEFT JOIN events e ON e.dataset = d.name
                WHERE {'TRUE' if removed else 'd.removed_by IS NULL'}
                GROUP BY d.name, d.description, d.created, d.removed_by
                ORDER BY d.name <> 'curated', d.name""", []).astype(DATASET_TYPES)

    def get(self, event_id: str) -> Event | None:
        """The event with this id, or ``None`` (also when its dataset was removed)."""
        with self._read() as db:
            removed = db.execute("SELECT 1 FROM events e JOIN datasets d ON d.name = e.dataset "
                                 "WHERE e.id = ? AND d.removed_by IS NOT NULL",
                                 [event_id]).fetchone()
            return None if removed else self._get(db, event_id)

    @staticmethod
    def _visible(db: Any, event_filter: EventFilter) -> EventFilter:
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
        return replace(event_filter, datasets=kept or (NO_DATASET,))

    # -- bulk imports: GDELT and ICEWS files ----------------------------------------------

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
            summary = self._bulk(db, staged, path, dataset, origin, progress,
                                 countries_by_name, batch)
            summary.change = batch
            if change is None:
                self._set_detail(db, batch, {"file": label, "added": summary.imported,
                                             "replaced": 0})
        return summary


def refuse_to_init(where: str, version: int | None, tables: list[str]) -> None:
    """:class:`DatabaseUnusable` when the timeline's tables cannot be created where
    ``tables`` are: a timeline is there already (``version``), or tables of the same names."""
    if version is not None:
        raise DatabaseUnusable(f"{where} is a timeline database already (schema version "
                               f"{version})")
    clash = sorted(set(tables) & set(TABLES))
    if clash:
        tables_named = "a table" if len(clash) == 1 else "tables"
        raise DatabaseUnusable(f"{where} already has {tables_named} named {', '.join(clash)}: "
                               f"the timeline's tables cannot be added")


def _check_version(event_id: str, expected: int | None, stored: Event | None,
                   version: int | None) -> None:
    if expected is not None and expected != version:
        raise EditConflict(event_id, expected, stored, version)


def _change_title(event_id: str | None, after: str | None, before: str | None,
                  what: str) -> str:
    """The title a change's event had after it (before it, for a delete); ``what`` for a
    change of many events."""
    if not event_id:
        return what
    for side in (after, before):
        if isinstance(side, str):
            return str(json.loads(side).get("title", event_id))
    return event_id


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


def sorted_members(countries: Iterable[str]) -> str:
    """An event's countries as :meth:`Store._alike_pairs` compares them: "|CHN|PRK|"."""
    return delimited(sorted(countries))
