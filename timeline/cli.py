"""The command line: ``python -m timeline`` or ``timeline``.

    timeline list --country PRK --country CHN --match all --format jsonl
    timeline import events.csv --dry-run
    timeline export --from 2000 --format csv > events.csv

Exit codes: 0 done, 1 the input had problems (each printed as ``FILE:LINE: field: message``,
nothing written), 2 the command line itself was wrong.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from .countries import UnknownCountry, country_name, resolve_country
from .dates import date_bound
from .event_types import EVENT_TYPES_BY_CODE
from .filters import EventFilter
from .formats import read_events, write_events
from .store import CURATED_FILE, Store, open_store


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        with open_store(args.db, seed=CURATED_FILE) as store:
            return args.func(store, args)
    except UsageError as error:
        parser.exit(2, f"timeline: error: {error}\n")
    except BrokenPipeError:  # `timeline list | head` closes the pipe early: not an error
        return 0


class UsageError(ValueError):
    """A command-line value that cannot be used (unknown country, impossible date, …)."""


def build_parser() -> argparse.ArgumentParser:
    db_help = "the database file (default: $TIMELINE_DB or timeline.duckdb)"
    parser = argparse.ArgumentParser(prog="timeline",
                                     description="Explore dated diplomatic events.")
    parser.add_argument("--db", metavar="PATH", help=db_help)
    # --db after the command too; SUPPRESS keeps a --db given before the command.
    database = argparse.ArgumentParser(add_help=False)
    database.add_argument("--db", metavar="PATH", default=argparse.SUPPRESS, help=db_help)
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    listing = commands.add_parser("list", parents=[database], help="list events, by date")
    _add_filter_options(listing)
    listing.add_argument("--format", choices=("table", "csv", "jsonl"), default="table")
    listing.add_argument("--limit", type=int, help="show at most this many events")
    listing.set_defaults(func=_list)

    importing = commands.add_parser("import", parents=[database],
                                    help="add the events of a CSV, JSON Lines or JSON file")
    importing.add_argument("file", type=Path)
    importing.add_argument("--format", choices=("auto", "csv", "jsonl", "json"), default="auto",
                           help="the file's format (default: from its extension)")
    importing.add_argument("--dry-run", action="store_true",
                           help="check the file and report, writing nothing")
    importing.add_argument("--skip-invalid", action="store_true",
                           help="import the valid rows and report the others")
    importing.set_defaults(func=_import)

    exporting = commands.add_parser("export", parents=[database],
                                    help="write events in a format `import` reads back")
    _add_filter_options(exporting)
    exporting.add_argument("--format", choices=("csv", "jsonl", "json"), default="jsonl")
    exporting.add_argument("--output", "-o", type=Path, help="file to write (default: stdout)")
    exporting.set_defaults(func=_export)
    return parser


def _add_filter_options(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("filter")
    group.add_argument("--country", action="append", default=[], metavar="COUNTRY",
                       help="ISO3 code or name (repeatable): PRK, 'North Korea', DPRK")
    group.add_argument("--match", choices=("any", "all"), default="any",
                       help="involving any of the countries, or all of them (default: any)")
    group.add_argument("--from", dest="start", metavar="DATE",
                       help="YYYY, YYYY-MM or YYYY-MM-DD; events overlapping the range match")
    group.add_argument("--to", dest="end", metavar="DATE", help="YYYY, YYYY-MM or YYYY-MM-DD")
    group.add_argument("--type", action="append", default=[], dest="types",
                       choices=tuple(EVENT_TYPES_BY_CODE), metavar="TYPE",
                       help=f"event type (repeatable): {', '.join(EVENT_TYPES_BY_CODE)}")
    group.add_argument("--search", default="", metavar="TEXT",
                       help="text in the title, summary or quotes (case-insensitive)")
    group.add_argument("--source", default="", metavar="TEXT",
                       help="text in a source's publisher or URL")


def filter_from_args(args: argparse.Namespace) -> EventFilter:
    """The :class:`EventFilter` the filter options describe; :class:`UsageError` if invalid."""
    try:
        countries = tuple(dict.fromkeys(resolve_country(text) for text in args.country))
        start = date_bound(args.start, end=False) if args.start else None
        end = date_bound(args.end, end=True) if args.end else None
        return EventFilter(countries=countries, match=args.match, start=start, end=end,
                           types=tuple(args.types), text=args.search, source=args.source)
    except (UnknownCountry, ValueError) as error:
        raise UsageError(str(error)) from None


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
    print(f"{event_filter.describe()}: {total} event{'s' * (total != 1)}")
    for row in frame.itertuples(index=False):
        when = row.date + (f"..{row.end_date}" if row.end_date else "")
        names = ", ".join(country_name(code) for code in row.countries)
        print(f"{when:<22} {row.type:<17} {row.title}  [{names}]")
    return 0


def _import(store: Store, args: argparse.Namespace) -> int:
    fmt = None if args.format == "auto" else args.format
    try:
        result = read_events(args.file, fmt)
    except (OSError, ValueError) as error:
        raise UsageError(str(error)) from None
    for problem in result.problems:
        print(problem, file=sys.stderr)
    rejected = len(result.rejected_lines)
    if rejected and not args.skip_invalid:
        print(f"{args.file}: {rejected} invalid row(s) of {result.rows}; nothing imported "
              f"(fix them, or use --skip-invalid to import the valid rows)", file=sys.stderr)
        return 1
    if args.dry_run:
        print(f"{args.file}: {len(result.events)} valid event(s), {rejected} invalid; "
              f"dry run, nothing written")
        return 0
    written = store.add_events(result.events)
    print(f"{args.file}: {result.rows} row(s) read, {len(result.events)} imported "
          f"({written.added} new, {written.replaced} replaced), {rejected} skipped")
    return 0


def _export(store: Store, args: argparse.Namespace) -> int:
    events = store.events(filter_from_args(args))
    if args.output is None:
        write_events(events, sys.stdout, args.format)
        return 0
    with args.output.open("w", encoding="utf-8", newline="") as stream:
        count = write_events(events, stream, args.format)
    print(f"{args.output}: {count} event(s) written", file=sys.stderr)
    return 0
