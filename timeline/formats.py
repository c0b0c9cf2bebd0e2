"""The project's own event files: JSON Lines, CSV and JSON, read with line numbers.

JSON Lines holds one event per line exactly as :meth:`Event.to_record` writes it. CSV has one
event per row with these columns (``countries`` and ``tags`` joined by ``;``; ``sources`` a JSON
list, or instead the single-source columns ``source_url``, ``source_publisher``,
``source_published`` and ``source_quote`` for files written by hand)::

    id,date,precision,end_date,title,summary,countries,actor,target,type,tags,sources,
    cameo,goldstein,weight

Reading collects every problem as ``FILE:LINE: field: message`` rather than stopping at the
first, so a person can fix a file in one pass. What reading accepts:

- Text: UTF-8, with or without a byte-order mark, any line ends (LF, CRLF, CR). A file that is
  not UTF-8 but is valid Windows-1252 (which covers Latin-1 text) is read as Windows-1252,
  with a warning naming the first line that is not UTF-8; anything else is refused, as are
  UTF-16/32 text and a file holding a NUL byte ("binary file, not events"). An empty file, or
  one with a header and no rows, holds no events: a warning, not a problem (an export of no
  events reads back as none; :func:`timeline.importers.import_file` refuses empty files).
- CSV: the delimiter is recognised from the header line (``csv.Sniffer``: comma, semicolon,
  tab or ``|``); a row with more or fewer fields than the header is reported, not guessed at.
- CSV formulas: :func:`write_events` prefixes ``'`` to a cell starting with ``=``, ``+``,
  ``-``, ``@``, tab or CR (OWASP's advice against CSV injection), except a plain number such
  as ``-6.5``, and to a cell of one or more ``'`` followed by one of those characters;
  reading removes exactly one leading ``'`` from a cell of one or more ``'`` followed by one
  of them. So ``=1+1`` is written ``'=1+1`` and ``'=x`` is written ``''=x``, and both read
  back as they were. A hand-written ``'=x`` reads as ``=x``.
- JSON (a list) is read whole, so it is limited to :data:`MAX_JSON_BYTES`; JSON Lines and CSV
  are read row by row (:func:`iter_events`), so memory stays bounded by one row.
"""

from __future__ import annotations

import codecs
import csv
import io
import itertools
import json
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal, TextIO

from .dates import PartialDate
from .event_types import EVENT_TYPES
from .extract.article_text import html_to_text
from .model import Event, InvalidEvent, Problem, parse_event

Format = Literal["jsonl", "csv", "json"]
CSV_COLUMNS = ("id", "date", "precision", "end_date", "title", "summary", "countries", "actor",
               "target", "type", "tags", "sources", "cameo", "goldstein", "weight")
_SINGLE_SOURCE = {"source_url": "url", "source_publisher": "publisher",
                  "source_published": "published", "source_quote": "quote"}
_LISTS = ("countries", "tags")
_DELIMITERS = ",;\t|"
# A JSON array is parsed whole: larger files should be JSON Lines, which is read line by line.
MAX_JSON_BYTES = 256 * 1024 * 1024
# No event comes near this (a title is at most 200 characters, a summary 5,000).
MAX_LINE_CHARS = 1024 * 1024
_CHUNK = 1024 * 1024

# Cells a spreadsheet would run as a formula (OWASP, "CSV Injection").
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?")


@dataclass(frozen=True)
class RowProblem:
    """A problem in one row of one file (line 0: the file as a whole)."""

    file: str
    line: int
    problem: Problem

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {self.problem}"


@dataclass
class ReadResult:
    """The valid events of a file, a problem for each line that was not one, and warnings
    (the file was read as Windows-1252, it holds no events) that reject nothing."""

    events: list[Event] = field(default_factory=list)
    problems: list[RowProblem] = field(default_factory=list)
    rows: int = 0
    warnings: list[RowProblem] = field(default_factory=list)
    ids: dict[str, int] = field(default_factory=dict)  # each valid event's id → its line

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

    Problems name the file as ``name`` (default: the path), e.g. a zip member's name. Raises
    only ``OSError`` (the file cannot be opened) and, without ``fmt``, ``ValueError`` when
    the name does not tell the format; whatever the bytes, they become problems.
    """
    result = ReadResult()
    result.events = list(iter_events(path, fmt, name=name, result=result))
    return result


def iter_events(path: Path | str, fmt: Format | None = None, *, name: str | None = None,
                result: ReadResult) -> Iterator[Event]:
    """The valid events of a file one at a time, as read; rows, problems and warnings are
    counted into ``result`` as they are met (complete once the iterator is exhausted).

    ``result.events`` is left alone: a caller streaming events into a database keeps none.
    """
    path = Path(path)
    fmt = fmt or guess_format(path)
    name = name or str(path)
    encoding = _text_encoding(path, name, result)
    if encoding is None:
        return
    if fmt == "json" and path.stat().st_size > MAX_JSON_BYTES:
        result.problems.append(RowProblem(name, 0, Problem(field="file", message=(
            f"a JSON file is read whole, so it may hold at most {human_size(MAX_JSON_BYTES)}; "
            f"write larger files as JSON Lines (.jsonl), one event per line"))))
        return
    ids = result.ids
    # utf-8-sig: a byte-order mark written by a spreadsheet is not part of the first field.
    with path.open(encoding=encoding, newline="") as stream:
        for line, record in _records(stream, fmt, name, result):
            result.rows += 1
            if record is None:  # unreadable: its problem is recorded already
                continue
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
            yield event
    if not result.rows and not result.problems:
        what = {"csv": "a header and no rows", "json": "an empty list",
                "jsonl": "no event lines"}[fmt]
        result.warnings.append(RowProblem(name, 0, Problem(
            field="file", message=f"holds no events ({what})")))


def read_events_file(path: Path | str, fmt: Format | None = None) -> list[Event]:
    """Every event of a file; raises :class:`InvalidFile` if any row is bad."""
    result = read_events(path, fmt)
    if result.problems:
        raise InvalidFile(result.problems)
    return result.events


def rejected_rows_csv(result: Any) -> str:
    """The problems of a :class:`ReadResult` (or an import summary) as CSV, for download:
    columns ``file``, ``line``, ``field`` and ``message``, formulas neutralised."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(("file", "line", "field", "message"))
    for row in result.problems:
        writer.writerow([_neutralised(str(value), reversible=False) for value in
                         (row.file, row.line, row.problem.field, row.problem.message)])
    return buffer.getvalue()


# -- bytes to text ---------------------------------------------------------------------------

def _text_encoding(path: Path, name: str, result: ReadResult) -> str | None:
    """``utf-8-sig`` or ``cp1252``: how to decode the file; ``None`` (with a problem in
    ``result``) for an empty or binary file, or text in neither encoding.

    One streamed pass over the bytes (two when the file is not UTF-8).
    """
    def refuse(line: int, message: str) -> None:
        result.problems.append(RowProblem(name, line, Problem(field="file", message=message)))

    utf8 = codecs.getincrementaldecoder("utf-8")()
    # line, offset, the bytes there, and the bytes around them
    first_bad: tuple[int, int, bytes, bytes] | None = None
    lines, offset, has_text = 1, 0, False
    with path.open("rb") as stream:
        while chunk := stream.read(_CHUNK):
            if offset == 0:
                for bom, encoding in ((codecs.BOM_UTF32_LE, "UTF-32"),
                                      (codecs.BOM_UTF32_BE, "UTF-32"),
                                      (codecs.BOM_UTF16_LE, "UTF-16"),
                                      (codecs.BOM_UTF16_BE, "UTF-16")):
                    if chunk.startswith(bom):
                        refuse(1, f"{encoding} text: save the file as UTF-8")
                        return None
            nul = chunk.find(b"\0")
            if nul >= 0:
                refuse(lines + chunk.count(b"\n", 0, nul),
                       "binary file, not events (it holds a NUL byte)")
                return None
            if first_bad is None:
                pending = utf8.getstate()[0]  # the start of a character cut by the chunk
                try:
                    utf8.decode(chunk)
                except UnicodeDecodeError as error:
                    data = pending + chunk  # what the error's offsets count in
                    first_bad = (lines + data.count(b"\n", 0, error.start),
                                 offset - len(pending) + error.start,
                                 data[error.start:error.end],
                                 data[max(0, error.start - 30):error.start + 30])
            has_text = has_text or bool(chunk.strip(b" \t\r\n\f\v" + codecs.BOM_UTF8))
            lines += chunk.count(b"\n")
            offset += len(chunk)
    if not has_text:  # an export of no events as JSON Lines: a warning, not a problem
        result.warnings.append(RowProblem(name, 0, Problem(
            field="file", message="the file is empty: no events in it")))
        return None
    if first_bad is None:
        try:
            utf8.decode(b"", final=True)
        except UnicodeDecodeError:
            first_bad = (lines, offset, b"", b"")
    if first_bad is None:
        return "utf-8-sig"
    line, at, raw, around = first_bad
    shown = (f"byte 0x{raw[0]:02X} at offset {at}" if raw
             else f"a character cut off at the end (offset {at})")
    cp1252 = codecs.getincrementaldecoder("cp1252")()
    try:
        with path.open("rb") as stream:
            while chunk := stream.read(_CHUNK):
                cp1252.decode(chunk)
    except UnicodeDecodeError:
        refuse(line, f"not UTF-8 text ({shown}), nor Windows-1252: save the file as UTF-8")
        return None
    result.warnings.append(RowProblem(name, line, Problem(field="file", message=(
        f"not UTF-8 text ({shown}); read as Windows-1252 (Latin-1), where the line reads "
        f"{_line_part(around.decode('cp1252'))!r}: if that is not what it says, save the "
        f"file as UTF-8"))))
    return "cp1252"


def _line_part(text: str) -> str:
    """The part of ``text`` on the line in its middle, without its control characters."""
    middle = len(text) // 2
    start = max(text.rfind("\n", 0, middle), text.rfind("\r", 0, middle)) + 1
    ends = [i for i in (text.find("\n", middle), text.find("\r", middle)) if i >= 0]
    return "".join(ch for ch in text[start:min(ends, default=len(text))] if ch.isprintable())


def human_size(count: int) -> str:
    """A byte count as people read it: ``2 GB``, ``256 MB``, ``1.5 KB``, ``10 bytes``."""
    for power, unit in ((3, "GB"), (2, "MB"), (1, "KB")):
        if count >= 1024 ** power:
            return f"{count / 1024 ** power:.3g} {unit}"
    return f"{count} bytes"


# -- text to records -------------------------------------------------------------------------

Bad = Callable[..., None]


def _records(stream: TextIO, fmt: Format, name: str,
             result: ReadResult) -> Iterator[tuple[int, dict[str, Any] | None]]:
    """(line number, record) for each row; an unreadable row comes as (line, ``None``) with
    its problem in ``result.problems``."""
    def bad(line: int, message: str, field: str = "line") -> None:
        result.problems.append(RowProblem(name, line, Problem(field=field, message=message)))

    try:
        if fmt == "jsonl":
            yield from _jsonl_records(stream, bad)
        elif fmt == "json":
            yield from _json_records(stream, bad)
        else:
            yield from _csv_records(stream, bad)
    except UnicodeDecodeError as error:  # the file changed since it was checked
        bad(result.rows + 1, f"not UTF-8 text ({error.reason} at byte {error.start})")


def _jsonl_records(stream: TextIO, bad: Bad) -> Iterator[tuple[int, dict[str, Any] | None]]:
    for number in itertools.count(1):
        text = stream.readline(MAX_LINE_CHARS)
        if not text:
            return
        if len(text) == MAX_LINE_CHARS and not text.endswith(("\n", "\r")):
            while (rest := stream.readline(MAX_LINE_CHARS)) and not rest.endswith(("\n", "\r")):
                pass  # skip the rest of the overlong line
            bad(number, f"longer than {MAX_LINE_CHARS:,} characters: not one event")
            yield number, None
            continue
        if not text.strip():
            continue
        record = _json_value(text, number, bad)
        if record is _UNREADABLE:
            yield number, None
        elif not isinstance(record, dict):
            bad(number, "a line must hold one JSON object")
            yield number, None
        else:
            yield number, record


def _json_records(stream: TextIO, bad: Bad) -> Iterator[tuple[int, dict[str, Any] | None]]:
    records = _json_value(stream.read(), None, bad)
    if records is _UNREADABLE:
        return
    if isinstance(records, dict) and isinstance(records.get("events"), list):
        records = [timelinejs_record(slide) for slide in records["events"]]
    if not isinstance(records, list):
        bad(1, "a JSON events file holds a list of event objects")
        return
    # A JSON array has no line per event: number them by position, from 1.
    for number, record in enumerate(records, start=1):
        if isinstance(record, dict):
            yield number, record
        else:
            bad(number, "each item must be a JSON object")
            yield number, None


_UNREADABLE = object()


def timelinejs_record(slide: Any) -> Any:
    """An event record for one TimelineJS slide (its position numbers the problems).

    The date parts given (``start_date``, ``end_date``), the headline as title and the text as
    summary (HTML read as text), the ``group`` as event type (its label or code),
    ``unique_id`` as id, ``media.url`` (caption as publisher) as the source. TimelineJS has no
    countries: they are the ones the headline and text name (as this program's export lists
    them). What does not fit the model is reported by the validation, field by field.
    """
    if not isinstance(slide, dict):
        return slide
    text = slide.get("text") if isinstance(slide.get("text"), dict) else {}
    media = slide.get("media") if isinstance(slide.get("media"), dict) else {}
    headline = html_to_text(str(text.get("headline") or ""))
    body = html_to_text(str(text.get("text") or ""))
    record: dict[str, Any] = {
        "id": slide.get("unique_id"),
        "date": _timelinejs_date(slide.get("start_date")),
        "title": headline,
        "summary": _summary_of(body),
        "countries": _countries_named(f"{headline}\n{body}", slide.get("start_date")),
        "type": _type_code(str(slide.get("group") or "")),
        "sources": [{"url": media["url"],
                     "publisher": html_to_text(str(media.get("caption") or "")).strip()[:200]}]
        if media.get("url") else [],
    }
    if slide.get("end_date"):
        record["end_date"] = _timelinejs_date(slide["end_date"])
    return record


def _summary_of(body: str) -> str:
    # This program's export follows the summary with the countries and a "Sources:" list.
    return body.split("\n\n")[0].strip() if "Sources:" in body else body.strip()


def _countries_named(text: str, start: Any) -> list[str]:
    from .extract.mentions import find_countries  # leaders and metonyms: loaded only when needed

    written = _timelinejs_date(start)
    try:
        published = PartialDate.parse(str(written)).first_day
    except ValueError:
        return []
    return list(dict.fromkeys(m.country for m in find_countries(text, published)))


def _timelinejs_date(parts: Any) -> Any:
    """``{"year": 2024, "month": 6}`` → ``"2024-06"``: only the parts given."""
    if not isinstance(parts, dict) or "year" not in parts:
        return parts
    try:
        written = f"{int(parts['year']):04d}"
        for unit in ("month", "day"):
            if parts.get(unit) in (None, ""):
                break
            written += f"-{int(parts[unit]):02d}"
    except (TypeError, ValueError):
        return str(parts)
    return written


def _type_code(group: str) -> str:
    """An event type's code from a TimelineJS group: its code or its label, any case."""
    wanted = html_to_text(group).strip().casefold()
    return next((t.code for t in EVENT_TYPES if wanted in (t.code, t.label.casefold())),
                html_to_text(group).strip())


def _json_value(text: str, line: int | None, bad: Bad) -> Any:
    """The JSON value of ``text``, or :data:`_UNREADABLE` with the problem reported (at
    ``line``, or at the line the parser names)."""
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        bad(line or error.lineno, f"not valid JSON ({error.msg}, column {error.colno})")
    except RecursionError:
        bad(line or 1, "not valid JSON (nested too deeply)")
    except ValueError as error:  # a number of more than 4,300 digits
        bad(line or 1, f"not valid JSON ({error})")
    return _UNREADABLE


def _csv_records(stream: TextIO, bad: Bad) -> Iterator[tuple[int, dict[str, Any] | None]]:
    header = stream.readline(MAX_LINE_CHARS)
    try:
        delimiter = csv.Sniffer().sniff(header, delimiters=_DELIMITERS).delimiter
    except csv.Error:  # one column, or no delimiter it knows: say so below
        delimiter = ","
    reader = csv.DictReader(itertools.chain([header], stream), delimiter=delimiter)
    try:
        fieldnames = reader.fieldnames or []
    except csv.Error as error:  # a header field over the csv module's 131,072 characters
        bad(1, f"cannot be read as CSV ({error})")
        return
    missing = {"date", "title", "type"} - set(fieldnames)
    if missing:
        hint = ("" if len(fieldnames) > 1 else
                " (separate the columns with commas, semicolons or tabs)")
        bad(1, f"the header lacks the column(s) {', '.join(sorted(missing))}{hint}")
        return
    line = reader.reader.line_num
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as error:  # a field over 131,072 characters: the row is skipped
            start, line, before = line + 1, reader.reader.line_num, line
            bad(start, f"cannot be read as CSV ({error})")
            yield start, None
            if line == before:  # the reader did not move on: stop rather than loop
                return
            continue
        start, line = line + 1, reader.reader.line_num
        if None in row:
            bad(start, f"{len(row[None])} more field(s) than the header has")
            yield start, None
            continue
        short = sum(value is None for value in row.values())
        if short:
            bad(start, f"{short} field(s) fewer than the header has")
            yield start, None
            continue
        try:
            yield start, _record_from_csv(row)
        except InvalidEvent as error:
            for problem in error.problems:
                bad(start, problem.message, problem.field)
            yield start, None


def _record_from_csv(row: dict[str, str | None]) -> dict[str, Any]:
    row = {key: _restored(value) if value else value for key, value in row.items()}
    record: dict[str, Any] = {k: v for k, v in row.items()
                              if k in CSV_COLUMNS and v not in (None, "")}
    for name in _LISTS:
        record[name] = [part.strip() for part in record.get(name, "").split(";") if part.strip()]
    if "sources" in record:
        try:
            record["sources"] = json.loads(record["sources"])
        except (RecursionError, ValueError) as error:
            message = error.msg if isinstance(error, json.JSONDecodeError) else "unreadable"
            raise InvalidEvent([Problem(field="sources",
                                        message=f"not a JSON list ({message})")]) from None
    else:
        single = {key: row[column] for column, key in _SINGLE_SOURCE.items() if row.get(column)}
        record["sources"] = [single] if single else []
    return record


# -- writing ---------------------------------------------------------------------------------

def _neutralised(value: str, *, reversible: bool = True) -> str:
    """``value`` safe to open in a spreadsheet: ``'`` before what could start a formula.

    ``reversible``: also before ``'`` followed by a formula start, so :func:`_restored` can
    tell an added quote from one that was there (not needed for a file only people read).
    """
    body = value.lstrip("'") if reversible else value
    if body.startswith(_FORMULA_START) and not (body == value and _NUMBER.fullmatch(value)):
        return "'" + value
    return value


def _restored(value: str) -> str:
    """The value :func:`_neutralised` was given: one ``'`` fewer before a formula start."""
    body = value.lstrip("'")
    return value[1:] if body != value and body.startswith(_FORMULA_START) else value


def write_events(events: Iterable[Event], stream: TextIO, fmt: Format) -> int:
    """Write events in a format :func:`read_events` reads back unchanged; return the count.

    CSV cells that a spreadsheet would run as formulas are neutralised (see the module)."""
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
            writer.writerow({key: _neutralised(value) if isinstance(value, str) else value
                             for key, value in row.items()})
        count += 1
    return count


def write_events_file(events: Iterable[Event], path: Path, fmt: Format) -> int:
    """Write events to ``path`` (see :func:`write_events`), replacing the file only once the
    whole of it is written: an error halfway leaves the old file as it was. Returns the count.
    """
    path = Path(path)
    partial = path.with_name(f".{path.name}.partial")
    try:
        with partial.open("w", encoding="utf-8", newline="") as stream:
            count = write_events(events, stream, fmt)
        partial.replace(path)
    finally:
        partial.unlink(missing_ok=True)
    return count


def events_as_text(events: Iterable[Event], fmt: Format) -> str:
    """The events written in ``fmt``, as one string (for downloads)."""
    buffer = io.StringIO()
    write_events(events, buffer, fmt)
    return buffer.getvalue()
