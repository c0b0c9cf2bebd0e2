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

import pytest

from tests.builders import TEST_EVENTS_FILE, gdelt_row
from tests.pg_server import PASSWORD
from tests.processes import add_waiting, six_writers_all_land
from timeline.cli.main import main
from timeline.core.filters import EventFilter
from timeline.files.formats import read_events_file
from timeline.store import CURATED_FILE, DatabaseUnusable, init_store, open_store, redacted

pytestmark = pytest.mark.postgres


@pytest.fixture
def team_url(postgres_url) -> str:
    """A timeline on the server holding the six test events."""
    init_store(postgres_url, seed=TEST_EVENTS_FILE)
    return postgres_url


def run(capsys, *args: str) -> tuple[int, str, str]:
    """The command line run in this process: exit code, standard output and error."""
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_init_makes_a_timeline_on_an_empty_database_and_only_there(postgres_url, capsys):
    code, _, refused = run(capsys, "list", "--db", postgres_url)
    assert code == 4
    assert "holds no timeline" in refused and "timeline init" in refused
    code, made, _ = run(capsys, "init", "--db", postgres_url)
    assert code == 0
    assert made == f"{redacted(postgres_url)}: a timeline database, created\n"
    assert PASSWORD.split()[1] not in made
    assert open_store(postgres_url).count() == len(read_events_file(CURATED_FILE))
    code, _, again = run(capsys, "init", "--db", postgres_url)
    assert (code, "a timeline database already" in again) == (4, True)


def test_import_list_and_export_round_trip_through_the_server(team_url, tmp_path, capsys):
    code, listed, _ = run(capsys, "list", "--db", team_url, "--country", "PRK", "--country",
                          "CHN", "--match", "all", "--format", "jsonl")
    assert code == 0
    assert [json.loads(line)["id"] for line in listed.splitlines()] == [
        e.id for e in open_store(team_url).events(EventFilter(countries=("PRK", "CHN"),
                                                              match="all"))]
    exported = tmp_path / "all.jsonl"
    assert run(capsys, "export", "--db", team_url, "-o", str(exported))[0] == 0
    copy = tmp_path / "copy.duckdb"
    assert run(capsys, "init", "--db", str(copy), "--empty")[0] == 0
    assert run(capsys, "import", "--db", str(copy), str(exported))[0] == 0
    assert list(open_store(copy).events()) == list(open_store(team_url).events())


def test_gdelt_and_icews_files_land_in_their_datasets_and_a_reimport_adds_nothing(
        team_url, tmp_path, request, capsys):
    day = tmp_path / "day.export.CSV"
    day.write_text("".join(gdelt_row(n, date=f"2024061{n % 9}") + "\n" for n in range(1, 41))
                   + gdelt_row(41, code="999") + "\n" + gdelt_row(1) + "\n")
    code, first, _ = run(capsys, "import", "--db", team_url, str(day))
    assert code == 0
    assert "42 rows read, 40 events imported into 'gdelt'" in first
    assert "1 with an unknown CAMEO event code" in first
    assert "1 repeated in the file" in first
    again = run(capsys, "import", "--db", team_url, str(day))[1]
    assert "0 events imported" in again and "40 already stored" in again
    store = open_store(team_url)
    assert store.count(EventFilter(datasets=("gdelt",))) == 40
    duck = open_store(":memory:")
    from timeline.store.importers import import_file

    import_file(duck, day)
    gdelt = EventFilter(datasets=("gdelt",), countries=("PRK",))
    assert list(store.events(gdelt)) == list(duck.events(gdelt))
    assert store.overview(gdelt, period="day").counts.equals(
        duck.overview(gdelt, period="day").counts)
    icews = request.getfixturevalue("icews_file")
    assert run(capsys, "import", "--db", team_url, str(icews))[0] == 0
    assert store.count(EventFilter(datasets=("icews",))) > 0
    assert run(capsys, "undo", "--db", team_url, str(int(store.history().iloc[0]["id"])))[0] == 0
    assert store.count(EventFilter(datasets=("icews",))) == 0


def test_six_writers_at_once_all_land_with_their_history(team_url):
    six_writers_all_land(team_url)


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
        done, waited = add_waiting(team_url, seconds="1")
    finally:
        release.set()
        holder.join()
    assert done.returncode == 3
    assert done.stderr.startswith(f"timeline: error: the database {store.location} is in use by ")
    assert f"(pid {os.getpid()}); try again when it is done" in done.stderr
    assert waited >= 1
    assert store.count() == 6
    later, _ = add_waiting(team_url, seconds="30")
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


def test_credentials_come_from_the_url_or_libpq_and_are_never_shown(team_url, capsys,
                                                                   monkeypatch):
    no_password = team_url.replace(f":{PASSWORD.replace(' ', '%20')}@", "@")
    assert no_password != team_url
    monkeypatch.setenv("PGPASSWORD", "wrong secret 42")
    code, out, failed = run(capsys, "list", "--db", no_password)
    assert code == 4
    assert "password authentication failed" in failed
    assert "wrong secret 42" not in failed + out
    code, out, refused = run(capsys, "list", "--db", team_url.replace("horse", "donkey"))
    assert code == 4
    assert "donkey" not in refused + out
    assert "postgresql://timeline:***@127.0.0.1" in refused
    monkeypatch.setenv("PGPASSWORD", PASSWORD)
    code, fine, _ = run(capsys, "list", "--db", no_password)
    assert code == 0 and "Korean War" in fine
    monkeypatch.setenv("PGDATABASE", team_url.rsplit("/", 1)[1])
    monkeypatch.setenv("TIMELINE_DB", no_password.rsplit("/", 1)[0] + "/")
    assert run(capsys, "list")[1] == fine


def test_an_unreachable_server_is_one_line_with_exit_4(capsys):
    code, _, err = run(capsys, "list", "--db", "postgresql://nobody:pw-123@127.0.0.1:1/none")
    assert code == 4
    assert err.startswith("timeline: error: cannot use postgresql://nobody:***@")
    assert len(err.splitlines()) == 1 and "pw-123" not in err


def test_a_timeline_of_a_newer_program_is_refused(postgres_url):
    init_store(postgres_url)
    with open_store(postgres_url).writing() as session, \
            session._connection(write=True) as db:
        db.execute("INSERT INTO schema_version VALUES (99)")
    with pytest.raises(DatabaseUnusable, match="schema version 99"):
        open_store(postgres_url)
