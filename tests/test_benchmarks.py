"""The scale benchmark runs end to end on a small file and reports every measure."""

from benchmarks.scale import SCENARIOS, TARGETS, report, run


def test_scale_benchmark_measures_a_small_run(tmp_path):
    result = run(3_000, tmp_path, repeats=1)
    assert result["rows"] == 3_000
    assert set(result["scenario_median_s"]) == set(result["naive_s"]) == set(SCENARIOS)
    assert all(result[key] > 0 for key in TARGETS)
    assert result["import_vs_bare_copy"] > 0 and result["events_only_rows_per_s"] > 0
    table = report(result)
    assert "| import_rows_per_s |" in table and "bare copy of the file" in table
    assert "events table alone" in table
    assert all(f"| {name} |" in table for name in SCENARIOS)
