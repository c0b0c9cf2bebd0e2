"""The database's tables and how a file of any earlier version is brought up to date.

``MIGRATIONS[n]`` upgrades a file at schema version ``n`` to ``n + 1``; a new file runs them
all. The version is kept in ``schema_version``; a file from a newer program is refused untouched.
"""

from __future__ import annotations

import duckdb

from timeline.core.filters import CURATED

from .errors import SchemaTooNew
from .words import index_statements, normalized_sql

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
MIGRATIONS += (
    # 4: changes that span many events, and nothing removed for good by one command.
    # - events.batch: the import (a change's id) that wrote the event, so an import can be
    #   undone as one change; NULL for events written by hand.
    # - changes.batch: the import or dataset removal an event's own change belongs to;
    #   changes.detail: what a change of many events did, as JSON (file, counts).
    # - datasets.removed_by: the change that removed the dataset. Its events stay stored,
    #   out of every query, until the removal is undone or the dataset purged.
    """
    ALTER TABLE events ADD COLUMN batch BIGINT;
    ALTER TABLE changes ADD COLUMN batch BIGINT;
    ALTER TABLE changes ADD COLUMN detail VARCHAR;
    ALTER TABLE datasets ADD COLUMN removed_by BIGINT;
    """,
)
MIGRATIONS += (
    # 5: text search from a word index (timeline/store/words.py). The searched text is kept
    # without accents, as searches compare it, and every stored event's words are indexed.
    f"""
    UPDATE events SET search_text = {normalized_sql('search_text')}
    WHERE search_text <> {normalized_sql('search_text')};
    CREATE TABLE search_words (
        word VARCHAR NOT NULL,
        word_hash UBIGINT NOT NULL      -- hash(word), as event_words holds it
    );
    -- The event's dataset, days, type and countries are repeated, as in event_countries, so
    -- that a text filter with any other is answered from this table alone.
    CREATE TABLE event_words (
        word_hash UBIGINT NOT NULL,
        key BIGINT NOT NULL,
        dataset VARCHAR NOT NULL,
        first_day DATE NOT NULL,
        last_day DATE NOT NULL,
        type VARCHAR NOT NULL,
        members VARCHAR NOT NULL        -- the event's countries: "|PRK|CHN|"
    );
    """,  # the events are indexed by version 6, which rebuilds the index
)
MIGRATIONS += (
    # 6: phrases checked against the distinct texts, not every event's: each text indexed
    # is stored once, numbered, and each row of the word index carries its event's text's
    # number (timeline/store/words.py). The index is rebuilt.
    """
    CREATE SEQUENCE text_id START 1;
    CREATE TABLE search_texts (
        text_id INTEGER NOT NULL,
        search_text VARCHAR NOT NULL    -- as events.search_text has it, once
    );
    DELETE FROM event_words;
    ALTER TABLE event_words ADD COLUMN text_id INTEGER NOT NULL;  -- its event's search_texts row
    DELETE FROM search_words;
    """ + ";\n".join(index_statements("TRUE")),
)
SCHEMA_VERSION = len(MIGRATIONS)
# The tables a database of this program holds: a file holding one of them without
# ``schema_version`` is another program's, and is refused.
TABLES = ("schema_version", "datasets", "events", "event_countries", "sources", "changes",
          "country_months", "search_words", "search_texts", "event_words")


def stored_version(db: duckdb.DuckDBPyConnection) -> int | None:
    """The file's schema version; ``None`` when it holds no ``schema_version`` table."""
    if not db.execute("SELECT 1 FROM duckdb_tables() WHERE table_name = 'schema_version' "
                      "AND database_name = current_database()").fetchall():
        return None
    return db.execute("SELECT coalesce(max(version), 0) FROM schema_version").fetchone()[0]


def upgrade(db: duckdb.DuckDBPyConnection) -> bool:
    """Bring the schema to :data:`SCHEMA_VERSION`; return True when the database was new.

    Raises :class:`SchemaTooNew` for a file from a newer program, touching nothing.
    """
    version = stored_version(db)
    if version is not None and version > SCHEMA_VERSION:
        raise SchemaTooNew(f"the database is at schema version {version}; this program knows "
                           f"up to {SCHEMA_VERSION}: upgrade the program")
    if version == SCHEMA_VERSION:
        return False
    db.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)")
    version = version or 0
    # An upgrade rewrites every row in one transaction: a cap meant for reading (the
    # dashboard's 256 MB) would stop it halfway at ten million events, so it runs uncapped,
    # once, and the cap comes back after.
    cap = db.execute("SELECT current_setting('memory_limit')").fetchone()[0]
    db.execute("RESET memory_limit")
    try:
        for number in range(version, SCHEMA_VERSION):
            db.begin()
            try:
                db.execute(MIGRATIONS[number])
                db.execute("INSERT INTO schema_version VALUES (?)", [number + 1])
            except BaseException:
                db.rollback()
                raise
            db.commit()
    finally:
        db.execute("SET memory_limit = ?", [cap])
    return version == 0
