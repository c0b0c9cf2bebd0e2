"""The one package that knows the database: a DuckDB file holding the events.

- :mod:`~timeline.store.database` — :class:`Store`, the interface pages, the command line and
  importers use (reading by filter, writing with history, undo, datasets, bulk imports), and
  :func:`open_store` / :func:`init_store`;
- :mod:`~timeline.store.schema` — the tables and the migrations from older files;
- :mod:`~timeline.store.query` — filters as SQL;
- :mod:`~timeline.store.rows` — rows ↔ events;
- :mod:`~timeline.store.bulk` — GDELT and ICEWS files read and mapped by the database;
- :mod:`~timeline.store.connection` — which files may be opened, waiting for other processes;
- :mod:`~timeline.store.errors` — everything that can go wrong, as the store's exceptions;
- :mod:`~timeline.store.results` — what operations give back.

No module outside this package imports the database engine.
"""

from __future__ import annotations

import os
from pathlib import Path

from ..filters import CURATED
from .database import Store, init_store, open_store
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
    """``$TIMELINE_DB`` when set, else ``timeline.duckdb`` at the project's root."""
    return Path(os.environ.get("TIMELINE_DB") or PROJECT_ROOT / "timeline.duckdb")


__all__ = [
    "CURATED", "CURATED_FILE", "MIGRATIONS", "PROJECT_ROOT", "SCHEMA_VERSION", "ChangeRefused",
    "DatabaseBusy", "DatabaseUnusable", "EditConflict", "ImportSummary", "OutOfMemory",
    "OutOfSpace", "Overview", "SchemaTooNew", "Store", "StoreError", "UnknownDataset",
    "UnknownEvent", "UnreadableFile", "WriteResult", "default_db_path", "init_store", "open_store",
]
