"""Shared fixtures: the project's own test events (tests/fixtures/events.jsonl) and stores."""

from __future__ import annotations

from pathlib import Path

import pytest

from timeline.formats import read_events_file
from timeline.model import Event
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
