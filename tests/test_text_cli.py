"""The ``dates`` and ``countries`` subcommands (timeline.text_cli)."""

from __future__ import annotations

import argparse
import io
import json
import sys

import pytest

from timeline.cli import main
from timeline.text_cli import add_commands

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
