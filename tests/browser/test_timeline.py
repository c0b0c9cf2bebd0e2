"""The timeline component in Chromium, on a desktop (1440 by 900) and a phone (390 by 844): zooming
re-lays out labels, the wheel and a pinch zoom, range buttons end at the last event, dense views
turn into single events when zoomed in, the card strip follows the selection, and nothing is
fetched from outside. Each test writes screenshots to its own folder under test-results/."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, Route, expect

from tests.browser.conftest import next_frame, serve, wait_for_app, watched
from tests.builders import TEST_EVENTS_FILE

pytestmark = pytest.mark.browser

DESKTOP = {"width": 1440, "height": 900}
PHONE = {"width": 390, "height": 844}
NERCHINSK = "Treaty of Nerchinsk fixes the Qing–Russian border"


@pytest.fixture(scope="module")
def desktop(browser: Browser) -> Iterator[BrowserContext]:
    context = watched(browser.new_context(viewport=DESKTOP, color_scheme="light"))
    yield context
    context.close()


@pytest.fixture(scope="module")
def phone(browser: Browser) -> Iterator[BrowserContext]:
    context = watched(browser.new_context(viewport=PHONE, color_scheme="light",
                                          has_touch=True, is_mobile=True,
                                          device_scale_factor=2))
    yield context
    context.close()


@pytest.fixture
def desktop_page(desktop: BrowserContext) -> Iterator[Page]:
    tab = desktop.new_page()
    yield tab
    tab.close()


@pytest.fixture
def phone_page(phone: BrowserContext) -> Iterator[Page]:
    tab = phone.new_page()
    yield tab
    tab.close()


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


def shoot(page: Page, output_path: str, name: str) -> None:
    Path(output_path).mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(Path(output_path) / f"{name}.png"))


def boxes_overlap(a: dict, b: dict) -> bool:
    return not (a["x"] + a["width"] <= b["x"] or b["x"] + b["width"] <= a["x"]
                or a["y"] + a["height"] <= b["y"] or b["y"] + b["height"] <= a["y"])


def test_the_first_view_shows_1689_with_its_label(desktop_page: Page, app_url: str,
                                                    output_path: str):
    page = desktop_page
    open_timeline(page, app_url)
    start, end = x_range(page)
    assert start < "1689" and end < "2036"
    assert any(label.startswith("Treaty of Nerchinsk") for label in labels(page))
    ticks = texts(chart(page).locator(".xtick text"))
    assert ticks and all(re.fullmatch(r"\d{4}", tick) for tick in ticks), ticks
    shoot(page, output_path, "desktop")


def test_a_year_precision_event_alone_sits_over_year_ticks(desktop_page: Page, app_url: str):
    open_timeline(desktop_page, app_url + "/?to=1700")
    ticks = texts(chart(desktop_page).locator(".xtick text"))
    assert "1689" in ticks or "1690" in ticks
    assert all(re.fullmatch(r"\d{4}", tick) for tick in ticks), ticks  # no "Jul 1689"


def test_the_wheel_zooms_and_labels_follow_the_visible_range(desktop_page: Page, app_url: str,
                                                               output_path: str):
    page = desktop_page
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
    assert not any(label.startswith("Treaty of Nerchinsk") for label in labels(page))
    shoot(page, output_path, "zoomed")


def test_range_buttons_end_at_the_last_event(desktop_page: Page, app_url: str):
    page = desktop_page
    open_timeline(page, app_url)
    page.get_by_role("button", name="10 y").click()
    settle(page)
    start, end = x_range(page)
    assert start.startswith("2014") and end < "2025-06", (start, end)
    assert labels(page)  # re-laid out for the decade, not wiped
    page.get_by_role("button", name="All").click()
    settle(page)
    assert x_range(page)[0] < "1689"


def test_clicking_an_event_shows_it_beside_the_chart_and_in_the_url(
        desktop_page: Page, app_url: str, output_path: str):
    page = desktop_page
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
    shoot(page, output_path, "details")


def test_the_card_strip_steps_through_events_in_order(desktop_page: Page, app_url: str):
    page = desktop_page
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


def test_the_legend_names_every_type_and_marker_shape(desktop_page: Page, app_url: str):
    page = desktop_page
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


def test_zooming_into_a_dense_view_draws_single_events(desktop_page: Page,
                                                       bulk_dashboard: str,
                                                       output_path: str):
    page = desktop_page
    open_timeline(page, bulk_dashboard)
    expect(page.locator(".dte-timeline[data-mode='density']")).to_be_attached()
    shoot(page, output_path, "density")
    box = chart(page).locator(".nsewdrag").bounding_box()
    page.mouse.move(box["x"] + box["width"] * 0.9, box["y"] + box["height"] / 2)
    for _ in range(25):
        page.mouse.wheel(0, -400)
        next_frame(page)
    settle(page)
    expect(page.locator(".dte-timeline[data-mode='events']")).to_be_attached(timeout=15_000)
    expect(page.locator(".dte-card").first).to_be_visible()
    shoot(page, output_path, "events")


def test_widening_the_filter_past_the_threshold_draws_counts(desktop_page: Page,
                                                             bulk_dashboard: str,
                                                             output_path: str):
    """Single events are drawn with plotly.js's basic bundle; counts need the cartesian one's
    heatmap, sent once the page first counts, and the same chart then draws with it."""
    page = desktop_page
    open_timeline(page, bulk_dashboard + "&from=2025-06")
    expect(page.locator(".dte-timeline[data-mode='events']")).to_be_attached()
    field = page.get_by_role("textbox", name="From")
    field.fill("")
    field.press("Enter")
    settle(page)
    expect(page.locator(".dte-timeline[data-mode='density']")).to_be_attached(timeout=30_000)
    expect(chart(page).locator(".hm image")).to_have_count(1)
    shoot(page, output_path, "counts")


def test_a_pinch_zooms_on_a_phone(phone_page: Page, app_url: str, output_path: str):
    page = phone_page
    open_timeline(page, app_url)
    before = x_range(page)
    box = chart(page).locator(".nsewdrag").bounding_box()
    y = box["y"] + box["height"] / 2
    middle = box["x"] + box["width"] * 0.9
    session = page.context.new_cdp_session(page)

    def touch(kind: str, spread: float) -> None:
        points = [] if kind == "touchEnd" else [
            {"x": middle - spread, "y": y, "id": 1}, {"x": middle + spread, "y": y, "id": 2}]
        session.send("Input.dispatchTouchEvent", {"type": kind, "touchPoints": points})

    touch("touchStart", 10)
    for spread in range(15, 80, 5):
        touch("touchMove", spread)
        next_frame(page)
    touch("touchEnd", 0)
    settle(page)
    after = x_range(page)
    assert after[0] > before[0] and after[1] <= before[1], (before, after)
    shoot(page, output_path, "pinched")


def test_the_phone_layout_keeps_legend_buttons_and_labels_apart(phone_page: Page,
                                                                 app_url: str,
                                                                 output_path: str):
    page = phone_page
    open_timeline(page, app_url)  # settled: the narrow width reported, labels laid out for it
    plot = chart(page).bounding_box()
    legend = page.locator(".dte-legend").bounding_box()
    assert legend["y"] >= plot["y"] + plot["height"] - 1  # below the plot, not over it
    toolbar = page.locator(".dte-toolbar").bounding_box()
    assert toolbar["y"] + toolbar["height"] <= plot["y"] + 1  # buttons above, not on it
    buttons = page.locator(".dte-range").all()
    assert sum(button.bounding_box()["width"] for button in buttons) > 0.8 * toolbar["width"]
    notes = [note.bounding_box() for note in chart(page).locator("g.annotation").all()]
    assert 0 < len(notes) <= 4
    assert not any(boxes_overlap(a, b) for n, a in enumerate(notes) for b in notes[n + 1:])
    page.set_viewport_size({"width": PHONE["width"], "height": 2400})  # the whole page
    shoot(page, output_path, "phone")


# Every page and view, each opened directly by its address, and what shows it has drawn.
EVERY_PAGE = [("/", "Diplomatic timeline", ".dte-timeline[data-ready='true'] path.point"),
              ("/?view=table", "Diplomatic timeline", "[data-testid='stDataFrame']"),
              ("/?view=relations", "Diplomatic timeline", ".js-plotly-plot"),
              ("/?view=anniversaries", "Diplomatic timeline", "[data-testid='stDateInput']"),
              ("/import", "Import events", "[data-testid='stFileUploader']"),
              ("/article", "From an article", "[data-testid='stTextArea']"),
              ("/edit", "Edit events", "[data-testid='stForm']")]


def test_nothing_is_fetched_from_outside(desktop_page: Page, app_url: str):
    """Every page and view works with every request off the machine refused, and none is
    made (fonts, icons and plotly.js are all served by the dashboard itself)."""
    page = desktop_page
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


def test_the_table_fits_the_window_and_sorts_by_the_real_date(desktop_page: Page,
                                                              app_url: str, output_path: str):
    page = desktop_page
    page.goto(app_url + "/?view=table")
    wait_for_app(page)
    grid = page.get_by_test_id("stDataFrame")
    expect(grid).to_be_visible()
    box = grid.bounding_box()
    assert box["x"] + box["width"] <= DESKTOP["width"]  # every column, Source and Link too
    rows = grid.locator("[role='row']")
    expect(rows.nth(1)).to_contain_text("1689")
    expect(rows.nth(3)).to_contain_text("Test Encyclopedia")  # the publisher, not a blank
    shoot(page, output_path, "table")
    header = grid.locator("canvas table th").first  # the canvas keeps an accessible table
    for arrow in ("↑", "↓"):  # the Date column's header: ascending, then descending
        page.mouse.click(box["x"] + 40, box["y"] + 18)
        expect(header).to_have_text(f"{arrow} Date")
    expect(rows.nth(1)).to_contain_text("17 January 2025")
    expect(rows.nth(6)).to_contain_text("1689")


@pytest.mark.parametrize("view", ["table", "relations"])
def test_the_other_views_read_on_a_phone(phone_page: Page, app_url: str, output_path: str,
                                         view: str):
    page = phone_page
    page.goto(f"{app_url}/?view={view}")
    wait_for_app(page)
    expect(page.get_by_test_id("stException")).to_have_count(0)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    page.set_viewport_size({"width": PHONE["width"], "height": 2000})
    shoot(page, output_path, view)


def test_on_a_phone_an_event_opens_over_the_chart(phone_page: Page, app_url: str,
                                                  output_path: str):
    page = phone_page
    open_timeline(page, app_url)
    page.locator(".dte-card", has_text=NERCHINSK).tap()
    wait_for_app(page)
    dialog = page.get_by_role("dialog")
    expect(dialog).to_contain_text(NERCHINSK)
    expect(dialog).to_contain_text("1689 (known to the year)")
    expect(page).to_have_url(re.compile(r"[?&]event=nerchinsk-1689"))
    shoot(page, output_path, "phone-details")
    dialog.get_by_role("button", name="Close").tap()
    wait_for_app(page)
    expect(page.get_by_role("dialog")).to_have_count(0)
    expect(page).to_have_url(f"{app_url}/")
