"""The one benchmark command: every number the scale issue asks for, in one table with targets.

    python -m bench [--quick] [--no-browser] [--out bench/results] [--orgs 1000000]

What it measures (see README, "Benchmarks"):
- seeding time and database size of the demo and `shenzhen` stores (built fresh);
- per page of app.py's PAGES at `shenzhen` scale: AppTest script time cold (caches cleared) and warm
  (median of 5 reruns, with the script's CPU time beside it), the bytes st_folium sends for its map,
  the naive baseline of the page's work (bench/naive.py, median of 3) and naive / ours;
- the 组织架构 drill step, the coverage table and the rating aggregates at `shenzhen` scale and on the
  synthetic store of 1,000,000 organisations / 200,000 buildings / 5 years of grades (bench/stores.py
  caches it in bench/.cache/);
- peak RSS of the real server with 5 browser sessions walking every page (bench/memory.py).
--quick: 2 warm reruns, 1 naive run, fewer drill samples, no 1M store (a smoke run, not numbers to quote).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path

from bench import report, tabs
from bench.alerts import alert_rows
from bench.common import ROOT, build_store, page_files, page_name  # noqa: F401  (page_files, page_name: tests)
from bench.common import median_timed as _median_timed
from bench.common import ms as _ms
from bench.common import quiet_streamlit as _quiet_streamlit
from bench.pages import page_rows
from bench.report import Row, Target
from models.access import FULL

DRILL_MS = {"shenzhen": 20.0, "1M": 50.0}
FIRST_VISIT_S = {"shenzhen": 3.0, "1M": 5.0}  # server CPU from process start to the default page drawn
SESSION_S = 0.5  # server CPU of a new browser session on a warm server


@dataclass(frozen=True)
class Config:
    seed_scales: tuple[str, ...] = ("demo", "shenzhen")
    scale: str = "shenzhen"  # the store the page, naive, drill, coverage and rating rows run on
    pages: tuple[str, ...] | None = None  # page files; None: every page in app.py's PAGES
    runs: int = 5
    naive_runs: int = 3
    drill_samples: int = 3
    drill_repeat: int = 5
    big_orgs: int | None = 1_000_000  # None: skip the synthetic store
    browser: bool = True
    sections: tuple[str, ...] = ("seed", "pages", "drill", "big", "big-pages", "start", "memory")
    sessions: int = 5
    work: Path = field(default_factory=lambda: Path(tempfile.gettempdir()) / "bench-stores")

    def quick(self) -> Config:
        return replace(self, runs=2, naive_runs=1, drill_samples=1, drill_repeat=2, big_orgs=None)


# ---------------------------------------------------------------- drill step, coverage, rating aggregates


def drill_rows(path: Path, label: str, budget_ms: float, cfg: Config) -> list[Row]:
    from sqlmodel import Session

    from bench import orgs as bench_orgs
    from models.db import make_engine

    engine = make_engine(f"sqlite:///{path}")
    per_node = []
    with Session(engine) as s:
        year = int(s.execute(bench_orgs.text("SELECT MAX(year) FROM rating")).scalar())
        for level, codes in bench_orgs.sample_codes(s, cfg.drill_samples).items():
            for code in codes:
                wall, cpu = bench_orgs.time_step(s, "rollup", code, year, cfg.drill_repeat)
                per_node.append((wall, cpu, level))
    engine.dispose()
    worst = max(per_node)
    return [Row("orgs drill step", f"worst sampled node (median of {cfg.drill_repeat})", label, worst[0], "ms",
                Target("<=", budget_ms),
                note=f"{len(per_node)} nodes over 8 levels; worst at {worst[2]} (CPU {worst[1]:.1f} ms); "
                     f"median node {statistics.median(w for w, _, _ in per_node):.1f} ms")]


def probe_row(url: str, label: str) -> Row:
    """The store probe (models.db.check_store: PRAGMA quick_check, schema, a count) the router runs once per
    server process before the first page: the first visitor after a start waits for it on top of a cold load."""
    from models.db import check_store

    wall, cpu = time.perf_counter(), time.process_time()
    state = check_store(url).state
    return Row("server start", "store probe, once per process (check_store)", label,
               _ms(time.perf_counter() - wall), "ms", note=f"CPU {_ms(time.process_time() - cpu):.0f} ms; state {state}")


def loader_rows(url: str, label: str, cfg: Config) -> list[Row]:
    """The coverage table and the rating aggregates through the app's loaders, caches cleared each time."""
    import streamlit as st

    from components import loaders
    from components.loaders import centres as cl
    from components.loaders import ratings as rl
    from models.queries.common import CITY
    from models.vocab import CENTRE_TIERS

    os.environ["DATABASE_URL"] = url
    st.cache_resource.clear()
    st.cache_data.clear()
    if hasattr(loaders, "mark_verified"):  # what start-up does in the app: check the rollups once, thoroughly
        from models import rollups

        with loaders.session() as s:
            if rollups.is_fresh(s, thorough=True):
                loaders.mark_verified(url)
    year = max(loaders.rating_years())

    def coverage_cold():
        st.cache_data.clear()
        return cl.coverage_table(FULL, CITY, year, CENTRE_TIERS, 1000, "street")

    streets = len(coverage_cold())
    cold, cold_cpu = _median_timed(coverage_cold, cfg.drill_repeat)

    def coverage_radius():  # the distances cached, a radius not seen before: what moving the slider costs
        cl.coverage_table.clear()
        return cl.coverage_table(FULL, CITY, year, CENTRE_TIERS, 1500, "street")

    warm, warm_cpu = _median_timed(coverage_radius, cfg.drill_repeat)

    def aggregates():
        st.cache_data.clear()
        rl.summary(FULL, CITY, year, None)
        rl.trend(FULL, CITY, None)
        rl.ranking(FULL, CITY, year, None)

    agg, agg_cpu = _median_timed(aggregates, cfg.drill_repeat)
    return [
        Row("coverage", f"{streets}-street table, cold (nearest distances + table)", label, _ms(cold), "ms",
            note=f"CPU {_ms(cold_cpu):.0f} ms; city, all tiers, 1,000 m"),
        Row("coverage", "street table for a new radius (distances cached)", label, _ms(warm), "ms",
            note=f"CPU {_ms(warm_cpu):.0f} ms"),
        Row("ratings aggregates", "summary + trend + ranking, uncached", label, _ms(agg), "ms",
            note=f"CPU {_ms(agg_cpu):.0f} ms; city, latest year {year}"),
    ]


# ---------------------------------------------------------------- the run


def machine_header(command: str, load_before: str) -> list[str]:
    def run(*args: str) -> str:
        try:
            return subprocess.run(args, cwd=ROOT, capture_output=True, text=True, timeout=10).stdout.strip()
        except OSError:
            return "?"

    dirty = " (uncommitted changes)" if run("git", "status", "--porcelain", "--untracked-files=no") else ""
    return [
        "# Benchmark run",
        "",
        f"- command: `{command}`",
        f"- finished: {datetime.now(UTC):%Y-%m-%d %H:%M} UTC; commit {run('git', 'rev-parse', '--short', 'HEAD')}{dirty}",
        f"- machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}; other work may share it, so the load:",
        f"  - `uptime` before: {load_before}",
        f"  - `uptime` after:  {run('uptime')}",
        "- page times are AppTest runs of app.py (patched like the real server, tests/conftest.py); "
        "warm = reruns with the loaders' caches filled; script CPU is the script thread's CPU time, "
        "what the wall time would be on an idle machine",
    ]


SECTIONS = ("seed", "pages", "drill", "big", "big-pages", "start", "memory")


def collect(cfg: Config, say=print) -> list[Row]:
    _quiet_streamlit()
    cfg.work.mkdir(parents=True, exist_ok=True)
    want = set(cfg.sections)
    rows: list[Row] = []
    stores: dict[str, Path] = {}
    for scale in cfg.seed_scales:
        path = cfg.work / f"{scale}.db"
        stores[scale] = path
        if "seed" not in want and path.exists():
            continue
        say(f"seeding {scale}")
        seconds, size = build_store(path, scale)
        rows.append(Row("seeding", "seed time", scale, seconds, "s"))
        rows.append(Row("seeding", "database size", scale, size / 1e6, "MB"))
    if cfg.scale not in stores:
        stores[cfg.scale] = cfg.work / f"{cfg.scale}.db"
        build_store(stores[cfg.scale], cfg.scale)
    main_path = stores[cfg.scale]
    url = f"sqlite:///{main_path}"

    if "start" in want and cfg.browser:  # first: a server start on a file no other process has read yet
        from bench import startup

        say(f"first visit after a server start, new sessions ({cfg.scale})")
        rows += startup.rows(url, cfg.scale, first_target_s=FIRST_VISIT_S[cfg.scale if cfg.scale in FIRST_VISIT_S
                                                                            else "shenzhen"],
                             session_target_s=SESSION_S, sessions=cfg.sessions)
    if "pages" in want:
        rows.append(probe_row(url, cfg.scale))
        say(f"pages at {cfg.scale} scale")
        rows += page_rows(url, cfg, say) + tabs.tab_rows(url, cfg, say)
    if "drill" in want:
        say("drill step, coverage, rating aggregates")
        rows += drill_rows(main_path, cfg.scale, DRILL_MS.get(cfg.scale, DRILL_MS["shenzhen"]), cfg)
        rows += loader_rows(url, cfg.scale, cfg)
        rows += alert_rows(url, cfg.scale, cfg.drill_repeat)

    if cfg.big_orgs and want & {"big", "big-pages"}:
        from bench.stores import synthetic_store

        label = "1M" if cfg.big_orgs == 1_000_000 else f"{cfg.big_orgs:,} orgs"
        started = time.perf_counter()
        big, built = synthetic_store(cfg.big_orgs, say=say)
        big_url = f"sqlite:///{big}"
        rows.append(Row("seeding", "synthetic store build" if built else "synthetic store (cached)", label,
                        time.perf_counter() - started if built else None, "s",
                        note=f"{big.name}, {big.stat().st_size / 1e6:.0f} MB; 200,000 buildings, 5 years of grades"))
        if "big" in want:
            say(f"drill step, coverage, rating aggregates on {big.name}")
            rows.append(probe_row(big_url, label))
            rows += drill_rows(big, label, DRILL_MS["1M"], cfg)
            rows += loader_rows(big_url, label, cfg)
            rows += alert_rows(big_url, label, cfg.drill_repeat)
            from bench import rollups as bench_rollups

            rows += bench_rollups.rows(big_url, label)
        if "big-pages" in want:
            say(f"pages on {big.name}")
            rows += page_rows(big_url, cfg, say, scale=label, naive_baseline=False)
        if "start" in want and cfg.browser:
            from bench import startup

            say(f"first visit after a server start ({label})")
            rows += startup.rows(big_url, label, first_target_s=FIRST_VISIT_S["1M"], session_target_s=None,
                                 sessions=2)

    if "memory" in want and cfg.browser:
        from bench.memory import peak_rss

        say(f"server memory with {cfg.sessions} browser sessions")
        try:
            peak = peak_rss(url, sessions=cfg.sessions)
        except Exception as exc:  # noqa: BLE001 - a missing browser must not lose the other rows
            rows.append(Row("memory", f"server peak RSS, {cfg.sessions} browser sessions", cfg.scale, None, "MB",
                            note=f"not measured: {type(exc).__name__}: {str(exc)[:200]}"))
        else:
            rows.append(Row("memory", f"server peak RSS (VmHWM), {peak.sessions} sessions x {peak.pages} pages",
                            cfg.scale, peak.server_kb / 1024, "MB",
                            note=f"RSS after the walk {peak.rss_after_kb / 1024:.0f} MB; children "
                                 f"{peak.children_kb / 1024:.0f} MB; blocked external requests {peak.blocked}"))
    return rows


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="smoke run: fewer repeats, no 1M store")
    parser.add_argument("--no-browser", action="store_true", help="skip the server memory row (needs chromium)")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results", help="where the tables go")
    parser.add_argument("--orgs", type=int, default=1_000_000, help="organisations in the synthetic store")
    parser.add_argument("--scale", default="shenzhen", help=argparse.SUPPRESS)  # tests: a tiny store
    parser.add_argument("--pages", nargs="*", help=argparse.SUPPRESS)
    parser.add_argument("--only", nargs="*", choices=SECTIONS, default=None,
                        help="run only these sections (seeded stores already in --work are reused)")
    parser.add_argument("--work", type=Path, default=Config().work, help="where the seeded stores are built")
    args = parser.parse_args(argv)
    cfg = Config(big_orgs=args.orgs, browser=not args.no_browser, scale=args.scale,
                 seed_scales=tuple(dict.fromkeys(("demo", args.scale))),
                 pages=tuple(args.pages) if args.pages else None, work=args.work,
                 sections=tuple(args.only) if args.only else SECTIONS)
    if args.quick:
        cfg = cfg.quick()
    command = "python -m bench" + "".join(f" {a}" for a in (argv if argv is not None else sys.argv[1:]))
    load_before = subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip()
    rows = collect(cfg, say=lambda m: print(m, file=sys.stderr, flush=True))
    stamp = f"{datetime.now(UTC):%Y%m%dT%H%M%SZ}"
    md, csv_path = report.write(rows, args.out, stamp, machine_header(command, load_before))
    print(md.read_text(encoding="utf-8"))
    print(f"written: {md.relative_to(ROOT) if md.is_relative_to(ROOT) else md}, {csv_path.name}, latest.md, latest.csv")
