"""Importing event files as they are published: which format a file is, and into which dataset.

Formats: the project's own CSV, JSON Lines and JSON (:mod:`timeline.formats`), GDELT 1.0 event
files (57 columns in backfile rows, 58 in daily rows, both in one file), GDELT 2.0
``*.export.CSV`` files (61 columns), and ICEWS coded event files (``.tab``, 20 columns with a
header). Any of them may come zipped, as GDELT publishes them. ``auto`` recognises each from its
content, not its name.

What an import refuses, each with a problem naming the file (and the line where there is one),
writing nothing: a file over ``max_bytes`` (default :data:`MAX_IMPORT_BYTES`, 2 GB); a zip of
more than ``max_members`` files or unpacking to more than ``max_bytes`` (checked against the
sizes the zip declares before unpacking, and counted while unpacking); an unreadable zip; an
empty file; a binary file; a GDELT or ICEWS file the database cannot read (wrong number of
fields, not UTF-8). A GDELT or ICEWS file whose last line has no line end and too few fields
(a download cut short) has that row skipped, counted as "cut off at the end of the file" (a
cut that leaves every field, shortening only the last, cannot be told from a whole row). A zip
with a refused member, or with an invalid row in any project-format member, imports nothing
unless ``skip_invalid``; otherwise each member is imported in a transaction of its own.
"""

from __future__ import annotations

import json
import lzma
import os
import shutil
import tempfile
import zipfile
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Literal

from .formats import (
    Format,
    InvalidFile,
    ReadResult,
    RowProblem,
    guess_format,
    human_size,
    iter_events,
)
from .model import Event, Problem
from .store import CURATED, ImportSummary, Store, UnreadableFile

FileFormat = Literal["csv", "jsonl", "json", "gdelt", "icews"]
FORMATS: tuple[str, ...] = ("auto", "csv", "jsonl", "json", "gdelt", "icews")
MAX_IMPORT_BYTES = 2 * 1024 ** 3  # a file, or all of a zip's members unpacked
MAX_ZIP_MEMBERS = 1000
LOOK_ALIKES = "look like stored events"  # the reason look-alikes are counted under
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
        record = json.loads(first)
    except ValueError:
        return '"events"' in first + rest
    return isinstance(record, dict) and isinstance(record.get("events"), list)


def gdelt_columns(path: Path) -> tuple[str, ...]:
    """The column names of a GDELT file: 2.0's when its first row has 61 fields, else 1.0's."""
    with path.open("rb") as stream:
        width = stream.readline(64 * 1024).count(b"\t") + 1
    return GDELT2_COLUMNS if width == 61 else GDELT1_COLUMNS


def import_file(store: Store, path: Path, *, fmt: str = "auto", dataset: str | None = None,
                skip_invalid: bool = False, dry_run: bool = False,
                allow_similar: bool = False, author: str = "import",
                progress: Callable[[float], None] | None = None,
                max_bytes: int = MAX_IMPORT_BYTES,
                max_members: int = MAX_ZIP_MEMBERS, name: str | None = None) -> ImportSummary:
    """Import one file (or every member of a zip) into ``dataset`` as one transaction and one
    recorded change (``author``'s, undone as a whole); return what happened.

    The dataset defaults to the curated one for the project's own formats and to ``gdelt`` or
    ``icews`` for those. Any invalid row, in any member, imports nothing unless
    ``skip_invalid``; the problems are in ``summary.problems``, and so are the file-level
    refusals listed in the module's description (too large, empty, binary, …) and events
    whose id another dataset holds (never taken over). An id the dataset holds already is
    replaced, recorded as an edit of that event. A new event that looks like a stored one
    (same countries, overlapping dates, alike title) is skipped with a warning unless
    ``allow_similar``. ``summary.warnings`` holds what rejected nothing: a file read as
    Windows-1252, a file holding no events, the look-alikes. GDELT and ICEWS rows that
    cannot be events (no date, an unknown CAMEO code) are skipped and counted by reason.
    ``dry_run`` runs the very same import and rolls it back, so its summary is the real one.
    Raises :class:`UnrecognisedFile` when ``auto`` cannot tell a file's format, ``OSError``
    when it cannot be opened, and the store's errors (busy, out of space). Messages name the
    file as ``name`` (default: its path): an upload's own name, not where it was saved.
    """
    path = Path(path)
    name = name or str(path)
    summary = ImportSummary(file=name, dataset=dataset or "")
    size = path.stat().st_size
    if size > max_bytes:
        return _refused(summary, [_file_problem(name, (
            f"is {human_size(size)}, over the import limit of {human_size(max_bytes)}"))])
    with tempfile.TemporaryDirectory(prefix="timeline-import-") as folder:
        scratch = Path(folder)
        try:
            members = _members(path, scratch, max_bytes, max_members, name)
        except InvalidFile as error:
            return _refused(summary, error.problems)
        plan: list[tuple[str, Path, str]] = []
        for shown, member in members:
            problem = _unreadable(member, shown, zipped=member != path)
            if problem is not None:
                summary.problems.append(problem)
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


def _unreadable(path: Path, shown: str, *, zipped: bool) -> RowProblem | None:
    """A problem when a file is plainly no events file: empty, binary, a damaged zip, a zip
    in a zip (``zipped``: ``path`` came out of a zip)."""
    with path.open("rb") as stream:
        head = stream.read(_HEAD)
    if not head.strip(b" \t\r\n\f\v\xef\xbb\xbf") and path.stat().st_size <= _HEAD:
        return _file_problem(shown, "the file is empty: no events in it", 1)
    if head.startswith(b"PK\x03\x04"):
        return _file_problem(shown, "a zip inside a zip: unzip the outer one first" if zipped
                             else "a damaged zip: its list of files is missing or cut off")
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _file_problem(shown, "UTF-16 text: save the file as UTF-8", 1)
    if b"\0" in head:
        line = head.count(b"\n", 0, head.index(b"\0")) + 1
        return _file_problem(shown, "binary file, not events (it holds a NUL byte)", line)
    return None


def _import_project_file(store: Store, path: Path, shown: str, fmt: Format, dataset: str,
                         skip_invalid: bool, allow_similar: bool, author: str,
                         change: int) -> ImportSummary:
    """Stream a project file's valid events into the store's transaction; events whose id
    another dataset holds become problems, look-alikes warnings (both not written)."""
    result = ReadResult()
    counted = _Counted(iter_events(path, fmt, name=shown, result=result), result, skip_invalid)
    summary = ImportSummary(file=shown, dataset=dataset)
    written = store.add_events(counted, dataset=dataset, author=author, change=change,
                               allow_similar=allow_similar)
    summary.imported, summary.replaced, summary.change = (written.added + written.replaced,
                                                          written.replaced, written.change)
    summary.rows = result.rows
    summary.problems = list(result.problems)
    for event_id, holder in written.conflicts:
        summary.problems.append(RowProblem(shown, result.ids.get(event_id, 0), Problem(
            field="id", message=(f"{event_id!r} is an event of dataset {holder!r}, which an "
                                 f"import never takes over: give the event another id, or "
                                 f"import it into {holder!r}"))))
    for event_id, stored, title in written.similar:
        summary.warnings.append(RowProblem(shown, result.ids.get(event_id, 0), Problem(
            field="title", message=(f"{event_id!r} looks like the stored event {stored!r} "
                                    f"({title!r}): not imported (import it anyway with "
                                    f"--allow-similar)"))))
    summary.warnings += result.warnings
    if written.similar:
        summary.skipped[LOOK_ALIKES] = len(written.similar)
    rejected = len({p.line for p in summary.problems})
    if rejected:
        summary.skipped["invalid row(s)"] = rejected
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
            raise  # the disk, not the zip (bz2's "Invalid data stream" has no errno)
        raise refuse(f"not a readable zip ({error})") from None
