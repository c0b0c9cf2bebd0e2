"""GDELT and ICEWS imports on files written here in the real formats, plus the real samples."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.builders import gdelt_row, write_lines
from timeline.core.filters import EventFilter
from timeline.store import CURATED
from timeline.store.importers import (
    GDELT2_COLUMNS,
    UnrecognisedFile,
    detect_format,
    import_file,
)

SAMPLES = Path(os.environ.get("TIMELINE_SAMPLES")
               or Path(__file__).resolve().parents[3] / "shared" / "samples")


@pytest.fixture
def gdelt1_mixed_file(tmp_path) -> Path:
    """GDELT 1.0: two 57-column backfile rows, then four 58-column daily rows."""
    return write_lines(tmp_path / "events1.tsv", [
        gdelt_row(1, "19790101", "SUN", "USA", "036", url=None),
        gdelt_row(2, "19790102", "ROM", "", "040", url=None, target_name="FARMER"),
        gdelt_row(3, "20240619", "PRK", "RUS", "057"),
        gdelt_row(4, "20240620", "AFR", "CHN", "0874", url="BBC Monitoring"),
        gdelt_row(5, "20240621", "", "", "190", actor_name="REBEL", url="javascript:alert(1)"),
        gdelt_row(6, "20241301", "USA", "CHN", "013"),
    ])


@pytest.fixture
def gdelt2_zip(tmp_path) -> Path:
    """A zipped GDELT 2.0 export file, as GDELT publishes them: 61 columns."""
    member = write_lines(tmp_path / "20250117.export.CSV", [
        gdelt_row(900, "20250117", "USA", "CHN", "041", columns=GDELT2_COLUMNS),
        gdelt_row(901, "20250117", "USA", "CHN", "013", columns=GDELT2_COLUMNS),
        gdelt_row(901, "20250117", "USA", "CHN", "013", columns=GDELT2_COLUMNS),
        gdelt_row(902, "20250117", "USA", "TWN", "999", columns=GDELT2_COLUMNS),
    ])
    archive = tmp_path / "20250117.export.CSV.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zipped:
        zipped.write(member, member.name)
    member.unlink()
    return archive


def by_id(store, dataset):
    return {row.id: row for row in store.query(EventFilter(datasets=(dataset,))).itertuples()}


@pytest.mark.parametrize(
    ("fixture", "fmt"),
    [("gdelt1_mixed_file", "gdelt"), ("icews_file", "icews")],
)
def test_formats_are_recognised_from_content(request, fixture, fmt):
    assert detect_format(request.getfixturevalue(fixture)) == fmt


def test_unrecognised_file_is_named(tmp_path):
    path = write_lines(tmp_path / "notes.txt", ["just some notes"])
    with pytest.raises(UnrecognisedFile, match=r"notes.txt: line 1"):
        detect_format(path)


def test_gdelt1_mixed_width_file_maps_onto_the_model(empty_store, gdelt1_mixed_file):
    summary = import_file(empty_store, gdelt1_mixed_file)
    assert (summary.rows, summary.imported) == (6, 5)
    assert summary.skipped == {"with no valid date": 1}
    events = by_id(empty_store, "gdelt")
    pact = events["gdelt-3"]
    assert pact.title == "North Korea → Russia: sign formal agreement"
    assert (pact.type, pact.cameo, pact.goldstein, pact.weight) == ("treaty", "057", 8.0, 12)
    assert (pact.actor, pact.target, pact.countries) == ("PRK", "RUS", ["PRK", "RUS"])
    assert pact.sources[0]["url"] == "https://news.example.org/pact"
    assert pact.sources[0]["publisher"] == "news.example.org"


def test_backfile_rows_historic_and_cameo_specific_codes(empty_store, gdelt1_mixed_file):
    import_file(empty_store, gdelt1_mixed_file)
    events = by_id(empty_store, "gdelt")
    assert events["gdelt-1"].countries == ["SUN", "USA"]
    assert events["gdelt-1"].date == "1979-01-01"
    assert events["gdelt-1"].sources[0]["url"] == ""  # 57 columns: no SOURCEURL
    assert events["gdelt-2"].countries == ["ROU"]  # CAMEO ROM is ISO ROU
    assert events["gdelt-2"].title.startswith("Romania → FARMER: ")


def test_regions_and_blank_actors_stay_out_of_the_countries(empty_store, gdelt1_mixed_file):
    import_file(empty_store, gdelt1_mixed_file)
    events = by_id(empty_store, "gdelt")
    assert events["gdelt-4"].countries == ["CHN"]  # AFR is a region, not a country
    assert events["gdelt-4"].title.startswith("Africa → China: ")
    assert events["gdelt-4"].cameo == "0874"  # leading zero kept
    assert events["gdelt-5"].countries == []
    assert events["gdelt-5"].title.startswith("REBEL: ")
    assert empty_store.count(EventFilter(countries=("CHN",))) == 1


def test_non_web_sources_become_publishers_never_links(empty_store, gdelt1_mixed_file):
    import_file(empty_store, gdelt1_mixed_file)
    events = by_id(empty_store, "gdelt")
    assert events["gdelt-4"].sources[0] == {"publisher": "BBC Monitoring", "url": "",
                                            "published": None, "quote": ""}
    assert events["gdelt-5"].sources[0]["url"] == ""
    assert "javascript" in events["gdelt-5"].sources[0]["publisher"]


def test_zipped_gdelt2_file_with_repeats_and_unknown_codes(empty_store, gdelt2_zip):
    summary = import_file(empty_store, gdelt2_zip, dataset="gdelt-2025")
    assert summary.rows == 4 and summary.imported == 2
    assert summary.skipped == {"repeated in the file": 1, "with an unknown CAMEO event code": 1}
    events = by_id(empty_store, "gdelt-2025")
    assert set(events) == {"gdelt-900", "gdelt-901"}
    assert events["gdelt-900"].type == "talks"


def test_reimporting_adds_nothing(empty_store, gdelt1_mixed_file, icews_file):
    import_file(empty_store, gdelt1_mixed_file)
    import_file(empty_store, icews_file)
    before = empty_store.count()
    again = import_file(empty_store, gdelt1_mixed_file)
    assert again.imported == 0 and again.skipped["already stored"] == 5
    assert import_file(empty_store, icews_file).skipped == {"already stored": 3}
    assert empty_store.count() == before


def test_icews_names_na_and_event_ids_unique_with_their_date(empty_store, icews_file):
    summary = import_file(empty_store, icews_file)
    assert (summary.rows, summary.imported, summary.dataset) == (3, 3, "icews")
    events = by_id(empty_store, "icews")
    visit = events["icews-7-2018-06-12"]
    assert visit.title == "Kim Jong-Un → Donald Trump: make a visit"
    assert (visit.countries, visit.type, visit.goldstein) == (["PRK", "USA"], "summit", 1.9)
    assert visit.sources[0]["publisher"] == "Test Agency"
    assert events["icews-7-2018-06-13"].countries == ["RUS", "PSE"]
    protest = events["icews-8-2018-06-13"]
    assert protest.countries == ["KOR"] and protest.type == "criticism"
    assert protest.sources[0]["publisher"] == "ICEWS"  # publisher NA


def test_icews_country_names_no_table_knows_are_counted_and_named(empty_store, icews_file):
    rows = icews_file.read_text(encoding="utf-8").splitlines()
    header, first = rows[0], rows[1].split("\t")
    columns = header.split("\t")
    unknown = []
    for n, (source, target) in enumerate([("Narnia", "Kosovo"), ("Narnia", "Freedonia")]):
        row = list(first)
        row[columns.index("Event ID")] = f"9{n}"
        row[columns.index("Source Country")], row[columns.index("Target Country")] = (
            source, target)
        unknown.append("\t".join(row))
    path = write_lines(icews_file.with_name("unknown.tab"), [header, *unknown])
    summary = import_file(empty_store, path)
    assert summary.imported == 2  # the events stay, without the countries no table knows
    assert [str(w) for w in summary.warnings] == [
        f"{path}: countries: “Freedonia” is no country name we know (1 row, imported without "
        "it): add it to data/icews_countries.csv",
        f"{path}: countries: “Narnia” is no country name we know (2 rows, imported without "
        "it): add it to data/icews_countries.csv",
    ]  # Kosovo is known (XKX): not named


def test_datasets_are_listed_selected_and_removed(sample_store, gdelt1_mixed_file, icews_file):
    import_file(sample_store, gdelt1_mixed_file)
    import_file(sample_store, icews_file, dataset="icews-2018")
    listed = sample_store.datasets().set_index("name")["events"].to_dict()
    assert listed == {CURATED: 6, "gdelt": 5, "icews-2018": 3}
    assert sample_store.count(EventFilter(datasets=(CURATED,))) == 6
    assert sample_store.count(EventFilter(datasets=("gdelt", "icews-2018"))) == 8
    removal = sample_store.remove_dataset("gdelt", author="Ana")
    assert list(sample_store.datasets()["name"]) == [CURATED, "icews-2018"]
    assert sample_store.count(EventFilter(countries=("SUN",))) == 1  # only the curated war
    assert sample_store.count(EventFilter(datasets=("gdelt",))) == 0
    sample_store.undo(removal, author="Ana")  # the removal is a change like any other
    assert sample_store.datasets().set_index("name")["events"].to_dict() == listed
    assert sample_store.count(EventFilter(countries=("SUN",))) == 2
    sample_store.remove_dataset("gdelt", author="Ana")
    assert sample_store.purge_dataset("gdelt") == 5  # for good: the rows go
    assert "gdelt" not in set(sample_store.datasets(removed=True)["name"])


def test_keys_stay_unique_when_curated_events_follow_a_bulk_import(empty_store, sample_events,
                                                                    gdelt1_mixed_file):
    import_file(empty_store, gdelt1_mixed_file)
    empty_store.add_events(sample_events)
    assert empty_store.count() == 5 + len(sample_events)
    assert all(len(row.countries) >= 1 for row in
               empty_store.query(EventFilter(datasets=(CURATED,))).itertuples())
    assert [e.id for e in empty_store.events(EventFilter(countries=("SUN",)))] == [
        "korean-war", "gdelt-1"]


def test_dry_run_reports_and_writes_nothing(empty_store, gdelt1_mixed_file):
    summary = import_file(empty_store, gdelt1_mixed_file, dry_run=True)
    assert summary.imported == 5 and not summary.written
    assert empty_store.count() == 0


def test_progress_is_reported_up_to_done(empty_store, gdelt1_mixed_file):
    seen: list[float] = []
    import_file(empty_store, gdelt1_mixed_file, progress=seen.append)
    assert seen and seen[-1] == 1.0 and seen == sorted(seen)


@pytest.mark.parametrize("name", sorted(p.name for p in (SAMPLES / "gdelt").glob("*.tsv"))
                         if (SAMPLES / "gdelt").exists() else [])
def test_real_gdelt_samples_import_whole(empty_store, name):
    summary = import_file(empty_store, SAMPLES / "gdelt" / name)
    assert summary.rows == 100 and summary.imported == 100, summary
    assert empty_store.count(EventFilter(countries=("USA",))) > 0


def test_real_icews_sample_imports_whole(empty_store):
    path = next((SAMPLES / "icews").glob("*.tab"), None)
    if path is None:
        pytest.skip(f"the ICEWS sample is not at {SAMPLES / 'icews'}")
    summary = import_file(empty_store, path)
    assert summary.imported == summary.rows == 200
    assert empty_store.count(EventFilter(countries=("PRK",))) > 0


def test_two_bulk_datasets_keep_apart_when_one_is_removed(empty_store, gdelt1_mixed_file,
                                                          gdelt2_zip, sample_events):
    import_file(empty_store, gdelt1_mixed_file, dataset="first")
    import_file(empty_store, gdelt2_zip, dataset="second")
    empty_store.add_events(sample_events)
    empty_store.remove_dataset("first", author="Ana")
    second = by_id(empty_store, "second")
    assert {tuple(row.countries) for row in second.values()} == {("USA", "CHN")}
    assert [e.id for e in empty_store.events(EventFilter(countries=("SUN",)))] == ["korean-war"]
    assert empty_store.count() == 2 + len(sample_events)


def _import_in_a_fresh_process(tmp_path: Path, rows: int) -> tuple[int, float]:
    """(events imported, peak resident MB) of a new process importing ``rows`` generated GDELT
    rows into a new database with DuckDB capped at 128 MB, as the dashboard's import runs."""
    from benchmarks.synthetic import write_gdelt

    tsv = write_gdelt(tmp_path / f"{rows}.tsv", rows)
    program = (
        "import re, sys; from pathlib import Path; from timeline.store import open_store; "
        "from timeline.store.importers import import_file; "
        "store = open_store(Path(sys.argv[1]), memory_limit='128MB'); "
        "print(import_file(store, Path(sys.argv[2])).imported); "
        r"print(re.search(r'VmHWM:\s+(\d+) kB', Path('/proc/self/status').read_text())[1])")
    done = subprocess.run([sys.executable, "-c", program, str(tmp_path / f"{rows}.duckdb"),
                           str(tsv)], capture_output=True, text=True, check=True,
                          cwd=Path(__file__).parents[2])
    imported, peak_kb = done.stdout.split()
    return int(imported), int(peak_kb) / 1024


def test_a_gdelt_import_streams_under_a_memory_cap(tmp_path):
    # 8x the rows (6 MB, then 52 MB of file): every row lands, and the process grows by less
    # than DuckDB's cap (here 275 -> 334 MB), which holds whatever the file's size: what does
    # not fit spills to disk. The output is the two numbers only: no progress bar in it.
    small_rows, small_peak = _import_in_a_fresh_process(tmp_path, 50_000)
    large_rows, large_peak = _import_in_a_fresh_process(tmp_path, 400_000)
    assert (small_rows, large_rows) == (50_000, 400_000)
    assert large_peak - small_peak < 128
