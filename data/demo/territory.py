"""Regions on the real geography, with demo positions for streets, communities and grids.

Districts, streets and communities are real (data/reference). Only districts have real outlines, so
street and community points are generated inside their district's outline: they are demo positions.
"""

from __future__ import annotations

import math

import numpy as np

from data import geography
from data.demo.world import World
from models.geo import point_in_polygon, polygon_bounds

KM_PER_DEG = 111.0


def _inside(geom: dict, lon: float, lat: float) -> bool:
    return bool(point_in_polygon(lon, lat, geom["coordinates"]))


def _spread_points(world: World, district: geography.District, k: int) -> list[tuple[float, float]]:
    """k well-spread points inside the district outline (farthest-point sampling over candidates)."""
    geom = geography.outline_of(district.code)
    x0, y0, x1, y1 = polygon_bounds(geom["coordinates"])
    rng = world.rng("street-points", district.code)
    cand_lon = np.array([rng.uniform(x0, x1) for _ in range(1500)])
    cand_lat = np.array([rng.uniform(y0, y1) for _ in range(1500)])
    ok = point_in_polygon(cand_lon, cand_lat, geom["coordinates"])
    pts = np.column_stack([cand_lon[ok], cand_lat[ok]])
    chosen = [int(np.argmin(np.hypot(pts[:, 0] - district.lon, pts[:, 1] - district.lat)))]
    dist = np.hypot(pts[:, 0] - pts[chosen[0], 0], pts[:, 1] - pts[chosen[0], 1])
    while len(chosen) < k:
        nxt = int(np.argmax(dist))
        chosen.append(nxt)
        dist = np.minimum(dist, np.hypot(pts[:, 0] - pts[nxt, 0], pts[:, 1] - pts[nxt, 1]))
    return [(round(float(pts[i, 0]), 5), round(float(pts[i, 1]), 5)) for i in chosen]


def scatter(rng, lon: float, lat: float, sigma_km: float, geom: dict | None = None) -> tuple[float, float]:
    """A point near (lon, lat); kept inside `geom` when one is given."""
    for _ in range(25):
        p_lon = lon + rng.gauss(0, sigma_km) / (KM_PER_DEG * math.cos(math.radians(lat)))
        p_lat = lat + rng.gauss(0, sigma_km) / KM_PER_DEG
        if geom is None or _inside(geom, p_lon, p_lat):
            return round(p_lon, 5), round(p_lat, 5)
    return lon, lat


def build_territory(world: World) -> None:
    city = world.add_region(
        code=geography.CITY_CODE,
        name=geography.CITY_NAME,
        level="city",
        lon=geography.CITY_LON_LAT[0],
        lat=geography.CITY_LON_LAT[1],
        area_km2=geography.CITY_AREA_KM2,
        population=sum(d.population for d in geography.districts()),
    )
    streets_by_district: dict[str, list[geography.Street]] = {}
    for s in geography.streets():
        streets_by_district.setdefault(s.district_code, []).append(s)
    comms_by_street: dict[str, list[geography.Community]] = {}
    for c in geography.communities():
        comms_by_street.setdefault(c.street_code, []).append(c)

    for d in geography.districts():
        district = world.add_region(
            code=d.code, name=d.name, level="district", parent_id=city["id"], official=d.official,
            lon=d.lon, lat=d.lat, area_km2=d.area_km2, population=d.population,
        )
        district["district_id"] = district["id"]
        world.district_by_name[d.name] = district
        geom = geography.outline_of(d.code)
        d_streets = streets_by_district[d.code]
        points = _spread_points(world, d, len(d_streets))
        spread_km = 0.45 * math.sqrt(d.area_km2 / len(d_streets))
        for s, (lon, lat) in zip(d_streets, points, strict=True):
            area, pop = geography.KNOWN_STREET_FACTS.get(s.name, (None, None))
            street = world.add_region(
                code=s.code, name=s.name, level="street", parent_id=district["id"],
                district_id=district["id"], lon=lon, lat=lat, area_km2=area, population=pop,
            )
            street["street_id"] = street["id"]
            world.street_by_name[s.name] = street
            rng = world.rng("communities", s.code)
            for c in comms_by_street.get(s.code, []):
                c_lon, c_lat = scatter(rng, lon, lat, spread_km, geom)
                world.add_region(
                    code=c.code, name=c.name, level="community", parent_id=street["id"],
                    district_id=district["id"], street_id=street["id"], lon=c_lon, lat=c_lat,
                )


def build_grids(world: World, community: dict) -> list[dict]:
    """Grids of one community (generated: official=False); only for full-detail streets."""
    rng = world.rng("grids", community["code"])
    grids = []
    for i in range(1, rng.randint(4, 8) + 1):
        lon, lat = scatter(rng, community["lon"], community["lat"], 0.3)
        grids.append(
            world.add_region(
                code=f"{community['code']}G{i:02d}", name=f"{community['name']}第{i}网格", level="grid",
                parent_id=community["id"], district_id=community["district_id"],
                street_id=community["street_id"], official=False, lon=lon, lat=lat,
            )
        )
    return grids
