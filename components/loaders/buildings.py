"""Loaders of the building-coverage page."""

from __future__ import annotations

from dataclasses import dataclass, replace

import pandas as pd

from components.loaders import cached, rollups_fresh, session
from models.access import Scope, hides_small_in, suppress_small
from models.queries import buildings
from models.queries.buildings import BuildingCard, Summary  # read models the page's components render
from models.queries.common import Area


@cached
def nearest_centres(scope: Scope) -> pd.DataFrame:
    """Nearest located centre of every building in the store, indexed by building id.

    Computed once per store (all buildings x all centres in one vectorised pass) and joined to whatever
    the page shows, so changing the area, kind, radius or search never recomputes distances. Used only
    while the stored ones (BuildingNearest, models.rollups) are stale.
    """
    with session() as s:
        return buildings.nearest_centres(s, scope=scope).set_index("building_id")


@dataclass(frozen=True)
class CoverageFigures:
    """The aggregates of an area's buildings of a kind: what 总览, the problem list and 大屏 show."""
    summary: buildings.Summary
    by_region: pd.DataFrame


@dataclass(frozen=True)
class CoverageData(CoverageFigures):
    buildings: pd.DataFrame  # building_list joined with centre_code, centre_name, centre_tier, distance_m


@cached
def coverage_figures(scope: Scope, area: Area, year: int, kind: str, min_floors: int | None) -> CoverageFigures:
    """The summary and the per-subarea table, without the building list (a city holds 200,000 buildings)."""
    with session() as s:
        summary = buildings.coverage_summary(s, scope=scope, area=area, year=year, kind=kind, min_floors=min_floors)
        by_region = buildings.coverage_by_region(s, scope=scope, area=area, year=year, kind=kind, min_floors=min_floors)
    # Figures over 1 or 2 buildings outside the viewer's detail area are withheld (models.access): the
    # summary says `small`, a region row gets NaN and `small` (placed at the area; secondary suppression,
    # since the summary's total is shown).
    if hides_small_in(scope, area, summary.buildings):
        summary = replace(summary, small=True)

    def place(_row: dict) -> tuple[int | None, int | None]:
        return area.district_id, area.street_id

    by_region = suppress_small(by_region, scope, count="buildings", place=place, secondary=True,
                               values=("covered", "uncovered", "firms_covered", "members_covered", "rate"))
    by_region = pd.concat([by_region[~by_region["small"]], by_region[by_region["small"]]], ignore_index=True)
    return CoverageFigures(summary, by_region)


@cached
def coverage(scope: Scope, area: Area, year: int, kind: str, min_floors: int | None) -> CoverageData:
    """The figures and every building listed (楼宇覆盖)."""
    figures = coverage_figures(scope, area, year, kind, min_floors)
    fresh = rollups_fresh()  # the stored nearest centres (models.rollups) match the data
    with session() as s:
        listed = buildings.building_list(s, scope=scope, area=area, year=year, kind=kind, min_floors=min_floors,
                                         nearest=fresh)
    if not fresh:
        listed = listed.merge(nearest_centres(scope), left_on="id", right_index=True, how="left")
    return CoverageData(figures.summary, figures.by_region, listed)


@cached
def building_card(scope: Scope, code: str, year: int) -> buildings.BuildingCard | None:
    with session() as s:
        return buildings.building_card(s, scope=scope, code=code, year=year)
