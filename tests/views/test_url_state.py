import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from timeline.core.dates import date_bound
from timeline.core.event_types import EVENT_TYPES_BY_CODE
from timeline.core.filters import EventFilter
from timeline.views.url_state import VIEWS, UrlState, bound_text, parse_params, to_params


def shown(**fields) -> EventFilter:
    """The filter a URL opens: the curated dataset unless the link names others."""
    return EventFilter(datasets=("curated",), **fields)


SHARED = {"country": ["PRK", "CHN"], "match": "all", "from": "1949-01-01",
          "to": "2025-12-31", "type": "treaty", "q": "pact"}


def test_a_shared_url_opens_exactly_its_filter():
    state = parse_params(SHARED)
    assert state == UrlState(shown(
        countries=("PRK", "CHN"), match="all", start=dt.date(1949, 1, 1),
        end=dt.date(2025, 12, 31), types=("treaty",), text="pact"))


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"country": "prk"}, shown(countries=("PRK",))),
        ({"country": ["North Korea", "PRK", "CHN"]}, shown(countries=("PRK", "CHN"))),
        ({"from": "1949", "to": "2024-02"},
         shown(start=dt.date(1949, 1, 1), end=dt.date(2024, 2, 29))),
        ({"from": "1689"}, shown(start=dt.date(1689, 1, 1))),
        ({"type": ["treaty", "summit", "treaty"]}, shown(types=("treaty", "summit"))),
        ({"q": "  Kim Jong Un "}, shown(text="Kim Jong Un")),
        ({"match": ["any", "all"], "country": ["PRK", "RUS"]},
         shown(countries=("PRK", "RUS"), match="all")),
        ({}, shown()),
    ],
)
def test_parameters_read_leniently(params, expected):
    state = parse_params(params)
    assert (state.filter, state.notices) == (expected, ())


@pytest.mark.parametrize(
    ("params", "kept", "notice"),
    [
        ({"country": ["PRK", "XYZ"]}, shown(countries=("PRK",)),
         "Ignored country=“XYZ”: not a country code or name we know."),
        ({"from": "2024-02-30"}, shown(),
         "Ignored from=“2024-02-30”: not a real date (day is out of range for month)."),
        ({"to": "1599", "from": "1900"}, shown(start=dt.date(1900, 1, 1)),
         "Ignored to=“1599”: outside the years 1600–2100."),
        ({"to": "yesterday"}, shown(),
         "Ignored to=“yesterday”: not a date written YYYY, YYYY-MM or YYYY-MM-DD, or as words"),
        ({"from": "2025", "to": "1949"}, shown(),
         "Ignored from=“2025”: it is after to “1949” (both dates are left out)."),
        ({"match": "most", "country": ["PRK", "CHN"]}, shown(countries=("PRK", "CHN")),
         "Ignored match=“most”: use “any” or “all”."),
        ({"type": ["war", "treaty"]}, shown(types=("treaty",)),
         "Ignored type=“war”: not one of ties_established,"),
        ({"colour": "red"}, shown(), "Ignored the unknown parameter “colour”."),
        ({"view": "map"}, shown(), "Ignored view=“map”"),
        ({"q": "x" * 300}, shown(text="x" * 200), "Shortened q=“xxx"),
    ],
)
def test_a_bad_parameter_is_dropped_with_a_notice_naming_it(params, kept, notice):
    state = parse_params(params)
    assert state.filter == kept
    assert len(state.notices) == 1
    assert state.notices[0].startswith(notice)


def test_every_bad_parameter_gets_its_own_notice():
    state = parse_params({"country": ["ZZZ", "QQQ"], "from": "nope", "type": "x"})
    assert len(state.notices) == 4
    assert state.filter == shown()


@pytest.mark.parametrize(
    ("event_filter", "view", "expected"),
    [
        (EventFilter(), "timeline", {}),
        (EventFilter(countries=("PRK", "CHN"), match="all", start=dt.date(1949, 1, 1),
                     end=dt.date(2025, 12, 31), types=("treaty",), text="pact"), "timeline",
         {"country": ["PRK", "CHN"], "match": ["all"], "from": ["1949"],
          "to": ["2025"], "type": ["treaty"], "q": ["pact"]}),
        (EventFilter(start=dt.date(1689, 1, 1)), "table",
         {"from": ["1689"], "view": ["table"]}),
    ],
)
def test_the_url_holds_codes_and_iso_dates_and_leaves_defaults_out(event_filter, view,
                                                                    expected):
    assert to_params(event_filter, view) == expected


filters = st.builds(
    EventFilter,
    countries=st.lists(st.sampled_from(["PRK", "CHN", "RUS", "SUN", "USA", "DDR"]),
                       unique=True, max_size=4).map(tuple),
    match=st.sampled_from(["any", "all"]),
    start=st.none() | st.dates(dt.date(1600, 1, 1), dt.date(1899, 12, 31)),
    end=st.none() | st.dates(dt.date(1900, 1, 1), dt.date(2100, 12, 31)),
    types=st.lists(st.sampled_from(list(EVENT_TYPES_BY_CODE)), unique=True,
                   max_size=3).map(tuple),
    text=st.text(st.characters(exclude_categories=("Cc", "Cs")), max_size=40).map(str.strip),
    datasets=st.sampled_from([("curated",), ("gdelt",), ("curated", "icews-2018")]),
)


@given(filters, st.sampled_from(VIEWS))
def test_any_filter_survives_the_round_trip_through_the_url(event_filter, view):
    stored = ("curated", "gdelt", "icews-2018")
    assert parse_params(to_params(event_filter, view), stored) == UrlState(event_filter, view)


def test_datasets_come_from_the_link_and_must_exist():
    state = parse_params({"dataset": ["gdelt", "nope", "gdelt"]}, ("curated", "gdelt"))
    assert state.filter == EventFilter(datasets=("gdelt",))
    assert state.notices == ("Ignored dataset=“nope”: there is no such dataset here.",)
    assert to_params(EventFilter(datasets=("curated", "gdelt"))) == {
        "dataset": ["curated", "gdelt"]}


def test_an_event_in_the_url_opens_its_details_and_round_trips():
    state = parse_params({"event": "korean-war", "country": "PRK"})
    assert state.event == "korean-war" and not state.notices
    assert to_params(state.filter, event=state.event) == {"country": ["PRK"],
                                                          "event": ["korean-war"]}


def test_an_event_id_that_cannot_be_one_is_a_notice():
    state = parse_params({"event": "<script>"})
    assert state.event is None
    assert state.notices == ("Ignored event=“<script>”: not an event id.",)


@pytest.mark.parametrize(("day", "end", "text"), [
    (dt.date(1949, 1, 1), False, "1949"), (dt.date(1950, 12, 31), True, "1950"),
    (dt.date(2024, 6, 1), False, "2024-06"), (dt.date(2024, 2, 29), True, "2024-02"),
    (dt.date(2024, 6, 1), True, "2024-06-01"), (dt.date(2024, 6, 5), False, "2024-06-05")])
def test_whole_years_and_months_are_written_briefly(day, end, text):
    assert bound_text(day, end=end) == text
    assert date_bound(text, end=end) == day
