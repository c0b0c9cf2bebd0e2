"""The real dashboard for browser tests: ``streamlit run app.py`` on a free port, and Debian's
Chromium driven by Playwright (never a downloaded browser)."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from tests.builders import TEST_EVENTS_FILE
from timeline.files.formats import read_events_file
from timeline.store import open_store

PROJECT = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
# Without the networking flags Chromium keeps trying to reach Google on a closed network.
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                  "--no-first-run", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="session")
def browser_type_launch_args() -> dict[str, object]:
    """Every test's browser: Debian's Chromium, headless, quiet on the network."""
    if not os.path.exists(CHROMIUM):
        pytest.skip(f"{CHROMIUM} is missing (apt-get install chromium; .ci/run does)")
    return {"executable_path": CHROMIUM, "headless": True, "args": CHROMIUM_FLAGS}


# The windows the dashboard is made for: an analyst's laptop and a phone.
DESKTOP = {"width": 1440, "height": 900}
PHONE = {"width": 390, "height": 844}


@pytest.fixture(scope="session")
def browser_context_args() -> dict[str, object]:
    """A laptop's window (the dashboard's layout is wide) that accepts downloads."""
    return {"viewport": DESKTOP, "accept_downloads": True}


# Notes when the page last sent a message to the server and last received one, so a test
# can tell a rerun requested and not yet answered (a widget changed) from a settled page.
WATCH_SOCKETS = """
window.__socketWatch = {sent: 0, received: 0};
const send = WebSocket.prototype.send;
WebSocket.prototype.send = function (data) {
  window.__socketWatch.sent = performance.now();
  if (!this.__watched) {
    this.__watched = true;
    this.addEventListener("message", () => { window.__socketWatch.received = performance.now(); });
  }
  return send.call(this, data);
};
"""
# Messages of one rerun arrive in bursts: the page is settled once none came for this long.
QUIET_MS = 150


def watched(context: BrowserContext) -> BrowserContext:
    """The context, its pages noting their messages to and from the server (see
    :func:`wait_for_app`)."""
    context.add_init_script(WATCH_SOCKETS)
    return context


@pytest.fixture(scope="session")
def light_context(browser: Browser, browser_context_args: dict[str, object]
                  ) -> Iterator[BrowserContext]:
    """One browser context for the light-theme tests: its cache keeps Streamlit's and Plotly's
    scripts between tests, which a new context per test would load again."""
    context = watched(browser.new_context(**browser_context_args, color_scheme="light"))
    yield context
    context.close()


@pytest.fixture(scope="session")
def dark_context(browser: Browser, browser_context_args: dict[str, object]
                 ) -> Iterator[BrowserContext]:
    """A browser context whose system appearance is dark, which Streamlit follows."""
    context = watched(browser.new_context(**browser_context_args, color_scheme="dark"))
    yield context
    context.close()


@pytest.fixture(scope="session")
def phone_context(browser: Browser) -> Iterator[BrowserContext]:
    """A phone's browser: narrow, touch, twice the pixels."""
    context = watched(browser.new_context(viewport=PHONE, color_scheme="light", has_touch=True,
                                          is_mobile=True, device_scale_factor=2))
    yield context
    context.close()


def _tab(context: BrowserContext) -> Iterator[Page]:
    """A new tab in ``context``, closed after the test."""
    tab = context.new_page()
    yield tab
    tab.close()


@pytest.fixture
def phone_tab(phone_context: BrowserContext) -> Iterator[Page]:
    """A new tab on the phone."""
    yield from _tab(phone_context)


@pytest.fixture
def page(light_context: BrowserContext) -> Iterator[Page]:
    """A new tab in the light-theme context."""
    yield from _tab(light_context)


@pytest.fixture
def dark_page(dark_context: BrowserContext) -> Iterator[Page]:
    """A new tab in the dark-theme context."""
    yield from _tab(dark_context)


@pytest.fixture(scope="session")
def app_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The address of a running dashboard showing the six test events."""
    with serve(tmp_path_factory.mktemp("browser"), TEST_EVENTS_FILE) as url:
        yield url


@contextmanager
def serve(folder: Path, events_file: Path, **settings: str) -> Iterator[str]:
    """Run the dashboard on a database (in ``folder``) holding the events of ``events_file``,
    with extra environment ``settings`` (``STREAMLIT_SERVER_MAX_UPLOAD_SIZE="1"``); yield its
    address, then stop it."""
    database = folder / "events.duckdb"
    with open_store(database) as store:
        store.add_events(read_events_file(events_file))
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "app.py", "--server.headless=true",
         "--server.address=127.0.0.1", f"--server.port={port}",
         "--server.fileWatcherType=none", "--browser.gatherUsageStats=false"],
        cwd=PROJECT, env={**os.environ, "TIMELINE_DB": str(database), **settings},
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_until_healthy(url, server)
        yield url
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()
        server.stderr.close()


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait_until_healthy(url: str, server: subprocess.Popen, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"streamlit exited: {server.stderr.read().decode()[-2000:]}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=1) as answer:
                if answer.read() == b"ok":
                    return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"streamlit did not answer on {url} within {timeout} s")


def wait_for_app(page: Page) -> None:
    """Wait until the page has settled: no rerun requested and unanswered (a widget's change
    is sent to the server, which may take long to answer on a busy machine), no message from
    the server for a moment, the script's run finished and every chart drawn."""
    page.wait_for_function(f"""() => {{
        const watch = window.__socketWatch;
        return !watch || (watch.received >= watch.sent
                          && performance.now() - watch.received > {QUIET_MS});
    }}""", polling="raf", timeout=60_000)
    page.wait_for_selector("[data-testid='stApp'][data-test-connection-state='CONNECTED']")
    page.wait_for_selector("[data-testid='stApp'][data-test-script-state='notRunning']")
    # Charts show a skeleton until Plotly's script has loaded: seconds on a first page.
    expect(page.get_by_test_id("stSkeleton")).to_have_count(0, timeout=30_000)
    # The timeline reports a zoom (or its width) and is redrawn for it: until the app has
    # answered, it is not what the reader will see.
    expect(page.locator(".dte-timeline[data-ready='false']")).to_have_count(0, timeout=30_000)


def next_frame(page: Page) -> None:
    """Wait until the browser has drawn what the last input changed (two animation frames:
    Plotly and the timeline apply a wheel turn or a pinch on the next one)."""
    page.evaluate("() => new Promise(done => requestAnimationFrame(() => "
                  "requestAnimationFrame(done)))")


def loaded_everything(page: Page) -> None:
    """Wait until every image of the page has loaded or failed and the handlers that follow
    (an injected ``onerror`` or ``onload``) have had their turn."""
    page.wait_for_function("() => document.readyState === 'complete' && "
                           "Array.from(document.images).every(image => image.complete)")
    next_frame(page)


# The page's height: Streamlit's main area scrolls, not the document.
PAGE_HEIGHT = """() => Math.max(document.documentElement.scrollHeight,
                                document.querySelector("[data-testid='stMain']").scrollHeight)"""


def save_screenshot(page: Page, output_path: str, name: str, *, whole_page: bool = False
                    ) -> None:
    """A screenshot into pytest-playwright's output folder (test-results/), to be looked at;
    ``whole_page``: the window stretched to the page's height first (Streamlit scrolls inside
    the app, so a full-page screenshot would show only the window)."""
    if whole_page:
        width = page.viewport_size["width"]
        page.set_viewport_size({"width": width, "height": page.evaluate(PAGE_HEIGHT)})
        next_frame(page)
    Path(output_path).mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(Path(output_path) / f"{name}.png"))


def sideways_overflow(page: Page) -> int:
    """How many pixels the page reaches past the window's right edge, in the document or in
    Streamlit's own scrolling containers: more than 0 means a reader scrolls sideways."""
    return page.evaluate("""() => {
        const scrollers = [document.documentElement, document.body, ...document.querySelectorAll(
            "[data-testid='stMain'], [data-testid='stAppViewContainer'], [data-testid='stApp']")];
        return Math.max(...scrollers.map(element => element.scrollWidth)) - window.innerWidth;
    }""")
