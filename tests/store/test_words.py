"""Text search through the word index: what a search finds (words, parts of words, phrases, any
case, any accents, CJK), and that every write keeps the index what indexing the stored events
from scratch would give."""

from __future__ import annotations

import datetime as dt

import duckdb
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from tests.builders import event_record, gdelt_row, write_lines
from timeline.core.filters import EventFilter
from timeline.core.model import parse_event
from timeline.store import open_store
from timeline.store.importers import GDELT1_COLUMNS
from timeline.store.rows import normalized
from timeline.store.schema import MIGRATIONS, SCHEMA_VERSION
from timeline.store.words import index_statements

TITLES = {
    "pact": "Mutual Defence Pact signed in Pyongyang",
    "visit": "Kim visits Moscow",
    "summit": "Summit on the revisited deal",
    "turkey": "Türkiye and Égypte restore ties",
    "china": "朝鲜与中国建交",
    "korea": "평양 회담 열려",
    "split": "Pact of defence, signed later",
    "talks": "Kim–Putin talks",
}


def ids(store, text: str, **fields) -> set[str]:
    return {event.id for event in store.events(EventFilter(text=text, **fields))}


@pytest.fixture
def titled_store():
    """An in-memory store holding one event per entry of TITLES (its key the event's id)."""
    with open_store(":memory:") as store:
        store.add_events(parse_event(event_record(id=key, title=title))
                         for key, title in TITLES.items())
        yield store


@pytest.mark.parametrize(("text", "expected"), [
    ("pact", {"pact", "split"}),                 # a word, in any case
    ("PACT", {"pact", "split"}),
    ("defence pact", {"pact"}),                  # a phrase: its words in order
    ("Defence  Pact", set()),                    # ... as written, spaces included
    ("pyong", {"pact"}),                         # part of a word
    ("visit", {"visit", "summit"}),              # inside a longer word: "revisited"
    ("kim visits", {"visit"}),
    ("kim", {"visit", "talks"}),
    ("kim–putin", {"talks"}),
    ("–", {"talks"}),                            # no word at all: searched as written
    ("turkiye", {"turkey"}),                     # accents: none searched, some stored
    ("TÜRKIYE", {"turkey"}),
    ("égypte", {"turkey"}),                      # accents searched, as stored
    ("egypte restore", {"turkey"}),
    ("中国", {"china"}),                          # CJK: no spaces part its words
    ("与中国建", {"china"}),
    ("평양", {"korea"}),
    ("defence,", {"split"}),                     # punctuation is searched as written
    ("moscow kim", set()),                       # every word, but not in this order
    ("nowhere", set()),
    ("-", set()),
    (" ", {"pact", "visit", "summit", "turkey", "korea", "split", "talks"}),
])
def test_search_finds_words_parts_and_phrases_in_any_case_and_accents(titled_store, text,
                                                                        expected):
    assert ids(titled_store, text) == expected


def test_search_with_other_conditions_reads_them_from_the_index(titled_store):
    titled_store.add_events([parse_event(event_record(
        id="other-pact", title="Pact of the north", countries=["CHN"], date="1999",
        type="talks"))])
    assert ids(titled_store, "pact", countries=("CHN",)) == {"other-pact"}
    assert ids(titled_store, "pact", countries=("PRK", "RUS"), match="all") == {"pact", "split"}
    assert ids(titled_store, "pact", types=("talks",)) == {"other-pact"}
    assert ids(titled_store, "pact", end=dt.date(2000, 1, 1)) == {"other-pact"}
    overview = titled_store.overview(EventFilter(text="pact"))
    assert overview.count == 3
    assert set(overview.lanes) == {"PRK", "RUS", "CHN"}
    assert set(overview.page["id"]) == {"pact", "split", "other-pact"}


WORDS = st.text(st.characters(categories=("Lu", "Ll", "Lo", "Nd"),
                              exclude_characters="ǅǈǋǲ"), min_size=1, max_size=8)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(words=st.lists(WORDS, min_size=1, max_size=5), pick=st.integers(0, 4),
       data=st.data())
def test_any_word_of_a_stored_title_is_found_in_any_case(words, pick, data):
    title = " ".join(words)
    word = words[pick % len(words)]
    # Case is what lower() undoes: the long s (U+017F) upper-cases to "S", lower-cased "s".
    assume(word.upper().lower() == word.lower())
    searched = data.draw(st.sampled_from([word, word.upper(), word.lower(), normalized(word)]))
    with open_store(":memory:") as store:
        store.add_events([parse_event(event_record(id="titled", title=title)),
                          parse_event(event_record(id="other", title="Unrelated"))])
        found = ids(store, searched)
    assert "titled" in found
    # Any other event found holds the text too.
    assert found <= {"titled"} | ({"other"} if normalized(searched) in "unrelated" else set())


@settings(max_examples=200, deadline=None)
@given(st.text(st.characters(exclude_categories=("Cc", "Cs", "Cn")), max_size=20))
def test_the_database_normalizes_text_as_python_does(text):
    # Control characters are no part of stored text (the model refuses them in titles);
    # unassigned ones are unassigned only to Python's older Unicode tables (DuckDB's are
    # newer: a Kawi vowel sign of Unicode 15 is a mark to it).
    with duckdb.connect() as db:
        assert db.execute("SELECT strip_accents(lower(?))", [text]).fetchone()[0] == \
            normalized(text)


def index_rows(db) -> list[tuple]:
    return sorted(db.execute("SELECT * FROM event_words").fetchall())


def rebuilt_index(db) -> list[tuple]:
    """The index's rows as indexing every stored event from scratch gives them."""
    db.execute("CREATE TEMP TABLE kept AS SELECT * FROM event_words; DELETE FROM event_words")
    for statement in index_statements("TRUE"):
        db.execute(statement)
    rows = index_rows(db)
    db.execute("DELETE FROM event_words; INSERT INTO event_words SELECT * FROM kept; "
               "DROP TABLE kept")
    return rows


def assert_index_current(store) -> None:
    with store._write() as db:
        assert index_rows(db) == rebuilt_index(db)
        assert db.execute("""
            SELECT count(*) FROM event_words w JOIN events e USING (key)
            JOIN search_texts t USING (text_id) WHERE t.search_text <> e.search_text
            """).fetchone()[0] == 0  # each row's text is its event's


def test_every_write_keeps_the_index_current(tmp_path):
    path = tmp_path / "events.duckdb"
    gdelt = write_lines(tmp_path / "events.tsv", [
        gdelt_row(1, actor="", actor_name="Délégation TÜRKIYE"), gdelt_row(2, code="042")])
    with open_store(path) as store:
        store.add_events([parse_event(event_record(id="pact", title="Defence pact signed"))],
                         author="me")
        assert_index_current(store)
        edited = store.get("pact").model_copy(update={"title": "Trade deal signed"})
        store.save_event(edited, author="me")
        assert ids(store, "defence") == set() and ids(store, "trade deal") == {"pact"}
        assert_index_current(store)
        store.delete_event("pact", author="me")
        deletion = store.history("pact")["id"].max()
        assert ids(store, "trade") == set()
        assert_index_current(store)
        store.undo(int(deletion), author="me")
        assert ids(store, "trade") == {"pact"}
        assert_index_current(store)
        summary = store.import_gdelt(gdelt, GDELT1_COLUMNS, dataset="gdelt")
        assert ids(store, "turkiye", datasets=("gdelt",)) == {"gdelt-1"}
        assert ids(store, "visit", datasets=("gdelt",)) == {"gdelt-2"}
        assert_index_current(store)
        removal = store.remove_dataset("gdelt", author="me")
        assert ids(store, "turkiye") == set()
        store.undo(removal, author="me")
        assert ids(store, "turkiye", datasets=("gdelt",)) == {"gdelt-1"}
        store.undo(summary.change, author="me")  # the import, undone
        assert ids(store, "turkiye", datasets=("gdelt",)) == set()
        assert_index_current(store)


def test_an_older_database_is_indexed_on_upgrade_with_its_text_normalized(tmp_path):
    path = tmp_path / "v4.duckdb"
    with open_store(path) as store:
        store.add_events([parse_event(event_record(id="pact", title="Pact in Pyŏngyang"))])
    with duckdb.connect(str(path)) as db:  # as version 4 left it: text lower-cased only
        db.execute("DROP TABLE event_words; DROP TABLE search_words; "
                   "DROP TABLE search_texts; DROP SEQUENCE text_id; "
                   "UPDATE events SET search_text = lower(title); "
                   "DELETE FROM schema_version WHERE version >= 5")
    assert len(MIGRATIONS) == SCHEMA_VERSION == 6
    with open_store(path) as store:
        assert store.schema_version == SCHEMA_VERSION
        assert ids(store, "pyongyang") == {"pact"}
        assert_index_current(store)


def test_a_version_5_database_finds_phrases_after_its_index_is_rebuilt(tmp_path):
    path = tmp_path / "v5.duckdb"
    with open_store(path) as store:
        store.add_events([parse_event(event_record(id="pact", title="Defence pact signed")),
                          parse_event(event_record(id="other", title="Pact on defence"))])
    with duckdb.connect(str(path)) as db:  # as version 5 left it: no texts numbered
        db.execute("DROP TABLE search_texts; DROP SEQUENCE text_id; "
                   "ALTER TABLE event_words DROP COLUMN text_id; "
                   "DELETE FROM schema_version WHERE version = 6")
    with open_store(path) as store:
        assert store.schema_version == SCHEMA_VERSION
        assert ids(store, "defence pact") == {"pact"} and ids(store, "pact") == {"pact", "other"}
        assert_index_current(store)
