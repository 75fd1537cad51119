"""Shared map blocks: basemaps and the GCJ-02 shift, outlines, symbols, legend, click parsing."""

from __future__ import annotations

import json
import re

import numpy as np
import pytest
from streamlit_folium import _get_map_string

from components.ui import map_layers, maps
from components.ui.map_assets import remote_asset_urls
from data import geography
from models.geo import haversine_m, point_in_polygon

URL = re.compile(r"https?://[^\s\"'<>)]+")


def rendered(m) -> str:
    return m.get_root().render()


def outline_json(html: str) -> dict:
    start = html.index("L.geoJSON(") + len("L.geoJSON(")
    return json.JSONDecoder().raw_decode(html[start:])[0]


def test_default_basemap_loads_nothing_remote():
    m = maps.base_map()
    maps.district_outlines(m)
    html = rendered(m)
    assert URL.findall(html) == []
    assert remote_asset_urls(m) == []
    assert "tileerror" not in html


@pytest.mark.parametrize("basemap, host", [("osm", "tile.openstreetmap.org"), ("amap", "autonavi.com")])
def test_online_basemaps_add_their_tiles_and_the_unreachable_note(basemap, host):
    m = maps.base_map(basemap=basemap)
    html = rendered(m)
    assert [u for u in URL.findall(html) if host not in u] == []
    assert host in html
    assert "tileerror" in html and "底图无法加载" in html
    assert remote_asset_urls(m) == []  # tiles are user-chosen, not JS/CSS assets


def test_unknown_basemap_is_refused():
    with pytest.raises(ValueError):
        maps.base_map(basemap="google")


def test_gcj_shift_is_about_600_m_in_shenzhen_and_round_trips_under_1_m():
    rng = np.random.default_rng(3)
    lon, lat = rng.uniform(113.8, 114.6, 400), rng.uniform(22.45, 22.85, 400)
    x, y = maps.shown(lon, lat, "amap")
    offset = haversine_m(lon, lat, x, y)
    assert 450 < offset.min() and offset.max() < 750
    back_lon, back_lat = maps.stored(x, y, "amap")
    assert haversine_m(lon, lat, back_lon, back_lat).max() < 1.0
    same = maps.shown(lon, lat, "osm")
    np.testing.assert_array_equal(same[0], lon)  # OSM is WGS-84: no shift


def test_outlines_are_shifted_on_the_amap_basemap_only():
    plain, shifted = maps.base_map(basemap="osm"), maps.base_map(basemap="amap")
    for m in (plain, shifted):
        maps.district_outlines(m)
    a, b = outline_json(rendered(plain)), outline_json(rendered(shifted))
    pa = np.array(a["features"][0]["geometry"]["coordinates"][0][0][:20])
    pb = np.array(b["features"][0]["geometry"]["coordinates"][0][0][:20])
    d = haversine_m(pa[:, 0], pa[:, 1], pb[:, 0], pb[:, 1])
    assert (d > 450).all() and (d < 750).all()


def test_points_and_view_are_shifted_with_the_basemap():
    m = maps.base_map(basemap="amap", bounds=None)
    rows = maps.point_rows([114.1081], [22.5411], [1], ["京基100"], "amap")
    lat, lon = rows[0][:2]
    assert 450 < haversine_m(114.1081, 22.5411, lon, lat) < 750
    maps.fit(m, [114.1081], [22.5411], pad_m=0)
    (s, w), _ = m._children[next(k for k in m._children if k.startswith("fit_bounds"))].bounds
    assert abs(s - lat) < 1e-5 and abs(w - lon) < 1e-5


def test_simplified_outlines_keep_every_district_shape():
    simple = map_layers.simplified_outlines()
    assert [f["properties"]["name"] for f in simple["features"]] == [d.name for d in geography.districts()]
    full = json.dumps(geography.district_outlines())
    assert len(json.dumps(simple)) < 0.7 * len(full)
    for d, f in zip(geography.districts(), simple["features"], strict=True):
        assert point_in_polygon(d.lon, d.lat, f["geometry"]), d.name
    assert map_layers.district_at(114.1081, 22.5411) == "罗湖区"  # 京基100
    assert map_layers.district_at(120.0, 30.0) is None


def test_selected_district_is_highlighted_and_outlines_report_clicks():
    m = maps.base_map()
    maps.district_outlines(m, selected="南山区")
    data = outline_json(rendered(m))
    flags = {f["properties"]["name"]: f["properties"]["sel"] for f in data["features"]}
    assert flags["南山区"] is True and sum(flags.values()) == 1
    assert "#d:" in rendered(m)


def test_symbol_rows_skip_unlocated_points_and_escape_labels():
    rows = maps.point_rows([114.0, np.nan], [22.5, np.nan], [1, 2], ["<b>甲</b>", "乙"], "none")
    assert rows == [[22.5, 114.0, 1, "&lt;b&gt;甲&lt;/b&gt;"]]
    m = maps.base_map()
    layer = maps.cluster(m, name="社区", colour="#f29e4c")
    maps.symbols(m, layer, rows, colour="#f29e4c", shape="star", kind="c")
    html = rendered(m)
    assert "pm-star" in html and "\\u0026lt;b\\u0026gt;甲" in html and "<b>甲" not in html
    with pytest.raises(ValueError):
        maps.symbols(m, layer, rows, colour="#000", shape="blob")


def test_scripts_reference_layers_by_the_names_streamlit_folium_gives_them():
    m = maps.base_map()
    outlines = maps.district_outlines(m)
    layer = maps.cluster(m, name="社区", colour="#f29e4c")
    maps.symbols(m, layer, [[22.5, 114.0, 1, "甲"]], colour="#f29e4c", kind="c")
    maps.reach_circles(m, [layer], 800, name="半径")
    maps.layer_control(m)
    rendered(m)
    script = _get_map_string(m)
    used = set(re.findall(r"\b((?:feature_group|marker_cluster)_div_\d+)\b", script))
    assert used and all(re.search(rf"(?:var|let|const) {name} =", script) for name in used), used
    assert outlines.get_name() in script


def test_legend_uses_the_marker_symbols():
    m = maps.base_map()
    maps.legend(m, [maps.LegendItem("市级", "#8b0000", "star"), maps.LegendItem("区界", "#5b6770", "line")],
                title="图例")
    html = rendered(m)
    assert "pm-legend" in html and "市级" in html and "pm-sym pm-star" in html and "pm-swatch" in html


def test_clicked_reads_the_hidden_tag():
    value = {"last_object_clicked": {"lat": 22.5, "lng": 114.0}, "last_object_clicked_tooltip": "南山区#d:南山区",
             "last_object_clicked_count": 3}
    assert maps.clicked(value) == maps.Click("d", "南山区", 22.5, 114.0)
    assert maps.clicked({"last_object_clicked_tooltip": "深圳市党群服务中心#c:17"}).ref == "17"
    assert maps.clicked({"last_object_clicked_tooltip": "no tag"}) is None
    assert maps.clicked(None) is None


def test_convex_hull_of_a_square_with_inner_points():
    lon = np.array([0, 1, 1, 0, 0.5, 0.2, np.nan])
    lat = np.array([0, 0, 1, 1, 0.5, 0.7, 1.0])
    hull = map_layers.convex_hull(lon, lat)
    assert sorted(map(tuple, hull.tolist())) == [(0, 0), (0, 1), (1, 0), (1, 1)]
