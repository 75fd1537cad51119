"""Building-coverage numbers at `shenzhen` scale: nearest-centre pass, warm page script time, map payload.

    python -m bench.buildings [--url sqlite:////tmp/sz.db] [--runs 5]

Without --url a fresh shenzhen-scale store is built in a temporary directory. Page times are AppTest runs
of app.py (patched like the real server, see tests/conftest.py); "warm" is the median of `runs` reruns
after the first, i.e. with the loaders' caches filled, which is what a user changing a widget waits for.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import tempfile
import time
from pathlib import Path

from bench.common import ROOT, build_store
from models.access import FULL

PAGE = "pages/buildings.py"
VIEWS = (  # (label, sidebar query, kind)
    ("city · towers ≥ 20 floors (default)", {}, "tower"),
    ("罗湖区 · towers ≥ 20 floors", {"district": "罗湖区"}, "tower"),
    ("city · residential compounds (largest list)", {}, "residential"),
    ("南湾街道 · parks", {"street": "南湾街道"}, "park"),
)


def nearest_times(url: str, runs: int) -> tuple[float, float, float, int, int]:
    """(first, median of the rest) seconds of models.queries.buildings.nearest_centres (read + pass), the
    median seconds of the vectorised pass alone, and the numbers of buildings and located centres."""
    import numpy as np
    from sqlalchemy import select
    from sqlmodel import Session

    from models import coverage
    from models.db import make_engine
    from models.queries import buildings
    from models.tables import Building, ServiceCenter

    engine = make_engine(url)
    times, n = [], 0
    for _ in range(runs + 1):
        with Session(engine) as s:
            started = time.perf_counter()
            n = len(buildings.nearest_centres(s, scope=FULL))
            times.append(time.perf_counter() - started)
    with Session(engine) as s:
        b = np.array(s.execute(select(Building.lon, Building.lat)).all(), dtype=float)
        c = np.array(s.execute(select(ServiceCenter.lon, ServiceCenter.lat).where(ServiceCenter.lon.is_not(None))).all(),
                     dtype=float)
    engine.dispose()
    passes = []
    for _ in range(runs):
        started = time.perf_counter()
        coverage.nearest(b[:, 0], b[:, 1], c[:, 0], c[:, 1])
        passes.append(time.perf_counter() - started)
    return times[0], statistics.median(times[1:]), statistics.median(passes), n, len(c)


def page_times(url: str, query: dict, kind: str, runs: int) -> tuple[float, float, float, float]:
    """(cold, warm min, warm median, warm max) seconds of the buildings page for one view."""
    import streamlit as st

    import tests.conftest  # noqa: F401  (AppTest patched to behave like the real server)
    from streamlit.testing.v1 import AppTest

    os.environ["DATABASE_URL"] = url
    st.cache_data.clear()
    st.cache_resource.clear()
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.query_params.update(query)
    started = time.perf_counter()
    at.run()
    at.switch_page(PAGE).run()
    if kind != "tower":
        at.button_group(key="buildings.kind").set_value(kind).run()
    cold = time.perf_counter() - started
    assert not at.exception, at.exception
    warm = []
    for _ in range(runs):
        started = time.perf_counter()
        at.run()
        warm.append(time.perf_counter() - started)
    assert not at.exception, at.exception
    return cold, min(warm), statistics.median(warm), max(warm)


def map_payload(url: str, query: dict, kind: str) -> tuple[int, int]:
    """(circles, bytes) of what st_folium sends for the view's map: script + html + header."""
    from streamlit_folium import _get_header, _get_html, _get_map_string

    from components.buildings import map as building_map, views as building_views
    from components.loaders import buildings as loaders
    from components.loaders import resolve_area
    from models.queries.common import CITY
    from models.vocab import TOWER_MIN_FLOORS

    os.environ["DATABASE_URL"] = url
    area = resolve_area(query.get("district"), query.get("street")).area if query else CITY
    data = loaders.coverage(FULL, area, 2025, kind, TOWER_MIN_FLOORS if kind == "tower" else None)
    shown = building_views.shown(data.buildings, search="", only_gaps=False, radius_m=1000)
    m = building_map.building_map(shown, size_by="firms", kind=kind, basemap="none", district=query.get("district"))
    m.get_root().render()
    parts = (_get_html(m), _get_header(m), _get_map_string(m))
    circles = json.loads(building_map.circle_rows(shown, "firms", "none"))
    return len(circles), sum(len(p.encode()) for p in parts)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--url", help="a shenzhen-scale store (built in a temp dir when omitted)")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    url = args.url
    if url is None:
        path = Path(tempfile.mkdtemp()) / "shenzhen.db"
        seconds, size = build_store(path, "shenzhen")
        print(f"built {path} in {seconds:.1f} s ({size / 1e6:.1f} MB)")
        url = f"sqlite:///{path}"

    first, again, numpy_only, n, centres = nearest_times(url, args.runs)
    print(f"nearest centre for all {n:,} buildings x {centres:,} located centres: read + vectorised pass "
          f"first {first * 1000:.0f} ms, then median {again * 1000:.0f} ms (the pass alone {numpy_only * 1000:.1f} ms); "
          "computed once per store (components.loaders.buildings.nearest_centres), not per rerun")
    print()
    print(f"load average before the page runs: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    print(f"| view | cold ms | warm ms min / median / max of {args.runs} | map circles | map payload KB |")
    print("|---|---:|---:|---:|---:|")
    for label, query, kind in VIEWS:
        cold, best, warm, worst = page_times(url, query, kind, args.runs)
        circles, size = map_payload(url, query, kind)
        print(f"| {label} | {cold * 1000:.0f} | {best * 1000:.0f} / {warm * 1000:.0f} / {worst * 1000:.0f} "
              f"| {circles:,} | {size / 1024:.0f} |")


if __name__ == "__main__":
    main()
