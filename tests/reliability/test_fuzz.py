"""Any bytes in: a clear error or valid events out, never a crash or a hang.

Readers and importers get arbitrary bytes and bytes shaped like their formats (headers, rows,
fields, broken quoting, stray encodings, cut-off lines). The documented outcomes are: a
:class:`ReadResult` / :class:`ImportSummary` whose problems each name the file, and, from
``detect_format`` with ``auto``, :class:`UnrecognisedFile`. Anything else is a bug. Each
example has a deadline, so a hang fails the test. Export → import round trips of arbitrary
valid events are in ``tests/test_formats.py``.
"""

from __future__ import annotations

import datetime as dt
import io
import itertools
import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.builders import TEST_EVENTS_FILE, gdelt_row
from tests.strategies import events
from timeline.core.model import Event, parse_event
from timeline.files.formats import ReadResult, read_events, write_events
from timeline.store import open_store
from timeline.store.importers import (
    GDELT1_COLUMNS,
    GDELT2_COLUMNS,
    ICEWS_HEADER,
    UnrecognisedFile,
    detect_format,
    import_file,
)

DEADLINE = dt.timedelta(seconds=3)
_names = itertools.count()


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("fuzz")


def put(folder: Path, data: bytes, suffix: str) -> Path:
    path = folder / f"{next(_names)}{suffix}"
    path.write_bytes(data)
    return path


# -- bytes shaped like the formats -------------------------------------------------------------

_ENCODINGS = st.sampled_from(["utf-8", "utf-8-sig", "cp1252", "latin-1", "utf-16"])
_NASTY = st.sampled_from(['"', '""', "'", "=1+1", ";", ",", "\t", "\r", "\n", "\r\n", "\x00",
                          "\x07", "\ufeff", "\u202e", "é", "中", "{", "}", "[", "]", "null",
                          "1e999", "9" * 30, "-", "@", "NA", "\\", "\\u0000"])
_VALUES = st.sampled_from(["", "a", "b", "2024", "2024-06", "1949-10-06", "2024-02-30",
                           "03/04/2020", "1599", "treaty", "talks", "PRK", "PRK;RUS", "Narnia",
                           "https://news.example.org/a", "javascript:alert(1)", "x" * 300,
                           "[]", '[{"url": "https://a.example/"}]', "day", "month"])
_FIELDS = st.one_of(_VALUES, _NASTY, st.text(max_size=12))


def _encode(text: str, encoding: str) -> bytes:
    return text.encode(encoding, errors="replace")


def csv_text() -> st.SearchStrategy[bytes]:
    header = st.lists(st.sampled_from(["id", "date", "precision", "end_date", "title", "summary",
                                       "countries", "actor", "target", "type", "tags",
                                       "sources", "source_url", "source_publisher", "cameo",
                                       "goldstein", "weight", "x"]), min_size=0, max_size=9)
    delimiter = st.sampled_from([",", ";", "\t", "|", ":"])
    rows = st.lists(st.lists(_FIELDS, max_size=10), max_size=6)
    newline = st.sampled_from(["\n", "\r\n", "\r"])
    return st.builds(
        lambda h, d, r, n, e, end: _encode(
            n.join(d.join(row) for row in [h, *r]) + (n if end else ""), e),
        header, delimiter, rows, newline, _ENCODINGS, st.booleans())


def jsonl_text() -> st.SearchStrategy[bytes]:
    value = st.recursive(
        st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | _FIELDS,
        lambda inner: st.lists(inner, max_size=3) | st.dictionaries(_FIELDS, inner, max_size=3),
        max_leaves=8)
    record = st.fixed_dictionaries({}, optional={
        key: value | _VALUES for key in ("id", "date", "title", "type", "countries",
                                         "sources", "precision", "end_date", "tags",
                                         "goldstein", "weight", "actor")})
    line = st.one_of(record.map(lambda r: json.dumps(r, ensure_ascii=False)),
                     st.lists(_FIELDS, max_size=6).map("".join))
    return st.builds(lambda lines, e: _encode("\n".join(lines), e),
                     st.lists(line, max_size=6), _ENCODINGS)


def tsv_text(columns: tuple[str, ...], header: bool) -> st.SearchStrategy[bytes]:
    """GDELT/ICEWS-like rows: about the right number of fields, plausible and hostile values."""
    field = st.one_of(_FIELDS, st.sampled_from(
        ["1", "20240619", "19790101", "99999999", "USA", "ROM", "AFR", "057", "0874", "999",
         "8.0", "-10", "12", "BBC Monitoring", "North Korea", "Russian Federation"]))
    width = len(columns)
    row = st.lists(field, min_size=0, max_size=width + 3).map("\t".join)
    near = st.lists(field, min_size=width - 1, max_size=width).map("\t".join)
    first = ["\t".join(columns)] if header else []
    return st.builds(
        lambda rows, n, cut, e: _encode(
            n.join(first + rows)[: cut if cut else None] + ("" if cut else n), e),
        st.lists(near | row, min_size=1, max_size=5), st.sampled_from(["\n", "\r\n"]),
        st.integers(0, 40), st.sampled_from(["utf-8", "utf-8", "cp1252"]))


@st.composite
def mutated(draw: st.DrawFn, base: bytes) -> bytes:
    """``base`` with up to three small breaks: a byte deleted, flipped or inserted, or the
    rest cut off. Valid files with a few flaws are where readers go wrong."""
    data = bytearray(base)
    for _ in range(draw(st.integers(0, 3))):
        at = draw(st.integers(0, len(data)))
        action = draw(st.sampled_from(["delete", "flip", "insert", "cut"]))
        if action == "insert":
            data[at:at] = draw(_NASTY).encode("utf-8")
        elif action == "cut":
            del data[at:]
        elif at < len(data):
            if action == "delete":
                del data[at]
            else:
                data[at] ^= draw(st.integers(1, 255))
    return bytes(data)


def exported(fmt: str) -> st.SearchStrategy[bytes]:
    """Valid events as ``timeline export`` writes them, then broken a little."""
    def write(generated: list[Event]) -> bytes:
        buffer = io.StringIO()
        write_events(generated, buffer, fmt)
        return buffer.getvalue().encode("utf-8")

    return st.lists(events(), min_size=1, max_size=3, unique_by=lambda e: e.id).map(
        write).flatmap(mutated)


def gdelt_file(columns: tuple[str, ...]) -> st.SearchStrategy[bytes]:
    """Well-formed GDELT rows (from the importer tests), then broken a little."""
    one = st.builds(
        lambda n, date, actor, target, code: gdelt_row(n, date, actor, target, code,
                                                       columns=columns),
        st.integers(0, 50), st.sampled_from(["20240619", "19790101", "20241301", "2024"]),
        st.sampled_from(["PRK", "ROM", "AFR", "", "XXX"]),
        st.sampled_from(["RUS", "", "TMP"]), st.sampled_from(["057", "0874", "999", ""]))
    return st.lists(one, min_size=1, max_size=5).map(
        lambda rows: "".join(row + "\n" for row in rows).encode()).flatmap(mutated)


# -- read_events ---------------------------------------------------------------------------------

def check_read(result: ReadResult, path: Path) -> None:
    """What every read must give: valid, unique events and problems naming the file."""
    assert isinstance(result, ReadResult)
    for event in result.events:
        assert isinstance(event, Event)
        assert parse_event(event.to_record()) == event
    assert len({event.id for event in result.events}) == len(result.events)
    assert result.rows >= len(result.events)
    for problem in [*result.problems, *result.warnings]:
        assert str(problem).startswith(str(path)) and problem.line >= 0
        assert problem.problem.field and problem.problem.message


@pytest.mark.parametrize("fmt", ["csv", "jsonl", "json"])
@settings(max_examples=80, deadline=DEADLINE)
@given(data=st.binary(max_size=2048))
def test_any_bytes_read_as_events_or_problems(folder, fmt, data):
    path = put(folder, data, f".{fmt}")
    check_read(read_events(path, fmt), path)


@settings(max_examples=80, deadline=DEADLINE, suppress_health_check=[HealthCheck.too_slow])
@given(data=csv_text() | exported("csv"))
def test_csv_shaped_bytes_read_as_events_or_problems(folder, data):
    path = put(folder, data, ".csv")
    check_read(read_events(path, "csv"), path)


@settings(max_examples=60, deadline=DEADLINE, suppress_health_check=[HealthCheck.too_slow])
@given(data=jsonl_text(), as_list=st.booleans())
def test_json_shaped_bytes_read_as_events_or_problems(folder, data, as_list):
    if as_list:
        data = b"[" + data.replace(b"\n", b",\n") + b"]"
    fmt = "json" if as_list else "jsonl"
    path = put(folder, data, f".{fmt}")
    check_read(read_events(path, fmt), path)


@pytest.mark.parametrize("fmt", ["csv", "jsonl", "json"])
@settings(max_examples=25, deadline=DEADLINE, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_exports_broken_a_little_read_as_events_or_problems(folder, fmt, data):
    content = data.draw(exported(fmt))
    path = put(folder, content, f".{fmt}")
    check_read(read_events(path, fmt), path)


# -- detect_format and import_file ---------------------------------------------------------------

@settings(max_examples=60, deadline=DEADLINE)
@given(data=st.one_of(st.binary(max_size=1024), csv_text(), jsonl_text(),
                      tsv_text(GDELT1_COLUMNS, header=False)))
def test_any_bytes_get_a_format_or_a_clear_refusal(folder, data):
    path = put(folder, data, ".dat")
    try:
        assert detect_format(path) in ("csv", "jsonl", "json", "gdelt", "icews")
    except UnrecognisedFile as error:
        assert str(error).startswith(f"{path}: line 1: not a GDELT, ICEWS or project events")


@pytest.fixture(scope="module")
def store(folder):
    """One small database for all the import examples, holding the test events."""
    with open_store(folder / "fuzz.duckdb", seed=TEST_EVENTS_FILE) as opened:
        yield opened


def check_import(store, path: Path, fmt: str, skip_invalid: bool) -> None:
    """An import either refuses (problems, nothing written) or lands exactly what it says."""
    before = store.count()
    try:
        summary = import_file(store, path, fmt=fmt, skip_invalid=skip_invalid)
    except UnrecognisedFile:
        assert fmt == "auto"
        assert store.count() == before
        return
    for problem in summary.problems:
        assert str(problem).startswith(str(path))
    if not summary.written:
        assert store.count() == before
    else:
        assert skip_invalid or not summary.problems
        assert store.count() == before + summary.imported - summary.replaced
    assert summary.rows >= summary.imported


_IMPORT_SETTINGS = settings(max_examples=25, deadline=DEADLINE,
                            suppress_health_check=[HealthCheck.too_slow])


@_IMPORT_SETTINGS
@given(data=st.one_of(gdelt_file(GDELT1_COLUMNS), gdelt_file(GDELT2_COLUMNS),
                      tsv_text(GDELT1_COLUMNS, header=False),
                      tsv_text(GDELT2_COLUMNS, header=False), st.binary(max_size=1024)),
       fmt=st.sampled_from(["gdelt", "auto"]), skip_invalid=st.booleans())
def test_any_gdelt_shaped_bytes_import_or_are_refused(store, folder, data, fmt, skip_invalid):
    check_import(store, put(folder, data, ".tsv"), fmt, skip_invalid)


@_IMPORT_SETTINGS
@given(data=st.one_of(tsv_text(ICEWS_HEADER, header=True), st.binary(max_size=1024)),
       fmt=st.sampled_from(["icews", "auto"]), skip_invalid=st.booleans())
def test_any_icews_shaped_bytes_import_or_are_refused(store, folder, data, fmt, skip_invalid):
    check_import(store, put(folder, data, ".tab"), fmt, skip_invalid)


@_IMPORT_SETTINGS
@given(data=st.one_of(csv_text(), jsonl_text(), exported("csv"), exported("jsonl")),
       suffix=st.sampled_from([".csv", ".jsonl"]),
       skip_invalid=st.booleans())
def test_any_project_shaped_bytes_import_or_are_refused(store, folder, data, suffix,
                                                        skip_invalid):
    check_import(store, put(folder, data, suffix), "auto", skip_invalid)
