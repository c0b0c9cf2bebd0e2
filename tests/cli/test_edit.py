"""timeline add / edit / delete / history / undo, run in this process on a temporary database."""

import json

import pytest

from timeline.cli.main import main
from timeline.store import open_store


def run(db_path, *args):
    return main(["--db", str(db_path), *args])


def stored(db_path, event_id):
    with open_store(db_path) as store:
        return store.get(event_id), store.version_of(event_id)


ADD = ["add", "--id", "kor-jpn-talks-2025", "--date", "2025-02", "--title", "Seoul and Tokyo talk",
       "--type", "talks", "--country", "South Korea", "--country", "JPN",
       "--source-url", "https://news.example.org/talks", "--publisher", "Test Wire", "--by", "Ana"]


def test_add_validates_like_an_import_and_records_the_author(db_path, capsys):
    assert run(db_path, *ADD) == 0
    assert "kor-jpn-talks-2025: saved as version 1" in capsys.readouterr().out
    event, version = stored(db_path, "kor-jpn-talks-2025")
    assert (event.date.iso(), event.countries, version) == ("2025-02", ("KOR", "JPN"), 1)
    assert run(db_path, "history", "kor-jpn-talks-2025") == 0
    assert "Ana" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("change", "message"),
    [(["--date", "2025-02-30"], "date: '2025-02-30' is not a real date"),
     (["--country", "Narnia"], "countries.0: 'Narnia' is not a country"),
     (["--type", "parade"], "type: 'parade' is not an event type"),
     (["--source-url", "javascript:alert(1)"], "sources.0.url: 'javascript:alert(1)' is not")],
)
def test_invalid_edits_exit_1_naming_the_field_and_change_nothing(db_path, capsys, change,
                                                                   message):
    assert run(db_path, "edit", "korean-war", *change) == 1
    assert message in capsys.readouterr().err
    assert stored(db_path, "korean-war")[1] == 1


def test_edit_replaces_only_the_fields_given(db_path, capsys):
    assert run(db_path, "edit", "prk-rus-pact-2024", "--date", "2024-06-19",
               "--quote", "mutual assistance", "--by", "Ben") == 0
    event, version = stored(db_path, "prk-rus-pact-2024")
    assert (event.date.iso(), version) == ("2024-06-19", 2)
    assert event.title == "North Korea and Russia sign a mutual defence pact"
    assert event.sources[0].url == "https://news.example.org/2024/06/pact"
    assert event.sources[0].quote == "mutual assistance"
    assert run(db_path, "history") == 0
    assert "Ben          edit   prk-rus-pact-2024: date, precision, sources" in (
        capsys.readouterr().out)


def test_a_stale_edit_is_refused_showing_both_versions(db_path, capsys):
    assert run(db_path, "edit", "korean-war", "--summary", "First.", "--expect-version", "1") == 0
    assert run(db_path, "edit", "korean-war", "--summary", "Second.",
               "--expect-version", "1") == 1
    err = capsys.readouterr().err
    assert "changed since you opened it (version 1); it is now at version 2" in err
    assert '"summary": "First."' in err and '"summary": "Second."' in err
    assert stored(db_path, "korean-war")[0].summary == "First."


def test_delete_then_undo_brings_the_event_back(db_path, capsys):
    before = stored(db_path, "korean-war")[0]
    assert run(db_path, "delete", "korean-war", "--by", "Ana") == 0
    out = capsys.readouterr().out
    assert stored(db_path, "korean-war")[0] is None
    change = int(out.split("timeline undo ")[1].rstrip("`)\n"))
    assert run(db_path, "undo", str(change), "--by", "Ben") == 0
    assert stored(db_path, "korean-war")[0] == before


def test_missing_events_and_changes_are_named(db_path, capsys):
    assert run(db_path, "edit", "nope", "--title", "x") == 1
    assert run(db_path, "delete", "nope") == 1
    assert run(db_path, "undo", "999") == 1
    err = capsys.readouterr().err
    assert "no event 'nope'" in err and "no change 999" in err


def test_json_option_sets_any_field(db_path):
    record = {"tags": ["armistice"], "end_date": "1953"}
    assert run(db_path, "edit", "korean-war", "--json", json.dumps(record)) == 0
    event = stored(db_path, "korean-war")[0]
    assert (event.tags, event.end_date.iso()) == (("armistice",), "1953")
