"""Loaders of the team page (队伍建设) and of the 区属党(工)委 ranking tab of 支部评级."""

from __future__ import annotations

from dataclasses import dataclass, replace

import pandas as pd

from components.loaders import cached, session
from models.access import Scope, hides_small_in, suppress_small
from models.queries import committees, team
from models.queries.common import Area
from models.queries.team import TeamKpis  # read model the page's room renders

__all__ = ["SecretaryData", "TeamKpis", "VolunteerData", "committee_history", "committee_ranking", "committee_years",
           "hometown_list", "secretaries", "secretary_list", "volunteers"]


@dataclass(frozen=True)
class SecretaryData:
    kpis: TeamKpis
    by_region: pd.DataFrame
    ages: pd.DataFrame


def _region_place(area: Area):
    """Where a compared region (rid) lies: a district of the city, or a street of the area's district."""
    def place(row: dict) -> tuple[int | None, int | None]:
        rid = int(row["rid"])
        return (rid, None) if area.district_id is None else (area.district_id, rid)
    return place


SECRETARY_FIGURES = ("average_age", "college_or_above", "bachelor", "master", "average_tenure")
STAFFING_FIGURES = ("fully_staffed", "staffed_share", "vacant")


@cached
def secretaries(scope: Scope, area: Area, year: int) -> SecretaryData:
    """Figures over fewer than 3 secretaries (committees) outside the viewer's detail area are withheld
    (models.access): the KPIs name them in `small`, the age histogram is emptied, region rows get NaN and
    `secretaries_small` / `committees_small` (secondary suppression: the area's totals are shown)."""
    with session() as s:
        kpis = team.kpis(s, scope=scope, area=area, year=year)
        by_region = team.secretaries_by_region(s, scope=scope, area=area, year=year)
        ages = team.age_bins(s, scope=scope, area=area, year=year)
    small = frozenset(name for name, n in (("secretaries", kpis.secretaries), ("committees", kpis.committees))
                      if hides_small_in(scope, area, n))
    place = _region_place(area)
    by_region = suppress_small(by_region, scope, count="secretaries", place=place, values=SECRETARY_FIGURES,
                               flag="secretaries_small", secondary=True)
    by_region = suppress_small(by_region, scope, count="committees", place=place, values=STAFFING_FIGURES,
                               flag="committees_small", secondary=True)
    return SecretaryData(kpis=replace(kpis, small=small), by_region=by_region,
                         ages=ages.iloc[0:0] if "secretaries" in small else ages)


@cached
def secretary_list(scope: Scope, area: Area, year: int) -> pd.DataFrame:
    with session() as s:
        return team.secretary_list(s, scope=scope, area=area, year=year)


@dataclass(frozen=True)
class VolunteerData:
    by_region: pd.DataFrame
    trend: pd.DataFrame
    hometown: pd.DataFrame  # per region; 1 or 2 organisations withheld (`small`, models.access), secondary too
    hometown_total: tuple[int | None, int | None]  # organisations and reach of the regions; None: withheld


@cached
def volunteers(scope: Scope, area: Area, year: int) -> VolunteerData:
    with session() as s:
        by_region = team.volunteers_by_region(s, scope=scope, area=area, year=year)
        trend = team.volunteer_trend(s, scope=scope, area=area)
        hometown = team.hometown_by_region(s, scope=scope, area=area)
    n, reach = int(hometown["organisations"].sum()), int(hometown["reach"].sum())
    withheld = hides_small_in(scope, area, n)
    return VolunteerData(
        by_region=by_region, trend=trend,
        hometown=suppress_small(hometown, scope, count="organisations", place=_region_place(area),
                                values=("members", "reach"), secondary=True),
        hometown_total=(None, None) if withheld else (n, reach),
    )


@cached
def hometown_list(scope: Scope, area: Area) -> pd.DataFrame:
    with session() as s:
        return team.hometown_list(s, scope=scope, area=area)


@cached
def committee_ranking(scope: Scope, area: Area, year: int) -> pd.DataFrame:
    with session() as s:
        return committees.ranking(s, scope=scope, area=area, year=year)


@cached
def committee_history(scope: Scope, district_id: int) -> pd.DataFrame:
    with session() as s:
        return committees.history(s, scope=scope, district_id=district_id)


@cached
def committee_years(scope: Scope) -> list[int]:
    with session() as s:
        return committees.years(s, scope=scope)
