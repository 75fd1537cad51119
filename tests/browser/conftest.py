"""Browser-test fixtures: the real server on a demo store, Debian's chromium, one context per test.

Fixtures: `browser_store` (URL of a demo store built once), `server_url` (one server for the session),
`browser` (one chromium for the session), `browser_page` -> (page, external) where `external` lists
every blocked request to another host. Helpers live in tests/browser/harness.py:
open_app, rerun_after, choose, sidebar_selectbox, assert_healthy, wait_for_charts, map_frame,
save_artifact, start_server (for a module that needs a fresh server).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

from data import demo
from models.db import make_engine

from .harness import RUNNING, offline_page, start_server

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
    "--disable-features=Translate,OptimizationHints,MediaRouter",
    "--disable-dev-shm-usage",  # small /dev/shm in containers crashes tabs on big pages
    "--font-render-hinting=none",  # same glyph shapes run to run, so screenshots are comparable
]
VIEWPORT = {"width": 1440, "height": 900}


@pytest.fixture(scope="session")
def browser_store(tmp_path_factory) -> str:
    """A demo store of its own, so nothing a browser test does can touch the AppTest store."""
    path = tmp_path_factory.mktemp("browser-store") / "demo.db"
    url = f"sqlite:///{path}"
    engine = make_engine(url)
    demo.build(engine, scale="demo")
    engine.dispose()
    return url


@pytest.fixture(scope="session")
def server_url(browser_store, tmp_path_factory) -> Iterator[str]:
    """Base URL of one real `python app.py` server shared by the session."""
    server = start_server(browser_store, tmp_path_factory.mktemp("server-logs"))
    yield server.url
    server.stop()


@pytest.fixture(scope="session", autouse=True)
def chromium_present() -> None:
    """Fail (never skip) before any store or server is built when the browser is not installed."""
    if not CHROMIUM.exists():
        pytest.fail(
            f"{CHROMIUM} is missing. The browser tests drive Debian's chromium and never download one: "
            "install it with `apt-get install -y chromium fonts-noto-cjk` (do not run `playwright install`).",
            pytrace=False,
        )


@pytest.fixture(scope="session")
def browser(chromium_present) -> Iterator[Browser]:
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture()
def browser_page(browser: Browser) -> Iterator[tuple[Page, list[str]]]:
    """A page in a fresh context; requests to any other host are aborted and listed in `external`."""
    external: list[str] = []
    page = offline_page(browser, external, viewport=VIEWPORT, timeout_ms=30_000)
    try:
        yield page, external
    finally:
        page.context.close()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    """Attach the running servers' logs to a failing browser test: the traceback there is often the cause."""
    report = yield
    if report.failed and item.get_closest_marker("browser"):
        for server in list(RUNNING):
            report.sections.append((f"server {server.url}", server.log_tail()))
    return report
