"""Coverage by region and greedy site suggestion on hand-made points whose answer is known."""

from __future__ import annotations

from itertools import combinations

import numpy as np

from models import coverage

LAT0, LON0 = 22.6, 114.0
M_PER_DEG_LAT = np.pi / 180 * coverage.EARTH_RADIUS_M
M_PER_DEG_LON = M_PER_DEG_LAT * np.cos(np.radians(coverage.REF_LAT))


def reach_matrix(lon, lat, radius_m) -> np.ndarray:
    """Every place against every place in the module's projection (no spatial index)."""
    xy = coverage._xy(lon, lat)
    d2 = ((xy[:, None, :] - xy[None, :, :]) ** 2).sum(axis=2)
    return d2 <= radius_m**2  # NaN compares False: a place without coordinates reaches nothing


def east_of_origin(metres) -> tuple[np.ndarray, np.ndarray]:
    x = np.asarray(metres, dtype=float)
    return LON0 + x / M_PER_DEG_LON, np.full(len(x), LAT0)


# Three places 100 m apart (A), two 100 m apart 5 km away (B), one alone 10 km away (C).
LON, LAT = east_of_origin([0, 100, 200, 5000, 5100, 10000])


def test_greedy_takes_the_densest_cluster_first_then_the_next():
    got = coverage.greedy_sites(LON, LAT, LON, LAT, radius_m=150, k=2)
    assert got.chosen.tolist() == [1, 3]  # the middle of A reaches all three; B's tie goes to the lower index
    assert got.gains.tolist() == [3, 2]
    assert got.covered.tolist() == [True, True, True, True, True, False]


def test_greedy_stops_when_nothing_is_left_to_reach():
    got = coverage.greedy_sites(LON, LAT, LON, LAT, radius_m=150, k=20)
    assert got.chosen.tolist() == [1, 3, 5] and got.gains.tolist() == [3, 2, 1]
    assert got.covered.all()


def test_existing_centres_stay_fixed_and_are_not_counted_again():
    already = np.array([True, True, True, False, False, False])  # an existing centre reaches A
    got = coverage.greedy_sites(LON, LAT, LON, LAT, radius_m=150, k=1, covered=already)
    assert got.chosen.tolist() == [3] and got.gains.tolist() == [2]
    assert already.tolist() == [True, True, True, False, False, False]  # the caller's mask is untouched


def test_radius_changes_the_answer():
    got = coverage.greedy_sites(LON, LAT, LON, LAT, radius_m=5200, k=1)
    assert got.chosen.tolist() == [3] and got.gains.tolist() == [6]  # from B, 5.2 km reaches everything


def test_greedy_is_optimal_for_one_site_and_near_optimal_for_two():
    rng = np.random.default_rng(7)
    for _ in range(20):
        lon, lat = rng.uniform(114.0, 114.05, 25), rng.uniform(22.60, 22.64, 25)
        reach = reach_matrix(lon, lat, 900)
        best1 = reach.sum(axis=1).max()
        assert coverage.greedy_sites(lon, lat, lon, lat, radius_m=900, k=1).gains.sum() == best1
        best2 = max((reach[i] | reach[j]).sum() for i, j in combinations(range(25), 2))
        got2 = coverage.greedy_sites(lon, lat, lon, lat, radius_m=900, k=2).gains.sum()
        assert (1 - 1 / np.e) * best2 <= got2 <= best2


def test_places_without_coordinates_are_never_reached_nor_chosen():
    lon, lat = np.array([LON[0], np.nan]), np.array([LAT[0], np.nan])
    i, j = coverage.pairs_within(lon, lat, lon, lat, 10_000)
    assert list(zip(i.tolist(), j.tolist(), strict=True)) == [(0, 0)]
    got = coverage.greedy_sites(lon, lat, lon, lat, radius_m=10_000, k=3)
    assert got.chosen.tolist() == [0] and got.covered.tolist() == [True, False]


def test_no_candidates_no_sites():
    got = coverage.greedy_sites([], [], LON, LAT, radius_m=500, k=5)
    assert got.chosen.size == 0 and not got.covered.any()


def test_by_region_counts_shares_and_sorts_least_reached_first():
    table = coverage.by_region(
        ["community", "community", "tower", "community", "residential", "residential"],
        ["甲街道", "甲街道", "甲街道", "乙街道", "乙街道", "乙街道"],
        [200, 1500, 900, 3000, 400, np.inf],
        radius_m=1000,
        names=["甲街道", "乙街道", "丙街道"],
    )
    assert table["name"].tolist() == ["乙街道", "甲街道", "丙街道"]  # 0 %, 50 %, no communities
    row = table.set_index("name").loc["甲街道"]
    assert (row.communities, row.communities_reached, row.communities_share) == (2, 1, 0.5)
    assert (row.towers, row.towers_reached, row.towers_share) == (1, 1, 1.0)
    assert np.isnan(row.residential_share)
    row = table.set_index("name").loc["乙街道"]
    assert (row.residential, row.residential_reached) == (2, 1)
    empty = table.set_index("name").loc["丙街道"]
    assert empty.communities == 0 and np.isnan(empty.communities_share)
    wider = coverage.by_region(["community"], ["乙街道"], [3000], radius_m=3000, names=["乙街道"])
    assert wider.communities_share.tolist() == [1.0]
