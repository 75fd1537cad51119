"""Organisation tree: query time of one drill step for each tree representation, at two sizes.

    python -m bench.orgs [--out DIR] [--orgs 1000000] [--samples 6] [--repeat 7] [--skip-synthetic]

A drill step is what the 组织架构 page asks the store for when it opens a node: the node by code, its
breadcrumb, its children with their subtree aggregates (members, organisations below, centres,
buildings) and latest grade, and the node card (subtree totals by level, grade history, own centres,
map points, region positions). Representations:
  rollup     the app: materialised path for the breadcrumb, OrgRollup for the subtree sums
  path       materialised path only: subtree sums over one index range per child, on read
  adjacency  parent_id only: recursive CTEs down (sums) and up (breadcrumb)
  closure    a closure table (ancestor, descendant, depth), built here for the comparison
Stores: the demo generator at `shenzhen` scale, and a synthetic store of --orgs organisations
(bench/orgs_synthetic.py). Times are medians over --repeat runs per node (one run when a run takes
more than a second), then the median and the worst over the sampled nodes of each level; wall time,
and in brackets this process's CPU time (what the wall time is on an idle machine).
"""

from __future__ import annotations

import argparse
import gc
import os
import random
import statistics
import sqlite3
import tempfile
import time
from pathlib import Path

import pandas as pd
from sqlalchemy import text
from sqlmodel import Session

from bench import orgs_synthetic
from bench.common import build_store
from models.access import FULL
from models import org_rollup
from models.db import make_engine
from models.queries import orgs as q
from models.vocab import MEMBER_HOLDING_TYPES, ORG_LEVELS

REPS = ("rollup", "path", "adjacency", "closure")
LEVELS = ("city", "district", "street", "community", "grid", "building", "household", "unit")
HOLDING = "(" + ", ".join(f"'{t}'" for t in MEMBER_HOLDING_TYPES) + ")"
GRADE = """(SELECT {col} FROM rating WHERE org_id = c.id AND year <= :year ORDER BY year DESC LIMIT 1)"""
CHILD_COLS = f"""c.id, c.code, c.name, c.level, c.org_type, c.category, c.kind,
  CASE WHEN c.level = 'unit' THEN c.category ELSE 'territorial' END AS "group",
  a.members, a.orgs_below, COALESCE(sc.n, 0) AS centres, COALESCE(b.n, 0) AS buildings,
  {GRADE.format(col='grade')} AS grade, {GRADE.format(col='year')} AS grade_year"""

ADJ_CHILDREN = f"""
WITH RECURSIVE sub(root, id) AS (
  SELECT id, id FROM partyorg WHERE parent_id = :org
  UNION ALL SELECT sub.root, o.id FROM partyorg o JOIN sub ON o.parent_id = sub.id)
SELECT {CHILD_COLS} FROM partyorg c
JOIN (SELECT sub.root, SUM(CASE WHEN o.org_type IN {HOLDING} OR o.id = sub.root THEN o.members ELSE 0 END) AS members,
             COUNT(*) - 1 AS orgs_below FROM sub JOIN partyorg o ON o.id = sub.id GROUP BY sub.root) a ON a.root = c.id
LEFT JOIN (SELECT sub.root, COUNT(*) AS n FROM sub JOIN servicecenter s ON s.org_id = sub.id GROUP BY sub.root) sc
  ON sc.root = c.id
LEFT JOIN (SELECT sub.root, COUNT(*) AS n FROM sub JOIN building x ON x.org_id = sub.id GROUP BY sub.root) b
  ON b.root = c.id
ORDER BY c.id"""
ADJ_TOTALS = f"""
WITH RECURSIVE sub(id) AS (SELECT :id UNION ALL SELECT o.id FROM partyorg o JOIN sub ON o.parent_id = sub.id)
SELECT o.level, COUNT(*) - SUM(o.id = :id) AS n,
       SUM(CASE WHEN o.org_type IN {HOLDING} OR o.id = :id THEN o.members ELSE 0 END) AS members,
       (SELECT COUNT(*) FROM sub JOIN servicecenter s ON s.org_id = sub.id) AS centres,
       (SELECT COUNT(*) FROM sub JOIN building x ON x.org_id = sub.id) AS buildings
FROM sub JOIN partyorg o ON o.id = sub.id GROUP BY o.level"""
ADJ_ANCESTORS = """
WITH RECURSIVE up(id) AS (SELECT :id UNION ALL
  SELECT o.parent_id FROM partyorg o JOIN up ON o.id = up.id WHERE o.parent_id IS NOT NULL)
SELECT o.id, o.code, o.name, o.level, o.district_id, o.street_id FROM up JOIN partyorg o ON o.id = up.id
ORDER BY o.depth"""

KIDS = "SELECT id FROM partyorg WHERE parent_id = :org"
CLO_CHILDREN = f"""
SELECT {CHILD_COLS} FROM partyorg c
JOIN (SELECT cl.ancestor AS root, COUNT(*) - 1 AS orgs_below,
             SUM(CASE WHEN o.org_type IN {HOLDING} OR o.id = cl.ancestor THEN o.members ELSE 0 END) AS members
      FROM bench_closure cl JOIN partyorg o ON o.id = cl.descendant
      WHERE cl.ancestor IN ({KIDS}) GROUP BY cl.ancestor) a ON a.root = c.id
LEFT JOIN (SELECT cl.ancestor AS root, COUNT(*) AS n FROM servicecenter s JOIN bench_closure cl ON cl.descendant = s.org_id
           WHERE cl.ancestor IN ({KIDS}) GROUP BY cl.ancestor) sc ON sc.root = c.id
LEFT JOIN (SELECT cl.ancestor AS root, COUNT(*) AS n FROM building x JOIN bench_closure cl ON cl.descendant = x.org_id
           WHERE cl.ancestor IN ({KIDS}) GROUP BY cl.ancestor) b ON b.root = c.id
WHERE c.parent_id = :org ORDER BY c.id"""
CLO_TOTALS = f"""
SELECT o.level, COUNT(*) - SUM(o.id = :id) AS n,
       SUM(CASE WHEN o.org_type IN {HOLDING} OR o.id = :id THEN o.members ELSE 0 END) AS members,
       (SELECT COUNT(*) FROM servicecenter s JOIN bench_closure cl ON cl.descendant = s.org_id WHERE cl.ancestor = :id),
       (SELECT COUNT(*) FROM building x JOIN bench_closure cl ON cl.descendant = x.org_id WHERE cl.ancestor = :id)
FROM bench_closure cl JOIN partyorg o ON o.id = cl.descendant WHERE cl.ancestor = :id GROUP BY o.level"""
CLO_ANCESTORS = """
SELECT o.id, o.code, o.name, o.level, o.district_id, o.street_id FROM bench_closure cl
JOIN partyorg o ON o.id = cl.ancestor WHERE cl.descendant = :id ORDER BY o.depth"""


def add_closure(path: Path) -> tuple[float, int]:
    """The closure table of the store's tree, built one depth at a time; seconds and rows."""
    started = time.perf_counter()
    con = sqlite3.connect(path)
    con.executescript("""
        DROP TABLE IF EXISTS bench_closure;
        CREATE TABLE bench_closure (ancestor INTEGER NOT NULL, descendant INTEGER NOT NULL, depth INTEGER NOT NULL,
                                    PRIMARY KEY (ancestor, descendant)) WITHOUT ROWID;
        INSERT INTO bench_closure SELECT id, id, 0 FROM partyorg;
        CREATE INDEX ix_bench_closure_descendant ON bench_closure (descendant);""")
    max_depth = con.execute("SELECT MAX(depth) FROM partyorg").fetchone()[0]
    with con:
        for depth in range(1, max_depth + 1):
            con.execute("INSERT INTO bench_closure SELECT cl.ancestor, o.id, cl.depth + 1 FROM partyorg o "
                        "JOIN bench_closure cl ON cl.descendant = o.parent_id WHERE o.depth = ?", (depth,))
    rows = con.execute("SELECT COUNT(*) FROM bench_closure").fetchone()[0]
    con.close()
    return time.perf_counter() - started, rows


def table_mb(path: Path, *names: str) -> float | None:
    con = sqlite3.connect(path)
    try:
        pages = con.execute(f"SELECT SUM(pgsize) FROM dbstat WHERE name IN ({', '.join('?' * len(names))})",
                            names).fetchone()[0]
    except sqlite3.OperationalError:  # SQLite built without dbstat
        return None
    finally:
        con.close()
    return (pages or 0) / 1e6


def _df(session: Session, sql: str, **params) -> pd.DataFrame:
    result = session.execute(text(sql), params)
    return pd.DataFrame([tuple(r) for r in result], columns=list(result.keys()))


def _totals(rows: pd.DataFrame) -> q.Totals:
    below = {lvl: int(n) for lvl, n in zip(rows["level"], rows["n"], strict=True) if n}
    below = dict(sorted(below.items(), key=lambda kv: ORG_LEVELS.index(kv[0])))
    first = rows.iloc[0]
    return q.Totals(int(rows["members"].sum()), sum(below.values()), int(first.iloc[3]), int(first.iloc[4]), below)


def drill_step(session: Session, rep: str, code: str, year: int) -> tuple:
    """Everything one drill step asks the store for; the parts that differ by representation come back."""
    node = q.node(session, scope=FULL, code=code)
    if rep in ("rollup", "path"):
        trail = q.ancestors(session, scope=FULL, node=node)
        kids = q.children(session, scope=FULL, org_id=node.id, year=year, rollup=rep == "rollup")
        totals = q.totals(session, scope=FULL, node=node, rollup=rep == "rollup")
    elif rep == "adjacency":
        trail = _df(session, ADJ_ANCESTORS, id=node.id)
        kids = _df(session, ADJ_CHILDREN, org=node.id, year=year)
        totals = _totals(_df(session, ADJ_TOTALS, id=node.id))
    else:
        trail = _df(session, CLO_ANCESTORS, id=node.id)
        kids = _df(session, CLO_CHILDREN, org=node.id, year=year)
        totals = _totals(_df(session, CLO_TOTALS, id=node.id))
    q.grade_history(session, scope=FULL, org_id=node.id)
    q.own_centres(session, scope=FULL, org_id=node.id)
    q.map_points(session, scope=FULL, node=node)
    q.region_point(session, scope=FULL, region_id=node.region_id)
    q.region_point(session, scope=FULL, region_id=node.district_id)
    return trail["code"].tolist(), kids.sort_values("id").reset_index(drop=True), totals


def sample_codes(session: Session, per_level: int) -> dict[str, list[str]]:
    rng = random.Random(2026)
    out = {}
    for level in LEVELS:
        codes = list(session.execute(text("SELECT code FROM partyorg WHERE level = :l ORDER BY id"), {"l": level}).scalars())
        out[level] = rng.sample(codes, min(per_level, len(codes)))
    return out


def time_step(session: Session, rep: str, code: str, year: int, repeat: int) -> tuple[float, float]:
    """Median wall and CPU milliseconds over `repeat` runs (after a warm-up run; one run when slow).

    CPU time is this process's own: on a machine shared with other work it is what the wall time
    would be without them (the queries read SQLite pages from memory, so they are CPU-bound).
    """
    started, started_cpu = time.perf_counter(), time.process_time()
    drill_step(session, rep, code, year)
    first, first_cpu = time.perf_counter() - started, time.process_time() - started_cpu
    if first > 1.0:
        return first * 1000, first_cpu * 1000
    wall, cpu = [], []
    for _ in range(repeat):
        started, started_cpu = time.perf_counter(), time.process_time()
        drill_step(session, rep, code, year)
        wall.append(time.perf_counter() - started)
        cpu.append(time.process_time() - started_cpu)
    return statistics.median(wall) * 1000, statistics.median(cpu) * 1000


def measure(path: Path, *, samples: int, repeat: int, say=print) -> dict[tuple[str, str], tuple[float, float]]:
    engine = make_engine(f"sqlite:///{path}")
    results = {}
    with Session(engine) as session:
        assert org_rollup.is_fresh(session), "OrgRollup does not match the store"
        started = time.perf_counter()
        org_rollup.is_fresh(session)
        say(f"  freshness check (once per cache period, not per step): {(time.perf_counter() - started) * 1000:.0f} ms")
        year = int(session.execute(text("SELECT MAX(year) FROM rating")).scalar())
        codes = sample_codes(session, samples)
        for level, level_codes in codes.items():
            reference = drill_step(session, "rollup", level_codes[0], year)
            for rep in REPS:  # every representation must give the app's answer before it is timed
                got = drill_step(session, rep, level_codes[0], year)
                assert got[0] == reference[0] and got[2] == reference[2], (rep, level)
                assert got[1].equals(reference[1]), (rep, level)
            for rep in REPS:
                gc.collect()  # garbage of the slow representations is not charged to the next one
                wall, cpu = zip(*(time_step(session, rep, code, year, repeat) for code in level_codes), strict=True)
                results[(level, rep)] = (statistics.median(wall), max(wall), statistics.median(cpu), max(cpu))
            say(f"  {level:<10}" + "".join(f"{rep} {results[(level, rep)][0]:8.1f} ms  " for rep in REPS))
    engine.dispose()
    return results


def report(name: str, results: dict, budget_ms: float, load: tuple[float, float]) -> None:
    print(f"\n### {name}: one drill step in ms, wall (CPU), median over sampled nodes / worst node; "
          f"budget {budget_ms:.0f} ms; load average {load[0]:.1f} before, {load[1]:.1f} after on {os.cpu_count()} CPUs")
    print("| level | " + " | ".join(REPS) + " |")
    print("|---|" + "---:|" * len(REPS))
    for level in LEVELS:
        cells = []
        for rep in REPS:
            med, worst, cpu_med, cpu_worst = results[(level, rep)]
            flag = "" if worst <= budget_ms else " ✗"
            cells.append(f"{med:.1f} / {worst:.1f}{flag} ({cpu_med:.1f} / {cpu_worst:.1f})")
        print(f"| {level} | " + " | ".join(cells) + " |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path(tempfile.gettempdir()) / "bench-orgs")
    parser.add_argument("--orgs", type=int, default=1_000_000)
    parser.add_argument("--samples", type=int, default=6, help="nodes sampled per level")
    parser.add_argument("--repeat", type=int, default=7, help="runs per node (median)")
    parser.add_argument("--skip-synthetic", action="store_true")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)

    stores = []
    path = args.out / "shenzhen.db"
    print(f"building shenzhen scale at {path}")
    seconds, size = build_store(path, "shenzhen")
    print(f"  {seconds:.1f} s, {size / 1e6:.0f} MB")
    stores.append(("shenzhen scale", path, 20.0))
    if not args.skip_synthetic:
        path = args.out / "synthetic.db"
        print(f"building {args.orgs:,} synthetic organisations at {path}")
        orgs_synthetic.build(path, args.orgs, say=print)
        stores.append((f"{args.orgs:,} organisations", path, 50.0))
    measured = []
    for name, path, budget in stores:
        seconds, rows = add_closure(path)
        n = sqlite3.connect(path).execute("SELECT COUNT(*) FROM partyorg").fetchone()[0]
        print(f"{name}: {n:,} organisations; closure table {rows:,} rows built in {seconds:.1f} s "
              f"({table_mb(path, 'bench_closure', 'ix_bench_closure_descendant') or 0:.0f} MB), "
              f"OrgRollup {table_mb(path, 'orgrollup') or 0:.1f} MB")
        before = os.getloadavg()[0]
        results = measure(path, samples=args.samples, repeat=args.repeat)
        measured.append((name, results, budget, (before, os.getloadavg()[0])))
    for name, results, budget, load in measured:
        report(name, results, budget, load)


if __name__ == "__main__":
    main()
