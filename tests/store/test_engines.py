"""Parity: DuckDB (the tuned path of timeline/store/query.py) and PostgreSQL (Ibis expressions,
timeline/store/portable.py) give the same answers to the same questions on one fixture —
counts, pages by date then id, lanes and their counts per period, the exported events, the
datasets — and keep the same rules when written to: history, undo, stale saves refused,
look-alikes held back, datasets removed, restored and purged."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.builders import TEST_EVENTS_FILE, event_record
from tests.store.parity import FILTERS, as_records, made_events, same_frames
from timeline.core.filters import EventFilter
from timeline.core.model import Event, parse_event
from timeline.files.formats import read_events_file
from timeline.store import ChangeRefused, EditConflict, Store, init_store, open_store
from timeline.store.query import PERIODS

pytestmark = pytest.mark.postgres

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


def both(engines: dict[str, Store], ask: Callable[[Store], object]) -> tuple[object, object]:
    return ask(engines["duckdb"]), ask(engines["postgresql"])


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
    said.append(as_records(store.query()))
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
