"""Which engine a database location names, and opening it there.

Wherever ``--db`` or ``$TIMELINE_DB`` is read, the location is one of::

    timeline.duckdb                      a DuckDB file (the default engine)
    duckdb:///srv/timeline.duckdb        the same, as a URL (duckdb://relative.duckdb too)
    :memory:                             a DuckDB database living as long as the store
    postgresql://user@host:5432/db       PostgreSQL (postgres:// too); the password from the
                                         URL or libpq's own variables (PGPASSWORD, ~/.pgpass)
    sc://host:15002                      Spark Connect: a read-mostly archive in Parquet
                                         (``/;archive=PATH``: its folder on the server)

An engine is registered in :data:`ENGINES` under its URL schemes: a function that opens a
timeline there (creating it where nothing is, when the engine allows) and one that creates
the schema on an empty database (``timeline init``). Engines are imported only when used, so
the command line starts as fast on DuckDB as before.
"""

from __future__ import annotations

import importlib
import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit, urlunsplit

from .errors import DatabaseUnusable

if TYPE_CHECKING:
    from .base import Store

_URL = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*)://")


@dataclass(frozen=True)
class Engine:
    """An engine: its name for people, and where its ``open`` and ``init`` functions are
    (``"module:function"``, imported on first use). ``open(location, *, seed, read_only,
    memory_limit)`` and ``init(location, *, seed)`` both return a
    :class:`~timeline.store.base.Store`."""

    name: str
    open: str
    init: str

    def opener(self, which: str) -> Callable[..., Store]:
        """The ``open`` or ``init`` function."""
        module, function = getattr(self, which).split(":")
        return getattr(importlib.import_module(module), function)


DUCKDB = Engine("DuckDB", "timeline.store.database:open_duckdb",
                "timeline.store.database:init_duckdb")
POSTGRES = Engine("PostgreSQL", "timeline.store.postgres:open_postgres",
                  "timeline.store.postgres:init_postgres")
SPARK = Engine("Spark Connect", "timeline.store.spark:open_spark",
               "timeline.store.spark:init_spark")
ENGINES: dict[str, Engine] = {"duckdb": DUCKDB, "postgresql": POSTGRES, "postgres": POSTGRES,
                              "sc": SPARK}


def default_location() -> str:
    """``$TIMELINE_DB`` when set, else ``timeline.duckdb`` at the project's root."""
    from . import PROJECT_ROOT

    return os.environ.get("TIMELINE_DB") or str(PROJECT_ROOT / "timeline.duckdb")


def engine_of(location: str | Path) -> tuple[Engine, str | Path]:
    """The engine a location names, and the location as that engine takes it (a DuckDB
    URL becomes its path). :class:`DatabaseUnusable` for a scheme no engine knows."""
    if isinstance(location, Path) or location == ":memory:":
        return DUCKDB, location
    scheme = _URL.match(location)
    if scheme is None:
        return DUCKDB, Path(location)
    name = scheme[1].lower()
    if name not in ENGINES:
        known = ", ".join(f"{s}://" for s in ENGINES)
        raise DatabaseUnusable(f"{redacted(location)}: no engine for {name}:// (known: a file "
                               f"path, {known})")
    if ENGINES[name] is DUCKDB:
        rest = location[scheme.end():]
        return DUCKDB, ":memory:" if rest in ("", ":memory:") else Path(rest)
    return ENGINES[name], location


def open_store(location: str | Path | None = None, *, seed: Path | None = None,
               read_only: bool = False, memory_limit: str | None = None) -> Store:
    """The timeline at ``location`` (default :func:`default_location`), on the engine its
    scheme names (see the module's description).

    On DuckDB a file is created (from ``seed``, an events file) where no file is, and
    upgraded when an older program wrote it; ``memory_limit`` ("256MB") caps DuckDB's
    buffers. A server's database must be made a timeline by ``timeline init`` first.
    Raises :class:`DatabaseUnusable` (nothing there that can be used, with the reason),
    :class:`SchemaTooNew` and :class:`DatabaseBusy`.
    """
    engine, target = engine_of(default_location() if location is None else location)
    return engine.opener("open")(target, seed=seed, read_only=read_only,
                                 memory_limit=memory_limit)


def init_store(location: str | Path | None = None, *, seed: Path | None = None) -> Store:
    """Create the timeline's schema (and load ``seed``) at ``location``: a new DuckDB file,
    another program's DuckDB file holding none of the timeline's tables, or an empty
    database on a server. :class:`DatabaseUnusable` where a timeline is already, or where
    the timeline's tables would clash with others."""
    engine, target = engine_of(default_location() if location is None else location)
    return engine.opener("init")(target, seed=seed)


def redacted(location: str | Path) -> str:
    """The location as it may be shown or logged: a URL's password (in its user part or
    its ``password=`` parameter) replaced by ``***``."""
    text = str(location)
    if not _URL.match(text):
        return text
    parts = urlsplit(text)
    netloc = parts.netloc
    if "@" in netloc:
        user, host = netloc.rsplit("@", 1)
        if ":" in user:
            netloc = f"{user.split(':', 1)[0]}:***@{host}"
    query = re.sub(r"(?i)(^|&)(password=)[^&]*", r"\1\2***", parts.query)
    # Spark Connect's parameters follow ";" in the path: its token is a secret too.
    path = re.sub(r"(?i)(;token=)[^;]*", r"\1***", parts.path)
    return urlunsplit(parts._replace(netloc=netloc, path=path, query=query))
