"""Events whose text holds HTML, script and Markdown links are shown as text everywhere in
the dashboard: no dialog opens and no injected element exists (issue 7)."""

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import loaded_everything, serve, wait_for_app

HOSTILE_EVENTS = Path(__file__).parents[1] / "fixtures" / "hostile_events.jsonl"
INJECTED = "img[src='x'], svg[onload], iframe, [onerror], [onmouseover], [onload]"

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def hostile_app_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A running dashboard whose two events hold HTML, script and javascript: links."""
    with serve(tmp_path_factory.mktemp("hostile"), HOSTILE_EVENTS) as url:
        yield url


@pytest.fixture
def dialogs(page: Page) -> list[str]:
    """Every dialog (alert, confirm, prompt) the page opens, dismissed and recorded."""
    opened: list[str] = []

    def record(dialog) -> None:
        opened.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", record)
    return opened


def no_injection(page: Page, dialogs: list[str]) -> None:
    loaded_everything(page)  # an injected onerror or onload would have fired by now
    assert dialogs == []
    assert page.locator(INJECTED).count() == 0
    assert page.locator("a[href^='javascript']").count() == 0


def test_the_timeline_hover_and_details_show_markup_as_text(page, dialogs, hostile_app_url):
    page.goto(hostile_app_url)
    wait_for_app(page)
    points = page.locator("g.scatterlayer path.point")
    expect(points.first).to_be_visible(timeout=30_000)
    label = page.locator(".hoverlayer .hovertext")
    for index in range(points.count()):
        page.mouse.move(0, 0)  # away first: the label shown is then this point's
        expect(label).to_have_count(0)
        box = points.nth(index).bounding_box()
        page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
        expect(label.first).to_be_visible()
        no_injection(page, dialogs)
    box = points.first.bounding_box()
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    wait_for_app(page)
    details = page.locator(".st-key-details")
    expect(details).to_be_visible(timeout=15_000)
    no_injection(page, dialogs)
    expect(page.get_by_text("<script>alert('title')</script> summit").first).to_be_visible()


def test_the_table_shows_markup_as_text(page, dialogs, hostile_app_url):
    page.goto(f"{hostile_app_url}/?view=table")
    wait_for_app(page)
    expect(page.get_by_test_id("stDataFrame")).to_be_visible(timeout=30_000)
    no_injection(page, dialogs)


def test_the_relations_and_anniversary_views_show_markup_as_text(page, dialogs,
                                                                 hostile_app_url):
    for view in ("relations", "anniversaries"):
        page.goto(f"{hostile_app_url}/?view={view}")
        wait_for_app(page)
        no_injection(page, dialogs)
