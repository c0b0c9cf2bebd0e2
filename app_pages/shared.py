"""What the dashboard's pages share: the store they all use (page_store, cached), a slow
engine's questions answered in the background (explore_store, waiting) and Markdown
escaping."""

from __future__ import annotations

import re
import time
from collections.abc import Hashable

import streamlit as st

from timeline.store import CURATED_FILE, Store, open_store
from timeline.views.background import BackgroundReads, Pending

DATABASE_MEMORY = "256MB"
# On a slow engine (a Spark archive), the Explore page waits this long for an answer before
# it says the engine is at work and draws the rest; it then looks again every POLL_SECONDS.
WAIT_SECONDS = 0.3
POLL_SECONDS = 1.0


@st.cache_resource(show_spinner="Opening the events database…")
def page_store() -> Store:
    """The database ($TIMELINE_DB or timeline.duckdb), created from data/ on first start: a
    DuckDB file, or a server's timeline by URL (``postgresql://user@host/db``, ``sc://…``).

    It holds no connection while idle: each call opens one and closes it, so the command line
    can use the database while the dashboard runs. DuckDB's buffers are capped so the
    dashboard stays small beside millions of events. A slow engine's answers (a Spark
    archive: seconds a question) are remembered per question for every session
    (:class:`~timeline.views.background.BackgroundReads`); its reads wait for their answer
    here, as the pages but Explore want.
    """
    opened = open_store(seed=CURATED_FILE, memory_limit=DATABASE_MEMORY)
    return BackgroundReads(opened) if getattr(opened, "slow_reads", False) else opened


def explore_store() -> Store:
    """:func:`page_store`, whose slow reads wait :data:`WAIT_SECONDS` at most, then raise
    :class:`~timeline.views.background.Pending` and go on in the background (see
    :func:`waiting`)."""
    store = page_store()
    return store.waiting_at_most(WAIT_SECONDS) if isinstance(store, BackgroundReads) else store


def waiting(pending: Pending, what: str) -> None:
    """Say that the engine is still working out ``what``, for how long and how far it got
    (Spark's tasks done); the page runs again once it has (the rest of the page, its
    widgets too, stays usable meanwhile)."""
    _looking_again(pending.key, what, time.monotonic() - pending.waited, pending.running)


@st.fragment(run_every=POLL_SECONDS)
def _looking_again(key: Hashable, what: str, since: float, running: bool) -> None:
    store = page_store()
    if store.ready(key):
        st.rerun()
    seconds = time.monotonic() - since
    progress = store.progress(key)
    state = "working out" if running or progress else \
        "about to work out (after the questions before it)"
    st.info(f"The archive is {state} {what}: {seconds:.0f} s so far"
            f"{f' ({progress})' if progress else ''}. A question takes seconds there; you "
            f"can change the filter meanwhile.", icon=":material/hourglass_top:")


def escape(text: str) -> str:
    """Text shown through Markdown as written: no stray emphasis, links, maths, web
    addresses turned into links, or Streamlit directives such as ``:red[…]``."""
    return re.sub(r"([\\`*_{}\[\]()#+\-.!$~|<>:])", r"\\\1", text)
