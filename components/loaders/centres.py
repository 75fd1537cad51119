"""Loaders of the service-centre map (阵地地图): centres, tier figures, reach, gaps and suggested sites.

Reach is measured against every located centre of the chosen tiers in the whole city, since a
community near a district line may be served from the other side. Nearest distances do not depend on
the radius, so they are computed once per year and tier choice; each radius is then a cheap grouping.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from components.loaders import cached, session
from models import coverage, rules
from models.access import Scope
from models.queries import centres as q
from models.queries.common import CITY, Area


@dataclass(frozen=True)
class Kpis:
    """Figures above the map for the filtered area, the chosen tiers and the year."""

    by_tier: dict[str, int]
    open_24h: int
    unlocated: int
    area_km2: float | None
    population: int | None

    @property
    def total(self) -> int:
        return sum(self.by_tier.values())

    @property
    def km2_per_centre(self) -> float | None:
        return self.area_km2 / self.total if self.area_km2 and self.total else None

    @property
    def residents_per_centre(self) -> float | None:
        return self.population / self.total if self.population and self.total else None


@dataclass(frozen=True)
class Centres:
    """The area's centres that can be placed on the map, and those that cannot (`problem` says why)."""

    located: pd.DataFrame
    unlocated: pd.DataFrame

    def get(self, centre_id: int | None) -> pd.Series | None:
        rows = self.located[self.located["id"] == centre_id]
        return None if rows.empty else rows.iloc[0]


@cached
def centre_list(scope: Scope, area: Area, year: int, tiers: tuple[str, ...]) -> Centres:
    with session() as s:
        df = q.centres(s, scope=scope, area=area, year=year, tiers=tiers)
    bad = df["problem"].notna()
    return Centres(df[~bad].reset_index(drop=True), df[bad].reset_index(drop=True))


@cached
def kpis(scope: Scope, area: Area, year: int, tiers: tuple[str, ...]) -> Kpis:
    with session() as s:
        counts = q.tier_counts(s, scope=scope, area=area, year=year)
        facts = q.area_facts(s, scope=scope, area=area)
    chosen = counts[counts["tier"].isin(tiers)]
    return Kpis(
        by_tier={tier: int(n) if tier in tiers else 0 for tier, n in zip(counts["tier"], counts["centres"], strict=True)},
        open_24h=int(chosen["open_24h"].sum()),
        unlocated=int(chosen["unlocated"].sum()),
        area_km2=facts.area_km2,
        population=facts.population,
    )


@cached
def reach(scope: Scope, year: int, tiers: tuple[str, ...]) -> pd.DataFrame:
    """Every community seat, 20+ floor tower and residential compound of the city, with its nearest centre.

    Buildings outside the viewer's detail area come anonymous (no id, no name): they count in the reach
    of their region but are never listed or proposed as sites.
    """
    with session() as s:
        targets = q.reach_targets(s, scope=scope, area=CITY)
        sites = q.located_points(s, scope=scope, year=year, tiers=tiers)
    near = coverage.nearest(targets["lon"], targets["lat"], sites["lon"], sites["lat"])
    names = np.append(sites["name"].to_numpy(dtype=object), None)  # index -1 (no centre at all) -> None
    targets["distance_m"] = near.distance_m
    targets["nearest"] = names[near.index]
    return targets


def _in_area(df: pd.DataFrame, area: Area) -> pd.DataFrame:
    return df[rules.in_area_mask(df, area)]


@cached
def coverage_table(
    scope: Scope, area: Area, year: int, tiers: tuple[str, ...], radius_m: int, level: str
) -> pd.DataFrame:
    """Reach per district or street of the area (see models.coverage.by_region)."""
    with session() as s:
        names = q.region_names(s, scope=scope, level=level, area=area)
    targets = _in_area(reach(scope, year, tiers), area)
    return coverage.by_region(targets["kind"], targets[level], targets["distance_m"], radius_m=radius_m, names=names)


@cached
def gaps(scope: Scope, area: Area, year: int, tiers: tuple[str, ...], radius_m: int) -> pd.DataFrame:
    """Places of the area with no centre within the radius, farthest first (distance None: no centre at all)."""
    targets = _in_area(reach(scope, year, tiers), area)
    out = targets[~coverage.within(targets["distance_m"], radius_m) & targets["id"].notna()].copy()
    out["distance_m"] = out["distance_m"].replace(np.inf, np.nan).round(0)
    out = out.sort_values("distance_m", ascending=False, na_position="first", kind="stable")
    return out[["kind", "id", "name", "district", "street", "distance_m", "nearest", "lon", "lat"]].reset_index(drop=True)


@dataclass(frozen=True)
class Suggestion:
    """Proposed sites in order, and the reach of each kind of place before and after them."""

    sites: pd.DataFrame  # rank, name, kind, district, street, lon, lat, gain
    before: pd.DataFrame  # kind, places, reached, share
    after: pd.DataFrame


def _shares(kinds: pd.Series, reached: np.ndarray) -> pd.DataFrame:
    df = pd.DataFrame({"kind": kinds.to_numpy(), "reached": reached})
    out = df.groupby("kind")["reached"].agg(places="size", reached="sum").reindex(list(q.REACH_KINDS), fill_value=0)
    out["share"] = (out["reached"] / out["places"].where(out["places"] > 0)).astype(float)
    return out.rename_axis("kind").reset_index()


@cached
def suggestion(scope: Scope, area: Area, year: int, tiers: tuple[str, ...], radius_m: int, k: int) -> Suggestion:
    """Up to k new sites among the area's unreached places, chosen greedily; existing centres stay fixed."""
    targets = _in_area(reach(scope, year, tiers), area).reset_index(drop=True)
    covered = coverage.within(targets["distance_m"], radius_m)
    cand = targets[~covered & targets["lon"].notna() & targets["lat"].notna() & targets["id"].notna()]
    got = coverage.greedy_sites(cand["lon"], cand["lat"], targets["lon"], targets["lat"],
                                radius_m=radius_m, k=k, covered=covered)
    sites = cand.iloc[got.chosen][["name", "kind", "district", "street", "lon", "lat"]].reset_index(drop=True)
    sites.insert(0, "rank", range(1, len(sites) + 1))
    sites["gain"] = got.gains
    return Suggestion(sites, _shares(targets["kind"], covered), _shares(targets["kind"], got.covered))


@cached
def community_seats(scope: Scope, area: Area) -> pd.DataFrame:
    """lon, lat of the community seats of the area (to outline a street, which has no real boundary)."""
    with session() as s:
        targets = q.reach_targets(s, scope=scope, area=area)
    return targets.loc[targets["kind"] == "community", ["lon", "lat"]].reset_index(drop=True)
