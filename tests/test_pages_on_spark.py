"""The dashboard's pages with ``TIMELINE_DB`` naming a Spark Connect archive: the page tests
of Explore and Import, collected here a second time with ``database_file`` giving the
archive's URL instead of a file's path, and the edit page saying that the archive refuses
hand edits (a message, not a traceback)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from tests.builders import plain
from tests.test_app import (  # noqa: F401 (collected again here, on the server)
    test_a_shared_url_opens_the_relationship_view,
    test_events_from_1600_on_are_listed,
)
from tests.test_import_page import (  # noqa: F401
    test_a_gdelt_file_goes_into_its_own_dataset_with_skips_counted,
)
from timeline.core.model import Event
from timeline.store import init_store, open_store

pytestmark = pytest.mark.spark

EDIT_PAGE = str(Path(__file__).parent.parent / "app_pages" / "curate.py")


@pytest.fixture
def database_file(spark_url: str, monkeypatch: pytest.MonkeyPatch,
                  sample_events: list[Event]) -> Iterator[str]:
    """An archive on the test server holding the six test events, which the pages open
    through TIMELINE_DB; Streamlit's caches are cleared around each test."""
    init_store(spark_url).add_events(sample_events)
    monkeypatch.setenv("TIMELINE_DB", spark_url)
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
