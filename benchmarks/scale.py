"""Scale benchmark: GDELT-shaped events by the million, imported and queried as the dashboard does.

    python -m benchmarks.scale --rows 1000000 --rows 10000000

For each size: writes a synthetic GDELT 1.0 file (benchmarks/synthetic.py), imports it into a
new database (rows/s), then, in a separate process standing in for the dashboard, opens the
database and runs the dashboard's query — one filter pass giving the count, the first page by
date, the lanes and the counts per lane per period (``Store.overview``) — for four filters, and
builds the density figure. The same filters then run through a naive pandas implementation (a
list column of countries filtered with ``apply``) in this process, as the baseline; the
import's baselines are bare copies of the file (:func:`bare_copies`).
Results are printed as a table and written to benchmarks/results/scale-<rows>.json.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import duckdb
import pandas as pd

from benchmarks.synthetic import write_gdelt
from timeline.core.cameo import cameo_countries, cameo_events
from timeline.core.filters import EventFilter
from timeline.store import open_store
from timeline.store.bulk import read_tsv  # the importer's own reader
from timeline.store.importers import GDELT1_COLUMNS, import_file

RESULTS = Path(__file__).parent / "results"
DASHBOARD_MEMORY = "256MB"  # what app.py gives DuckDB
TARGETS = {"query_median_s": 0.25, "speedup_vs_naive": 30, "open_s": 1.0, "peak_rss_mb": 512,
           "payload_mb": 2.0, "import_rows_per_s": 500_000}

# The dashboard's filters: a relationship, a bilateral view by type, a text search, everything.
SCENARIOS = {
    "PRK or CHN, 2000–2025": dict(countries=("PRK", "CHN"), start=dt.date(2000, 1, 1),
                                  end=dt.date(2025, 12, 31)),
    "USA and CHN, talks/summits/statements": dict(countries=("USA", "CHN"), match="all",
                                                  types=("talks", "summit", "statement")),
    "text 'visit', 2015–2025": dict(text="visit", start=dt.date(2015, 1, 1),
                                    end=dt.date(2025, 12, 31)),
    "everything": {},
}


def dashboard_process(db: Path, repeats: int) -> dict:
    """Run in a fresh process: open the database, run every scenario, build the figure."""
    from timeline.views.charts import choose_period, density_timeline

    started = time.perf_counter()
    store = open_store(db, read_only=True, memory_limit=DASHBOARD_MEMORY)
    opened = time.perf_counter() - started
    timings, payloads = {}, {}
    for name, fields in SCENARIOS.items():
        event_filter = EventFilter(**fields)
        runs = []
        for _ in range(repeats):
            started = time.perf_counter()
            period = choose_period(event_filter.start or dt.date(1979, 1, 1),
                                   event_filter.end or dt.date(2025, 12, 31))
            overview = store.overview(event_filter, lanes=event_filter.countries or None,
                                      period=period)
            figure = density_timeline(overview.counts, lanes=overview.lanes, period=period)
            runs.append(time.perf_counter() - started)
        timings[name] = runs
        payloads[name] = len(figure.to_json()) / 1e6
    return {"open_s": opened, "timings": timings, "payload_mb": payloads,
            "peak_rss_mb": _peak_rss_mb()}


def _peak_rss_mb() -> float:
    """This process's peak resident memory since it started its program (VmHWM).

    Not ``ru_maxrss``: Linux keeps that across exec, so a child started by a large parent
    would report the parent's size.
    """
    status = Path("/proc/self/status").read_text()
    return int(re.search(r"VmHWM:\s+(\d+) kB", status)[1]) / 1024


def naive_pandas(tsv: Path) -> dict[str, float]:
    """The baseline: every event in pandas, countries in a list column, filters with apply."""
    raw = pd.read_csv(tsv, sep="\t", header=None, names=list(GDELT1_COLUMNS), dtype=str,
                      keep_default_na=False, usecols=["SQLDATE", "Actor1CountryCode",
                                                      "Actor2CountryCode", "EventCode"])
    iso = cameo_countries().set_index("code")["iso3"].dropna().to_dict()
    labels = cameo_events().set_index("code")
    frame = pd.DataFrame({
        "first_day": pd.to_datetime(raw["SQLDATE"], format="%Y%m%d"),
        "countries": [[iso[c] for c in pair if c in iso] for pair in
                      zip(raw["Actor1CountryCode"], raw["Actor2CountryCode"], strict=True)],
        "type": raw["EventCode"].map(labels["type"]),
        "title": raw["EventCode"].map(labels["label"]),
    })
    timings = {}
    for name, fields in SCENARIOS.items():
        started = time.perf_counter()
        event_filter = EventFilter(**fields)
        wanted = set(event_filter.countries)
        mask = pd.Series(True, index=frame.index)
        if wanted:
            test = (wanted.issubset if event_filter.match == "all"
                    else wanted.intersection)
            mask &= frame["countries"].apply(lambda cs, test=test: bool(test(set(cs))))
        if event_filter.start:
            mask &= frame["first_day"] >= pd.Timestamp(event_filter.start)
        if event_filter.end:
            mask &= frame["first_day"] <= pd.Timestamp(event_filter.end)
        if event_filter.types:
            mask &= frame["type"].isin(event_filter.types)
        if event_filter.text:
            mask &= frame["title"].str.contains(event_filter.text, case=False)
        matched = frame[mask]
        matched.sort_values("first_day").head(100)
        lanes = matched.explode("countries")
        lanes.groupby(["countries", lanes["first_day"].dt.year]).size()
        timings[name] = time.perf_counter() - started
    return timings


def bare_copies(tsv: Path, rows: int, workdir: Path) -> dict[str, float]:
    """The import's baselines, in rows/s, each into a new database: the file copied as it is
    (every column as text) into one table; and its rows written to this project's ``events``
    table alone — id, day, actor codes, CAMEO code, Goldstein value, mentions, a title — with
    no lookups, checks, sorting, countries or sources. No import through DuckDB's CSV reader
    can be faster than the second on this machine."""
    reader = read_tsv(tsv, GDELT1_COLUMNS, header=False)
    statements = {
        "bare_copy_rows_per_s": f"CREATE TABLE raw AS SELECT * FROM {reader}",
        "events_only_rows_per_s": f"""
            INSERT INTO events (key, id, dataset, first_day, precision, last_day, title,
                                summary, actor, target, type, tags, cameo, goldstein, weight,
                                search_text, countries)
            SELECT 0, 'gdelt-' || GLOBALEVENTID, 'gdelt', day, 'day', day, title, '',
                   Actor1CountryCode, Actor2CountryCode, 'statement', [], EventCode,
                   TRY_CAST(GoldsteinScale AS DOUBLE), TRY_CAST(NumMentions AS INTEGER),
                   lower(title), []
            FROM (SELECT *, strptime(SQLDATE, '%Y%m%d')::DATE AS day,
                         concat_ws(' → ', coalesce(Actor1Name, Actor1CountryCode),
                                   coalesce(Actor2Name, Actor2CountryCode))
                         || ': ' || coalesce(EventCode, '') AS title
                  FROM {reader})""",
    }
    speeds = {}
    for name, statement in statements.items():
        db_path = workdir / "baseline.duckdb"
        db_path.unlink(missing_ok=True)
        open_store(db_path).close()  # the project's schema
        with duckdb.connect(str(db_path)) as db:
            started = time.perf_counter()
            db.execute(statement)
            speeds[name] = rows / (time.perf_counter() - started)
        db_path.unlink()
    return speeds


def run(rows: int, workdir: Path, repeats: int) -> dict:
    tsv = workdir / f"gdelt-{rows}.tsv"
    if not tsv.exists():
        write_gdelt(tsv, rows)
    db = workdir / f"scale-{rows}.duckdb"
    db.unlink(missing_ok=True)
    with open_store(db) as store:
        started = time.perf_counter()
        summary = import_file(store, tsv, dataset="gdelt")
        import_s = time.perf_counter() - started
    assert summary.imported == rows, summary
    child = subprocess.run(
        [sys.executable, "-c", "import json, sys; from pathlib import Path; "
         "from benchmarks.scale import dashboard_process; "
         f"print(json.dumps(dashboard_process(Path({str(db)!r}), {repeats})))"],
        capture_output=True, text=True, check=True, cwd=Path(__file__).parents[1])
    dashboard = json.loads(child.stdout)
    naive = naive_pandas(tsv)
    baselines = bare_copies(tsv, rows, workdir)
    medians = {name: statistics.median(runs) for name, runs in dashboard["timings"].items()}
    all_runs = [t for runs in dashboard["timings"].values() for t in runs]
    return {
        "rows": rows,
        "import_rows_per_s": rows / import_s,
        **baselines,
        "import_vs_bare_copy": rows / import_s / baselines["bare_copy_rows_per_s"],
        "open_s": dashboard["open_s"],
        "query_median_s": statistics.median(all_runs),
        "scenario_median_s": medians,
        "naive_s": naive,
        "speedup_vs_naive": statistics.median(naive[n] / medians[n] for n in medians),
        "peak_rss_mb": dashboard["peak_rss_mb"],
        "payload_mb": max(dashboard["payload_mb"].values()),
        "database_mb": db.stat().st_size / 1e6,
    }


def report(result: dict) -> str:
    lines = [f"## {result['rows']:,} events", "",
             "| measure | value | target | met |", "| --- | --- | --- | --- |"]
    for key, target in TARGETS.items():
        value = result[key]
        met = value >= target if key in ("speedup_vs_naive", "import_rows_per_s") \
            else value <= target
        lines.append(f"| {key} | {value:,.3f} | {target:,} | {'yes' if met else 'NO'} |")
    lines += [f"| baseline: bare copy of the file (rows/s) | "
              f"{result['bare_copy_rows_per_s']:,.0f} | import at "
              f"{result['import_vs_bare_copy']:.0%} of it | |",
              f"| baseline: events table alone (rows/s) | "
              f"{result['events_only_rows_per_s']:,.0f} | | |"]
    lines += ["", "| filter | dashboard median s | naive pandas s | ratio |",
              "| --- | --- | --- | --- |"]
    for name, seconds in result["scenario_median_s"].items():
        naive = result["naive_s"][name]
        lines.append(f"| {name} | {seconds:.3f} | {naive:.2f} | {naive / seconds:.0f}x |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, action="append",
                        help="events to generate (repeatable; default 1,000,000)")
    parser.add_argument("--repeats", type=int, default=5, help="runs of each dashboard query")
    parser.add_argument("--workdir", type=Path,
                        default=Path(os.environ.get("TMPDIR", tempfile.gettempdir()))
                        / "timeline-scale", help="where the files and databases go")
    args = parser.parse_args()
    args.workdir.mkdir(parents=True, exist_ok=True)
    RESULTS.mkdir(exist_ok=True)
    for rows in args.rows or [1_000_000]:
        result = run(rows, args.workdir, args.repeats)
        (RESULTS / f"scale-{rows}.json").write_text(json.dumps(result, indent=1) + "\n")
        print(report(result), flush=True)


if __name__ == "__main__":
    main()
