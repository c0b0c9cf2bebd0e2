"""Parity: DuckDB (the tuned path of timeline/store/query.py) and PostgreSQL (Ibis expressions,
timeline/store/portable.py) give the same answers to the same questions on one fixture —
counts, pages by date then id, lanes and their counts per period, the exported events, the
datasets — and keep the same rules when written to: history, undo, stale saves refused,
look-alikes held back, datasets removed, restored and purged."""

from __future__ import annotations

import datetime as dt
import json
import random
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest

from tests.builders import TEST_EVENTS_FILE, event_record
from timeline.core.filters import EventFilter
from timeline.core.model import Event, parse_event
from timeline.files.formats import read_events_file
from timeline.store import ChangeRefused, EditConflict, Store, init_store, open_store
from timeline.store.query import PERIODS

pytestmark = pytest.mark.postgres

COUNTRIES = ("PRK", "CHN", "RUS", "USA", "KOR", "JPN", "TWN", "PRY", "SUN", "XKR")
TYPES = ("treaty", "summit", "talks", "sanctions", "statement")
WORDS = ("summit", "treaty", "50% tariff", "under_score", "Ünïcode talks", "back\\slash")
# Ids that sort differently by code point than in a dictionary ("ev-10" before "ev-9",
# capitals first), on days shared by several events: "by date then id" must agree exactly.
ID_FORMS = ("ev-{n}", "EV-{n}", "ev_{n}", "ev.{n}", "ev:{n}a", "Z{n}")


def made_events(count: int = 260, seed: int = 13) -> list[Event]:
    """Events on 30 shared days from 1600 to 2030, at day, month and year precision, some
    lasting, with one to three countries, tricky ids and words."""
    rng = random.Random(seed)
    days = sorted(dt.date(rng.randint(1600, 2030), rng.randint(1, 12), rng.randint(1, 28))
                  for _ in range(30))
    events = []
    for n in range(count):
        day = rng.choice(days)
        precision = rng.choice(("day", "day", "month", "year"))
        date = {"day": day.isoformat(), "month": day.isoformat()[:7],
                "year": str(day.year)}[precision]
        record = event_record(
            id=rng.choice(ID_FORMS).format(n=n), date=date,
            title=f"{rng.choice(WORDS)} number {n}",
            countries=rng.sample(COUNTRIES, rng.randint(1, 3)), type=rng.choice(TYPES),
            sources=[{"publisher": rng.choice(("Wire", "Gazette", "Radio 100%")),
                      "url": f"https://news{n % 7}.example.org/{n}"}])
        if rng.random() < 0.2:
            record["end_date"] = str(min(day.year + rng.randint(1, 3), 2100))
        events.append(parse_event(record))
    return events


@pytest.fixture(scope="module")
def fixture_events() -> list[Event]:
    return [*read_events_file(TEST_EVENTS_FILE), *made_events()]


@pytest.fixture(scope="module")
def engines(postgres_server, fixture_events, tmp_path_factory) -> dict[str, Store]:
    """The shared fixture on each engine, in two datasets; read, never written."""
    stores = {"duckdb": open_store(tmp_path_factory.mktemp("parity") / "parity.duckdb"),
              "postgresql": init_store(postgres_server.new_database())}
    for store in stores.values():
        store.add_events(fixture_events[:150])
        store.add_events(fixture_events[150:], dataset="wire")
    return stores


FILTERS = [
    EventFilter(),
    EventFilter(countries=("PRK",)),
    EventFilter(countries=("PRK", "CHN"), match="any"),
    EventFilter(countries=("PRK", "CHN"), match="all"),
    EventFilter(countries=("USA", "RUS", "SUN"), match="all"),
    EventFilter(start=dt.date(1950, 1, 1)),
    EventFilter(start=dt.date(1700, 3, 15), end=dt.date(1999, 11, 10)),
    EventFilter(end=dt.date(1689, 6, 30)),
    EventFilter(types=("treaty", "summit")),
    EventFilter(text="TREATY"),
    EventFilter(text="50%"),
    EventFilter(text="under_"),
    EventFilter(text="back\\slash"),
    EventFilter(text="ünïcode"),
    EventFilter(source="radio 100%"),
    EventFilter(source="news3.example"),
    EventFilter(datasets=("wire",)),
    EventFilter(datasets=("curated", "wire"), countries=("KOR",), start=dt.date(1900, 1, 1)),
    EventFilter(countries=("CHN",), text="summit", types=("summit", "talks")),
    EventFilter(countries=("XKR",), match="all", start=dt.date(2100, 1, 1)),  # nothing
]


def both(engines: dict[str, Store], ask: Callable[[Store], object]) -> tuple[object, object]:
    return ask(engines["duckdb"]), ask(engines["postgresql"])


def same_frames(duck: pd.DataFrame, post: pd.DataFrame) -> None:
    """Equal values, row by row and column by column. Dates must be ``datetime64[us]`` on
    both; other dtypes may differ where DuckDB's depend on the data (an integer column with
    no missing value comes as int32, with one as Int32)."""
    pd.testing.assert_frame_equal(duck, post, check_dtype=False)
    for column in ("first_day", "last_day", "period"):
        if column in duck:
            assert duck[column].dtype == post[column].dtype == "datetime64[us]"


def plain(frame: pd.DataFrame) -> list[dict]:
    """A frame's rows as plain values (missing ones as None), to compare across engines."""
    return [{key: None if not isinstance(value, list) and pd.isna(value) else value
             for key, value in row.items()} for row in frame.to_dict("records")]


@pytest.mark.parametrize("event_filter", FILTERS, ids=lambda f: f.describe())
def test_counts_and_pages_by_date_then_id_agree(engines, event_filter):
    duck, post = both(engines, lambda s: s.count(event_filter))
    assert duck == post
    for limit, offset in ((None, 0), (25, 0), (25, 25), (7, 140)):
        duck, post = both(engines, lambda s, size=limit, skip=offset: s.query(
            event_filter, limit=size, offset=skip))
        same_frames(duck, post)
    assert event_filter.describe() == event_filter.describe()  # one sentence, any engine


# Every period for the filters whose lanes come from the monthly counts (no filter, a date
# range cutting months); two periods, in turn, for the others.
OVERVIEWS = [(f, period) for f in (FILTERS[0], FILTERS[6]) for period in PERIODS] + [
    (f, period) for n, f in enumerate(FILTERS[1:]) if n != 5
    for period in sorted({PERIODS[n % len(PERIODS)], "year"})]


@pytest.mark.parametrize(("event_filter", "period"), OVERVIEWS,
                         ids=[f"{f.describe()}-{p}" for f, p in OVERVIEWS])
def test_overviews_agree_lane_by_lane_and_period_by_period(engines, event_filter, period):
    duck, post = both(engines, lambda s: s.overview(event_filter, period=period, page_size=30))
    assert (post.count, post.lanes) == (duck.count, duck.lanes)
    same_frames(duck.page, post.page)
    same_frames(duck.counts, post.counts)
    assert post.counts["events"].sum() >= min(post.count, 1) * (post.count > 0)


@pytest.mark.parametrize("lanes", [["PRK", "CHN"], ["USA"], ["SUN", "XKR", "JPN"], []])
def test_overviews_of_the_lanes_asked_for_agree(engines, lanes):
    event_filter = EventFilter(countries=("PRK", "CHN", "USA"), start=dt.date(1800, 2, 10),
                               end=dt.date(2020, 5, 20))
    duck, post = both(engines, lambda s: s.overview(event_filter, lanes=lanes,
                                                    period="quarter"))
    assert post.lanes == duck.lanes == lanes
    same_frames(duck.counts, post.counts)


@pytest.mark.parametrize("batch_size", [7, 10_000])
def test_exports_agree_event_for_event(engines, batch_size):
    chosen = EventFilter(countries=("CHN", "RUS"))
    duck, post = both(engines, lambda s: list(s.events(chosen, batch_size=batch_size)))
    assert post == duck
    assert len(post) == engines["duckdb"].count(chosen)


def test_datasets_and_single_events_agree(engines, fixture_events):
    duck, post = both(engines, lambda s: s.datasets()[["name", "description", "events"]])
    same_frames(duck, post)
    for event in fixture_events[::40]:
        assert engines["postgresql"].get(event.id) == engines["duckdb"].get(event.id) == event


# -- writing: the same rules on both engines ------------------------------------------------


def story(store: Store, tmp_path: Path) -> list[object]:
    """A day of edits, imports and undos; what each step answered."""
    from timeline.store.importers import import_file

    said: list[object] = []
    war = parse_event(event_record(id="war", date="1950-06-25", title="War begins",
                                   countries=["PRK", "KOR"], type="armed_conflict"))
    said.append(store.save_event(war, author="Ana", new=True))
    edited = parse_event({**war.to_record(), "title": "War begins at dawn"})
    said.append(store.save_event(edited, author="Ben", expected_version=1))
    with pytest.raises(EditConflict) as stale:
        store.save_event(parse_event({**war.to_record(), "title": "Stale"}), author="Cy",
                         expected_version=1)
    said.append((stale.value.version, stale.value.stored.title))
    with pytest.raises(ChangeRefused):
        store.save_event(war, author="Cy", new=True)
    summits = tmp_path / "summits.jsonl"
    summits.write_text("\n".join([
        '{"id": "sg", "date": "2018-06-12", "title": "Trump and Kim hold first summit in '
        'Singapore", "countries": ["USA", "PRK"], "type": "summit", "sources": '
        '[{"publisher": "Wire", "url": "https://wire.example/sg"}]}',
        '{"id": "war", "date": "1950-06", "title": "War begins (import)", "countries": '
        '["PRK", "KOR"], "type": "armed_conflict", "sources": []}']) + "\n")
    imported = import_file(store, summits, dataset="news", skip_invalid=True)
    said.append((imported.imported, imported.replaced, [str(p) for p in imported.problems]))
    retold = tmp_path / "retold.jsonl"
    retold.write_text('{"id": "s1", "date": "2018-06", "title": "First Trump–Kim summit, '
                      'Singapore", "countries": ["PRK", "USA"], "type": "summit", "sources": '
                      '[{"publisher": "Wire", "url": "https://wire.example/s1"}]}\n')
    held = import_file(store, retold, dataset="news")
    said.append((held.imported, held.skipped, [str(w) for w in held.warnings]))
    removal = store.remove_dataset("news", author="Ana")
    said.append((store.count(), store.get("sg")))
    with pytest.raises(ChangeRefused):
        store.purge_dataset("curated")
    store.undo(removal, author="Ana")
    said.append(store.count(EventFilter(datasets=("news",))))
    store.undo(imported.change, author="Ben")
    with pytest.raises(ChangeRefused):
        store.undo(imported.change, author="Ben")
    store.delete_event("war", author="Cy", expected_version=2)
    said.append(store.get("war"))
    store.undo(int(store.history("war").iloc[0]["id"]), author="Cy")
    said.append((store.get("war"), store.version_of("war")))
    store.remove_dataset("news", author="Ana")
    said.append(store.purge_dataset("news"))
    said.append(list(store.datasets(removed=True)["name"]))
    said.append(store.history()[["id", "author", "action", "event_id", "dataset", "undoes",
                                 "batch", "what"]].to_dict("records"))
    said.append(plain(store.query()))
    return said


def test_history_undo_conflicts_and_datasets_follow_the_same_rules(postgres_url, tmp_path):
    reference = story(open_store(":memory:"), tmp_path)
    assert reference[:3] == [1, 2, (2, "War begins at dawn")]
    assert reference[3][:2] == (1, 0)  # "war" belongs to curated: never taken over
    assert reference[4][0] == 0  # the retold summit is held back as a look-alike
    assert story(init_store(postgres_url), tmp_path) == reference


def test_a_dry_run_writes_nothing_on_the_server(postgres_url, tmp_path):
    from timeline.store.importers import import_file

    store = init_store(postgres_url, seed=TEST_EVENTS_FILE)
    path = tmp_path / "one.jsonl"
    path.write_text(json.dumps(event_record(id="x", date="2001", countries=["JPN"])) + "\n")
    summary = import_file(store, path, dry_run=True)
    assert (summary.imported, summary.written, summary.problems) == (1, False, [])
    assert store.count() == 6
    assert list(store.history()["action"]) == ["import"]
