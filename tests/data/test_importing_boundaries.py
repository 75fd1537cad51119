"""Boundaries from the GIS office: GeoJSON outlines matched to regions, checked feature by feature."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from data import geography
from data.importing import ImportRejected, commit, preview
from data.importing.files import boundaries_geojson
from models.geo import wgs84_to_gcj02_arrays
from tests.data.importing_support import kept_store, problems_at, store  # noqa: F401 - fixtures

SQUARE = [[114.12, 22.54], [114.13, 22.54], [114.13, 22.55], [114.12, 22.55], [114.12, 22.54]]


def feature(props: dict, coords=None, gtype: str = "Polygon") -> dict:
    coords = [SQUARE] if coords is None else coords
    return {"type": "Feature", "properties": props, "geometry": {"type": gtype, "coordinates": coords}}


def collection(*features: dict, **extra) -> bytes:
    return json.dumps({"type": "FeatureCollection", "features": list(features), **extra}, ensure_ascii=False).encode()


def test_district_outlines_of_the_reference_import_and_come_back_out(store):
    data = json.dumps(geography.district_outlines(), ensure_ascii=False).encode("utf-8")
    engine = store.engine()
    plan = preview(engine, "boundaries", data, "districts.geojson")
    assert plan.ok, plan.problems
    assert plan.counts() == {"add": 10, "update": 0, "same": 0}
    commit(engine, store.url, plan, actor="测试员")
    assert store.count("boundary", "level = 'district' AND district_id = region_id") == 10
    with engine.connect() as conn:
        out = boundaries_geojson(conn)
    assert {f["properties"]["code"] for f in out["features"]} == {d.code for d in geography.districts()}
    again = preview(engine, "boundaries", data, "districts.geojson")  # same file again: nothing to do
    assert again.counts() == {"add": 0, "update": 0, "same": 10}
    engine.dispose()


def test_gcj02_outlines_are_stored_as_wgs84_and_matched_by_name_when_unique(store):
    lon, lat = wgs84_to_gcj02_arrays([p[0] for p in SQUARE], [p[1] for p in SQUARE])
    shifted = [[float(x), float(y)] for x, y in zip(lon, lat, strict=True)]
    data = collection(feature({"name": "湖贝社区"}, [shifted]))
    engine = store.engine()
    plan = preview(engine, "boundaries", data, "湖贝.geojson", crs="GCJ-02")
    assert plan.ok, plan.problems
    commit(engine, store.url, plan, actor="测试员")
    engine.dispose()
    (geometry,) = store.query("SELECT b.geometry FROM boundary b JOIN region r ON r.id = b.region_id "
                              "WHERE r.code = '440303003001'")[0]
    ring = json.loads(geometry)["coordinates"][0]
    assert all(abs(a - b) < 1e-6 for p, q in zip(ring, SQUARE, strict=True) for a, b in zip(p, q, strict=True))


BAD = {
    "no_code": (collection(feature({"备注": "x"})), {(1, "properties.code", "feature_no_code")}),
    "unknown_region": (collection(feature({"code": "440303"}), feature({"code": "449999"})),
                       {(2, "properties.code", "region_missing")}),
    "projected": (collection(feature({"code": "440303"}, [[[12700000, 2580000], [12710000, 2580000],
                                                           [12710000, 2590000], [12700000, 2580000]]])),
                  {(1, "geometry", "projected")}),
    "point": (collection({"type": "Feature", "properties": {"code": "440303"},
                          "geometry": {"type": "Point", "coordinates": [114.1, 22.5]}}),
              {(1, "geometry", "geometry_type")}),
    "outside": (collection(feature({"code": "440303"}, [[[116.3, 39.9], [116.4, 39.9], [116.4, 40.0],
                                                         [116.3, 39.9]]])), {(1, "geometry", "outside_shenzhen")}),
    "short_ring": (collection(feature({"code": "440303"}, [[[114.1, 22.5], [114.2, 22.5]]])),
                   {(1, "geometry", "bad_ring")}),
    "duplicate": (collection(feature({"code": "440303"}), feature({"adcode": 440303})),
                  {(1, "properties.code", "duplicate_key"), (2, "properties.code", "duplicate_key")}),
    "projected_crs": (collection(feature({"code": "440303"}),
                                 crs={"type": "name", "properties": {"name": "EPSG:3857"}}),
                      {(None, "crs", "unsupported_crs")}),
    "not_json": (b"<kml></kml>", {(1, "", "bad_json")}),
    "not_features": (json.dumps({"type": "Polygon", "coordinates": [SQUARE]}).encode(),
                     {(None, "", "not_features")}),
    "empty": (collection(), {(None, "", "no_features")}),
}


@pytest.mark.parametrize("case", sorted(BAD))
def test_bad_features_are_named_and_nothing_is_written(kept_store, case):
    data, expected = BAD[case]
    before = kept_store.checksum()
    engine = kept_store.engine()
    plan = preview(engine, "boundaries", data, f"{case}.geojson")
    assert problems_at(plan) == expected
    with pytest.raises(ImportRejected):
        commit(engine, kept_store.url, plan, actor="测试员")
    engine.dispose()
    assert kept_store.checksum() == before


def test_a_json_syntax_error_names_its_line_in_the_reasons_language():
    from data.importing import boundaries

    with pytest.raises(ImportRejected) as caught:
        boundaries.parse(b'{"type": "FeatureCollection",\n "features": [}', pd.DataFrame(), crs="WGS-84")
    [problem] = caught.value.problems
    assert problem.text("zh").startswith("不是有效的 GeoJSON（第 2 行：")
    assert problem.text("en").startswith("Not valid GeoJSON (line 2: ")
