"""Which files the store opens, and what other processes see while it works: each refusal is
one line with its own exit code, and nothing is written to a file that is not ours."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import duckdb
import pytest

from tests.builders import TEST_EVENTS_FILE
from tests.processes import add_waiting, six_writers_all_land, timeline
from timeline.cli.main import main
from timeline.store import SCHEMA_VERSION, DatabaseBusy, open_store


@pytest.fixture(scope="module")
def timeline_file(tmp_path_factory) -> Path:
    """A timeline database holding the test events, made once; tests use copies."""
    path = tmp_path_factory.mktemp("made") / "events.duckdb"
    open_store(path, seed=TEST_EVENTS_FILE)
    return path


def directory(path: Path, _: Path) -> None:
    path.mkdir()


def sqlite_file(path: Path, _: Path) -> None:
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE notes (text TEXT)")


def other_duckdb_file(path: Path, _: Path) -> None:
    with duckdb.connect(str(path)) as db:
        db.execute("CREATE TABLE accounts (id INTEGER); INSERT INTO accounts VALUES (1)")


def empty_file(path: Path, _: Path) -> None:
    path.touch()


def text_file(path: Path, _: Path) -> None:
    path.write_text("id,date,title\n")


def truncated(path: Path, made: Path) -> None:
    shutil.copyfile(made, path)
    os.truncate(path, 12288)


def newer_schema(path: Path, made: Path) -> None:
    shutil.copyfile(made, path)
    with duckdb.connect(str(path)) as db:
        db.execute("INSERT INTO schema_version VALUES (?)", [SCHEMA_VERSION + 1])


REFUSED: list[tuple[Callable[[Path, Path], None], str]] = [
    (directory, "is a directory, not a database file"),
    (sqlite_file, "is a SQLite database, not a timeline database"),
    (other_duckdb_file, "is a DuckDB file of another program (its tables: accounts)"),
    (empty_file, "is an empty file, not a timeline database"),
    (text_file, "is not a DuckDB database, not a timeline database"),
    (truncated, "cannot be opened: the file is damaged or cut short"),
    (newer_schema, f"is at schema version {SCHEMA_VERSION + 1}; this program knows up to"),
]


def snapshot(path: Path) -> dict[str, bytes]:
    """Every file in the folder, byte for byte (a directory as its listing)."""
    return {p.name: (b"dir" if p.is_dir() else p.read_bytes()) for p in path.parent.iterdir()}


@pytest.mark.parametrize(("make", "words"), REFUSED, ids=[make.__name__ for make, _ in REFUSED])
@pytest.mark.parametrize("command", [["list"], ["import", str(TEST_EVENTS_FILE)]],
                         ids=["list", "import"])
def test_a_file_that_is_not_a_usable_timeline_database_is_refused_in_one_line_untouched(
        tmp_path, timeline_file, capsys, make, words, command):
    path = tmp_path / "given" / "events.duckdb"
    path.parent.mkdir()
    make(path, timeline_file)
    before = snapshot(path)
    assert main([*command, "--db", str(path)]) == 4
    error = capsys.readouterr().err
    assert error.count("\n") == 1 and error.startswith(f"timeline: error: {path}")
    assert words in error
    assert snapshot(path) == before  # no schema, no events, no write-ahead log


def test_a_missing_folder_is_named_not_created(tmp_path, capsys):
    path = tmp_path / "no such folder" / "events.duckdb"
    assert main(["list", "--db", str(path)]) == 4
    assert capsys.readouterr().err == (f"timeline: error: {path}: the folder {path.parent} "
                                       f"does not exist\n")
    assert not path.parent.exists()


def test_where_no_file_is_a_database_is_created_from_the_curated_events(tmp_path, capsys):
    path = tmp_path / "new.duckdb"
    assert main(["list", "--db", str(path), "--limit", "0"]) == 0
    assert open_store(path).count() > 0


def test_init_adds_the_timeline_to_another_programs_empty_duckdb_file_only_when_asked(
        tmp_path, capsys):
    path = tmp_path / "shared.duckdb"
    other_duckdb_file(path, path)
    assert main(["init", "--empty", "--db", str(path)]) == 0
    assert main(["import", str(TEST_EVENTS_FILE), "--db", str(path)]) == 0
    with duckdb.connect(str(path)) as db:  # the other program's table is as it was
        assert db.execute("SELECT * FROM accounts").fetchall() == [(1,)]
    assert open_store(path).count() == 6
    capsys.readouterr()
    assert main(["init", "--db", str(path)]) == 4  # a timeline database already
    assert "is a timeline database already" in capsys.readouterr().err


def test_init_refuses_a_file_whose_tables_would_clash(tmp_path, capsys):
    path = tmp_path / "clash.duckdb"
    with duckdb.connect(str(path)) as db:
        db.execute("CREATE TABLE events (what VARCHAR)")
    assert main(["init", "--db", str(path)]) == 4
    assert "already has a table named events" in capsys.readouterr().err


def read_only(path: Path) -> None:
    """Make ``path`` unwritable, for root too (whom file modes do not stop)."""
    path.chmod(0o444)
    if os.access(path, os.W_OK) and subprocess.run(["chattr", "+i", str(path)]).returncode:
        pytest.skip("cannot make a file read-only for this user here")


def writable(path: Path) -> None:
    subprocess.run(["chattr", "-i", str(path)], capture_output=True)
    path.chmod(0o644)


def test_a_read_only_database_is_read_and_a_change_refused_in_one_line(
        tmp_path, timeline_file, capsys):
    path = tmp_path / "read-only.duckdb"
    shutil.copyfile(timeline_file, path)
    read_only(path)
    try:
        assert main(["list", "--db", str(path), "--country", "RUS"]) == 0
        assert "Treaty of Nerchinsk" in capsys.readouterr().out
        assert main(["add", "--db", str(path), "--date", "2031", "--title", "Talks",
                     "--type", "talks", "--publisher", "Wire"]) == 4
        error = capsys.readouterr().err
        assert error == (f"timeline: error: {path} cannot be written (permission denied): use "
                         f"a copy you may write, or only read it\n")
    finally:
        writable(path)


def test_export_never_writes_over_the_database(tmp_path, timeline_file, capsys):
    path = tmp_path / "events.duckdb"
    shutil.copyfile(timeline_file, path)
    before = path.read_bytes()
    with pytest.raises(SystemExit) as exit_:
        main(["export", "--db", str(path), "-o", str(tmp_path / "." / "events.duckdb")])
    assert exit_.value.code == 2
    assert "is the database itself" in capsys.readouterr().err
    assert path.read_bytes() == before


HOLD = """
import sys, time, duckdb
db = duckdb.connect(sys.argv[1])  # read-write: no other process may open the file
print("holding", flush=True)
time.sleep(float(sys.argv[2]))
"""


def held(path: Path, seconds: float) -> subprocess.Popen:
    """Another process holding the database for writing, for ``seconds``."""
    holder = subprocess.Popen([sys.executable, "-c", HOLD, str(path), str(seconds)],
                              stdout=subprocess.PIPE, text=True)
    assert holder.stdout.readline() == "holding\n"
    return holder


def test_a_writer_waits_its_turn_then_names_the_process_holding_the_database(
        tmp_path, timeline_file):
    path = tmp_path / "busy.duckdb"
    shutil.copyfile(timeline_file, path)
    holder = held(path, 30)
    try:
        done, waited = add_waiting(str(path), seconds="1")
    finally:
        holder.kill()
        holder.wait()
    assert done.returncode == 3
    assert done.stderr == (f"timeline: error: the database {path} is in use by python -c "
                           f"(pid {holder.pid}); try again when it is done\n")
    assert waited >= 1  # it waited the time it was given before saying so
    assert open_store(path).count() == 6


def test_a_writer_lands_once_the_other_process_lets_go(tmp_path, timeline_file):
    path = tmp_path / "busy.duckdb"
    shutil.copyfile(timeline_file, path)
    holder = held(path, 1.5)
    done = timeline("add", "--db", str(path), "--date", "2031", "--title", "Talks",
                    "--type", "talks", "--publisher", "Wire", TIMELINE_BUSY_TIMEOUT="30")
    holder.wait()
    assert done.returncode == 0, done.stderr
    assert open_store(path).count() == 7


def test_six_writers_at_once_all_land_with_their_history(tmp_path, timeline_file):
    path = tmp_path / "many.duckdb"
    shutil.copyfile(timeline_file, path)
    six_writers_all_land(str(path))


def test_a_store_holds_no_connection_between_operations(tmp_path, timeline_file,
                                                         monkeypatch):
    path = tmp_path / "idle.duckdb"
    shutil.copyfile(timeline_file, path)
    store = open_store(path)
    assert store.count() == 6
    # Another process may now write: this process keeps nothing open.
    with duckdb.connect(str(path)) as other:
        other.execute("SELECT 1")
    monkeypatch.setenv("TIMELINE_BUSY_TIMEOUT", "0.2")
    holder = held(path, 5)
    try:  # while another process writes, this one waits, then says so
        with pytest.raises(DatabaseBusy, match=f"in use by python -c \\(pid {holder.pid}\\)"):
            store.count()
    finally:
        holder.kill()
        holder.wait()


def test_a_block_of_reads_keeps_the_file_open_and_lets_it_go_after(tmp_path, timeline_file):
    """A dashboard page's questions share one open database (opening the file was a fifth
    of a rerun); after the block another program may write the file again."""
    path = tmp_path / "page.duckdb"
    shutil.copyfile(timeline_file, path)
    store = open_store(path)
    with store.reading():
        assert store.count() == 6 and len(store.query()) == 6
        with pytest.raises(duckdb.ConnectionException):  # held open here, read-only
            duckdb.connect(str(path))
    with duckdb.connect(str(path)) as other:
        other.execute("SELECT 1")


def test_a_block_of_reads_may_keep_the_file_open_a_moment_for_the_next(tmp_path,
                                                                      timeline_file):
    """A dashboard run leaves the file open a few seconds for the next run (DuckDB's cache
    warm): a command-line writer meanwhile waits its bounded time, then lands once the
    moment has passed; the next block within it finds the file still open."""
    path = tmp_path / "lingering.duckdb"
    shutil.copyfile(timeline_file, path)
    store = open_store(path)
    with store.reading(linger=60):
        assert store.count() == 6
    with store.reading(linger=3):  # the next run, within the moment
        assert store.count() == 6
    with pytest.raises(duckdb.ConnectionException):  # still open after it, read-only
        duckdb.connect(str(path))
    done, waited = add_waiting(str(path), seconds="30")
    assert done.returncode == 0, done.stderr
    assert waited < 20  # it waited for the moment to pass, not its 30 s
    assert store.count() == 7
    with duckdb.connect(str(path)) as other:  # and then nothing holds the file
        other.execute("SELECT 1")


def test_a_write_from_the_same_process_ends_the_moment_at_once(tmp_path, timeline_file,
                                                              monkeypatch):
    """The dashboard's own edit does not wait for the file its last run left open."""
    path = tmp_path / "own.duckdb"
    shutil.copyfile(timeline_file, path)
    store = open_store(path)
    monkeypatch.setenv("TIMELINE_BUSY_TIMEOUT", "0.5")
    with store.reading(linger=60):
        assert store.count() == 6
    store.delete_event(store.query()["id"].iloc[0], author="test")
    assert store.count() == 5
    with duckdb.connect(str(path)) as other:  # and nothing of this process holds it now
        other.execute("SELECT 1")


def test_a_block_of_reads_goes_on_while_another_process_writes(tmp_path, timeline_file,
                                                               monkeypatch):
    """Keeping the file open is not a question of its own: it does not wait, or fail, for
    another process's write; each question waits its turn and says so as ever."""
    path = tmp_path / "written.duckdb"
    shutil.copyfile(timeline_file, path)
    store = open_store(path)
    monkeypatch.setenv("TIMELINE_BUSY_TIMEOUT", "0.2")
    holder = held(path, 5)
    try:
        with store.reading(), pytest.raises(DatabaseBusy, match=f"pid {holder.pid}"):
            store.count()
    finally:
        holder.kill()
        holder.wait()
