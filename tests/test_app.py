"""The dashboard through Streamlit's AppTest: no server, no browser (see tests/browser/)."""

import datetime as dt
import json
from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from tests.conftest import event_record
from timeline import charts
from timeline.model import parse_event
from timeline.store import open_store

APP = str(Path(__file__).parents[1] / "app.py")
TIES = "Pyongyang and Beijing open diplomatic relations"
PACT = "North Korea and Russia sign a mutual defence pact"


def open_url(**params: str | list[str]) -> AppTest:
    """The dashboard run once, opened at a URL with these query parameters."""
    app = AppTest.from_file(APP, default_timeout=30)
    for name, value in params.items():
        app.query_params[name] = value
    app.run()
    assert not app.exception
    return app


def figure(app: AppTest, number: int = 0) -> dict:
    """The Plotly figure a chart element holds, as JSON."""
    return json.loads(app.get("plotly_chart")[number].proto.spec)


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
    assert app.date_input(key="f_from").value == dt.date(1949, 1, 1)
    assert app.date_input(key="f_to").value == dt.date(1950, 12, 31)
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
    app.date_input(key="f_from").set_value(dt.date(2000, 1, 1)).run()
    assert url(app) == {"country": ["PRK", "RUS"], "match": ["all"],
                                "from": ["2000-01-01"]}
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
    assert not app.get("plotly_chart")
    assert not app.tabs


def test_from_after_to_in_the_sidebar_is_a_notice_not_an_error(database_file):
    app = open_url()
    app.date_input(key="f_from").set_value(dt.date(2020, 1, 1))
    app.date_input(key="f_to").set_value(dt.date(1950, 1, 1)).run()
    assert not app.exception
    assert "“From” is after “To”" in app.sidebar.warning[0].value
    assert "6 events" in texts(app)


def test_the_timeline_has_a_lane_per_chosen_country_and_a_legend_entry_per_type(database_file):
    app = open_url(country=["PRK", "CHN"])
    spec = figure(app)
    assert spec["layout"]["yaxis"]["ticktext"] == ["North Korea", "China"]
    legend = sorted(trace["name"] for trace in spec["data"] if trace.get("showlegend", True))
    assert legend == ["Attack, clash or war", "Message or statement", "Talks",
                      "Ties established", "Treaty or agreement"]


@pytest.mark.parametrize("customdata", [{"0": "prk-chn-ties-1949"}, ["prk-chn-ties-1949"]])
def test_clicking_an_event_opens_its_details(database_file, customdata):
    app = AppTest.from_file(APP, default_timeout=30)
    app.session_state["timeline"] = {"selection": {"points": [{"customdata": customdata}]}}
    app.run()
    assert not app.exception
    details = app.get_by_key("details")
    shown = "\n".join(str(element.value) for element in details.markdown)
    assert app.subheader[0].value == TIES
    assert "**6 October 1949** (known to the day)" in shown
    assert "Ties established" in shown and "North Korea, China" in shown
    assert "[Test Wire](<https://news.example.org/1949/ties>)" in shown
    assert "> ties were formally set up" in shown


def test_without_a_click_the_panel_says_how_to_open_it(database_file):
    app = open_url()
    assert "Click an event on the timeline" in texts(app)


def test_above_the_threshold_the_timeline_counts_per_period(database_file, monkeypatch):
    monkeypatch.setattr(charts, "DENSITY_THRESHOLD", 5)
    app = open_url()
    spec = figure(app)
    (heat,) = spec["data"]
    assert heat["type"] == "heatmap"
    assert "too many to draw one by one: each cell counts the events of one year" in texts(app)
    # Lanes are the most frequent countries; China has five events in five different years.
    assert spec["layout"]["yaxis"]["ticktext"][:2] == ["China", "North Korea"]
    assert sorted(cell for cell in heat["z"][0] if cell) == [1, 1, 1, 1, 1]
    assert sum(cell or 0 for cell in heat["z"][1]) == 4
    narrowed = open_url(country="PRK")  # four events: single events again
    assert {trace["type"] for trace in figure(narrowed)["data"]} == {"scatter", "bar"}


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
    titles = [note["text"] for note in bars["layout"]["annotations"]]
    assert titles == ["North Korea–China", "North Korea–Russia"]
    assert any(trace.get("name") == "countries" for trace in network["data"])


def test_anniversaries_of_the_filtered_events_in_a_window(database_file):
    app = open_url(view="anniversaries", country="PRK")
    app.date_input(key="anniversary_window").set_value(
        (dt.date(2024, 1, 1), dt.date(2024, 12, 31))).run()
    assert ("**6 October 2024**: 75 years since North Korea and China established diplomatic "
            "relations (6 October 1949)") in texts(app)
    assert "Korean War" not in texts(app)  # its round years fall in 2023 and 2025


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
    from timeline.importers import import_file

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
    assert figure(bulk)["data"][0]["type"] == "heatmap"  # too many to draw one by one
    assert url(bulk)["dataset"] == ["gdelt"]


def test_an_unknown_dataset_in_a_link_is_a_notice(database_with_bulk_data):
    app = open_url(dataset="nope")
    assert app.warning[0].value.startswith("Ignored the dataset “nope”")
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
