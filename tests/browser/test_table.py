"""The Table view as an analyst reads it, at 1440 by 900, on the curated events (over 500)
and one more whose only source is a publisher with no web address: the table ends at the
window's bottom (a taller window shows more rows), every column lies inside the window,
titles and country lists are whole, and the Source column names the publisher.

Streamlit draws the table on a canvas (glide-data-grid). What it shows is read from the
accessible table the grid keeps beside the canvas (the rows and columns in view, with their
full text) and from the grid's own layout (column widths, row height, font), which is what
the canvas is painted from."""

from __future__ import annotations

import json
import math
from collections.abc import Iterator

import pytest
from playwright.sync_api import Locator, Page, expect

from tests.browser.conftest import (
    DESKTOP,
    PROJECT,
    next_frame,
    save_screenshot,
    serve,
    wait_for_app,
)

pytestmark = pytest.mark.browser

TALL = {"width": DESKTOP["width"], "height": 1400}
PUBLISHER = "Posolsky Prikaz archive"
PUBLISHER_ONLY = {  # dated before every curated event: the table's first row
    "id": "baykov-embassy-1656", "date": "1656",
    "title": "Baykov's embassy from the Tsar reaches Beijing",
    "countries": ["RUS", "CHN"], "type": "summit",
    "sources": [{"publisher": PUBLISHER}]}
COLUMNS = ["Date", "When", "Event", "Countries", "Type", "Source", "Link"]

# The grid's layout as its canvas is painted: the props glide-data-grid's canvas is drawn
# with (found from the canvas up through React's tree), each column's left and right edge on
# the page, and the rows and columns the accessible table lists.
LAYOUT = """grid => {
    const canvas = grid.querySelector("[data-testid='data-grid-canvas']");
    const scroller = grid.querySelector(".dvn-scroller");
    const fiberKey = Object.keys(canvas).find(key => key.startsWith("__reactFiber$"));
    let props = null;
    for (let fiber = canvas[fiberKey]; fiber && !props; fiber = fiber.return) {
        const candidate = fiber.memoizedProps;
        if (candidate && Array.isArray(candidate.columns) && candidate.theme
            && candidate.rowHeight !== undefined) props = candidate;
    }
    if (!props) return null;
    const frame = canvas.getBoundingClientRect();
    let left = frame.left - scroller.scrollLeft;
    const columns = props.columns.map(column => {
        const edges = {title: column.title, left, right: left + column.width};
        left += column.width;
        return edges;
    });
    const theme = props.theme;
    return {columns, rowHeight: props.rowHeight, headerHeight: props.headerHeight,
            font: theme.baseFontFull, horizontalPadding: theme.cellHorizontalPadding,
            verticalPadding: theme.cellVerticalPadding, lineHeight: theme.lineHeight,
            top: frame.top, bottom: frame.bottom, right: frame.right};
}"""

# Which texts glide-data-grid would cut in a cell of this width and height: it wraps at spaces
# (rows over 64 px high wrap) and clips what does not fit the row, drawing line after line
# lineHeight times the text's height apart, the cell's vertical padding left free.
CUT = """([layout, width, texts]) => {
    const context = document.createElement("canvas").getContext("2d");
    context.font = layout.font;
    const room = width - 2 * layout.horizontalPadding;
    const sample = context.measureText("ABCi09jgqpy");
    const textHeight = sample.actualBoundingBoxAscent + sample.actualBoundingBoxDescent;
    const wraps = layout.rowHeight > 64;
    return texts.filter(text => {
        if (!wraps) return context.measureText(text).width > room;
        let lines = 1, line = "";
        for (const word of text.split(" ")) {
            const longer = line ? line + " " + word : word;
            if (line && context.measureText(longer).width > room) {
                lines += 1;
                line = word;
            } else {
                line = longer;
            }
            if (context.measureText(line).width > room) return true;  // one word too wide
        }
        const height = textHeight + layout.lineHeight * textHeight * (lines - 1);
        return height + layout.verticalPadding > layout.rowHeight;
    });
}"""


@pytest.fixture(scope="module")
def curated_app_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The address of a dashboard on the curated events and the publisher-only one."""
    folder = tmp_path_factory.mktemp("table")
    events = folder / "events.jsonl"
    events.write_text((PROJECT / "data" / "events.jsonl").read_text("utf-8")
                      + json.dumps(PUBLISHER_ONLY) + "\n", "utf-8")
    with serve(folder, events) as url:
        yield url


def open_table(page: Page, url: str, query: str = "") -> Locator:
    page.goto(f"{url}/?view=table{query}")
    wait_for_app(page)
    grid = page.get_by_test_id("stDataFrame")
    # The grid lists its rows once it has drawn them.
    expect(body_rows(grid).first).to_be_attached()
    return grid


def body_rows(grid: Locator) -> Locator:
    return grid.locator("canvas table tbody [role='row']")


def layout(grid: Locator) -> dict:
    found = grid.evaluate(LAYOUT)
    assert found, "the table's grid (glide-data-grid) was not found under its canvas"
    return found


def rows_in_view(page: Page, grid: Locator) -> int:
    """How many whole rows a reader sees without scrolling: in the table and in the window."""
    grid_layout = layout(grid)
    bottom = min(grid_layout["bottom"], page.viewport_size["height"])
    return math.floor((bottom - grid_layout["top"] - grid_layout["headerHeight"])
                      / grid_layout["rowHeight"])


def cells(grid: Locator) -> list[dict[str, str]]:
    """The rows in view, each as its cells' full text by column title."""
    titles = grid.locator("canvas table thead th").all_text_contents()
    return [dict(zip(titles, row.locator("td").all_text_contents(), strict=True))
            for row in body_rows(grid).all()]


def cut_texts(page: Page, grid: Locator, column: str, texts: list[str]) -> list[str]:
    """Those of ``texts`` the grid cuts in ``column`` (at its width as drawn)."""
    grid_layout = layout(grid)
    edges = next(edges for edges in grid_layout["columns"] if edges["title"] == column)
    return page.evaluate(CUT, [grid_layout, edges["right"] - edges["left"], texts])


def test_the_table_ends_at_the_window_bottom_and_a_taller_window_shows_more_rows(
        page: Page, curated_app_url: str, output_path: str):
    """An analyst reads rows, not blank space: the table takes the window's height, no more
    (its last rows hidden below the fold) and no less (a tall screen wasted)."""
    grid = open_table(page, curated_app_url)
    shown = {}
    for window in (DESKTOP, TALL):
        page.set_viewport_size(window)
        next_frame(page)  # the grid is laid out for the new height
        grid_layout = layout(grid)
        bottom = grid_layout["bottom"]
        assert window["height"] - grid_layout["rowHeight"] < bottom <= window["height"], (
            window, bottom)
        shown[window["height"]] = rows_in_view(page, grid)
        # The grid has drawn as many rows as it shows (its accessible table lists them).
        expect(body_rows(grid).nth(shown[window["height"]] - 1)).to_be_attached()
        save_screenshot(page, output_path, f"table-{window['height']}")
    assert shown[TALL["height"]] > 10, shown
    assert shown[TALL["height"]] > shown[DESKTOP["height"]], shown


def test_every_column_lies_inside_the_window(page: Page, curated_app_url: str):
    """At 1440 px beside the sidebar, Source and Link are in sight without scrolling the
    table sideways."""
    grid = open_table(page, curated_app_url)
    expect(grid.locator("canvas table thead th")).to_have_text(COLUMNS)
    grid_layout = layout(grid)
    assert [edges["title"] for edges in grid_layout["columns"]] == COLUMNS
    for edges in grid_layout["columns"]:
        assert edges["left"] >= 0 and edges["right"] <= grid_layout["right"] + 0.5, edges
    assert grid_layout["right"] <= DESKTOP["width"]


# The oldest events, recent ones, and the longest country lists (the Boxer Protocol's 12, the
# Kellogg–Briand Pact's 15, the Helsinki Final Act's 35).
@pytest.mark.parametrize("query", ["", "&from=2018", "&from=1900&to=1930", "&from=1975&to=1975"])
def test_titles_and_countries_are_not_cut(page: Page, curated_app_url: str, query: str):
    """Each title and country list in view fits its cell (wrapped onto the row's lines),
    so an analyst never reads half a name."""
    grid = open_table(page, curated_app_url, query)
    rows = cells(grid)
    assert len(rows) >= 3
    for column in ("Event", "Countries"):
        texts = [row[column] for row in rows]
        assert all(texts), (column, texts)
        assert cut_texts(page, grid, column, texts) == [], column


def test_a_source_with_only_a_publisher_shows_the_publisher(page: Page,
                                                            curated_app_url: str):
    """A source without a web address is still named, never a blank cell."""
    grid = open_table(page, curated_app_url)
    first = cells(grid)[0]
    assert first["Event"] == PUBLISHER_ONLY["title"]
    assert first["Source"] == PUBLISHER
    assert first["Link"] == ""  # no address: nothing to open
    assert cut_texts(page, grid, "Source", [PUBLISHER]) == []
