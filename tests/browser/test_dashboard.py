"""The dashboard in a real browser at 1440 by 900: shared URLs, the URL following the filter,
clicking an event, downloads, notices, both themes, and the other pages on a phone.
Screenshots of each view go to pytest-playwright's output folder (test-results/) to be looked
at."""

import csv
import io
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import save_screenshot, sideways_overflow, wait_for_app

pytestmark = pytest.mark.browser

RELATIONSHIP = "?country=PRK&country=CHN&match=all"


def open_app(page: Page, url: str) -> None:
    page.goto(url)
    wait_for_app(page)


def lane_names(page: Page) -> list[str]:
    """The timeline's lane labels, top first."""
    expect(page.locator(".js-plotly-plot .ytick").first).to_be_visible()
    return page.locator(".js-plotly-plot .yaxislayer-above .ytick text").evaluate_all(
        "texts => texts.map(text => text.textContent)")


def test_a_shared_url_opens_the_filtered_view(page: Page, app_url: str, output_path: str):
    open_app(page, app_url + "/" + RELATIONSHIP)
    expect(page.get_by_text("Events involving both North Korea and China")).to_be_visible()
    expect(page.get_by_text("3 events", exact=True)).to_be_visible()
    countries = page.get_by_test_id("stMultiSelect").first
    expect(countries).to_contain_text("North Korea")
    expect(countries).to_contain_text("China")
    assert lane_names(page) == ["North Korea", "China"]
    save_screenshot(page, output_path, "timeline-light")


def test_changing_the_country_filter_updates_the_url_and_the_timeline(page: Page,
                                                                        app_url: str):
    open_app(page, app_url + "/?country=PRK")
    assert lane_names(page) == ["North Korea"]
    page.get_by_role("combobox", name="Countries").click()
    page.keyboard.type("Russia")  # the list is long: type to find, as a person would
    page.get_by_role("option", name="Russia", exact=True).click()
    page.keyboard.press("Escape")
    wait_for_app(page)
    expect(page).to_have_url(f"{app_url}/?country=PRK&country=RUS")
    expect(page.get_by_text("Events involving North Korea or Russia")
           ).to_be_visible()
    assert lane_names(page) == ["North Korea", "Russia"]


def test_clicking_an_event_opens_its_details(page: Page, app_url: str, output_path: str):
    open_app(page, app_url + "/" + RELATIONSHIP + "&from=1949-01-01&to=1949-12-31")
    expect(page.get_by_text("Click an event on the timeline")).to_be_visible()
    point = page.locator("g.scatterlayer path.point").first  # the plot's, before the slider's
    box = point.bounding_box()
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    wait_for_app(page)
    details = page.locator(".st-key-details")
    expect(details).to_contain_text("Pyongyang and Beijing open diplomatic relations")
    expect(details).to_contain_text("6 October 1949 (known to the day)")
    expect(details).to_contain_text("ties were formally set up")
    expect(details.get_by_role("link", name="Test Wire")).to_have_attribute(
        "href", "https://news.example.org/1949/ties")
    save_screenshot(page, output_path, "details-light")


def test_the_csv_download_holds_exactly_the_filtered_events(page: Page, app_url: str,
                                                             output_path: str):
    open_app(page, app_url + "/" + RELATIONSHIP + "&view=table")
    with page.expect_download() as download:
        page.get_by_role("button", name="Download CSV").click()
    rows = list(csv.DictReader(io.StringIO(Path(download.value.path()).read_text("utf-8"))))
    assert [row["id"] for row in rows] == ["prk-chn-ties-1949", "korean-war",
                                          "prk-chn-messages-2024"]
    assert rows[0]["date"] == "1949-10-06"
    # For spreadsheets: names beside codes, the source in flat columns, no JSON.
    assert rows[0]["countries"] == "PRK; CHN"
    assert rows[0]["country_names"] == "North Korea; China"
    assert rows[0]["source_publisher"] == "Test Wire"
    assert rows[0]["source_url"] == "https://news.example.org/1949/ties"
    save_screenshot(page, output_path, "table-light")


def test_a_bad_parameter_shows_a_notice(page: Page, app_url: str):
    open_app(page, app_url + "/?country=PRK&country=XYZ&from=2024-02-30")
    expect(page.get_by_text("Ignored country=“XYZ”")).to_be_visible()
    expect(page.get_by_text("Ignored from=“2024-02-30”")).to_be_visible()
    expect(page.get_by_text("Events involving North Korea", exact=True)).to_be_visible()
    expect(page.get_by_test_id("stException")).to_have_count(0)
    expect(page).to_have_url(f"{app_url}/?country=PRK")


@pytest.mark.parametrize("view", ["timeline", "table", "relations", "anniversaries"])
def test_every_view_reads_in_the_dark_theme(dark_page: Page, app_url: str, output_path: str,
                                            view: str):
    page = dark_page
    open_app(page, f"{app_url}/{RELATIONSHIP}&view={view}")
    expect(page.get_by_test_id("stException")).to_have_count(0)
    expect(page.get_by_test_id("stAlertContentError")).to_have_count(0)
    background = page.get_by_test_id("stApp").evaluate(
        "element => getComputedStyle(element).backgroundColor")
    assert _luminance(background) < 0.1, background
    if view in ("timeline", "relations"):
        tick = page.locator(".js-plotly-plot .xtick text").first
        expect(tick).to_be_visible()
        assert _luminance(tick.evaluate("element => getComputedStyle(element).fill")) > 0.4
    save_screenshot(page, output_path, f"{view}-dark")


def _luminance(css_colour: str) -> float:
    """Relative luminance (0 black … 1 white) of an ``rgb(r, g, b)`` colour."""
    red, green, blue = (int(part) / 255 for part in
                        css_colour[css_colour.index("(") + 1:-1].split(",")[:3])
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def test_enter_in_the_country_picker_picks_the_best_match_only(page: Page, app_url: str):
    open_app(page, app_url)
    page.get_by_role("combobox", name="Countries").click()
    page.keyboard.type("China")
    page.keyboard.press("Enter")
    page.keyboard.press("Escape")
    wait_for_app(page)
    expect(page).to_have_url(f"{app_url}/?country=CHN")
    countries = page.get_by_test_id("stMultiSelect").first
    expect(countries).to_contain_text("China")
    for unrelated in ("Macao", "Hong Kong", "French Guiana"):
        expect(countries).not_to_contain_text(unrelated)


@pytest.mark.parametrize(("field", "typed", "query", "count"), [
    ("From", "June 2024", "from=2024-06", "3 events"),
    ("To", "1949", "to=1949", "2 events"),
])
def test_a_date_typed_in_a_field_applies_on_enter(page: Page, app_url: str, field: str,
                                                  typed: str, query: str, count: str):
    """Both ends of the date range apply on Enter, without a button to find."""
    open_app(page, app_url)
    box = page.get_by_role("textbox", name=field, exact=True)
    box.fill(typed)
    box.press("Enter")
    wait_for_app(page)
    expect(page).to_have_url(f"{app_url}/?{query}")
    expect(page.get_by_text(count, exact=True)).to_be_visible()


# The pages besides the explorer, and what shows each has drawn.
OTHER_PAGES = [("import", "Import events", "stFileUploader"),
               ("article", "From an article", "stTextArea"),
               ("edit", "Edit events", "stForm")]


@pytest.mark.parametrize(("path", "title", "drawn"), OTHER_PAGES)
def test_the_other_pages_fit_a_phone(phone_tab: Page, app_url: str, output_path: str,
                                     path: str, title: str, drawn: str):
    """On a 390 px phone every page reads without scrolling sideways."""
    page = phone_tab
    open_app(page, f"{app_url}/{path}")
    expect(page.get_by_role("heading", name=title, level=1)).to_be_visible()
    expect(page.get_by_test_id(drawn).first).to_be_visible()
    expect(page.get_by_test_id("stException")).to_have_count(0)
    assert sideways_overflow(page) <= 0
    save_screenshot(page, output_path, f"{path}-phone", whole_page=True)
