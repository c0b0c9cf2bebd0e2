"""BigQuery, compiled only (no project to connect to here): the dashboard's questions compile
to SQL that BigQuery's grammar reads back, and the mapping of GDELT's published table gives
the events that `timeline import` makes of the same rows — checked by running the mapping,
compiled for DuckDB, on a copy of those rows."""

from __future__ import annotations

import datetime as dt

import duckdb
import ibis
import pytest
import sqlglot

from tests.builders import gdelt_row
from timeline.core.cameo import cameo_countries, cameo_events
from timeline.core.filters import EventFilter
from timeline.store import bigquery, open_store
from timeline.store.importers import GDELT1_COLUMNS, import_file
from timeline.store.query import PERIODS

FILTERS = [
    EventFilter(),
    EventFilter(countries=("PRK", "CHN"), match="all", text="50%_"),
    EventFilter(countries=("USA",), start=dt.date(2015, 1, 1), end=dt.date(2024, 6, 30),
                types=("talks",), datasets=("gdelt",)),
    EventFilter(source="reuters"),
]


@pytest.mark.parametrize("event_filter", FILTERS, ids=lambda f: f.describe())
@pytest.mark.parametrize("period", PERIODS)
def test_every_dashboard_question_compiles_to_sql_bigquery_reads(event_filter, period):
    queries = bigquery.dashboard_queries(event_filter, period=period, lanes=["PRK", "CHN"])
    assert set(queries) == {"count", "page", "lanes", "counts", "facet_country", "facet_type",
                            "facet_decade"}
    for sql in queries.values():
        assert sqlglot.parse_one(sql, read="bigquery") is not None
    assert "`first_day` ASC" in queries["page"] and "LIMIT 100" in queries["page"]


def test_the_views_read_gdelts_published_table():
    views = bigquery.views("my-project", "timeline")
    assert set(views) == {"events", "event_countries", "sources", "country_months"}
    for name, sql in views.items():
        assert sql.startswith(f"CREATE OR REPLACE VIEW `my-project.timeline.{name}` AS")
        assert "`gdelt-bq`.`gdeltv2`.`events`" in sql
        sqlglot.parse_one(sql, read="bigquery")


def test_the_mapping_gives_the_events_an_import_of_the_same_rows_gives(tmp_path):
    rows = [gdelt_row(1), gdelt_row(2, actor="USA", target="CHN", code="036"),
            gdelt_row(3, actor="", target="KOR", actor_name="PROTESTERS", code="141"),
            gdelt_row(4, actor="AFR", target="AFR", code="190"),
            gdelt_row(5, actor="CHN", target="CHN", date="19790101")]
    day = tmp_path / "day.export.CSV"
    day.write_text("".join(row + "\n" for row in rows))
    reference = open_store(":memory:")
    import_file(reference, day, dataset="gdelt")

    db = duckdb.connect()
    db.execute("SET lambda_syntax = 'ENABLE_SINGLE_ARROW'")  # as Ibis 12 writes lambdas
    for catalog, schema in (("gdelt-bq", "gdeltv2"), ("my-project", "timeline")):
        db.execute(f"ATTACH ':memory:' AS \"{catalog}\"")
        db.execute(f"CREATE SCHEMA \"{catalog}\".{schema}")
    kinds = {"int64": "BIGINT", "float64": "DOUBLE", "string": "VARCHAR"}
    columns = ", ".join(f'"{name}" {kinds[kind]}'
                        for name, kind in bigquery.GDELT_COLUMNS.items())
    db.execute(f'CREATE TABLE "gdelt-bq".gdeltv2.events ({columns})')
    for row in rows:
        values = dict(zip(bigquery.GDELT_COLUMNS, (None,) * len(bigquery.GDELT_COLUMNS),
                          strict=True))
        by_name = dict(zip(GDELT1_COLUMNS, row.split("\t"), strict=True))
        values.update({name: by_name[name] or None for name in bigquery.GDELT_COLUMNS})
        db.execute(f'INSERT INTO "gdelt-bq".gdeltv2.events VALUES '
                   f'({", ".join("?" for _ in values)})', list(values.values()))
    db.register("kinds", cameo_events())
    db.register("countries", cameo_countries())
    db.execute('CREATE TABLE "my-project".timeline.cameo_events AS '
               'SELECT code, label, type FROM kinds')
    db.execute('CREATE TABLE "my-project".timeline.cameo_countries AS '
               'SELECT code, iso3, label FROM countries')
    mapped = bigquery.gdelt_events("my-project", "timeline")
    got = db.execute(ibis.to_sql(mapped.order_by("key"), dialect="duckdb")).df()

    expected = reference.query()
    expected = expected.sort_values("id", key=lambda ids: ids.str[6:].astype(int))
    assert list(got["id"]) == list(expected["id"])
    for column in ("title", "type", "actor", "target", "cameo", "goldstein", "weight"):
        assert [None if value != value else value for value in got[column]] == [
            None if value != value else value for value in expected[column]], column
    assert [list(c) for c in got["countries"]] == [list(c) for c in expected["countries"]]
    assert list(got["first_day"].astype("datetime64[us]")) == list(expected["first_day"])
