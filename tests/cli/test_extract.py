"""The ``dates`` and ``countries`` subcommands (timeline.cli.extract)."""

from __future__ import annotations

import argparse
import io
import json
import sys

import pytest

from timeline.cli.extract import add_commands
from timeline.cli.main import main
from timeline.core.wording import counted

ARTICLE = (
    "Chinese President Xi Jinping (習近平) called Donald Trump on Friday, Beijing said "
    "yesterday.\r\nThe two last spoke in June.\r\n"
)
PUBLISHED = "2025-01-19"  # a Sunday


def parser() -> argparse.ArgumentParser:
    built = argparse.ArgumentParser(prog="timeline")
    add_commands(built.add_subparsers(dest="command", required=True))
    return built


def run(argv: list[str], capsys) -> tuple[int, str, str]:
    args = parser().parse_args(argv)
    code = args.func(args)
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def article(tmp_path):
    path = tmp_path / "article.txt"
    path.write_bytes(ARTICLE.encode("utf-8"))
    return path


def test_dates_prints_offsets_values_and_precisions(article, capsys):
    code, out, _ = run(["dates", str(article), "--published", PUBLISHED, "--format", "json"],
                       capsys)
    assert code == 0
    found = json.loads(out)
    assert [(d["text"], d["value"], d["precision"]) for d in found] == [
        ("Friday", "2025-01-17", "day"),
        ("yesterday", "2025-01-18", "day"),
        ("June", "2024-06", "month"),
    ]
    assert all(set(d) == {"start", "end", "text", "value", "precision"} for d in found)
    # offsets are Python string indices into the file as read: CJK counts one, CRLF counts two
    assert all(ARTICLE[d["start"] : d["end"]] == d["text"] for d in found)
    assert found[2]["start"] == ARTICLE.index("June")


def test_countries_prints_iso3_codes(article, capsys):
    code, out, _ = run(["countries", str(article), "--published", PUBLISHED], capsys)
    assert code == 0
    found = json.loads(out)
    assert [(d["text"], d["country"]) for d in found] == [
        ("Chinese", "CHN"), ("Xi Jinping", "CHN"), ("習近平", "CHN"), ("Donald Trump", "USA"),
        ("Beijing", "CHN"),
    ]
    assert all(set(d) == {"start", "end", "text", "country"} for d in found)
    assert all(ARTICLE[d["start"] : d["end"]] == d["text"] for d in found)


@pytest.mark.parametrize("command", ["dates", "countries"])
def test_dash_reads_stdin(command, capsys, monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(ARTICLE.encode("utf-8"))))
    code, out, _ = run([command, "-", "--published", PUBLISHED], capsys)
    assert code == 0
    assert all(ARTICLE[d["start"] : d["end"]] == d["text"] for d in json.loads(out))


@pytest.mark.parametrize("bad", ["2025-13-01", "20 January 2025", "yesterday", ""])
def test_invalid_published_is_a_usage_error(bad, article, capsys):
    with pytest.raises(SystemExit) as stopped:
        parser().parse_args(["dates", str(article), "--published", bad])
    assert stopped.value.code == 2
    assert "is not a date written YYYY-MM-DD" in capsys.readouterr().err


def test_missing_published_is_a_usage_error(article, capsys):
    with pytest.raises(SystemExit) as stopped:
        parser().parse_args(["countries", str(article)])
    assert stopped.value.code == 2


def test_unreadable_or_non_utf8_input_exits_1(tmp_path, capsys):
    code, out, err = run(["dates", str(tmp_path / "missing.txt"), "--published", PUBLISHED],
                         capsys)
    assert (code, out) == (1, "")
    assert "cannot read" in err
    latin1 = tmp_path / "latin1.txt"
    latin1.write_bytes("Asunción".encode("latin-1"))
    code, _, err = run(["countries", str(latin1), "--published", PUBLISHED], capsys)
    assert code == 1
    assert "not UTF-8" in err


def test_runs_from_the_timeline_command_line_without_a_database(article, capsys, tmp_path,
                                                                 monkeypatch):
    monkeypatch.setenv("TIMELINE_DB", str(tmp_path / "never.duckdb"))
    assert main(["dates", str(article), "--published", PUBLISHED]) == 0
    assert json.loads(capsys.readouterr().out)[0]["text"] == "Friday"
    assert not (tmp_path / "never.duckdb").exists()


# ---------------------------------------------------------------------------------------------
# extract: event candidates, and --add into a database

EXTRACT_ARTICLE = (
    "North Korean leader Kim Jong-un (金正恩) and Russian President Vladimir Putin signed a "
    "defence pact in Pyongyang on Wednesday, KCNA said.\r\n"
    "North Korea and the Soviet Union established diplomatic ties on Oct. 12, 1948.\r\n"
    "Analysts said the relationship had deepened.\r\n"
)
EXTRACT_PUBLISHED = "2024-06-21"  # a Friday: "on Wednesday" is 19 June 2024
EXTRACT_URL = "https://news.example.org/pact"


@pytest.fixture
def extract_article(tmp_path):
    path = tmp_path / "pact.txt"
    path.write_bytes(EXTRACT_ARTICLE.encode("utf-8"))
    return path


def test_extract_prints_candidates_as_json(extract_article, capsys):
    code, out, _ = run(["extract", str(extract_article), "--published", EXTRACT_PUBLISHED,
                        "--url", EXTRACT_URL, "--publisher", "Wire", "--format", "json"], capsys)
    assert code == 0
    found = json.loads(out)
    assert [(c["date"], c["precision"], c["countries"], c["type"]) for c in found] == [
        ("2024-06-19", "day", ["PRK", "RUS"], "treaty"),
        ("1948-10-12", "day", ["PRK", "SUN"], "ties_established"),
    ]  # the last sentence names no date: no candidate
    pact = found[0]
    assert pact["title"] == "North Korea and Russia sign an agreement"
    # offsets are Python string indices into the file as read: CJK counts one, CRLF two
    assert all(EXTRACT_ARTICLE[c["start"] : c["end"]] == c["quote"] for c in found)
    assert pact["quote"].startswith("North Korean leader Kim Jong-un (金正恩)")
    assert pact["source"] == {"url": EXTRACT_URL, "publisher": "Wire",
                              "published": EXTRACT_PUBLISHED}
    assert 0.5 <= pact["confidence"] <= 1 and pact["reasons"]
    assert {"date", "precision", "end_date", "countries", "actor", "target", "type", "title",
            "quote", "start", "end", "confidence", "reasons"} <= set(pact)


def test_extract_jsonl_prints_one_candidate_a_line(extract_article, capsys):
    code, out, _ = run(["extract", str(extract_article), "--published", EXTRACT_PUBLISHED,
                        "--format", "jsonl"], capsys)
    assert code == 0
    lines = out.splitlines()
    assert lines and all(json.loads(line)["type"] for line in lines)
    assert json.loads(lines[0])["date"] == "2024-06-19"


def test_extract_add_stores_the_confident_candidates(extract_article, capsys, tmp_path):
    from timeline.core.filters import EventFilter
    from timeline.store import open_store

    database = tmp_path / "events.duckdb"
    argv = ["extract", str(extract_article), "--published", EXTRACT_PUBLISHED,
            "--source-url", EXTRACT_URL, "--add", "--db", str(database)]
    code, out, err = run(argv, capsys)
    assert code == 0
    printed = json.loads(out)
    confident = [c for c in printed if c["confidence"] >= 0.5]
    assert f"{counted(len(confident), 'event')} stored in 'extracted'" in err
    assert run(argv, capsys)[0] == 0  # the same article twice: the same events, not twice
    with open_store(database) as store:
        stored = store.query(EventFilter(datasets=("extracted",)))
        assert len(stored) == len(confident)
        pact = stored[stored["type"] == "treaty"].iloc[0]
        assert pact["date"] == "2024-06-19"
        assert sorted(pact["countries"]) == ["PRK", "RUS"]
        assert pact["sources"][0]["url"] == EXTRACT_URL
        assert pact["sources"][0]["quote"] == printed[0]["quote"]
        assert store.count(EventFilter(datasets=("curated",))) > 0  # a new db starts curated


def test_extract_add_respects_min_confidence_and_dataset(extract_article, capsys, tmp_path):
    from timeline.core.filters import EventFilter
    from timeline.store import open_store

    database = tmp_path / "events.duckdb"
    code, _, err = run(["extract", str(extract_article), "--published", EXTRACT_PUBLISHED,
                        "--publisher", "Wire", "--add", "--db", str(database),
                        "--dataset", "june-2024", "--min-confidence", "1"], capsys)
    assert code == 0 and "0 events stored in 'june-2024'" in err
    with open_store(database) as store:
        assert store.count(EventFilter(datasets=("june-2024",))) == 0


@pytest.mark.parametrize(("extra", "exit_code", "message"), [
    ([], 2, "--add needs --url or --publisher"),
    (["--url", "ftp://example.org/pact"], 1, "is not an http(s) web address"),
])
def test_extract_add_refuses_events_without_a_valid_source(extra, exit_code, message,
                                                             extract_article, capsys, tmp_path):
    database = tmp_path / "events.duckdb"
    code, _, err = run(["extract", str(extract_article), "--published", EXTRACT_PUBLISHED,
                        "--add", "--db", str(database), *extra], capsys)
    assert code == exit_code
    assert message in err
    assert not database.exists()  # nothing stored


@pytest.mark.parametrize("bad", ["1.5", "-0.1", "high"])
def test_extract_min_confidence_must_be_0_to_1(bad, extract_article, capsys):
    with pytest.raises(SystemExit) as stopped:
        parser().parse_args(["extract", str(extract_article), "--published", EXTRACT_PUBLISHED,
                             "--min-confidence", bad])
    assert stopped.value.code == 2
    assert "is not a number from 0 to 1" in capsys.readouterr().err


def test_extract_runs_from_the_timeline_command_line(extract_article, capsys, tmp_path,
                                                     monkeypatch):
    monkeypatch.setenv("TIMELINE_DB", str(tmp_path / "never.duckdb"))
    assert main(["extract", str(extract_article), "--published", EXTRACT_PUBLISHED]) == 0
    assert json.loads(capsys.readouterr().out)[0]["type"] == "treaty"
    assert not (tmp_path / "never.duckdb").exists()  # only --add opens the database
    database = tmp_path / "given.duckdb"
    assert main(["--db", str(database), "extract", str(extract_article), "--published",
                 EXTRACT_PUBLISHED, "--publisher", "Wire", "--add"]) == 0
    assert database.exists()
