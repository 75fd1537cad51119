"""Regions on the real geography, with demo positions for streets, communities and grids.

Districts, streets and communities are real (data/reference), but only districts have real outlines, so
street and community points are demo positions. Every generated position lies inside its own
district's outline, at least PLACE_MARGIN_M from its edge (the outlines are land outlines, so never in
the sea, and neither rounding nor the map's simplification moves a point across). Each district is
split into illustrative street cells (geography.street_cells: Voronoi cells of the street seats clipped
to the outline), and a street's communities, grids, centres and buildings lie inside its own cell, at
least CELL_MARGIN_M from the cell's edge.
"""

from __future__ import annotations

import math

import numpy as np
import shapely

from data import geography
from data.demo import calibration as cal
from data.demo.world import World
from models.geo import to_degrees, to_metres

KM_PER_DEG = 111.0
PLACE_MARGIN_M = 150.0
CELL_MARGIN_M = 40.0
DECIMALS = 5  # stored positions: 1e-5 degrees is about 1 m
_CANDIDATES = 1500  # street seats are picked among this many random points of the district


class Area:
    """Where the generated points of one district or street may go: a prepared WGS-84 geometry."""

    def __init__(self, geom: shapely.Geometry):
        if geom.is_empty:
            raise ValueError("empty area")
        shapely.prepare(geom)
        self.geom = geom
        self.bounds = geom.bounds

    def contains(self, lon: float, lat: float) -> bool:
        return bool(shapely.contains_xy(self.geom, lon, lat))

    def uniform(self, rng) -> tuple[float, float]:
        """A uniformly random point of the area (rejection in its bounding box), rounded as stored."""
        x0, y0, x1, y1 = self.bounds
        for _ in range(100_000):
            lon, lat = round(rng.uniform(x0, x1), DECIMALS), round(rng.uniform(y0, y1), DECIMALS)
            if self.contains(lon, lat):
                return lon, lat
        raise RuntimeError("no point found in the area")


def scatter(rng, lon: float, lat: float, sigma_km: float, area: Area) -> tuple[float, float]:
    """A point near (lon, lat) inside `area` (Gaussian, sigma in km); a uniform point of the area when
    25 draws in a row fall outside (a seat near a narrow part of its cell)."""
    for _ in range(25):
        p_lon = round(lon + rng.gauss(0, sigma_km) / (KM_PER_DEG * math.cos(math.radians(lat))), DECIMALS)
        p_lat = round(lat + rng.gauss(0, sigma_km) / KM_PER_DEG, DECIMALS)
        if area.contains(p_lon, p_lat):
            return p_lon, p_lat
    return area.uniform(rng)


def _inner(district_code: str) -> shapely.Geometry:
    """The district's outline, PLACE_MARGIN_M inside its edge, in metres."""
    return to_metres(geography.district_shape(district_code)).buffer(-PLACE_MARGIN_M)


def _anchors(streets: list[geography.Street]) -> dict[str, tuple[float, float]]:
    """Seats fixed by named real places: a street's seat at the mean of its named places (京基100 and
    地王大厦 in 桂园街道, 文锦广场 in 东门街道, 南湾's five parks on 布澜路, 水贝 in 翠竹, 人民南 in 南湖, the
    互联网产业园 in 清水河, 腾讯 and 深圳湾创业广场 in 粤海), so that they lie well inside the street's cell."""
    names = {s.name for s in streets}
    places: dict[str, list[tuple[float, float]]] = {}
    named = [(street, lon, lat) for _name, street, _floors, lon, lat in cal.LANDMARK_TOWERS]
    named += [(cal.NANWAN, lon, lat) for _name, lon, lat in cal.NANWAN_NAMED_PARKS]
    named += [(street, lon, lat) for _name, _kind, street, lon, lat in cal.NAMED_PLACES]
    for street, lon, lat in named:
        if street in names:
            places.setdefault(street, []).append((lon, lat))
    return {s: (round(float(np.mean([p[0] for p in pts])), DECIMALS), round(float(np.mean([p[1] for p in pts])), DECIMALS))
            for s, pts in places.items()}


def _street_seats(world: World, district: geography.District, streets: list[geography.Street],
                  inner: Area) -> list[tuple[float, float]]:
    """One seat per street, well spread inside the district (farthest-point sampling among random points
    of the inner area), anchored ones first; in the order of `streets`."""
    rng = world.rng("street-points", district.code)
    cand = np.array([inner.uniform(rng) for _ in range(_CANDIDATES)])
    east = math.cos(math.radians(district.lat))  # distances in (nearly) metres, not in raw degrees

    def apart(p: np.ndarray) -> np.ndarray:
        return np.hypot((cand[:, 0] - p[0]) * east, cand[:, 1] - p[1])

    anchors = _anchors(streets)
    for lon, lat in anchors.values():
        if not inner.contains(lon, lat):
            raise ValueError(f"named place at {lon}, {lat} is not {PLACE_MARGIN_M:.0f} m inside {district.name}")
    fixed = [np.array(anchors[s.name]) for s in streets if s.name in anchors]
    free = [] if fixed else [cand[int(np.argmin(apart(np.array([district.lon, district.lat]))))]]
    dist = np.min([apart(p) for p in fixed + free], axis=0)
    while len(fixed) + len(free) < len(streets):
        nxt = int(np.argmax(dist))
        free.append(cand[nxt])
        dist = np.minimum(dist, apart(cand[nxt]))
    chosen = iter(free)
    seats = [anchors[s.name] if s.name in anchors else tuple(next(chosen)) for s in streets]
    return [(round(float(x), DECIMALS), round(float(y), DECIMALS)) for x, y in seats]


def street_areas(district_code: str, seats: list[tuple[float, float]]) -> list[Area]:
    """Per street seat: its cell, CELL_MARGIN_M inside the cell's edge, within the district's inner area."""
    inner = _inner(district_code)
    cells = geography.street_cells(district_code, [s[0] for s in seats], [s[1] for s in seats])
    return [Area(to_degrees(shapely.intersection(to_metres(c).buffer(-CELL_MARGIN_M), inner))) for c in cells]


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
        inner = Area(to_degrees(_inner(d.code)))
        world.areas[district["id"]] = inner
        d_streets = streets_by_district[d.code]
        seats = _street_seats(world, d, d_streets, inner)
        areas = street_areas(d.code, seats)
        spread_km = 0.45 * math.sqrt(d.area_km2 / len(d_streets))
        for s, (lon, lat), area in zip(d_streets, seats, areas, strict=True):
            known_area, pop = geography.KNOWN_STREET_FACTS.get(s.name, (None, None))
            street = world.add_region(
                code=s.code, name=s.name, level="street", parent_id=district["id"],
                district_id=district["id"], lon=lon, lat=lat, area_km2=known_area, population=pop,
            )
            street["street_id"] = street["id"]
            world.street_by_name[s.name] = street
            world.areas[street["id"]] = area
            rng = world.rng("communities", s.code)
            for c in comms_by_street.get(s.code, []):
                c_lon, c_lat = scatter(rng, lon, lat, spread_km, area)
                world.add_region(
                    code=c.code, name=c.name, level="community", parent_id=street["id"],
                    district_id=district["id"], street_id=street["id"], lon=c_lon, lat=c_lat,
                )


def build_grids(world: World, community: dict) -> list[dict]:
    """Grids of one community (generated: official=False); only for full-detail streets."""
    rng = world.rng("grids", community["code"])
    area = world.areas[community["street_id"]]
    grids = []
    for i in range(1, rng.randint(4, 8) + 1):
        lon, lat = scatter(rng, community["lon"], community["lat"], 0.3, area)
        grids.append(
            world.add_region(
                code=f"{community['code']}G{i:02d}", name=f"{community['name']}第{i}网格", level="grid",
                parent_id=community["id"], district_id=community["district_id"],
                street_id=community["street_id"], official=False, lon=lon, lat=lat,
            )
        )
    return grids
