"""Other processes running `timeline`, for the tests of several processes at once."""

from __future__ import annotations

import os
import subprocess
import sys
import time

from timeline.store import open_store


def timeline(*args: str, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "timeline", *args], capture_output=True,
                          text=True, env={**os.environ, **env}, timeout=120)


def add_waiting(location: str, seconds: str) -> tuple[subprocess.CompletedProcess, float]:
    """`timeline add` waiting at most ``seconds`` for the database; what it did, and how long
    it took."""
    started = time.monotonic()
    done = timeline("add", "--db", location, "--date", "2031", "--title", "Talks", "--type",
                    "talks", "--publisher", "Wire", TIMELINE_BUSY_TIMEOUT=seconds)
    return done, time.monotonic() - started


def six_writers_all_land(location: str) -> None:
    """Six `timeline add` at once on the timeline at ``location`` (holding the six test
    events): each exits 0, and each event and its history is there."""
    writers = [subprocess.Popen(
        [sys.executable, "-m", "timeline", "add", "--db", location, "--date", f"203{n}",
         "--title", f"Envoys meet, round {n}", "--type", "talks", "--country", "PRK",
         "--publisher", "Wire", "--by", f"writer {n}"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for n in range(6)]
    results = [(writer.wait(timeout=120), writer.stderr.read()) for writer in writers]
    assert results == [(0, "")] * 6
    store = open_store(location)
    assert store.count() == 6 + 6
    assert sorted(store.history().query("action == 'add'")["author"]) == [
        f"writer {n}" for n in range(6)]
