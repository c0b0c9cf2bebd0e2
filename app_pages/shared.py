"""What the dashboard's pages share: the cached database and Markdown escaping."""

from __future__ import annotations

import re

import streamlit as st

from timeline.store import CURATED_FILE, Store, open_store

DATABASE_MEMORY = "256MB"


@st.cache_resource(show_spinner="Opening the events database…")
def store() -> Store:
    """The database ($TIMELINE_DB or timeline.duckdb), created from data/ on first start: a
    DuckDB file, or a server's timeline by URL (``postgresql://user@host/db``).

    It holds no connection while idle: each call opens one and closes it, so the command line
    can use the database while the dashboard runs. DuckDB's buffers are capped so the
    dashboard stays small beside millions of events.
    """
    return open_store(seed=CURATED_FILE, memory_limit=DATABASE_MEMORY)


def escape(text: str) -> str:
    """Text shown through Markdown as written: no stray emphasis, links, maths, web
    addresses turned into links, or Streamlit directives such as ``:red[…]``."""
    return re.sub(r"([\\`*_{}\[\]()#+\-.!$~|<>:])", r"\\\1", text)
