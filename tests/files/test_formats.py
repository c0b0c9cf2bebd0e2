import io
import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.builders import TEST_EVENTS_FILE, write
from tests.strategies import events
from timeline.files.formats import (
    InvalidFile,
    events_as_text,
    guess_format,
    read_events,
    read_events_file,
    write_events,
)
from timeline.store import open_store

GOOD = ('{"id": "a", "date": "2024-06", "title": "Pact", "countries": ["PRK", "RUS"], '
        '"type": "treaty", "sources": [{"url": "https://news.example.org/a"}]}')


@pytest.mark.parametrize(
    ("name", "text", "line", "words"),
    [
        ("bad.jsonl", GOOD + "\n{not json\n", 2, "line: not valid JSON"),
        ("bad.jsonl", GOOD + "\n\n" + GOOD.replace('"a"', '"b"').replace("2024-06", "2024-13")
         + "\n", 3, "date: '2024-13' is not a real date"),
        ("bad.jsonl", GOOD + "\n" + GOOD + "\n", 2, "id: 'a' is also on line 1"),
        ("bad.jsonl", "[1, 2]\n", 1, "one JSON object"),
        ("bad.csv", "id,date,title,type,countries,source_url\n"
         "a,2024,Pact,treaty,PRK;Narnia,https://x.example/a\n", 2,
         "countries.1: 'Narnia' is not a country"),
        ("bad.csv", "id,date,title,type,source_url\na,2024,Pact,treaty,https://x.example/a,extra\n",
         2, "1 field more than the header"),
        ("bad.csv", "id,date,title\n", 1, "lacks 1 column: type"),
        ("bad.csv", 'id,date,title,type,sources\na,2024,"Multi\nline title",treaty,"[{oops"\n'
         "b,2024,x,treaty,[]\n", 2, "sources: not a JSON list"),
        ("bad.csv", 'id,date,title,type,sources\na,2024,"Multi\nline",treaty,"[{oops"\n'
         "b,2024,x,treaty,[]\n", 4, "sources: Tuple should have at least 1 item"),
        ("bad.json", '{"id": "a"}', 1, "holds a list of event objects"),
    ],
)
def test_each_problem_names_file_line_and_field(tmp_path, name, text, line, words):
    path = write(tmp_path, name, text)
    problems = [str(p) for p in read_events(path).problems]
    assert any(p.startswith(f"{path}:{line}: ") and words in p for p in problems), problems


def test_a_file_with_problems_raises_with_all_of_them(tmp_path):
    path = write(tmp_path, "two.jsonl", GOOD.replace("PRK", "Narnia") + "\n"
                 + GOOD.replace('"a"', '"b"').replace("treaty", "parade") + "\n")
    with pytest.raises(InvalidFile) as error:
        read_events_file(path)
    assert [p.line for p in error.value.problems] == [1, 2]


def test_hand_written_csv_with_bom_crlf_and_single_source_columns(tmp_path):
    path = write(tmp_path, "hand.csv",
                 "\ufeffid,date,title,type,countries,tags,source_url,source_publisher,"
                 "source_quote\r\n"
                 'pact,2024-06,"Pact, signed",treaty,DPRK; Russia,defence;2024,'
                 'https://news.example.org/pact,Test Wire,"He said ""yes"""\r\n')
    [event] = read_events_file(path)
    assert event.id == "pact" and event.title == "Pact, signed"
    assert event.countries == ("PRK", "RUS") and event.tags == ("defence", "2024")
    assert event.sources[0].quote == 'He said "yes"'
    assert event.date.iso() == "2024-06"


def test_latin1_text_is_refused_at_its_line_and_byte_not_read_as_something_else(tmp_path):
    path = write(tmp_path, "latin.jsonl", GOOD + "\n" + GOOD.replace('"a"', '"b"').replace(
        "Pact", "Pacte signé") + "\n", encoding="latin-1")
    result = read_events(path)
    assert result.events == []
    [problem] = result.problems
    offset = len(GOOD) + 1 + GOOD.index("Pact") + len("Pacte sign")
    assert str(problem).startswith(
        f"{path}:2: file: not UTF-8 text: byte 0xE9 at offset {offset} (line 2 reads ")
    assert "--encoding" in str(problem)


@pytest.mark.parametrize(("name", "fmt"), [("a.jsonl", "jsonl"), ("A.CSV", "csv"),
                                           ("a.ndjson", "jsonl"), ("a.json", "json")])
def test_format_from_the_file_name(name, fmt):
    assert guess_format(name) == fmt


def test_unknown_extension_asks_for_a_format():
    with pytest.raises(ValueError, match="--format"):
        guess_format("events.xlsx")


def test_jsonl_export_holds_the_fields_a_reader_needs(sample_events):
    lines = events_as_text(sample_events, "jsonl").splitlines()
    records = {r["id"]: r for r in map(json.loads, lines)}
    assert records["prk-rus-pact-2024"]["date"] == "2024-06"
    assert records["prk-rus-pact-2024"]["precision"] == "month"
    assert records["nerchinsk-1689"]["date"] == "1689"
    assert records["korean-war"]["end_date"] == "1953-07-27"
    assert records["prk-chn-ties-1949"]["end_date"] is None
    assert "習近平" in records["prk-chn-messages-2024"]["summary"]


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "json"])
@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(events(), max_size=5, unique_by=lambda e: e.id))
def test_export_then_import_gives_the_same_events(tmp_path, fmt, generated):
    path = tmp_path / f"round.{fmt}"
    with path.open("w", encoding="utf-8", newline="") as stream:
        write_events(generated, stream, fmt)
    assert read_events_file(path) == generated


@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(events(), min_size=1, max_size=5, unique_by=lambda e: e.id))
def test_database_export_then_import_gives_the_same_events(tmp_path, generated):
    with open_store(":memory:") as first, open_store(":memory:") as second:
        first.add_events(generated)
        buffer = io.StringIO()
        write_events(first.events(), buffer, "jsonl")
        path = write(tmp_path, "db.jsonl", buffer.getvalue())
        second.add_events(read_events_file(path))
        assert list(second.events()) == list(first.events())
        assert sorted(second.events(), key=lambda e: e.id) == sorted(generated,
                                                                    key=lambda e: e.id)


def test_test_fixture_file_is_valid():
    assert len(read_events_file(TEST_EVENTS_FILE)) == 6


def test_csv_export_keeps_the_dataset_fields_of_bulk_events(tmp_path):
    """GDELT and ICEWS events carry a CAMEO code, a Goldstein value and a weight: a CSV export
    holds them (it used to fail on them) and reads them back exactly."""
    from tests.builders import event_record
    from timeline.core.model import parse_event

    event = parse_event(event_record(id="gdelt-1", cameo="0874", goldstein=-6.5, weight=12))
    path = write(tmp_path, "bulk.csv", events_as_text([event], "csv"))
    assert read_events_file(path) == [event]
    header, row = path.read_text(encoding="utf-8").splitlines()
    assert header.endswith(",cameo,goldstein,weight") and row.endswith(",0874,-6.5,12")


