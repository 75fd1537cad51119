"""阵地地图 at `shenzhen` scale: map payload, warm script time, coverage time, and a naive build for comparison.

    python -m bench.centres [--out DIR] [--runs 5]

Builds the shenzhen-scale store into DIR (default: the temp dir), then prints:
- the map payload: the figure HTML (`m.get_root().render()`) and what st_folium sends (script + header + html);
- the page's warm script time (AppTest rerun, median of `runs`), wall clock and the script thread's CPU time
  (CPU time does not count waiting for a shared, busy machine);
- coverage for every street at 300 / 1,000 / 3,000 m, cold (nearest distances computed) and warm;
- the same map built naively (one folium.Marker with an icon per centre, data fetched and coverage
  recomputed on every rerun), and the ratios.
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import threading
import time
from pathlib import Path

from bench.common import ROOT, build_store
from models.access import FULL


def _median_ms(fn, runs: int) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return statistics.median(times) * 1000


def _sent_bytes(m) -> tuple[int, int]:
    """(figure HTML bytes, bytes st_folium sends as script + header + html)."""
    from streamlit_folium import _get_header, _get_html, _get_map_string

    figure = len(m.get_root().render().encode())
    m.render()
    html, header = _get_html(m), _get_header(m)
    return figure, len((_get_map_string(m) + header + html).encode())


def page_run_times(url: str, runs: int) -> tuple[float, float, float]:
    """(cold s, warm wall ms median, warm script-thread CPU ms median) of the centres page."""
    import streamlit as st

    import tests.conftest  # noqa: F401
    from streamlit.testing.v1 import AppTest

    os.environ["DATABASE_URL"] = url
    st.cache_data.clear()
    st.cache_resource.clear()
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    started = time.perf_counter()
    at.switch_page("pages/centres.py").run()
    cold = time.perf_counter() - started
    assert not at.exception, at.exception
    cpu: list[float] = []
    original = threading.Thread.run

    def timed(self, *args, **kwargs):
        begin = time.thread_time()
        try:
            return original(self, *args, **kwargs)
        finally:
            cpu.append(time.thread_time() - begin)

    threading.Thread.run = timed
    try:
        wall = _median_ms(at.run, runs)
    finally:
        threading.Thread.run = original
    assert not at.exception, at.exception
    return cold, wall, statistics.median(cpu) * 1000


def our_map(url: str):
    from components.centres import map as centre_map
    from components.loaders import centres as cl
    from models.queries.common import CITY
    from models.vocab import CENTRE_TIERS

    os.environ["DATABASE_URL"] = url
    located = cl.centre_list(FULL, CITY, 2025, CENTRE_TIERS).located
    gaps = cl.gaps(FULL, CITY, 2025, CENTRE_TIERS, 1000)
    plan = cl.suggestion(FULL, CITY, 2025, CENTRE_TIERS, 1000, 5)
    seats = cl.community_seats(FULL, CITY)

    def build():
        return centre_map.build(located, gaps=gaps, sites=plan.sites, seats=seats, basemap="none", radius_m=1000,
                                show_reach=False, district=None, street=None)

    return build, len(located)


def naive_map(url: str):
    """What a first attempt looks like: query, one Marker + Icon + popup per centre, coverage every time."""
    import folium
    import numpy as np
    from sqlmodel import Session

    from data import geography
    from models.db import make_engine
    from models.geo import haversine_m
    from models.queries import centres as q
    from models.queries.common import CITY

    engine = make_engine(url)

    def build():
        with Session(engine) as s:
            df = q.centres(s, scope=FULL, area=CITY, year=2025)
            targets = q.reach_targets(s, scope=FULL, area=CITY)
        df = df[df["lon"].notna()]
        d = haversine_m(targets["lon"].to_numpy()[:, None], targets["lat"].to_numpy()[:, None],
                        df["lon"].to_numpy()[None, :], df["lat"].to_numpy()[None, :])
        targets["reached"] = np.nanmin(d, axis=1) <= 1000
        m = folium.Map(location=[22.63, 114.2], zoom_start=10)
        folium.GeoJson(geography.district_outlines(), name="区界").add_to(m)
        for row in df.itertuples():
            folium.Marker([row.lat, row.lon], tooltip=row.name, popup=f"{row.name}<br>{row.address}",
                          icon=folium.Icon(color="red" if row.tier in ("city", "district") else "blue")).add_to(m)
        folium.LayerControl().add_to(m)
        return m

    return build


def coverage_times(url: str) -> list[tuple[int, float, float, float, float]]:
    """Per radius: (radius, cold wall ms, cold CPU ms, warm wall ms, warm CPU ms) of the 74-street table.

    Cold starts from the database (queries, nearest distances, grouping); warm is what moving the radius
    slider costs once the distances are cached (the table for a radius not seen before)."""
    import streamlit as st

    from components.loaders import centres as cl
    from models.queries.common import CITY
    from models.vocab import CENTRE_TIERS

    os.environ["DATABASE_URL"] = url
    rows = []
    for radius in (300, 1000, 3000):
        st.cache_data.clear()
        wall, cpu = time.perf_counter(), time.thread_time()
        table = cl.coverage_table(FULL, CITY, 2025, CENTRE_TIERS, radius, "street")
        cold = ((time.perf_counter() - wall) * 1000, (time.thread_time() - cpu) * 1000)
        assert len(table) == 74
        cl.coverage_table.clear()  # keep the nearest distances, recompute the table for this radius
        wall, cpu = time.perf_counter(), time.thread_time()
        cl.coverage_table(FULL, CITY, 2025, CENTRE_TIERS, radius, "street")
        rows.append((radius, *cold, (time.perf_counter() - wall) * 1000, (time.thread_time() - cpu) * 1000))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", type=Path, default=Path(tempfile.gettempdir()) / "bench-stores")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    path = args.out / "shenzhen.db"
    seconds, _ = build_store(path, "shenzhen")
    url = f"sqlite:///{path}"
    print(f"shenzhen-scale store built in {seconds:.1f} s at {path}")

    build, n_centres = our_map(url)
    naive = naive_map(url)
    ours_fig, ours_sent = _sent_bytes(build())
    naive_fig, naive_sent = _sent_bytes(naive())
    ours_ms = _median_ms(lambda: _sent_bytes(build()), args.runs)
    naive_ms = _median_ms(lambda: _sent_bytes(naive()), args.runs)
    print(f"\nmap of {n_centres} located centres (whole city, 1,000 m, 5 suggested sites, gaps layer)")
    print("| build | figure HTML KB | sent by st_folium KB | build + render ms (median) |")
    print("|---|---:|---:|---:|")
    print(f"| ours | {ours_fig / 1024:.0f} | {ours_sent / 1024:.0f} | {ours_ms:.0f} |")
    print(f"| naive | {naive_fig / 1024:.0f} | {naive_sent / 1024:.0f} | {naive_ms:.0f} |")
    print(f"| naive / ours | {naive_fig / ours_fig:.1f}x | {naive_sent / ours_sent:.1f}x | {naive_ms / ours_ms:.1f}x |")

    print("\ncoverage of all 74 streets")
    print("| radius m | cold wall ms | cold CPU ms | warm wall ms | warm CPU ms |")
    print("|---:|---:|---:|---:|---:|")
    for radius, cold, cold_cpu, warm, warm_cpu in coverage_times(url):
        print(f"| {radius:,} | {cold:.0f} | {cold_cpu:.0f} | {warm:.0f} | {warm_cpu:.0f} |")

    cold, wall, cpu = page_run_times(url, args.runs)
    print(f"\npage script: cold {cold * 1000:.0f} ms; warm median of {args.runs}: {wall:.0f} ms wall, "
          f"{cpu:.0f} ms script-thread CPU")
    print("load average (1, 5, 15 min) at the end: " + ", ".join(f"{x:.1f}" for x in os.getloadavg())
          + f" on {os.cpu_count()} CPUs")


if __name__ == "__main__":
    main()
