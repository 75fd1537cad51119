"""Loaders of 总览's cockpit blocks: the regions on its map and ranking board, and the five-year trend
of its headline cards. They reuse overview.overview_data and overview.headline (the figures 总览 shows, one
rule for each), and add only the geography (models.queries.cockpit) and the years before."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from components import loaders
from components.loaders import cached, session
from components.loaders import overview as ol
from models.access import Scope
from models.area import Area
from models.queries import cockpit

TREND_YEARS = 5


@cached
def regions(scope: Scope, area: Area, year: int) -> pd.DataFrame:
    """One row per compared region (districts of the city, streets of a district): id, code, name, area_km2,
    lon, lat and 总览's comparison figures (centres, orgs, members, towers, tower_rate, a_share), plus
    centres_km2 (centres per km², None where the region's area is unknown)."""
    with session() as s:
        geo = cockpit.compared_regions(s, scope=scope, area=area)
    figures = ol.overview_data(scope, area, year).ranking
    df = geo.merge(figures, on="name", how="left")
    df["centres"] = df["centres"].fillna(0).astype(int)
    for flag, cols in (("orgs_small", ("orgs", "members")), ("towers_small", ("towers",)), ("graded_small", ())):
        df[flag] = df[flag].fillna(False).astype(bool)
        df[f"{flag}_mark"] = df[f"{flag}_mark"].fillna("")
        for col in cols:  # a region without rows counts 0; a withheld one stays NaN (models.access)
            df[col] = df[col].where(df[flag], df[col].fillna(0))
    known = df["area_km2"].where(df["area_km2"] > 0)
    df["centres_km2"] = (df["centres"] / known).astype(float)
    return df


@dataclass(frozen=True)
class Trend:
    """The headline figures of the last TREND_YEARS years up to the chosen one (oldest first)."""

    years: tuple[int, ...]
    centres: tuple[int, ...]
    orgs: tuple[int | None, ...]  # None: withheld that year for the viewer (models.access small aggregates)
    members: tuple[int | None, ...]
    tower_rate: tuple[float | None, ...]
    a_share: tuple[float | None, ...]


@cached
def trend(scope: Scope, area: Area, year: int) -> Trend:
    """Each year's figures from ol.headline (cached per year), so a card's line ends at the card's value.
    Years before the first graded year are left out (no grades, no A share, and no data before it).
    Cached itself: five cache hits of headline unpickle five sets of frames on every rerun."""
    graded = loaders.rating_years()
    first = graded[0] if graded else year
    years = tuple(y for y in range(year - TREND_YEARS + 1, year + 1) if y >= first)
    data = [ol.headline(scope, area, y) for y in years]
    return Trend(
        years=years,
        centres=tuple(int(d.centres["now"].sum()) for d in data),
        orgs=tuple(None if d.orgs.small else int(d.orgs.now or 0) for d in data),
        members=tuple(None if d.members.small else int(d.members.now or 0) for d in data),
        tower_rate=tuple(d.towers.now for d in data),
        a_share=tuple(d.a_share.now for d in data),
    )
