"""The project's own event files: JSON Lines, CSV and JSON, read with line numbers.

JSON Lines holds one event per line exactly as :meth:`Event.to_record` writes it. CSV has one
event per row with these columns (``countries`` and ``tags`` joined by ``;``; ``sources`` a JSON
list, or instead the single-source columns ``source_url``, ``source_publisher``,
``source_published`` and ``source_quote`` for files written by hand)::

    id,date,precision,end_date,title,summary,countries,actor,target,type,tags,sources,
    cameo,goldstein,weight

Reading collects every problem as ``FILE:LINE: field: message`` rather than stopping at the
first, so a person can fix a file in one pass. What reading accepts:

- Text: UTF-8, with or without a byte-order mark, any line ends (LF, CRLF, CR). A byte that
  is not UTF-8 is refused with its line and offset (:mod:`timeline.files.textfiles`;
  :func:`timeline.store.importers.import_file` reads other encodings when given one), as are
  UTF-16/32 text and a file holding a NUL byte ("binary file, not events"). An empty file, or
  one with a header and no rows, holds no events: a warning, not a problem (an export of no
  events reads back as none; :func:`timeline.store.importers.import_file` refuses empty files).
- CSV: the delimiter is recognised from the header line (``csv.Sniffer``: comma, semicolon,
  tab or ``|``); a row with more or fewer fields than the header is reported, not guessed at.
- CSV formulas: :func:`write_events` prefixes ``'`` to a cell starting with ``=``, ``+``,
  ``-``, ``@``, tab or CR (OWASP's advice against CSV injection), except a plain number such
  as ``-6.5``, and to a cell of one or more ``'`` followed by one of those characters;
  reading removes exactly one leading ``'`` from a cell of one or more ``'`` followed by one
  of them. So ``=1+1`` is written ``'=1+1`` and ``'=x`` is written ``''=x``, and both read
  back as they were. A hand-written ``'=x`` reads as ``=x``.
- JSON Lines and CSV are read row by row and a JSON list item by item (:func:`iter_events`), so
  memory stays bounded by one row (a line or an item holds at most :data:`MAX_LINE_CHARS`); a
  JSON object (TimelineJS) is read whole, up to :data:`MAX_JSON_OBJECT_CHARS`. JSON nested
  more than :data:`MAX_JSON_DEPTH` levels is refused before it is parsed. Ids already met are
  kept on disk, not in memory.
"""

from __future__ import annotations

import csv
import io
import itertools
import json
import re
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal, TextIO

from timeline.core.dates import PartialDate
from timeline.core.model import Event, InvalidEvent, Problem, parse_event
from timeline.core.wording import counted
from timeline.files import timelinejs
from timeline.files.textfiles import NotReadable, as_utf8, regular_file

Format = Literal["jsonl", "csv", "json"]
CSV_COLUMNS = ("id", "date", "precision", "end_date", "title", "summary", "countries", "actor",
               "target", "type", "tags", "sources", "cameo", "goldstein", "weight")
_SINGLE_SOURCE = {"source_url": "url", "source_publisher": "publisher",
                  "source_published": "published", "source_quote": "quote"}
_LISTS = ("countries", "tags")
_DELIMITERS = ",;\t|"
# A JSON object (a TimelineJS file) is parsed whole: a list of events is read item by item.
MAX_JSON_OBJECT_CHARS = 16 * 1024 * 1024
# An event nests four levels (a list of events, an event, its sources, a source).
MAX_JSON_DEPTH = 64
_JSON_TOKENS = re.compile(r'"(?:[^"\\]|\\.)*"|[\[\]{}]')
_JSON_SPACE = re.compile(r"[ \t\r\n]*")
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
    (the file holds no events, its encoding was detected) that reject nothing."""

    events: list[Event] = field(default_factory=list)
    problems: list[RowProblem] = field(default_factory=list)
    rows: int = 0
    warnings: list[RowProblem] = field(default_factory=list)
    line: int = 0  # the line of the event given last, while they are read

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
    ids = _FirstLines()
    # utf-8-sig: a byte-order mark written by a spreadsheet is not part of the first field.
    with path.open(encoding=encoding, newline="") as stream, ids:
        for line, record in _records(stream, fmt, name, result):
            result.rows += 1
            if record is None:  # unreadable: its problem is recorded already
                continue
            try:
                event = parse_event(record)
            except InvalidEvent as error:
                result.problems += [RowProblem(name, line, p) for p in error.problems]
                continue
            first = ids.first_line(event.id, line)
            if first is not None:
                result.problems.append(RowProblem(name, line, Problem(
                    field="id", message=f"{event.id!r} is also on line {first}")))
                continue
            result.line = line
            yield event
    if not result.rows and not result.problems:
        what = {"csv": "a header and no rows", "json": "an empty list",
                "jsonl": "no event lines"}[fmt]
        result.warnings.append(RowProblem(name, 0, Problem(
            field="file", message=f"holds no events ({what})")))


class _FirstLines:
    """The line each event id was first met on, kept in a temporary SQLite database, which
    holds a few pages in memory and the rest on disk: the ids of ten million events would
    take more than a gigabyte as a Python dict."""

    def __init__(self) -> None:
        self._db = sqlite3.connect("", isolation_level=None)  # "": a private temporary file
        self._db.execute("CREATE TABLE ids (id TEXT PRIMARY KEY, line INTEGER) WITHOUT ROWID")
        self._db.execute("BEGIN")  # never committed: one transaction is fastest

    def __enter__(self) -> _FirstLines:
        return self

    def __exit__(self, *_: object) -> None:
        self._db.close()

    def first_line(self, event_id: str, line: int) -> int | None:
        """``None`` when ``event_id`` is new (it is then kept with ``line``), else the line
        it was first met on."""
        if self._db.execute("INSERT OR IGNORE INTO ids VALUES (?, ?)",
                            (event_id, line)).rowcount:
            return None
        return self._db.execute("SELECT line FROM ids WHERE id = ?", (event_id,)).fetchone()[0]


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
        writer.writerow([neutralised(str(value), reversible=False) for value in
                         (row.file, row.line, row.problem.field, row.problem.message)])
    return buffer.getvalue()


# -- bytes to text ---------------------------------------------------------------------------

def _text_encoding(path: Path, name: str, result: ReadResult) -> str | None:
    """``utf-8-sig``: how to decode the file; ``None`` (with a problem, or for an empty file a
    warning, in ``result``) for a file that is not a regular file, or not UTF-8 text.

    One streamed pass over the bytes (:func:`timeline.files.textfiles.as_utf8`).
    """
    try:
        regular_file(path)
        text = as_utf8(path)
    except NotReadable as error:
        result.problems.append(RowProblem(name, error.line, Problem(field="file",
                                                                    message=error.message)))
        return None
    if text.blank:  # an export of no events as JSON Lines: a warning, not a problem
        result.warnings.append(RowProblem(name, 0, Problem(
            field="file", message="the file is empty: no events in it")))
        return None
    return "utf-8-sig"


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
    start = stream.read(_CHUNK)
    if start.lstrip().startswith("["):
        yield from _json_list_records(stream, start, bad)
        return
    # Anything else (a TimelineJS file is one object) is read whole: capped in size.
    whole = start + stream.read(MAX_JSON_OBJECT_CHARS + 1 - len(start))
    if len(whole) > MAX_JSON_OBJECT_CHARS:
        bad(0, f"a JSON object is read whole, so it may hold at most "
               f"{MAX_JSON_OBJECT_CHARS:,} characters; write the events as a JSON list or as "
               f"JSON Lines (.jsonl), which are read one event at a time", "file")
        return
    records = _json_value(whole, None, bad)
    if records is _UNREADABLE:
        return
    if not (isinstance(records, dict) and isinstance(records.get("events"), list)):
        bad(1, "a JSON events file holds a list of event objects")
        return
    # A TimelineJS slide has no line of its own: number them by position, from 1.
    for number, slide in enumerate(records["events"], start=1):
        record = timelinejs.event_record(slide)
        if isinstance(record, dict):
            yield number, record
        else:
            bad(number, "each item must be a JSON object")
            yield number, None


def _json_list_records(stream: TextIO, text: str,
                       bad: Bad) -> Iterator[tuple[int, dict[str, Any] | None]]:
    """The items of a JSON list, each numbered by the line it starts on, read one at a time
    (``text``: what was read of ``stream`` so far): memory holds one item and a chunk.

    The standard library's decoder parses each item (``raw_decode``); this only finds where
    items start, and reads on when one is cut by the end of a chunk."""
    decoder = json.JSONDecoder()
    line, pos, ended = 1, text.index("[") + 1, False

    def read_on() -> bool:
        """Drop what was parsed (counting its lines) and read a chunk; False at the end."""
        nonlocal text, pos, line, ended
        line += text.count("\n", 0, pos)
        text, pos = text[pos:], 0
        more = stream.read(_CHUNK)
        ended = not more
        text += more
        return not ended

    def next_character() -> str:
        nonlocal pos
        while True:
            pos = _JSON_SPACE.match(text, pos).end()
            if pos < len(text) or not read_on():
                return text[pos:pos + 1]

    def where(at: int) -> int:
        return line + text.count("\n", 0, at)

    first = True
    while True:
        character = next_character()
        if not character:
            bad(where(pos), "not valid JSON (the file ends inside the list)")
            return
        if first and character == "]":
            pos += 1
            break
        first = False
        start = where(pos)
        while True:
            if _too_deep(text, pos):
                bad(start, f"not valid JSON (nested more than {MAX_JSON_DEPTH} levels deep)")
                yield start, None
                return
            try:
                record, end = decoder.raw_decode(text, pos)
            except json.JSONDecodeError as error:
                if not ended and len(text) - pos <= MAX_LINE_CHARS:
                    read_on()  # the item may be cut by the end of the chunk: read on, retry
                    continue
                bad(where(error.pos), f"not valid JSON ({error.msg})")
                yield start, None
                return
            if end < len(text) or ended:
                break
            read_on()  # a value right at the end of the chunk may go on: read on, parse again
        pos = end
        if isinstance(record, dict):
            yield start, record
        else:
            bad(start, "each item must be a JSON object")
            yield start, None
        character = next_character()
        pos += 1
        if character == "]":
            break
        if not character:
            bad(where(pos), "not valid JSON (the file ends inside the list)")
            return
        if character != ",":
            bad(where(pos - 1), "not valid JSON (a , or ] must follow an item)")
            return
    if next_character():
        bad(where(pos), "not valid JSON (something follows the list)")


_UNREADABLE = object()


def _json_value(text: str, line: int | None, bad: Bad) -> Any:
    """The JSON value of ``text``, or :data:`_UNREADABLE` with the problem reported (at
    ``line``, or at the line the parser names)."""
    # Every event has fewer brackets than that: only then is the depth worth counting.
    if text.count("[") + text.count("{") > MAX_JSON_DEPTH and _too_deep(text):
        bad(line or 1, f"not valid JSON (nested more than {MAX_JSON_DEPTH} levels deep)")
        return _UNREADABLE
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        bad(line or error.lineno, f"not valid JSON ({error.msg}, column {error.colno})")
    except ValueError as error:  # a number of more than 4,300 digits
        bad(line or 1, f"not valid JSON ({error})")
    return _UNREADABLE


def json_value(text: str) -> Any:
    """The JSON value of ``text``; ``ValueError`` when it is not JSON or is nested more than
    :data:`MAX_JSON_DEPTH` levels deep (never ``RecursionError``)."""
    problems: list[str] = []
    value = _json_value(text, None, lambda _line, message: problems.append(message))
    if problems:
        raise ValueError(problems[0])
    return value


def _too_deep(text: str, start: int = 0) -> bool:
    """Whether the JSON value at ``start`` nests lists and objects more than
    :data:`MAX_JSON_DEPTH` deep: checked before parsing, since the parser recurses once per
    level and stops with ``RecursionError`` near a thousand."""
    depth = 0
    for token in _JSON_TOKENS.finditer(text, start):
        if token.group() in ("[", "{"):
            depth += 1
            if depth > MAX_JSON_DEPTH:
                return True
        elif token.group() in ("]", "}"):
            depth -= 1
            if depth <= 0:
                return False
    return False


def _csv_records(stream: TextIO, bad: Bad) -> Iterator[tuple[int, dict[str, Any] | None]]:
    lines = _Lines(stream)
    header = next(lines, "")
    try:
        delimiter = csv.Sniffer().sniff(header, delimiters=_DELIMITERS).delimiter
    except csv.Error:  # one column, or no delimiter it knows: say so below
        delimiter = ","
    reader = csv.DictReader(itertools.chain([header], lines), delimiter=delimiter)
    try:
        fieldnames = reader.fieldnames or []
    except csv.Error as error:  # a header field over the csv module's 131,072 characters
        bad(1, f"cannot be read as CSV ({error})")
        return
    missing = {"date", "title", "type"} - set(fieldnames)
    if missing:
        hint = ("" if len(fieldnames) > 1 else
                " (separate the columns with commas, semicolons or tabs)")
        bad(1, f"the header lacks {counted(len(missing), 'column')}: "
               f"{', '.join(sorted(missing))}{hint}")
        return
    looks_like_a_row = _row_test(delimiter, len(fieldnames), fieldnames.index("date"))
    while True:
        lines.taken.clear()
        try:
            row: dict[str, Any] | csv.Error | None = next(reader)
        except StopIteration:
            row = None
        except csv.Error as error:  # a field over 131,072 characters: the row is skipped
            row = error
        yield from _overlong_lines(lines, bad)
        if row is None:
            return
        start = lines.first_taken()
        if isinstance(row, csv.Error):
            bad(start, f"cannot be read as CSV ({row})")
            yield start, None
            if not lines.taken:  # the reader did not move on: stop rather than loop
                return
            continue
        swallowed = [number for number, text in lines.taken[1:] if looks_like_a_row(text)]
        if swallowed:
            yield from _unclosed_quote(start, lines.taken[-1][0], swallowed, bad)
            continue
        if None in row:
            bad(start, f"{counted(len(row[None]), 'field')} more than the header has")
            yield start, None
            continue
        short = sum(value is None for value in row.values())
        if short:
            bad(start, f"{counted(short, 'field')} fewer than the header has")
            yield start, None
            continue
        try:
            yield start, _record_from_csv(row)
        except InvalidEvent as error:
            for problem in error.problems:
                bad(start, problem.message, problem.field)
            yield start, None


class _Lines:
    """The lines of a text stream for the CSV reader, each at most :data:`MAX_LINE_CHARS`
    (a longer one is dropped, its number kept in ``overlong``: the csv module would read it
    whole into memory first); ``taken`` holds the (number, text) of the lines the reader took
    since it was last cleared, so a record's own lines can be looked at."""

    def __init__(self, stream: TextIO):
        self._stream = stream
        self.number = 0
        self.taken: list[tuple[int, str]] = []
        self.overlong: list[int] = []

    def __iter__(self) -> Iterator[str]:
        return self

    def __next__(self) -> str:
        text = self._stream.readline(MAX_LINE_CHARS)
        if not text:
            raise StopIteration
        self.number += 1
        if len(text) == MAX_LINE_CHARS and not text.endswith(("\n", "\r")):
            while (rest := self._stream.readline(MAX_LINE_CHARS)) and \
                    not rest.endswith(("\n", "\r")):
                pass  # skip the rest of the overlong line
            self.overlong.append(self.number)
            text = "\n"  # an empty line in its place: the reader skips it
        self.taken.append((self.number, text))
        return text

    def first_taken(self) -> int:
        """The number of the first line of the record just read (blank lines before it
        skipped): where a person looks for it."""
        return next((n for n, text in self.taken if text.strip()),
                    self.taken[0][0] if self.taken else self.number + 1)


def _overlong_lines(lines: _Lines, bad: Bad) -> Iterator[tuple[int, None]]:
    for number in lines.overlong:
        bad(number, f"longer than {MAX_LINE_CHARS:,} characters: not one event")
        yield number, None
    lines.overlong.clear()


def _row_test(delimiter: str, width: int, date_column: int) -> Callable[[str], bool]:
    """Whether a line read alone is an event row: as many fields as the header, and a date
    in the date column. A line of a summary that runs over several lines is almost never
    that; a row taken into a field by a quote left open is."""
    def looks_like_a_row(text: str) -> bool:
        fields = next(csv.reader([text], delimiter=delimiter), [])
        if len(fields) != width:
            return False
        try:
            PartialDate.parse(fields[date_column].strip())
        except ValueError:
            return False
        return True

    return looks_like_a_row


def _unclosed_quote(start: int, end: int, swallowed: list[int],
                    bad: Bad) -> Iterator[tuple[int, None]]:
    """The problems of a record whose quoted field, opened on line ``start``, ran on to line
    ``end`` and took in the rows on ``swallowed`` lines: each of those is reported too, so
    every row of the file is counted and none is imported as part of another."""
    taken = ", ".join(map(str, swallowed))
    lines = "line" if len(swallowed) == 1 else "lines"
    bad(start, f"a quote opened on this line is closed only on line {end}, so the rows on "
               f"{lines} {taken} were read as part of this one: close the quote on line "
               f"{start} (a quote inside a field is written twice: \"\")")
    yield start, None
    for number in swallowed:
        bad(number, f"taken into the quoted field opened on line {start}, which is not closed "
                    f"on its own line")
        yield number, None


def _record_from_csv(row: dict[str, str | None]) -> dict[str, Any]:
    row = {key: _restored(value) if value else value for key, value in row.items()}
    record: dict[str, Any] = {k: v for k, v in row.items()
                              if k in CSV_COLUMNS and v not in (None, "")}
    for name in _LISTS:
        record[name] = [part.strip() for part in record.get(name, "").split(";") if part.strip()]
    if "sources" in record:
        try:
            record["sources"] = json_value(record["sources"])
        except ValueError as error:
            raise InvalidEvent([Problem(field="sources", message=f"not a JSON list: "
                                                                 f"{error}")]) from None
    else:
        single = {key: row[column] for column, key in _SINGLE_SOURCE.items() if row.get(column)}
        record["sources"] = [single] if single else []
    return record


# -- writing ---------------------------------------------------------------------------------

def neutralised(value: str, *, reversible: bool = True) -> str:
    """``value`` safe to open in a spreadsheet: ``'`` before what could start a formula.

    ``reversible``: also before ``'`` followed by a formula start, so :func:`_restored` can
    tell an added quote from one that was there (not needed for a file only people read).
    """
    body = value.lstrip("'") if reversible else value
    if body.startswith(_FORMULA_START) and not (body == value and _NUMBER.fullmatch(value)):
        return "'" + value
    return value


def _restored(value: str) -> str:
    """The value :func:`neutralised` was given: one ``'`` fewer before a formula start."""
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
            writer.writerow({key: neutralised(value) if isinstance(value, str) else value
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
