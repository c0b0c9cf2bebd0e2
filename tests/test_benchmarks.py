"""The scale benchmark runs end to end on small files and reports every measure."""

from benchmarks.scale import GROWTH, SCENARIOS, TARGETS, growth, report, run


def test_scale_benchmark_measures_a_small_run(tmp_path):
    result = run(3_000, tmp_path, repeats=1)
    assert result["rows"] == 3_000
    assert set(result["scenario_median_s"]) == set(result["polars_s"]) == set(SCENARIOS)
    assert set(result["naive_s"]) == set(SCENARIOS)
    assert all(result[key] > 0 for key in TARGETS)
    assert result["import_vs_bare_copy"] > 0 and result["events_only_rows_per_s"] > 0
    assert result["indexed_events"] == 3_000 and result["index_mb"] > 0
    assert result["layout_copy_rows_per_s"] > 0
    assert set(result["layout_copy_s"]) >= {"events", "event_countries", "sources", "event_words"}
    table = report(result)
    assert "| import_rows_per_s |" in table and "bare copy of the file" in table
    assert "| speedup_vs_polars |" in table and "word index: tables" in table
    assert "the imported tables copied as they are" in table
    assert all(f"| {name} |" in table for name in SCENARIOS)


def test_scale_benchmark_imports_several_files_and_reports_growth(tmp_path):
    small = run(2_000, tmp_path, repeats=1, file_rows=1_000)
    assert small["indexed_events"] == 1_000  # the last file's
    larger = run(4_000, tmp_path, repeats=1, file_rows=4_000)
    table = growth([larger, small])
    assert table.splitlines()[0] == "| measure | 2,000 | 4,000 |"
    assert all(f"| {key} |" in table for key in GROWTH)
