"""Command-line subcommands that change events by hand, with history: ``add``, ``edit``,
``delete``, ``history`` and ``undo``.

    timeline add --date 2024-06 --title "Kim and Putin sign a defence pact" --type treaty \
        --country PRK --country RUS --source-url https://example.org/pact --by Ana
    timeline edit prk-rus-pact-2024 --date 2024-06-19 --expect-version 1 --by Ana
    timeline delete prk-rus-pact-2024 --by Ana
    timeline history prk-rus-pact-2024
    timeline undo 42 --by Ana

Every change goes through the same validation as an import and is recorded with its author;
exit code 1 names each problem (``field: message``), or shows both versions when the event
changed since the version given with ``--expect-version``.
"""

from __future__ import annotations

import argparse
import getpass
import json
import sys
from typing import Any

from timeline.core.model import InvalidEvent, changed_fields, parse_event
from timeline.store import ChangeRefused, EditConflict, Store

# Options that set one field: option → (field, how the value is stored).
_FIELDS = {"date": "date", "end_date": "end_date", "title": "title", "summary": "summary",
           "type": "type", "actor": "actor", "target": "target"}
_SOURCE_FIELDS = {"source_url": "url", "publisher": "publisher", "published": "published",
                  "quote": "quote"}


def add_commands(commands: argparse._SubParsersAction,
                 database: argparse.ArgumentParser) -> None:
    """Register the editing subcommands; ``database`` is the parent parser giving ``--db``."""
    adding = commands.add_parser("add", parents=[database],
                                 help="add one event, validated as any import")
    adding.add_argument("--id", help="a stable id (default: derived from the content)")
    _event_options(adding)
    adding.set_defaults(func=_add)

    editing = commands.add_parser("edit", parents=[database],
                                  help="change fields of one event; the options given replace")
    editing.add_argument("event_id", metavar="ID")
    _event_options(editing)
    _expect_version(editing)
    editing.set_defaults(func=_edit)

    deleting = commands.add_parser("delete", parents=[database], help="delete one event")
    deleting.add_argument("event_id", metavar="ID")
    _expect_version(deleting)
    author_option(deleting)
    deleting.set_defaults(func=_delete)

    showing = commands.add_parser("history", parents=[database],
                                  help="the recorded changes, newest first")
    showing.add_argument("event_id", metavar="ID", nargs="?", help="only this event's changes")
    showing.add_argument("--limit", type=int, default=50)
    showing.set_defaults(func=_history)

    undoing = commands.add_parser("undo", parents=[database],
                                  help="put an event back as it was before a change")
    undoing.add_argument("change_id", metavar="CHANGE", type=int,
                         help="the change's number, from `timeline history`")
    author_option(undoing)
    undoing.set_defaults(func=_undo)


def _event_options(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("event")
    group.add_argument("--date", help="YYYY, YYYY-MM or YYYY-MM-DD: the precision you know")
    group.add_argument("--end-date", help="for events that lasted")
    group.add_argument("--title")
    group.add_argument("--summary")
    group.add_argument("--type", help="an event type code, e.g. treaty, summit, talks")
    group.add_argument("--country", action="append", help="code or name (repeatable)")
    group.add_argument("--actor", help="the country that acted")
    group.add_argument("--target", help="the country acted on")
    group.add_argument("--tag", action="append", help="a free word (repeatable)")
    group.add_argument("--source-url", help="the source's web address")
    group.add_argument("--publisher")
    group.add_argument("--published", help="the source's publication date, YYYY-MM-DD")
    group.add_argument("--quote", help="a short quote from the source")
    group.add_argument("--json", dest="record", metavar="RECORD",
                       help="fields as a JSON object, as `timeline export` writes them")
    author_option(parser)


def author_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--by", dest="author", default=getpass.getuser(),
                        help="who makes the change (default: your user name)")


def _expect_version(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--expect-version", type=int, metavar="N",
                        help="refuse the change if the event is no longer at version N")


def _add(store: Store, args: argparse.Namespace) -> int:
    record = _changes(args)
    if args.id:
        record["id"] = args.id
    return _save(store, record, args, expected=None, new=True)


def _edit(store: Store, args: argparse.Namespace) -> int:
    stored = store.get(args.event_id)
    if stored is None:
        print(f"timeline: error: there is no event {args.event_id!r}", file=sys.stderr)
        return 1
    record = stored.to_record()
    changes = _changes(args)
    if "sources" in changes:  # the source options change the first source
        first = {**record["sources"][0], **changes.pop("sources")[0]}
        record["sources"] = [first, *record["sources"][1:]]
    record.update(changes)
    record.pop("precision")  # follows the date as now written
    return _save(store, record, args, expected=args.expect_version)


def _save(store: Store, record: dict[str, Any], args: argparse.Namespace,
          expected: int | None, new: bool = False) -> int:
    try:
        event = parse_event(record)
        version = store.save_event(event, author=args.author, expected_version=expected,
                                   new=new)
    except InvalidEvent as error:
        for problem in error.problems:
            print(f"{problem.field}: {problem.message}", file=sys.stderr)
        return 1
    except ChangeRefused as error:
        print(f"timeline: error: {error}", file=sys.stderr)
        return 1
    except EditConflict as conflict:
        return _conflict(conflict, record)
    print(f"{event.id}: saved as version {version}")
    return 0


def _delete(store: Store, args: argparse.Namespace) -> int:
    try:
        store.delete_event(args.event_id, author=args.author,
                           expected_version=args.expect_version)
    except KeyError as error:
        print(f"timeline: error: {error.args[0]}", file=sys.stderr)
        return 1
    except EditConflict as conflict:
        return _conflict(conflict, None)
    print(f"{args.event_id}: deleted (undo with `timeline undo "
          f"{int(store.history(args.event_id)['id'][0])}`)")
    return 0


def _history(store: Store, args: argparse.Namespace) -> int:
    changes = store.history(args.event_id).head(args.limit)
    for row in changes.itertuples(index=False):
        what = changed_fields(row.before, row.after)
        undoes = f" (undoes {int(row.undoes)})" if row.action == "undo" else ""
        print(f"{row.id:>5}  {row.changed_at:%Y-%m-%d %H:%M}  {row.author:<12} "
              f"{row.action:<6} {row.event_id}{undoes}{': ' + what if what else ''}")
    return 0


def _undo(store: Store, args: argparse.Namespace) -> int:
    try:
        change = store.undo(args.change_id, author=args.author)
    except KeyError as error:
        print(f"timeline: error: {error.args[0]}", file=sys.stderr)
        return 1
    print(f"change {args.change_id} undone (recorded as change {change})")
    return 0


def _changes(args: argparse.Namespace) -> dict[str, Any]:
    """The fields the options set: ``--json`` first, then the single-field options."""
    record: dict[str, Any] = json.loads(args.record) if args.record else {}
    record.update({field: getattr(args, option) for option, field in _FIELDS.items()
                   if getattr(args, option) is not None})
    if args.country:
        record["countries"] = args.country
    if args.tag:
        record["tags"] = args.tag
    source = {field: getattr(args, option) for option, field in _SOURCE_FIELDS.items()
              if getattr(args, option) is not None}
    if source:
        record["sources"] = [source]
    return record


def _conflict(conflict: EditConflict, yours: dict[str, Any] | None) -> int:
    print(f"timeline: error: {conflict}", file=sys.stderr)
    stored = None if conflict.stored is None else conflict.stored.to_record()
    print(f"stored now: {json.dumps(stored, ensure_ascii=False)}", file=sys.stderr)
    print(f"yours:      {json.dumps(yours, ensure_ascii=False)}", file=sys.stderr)
    return 1
