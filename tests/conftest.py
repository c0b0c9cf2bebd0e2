"""Shared fixtures: the project's own test events (tests/fixtures/events.jsonl) and stores."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest

from tests.builders import TEST_EVENTS_FILE, hostile, write_lines
from timeline.core.model import Event
from timeline.files.formats import read_events_file
from timeline.store import Store, open_store
from timeline.store.importers import ICEWS_HEADER


@pytest.fixture
def sample_events() -> list[Event]:
    """Six events from 1689 to 2025: year, month, day and range dates, CJK text, the USSR."""
    return read_events_file(TEST_EVENTS_FILE)


@pytest.fixture
def empty_store(tmp_path: Path) -> Store:
    """A new, empty database file in a temporary folder."""
    with open_store(tmp_path / "events.duckdb") as store:
        yield store


@pytest.fixture
def sample_store(empty_store: Store, sample_events: list[Event]) -> Store:
    """A database file holding the test events."""
    empty_store.add_events(sample_events)
    return empty_store


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    """A database file holding only the test events, for the command line's --db."""
    path = tmp_path / "cli.duckdb"
    open_store(path, seed=TEST_EVENTS_FILE).close()
    return path


@pytest.fixture
def database_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                  sample_events: list[Event]) -> Iterator[Path]:
    """A database file holding the six test events, which the dashboard's pages open through
    TIMELINE_DB; Streamlit's caches are cleared around each test."""
    path = tmp_path / "app.duckdb"
    with open_store(path) as store:
        store.add_events(sample_events)
    monkeypatch.setenv("TIMELINE_DB", str(path))
    import streamlit as st  # only the page tests need it: not loaded for every test

    st.cache_resource.clear()
    st.cache_data.clear()
    yield path
    st.cache_resource.clear()
    st.cache_data.clear()


@pytest.fixture
def sample_frame(sample_store: Store) -> pd.DataFrame:
    """The six test events as ``Store.query`` returns them."""
    return sample_store.query()


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


@pytest.fixture
def hostile_events() -> list[Event]:
    """Events whose every text field holds HTML or script (tests.builders.hostile)."""
    return hostile()


@pytest.fixture
def icews_file(tmp_path) -> Path:
    """ICEWS: a header, country names, NA for missing, an Event ID repeated on another day."""
    def row(event_id, date, source, source_country, text, code, intensity, target,
            target_country, publisher):
        values = {"Event ID": event_id, "Event Date": date, "Source Name": source,
                  "Source Country": source_country, "Event Text": text, "CAMEO Code": code,
                  "Intensity": intensity, "Target Name": target, "Target Country": target_country,
                  "Publisher": publisher}
        return "\t".join(values.get(name, "NA") for name in ICEWS_HEADER)

    return write_lines(tmp_path / "events.2018.tab", [
        "\t".join(ICEWS_HEADER),
        row("7", "2018-06-12", "Kim Jong-Un", "North Korea", "Make a visit", "042", "1.9",
            "Donald Trump", "United States", "Test Agency"),
        row("7", "2018-06-13", "Government (Russian Federation)", "Russian Federation",
            "Praise or endorse", "051", "3.4", "Citizen (Occupied Palestinian Territory)",
            "Occupied Palestinian Territory", "Test Agency"),
        row("8", "2018-06-13", "Protester (South Korea)", "South Korea", "Demonstrate",
            "141", "-6.5", "NA", "NA", "NA"),
    ])


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
