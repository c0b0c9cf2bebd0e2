"""Importing event files as they are published: which format a file is, and into which dataset.

Formats: the project's own CSV, JSON Lines and JSON (:mod:`timeline.files.formats`), GDELT 1.0 event
files (57 columns in backfile rows, 58 in daily rows, both in one file), GDELT 2.0
``*.export.CSV`` files (61 columns), and ICEWS coded event files (``.tab``, 20 columns with a
header). Any of them may come zipped, as GDELT publishes them. ``auto`` recognises each from its
content, not its name.

What an import refuses, each with a problem naming the file (and the line where there is one),
writing nothing: anything but a regular file (a FIFO, a device, a folder; links are followed
first); a file over ``max_bytes`` (default :data:`MAX_IMPORT_BYTES`, 2 GB); a zip of more than
``max_members`` files, unpacking to more than ``max_bytes``, or with a member unpacking to more
than :data:`MAX_ZIP_RATIO` times its packed size (a zip bomb; all checked against the sizes
the zip declares before unpacking, which zipfile never unpacks past); an unreadable zip; an
empty file; a binary file; a byte that is not text in the file's encoding (UTF-8 unless
``encoding`` names another: :mod:`timeline.files.textfiles`); a GDELT or ICEWS file the database
cannot read (wrong number of fields). A full disk or a lack of memory during an import raises
:class:`OutOfResources`, which says so, instead of blaming the file.

A GDELT or ICEWS file whose last line has no line end and too few fields (a download cut
short) has that row skipped, counted as "cut off at the end of the file" (a cut that leaves
every field, shortening only the last, cannot be told from a whole row). A zip with a refused
member, or with an invalid row in any project-format member, imports nothing unless
``skip_invalid``; otherwise each member is imported in a transaction of its own.
"""

from __future__ import annotations

import errno
import functools
import itertools
import lzma
import os
import shutil
import tempfile
import zipfile
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Literal

from timeline.core.model import Event, Problem
from timeline.files.formats import (
    Format,
    InvalidFile,
    ReadResult,
    RowProblem,
    guess_format,
    human_size,
    iter_events,
    json_value,
)
from timeline.files.textfiles import NotReadable, as_utf8, encoding_name, regular_file
from timeline.store import CURATED, ImportSummary, Store, UnreadableFile

FileFormat = Literal["csv", "jsonl", "json", "gdelt", "icews"]
FORMATS: tuple[str, ...] = ("auto", "csv", "jsonl", "json", "gdelt", "icews")
MAX_IMPORT_BYTES = 2 * 1024 ** 3  # a file, or all of a zip's members unpacked
MAX_ZIP_MEMBERS = 1000
# Why rows were skipped, each read after a count of rows ("2 rows invalid"), so worded the
# same for one row or many.
LOOK_ALIKES = "similar to stored events"
INVALID = "invalid"
_BATCH = 10_000  # events written at a time: memory holds one batch, and the lines of its ids
# Text deflates to a fifth or a tenth of its size; a member unpacking to more than this many
# times its packed size (and over a megabyte) is a zip bomb, not events.
MAX_ZIP_RATIO = 100
_RATIO_FLOOR = 1024 * 1024
_HEAD = 64 * 1024

# GDELT 1.0 daily files: 58 tab-separated columns; backfile rows lack the last (SOURCEURL).
_GEO = ("Type", "FullName", "CountryCode", "ADM1Code", "Lat", "Long", "FeatureID")
_ACTOR = ("Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code",
          "Religion2Code", "Type1Code", "Type2Code", "Type3Code")
GDELT1_COLUMNS: tuple[str, ...] = (
    "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate",
    *(f"Actor1{c}" for c in _ACTOR), *(f"Actor2{c}" for c in _ACTOR),
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
    "NumMentions", "NumSources", "NumArticles", "AvgTone",
    *(f"{who}Geo_{c}" for who in ("Actor1", "Actor2", "Action") for c in _GEO),
    "DATEADDED", "SOURCEURL",
)
# GDELT 2.0 adds an ADM2Code to each of the three geo blocks: 61 columns.
_GEO2 = ("Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID")
GDELT2_COLUMNS: tuple[str, ...] = (
    *GDELT1_COLUMNS[:35],
    *(f"{who}Geo_{c}" for who in ("Actor1", "Actor2", "Action") for c in _GEO2),
    "DATEADDED", "SOURCEURL",
)
ICEWS_HEADER = ("Event ID", "Event Date", "Source Name", "Source Sectors", "Source Country",
                "Event Text", "CAMEO Code", "Intensity", "Target Name", "Target Sectors",
                "Target Country", "Story ID", "Sentence Number", "Publisher", "City", "District",
                "Province", "Country", "Latitude", "Longitude")


class UnrecognisedFile(ValueError):
    """Raised when a file is in none of the formats this program reads."""


class OutOfResources(OSError):
    """Raised when the disk filled up or memory ran out during an import: the machine's
    problem, not the file's, said as such (the import's transaction is rolled back)."""

    def __str__(self) -> str:
        return self.strerror  # without OSError's "[Errno 28]"


# How the operating system, DuckDB and SQLite (the reader's ids) word a full disk (ENOSPC,
# EDQUOT, EFBIG), and DuckDB and Arrow running out of memory, in errors that carry no errno.
_DISK_FULL = ("No space left on device", "Disk quota exceeded", "File too large",
              "database or disk is full")
_NO_MEMORY = ("Out of Memory", "OutOfMemory", "could not allocate", "bad_alloc")


def out_of_resources(error: BaseException, file: str, database: Path | None) -> \
        OutOfResources | None:
    """``error`` (or an error it was raised from) as an :class:`OutOfResources` when it says
    the disk is full or memory ran out, naming ``file`` and ``database``; else ``None``.

    The bulk readers call this on errors they would otherwise report as the file's."""
    seen: BaseException | None = error
    while seen is not None:
        text = f"{type(seen).__name__}: {seen}"
        errno_ = getattr(seen, "errno", None)
        if errno_ in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG) or any(
                words in text for words in _DISK_FULL):
            # An OSError names its file, if any; an error with no errno is the database's.
            where = getattr(seen, "filename", None) or (
                "a file" if errno_ is not None else f"the database {database or ''}".strip())
            return OutOfResources(errno.ENOSPC, (
                f"the disk is full while writing {where} ({_first_line(seen)}): nothing of "
                f"{file} was imported; free some space (or set TMPDIR to a larger disk) and "
                f"import it again"))
        if isinstance(seen, MemoryError) or any(words in text for words in _NO_MEMORY):
            return OutOfResources(errno.ENOMEM, (
                f"out of memory while importing {file}: nothing of it was imported; close "
                f"other programs, or split the file, and import it again"))
        seen = seen.__cause__ or seen.__context__
    return None


def _first_line(error: BaseException) -> str:
    """What the error says, briefly: an OSError's reason without its errno and file name."""
    text = getattr(error, "strerror", None) or str(error).strip()
    return (text.splitlines() or [type(error).__name__])[0][:200]


def _resources_named(function: Callable[..., ImportSummary]) -> Callable[..., ImportSummary]:
    """``function`` (an import), raising :class:`OutOfResources` for a full disk or a lack of
    memory, whatever part of it met them."""
    @functools.wraps(function)
    def wrapper(store: Store, path: Path, *args: object, **options: object) -> ImportSummary:
        try:
            return function(store, path, *args, **options)
        except Exception as error:  # MemoryError is an Exception
            failure = out_of_resources(error, str(options.get("name") or path), store.path)
            if failure is None:
                raise
        # Raised outside the handler, without the error as its context: the failed import's
        # frames (and what they hold: the memory that ran out) are freed first.
        raise failure
    return wrapper


def detect_format(path: Path, *, name: str | None = None) -> FileFormat:
    """The format of a (not zipped) file, from its first line (``name``: the file as the
    error message names it; default its path).

    GDELT rows start with a numeric GLOBALEVENTID and an 8-digit SQLDATE, 57 or 58 tab-separated
    fields for 1.0 and 61 for 2.0; ICEWS files start with their header. A first line that fits
    none of the formats leaves it to the name: ``.csv``, ``.jsonl``/``.ndjson`` or ``.json``.
    """
    with path.open("rb") as stream:
        head = stream.readline(64 * 1024).decode("utf-8-sig", errors="replace").rstrip("\r\n")
    fields = head.split("\t")
    if tuple(fields[:3]) == ICEWS_HEADER[:3]:
        return "icews"
    if len(fields) in (57, 58, 61) and fields[0].isdigit() and len(fields[1]) == 8 \
            and fields[1].isdigit():
        return "gdelt"
    stripped = head.lstrip()
    if stripped.startswith("{"):
        # One object per line is JSON Lines; a TimelineJS file is one object holding "events".
        return "json" if _is_timelinejs(path) else "jsonl"
    if stripped.startswith("["):
        return "json"
    if "date" in head and "title" in head and any(d in head for d in ",;\t|"):
        return "csv"  # comma, semicolon, tab or | between the columns
    if path.suffix.lower() in (".csv", ".jsonl", ".ndjson", ".json"):
        # Named as a project file: its reader says what is wrong with it, line by line.
        return guess_format(path)
    raise UnrecognisedFile(f"{name or path}: line 1: not a GDELT, ICEWS or project events file "
                           f"(it starts {head[:60]!r})")


def _is_timelinejs(path: Path) -> bool:
    """True when the file's first line is not a whole JSON object but the file holds a
    TimelineJS ``"events"`` list (or its one line is such an object)."""
    with path.open("rb") as stream:
        first = stream.readline(_HEAD).decode("utf-8-sig", errors="replace")
        rest = stream.read(_HEAD).decode("utf-8", errors="replace")
    try:
        record = json_value(first)  # a line nested a thousand deep is refused, not recursed
    except ValueError:
        return '"events"' in first + rest
    return isinstance(record, dict) and isinstance(record.get("events"), list)


def gdelt_columns(path: Path) -> tuple[str, ...]:
    """The column names of a GDELT file: 2.0's when its first row has 61 fields, else 1.0's."""
    with path.open("rb") as stream:
        width = stream.readline(64 * 1024).count(b"\t") + 1
    return GDELT2_COLUMNS if width == 61 else GDELT1_COLUMNS


@_resources_named
def import_file(store: Store, path: Path, *, fmt: str = "auto", dataset: str | None = None,
                skip_invalid: bool = False, dry_run: bool = False,
                allow_similar: bool = False, author: str = "import",
                progress: Callable[[float], None] | None = None,
                max_bytes: int = MAX_IMPORT_BYTES,
                max_members: int = MAX_ZIP_MEMBERS, name: str | None = None,
                encoding: str | None = None) -> ImportSummary:
    """Import one file (or every member of a zip) into ``dataset`` as one transaction and one
    recorded change (``author``'s, undone as a whole); return what happened.

    The dataset defaults to the curated one for the project's own formats and to ``gdelt`` or
    ``icews`` for those. Any invalid row, in any member, imports nothing unless
    ``skip_invalid``; the problems are in ``summary.problems``, and so are the file-level
    refusals listed in the module's description (too large, empty, binary, …) and events
    whose id another dataset holds (never taken over). An id the dataset holds already is
    replaced, recorded as an edit of that event. A new event that looks like a stored one
    (same countries, overlapping dates, alike title) is skipped with a warning unless
    ``allow_similar``. ``summary.warnings`` holds what rejected nothing: an encoding
    detected, a file holding no events, the look-alikes. GDELT and ICEWS rows that cannot be
    events (no date, an unknown CAMEO code) are skipped and counted by reason. ``dry_run``
    runs the very same import and rolls it back, so its summary is the real one. Raises
    :class:`UnrecognisedFile` when ``auto`` cannot tell a file's format, ``ValueError`` for
    an unknown ``encoding``, :class:`OutOfResources` when the disk fills up or memory runs
    out, ``OSError`` when the file cannot be opened, and the store's errors (busy). Messages
    name the file as ``name`` (default: its path): an upload's own name, not where it was
    saved.

    ``encoding``: the file's text encoding (a Python codec name such as ``cp1252``, or
    ``"detect"``); the default is UTF-8, and a byte that is not UTF-8 is refused with its line
    and offset. A file in another encoding is written as UTF-8 into the import's scratch
    folder first, so every reader sees UTF-8 only.
    """
    path = Path(path)
    name = name or str(path)
    encoding = encoding_name(encoding)
    summary = ImportSummary(file=name, dataset=dataset or "")
    warnings: list[RowProblem] = []
    summary.warnings = warnings  # a field of ImportSummary (the CLI prints them)
    refusal = _not_a_file_to_read(path, name, max_bytes)
    if refusal is not None:
        return _refused(summary, [refusal])
    with tempfile.TemporaryDirectory(prefix="timeline-import-") as folder:
        scratch = Path(folder)
        try:
            members = _members(path, scratch, max_bytes, max_members, name)
        except InvalidFile as error:
            return _refused(summary, error.problems)
        plan: list[tuple[str, Path, str]] = []
        for shown, member in members:
            try:
                member = _as_text(member, shown, zipped=member != path, encoding=encoding,
                                  scratch=scratch, warnings=warnings)
            except InvalidFile as error:
                summary.problems += error.problems
                continue
            plan.append((shown, member,
                         detect_format(member, name=shown) if fmt == "auto" else fmt))
        if summary.problems and not skip_invalid:
            return _refused(summary, [])
        try:
            # Every member lands, or none: one transaction, kept only when all went well.
            with store.writing(keep=not dry_run) as session:
                for number, (shown, member, member_format) in enumerate(plan):
                    into = dataset or (member_format if member_format in ("gdelt", "icews")
                                       else CURATED)
                    if number == 0:
                        summary.dataset = into
                        change = session.start_import(dataset=into, author=author,
                                                      label=Path(name).name)
                    if member_format in ("gdelt", "icews"):
                        part = _import_bulk(session, member, shown, member_format, into,
                                            author, change, progress, scratch)
                    else:
                        part = _import_project_file(session, member, shown, member_format,
                                                    into, skip_invalid, allow_similar, author,
                                                    change)
                    summary.add(part)
                    if not part.written:  # the database refused the file: nothing lands
                        raise _RowsInvalid
                if summary.problems and not skip_invalid:
                    raise _RowsInvalid
                if plan:
                    session.finish_import(change, label=Path(name).name,
                                          added=summary.imported - summary.replaced,
                                          replaced=summary.replaced)
        except _RowsInvalid:  # rolled back: nothing of it is stored
            summary.written, summary.imported, summary.replaced = False, 0, 0
            summary.change = None
            return summary
    summary.written = not dry_run
    if dry_run:
        summary.change = None
    return summary


def _file_problem(shown: str, message: str, line: int = 0) -> RowProblem:
    return RowProblem(shown, line, Problem(field="file", message=message))


def _refused(summary: ImportSummary, problems: list[RowProblem]) -> ImportSummary:
    summary.problems += problems
    summary.written = False
    return summary


def _not_a_file_to_read(path: Path, name: str, max_bytes: int) -> RowProblem | None:
    """A problem when ``path`` is no regular file (a FIFO would block, ``/dev/zero`` never
    end), or one over ``max_bytes``."""
    try:
        size = regular_file(path).st_size
    except NotReadable as error:
        return _file_problem(name, error.message)
    if size > max_bytes:
        return _file_problem(name, f"is {human_size(size)}, over the import limit of "
                                   f"{human_size(max_bytes)}")
    return None


def _as_text(path: Path, shown: str, *, zipped: bool, encoding: str | None, scratch: Path,
             warnings: list[RowProblem]) -> Path:
    """The file to read for ``path``: itself when it is UTF-8, else its UTF-8 transcoding in
    ``scratch`` (an unzipped member's own copy is then removed: the disk holds one of them).
    Raises :class:`InvalidFile` when it is plainly no events file (:func:`_unreadable`) or
    not text in the encoding; a detected encoding is named in ``warnings``."""
    problem = _unreadable(path, shown, zipped=zipped)
    if problem is not None:
        raise InvalidFile([problem])
    target = scratch / "utf-8" / path.name
    try:
        text = as_utf8(path, encoding=encoding, into=target)
    except NotReadable as error:
        raise InvalidFile([_file_problem(shown, error.message, error.line)]) from None
    if text.detected:
        warnings.append(_file_problem(shown, (
            f"its encoding was detected as {text.encoding} (charset-normalizer): if titles "
            f"read wrongly, give the encoding with --encoding NAME")))
    if text.transcoded and path.is_relative_to(scratch):
        path.unlink()
    return text.path


def _unreadable(path: Path, shown: str, *, zipped: bool) -> RowProblem | None:
    """A problem when a file is plainly no events file: empty, a damaged zip, a zip in a zip
    (``zipped``: ``path`` came out of a zip). Binary files and encodings: :func:`_as_text`."""
    with path.open("rb") as stream:
        head = stream.read(_HEAD)
    if not head.strip(b" \t\r\n\f\v\xef\xbb\xbf") and path.stat().st_size <= _HEAD:
        return _file_problem(shown, "the file is empty: no events in it", 1)
    if head.startswith(b"PK\x03\x04"):
        return _file_problem(shown, "a zip inside a zip: unzip the outer one first" if zipped
                             else "a damaged zip: its list of files is missing or cut off")
    return None


def _import_project_file(store: Store, path: Path, shown: str, fmt: Format, dataset: str,
                         skip_invalid: bool, allow_similar: bool, author: str,
                         change: int) -> ImportSummary:
    """Stream a project file's valid events into the store's transaction, a batch at a time;
    events whose id another dataset holds become problems, look-alikes warnings (both not
    written), each naming its line."""
    result = ReadResult()
    counted = _Counted(iter_events(path, fmt, name=shown, result=result), result, skip_invalid)
    numbered = ((result.line, event) for event in counted)
    summary = ImportSummary(file=shown, dataset=dataset, change=change)
    conflicts: list[RowProblem] = []
    look_alikes: list[RowProblem] = []
    while batch := list(itertools.islice(numbered, _BATCH)):
        lines = {event.id: line for line, event in batch}
        written = store.add_events((event for _, event in batch), dataset=dataset,
                                   author=author, change=change, allow_similar=allow_similar)
        summary.imported += written.added + written.replaced
        summary.replaced += written.replaced
        conflicts += [RowProblem(shown, lines[event_id], Problem(field="id", message=(
            f"{event_id!r} is an event of dataset {holder!r}, which an import never takes "
            f"over: give the event another id, or import it into {holder!r}")))
            for event_id, holder in written.conflicts]
        look_alikes += [RowProblem(shown, lines[event_id], Problem(field="title", message=(
            f"{event_id!r} looks like the stored event {stored!r} ({title!r}): not imported, "
            f"as it may be the same event told twice")))
            for event_id, stored, title in written.similar]
    summary.rows = result.rows
    summary.problems = sorted([*result.problems, *conflicts], key=lambda p: p.line)
    summary.warnings = [*result.warnings, *look_alikes]
    if look_alikes:
        summary.skipped[LOOK_ALIKES] = len(look_alikes)
    rejected = len({p.line for p in summary.problems})
    if rejected:
        summary.skipped[INVALID] = rejected
    return summary


class _RowsInvalid(Exception):
    """Raised at the end of an import with invalid rows, to roll it back."""


class _Counted:
    """The events of a file, counted; no event is passed on after the first invalid row when
    they are not to be skipped (the import is going to be rolled back anyway)."""

    def __init__(self, events: Iterator[Event], result: ReadResult, skip_invalid: bool):
        self._events, self._result, self._skip = events, result, skip_invalid

    def __iter__(self) -> Iterator[Event]:
        for event in self._events:
            if self._result.problems and not self._skip:
                continue
            yield event


def _import_bulk(store: Store, path: Path, shown: str, fmt: str, dataset: str, author: str,
                 change: int, progress: Callable[[float], None] | None,
                 scratch: Path) -> ImportSummary:
    """A GDELT or ICEWS file through the database's own CSV reader, minus a last row that was
    cut off; a file the reader refuses is one problem, and a summary not ``written``: the
    reader's failure ends the transaction, so nothing of the import can land."""
    columns = gdelt_columns(path) if fmt == "gdelt" else ICEWS_HEADER
    # GDELT 1.0 backfile rows have 57 fields, daily rows 58: 57 is the fewest a row may have.
    fewest = 57 if columns == GDELT1_COLUMNS else len(columns)
    cut = _cut_off_row(path, fewest)
    read = path
    if cut is not None:
        offset, fields = cut
        if not path.is_relative_to(scratch):  # not an unzipped copy: copy the user's file
            read = scratch / "whole-rows" / path.name
            read.parent.mkdir(exist_ok=True)
            shutil.copyfile(path, read)
        os.truncate(read, offset)
    importer = store.import_gdelt if fmt == "gdelt" else store.import_icews
    try:
        part = importer(read, columns, dataset=dataset, author=author, change=change,
                        progress=progress)
    except UnreadableFile as error:
        label = {"gdelt": "GDELT", "icews": "ICEWS"}[fmt]
        return ImportSummary(file=shown, dataset=dataset, written=False, problems=[RowProblem(
            shown, error.line, Problem(
                field="line" if error.line else "file",
                message=f"cannot be read as {label} ({error.reason}); nothing imported"))])
    part.file = shown
    if cut is not None:
        line = part.rows + 1 + (fmt == "icews")  # after the rows read (and ICEWS's header)
        part.rows += 1
        part.skipped[f"cut off at the end of the file (line {line}: {fields} of "
                     f"{len(columns)} fields, no line end)"] = 1
    return part


def _cut_off_row(path: Path, fewest: int) -> tuple[int, int] | None:
    """(offset, fields) of a last row that has no line end and fewer than ``fewest``
    tab-separated fields: a file cut short. ``None`` when the file ends cleanly."""
    size = path.stat().st_size
    with path.open("rb") as stream:
        stream.seek(max(0, size - _HEAD))
        tail = stream.read()
    if not tail or tail.endswith((b"\n", b"\r")):
        return None
    start = tail.rfind(b"\n") + 1
    if start == 0 and size > len(tail):
        return None  # a last line longer than any GDELT or ICEWS row: leave it to the reader
    fields = tail.count(b"\t", start) + 1
    return (size - len(tail) + start, fields) if fields < fewest else None


def _members(path: Path, scratch: Path, max_bytes: int, max_members: int,
             name: str) -> list[tuple[str, Path]]:
    """(name to show, file) for the file itself, or for each member of a zip, unpacked into
    ``scratch``: ``("events.zip:20150218.export.CSV", Path("/tmp/…/0-20150218…"))``.

    Raises :class:`InvalidFile` for a zip of too many members, one unpacking to more than
    ``max_bytes`` (declared or found while unpacking: the declared sizes can lie), or one
    that cannot be read."""
    if not zipfile.is_zipfile(path):
        return [(name, path)]

    def refuse(message: str) -> InvalidFile:
        return InvalidFile([_file_problem(name, message)])

    try:
        with zipfile.ZipFile(path) as archive:
            infos = [info for info in archive.infolist() if not info.is_dir()]
            if not infos:
                raise refuse("the zip holds no files")
            if len(infos) > max_members:
                raise refuse(f"the zip holds {len(infos):,} files; at most {max_members:,} "
                             f"are read from one zip")
            declared = sum(info.file_size for info in infos)
            if declared > max_bytes:
                raise refuse(f"the zip unpacks to {human_size(declared)}, over the import "
                             f"limit of {human_size(max_bytes)}")
            # zipfile never unpacks a member past its declared size: checking that is enough.
            for info in infos:
                if info.file_size > max(_RATIO_FLOOR, MAX_ZIP_RATIO * info.compress_size):
                    raise refuse(_bomb(info))
            extracted, total = [], 0
            for number, info in enumerate(infos):
                target = scratch / f"{number}-{Path(info.filename).name}"
                # Streamed copy: a member is never held in memory whole.
                with archive.open(info) as source, target.open("wb") as sink:
                    while block := source.read(1 << 20):
                        total += len(block)
                        if total > max_bytes:
                            raise refuse(f"the zip unpacks to more than "
                                         f"{human_size(max_bytes)}, the import limit")
                        sink.write(block)
                extracted.append((f"{name}:{info.filename}", target))
            return extracted
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, RuntimeError,
            EOFError, zlib.error, lzma.LZMAError, OSError) as error:
        if isinstance(error, OSError) and error.errno is not None:
            error.filename = error.filename or str(scratch)  # a write names no file
            raise  # the disk, not the zip (bz2's "Invalid data stream" has no errno)
        raise refuse(f"not a readable zip ({error})") from None


def _bomb(info: zipfile.ZipInfo) -> str:
    ratio = info.file_size / max(info.compress_size, 1)
    return (f"the zip's {info.filename!r} unpacks to {human_size(info.file_size)} from "
            f"{human_size(info.compress_size)} ({ratio:,.0f} times its packed size): a zip "
            f"bomb, not events; at most {MAX_ZIP_RATIO} times is unpacked")
