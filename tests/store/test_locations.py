"""Where ``--db`` and ``TIMELINE_DB`` point: a path or a URL, whose scheme names the engine;
a URL's password is never shown."""

from __future__ import annotations

from pathlib import Path

import pytest

from timeline.cli.main import main
from timeline.store import DatabaseUnusable, open_store, redacted
from timeline.store.engines import DUCKDB, POSTGRES, SPARK, engine_of


@pytest.mark.parametrize(("location", "engine", "target"), [
    ("timeline.duckdb", DUCKDB, Path("timeline.duckdb")),
    ("/srv/data/t.duckdb", DUCKDB, Path("/srv/data/t.duckdb")),
    ("duckdb:///srv/data/t.duckdb", DUCKDB, Path("/srv/data/t.duckdb")),
    ("duckdb://relative.duckdb", DUCKDB, Path("relative.duckdb")),
    ("duckdb://", DUCKDB, ":memory:"),
    (":memory:", DUCKDB, ":memory:"),
    (Path("x.duckdb"), DUCKDB, Path("x.duckdb")),
    ("postgresql://ana@db.example:5432/timeline", POSTGRES,
     "postgresql://ana@db.example:5432/timeline"),
    ("postgres:///timeline", POSTGRES, "postgres:///timeline"),
    ("sc://spark.example:15002/;archive=/srv/gdelt", SPARK,
     "sc://spark.example:15002/;archive=/srv/gdelt"),
])
def test_the_scheme_names_the_engine(location, engine, target):
    assert engine_of(location) == (engine, target)


@pytest.mark.parametrize(("url", "shown"), [
    ("postgresql://ana:s3cret@db:5432/t", "postgresql://ana:***@db:5432/t"),
    ("postgresql://ana:p%40ss@db/t?sslmode=require", "postgresql://ana:***@db/t?sslmode=require"),
    ("postgresql://ana@db/t?password=s3cret&sslmode=require",
     "postgresql://ana@db/t?password=***&sslmode=require"),
    ("postgresql://db/t", "postgresql://db/t"),
    ("/srv/t.duckdb", "/srv/t.duckdb"),
    ("sc://spark:15002/;token=s3cret;archive=/x", "sc://spark:15002/;token=***;archive=/x"),
])
def test_a_password_is_never_shown(url, shown):
    assert redacted(url) == shown


def test_a_spark_server_that_does_not_answer_is_named_in_one_line(capsys):
    from tests.pg_server import free_port

    port = free_port()
    assert main(["list", "--db", f"sc://127.0.0.1:{port}/;token=s3cret"]) == 4
    err = capsys.readouterr().err
    assert err.startswith(f"timeline: error: cannot use sc://127.0.0.1:{port}/;token=***: "
                          f"the Spark Connect server does not answer")
    assert "s3cret" not in err and err.count("\n") == 1


def test_an_unknown_scheme_is_named(capsys):
    with pytest.raises(DatabaseUnusable, match=r"no engine for mysql://"):
        open_store("mysql://ana:s3cret@db/t")
    assert main(["list", "--db", "mysql://ana:s3cret@db/t"]) == 4
    assert "s3cret" not in capsys.readouterr().err
