import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from timeline.cli.main import main
from timeline.store import CURATED_FILE, open_store


def run(db_path, *args):
    """Run the CLI in this process; return (exit code, stdout, stderr)."""
    return main(["--db", str(db_path), *args])


def jsonl(text):
    return [json.loads(line) for line in text.splitlines()]


def test_python_dash_m_lists_both_countries_events_as_jsonl(db_path):
    done = subprocess.run(
        [sys.executable, "-m", "timeline", "list", "--country", "PRK", "--country", "CHN",
         "--match", "all", "--format", "jsonl", "--db", str(db_path)],
        capture_output=True, text=True, check=True)
    records = jsonl(done.stdout)
    assert [r["date"] for r in records] == ["1949-10-06", "1950-06-25", "2024-10-06"]
    assert {"id", "date", "precision", "end_date", "title", "countries", "type",
            "sources"} <= set(records[0])
    assert records[1]["end_date"] == "1953-07-27"


def test_console_script_is_installed(db_path):
    script = shutil.which("timeline", path=str(Path(sys.executable).parent))
    assert script, "the `timeline` console script is missing: run `make test` (pip install -e .)"
    done = subprocess.run([script, "list", "--db", str(db_path), "--search", "armistice"],
                          capture_output=True, text=True, check=True)
    assert "Korean War" in done.stdout


def test_table_lists_by_date_with_the_filter_sentence(db_path, capsys):
    assert run(db_path, "list", "--country", "DPRK", "--from", "2024") == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "Events involving North Korea, from 2024: 2 events"
    assert out[1].startswith("2024-06 ") and "Russia" in out[1]
    assert out[2].startswith("2024-10-06 ")


def test_table_shows_an_end_only_where_there_is_one(db_path, capsys):
    assert run(db_path, "list", "--country", "PRK") == 0
    dates = [line.split()[0] for line in capsys.readouterr().out.splitlines()[1:]]
    assert dates == ["1949-10-06", "1950-06-25..1953-07-27", "2024-06", "2024-10-06"]


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--to", "1700"], ["nerchinsk-1689"]),
        (["--from", "2024-06-10", "--to", "2024-06-30"], ["prk-rus-pact-2024"]),
        (["--type", "treaty"], ["nerchinsk-1689", "prk-rus-pact-2024"]),
        (["--search", "習近平"], ["prk-chn-messages-2024"]),
        (["--country", "Soviet Union"], ["korean-war"]),
        (["--source", "daily.example.com"], ["usa-chn-call-2025"]),
    ],
)
def test_list_filters(db_path, capsys, args, expected):
    assert run(db_path, "list", "--format", "jsonl", *args) == 0
    assert [r["id"] for r in jsonl(capsys.readouterr().out)] == expected


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["list", "--country", "Narnia"], "--country 'Narnia': not a country"),
        (["list", "--from", "2024-02-30"], "--from '2024-02-30': not a real date"),
        (["list", "--from", "2025", "--to", "2024"], "--from '2025': it is after to “2024”"),
        (["list", "--type", "parade"], "invalid choice: 'parade'"),
        (["import", "missing.jsonl"], "No such file"),
    ],
)
def test_bad_command_lines_exit_2_with_a_message(db_path, capsys, args, words):
    with pytest.raises(SystemExit) as exit_:
        run(db_path, *args)
    assert exit_.value.code == 2
    assert words in capsys.readouterr().err


@pytest.fixture
def file_with_a_bad_middle_row(tmp_path) -> Path:
    """Three rows: good, bad (unknown country and impossible date), good."""
    path = tmp_path / "mixed.jsonl"
    lines = [
        {"id": "ok-1", "date": "2025-01", "title": "First", "countries": ["KOR"],
         "type": "statement", "sources": [{"url": "https://a.example/1"}]},
        {"id": "bad", "date": "2024-02-30", "title": "Bad", "countries": ["Narnia"],
         "type": "statement", "sources": [{"url": "https://a.example/2"}]},
        {"id": "ok-2", "date": "2025-02", "title": "Second", "countries": ["JPN"],
         "type": "statement", "sources": [{"url": "https://a.example/3"}]},
    ]
    path.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    return path


def test_import_with_a_bad_row_writes_nothing_and_names_line_and_field(
        db_path, capsys, file_with_a_bad_middle_row):
    before = open_store(db_path).count()
    assert run(db_path, "import", str(file_with_a_bad_middle_row)) == 1
    err = capsys.readouterr().err
    assert f"{file_with_a_bad_middle_row}:2: date: '2024-02-30' is not a real date" in err
    assert f"{file_with_a_bad_middle_row}:2: countries.0: 'Narnia' is not a country" in err
    assert (f"{file_with_a_bad_middle_row}: 1 of 3 rows invalid; nothing imported (fix it, "
            "or use --skip-invalid") in err
    with open_store(db_path) as store:
        assert store.count() == before
        assert store.get("ok-1") is None


def test_import_skip_invalid_lands_the_valid_rows(db_path, capsys, file_with_a_bad_middle_row):
    assert run(db_path, "import", str(file_with_a_bad_middle_row), "--skip-invalid") == 0
    assert ("3 rows read, 2 events imported into 'curated', 1 row skipped: 1 invalid"
            in capsys.readouterr().out)
    with open_store(db_path) as store:
        assert store.get("ok-1") and store.get("ok-2") and not store.get("bad")


def test_an_event_told_again_is_held_back_and_the_flag_to_import_it_named(db_path, capsys,
                                                                          tmp_path):
    path = tmp_path / "retold.jsonl"
    path.write_text(json.dumps({
        "id": "pact-retold", "date": "2024-06-19", "countries": ["RUS", "PRK"],
        "title": "Russia and North Korea sign mutual defence pact", "type": "treaty",
        "sources": [{"url": "https://b.example/pact"}]}) + "\n")
    assert run(db_path, "import", str(path)) == 0
    err = capsys.readouterr().err
    assert "looks like the stored event 'prk-rus-pact-2024'" in err
    assert (f"{path}: 1 event similar to stored ones not imported (import it anyway with "
            "--allow-similar)") in err
    assert run(db_path, "import", str(path), "--allow-similar") == 0
    assert "--allow-similar" not in capsys.readouterr().err
    assert open_store(db_path).get("pact-retold") is not None


def test_dry_run_writes_nothing(db_path, capsys, tmp_path):
    path = tmp_path / "one.jsonl"
    path.write_text(json.dumps({"date": "2025", "title": "Dry", "type": "talks",
                                "sources": [{"url": "https://a.example/d"}]}) + "\n")
    assert run(db_path, "import", str(path), "--dry-run") == 0
    assert "1 row read, 1 event would be imported (nothing written)" in capsys.readouterr().out
    assert open_store(db_path).count() == 6


@pytest.mark.parametrize("fmt", ["csv", "jsonl", "json"])
def test_export_then_import_into_a_new_database_round_trips(db_path, tmp_path, capsys, fmt):
    out = tmp_path / f"export.{fmt}"
    assert run(db_path, "export", "--format", fmt, "--output", str(out)) == 0
    empty = tmp_path / "empty.duckdb"
    open_store(empty).close()
    assert run(empty, "import", str(out)) == 0
    with open_store(db_path) as original, open_store(empty) as copy:
        assert list(copy.events()) == list(original.events())


def test_new_database_is_created_from_the_curated_file(tmp_path):
    env = {**os.environ, "TIMELINE_DB": str(tmp_path / "fresh.duckdb")}
    done = subprocess.run([sys.executable, "-m", "timeline", "list", "--format", "jsonl",
                           "--search", "diplomatic relations", "--country", "PRK"],
                          capture_output=True, text=True, check=True, env=env)
    assert "1949-10-06" in done.stdout
    assert (tmp_path / "fresh.duckdb").exists()


def test_the_curated_dataset_writes_back_to_its_file_unchanged(tmp_path, capsys):
    """Edit in the dashboard or CLI, then `timeline export --dataset curated -o
    data/events.jsonl`: the file changes only where events did, so the diff is the review."""
    out = tmp_path / "events.jsonl"
    assert main(["--db", str(tmp_path / "fresh.duckdb"), "export", "--dataset", "curated",
                 "--format", "jsonl", "-o", str(out)]) == 0
    assert out.read_bytes() == CURATED_FILE.read_bytes()
