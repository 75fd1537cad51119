"""Loaders of the overview page."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from components.loaders import cached, rollups_fresh, session
from models.access import Scope
from models.queries import overview
from models.queries.common import Area


@dataclass(frozen=True)
class OverviewData:
    centres: pd.DataFrame
    categories: pd.DataFrame
    members: overview.Pair
    towers: overview.Pair
    a_share: overview.Pair
    ranking: pd.DataFrame


@cached
def overview_data(scope: Scope, area: Area, year: int) -> OverviewData:
    fresh = rollups_fresh()
    with session() as s:
        return OverviewData(
            centres=overview.centres_by_tier(s, scope=scope, area=area, year=year),
            categories=overview.orgs_by_category(s, scope=scope, area=area, year=year, rollup=fresh),
            members=overview.members(s, scope=scope, area=area, year=year, rollup=fresh),
            towers=overview.tower_coverage(s, scope=scope, area=area, year=year, rollup=fresh),
            a_share=overview.a_share(s, scope=scope, area=area, year=year, rollup=fresh),
            ranking=overview.ranking(s, scope=scope, area=area, year=year, rollup=fresh),
        )
