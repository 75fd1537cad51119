"""Page rows of the benchmark: AppTest runs of app.py on one page, cold (data caches cleared) and warm.

Cold is the page's first load with the data caches empty (a first visitor, or one after the TTL) in a
server that is up; warm is the median of reruns. Both give wall time and the script thread's CPU time.
"""

from __future__ import annotations

import os
import statistics
import threading
import time
from dataclasses import dataclass

from bench.common import ROOT, median_timed, ms, page_files, page_name, quiet_streamlit
from bench.report import Row, Target

PAGE_WARM_MS, PAGE_COLD_MS, NAIVE_RATIO = 150.0, 1500.0, 5.0


# ---------------------------------------------------------------- pages (AppTest)


class _PayloadMeter:
    """Counts what st_folium hands its component (script, header, html, layer strings, asset links)."""

    def __init__(self) -> None:
        self.sizes: list[int] = []

    def __enter__(self):
        import streamlit_folium

        self._module, self._original = streamlit_folium, streamlit_folium._component_func
        meter = self

        def counting(**kwargs):
            meter.sizes.append(sum(len(v.encode()) for v in kwargs.values() if isinstance(v, str))
                               + sum(len(str(v).encode()) for v in kwargs.values() if isinstance(v, list)))
            return meter._original(**kwargs)

        streamlit_folium._component_func = counting
        return self

    def __exit__(self, *exc) -> None:
        self._module._component_func = self._original


@dataclass(frozen=True)
class PageTimes:
    cold_s: float
    cold_cpu_s: float
    warm_s: float
    warm_cpu_s: float  # CPU time of the script thread: what warm would be on an idle machine
    map_bytes: int | None  # st_folium payload of the page's map(s); None: no map on the page


_opened: set[str] = set()


def _settle(url: str) -> None:
    """Wait for the start-up work the router leaves to a background thread (components/shell/bootstrap.py:
    integrity check, stale rollups, warm-up), as a server that is up has done: cold is a first visitor
    after the cache TTL or a write, not after a start (bench/startup.py measures that)."""
    try:
        from components.shell import bootstrap
    except ImportError:
        return
    checks = getattr(bootstrap, "_checks", None)
    if checks is not None:
        checks(url).done.wait(900)


def page_times(url: str, file: str, runs: int, state: dict | None = None) -> PageTimes:
    import streamlit as st

    import tests.conftest  # noqa: F401  (AppTest patched to behave like the real server)
    from streamlit.testing.v1 import AppTest

    os.environ["DATABASE_URL"] = url
    if url not in _opened:  # import the app's modules and open the store once, so a cold time is neither
        AppTest.from_file(str(ROOT / "app.py"), default_timeout=300).run()
        _opened.add(url)
        quiet_streamlit()
        _settle(url)
    cpu: list[float] = []
    original = threading.Thread.run

    def timed(self, *args, **kwargs):  # AppTest runs the script in a thread of its own
        begin = time.thread_time()
        try:
            return original(self, *args, **kwargs)
        finally:
            cpu.append(time.thread_time() - begin)

    # Cold: the page's first load with the data caches empty (a first visitor, or one after the TTL), in a
    # server that is up: the engine and the once-per-process store probe stay (see probe_row).
    st.cache_data.clear()
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=300)
    wall: list[float] = []
    warm_cpu: list[float] = []
    threading.Thread.run = timed
    try:
        for key, value in (state or {}).items():  # a tab opened first (bench/tabs.py)
            at.session_state[key] = value
        started = time.perf_counter()
        at.switch_page(file).run()
        cold = time.perf_counter() - started
        cold_cpu = sum(cpu)
        cpu.clear()
        if at.exception:
            raise RuntimeError(f"{file}: {at.exception}")
        with _PayloadMeter() as meter:
            for _ in range(runs):
                meter.sizes.clear()
                cpu.clear()
                started = time.perf_counter()
                at.run()
                wall.append(time.perf_counter() - started)
                warm_cpu.append(sum(cpu))  # every thread the rerun ran (a rerun may start more than one)
    finally:
        threading.Thread.run = original
    if at.exception:
        raise RuntimeError(f"{file}: {at.exception}")
    return PageTimes(cold, cold_cpu, statistics.median(wall), statistics.median(warm_cpu),
                     sum(meter.sizes) if meter.sizes else None)


def page_rows(url: str, cfg, say, *, scale: str | None = None, naive_baseline: bool = True) -> list[Row]:
    """Cold and warm rows of every page on the store at `url`. The targets hold the script's CPU time (the
    issue's targets are CPU on 2 cores; wall time, in the note, also waits for whatever else runs)."""
    from bench import naive

    scale = scale or cfg.scale
    rows = []
    for file in cfg.pages or page_files():
        name = page_name(file)
        section = f"page {name}"
        say(f"  {section} ({scale})")
        try:
            p = page_times(url, file, cfg.runs)
        except Exception as exc:  # noqa: BLE001 - one failing page must not lose the other rows
            rows.append(Row(section, "cold first load", scale, None, "ms", note=f"failed: {str(exc)[:200]}"))
            continue
        rows.append(Row(section, "cold first load, script CPU (AppTest, data caches cleared)", scale,
                        ms(p.cold_cpu_s), "ms", Target("<=", PAGE_COLD_MS), note=f"wall {ms(p.cold_s):.0f} ms"))
        rows.append(Row(section, f"warm rerun, script CPU (median of {cfg.runs})", scale, ms(p.warm_cpu_s), "ms",
                        Target("<=", PAGE_WARM_MS), note=f"wall {ms(p.warm_s):.0f} ms"))
        if p.map_bytes is not None:
            rows.append(Row(section, "map payload (st_folium)", scale, p.map_bytes / 1024, "KiB"))
        if not naive_baseline:
            continue
        work = naive.PAGES.get(name)
        if work is None:
            rows.append(Row(section, "naive / ours (warm)", scale, None, "x", Target(">=", NAIVE_RATIO),
                            note="no naive version in bench/naive.py"))
            continue
        naive_s, _ = median_timed(lambda work=work: work(url), cfg.naive_runs)
        rows.append(Row(section, f"naive baseline (median of {cfg.naive_runs})", scale, ms(naive_s), "ms",
                        note=f"bench/naive.py:{name}"))
        rows.append(Row(section, "naive / ours (warm wall)", scale, naive_s / p.warm_s, "x", Target(">=", NAIVE_RATIO)))
    return rows
