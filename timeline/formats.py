"""The project's own event files: JSON Lines, CSV and JSON, read with line numbers.

JSON Lines holds one event per line exactly as :meth:`Event.to_record` writes it. CSV has one
event per row with these columns (``countries`` and ``tags`` joined by ``;``; ``sources`` a JSON
list, or instead the single-source columns ``source_url``, ``source_publisher``,
``source_published`` and ``source_quote`` for files written by hand)::

    id,date,precision,end_date,title,summary,countries,actor,target,type,tags,sources

Reading collects every problem as ``FILE:LINE: field: message`` rather than stopping at the
first, so a person can fix a file in one pass.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal, TextIO

from .model import Event, InvalidEvent, Problem, parse_event

Format = Literal["jsonl", "csv", "json"]
CSV_COLUMNS = ("id", "date", "precision", "end_date", "title", "summary", "countries", "actor",
               "target", "type", "tags", "sources")
_SINGLE_SOURCE = {"source_url": "url", "source_publisher": "publisher",
                  "source_published": "published", "source_quote": "quote"}
_LISTS = ("countries", "tags")


@dataclass(frozen=True)
class RowProblem:
    """A problem in one row of one file."""

    file: str
    line: int
    problem: Problem

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.problem}"


@dataclass
class ReadResult:
    """The valid events of a file and a problem for each line that was not one."""

    events: list[Event] = field(default_factory=list)
    problems: list[RowProblem] = field(default_factory=list)
    rows: int = 0

    @property
    def rejected_lines(self) -> list[int]:
        return sorted({p.line for p in self.problems})


class InvalidFile(ValueError):
    """Raised when a file has problems: ``problems`` holds each one with its line."""

    def __init__(self, problems: list[RowProblem]):
        self.problems = problems
        super().__init__("\n".join(map(str, problems)))


def guess_format(path: Path | str) -> Format:
    """The format a file name says: ``.jsonl``/``.ndjson``, ``.csv`` or ``.json``."""
    suffix = Path(path).suffix.lower()
    formats: dict[str, Format] = {".jsonl": "jsonl", ".ndjson": "jsonl", ".csv": "csv",
                                  ".json": "json"}
    if suffix not in formats:
        raise ValueError(f"{path}: cannot tell the format from {suffix or 'no extension'!r}; "
                         f"name the file .jsonl, .csv or .json or give --format")
    return formats[suffix]


def read_events(path: Path | str, fmt: Format | None = None, *,
                name: str | None = None) -> ReadResult:
    """Read every row of an events file, keeping valid events and a problem per bad row.

    Problems name the file as ``name`` (default: the path), e.g. a zip member's name.
    """
    path = Path(path)
    fmt = fmt or guess_format(path)
    name = name or str(path)
    result = ReadResult()
    ids: dict[str, int] = {}
    # utf-8-sig: a byte-order mark written by a spreadsheet is not part of the first field.
    with path.open(encoding="utf-8-sig", newline="") as stream:
        for line, record in _records(stream, fmt, name, result):
            result.rows += 1
            try:
                event = parse_event(record)
            except InvalidEvent as error:
                result.problems += [RowProblem(name, line, p) for p in error.problems]
                continue
            if event.id in ids:
                result.problems.append(RowProblem(name, line, Problem(
                    field="id", message=f"{event.id!r} is also on line {ids[event.id]}")))
                continue
            ids[event.id] = line
            result.events.append(event)
    return result


def read_events_file(path: Path | str, fmt: Format | None = None) -> list[Event]:
    """Every event of a file; raises :class:`InvalidFile` if any row is bad."""
    result = read_events(path, fmt)
    if result.problems:
        raise InvalidFile(result.problems)
    return result.events


def _records(stream: TextIO, fmt: Format, name: str,
             result: ReadResult) -> Iterator[tuple[int, dict[str, Any]]]:
    """(line number, record) for each row; unreadable rows go to ``result.problems``."""
    def bad(line: int, message: str, field: str = "line") -> None:
        result.problems.append(RowProblem(name, line, Problem(field=field, message=message)))

    try:
        if fmt == "jsonl":
            for number, text in enumerate(stream, start=1):
                if not text.strip():
                    continue
                try:
                    record = json.loads(text)
                except json.JSONDecodeError as error:
                    bad(number, f"not valid JSON ({error.msg}, column {error.colno})")
                    continue
                if not isinstance(record, dict):
                    bad(number, "a line must hold one JSON object")
                    continue
                yield number, record
        elif fmt == "json":
            try:
                records = json.load(stream)
            except json.JSONDecodeError as error:
                bad(error.lineno, f"not valid JSON ({error.msg}, column {error.colno})")
                return
            if not isinstance(records, list):
                bad(1, "a JSON events file holds a list of event objects")
                return
            # A JSON array has no line per event: number them by position, from 1.
            for number, record in enumerate(records, start=1):
                if isinstance(record, dict):
                    yield number, record
                else:
                    bad(number, "each item must be a JSON object")
        else:
            yield from _csv_records(stream, bad)
    except UnicodeDecodeError as error:
        bad(result.rows + 1, f"not UTF-8 text ({error.reason} at byte {error.start})")


def _csv_records(stream: TextIO, bad: Any) -> Iterator[tuple[int, dict[str, Any]]]:
    reader = csv.DictReader(stream)
    missing = {"date", "title", "type"} - set(reader.fieldnames or ())
    if missing:
        bad(1, f"the header lacks the column(s) {', '.join(sorted(missing))}")
        return
    line = reader.line_num
    for row in reader:
        start, line = line + 1, reader.line_num
        if None in row:
            bad(start, f"{len(row[None])} more field(s) than the header has")
            continue
        try:
            yield start, _record_from_csv(row)
        except InvalidEvent as error:
            for problem in error.problems:
                bad(start, problem.message, problem.field)


def _record_from_csv(row: dict[str, str | None]) -> dict[str, Any]:
    record: dict[str, Any] = {k: v for k, v in row.items()
                              if k in CSV_COLUMNS and v not in (None, "")}
    for name in _LISTS:
        record[name] = [part.strip() for part in record.get(name, "").split(";") if part.strip()]
    if "sources" in record:
        try:
            record["sources"] = json.loads(record["sources"])
        except json.JSONDecodeError as error:
            raise InvalidEvent([Problem(field="sources",
                                        message=f"not a JSON list ({error.msg})")]) from None
    else:
        single = {key: row[column] for column, key in _SINGLE_SOURCE.items() if row.get(column)}
        record["sources"] = [single] if single else []
    return record


def write_events(events: Iterable[Event], stream: TextIO, fmt: Format) -> int:
    """Write events in a format :func:`read_events` reads back unchanged; return the count."""
    records = (event.to_record() for event in events)  # streamed: exports can be large
    if fmt == "json":
        items = list(records)
        json.dump(items, stream, ensure_ascii=False, indent=1)
        stream.write("\n")
        return len(items)
    writer = csv.DictWriter(stream, fieldnames=CSV_COLUMNS, lineterminator="\n")
    if fmt == "csv":
        writer.writeheader()
    count = 0
    for record in records:
        if fmt == "jsonl":
            stream.write(json.dumps(record, ensure_ascii=False) + "\n")
        else:
            row = {**record, **{name: ";".join(record.get(name, ())) for name in _LISTS}}
            row["sources"] = json.dumps(record["sources"], ensure_ascii=False)
            writer.writerow(row)
        count += 1
    return count


def events_as_text(events: Iterable[Event], fmt: Format) -> str:
    """The events written in ``fmt``, as one string (for downloads)."""
    buffer = io.StringIO()
    write_events(events, buffer, fmt)
    return buffer.getvalue()
