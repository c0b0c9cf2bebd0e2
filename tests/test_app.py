"""The dashboard through Streamlit's AppTest: no server, no browser (see tests/browser/)."""

import colorsys
import datetime as dt
import json
import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qs

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from tests.builders import event_record, plain, uploaded
from timeline.core.model import parse_event
from timeline.core.wording import counted
from timeline.store import CURATED_FILE, open_store
from timeline.views import charts

APP = str(Path(__file__).parents[1] / "app.py")
TIES = "Pyongyang and Beijing open diplomatic relations"
RUN_TIMEOUT = 60  # seconds for one script run: a first run on a busy 2-core machine is slow
PACT = "North Korea and Russia sign a mutual defence pact"


def open_url(**params: str | list[str]) -> AppTest:
    """The dashboard run once, opened at a URL with these query parameters."""
    app = AppTest.from_file(APP, default_timeout=RUN_TIMEOUT)
    for name, value in params.items():
        app.query_params[name] = value
    app.run()
    assert not app.exception
    return app


def figure(app: AppTest, number: int = 0) -> dict:
    """The Plotly figure a chart element holds, as JSON."""
    return json.loads(app.get("plotly_chart")[number].proto.spec)


def timeline(app: AppTest) -> dict:
    """What the timeline component was given: ``figure`` (parsed), ``mode``, ``buttons``,
    ``legend``, ``cards``, ``selected``…"""
    (chart,) = [element for element in app.get("bidi_component")
                if element.proto.component_name == "timeline_chart"]
    data = json.loads(chart.proto.json)
    return {**data, "figure": json.loads(data["figure"])}


def open_with_view(view: dict, **params: str | list[str]) -> AppTest:
    """The dashboard at a URL, with the timeline having reported ``view`` (as the browser
    does after a zoom) for the filter the URL describes."""
    first = open_url(**params)
    report = {**view, "view_id": timeline(first)["view_id"]}
    app = AppTest.from_file(APP, default_timeout=RUN_TIMEOUT)
    for name, value in params.items():
        app.query_params[name] = value
    app.session_state["timeline"] = {"view": report}
    app.run()
    assert not app.exception
    return app


def url(app: AppTest) -> dict[str, list[str]]:
    """The query parameters the app wrote, each as a list."""
    return {name: [value] if isinstance(value, str) else list(value)
            for name, value in app.query_params.items()}


def table_titles(app: AppTest) -> list[str]:
    return list(app.dataframe[0].value["Event"])


def texts(app: AppTest) -> str:
    return "\n".join(str(element.value) for kind in ("markdown", "caption", "subheader", "info")
                     for element in getattr(app, kind))


def test_a_shared_url_opens_the_relationship_view(database_file):
    app = open_url(country=["PRK", "CHN"], match="all", view="table")
    assert app.multiselect(key="f_country").value == ["PRK", "CHN"]
    assert app.radio(key="f_match").value == "all"
    assert "Events involving both North Korea and China" in texts(app)
    assert "3 events" in texts(app)
    titles = table_titles(app)
    assert TIES in titles and PACT not in titles


def test_dates_types_and_text_from_the_url_fill_the_sidebar(database_file):
    app = open_url(**{"from": "1949", "to": "1950-12", "type": ["ties_established"],
                      "q": "socialist", "view": "table"})
    assert app.text_input(key="f_from").value == "1949"
    assert app.text_input(key="f_to").value == "1950"  # ends on the last day of 1950
    assert app.multiselect(key="f_type").value == ["ties_established"]
    assert app.text_input(key="f_q").value == "socialist"
    assert table_titles(app) == [TIES]


def test_a_bad_parameter_shows_a_notice_and_the_rest_still_applies(database_file):
    app = open_url(country=["PRK", "XYZ"], to="2024-02-30", type="coup", view="table")
    notices = [warning.value for warning in app.warning]
    assert any("“XYZ”" in notice for notice in notices)
    assert any("to=“2024-02-30”" in notice for notice in notices)
    assert any("“coup”" in notice for notice in notices)
    assert app.multiselect(key="f_country").value == ["PRK"]
    assert PACT in table_titles(app)
    assert url(app) == {"country": ["PRK"], "view": ["table"]}  # the URL, cleaned


def test_the_notice_goes_once_the_filter_changes(database_file):
    app = open_url(country="XYZ")
    assert app.warning
    app.multiselect(key="f_country").set_value(["CHN"]).run()
    assert not app.warning


def test_changing_a_filter_rewrites_the_url(database_file):
    app = open_url()
    app.multiselect(key="f_country").set_value(["PRK", "RUS"])
    app.radio(key="f_match").set_value("all")
    app.text_input(key="f_from").set_value("2000").run()
    assert url(app) == {"country": ["PRK", "RUS"], "match": ["all"], "from": ["2000"]}
    assert "1 event" in texts(app)


def test_clear_filters_shows_everything_again(database_file):
    app = open_url(country="PRK", q="pact")
    assert "1 event" in texts(app)
    app.button[0].click().run()
    assert "6 events" in texts(app)
    assert app.multiselect(key="f_country").value == []
    assert url(app) == {}


def test_a_filter_matching_nothing_explains_instead_of_drawing(database_file):
    app = open_url(q="no such words anywhere")
    assert "No events match this filter" in texts(app)
    assert not app.get("bidi_component")[1:]  # plotly.js only, no chart
    assert not app.tabs


def test_no_results_say_which_filter_to_drop_and_what_it_gives(database_file):
    app = open_url(country=["PRK", "CHN"], match="all", type="treaty", q="pact")
    ways = [button.label for button in app.get_by_key("ways_out").button]
    # The README's old example: the pact is North Korea and Russia's, and no other part
    # dropped alone finds anything.
    assert ways == ["Without China: 1 event", "Involving any of them: 1 event"]
    app.get_by_key("ways_out").button[0].click().run()
    assert app.multiselect(key="f_country").value == ["PRK"]
    assert "No events match" not in texts(app)
    assert url(app) == {"country": ["PRK"], "match": ["all"], "type": ["treaty"], "q": ["pact"]}


def test_dates_are_typed_as_years_months_or_words(database_file):
    app = open_url(view="table")
    app.text_input(key="f_from").set_value("June 2024")
    app.text_input(key="f_to").set_value("2024").run()
    assert table_titles(app) == [PACT, "Kim and Xi trade messages on 75 years of ties"]
    assert url(app) == {"from": ["2024-06"], "to": ["2024"], "view": ["table"]}
    app.text_input(key="f_to").set_value("sometime").run()
    assert "To “sometime” is left out of the filter: not a date" in app.sidebar.warning[0].value
    assert "3 events" in texts(app)  # from June 2024 on: the call of 2025 too


def test_from_after_to_in_the_sidebar_is_a_notice_not_an_error(database_file):
    app = open_url()
    app.text_input(key="f_from").set_value("2020")
    app.text_input(key="f_to").set_value("1950").run()
    assert not app.exception
    assert "From “2020” is left out of the filter: it is after to “1950”" in (
        app.sidebar.warning[0].value)
    assert "6 events" in texts(app)


def test_the_timeline_has_a_lane_per_chosen_country_and_a_legend_entry_per_type(database_file):
    app = open_url(country=["PRK", "CHN"])
    chart = timeline(app)
    assert chart["figure"]["layout"]["yaxis"]["ticktext"] == ["North Korea", "China"]
    legend = [entry["label"] for entry in chart["legend"]["types"]]
    assert legend == ["Ties established", "Treaty or agreement", "Talks",
                      "Message or statement", "Attack, clash or war"]
    assert [shape["symbol"] for shape in chart["legend"]["shapes"]] == [
        "circle", "circle-open", "diamond"]


def test_the_first_view_fits_every_filtered_event_from_1689(database_file):
    chart = timeline(open_url())
    start, end = chart["figure"]["layout"]["xaxis"]["range"]
    assert start < "1689-01-01" and "2025-01-17" < end < "2036"
    cards = chart["cards"]
    assert [card["when"] for card in cards][:2] == ["1689", "6 October 1949"]
    assert [button["label"] for button in chart["buttons"]] == ["10 y", "50 y", "All"]
    ten_years = chart["buttons"][0]["range"]
    assert ten_years[1] < "2025-06-01"  # anchored to the last event, not to today


def test_an_event_in_the_url_opens_its_details_beside_the_chart(database_file):
    app = open_url(event="prk-chn-ties-1949")
    details = app.get_by_key("details")
    shown = "\n".join(str(element.value) for element in details.markdown)
    assert details.subheader[0].value == TIES
    assert "**6 October 1949** (known to the day)" in shown
    assert "Ties established" in shown and "North Korea, China" in shown
    assert "[Test Wire](<https://news.example.org/1949/ties>)" in shown
    assert "> ties were formally set up" in shown


    assert timeline(app)["selected"] == "prk-chn-ties-1949"
    app.get_by_key("details").button[0].click().run()  # Close
    assert "Click an event on the timeline" in texts(app)
    assert url(app) == {}


def test_without_a_click_the_panel_says_how_to_open_it(database_file):
    app = open_url()
    assert "Click an event on the timeline" in texts(app)


def test_an_unknown_event_in_the_url_is_said_so(database_file):
    app = open_url(event="no-such-event")
    assert "There is no event “no\\-such\\-event”" in app.get_by_key("details").warning[0].value


def test_above_the_threshold_the_timeline_counts_per_period(database_file, monkeypatch):
    monkeypatch.setattr(charts, "DENSITY_THRESHOLD", 5)
    app = open_url()
    spec = timeline(app)["figure"]
    (heat,) = spec["data"]
    assert heat["type"] == "heatmap"
    assert "Too many events to draw one by one: each cell counts the events of one year" \
        in texts(app)
    # Lanes are the most frequent countries; China has five events in five different years.
    assert spec["layout"]["yaxis"]["ticktext"][:2] == ["China", "North Korea"]
    assert sorted(cell for cell in heat["z"][0] if cell) == [1, 1, 1, 1, 1]
    assert sum(cell or 0 for cell in heat["z"][1]) == 4
    narrowed = open_url(country="PRK")  # four events: single events again
    assert {trace["type"] for trace in timeline(narrowed)["figure"]["data"]} == {"scatter",
                                                                                "bar"}


def test_zooming_in_on_a_dense_view_draws_single_events(database_file, monkeypatch):
    monkeypatch.setattr(charts, "DENSITY_THRESHOLD", 5)
    # The chart reports a zoom to 2015-2030 on a plot 700 px wide: three events are near.
    app = open_with_view({"range": ["2015-01-01", "2030-01-01 12:00:00.5"], "width": 700})
    chart = timeline(app)
    assert chart["mode"] == "events"
    assert chart["figure"]["layout"]["xaxis"]["range"] == ["2015-01-01", "2030-01-01"]
    assert [card["id"] for card in chart["cards"]] == [
        "prk-rus-pact-2024", "prk-chn-messages-2024", "usa-chn-call-2025"]
    labels = [note["text"] for note in chart["figure"]["layout"]["annotations"]]
    assert "North Korea and Russia sign a mutual…" in labels
    # Lanes stay those of the whole filter, busiest first.
    assert chart["figure"]["layout"]["yaxis"]["ticktext"][:2] == ["China", "North Korea"]
    wide = open_with_view({"range": ["1600-01-01", "2030-01-01"], "width": 700})
    assert timeline(wide)["mode"] == "density"


def test_a_view_reported_for_another_filter_is_ignored(database_file):
    app = AppTest.from_file(APP, default_timeout=RUN_TIMEOUT)
    app.session_state["timeline"] = {"view": {"range": ["2015-01-01", "2030-01-01"],
                                              "width": 700, "view_id": "another filter"}}
    app.run()
    assert timeline(app)["figure"]["layout"]["xaxis"]["range"][0] < "1689"


def test_the_table_lists_dates_as_written_with_names_and_downloads(database_file):
    app = open_url(view="table")
    table = app.dataframe[0].value
    assert list(table["When"]) == ["1689", "6 October 1949", "25 June 1950 – 27 July 1953",
                                   "June 2024", "6 October 2024", "17 January 2025"]
    assert table["Countries"][0] == "China, Russia"
    labels = [button.proto.label for button in app.get("download_button")]
    assert labels == ["Download CSV", "Download JSON Lines", "Download JSON",
                      "Download TimelineJS JSON", "Download iCalendar", "Download offline page"]


def test_relations_default_to_north_korea_with_china_and_russia(database_file):
    app = open_url(view="relations")
    assert app.multiselect(key="pairs").value == [("PRK", "CHN"), ("PRK", "RUS")]
    bars, network = figure(app, 0), figure(app, 1)
    for chart in app.get("plotly_chart"):  # no English hint ("Double-click on legend…")
        assert json.loads(chart.proto.config)["showTips"] is False
    titles = [note["text"] for note in bars["layout"]["annotations"]]
    assert titles == ["North Korea–China", "North Korea–Russia"]
    assert any(trace.get("name") == "countries" for trace in network["data"])


# Hue bands in degrees (upper bounds) and the word a reader would use for each.
HUE_NAMES = [(15, "red"), (45, "orange"), (70, "yellow"), (170, "green"), (260, "blue"),
             (330, "purple"), (360, "red")]


def colour_name(colour: str) -> str:
    """The word a reader would use for a "#rrggbb" colour: "grey" when it has almost no
    colour, else its hue's name ("brown" for a dark orange, "olive" for a dark yellow)."""
    red, green, blue = (int(colour[n:n + 2], 16) / 255 for n in (1, 3, 5))
    hue, lightness, saturation = colorsys.rgb_to_hls(red, green, blue)
    if saturation < 0.15:
        return "grey"
    name = next(name for limit, name in HUE_NAMES if hue * 360 < limit)
    dark = {"orange": ("brown", 0.35), "yellow": ("olive", 0.45)}.get(name)
    return dark[0] if dark and lightness < dark[1] else name


def test_the_network_s_caption_names_the_colours_its_lines_and_legend_use(database_file):
    app = open_url(view="relations")
    network = figure(app, 1)
    legend = {trace["name"]: trace["line"]["color"] for trace in network["data"]
              if trace.get("showlegend") is not False}
    lines = {trace["line"]["color"] for trace in network["data"]
             if trace.get("mode") == "lines" and trace.get("showlegend") is False}
    assert lines and lines <= set(legend.values())
    caption = next(c.value for c in app.caption if "mostly cooperative" in c.value)
    said = {leaning: word for word, leaning in re.findall(r"(\w+): (mostly \w+|mixed)",
                                                          caption.lower())}
    assert said == {name: colour_name(colour) for name, colour in legend.items()}


def test_anniversaries_of_the_filtered_events_in_a_window(database_file):
    app = open_url(view="anniversaries", country="PRK")
    app.date_input(key="anniversary_window").set_value(
        (dt.date(2024, 1, 1), dt.date(2024, 12, 31))).run()
    assert ("**6 October 2024**: 75 years since North Korea and China established diplomatic "
            "relations (6 October 1949)") in texts(app)
    assert "Korean War" not in texts(app)  # its round years fall in 2023 and 2025
    assert "1 round anniversary of the filtered events." in [c.value for c in app.caption]


def test_an_unreadable_database_is_a_readable_error(tmp_path, monkeypatch):
    broken = tmp_path / "broken.duckdb"
    broken.write_text("not a database")
    monkeypatch.setenv("TIMELINE_DB", str(broken))
    st.cache_resource.clear()
    app = open_url()
    assert "The events database could not be opened" in app.error[0].value
    st.cache_resource.clear()


def test_events_from_1600_on_are_listed(database_file):
    with open_store(database_file) as store:
        store.add_events([parse_event(event_record(id="early", date="1600-03",
                                                   title="An early embassy"))])
    app = open_url(to="1700", view="table")
    assert table_titles(app) == ["An early embassy", "Treaty of Nerchinsk fixes the "
                                                     "Qing–Russian border"]


@pytest.fixture
def database_with_bulk_data(database_file: Path, tmp_path: Path) -> Path:
    """The test events plus a 'gdelt' dataset of 5,000 synthetic GDELT events."""
    from benchmarks.synthetic import write_gdelt
    from timeline.store.importers import import_file

    with open_store(database_file) as store:
        import_file(store, write_gdelt(tmp_path / "bulk.tsv", 5_000), dataset="gdelt")
    st.cache_resource.clear()
    return database_file


def test_bulk_datasets_stay_out_until_a_link_asks_for_them(database_with_bulk_data):
    curated = open_url()
    assert curated.multiselect(key="f_dataset").value == ["curated"]
    assert "6 events" in texts(curated)
    bulk = open_url(dataset="gdelt")
    assert bulk.multiselect(key="f_dataset").value == ["gdelt"]
    assert "5,000 events" in texts(bulk)
    assert "in dataset gdelt" in texts(bulk)
    assert timeline(bulk)["figure"]["data"][0]["type"] == "heatmap"  # too many to draw
    assert url(bulk)["dataset"] == ["gdelt"]


def test_an_unknown_dataset_in_a_link_is_a_notice(database_with_bulk_data):
    app = open_url(dataset="nope")
    assert app.warning[0].value.startswith("Ignored dataset=“nope”")
    assert "6 events" in texts(app)


def test_a_large_result_pages_the_table(database_with_bulk_data):
    table = open_url(dataset="gdelt", view="table")
    assert len(table.dataframe[0].value) == 1_000
    assert "The first 1,000 of 5,000 events, by date." in texts(table)


def test_datasets_can_be_shown_together(database_with_bulk_data):
    app = open_url(dataset=["gdelt", "curated"], country="PRK", match="all")
    shown = app.multiselect(key="f_dataset").value
    assert shown == ["gdelt", "curated"]
    assert "in datasets gdelt and curated" in texts(app)


def shown_count(app: AppTest) -> str:
    """The number of events the page says match ("3 events"), under the filter sentence."""
    return next(caption.value for caption in app.caption
                if re.fullmatch(r"[\d,]+ events?", caption.value))


@pytest.mark.parametrize(("params", "facet", "options", "click", "after"), [
    ({"country": "PRK"}, "country",
     ["China · 3", "South Korea · 1", "Russia · 1", "USSR · 1", "United States · 1"], "CHN",
     {"country": ["PRK", "CHN"], "match": ["all"]}),
    # Up to 2024: both treaties, and no talks (the only talks are the 2025 call).
    ({"to": "2024"}, "type",
     ["Treaty or agreement · 2", "Attack, clash or war · 1", "Message or statement · 1",
      "Ties established · 1"], "treaty", {"to": ["2024"], "type": ["treaty"]}),
    ({"country": "PRK"}, "decade", ["1940s · 1", "1950s · 1", "2020s · 2"], "2020",
     {"country": ["PRK"], "from": ["2020"], "to": ["2029"]}),
    # Within the relationship, a decade narrows the relationship's events.
    ({"country": ["PRK", "CHN"], "match": "all"}, "decade",
     ["1940s · 1", "1950s · 1", "2020s · 1"], "2020",
     {"country": ["PRK", "CHN"], "match": ["all"], "from": ["2020"], "to": ["2029"]}),
])
def test_facets_count_the_filtered_events_and_a_click_narrows(database_file, params, facet,
                                                              options, click, after):
    app = open_url(**params)
    pills = app.pills(key=f"facet_{facet}")
    assert pills.options == options
    promised = pills.format_func(click).rsplit("·", 1)[1].strip()  # the count on the pill
    pills.set_value(click).run()
    assert url(app) == after
    assert shown_count(app) == counted(int(promised), "event")


def test_the_table_sorts_by_a_real_date_and_names_every_source(database_file):
    table = open_url(view="table").dataframe[0].value
    assert list(table["Date"]) == [dt.date(1689, 1, 1), dt.date(1949, 10, 6),
                                   dt.date(1950, 6, 25), dt.date(2024, 6, 1),
                                   dt.date(2024, 10, 6), dt.date(2025, 1, 17)]
    assert list(table["Source"])[:2] == ["Encyclopaedia Britannica", "Test Wire"]


@pytest.fixture
def curated_database(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A database of the project's curated events (data/events.jsonl), as `make run` makes."""
    path = tmp_path / "curated.duckdb"
    open_store(path, seed=CURATED_FILE).close()
    monkeypatch.setenv("TIMELINE_DB", str(path))
    st.cache_resource.clear()
    yield path
    st.cache_resource.clear()


README_URLS = re.findall(r"`(\?[^`\s]+)`", (Path(APP).parent / "README.md").read_text("utf-8"))


def test_the_readme_shows_urls():
    assert len(README_URLS) >= 2


@pytest.mark.parametrize("query", README_URLS)
def test_every_url_in_the_readme_opens_a_view_with_events(curated_database, query):
    app = open_url(**{name: values for name, values in parse_qs(query[1:]).items()})
    assert not app.warning, [warning.value for warning in app.warning]
    count = next(caption.value for caption in app.caption if caption.value.endswith(
        ("event", "events")))
    assert count != "0 events"
    if "event" in query:
        assert app.get_by_key("details").subheader


@pytest.mark.parametrize("bundle", ["basic", "cartesian"])
def test_the_bundled_plotly_js_is_the_version_the_figures_are_built_for(bundle):
    """The timeline draws with the basic and cartesian bundles kept in the repository (no
    download): the same plotly.js release as the pinned plotly package, whose figures they
    read."""
    from plotly.offline import get_plotlyjs

    from app_pages.timeline_chart import PLOTLY_BUNDLES

    def version(script: str) -> str:
        return re.search(r"plotly\.js (?:\(\w+ - minified\) )?v(\d+\.\d+\.\d+)",
                         script[:300]).group(1)

    script = PLOTLY_BUNDLES[bundle].read_text(encoding="utf-8")
    assert f"({bundle} - minified)" in script[:300]
    assert version(script) == version(get_plotlyjs())


# -- wording on every page -----------------------------------------------------------------

ROOT = Path(APP).parent
PAGE_FILES = re.findall(r'st\.Page\("([^"]+)"', (ROOT / "app.py").read_text("utf-8"))
# Fields of Streamlit's elements that a reader sees: Markdown (text, alerts, captions,
# headings, metrics, labels, help, pill options) and plain text (placeholders, choices).
MARKDOWN_FIELDS = {"body", "label", "help", "content"}
PLAIN_FIELDS = {"placeholder", "options"}
# What an analyst's page never says: a hedged plural, a developer tool, Markdown's escaping.
UNFIT_WORDING = {"a hedged plural": re.compile(r"\(s\)"),
                 "git": re.compile(r"\bgit\b", re.IGNORECASE),
                 "a backslash": re.compile(r"\\")}
ARTICLE_TEXT = ("North Korea and Russia signed a comprehensive strategic partnership treaty "
                "in Pyongyang yesterday, state media said.")


def as_seen(markdown: str) -> str:
    """Markdown as a reader sees it: escaping backslashes gone, except in code spans, which
    show their text as written (an escaped file name there shows its backslash)."""
    return "".join(part if part.startswith("`") else plain(part)
                   for part in re.split(r"(`[^`]*`)", markdown))


def shown_texts(app: AppTest) -> list[str]:
    """Every text of the page's main area and sidebar as a reader sees it."""
    found: list[str] = []

    def read(message) -> None:
        for field, value in message.ListFields():
            single = isinstance(value, (str, bytes, int, float)) or hasattr(value, "ListFields")
            values = [value] if single else value  # a repeated field: each of its items
            for item in values:
                if isinstance(item, str) and field.name in MARKDOWN_FIELDS:
                    found.append(as_seen(item))
                elif isinstance(item, str) and field.name in PLAIN_FIELDS:
                    found.append(item)
                elif hasattr(item, "ListFields"):
                    read(item)

    def visit(node) -> None:
        if getattr(node, "proto", None) is not None:
            read(node.proto)
        for child in getattr(node, "children", {}).values():
            visit(child)

    visit(app.main)
    visit(app.sidebar)
    return found


def run_page(path: str, **params: str) -> AppTest:
    """A page of the app (a path in app_pages/) run once, at a URL with these parameters."""
    app = AppTest.from_file(str(ROOT / path), default_timeout=RUN_TIMEOUT)
    for name, value in params.items():
        app.query_params[name] = value
    app.run()
    assert not app.exception
    return app


def imported_one_of_two() -> AppTest:
    """The import page after a file with one invalid row was checked and its valid row
    imported: the problems table, the count, the success and the undo note."""
    kept = event_record(id="kept", date="2025-02", countries=["KOR", "JPN"], type="talks",
                        title="Seoul and Tokyo envoys meet")
    rows = [kept, {**kept, "id": "bad", "date": "2024-02-30"}]
    page = uploaded("mixed.jsonl", "".join(json.dumps(row) + "\n" for row in rows).encode())
    assert page.dataframe
    next(b for b in page.button if b.label.startswith("Import the 1 valid")).click().run()
    assert page.success and not page.exception
    return page


def article_read() -> AppTest:
    """The article page after "Find events" found an event in a short article."""
    page = run_page("app_pages/article.py")
    page.text_area(key="article").input(ARTICLE_TEXT)
    page.date_input(key="published").set_value(dt.date(2024, 6, 20))
    page.text_input(key="source_url").input("https://news.example.org/2024/06/20/treaty")
    page.button(key="find").click().run()
    assert page.data_editor and not page.exception
    return page


# (the page, how to open it in one of its states): every view and state that has text of
# its own.
PAGE_STATES = {
    "explore, timeline": ("app_pages/explore.py", lambda: open_url()),
    "explore, an event open": ("app_pages/explore.py",
                               lambda: open_url(event="prk-chn-ties-1949")),
    "explore, table": ("app_pages/explore.py", lambda: open_url(view="table")),
    "explore, relations": ("app_pages/explore.py", lambda: open_url(view="relations")),
    "explore, anniversaries": ("app_pages/explore.py", lambda: open_url(view="anniversaries")),
    "explore, nothing matches": ("app_pages/explore.py",
                                 lambda: open_url(country=["PRK", "CHN"], match="all",
                                                  q="pact")),
    "explore, a bad link": ("app_pages/explore.py", lambda: open_url(country="XYZ")),
    "import": ("app_pages/import_events.py", lambda: run_page("app_pages/import_events.py")),
    "import, a file checked and imported": ("app_pages/import_events.py", imported_one_of_two),
    "article": ("app_pages/article.py", lambda: run_page("app_pages/article.py")),
    "article, events found": ("app_pages/article.py", article_read),
    "edit events": ("app_pages/curate.py", lambda: run_page("app_pages/curate.py")),
    "edit events, an event open": ("app_pages/curate.py",
                                   lambda: run_page("app_pages/curate.py",
                                                    event="prk-chn-ties-1949")),
}


def test_every_page_of_the_app_has_its_wording_checked():
    assert len(PAGE_FILES) == 4
    assert set(PAGE_FILES) <= {page for page, _ in PAGE_STATES.values()}


@pytest.mark.parametrize("state", list(PAGE_STATES))
def test_pages_speak_to_analysts_without_hedges_tools_or_escapes(database_file, state):
    texts = shown_texts(PAGE_STATES[state][1]())
    assert texts  # the page was read, not an empty tree
    for problem, pattern in UNFIT_WORDING.items():
        assert not [text for text in texts if pattern.search(text)], problem
