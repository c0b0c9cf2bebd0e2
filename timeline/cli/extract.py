"""Command-line subcommands that read an article: ``dates``, ``countries`` and ``extract``.

    timeline dates article.txt --published 2024-10-07 --format json
    cat article.txt | timeline countries - --published 2024-10-07 --format json
    timeline extract article.txt --published 2024-10-07 --url https://example.org/a --format jsonl
    timeline extract article.txt --published 2024-10-07 --publisher "Taipei Times" --add

``dates`` prints a JSON list of ``{"start", "end", "text", "value", "precision"}``,
``countries`` a JSON list of ``{"start", "end", "text", "country"}`` (ISO alpha-3), ``extract``
the event candidates (:meth:`timeline.candidates.Candidate.to_record`: date at its precision,
precision, end_date, countries, actor, target, type, title, quote, start, end, date_text,
confidence, reasons, source) as a JSON list or as JSON Lines. Offsets are Python string indices
into the input as read: decoded as UTF-8, line endings kept as they are.

``extract --add`` also stores the candidates whose confidence is at least ``--min-confidence``
(default 0.5) as events, validated like any import, in the dataset ``--dataset`` (default
``extracted``, so machine-read events stay apart from the hand-curated ones and can be removed
with ``timeline datasets --remove extracted``) of the database ``--db`` (default: as for every
command; a new database starts with the curated events, as ``timeline`` itself does). Stored
events need a source: ``--url`` or ``--publisher``. Candidates that make the same event (same
date, type, countries and title) are stored once, with each sentence as a source.

:func:`add_commands` registers the three on an ``argparse`` sub-parser set; each sets ``func``,
which takes the parsed arguments and returns the exit code: 0 done, 1 the input could not be
read (or, for ``--add``, a candidate is no valid event: nothing is stored), 2 the command line
was wrong (argparse exits with 2 itself for a bad ``--published``). Each sets
``needs_store=False``: only ``extract --add`` opens the database, itself.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from timeline.cli.edit import author_option
from timeline.core.model import Event, InvalidEvent
from timeline.core.wording import counted
from timeline.extract.candidates import Candidate, extract_candidates, merge_same_events
from timeline.extract.mentions import find_countries
from timeline.extract.temporal import tag_dates
from timeline.store import CURATED_FILE, open_store

__all__ = ["add_commands"]


def publication_date(text: str) -> dt.date:
    """The ``--published`` value as a date; raises ``argparse.ArgumentTypeError`` otherwise."""
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a date written YYYY-MM-DD (e.g. 2024-10-07)"
        ) from None


EXTRACTED = "extracted"  # the dataset extracted events go to unless --dataset says otherwise


def confidence_level(text: str) -> float:
    """The ``--min-confidence`` value: a number from 0 to 1; ``ArgumentTypeError`` otherwise."""
    try:
        value = float(text)
    except ValueError:
        value = -1.0
    if not 0.0 <= value <= 1.0:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number from 0 to 1")
    return value


def add_commands(subparsers: argparse._SubParsersAction) -> None:
    """Register the ``dates``, ``countries`` and ``extract`` subcommands on ``subparsers``."""
    for name, help_text, func, formats in (
        ("dates", "find and resolve the date expressions of an article", _dates, ("json",)),
        ("countries", "find the countries an article names", _countries, ("json",)),
        ("extract", "list the events an article reports, as candidates to review (and --add "
                    "them)", _extract, ("json", "jsonl")),
    ):
        command = subparsers.add_parser(name, help=help_text, description=help_text)
        command.add_argument("file", metavar="FILE",
                             help="the article as UTF-8 text, or - for stdin")
        command.add_argument("--published", required=True, type=publication_date,
                             metavar="YYYY-MM-DD", help="the day the article was published")
        command.add_argument("--format", choices=formats, default="json",
                             help="output format (default: json)")
        command.set_defaults(func=func, needs_store=False)
    extract = subparsers.choices["extract"]
    extract.add_argument("--url", "--source-url", dest="url", default="", metavar="URL",
                         help="the article's web address, kept as each event's source")
    extract.add_argument("--publisher", default="", metavar="NAME",
                         help="who published the article, kept as each event's source")
    storing = extract.add_argument_group("storing")
    storing.add_argument("--add", action="store_true",
                         help="store the candidates at or above --min-confidence as events")
    storing.add_argument("--min-confidence", type=confidence_level, default=0.5,
                         metavar="0..1", help="the lowest confidence --add stores (default: 0.5)")
    storing.add_argument("--dataset", default=EXTRACTED, metavar="NAME",
                         help=f"the dataset --add stores into (default: {EXTRACTED})")
    author_option(storing)
    storing.add_argument("--db", metavar="PATH|URL", default=argparse.SUPPRESS,
                         help="the database: a DuckDB file or a URL such as "
                              "postgresql://user@host/db (default: $TIMELINE_DB or "
                              "timeline.duckdb)")


def _read(path: str) -> str:
    if path == "-":
        data = sys.stdin.buffer.read() if hasattr(sys.stdin, "buffer") else sys.stdin.read()
    else:
        with open(path, "rb") as handle:
            data = handle.read()
    return data.decode("utf-8") if isinstance(data, bytes) else data


def _read_article(path: str) -> str | None:
    """The article's text, or ``None`` after printing why it cannot be read."""
    try:
        return _read(path)
    except OSError as error:
        print(f"timeline: error: cannot read {path}: {error.strerror or error}", file=sys.stderr)
    except UnicodeDecodeError as error:
        print(f"timeline: error: {path} is not UTF-8 text (byte {error.start})", file=sys.stderr)
    return None


def _write(items: list[dict[str, Any]], fmt: str = "json") -> None:
    ascii_only = (getattr(sys.stdout, "encoding", None) or "").lower().replace("-", "") != "utf8"
    if fmt == "jsonl":
        for item in items:
            sys.stdout.write(json.dumps(item, ensure_ascii=ascii_only) + "\n")
    else:
        sys.stdout.write(json.dumps(items, ensure_ascii=ascii_only, indent=2) + "\n")


def _run(args: argparse.Namespace, describe: Callable[[str, dt.date], list[dict[str, Any]]]) -> int:
    text = _read_article(args.file)
    if text is None:
        return 1
    _write(describe(text, args.published))
    return 0


def _dates(args: argparse.Namespace) -> int:
    """``dates``: print the article's date expressions as JSON; return the exit code."""
    return _run(args, lambda text, published: [
        {"start": t.start, "end": t.end, "text": t.text, "value": t.value,
         "precision": str(t.precision)}
        for t in tag_dates(text, published)
    ])


def _countries(args: argparse.Namespace) -> int:
    """``countries``: print the article's country mentions as JSON; return the exit code."""
    return _run(args, lambda text, published: [
        {"start": m.start, "end": m.end, "text": m.text, "country": m.country}
        for m in find_countries(text, published)
    ])


def _extract(args: argparse.Namespace) -> int:
    """``extract``: print the article's event candidates, and with ``--add`` store those
    confident enough; return the exit code."""
    if args.add and not (args.url or args.publisher):
        print("timeline: error: --add needs --url or --publisher: a stored event names its "
              "source", file=sys.stderr)
        return 2
    text = _read_article(args.file)
    if text is None:
        return 1
    candidates = extract_candidates(text, published=args.published, source_url=args.url,
                                    publisher=args.publisher)
    _write([candidate.to_record() for candidate in candidates], args.format)
    if not args.add:
        return 0
    chosen = [c for c in candidates if c.confidence >= args.min_confidence]
    try:
        events = _events(chosen)
    except InvalidEvent as error:
        print(f"timeline: error: {error}; nothing stored", file=sys.stderr)
        return 1
    try:
        with open_store(getattr(args, "db", None), seed=CURATED_FILE).writing() as store:
            result = store.add_events(events, dataset=args.dataset, author=args.author,
                                      label=Path(args.file).name)
            if result.conflicts:  # the events' ids belong to other datasets
                raise _NothingStored(result.conflicts)
    except _NothingStored as refused:
        for event_id, holder in refused.args[0]:
            print(f"timeline: error: {event_id!r} is an event of dataset {holder!r}, which "
                  f"is never taken over; nothing stored", file=sys.stderr)
        return 1
    replaced = f", {result.replaced} replacing stored ones" if result.replaced else ""
    print(f"{args.file}: {len(chosen)} of {counted(len(candidates), 'candidate')} at "
          f"confidence >= {args.min_confidence:g}; {counted(len(events), 'event')} stored in "
          f"'{args.dataset}'"
          f"{replaced}", file=sys.stderr)
    return 0


class _NothingStored(Exception):
    """Raised inside the write to roll it back."""


def _events(candidates: list[Candidate]) -> list[Event]:
    """The validated events of the candidates, one per id, each sentence kept as a source.

    Raises :class:`InvalidEvent` naming the candidate's sentence when one is no valid event.
    """
    return merge_same_events(_event_of(candidate) for candidate in candidates)


def _event_of(candidate: Candidate) -> Event:
    try:
        return candidate.to_event()
    except InvalidEvent as error:
        raise InvalidEvent([
            problem.model_copy(update={"field": f"sentence at {candidate.start}-"
                                                f"{candidate.end}: {problem.field}"})
            for problem in error.problems]) from None
