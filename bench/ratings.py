"""Quality-grade numbers: what indicator scores add to seeding, SQL aggregate times, warm page script time.

    python -m bench.ratings [--url sqlite:////tmp/sz.db] [--runs 5] [--seeding]

Without --url a fresh shenzhen-scale store is built in a temporary directory. --seeding also builds demo
and shenzhen stores with and without indicator scores and prints what they add. Page times are AppTest
runs of app.py (patched like the real server, see tests/conftest.py); "warm" is the median of `runs`
reruns after the first, i.e. with the loaders' caches filled, which is what a user changing a widget
waits for; "CPU" is the process time of those reruns, the figure to trust when other work shares the
machine. SQL times are the query functions themselves (no cache), median of `runs` after one warm-up.
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from pathlib import Path

from bench.common import ROOT, build_store

PAGE = "pages/ratings.py"
TABS = ("distribution", "trend", "transitions", "ranking", "register", "org")
AREAS = (("city", None, None), ("罗湖区", "罗湖区", None), ("南湾街道", "龙岗区", "南湾街道"))


def seeding(out: Path) -> None:
    from data.demo import ratings as demo_ratings

    rows = []
    for scale in ("demo", "shenzhen"):
        full = build_store(out / f"{scale}-ind.db", scale)
        kept = demo_ratings.INDICATOR_YEARS
        demo_ratings.INDICATOR_YEARS = ()
        try:
            bare = build_store(out / f"{scale}-bare.db", scale)
        finally:
            demo_ratings.INDICATOR_YEARS = kept
        rows.append((scale, bare, full))
    print("| scale | seeding s without indicators | with | added s | db MB without | with | added MB |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for scale, (s0, b0), (s1, b1) in rows:
        print(f"| {scale} | {s0:.1f} | {s1:.1f} | {s1 - s0:+.1f} | {b0 / 1e6:.1f} | {b1 / 1e6:.1f} | {(b1 - b0) / 1e6:+.1f} |")


def sql_times(url: str, runs: int) -> None:
    from sqlalchemy import func, select
    from sqlmodel import Session

    from models.db import make_engine
    from models.queries import rating_orgs, ratings, regions
    from models.tables import Rating

    engine = make_engine(url)
    with Session(engine) as s:
        year = regions.rating_years(s, scope=FULL)[-1]
        n_ratings, n_graded = s.execute(select(func.count(), func.count(Rating.org_id.distinct()))).one()
        print(f"\nstore: {n_ratings:,} grades of {n_graded:,} organisations, latest year {year}\n")
        print("| query | " + " | ".join(a for a, _, _ in AREAS) + " |")
        print("|---|" + "---:|" * len(AREAS))
        areas = [regions.resolve_area(s, scope=FULL, district=d, street=st).area for _, d, st in AREAS]
        org = int(rating_orgs.org_choices(s, scope=FULL, area=areas[0], year=year, limit=1)["org_id"].iloc[0])
        queries = {
            "kpis": lambda a: ratings.kpis(s, scope=FULL, area=a, year=year),
            "by_category": lambda a: ratings.by_category(s, scope=FULL, area=a, year=year),
            "by_region": lambda a: ratings.by_region(s, scope=FULL, area=a, year=year),
            "transitions": lambda a: ratings.transitions(s, scope=FULL, area=a, year=year),
            "trend (all years)": lambda a: ratings.trend(s, scope=FULL, area=a),
            "ranking": lambda a: ratings.ranking(s, scope=FULL, area=a, year=year),
            "weak_register": lambda a: rating_orgs.weak_register(s, scope=FULL, area=a, year=year),
            "transition_orgs B→A": lambda a: rating_orgs.transition_orgs(s, scope=FULL, area=a, year=year, prev_grade="B", grade="A"),
            "org_choices (200)": lambda a: rating_orgs.org_choices(s, scope=FULL, area=a, year=year),
            "one organisation": lambda a: (rating_orgs.org_card(s, scope=FULL, org_id=org), rating_orgs.org_history(s, scope=FULL, org_id=org),
                                           rating_orgs.org_indicators(s, scope=FULL, org_id=org, year=year)),
        }
        for name, run in queries.items():
            cells = []
            for area in areas:
                run(area)
                times = []
                for _ in range(runs):
                    started = time.perf_counter()
                    run(area)
                    times.append(time.perf_counter() - started)
                cells.append(f"{statistics.median(times) * 1000:.1f} ms")
            print(f"| {name} | " + " | ".join(cells) + " |")
    engine.dispose()


def page_times(url: str, runs: int) -> None:
    import streamlit as st

    import tests.conftest  # noqa: F401  (AppTest patched to behave like the real server)
    from streamlit.testing.v1 import AppTest

    from components.ui.i18n import ZH

    os.environ["DATABASE_URL"] = url
    print("\n| view | tab | cold ms | warm ms (median) | warm max ms | warm CPU ms (median) |")
    print("|---|---|---:|---:|---:|---:|")
    for label, district, street in AREAS:
        st.cache_data.clear()
        st.cache_resource.clear()
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=180)
        at.query_params.update({k: v for k, v in (("district", district), ("street", street)) if v})
        at.run()
        at.switch_page(PAGE)
        for tab in TABS:
            at.session_state["ratings.tab"] = ZH[f"ratings.tab_{tab}"]
            started = time.perf_counter()
            at.run()
            if tab == "org":  # the weakest organisation of the area, as a user would open first
                first = at.selectbox(key="ratings.org")
                assert first.options, "no organisation to open"
                at = first.select(_first_option_id(at)).run()
            cold = time.perf_counter() - started
            assert not at.exception, at.exception
            warm, cpu = [], []
            for _ in range(runs):
                started, cpu_started = time.perf_counter(), time.process_time()
                at.run()
                warm.append(time.perf_counter() - started)
                cpu.append(time.process_time() - cpu_started)
            assert not at.exception, at.exception
            print(f"| {label} | {tab} | {cold * 1000:.0f} | {statistics.median(warm) * 1000:.0f} | "
                  f"{max(warm) * 1000:.0f} | {statistics.median(cpu) * 1000:.0f} |")


def _first_option_id(at) -> int:
    from components.loaders import ratings as rl

    f = at.session_state["filters.current"]
    return int(rl.org_choices(FULL, f.area, f.year, None, "", None)["org_id"].iloc[0])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--url", default=None, help="an existing shenzhen-scale store (default: build one)")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--seeding", action="store_true", help="also measure what indicator scores add to seeding")
    args = parser.parse_args()
    out = Path(tempfile.mkdtemp(prefix="bench-ratings-"))
    if args.seeding:
        seeding(out)
    url = args.url
    if url is None:
        path = out / "shenzhen.db"
        seconds, size = build_store(path, "shenzhen")
        print(f"\nshenzhen store built in {seconds:.1f} s, {size / 1e6:.1f} MB")
        url = f"sqlite:///{path}"
    sql_times(url, args.runs)
    page_times(url, args.runs)


if __name__ == "__main__":
    main()
