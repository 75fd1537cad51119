"""Loaders of 大屏模式: what each slide and the one-page briefing show, from the pages' own loaders.

Only the current slide's data is loaded on a timed rerun; every piece comes from the cached loader
the page of the same figure uses, so a slide can never show a figure of its own.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from components import loaders
from components.loaders import alerts as al
from components.loaders import buildings as bl
from components.loaders import centres as cl
from components.loaders import overview as ol
from components.loaders import ratings as rl
from components.loaders import problems as problem_counts
from data.briefing import Facts, RegionFigures
from models.access import Scope
from models.area import Area
from models.queries.overview import Pair
from models.rules import comparison_level
from models.vocab import CENTRE_TIERS, TOWER_MIN_FLOORS
from models import rules

KIND = "tower"  # the building kind leaders ask about first (商务楼宇)


@dataclass(frozen=True)
class MapSlide:
    kpis: cl.Kpis
    located: pd.DataFrame
    seats: pd.DataFrame
    streets: tuple[cl.StreetArea, ...] = ()  # the selected district's street areas (imported or 示意)


@dataclass(frozen=True)
class Focus:
    """The street a focus slide is about: the selected one, else the one with the lowest A share."""

    street: str
    area: Area
    district_area: Area  # the street's district, to compare the street with its neighbours
    selected: bool
    a_share: float | None


@dataclass(frozen=True)
class FocusSlide:
    focus: Focus
    overview: ol.OverviewData
    grades_by_region: pd.DataFrame
    district_towers: bl.CoverageFigures


@dataclass(frozen=True)
class Briefing:
    overview: ol.OverviewData
    towers: bl.CoverageFigures
    ratings: rl.RatingSummary | None
    located: pd.DataFrame


def towers(scope: Scope, area: Area, year: int) -> bl.CoverageFigures:
    return bl.coverage_figures(scope, area, year, KIND, TOWER_MIN_FLOORS)


def graded(year: int) -> bool:
    return year in loaders.rating_years()


def focus(scope: Scope, district: str | None, street: str | None, area: Area, year: int) -> Focus | None:
    if street:
        return Focus(street, area, loaders.resolve_area(district, None).area, True, None)
    if not graded(year):
        return None
    ranking = rl.ranking(scope, area, year, None)
    ranking = ranking[~ranking["small"]]  # a withheld region has no share to be the lowest by
    if ranking.empty:
        return None
    worst = ranking.iloc[-1]
    resolved = loaders.resolve_area(district, worst["name"])
    if resolved.area.street_id is None:
        return None
    return Focus(worst["name"], resolved.area, loaders.resolve_area(resolved.district, None).area, False,
                 float(worst["a_share"]))


def slide(name: str, scope: Scope, district: str | None, street: str | None, area: Area, year: int) -> object:
    """The data slide `name` draws (None where there is nothing to show)."""
    if name == "overview":
        return ol.overview_data(scope, area, year)
    if name == "map":
        streets = cl.street_areas(area.district_id) if area.district_id is not None else ()
        return MapSlide(cl.kpis(scope, area, year, CENTRE_TIERS), cl.centre_list(scope, area, year, CENTRE_TIERS).located,
                        cl.community_seats(scope, area), streets)
    if name == "buildings":
        return towers(scope, area, year)
    if name == "ratings":
        return rl.summary(scope, area, year, None) if graded(year) else None
    if name == "focus":
        target = focus(scope, district, street, area, year)
        if target is None:
            return None
        by_region = rl.summary(scope, target.area, year, None).by_region if graded(year) else pd.DataFrame()
        return FocusSlide(target, ol.overview_data(scope, target.area, year), by_region,
                          towers(scope, target.district_area, year))
    raise KeyError(name)


def briefing(scope: Scope, area: Area, year: int) -> Briefing:
    return Briefing(ol.overview_data(scope, area, year), towers(scope, area, year),
                    rl.summary(scope, area, year, None) if graded(year) else None,
                    cl.centre_list(scope, area, year, CENTRE_TIERS).located)


@dataclass(frozen=True)
class Problem:
    """One line of the area's problem list: the written briefing's 问题清单 and the wall screen's ticker
    read the same lines, so the two never count a problem differently."""

    kind: str  # "uncovered" (towers of 20+ floors), "reach" (communities out of reach), "weak", "d"
    count: int | None  # None: not known for the area (no towers, no grades in the year)
    page: str  # the page that lists them: "buildings", "centres", "ratings"
    small: bool = False  # withheld for the viewer (models.access): shown as "<3"


TICKER_ITEMS = 8  # named items the ticker runs after the counts (the 问题清单 page lists them all)


@dataclass(frozen=True)
class Ticker:
    """What the wall screen's ticker runs: the problem counts, then the 问题清单's red and amber totals and
    its most urgent named items (components.loaders.alerts.top_items, what 总览 lists too)."""

    problems: tuple[Problem, ...]
    top: al.TopItems | None = None

    @property
    def items(self) -> tuple[al.TopItem, ...]:
        return self.top.items if self.top is not None else ()


TICKER_KIND = {"uncovered_towers": "uncovered", "out_of_reach": "reach", "weak_open": "weak", "grade_d": "d"}


def problems(scope: Scope, area: Area, year: int) -> tuple[Problem, ...]:
    """The area's problem counts for the ticker: the ones 总览's list and the briefing show
    (components.loaders.problems, one rule for all three), under the ticker's kind names."""
    return tuple(Problem(TICKER_KIND[p.code], p.count, p.page, p.small)
                 for p in problem_counts.problems(scope, area, year).items)


def ticker(scope: Scope, area: Area, year: int) -> Ticker:
    return Ticker(problems(scope, area, year), al.top_items(scope, area, TICKER_ITEMS))


@dataclass(frozen=True)
class Written:
    """The written briefing's figures (data.briefing.Facts) and the data of its charts."""

    facts: Facts
    data: Briefing
    area: Area


def _level(area: Area) -> str:
    return "street" if area.street_id is not None else "district" if area.district_id is not None else "city"


def _int(pair: Pair) -> int:
    return int(pair.now or 0)


def written(scope: Scope, area: Area, year: int, *, label: str, parent: str | None) -> Written:
    """Every figure of the written briefing, each from the loader of the page that shows it: 总览's headline
    figures and comparison, 楼宇覆盖's tower counts, 支部评级's grade figures, 阵地地图's gap list at the
    default radius. `label` is the area as the sidebar names it, `parent` a street's district."""
    data = briefing(scope, area, year)
    o, summary = data.overview, data.towers.summary
    info = loaders.dataset_info()
    kpis = data.ratings.kpis if data.ratings is not None else None
    found = problem_counts.problems(scope, area, year)  # the problem counts 总览's list shows, one rule for both
    regions = tuple(
        RegionFigures(str(r.name), None if pd.isna(r.a_share) else float(r.a_share),
                      None if pd.isna(r.tower_rate) else float(r.tower_rate), 0 if pd.isna(r.towers) else int(r.towers))
        for r in o.ranking.itertuples(index=False)
    )
    facts = Facts(
        area=label, level=_level(area), parent=parent, year=year, as_of=info.get("as_of", "—"),
        demo=rules.is_demo(info),
        centres=Pair(int(o.centres["now"].sum()), int(o.centres["before"].sum())),
        tiers={str(k): int(n) for k, n in zip(o.centres["tier"], o.centres["now"], strict=True)},
        orgs=o.orgs,
        members=o.members,
        towers=summary.buildings, towers_covered=summary.covered, tower_rate=o.towers,
        graded=_int(kpis.graded) if kpis else 0, a_share=o.a_share,
        d_count=found.count("grade_d"), weak_open=found.count("weak_open"),
        upgrades=_int(kpis.upgrades) if kpis else 0, downgrades=_int(kpis.downgrades) if kpis else 0,
        out_of_reach=found.count("out_of_reach"), radius_m=found.radius_m,
        withheld=frozenset(w for w, code in (("uncovered", "uncovered_towers"), ("weak", "weak_open"), ("d", "grade_d"))
                           if found.small(code)),
        regions_level=comparison_level(area), regions=regions,
    )
    return Written(facts, data, area)
