"""What a restart costs the first visitor, and what each new browser session costs the server.

Starts the real server (`python app.py`, tests/browser/harness.start_server) on a store and reads the
server's CPU time (utime + stime of the process and the children it waited for, from /proc) at three
moments: when /_stcore/health first answers, when the first browser session has the default page drawn
(every run finished, the DOM idle: harness.wait_for_runs), and after each of `sessions` more sessions
opened one after another on the warm server. CPU is what counts on a shared 2-core machine: wall time
also waits for the browser and for other work.
"""

from __future__ import annotations

import os
import statistics
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

_TICK = os.sysconf("SC_CLK_TCK")


def process_cpu_s(pid: int) -> float:
    """utime + stime (+ waited-for children) of a process so far, in seconds."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return sum(int(v) for v in fields[11:15]) / _TICK


@dataclass(frozen=True)
class Startup:
    health_cpu_s: float  # server CPU from process start until /_stcore/health said ok
    first_cpu_s: float  # ... until the first session had the default page drawn
    first_wall_s: float  # wall time from process start to that point
    session_cpu_s: list[float]  # server CPU of each further new session (default page drawn)
    session_wall_s: list[float]
    session_runs: list[int]  # script runs each of those sessions started (1: no duplicate rerun)
    first_visits: dict[str, tuple[int, float]]  # page path -> (script runs, server CPU s) of a new session on it
    background_cpu_s: float = 0.0  # server CPU after the first view until quiet (the deferred integrity check)


VISITED = ("/centres", "/buildings", "/present")
QUIET_CPU_S, QUIET_SPAN_S, QUIET_LIMIT_S = 0.03, 1.0, 120.0


def settle(pid: int, *, spans: int = 2) -> float:
    """Wait until the server has used (almost) no CPU for `spans` seconds in a row: the background work the
    first view lets start (components/shell/bootstrap.py: the whole-file integrity check, a few seconds after
    the first page is drawn) must not be counted as a later session's. Returns the seconds waited."""
    started, quiet = time.monotonic(), 0
    while quiet < spans and time.monotonic() - started < QUIET_LIMIT_S:
        before = process_cpu_s(pid)
        time.sleep(QUIET_SPAN_S)
        quiet = quiet + 1 if process_cpu_s(pid) - before < QUIET_CPU_S else 0
    return time.monotonic() - started  # the other pages with a map or a component; "/" is measured above


def measure(database_url: str, *, sessions: int = 5, path: str = "/", idle_s: float = 2.0,
            visits: tuple[str, ...] = VISITED) -> Startup:
    from playwright.sync_api import sync_playwright

    from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS, VIEWPORT
    from tests.browser.harness import _TRACKERS, offline_page, open_app, start_server, wait_for_runs

    def visit(server, browser, blocked, where: str) -> tuple[int, float, float]:
        """(script runs, server CPU s, wall s) of a new session on `where`, a late rerun included."""
        time.sleep(idle_s)  # let background work of the previous session (if any) settle
        settle(server.process.pid)
        before, wall = process_cpu_s(server.process.pid), time.perf_counter()
        page = offline_page(browser, blocked, viewport=VIEWPORT, timeout_ms=180_000)
        open_app(page, server.url, where)
        page.wait_for_timeout(1000)  # a map reports its value 250 ms after drawing: a rerun would start by now
        runs = _TRACKERS[page].started
        if _TRACKERS[page].running:  # a late rerun: its cost belongs to this session
            wait_for_runs(page, _TRACKERS[page].finished - 1)
        result = runs, process_cpu_s(server.process.pid) - before, time.perf_counter() - wall - 1.0
        page.context.close()
        return result

    if not CHROMIUM.exists():
        raise FileNotFoundError(f"{CHROMIUM} is missing: apt-get install -y chromium fonts-noto-cjk")
    with sync_playwright() as pw:  # the browser is up before the server starts: its start is not counted
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        blocked: list[str] = []
        started = time.perf_counter()
        server = start_server(database_url, Path(tempfile.mkdtemp(prefix="bench-start-")), timeout=180)
        try:
            pid = server.process.pid
            health_cpu = process_cpu_s(pid)
            page = offline_page(browser, blocked, viewport=VIEWPORT, timeout_ms=180_000)
            open_app(page, server.url, path)
            first_cpu, first_wall = process_cpu_s(pid), time.perf_counter() - started
            page.context.close()
            time.sleep(idle_s + 5.0)  # the integrity check starts ~5 s after the first view (bootstrap.py)
            settle(pid)
            background_cpu = process_cpu_s(pid) - first_cpu
            cpus, walls, runs = [], [], []
            for _ in range(sessions):
                n, cpu, wall = visit(server, browser, blocked, path)
                runs.append(n)
                cpus.append(cpu)
                walls.append(wall)
            first_visits = {}
            for where in visits:
                n, cpu, _ = visit(server, browser, blocked, where)
                first_visits[where] = (n, cpu)
        finally:
            server.stop()
            browser.close()
    return Startup(health_cpu, first_cpu, first_wall, cpus, walls, runs, first_visits, background_cpu)


def rows(database_url: str, label: str, *, first_target_s: float, session_target_s: float | None,
         sessions: int = 5) -> list:
    from bench.report import Row, Target

    try:
        s = measure(database_url, sessions=sessions)
    except Exception as exc:  # noqa: BLE001 - a missing browser must not lose the other rows
        note = f"not measured: {type(exc).__name__}: {str(exc)[:200]}"
        return [Row("server start", "first visit after start, server CPU", label, None, "s", note=note)]
    out = [
        Row("server start", "first visit after start, server CPU (process start to default page drawn)", label,
            s.first_cpu_s, "s", Target("<=", first_target_s),
            note=f"wall {s.first_wall_s:.1f} s; CPU until /_stcore/health ok {s.health_cpu_s:.1f} s"),
        Row("server start", "background work after the first view, server CPU (integrity check, until quiet)", label,
            s.background_cpu_s, "s", note="off the visitors' path: starts ~5 s after the first page is drawn"),
        Row("server start", f"new session on a warm server, server CPU (median of {len(s.session_cpu_s)})", label,
            statistics.median(s.session_cpu_s), "s",
            Target("<=", session_target_s) if session_target_s is not None else None,
            note=f"wall median {statistics.median(s.session_wall_s):.2f} s; max CPU {max(s.session_cpu_s):.2f} s"),
        Row("server start", f"script runs of a new session's first load, / (max of {len(s.session_runs)})", label,
            max(s.session_runs), "runs", Target("<=", 1)),
    ]
    for where, (runs, cpu) in s.first_visits.items():
        out.append(Row("server start", f"script runs of a new session's first load, {where}", label, runs, "runs",
                       Target("<=", 1), note=f"server CPU {cpu:.2f} s"))
    return out
