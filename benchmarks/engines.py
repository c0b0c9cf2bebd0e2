"""Engines benchmark: the dashboard's queries on DuckDB, PostgreSQL and Spark, and import rates.

    python -m benchmarks.engines --rows 1000000
    python -m benchmarks.engines --rows 1000000 --spark --no-postgres   # DuckDB and Spark

For each size: a synthetic GDELT 1.0 file (benchmarks/synthetic.py) is imported into a new
DuckDB file and into a new database on a PostgreSQL server this run starts
(tests/pg_server.py: Debian's PostgreSQL, fsync off, 128 MB of shared buffers) — or on the
server ``--postgres URL`` names, into an empty database. Then the four dashboard filters of
benchmarks/scale.py are answered by ``Store.overview`` (count, first page, lanes, counts per
lane and period) on three engines: DuckDB's tuned SQL (timeline/store/query.py, the baseline),
PostgreSQL (the Ibis expressions of timeline/store/portable.py compiled to its SQL), and those
same Ibis expressions on the DuckDB file; with ``--spark``, the Spark Connect archive too (a
server this run starts, tests/spark_server.py: ``local[2]``, 2 GB for its driver — or the
``sc://`` URL given, into a new archive folder), and the same archive once more without
caching an overview's matching events for its several answers ("Spark (Ibis, nothing
kept)": what ``CACHE TABLE`` saves). Each is run once to warm up, then ``--repeats``
times; the table shows medians and their ratio to the baseline, and the machine's load
average before and after (the machine is shared). Results go to
benchmarks/results/engines-<rows>.json.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import statistics
import tempfile
import time
from pathlib import Path

from benchmarks.machine import busy
from benchmarks.scale import SCENARIOS
from benchmarks.synthetic import write_gdelt
from timeline.core.filters import EventFilter
from timeline.store import Store, init_store, open_store
from timeline.store.database import DuckDBStore
from timeline.store.importers import import_file
from timeline.store.reading import IbisReading
from timeline.store.spark import SparkStore

RESULTS = Path(__file__).parent / "results"


class IbisOnDuckDB(IbisReading, DuckDBStore):
    """The portable expressions run on a DuckDB file: what the tuned SQL saves."""

    dialect = "duckdb"


class SparkRecomputing(SparkStore):
    """The archive working out an overview's matching events again for each of its answers
    (count, first page, lanes, counts) instead of caching them once: what keeping them
    saves."""

    _keep = IbisReading._keep


def timed_overviews(store: Store, repeats: int) -> dict[str, float]:
    """Median seconds of ``store.overview`` per scenario, after one warm-up run."""
    medians = {}
    for name, fields in SCENARIOS.items():
        event_filter = EventFilter(**fields)
        runs = []
        for _ in range(repeats + 1):
            started = time.perf_counter()
            store.overview(event_filter, lanes=event_filter.countries or None, period="month")
            runs.append(time.perf_counter() - started)
        medians[name] = statistics.median(runs[1:])
        print(f"{name}: {medians[name]:.3f} s", flush=True)  # a long run shows its progress
    return medians


def timed_import(store: Store, path: Path, rows: int) -> float:
    started = time.perf_counter()
    summary = import_file(store, path, dataset="gdelt", max_bytes=50 * 2**30)
    elapsed = time.perf_counter() - started
    assert summary.written and summary.imported > 0.9 * rows, str(summary)
    print(f"{store.location}: {rows / elapsed:,.0f} rows/s", flush=True)
    return rows / elapsed


def run(rows: int, repeats: int, postgres: str | None, workdir: Path, *,
        with_postgres: bool = True, spark: str | None = None) -> dict:
    tsv = workdir / "events.tsv"
    write_gdelt(tsv, rows)
    servers = []
    if with_postgres and postgres is None:
        from tests.pg_server import PostgresServer

        servers.append(PostgresServer().start())
        postgres = servers[-1].new_database()
    if spark == "start":
        from tests.spark_server import SparkConnectServer

        servers.append(SparkConnectServer().start(memory="2g", timeout=300))
        spark = servers[-1].new_archive()
    elif spark is not None:
        spark = f"{spark.rstrip('/')}/;archive=timeline-bench-{os.getpid()}"
    try:
        load_before = os.getloadavg()
        pressure_before = busy()["cpu pressure"]
        duck = open_store(workdir / "bench.duckdb")
        rates = {"DuckDB": timed_import(duck, tsv, rows)}
        engines: dict[str, Store] = {
            "DuckDB (tuned SQL)": open_store(workdir / "bench.duckdb", read_only=True,
                                             memory_limit="256MB")}
        if with_postgres:
            post = init_store(postgres)
            rates["PostgreSQL"] = timed_import(post, tsv, rows)
            assert duck.count() == post.count()
            engines["PostgreSQL (Ibis)"] = post
        if spark is not None:
            archive = init_store(spark)
            rates["Spark"] = timed_import(archive, tsv, rows)
            assert duck.count() == archive.count()
            engines["Spark (Ibis)"] = archive
            engines["Spark (Ibis, nothing kept)"] = SparkRecomputing(spark)
        engines["DuckDB (Ibis)"] = IbisOnDuckDB(workdir / "bench.duckdb", read_only=True,
                                                memory_limit="256MB")
        medians = {}
        for name, store in engines.items():
            print(name, flush=True)
            medians[name] = timed_overviews(store, repeats)
        load_after = os.getloadavg()
        pressure_after = busy()["cpu pressure"]
    finally:
        for server in servers:
            server.stop()
    return {"rows": rows, "repeats": repeats, "when": dt.datetime.now().isoformat(),
            "cores": os.cpu_count(), "load_before": load_before, "load_after": load_after,
            "cpu_pressure": [pressure_before, pressure_after],
            "import_rows_per_s": rates, "overview_median_s": medians}


def table(result: dict) -> str:
    medians = result["overview_median_s"]
    baseline = medians["DuckDB (tuned SQL)"]
    lines = [f"{result['rows']:,} events; load average before {result['load_before'][0]:.1f}, "
             f"after {result['load_after'][0]:.1f} on {result['cores']} cores",
             "import: " + ", ".join(f"{name} {rate:,.0f} rows/s"
                                    for name, rate in result["import_rows_per_s"].items()),
             "| filter | " + " | ".join(medians) + " |",
             "|---" * (len(medians) + 1) + "|"]
    for scenario in SCENARIOS:
        cells = [f"{medians[name][scenario]:.3f} s "
                 f"({medians[name][scenario] / baseline[scenario]:.1f}x)" for name in medians]
        lines.append(f"| {scenario} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, action="append")
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--postgres", metavar="URL",
                        help="an empty database on a server of yours (default: start one)")
    parser.add_argument("--no-postgres", dest="with_postgres", action="store_false",
                        help="leave PostgreSQL out")
    parser.add_argument("--spark", nargs="?", const="start", metavar="URL",
                        help="the Spark Connect archive too: a server this run starts, or "
                             "the sc:// server given (a new archive folder in its warehouse)")
    args = parser.parse_args()
    RESULTS.mkdir(exist_ok=True)
    for rows in args.rows or [1_000_000]:
        with tempfile.TemporaryDirectory(prefix="timeline-engines-") as folder:
            result = run(rows, args.repeats, args.postgres, Path(folder),
                         with_postgres=args.with_postgres, spark=args.spark)
        name = "engines" if args.with_postgres and not args.spark else "engines-spark"
        (RESULTS / f"{name}-{rows}.json").write_text(json.dumps(result, indent=2) + "\n")
        print(table(result))


if __name__ == "__main__":
    main()
