"""The timeline's tables on PostgreSQL, and the indexes the dashboard's queries use.

The tables hold what DuckDB's do (:mod:`timeline.store.schema`, at :data:`SCHEMA_VERSION`)
with PostgreSQL's types. A database made by an older program would be upgraded by
:data:`PG_MIGRATIONS` (none yet: PostgreSQL support began at version 4; a migration added to
``schema.MIGRATIONS`` needs its PostgreSQL twin here).

Text that is sorted or compared — ids, dataset names, country codes — uses the "C" collation,
so that "by date then id" and every ranking by name order exactly as DuckDB does (by code
point), whatever the server's locale, and so that their B-tree indexes serve those orders.

Indexes, each for a query the dashboard or the command line makes (README, "When one
machine is not enough"):

- ``events (first_day, id)``: the page by date then id (an index scan that stops after
  the page), date ranges, and each batch of an export (read on from the last event);
- ``events (id)`` unique: an event by id (editing, history, imports checking ids) — and no
  two events with one id, whoever writes;
- ``events (batch)``: an import's events, when it is undone;
- ``events (dataset)``: a dataset's events (counting, removing, purging);
- ``events USING gin (search_text gin_trgm_ops)`` (with the pg_trgm extension, where the
  server has it): text search (``LIKE '%word%'``) without reading every event;
- ``event_countries (country, first_day) INCLUDE (key, last_day, dataset, type)``: a
  country filter reads only its countries' rows, in date order, without the table;
- ``event_countries (key)``, ``sources (key, position)``: an event's countries and
  sources, for a page, an edit, a deletion;
- ``country_months`` keyed by (dataset, country, type, month): the density view and the
  busiest lanes from a few thousand rows, kept by upserts as events are written;
- ``changes (event_id)``, ``changes (batch)``, ``changes (undoes)``: an event's history,
  an import's edits, whether a change was undone.
"""

from __future__ import annotations

from timeline.core.filters import CURATED

from .schema import SCHEMA_VERSION

TABLES_SQL = f"""
CREATE TABLE schema_version (version INTEGER NOT NULL);
CREATE SEQUENCE event_key;
CREATE TABLE datasets (
    name TEXT COLLATE "C" PRIMARY KEY,
    description TEXT NOT NULL,
    created TIMESTAMP NOT NULL DEFAULT localtimestamp,
    removed_by BIGINT
);
INSERT INTO datasets (name, description)
    VALUES ('{CURATED}', 'Hand-curated events, sourced and checked (data/events.jsonl)');
CREATE TABLE events (
    key BIGINT PRIMARY KEY,
    id TEXT COLLATE "C" NOT NULL UNIQUE,
    dataset TEXT COLLATE "C" NOT NULL,
    first_day DATE NOT NULL,
    precision TEXT NOT NULL,
    end_day DATE,
    end_precision TEXT,
    last_day DATE NOT NULL,
    title TEXT NOT NULL,
    summary TEXT NOT NULL,
    actor TEXT,
    target TEXT,
    type TEXT COLLATE "C" NOT NULL,
    tags TEXT[] NOT NULL,
    cameo TEXT,
    goldstein DOUBLE PRECISION,
    weight INTEGER,
    search_text TEXT NOT NULL,
    version INTEGER NOT NULL DEFAULT 1,
    countries TEXT[] NOT NULL,
    batch BIGINT
);
CREATE TABLE event_countries (
    key BIGINT NOT NULL,
    country TEXT COLLATE "C" NOT NULL,
    position SMALLINT NOT NULL,
    dataset TEXT COLLATE "C" NOT NULL,
    first_day DATE NOT NULL,
    last_day DATE NOT NULL,
    type TEXT COLLATE "C" NOT NULL,
    members TEXT NOT NULL,
    earlier TEXT NOT NULL
);
CREATE TABLE sources (
    key BIGINT NOT NULL,
    position SMALLINT NOT NULL,
    publisher TEXT NOT NULL,
    url TEXT NOT NULL,
    published DATE,
    quote TEXT NOT NULL,
    PRIMARY KEY (key, position)
);
CREATE TABLE changes (
    id BIGINT PRIMARY KEY,
    changed_at TIMESTAMP NOT NULL DEFAULT localtimestamp,
    author TEXT NOT NULL,
    action TEXT NOT NULL,
    event_id TEXT COLLATE "C" NOT NULL,
    dataset TEXT COLLATE "C" NOT NULL,
    before TEXT,
    after TEXT,
    undoes BIGINT,
    batch BIGINT,
    detail TEXT
);
CREATE TABLE country_months (
    dataset TEXT COLLATE "C" NOT NULL,
    country TEXT COLLATE "C" NOT NULL,
    type TEXT COLLATE "C" NOT NULL,
    month DATE NOT NULL,
    events BIGINT NOT NULL,
    PRIMARY KEY (dataset, country, type, month)
);
CREATE INDEX events_by_day ON events (first_day, id);
CREATE INDEX events_by_batch ON events (batch) WHERE batch IS NOT NULL;
CREATE INDEX events_by_dataset ON events (dataset);
CREATE INDEX event_countries_by_country ON event_countries (country, first_day)
    INCLUDE (key, last_day, dataset, type);
CREATE INDEX event_countries_by_key ON event_countries (key);
CREATE INDEX changes_by_event ON changes (event_id);
CREATE INDEX changes_by_batch ON changes (batch) WHERE batch IS NOT NULL;
CREATE INDEX changes_by_undone ON changes (undoes) WHERE undoes IS NOT NULL;
INSERT INTO schema_version VALUES ({SCHEMA_VERSION});
"""
# Text search by trigrams: pg_trgm ships with PostgreSQL (contrib) and is a trusted
# extension, which a database's owner may create; without it, search reads every event.
TRIGRAMS_SQL = """
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX events_by_text ON events USING gin (search_text gin_trgm_ops);
"""
# PG_MIGRATIONS[n - 4] upgrades a PostgreSQL timeline from schema version n to n + 1.
PG_MIGRATIONS: tuple[str, ...] = (
    # 5: searched text kept without accents, as DuckDB's strip_accents and
    # timeline.store.rows.normalized keep it (written so from now on). PostgreSQL's regular
    # expressions know no Unicode categories: the combining accents of Latin, Greek and
    # Cyrillic letters (U+0300–U+036F) are taken off, which covers what its rows hold.
    f"""
    UPDATE events
    SET search_text = normalize(regexp_replace(normalize(search_text, NFD),
                                               '[{chr(0x300)}-{chr(0x36F)}]', '', 'g'), NFC)
    WHERE search_text ~ '[^\x01-\x7f]'
    """,
)
TABLES = ("schema_version", "datasets", "events", "event_countries", "sources", "changes",
          "country_months")
