"""How busy the machine was while a benchmark ran, kept beside its figures.

The load average counts this machine's runnable tasks; it does not show a virtual machine's
host being busy elsewhere. Linux's pressure stall information does: on this project's VM,
``/proc/pressure/cpu`` read 16–42% with nothing of ours running, while the same benchmark
of the same code took 0.2–0.5 s longer than in a quiet moment.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

PRESSURE = Path("/proc/pressure/cpu")


def busy() -> dict[str, float | None]:
    """``load average`` (1 minute) and ``cpu pressure`` (the share of the last 10 s, in
    percent, in which some task waited for a CPU; None where the kernel does not say)."""
    try:
        pressure = some_avg10(PRESSURE.read_text())
    except OSError:
        pressure = None
    return {"load average": round(os.getloadavg()[0], 2), "cpu pressure": pressure}


def some_avg10(text: str) -> float | None:
    """``some avg10`` of a pressure file: "some avg10=23.80 avg60=… total=…" gives 23.8."""
    match = re.search(r"^some avg10=([0-9.]+)", text, re.MULTILINE)
    return float(match[1]) if match else None


def described(before: dict[str, float | None], after: dict[str, float | None]) -> str:
    """"load average 2.1 before, 4.1 after; CPU pressure 5% before, 41% after"."""
    text = (f"load average {before['load average']:.1f} before, "
            f"{after['load average']:.1f} after")
    if before["cpu pressure"] is not None and after["cpu pressure"] is not None:
        text += (f"; CPU pressure {before['cpu pressure']:.0f}% before, "
                 f"{after['cpu pressure']:.0f}% after")
    return text
