"""Whatever any import accepts, ``timeline export`` then ``timeline import`` gives back the
same events: project files (JSON Lines, CSV) of any valid events, and GDELT and ICEWS files of
plausible and hostile rows (what the bulk path stores, the model must read back unchanged)."""

from __future__ import annotations

import datetime as dt
import itertools
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.strategies import events, gdelt_line, gdelt_rows, icews_line, icews_rows
from timeline.cli.main import main
from timeline.core.filters import EventFilter
from timeline.core.model import Event
from timeline.files.formats import write_events_file
from timeline.store import open_store
from timeline.store.importers import ICEWS_HEADER, import_file

_numbers = itertools.count(1)
_SETTINGS = settings(max_examples=12, deadline=dt.timedelta(seconds=30),
                     suppress_health_check=[HealthCheck.too_slow,
                                            HealthCheck.function_scoped_fixture])


_EXPORTS = ("jsonl", "csv")


@pytest.fixture(scope="module")
def databases(tmp_path_factory) -> dict[str, Path]:
    """Database files: ``"import"``, the one imported into first, and one for each export
    format that its exports go into (an id stays in one dataset per database)."""
    folder = tmp_path_factory.mktemp("round-trip")
    paths = {name: folder / f"{name}.duckdb" for name in ("import", *_EXPORTS)}
    for path in paths.values():
        open_store(path).close()
    return paths


def stored(database: Path, dataset: str) -> list[Event]:
    with open_store(database) as store:
        return list(store.events(EventFilter(datasets=(dataset,))))


def check_round_trip(databases: dict[str, Path], path: Path, fmt: str,
                     folder: Path) -> list[Event]:
    """Import ``path`` into a new dataset of the first database; export that dataset in each
    format and import it into a new dataset of that format's database: the same events come
    back. Returns the events the first import stored."""
    first = databases["import"]
    dataset = f"d{next(_numbers)}"
    with open_store(first) as store:
        summary = import_file(store, path, fmt=fmt, dataset=dataset)
    assert summary.written, summary.problems
    accepted = stored(first, dataset)
    assert len(accepted) == summary.imported
    if not accepted:
        return accepted  # an export of nothing is an empty file, which no import reads
    for export_format in _EXPORTS:
        exported = folder / f"{dataset}.{export_format}"
        assert main(["--db", str(first), "export", "--dataset", dataset, "--format",
                     export_format, "--output", str(exported)]) == 0
        with open_store(databases[export_format]) as store:
            back = import_file(store, exported, dataset=dataset)
        assert (back.imported, back.problems, back.skipped) == (len(accepted), [], {})
        assert stored(databases[export_format], dataset) == accepted
    return accepted


@pytest.mark.parametrize("fmt", ["jsonl", "csv"])
@_SETTINGS
@given(generated=st.lists(events(), min_size=1, max_size=5, unique_by=lambda e: e.id))
def test_project_files_round_trip_through_export(databases, tmp_path, fmt, generated):
    prefix = f"r{next(_numbers)}-"  # ids of their own: the databases outlive the example
    generated = [event.model_copy(update={"id": prefix + event.id}) for event in generated]
    path = tmp_path / f"{prefix}events.{fmt}"
    write_events_file(generated, path, fmt)
    accepted = check_round_trip(databases, path, fmt, tmp_path)
    assert sorted(accepted, key=lambda e: e.id) == sorted(generated, key=lambda e: e.id)


@_SETTINGS
@given(rows=st.lists(gdelt_rows(), min_size=1, max_size=6))
def test_whatever_a_gdelt_import_stores_round_trips_through_export(databases, tmp_path, rows):
    path = tmp_path / f"{next(_numbers)}.export.CSV"
    path.write_text("".join(gdelt_line(row) + "\n" for row in rows), encoding="utf-8")
    check_round_trip(databases, path, "gdelt", tmp_path)


@_SETTINGS
@given(rows=st.lists(icews_rows(), min_size=1, max_size=6))
def test_whatever_an_icews_import_stores_round_trips_through_export(databases, tmp_path,
                                                                     rows):
    path = tmp_path / f"{next(_numbers)}.tab"
    path.write_text("".join(line + "\n" for line in ["\t".join(ICEWS_HEADER),
                                                     *map(icews_line, rows)]),
                    encoding="utf-8")
    check_round_trip(databases, path, "icews", tmp_path)
