"""The Explore page on a slow engine: while the engine works out an answer, the page draws
its filters and says what it waits for (it never blocks on the engine); a filter changed
meanwhile is the one whose answer is shown; then the answer.

The slow engine is a real DuckDB file whose reads wait until the test lets them go — the
delay a Spark archive has, under the test's control (``tests/test_pages_on_spark.py`` runs
the page tests on a real Spark server)."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from app_pages import shared
from timeline.core.filters import EventFilter
from timeline.core.model import Event
from timeline.store import Store, open_store
from timeline.store.database import DuckDBStore

APP = str(Path(__file__).parents[1] / "app.py")
RUN_TIMEOUT = 60


def _held(read: str) -> Any:
    """DuckDB's ``read``, once the store's ``go`` is set."""
    def held(self: HeldReads, *args: Any, **options: Any) -> Any:
        assert self.go.wait(timeout=60), "the test never let the read go"
        return getattr(DuckDBStore, read)(self, *args, **options)

    return held


class HeldReads(DuckDBStore):
    """A DuckDB file whose reads of events wait for ``go`` (set by the test), and which
    says, as a Spark archive does, that its reads are slow."""

    slow_reads = True
    count, query, overview, facets, get = map(_held, ("count", "query", "overview",
                                                        "facets", "get"))

    def __init__(self, path: Path, go: threading.Event):
        super().__init__(path)
        self.go = go

    @staticmethod
    @contextmanager
    def progress_to(report: Callable[[str], None]) -> Iterator[None]:
        """What a slow engine tells of its work: here, that the test holds it."""
        report("held by the test")
        yield


@pytest.fixture
def go() -> Iterator[threading.Event]:
    """What lets the engine's reads go; set when the test ends, so no read outlives it."""
    event = threading.Event()
    yield event
    event.set()


@pytest.fixture
def slow_store(tmp_path: Path, sample_events: list[Event], go: threading.Event,
               monkeypatch: pytest.MonkeyPatch) -> Iterator[Store]:
    """A database of the six test events that the dashboard opens as a slow engine; the
    returned store reads it without delay (the test's own view of it)."""
    path = tmp_path / "slow.duckdb"
    with open_store(path) as store:
        store.add_events(sample_events)
    monkeypatch.setattr(shared, "open_store", lambda **_: HeldReads(path, go))
    st.cache_resource.clear()
    st.cache_data.clear()
    yield open_store(path, read_only=True)
    st.cache_resource.clear()


def waits(app: AppTest) -> list[str]:
    return [element.value for element in app.info if "The archive is" in element.value]


def answered(app: AppTest, timeout: float = 60) -> AppTest:
    """The page run again (as its polling does) until it waits for nothing."""
    deadline = time.monotonic() + timeout
    while waits(app):
        assert time.monotonic() < deadline, f"still waiting: {waits(app)}"
        time.sleep(0.2)
        app.run()
        assert not app.exception
    return app


def test_the_page_draws_its_filters_and_waits_for_the_engine_then_shows_the_answer(
        slow_store, go):
    app = AppTest.from_file(APP, default_timeout=RUN_TIMEOUT)
    app.query_params["country"] = ["PRK", "CHN"]
    app.query_params["match"] = "all"
    started = time.monotonic()
    app.run()
    assert not app.exception
    assert time.monotonic() - started < RUN_TIMEOUT / 2  # the run ended with the read held
    assert app.multiselect(key="f_country").value == ["PRK", "CHN"]
    assert app.text_input(key="f_q") is not None and app.button(key=None) is not None
    assert any("working out how many events match" in text and "(held by the test)" in text
               for text in waits(app))
    assert "North Korea and China" in app.markdown[0].value  # the filter in words
    assert not [caption for caption in app.caption if caption.value.endswith("events")]

    # The reader changes the filter while the engine still works on the first one.
    app.multiselect(key="f_country").set_value(["PRK", "RUS"]).run()
    assert not app.exception
    assert waits(app)
    go.set()
    answered(app)
    newest = EventFilter(countries=("PRK", "RUS"), match="all")
    assert f"{slow_store.count(newest)} event" in " ".join(c.value for c in app.caption)
    assert app.tabs  # the views are drawn once the count is known
    assert "Russia" in app.markdown[0].value
