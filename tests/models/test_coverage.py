"""Nearest-centre distances against the great-circle formula, and coverage masks."""

from __future__ import annotations

import numpy as np

from models import coverage
from models.geo import haversine_m


def test_nearest_matches_haversine_within_a_fifth_of_a_percent():
    rng = np.random.default_rng(1)
    p_lon, p_lat = rng.uniform(113.8, 114.6, 500), rng.uniform(22.45, 22.85, 500)
    s_lon, s_lat = rng.uniform(113.8, 114.6, 80), rng.uniform(22.45, 22.85, 80)
    got = coverage.nearest(p_lon, p_lat, s_lon, s_lat)
    full = haversine_m(p_lon[:, None], p_lat[:, None], s_lon[None, :], s_lat[None, :])
    np.testing.assert_array_equal(got.index, full.argmin(axis=1))
    np.testing.assert_allclose(got.distance_m, full.min(axis=1), rtol=2e-3)


def test_sites_and_points_without_coordinates_are_skipped():
    got = coverage.nearest(
        np.array([114.0, np.nan]), np.array([22.5, np.nan]),
        np.array([np.nan, 114.01]), np.array([np.nan, 22.5]),
    )
    assert got.index.tolist() == [1, -1]
    assert 1000 < got.distance_m[0] < 1040  # 0.01° of longitude at 22.5° N ≈ 1,028 m
    assert np.isinf(got.distance_m[1])
    assert coverage.within(got.distance_m, 1100).tolist() == [True, False]


def test_no_sites_means_nobody_is_covered():
    got = coverage.nearest(np.array([114.0]), np.array([22.5]), np.array([]), np.array([]))
    assert got.index.tolist() == [-1] and not coverage.within(got.distance_m, 3000).any()
