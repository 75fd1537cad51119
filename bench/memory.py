"""Peak memory of the real server with several browser sessions open at once.

Starts `python app.py` (tests/browser/harness.start_server: headless, a free local port, no file
watcher) on the given store, opens `sessions` Playwright contexts in Debian's chromium with every
non-local request blocked, and walks all of them through every page together: each step starts the
page load in every context first and only then waits for each, so the server runs the sessions'
scripts concurrently and holds all their session state. The peak is VmHWM from /proc of the server
process and of any children it started.
"""

from __future__ import annotations

import os
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path

from bench.common import ROOT


@dataclass(frozen=True)
class Peak:
    server_kb: int  # VmHWM of the server process
    children_kb: int  # sum of the VmHWM of its descendants (0 when it starts none)
    rss_after_kb: int  # VmRSS of the server once every session has seen every page
    pages: int
    sessions: int
    blocked: int  # requests to other hosts that were aborted (should be 0)


def _status_kb(pid: int, field: str) -> int:
    text = Path(f"/proc/{pid}/status").read_text()
    match = re.search(rf"^{field}:\s+(\d+) kB", text, re.M)
    return int(match.group(1)) if match else 0


def _descendants(pid: int) -> list[int]:
    out, todo = [], [pid]
    while todo:
        current = todo.pop()
        for task in Path(f"/proc/{current}/task").glob("*"):
            try:
                kids = [int(k) for k in (task / "children").read_text().split()]
            except OSError:
                continue
            out.extend(kids)
            todo.extend(kids)
    return out


def page_paths() -> list[str]:
    """URL paths of every page in app.py's PAGES, in menu order."""
    return re.findall(r'st\.Page\("[^"]+",[^\n]*?url_path="([^"]+)"', (ROOT / "app.py").read_text(encoding="utf-8"))


def peak_rss(database_url: str, *, sessions: int = 5) -> Peak:
    from playwright.sync_api import sync_playwright

    from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS, VIEWPORT
    from tests.browser.harness import _TRACKERS, offline_page, start_server, wait_for_runs

    if not CHROMIUM.exists():
        raise FileNotFoundError(f"{CHROMIUM} is missing: apt-get install -y chromium fonts-noto-cjk")
    server = start_server(database_url, Path(tempfile.mkdtemp(prefix="bench-server-")))
    blocked: list[str] = []
    paths = page_paths()
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
            pages = []
            for _ in range(sessions):
                page = offline_page(browser, blocked, viewport=VIEWPORT, timeout_ms=120_000)
                pages.append(page)
            for path in paths:
                before = [_TRACKERS[p].finished for p in pages]
                for page in pages:  # all sessions ask at once ...
                    page.goto(f"{server.url}/{path}", wait_until="commit")
                for page, n in zip(pages, before, strict=True):  # ... then each waits for its page
                    wait_for_runs(page, n, timeout_ms=180_000)
            rss_after = _status_kb(server.process.pid, "VmRSS")
            server_kb = _status_kb(server.process.pid, "VmHWM")
            children = sum(_status_kb(pid, "VmHWM") for pid in _descendants(server.process.pid)
                           if Path(f"/proc/{pid}").exists())
            browser.close()
    finally:
        server.stop()
    return Peak(server_kb, children, rss_after, len(paths), sessions, len(blocked))


if __name__ == "__main__":
    print(peak_rss(os.environ["DATABASE_URL"]))
