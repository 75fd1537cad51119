"""Loaders of the overview page."""

from __future__ import annotations

from dataclasses import dataclass, fields

import pandas as pd

from components.loaders import cached, rollups_fresh, session
from models.access import Scope, suppress_pair, suppress_small
from models.queries import overview
from models.queries.common import Area


@dataclass(frozen=True)
class Headline:
    """总览's figures for the viewer: every figure over fewer than 3 organisations (towers, graded
    organisations) outside the viewer's detail area is withheld (models.access small aggregates): a Pair
    with `small`, a frame row with NaN and True in its flag (`small` for categories; `orgs_small`,
    `towers_small`, `graded_small` for the ranking), with secondary suppression since the totals are shown.
    Centres are public places and never withheld."""

    centres: pd.DataFrame
    categories: pd.DataFrame
    orgs: overview.Pair
    members: overview.Pair
    towers: overview.Pair
    a_share: overview.Pair


@dataclass(frozen=True)
class OverviewData(Headline):
    """The headline figures and the comparison of the subareas (the ranking, the map, the board)."""

    ranking: pd.DataFrame


def _region_place(row: dict) -> tuple[int | None, int | None]:
    """Where a compared region lies: a district (its own id), or a street of its district."""
    district = row.get("district_id")
    if district is None or district != district:
        return int(row["rid"]), None
    return int(district), int(row["rid"])


def small_ranking(df: pd.DataFrame, scope: Scope) -> pd.DataFrame:
    """overview.ranking as the viewer may see it (one rule: models.access.suppress_small, once per count)."""
    for flag, count, values in (("orgs_small", "orgs", ("members",)),
                                ("towers_small", "towers", ("towers_covered", "tower_rate")),
                                ("graded_small", "graded", ("grade_a", "a_share"))):
        df = suppress_small(df, scope, count=count, place=_region_place, values=values, flag=flag, secondary=True)
    return df


@cached
def headline(scope: Scope, area: Area, year: int) -> Headline:
    """The cards' and breakdowns' figures of one year (also each year of the cards' trend lines)."""
    fresh = rollups_fresh()
    with session() as s:
        categories = overview.orgs_by_category(s, scope=scope, area=area, year=year, rollup=fresh)
        members = overview.members(s, scope=scope, area=area, year=year, rollup=fresh)
        towers = overview.tower_coverage(s, scope=scope, area=area, year=year, rollup=fresh)
        a_share = overview.a_share(s, scope=scope, area=area, year=year, rollup=fresh)
        centres = overview.centres_by_tier(s, scope=scope, area=area, year=year)
    n_now, n_before = int(categories["now"].sum()), int(categories["before"].sum())
    orgs = overview.Pair(n_now, n_before)

    def place(_row: dict) -> tuple[int | None, int | None]:
        return area.district_id, area.street_id

    cats = suppress_small(categories, scope, count="now", place=place, values=(), secondary=True)
    cats = suppress_small(cats, scope, count="before", place=place, values=(), flag="small_before", secondary=True)
    return Headline(
        centres=centres,
        categories=cats,
        orgs=suppress_pair(orgs, scope, area, n_now, n_before),
        members=suppress_pair(members, scope, area, n_now, n_before),
        towers=suppress_pair(towers, scope, area, towers.n, towers.n_before),
        a_share=suppress_pair(a_share, scope, area, a_share.n, a_share.n_before),
    )


@cached
def overview_data(scope: Scope, area: Area, year: int) -> OverviewData:
    figures = headline(scope, area, year)
    with session() as s:
        ranking = overview.ranking(s, scope=scope, area=area, year=year, rollup=rollups_fresh())
    return OverviewData(**{f.name: getattr(figures, f.name) for f in fields(Headline)},
                        ranking=small_ranking(ranking, scope))
