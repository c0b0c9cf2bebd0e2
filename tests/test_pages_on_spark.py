"""The dashboard's pages with ``TIMELINE_DB`` naming a Spark Connect archive: the page tests
of Explore and Import, collected here a second time with ``database_file`` giving the
archive's URL instead of a file's path, and the edit page saying that the archive refuses
hand edits (a message, not a traceback)."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from app_pages import shared
from tests.builders import plain
from tests.test_app import (  # noqa: F401 (collected again here, on the server)
    test_a_shared_url_opens_the_relationship_view,
    test_events_from_1600_on_are_listed,
)
from tests.test_import_page import (  # noqa: F401
    test_a_gdelt_file_goes_into_its_own_dataset_with_skips_counted,
)
from timeline.core.filters import EventFilter
from timeline.core.model import Event
from timeline.core.wording import counted
from timeline.store import init_store, open_store

pytestmark = pytest.mark.spark

APP = str(Path(__file__).parent.parent / "app.py")
EDIT_PAGE = str(Path(__file__).parent.parent / "app_pages" / "curate.py")
ANSWER_SECONDS = 120  # a question's answer here, at most, on a busy machine


@pytest.fixture
def database_file(spark_url: str, monkeypatch: pytest.MonkeyPatch,
                  sample_events: list[Event]) -> Iterator[str]:
    """An archive on the test server holding the six test events, which the pages open
    through TIMELINE_DB, waiting for its answers (as the page tests collected here expect:
    they read answers, not the waiting); Streamlit's caches are cleared around each test."""
    init_store(spark_url).add_events(sample_events)
    monkeypatch.setenv("TIMELINE_DB", spark_url)
    monkeypatch.setattr(shared, "WAIT_SECONDS", ANSWER_SECONDS)
    st.cache_resource.clear()
    st.cache_data.clear()
    yield spark_url
    st.cache_resource.clear()
    st.cache_data.clear()


def test_a_delete_on_the_archive_is_refused_with_the_reason(database_file):
    page = AppTest.from_file(EDIT_PAGE, default_timeout=120)
    page.query_params["event"] = "prk-chn-ties-1949"
    page.session_state["author"] = "Ana"
    page.run()
    page.checkbox(key="confirm_delete").check().run()
    page.button(key="delete").click().run()
    assert not page.exception
    shown = plain(" ".join(element.value for element in page.error))
    assert "read-mostly archive on Spark" in shown
    with open_store(database_file) as store:
        assert store.count() == 6


def test_the_explorer_says_it_waits_for_the_archive_then_shows_its_answer(database_file,
                                                                          monkeypatch):
    monkeypatch.setattr(shared, "WAIT_SECONDS", 0)
    page = AppTest.from_file(APP, default_timeout=ANSWER_SECONDS)
    page.query_params["country"] = "PRK"
    page.run()
    assert not page.exception
    assert page.multiselect(key="f_country").value == ["PRK"]
    assert any(info.value.startswith("The archive is") and "how many events match" in info.value
               for info in page.info)
    deadline = time.monotonic() + ANSWER_SECONDS
    while any("The archive is" in info.value for info in page.info):
        assert time.monotonic() < deadline
        time.sleep(1)  # what the page's polling does, every second
        page.run()
        assert not page.exception
    with open_store(database_file) as store:
        matched = store.count(EventFilter(countries=("PRK",)))
    assert counted(matched, "event") in " ".join(caption.value for caption in page.caption)
