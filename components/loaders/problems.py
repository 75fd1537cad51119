"""The area's problems as counts: one read model for 总览's problem list, the written briefing and the wall's
ticker; the 问题清单 (components/loaders/alerts.py) lists the same out-of-reach communities (out_of_reach).

Each count comes from the loader of the page that lists the items, with that page's rule: uncovered towers
(楼宇覆盖, models.rules.is_tower / covered_in), communities with no centre within the default radius
(阵地地图, models.coverage), 软弱涣散 organisations under rectification and grade D (支部评级). A problem
carries the page that shows its items and the page options (codes) that open it there, so every list
links the same way. Add a kind by adding a Problem here; the views render whatever is listed.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import pandas as pd

from components import loaders
from components.loaders import buildings as bl
from components.loaders import centres as cl
from components.loaders import ratings as rl
from models.access import Scope, hides_small_in
from models.area import Area
from models.coverage import DEFAULT_RADIUS_M
from models.vocab import CENTRE_TIERS, TOWER_MIN_FLOORS

TOWER_KIND = "tower"  # 商务楼宇, the kind the leaders ask about first
TOP_ITEMS = 5  # the most urgent named items of the 问题清单 总览 shows (the page lists them all)


@dataclass(frozen=True)
class Problem:
    code: str  # uncovered_towers | out_of_reach | weak_open | grade_d
    count: int | None  # None: the area has nothing to count it on (no towers, no grades this year)
    page: str  # the page key that lists the items (buildings, centres, ratings)
    options: tuple[tuple[str, str], ...] = ()  # URL page options (codes) that open the list there
    small: bool = False  # 1 or 2 organisations (towers) outside the viewer's detail area: shown as "<3"

    @property
    def open(self) -> bool:
        return bool(self.count)


@dataclass(frozen=True)
class Problems:
    items: tuple[Problem, ...]
    radius_m: int  # the reach radius the out-of-reach count uses

    def count(self, code: str) -> int:
        return next((int(p.count or 0) for p in self.items if p.code == code), 0)

    def small(self, code: str) -> bool:
        return any(p.small for p in self.items if p.code == code)


def out_of_reach(scope: Scope, area: Area, year: int) -> pd.DataFrame:
    """The area's communities with no centre of any tier within DEFAULT_RADIUS_M in `year` (阵地地图's gap
    list, models.coverage): the one frame 总览's count, the briefing, the ticker and the 问题清单 read."""
    gaps = cl.gaps(scope, area, year, CENTRE_TIERS, DEFAULT_RADIUS_M, communities_only=True)
    return gaps[gaps["kind"] == "community"].reset_index(drop=True)


def problems(scope: Scope, area: Area, year: int) -> Problems:
    """The four problem counts of the area and year (each loader below is cached)."""
    towers = bl.coverage_figures(scope, area, year, TOWER_KIND, TOWER_MIN_FLOORS).summary
    reach = out_of_reach(scope, area, year)
    graded = year in loaders.rating_years()
    kpis = rl.summary(scope, area, year, None).kpis if graded else None
    uncovered = towers.buildings - towers.covered if towers.buildings else None
    items = (
        Problem("uncovered_towers", uncovered, "buildings", (("buildings.kind", TOWER_KIND),)),
        Problem("out_of_reach", len(reach), "centres"),
        Problem("weak_open", int(kpis.weak_open.now or 0) if kpis else None, "ratings", (("ratings.tab", "register"),)),
        Problem("grade_d", int(kpis.d_count.now or 0) if kpis else None, "ratings", (("ratings.tab", "distribution"),)),
    )
    # A count of organisations (towers) with a problem is an aggregate over those: 1 or 2 are withheld
    # outside the viewer's detail area (models.access). Communities out of reach are public places.
    # So is any count over fewer than 3 towers or graded organisations (all covered, none D, ...).
    # (支部评级's KPIs come withheld already when fewer than 3 organisations are graded: `small`.)
    grades_small = bool(kpis and kpis.graded.small)
    items = tuple(replace(p, small=True) if (p.code == "uncovered_towers" and (
        hides_small_in(scope, area, p.count) or hides_small_in(scope, area, towers.buildings))) or (
        p.code in ("weak_open", "grade_d") and (grades_small or hides_small_in(scope, area, p.count))) else p
                  for p in items)
    return Problems(items, DEFAULT_RADIUS_M)
