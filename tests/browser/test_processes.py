"""The dashboard and the command line on one database at once: the dashboard holds nothing
while idle, so writers from the command line land while it serves, and its next run shows
what they wrote."""

import subprocess
import sys

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import serve, wait_for_app
from tests.builders import TEST_EVENTS_FILE

pytestmark = pytest.mark.browser


def test_six_command_line_writers_land_while_the_dashboard_serves(page: Page, tmp_path):
    with serve(tmp_path, TEST_EVENTS_FILE) as url:
        page.goto(url + "/?q=envoys")
        wait_for_app(page)
        expect(page.get_by_text("No events match this filter")).to_be_visible()
        writers = [subprocess.Popen(
            [sys.executable, "-m", "timeline", "add", "--db", str(tmp_path / "events.duckdb"),
             "--date", f"203{n}", "--title", f"Envoys meet, round {n}", "--type", "talks",
             "--country", "PRK", "--publisher", "Wire", "--by", f"writer {n}"],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for n in range(6)]
        assert [(w.wait(timeout=120), w.stderr.read()) for w in writers] == [(0, "")] * 6
        page.reload()  # the next run of the page reads them
        wait_for_app(page)
        expect(page.get_by_text("6 events", exact=True)).to_be_visible()
