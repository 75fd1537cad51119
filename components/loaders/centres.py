"""Loaders of the service-centre map (阵地地图): centres, tier figures, reach, gaps and suggested sites.

Reach is measured against every located centre of the chosen tiers in the whole city, since a
community near a district line may be served from the other side. Nearest distances do not depend on
the radius, so they are computed once per year and tier choice; each radius is then a cheap grouping.
"""

from __future__ import annotations

from dataclasses import dataclass

import json

import numpy as np
import pandas as pd
import shapely

from components.loaders import cached, session
from data import geography
from models import coverage, rules
from models.access import ANONYMOUS, Scope
from models.queries import centres as q
from models.queries import regions
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
def reach(scope: Scope, year: int, tiers: tuple[str, ...], communities_only: bool = False) -> pd.DataFrame:
    """Every community seat, 20+ floor tower and residential compound of the city, with its nearest centre
    (`communities_only`: the community seats alone; their rows are the same either way).

    Buildings outside the viewer's detail area come anonymous (no id, no name): they count in the reach
    of their region but are never listed or proposed as sites.
    """
    with session() as s:
        targets = q.reach_targets(s, scope=scope, area=CITY, communities_only=communities_only)
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
def gaps(scope: Scope, area: Area, year: int, tiers: tuple[str, ...], radius_m: int,
         communities_only: bool = False) -> pd.DataFrame:
    """Places of the area with no centre within the radius, farthest first (distance None: no centre at all);
    `communities_only`: the communities among them, without measuring any building."""
    targets = _in_area(reach(scope, year, tiers, communities_only), area)
    out = targets[~coverage.within(targets["distance_m"], radius_m) & targets["id"].notna()].copy()
    out["distance_m"] = out["distance_m"].replace(np.inf, np.nan).round(0)
    out = out.sort_values("distance_m", ascending=False, na_position="first", kind="stable")
    return out[["kind", "id", "name", "district", "street", "distance_m", "nearest", "lon", "lat", "district_id",
                "street_id"]].reset_index(drop=True)


@dataclass(frozen=True)
class Suggestion:
    """Proposed sites in order, and the reach of each kind of place before and after them."""

    sites: pd.DataFrame  # rank, name, kind, district, street, lon, lat, gain
    before: pd.DataFrame  # kind, places, reached, share
    after: pd.DataFrame
    outside: int = 0  # unreached places not proposed because they lie outside their district's outline


def _shares(kinds: pd.Series, reached: np.ndarray) -> pd.DataFrame:
    df = pd.DataFrame({"kind": kinds.to_numpy(), "reached": reached})
    out = df.groupby("kind")["reached"].agg(places="size", reached="sum").reindex(list(q.REACH_KINDS), fill_value=0)
    out["share"] = (out["reached"] / out["places"].where(out["places"] > 0)).astype(float)
    return out.rename_axis("kind").reset_index()


def _inside_outlines(df: pd.DataFrame, area: Area) -> np.ndarray:
    """Which places lie inside the real outline of their own district (land: the outlines leave out the
    sea) and, in a street with an imported boundary, inside that boundary too."""
    inside = geography.inside_own_district(df["district"], df["lon"], df["lat"])
    if area.street_id is not None and area.district_id is not None:
        street = next((a for a in street_areas(area.district_id) if a.street_id == area.street_id), None)
        if street is not None and street.official:
            inside &= shapely.intersects_xy(shapely.geometry.shape(street.geometry), df["lon"].to_numpy(float),
                                            df["lat"].to_numpy(float))
    return inside


@cached
def suggestion(scope: Scope, area: Area, year: int, tiers: tuple[str, ...], radius_m: int, k: int) -> Suggestion:
    """Up to k new sites among the area's unreached places, chosen greedily; existing centres stay fixed.

    Only places inside the area's outline are proposed (an imported place outside its own district
    still counts as demand, but a centre is never suggested off its district's land)."""
    targets = _in_area(reach(scope, year, tiers), area).reset_index(drop=True)
    covered = coverage.within(targets["distance_m"], radius_m)
    cand = targets[~covered & targets["lon"].notna() & targets["lat"].notna() & targets["id"].notna()]
    inside = _inside_outlines(cand, area)
    cand = cand[inside]
    got = coverage.greedy_sites(cand["lon"], cand["lat"], targets["lon"], targets["lat"],
                                radius_m=radius_m, k=k, covered=covered)
    sites = cand.iloc[got.chosen][["name", "kind", "district", "street", "lon", "lat"]].reset_index(drop=True)
    sites.insert(0, "rank", range(1, len(sites) + 1))
    sites["gain"] = got.gains
    return Suggestion(sites, _shares(targets["kind"], covered), _shares(targets["kind"], got.covered),
                      int((~inside).sum()))


@cached
def community_seats(scope: Scope, area: Area) -> pd.DataFrame:
    """lon, lat of the community seats of the area (to outline a street, which has no real boundary)."""
    with session() as s:
        return q.community_seats(s, scope=scope, area=area)


@dataclass(frozen=True)
class StreetArea:
    """A street's area on the map: its imported boundary (official) or an illustrative cell (示意)."""

    street_id: int
    name: str
    geometry: dict  # GeoJSON (Multi)Polygon, WGS-84, 5 decimals
    official: bool


def _geojson(geom: shapely.Geometry) -> dict:
    return json.loads(shapely.to_geojson(shapely.set_precision(geom, 1e-5)))


@cached
def street_areas(district_id: int) -> tuple[StreetArea, ...]:
    """The streets of a district as the map draws them (public data, the same for every viewer).

    Streets have no published outlines. Where boundaries were imported for the district's streets they
    are drawn, and nothing else; otherwise each located street seat gets its illustrative cell
    (data.geography.street_cells: Voronoi cells of the seats clipped to the district's real outline),
    computed from the stored seats, so the demo generator and the map agree without storing the cells."""
    with session() as s:
        streets = regions.street_outlines(s, scope=ANONYMOUS, district_id=district_id)
        codes = regions.districts(s, scope=ANONYMOUS).set_index("id")["code"]
    imported = streets[streets["boundary"].notna()]
    if not imported.empty:
        return tuple(StreetArea(int(r.id), r.name, json.loads(r.boundary), True) for r in imported.itertuples())
    if district_id not in codes.index:
        return ()
    seats = streets[streets["lon"].notna() & streets["lat"].notna()].drop_duplicates(["lon", "lat"])
    try:
        cells = geography.street_cells(codes[district_id], seats["lon"].to_numpy(), seats["lat"].to_numpy())
    except KeyError:  # a district without a reference outline
        return ()
    return tuple(StreetArea(int(r.id), r.name, _geojson(c), False)
                 for r, c in zip(seats.itertuples(), cells, strict=True) if not c.is_empty)
