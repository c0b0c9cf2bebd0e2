"""What the dashboard's pages share: the store they all use (page_store, cached) and
Markdown escaping."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import streamlit as st

from timeline.store import CURATED_FILE, Store, open_store

DATABASE_MEMORY = "256MB"
# An engine that takes seconds a question (a Spark archive) has its answers remembered per
# question for this long; an import made through the dashboard forgets them at once.
REMEMBERED_SECONDS = 600


@st.cache_resource(show_spinner="Opening the events database…")
def page_store() -> Store:
    """The database ($TIMELINE_DB or timeline.duckdb), created from data/ on first start: a
    DuckDB file, or a server's timeline by URL (``postgresql://user@host/db``).

    It holds no connection while idle: each call opens one and closes it, so the command line
    can use the database while the dashboard runs. DuckDB's buffers are capped so the
    dashboard stays small beside millions of events.
    """
    opened = open_store(seed=CURATED_FILE, memory_limit=DATABASE_MEMORY)
    return RememberedReads(opened) if getattr(opened, "slow_reads", False) else opened


@st.cache_data(ttl=REMEMBERED_SECONDS, max_entries=500,
               show_spinner="Asking the archive: a question takes seconds there…")
def _answer(location: str, question: str, args: tuple[Any, ...],
            options: tuple[tuple[str, Any], ...], _store: Store) -> Any:
    """A slow store's answer to one question (remembered per location and question)."""
    return getattr(_store, question)(*args, **dict(options))


class RememberedReads:
    """A slow store whose answers the dashboard remembers per question (filter, page, lanes,
    period): moving back to a filter seen before, or rerunning the page for a click, asks
    the engine nothing. Everything else is the store's own."""

    REMEMBERED = ("count", "query", "overview", "facets", "datasets", "get")

    def __init__(self, store: Store):
        self._store = store

    def __getattr__(self, name: str) -> Any:
        if name in self.REMEMBERED:
            store = self._store

            def remembered(*args: Any, **options: Any) -> Any:
                return _answer(store.location, name, args, tuple(sorted(options.items())),
                               store)

            return remembered
        return getattr(self._store, name)

    def __enter__(self) -> RememberedReads:
        return self

    def __exit__(self, *_: object) -> None:
        self._store.close()

    @contextmanager
    def writing(self, **options: Any) -> Iterator[Store]:
        """The store's own transaction; what was remembered is forgotten after it."""
        try:
            with self._store.writing(**options) as session:
                yield session
        finally:
            _answer.clear()


def escape(text: str) -> str:
    """Text shown through Markdown as written: no stray emphasis, links, maths, web
    addresses turned into links, or Streamlit directives such as ``:red[…]``."""
    return re.sub(r"([\\`*_{}\[\]()#+\-.!$~|<>:])", r"\\\1", text)
