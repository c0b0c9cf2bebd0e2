"""Command-line subcommands that read an article: ``dates`` and ``countries``.

    timeline dates article.txt --published 2024-10-07 --format json
    cat article.txt | timeline countries - --published 2024-10-07 --format json

``dates`` prints a JSON list of ``{"start", "end", "text", "value", "precision"}``,
``countries`` a JSON list of ``{"start", "end", "text", "country"}`` (ISO alpha-3). Offsets are
Python string indices into the input as read: decoded as UTF-8, line endings kept as they are.

:func:`add_commands` registers both on an ``argparse`` sub-parser set; each sets ``func``,
which takes the parsed arguments and returns the exit code: 0 done, 1 the input could not be
read, 2 the command line was wrong (argparse exits with 2 itself for a bad ``--published``).
Neither needs the database.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from collections.abc import Callable
from typing import Any

from .mentions import find_countries
from .temporal import tag_dates

__all__ = ["add_commands"]


def publication_date(text: str) -> dt.date:
    """The ``--published`` value as a date; raises ``argparse.ArgumentTypeError`` otherwise."""
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a date written YYYY-MM-DD (e.g. 2024-10-07)"
        ) from None


def add_commands(subparsers: argparse._SubParsersAction) -> None:
    """Register the ``dates`` and ``countries`` subcommands on ``subparsers``."""
    for name, help_text, func in (
        ("dates", "find and resolve the date expressions of an article", _dates),
        ("countries", "find the countries an article names", _countries),
    ):
        command = subparsers.add_parser(name, help=help_text, description=help_text)
        command.add_argument("file", metavar="FILE",
                             help="the article as UTF-8 text, or - for stdin")
        command.add_argument("--published", required=True, type=publication_date,
                             metavar="YYYY-MM-DD", help="the day the article was published")
        command.add_argument("--format", choices=("json",), default="json",
                             help="output format (default: json)")
        command.set_defaults(func=func)


def _read(path: str) -> str:
    if path == "-":
        data = sys.stdin.buffer.read() if hasattr(sys.stdin, "buffer") else sys.stdin.read()
    else:
        with open(path, "rb") as handle:
            data = handle.read()
    return data.decode("utf-8") if isinstance(data, bytes) else data


def _run(args: argparse.Namespace, describe: Callable[[str, dt.date], list[dict[str, Any]]]) -> int:
    try:
        text = _read(args.file)
    except OSError as error:
        print(f"timeline: error: cannot read {args.file}: {error.strerror or error}",
              file=sys.stderr)
        return 1
    except UnicodeDecodeError as error:
        print(f"timeline: error: {args.file} is not UTF-8 text (byte {error.start})",
              file=sys.stderr)
        return 1
    items = describe(text, args.published)
    ascii_only = (getattr(sys.stdout, "encoding", None) or "").lower().replace("-", "") != "utf8"
    sys.stdout.write(json.dumps(items, ensure_ascii=ascii_only, indent=2) + "\n")
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
