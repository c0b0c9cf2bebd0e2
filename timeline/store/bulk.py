"""Bulk imports: GDELT and ICEWS event files, read and mapped by the database itself.

The file is read by DuckDB's CSV reader into a staging table, its codes mapped to the event
model by joins on the CAMEO tables, each row checked by the model's own rules
(:mod:`timeline.store.bulk_rules`: a row the model would refuse is skipped and counted by
reason), and its rows written to every table in one pass, each table sorted as the queries
want it (``events`` by day, ``event_countries`` by country).
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Iterable
from pathlib import Path

import duckdb
import pandas as pd

from timeline.core.model import Problem
from timeline.core.wording import counted
from timeline.files.formats import RowProblem

from . import bulk_rules as rules
from .bulk_rules import cleaned
from .errors import UnreadableFile
from .results import ImportSummary
from .rows import COUNTRY_COLUMNS, EVENT_COLUMNS, TABLES_BY_KEY


def gdelt_staged(path: Path, columns: Iterable[str]) -> str:
    """The staging query of a GDELT 1.0 or 2.0 event file (tab-separated, no header) whose
    columns ``columns`` names.

    Each row becomes a day-precision event ``gdelt-<GLOBALEVENTID>`` titled
    "United States → China: make optimistic comment", with its CAMEO code, Goldstein
    value, mention count as weight, actor countries mapped to ISO (regions and blank
    actors kept out of the countries) and SOURCEURL as its source. A row of fewer fields
    than the layout has is skipped (``short_row`` says so), but GDELT 1.0's backfile rows,
    which lack only the last (SOURCEURL, 57 of 58 fields).
    """
    columns = tuple(columns)
    # The reader pads a short row with NULLs, and reads an empty field as '' (only "NA" is
    # NULL): a row is whole when the last field it must have is not NULL.
    fewest = len(columns) - 1 if columns[-1] == "SOURCEURL" and len(columns) == 58 \
        else len(columns)
    last = columns[fewest - 1]
    return f"""
        SELECT 'gdelt-' || {cleaned('GLOBALEVENTID')} AS id,
               try_strptime({cleaned('SQLDATE')}, '%Y%m%d')::DATE AS day,
               {cleaned('Actor1CountryCode')} AS actor_code,
               {cleaned('Actor2CountryCode')} AS target_code,
               {cleaned('Actor1Name')} AS actor_name, {cleaned('Actor2Name')} AS target_name,
               {cleaned('EventCode')} AS cameo, {cleaned('GoldsteinScale')} AS goldstein_text,
               {cleaned('NumMentions')} AS weight_text, {cleaned('SOURCEURL')} AS source,
               NULL::VARCHAR AS publisher,
               CASE WHEN "{last}" IS NULL
                    THEN 'row of fewer than {fewest} fields' END AS short_row
        FROM {read_tsv(path, columns, header=False, nulls=["NA"])}"""


def icews_staged(path: Path, columns: Iterable[str]) -> str:
    """The staging query of an ICEWS coded event file (tab-separated, header, ``NA`` for
    missing).

    Each row becomes a day-precision event ``icews-<Event ID>-<Event Date>`` (the Event ID
    is unique only with its date) titled "Source Name → Target Name: event text", its
    CAMEO code and Intensity (as Goldstein value) kept, country names mapped to ISO, and
    the publisher as its source.
    """
    return f"""
        SELECT 'icews-' || {cleaned('"Event ID"')} || '-' || {cleaned('"Event Date"')} AS id,
               try_strptime({cleaned('"Event Date"')}, '%Y-%m-%d')::DATE AS day,
               {cleaned('"Source Country"')} AS actor_code,
               {cleaned('"Target Country"')} AS target_code,
               {cleaned('"Source Name"')} AS actor_name,
               {cleaned('"Target Name"')} AS target_name,
               {cleaned('"CAMEO Code"')} AS cameo, {cleaned('Intensity')} AS goldstein_text,
               NULL::VARCHAR AS weight_text, NULL::VARCHAR AS source,
               {cleaned('Publisher')} AS publisher, NULL::VARCHAR AS short_row
        FROM {read_tsv(path, columns, header=True)}"""


def _unknown_names(db: duckdb.DuckDBPyConnection, path: Path,
                   unknown: list[str]) -> list[RowProblem]:
    """A warning per country name no table knows, with the rows naming it: those events are
    imported without that country, so the person is told which names to add where."""
    if not unknown:
        return []
    counts = dict(db.execute(
        "SELECT name, count(*) FROM (SELECT actor_code AS name FROM staged UNION ALL "
        "SELECT target_code FROM staged) WHERE list_contains(?, name) GROUP BY name",
        [unknown]).fetchall())
    return [RowProblem(str(path), 0, Problem(field="countries", message=(
        f"“{name}” is no country name we know ({counted(counts.get(name, 0), 'row')}, "
        f"imported without it): add it to data/icews_countries.csv"))) for name in unknown]


def import_staged(db: duckdb.DuckDBPyConnection, staged: str, path: Path, dataset: str,
                  origin: str, progress: Callable[[float], None] | None,
                  countries_by_name: bool, *, batch: int,
                  count_in_months: Callable[..., None]) -> ImportSummary:
    """Read a file through ``staged`` (a SELECT of the common columns: ``id``, ``day``,
    ``actor_code``, ``target_code``, ``actor_name``, ``target_name``, ``cameo``,
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
    # Read once into memory (the slow part, so it reports progress), then map: the lookups
    # are joins on the small code tables, cheaper here than while reading.
    try:
        run_with_progress(db, f"CREATE OR REPLACE TEMP TABLE staged AS {staged}", progress)
    except (duckdb.InvalidInputException, duckdb.ConversionException) as error:
        raise _unreadable(error) from error
    db.register("cameo_events_frame", cameo_events())
    if countries_by_name:
        names = [row[0] for row in db.execute(
            "SELECT DISTINCT name FROM (SELECT actor_code AS name FROM staged UNION "
            "SELECT target_code FROM staged) WHERE name IS NOT NULL").fetchall()]
        countries = pd.DataFrame({"code": names, "iso3": [icews_country(n) for n in names]})
        countries["label"] = None
        summary.warnings += _unknown_names(db, path, unknown_icews_names(names))
    else:
        countries = cameo_countries()
    db.register("actor_countries_frame", countries)
    summary.rows = db.execute("SELECT count(*) FROM staged").fetchone()[0]
    named = ("coalesce(a.label, s.actor_name, 'Unknown actor') "
             "|| coalesce(' → ' || coalesce(t.label, s.target_name), '') || ': ' || ev.label")
    db.execute(f"""
        CREATE OR REPLACE TEMP TABLE incoming AS
        SELECT s.id, s.day, s.cameo, s.source, s.publisher, ev.type, a.iso3 AS actor,
               t.iso3 AS target,
               nullif(t.iso3, a.iso3) AS other,  -- a country acting on itself: once
               {rules.goldstein('s.goldstein_text')} AS goldstein,
               TRY_CAST({rules.weight('s.weight_text')} AS INTEGER) AS weight,
               {rules.title(named)} AS title,
               {rules.skip_reasons(short_row='s.short_row', id='s.id', day='s.day',
                                   known_code='ev.code', cameo='s.cameo',
                                   goldstein_text='s.goldstein_text',
                                   weight_text='s.weight_text',
                                   source='coalesce(s.source, s.publisher)')} AS problem
        FROM staged s
        LEFT JOIN cameo_events_frame ev ON ev.code = s.cameo
        LEFT JOIN actor_countries_frame a ON a.code = s.actor_code
        LEFT JOIN actor_countries_frame t ON t.code = s.target_code""")
    db.execute("DROP TABLE staged")
    # The first row of each event ID is kept (a grouping, not a window over every row: a
    # fifth of the time at ten million rows).
    db.execute("""
        UPDATE incoming SET problem = 'repeated in the file'
        WHERE rowid IN (
            SELECT unnest(list(rowid ORDER BY rowid)[2:]) FROM incoming
            WHERE problem IS NULL AND id IN (
                SELECT id FROM incoming WHERE problem IS NULL
                GROUP BY id HAVING count(*) > 1)
            GROUP BY id)""")
    db.execute("""
        UPDATE incoming i SET problem = CASE WHEN e.dataset = ? THEN 'already stored'
                                             ELSE 'whose ID is an event of another dataset' END
        FROM events e WHERE i.problem IS NULL AND e.id = i.id""", [dataset])
    summary.skipped = dict(db.execute(
        "SELECT problem, count(*) FROM incoming WHERE problem IS NOT NULL "
        "GROUP BY problem ORDER BY count(*) DESC, problem").fetchall())
    summary.imported = summary.rows - sum(summary.skipped.values())
    # An event's key is the first free key plus its row's place in the table: no nextval per
    # row. Places count from the table's first rowid, which in a table made inside a
    # transaction is about 2**55, not 0: keys counted from 0 ran out after 256 imports.
    first_row, last_row = db.execute("SELECT min(rowid), max(rowid) FROM incoming").fetchone()
    first_key = db.execute("SELECT nextval('event_key')").fetchone()[0]
    if first_row is not None:
        db.execute("SELECT setval('event_key', ?)", [first_key + last_row - first_row + 1])
    keyed = (f"SELECT {int(first_key - (first_row or 0))} + rowid AS key, * FROM incoming "
             f"WHERE problem IS NULL")
    db.execute(f"""
        INSERT INTO events ({", ".join(EVENT_COLUMNS)})
        SELECT key, id, ?, day, 'day', NULL, NULL, day, title, '', actor, target, type,
               [], cameo, goldstein, weight, {rules.search_text('title')},
               list_filter([actor, other], lambda c: c IS NOT NULL), ?
        FROM ({keyed}) ORDER BY day""", [dataset, batch])  # by date: date filters skip blocks
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
    db.execute(f"INSERT INTO event_countries ({', '.join(COUNTRY_COLUMNS)}) "
               f"SELECT * FROM ({country_rows}) ORDER BY country, first_day",
               [dataset, dataset])
    count_in_months(db, country_rows, +1, [dataset, dataset])
    # A source that is no http(s) address ("BBC Monitoring") is kept as the publisher.
    db.execute(f"""
        INSERT INTO sources (key, position, publisher, url, published, quote)
        SELECT key, 0,
               CASE WHEN is_web THEN {rules.host('source')}
                    ELSE {rules.publisher(f"coalesce(publisher, source, '{origin}')")} END,
               CASE WHEN is_web THEN source ELSE '' END, NULL, ''
        FROM (SELECT key, source, publisher, {rules.is_web('source')} AS is_web
              FROM ({keyed}))""")
    db.execute("DROP TABLE incoming")
    db.unregister("cameo_events_frame")
    db.unregister("actor_countries_frame")
    return summary


def _unreadable(error: duckdb.Error) -> UnreadableFile:
    """The CSV reader's error as its line and reason, without the row's text (which the
    error repeats in full) or its advice on reader options."""
    text = str(error)
    line = re.search(r"on Line: (\d+)", text)
    reasons = [part.strip() for part in text.splitlines()[1:]
               if part.strip() and not part.startswith(("Original Line", "Possible", "*"))]
    reason = reasons[0] if reasons else text.splitlines()[0] if text else type(error).__name__
    return UnreadableFile(int(line[1]) if line else 0, reason[:200])


def read_tsv(path: Path, columns: Iterable[str], *, header: bool,
             nulls: Iterable[str] = ("NA", "")) -> str:
    """A ``read_csv`` call reading every column of a tab-separated file as text.

    No quoting (GDELT and ICEWS do not quote; a stray ``"`` is data), short rows padded with
    NULL, ``nulls`` read as missing (default ``NA``, as ICEWS files written by R have it, and
    an empty field).
    """
    spec = ", ".join(f"'{name}': 'VARCHAR'" for name in columns)
    missing = ", ".join(rules.literal(text) for text in nulls)
    return (f"read_csv({rules.literal(str(path))}, delim='\t', quote='', escape='', "
            f"header={str(header).lower()}, columns={{{spec}}}, null_padding=true, "
            f"auto_detect=false, nullstr=[{missing}])")


def run_with_progress(db: duckdb.DuckDBPyConnection, sql: str,
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
