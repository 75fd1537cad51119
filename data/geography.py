"""Committed reference geography (data/reference/): districts, streets, communities, outlines."""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import shapely

from models.geo import polygon, voronoi_cells

REFERENCE_DIR = Path(__file__).resolve().parent / "reference"
CITY_CODE = "440300"
CITY_NAME = "深圳市"
CITY_AREA_KM2 = 1997.47  # public figure (DOMAIN.md §1)
CITY_LON_LAT = (114.0579, 22.5431)

# Street facts published in the seeds (DOMAIN.md §4): area km², residents.
KNOWN_STREET_FACTS = {"南湾街道": (25.06, 520_000)}


@dataclass(frozen=True)
class District:
    code: str
    name: str
    short_name: str
    official: bool
    area_km2: float
    population: int
    lon: float
    lat: float


@dataclass(frozen=True)
class Street:
    code: str
    name: str
    district_code: str


@dataclass(frozen=True)
class Community:
    code: str
    name: str
    street_code: str


def _rows(name: str) -> list[dict[str, str]]:
    with (REFERENCE_DIR / name).open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


@lru_cache(maxsize=1)
def districts() -> tuple[District, ...]:
    return tuple(
        District(
            code=r["code"],
            name=r["name"],
            short_name=r["short_name"],
            official=bool(r["official_code"]),
            area_km2=float(r["area_km2"]),
            population=int(r["population_2020"]),
            lon=float(r["lon"]),
            lat=float(r["lat"]),
        )
        for r in _rows("districts.csv")
    )


@lru_cache(maxsize=1)
def streets() -> tuple[Street, ...]:
    return tuple(Street(r["code"], r["name"], r["district_code"]) for r in _rows("streets.csv"))


@lru_cache(maxsize=1)
def communities() -> tuple[Community, ...]:
    return tuple(Community(r["code"], r["name"], r["street_code"]) for r in _rows("communities.csv"))


@lru_cache(maxsize=1)
def district_outlines() -> dict:
    """The district outlines as a GeoJSON FeatureCollection (WGS-84), keyed in properties by code."""
    return json.loads((REFERENCE_DIR / "shenzhen_districts.geojson").read_text(encoding="utf-8"))


def outline_of(district_code: str) -> dict:
    for feature in district_outlines()["features"]:
        if feature["properties"]["code"] == district_code:
            return feature["geometry"]
    raise KeyError(district_code)


@lru_cache(maxsize=None)
def district_shape(district_code: str) -> shapely.Geometry:
    """The district's outline as a prepared shapely geometry (WGS-84), for fast point tests."""
    geom = polygon(outline_of(district_code))
    shapely.prepare(geom)
    return geom


def district_code_of(name: str) -> str | None:
    return next((d.code for d in districts() if d.name == name), None)


def street_cells(district_code: str, lon, lat) -> list[shapely.Geometry]:
    """Illustrative street areas: Voronoi cells of the street seats (lon, lat) clipped to the district's
    real outline, one per seat in order. Streets have no published outlines; the demo generator places
    a street's communities, centres and buildings inside its cell, and the map draws the cells as
    illustrative (示意) lines computed again from the stored seats."""
    return voronoi_cells(outline_of(district_code), lon, lat)


def inside_own_district(district_names, lon, lat):
    """numpy bool per point: inside the real outline of the district named for it (False where the
    name is not a district or the point has no coordinates)."""
    import numpy as np

    names = np.asarray(district_names, dtype=object)
    x, y = np.asarray(lon, dtype=float), np.asarray(lat, dtype=float)
    out = np.zeros(len(names), dtype=bool)
    for name in set(names.tolist()):
        code = district_code_of(name) if isinstance(name, str) else None
        if code is None:
            continue
        rows = names == name
        out[rows] = shapely.intersects_xy(district_shape(code), x[rows], y[rows])
    return out
