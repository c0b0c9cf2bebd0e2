"""The archive on a real Spark Connect server gives DuckDB's answers on the parity suite's
shared fixture — counts, pages by date then id, lanes and their counts, facets, exports, the
filter sentence — imports a GDELT file, and refuses hand edits with a message that says why.

A Spark query costs about half a second however small the data, so these ask each question
once per filter, in one test per kind of answer, on one archive shared by the module."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from tests.builders import TEST_EVENTS_FILE, event_record, gdelt_row
from tests.pg_server import free_port
from tests.store.parity import FILTERS, made_events, same_frames
from timeline.cli.main import main
from timeline.core.filters import EventFilter
from timeline.core.model import parse_event
from timeline.files.formats import read_events_file
from timeline.store import ChangeRefused, DatabaseUnusable, Store, init_store, open_store
from timeline.store.spark import stop_session

pytestmark = pytest.mark.spark

# The parity suite's filters that differ in kind: none, countries (all), dates, text with
# LIKE's special characters, a source, datasets with countries, and one matching nothing.
ASKED = [FILTERS[n] for n in (0, 3, 6, 10, 12, 15, 17, 19)]


@pytest.fixture(scope="module")
def engines(spark_server, tmp_path_factory) -> dict[str, Store]:
    """The shared fixture on DuckDB and on the archive, in two datasets; never written."""
    events = [*read_events_file(TEST_EVENTS_FILE), *made_events()]
    stores = {"duckdb": open_store(tmp_path_factory.mktemp("parity") / "parity.duckdb"),
              "spark": init_store(spark_server.new_archive())}
    for store in stores.values():
        store.add_events(events[:150])
        store.add_events(events[150:], dataset="wire")
    return stores


def test_counts_and_first_pages_by_date_then_id_agree(engines):
    duck, spark = engines["duckdb"], engines["spark"]
    for event_filter in ASKED:
        assert spark.count(event_filter) == duck.count(event_filter), event_filter.describe()
        same_frames(duck.query(event_filter, limit=30), spark.query(event_filter, limit=30))
    same_frames(duck.query(limit=25, offset=25), spark.query(limit=25, offset=25))


@pytest.mark.parametrize(("event_filter", "period", "lanes"), [
    (EventFilter(), "year", None),
    (EventFilter(start=dt.date(1700, 3, 15), end=dt.date(1999, 11, 10)), "month", None),
    (EventFilter(countries=("PRK", "CHN", "USA")), "quarter", ["PRK", "CHN"]),
    (EventFilter(text="treaty"), "year", None),
], ids=["everything-year", "dates-month", "lanes-quarter", "text-year"])
def test_overviews_agree_lane_by_lane(engines, event_filter, period, lanes):
    duck, spark = (store.overview(event_filter, lanes=lanes, period=period, page_size=30)
                   for store in (engines["duckdb"], engines["spark"]))
    assert (spark.count, spark.lanes) == (duck.count, duck.lanes)
    same_frames(duck.page, spark.page)
    same_frames(duck.counts, spark.counts)


def test_facets_exports_datasets_and_the_sentence_agree(engines):
    duck, spark = engines["duckdb"], engines["spark"]
    for event_filter in (EventFilter(), EventFilter(countries=("CHN",), text="summit")):
        for name, frame in duck.facets(event_filter).items():
            same_frames(frame, spark.facets(event_filter)[name])
    chosen = EventFilter(countries=("CHN", "RUS"))
    assert list(spark.events(chosen, batch_size=60)) == list(duck.events(chosen))
    same_frames(duck.datasets()[["name", "description", "events"]],
                spark.datasets()[["name", "description", "events"]])
    assert spark.get("prk-chn-ties-1949") == duck.get("prk-chn-ties-1949")


def test_a_query_tells_how_far_the_server_got(engines):
    told = []
    with engines["spark"].progress_to(told.append):
        engines["spark"].count(EventFilter(text="treaty"))
    assert told and re.fullmatch(r"query \d+ done", told[-1])
    assert all(re.fullmatch(r"query \d+( done|: [\d,]+ of [\d,]+ tasks done, [\d,]+ MB read)",
                            said) for said in told)


def test_a_gdelt_file_is_imported_once_and_seen_by_year_and_country(spark_url, tmp_path,
                                                                     capsys):
    store = init_store(spark_url, seed=TEST_EVENTS_FILE)
    day = tmp_path / "day.export.CSV"
    day.write_text("".join(gdelt_row(n, date=f"2024061{n % 9}") + "\n" for n in range(1, 31))
                   + gdelt_row(31, code="999") + "\n" + gdelt_row(1) + "\n")
    assert main(["import", "--db", spark_url, str(day)]) == 0
    said = capsys.readouterr().out
    assert "32 rows read, 30 events imported into 'gdelt'" in said
    assert "1 with an unknown CAMEO event code" in said
    assert main(["import", "--db", spark_url, str(day)]) == 0
    assert "30 already stored" in capsys.readouterr().out
    reference = open_store(":memory:", seed=TEST_EVENTS_FILE)
    from timeline.store.importers import import_file

    import_file(reference, day)
    june = EventFilter(datasets=("gdelt",), start=dt.date(2024, 6, 12),
                       end=dt.date(2024, 6, 15), countries=("RUS",))
    assert store.count(june) == reference.count(june) > 0
    same_frames(reference.query(june), store.query(june))


def test_hand_edits_are_refused_with_the_reason_and_nothing_changes(spark_url, capsys):
    store = init_store(spark_url, seed=TEST_EVENTS_FILE)
    event = parse_event(event_record(id="new-one", date="2001"))
    for change in (lambda: store.save_event(event, author="Ana", new=True),
                   lambda: store.delete_event("prk-chn-ties-1949", author="Ana"),
                   lambda: store.undo(1, author="Ana"),
                   lambda: store.remove_dataset("curated", author="Ana")):
        with pytest.raises(ChangeRefused, match="read-mostly archive on Spark"):
            change()
    assert main(["delete", "--db", spark_url, "prk-chn-ties-1949", "--by", "Ana"]) == 1
    err = capsys.readouterr().err
    assert "read-mostly archive on Spark" in err and "Traceback" not in err
    assert store.count() == 6
    assert list(store.history()["action"]) == ["import"]


def test_a_stopped_session_left_to_the_collector_leaves_the_shared_pool_alone(spark_server):
    """pyspark closes a finalised session's client again, and closing any client shuts down
    the release thread pool all sessions share: run by the collector inside another
    session's query, that hung this suite. A stopped session's finaliser touches nothing."""
    from pyspark.sql import SparkSession
    from pyspark.sql.connect.client.reattach import ExecutePlanResponseReattachableIterator

    session = SparkSession.builder.remote(spark_server.url).create()
    stop_session(session)
    pool = ExecutePlanResponseReattachableIterator._get_or_create_release_thread_pool()
    session.__del__()  # what the garbage collector runs, at a moment of its choosing
    assert ExecutePlanResponseReattachableIterator._release_thread_pool_instance is pool


def test_a_server_that_did_not_answer_never_answers_for_another(spark_url):
    """pyspark keeps a process's first session as its default: one that failed to reach its
    server must not be the one a later store's queries go to."""
    nowhere = f"sc://127.0.0.1:{free_port()}"
    with pytest.raises(DatabaseUnusable, match="does not answer"):
        open_store(nowhere).count()
    assert init_store(spark_url, seed=TEST_EVENTS_FILE).count() == 6
