"""Shared fixtures: the project's own test events (tests/fixtures/events.jsonl) and stores."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest
import streamlit as st

from timeline.formats import read_events_file
from timeline.model import Event, parse_event
from timeline.store import Store, open_store

FIXTURES = Path(__file__).parent / "fixtures"
TEST_EVENTS_FILE = FIXTURES / "events.jsonl"


@pytest.fixture
def test_events() -> list[Event]:
    """Six events from 1689 to 2025: year, month, day and range dates, CJK text, the USSR."""
    return read_events_file(TEST_EVENTS_FILE)


@pytest.fixture
def empty_store(tmp_path: Path) -> Store:
    """A new, empty database file in a temporary folder."""
    with open_store(tmp_path / "events.duckdb") as store:
        yield store


@pytest.fixture
def test_store(empty_store: Store, test_events: list[Event]) -> Store:
    """A database file holding the test events."""
    empty_store.add_events(test_events)
    return empty_store


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    """A database file holding only the test events, for the command line's --db."""
    path = tmp_path / "cli.duckdb"
    open_store(path, seed=TEST_EVENTS_FILE).close()
    return path


@pytest.fixture
def database_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                  test_events: list[Event]) -> Iterator[Path]:
    """A database file holding the six test events, which the dashboard's pages open through
    TIMELINE_DB; Streamlit's caches are cleared around each test."""
    path = tmp_path / "app.duckdb"
    with open_store(path) as store:
        store.add_events(test_events)
    monkeypatch.setenv("TIMELINE_DB", str(path))
    st.cache_resource.clear()
    st.cache_data.clear()
    yield path
    st.cache_resource.clear()
    st.cache_data.clear()


def open_as_the_app(path: Path) -> Store:
    """The database a page holds open, opened again: DuckDB shares a file within one process
    only with the same settings."""
    from app_pages.shared import DATABASE_MEMORY

    return open_store(path, memory_limit=DATABASE_MEMORY)


@pytest.fixture
def test_frame(test_store: Store) -> pd.DataFrame:
    """The six test events as ``Store.query`` returns them."""
    return test_store.query()


def query_frame(records: list[dict[str, object]]) -> pd.DataFrame:
    """The events these records describe, as ``Store.query`` returns them."""
    with open_store(":memory:") as store:
        store.add_events(parse_event(record) for record in records)
        return store.query()


@pytest.fixture(scope="session")
def postgres_server():
    """A real PostgreSQL server of the test run's own (tests/pg_server.py), stopped by its
    process id when the run ends. Its absence is a failure, never a skip."""
    from tests.pg_server import PostgresServer

    server = PostgresServer().start()
    yield server
    server.stop()


@pytest.fixture
def postgres_url(postgres_server) -> str:
    """The URL (password included) of a new, empty database on the test server."""
    return postgres_server.new_database()


@pytest.fixture(scope="session")
def spark_server():
    """A real Spark Connect server of the test run's own (tests/spark_server.py), started
    once (it takes 15–30 s) and stopped by its process id when the run ends. Its absence
    is a failure, never a skip."""
    from tests.spark_server import SparkConnectServer

    server = SparkConnectServer().start()
    yield server
    server.stop()


@pytest.fixture
def spark_url(spark_server) -> str:
    """The URL of a new, empty archive folder on the test server."""
    return spark_server.new_archive()


def event_record(**fields: object) -> dict[str, object]:
    """A valid event record, with ``fields`` replacing its values."""
    record: dict[str, object] = {
        "id": "test-event",
        "date": "2024-06",
        "title": "A test event",
        "countries": ["PRK", "RUS"],
        "type": "treaty",
        "sources": [{"publisher": "Test Wire", "url": "https://news.example.org/a"}],
    }
    record.update(fields)
    return record
