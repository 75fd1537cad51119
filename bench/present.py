"""大屏模式 numbers: slide script times (AppTest, warm caches) and the one-page briefing's build and export.

    python -m bench.present --url sqlite:////tmp/x.db [--runs 3] [--district 罗湖区]

Without --url a demo-scale store is built in a temporary directory. The deck's time is an AppTest full
run of app.py on 大屏模式, which draws all five slides (they then turn in the browser, with no server
run; a tick redraws only the title bar); "warm" is the median of `runs` after the first. Export times are vl-convert on the composed
page, after one warm-up conversion (vl-convert starts its JS engine on the first call).
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from pathlib import Path

from bench.common import ROOT, build_store


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--url")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--district", default="罗湖区")
    args = ap.parse_args()
    if args.url is None:
        path = Path(tempfile.mkdtemp()) / "demo.db"
        build_store(path, "demo")
        args.url = f"sqlite:///{path}"
    url = args.url
    os.environ["DATABASE_URL"] = url

    import tests.conftest  # noqa: F401 - AppTest patched like the real server
    from streamlit.testing.v1 import AppTest

    from components.present import deck as present

    # every slide is drawn on each run (the browser shows one at a time), so one run is the whole deck
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=300)
    at.query_params.update({"present": "1", "district": args.district, "interval": "600"})
    t0 = time.perf_counter()
    at.run()
    first = time.perf_counter() - t0
    times = []
    for _ in range(args.runs):
        t0 = time.perf_counter()
        at.run()
        times.append(time.perf_counter() - t0)
    assert not at.exception, at.exception
    print(f"all {len(present.SLIDES)} slides   first {first:6.2f} s   warm median {statistics.median(times):5.2f} s")

    from components import loaders
    from components.loaders import present as present_loaders
    from components.present import briefing, slides as present_slides
    from components.shell import filters
    from models.access import FULL

    f = filters.Filters(args.district, None, max(loaders.rating_years()), loaders.resolve_area(args.district, None).area)
    t0 = time.perf_counter()
    data = present_loaders.briefing(FULL, f.area, f.year)
    spec = briefing.compose(
        title="bench", subtitle="bench", demo="示例数据", metrics=present_slides.overview_metrics(data.overview),
        map_chart=briefing.outline_map(data.located, district=f.district, title="map"),
        parts=present_slides.briefing_parts(f, data),
    ).to_dict()
    print(f"briefing spec ({briefing.part_count(spec)} tiles) {time.perf_counter() - t0:6.2f} s (caches warm)")
    briefing.export(spec, "png")
    for fmt in ("png", "pdf"):
        t0 = time.perf_counter()
        data = briefing.export(spec, fmt)
        print(f"briefing {fmt} {len(data) / 1024:7.0f} KiB {time.perf_counter() - t0:6.2f} s")


if __name__ == "__main__":
    main()
