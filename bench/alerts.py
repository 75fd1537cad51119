"""The problem list (问题清单) at a store's scale: its loader cold (caches cleared: every query runs) and warm,
for the city and for one district. Part of `python -m bench` (demo scale and the 1M synthetic store); alone:

    python -m bench.alerts [--url sqlite:////path/store.db | --orgs 1000000] [--runs 5]

Without --url it uses the cached synthetic store of `--orgs` organisations (bench/stores.py; built when
missing). "Today" is the stores' as-of date 2025-12-31, so both stores list the same kind of items.
"""

from __future__ import annotations

import argparse
import os
from datetime import date

from bench.common import median_timed
from bench.report import Row, Target
from models.access import FULL

COLD_MS, WARM_MS = 1500.0, 150.0
TODAY = date(2025, 12, 31)


def _timed(fn, runs: int) -> tuple[float, float]:
    """(median wall ms, median process CPU ms)."""
    wall, cpu = median_timed(fn, runs)
    return wall * 1000, cpu * 1000


def alert_rows(url: str, label: str, runs: int = 3) -> list[Row]:
    import streamlit as st

    from components import loaders
    from components.loaders import alerts as al
    from components.loaders import centres as cl
    from models.queries.common import CITY

    os.environ["DATABASE_URL"] = url
    st.cache_resource.clear()
    st.cache_data.clear()
    now = al.Today(TODAY, "as_of")
    district = loaders.resolve_area(loaders.district_names()[0], None).area
    rows = []
    for name, area in (("city", CITY), ("a district", district)):
        def cold(area=area):
            al.alert_data.clear()
            cl.reach.clear()  # communities out of reach: 阵地地图's nearest-centre measure, shared with 总览
            cl.gaps.clear()
            return al.alert_data(FULL, area, now)

        data = cold()
        wall, cpu = _timed(cold, runs)
        rows.append(Row("problem list", f"{name}: counts + items, cold (every query)", label, cpu, "ms",
                        Target("<=", COLD_MS), note=f"CPU; wall {wall:.0f} ms; {int(data.counts['n'].sum()):,} items "
                        f"counted, {len(data.items):,} listed"))
        wall, cpu = _timed(lambda area=area: al.alert_data(FULL, area, now), runs)
        rows.append(Row("problem list", f"{name}: warm (cached loader)", label, wall, "ms", Target("<=", WARM_MS),
                        note=f"CPU {cpu:.1f} ms"))
    return rows


def main() -> None:
    from bench.report import markdown
    from bench.runner import _quiet_streamlit
    from bench.stores import synthetic_store

    parser = argparse.ArgumentParser(prog="python -m bench.alerts")
    parser.add_argument("--url")
    parser.add_argument("--orgs", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    _quiet_streamlit()
    if args.url:
        url, label = args.url, "store"
    else:
        path, _ = synthetic_store(args.orgs)
        url, label = f"sqlite:///{path}", "1M" if args.orgs == 1_000_000 else f"{args.orgs:,} orgs"
    print(markdown(alert_rows(url, label, args.runs)))


if __name__ == "__main__":
    main()
