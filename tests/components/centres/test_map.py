"""The centre map: layers per tier, the GCJ-02 shift of every overlay, and what a click does."""

from __future__ import annotations

import json
import re

import numpy as np
import pandas as pd

from components.centres import map as centre_map
from components.shell import filters
from components.ui import maps
from models.geo import haversine_m

CENTRES = pd.DataFrame({
    "id": [1, 2, 3, 4],
    "name": ["深圳市党群服务中心", "罗湖区党群服务中心", "桂园街道党群服务中心", "京基100大厦党群服务中心"],
    "tier": ["city", "district", "street", "tower"],
    "lon": [114.0579, 114.14239, 114.1100, 114.1081],
    "lat": [22.5431, 22.57929, 22.5450, 22.5411],
})
GAPS = pd.DataFrame({"kind": ["residential"], "id": [9], "name": ["玉岭花园"], "distance_m": [1830.0],
                     "lon": [114.17], "lat": [22.63]})
SITES = pd.DataFrame({"rank": [1], "name": ["玉岭花园"], "gain": [4], "lon": [114.17], "lat": [22.63]})
SEATS = pd.DataFrame({"lon": [114.11, 114.12], "lat": [22.55, 22.54]})


def build(basemap="none", **kw):
    args = dict(gaps=GAPS, sites=SITES, seats=SEATS, basemap=basemap, radius_m=1000, show_reach=False,
                district=None, street=None) | kw
    return centre_map.build(CENTRES, **args).get_root().render()


def rows_of(html: str) -> list[list]:
    """The rows of every symbol layer, in order."""
    return [json.loads(m) for m in re.findall(r"rows=(\[\[.*?\]\]), o=", html)]


def test_one_layer_per_tier_clustered_for_n_tiers_only():
    html = build()
    assert html.count("L.markerClusterGroup(") == 2  # street and tower are N tiers; city and district are not
    assert "市级（1）" in html and "商务楼宇（1）" in html and "园区" not in html
    assert "pm-star" in html and "pm-hexagon" in html  # city and tower symbols, also in the legend
    layer_names = [json.loads(f'"{n}"') for n in re.findall(r'"((?:[^"\\]|\\.)*)" : ', html)]
    assert {"服务半径 1000 米", "服务空白（1）", "建议选址（1）", "行政区轮廓"} <= set(layer_names)


def test_every_overlay_is_shifted_on_the_amap_basemap():
    plain, shifted = rows_of(build()), rows_of(build("amap"))
    assert len(plain) == len(shifted) == 6  # 4 tiers, gaps, sites
    for a, b in zip(plain, shifted, strict=True):
        for (lat1, lon1, *_), (lat2, lon2, *_) in zip(a, b, strict=True):
            assert 450 < haversine_m(lon1, lat1, lon2, lat2) < 750


def test_street_gets_an_illustrative_extent_and_district_its_highlight():
    html = build(district="罗湖区", street="桂园街道")
    assert "不是行政边界" in html and "dashArray" in html
    assert '"name":"罗湖区","sel":true' in html
    assert "不是行政边界" not in build(district="罗湖区")


def state_after(value, basemap="none", **state):
    state = {centre_map.MAP_KEY: value, **state}
    drawn = centre_map.positions(CENTRES, basemap)
    centre_map.on_map_change(state, drawn=drawn, basemap=basemap)
    return state


def click(tip, lat, lng):
    return {"last_object_clicked": {"lat": lat, "lng": lng}, "last_object_clicked_tooltip": tip,
            "last_object_clicked_count": 1}


def test_clicking_a_centre_selects_it():
    state = state_after(click("京基100大厦党群服务中心#c:4", 22.5411, 114.1081))
    assert state[centre_map.SELECTED_KEY] == 4


def test_a_stale_centre_tag_from_a_cluster_click_is_ignored():
    state = state_after(click("京基100大厦党群服务中心#c:4", 22.60, 114.20))  # bubble elsewhere
    assert centre_map.SELECTED_KEY not in state


def test_clicking_a_district_outline_filters_page_and_sidebar():
    state = state_after(click("南山区#d:南山区", 22.53, 113.93), **{filters.DISTRICT_KEY: "罗湖区",
                                                                 filters.STREET_KEY: "桂园街道",
                                                                 centre_map.SELECTED_KEY: 4})
    assert state[filters.DISTRICT_KEY] == "南山区" and state[filters.STREET_KEY] == filters.ALL
    assert centre_map.SELECTED_KEY not in state


def test_clicking_the_current_district_from_one_of_its_streets_shows_the_whole_district():
    here = {filters.DISTRICT_KEY: "南山区", filters.STREET_KEY: "粤海街道"}
    assert state_after(click("南山区#d:南山区", 22.53, 113.93), **here)[filters.STREET_KEY] == filters.ALL
    whole = {filters.DISTRICT_KEY: "南山区", filters.STREET_KEY: filters.ALL, centre_map.SELECTED_KEY: 4}
    assert state_after(click("南山区#d:南山区", 22.53, 113.93), **whole)[centre_map.SELECTED_KEY] == 4  # no-op


def test_a_district_tag_whose_position_is_elsewhere_is_ignored():
    state = state_after(click("南山区#d:南山区", 22.5411, 114.1081), **{filters.DISTRICT_KEY: "罗湖区"})
    assert state[filters.DISTRICT_KEY] == "罗湖区"


def test_clicks_on_the_amap_basemap_are_read_in_gcj02():
    lon, lat = maps.shown(113.93, 22.53, "amap")
    state = state_after(click("南山区#d:南山区", float(lat), float(lon)), basemap="amap")
    assert state[filters.DISTRICT_KEY] == "南山区"
    at = centre_map.positions(CENTRES, "amap")[4]
    assert state_after(click("x#c:4", *at), basemap="amap")[centre_map.SELECTED_KEY] == 4
    assert np.isclose(at[0], 22.5411, atol=0.01) and at != (22.5411, 114.1081)


def test_nothing_tagged_changes_nothing():
    assert state_after(None) == {centre_map.MAP_KEY: None}
    assert state_after(click("", 22.5, 114.0)) == {centre_map.MAP_KEY: click("", 22.5, 114.0)}


def test_skipping_st_folium_first_render_sends_the_same_map(monkeypatch):
    import streamlit_folium

    sent = []
    monkeypatch.setattr(streamlit_folium, "_component_func", lambda **kw: sent.append(kw))
    for render in (True, centre_map.RENDER_TWICE):
        m = centre_map.build(CENTRES, gaps=GAPS, sites=SITES, seats=SEATS, basemap="none", radius_m=1000,
                             show_reach=False, district="罗湖区", street=None)
        streamlit_folium.st_folium(m, key="k", returned_objects=maps.RETURNED, render=render)
    full, fast = sent
    for arg in ("script", "header", "html", "js_links", "css_links", "key"):
        assert full[arg] == fast[arg], arg
    assert "pm-legend" in fast["script"] and "pm-icon" in fast["header"]


def cell_areas(official: bool = False) -> tuple:
    from components.loaders.centres import StreetArea

    def square(x0: float, y0: float) -> dict:
        ring = [[x0, y0], [x0 + 0.01, y0], [x0 + 0.01, y0 + 0.01], [x0, y0 + 0.01], [x0, y0]]
        return {"type": "Polygon", "coordinates": [ring]}

    return (StreetArea(1, "桂园街道", square(114.10, 22.54), official),
            StreetArea(2, "东门街道", square(114.11, 22.54), official))


def test_a_selected_district_shows_its_street_cells_as_illustrative_dashed_lines():
    html = build(district="罗湖区", streets=cell_areas())
    assert html.count("示意范围") == 2 and "pm-street-cell" in html and "'4 4'" in html
    assert "街道范围（示意，不是行政边界）" in html  # legend
    assert "#d:罗湖区" in html  # a click on a cell still selects the district
    assert "已导入" not in html
    assert "示意范围" not in build(streets=cell_areas())  # the city view draws no streets


def street_features(html: str) -> list[dict]:
    """The features of the street layer's script (the one whose style reads `var p=f.properties`)."""
    end = html.find("var p=f.properties")
    if end < 0:
        return []
    start = html.rfind("L.geoJSON(", 0, end) + len("L.geoJSON(")
    data, _ = json.JSONDecoder().raw_decode(html[start:end])
    return data["features"]


def test_the_selected_street_is_highlighted_and_fitted_instead_of_a_hull():
    html = build(district="罗湖区", street="桂园街道", streets=cell_areas())
    flags = {f["properties"]["label"].split("（")[0]: f["properties"]["sel"] for f in street_features(html)}
    assert flags == {"桂园街道": True, "东门街道": False}
    assert "点位范围" not in html  # no hull when the street has its cell
    (s, w), (n, e) = centre_map_bounds(html)
    assert abs(w - 114.10) < 1e-6 and abs(e - 114.11) < 1e-6 and abs(s - 22.54) < 1e-6 and abs(n - 22.55) < 1e-6


def centre_map_bounds(html: str):
    found = re.search(r"fitBounds\(\s*(\[\[.*?\]\])", html, re.S)
    return json.loads(found[1])


def test_imported_street_boundaries_are_drawn_as_boundaries_not_as_illustrations():
    html = build(district="罗湖区", streets=cell_areas(official=True))
    assert html.count("已导入的街道边界") == 2 and "街道边界（已导入）" in html
    assert "示意范围" not in html
    assert all(f["properties"]["official"] for f in street_features(html))


def test_street_cells_are_shifted_on_the_amap_basemap():
    plain = street_features(build(district="罗湖区", streets=cell_areas()))
    shifted = street_features(build("amap", district="罗湖区", streets=cell_areas()))
    (lon1, lat1), (lon2, lat2) = plain[0]["geometry"]["coordinates"][0][0], shifted[0]["geometry"]["coordinates"][0][0]
    assert 450 < haversine_m(lon1, lat1, lon2, lat2) < 750


def test_an_imported_street_boundary_is_clickable_and_drills_into_the_street():
    html = build(district="罗湖区", streets=cell_areas(official=True))
    tags = [f["properties"].get("tag", "") for f in street_features(html)]
    assert any("#s:桂园街道" in tag for tag in tags) and any("#s:东门街道" in tag for tag in tags)
    assert all("tag" not in f["properties"] for f in street_features(build(district="罗湖区", streets=cell_areas())))
    state = {centre_map.MAP_KEY: click("桂园街道（已导入的街道边界）#s:桂园街道", 22.545, 114.105),
             filters.DISTRICT_KEY: "罗湖区", centre_map.SELECTED_KEY: 7}
    centre_map.on_map_change(state, drawn={}, basemap="none", streets=("桂园街道", "东门街道"))
    assert state[filters.STREET_KEY] == "桂园街道" and centre_map.SELECTED_KEY not in state
    # a street of another district (or an illustrative cell's name) changes nothing
    other = {centre_map.MAP_KEY: click("x#s:南湾街道", 22.6, 114.1), filters.DISTRICT_KEY: "罗湖区"}
    centre_map.on_map_change(other, drawn={}, basemap="none", streets=("桂园街道",))
    assert filters.STREET_KEY not in other


def test_the_building_map_draws_imported_street_boundaries_only():
    from components.buildings import map as building_map

    df = pd.DataFrame({"code": ["B1"], "name": ["甲大厦"], "lon": [114.105], "lat": [22.545], "covered": [True],
                       "firms": [3], "members": [10], "distance_m": [120.0]})
    real = building_map.building_map(df, size_by="firms", kind="tower", basemap="none", district="罗湖区",
                                     streets=cell_areas(official=True)).get_root().render()
    cells = building_map.building_map(df, size_by="firms", kind="tower", basemap="none", district="罗湖区",
                                      streets=cell_areas()).get_root().render()
    assert "已导入的街道边界" in real and "示意范围" not in cells and "已导入的街道边界" not in cells
