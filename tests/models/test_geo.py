"""Tests for models.geo: GCJ-02 transform, haversine, point-in-polygon, Shenzhen bbox."""

from __future__ import annotations


import numpy as np
import pytest


from models.geo import (
    EARTH_RADIUS_M,
    SHENZHEN_BBOX,
    gcj02_to_wgs84,
    gcj02_to_wgs84_arrays,
    haversine_m,
    in_shenzhen,
    point_in_polygon,
    polygon_bounds,
    wgs84_to_gcj02,
    wgs84_to_gcj02_arrays,
)

FUTIAN = (114.06, 22.54)


def shenzhen_grid(n: int = 41) -> tuple[np.ndarray, np.ndarray]:
    min_lon, min_lat, max_lon, max_lat = SHENZHEN_BBOX
    lon, lat = np.meshgrid(np.linspace(min_lon, max_lon, n), np.linspace(min_lat, max_lat, n))
    return lon.ravel(), lat.ravel()


# --- WGS-84 <-> GCJ-02 -------------------------------------------------------


def test_shenzhen_offset_between_400_and_800_m():
    g_lon, g_lat = wgs84_to_gcj02(*FUTIAN)
    offset = haversine_m(FUTIAN[0], FUTIAN[1], g_lon, g_lat)
    assert 400 < offset < 800
    # GCJ-02 shifts Shenzhen east and slightly south.
    assert g_lon > FUTIAN[0]
    assert g_lat < FUTIAN[1]


def test_scalar_api_returns_python_floats():
    g_lon, g_lat = wgs84_to_gcj02(*FUTIAN)
    w_lon, w_lat = gcj02_to_wgs84(g_lon, g_lat)
    assert all(isinstance(v, float) for v in (g_lon, g_lat, w_lon, w_lat))


def test_offset_whole_shenzhen_is_hundreds_of_metres():
    lon, lat = shenzhen_grid()
    g_lon, g_lat = wgs84_to_gcj02_arrays(lon, lat)
    offsets = haversine_m(lon, lat, g_lon, g_lat)
    assert offsets.min() > 400
    assert offsets.max() < 800


def test_round_trip_below_one_metre_on_shenzhen_grid():
    lon, lat = shenzhen_grid()
    g_lon, g_lat = wgs84_to_gcj02_arrays(lon, lat)
    w_lon, w_lat = gcj02_to_wgs84_arrays(g_lon, g_lat)
    err = haversine_m(lon, lat, w_lon, w_lat)
    assert err.max() < 1.0
    # The iteration actually converges far tighter than required.
    assert err.max() < 0.01


def test_round_trip_scalar_matches_arrays():
    lon, lat = shenzhen_grid(7)
    for x, y in zip(lon, lat):
        w = gcj02_to_wgs84(*wgs84_to_gcj02(float(x), float(y)))
        assert haversine_m(x, y, w[0], w[1]) < 1.0


def test_vectorised_matches_scalar():
    lon, lat = shenzhen_grid(5)
    g_lon, g_lat = wgs84_to_gcj02_arrays(lon, lat)
    for i in range(lon.size):
        s_lon, s_lat = wgs84_to_gcj02(float(lon[i]), float(lat[i]))
        assert s_lon == pytest.approx(g_lon[i], abs=1e-12)
        assert s_lat == pytest.approx(g_lat[i], abs=1e-12)


def test_arrays_keep_shape_and_accept_lists():
    lon = np.full((2, 3), FUTIAN[0])
    lat = np.full((2, 3), FUTIAN[1])
    g_lon, g_lat = wgs84_to_gcj02_arrays(lon, lat)
    assert g_lon.shape == g_lat.shape == (2, 3)
    l_lon, _ = wgs84_to_gcj02_arrays([FUTIAN[0]], [FUTIAN[1]])
    assert l_lon.shape == (1,)
    e_lon, e_lat = gcj02_to_wgs84_arrays(np.array([]), np.array([]))
    assert e_lon.size == e_lat.size == 0


def test_identity_outside_china():
    assert wgs84_to_gcj02(2.3522, 48.8566) == (2.3522, 48.8566)
    assert gcj02_to_wgs84(-0.1278, 51.5074) == pytest.approx((-0.1278, 51.5074))


# --- haversine ----------------------------------------------------------------


def test_haversine_one_degree_on_equator_and_meridian():
    one_degree = EARTH_RADIUS_M * np.pi / 180  # 111,195 m
    assert haversine_m(0, 0, 1, 0) == pytest.approx(one_degree, rel=1e-12)
    assert haversine_m(114.0, 22.0, 114.0, 23.0) == pytest.approx(one_degree, rel=1e-12)


def test_haversine_london_paris():
    # Known great-circle distance ~343.5 km (spherical Earth).
    d = haversine_m(-0.1278, 51.5074, 2.3522, 48.8566)
    assert d == pytest.approx(343_500, rel=0.005)


def test_haversine_zero_symmetric_and_vectorised():
    assert haversine_m(*FUTIAN, *FUTIAN) == 0.0
    a = haversine_m(114.0, 22.5, 114.1, 22.6)
    b = haversine_m(114.1, 22.6, 114.0, 22.5)
    assert a == pytest.approx(b)
    out = haversine_m(np.array([114.0, 114.0]), np.array([22.5, 22.5]), 114.1, np.array([22.6, 22.5]))
    assert out.shape == (2,)
    assert out[0] == pytest.approx(a)
    assert isinstance(haversine_m(0, 0, 1, 1), float)


# --- point in polygon ---------------------------------------------------------

OUTER = [[0, 0], [10, 0], [10, 10], [0, 10], [0, 0]]
HOLE = [[4, 4], [6, 4], [6, 6], [4, 6], [4, 4]]
SQUARE_WITH_HOLE = [OUTER, HOLE]
SECOND = [[[20, 20], [30, 20], [30, 30], [20, 30], [20, 20]]]


def test_point_in_square():
    assert point_in_polygon(1, 1, [OUTER]) is True
    assert point_in_polygon(11, 1, [OUTER]) is False
    assert point_in_polygon(-0.5, 5, [OUTER]) is False


def test_point_in_hole_is_outside():
    assert point_in_polygon(5, 5, SQUARE_WITH_HOLE) is False
    assert point_in_polygon(2, 5, SQUARE_WITH_HOLE) is True
    assert point_in_polygon(7, 7, SQUARE_WITH_HOLE) is True


def test_multipolygon():
    multi = [SQUARE_WITH_HOLE, SECOND]
    assert point_in_polygon(25, 25, multi) is True
    assert point_in_polygon(2, 2, multi) is True
    assert point_in_polygon(5, 5, multi) is False
    assert point_in_polygon(15, 15, multi) is False


def test_geometry_dicts_accepted():
    poly = {"type": "Polygon", "coordinates": SQUARE_WITH_HOLE}
    multi = {"type": "MultiPolygon", "coordinates": [SQUARE_WITH_HOLE, SECOND]}
    feature = {"type": "Feature", "properties": {}, "geometry": multi}
    assert point_in_polygon(2, 2, poly) is True
    assert point_in_polygon(25, 25, multi) is True
    assert point_in_polygon(25, 25, feature) is True
    with pytest.raises(ValueError):
        point_in_polygon(0, 0, {"type": "Point", "coordinates": [0, 0]})


def test_point_in_polygon_vectorised():
    multi = [SQUARE_WITH_HOLE, SECOND]
    lon = np.array([1, 5, 25, 15, 9.99, 4.01])
    lat = np.array([1, 5, 25, 15, 9.99, 5.0])
    got = point_in_polygon(lon, lat, multi)
    assert got.dtype == bool
    assert got.tolist() == [True, False, True, False, True, False]


def test_point_in_polygon_concave_and_unclosed_ring():
    # "C" shape, ring not explicitly closed.
    c_shape = [[[0, 0], [3, 0], [3, 1], [1, 1], [1, 2], [3, 2], [3, 3], [0, 3]]]
    assert point_in_polygon(0.5, 1.5, c_shape) is True
    assert point_in_polygon(2, 1.5, c_shape) is False
    assert point_in_polygon(2, 0.5, c_shape) is True


def test_point_in_polygon_many_points_matches_loop():
    rng = np.random.default_rng(0)
    lon = rng.uniform(-5, 35, 2000)
    lat = rng.uniform(-5, 35, 2000)
    multi = [SQUARE_WITH_HOLE, SECOND]
    vec = point_in_polygon(lon, lat, multi)
    loop = [point_in_polygon(float(x), float(y), multi) for x, y in zip(lon[:200], lat[:200])]
    assert vec[:200].tolist() == loop
    in_first = (lon > 0) & (lon < 10) & (lat > 0) & (lat < 10) & ~((lon > 4) & (lon < 6) & (lat > 4) & (lat < 6))
    in_second = (lon > 20) & (lon < 30) & (lat > 20) & (lat < 30)
    assert vec.tolist() == (in_first | in_second).tolist()


def test_polygon_bounds():
    assert polygon_bounds([SQUARE_WITH_HOLE, SECOND]) == (0.0, 0.0, 30.0, 30.0)


# --- Shenzhen bbox ------------------------------------------------------------


def test_in_shenzhen():
    assert SHENZHEN_BBOX == (113.75, 22.39, 114.65, 22.87)
    assert in_shenzhen(*FUTIAN) is True
    assert in_shenzhen(113.26, 23.13) is False  # Guangzhou
    assert in_shenzhen(114.17, 22.30) is False  # Hong Kong, Kowloon
    got = in_shenzhen(np.array([114.06, 113.26, 113.75]), np.array([22.54, 23.13, 22.39]))
    assert got.tolist() == [True, False, True]
