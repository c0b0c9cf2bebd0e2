"""The timeline component in Chromium, on a desktop (1440 by 900) and a phone (390 by 844): the
wheel, a pinch, a drag and the range buttons move the view and its labels are laid out anew for
it, range buttons end at the last event, dense views turn into single events when zoomed in, the
card strip follows the selection, every view fits the screen, and nothing is fetched from
outside. Each test writes screenshots (of the window as the reader sees it) to its own folder
under test-results/."""

from __future__ import annotations

import re
from base64 import b64decode
from collections.abc import Iterator
from io import BytesIO
from urllib.parse import urlsplit

import pytest
from PIL import Image
from playwright.sync_api import Locator, Page, Route, expect

from tests.browser.conftest import (
    DESKTOP,
    PHONE,
    next_frame,
    save_screenshot,
    serve,
    sideways_overflow,
    wait_for_app,
)
from tests.builders import TEST_EVENTS_FILE

pytestmark = pytest.mark.browser

NERCHINSK = "Treaty of Nerchinsk fixes the Qing–Russian border"


@pytest.fixture(scope="module")
def bulk_dashboard(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A dashboard showing a dataset of 5,000 synthetic GDELT events (1979–2025, denser
    lately): above the density threshold."""
    from benchmarks.synthetic import write_gdelt
    from timeline.store import open_store
    from timeline.store.importers import import_file

    folder = tmp_path_factory.mktemp("bulk")
    with open_store(folder / "events.duckdb") as store:  # serve() adds the test events
        import_file(store, write_gdelt(folder / "bulk.tsv", 5_000), dataset="gdelt")
    with serve(folder, TEST_EVENTS_FILE) as url:
        yield url + "/?dataset=gdelt"


def open_timeline(page: Page, url: str) -> None:
    page.goto(url)
    wait_for_app(page)
    # plotly.js takes seconds to start on a busy machine: wait for the chart, not a time.
    expect(page.locator(".dte-timeline[data-ready='true']")).to_be_visible(timeout=90_000)


def chart(page: Page):
    return page.locator(".dte-timeline .js-plotly-plot")


def x_range(page: Page) -> list[str]:
    return chart(page).evaluate("plot => plot._fullLayout.xaxis.range")


def texts(locator) -> list[str]:
    """The text of SVG elements (which have no innerText)."""
    return locator.evaluate_all("nodes => nodes.map(node => node.textContent)")


def labels(page: Page) -> list[str]:
    return texts(chart(page).locator("g.annotation text"))


def settle(page: Page) -> None:
    """Wait until the chart has reported the zoom and the app has drawn its answer."""
    wait_for_app(page)
    expect(page.locator(".dte-timeline")).to_have_attribute("data-ready", "true",
                                                            timeout=30_000)


def shoot_at(page: Page, target: Locator, output_path: str, name: str) -> None:
    """A screenshot of the window scrolled to ``target``, just below Streamlit's header:
    Streamlit scrolls its main column, not the document, so a full-page screenshot would
    hold no more than the window."""
    target.evaluate("""node => document.querySelector("[data-testid='stMain']").scrollBy(0,
        node.getBoundingClientRect().top
        - document.querySelector("[data-testid='stHeader']").getBoundingClientRect().bottom)""")
    next_frame(page)
    save_screenshot(page, output_path, name)


def boxes_overlap(a: dict, b: dict) -> bool:
    return not (a["x"] + a["width"] <= b["x"] or b["x"] + b["width"] <= a["x"]
                or a["y"] + a["height"] <= b["y"] or b["y"] + b["height"] <= a["y"])


def labels_laid_out_for_the_view(page: Page) -> list[dict]:
    """Check the labels are the app's answer for the range shown, and return their boxes:
    each on an event inside the range (labels kept from an earlier view would include some
    outside it), all of them drawn, inside the plot, and none over another."""
    start, end = x_range(page)
    anchors = chart(page).evaluate("plot => plot.layout.annotations.map(note => note.x)")
    assert anchors and all(start <= anchor <= end for anchor in anchors), (start, end, anchors)
    notes = [note.bounding_box() for note in chart(page).locator("g.annotation").all()]
    assert len(notes) == len(anchors)
    plot = chart(page).locator(".nsewdrag").bounding_box()
    assert all(plot["x"] - 1 <= note["x"] and
               note["x"] + note["width"] <= plot["x"] + plot["width"] + 1 for note in notes
               ), (plot, notes)
    assert not any(boxes_overlap(a, b) for n, a in enumerate(notes) for b in notes[n + 1:])
    return notes


def ticks_inside_the_chart(page: Page) -> bool:
    """Whether every date under the time axis is drawn whole, not cut off by the chart's
    bottom edge."""
    svg = chart(page).locator(".main-svg").first.bounding_box()
    ticks = [tick.bounding_box() for tick in chart(page).locator(".xtick text").all()]
    return bool(ticks) and all(
        tick["y"] + tick["height"] <= svg["y"] + svg["height"] for tick in ticks)


def painted_share(page: Page) -> float:
    """The share of the heat strip's columns of pixels that show a cell (the rest are
    gaps, and periods without events)."""
    href = chart(page).locator(".hm image").get_attribute("href")
    strip = Image.open(BytesIO(b64decode(href.split(",", 1)[1]))).getchannel("A")
    painted = [strip.crop((x, 0, x + 1, strip.height)).getbbox() for x in range(strip.width)]
    return sum(column is not None for column in painted) / strip.width


def test_the_first_view_shows_1689_with_its_label(page: Page, app_url: str,
                                                    output_path: str):
    open_timeline(page, app_url)
    start, end = x_range(page)
    assert start < "1689" and end < "2036"
    assert any(label.startswith("Treaty of Nerchinsk") for label in labels(page))
    ticks = texts(chart(page).locator(".xtick text"))
    assert ticks and all(re.fullmatch(r"\d{4}", tick) for tick in ticks), ticks
    assert ticks_inside_the_chart(page)
    save_screenshot(page, output_path, "desktop")


def test_a_year_precision_event_alone_sits_over_year_ticks(page: Page, app_url: str):
    open_timeline(page, app_url + "/?to=1700")
    ticks = texts(chart(page).locator(".xtick text"))
    assert "1689" in ticks or "1690" in ticks
    assert all(re.fullmatch(r"\d{4}", tick) for tick in ticks), ticks  # no "Jul 1689"


def test_the_wheel_zooms_and_labels_follow_the_visible_range(page: Page, app_url: str,
                                                               output_path: str):
    open_timeline(page, app_url)
    assert not any(label.startswith("US and Chinese leaders") for label in labels(page))
    box = chart(page).locator(".nsewdrag").bounding_box()
    page.mouse.move(box["x"] + box["width"] * 0.98, box["y"] + box["height"] / 2)
    for _ in range(12):
        page.mouse.wheel(0, -300)
        next_frame(page)
    settle(page)
    start, end = x_range(page)
    assert start > "1900", (start, end)  # zoomed in on the recent events
    expect(chart(page).locator("g.annotation text", has_text="US and Chinese leaders")
           ).to_be_visible()
    labels_laid_out_for_the_view(page)
    save_screenshot(page, output_path, "zoomed")


def test_dragging_pans_and_labels_follow_the_visible_range(page: Page, app_url: str,
                                                           output_path: str):
    """The chart pans when dragged (its drag mode): from the last 50 years back to the
    1950s, whose events had no label in the 50-year view."""
    open_timeline(page, app_url)
    page.get_by_role("button", name="50 y").click()
    settle(page)
    before = x_range(page)
    assert not any(label.startswith("Korean War") for label in labels(page))
    box = chart(page).locator(".nsewdrag").bounding_box()
    lane = chart(page).locator(".ytick text").first.bounding_box()
    # Held on a lane: labels sit between lanes and would take the mouse.
    x, y = box["x"] + box["width"] / 2, lane["y"] + lane["height"] / 2
    page.mouse.move(x, y)
    page.mouse.down()
    page.mouse.move(x + box["width"] / 2, y, steps=10)
    page.mouse.up()
    next_frame(page)
    settle(page)
    after = x_range(page)
    assert after[0] < before[0] and after[1] < before[1] and after[0] < "1950", (before, after)
    expect(chart(page).locator("g.annotation text", has_text="Korean War")).to_be_visible()
    labels_laid_out_for_the_view(page)
    save_screenshot(page, output_path, "dragged")


def test_range_buttons_end_at_the_last_event_and_relabel_the_view(page: Page,
                                                                  app_url: str):
    """The "10 y" button shows the decade up to the last event, labelled for it: the 2025
    call, crowded out of the first view's labels, is labelled, and nothing outside it is."""
    open_timeline(page, app_url)
    assert not any(label.startswith("US and Chinese leaders") for label in labels(page))
    page.get_by_role("button", name="10 y").click()
    settle(page)
    start, end = x_range(page)
    assert start.startswith("2014") and end < "2025-06", (start, end)
    expect(chart(page).locator("g.annotation text", has_text="US and Chinese leaders")
           ).to_be_visible()
    labels_laid_out_for_the_view(page)
    page.get_by_role("button", name="All").click()
    settle(page)
    assert x_range(page)[0] < "1689"


def test_clicking_an_event_shows_it_beside_the_chart_and_in_the_url(
        page: Page, app_url: str, output_path: str):
    open_timeline(page, app_url + "/?country=PRK&country=CHN&match=all&to=1949")
    point = chart(page).locator("g.scatterlayer path.point").first
    box = point.bounding_box()
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    wait_for_app(page)
    details = page.locator(".st-key-details")
    expect(details).to_contain_text("Pyongyang and Beijing open diplomatic relations")
    expect(page).to_have_url(re.compile(r"[?&]event=prk-chn-ties-1949"))
    beside = details.bounding_box()
    plot = chart(page).bounding_box()
    assert beside["x"] >= plot["x"] + plot["width"] - 1  # to its right
    assert beside["y"] < DESKTOP["height"]  # above the fold
    current = page.locator(".dte-card[aria-current='true']")
    expect(current).to_contain_text("Pyongyang and Beijing open diplomatic relations")
    save_screenshot(page, output_path, "details")


def test_the_card_strip_steps_through_events_in_order(page: Page, app_url: str):
    open_timeline(page, app_url + "/?country=PRK&country=CHN&match=all&event=prk-chn-ties-1949")
    details = page.locator(".st-key-details")
    expect(details).to_contain_text("Pyongyang and Beijing open diplomatic relations")
    page.get_by_role("button", name="Next event").click()
    wait_for_app(page)
    expect(details).to_contain_text("Korean War")
    expect(page).to_have_url(re.compile(r"[?&]event=korean-war"))
    page.reload()
    wait_for_app(page)
    expect(page.locator(".st-key-details")).to_contain_text("Korean War")  # the link opens it


def test_the_legend_names_every_type_and_marker_shape(page: Page, app_url: str):
    open_timeline(page, app_url)
    legend = page.locator(".dte-legend")
    for text in ("Treaty or agreement", "Attack, clash or war", "day known",
                 "only the month or year known", "from start to end"):
        expect(legend).to_contain_text(text)
    war = legend.get_by_role("button", name="Attack, clash or war")
    war.click()
    expect(war).to_have_attribute("aria-pressed", "false")
    hidden = chart(page).evaluate(
        "plot => plot.data.filter(t => t.legendgroup === 'armed_conflict')"
        ".every(t => t.visible === false)")
    assert hidden


def test_zooming_into_a_dense_view_draws_single_events(page: Page,
                                                       bulk_dashboard: str,
                                                       output_path: str):
    open_timeline(page, bulk_dashboard)
    expect(page.locator(".dte-timeline[data-mode='density']")).to_be_attached()
    assert painted_share(page) > 0.5
    save_screenshot(page, output_path, "density")
    box = chart(page).locator(".nsewdrag").bounding_box()
    page.mouse.move(box["x"] + box["width"] * 0.9, box["y"] + box["height"] / 2)
    for _ in range(25):
        page.mouse.wheel(0, -400)
        next_frame(page)
    settle(page)
    expect(page.locator(".dte-timeline[data-mode='events']")).to_be_attached(timeout=15_000)
    expect(page.locator(".dte-card").first).to_be_visible()
    save_screenshot(page, output_path, "events")


def test_widening_the_filter_past_the_threshold_draws_counts(page: Page,
                                                             bulk_dashboard: str,
                                                             output_path: str):
    """Single events are drawn with plotly.js's basic bundle; counts need the cartesian one's
    heatmap, sent once the page first counts, and the same chart then draws with it."""
    open_timeline(page, bulk_dashboard + "&from=2025-06")
    expect(page.locator(".dte-timeline[data-mode='events']")).to_be_attached()
    field = page.get_by_role("textbox", name="From")
    field.fill("")
    field.press("Enter")
    settle(page)
    expect(page.locator(".dte-timeline[data-mode='density']")).to_be_attached(timeout=30_000)
    expect(chart(page).locator(".hm image")).to_have_count(1)
    save_screenshot(page, output_path, "counts")


# About 1960 the 1949 label has less room on either side than it is long: it is cut short.
@pytest.mark.parametrize("centre", ["1950-06-25", "1960-01-01"])
def test_a_pinch_zooms_on_a_phone_and_labels_follow(phone_tab: Page, app_url: str,
                                                    output_path: str, centre: str):
    """Two fingers spread fourfold about ``centre``: the range narrows about it, and the 1949
    event, unlabelled in the first view, is labelled for the narrower range."""
    page = phone_tab
    open_timeline(page, app_url)
    before = x_range(page)
    assert not any(label.startswith("Pyongyang and Beijing") for label in labels(page))
    box = chart(page).locator(".nsewdrag").bounding_box()
    y = box["y"] + box["height"] / 2
    middle = box["x"] + chart(page).evaluate(f"plot => plot._fullLayout.xaxis.d2p('{centre}')")
    session = page.context.new_cdp_session(page)

    def touch(kind: str, spread: float) -> None:
        points = [] if kind == "touchEnd" else [
            {"x": middle - spread, "y": y, "id": 1}, {"x": middle + spread, "y": y, "id": 2}]
        session.send("Input.dispatchTouchEvent", {"type": kind, "touchPoints": points})

    touch("touchStart", 10)
    for spread in range(15, 45, 5):
        touch("touchMove", spread)
        next_frame(page)
    touch("touchEnd", 0)
    settle(page)
    after = x_range(page)
    assert before[0] < after[0] < centre < after[1] < before[1], (before, after)
    expect(chart(page).locator("g.annotation text", has_text="Pyongyang and Beijing")
           ).to_be_visible()
    shoot_at(page, page.locator(".dte-timeline"), output_path, "pinched")
    labels_laid_out_for_the_view(page)


def test_the_phone_layout_fills_the_screen_and_keeps_legend_buttons_and_labels_apart(
        phone_tab: Page, app_url: str, output_path: str):
    """On a phone the range buttons and the card strip span the screen (less the page's
    1 rem margins), the page never scrolls sideways, and nothing covers the plot."""
    page = phone_tab
    open_timeline(page, app_url)  # settled: the narrow width reported, labels laid out for it
    assert sideways_overflow(page) <= 0
    for controls in (".dte-toolbar", ".dte-strip"):
        box = page.locator(controls).bounding_box()
        left, right = box["x"], box["x"] + box["width"]
        assert 0 <= left <= 20 and PHONE["width"] - 20 <= right <= PHONE["width"], controls
    plot = chart(page).bounding_box()
    legend = page.locator(".dte-legend").bounding_box()
    assert legend["y"] >= plot["y"] + plot["height"] - 1  # below the plot, not over it
    toolbar = page.locator(".dte-toolbar").bounding_box()
    assert toolbar["y"] + toolbar["height"] <= plot["y"] + 1  # buttons above, not on it
    buttons = page.locator(".dte-range").all()
    assert sum(button.bounding_box()["width"] for button in buttons) > 0.8 * toolbar["width"]
    assert len(labels_laid_out_for_the_view(page)) <= 4
    assert ticks_inside_the_chart(page)
    save_screenshot(page, output_path, "phone")
    shoot_at(page, page.locator(".dte-timeline"), output_path, "phone-timeline")
    shoot_at(page, page.locator(".dte-legend"), output_path, "phone-legend-and-cards")


def test_the_density_view_fits_a_phone(phone_tab: Page, bulk_dashboard: str,
                                       output_path: str):
    """Counts per lane and period on a 390 px screen: the strip shows its cells (180
    quarters in 181 px, where a gap between cells hid them), dated, without sideways
    scrolling."""
    page = phone_tab
    open_timeline(page, bulk_dashboard)
    expect(page.locator(".dte-timeline[data-mode='density']")).to_be_attached()
    assert painted_share(page) > 0.5
    assert ticks_inside_the_chart(page)
    assert sideways_overflow(page) <= 0
    shoot_at(page, page.locator(".dte-timeline"), output_path, "phone-density")


# Every page and view, each opened directly by its address, and what shows it has drawn.
EVERY_PAGE = [("/", "Diplomatic timeline", ".dte-timeline[data-ready='true'] path.point"),
              ("/?view=table", "Diplomatic timeline", "[data-testid='stDataFrame']"),
              ("/?view=relations", "Diplomatic timeline", ".js-plotly-plot"),
              ("/?view=anniversaries", "Diplomatic timeline", "[data-testid='stDateInput']"),
              ("/import", "Import events", "[data-testid='stFileUploader']"),
              ("/article", "From an article", "[data-testid='stTextArea']"),
              ("/edit", "Edit events", "[data-testid='stForm']")]
DRAWN = {path: drawn for path, _, drawn in EVERY_PAGE}


def test_nothing_is_fetched_from_outside(page: Page, app_url: str):
    """Every page and view works with every request off the machine refused, and none is
    made (fonts, icons and plotly.js are all served by the dashboard itself)."""
    outside: list[str] = []
    failed: list[str] = []

    def local_only(route: Route) -> None:
        if urlsplit(route.request.url).hostname == "127.0.0.1":
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    page.route("**/*", local_only)
    page.on("websocket", lambda socket: None if urlsplit(socket.url).hostname == "127.0.0.1"
            else outside.append(socket.url))
    page.on("response", lambda response: failed.append(response.url)
            if response.status >= 400 else None)
    for path, title, drawn in EVERY_PAGE:
        page.goto(app_url + path)
        wait_for_app(page)
        expect(page.get_by_role("heading", name=title, level=1)).to_be_visible()
        expect(page.locator(drawn).first).to_be_visible(timeout=30_000)
        expect(page.get_by_test_id("stException")).to_have_count(0)
    page.unroute("**/*")
    assert outside == []
    # Opened directly, a sub-page's frontend first looks for the server under the page's own
    # path (Streamlit's base-path discovery, streamlit/streamlit#7074): those two 404s on this
    # machine are all that may fail.
    assert set(failed) <= {f"{app_url}{path}/_stcore/{probe}"
                           for path in ("/import", "/article", "/edit")
                           for probe in ("health", "host-config")}, failed


def test_the_table_sorts_by_the_real_date(page: Page, app_url: str, output_path: str):
    """A click on Date sorts by the day, not by the date as written (tests/browser/
    test_table.py checks the table's size and columns)."""
    page.goto(app_url + "/?view=table")
    wait_for_app(page)
    grid = page.get_by_test_id("stDataFrame")
    expect(grid).to_be_visible()
    box = grid.bounding_box()
    rows = grid.locator("[role='row']")
    expect(rows.nth(1)).to_contain_text("1689")
    expect(rows.nth(3)).to_contain_text("Test Encyclopedia")  # the publisher, not a blank
    save_screenshot(page, output_path, "table")
    header = grid.locator("canvas table th").first  # the canvas keeps an accessible table
    for arrow in ("↑", "↓"):  # the Date column's header: ascending, then descending
        page.mouse.click(box["x"] + 40, box["y"] + 18)
        expect(header).to_have_text(f"{arrow} Date")
    expect(rows.nth(1)).to_contain_text("17 January 2025")
    expect(rows.nth(6)).to_contain_text("1689")


@pytest.mark.parametrize(("device", "view"), [
    ("phone", "table"), ("phone", "relations"), ("phone", "anniversaries"),
    ("desktop", "relations"), ("desktop", "anniversaries")])
def test_the_other_views_fit_the_screen(request: pytest.FixtureRequest, app_url: str,
                                        output_path: str, device: str, view: str):
    """Each view draws without an error and without sideways scrolling, on a phone and on a
    desktop (where the table has a test of its own), and a chart's toolbar (always shown on
    a touch screen) covers none of its titles."""
    page = request.getfixturevalue({"phone": "phone_tab", "desktop": "page"}[device])
    page.goto(f"{app_url}/?view={view}")
    wait_for_app(page)
    expect(page.get_by_test_id("stException")).to_have_count(0)
    drawn = page.locator(DRAWN[f"/?view={view}"]).first
    expect(drawn).to_be_visible()
    assert sideways_overflow(page) <= 0
    for plot in page.locator(".js-plotly-plot").all():
        toolbar = plot.locator(".modebar").bounding_box()
        titles = [text.bounding_box() for text in plot.locator("g.annotation").all()]
        assert toolbar is None or not any(boxes_overlap(toolbar, title) for title in titles)
    shoot_at(page, drawn, output_path, f"{device}-{view}")


def test_on_a_phone_an_event_opens_over_the_chart(phone_tab: Page, app_url: str,
                                                  output_path: str):
    page = phone_tab
    open_timeline(page, app_url)
    page.locator(".dte-card", has_text=NERCHINSK).tap()
    wait_for_app(page)
    dialog = page.get_by_role("dialog")
    expect(dialog).to_contain_text(NERCHINSK)
    expect(dialog).to_contain_text("1689 (known to the year)")
    expect(page).to_have_url(re.compile(r"[?&]event=nerchinsk-1689"))
    save_screenshot(page, output_path, "phone-details")
    dialog.get_by_role("button", name="Close").tap()
    wait_for_app(page)
    expect(page.get_by_role("dialog")).to_have_count(0)
    expect(page).to_have_url(f"{app_url}/")
