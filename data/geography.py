"""Committed reference geography (data/reference/): districts, streets, communities, outlines."""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

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
