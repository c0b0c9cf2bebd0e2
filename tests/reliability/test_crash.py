"""Killing the program mid-write (SIGKILL: no clean-up runs) loses nothing committed and
leaves no half import, and a reader never sees half an import.

Each test really kills a subprocess writing to a database file, then opens the file again.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from benchmarks.synthetic import write_gdelt
from tests.builders import TEST_EVENTS_FILE, event_record
from timeline.core.filters import EventFilter
from timeline.core.model import parse_event
from timeline.files.formats import read_events_file
from timeline.store import CURATED, open_store
from timeline.store.importers import import_file

ROOT = Path(__file__).resolve().parents[2]
ROWS = 300_000
SMALL = 50_000  # enough for a reader to poll many times during the import
BATCH = 200  # events per curated transaction

IMPORT = """
import sys
from pathlib import Path
from timeline.store.importers import import_file
from timeline.store import open_store

store = open_store(Path(sys.argv[1]))
print("start", flush=True)
import_file(store, Path(sys.argv[2]), progress=lambda done: print("read", flush=True))
print("committed", flush=True)
store.close()
print("closed", flush=True)
"""

ADD = """
import sys
from pathlib import Path
from timeline.core.model import parse_event
from timeline.store import open_store

store = open_store(Path(sys.argv[1]))
BATCH = int(sys.argv[2])
for batch in range(10_000):
    store.add_events([parse_event({
        "id": f"crash-{batch}-{n}", "date": "2024-06", "title": f"Batch {batch} event {n}",
        "countries": ["PRK"], "type": "statement",
        "sources": [{"url": "https://news.example.org/crash"}]}) for n in range(BATCH)])
    print(batch, flush=True)
"""


EDIT = """
import sys
from pathlib import Path
from timeline.core.model import parse_event
from timeline.store import open_store

store = open_store(Path(sys.argv[1]))
event = parse_event({"id": "crash-edit", "date": "2024-06", "title": "Edited until killed",
                     "countries": ["PRK"], "type": "statement",
                     "sources": [{"url": "https://news.example.org/crash"}]})
store.save_event(event, author="crash")
for version in range(1, 100_000):
    store.save_event(event.model_copy(update={"summary": f"Edit {version}."}), author="crash",
                     expected_version=version)
    print(version, flush=True)
"""


@pytest.fixture(scope="module")
def gdelt_file(tmp_path_factory) -> Path:
    return write_gdelt(tmp_path_factory.mktemp("crash") / "events.tsv", ROWS)


@pytest.fixture(scope="module")
def small_gdelt_file(tmp_path_factory) -> Path:
    return write_gdelt(tmp_path_factory.mktemp("crash") / "small.tsv", SMALL)


@pytest.fixture
def database(tmp_path) -> Path:
    """A database file holding the test events, committed and closed."""
    path = tmp_path / "events.duckdb"
    open_store(path, seed=TEST_EVENTS_FILE).close()
    return path


def start(script: str, *args: object) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-c", script, *map(str, args)], cwd=ROOT,
                            stdout=subprocess.PIPE, text=True,
                            env={**os.environ, "PYTHONPATH": str(ROOT)})


def wait_for(child: subprocess.Popen, word: str) -> None:
    """Read the child's output until a line says ``word``."""
    for line in child.stdout:
        if line.strip() == word:
            return
    pytest.fail(f"the child ended (exit {child.wait()}) before saying {word!r}")


def kill(child: subprocess.Popen) -> None:
    child.send_signal(signal.SIGKILL)
    child.wait(timeout=30)
    child.stdout.close()
    assert child.returncode == -signal.SIGKILL


def when_file_grows(path: Path, timeout: float = 60) -> None:
    """Wait until the database file grows: an uncommitted transaction writing its blocks."""
    size = path.stat().st_size
    deadline = time.monotonic() + timeout
    while path.stat().st_size == size:
        assert time.monotonic() < deadline, "the import never wrote to the database file"
        time.sleep(0.01)


def assert_committed_events_intact(store) -> None:
    """Every event committed before the child started is there, field for field."""
    committed = read_events_file(TEST_EVENTS_FILE)
    assert [store.get(event.id) for event in committed] == committed


@pytest.mark.parametrize("moment", ["reading the file", "writing uncommitted rows",
                                    "after the commit"])
def test_killing_an_import_leaves_all_of_it_or_none(database, gdelt_file, moment):
    child = start(IMPORT, database, gdelt_file)
    wait_for(child, "start")
    if moment == "reading the file":
        time.sleep(0.2)
    elif moment == "writing uncommitted rows":
        wait_for(child, "read")
        when_file_grows(database)
    else:
        wait_for(child, "committed")
    kill(child)

    with open_store(database) as store:  # opens cleanly, replaying its log
        assert_committed_events_intact(store)
        landed = store.count(EventFilter(datasets=("gdelt",)))
        if moment == "after the commit":
            assert landed == ROWS
        else:
            assert landed in (0, ROWS)
        assert store.count(EventFilter(datasets=(CURATED,))) == 6
        # The database still takes writes.
        store.add_events([parse_event(event_record(id="after-the-crash"))])
        assert store.count() == 6 + landed + 1


def test_killing_curated_writes_keeps_every_committed_transaction(database):
    child = start(ADD, database, BATCH)
    for _ in range(5):  # five transactions reported committed
        committed = int(child.stdout.readline())
    kill(child)

    with open_store(database) as store:
        assert_committed_events_intact(store)
        stored = store.count(EventFilter(text="Batch "))
        batches, rest = divmod(stored, BATCH)
        assert rest == 0, f"{stored} events: a transaction landed in part"
        assert batches >= committed + 1  # batches count from 0
        last = store.get(f"crash-{batches - 1}-{BATCH - 1}")
        assert last is not None and last.title == f"Batch {batches - 1} event {BATCH - 1}"


def test_killing_a_run_of_edits_keeps_each_saved_edit_and_its_history(database):
    child = start(EDIT, database)
    for _ in range(5):  # five edits reported saved
        saved = int(child.stdout.readline())
    kill(child)

    with open_store(database) as store:
        assert_committed_events_intact(store)
        version = store.version_of("crash-edit")
        assert version >= saved + 1  # the edit from version N made version N + 1
        assert store.get("crash-edit").summary == f"Edit {version - 1}."
        assert len(store.history("crash-edit")) == version  # the add and each edit, recorded


def test_a_reader_never_sees_half_an_import(database, small_gdelt_file):
    with open_store(database) as store:
        before = store.count()
        seen: set[int] = set()
        done = threading.Event()

        def read() -> None:
            # Each count on a connection of its own, beside the import's, as a dashboard
            # session's would be.
            while not done.is_set():
                seen.add(store.count())
            seen.add(store.count())

        reader = threading.Thread(target=read)
        reader.start()
        try:
            import_file(store, small_gdelt_file)
        finally:
            done.set()
            reader.join()
    assert seen == {before, before + SMALL}  # before it, then all of it: nothing between
