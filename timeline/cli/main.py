"""The command line: ``python -m timeline`` or ``timeline``.

    timeline list --country PRK --country CHN --match all --format jsonl
    timeline import events.csv --dry-run
    timeline import 20150218230000.export.CSV.zip --dataset gdelt-2015
    timeline datasets
    timeline add --date 2024-06 --title "…" --type treaty --country PRK --country RUS \
        --source-url https://example.org/pact
    timeline history
    timeline dates article.txt --published 2024-10-07
    timeline export --from 2000 --format csv > events.csv

Exit codes: 0 done, 1 the input had problems (each printed as ``FILE:LINE: field: message``,
nothing written), 2 the command line itself was wrong, 3 the disk filled up or memory ran out
during an import (said as such; nothing of the file written).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from tqdm import tqdm

from timeline.cli.edit import add_commands as edit_commands
from timeline.cli.edit import author_option
from timeline.cli.extract import add_commands
from timeline.core.countries import country_name
from timeline.core.event_types import EVENT_TYPES_BY_CODE
from timeline.core.filters import CURATED, FILTER_NAMES, EventFilter, parse_filter
from timeline.core.wording import counted
from timeline.files.formats import write_events, write_events_file
from timeline.store import (
    CURATED_FILE,
    DatabaseBusy,
    DatabaseUnusable,
    OutOfMemory,
    OutOfSpace,
    Store,
    StoreError,
    init_store,
    open_store,
)
from timeline.store.importers import FORMATS, LOOK_ALIKES, OutOfResources, import_file

# Export formats for people, not for `import` (timeline.views.exports.DOCUMENT_FORMATS), named here
# so that `--help` does not load Plotly.
DOCUMENT_FORMATS = ("timelinejs", "ics", "html")
# DuckDB's buffers during an import (by default 80% of the machine's memory): with Python's
# own ~250 MB the import stays under 512 MB; a write beyond it goes to a temporary file.
IMPORT_MEMORY = "128MB"
# The option of each filter name that is not the name itself.
OPTIONS = {"q": "--search"}


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code (:data:`EXIT_CODES`)."""
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        if not args.needs_store:  # reading an article touches no database
            return args.func(args)
        store = open_store(args.db, seed=CURATED_FILE,
                           memory_limit=getattr(args, "memory_limit", None))
        return args.func(store, args)
    except UsageError as error:
        parser.exit(2, f"timeline: error: {error}\n")
    except StoreError as error:
        print(f"timeline: error: {error}", file=sys.stderr)
        return exit_code(error)
    except OutOfResources as error:  # the disk or memory, while reading the file
        print(f"timeline: error: {error}", file=sys.stderr)
        return 5
    except BrokenPipeError:  # `timeline list | head` closes the pipe early: not an error
        return 0


# What each exit code means (the README lists them too).
EXIT_CODES = {
    0: "done",
    1: "the input had problems (each printed as FILE:LINE: field: message); nothing written",
    2: "the command line was wrong (unknown country, impossible date, …)",
    3: "the database is in use by another process, which held it longer than the wait "
       "($TIMELINE_BUSY_TIMEOUT seconds, default 30)",
    4: "the database cannot be used: a missing folder, a directory, another program's file, "
       "a damaged, read-only or newer database",
    5: "out of memory or disk space",
}


def exit_code(error: StoreError) -> int:
    """The exit code for a store error (see :data:`EXIT_CODES`)."""
    if isinstance(error, DatabaseBusy):
        return 3
    if isinstance(error, DatabaseUnusable):
        return 4
    if isinstance(error, OutOfMemory | OutOfSpace):
        return 5
    return 1  # a change refused, an unknown event or dataset: the input asked for it


class UsageError(ValueError):
    """A command-line value that cannot be used (unknown country, impossible date, …)."""


def build_parser() -> argparse.ArgumentParser:
    db_help = ("the database: a DuckDB file, or a URL such as postgresql://user@host/db "
               "(default: $TIMELINE_DB or timeline.duckdb)")
    parser = argparse.ArgumentParser(prog="timeline",
                                     description="Explore dated diplomatic events.")
    parser.add_argument("--db", metavar="PATH|URL", help=db_help)
    parser.set_defaults(needs_store=True)
    # --db after the command too; SUPPRESS keeps a --db given before the command.
    database = argparse.ArgumentParser(add_help=False)
    database.add_argument("--db", metavar="PATH|URL", default=argparse.SUPPRESS, help=db_help)
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    initialising = commands.add_parser(
        "init", parents=[database],
        help="create the database (a new file, the timeline's tables in an empty PostgreSQL "
             "database, or in another program's empty DuckDB file)")
    initialising.add_argument("--empty", action="store_true",
                              help="without the curated events of data/events.jsonl")
    initialising.set_defaults(func=_init, needs_store=False)

    listing = commands.add_parser("list", parents=[database], help="list events, by date")
    _add_filter_options(listing)
    listing.add_argument("--format", choices=("table", "csv", "jsonl"), default="table")
    listing.add_argument("--limit", type=int, help="show at most this many events")
    listing.set_defaults(func=_list)

    importing = commands.add_parser("import", parents=[database],
                                    help="add the events of a CSV, JSON Lines or JSON file")
    importing.add_argument("file", type=Path)
    importing.add_argument("--format", choices=FORMATS, default="auto",
                           help="the file's format (default: recognised from its content); "
                                "gdelt covers GDELT 1.0 and 2.0 event files, plain or zipped")
    importing.add_argument("--dataset", metavar="NAME",
                           help="the dataset to import into (default: curated for csv, jsonl "
                                "and json; gdelt or icews for those)")
    importing.add_argument("--dry-run", action="store_true",
                           help="check the file and report, writing nothing")
    importing.add_argument("--skip-invalid", action="store_true",
                           help="import the valid rows and report the others")
    importing.add_argument("--allow-similar", action="store_true",
                           help="also import events that look like stored ones (same "
                                "countries, overlapping dates, alike titles)")
    author_option(importing)
    importing.add_argument("--encoding", metavar="NAME",
                           help="the file's text encoding when it is not UTF-8 (cp1252, "
                                "latin-1, gbk, shift_jis, utf-16, …), or 'detect' to have it "
                                "detected (the encoding chosen is named)")
    importing.set_defaults(func=_import, memory_limit=IMPORT_MEMORY)

    datasets = commands.add_parser("datasets", parents=[database],
                                   help="list the datasets with their event counts")
    datasets.add_argument("--remove", metavar="NAME",
                          help="remove a dataset: its events leave every view, and "
                               "`timeline undo` brings them back")
    datasets.add_argument("--purge", metavar="NAME",
                          help="delete a removed dataset's events for good")
    author_option(datasets)
    datasets.set_defaults(func=_datasets)

    exporting = commands.add_parser("export", parents=[database],
                                    help="write events in a format `import` reads back")
    _add_filter_options(exporting)
    exporting.add_argument("--format", choices=("csv", "jsonl", "json", *DOCUMENT_FORMATS),
                           default="jsonl",
                           help="csv, jsonl, json: read back by `import`; timelinejs: "
                                "TimelineJS JSON; ics: iCalendar; html: an offline page with "
                                "the timeline and a table")
    exporting.add_argument("--output", "-o", type=Path, help="file to write (default: stdout)")
    exporting.set_defaults(func=_export)

    edit_commands(commands, database)  # add, edit, delete, history, undo
    add_commands(commands)  # dates, countries, extract: read an article
    for name in ("dates", "countries"):
        commands.choices[name].set_defaults(needs_store=False)
    return parser


def _add_filter_options(parser: argparse.ArgumentParser) -> None:
    # Each option's dest is its name in timeline.core.filters.FILTER_NAMES (a link's parameter).
    group = parser.add_argument_group("filter")
    group.add_argument("--country", action="append", default=[], metavar="COUNTRY",
                       help="ISO3 code or name (repeatable): PRK, 'North Korea', DPRK")
    group.add_argument("--match", choices=("any", "all"), default="any",
                       help="involving any of the countries, or all of them (default: any)")
    group.add_argument("--from", dest="from", metavar="DATE",
                       help="1949, 1949-10, 1949-10-06 or in words ('6 October 1949'); "
                            "events overlapping the range match")
    group.add_argument("--to", dest="to", metavar="DATE", help="as --from")
    group.add_argument("--type", action="append", default=[], dest="type",
                       choices=tuple(EVENT_TYPES_BY_CODE), metavar="TYPE",
                       help=f"event type (repeatable): {', '.join(EVENT_TYPES_BY_CODE)}")
    group.add_argument("--search", dest="q", default="", metavar="TEXT",
                       help="text in the title, summary or quotes (case-insensitive)")
    group.add_argument("--source", default="", metavar="TEXT",
                       help="text in a source's publisher or URL")
    group.add_argument("--dataset", action="append", default=[], dest="dataset",
                       metavar="NAME",
                       help=f"dataset to include (repeatable; default: {CURATED}, as on the "
                            "dashboard; `timeline datasets` lists them)")


def filter_from_args(args: argparse.Namespace) -> EventFilter:
    """The :class:`EventFilter` the filter options describe, read as a link's parameters
    are (:func:`timeline.core.filters.parse_filter`); :class:`UsageError` naming each bad value."""
    event_filter, problems = parse_filter({name: getattr(args, name, None)
                                           for name in FILTER_NAMES})
    if problems:
        raise UsageError("; ".join(f"{OPTIONS.get(p.name, '--' + p.name)} {p.value!r}: "
                                   f"{p.reason}" for p in problems))
    return event_filter


def _list(store: Store, args: argparse.Namespace) -> int:
    event_filter = filter_from_args(args)
    if args.format != "table":
        events = store.events(event_filter)
        if args.limit is not None:
            events = (event for _, event in zip(range(args.limit), events, strict=False))
        write_events(events, sys.stdout, args.format)
        return 0
    frame = store.query(event_filter, limit=args.limit)
    total = store.count(event_filter)
    print(f"{event_filter.describe()}: {counted(total, 'event')}")
    for row in frame.itertuples(index=False):
        when = row.date + (f"..{row.end_date}" if row.end_date is not None else "")
        names = ", ".join(country_name(code) for code in row.countries)
        print(f"{when:<22} {row.type:<17} {row.title}  [{names}]")
    return 0


def _import(store: Store, args: argparse.Namespace) -> int:
    try:
        with _progress_bar(args.file) as progress:
            summary = import_file(store, args.file, fmt=args.format, dataset=args.dataset,
                                  skip_invalid=args.skip_invalid, dry_run=args.dry_run,
                                  allow_similar=args.allow_similar, author=args.author,
                                  progress=progress, encoding=args.encoding)
    except OutOfResources:
        raise
    except (OSError, ValueError) as error:
        raise UsageError(str(error)) from None
    for problem in summary.problems:
        print(problem, file=sys.stderr)
    for warning in summary.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    if alike := summary.skipped.get(LOOK_ALIKES):
        # The flag is the command line's: the store's message serves the dashboard too.
        print(f"{summary.file}: {counted(alike, 'event')} similar to stored ones not imported "
              f"(import {'it' if alike == 1 else 'them'} anyway with --allow-similar)",
              file=sys.stderr)
    if summary.problems and not args.skip_invalid:
        rows = {p.line for p in summary.problems if p.problem.field != "file"}
        advice = (f"{len(rows):,} of {counted(summary.rows, 'row')} invalid; nothing imported "
                  f"(fix {'it' if len(rows) == 1 else 'them'}, or use --skip-invalid to import "
                  f"the valid rows)" if rows else
                  "the file is refused; nothing imported")
        print(f"{summary.file}: {advice}", file=sys.stderr)
        return 1
    print(summary)
    return 0


@contextmanager
def _progress_bar(path: Path) -> Iterator[Callable[[float], None] | None]:
    """A progress bar on stderr while a file is read, when stderr is a terminal."""
    if not sys.stderr.isatty():
        yield None
        return
    with tqdm(total=100, desc=path.name, unit="%", file=sys.stderr, leave=False) as bar:
        yield lambda done: bar.update(round(done * 100) - bar.n)


def _datasets(store: Store, args: argparse.Namespace) -> int:
    if args.remove:
        change = store.remove_dataset(args.remove, author=args.author)
        print(f"dataset {args.remove!r} removed (undo with `timeline undo {change}`; "
              f"`timeline datasets --purge {args.remove}` deletes its events for good)")
        return 0
    if args.purge:
        purged = store.purge_dataset(args.purge)
        print(f"dataset {args.purge!r} purged: {counted(purged, 'event')} deleted for good")
        return 0
    for row in store.datasets().itertuples(index=False):
        print(f"{row.name:<20} {counted(row.events, 'event'):>17}  {row.description}")
    return 0


def _init(args: argparse.Namespace) -> int:
    store = init_store(args.db or None, seed=None if args.empty else CURATED_FILE)
    print(f"{store.location}: a timeline database, created")
    return 0


def _export(store: Store, args: argparse.Namespace) -> int:
    if args.output is not None and store.path is not None and _same_file(
            args.output, store.path):
        raise UsageError(f"{args.output} is the database itself: export to another file")
    if args.format in DOCUMENT_FORMATS:
        return _export_document(store, args)
    events = store.events(filter_from_args(args))
    if args.output is None:
        write_events(events, sys.stdout, args.format)
        return 0
    count = write_events_file(events, args.output, args.format)
    print(f"{args.output}: {counted(count, 'event')} written", file=sys.stderr)
    return 0


def _export_document(store: Store, args: argparse.Namespace) -> int:
    """Export as TimelineJS JSON, iCalendar or a standalone HTML page (timeline.views.exports)."""
    # Imported here: Plotly and icalendar would slow every other command's start.
    from timeline.views import exports

    text, count = exports.document(store, filter_from_args(args), args.format)
    if args.output is None:
        sys.stdout.write(text)
        return 0
    with args.output.open("w", encoding="utf-8", newline="") as stream:
        stream.write(text)
    print(f"{args.output}: {counted(count, 'event')} written", file=sys.stderr)
    return 0


def _same_file(output: Path, database: Path) -> bool:
    """True when writing ``output`` would overwrite the database or its write-ahead log."""
    wal = database.with_name(database.name + ".wal")
    return any(output.resolve() == target.resolve() for target in (database, wal))
