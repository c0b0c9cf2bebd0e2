import collections
import datetime as dt

import duckdb
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests import strategies
from tests.builders import event_record
from timeline.core.filters import EventFilter
from timeline.core.model import Event, parse_event
from timeline.store import SCHEMA_VERSION, EditConflict, SchemaTooNew, StoreError, open_store


def ids(store, **fields):
    return list(store.query(EventFilter(**fields))["id"])


def test_1689_event_loads_filters_and_sorts_like_any_other(sample_store, tmp_path):
    frame = sample_store.query()
    assert frame.iloc[0]["id"] == "nerchinsk-1689"
    assert frame.iloc[0]["date"] == "1689"
    assert frame.iloc[0]["first_day"].year == 1689
    nerchinsk_day = dt.date(1689, 9, 7)
    assert ids(sample_store, start=nerchinsk_day, end=nerchinsk_day) == ["nerchinsk-1689"]
    assert ids(sample_store, countries=("CHN", "RUS"), match="all", end=dt.date(1700, 1, 1)) == [
        "nerchinsk-1689"]
    assert sample_store.get("nerchinsk-1689").date.iso() == "1689"


@pytest.mark.parametrize(
    ("countries", "match", "expected"),
    [
        (("PRK", "CHN"), "all", ["prk-chn-ties-1949", "korean-war", "prk-chn-messages-2024"]),
        (("PRK", "RUS"), "all", ["prk-rus-pact-2024"]),
        (("PRK", "RUS"), "any", ["nerchinsk-1689", "prk-chn-ties-1949", "korean-war",
                                 "prk-rus-pact-2024", "prk-chn-messages-2024"]),
        (("RUS",), "any", ["nerchinsk-1689", "prk-rus-pact-2024"]),
        (("SUN",), "any", ["korean-war"]),
        (("PRK", "CHN", "USA"), "all", ["korean-war"]),
        (("USA", "RUS"), "all", []),
    ],
)
def test_country_matching_any_and_all(sample_store, countries, match, expected):
    assert ids(sample_store, countries=countries, match=match) == expected
    assert sample_store.count(EventFilter(countries=countries, match=match)) == len(expected)


@pytest.mark.parametrize(
    ("start", "end", "matches"),
    [
        # "June 2024" could be any day of June: a range touching June matches it.
        ("2024-06-10", "2024-06-30", True),
        ("2024-06-30", "2024-07-31", True),
        ("2024-05-01", "2024-06-01", True),
        ("2024-07-01", "2024-12-31", False),
        ("2024-01-01", "2024-05-31", False),
    ],
)
def test_month_precision_event_matches_ranges_overlapping_its_month(sample_store, start, end,
                                                                    matches):
    found = "prk-rus-pact-2024" in ids(sample_store, start=dt.date.fromisoformat(start),
                                       end=dt.date.fromisoformat(end))
    assert found is matches


@pytest.mark.parametrize(
    ("start", "end", "matches"),
    [("1689-12-31", "1700-01-01", True), ("1600-01-01", "1689-01-01", True),
     ("1690-01-01", "1700-01-01", False), ("1600-01-01", "1688-12-31", False)],
)
def test_year_precision_event_matches_ranges_overlapping_its_year(sample_store, start, end,
                                                                  matches):
    found = "nerchinsk-1689" in ids(sample_store, start=dt.date.fromisoformat(start),
                                    end=dt.date.fromisoformat(end))
    assert found is matches


def test_event_with_end_date_matches_inside_its_span(sample_store):
    assert ids(sample_store, start=dt.date(1952, 1, 1), end=dt.date(1952, 12, 31)) == ["korean-war"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [("習近平", ["prk-chn-messages-2024"]), ("PACT", ["prk-rus-pact-2024"]),
     ("armistice", ["korean-war"]), ("formally set up", ["prk-chn-ties-1949"]),
     ("new era", ["prk-chn-messages-2024"]), ("no such words", [])],
)
def test_text_search_is_case_insensitive_over_title_summary_and_quotes(sample_store, text,
                                                                       expected):
    assert ids(sample_store, text=text) == expected


def test_source_filter_matches_publisher_or_url(sample_store):
    assert ids(sample_store, source="other daily") == ["usa-chn-call-2025"]
    assert ids(sample_store, source="encyclopedia.example") == ["korean-war"]


def test_filters_combine(sample_store):
    assert ids(sample_store, countries=("PRK",), types=("treaty", "statement"),
               start=dt.date(2024, 1, 1)) == ["prk-rus-pact-2024", "prk-chn-messages-2024"]


def test_events_round_trip_through_the_database(sample_store, sample_events):
    assert list(sample_store.events()) == sorted(sample_events, key=lambda e: (e.first_day, e.id))


def test_a_failed_write_changes_nothing(sample_store, sample_events):
    good = parse_event(event_record(id="new-one"))
    replacement = sample_store.get("korean-war").model_copy(update={"title": "Changed"})
    before = list(sample_store.events())
    with pytest.raises(StoreError):
        # The last event has no type (bypassing validation): the database refuses it, so the
        # new event and the replacement before it must not land either.
        sample_store.add_events([good, replacement,
                               good.model_copy(update={"id": "x", "type": None})])
    assert list(sample_store.events()) == before


def test_replacing_an_event_keeps_one_copy(sample_store):
    event = sample_store.get("prk-rus-pact-2024")
    result = sample_store.add_events([event.model_copy(update={"title": "Renamed"})])
    assert (result.added, result.replaced) == (0, 1)
    assert sample_store.get("prk-rus-pact-2024").title == "Renamed"
    assert sample_store.count() == 6


def test_delete(sample_store):
    assert sample_store.delete_events(["korean-war", "nope"], author="test") == 1
    assert sample_store.get("korean-war") is None
    assert sample_store.count(EventFilter(countries=("SUN",))) == 0


def test_overview_ranks_the_frequent_countries_first(sample_store):
    overview = sample_store.overview(lane_limit=2)
    assert overview.lanes == ["CHN", "PRK"]
    assert overview.counts.groupby("lane")["events"].sum()["CHN"] == 5


def test_database_is_a_real_file_that_survives_reopening(tmp_path, sample_events):
    path = tmp_path / "kept.duckdb"
    with open_store(path) as store:
        store.add_events(sample_events)
    assert path.stat().st_size > 0
    with open_store(path, read_only=True) as store:
        assert store.count() == len(sample_events)


def test_new_database_is_seeded_once(tmp_path):
    from tests.builders import TEST_EVENTS_FILE

    path = tmp_path / "seeded.duckdb"
    with open_store(path, seed=TEST_EVENTS_FILE) as store:
        store.delete_events(["korean-war"], author="test")
    with open_store(path, seed=TEST_EVENTS_FILE) as store:
        assert store.count() == 5  # not seeded again: the deletion stands


def test_schema_version_is_recorded_and_an_old_file_is_upgraded(tmp_path):
    path = tmp_path / "old.duckdb"
    with duckdb.connect(str(path)) as db:  # a file from before any schema existed
        db.execute("CREATE TABLE schema_version (version INTEGER NOT NULL)")
    with open_store(path) as store:
        assert store.schema_version == SCHEMA_VERSION
        assert store.count() == 0


def test_a_file_from_a_newer_program_is_refused_untouched(tmp_path):
    path = tmp_path / "new.duckdb"
    with open_store(path):
        pass
    with duckdb.connect(str(path)) as db:
        db.execute("INSERT INTO schema_version VALUES (?)", [SCHEMA_VERSION + 1])
    with pytest.raises(SchemaTooNew, match=f"version {SCHEMA_VERSION + 1}"):
        open_store(path)


def test_db_location_comes_from_the_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("TIMELINE_DB", str(tmp_path / "env.duckdb"))
    with open_store() as store:
        assert store.path == tmp_path / "env.duckdb"
    assert (tmp_path / "env.duckdb").exists()


OVERVIEW_FILTERS = [
    EventFilter(),
    EventFilter(countries=("PRK",)),
    EventFilter(countries=("PRK", "CHN"), match="all", start=dt.date(1950, 1, 1)),
    EventFilter(countries=("PRK", "RUS", "USA")),
    EventFilter(start=dt.date(2024, 6, 10), end=dt.date(2024, 12, 31)),
    EventFilter(types=("treaty", "armed_conflict")),
    EventFilter(text="PACT"),
    EventFilter(text="the", countries=("CHN",), end=dt.date(2000, 1, 1)),
    EventFilter(source="test wire", datasets=("curated",)),
    EventFilter(datasets=("none such",)),
]


@pytest.mark.parametrize("event_filter", OVERVIEW_FILTERS, ids=lambda f: f.describe())
@pytest.mark.parametrize("page_size", [1, 2, 100])
@pytest.mark.parametrize("lanes_given", [False, True], ids=["top lanes", "filter's lanes"])
def test_overview_agrees_with_the_plain_queries(sample_store, event_filter, page_size,
                                                lanes_given):
    lanes = event_filter.countries if lanes_given and event_filter.countries else None
    overview = sample_store.overview(event_filter, lanes=lanes, period="decade",
                                   page_size=page_size)
    everything = sample_store.query(event_filter)
    assert overview.count == len(everything) == sample_store.count(event_filter)
    assert list(overview.page["id"]) == list(everything["id"][:page_size])
    expected_lanes = everything.explode("countries")["countries"].value_counts()
    assert sorted(overview.lanes) == sorted(lanes or expected_lanes.index[:8])
    # Each lane counts its events per decade they start in, computed here in pandas.
    rows = everything.explode("countries")
    rows = rows[rows["countries"].isin(overview.lanes)]
    expected = rows.groupby(["countries", rows["first_day"].dt.year // 10 * 10]).size()
    got = overview.counts.set_index(["lane", overview.counts["period"].dt.year])["events"]
    assert got.to_dict() == expected.to_dict()


def test_overview_draws_the_lanes_asked_for(sample_store):
    overview = sample_store.overview(EventFilter(countries=("PRK", "CHN")), lanes=["RUS", "PRK"])
    assert set(overview.counts["lane"]) == {"RUS", "PRK"}


def test_an_older_schema_is_upgraded_with_its_events_kept(tmp_path):
    from timeline.store import MIGRATIONS

    path = tmp_path / "v1.duckdb"
    with duckdb.connect(str(path)) as db:  # a file written at schema version 1, by hand
        db.execute("CREATE TABLE schema_version (version INTEGER NOT NULL)")
        db.execute(MIGRATIONS[0])
        db.execute("INSERT INTO schema_version VALUES (1)")
        db.execute("""
            INSERT INTO events VALUES
              (1, 'pact', 'curated', '2024-06-19', 'day', NULL, NULL, '2024-06-19',
               'Pact signed', '', 'PRK', 'RUS', 'treaty', [], NULL, NULL, NULL, ''),
              (2, 'ties', 'curated', '1949-10-01', 'month', NULL, NULL, '1949-10-31',
               'Ties', '', NULL, NULL, 'ties_established', [], NULL, NULL, NULL, '');
            INSERT INTO event_countries VALUES
              (1, 'PRK', 0, 'curated', '2024-06-19', '2024-06-19', 'treaty'),
              (1, 'RUS', 1, 'curated', '2024-06-19', '2024-06-19', 'treaty'),
              (2, 'CHN', 0, 'curated', '1949-10-01', '1949-10-31', 'ties_established'),
              (2, 'PRK', 1, 'curated', '1949-10-01', '1949-10-31', 'ties_established');
            INSERT INTO sources VALUES (1, 0, 'Wire', 'https://wire.example/1', NULL, ''),
                                       (2, 0, 'Wire', 'https://wire.example/2', NULL, '');
        """)
    with open_store(path) as store:
        assert store.schema_version == SCHEMA_VERSION
        assert [(e.id, e.countries) for e in store.events()] == [
            ("ties", ("CHN", "PRK")), ("pact", ("PRK", "RUS"))]
        assert store.version_of("pact") == 1 and store.history().empty  # no change recorded
        assert store.count(EventFilter(countries=("PRK", "RUS"), match="all")) == 1
        assert store.count(EventFilter(countries=("PRK", "CHN"))) == 2
        assert store.count(EventFilter(text="PACT SIGNED")) == 1  # titles searched after it
        overview = store.overview(EventFilter(countries=("PRK",)), lanes=["PRK"])
        assert overview.counts["events"].sum() == 2


def test_edits_are_versioned_and_recorded(sample_store):
    pact = sample_store.get("prk-rus-pact-2024")
    version = sample_store.save_event(pact.model_copy(update={"title": "Pact renamed"}),
                                    author="Ana", expected_version=1)
    assert version == 2 and sample_store.get("prk-rus-pact-2024").title == "Pact renamed"
    [change] = sample_store.history("prk-rus-pact-2024").itertuples()
    assert (change.author, change.action) == ("Ana", "edit")
    assert '"title": "North Korea and Russia sign' in change.before
    assert '"title": "Pact renamed"' in change.after


def test_a_save_based_on_an_old_version_is_refused_showing_both(sample_store):
    pact = sample_store.get("prk-rus-pact-2024")
    sample_store.save_event(pact.model_copy(update={"title": "First save"}), author="Ana",
                          expected_version=1)
    with pytest.raises(EditConflict, match="changed since you opened it") as conflict:
        sample_store.save_event(pact.model_copy(update={"title": "Second save"}), author="Ben",
                              expected_version=1)
    assert conflict.value.stored.title == "First save" and conflict.value.version == 2
    assert sample_store.get("prk-rus-pact-2024").title == "First save"
    assert len(sample_store.history("prk-rus-pact-2024")) == 1


@pytest.mark.parametrize("action", ["add", "edit", "delete"])
def test_any_change_can_be_undone(sample_store, action):
    before = list(sample_store.events())
    if action == "add":
        sample_store.save_event(parse_event(event_record(id="brand-new")), author="Ana")
    elif action == "edit":
        war = sample_store.get("korean-war")
        sample_store.save_event(war.model_copy(update={"summary": "Changed."}), author="Ana")
    else:
        sample_store.delete_event("korean-war", author="Ana", expected_version=1)
    assert list(sample_store.events()) != before
    change = int(sample_store.history()["id"][0])
    undo = sample_store.undo(change, author="Ben")
    assert list(sample_store.events()) == before
    latest = sample_store.history().iloc[0]
    assert (latest["id"], latest["action"], latest["undoes"], latest["author"]) == (
        undo, "undo", change, "Ben")


def test_deleting_a_missing_event_or_undoing_a_missing_change_is_named(sample_store):
    with pytest.raises(KeyError, match="'nope'"):
        sample_store.delete_event("nope", author="Ana")
    with pytest.raises(KeyError, match="no change 99"):
        sample_store.undo(99, author="Ana")


@pytest.mark.parametrize("text", ["%", "_", "\\", "100%", "a_b"])
def test_search_wildcards_are_plain_characters(sample_store, text):
    assert ids(sample_store, text=text) == []


def _period_start(day: dt.date, period: str) -> dt.date:
    """The first day of the ``period`` holding ``day``, as DuckDB's date_trunc gives it."""
    return {"day": day, "week": day - dt.timedelta(days=day.weekday()),
            "month": day.replace(day=1), "quarter": day.replace(month=(day.month - 1) // 3 * 3 + 1,
                                                                day=1),
            "year": day.replace(month=1, day=1),
            "decade": day.replace(year=day.year // 10 * 10, month=1, day=1)}[period]


_FILTER_CODES = st.lists(st.sampled_from(["PRK", "CHN", "RUS", "USA", "SUN"]), max_size=3,
                         unique=True)
_TYPES = ["treaty", "summit", "talks"]


@st.composite
def _dated_events(draw: st.DrawFn) -> list[Event]:
    """5–30 events within 2024 (at any precision, some with an end), so that filters near
    them often cut through the month of one; 0–3 countries and one of three types each."""
    dates = strategies.dates_between(dt.date(2024, 1, 1), dt.date(2024, 12, 31))
    events = []
    for n in range(draw(st.integers(5, 30))):
        date = draw(dates)
        end = draw(st.none() | dates)
        events.append(Event(
            id=f"event-{n}", date=date,
            end_date=end if end and end.first_day >= date.first_day else None,
            title=f"Event {n}", type=draw(st.sampled_from(_TYPES)),
            countries=draw(st.lists(st.sampled_from(["PRK", "CHN", "RUS", "USA"]), max_size=3,
                                    unique=True)),
            sources=[{"url": "https://news.example.org/a"}]))
    return events


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(stored=_dated_events(),
       deleted=st.sets(st.integers(0, 24), max_size=5), codes=_FILTER_CODES,
       match=st.sampled_from(["any", "all"]), data=st.data(),
       types=st.lists(st.sampled_from(_TYPES), max_size=2, unique=True),
       period=st.sampled_from(["week", "month", "quarter", "year", "decade"]),
       lanes_given=st.booleans())
def test_overview_counts_what_a_plain_reading_of_the_events_counts(
        stored, deleted, codes, match, data, types, period, lanes_given):
    near = st.none() | st.builds(lambda event, days: event.first_day + dt.timedelta(days),
                                 st.sampled_from(stored), st.integers(-20, 20))
    start, end = data.draw(near), data.draw(near)
    if start and end and start > end:
        start, end = end, start
    kept = [event for n, event in enumerate(stored) if n not in deleted]
    with open_store(":memory:") as store:
        # Events in two datasets, some deleted again: the monthly counts follow each write.
        store.add_events(stored[::2])
        store.add_events(stored[1::2], dataset="bulk")
        store.delete_events([event.id for n, event in enumerate(stored) if n in deleted],
                            author="test")
        event_filter = EventFilter(countries=tuple(codes), match=match, start=start, end=end,
                                   types=tuple(types))
        lanes = list(codes) if lanes_given and codes else None
        overview = store.overview(event_filter, lanes=lanes, period=period, page_size=3)

    def matches(event):
        wanted, has = set(codes), set(event.countries)
        return ((not wanted or (wanted <= has if match == "all" else bool(wanted & has)))
                and (start is None or event.last_day >= start)
                and (end is None or event.first_day <= end)
                and (not types or event.type in types))

    matched = sorted((e for e in kept if matches(e)), key=lambda e: (e.first_day, e.id))
    assert overview.count == len(matched)
    assert list(overview.page["id"]) == [e.id for e in matched[:3]]
    per_lane = collections.Counter(code for e in matched for code in e.countries)
    expected_lanes = lanes or sorted(per_lane, key=lambda code: (-per_lane[code], code))[:8]
    assert overview.lanes == expected_lanes
    expected = collections.Counter(
        (code, _period_start(e.first_day, period)) for e in matched for code in e.countries
        if code in expected_lanes)
    got = {(row.lane, row.period.date()): row.events for row in overview.counts.itertuples()}
    assert got == dict(expected)


@pytest.mark.parametrize("batch_size", [1, 2, 4, 100])
def test_events_come_in_date_order_whatever_the_batch_size(sample_store, batch_size):
    expected = list(sample_store.query()["id"])
    assert [e.id for e in sample_store.events(batch_size=batch_size)] == expected
    chinese = sample_store.query(EventFilter(countries=("CHN",)))["id"]
    assert [e.id for e in sample_store.events(EventFilter(countries=("CHN",)),
                                            batch_size=batch_size)] == list(chinese)


def test_no_module_outside_the_store_knows_a_database_engine():
    import ast
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    knowing = []
    for path in [root / "app.py", *(root / "app_pages").rglob("*.py"),
                 *(root / "timeline").rglob("*.py")]:
        if (root / "timeline" / "store") in path.parents:
            continue
        for node in ast.walk(ast.parse(path.read_text())):
            names = ([alias.name for alias in node.names] if isinstance(node, ast.Import)
                     else [node.module or ""] if isinstance(node, ast.ImportFrom) else [])
            knowing += [f"{path.relative_to(root)}: {name}" for name in names
                        if name.split(".")[0] in ("duckdb", "psycopg", "ibis", "sqlglot")]
    assert knowing == []


def test_facets_count_the_matching_events_per_country_type_and_decade(sample_store):
    facets = sample_store.facets(EventFilter(countries=("PRK",)))
    assert list(zip(facets["country"]["value"], facets["country"]["events"], strict=True)) == [
        ("PRK", 4), ("CHN", 3), ("KOR", 1), ("RUS", 1), ("SUN", 1), ("USA", 1)]
    assert dict(zip(facets["type"]["value"], facets["type"]["events"], strict=True)) == {
        "ties_established": 1, "armed_conflict": 1, "treaty": 1, "statement": 1}
    assert list(facets["decade"]["value"]) == ["1940", "1950", "2020"]
    assert list(facets["decade"]["events"]) == [1, 1, 2]


def test_facets_follow_text_filters_and_stop_at_the_limit(sample_store):
    facets = sample_store.facets(EventFilter(text="pact"), limit=1)
    assert list(facets["country"]["value"]) == ["PRK"]  # PRK and RUS tie: by code
    assert list(facets["type"]["value"]) == ["treaty"]
    empty = sample_store.facets(EventFilter(text="nothing like this"))
    assert all(frame.empty for frame in empty.values())
