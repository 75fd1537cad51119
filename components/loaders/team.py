"""Loaders of the team page (队伍建设) and of the 区属党(工)委 ranking tab of 支部评级."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from components.loaders import cached, session
from models.access import Scope
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


@cached
def secretaries(scope: Scope, area: Area, year: int) -> SecretaryData:
    with session() as s:
        return SecretaryData(
            kpis=team.kpis(s, scope=scope, area=area, year=year),
            by_region=team.secretaries_by_region(s, scope=scope, area=area, year=year),
            ages=team.age_bins(s, scope=scope, area=area, year=year),
        )


@cached
def secretary_list(scope: Scope, area: Area, year: int) -> pd.DataFrame:
    with session() as s:
        return team.secretary_list(s, scope=scope, area=area, year=year)


@dataclass(frozen=True)
class VolunteerData:
    by_region: pd.DataFrame
    trend: pd.DataFrame
    hometown: pd.DataFrame


@cached
def volunteers(scope: Scope, area: Area, year: int) -> VolunteerData:
    with session() as s:
        return VolunteerData(
            by_region=team.volunteers_by_region(s, scope=scope, area=area, year=year),
            trend=team.volunteer_trend(s, scope=scope, area=area),
            hometown=team.hometown_by_region(s, scope=scope, area=area),
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
