"""Checks on the committed reference geography in data/reference/ (see its SOURCES.md)."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

REF = Path(__file__).resolve().parents[2] / "data" / "reference"

# DOMAIN.md §5, the spec: district -> its streets (short names; files use name + "街道").
SPEC_STREETS = {
    "福田区": "园岭 南园 福田 沙头 梅林 华富 香蜜湖 莲花 华强北 福保",
    "罗湖区": "桂园 黄贝 东门 翠竹 南湖 笋岗 东湖 莲塘 东晓 清水河",
    "南山区": "南头 南山 沙河 蛇口 招商 粤海 桃源 西丽",
    "盐田区": "沙头角 海山 盐田 梅沙",
    "宝安区": "新安 西乡 航城 福永 福海 沙井 新桥 松岗 燕罗 石岩",
    "龙岗区": "平湖 布吉 吉华 坂田 南湾 横岗 园山 龙城 龙岗 宝龙 坪地",
    "龙华区": "观湖 民治 龙华 大浪 福城 观澜",
    "坪山区": "坪山 马峦 碧岭 石井 坑梓 龙田",
    "光明区": "光明 公明 新湖 凤凰 玉塘 马田",
    "大鹏新区": "葵涌 大鹏 南澳",
}
NBS_DISTRICT_CODES = {
    "福田区": "440304", "罗湖区": "440303", "南山区": "440305", "盐田区": "440308", "宝安区": "440306",
    "龙岗区": "440307", "龙华区": "440309", "坪山区": "440310", "光明区": "440311",
}
DAPENG = "440399"

# Shenzhen's bounding box. The brief said lat >= 22.4, but 内伶仃岛 (南山区) reaches 22.399 in WGS-84.
LON_MIN, LON_MAX, LAT_MIN, LAT_MAX = 113.7, 114.7, 22.39, 22.9


def read_csv(name: str) -> list[dict]:
    with (REF / name).open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


@pytest.fixture(scope="module")
def districts():
    return read_csv("districts.csv")


@pytest.fixture(scope="module")
def streets():
    return read_csv("streets.csv")


@pytest.fixture(scope="module")
def communities():
    return read_csv("communities.csv")


@pytest.fixture(scope="module")
def outlines():
    with (REF / "shenzhen_districts.geojson").open(encoding="utf-8") as f:
        return json.load(f)


def polygons_of(geometry: dict) -> list[list]:
    if geometry["type"] == "Polygon":
        return [geometry["coordinates"]]
    assert geometry["type"] == "MultiPolygon"
    return geometry["coordinates"]


def point_in_ring(x: float, y: float, ring: list) -> bool:
    inside = False
    n = len(ring)
    for i in range(n):
        x1, y1 = ring[i][0], ring[i][1]
        x2, y2 = ring[(i + 1) % n][0], ring[(i + 1) % n][1]
        if (y1 > y) != (y2 > y) and x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
            inside = not inside
    return inside


def point_in_geometry(x: float, y: float, geometry: dict) -> bool:
    for rings in polygons_of(geometry):
        if point_in_ring(x, y, rings[0]) and not any(point_in_ring(x, y, h) for h in rings[1:]):
            return True
    return False


def test_point_in_polygon_helper():
    square = {"type": "Polygon", "coordinates": [
        [[0, 0], [4, 0], [4, 4], [0, 4], [0, 0]],
        [[1, 1], [2, 1], [2, 2], [1, 2], [1, 1]],
    ]}
    assert point_in_geometry(3, 3, square)
    assert not point_in_geometry(1.5, 1.5, square)  # in the hole
    assert not point_in_geometry(5, 1, square)


def test_ten_districts(districts):
    assert [d["name"] for d in districts] == list(SPEC_STREETS)
    assert len({d["code"] for d in districts}) == 10
    for d in districts:
        if d["name"] == "大鹏新区":
            assert d["code"] == DAPENG and d["official_code"] == ""
        else:
            assert d["code"] == NBS_DISTRICT_CODES[d["name"]] == d["official_code"]
        assert d["name"].startswith(d["short_name"])
        assert int(d["population_2020"]) > 100_000
    total_area = sum(float(d["area_km2"]) for d in districts)
    assert 1990 <= total_area <= 2005  # ≈ 1,997 km² (DOMAIN.md §1)


def test_streets_match_spec(districts, streets):
    assert len(streets) == 74
    by_code = {d["code"]: d["name"] for d in districts}
    assert all(s["district_code"] in by_code for s in streets)
    for dname, names in SPEC_STREETS.items():
        got = sorted(s["name"] for s in streets if by_code[s["district_code"]] == dname)
        assert got == sorted(n + "街道" for n in names.split()), dname
    codes = [s["code"] for s in streets]
    assert len(set(codes)) == 74
    assert all(len(c) == 9 and c.isdigit() for c in codes)
    for s in streets:
        nbs_district = "440307" if s["district_code"] == DAPENG else s["district_code"]
        assert s["code"][:6] == nbs_district, s


def test_communities(streets, communities):
    street_codes = {s["code"] for s in streets}
    assert all(c["street_code"] in street_codes for c in communities)
    codes = [c["code"] for c in communities]
    assert len(set(codes)) == len(codes)
    assert all(len(c) == 12 and c.isdigit() for c in codes)
    assert all(c["code"].startswith(c["street_code"]) for c in communities)
    assert 600 <= len(communities) <= 800
    assert all("虚拟" not in c["name"] and c["name"] for c in communities)
    # every street has at least one community
    assert street_codes == {c["street_code"] for c in communities}


def test_nanwan_has_its_14_communities(streets, communities):
    (nanwan,) = [s for s in streets if s["name"] == "南湾街道"]
    names = {c["name"] for c in communities if c["street_code"] == nanwan["code"]}
    assert len(names) == 14
    # the communities named in seeds/003
    assert {"南岭村社区", "上李朗社区", "吉厦社区", "厦村社区", "樟树布社区"} <= names


def test_special_zones_are_kept_out(streets, communities):
    zones = read_csv("special_zones.csv")
    assert zones
    street_codes = {s["code"] for s in streets}
    community_codes = {c["code"] for c in communities}
    for z in zones:
        assert z["code"] not in street_codes
        assert z["reason"]
        for v in filter(None, z["village_codes"].split(";")):
            assert v not in community_codes


def test_geojson_size_and_codes(districts, outlines):
    assert (REF / "shenzhen_districts.geojson").stat().st_size <= 150 * 1024
    assert outlines["type"] == "FeatureCollection"
    codes = [f["properties"]["code"] for f in outlines["features"]]
    assert len(codes) == 10
    assert sorted(codes) == sorted(d["code"] for d in districts)
    names = {d["code"]: d["name"] for d in districts}
    for f in outlines["features"]:
        assert f["properties"]["name"] == names[f["properties"]["code"]]
    (dapeng,) = [f for f in outlines["features"] if f["properties"]["code"] == DAPENG]
    assert dapeng["properties"].get("boundary_note")


def test_geojson_coordinates_in_shenzhen(outlines):
    n = 0
    for f in outlines["features"]:
        for rings in polygons_of(f["geometry"]):
            for ring in rings:
                assert ring[0] == ring[-1] and len(ring) >= 4
                for lon, lat in ring:
                    assert LON_MIN <= lon <= LON_MAX and LAT_MIN <= lat <= LAT_MAX, (lon, lat)
                    assert round(lon, 5) == lon and round(lat, 5) == lat
                    n += 1
    assert n > 1000  # still looks like Shenzhen


def test_district_points_inside_own_polygon_only(districts, outlines):
    geoms = {f["properties"]["code"]: f["geometry"] for f in outlines["features"]}
    for d in districts:
        x, y = float(d["lon"]), float(d["lat"])
        inside = [code for code, g in geoms.items() if point_in_geometry(x, y, g)]
        assert inside == [d["code"]], (d["name"], inside)
