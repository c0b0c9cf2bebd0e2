"""The dashboard's pages with ``TIMELINE_DB`` naming a PostgreSQL database: the same page tests
as on a DuckDB file (Explore, Import, Edit events, From an article), collected here a second
time with ``database_file`` giving the server's URL instead of a file's path."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import streamlit as st

from tests.test_app import (  # noqa: F401 (collected again here, on the server)
    test_a_shared_url_opens_the_relationship_view,
    test_events_from_1600_on_are_listed,
    test_the_table_lists_dates_as_written_with_names_and_downloads,
)
from tests.test_article_page import (  # noqa: F401
    test_the_accepted_rows_are_stored_as_edited_with_the_article_as_source,
)
from tests.test_curate_page import (  # noqa: F401
    test_a_delete_needs_confirming_and_is_undone_from_recent_changes,
    test_a_stale_edit_is_refused_and_both_versions_are_shown,
    test_an_edit_raises_the_version_and_lists_the_changed_fields,
)
from tests.test_import_page import (  # noqa: F401
    test_a_gdelt_file_goes_into_its_own_dataset_with_skips_counted,
    test_an_import_is_one_change_the_page_can_undo,
    test_events_that_look_like_stored_ones_are_named_before_anything_lands,
)
from timeline.core.model import Event
from timeline.store import init_store

pytestmark = pytest.mark.postgres


@pytest.fixture
def database_file(postgres_url: str, monkeypatch: pytest.MonkeyPatch,
                  sample_events: list[Event]) -> Iterator[str]:
    """A timeline on the test server holding the six test events, which the pages open
    through TIMELINE_DB; Streamlit's caches are cleared around each test."""
    init_store(postgres_url).add_events(sample_events)
    monkeypatch.setenv("TIMELINE_DB", postgres_url)
    st.cache_resource.clear()
    st.cache_data.clear()
    yield postgres_url
    st.cache_resource.clear()
    st.cache_data.clear()
