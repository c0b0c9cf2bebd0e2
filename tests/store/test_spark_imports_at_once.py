"""Imports into one Spark archive from several processes take turns (an ``import.lock`` in
the archive's folder): each lands whole, under numbers of its own; one that waits longer
than it may names the import in its way, as DuckDB's busy message does."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from tests.builders import TEST_EVENTS_FILE, gdelt_row
from tests.store.parity import same_frames
from timeline.core.filters import EventFilter
from timeline.store import DatabaseBusy, init_store, open_store
from timeline.store.importers import import_file
from timeline.store.spark import import_lock, split_url


def holding_the_lock(folder: Path) -> subprocess.Popen:
    """Another process that takes the archive's import lock and keeps it until stopped."""
    holder = subprocess.Popen([sys.executable, "-c", textwrap.dedent(f"""
        import sys, time
        from timeline.store.spark import import_lock
        import_lock({str(folder)!r})
        print("held", flush=True)
        time.sleep(120)
        """)], stdout=subprocess.PIPE, text=True)
    assert holder.stdout.readline().strip() == "held"
    return holder


def test_an_import_waits_for_another_then_names_it(tmp_path):
    holder = holding_the_lock(tmp_path)
    try:
        with pytest.raises(DatabaseBusy) as busy:
            import_lock(str(tmp_path), timeout=1)
        assert str(busy.value) == (f"the archive {tmp_path} is in use by python -c "
                                   f"(pid {holder.pid}); try again when it is done")
        assert busy.value.pid == holder.pid
    finally:
        os.kill(holder.pid, signal.SIGKILL)
        holder.wait()
    # Killed without removing its lock: the next import takes it over.
    lock = import_lock(str(tmp_path), timeout=1)
    assert lock is not None and str(os.getpid()) in lock.read_text()
    lock.unlink()


def test_an_archive_this_machine_cannot_see_is_not_locked(tmp_path):
    assert import_lock("s3a://bucket/timeline", timeout=0) is None
    assert import_lock(str(tmp_path / "on-the-server-only"), timeout=0) is None


@pytest.mark.spark
def test_two_imports_at_once_both_land_whole(spark_url, tmp_path):
    init_store(spark_url, seed=TEST_EVENTS_FILE)
    files = []
    for number, first in enumerate((1, 101)):
        day = tmp_path / f"day{number}.export.CSV"
        day.write_text("".join(gdelt_row(first + n, date=f"2024061{n % 9}") + "\n"
                               for n in range(40)))
        files.append(day)
    importers = [subprocess.Popen(
        [sys.executable, "-m", "timeline", "import", "--db", spark_url, str(day), "--dataset",
         f"wire{number}"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env={**os.environ, "TIMELINE_BUSY_TIMEOUT": "300"})
        for number, day in enumerate(files)]
    results = [(importer.wait(timeout=400), importer.stderr.read()) for importer in importers]
    assert [code for code, _ in results] == [0, 0], results
    archive = open_store(spark_url)
    reference = open_store(":memory:", seed=TEST_EVENTS_FILE)
    for number, day in enumerate(files):
        import_file(reference, day, dataset=f"wire{number}")
    both = EventFilter(datasets=("wire0", "wire1"), countries=("RUS",))
    assert archive.count(both) == reference.count(both) == 80
    same_frames(reference.query(both), archive.query(both))
    history = archive.history()
    assert history["id"].is_unique and len(history) == 3
    assert not (Path(split_url(spark_url)[1]) / "import.lock").exists()
