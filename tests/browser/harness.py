"""Browser-test helpers: the real server as a subprocess, waiting for Streamlit runs, health checks.

Waiting is driven by what the server says, not by sleeps: every page gets a RunTracker that reads the
Streamlit websocket (ForwardMsg `new_session` = a script run started, `script_finished` = it ended), and
a run counts as done once the server finished it, the frontend shows it as not running, no stale
elements are left and nothing new started for a short settle window.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
import weakref
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from PIL import Image, ImageChops
from playwright.sync_api import Frame, Locator, Page, expect
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "tests" / "artifacts"
_STILL_CSS = "*, *::before, *::after { transition: none !important; animation: none !important; }"
LOCAL_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})
RUN_TIMEOUT_MS = 60_000
SETTLE_MS = 300  # a follow-up rerun (query-param sync, component value) starts well within this
QUIET_NOT_READY_S = 10  # script output is on screen when a run ends; only slow async widgets need more

Ready = str | Locator | Callable[[Page], object] | None


# ---------------------------------------------------------------- the server


@dataclass(eq=False)  # identity semantics: kept in the RUNNING set
class Server:
    """A `python app.py` process on a local port; its output goes to files (a full pipe would block it)."""

    url: str
    process: subprocess.Popen
    stdout: Path
    stderr: Path

    def log_tail(self, chars: int = 4000) -> str:
        parts = []
        for name, path in (("stderr", self.stderr), ("stdout", self.stdout)):
            text = path.read_text(encoding="utf-8", errors="replace") if path.exists() else ""
            parts.append(f"--- server {name} (last {chars} chars) ---\n{text[-chars:]}")
        return "\n".join(parts)

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=15)
        RUNNING.discard(self)


RUNNING: set[Server] = set()  # servers alive now, for the log section of a failing test


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


LAUNCHERS = {  # the two documented start commands
    "python": [sys.executable, "app.py"],
    "streamlit-run": [sys.executable, "-m", "streamlit", "run", "app.py"],
}


def start_server(database_url: str, log_dir: Path, *, timeout: float = 60.0, command: str = "python",
                 python_args: tuple[str, ...] = (), env_extra: dict[str, str] | None = None,
                 address: str | None = "127.0.0.1") -> Server:
    """Start the real server (`python app.py`, or `streamlit run app.py` with command="streamlit-run")
    on a free port and return once /_stcore/health answers ok. `python_args` go before the script
    (e.g. "-X", "..."), `env_extra` into its environment; address=None binds every interface, as a
    server started without --server.address does."""
    env = {**os.environ, "DATABASE_URL": database_url, "PYTHONUNBUFFERED": "1", **(env_extra or {})}
    launcher = LAUNCHERS[command]
    log_dir.mkdir(parents=True, exist_ok=True)
    for attempt in range(3):  # another process may grab the port between probe and bind
        port = _free_port()
        out_log, err_log = log_dir / f"server-{port}.out.log", log_dir / f"server-{port}.err.log"
        with out_log.open("wb") as out, err_log.open("wb") as err:
            process = subprocess.Popen(
                [launcher[0], *python_args, *launcher[1:], "--server.port", str(port),
                 *(("--server.address", address) if address else ()), "--server.headless", "true",
                 # engineers edit files while suites run; a "source changed" prompt must not appear mid-test
                 "--server.fileWatcherType", "none"],
                cwd=ROOT, env=env, stdout=out, stderr=err, stdin=subprocess.DEVNULL,
            )
        server = Server(f"http://127.0.0.1:{port}", process, out_log, err_log)
        RUNNING.add(server)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline and process.poll() is None:
            try:
                with urllib.request.urlopen(f"{server.url}/_stcore/health", timeout=2) as r:
                    if r.status == 200 and r.read().strip() == b"ok":
                        return server
            except OSError:
                pass
            time.sleep(0.2)
        exited = process.poll() is not None
        server.stop()
        if exited and "already in use" in server.log_tail().lower() and attempt < 2:
            continue
        why = f"exited with code {process.returncode}" if exited else f"was not healthy after {timeout:.0f} s"
        pytest.fail(f"Streamlit server on port {port} {why}.\n{server.log_tail()}", pytrace=False)
    raise AssertionError("unreachable")


# ---------------------------------------------------------------- knowing when a run is done


@dataclass
class RunTracker:
    """Counts script runs of one page from the websocket traffic."""

    started: int = 0
    finished: int = 0
    running: bool = False  # a run started and its end was not reported yet
    last_event: float = field(default_factory=time.monotonic)

    def on_frame(self, payload: str | bytes) -> None:
        if isinstance(payload, str):
            return
        msg = ForwardMsg()
        try:
            msg.ParseFromString(payload)
        except Exception:  # noqa: BLE001 - not a ForwardMsg (cannot happen on /_stcore/stream today)
            return
        kind = msg.WhichOneof("type")
        if kind == "new_session":
            self.started += 1
            self.running = True
            self.last_event = time.monotonic()
        elif kind == "script_finished":
            # A run interrupted by a rerun never reports its end: the latest run finishing is what counts.
            self.finished += 1
            self.running = False
            self.last_event = time.monotonic()


_TRACKERS: weakref.WeakKeyDictionary[Page, RunTracker] = weakref.WeakKeyDictionary()
PAGE_ERRORS: weakref.WeakKeyDictionary[Page, list[str]] = weakref.WeakKeyDictionary()


def track_runs(page: Page) -> RunTracker:
    tracker = RunTracker()
    _TRACKERS[page] = tracker

    def on_websocket(ws) -> None:
        if ws.url.endswith("/_stcore/stream"):
            tracker.running = False  # a run cut off with the previous page never reports its end
            ws.on("framereceived", tracker.on_frame)

    page.on("websocket", on_websocket)
    errors: list[str] = PAGE_ERRORS.setdefault(page, [])
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    return tracker


_DOM_IDLE = """() => {
  const app = document.querySelector('[data-testid="stApp"]');
  return !!app && app.dataset.testScriptState === "notRunning"
    && app.dataset.testConnectionState === "CONNECTED"
    && !document.querySelector('[data-stale="true"]')
    // lazily loaded element code (charts, metrics, widgets) shows this placeholder until it arrives
    && !document.querySelector('[data-testid="stSkeleton"], [data-testid="stAppSkeleton"]');
}"""


def _ready_now(page: Page, ready: Ready) -> bool:
    if ready is None:
        return True
    if isinstance(ready, str):
        ready = page.locator(ready)
    if isinstance(ready, Locator):
        return ready.first.is_visible()
    return bool(ready(page))


def wait_for_runs(page: Page, after: int, ready: Ready = None, timeout_ms: int = RUN_TIMEOUT_MS) -> None:
    """Wait until a run finished after `after` finished runs, all runs are done and `ready` holds."""
    tracker = _TRACKERS[page]
    deadline = time.monotonic() + timeout_ms / 1000
    idle_since: float | None = None  # the app went quiet but `ready` is not there (yet)
    while True:
        done = tracker.finished > after and not tracker.running
        settled = time.monotonic() - tracker.last_event >= SETTLE_MS / 1000
        problem = None
        if done and settled and page.evaluate(_DOM_IDLE):
            if _ready_now(page, ready):
                return
            crash = page.get_by_test_id("stException")
            if crash.count():  # the run is over and failed: waiting longer cannot help
                raise AssertionError(f"Python exception on {page.url}:\n{crash.first.inner_text()}")
            idle_since = idle_since if idle_since is not None and idle_since >= tracker.last_event else time.monotonic()
            if time.monotonic() - idle_since > QUIET_NOT_READY_S:
                problem = f"the app finished and stayed quiet for {QUIET_NOT_READY_S} s without showing {ready!r}"
        if problem is None and time.monotonic() > deadline:
            problem = (f"app not done within {timeout_ms} ms: runs started {tracker.started}, "
                       f"finished {tracker.finished} (needed more than {after}); ready={ready!r}")
        if problem:
            shown = page.locator("body").inner_text()[:1500]
            raise AssertionError(f"{page.url}: {problem}\npage shows:\n{shown}")
        page.wait_for_timeout(100)  # lets Playwright deliver websocket events while we poll


def open_app(page: Page, base_url: str, path_and_query: str = "/", ready: Ready = None) -> Page:
    """Open base_url + path_and_query (or base_url as it is when that is "") and return once the
    script run it starts, and any follow-up rerun, finished and `ready` is visible."""
    before = _TRACKERS[page].finished
    url = base_url.rstrip("/") + "/" + path_and_query.lstrip("/") if path_and_query else base_url
    page.goto(url)
    wait_for_runs(page, before, ready)
    return page


def rerun_after(page: Page, action: Callable[[], object], ready: Ready = None) -> None:
    """Do something that makes Streamlit rerun (pick an option, click a button) and wait for it."""
    before = _TRACKERS[page].finished
    action()
    wait_for_runs(page, before, ready)


# ---------------------------------------------------------------- widgets and checks


def sidebar_selectbox(page: Page, label: str) -> Locator:
    """The input of a sidebar selectbox (a combobox whose value is the shown option)."""
    return page.get_by_test_id("stSidebar").get_by_role("combobox", name=label, exact=True)


def choose(page: Page, combobox: Locator, option: str, ready: Ready = None) -> None:
    """Pick `option` in a Streamlit selectbox (its combobox input) and wait for the rerun it causes."""
    combobox.click()
    item = page.get_by_role("option", name=option, exact=True)
    if not item.is_visible():  # long lists render only what fits: type to filter
        combobox.fill(option)
    rerun_after(page, item.click, ready)


def assert_healthy(page: Page, external: list[str], title_text: str) -> None:
    """No Python exception on the page, the page title shows, nothing was requested off this machine."""
    expect(page.get_by_test_id("stException")).to_have_count(0)
    expect(page.get_by_test_id("stHeading").filter(has_text=title_text).first).to_be_visible()
    assert external == [], f"requests to other hosts (blocked): {external}"
    assert PAGE_ERRORS.get(page, []) == [], f"uncaught JavaScript errors: {PAGE_ERRORS[page]}"


class PageNotFoundShown(AssertionError):
    """Streamlit answered the requested page path with its "Page not found" dialog."""


def assert_page_found(page: Page) -> None:
    dialogs = page.get_by_role("dialog").filter(has_text="Page not found")
    if dialogs.count():
        raise PageNotFoundShown(f"{page.url}: {dialogs.first.inner_text()}")


def offline_page(browser, external: list[str], *, viewport: dict, timeout_ms: int):
    """A page in a fresh context that answers only localhost: any other request is aborted and listed
    in `external`. Service workers are blocked, since their fetches would bypass context.route."""
    context = browser.new_context(viewport=viewport, locale="zh-CN", timezone_id="Asia/Shanghai",
                                  service_workers="block")

    def guard(route) -> None:
        if is_local(route.request.url):
            route.continue_()
        else:
            external.append(route.request.url)
            route.abort("blockedbyclient")

    context.route("**/*", guard)
    page = context.new_page()
    page.set_default_timeout(timeout_ms)
    track_runs(page)
    return page


def is_local(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme in ("data", "blob", "about") or parts.hostname in LOCAL_HOSTS


def wait_for_charts(page: Page, timeout_ms: int = 30_000) -> None:
    """Vega-Lite charts draw after the run ends; wait until every one has a non-empty canvas/svg."""
    page.wait_for_function(
        """() => [...document.querySelectorAll('[data-testid="stVegaLiteChart"]')].every(c => {
              const g = c.querySelector('canvas, svg');
              return g && g.getBoundingClientRect().width > 0 && g.getBoundingClientRect().height > 0;
            })""",
        timeout=timeout_ms,
    )


def map_frame(page: Page, index: int = 0, timeout_ms: int = 30_000) -> Frame:
    """The content frame of a streamlit-folium map once Leaflet has loaded its view."""
    iframe = page.locator('iframe[title="streamlit_folium.st_folium"]').nth(index)
    iframe.wait_for(state="visible", timeout=timeout_ms)
    frame = iframe.element_handle().content_frame()
    assert frame is not None, "map iframe has no content frame"
    frame.wait_for_selector(".leaflet-container", timeout=timeout_ms)
    frame.wait_for_function("() => window.map && window.map._loaded", timeout=timeout_ms)
    return frame


def _next_paint(page: Page) -> None:
    page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")


def save_artifact(page: Page, name: str) -> Path:
    """Full-page PNG in tests/artifacts/ (git-ignored). Streamlit scrolls inside stMain, not the
    document, so the viewport is stretched to the content for the shot and restored after."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    size = page.viewport_size or {"width": 1440, "height": 900}
    height = page.evaluate(
        """() => Math.max(document.documentElement.scrollHeight,
             ...[...document.querySelectorAll('[data-testid="stMain"], [data-testid="stSidebarContent"]')]
                .map(e => e.scrollHeight))"""
    )
    try:
        if height > size["height"]:
            page.set_viewport_size({"width": size["width"], "height": min(int(height), 16_000)})
            _next_paint(page)
        page.wait_for_function(_DOM_IDLE)
        page.screenshot(path=str(path), full_page=True, animations="disabled", caret="hide")
    finally:
        page.set_viewport_size(size)
    return path


def save_committed_shot(page: Page, path: Path, max_changed_pixels: int = 200) -> Path:
    """Viewport PNG for a committed file (README): rewritten only when the picture really changed, so
    anti-aliasing jitter between runs does not leave every engineer with a modified binary."""
    page.add_style_tag(content=_STILL_CSS)
    page.wait_for_function(_DOM_IDLE)
    _next_paint(page)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path.parent.mkdir(parents=True, exist_ok=True)
    fresh = ARTIFACTS / f"committed-{path.name}"
    page.screenshot(path=str(fresh), animations="disabled", caret="hide")
    if path.exists():
        with Image.open(path) as old, Image.open(fresh) as new:
            same_size = old.size == new.size
            diff = ImageChops.difference(old.convert("RGB"), new.convert("RGB")) if same_size else None
            changed = sum(diff.convert("L").histogram()[1:]) if diff is not None else None
        if changed is not None and changed <= max_changed_pixels:
            fresh.unlink()
            return path
    fresh.replace(path)
    return path
