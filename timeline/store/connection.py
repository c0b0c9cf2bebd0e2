"""Opening the database file: which files may be opened, waiting while another process holds
it, and the engine's errors as the store's own (:mod:`timeline.store.errors`).

DuckDB lets one process write a file, or several read it, at a time, and a process holds the
file for as long as it has a connection open. The store therefore opens a connection for each
operation and closes it after (:func:`opened`), and :func:`connect` waits (up to
``busy_timeout`` seconds, default ``$TIMELINE_BUSY_TIMEOUT`` or 30) while another process
holds the file, then raises :class:`DatabaseBusy` naming that process.

Within one process DuckDB shares an open file between connections only when they are opened
alike (read-only or not, the same memory limit). :func:`opened` keeps to that: a connection
opened while others to the same file are open takes their settings (a read beside a write
reads through read-write), and a write waits for the process's own read-only connections to
close. So the dashboard's sessions, threads of one process, read at the same time and write
in turn.

A block of reads (a dashboard page's run) may keep the file open for the block and a moment
after it (:func:`kept_open`), so that the next run finds DuckDB's instance started and its
cache warm.
"""

from __future__ import annotations

import errno
import os
import random
import re
import threading
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager, suppress
from pathlib import Path

import duckdb

from .errors import DatabaseBusy, DatabaseUnusable, OutOfMemory, OutOfSpace, StoreError

DEFAULT_BUSY_TIMEOUT = 30.0
# What the first bytes of a file say it is. DuckDB writes its magic after an 8-byte checksum.
_DUCKDB_MAGIC = (8, b"DUCK")
_OTHER_FORMATS = ((b"SQLite format 3\0", "a SQLite database"), (b"PAR1", "a Parquet file"),
                  (b"PK\x03\x04", "a zip archive"), (b"\x89HDF", "an HDF5 file"))
_LOCK_HOLDER = re.compile(r"Conflicting lock is held in (.*?) \(PID (\d+)\)")


def busy_timeout() -> float:
    """Seconds to wait for another process: ``$TIMELINE_BUSY_TIMEOUT``, else 30."""
    try:
        return float(os.environ.get("TIMELINE_BUSY_TIMEOUT") or DEFAULT_BUSY_TIMEOUT)
    except ValueError:
        return DEFAULT_BUSY_TIMEOUT


def check_file(path: Path) -> bool:
    """True when ``path`` holds a DuckDB file, False when there is no file yet (a database
    may be created there). Raises :class:`DatabaseUnusable` for a path that can never be one:
    a missing folder, a directory, an empty or unreadable file, a file of another kind."""
    if path.is_dir():
        raise DatabaseUnusable(f"{path} is a directory, not a database file")
    if not path.exists():
        if not path.parent.is_dir():
            raise DatabaseUnusable(f"{path}: the folder {path.parent} does not exist")
        return False
    try:
        with path.open("rb") as stream:
            head = stream.read(16)
    except OSError as error:
        raise DatabaseUnusable(f"{path} cannot be read ({error.strerror})") from None
    offset, magic = _DUCKDB_MAGIC
    if head[offset:offset + len(magic)] == magic:
        return True
    kind = next((name for start, name in _OTHER_FORMATS if head.startswith(start)),
                "an empty file" if not head else "not a DuckDB database")
    raise DatabaseUnusable(f"{path} is {kind}, not a timeline database: give --db a new "
                           f"file name, or the path of a timeline database")


# Each file this process has connections to: [read-only?, memory limit, open connections].
_held: dict[Path, list] = {}
_changed = threading.Condition()


@contextmanager
def opened(path: Path, *, write: bool, memory_limit: str | None = None,
           timeout: float | None = None) -> Iterator[duckdb.DuckDBPyConnection]:
    """A connection to the file for the block (read-only unless ``write``), closed after; it
    takes the settings of the process's other open connections to the file (see the
    module's description)."""
    key = path.resolve()
    deadline = time.monotonic() + (busy_timeout() if timeout is None else timeout)
    if write:
        _end_linger(key)  # a file left open for the next read does not hold up a write
    with _changed:
        while key in _held and write and _held[key][0]:
            # This process reads the file read-only: the write waits for those reads.
            if not _changed.wait(max(0.0, deadline - time.monotonic())):
                raise DatabaseBusy(f"the database {path} is being read by this process for "
                                   f"longer than the wait; try again when it is done",
                                   holder="this process", pid=os.getpid())
        entry = _held.setdefault(key, [not write, memory_limit, 0])
        entry[2] += 1
        read_only, limit = entry[0], entry[1]
    try:
        db = connect(path, write=not read_only, memory_limit=limit,
                     timeout=max(0.0, deadline - time.monotonic()))
    except BaseException:
        _release(key)
        raise
    try:
        yield db
    finally:
        db.close()
        _release(key)


# Seconds the dashboard leaves the file open after a run, for the next: an analyst changing
# filters reruns within them and finds DuckDB's cache warm (at 10M events, 40 ms of a
# filter's 90-130). A write from another process waits at most this long for it.
LINGER_S = 3.0
# Files a block of reads left open for a while: path → (what keeps it open, its timer).
_lingering: dict[Path, tuple[ExitStack, threading.Timer]] = {}


@contextmanager
def kept_open(path: Path, *, memory_limit: str | None = None, linger: float = 0.0
              ) -> Iterator[None]:
    """The file kept open, read-only, for the block and ``linger`` seconds after it: each
    question's own connection then finds it open in DuckDB (0.5 ms, not 13–20 ms) with its
    cache warm (at 10M events, 32–55 ms for the dashboard's query, not 72–118). It never
    waits: a file another process is writing is left closed, and each question waits its
    turn. A write from this process ends the linger at once; another process's write waits
    for it within its bounded wait (:func:`busy_timeout`)."""
    key = path.resolve()
    keeper = _take_lingering(key)
    if keeper is None:
        keeper = ExitStack()
        with suppress(DatabaseBusy):
            keeper.enter_context(opened(path, write=False, memory_limit=memory_limit,
                                        timeout=0))
    try:
        yield
    finally:
        if linger > 0:
            _linger(key, keeper, linger)
        else:
            keeper.close()


def _take_lingering(key: Path) -> ExitStack | None:
    """What keeps the file open after an earlier block, its timer stopped; None if nothing."""
    with _changed:
        entry = _lingering.pop(key, None)
    if entry is None:
        return None
    entry[1].cancel()
    return entry[0]


def _linger(key: Path, keeper: ExitStack, seconds: float) -> None:
    timer = threading.Timer(seconds, _end_linger, (key, keeper))
    timer.daemon = True
    with _changed:
        earlier = _lingering.pop(key, None)
        _lingering[key] = (keeper, timer)
    if earlier is not None:  # two blocks ended together: one keeper is enough
        earlier[1].cancel()
        earlier[0].close()
    timer.start()


def _end_linger(key: Path, keeper: ExitStack | None = None) -> None:
    """Close the file left open after a block (only ``keeper``'s, when given: a timer
    must not close the keeper of a later block)."""
    with _changed:
        entry = _lingering.get(key)
        if entry is None or (keeper is not None and entry[0] is not keeper):
            return
        del _lingering[key]
    entry[1].cancel()
    entry[0].close()


def _release(key: Path) -> None:
    with _changed:
        _held[key][2] -= 1
        if not _held[key][2]:
            del _held[key]
            _changed.notify_all()


def connect(path: Path | None, *, write: bool, memory_limit: str | None = None,
            timeout: float | None = None) -> duckdb.DuckDBPyConnection:
    """A connection to the file (``None``: a new in-memory database), read-only unless
    ``write``; waits while another process holds the file, raising :class:`DatabaseBusy`
    after ``timeout`` seconds (default :func:`busy_timeout`)."""
    config = {"memory_limit": memory_limit} if memory_limit else {}
    deadline = time.monotonic() + (busy_timeout() if timeout is None else timeout)
    pause = 0.01
    while True:
        try:
            with translated_errors(path):
                db = duckdb.connect(str(path) if path else ":memory:",
                                    read_only=not write and path is not None, config=config)
        except DatabaseBusy:
            if time.monotonic() >= deadline:
                raise
            # Jittered, growing pauses: several waiting processes do not retry in step.
            time.sleep(min(pause * random.uniform(0.5, 1.5), max(0.0, deadline - time.monotonic())))
            pause = min(pause * 2, 0.25)
            continue
        # DuckDB draws its own progress bar on standard output, where it would land inside
        # `timeline list --format jsonl > file`; progress is still tracked for the importer.
        db.execute("SET enable_progress_bar_print = false")
        return db


@contextmanager
def translated_errors(path: Path | None) -> Iterator[None]:
    """Raise the engine's errors inside the block as the store's own (the engine's as
    ``__cause__``)."""
    try:
        yield
    except duckdb.Error as error:
        raise translate(error, path) from error
    except OSError as error:
        if error.errno in (errno.ENOSPC, errno.EDQUOT):
            raise OutOfSpace(f"the disk is full ({error.filename or path})") from error
        raise


def translate(error: duckdb.Error, path: Path | None) -> StoreError:
    """The store's exception for an engine error, its message one line a person can act on."""
    text = str(error)
    first = text.splitlines()[0] if text else type(error).__name__
    where = path or "the in-memory database"
    holder = _LOCK_HOLDER.search(text)
    if holder:
        pid = int(holder[2])
        who = process_description(pid) or Path(holder[1]).name
        return DatabaseBusy(f"the database {where} is in use by {who} (pid {pid}); try again "
                            f"when it is done", holder=who, pid=pid)
    if isinstance(error, duckdb.OutOfMemoryException) or "Out of Memory" in text:
        return OutOfMemory(f"out of memory while working on {where} ({_reason(first)}); "
                           f"close other programs or import a smaller file")
    if "No space left on device" in text or "disk is full" in text.lower():
        return OutOfSpace(f"the disk is full while writing {where}; free some space and "
                          f"try again (nothing was changed)")
    if any(sign in text for sign in ("Permission denied", "Operation not permitted",
                                     "Read-only file system")):
        return DatabaseUnusable(f"{where} cannot be written (permission denied): use a copy "
                                f"you may write, or only read it")
    if isinstance(error, duckdb.IOException | duckdb.SerializationException) or any(
            sign in text for sign in ("not a valid DuckDB database", "Corrupt", "checksum",
                                      "truncated", "Failed to read")):
        return DatabaseUnusable(f"{where} cannot be opened: the file is damaged or cut short "
                                f"({_reason(first)})")
    return StoreError(f"the database failed: {_reason(first)}")


def _reason(line: str) -> str:
    """An engine message without its kind ("IO Error: ") and links to its documentation."""
    line = re.sub(r"^[A-Za-z ]*(Error|Exception): ", "", line)
    return re.sub(r"\s*See also https?://\S+", "", line).strip()[:300]


def process_description(pid: int) -> str:
    """What a process is running, as a person would name it: ``streamlit run app.py``,
    ``timeline add``, ``python -c``; empty when it cannot be told."""
    try:
        words = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
    except OSError:
        return ""
    words = [word.decode(errors="replace") for word in words if word]
    if not words:
        return ""
    program = Path(words[0]).name
    if program.startswith("python") and len(words) > 1:
        if words[1] == "-c":
            return "python -c"
        # "python -m streamlit run app.py" → "streamlit run app.py"; a script → its name.
        words = words[2:] if words[1] == "-m" else words[1:]
        program = Path(words[0]).name if words else program
    named = [program]
    for word in words[1:3]:
        if word.startswith("-"):  # options and what follows them say less than the command
            break
        named.append(word)
    return " ".join(named)
