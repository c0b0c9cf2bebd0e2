"""The exported HTML page in Debian's Chromium with the network blocked: the chart is drawn
from the embedded plotly.js, and hostile event text stays text (no dialog, no element)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, Route, expect

from tests.browser.conftest import loaded_everything
from tests.builders import event_record
from timeline.core.model import parse_event
from timeline.store import Store
from timeline.views import exports
from timeline.views.charts import event_timeline

pytestmark = pytest.mark.browser

IMG = "<img src=x onerror=alert(1)>"
SCRIPT = "<script>window.pwned = 'script'</script>"


@pytest.fixture
def exported_page(sample_store: Store, tmp_path: Path) -> Path:
    """The six test events and two hostile ones, exported as a page into a file."""
    sample_store.add_events([
        parse_event(event_record(id="img", date="1900-03-01", title=IMG, summary=SCRIPT,
                                 sources=[{"publisher": IMG, "url": "https://e.example.org/a",
                                           "quote": SCRIPT}])),
        parse_event(event_record(id="script", date="1990", title=SCRIPT,
                                 countries=["PRK", "CHN"],
                                 summary="<a href='javascript:alert(2)'>click</a>")),
    ])
    path = tmp_path / "timeline.html"
    path.write_text(exports.standalone_html(sample_store.events(),
                                            event_timeline(sample_store.query()),
                                            title="Exported <b>events</b>"), encoding="utf-8")
    return path


@pytest.fixture
def offline_page(page: Page) -> Iterator[tuple[Page, list[str], list[str]]]:
    """The conftest's tab with every request but file:// aborted; yields it with the
    addresses it tried to reach and the messages of any dialog that opened."""
    outside: list[str] = []
    dialogs: list[str] = []

    def block(route: Route) -> None:
        if route.request.url.startswith("file:"):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    def dismiss(dialog) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    page.route("**/*", block)
    page.on("dialog", dismiss)
    yield page, outside, dialogs
    page.unroute("**/*")


def test_the_exported_page_draws_offline_and_shows_hostile_text_as_text(
        offline_page, exported_page: Path):
    page, outside, dialogs = offline_page
    page.goto(exported_page.as_uri())
    expect(page.locator(".js-plotly-plot .main-svg").first).to_be_attached()
    points = page.locator(".js-plotly-plot .cartesianlayer g.scatterlayer path.point")
    expect(points.first).to_be_visible()
    assert points.count() >= 8
    # Hover every event mark: the hover labels are drawn from the escaped titles.
    shown = set()
    label = page.locator(".hoverlayer .hovertext")
    for index in range(points.count()):
        # Away first, so the label read is this point's, not the last one's still shown.
        page.mouse.move(0, 0)
        expect(label).to_have_count(0)
        points.nth(index).hover(force=True)
        # Plotly draws the label on its next frame: wait for it, not for a time.
        expect(label.first).to_be_attached()
        shown.update(page.locator(".hoverlayer").all_text_contents())
    assert any(IMG in text for text in shown)
    expect(page.get_by_role("cell", name=IMG, exact=False).first).to_be_visible()
    expect(page.get_by_role("heading", name="Exported <b>events</b>")).to_be_visible()
    assert page.locator("img").count() == 0
    assert page.locator("[onerror], a[href^='javascript']").count() == 0
    assert page.evaluate("window.pwned") is None
    assert dialogs == []
    assert outside == []


def test_a_script_smuggled_into_the_page_would_not_run(offline_page, exported_page: Path):
    """Should escaping ever miss, the page's Content-Security-Policy still stops the script."""
    page, outside, dialogs = offline_page
    text = exported_page.read_text(encoding="utf-8")
    exported_page.write_text(text.replace(
        "<main>", "<main><script>window.pwned = 'inline'</script>"
                  "<img src=x onerror=\"window.pwned = 'handler'\">"
                  "<img src='https://cdn.example.org/beacon.png'>", 1), encoding="utf-8")
    page.goto(exported_page.as_uri())
    expect(page.locator(".js-plotly-plot .main-svg").first).to_be_attached()
    loaded_everything(page)  # the smuggled image's onerror would have run by now
    assert page.evaluate("window.pwned") is None
    assert dialogs == []
    assert outside == []  # refused by the policy before any request was made
