"""Demo positions a leader can believe (issue 15): every located demo point inside its own district's real
outline, at least ~150 m from its edge (so on land, never across the river in Hong Kong or in the sea),
and inside its street's illustrative cell; the site suggester proposes only such places.

The stores are read back as the app reads them, and the street cells come from the loader the map
uses (computed from the stored street seats), so the test checks what a user sees.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
import shapely
import streamlit as st
from sqlalchemy import text

from data import demo, geography
from data.demo import calibration as cal
from data.demo.territory import PLACE_MARGIN_M
from models.access import FULL
from models.db import make_engine
from models.geo import to_metres
from models.queries.common import CITY, Area
from models.vocab import CENTRE_TIERS
from tests.data.importing_support import store  # noqa: F401 - fixture

MARGIN_M = PLACE_MARGIN_M - 2  # positions are stored rounded to 1e-5 degrees (about 1 m)

POINTS_SQL = {
    "region": "SELECT r.id, r.name, r.level AS kind, d.code AS district, r.street_id, r.lon, r.lat FROM region r "
              "JOIN region d ON d.id = r.district_id WHERE r.level <> 'city'",
    "centre": "SELECT c.id, c.name, c.tier AS kind, d.code AS district, c.street_id, c.lon, c.lat "
              "FROM servicecenter c JOIN region d ON d.id = c.district_id",
    "building": "SELECT b.id, b.name, b.kind, d.code AS district, b.street_id, b.lon, b.lat "
                "FROM building b JOIN region d ON d.id = b.district_id",
    "project": "SELECT p.id, p.title AS name, 'project' AS kind, d.code AS district, p.street_id, p.lon, p.lat "
               "FROM partyproject p JOIN region d ON d.id = p.district_id",
}


def use_store(url: str, monkeypatch) -> None:
    monkeypatch.setenv("DATABASE_URL", url)
    st.cache_data.clear()


def located_points(url: str) -> pd.DataFrame:
    engine = make_engine(url)
    with engine.connect() as conn:
        frames = [pd.DataFrame(conn.execute(text(sql)).mappings().all()).assign(table=table)
                  for table, sql in POINTS_SQL.items()]
    engine.dispose()
    df = pd.concat(frames, ignore_index=True)
    return df[df["lon"].notna() & df["lat"].notna()].reset_index(drop=True)


def street_cells(url: str, monkeypatch) -> dict[int, shapely.Geometry]:
    """street id -> the area the centre map draws for it."""
    from components.loaders import centres as cl

    use_store(url, monkeypatch)
    engine = make_engine(url)
    with engine.connect() as conn:
        district_ids = [i for (i,) in conn.execute(text("SELECT id FROM region WHERE level = 'district'"))]
    engine.dispose()
    cells = {a.street_id: shapely.geometry.shape(a.geometry) for d in district_ids for a in cl.street_areas(d)}
    assert len(cells) == len(geography.streets())
    return cells


def outside_report(points: pd.DataFrame, cells: dict[int, shapely.Geometry]) -> pd.DataFrame:
    """The points that are not inside their district's outline by the margin, or not in their street's cell."""
    bad = []
    for code, group in points.groupby("district"):
        outline = geography.district_shape(code)
        edge = to_metres(outline.boundary)
        x, y = group["lon"].to_numpy(float), group["lat"].to_numpy(float)
        inside = shapely.contains_xy(outline, x, y)
        margin = shapely.distance(edge, to_metres(shapely.points(np.column_stack([x, y]))))
        in_cell = np.array([True if pd.isna(s) else cells[int(s)].contains(shapely.Point(a, b))
                            for s, a, b in zip(group["street_id"], x, y, strict=True)])
        wrong = ~inside | (margin < MARGIN_M) | ~in_cell
        bad.append(group[wrong].assign(inside=inside[wrong], margin_m=margin[wrong], in_cell=in_cell[wrong]))
    return pd.concat(bad, ignore_index=True)


def check_store(url: str, monkeypatch) -> None:
    points = located_points(url)
    kinds = set(points["kind"])
    assert {"district", "street", "community", "tower", "residential", "park", "market", "project"} <= kinds
    assert {"district", "street", "community", "park", "market", "tower"} <= set(points.loc[points["table"] == "centre", "kind"])
    cells = street_cells(url, monkeypatch)
    bad = outside_report(points, cells)
    assert bad.empty, f"{len(bad)} of {len(points)} points misplaced:\n{bad.head(20).to_string()}"
    # the city centre (region: the city, address 福田区) sits inside 福田区
    engine = make_engine(url)
    with engine.connect() as conn:
        lon, lat = conn.execute(text("SELECT lon, lat FROM servicecenter WHERE tier = 'city'")).one()
    engine.dispose()
    assert geography.inside_own_district(["福田区"], [lon], [lat]).all()
    check_suggestions(url, monkeypatch, cells)


def check_suggestions(url: str, monkeypatch, cells: dict[int, shapely.Geometry]) -> None:
    """Sites proposed for the city, every district and the streets of 罗湖 and 南湾 at two radii."""
    from components.loaders import centres as cl

    use_store(url, monkeypatch)
    engine = make_engine(url)
    with engine.connect() as conn:
        districts = conn.execute(text("SELECT id, code FROM region WHERE level = 'district'")).all()
        streets = conn.execute(text("SELECT s.id, s.district_id FROM region s JOIN region d ON d.id = s.district_id "
                                    "WHERE s.level = 'street' AND (d.name = :a OR s.name = :b)"),
                               {"a": cal.LUOHU, "b": cal.NANWAN}).all()
        street_of = dict(conn.execute(text("SELECT name, id FROM region WHERE level = 'street'")).all())
    engine.dispose()
    areas = [CITY] + [Area(d) for d, _ in districts] + [Area(d, s) for s, d in streets]
    proposed = 0
    for area in areas:
        for radius in (300, 1000):
            plan = cl.suggestion(FULL, area, cal.YEARS[-1], CENTRE_TIERS, radius, 20)
            sites = plan.sites
            proposed += len(sites)
            assert plan.outside == 0
            inside = geography.inside_own_district(sites["district"], sites["lon"], sites["lat"])
            assert inside.all(), sites[~inside]
            for s, x, y in zip(sites["street"], sites["lon"], sites["lat"], strict=True):
                assert cells[street_of[s]].contains(shapely.Point(x, y)), (s, x, y)
            if area.district_id is not None:
                assert set(sites["district"]) <= {_district_name(area.district_id, districts)}
    assert proposed > 100


def _district_name(district_id: int, districts) -> str:
    code = next(c for i, c in districts if i == district_id)
    return next(d.name for d in geography.districts() if d.code == code)


@pytest.mark.backends("sqlite")  # geometry does not depend on the back-end
def test_demo_store_points_and_suggested_sites_lie_in_their_district_and_street(demo_db, monkeypatch):
    check_store(demo_db, monkeypatch)


@pytest.mark.slow
def test_shenzhen_store_points_and_suggested_sites_lie_in_their_district_and_street(tmp_path, monkeypatch):
    url = f"sqlite:///{tmp_path / 'shenzhen.db'}"
    engine = make_engine(url)
    demo.build(engine, scale="shenzhen")
    engine.dispose()
    check_store(url, monkeypatch)


def test_named_places_stay_put_inside_their_district_and_street():
    """京基100, 地王大厦 and 文锦广场 (and 腾讯滨海大厦 in 南山): their positions lie ≥ 150 m inside their district
    (the store tests check that the towers stay there and lie in the cells of their own streets)."""
    district_of = {s.name: s.district_code for s in geography.streets()}
    for name, street, _floors, lon, lat in cal.LANDMARK_TOWERS:
        outline = geography.district_shape(district_of[street])
        assert outline.contains(shapely.Point(lon, lat)), name
        assert to_metres(outline.boundary).distance(to_metres(shapely.Point(lon, lat))) > PLACE_MARGIN_M, name


@pytest.mark.backends("sqlite")
def test_imported_street_boundaries_replace_the_illustrative_cells(store, monkeypatch):
    """Once the GIS office's outline of a street is imported, the map draws the district's imported
    boundaries only, as boundaries (official), and no illustrative cell."""
    import json

    from components.loaders import centres as cl
    from data.importing import commit, preview

    (district_id,) = store.query("SELECT id FROM region WHERE level = 'district' AND name = ?", cal.LUOHU)[0]
    use_store(store.url, monkeypatch)
    cells = cl.street_areas(district_id)
    assert len(cells) == 10 and not any(a.official for a in cells)
    guiyuan = next(a for a in cells if a.name == "桂园街道")
    outline = {"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"name": "桂园街道"}, "geometry": guiyuan.geometry}]}
    engine = store.engine()
    plan = preview(engine, "boundaries", json.dumps(outline, ensure_ascii=False).encode(), "桂园.geojson")
    assert plan.ok, plan.problems
    commit(engine, store.url, plan, actor="测试员")
    engine.dispose()
    st.cache_data.clear()
    after = cl.street_areas(district_id)
    assert [(a.name, a.official) for a in after] == [("桂园街道", True)]


NAMED = {**{n: ("park", cal.NANWAN) for n, _lon, _lat in cal.NANWAN_NAMED_PARKS},
         **{n: (kind, street) for n, kind, street, _lon, _lat in cal.NAMED_PLACES},
         "腾讯滨海大厦": ("tower", "粤海街道")}
NAMED_DISTRICTS = {cal.NANWAN: "龙岗区", "翠竹街道": "罗湖区", "南湖街道": "罗湖区", "清水河街道": "罗湖区",
                   "粤海街道": "南山区"}


def test_named_real_places_exist_in_their_street_on_land_inside_its_district():
    """The parks on 布澜路 (兆驰, 联创科技园, 李朗珠宝创新园, 康利城, 182创意设计园), 水贝珠宝片区, 人民南商业街区,
    深圳市互联网产业园, 深圳湾创业广场 and 腾讯滨海大厦 are buildings of the demo at their (approximate) real
    positions, in their real street, which lies in the right district; each is ≥ 150 m inside that district's
    land outline and inside its street's illustrative cell; the 腾讯 and 深圳湾创业广场 centres sit on them."""
    world = demo.generate(scale="demo")
    buildings = {b["name"]: b for b in world.buildings}
    for name, (kind, street) in NAMED.items():
        b = buildings[name]
        region = world.regions[b["street_id"] - 1]
        district = world.regions[b["district_id"] - 1]["name"]
        assert (b["kind"], region["name"], district) == (kind, street, NAMED_DISTRICTS[street]), name
        assert b["org_id"] is not None, f"{name} has a Party organisation"
        outline = geography.district_shape(geography.district_code_of(district))
        point = shapely.Point(b["lon"], b["lat"])
        assert outline.contains(point), name
        assert to_metres(outline.boundary).distance(to_metres(point)) > PLACE_MARGIN_M, name
        assert world.areas[b["street_id"]].contains(b["lon"], b["lat"]), f"{name} outside {street}'s cell"
    nanwan_parks = [b["name"] for b in world.buildings if b["kind"] == "park"
                    and world.regions[b["street_id"] - 1]["name"] == cal.NANWAN]
    assert nanwan_parks == [n for n, _lon, _lat in cal.NANWAN_NAMED_PARKS]  # the five park committees of 003
    centres = {c["name"]: c for c in world.centres}
    for centre, host, tier in (("腾讯公司党群服务中心", "腾讯滨海大厦", "tower"),
                               ("深圳湾创业广场党群服务中心", "深圳湾创业广场", "park")):
        c = centres[centre]
        assert (c["tier"], c["lon"], c["lat"]) == (tier, buildings[host]["lon"], buildings[host]["lat"])
        assert world.regions[c["street_id"] - 1]["name"] == "粤海街道"
    assert centres["深圳湾创业广场党群服务中心"]["function_rooms"] == 10  # "10个服务区域" [001]
    assert len(world.centres) == cal.TOTAL_CENTRES
