"""Bulk imports: GDELT and ICEWS event files, read in batches and mapped by the database.

A file is read by Arrow's CSV reader, only the columns an event is made of, a batch at a time,
in a thread of its own (:class:`FileRows`: memory holds a few batches, whatever the file's
size); DuckDB takes them a part of the file at a time, maps their codes to the event model by
joins on the CAMEO tables and checks each row by the model's own rules
(:mod:`timeline.store.bulk_rules`: a row the model would refuse is skipped and counted by
reason), into one temporary table; its rows are then written to every table in one pass each,
sorted as the queries want them (``events`` by day, ``event_countries`` by country).
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.csv as pcsv

from timeline.core.model import Problem
from timeline.core.wording import counted
from timeline.files.formats import RowProblem

from . import bulk_rules as rules
from .bulk_rules import cleaned
from .errors import UnreadableFile
from .results import ImportSummary
from .rows import COUNTRY_COLUMNS, EVENT_COLUMNS, TABLES_BY_KEY

# Bytes of the file parsed at a time: a batch of ~8,000 GDELT rows.
_BLOCK = 1024 * 1024
# Rows mapped by one statement: DuckDB maps the batches of a table on all its threads (a
# stream of batches, on one), and a statement costs a few milliseconds. What Arrow holds
# (a part, and the batches parsed ahead) is outside DuckDB's memory cap.
_PART_ROWS = 250_000
GDELT_READ = ("GLOBALEVENTID", "SQLDATE", "Actor1CountryCode", "Actor2CountryCode",
              "Actor1Name", "Actor2Name", "EventCode", "GoldsteinScale", "NumMentions",
              "SOURCEURL")
ICEWS_READ = ("Event ID", "Event Date", "Source Country", "Target Country", "Source Name",
              "Target Name", "CAMEO Code", "Intensity", "Publisher")


@dataclass(frozen=True)
class Layout:
    """How a tab-separated events file is laid out: its ``columns``, whether a ``header``
    line comes first, the fields read as missing (``nulls``), the fewest fields a whole row
    has (``fewest``; rows between it and all the columns are read, padded), and the columns
    an event is made of (``read``)."""

    columns: tuple[str, ...]
    header: bool
    nulls: tuple[str, ...]
    fewest: int
    read: tuple[str, ...]


class StagedFile(str):
    """A staging query: its SQL text, a SELECT over ``file_rows`` (see :class:`FileRows`),
    carrying the file it reads (``path``) and how (``layout``)."""

    path: Path
    layout: Layout

    def __new__(cls, sql: str, path: Path, layout: Layout) -> StagedFile:
        staged = super().__new__(cls, sql)
        staged.path, staged.layout = path, layout
        return staged


class TooManyFields(ValueError):
    """Raised for a row of more fields than the file's layout has (``line``: where)."""

    def __init__(self, line: int, fields: int, columns: int):
        self.line = line
        super().__init__(f"{fields} fields, where the file has {columns} columns")


class FileRows:
    """The rows of a tab-separated file as Arrow batches of the layout's ``read`` columns
    (text, ``None`` for a missing field), each row with its ``line`` in the file and
    ``whole``: whether it has the layout's fewest fields.

    Arrow's reader parses the rows as wide as the first (all but the header); a row of
    another width goes to :meth:`_odd_row` and is split here (GDELT 1.0 files mix 57 and 58
    fields; a short row is padded), so that no row is lost and each keeps its line. A row of
    more fields than the layout raises :class:`TooManyFields`; an empty line is no row.
    """

    def __init__(self, path: Path, layout: Layout):
        self.layout = layout
        self._stream = path.open("rb")
        self._size = path.stat().st_size
        self._odd: dict[int, str] = {}  # line: text, of the rows parsed but not yet passed on
        self.refused: TooManyFields | None = None
        self.schema = pa.schema([*((name, pa.string()) for name in layout.read),
                                 ("line", pa.int64()), ("whole", pa.bool_())])

    def done(self) -> float:
        """How much of the file was read, 0–1."""
        return min(self._stream.tell() / self._size, 1.0) if self._size else 1.0

    def groups(self, rows: int) -> Iterator[pa.Table]:
        """The file's batches, gathered into tables of about ``rows`` rows; parsed in a thread
        of their own (Arrow's parser lets other threads run), while the database maps the
        previous table. Raises :class:`TooManyFields` when a row has more fields than the
        layout."""
        ready: queue.Queue[pa.RecordBatch | BaseException | None] = queue.Queue(maxsize=2)
        stop = threading.Event()

        def put(item: pa.RecordBatch | BaseException | None) -> None:
            while not stop.is_set():
                try:
                    ready.put(item, timeout=0.1)
                    return
                except queue.Full:
                    continue

        def parse() -> None:
            try:
                for batch in self._batches():
                    put(batch)
                    if stop.is_set():  # the reading ended early: parse no further
                        return
            except BaseException as error:  # raised in the reading thread, below
                put(error)
            else:
                put(None)

        parser = threading.Thread(target=parse, daemon=True)
        parser.start()
        gathered: list[pa.RecordBatch] = []
        try:
            while (item := ready.get()) is not None:
                if isinstance(item, BaseException):
                    raise item
                gathered.append(item)
                if sum(batch.num_rows for batch in gathered) >= rows:
                    yield pa.Table.from_batches(gathered, self.schema)
                    gathered = []
            if gathered:
                yield pa.Table.from_batches(gathered, self.schema)
        finally:
            stop.set()
            parser.join()

    def close(self) -> None:
        self._stream.close()

    def _names(self) -> list[str] | None:
        """The columns Arrow reads: as many as the first row has fields, when a whole row
        may have that many (a GDELT 1.0 backfile's 57), else all of the layout's; ``None``
        for a file of no rows."""
        layout = self.layout
        self._stream.seek(0)
        if layout.header:
            self._stream.readline()
        first = self._stream.readline()
        self._stream.seek(0)
        if not first:
            return None
        width = first.count(b"\t") + 1
        columns = layout.columns
        return list(columns[:width] if layout.fewest <= width < len(columns) else columns)

    def _batches(self) -> Iterator[pa.RecordBatch]:
        layout, names = self.layout, self._names()
        if names is None:
            return
        reader = pcsv.open_csv(
            self._stream,
            read_options=pcsv.ReadOptions(column_names=names, block_size=_BLOCK,
                                          skip_rows=int(layout.header), use_threads=False),
            parse_options=pcsv.ParseOptions(delimiter="\t", quote_char=False,
                                            ignore_empty_lines=False,
                                            invalid_row_handler=self._odd_row),
            convert_options=pcsv.ConvertOptions(
                include_columns=list(layout.read), include_missing_columns=True,
                column_types=dict.fromkeys(layout.read, pa.string()),
                null_values=list(layout.nulls), strings_can_be_null=True))
        first = 1 + layout.header  # the line of the next row
        for batch in reader:
            # Arrow parses ahead: the odd rows met so far may lie past this batch's lines.
            lines, odd = self._lines(first, batch.num_rows)
            if self.refused is not None and self.refused.line < first + len(lines) + len(odd):
                raise self.refused
            yield pa.RecordBatch.from_arrays(
                [*batch.columns, pa.array(lines), pa.repeat(True, batch.num_rows)]
                if batch.num_rows else [pa.array([], t) for t in self.schema.types],
                schema=self.schema)
            if odd:
                yield self._split(odd)
            first += len(lines) + len(odd)
        if self.refused is not None:
            raise self.refused
        if self._odd:  # the rows after the last of Arrow's
            yield self._split(sorted(self._odd))

    def _lines(self, first: int, rows: int) -> tuple[np.ndarray, list[int]]:
        """The lines of a batch of ``rows`` rows starting at line ``first``, and the lines of
        the odd rows among them."""
        end = first + rows
        while True:
            odd = sorted(line for line in self._odd if first <= line < end)
            if end - first - len(odd) == rows:
                break
            end = first + rows + len(odd)
        lines = np.arange(first, end, dtype=np.int64)
        return (np.setdiff1d(lines, odd, assume_unique=True) if odd else lines), odd

    def _odd_row(self, row: pcsv.InvalidRow) -> str:
        if row.actual_columns > len(self.layout.columns):
            self.refused = self.refused or TooManyFields(row.number, row.actual_columns,
                                                         len(self.layout.columns))
        self._odd[row.number] = row.text
        return "skip"

    def _split(self, odd: list[int]) -> pa.RecordBatch:
        """The odd rows at these lines, split and padded."""
        layout, nulls = self.layout, set(self.layout.nulls)
        places = [layout.columns.index(name) for name in layout.read]
        texts = [self._odd.pop(line) for line in odd]
        rows = [(line, text.split("\t")) for line, text in zip(odd, texts, strict=True)
                if text]  # an empty line is no row
        columns = [[fields[place] if place < len(fields) and fields[place] not in nulls
                    else None for _, fields in rows] for place in places]
        return pa.RecordBatch.from_arrays(
            [*map(pa.array, columns, [pa.string()] * len(places)),
             pa.array([line for line, _ in rows], pa.int64()),
             pa.array([len(fields) >= layout.fewest for _, fields in rows], pa.bool_())],
            schema=self.schema)


def gdelt_staged(path: Path, columns: Iterable[str]) -> StagedFile:
    """The staging query of a GDELT 1.0 or 2.0 event file (tab-separated, no header) whose
    columns ``columns`` names.

    Each row becomes a day-precision event ``gdelt-<GLOBALEVENTID>`` titled
    "United States → China: make optimistic comment", with its CAMEO code, Goldstein
    value, mention count as weight, actor countries mapped to ISO (regions and blank
    actors kept out of the countries) and SOURCEURL as its source. A row of fewer fields
    than the layout has is skipped (``short_row`` says so), but GDELT 1.0's backfile rows,
    which lack only the last (SOURCEURL, 57 of 58 fields). Only ``NA`` is a missing field
    as read; an empty one is made missing by the rules.
    """
    columns = tuple(columns)
    fewest = len(columns) - 1 if columns[-1] == "SOURCEURL" and len(columns) == 58 \
        else len(columns)
    layout = Layout(columns, header=False, nulls=("NA",), fewest=fewest, read=GDELT_READ)
    return StagedFile(f"""
        SELECT line, 'gdelt-' || {cleaned('GLOBALEVENTID')} AS id,
               try_strptime({cleaned('SQLDATE')}, '%Y%m%d')::DATE AS day,
               {cleaned('Actor1CountryCode')} AS actor_code,
               {cleaned('Actor2CountryCode')} AS target_code,
               {cleaned('Actor1Name')} AS actor_name, {cleaned('Actor2Name')} AS target_name,
               {cleaned('EventCode')} AS cameo, {cleaned('GoldsteinScale')} AS goldstein_text,
               {cleaned('NumMentions')} AS weight_text, {cleaned('SOURCEURL')} AS source,
               NULL::VARCHAR AS publisher,
               CASE WHEN NOT whole THEN 'row of fewer than {fewest} fields' END AS short_row
        FROM file_rows""", path, layout)


def icews_staged(path: Path, columns: Iterable[str]) -> StagedFile:
    """The staging query of an ICEWS coded event file (tab-separated, header, ``NA`` for
    missing; a short row is read with its last fields missing).

    Each row becomes a day-precision event ``icews-<Event ID>-<Event Date>`` (the Event ID
    is unique only with its date) titled "Source Name → Target Name: event text", its
    CAMEO code and Intensity (as Goldstein value) kept, country names mapped to ISO, and
    the publisher as its source.
    """
    layout = Layout(tuple(columns), header=True, nulls=("NA", ""), fewest=1, read=ICEWS_READ)
    return StagedFile(f"""
        SELECT line,
               'icews-' || {cleaned('"Event ID"')} || '-' || {cleaned('"Event Date"')} AS id,
               try_strptime({cleaned('"Event Date"')}, '%Y-%m-%d')::DATE AS day,
               {cleaned('"Source Country"')} AS actor_code,
               {cleaned('"Target Country"')} AS target_code,
               {cleaned('"Source Name"')} AS actor_name,
               {cleaned('"Target Name"')} AS target_name,
               {cleaned('"CAMEO Code"')} AS cameo, {cleaned('Intensity')} AS goldstein_text,
               NULL::VARCHAR AS weight_text, NULL::VARCHAR AS source,
               {cleaned('Publisher')} AS publisher, NULL::VARCHAR AS short_row
        FROM file_rows""", path, layout)


def _read(db: duckdb.DuckDBPyConnection, staged: StagedFile, table: str, select: str,
          progress: Callable[[float], None] | None = None) -> None:
    """Make the temporary ``table`` of what ``select`` gives for the file's rows (named
    ``file_rows`` in it), a part of the file at a time: the database maps a part on all its
    threads while the next is parsed. A row the layout cannot hold raises
    :class:`UnreadableFile` naming its line."""
    rows = FileRows(staged.path, staged.layout)
    # ``file_rows`` is found by its name (DuckDB reads a Python variable the SQL names), not
    # registered: a connection keeps what is registered inside a transaction until it ends
    # (every part of the file, in memory), and a relation per part costs a tenth of a second
    # of Python (5.6 s, not 1.8, to copy two million rows).
    file_rows = rows.schema.empty_table()
    db.execute(f"CREATE OR REPLACE TEMP TABLE {table} AS {select}")
    try:
        for file_rows in rows.groups(_PART_ROWS):  # noqa: B007 (read by the SQL)
            db.execute(f"INSERT INTO {table} {select}")
            if progress is not None:
                progress(rows.done())
    except TooManyFields as refused:
        raise UnreadableFile(refused.line, str(refused)) from None
    finally:
        rows.close()
        del file_rows
    if progress is not None:
        progress(1.0)


def _names_read(db: duckdb.DuckDBPyConnection, staged: StagedFile) -> dict[str, int]:
    """The country names in the file's actor and target columns, each with how many rows
    name it."""
    _read(db, staged, "names_read", f"""
        SELECT name, count(*) AS rows FROM (SELECT unnest([actor_code, target_code]) AS name
                                            FROM ({staged}))
        WHERE name IS NOT NULL GROUP BY name""")
    names = dict(db.execute("SELECT name, sum(rows)::BIGINT FROM names_read "
                            "GROUP BY name").fetchall())
    db.execute("DROP TABLE names_read")
    return names


def _unknown_names(path: Path, names: dict[str, int], unknown: list[str]) -> list[RowProblem]:
    """A warning per country name no table knows, with the rows naming it: those events are
    imported without that country, so the person is told which names to add where."""
    return [RowProblem(str(path), 0, Problem(field="countries", message=(
        f"“{name}” is no country name we know ({counted(names.get(name, 0), 'row')}, "
        f"imported without it): add it to data/icews_countries.csv"))) for name in unknown]


def import_staged(db: duckdb.DuckDBPyConnection, staged: StagedFile, path: Path, dataset: str,
                  origin: str, progress: Callable[[float], None] | None,
                  countries_by_name: bool, *, batch: int,
                  count_in_months: Callable[..., None]) -> ImportSummary:
    """Read a file through ``staged`` (a SELECT of the common columns: ``line``, ``id``,
    ``day``, ``actor_code``, ``target_code``, ``actor_name``, ``target_name``, ``cameo``,
    ``goldstein_text``, ``weight_text``, ``source``, ``publisher``, ``short_row``), then
    check, map and insert its rows inside the caller's transaction; the events carry
    ``batch`` (the import's change). An event ID stored already is skipped: in this dataset,
    a re-import adds nothing; in another, it is not taken over."""
    from timeline.core.cameo import (  # data, not SQL
        cameo_countries,
        cameo_events,
        icews_country,
        unknown_icews_names,
    )

    summary = ImportSummary(file=str(path), dataset=dataset)
    db.register("cameo_events_frame", cameo_events())
    if countries_by_name:
        names = _names_read(db, staged)
        countries = pd.DataFrame({"code": list(names), "iso3": [icews_country(n) for n in names]})
        countries["label"] = None
        summary.warnings += _unknown_names(path, names, unknown_icews_names(list(names)))
    else:
        countries = cameo_countries()
    db.register("actor_countries_frame", countries)
    # Read, mapped and checked in one pass (the slow part, so it reports progress): the
    # file's rows are never stored as they are, and the code tables are small joins.
    _read(db, staged, "incoming", _incoming(staged), progress)
    summary.rows = db.execute("SELECT count(*) FROM incoming").fetchone()[0]
    _skip_repeated_and_stored(db, dataset)
    summary.skipped = dict(db.execute(
        "SELECT problem, count(*) FROM incoming WHERE problem IS NOT NULL "
        "GROUP BY problem ORDER BY count(*) DESC, problem").fetchall())
    summary.imported = summary.rows - sum(summary.skipped.values())
    keyed = _keyed(db)
    db.execute("DROP TABLE incoming")
    _insert_rows(db, keyed, dataset, origin, batch)
    # The rows are inserted: what is derived from them is brought up to date here.
    count_in_months(db, _country_rows(keyed), +1, [dataset, dataset])
    db.execute("DROP TABLE keyed")
    db.unregister("cameo_events_frame")
    db.unregister("actor_countries_frame")
    return summary


def _incoming(staged: str) -> str:
    """SQL: the file's rows as the tables want them (the codes looked up, the title made),
    each with the reason the model refuses it, if any."""
    named = (f"coalesce(a.label, {rules.name('s.actor_name')}, 'Unknown actor') "
             f"|| coalesce(' → ' || coalesce(t.label, {rules.name('s.target_name')}), '') "
             f"|| ': ' || ev.label")
    return f"""
        SELECT s.line, s.id, s.day, s.cameo, s.source, s.publisher, ev.type,
               a.iso3::VARCHAR AS actor, t.iso3::VARCHAR AS target,  -- typed when all NULL
               nullif(t.iso3, a.iso3)::VARCHAR AS other,  -- a country acting on itself: once
               {rules.goldstein('s.goldstein_text')} AS goldstein,
               TRY_CAST({rules.weight('s.weight_text')} AS INTEGER) AS weight,
               {rules.title(named)} AS title,
               {rules.skip_reasons(short_row='s.short_row', id='s.id', day='s.day',
                                   known_code='ev.code', cameo='s.cameo',
                                   goldstein_text='s.goldstein_text',
                                   weight_text='s.weight_text',
                                   source='coalesce(s.source, s.publisher)')} AS problem
        FROM ({staged}) s
        LEFT JOIN cameo_events_frame ev ON ev.code = s.cameo
        LEFT JOIN actor_countries_frame a ON a.code = s.actor_code
        LEFT JOIN actor_countries_frame t ON t.code = s.target_code"""


def _skip_repeated_and_stored(db: duckdb.DuckDBPyConnection, dataset: str) -> None:
    """Mark the rows of ``incoming`` whose event ID an earlier row has, or a stored event."""
    # The first row of each event ID is kept (a grouping, not a window over every row: a
    # fifth of the time at ten million rows). The table's rows are in no set order: the
    # batches of the file land as they are mapped.
    db.execute("""
        UPDATE incoming SET problem = 'repeated in the file'
        WHERE line IN (
            SELECT unnest(list(line ORDER BY line)[2:]) FROM incoming
            WHERE problem IS NULL AND id IN (
                SELECT id FROM incoming WHERE problem IS NULL
                GROUP BY id HAVING count(*) > 1)
            GROUP BY id)""")
    db.execute("""
        UPDATE incoming i SET problem = CASE WHEN e.dataset = ? THEN 'already stored'
                                             ELSE 'whose ID is an event of another dataset' END
        FROM events e WHERE i.problem IS NULL AND e.id = i.id""", [dataset])


def _keyed(db: duckdb.DuckDBPyConnection) -> str:
    """SQL: the rows of ``incoming`` to store, each with its event's key (the keys taken
    from the sequence), in date order; they are written to a temporary table ``keyed``,
    which the caller drops."""
    # Keys in date order: the events of a day, and so their sources (stored in key order),
    # sit together, and the sources of a page of events are a few blocks of ``sources``, not
    # one row in each of them (at 10M events: 2 ms, not 20). One sort of the rows, which the
    # insert into ``events`` (by date) then needs no more; an event's key is the first free
    # key plus its row's place in the sorted table (a window numbering the rows in the same
    # order took 2.5 times as long).
    count = db.execute("SELECT count(*) FROM incoming WHERE problem IS NULL").fetchone()[0]
    first_key = db.execute("SELECT nextval('event_key')").fetchone()[0]
    if count:
        db.execute("SELECT setval('event_key', ?)", [first_key + count])
    db.execute("CREATE OR REPLACE TEMP TABLE keyed AS "
               "SELECT * FROM incoming WHERE problem IS NULL ORDER BY day, line")
    # A new table's rows are numbered in the order they were written, from 0, or from 2**55
    # in a table made inside a transaction, as this one is.
    [(first_row,)] = db.execute("SELECT coalesce(min(rowid), 0) FROM keyed").fetchall()
    return f"SELECT {int(first_key) - int(first_row)} + rowid AS key, * FROM keyed"


def _country_rows(keyed: str) -> str:
    """SQL: the ``event_countries`` rows of the events ``keyed`` selects (parameters: the
    dataset, twice)."""
    return f"""
        SELECT key, actor AS country, 0 AS position, ? AS dataset, day AS first_day,
               day AS last_day, type, '|' || actor || coalesce('|' || other, '') || '|'
               AS members, '||' AS earlier
        FROM ({keyed}) WHERE actor IS NOT NULL
        UNION ALL
        SELECT key, other, CASE WHEN actor IS NULL THEN 0 ELSE 1 END, ?, day, day,
               type, coalesce('|' || actor, '') || '|' || other || '|',
               coalesce('|' || actor, '') || '|'
        FROM ({keyed}) WHERE other IS NOT NULL"""


def _insert_rows(db: duckdb.DuckDBPyConnection, keyed: str, dataset: str, origin: str,
                 batch: int) -> None:
    """Insert the events ``keyed`` selects into every table, each sorted as the queries want
    it."""
    # Not list_filter: a lambda per row costs a tenth of the insert.
    countries = ("CASE WHEN other IS NULL THEN CASE WHEN actor IS NULL THEN []::VARCHAR[] "
                 "ELSE [actor] END WHEN actor IS NULL THEN [other] ELSE [actor, other] END")
    db.execute(f"""
        INSERT INTO events ({", ".join(EVENT_COLUMNS)})
        SELECT key, id, ?, day, 'day', NULL, NULL, day, title, '', actor, target, type,
               [], cameo, goldstein, weight, {rules.search_text('title')}, {countries}, ?
        FROM ({keyed})""", [dataset, batch])  # by key, so by date: date filters skip blocks
    db.execute(f"INSERT INTO event_countries ({', '.join(COUNTRY_COLUMNS)}) "
               f"SELECT * FROM ({_country_rows(keyed)}) ORDER BY country, first_day",
               [dataset, dataset])
    # A source that is no http(s) address ("BBC Monitoring") is kept as the publisher.
    db.execute(f"""
        INSERT INTO sources (key, position, publisher, url, published, quote)
        SELECT key, 0,
               CASE WHEN is_web THEN {rules.host('source')}
                    ELSE {rules.publisher(f"coalesce(publisher, source, '{origin}')")} END,
               CASE WHEN is_web THEN source ELSE '' END, NULL, ''
        FROM (SELECT key, source, publisher, {rules.is_web('source')} AS is_web
              FROM ({keyed}))""")


def read_tsv(path: Path, columns: Iterable[str], *, header: bool,
             nulls: Iterable[str] = ("NA", "")) -> str:
    """A DuckDB ``read_csv`` call reading every column of a tab-separated file as text (the
    scale benchmark's baseline: a bare copy of the file).

    No quoting (GDELT and ICEWS do not quote; a stray ``"`` is data), short rows padded with
    NULL, ``nulls`` read as missing (default ``NA``, as ICEWS files written by R have it, and
    an empty field).
    """
    spec = ", ".join(f"'{name}': 'VARCHAR'" for name in columns)
    missing = ", ".join(rules.literal(text) for text in nulls)
    return (f"read_csv({rules.literal(str(path))}, delim='\t', quote='', escape='', "
            f"header={str(header).lower()}, columns={{{spec}}}, null_padding=true, "
            f"auto_detect=false, nullstr=[{missing}])")


def skip_stored(scratch: duckdb.DuckDBPyConnection, summary: ImportSummary,
                stored: pd.DataFrame, dataset: str) -> None:
    """Take the events whose id a server stores already (``stored``: ``id``, ``dataset``)
    out of a scratch file of :func:`import_staged`, counted in the summary as the DuckDB
    engine counts them (in this dataset: a re-import adds nothing; in another: never taken
    over)."""
    if stored.empty:
        return
    scratch.register("stored_ids", stored)
    scratch.execute("CREATE OR REPLACE TEMP TABLE stored_keys AS SELECT key FROM events "
                    "WHERE id IN (SELECT id FROM stored_ids)")
    for table in TABLES_BY_KEY:
        scratch.execute(f"DELETE FROM {table} WHERE key IN (SELECT key FROM stored_keys)")
    scratch.unregister("stored_ids")
    here = int((stored["dataset"] == dataset).sum())
    for reason, count in (("already stored", here),
                          ("whose ID is an event of another dataset", len(stored) - here)):
        if count:
            summary.skipped[reason] = summary.skipped.get(reason, 0) + count
    summary.skipped = dict(sorted(summary.skipped.items(), key=lambda kv: (-kv[1], kv[0])))
    summary.imported -= len(stored)
