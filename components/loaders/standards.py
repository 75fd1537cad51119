"""Loaders of 标准化考核 (the community standardisation check), and the one figure 总览 may show:
`standardisation_share`, the 达标 share of the area."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from components.loaders import cached, session
from models.access import Scope, hides_small_in
from models.queries import standards
from models.queries.common import Area
from models.queries.standards import StandardKpis  # read model the page's room renders

__all__ = ["StandardKpis", "StandardsData", "community_list", "standardisation_for_overview", "standardisation_kpis", "standardisation_share", "standards_data"]


@dataclass(frozen=True)
class StandardsData:
    kpis: StandardKpis
    by_region: pd.DataFrame
    aspects: pd.DataFrame
    trend: pd.DataFrame


@cached
def standards_data(scope: Scope, area: Area, year: int) -> StandardsData:
    with session() as s:
        return StandardsData(
            kpis=standards.kpis(s, scope=scope, area=area, year=year),
            by_region=standards.by_region(s, scope=scope, area=area, year=year),
            aspects=standards.aspects(s, scope=scope, area=area, year=year),
            trend=standards.trend(s, scope=scope, area=area),
        )


@cached
def community_list(scope: Scope, area: Area, year: int) -> pd.DataFrame:
    with session() as s:
        return standards.community_list(s, scope=scope, area=area, year=year)


@cached
def standardisation_kpis(scope: Scope, area: Area, year: int) -> StandardKpis:
    """The area's communities by standardisation result in `year` (总览's line; the page's own cards)."""
    with session() as s:
        return standards.kpis(s, scope=scope, area=area, year=year)


def standardisation_for_overview(scope: Scope, area: Area, year: int) -> tuple[StandardKpis, bool]:
    """总览's line: the area's counts, and whether the viewer may not see them (1 or 2 assessed communities
    outside the viewer's detail area: the share would be one community's result; models.access)."""
    kpis = standardisation_kpis(scope, area, year)
    return kpis, hides_small_in(scope, area, kpis.checked)


def standardisation_share(scope: Scope, area: Area, year: int) -> float | None:
    """The 达标 share of the area's assessed communities in `year` (None: none assessed)."""
    return standardisation_kpis(scope, area, year).share
