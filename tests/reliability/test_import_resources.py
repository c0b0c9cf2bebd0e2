"""Imports in processes of their own: memory stays bounded whatever the file's size, and a full
disk or a lack of memory is said as such (exit code 5), never blamed on the file.

Each test runs ``python -m timeline import`` as the child of a small launcher process, which
prints the child's peak resident memory (``RUSAGE_CHILDREN``: the launcher has no other
child). The full disk is real: a 3 MB tmpfs mounted in a mount namespace of the test's own
(``unshare``, no privileges needed, gone with the process); the lack of memory too: an
address-space limit (``prlimit --as``) on the importing process.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.builders import gdelt_row
from tests.reliability.inputs import line
from timeline.files.formats import human_size

TARGET_MB = 512
_LAUNCHER = ("import resource, subprocess, sys; code = subprocess.run(sys.argv[1:]).returncode; "
             "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024, "
             "file=sys.stderr); sys.exit(code)")


def timeline(*args: str | Path, prefix: tuple[str, ...] = (),
             env: dict[str, str] | None = None) -> tuple[int, str, int]:
    """Run ``timeline ARGS`` in a fresh process: (exit code, standard error without the last
    line, the process's peak resident memory in MB)."""
    command = [sys.executable, "-c", _LAUNCHER, *prefix, sys.executable, "-m", "timeline",
               *map(str, args)]
    done = subprocess.run(command, capture_output=True, text=True, timeout=300,
                          env={**os.environ, **(env or {})})
    *errors, peak = done.stderr.rstrip("\n").split("\n")
    return done.returncode, "\n".join(errors), int(peak)


def jsonl_events(path: Path, count: int) -> Path:
    """``count`` valid, distinct events, 400 bytes each, written as JSON Lines."""
    with path.open("w", encoding="utf-8") as stream:
        for n in range(count):
            stream.write(line(id=f"e{n}", date=f"{1700 + n % 300}-{1 + n % 12:02d}",
                              title=f"Talks number {n}", summary="A summary of the talks. " * 8))
    return path


# -- memory ------------------------------------------------------------------------------------

def test_an_import_past_a_row_group_stays_under_the_target(tmp_path):
    """130,000 events (52 MB of JSON Lines), in a fresh process: past the 122,880 rows of a
    table that DuckDB keeps in memory until it writes them out, where an import's peak is
    reached; larger files repeat the same climb (600,000 events peaked at 504 MB here, where
    it was 1.79 GB: README, "What the tool promises"). One transaction holds it all."""
    source = jsonl_events(tmp_path / "events.jsonl", 130_000)
    code, errors, peak = timeline("--db", tmp_path / "events.duckdb", "import", source,
                                  "--dataset", "big")
    assert (code, errors) == (0, "")
    assert peak <= TARGET_MB


def test_reading_four_times_the_events_takes_no_more_memory(tmp_path):
    """The readers alone (checks, parsing, validation, ids met), in a fresh process: flat."""
    script = ("import sys; from pathlib import Path; "
              "from timeline.files.formats import ReadResult, iter_events; result = ReadResult(); "
              "print(sum(1 for _ in iter_events(Path(sys.argv[1]), result=result)))")
    peaks = []
    for count in (20_000, 80_000):
        source = jsonl_events(tmp_path / f"{count}.jsonl", count)
        done = subprocess.run([sys.executable, "-c", _LAUNCHER, sys.executable, "-c", script,
                               source], capture_output=True, text=True, timeout=300)
        assert done.stdout.strip() == str(count)
        peaks.append(int(done.stderr.strip()))
    assert max(peaks) <= TARGET_MB and peaks[1] - peaks[0] <= 20, peaks


def gdelt_zip(path: Path, rows: int, *, repeated: bool = False) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive, \
            archive.open("events.export.CSV", "w") as member:
        for n in range(1, rows + 1):
            n = 1 if repeated else n
            member.write((gdelt_row(n, url=f"https://news.example.org/{n}") + "\n").encode())
    return path


def test_a_zip_of_many_gdelt_rows_imports_in_bounded_memory(tmp_path):
    """300,000 GDELT rows (1.6 MB packed, 39 MB unpacked), through whichever bulk reader
    there is, under the CLI's cap on DuckDB's buffers (401 MB at the peak here)."""
    path = gdelt_zip(tmp_path / "gdelt.zip", 300_000)
    code, errors, peak = timeline("--db", tmp_path / "gdelt.duckdb", "import", path)
    assert (code, errors) == (0, "")
    assert peak <= TARGET_MB


def test_a_zip_of_one_gdelt_row_repeated_is_refused_as_a_bomb(tmp_path):
    """The issue's 4 MB zip of repeated rows unpacked to gigabytes and took 2.8 GB: one row
    repeated packs over 100 times smaller, so it is refused before anything is unpacked."""
    path = gdelt_zip(tmp_path / "repeated.zip", 300_000, repeated=True)
    code, errors, peak = timeline("--db", tmp_path / "gdelt.duckdb", "import", path)
    size = human_size(zipfile.ZipFile(path).getinfo("events.export.CSV").file_size)
    assert code == 1
    assert errors.startswith(f"{path}: file: the zip's 'events.export.CSV' unpacks to {size} "
                             f"from ")
    assert errors.endswith(f"a zip bomb, not events; at most 100 times is unpacked\n{path}: the "
                           f"file is refused; nothing imported")
    assert peak <= 300


# -- a full disk, a lack of memory -------------------------------------------------------------

def _can_mount() -> bool:
    if shutil.which("unshare") is None:
        return False
    probe = subprocess.run(["unshare", "-rm", "sh", "-c", "mount -t tmpfs tmpfs /mnt"],
                           capture_output=True)
    return probe.returncode == 0


needs_a_mount = pytest.mark.skipif(not _can_mount(), reason="no mount namespace here "
                                                            "(unshare -rm)")


def on_a_full_disk(folder: Path, *args: str | Path, **options: dict[str, str]
                   ) -> tuple[int, str, int]:
    """``timeline ARGS`` with a 3 MB tmpfs mounted on ``folder``, seen by it alone."""
    folder.mkdir(exist_ok=True)
    mount = "mount -t tmpfs -o size=3m tmpfs \"$1\" && shift && exec \"$@\""
    return timeline(*args, prefix=("unshare", "-rm", "sh", "-c", mount, "sh", str(folder)),
                    **options)


@needs_a_mount
def test_a_full_disk_under_the_database_is_said_as_such(tmp_path):
    source = jsonl_events(tmp_path / "events.jsonl", 20_000)
    full = tmp_path / "full"
    code, errors, _ = on_a_full_disk(full, "--db", full / "events.duckdb", "import", source)
    assert code == 5
    assert errors.startswith(f"timeline: error: the disk is full while writing the database "
                             f"{full / 'events.duckdb'} (")
    assert f"nothing of {source} was imported; free some space" in errors
    assert "fix them" not in errors and "cannot be read" not in errors


@needs_a_mount
def test_a_full_disk_while_unpacking_a_zip_is_said_as_such(tmp_path):
    """The zip's 8 MB member is unpacked into the import's scratch folder, under TMPDIR."""
    path = tmp_path / "events.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("events.jsonl", jsonl_events(tmp_path / "e.jsonl", 20_000).read_text())
    full = tmp_path / "full"
    code, errors, _ = on_a_full_disk(full, "--db", tmp_path / "events.duckdb", "import", path,
                                     env={"TMPDIR": str(full)})
    assert code == 5
    assert errors.startswith(
        f"timeline: error: the disk is full while writing {full}/timeline-import-")
    assert f" (No space left on device): nothing of {path} was imported" in errors


@needs_a_mount
def test_a_full_disk_during_a_gdelt_import_is_said_as_such(tmp_path):
    source = tmp_path / "events.tsv"
    source.write_text("".join(gdelt_row(n, url=f"https://news.example.org/{n}") + "\n"
                              for n in range(1, 60_001)))
    full = tmp_path / "full"
    code, errors, _ = on_a_full_disk(full, "--db", full / "events.duckdb", "import", source)
    assert code == 5 and errors.startswith("timeline: error: the disk is full while writing ")


def test_running_out_of_memory_is_said_as_such(tmp_path):
    """A TimelineJS file (one object, parsed whole: 14 MB of text, 200,000 slides, several
    times the 32 MB of address space it is given beyond a small import's peak) runs out in
    the parse. One malloc arena, so that the peak measured first is the same each run.

    The file needs far more than the margin on purpose: 20,000 long slides (40 MB as objects)
    sometimes parsed within it and then ran out at the validator's first use of its
    thread-local data, which glibc cannot survive (exit 127, "cannot allocate memory for
    thread-local data"), about one run in six on a loaded machine."""
    env = {"MALLOC_ARENA_MAX": "1"}
    small = tmp_path / "small.jsonl"
    small.write_text(line())
    probe = [sys.executable, "-c", "import sys; from timeline.cli.main import main; "
             "main(sys.argv[1:]); status = open('/proc/self/status').read(); "
             "print(status.split('VmPeak:')[1].split()[0])",
             "--db", str(tmp_path / "probe.duckdb"), "import", str(small), "--dry-run"]
    peak_kb = subprocess.run(probe, capture_output=True, text=True, timeout=120,
                             env={**os.environ, **env}).stdout.split()[-1]
    slides = [{"start_date": {"year": 2024}, "text": {"headline": f"Talks {n}"}}
              for n in range(200_000)]
    source = tmp_path / "timeline.json"
    source.write_text(json.dumps({"events": slides}))
    code, errors, _ = timeline("--db", tmp_path / "events.duckdb", "import", source, env=env,
                               prefix=("prlimit", f"--as={int(peak_kb) * 1024 + 32 * 2**20}"))
    assert (code, errors) == (5, (
        f"timeline: error: out of memory while importing {source}: nothing of it was imported; "
        f"close other programs, or split the file, and import it again"))
