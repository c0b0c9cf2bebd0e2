"""Fixtures of the reliability tests: a database file of the test events for each test."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.builders import TEST_EVENTS_FILE
from timeline.store import open_store


@pytest.fixture(scope="module")
def seeded(tmp_path_factory) -> Path:
    """A database file holding the test events, made once and copied for each test."""
    path = tmp_path_factory.mktemp("seeded") / "events.duckdb"
    open_store(path, seed=TEST_EVENTS_FILE).close()
    return path


@pytest.fixture
def store(seeded, tmp_path):
    """A database file of its own holding the test events."""
    shutil.copyfile(seeded, tmp_path / "events.duckdb")
    with open_store(tmp_path / "events.duckdb") as opened:
        yield opened
