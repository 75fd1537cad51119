"""The building map: offline, one circle per located building, safe with any name, clicks read back."""

from __future__ import annotations

import json

import numpy as np
from streamlit_folium import _get_map_string

from components.buildings import map as bm
from components.ui.charts import PARTY_RED
from components.ui.map_assets import remote_asset_urls
from tests.components.buildings.test_views import listing


def circles(m) -> list[list]:
    layer = next(c for c in m._children.values() if isinstance(c, bm.CircleLayer))
    return json.loads(layer.rows_json)


def test_map_is_offline_and_draws_each_located_building_once():
    m = bm.building_map(listing(), size_by="firms", kind="tower", basemap="none", district="罗湖区")
    assert remote_asset_urls(m) == []
    rows = circles(m)
    assert len(rows) == 3  # the fourth building has no coordinates
    by_name = {r[4]: r for r in rows}
    assert by_name["京基100大厦"][3] == 1 and by_name["文锦广场(东)"][3] == 0  # covered flag -> colour
    layer = next(c for c in m._children.values() if isinstance(c, bm.CircleLayer))
    assert json.loads(layer.fill) == [bm.UNCOVERED_FILL, PARTY_RED]
    assert by_name["京基100大厦"][:2] == [22.541, 114.108]
    radii = [by_name[n][2] for n in ("京基100大厦", "地王大厦", "文锦广场(东)")]  # 160, 90, 40 firms
    assert radii == sorted(radii, reverse=True) and bm.MIN_RADIUS <= min(radii) and max(radii) == bm.max_radius(3)
    assert [r[3] for r in rows] == [1, 1, 0]  # uncovered drawn last, on top
    assert [by_name["京基100大厦"][i] for i in (5, 6, 7)] == [160, 0, "B1"]  # size, metres, code
    assert by_name["地王大厦"][6] == 250
    labels = json.loads(layer.labels)
    assert labels["status"] == ["未覆盖", "已覆盖"] and labels["near"] == "最近党群服务中心 {d} 米" and labels["tag"] == "b"


def test_circles_get_smaller_as_there_are_more():
    assert bm.max_radius(41) > bm.max_radius(600) > bm.max_radius(2800) >= bm.MIN_RADIUS + 2


def test_names_cannot_break_the_script_or_reach_the_template_engine():
    df = listing(name=["</script><script>alert(1)</script>", "{{ 7 * 7 }}", "a & b", "小楼"])
    m = bm.building_map(df, size_by="members", kind="tower", basemap="none", district=None)
    html = m.get_root().render()
    assert "<script>alert(1)" not in html and "{{ 7 * 7 }}" in html
    assert "<script>alert(1)" not in _get_map_string(m)
    names = [r[4] for r in circles(m)]  # escaped for the tooltip HTML they go into
    assert "&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;" in names and "a &amp; b" in names


def test_gaode_basemap_shifts_the_circles_to_gcj02():
    wgs = circles(bm.building_map(listing(), size_by="firms", kind="tower", basemap="none", district=None))
    gcj = circles(bm.building_map(listing(), size_by="firms", kind="tower", basemap="amap", district=None))
    shift_m = np.hypot((gcj[0][0] - wgs[0][0]) * 111_000, (gcj[0][1] - wgs[0][1]) * 102_500)
    assert 300 < shift_m < 800  # GCJ-02 is a few hundred metres off WGS-84 in Shenzhen


def test_a_click_on_a_circle_gives_its_building_code():
    value = {"last_object_clicked": {"lat": 22.541, "lng": 114.108}, "last_object_clicked_count": 3,
             "last_object_clicked_tooltip": "京基100大厦 企业数 160 · 覆盖：京基100大厦联合党委 #b:B440303-T001"}
    assert bm.clicked_code(value) == ("B440303-T001", 3)
    district = {**value, "last_object_clicked_tooltip": "罗湖区 #d:罗湖区"}
    assert bm.clicked_code(district) is None and bm.clicked_code(None) is None
