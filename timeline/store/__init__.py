"""Layer 4, the one package that knows the database: the events in DuckDB (a file, the default) or
PostgreSQL (a team's server).

- :mod:`~timeline.store.base` — :class:`Store`, the interface pages, the command line and
  importers use (reading by filter, writing with history, undo, datasets, bulk imports), and
  the rules every engine keeps;
- :mod:`~timeline.store.engines` — :func:`open_store` / :func:`init_store`: the engine a
  location names (a path, ``duckdb://``, ``postgresql://``, ``sc://``);
- :mod:`~timeline.store.database` — the DuckDB engine; :mod:`~timeline.store.schema` — its
  tables and the migrations from older files; :mod:`~timeline.store.query` — filters as its
  SQL;
- :mod:`~timeline.store.postgres` — the PostgreSQL engine, its tables in
  :mod:`~timeline.store.pg_schema`; :mod:`~timeline.store.portable` — filters as Ibis
  expressions, compiled for any engine but DuckDB;
- :mod:`~timeline.store.rows` — rows ↔ events;
- :mod:`~timeline.store.bulk` — GDELT and ICEWS files read and mapped by the database;
- :mod:`~timeline.store.connection` — which files may be opened, waiting for other processes;
- :mod:`~timeline.store.errors` — everything that can go wrong, as the store's exceptions;
- :mod:`~timeline.store.results` — what operations give back;
- :mod:`~timeline.store.importers` — ``timeline import``: any file (plain, zipped, in any
  encoding asked for) checked, read and written as one change.

May import: :mod:`timeline.core`, :mod:`timeline.extract` and :mod:`timeline.files` (seeding
from ``data/``, reading files to import). No module outside this package imports a database
engine or driver.
"""

from __future__ import annotations

import os
from pathlib import Path

from timeline.core.filters import CURATED

from .base import Store
from .connection import LINGER_S
from .engines import default_location, init_store, open_store, redacted
from .errors import (
    ChangeRefused,
    DatabaseBusy,
    DatabaseUnusable,
    EditConflict,
    OutOfMemory,
    OutOfSpace,
    SchemaTooNew,
    StoreError,
    UnknownDataset,
    UnknownEvent,
    UnreadableFile,
)
from .results import ImportSummary, Overview, WriteResult
from .schema import MIGRATIONS, SCHEMA_VERSION

PROJECT_ROOT = Path(__file__).resolve().parents[2]
CURATED_FILE = PROJECT_ROOT / "data" / "events.jsonl"


def default_db_path() -> Path:
    """The DuckDB file of ``$TIMELINE_DB`` when set (a path), else ``timeline.duckdb`` at
    the project's root."""
    return Path(os.environ.get("TIMELINE_DB") or PROJECT_ROOT / "timeline.duckdb")


__all__ = [
    "CURATED", "CURATED_FILE", "LINGER_S", "MIGRATIONS", "PROJECT_ROOT", "SCHEMA_VERSION",
    "ChangeRefused", "DatabaseBusy", "DatabaseUnusable", "EditConflict", "ImportSummary",
    "OutOfMemory", "OutOfSpace", "Overview", "SchemaTooNew", "Store", "StoreError",
    "UnknownDataset", "UnknownEvent", "UnreadableFile", "WriteResult", "default_db_path",
    "default_location", "init_store", "open_store", "redacted",
]
