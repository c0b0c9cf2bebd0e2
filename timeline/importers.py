"""Importing event files as they are published: which format a file is, and into which dataset.

Formats: the project's own CSV, JSON Lines and JSON (:mod:`timeline.formats`), GDELT 1.0 event
files (57 columns in backfile rows, 58 in daily rows, both in one file), GDELT 2.0
``*.export.CSV`` files (61 columns), and ICEWS coded event files (``.tab``, 20 columns with a
header). Any of them may come zipped, as GDELT publishes them. ``auto`` recognises each from its
content, not its name.
"""

from __future__ import annotations

import shutil
import tempfile
import zipfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Literal

from .formats import Format, read_events
from .store import CURATED, ImportSummary, Store

FileFormat = Literal["csv", "jsonl", "json", "gdelt", "icews"]
FORMATS: tuple[str, ...] = ("auto", "csv", "jsonl", "json", "gdelt", "icews")

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


def detect_format(path: Path) -> FileFormat:
    """The format of a (not zipped) file, from its first line.

    GDELT rows start with a numeric GLOBALEVENTID and an 8-digit SQLDATE, 57 or 58 tab-separated
    fields for 1.0 and 61 for 2.0; ICEWS files start with their header.
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
        return "jsonl"
    if stripped.startswith("["):
        return "json"
    if "date" in head and "title" in head and "," in head:
        return "csv"
    raise UnrecognisedFile(f"{path}: line 1: not a GDELT, ICEWS or project events file "
                           f"(it starts {head[:60]!r})")


def gdelt_columns(path: Path) -> tuple[str, ...]:
    """The column names of a GDELT file: 2.0's when its first row has 61 fields, else 1.0's."""
    with path.open("rb") as stream:
        width = stream.readline(64 * 1024).count(b"\t") + 1
    return GDELT2_COLUMNS if width == 61 else GDELT1_COLUMNS


def import_file(store: Store, path: Path, *, fmt: str = "auto", dataset: str | None = None,
                skip_invalid: bool = False, dry_run: bool = False,
                progress: Callable[[float], None] | None = None) -> ImportSummary:
    """Import one file (or every member of a zip) into ``dataset``; return what happened.

    The dataset defaults to the curated one for the project's own formats and to ``gdelt`` or
    ``icews`` for those. Project files with invalid rows import nothing unless
    ``skip_invalid``; their problems are in ``summary.problems``. GDELT and ICEWS rows that
    cannot be events (no date, an unknown CAMEO code) are skipped and counted by reason.
    """
    summary = ImportSummary(file=str(path), dataset=dataset or "")
    with _members(path) as members:
        for shown, member in members:
            member_format = detect_format(member) if fmt == "auto" else fmt
            name = dataset or (member_format if member_format in ("gdelt", "icews") else CURATED)
            summary.dataset = name
            if member_format == "gdelt":
                part = store.import_gdelt(member, gdelt_columns(member), dataset=name,
                                          dry_run=dry_run, progress=progress)
            elif member_format == "icews":
                part = store.import_icews(member, ICEWS_HEADER, dataset=name, dry_run=dry_run,
                                          progress=progress)
            else:
                part = _import_project_file(store, member, shown, member_format, name,
                                            skip_invalid, dry_run)
            summary.add(part)
    return summary


def _import_project_file(store: Store, path: Path, shown: str, fmt: Format, dataset: str,
                         skip_invalid: bool, dry_run: bool) -> ImportSummary:
    result = read_events(path, fmt, name=shown)
    summary = ImportSummary(file=shown, dataset=dataset, rows=result.rows,
                            problems=list(result.problems))
    rejected = len(result.rejected_lines)
    if rejected:
        summary.skipped["invalid row(s)"] = rejected
    if rejected and not skip_invalid:
        summary.written = False
        return summary
    summary.imported = len(result.events)
    if dry_run:
        summary.written = False
    else:
        summary.replaced = store.add_events(result.events, dataset=dataset).replaced
    return summary


@contextmanager
def _members(path: Path) -> Iterator[list[tuple[str, Path]]]:
    """(name to show, file) for the file itself, or for each member of a zip, extracted to a
    temporary folder: ``("events.zip:20150218.export.CSV", Path("/tmp/…/0-20150218…"))``."""
    if not zipfile.is_zipfile(path):
        yield [(str(path), path)]
        return
    with zipfile.ZipFile(path) as archive, tempfile.TemporaryDirectory() as folder:
        extracted = []
        for number, info in enumerate(i for i in archive.infolist() if not i.is_dir()):
            target = Path(folder) / f"{number}-{Path(info.filename).name}"
            # Streamed copy: a member is never held in memory whole.
            with archive.open(info) as source, target.open("wb") as sink:
                shutil.copyfileobj(source, sink, 1 << 20)
            extracted.append((f"{path}:{info.filename}", target))
        yield extracted
