"""A synthetic store with exactly N Party organisations (default 1,000,000) for bench/orgs.py.

Shaped like the demo's full-detail streets, scaled up: 10 districts × 10 streets × 25 communities ×
10 grids, 5 building groups per grid and 3-6 member households per group, plus non-territorial
organisations (organs and hometown branches under districts; firm branches, tower organisations and
park committees with branches under streets; compound and firm branches under communities) filled up
to N; then buildings nobody covers yet (towers, compounds, parks, markets) up to --buildings (default
200,000, the issue's size). Names are synthetic (合成…); no real data. Written with plain sqlite3 executemany into the app's
schema with its indexes dropped during the load and rebuilt after (several times faster).
"""

from __future__ import annotations

import random
import sqlite3
import time
from datetime import date, timedelta
from pathlib import Path

from models import alerts
from models.db import create_schema, make_engine

DISTRICTS, STREETS, COMMUNITIES, GRIDS, GROUPS = 10, 10, 25, 10, 5
HOUSEHOLDS = (3, 6)
YEARS = (2021, 2022, 2023, 2024, 2025)
HOLDING = ("committee", "general_branch", "branch")
ORG_COLS = ("id", "code", "name", "level", "org_type", "category", "kind", "parent_id", "path", "depth",
            "region_id", "district_id", "street_id", "members", "founded_year", "secretary_age_band",
            "secretary_education", "last_election_on", "term_years", "secretary_vacant_since", "secretary_changed_on",
            "secretary_change")
AS_OF = date(2025, 12, 31)  # terms and vacancies are dated back from it (as the demo's as-of date)


class _Tree:
    def __init__(self, rng: random.Random) -> None:
        self.rng, self.orgs, self.regions = rng, [], []
        self.centres, self.buildings = [], []

    def region(self, code, name, level, parent, district, street) -> int:
        rid = len(self.regions) + 1
        lon, lat = 113.8 + self.rng.random() * 0.6, 22.45 + self.rng.random() * 0.4
        self.regions.append((rid, code, name, level, parent, district, street, 0, lon, lat))
        return rid

    def org(self, parent: tuple | None, code, name, level, org_type, category, kind, region, district, street,
            members=None) -> tuple:
        oid = len(self.orgs) + 1
        path = f"{parent[8] if parent else '/'}{oid}/"
        if members is None:
            members = self.rng.randint(3, 80) if org_type in HOLDING else self.rng.randint(1, 20)
        row = (oid, code, name, level, org_type, category, kind, parent[0] if parent else None, path,
               path.count("/") - 2, region, district, street, members, 2015, "35-44", "bachelor",
               *self.term(level, org_type, category))
        self.orgs.append(row)
        return row

    def term(self, level: str, org_type: str, category: str) -> tuple:
        """last election, term, vacant since, secretary since, how: a term spread evenly (3 % overdue), 1 % vacant."""
        years = alerts.term_years_for(level, org_type, category)
        if years is None:
            return None, None, None, None, None
        back = self.rng.randrange(years * 365 + (200 if self.rng.random() < 0.03 else 0))
        elected = (AS_OF - timedelta(days=back)).isoformat()
        if self.rng.random() < 0.01:
            return elected, years, (AS_OF - timedelta(days=self.rng.randint(1, 200))).isoformat(), None, None
        return elected, years, None, elected, "elected"

    def centre(self, org: tuple, tier: str, region: int, district, street) -> None:
        cid = len(self.centres) + 1
        self.centres.append((cid, f"SC{cid}", f"合成服务中心{cid}", tier, region, district, street, org[0], "", "", 0,
                             113.8 + self.rng.random() * 0.6, 22.45 + self.rng.random() * 0.4))

    def building(self, org: tuple | None, kind: str, region: int, district, street) -> None:
        bid = len(self.buildings) + 1
        self.buildings.append((bid, f"SB{bid}", f"合成楼宇{bid}", kind, self.rng.randint(5, 60), 0, 0, org[0] if org else None,
                               2018 if org else None, region, district, street,
                               113.8 + self.rng.random() * 0.6, 22.45 + self.rng.random() * 0.4))


def generate(n_orgs: int, seed: int = 7, n_buildings: int = 200_000) -> _Tree:
    rng = random.Random(seed)
    tree = _Tree(rng)
    city_r = tree.region("S0", "合成市", "city", None, None, None)
    city = tree.org(None, "S0", "合成市委", "city", "committee", "leadership", "territorial", city_r, None, None, 0)
    tree.centre(city, "city", city_r, None, None)
    streets, communities = [], []
    for d in range(1, DISTRICTS + 1):
        d_r = tree.region(f"S0D{d:02d}", f"合成第{d}区", "district", city_r, None, None)
        dist = tree.org(city, f"S0D{d:02d}", f"合成第{d}区委", "district", "committee", "leadership", "territorial",
                        d_r, d_r, None, 0)
        tree.centre(dist, "district", d_r, d_r, None)
        for i in range(1, 41):
            category, kind = ("organ", "organ") if i <= 30 else ("hometown", "hometown")
            tree.org(dist, f"{dist[1]}-J{i:02d}", f"合成第{d}区第{i}机关党支部", "unit", "branch", category, kind,
                     d_r, d_r, None)
        for s in range(1, STREETS + 1):
            s_r = tree.region(f"{dist[1]}S{s:02d}", f"合成第{d}区第{s}街道", "street", d_r, d_r, None)
            street = tree.org(dist, f"{dist[1]}S{s:02d}", f"合成第{d}区第{s}街道党工委", "street", "committee",
                              "leadership", "territorial", s_r, d_r, s_r, 0)
            tree.centre(street, "street", s_r, d_r, s_r)
            streets.append((street, s_r, d_r))
            for c in range(1, COMMUNITIES + 1):
                c_r = tree.region(f"{street[1]}C{c:02d}", f"{s_r}社区{c}", "community", s_r, d_r, s_r)
                comm = tree.org(street, f"{street[1]}C{c:02d}", f"合成第{d}区第{s}街道第{c}社区党委", "community",
                                "committee", "community", "territorial", c_r, d_r, s_r)
                tree.centre(comm, "community", c_r, d_r, s_r)
                communities.append((comm, c_r, d_r, s_r))
                for g in range(1, GRIDS + 1):
                    g_r = tree.region(f"{comm[1]}G{g:02d}", f"{c_r}网格{g}", "grid", c_r, d_r, s_r)
                    grid = tree.org(comm, f"{comm[1]}G{g:02d}", f"{comm[2]}第{g}网格党支部", "grid", "branch",
                                    "community", "territorial", g_r, d_r, s_r)
                    for b in range(1, GROUPS + 1):
                        grp = tree.org(grid, f"{grid[1]}B{b}", f"{grid[2]}{b}栋党小组", "building", "group",
                                       "community", "territorial", g_r, d_r, s_r)
                        for h in range(1, rng.randint(*HOUSEHOLDS) + 1):
                            tree.org(grp, f"{grp[1]}H{h}", f"{grp[2]}党员中心户{h}", "household", "household",
                                     "community", "territorial", g_r, d_r, s_r)
    _units(tree, n_orgs, streets, communities)
    _uncovered_buildings(tree, n_buildings, communities)
    return tree


def _uncovered_buildings(tree: _Tree, n_buildings: int, communities: list) -> None:
    """Buildings no organisation covers yet, spread over the communities, until there are n_buildings."""
    kinds = ("tower", "tower", "residential", "residential", "park", "market")
    i = 0
    while len(tree.buildings) < n_buildings:
        _, c_r, d_r, s_r = communities[i % len(communities)]
        tree.building(None, kinds[i % len(kinds)], c_r, d_r, s_r)
        i += 1


def _units(tree: _Tree, n_orgs: int, streets: list, communities: list) -> None:
    """Non-territorial organisations, dealt round streets and communities until there are n_orgs."""
    rng = tree.rng
    left = n_orgs - len(tree.orgs)
    if left < 0:
        raise ValueError(f"the territorial chain alone has {len(tree.orgs)} organisations; ask for more")
    per_street = int(left * 0.15) // len(streets)
    for street, s_r, d_r in streets:
        for i in range(1, per_street + 1):
            if len(tree.orgs) >= n_orgs:
                return
            if i % 40 == 0:  # a park committee with its branches
                park = tree.org(street, f"{street[1]}-K{i:04d}", f"{street[2]}第{i}园区党委", "unit", "committee",
                                "two_new", "park_committee", s_r, d_r, s_r, 0)
                tree.building(park, "park", s_r, d_r, s_r)
                tree.centre(park, "park", s_r, d_r, s_r)
                for j in range(1, 6):
                    tree.org(park, f"{park[1]}-B{j}", f"{park[2]}第{j}党支部", "unit", "branch", "two_new",
                             "park_branch", s_r, d_r, s_r)
            elif i % 10 == 0:
                tower = tree.org(street, f"{street[1]}-T{i:04d}", f"{street[2]}第{i}楼宇联合党委", "unit",
                                 "committee", "two_new", "tower_joint", s_r, d_r, s_r)
                tree.building(tower, "tower", s_r, d_r, s_r)
            else:
                tree.org(street, f"{street[1]}-E{i:04d}", f"{street[2]}第{i}非公企业党支部", "unit", "branch",
                         "two_new", "firm_branch", s_r, d_r, s_r)
    i = 0
    while len(tree.orgs) < n_orgs:
        comm, c_r, d_r, s_r = communities[i % len(communities)]
        k = i // len(communities) + 1
        if k % 4 == 0:
            unit = tree.org(comm, f"{comm[1]}-R{k:03d}", f"{comm[2]}第{k}花园小区党支部", "grid", "branch",
                            "community", "compound_branch", c_r, d_r, s_r)
            tree.building(unit, "residential", c_r, d_r, s_r)
        else:
            tree.org(comm, f"{comm[1]}-E{k:03d}", f"{comm[2]}第{k}非公企业党支部", "unit", "branch", "two_new",
                     "firm_branch", c_r, d_r, s_r)
        if rng.random() < 0.05:
            tree.building(None, "tower", c_r, d_r, s_r)
        i += 1


def _ratings(tree: _Tree) -> list[tuple]:
    """Five years of grades for the graded organisations (community, grid, unit; member-holding types)."""
    from models import grading

    rng, rows = tree.rng, []
    for org in tree.orgs:
        if org[4] in HOLDING and org[3] in ("community", "grid", "unit"):
            base = rng.gauss(75, 8)
            for year in YEARS:
                s = round(min(99.0, max(30.0, base + rng.gauss(0, 4))), 1)
                rows.append((org[0], year, s, s, s, grading.composite(s, s, s), grading.grade_for(s), 0))
    return rows


def build(path: Path, n_orgs: int = 1_000_000, *, n_buildings: int = 200_000, say=print) -> dict[str, float]:
    """Write the synthetic store to `path` (replacing it); seconds per phase."""
    from models import org_rollup, rollups

    for extra in ("", "-wal", "-shm"):
        Path(f"{path}{extra}").unlink(missing_ok=True)
    engine = make_engine(f"sqlite:///{path}")
    create_schema(engine)
    engine.dispose()
    times = {}
    started = time.perf_counter()
    tree = generate(n_orgs, n_buildings=n_buildings)
    ratings = _ratings(tree)
    times["generate"] = time.perf_counter() - started
    say(f"  generated {len(tree.orgs):,} organisations, {len(tree.centres):,} centres, "
        f"{len(tree.buildings):,} buildings, {len(ratings):,} grades in {times['generate']:.1f} s")
    started = time.perf_counter()
    con = sqlite3.connect(path)
    con.execute("PRAGMA journal_mode=WAL")
    con.execute("PRAGMA synchronous=OFF")
    indexes = con.execute("SELECT name, sql FROM sqlite_master WHERE type='index' AND sql IS NOT NULL").fetchall()
    for name, _ in indexes:
        con.execute(f'DROP INDEX "{name}"')
    with con:
        con.executemany("INSERT INTO region (id, code, name, level, parent_id, district_id, street_id, official, lon, lat)"
                        " VALUES (?,?,?,?,?,?,?,?,?,?)", tree.regions)
        con.executemany(f"INSERT INTO partyorg ({', '.join(ORG_COLS)}) VALUES ({', '.join('?' * len(ORG_COLS))})",
                        tree.orgs)
        con.executemany("INSERT INTO servicecenter (id, code, name, tier, region_id, district_id, street_id, org_id,"
                        " address, services, open_24h, lon, lat) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)", tree.centres)
        con.executemany("INSERT INTO building (id, code, name, kind, floors, firms, members, org_id, covered_since,"
                        " region_id, district_id, street_id, lon, lat) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                        tree.buildings)
        con.executemany("INSERT INTO rating (org_id, year, score_committee, score_department, score_social,"
                        " composite, grade, weak) VALUES (?,?,?,?,?,?,?,?)", ratings)
        # marked as demo data, so the pages open without a login in the benchmark's page runs
        con.execute("INSERT INTO datasetinfo (key, value) VALUES ('origin', 'demo')")
        con.execute("INSERT INTO datasetinfo (key, value) VALUES ('scale', 'synthetic')")
        con.execute("INSERT INTO datasetinfo (key, value) VALUES ('as_of', ?)", (AS_OF.isoformat(),))
    for _, sql in indexes:
        con.execute(sql)
    con.close()
    times["write"] = time.perf_counter() - started
    say(f"  written in {times['write']:.1f} s")
    engine = make_engine(f"sqlite:///{path}")
    started = time.perf_counter()
    with engine.begin() as conn:
        org_rollup.rebuild(conn)
    times["rollup"] = time.perf_counter() - started
    started = time.perf_counter()
    with engine.begin() as conn:
        rollups.rebuild(conn)
    times["rollups"] = time.perf_counter() - started
    say(f"  aggregate rollups (models.rollups) rebuilt in {times['rollups']:.1f} s")
    engine.dispose()
    say(f"  subtree sums (OrgRollup) rebuilt in {times['rollup']:.1f} s")
    return times
