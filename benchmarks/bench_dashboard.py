"""How fast the dashboard's timeline appears and redraws in a real browser (issue 15).

``python -m benchmarks.bench_dashboard [--runs 5]`` serves the dashboard on the curated events
(data/events.jsonl) and drives Debian's Chromium:

- first timeline: from opening the page to the first event drawn on the timeline, each time in
  a new tab (a new session, as a reader opening a link), against the baseline of opening the
  Import page (Streamlit's own start-up, no chart) in the same browser;
- redraw: from pressing Enter in the search field to the timeline drawn again for the new
  filter, against the baseline of a click on "10 y" (the zoom is reported, and the rerun
  lays out the labels again and redraws the chart, for the same filter).

Where the first timeline's time goes is printed for each run, in seconds from opening the
page: when plotly.js had run (it is sent first and evaluated while the script runs), when the
timeline's element arrived (the script's first run done), and when Plotly had drawn it.

Targets (issue 15): first timeline 2 s, a filter change 0.5 s. Each figure is the median over
the runs (with their range); how busy the machine was before and after (load average and
CPU pressure, :mod:`benchmarks.machine`) is kept beside them, since other work on a shared
machine slows every step. Results go to benchmarks/results/dashboard.json and are printed as a
table.
"""

from __future__ import annotations

import argparse
import json
import statistics
import tempfile
import time
from pathlib import Path

from playwright.sync_api import Page, sync_playwright

from benchmarks.machine import busy, described
from tests.browser.conftest import CHROMIUM, CHROMIUM_FLAGS, serve, wait_for_app
from timeline.store import CURATED_FILE

RESULTS = Path(__file__).parent / "results" / "dashboard.json"
READY = ".dte-timeline[data-ready='true'] g.scatterlayer path.point"
# Marks, in ms since the page's navigation began, when plotly.js has run and when the
# timeline's element is in the page.
PHASES = """
window.__phases = {};
let plotly;
Object.defineProperty(window, "Plotly", {configurable: true, get: () => plotly, set(value) {
  plotly = value;
  window.__phases.plotly = performance.now();
}});
new MutationObserver((changes, observer) => {
  if (document.querySelector(".dte-timeline")) {
    window.__phases.element = performance.now();
    observer.disconnect();
  }
}).observe(document, {childList: true, subtree: true});
"""


def _timed_open(page: Page, url: str, selector: str) -> float:
    started = time.perf_counter()
    page.goto(url)
    page.wait_for_selector(selector, timeout=60_000)
    return time.perf_counter() - started


def _timed_redraw(page: Page, press: str, *, text: str | None = None) -> float:
    """Seconds from pressing ``press`` (a button's name, or Enter in the search field after
    typing ``text``) to the timeline drawn again."""
    page.evaluate("document.querySelector('.dte-timeline').dataset.ready = 'false'")
    search = page.get_by_role("textbox", name="Search")
    if text is not None:
        search.fill(text)
    started = time.perf_counter()
    if text is None:
        page.get_by_role("button", name=press).click()
    else:
        search.press(press)
    page.wait_for_selector(READY, timeout=60_000)
    return time.perf_counter() - started


def measure(url: str, runs: int) -> dict[str, dict[str, float]]:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True,
                                             args=CHROMIUM_FLAGS)
        context = browser.new_context(viewport={"width": 1440, "height": 900})
        context.add_init_script(PHASES)
        first, start_up, redraw, button = [], [], [], []
        for run in range(runs + 1):  # the first run warms the server's imports: not counted
            page = context.new_page()
            startup = _timed_open(page, url + "/import",
                                  "[data-testid='stApp'][data-test-script-state='notRunning']"
                                  " [data-testid='stFileUploader']")
            page.close()
            page = context.new_page()
            timeline = _timed_open(page, url + "/", READY)
            phases = page.evaluate("window.__phases")
            wait_for_app(page)
            changed = _timed_redraw(page, "Enter", text="treaty" if run % 2 else "relations")
            wait_for_app(page)
            clicked = _timed_redraw(page, "10 y")
            page.close()
            print(f"run {run}: start-up {startup:.2f} s, first timeline {timeline:.2f} s "
                  f"(plotly.js run at {phases.get('plotly', 0) / 1000:.2f} s, timeline sent "
                  f"by {phases.get('element', 0) / 1000:.2f} s), filter {changed:.2f} s, "
                  f"zoom {clicked:.2f} s")
            if run:
                first.append(timeline)
                start_up.append(startup)
                redraw.append(changed)
                button.append(clicked)
        browser.close()
    return {
        "first timeline": _summary(first, start_up, target=2.0),
        "filter change redraw": _summary(redraw, button, target=0.5),
    }


def _summary(seconds: list[float], baseline: list[float], *, target: float
             ) -> dict[str, float | list[float]]:
    return {"seconds": statistics.median(seconds), "range": [min(seconds), max(seconds)],
            "baseline": statistics.median(baseline), "target": target}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    before = busy()
    with tempfile.TemporaryDirectory() as folder, serve(Path(folder), CURATED_FILE) as url:
        results: dict = measure(url, args.runs)
    after = busy()
    results["load average"] = [before["load average"], after["load average"]]
    results["cpu pressure"] = [before["cpu pressure"], after["cpu pressure"]]
    RESULTS.parent.mkdir(exist_ok=True)
    RESULTS.write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
    print(f"{described(before, after)}; {args.runs} runs")
    print("| measure | median (s) | range (s) | baseline (s) | ratio | target (s) |")
    print("| --- | --- | --- | --- | --- | --- |")
    for name, result in results.items():
        if name in ("load average", "cpu pressure"):
            continue
        low, high = result["range"]
        print(f"| {name} | {result['seconds']:.2f} | {low:.2f}–{high:.2f} | "
              f"{result['baseline']:.2f} | {result['seconds'] / result['baseline']:.1f}x | "
              f"{result['target']} |")


if __name__ == "__main__":
    main()
