"""The team store: the command line on a real PostgreSQL server — creating the timeline,
importing (project files, GDELT, ICEWS), listing and exporting — several writers at once,
stale saves refused, credentials from the URL or libpq's variables and never shown."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from tests.conftest import TEST_EVENTS_FILE
from tests.pg_server import PASSWORD
from tests.test_importers import gdelt_row, icews_file  # noqa: F401 (a fixture used here)
from timeline.filters import EventFilter
from timeline.store import DatabaseUnusable, init_store, open_store

pytestmark = pytest.mark.postgres


def timeline(*args: str, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "timeline", *args], capture_output=True,
                          text=True, env={**os.environ, **env}, timeout=120)


@pytest.fixture
def team_url(postgres_url) -> str:
    """A timeline on the server holding the six test events, made by `timeline init`."""
    done = timeline("init", "--db", postgres_url, "--empty")
    assert done.returncode == 0, done.stderr
    assert PASSWORD not in done.stdout + done.stderr
    init = timeline("import", "--db", postgres_url, str(TEST_EVENTS_FILE))
    assert init.returncode == 0, init.stderr
    return postgres_url


def test_init_makes_a_timeline_on_an_empty_database_and_only_there(postgres_url):
    refused = timeline("list", "--db", postgres_url)
    assert refused.returncode == 4
    assert "holds no timeline" in refused.stderr and "timeline init" in refused.stderr
    made = timeline("init", "--db", postgres_url)
    assert made.returncode == 0, made.stderr
    assert made.stdout.endswith(": a timeline database, created\n")
    assert open_store(postgres_url).count() == open_store(":memory:", seed=Path(
        "data/events.jsonl")).count()
    again = timeline("init", "--db", postgres_url)
    assert (again.returncode, "a timeline database already" in again.stderr) == (4, True)


def test_import_list_and_export_round_trip_through_the_server(team_url, tmp_path):
    listed = timeline("list", "--db", team_url, "--country", "PRK", "--country", "CHN",
                      "--match", "all", "--format", "jsonl")
    assert listed.returncode == 0, listed.stderr
    assert [json.loads(line)["id"] for line in listed.stdout.splitlines()] == [
        e.id for e in open_store(team_url).events(EventFilter(countries=("PRK", "CHN"),
                                                              match="all"))]
    exported = tmp_path / "all.jsonl"
    assert timeline("export", "--db", team_url, "-o", str(exported)).returncode == 0
    copy = tmp_path / "copy.duckdb"
    assert timeline("init", "--db", str(copy), "--empty").returncode == 0
    assert timeline("import", "--db", str(copy), str(exported)).returncode == 0
    assert list(open_store(copy).events()) == list(open_store(team_url).events())


def test_gdelt_and_icews_files_land_in_their_datasets_and_a_reimport_adds_nothing(
        team_url, tmp_path, request):
    day = tmp_path / "day.export.CSV"
    day.write_text("".join(gdelt_row(n, date=f"2024061{n % 9}") + "\n" for n in range(1, 41))
                   + gdelt_row(41, code="999") + "\n" + gdelt_row(1) + "\n")
    first = timeline("import", "--db", team_url, str(day))
    assert first.returncode == 0, first.stderr
    assert "42 row(s) read, 40 imported into 'gdelt'" in first.stdout
    assert "1 with an unknown CAMEO event code" in first.stdout
    assert "1 repeated in the file" in first.stdout
    again = timeline("import", "--db", team_url, str(day))
    assert "0 imported" in again.stdout and "40 already stored" in again.stdout
    store = open_store(team_url)
    assert store.count(EventFilter(datasets=("gdelt",))) == 40
    duck = open_store(":memory:")
    from timeline.importers import import_file

    import_file(duck, day)
    gdelt = EventFilter(datasets=("gdelt",), countries=("PRK",))
    assert list(store.events(gdelt)) == list(duck.events(gdelt))
    assert store.overview(gdelt, period="day").counts.equals(
        duck.overview(gdelt, period="day").counts)
    icews = request.getfixturevalue("icews_file")
    done = timeline("import", "--db", team_url, str(icews))
    assert done.returncode == 0, done.stderr
    assert store.count(EventFilter(datasets=("icews",))) > 0
    undo = timeline("undo", "--db", team_url, str(int(store.history().iloc[0]["id"])))
    assert undo.returncode == 0, undo.stderr
    assert store.count(EventFilter(datasets=("icews",))) == 0


def test_six_writers_at_once_all_land_with_their_history(team_url):
    writers = [subprocess.Popen(
        [sys.executable, "-m", "timeline", "add", "--db", team_url, "--date", f"203{n}",
         "--title", f"Envoys meet, round {n}", "--type", "talks", "--country", "PRK",
         "--publisher", "Wire", "--by", f"writer {n}"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for n in range(6)]
    results = [(writer.wait(timeout=120), writer.stderr.read()) for writer in writers]
    assert results == [(0, "")] * 6
    store = open_store(team_url)
    assert store.count() == 6 + 6
    assert sorted(store.history().query("action == 'add'")["author"]) == [
        f"writer {n}" for n in range(6)]


def test_of_concurrent_edits_from_one_version_exactly_one_lands(team_url):
    """Five people open the same event at version 1 and save at once: one save lands (version
    2); each other is refused as stale, with nothing lost."""
    editors = [subprocess.Popen(
        [sys.executable, "-m", "timeline", "edit", "korean-war", "--db", team_url,
         "--title", f"Korean War, as editor {n} has it", "--expect-version", "1",
         "--by", f"editor {n}"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for n in range(5)]
    codes = [editor.wait(timeout=120) for editor in editors]
    refusals = [editor.stderr.read() for editor in editors]
    assert sorted(codes) == [0, 1, 1, 1, 1]
    winner = codes.index(0)
    store = open_store(team_url)
    assert store.version_of("korean-war") == 2
    assert store.get("korean-war").title == f"Korean War, as editor {winner} has it"
    assert all("changed since you opened it (version 1)" in refusals[n]
               for n in range(5) if n != winner)
    assert list(store.history("korean-war")["author"]) == [f"editor {winner}"]


def test_a_writer_waits_its_turn_then_names_the_writer_holding_the_store(team_url):
    store = open_store(team_url)
    holding, release = threading.Event(), threading.Event()

    def hold() -> None:
        with store.writing():
            holding.set()
            release.wait(30)

    holder = threading.Thread(target=hold)
    holder.start()
    holding.wait(30)
    try:
        started = time.monotonic()
        done = timeline("add", "--db", team_url, "--date", "2031", "--title", "Talks",
                        "--type", "talks", "--publisher", "Wire", TIMELINE_BUSY_TIMEOUT="1")
        waited = time.monotonic() - started
    finally:
        release.set()
        holder.join()
    assert done.returncode == 3
    assert done.stderr.startswith(f"timeline: error: the database {store.location} is in use by ")
    assert f"(pid {os.getpid()}); try again when it is done" in done.stderr
    assert waited >= 1
    assert store.count() == 6
    later = timeline("add", "--db", team_url, "--date", "2031", "--title", "Talks",
                     "--type", "talks", "--publisher", "Wire")
    assert later.returncode == 0, later.stderr
    assert store.count() == 7


def test_readers_never_wait_for_a_writer(team_url):
    store = open_store(team_url)
    with store.writing() as session:
        session.delete_event("korean-war", author="Ana")
        started = time.monotonic()
        assert open_store(team_url).count() == 6  # the other transaction's view
        assert time.monotonic() - started < 5
    assert store.count() == 5


def test_credentials_come_from_the_url_or_libpq_and_are_never_shown(postgres_server, team_url):
    no_password = team_url.replace(f":{PASSWORD.replace(' ', '%20')}@", "@")
    assert no_password != team_url
    failed = timeline("list", "--db", no_password, PGPASSWORD="wrong secret 42")
    assert failed.returncode == 4
    assert "password authentication failed" in failed.stderr
    assert "wrong secret 42" not in failed.stderr + failed.stdout
    wrong = team_url.replace("horse", "donkey")
    refused = timeline("list", "--db", wrong)
    assert refused.returncode == 4
    assert "donkey" not in refused.stderr + refused.stdout
    assert "postgresql://timeline:***@127.0.0.1" in refused.stderr
    fine = timeline("list", "--db", no_password, PGPASSWORD=PASSWORD)
    assert fine.returncode == 0, fine.stderr
    from_environment = timeline("list", TIMELINE_DB=no_password.rsplit("/", 1)[0] + "/",
                                PGDATABASE=team_url.rsplit("/", 1)[1], PGPASSWORD=PASSWORD)
    assert from_environment.stdout == fine.stdout


def test_an_unreachable_server_is_one_line_with_exit_4(postgres_server):
    done = timeline("list", "--db", "postgresql://nobody:pw-123@127.0.0.1:1/none")
    assert done.returncode == 4
    assert done.stderr.startswith("timeline: error: cannot use postgresql://nobody:***@")
    assert len(done.stderr.splitlines()) == 1 and "pw-123" not in done.stderr


def test_a_timeline_of_a_newer_program_is_refused(postgres_url):
    init_store(postgres_url)
    with open_store(postgres_url).writing() as session, \
            session._connection(write=True) as db:
        db.execute("INSERT INTO schema_version VALUES (99)")
    with pytest.raises(DatabaseUnusable, match="schema version 99"):
        open_store(postgres_url)
