"""Offline at the server too: a server started with either command, bound to every interface as in a real
deployment, and walked through every page opens no connection and looks up no name off this machine.

The server runs with tests/browser/netaudit/ on PYTHONPATH: its sitecustomize installs a Python audit hook
on socket.connect / socket.getaddrinfo and writes every non-loopback one to a file (with the stack).
What stops them is .streamlit/config.toml (browser.gatherUsageStats, browser.serverAddress: without
it a headless Streamlit asks checkip.amazonaws.com for its external address and opens a UDP socket to
8.8.8.8 for its internal one, streamlit/net_util.py).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from playwright.sync_api import expect

from .harness import open_app, start_server

pytestmark = pytest.mark.browser

NETAUDIT = Path(__file__).resolve().parent / "netaudit"
TITLE = '[data-testid="stHeading"]'
WALK = [
    ("/", TITLE), ("/overview", TITLE), ("/centres", TITLE), ("/buildings", TITLE), ("/orgs?org=P440303", TITLE),
    ("/ratings?year=2024", TITLE), ("/data", TITLE), ("/present", ".st-key-present-slide"), ("/?lang=en", TITLE),
]


@pytest.mark.parametrize("command", ["streamlit-run", "python"])
def test_start_and_a_walk_of_every_page_open_no_outbound_connection(browser_store, browser_page, tmp_path, command):
    page, external = browser_page
    record = tmp_path / "outbound.log"
    record.touch()
    path = os.pathsep.join(p for p in (str(NETAUDIT), os.environ.get("PYTHONPATH", "")) if p)
    server = start_server(browser_store, tmp_path / "logs", command=command, address=None,
                          env_extra={"PYTHONPATH": path, "NETAUDIT_LOG": str(record)})
    try:
        assert "External URL" not in server.stdout.read_text(encoding="utf-8", errors="replace")
        for link, ready in WALK:
            open_app(page, server.url, link, ready=ready)
            expect(page.get_by_test_id("stException")).to_have_count(0)
    finally:
        server.stop()
    assert external == []
    outbound = record.read_text(encoding="utf-8").splitlines()
    assert outbound == [], "the server reached off this machine:\n" + "\n".join(outbound[:20])


def test_the_audit_hook_sees_an_outbound_connect(tmp_path):
    """The hook itself works: a plain process trying to reach a documentation address is recorded."""
    import subprocess
    import sys

    record = tmp_path / "outbound.log"
    code = ("import socket\ns = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)\n"
            "s.connect(('192.0.2.1', 9))\ns.close()\n"
            "t = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)\nt.connect(('127.0.0.1', 9))\nt.close()\n")
    env = {**os.environ, "PYTHONPATH": str(NETAUDIT), "NETAUDIT_LOG": str(record)}
    subprocess.run([sys.executable, "-c", code], env=env, check=True, timeout=60)
    lines = record.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 1 and "192.0.2.1" in lines[0]
