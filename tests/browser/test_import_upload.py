"""The import page in the real browser: the upload size cap and a file with bad rows."""

import json
from collections.abc import Iterator

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import serve, wait_for_app
from tests.builders import TEST_EVENTS_FILE

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def small_upload_app_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A running dashboard that accepts uploads of at most 1 MB."""
    with serve(tmp_path_factory.mktemp("upload"), TEST_EVENTS_FILE,
               STREAMLIT_SERVER_MAX_UPLOAD_SIZE="1") as url:
        yield url


def test_a_file_over_the_upload_cap_is_refused_with_a_clear_message(
        page: Page, small_upload_app_url: str, tmp_path):
    big = tmp_path / "big.jsonl"
    big.write_bytes(b"{}\n" * 700_000)  # 2.1 MB
    page.goto(f"{small_upload_app_url}/import")
    wait_for_app(page)
    page.locator("input[type='file']").set_input_files(big)
    expect(page.get_by_text("File must be 1.0MB or smaller")).to_be_visible(timeout=15_000)


def test_bad_rows_are_listed_by_line_and_field_and_nothing_is_imported(
        page: Page, small_upload_app_url: str, tmp_path):
    rows = [{"id": "ok", "date": "2025-02", "title": "Fine", "countries": ["KOR"],
             "type": "talks", "sources": [{"url": "https://news.example.org/ok"}]},
            {"id": "bad", "date": "2024-02-30", "title": "Bad", "countries": ["Narnia"],
             "type": "talks", "sources": [{"url": "https://news.example.org/bad"}]}]
    upload = tmp_path / "mixed.jsonl"
    upload.write_text("".join(json.dumps(row) + "\n" for row in rows))
    page.goto(f"{small_upload_app_url}/import")
    wait_for_app(page)
    page.locator("input[type='file']").set_input_files(upload)
    wait_for_app(page)
    expect(page.get_by_text("1 row is not a valid event;")).to_be_visible(timeout=15_000)
    expect(page.get_by_role("button", name="Import all")).to_be_disabled()
    expect(page.get_by_role("button", name="Import the 1 valid row only")).to_be_visible()
