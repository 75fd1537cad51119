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


def test_nearest_on_many_points_is_the_nearest_of_all_sites():
    """Thousands of places (the tile-by-tile path): sites dense in the west, a few far apart in the east,
    so some places have their nearest centre many tiles away; some coordinates missing."""
    rng = np.random.default_rng(7)
    p_lon, p_lat = rng.uniform(113.8, 114.6, 6000), rng.uniform(22.45, 22.85, 6000)
    p_lon[::500] = np.nan
    s_lon = np.concatenate([rng.uniform(113.8, 114.0, 300), rng.uniform(114.3, 114.6, 5)])
    s_lat = np.concatenate([rng.uniform(22.45, 22.85, 300), rng.uniform(22.45, 22.85, 5)])
    s_lat[3] = np.nan
    got = coverage.nearest(p_lon, p_lat, s_lon, s_lat)
    located = ~np.isnan(p_lon)
    # every place against every centre, in the module's projection (haversine orders a few near-ties otherwise)
    p, s = coverage._xy(p_lon, p_lat)[located], coverage._xy(s_lon, s_lat)
    planar = np.sqrt(((p[:, None, :] - s[None, :, :]) ** 2).sum(axis=2))
    np.testing.assert_array_equal(got.index[located], np.nanargmin(planar, axis=1))
    full = haversine_m(p_lon[:, None], p_lat[:, None], s_lon[None, :], s_lat[None, :])
    np.testing.assert_allclose(got.distance_m[located], np.nanmin(full[located], axis=1), rtol=2e-3)
    assert (got.index[~located] == -1).all() and np.isinf(got.distance_m[~located]).all()
    assert got.distance_m[located].max() > 15_000  # some places have their nearest centre far away


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


def test_comparing_every_pair_and_the_tree_find_the_same_nearest_sites(monkeypatch):
    """Small inputs compare every point with every site (no scipy import on the server's start), large ones
    ask a k-d tree: the same site for every point, ties (two centres at one address) to the lower index."""
    rng = np.random.default_rng(11)
    p_lon, p_lat = rng.uniform(113.8, 114.6, 700), rng.uniform(22.45, 22.85, 700)
    s_lon, s_lat = rng.uniform(113.8, 114.6, 400), rng.uniform(22.45, 22.85, 400)
    s_lon[200:210], s_lat[200:210] = s_lon[100:110], s_lat[100:110]  # ten centres sharing an address
    p_lon[:10], p_lat[:10] = s_lon[100:110] + 1e-5, s_lat[100:110]  # places right next to them
    s_lon[7], p_lat[3] = np.nan, np.nan
    assert len(p_lon) * len(s_lon) <= coverage.SMALL_PAIRS
    small = coverage.nearest(p_lon, p_lat, s_lon, s_lat)
    monkeypatch.setattr(coverage, "SMALL_PAIRS", 0)
    tree = coverage.nearest(p_lon, p_lat, s_lon, s_lat)
    np.testing.assert_array_equal(small.index, tree.index)
    np.testing.assert_allclose(small.distance_m, tree.distance_m, rtol=1e-12)
    assert set(small.index[:10]) - {-1} <= set(range(100, 110))  # the lower index of each shared address
