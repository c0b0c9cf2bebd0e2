"""The bulk path (GDELT and ICEWS) stores only events the model accepts: a row the model would
refuse is skipped and counted by reason, and every stored event exports and reads back."""

from __future__ import annotations

import datetime as dt
import io
import itertools
import json
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from tests.builders import TEST_EVENTS_FILE, event_record, gdelt_row, write_lines
from tests.strategies import gdelt_line, gdelt_rows, icews_line, icews_rows
from timeline.cli.main import main
from timeline.core.cameo import cameo_events
from timeline.core.filters import EventFilter
from timeline.core.model import (
    CONTROL_CHARACTER,
    MAX_TITLE,
    MAX_WEIGHT,
    SPACES,
    Event,
    InvalidEvent,
    is_web_address,
    parse_event,
)
from timeline.files.formats import read_events, write_events
from timeline.store import open_store
from timeline.store.bulk_rules import DECIMAL, WHOLE_NUMBER
from timeline.store.importers import GDELT2_COLUMNS, ICEWS_HEADER, import_file

OUT_OF_RANGE = f"mention count outside 0..{MAX_WEIGHT}"


def icews_row(event_id: str = "7", date: str = "2018-06-12", *, intensity: str = "1.9",
              publisher: str = "Test Agency", source: str = "Kim Jong-Un",
              code: str = "042") -> str:
    """One tab-separated ICEWS row, North Korea visiting the United States; NA elsewhere."""
    values = {"Event ID": event_id, "Event Date": date, "Source Name": source,
              "Source Country": "North Korea", "Event Text": "Make a visit",
              "CAMEO Code": code, "Intensity": intensity, "Target Name": "Donald Trump",
              "Target Country": "United States", "Publisher": publisher}
    return "\t".join(values.get(name, "NA") for name in ICEWS_HEADER)


def stored(store, dataset: str) -> list[Event]:
    return list(store.events(EventFilter(datasets=(dataset,))))


def exported_and_read_back(events: list[Event], tmp_path: Path) -> list[Event]:
    """The events written as ``timeline export --format jsonl`` writes them, then read."""
    path = tmp_path / "export.jsonl"
    with path.open("w", encoding="utf-8") as stream:
        write_events(events, stream, "jsonl")
    result = read_events(path, "jsonl")
    assert not result.problems, result.problems
    return result.events


# -- every stored event exports: rows the model refuses are skipped by reason -------------------

@pytest.mark.parametrize(("row", "reason"), [
    (gdelt_row(101, goldstein="11"), "Goldstein outside -10..10"),
    (gdelt_row(102, goldstein="-10.5"), "Goldstein outside -10..10"),
    (gdelt_row(103, goldstein="1e400"), "Goldstein outside -10..10"),
    (gdelt_row(104, goldstein="nan"), "Goldstein not a number"),
    (gdelt_row(105, goldstein="high"), "Goldstein not a number"),
    (gdelt_row(106, mentions="-5"), OUT_OF_RANGE),
    (gdelt_row(107, mentions=str(2 ** 40)), OUT_OF_RANGE),
    (gdelt_row(108, mentions="9" * 60), OUT_OF_RANGE),
    (gdelt_row(109, mentions="1.5"), "mention count not a whole number"),
    (gdelt_row(110, url="https://news.example.org/a\x01b"), "control character in the source"),
    (gdelt_row(111, url="https://news.example.org/\x85"), "control character in the source"),
    (gdelt_row(112, url="BBC\x7fMonitoring"), "control character in the source"),
    (gdelt_row(112, date="15991231"), "with no valid date"),
    (gdelt_row(113, code="21"), "with an unknown CAMEO event code"),
], ids=lambda value: value if isinstance(value, str) and len(value) < 40 else None)
def test_a_gdelt_row_the_model_refuses_is_skipped_by_reason(empty_store, tmp_path, row, reason):
    path = write_lines(tmp_path / "events.tsv", [gdelt_row(1), row, gdelt_row(2)])
    summary = import_file(empty_store, path, fmt="gdelt")
    assert (summary.rows, summary.imported, summary.skipped) == (3, 2, {reason: 1})
    assert reason in str(summary)
    events = stored(empty_store, "gdelt")
    assert [e.id for e in events] == ["gdelt-1", "gdelt-2"]
    assert exported_and_read_back(events, tmp_path) == events


@pytest.mark.parametrize("event_id", ["12 34", "12/34", "12\\34", "1é", "x" * 123])
def test_a_gdelt_id_the_model_refuses_is_skipped(empty_store, tmp_path, event_id):
    row = gdelt_row(0).replace("0", event_id, 1)
    summary = import_file(empty_store, write_lines(tmp_path / "e.tsv", [row, gdelt_row(2)]),
                          fmt="gdelt")
    assert summary.skipped == {"event ID not of letters, digits and . _ : - (at most 128)": 1}
    assert [e.id for e in stored(empty_store, "gdelt")] == ["gdelt-2"]


@pytest.mark.parametrize(("row", "reason"), [
    (icews_row("8", intensity="11"), "Goldstein outside -10..10"),
    (icews_row("8", intensity="-"), "Goldstein not a number"),
    (icews_row("8/9"), "event ID not of letters, digits and . _ : - (at most 128)"),
    (icews_row("8", publisher="Agency\x02"), "control character in the source"),
    (icews_row("8", date="2018-02-30"), "with no valid date"),
])
def test_an_icews_row_the_model_refuses_is_skipped_by_reason(empty_store, tmp_path, row,
                                                             reason):
    path = write_lines(tmp_path / "events.tab", ["\t".join(ICEWS_HEADER), icews_row(), row])
    summary = import_file(empty_store, path, fmt="icews")
    assert (summary.rows, summary.imported, summary.skipped) == (2, 1, {reason: 1})
    events = stored(empty_store, "icews")
    assert [e.id for e in events] == ["icews-7-2018-06-12"]
    assert exported_and_read_back(events, tmp_path) == events


@pytest.mark.parametrize(("name", "title"), [
    ("KIM\x01 JONG\x1f-UN\x85", "KIM JONG-UN → Russia: "),  # control characters taken out
    ("\u3000KIM\xa0", "KIM → Russia: "),  # stripped as the model strips, not only spaces
])
def test_names_become_titles_the_model_keeps_as_they_are(empty_store, tmp_path, name, title):
    path = write_lines(tmp_path / "e.tsv", [gdelt_row(1, actor="", actor_name=name)])
    import_file(empty_store, path, fmt="gdelt")
    event, = stored(empty_store, "gdelt")
    assert event.title.startswith(title)
    assert parse_event(event.to_record()) == event


def test_a_long_title_is_cut_to_the_model_length_without_trailing_spaces(empty_store, tmp_path):
    name = "NAME " * (MAX_TITLE // 5)  # a space falls at the cut
    path = write_lines(tmp_path / "e.tsv", [gdelt_row(1, actor="", actor_name=name)])
    import_file(empty_store, path, fmt="gdelt")
    event, = stored(empty_store, "gdelt")
    assert len(event.title) == MAX_TITLE - 1 and not event.title.endswith(" ")
    assert parse_event(event.to_record()) == event


@pytest.mark.parametrize(("url", "publisher", "link"), [
    ("HTTPS://news.example.org/a", "news.example.org", "HTTPS://news.example.org/a"),
    ("http://user@news.example.org:8080/a", "news.example.org",
     "http://user@news.example.org:8080/a"),
    ("http://[not-an-address]/a", "http://[not-an-address]/a", ""),  # urlsplit refuses it
    ("https://news.example.org/a b", "https://news.example.org/a b", ""),
    ("x" * 300, "x" * 200, ""),
])
def test_sources_are_links_only_when_the_model_takes_them_as_such(empty_store, tmp_path, url,
                                                                  publisher, link):
    import_file(empty_store, write_lines(tmp_path / "e.tsv", [gdelt_row(1, url=url)]),
                fmt="gdelt")
    event, = stored(empty_store, "gdelt")
    assert (event.sources[0].publisher, event.sources[0].url) == (publisher, link)
    assert parse_event(event.to_record()) == event


# -- one validation: the bulk path and the model agree on every row ------------------------------

_TYPES = dict(zip(cameo_events()["code"], cameo_events()["type"], strict=True))
_ids = itertools.count(1)


def read(text: str) -> str:
    """A field's text as the model reads text: stripped, unless it holds a control character
    (which makes it no value at all: the model refuses it before stripping)."""
    return text if re.search(CONTROL_CHARACTER, text) else text.strip()


def _number(text: str, pattern: str, kind: type) -> object:
    """A field as the number it writes (None when blank); a field that writes no number (in
    a file's way of writing them: ``pattern``) as a text the model refuses."""
    text = read(text)
    if not text:
        return None
    return kind(text) if re.fullmatch(pattern, text) else "not a number"


# Where each format keeps what the mapping reads, and how it writes its dates.
_LAYOUTS = {
    "gdelt": dict(id=("GLOBALEVENTID",), date="SQLDATE", date_format="%Y%m%d",
                  code="EventCode", goldstein="GoldsteinScale", weight="NumMentions",
                  source="SOURCEURL", missing=("NA",), origin="GDELT"),
    "icews": dict(id=("Event ID", "Event Date"), date="Event Date", date_format="%Y-%m-%d",
                  code="CAMEO Code", goldstein="Intensity", weight=None, source="Publisher",
                  missing=("NA",), origin="ICEWS"),
}


def equivalent(fmt: str, fields: dict[str, str]) -> Event:
    """The event a row of ``fmt`` describes, made in Python and validated by the model
    (raises :class:`InvalidEvent` or pydantic's error when the model refuses it): the mapping
    the bulk path documents (an ID from its parts, a known CAMEO code's type, a source as a
    link when the model takes it as one, else as the publisher, cut to its length)."""
    layout = _LAYOUTS[fmt]

    def value(name: str | None) -> str | None:
        if name is None or fields.get(name, "NA") in layout["missing"]:
            return None
        return read(fields[name]) or None

    parts = [value(name) for name in layout["id"]]
    try:
        day = dt.datetime.strptime(value(layout["date"]) or "", layout["date_format"]).date()
    except ValueError:
        day = None
    code, source = value(layout["code"]), value(layout["source"]) or layout["origin"]
    return Event.model_validate({
        "id": None if None in parts else "-".join([fmt, *parts]),
        "date": day and day.isoformat(), "title": "a title",
        "type": _TYPES.get(code), "cameo": code,
        "goldstein": _number(value(layout["goldstein"]) or "", DECIMAL, float),
        "weight": _number(value(layout["weight"]) or "", WHOLE_NUMBER, int),
        "sources": [{"url": source} if is_web_address(source)
                    else {"publisher": read(source[:200])}],
    })


@pytest.fixture(scope="module")
def shared_store(tmp_path_factory):
    with open_store(tmp_path_factory.mktemp("agree") / "events.duckdb") as opened:
        yield opened


def check_agreement(store, path: Path, fmt: str, rows: list[dict[str, str]]) -> None:
    """The rows the bulk path stores are those whose equivalent event the model accepts, with
    the same values; the others are counted as skipped."""
    accepted = {}
    for fields in rows:
        try:
            event = equivalent(fmt, fields)
        except (InvalidEvent, ValueError):  # pydantic's ValidationError is a ValueError
            continue
        accepted[event.id] = event
    dataset = f"{fmt}{next(_ids)}"
    summary = import_file(store, path, fmt=fmt, dataset=dataset)
    events = {event.id: event for event in stored(store, dataset)}
    assert set(events) == set(accepted), summary
    assert summary.imported == len(accepted)
    assert sum(summary.skipped.values()) == len(rows) - len(accepted)
    for event in events.values():
        assert parse_event(event.to_record()) == event  # it exports, and reads back the same
        expected = accepted[event.id]
        assert (event.date, event.cameo, event.goldstein, event.weight) == (
            expected.date, expected.cameo, expected.goldstein, expected.weight)
        assert event.sources[0].url == expected.sources[0].url


_AGREEMENT = settings(max_examples=50, deadline=dt.timedelta(seconds=5),
                      suppress_health_check=[HealthCheck.too_slow,
                                             HealthCheck.function_scoped_fixture])


@_AGREEMENT
@given(rows=st.lists(gdelt_rows(), min_size=1, max_size=6))
def test_the_bulk_path_stores_a_gdelt_row_iff_the_model_accepts_it(shared_store, tmp_path,
                                                                   rows):
    path = write_lines(tmp_path / f"{next(_ids)}.export.CSV", [gdelt_line(r) for r in rows])
    check_agreement(shared_store, path, "gdelt", rows)


@_AGREEMENT
@given(rows=st.lists(icews_rows(), min_size=1, max_size=6))
# U+0085 is a space to str.strip() and a control character to the model, which refuses it
# before stripping: the publisher is skipped, not stored as "Test Agency".
@example(rows=[{"Event ID": "864", "Event Date": "2018-06-12", "Source Name": "Kim Jong-Un",
                "Source Country": "North Korea", "Target Name": "Donald Trump",
                "Target Country": "United States", "CAMEO Code": "057", "Intensity": "8",
                "Publisher": "\x85Test Agency"}])
def test_the_bulk_path_stores_an_icews_row_iff_the_model_accepts_it(shared_store, tmp_path,
                                                                    rows):
    path = write_lines(tmp_path / f"{next(_ids)}.tab",
                       ["\t".join(ICEWS_HEADER), *map(icews_line, rows)])
    check_agreement(shared_store, path, "icews", rows)


def test_the_models_strip_is_the_spaces_the_bulk_path_strips():
    every = "".join(map(chr, range(0x110000)))
    assert "".join(ch for ch in every if ch.isspace()) == SPACES
    assert f"{SPACES}x{SPACES}".strip() == "x"


def test_a_week_of_gdelt_and_icews_exports_and_reads_back(empty_store, tmp_path):
    write_lines(tmp_path / "a.tsv", [gdelt_row(n, goldstein=g, mentions=m) for n, g, m in
                                     [(1, "-10", "0"), (2, "10", str(MAX_WEIGHT)),
                                      (3, "", ""), (4, "0.1", "7")]])
    import_file(empty_store, tmp_path / "a.tsv", fmt="gdelt")
    write_lines(tmp_path / "b.tab", ["\t".join(ICEWS_HEADER), icews_row("1", intensity="NA"),
                                     icews_row("2", publisher="NA")])
    import_file(empty_store, tmp_path / "b.tab", fmt="icews")
    events = [*stored(empty_store, "gdelt"), *stored(empty_store, "icews")]
    assert len(events) == 6
    buffer = io.StringIO()
    write_events(events, buffer, "csv")  # the dashboard's download: nothing dropped
    assert buffer.getvalue().count("\n") >= 7
    assert exported_and_read_back(events, tmp_path) == events


def test_each_import_takes_as_many_keys_as_it_has_rows(empty_store, tmp_path):
    # Keys were counted from the rowid of a table made inside the import's transaction,
    # about 2**55: every import used up that many, and the 257th failed with a type error.
    for number in range(3):
        path = write_lines(tmp_path / f"{number}.tsv", [gdelt_row(10 * number + n)
                                                        for n in range(4)])
        assert import_file(empty_store, path, fmt="gdelt").imported == 4
    with empty_store._read() as db:  # the keys are the store's own: no public reader
        assert db.execute("SELECT max(key) FROM events").fetchone()[0] < 100


def test_an_import_keys_its_events_in_date_order(empty_store, tmp_path):
    """A file's events get keys by date, whatever their order in the file, and their
    sources are stored in key order: a page of events by date reads its sources from a few
    blocks of ``sources`` (at 10M events, 2 ms instead of 20)."""
    days = ["20240619", "19990101", "20101231", "19990101", "20240101", "20050615"]
    path = write_lines(tmp_path / "shuffled.tsv", [
        gdelt_row(100 + n, date=day, url=f"https://news.example.org/{n}")
        for n, day in enumerate(days)])
    assert import_file(empty_store, path, fmt="gdelt").imported == len(days)
    with empty_store._read() as db:  # the keys are the store's own: no public reader
        by_key = db.execute("SELECT e.first_day, e.id, s.url FROM events e "
                            "JOIN sources s USING (key) ORDER BY key").fetchall()
        sources_in_stored_order = [row[0] for row in db.execute(
            "SELECT key FROM sources").fetchall()]
    assert [(day, event_id) for day, event_id, _ in by_key] == sorted(
        (dt.datetime.strptime(day, "%Y%m%d").date(), f"gdelt-{100 + n}")
        for n, day in enumerate(days))
    assert [url for *_, url in by_key] == [
        f"https://news.example.org/{int(event_id.removeprefix('gdelt-')) - 100}"
        for _, event_id, _ in by_key]
    assert sources_in_stored_order == sorted(sources_in_stored_order)


# -- model limits are the database's limits, and a dry run gives the real verdict ---------------

def _jsonl(path: Path, *records: dict) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


@pytest.mark.parametrize(("name", "make", "verdict"), [
    ("weight.jsonl", lambda p: _jsonl(p, event_record(id="ok"),
                                      event_record(id="heavy", weight=2 ** 40)),
     "2: weight: Input should be less than or equal to 2147483647"),
    ("sources.jsonl", lambda p: _jsonl(p, event_record(
        id="cited", sources=[{"publisher": "P"}] * 40_000)),  # under the 1 MB line cap
     "1: sources: Tuple should have at most 1000 items"),
    ("events.tsv", lambda p: write_lines(p, [gdelt_row(1), gdelt_row(2, goldstein="11"),
                                             gdelt_row(3, mentions="-5")]),
     "1 Goldstein outside -10..10"),
])
def test_a_dry_run_gives_the_real_imports_verdict(sample_store, tmp_path, capsys, name, make,
                                                  verdict):
    path = make(tmp_path / name)
    before = sample_store.count()
    dry = import_file(sample_store, path, dry_run=True)
    assert sample_store.count() == before
    real = import_file(sample_store, path)
    assert (dry.rows, dry.imported, dry.skipped, [str(p) for p in dry.problems]) == (
        real.rows, real.imported, real.skipped, [str(p) for p in real.problems])
    assert sample_store.count() == before + real.imported
    assert verdict in str(real) + "".join(f"\n{p}" for p in real.problems)
    # From the command line: the same verdict, no traceback, the same exit code.
    database = tmp_path / "cli.duckdb"
    with open_store(database, seed=TEST_EVENTS_FILE):
        pass
    dry_code = main(["--db", str(database), "import", str(path), "--dry-run"])
    dry_out = capsys.readouterr()
    assert main(["--db", str(database), "import", str(path)]) == dry_code
    real_out = capsys.readouterr()
    assert verdict in dry_out.out + dry_out.err and verdict in real_out.out + real_out.err
    assert "Traceback" not in dry_out.err + real_out.err


# -- GDELT widths: only GDELT 1.0's 57 and 58 may differ ----------------------------------------

def _cut(row: str, fields: int) -> str:
    return "\t".join(row.split("\t")[:fields])


@pytest.mark.parametrize(("rows", "imported", "skipped"), [
    # GDELT 2.0: a row of 40 of its 61 fields, and of 60, is no event.
    ([gdelt_row(1, columns=GDELT2_COLUMNS), _cut(gdelt_row(2, columns=GDELT2_COLUMNS), 40),
      _cut(gdelt_row(3, columns=GDELT2_COLUMNS), 60), gdelt_row(4, columns=GDELT2_COLUMNS)],
     ["gdelt-1", "gdelt-4"], {"row of fewer than 61 fields": 2}),
    # GDELT 1.0: 57 (backfile) and 58 (daily) fields both read; 40 or 56 is no event.
    ([gdelt_row(1), gdelt_row(2, url=None), _cut(gdelt_row(3), 40), _cut(gdelt_row(5), 56),
      gdelt_row(4)], ["gdelt-1", "gdelt-2", "gdelt-4"], {"row of fewer than 57 fields": 2}),
    # Empty fields are not missing ones: a whole row with blank ends still reads.
    ([gdelt_row(1, url="")], ["gdelt-1"], {}),
])
def test_a_gdelt_row_of_another_width_is_skipped_and_counted(empty_store, tmp_path, rows,
                                                              imported, skipped):
    summary = import_file(empty_store, write_lines(tmp_path / "e.tsv", rows), fmt="gdelt")
    assert (summary.rows, summary.skipped) == (len(rows), skipped)
    assert [e.id for e in stored(empty_store, "gdelt")] == imported


def test_a_gdelt_row_with_more_fields_is_refused_naming_its_line(empty_store, tmp_path):
    rows = [gdelt_row(1, columns=GDELT2_COLUMNS), gdelt_row(2, columns=GDELT2_COLUMNS) + "\tx"]
    summary = import_file(empty_store, write_lines(tmp_path / "e.tsv", rows), fmt="gdelt")
    assert not summary.written and summary.problems[0].line == 2
    assert empty_store.count() == 0


def test_both_gdelt1_widths_keep_their_rows_across_the_readers_batches(empty_store, tmp_path):
    """30,000 rows (several of the reader's batches), every third a backfile row of 57 fields:
    the rows as wide as the first are parsed in bulk, the others one by one, and each event
    keeps its own fields; of an ID given twice, the row first in the file is the one kept,
    whichever width each has."""
    rows = [gdelt_row(n, url=None if n % 3 == 0 else f"https://news.example.org/{n}")
            for n in range(1, 30_001)]
    rows[20_000] = gdelt_row(3, code="190")  # 3 again, 58 fields: the first has 57
    rows[25_000] = gdelt_row(5, code="190", url=None)  # 5 again, 57 fields: the first 58
    summary = import_file(empty_store, write_lines(tmp_path / "e.tsv", rows), fmt="gdelt")
    assert (summary.rows, summary.imported) == (30_000, 29_998)
    assert summary.skipped == {"repeated in the file": 2}
    assert [empty_store.get(f"gdelt-{n}").cameo for n in (3, 5)] == ["057", "057"]
    assert [[s.url for s in empty_store.get(f"gdelt-{n}").sources] for n in (29_999, 30_000)] \
        == [["https://news.example.org/29999"], [""]]  # 30,000: of 57 fields, no address


def test_a_row_of_more_fields_far_into_a_file_is_refused_naming_its_line(empty_store, tmp_path):
    rows = [gdelt_row(n) for n in range(1, 30_001)]
    rows[22_499] += "\tone too many"
    summary = import_file(empty_store, write_lines(tmp_path / "e.tsv", rows), fmt="gdelt")
    assert not summary.written and summary.problems[0].line == 22_500
    assert empty_store.count() == 0
