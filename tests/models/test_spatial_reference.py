"""The library-backed spatial functions (shapely, scipy's cKDTree) against brute-force references on
random points with fixed seeds: every point against every site, every ray crossing, every greedy round.

The references share no code with what they check, so a wrong index, a lost tie, a pair missed at the
radius or a point put on the wrong side of an outline makes a test fail.
"""

from __future__ import annotations

import numpy as np
import pytest

from components.ui import map_layers
from data import geography
from models import coverage
from models.geo import point_in_polygon, polygon_bounds



def random_points(rng, n: int, box=(113.80, 22.45, 114.60, 22.85)) -> tuple[np.ndarray, np.ndarray]:
    return rng.uniform(box[0], box[2], n), rng.uniform(box[1], box[3], n)


def planar(lon, lat) -> np.ndarray:
    """The module's equirectangular projection, written out again."""
    k = np.pi / 180.0 * coverage.EARTH_RADIUS_M
    return np.column_stack([np.asarray(lon) * k * np.cos(np.radians(coverage.REF_LAT)), np.asarray(lat) * k])


# --- nearest ------------------------------------------------------------------


def brute_nearest(p_lon, p_lat, s_lon, s_lat) -> tuple[np.ndarray, np.ndarray]:
    """Index of the nearest site (lowest index among exact ties), distance; -1 / inf where none."""
    p, s = planar(p_lon, p_lat), planar(s_lon, s_lat)
    index, dist = np.full(len(p), -1), np.full(len(p), np.inf)
    for i, q in enumerate(p):
        if np.isnan(q).any():
            continue
        d = np.sqrt(((s - q) ** 2).sum(axis=1))
        d[np.isnan(d)] = np.inf
        if np.isfinite(d).any():
            index[i] = int(np.flatnonzero(d == d.min())[0])
            dist[i] = d.min()
    return index, dist


@pytest.mark.parametrize("seed, n_points, n_sites", [(1, 400, 1), (2, 3000, 60), (3, 5000, 900), (4, 200, 2)])
def test_nearest_is_the_brute_force_nearest(seed, n_points, n_sites):
    rng = np.random.default_rng(seed)
    p_lon, p_lat = random_points(rng, n_points)
    s_lon, s_lat = random_points(rng, n_sites)
    p_lon[::97] = np.nan
    if n_sites > 2:
        s_lat[::31] = np.nan
    got = coverage.nearest(p_lon, p_lat, s_lon, s_lat)
    index, dist = brute_nearest(p_lon, p_lat, s_lon, s_lat)
    np.testing.assert_array_equal(got.index, index)
    np.testing.assert_allclose(got.distance_m, dist, rtol=1e-12, atol=1e-6)


def test_nearest_ties_go_to_the_lowest_site_index():
    """Sites repeated at one address (and in shuffled order): the lowest index wins, as in a plain scan."""
    rng = np.random.default_rng(11)
    base_lon, base_lat = random_points(rng, 40)
    order = rng.permutation(120)
    s_lon, s_lat = np.tile(base_lon, 3)[order], np.tile(base_lat, 3)[order]
    p_lon, p_lat = random_points(rng, 2000)
    p_lon[:40], p_lat[:40] = base_lon, base_lat  # points exactly on the sites: distance 0, three-way tie
    got = coverage.nearest(p_lon, p_lat, s_lon, s_lat)
    index, dist = brute_nearest(p_lon, p_lat, s_lon, s_lat)
    np.testing.assert_array_equal(got.index, index)
    np.testing.assert_allclose(got.distance_m, dist, rtol=1e-12, atol=1e-6)
    assert (got.distance_m[:40] == 0).all()


# --- pairs within a radius ---------------------------------------------------------


def brute_pairs(a_lon, a_lat, b_lon, b_lat, radius_m) -> list[tuple[int, int]]:
    a, b = planar(a_lon, a_lat), planar(b_lon, b_lat)
    d2 = ((a[:, None, :] - b[None, :, :]) ** 2).sum(axis=2)
    i, j = np.nonzero(d2 <= radius_m * radius_m)  # NaN compares False
    return list(zip(i.tolist(), j.tolist(), strict=True))


@pytest.mark.parametrize("seed, radius", [(5, 300), (6, 1000), (7, 3000), (8, 0)])
def test_pairs_within_are_the_brute_force_pairs_in_order(seed, radius):
    rng = np.random.default_rng(seed)
    a_lon, a_lat = random_points(rng, 700, (114.0, 22.5, 114.2, 22.65))
    b_lon, b_lat = random_points(rng, 900, (114.0, 22.5, 114.2, 22.65))
    b_lon[:50], b_lat[:50] = a_lon[:50], a_lat[:50]  # shared points: reached even at radius 0
    a_lon[::53] = np.nan
    b_lat[::41] = np.nan
    i, j = coverage.pairs_within(a_lon, a_lat, b_lon, b_lat, radius)
    assert list(zip(i.tolist(), j.tolist(), strict=True)) == brute_pairs(a_lon, a_lat, b_lon, b_lat, radius)


def test_pairs_exactly_at_the_radius_count_as_the_squared_distance_says():
    rng = np.random.default_rng(9)
    a_lon, a_lat = random_points(rng, 300, (114.0, 22.5, 114.1, 22.6))
    # b: each a moved by 1,000 m (in the projection) in a random direction, so d ≈ radius up to rounding
    angle = rng.uniform(0, 2 * np.pi, 300)
    xy = planar(a_lon, a_lat) + 1000.0 * np.column_stack([np.cos(angle), np.sin(angle)])
    k = np.pi / 180.0 * coverage.EARTH_RADIUS_M
    b_lon, b_lat = xy[:, 0] / (k * np.cos(np.radians(coverage.REF_LAT))), xy[:, 1] / k
    i, j = coverage.pairs_within(a_lon, a_lat, b_lon, b_lat, 1000)
    want = brute_pairs(a_lon, a_lat, b_lon, b_lat, 1000)
    assert list(zip(i.tolist(), j.tolist(), strict=True)) == want
    assert 0 < sum(1 for p, q in want if p == q) < 300  # both sides of the radius occur


# --- greedy site choice -----------------------------------------------------------


def brute_greedy(cand_lon, cand_lat, dem_lon, dem_lat, radius_m, k, covered, weights):
    """Recount every candidate's gain each round from the full reach matrix; ties to the lower index."""
    c, d = planar(cand_lon, cand_lat), planar(dem_lon, dem_lat)
    reach = ((c[:, None, :] - d[None, :, :]) ** 2).sum(axis=2) <= radius_m * radius_m
    done = covered.copy()
    chosen, gains = [], []
    for _ in range(k):
        gain = (reach * (weights * ~done)[None, :]).sum(axis=1)
        if len(gain) == 0 or gain.max() <= 0:
            break
        best = int(np.flatnonzero(gain == gain.max())[0])
        newly = reach[best] & ~done
        chosen.append(best)
        gains.append(int(newly.sum()))
        done |= newly
    return chosen, gains, done


@pytest.mark.parametrize("seed, radius, k", [(21, 500, 8), (22, 1000, 15), (23, 2500, 5)])
def test_greedy_sites_match_the_brute_force_greedy(seed, radius, k):
    rng = np.random.default_rng(seed)
    dem_lon, dem_lat = random_points(rng, 600, (114.0, 22.5, 114.25, 22.7))
    dem_lon[::71] = np.nan
    cand = rng.choice(600, 150, replace=False)
    cand_lon, cand_lat = dem_lon[cand], dem_lat[cand]
    covered = rng.random(600) < 0.3
    weights = rng.integers(1, 4, 600).astype(float)  # integral, so every sum is exact
    got = coverage.greedy_sites(cand_lon, cand_lat, dem_lon, dem_lat, radius_m=radius, k=k, covered=covered,
                                weights=weights)
    chosen, gains, done = brute_greedy(cand_lon, cand_lat, dem_lon, dem_lat, radius, k, covered, weights)
    assert got.chosen.tolist() == chosen and got.gains.tolist() == gains
    np.testing.assert_array_equal(got.covered, done)


# --- point in polygon, bounds -----------------------------------------------------


def brute_inside(x: np.ndarray, y: np.ndarray, rings: list[np.ndarray]) -> np.ndarray:
    """Even-odd rule: count the crossings of a ray towards +x from every point with every edge of every
    ring (a points x edges matrix, no index)."""
    x, y = np.asarray(x, float)[:, None], np.asarray(y, float)[:, None]
    odd = np.zeros(len(x), dtype=bool)
    for ring in rings:
        x1, y1 = ring[:, 0][None, :], ring[:, 1][None, :]
        x2, y2 = np.roll(ring[:, 0], -1)[None, :], np.roll(ring[:, 1], -1)[None, :]
        with np.errstate(divide="ignore", invalid="ignore"):
            hit = ((y1 > y) != (y2 > y)) & (x < (x2 - x1) * (y - y1) / (y2 - y1) + x1)
        odd ^= (hit.sum(axis=1) % 2).astype(bool)
    return odd


def star_polygon(rng, cx: float, cy: float, r: float, n: int) -> np.ndarray:
    """A random star-shaped (so simple, often concave) ring around (cx, cy)."""
    angles = np.sort(rng.uniform(0, 2 * np.pi, n))
    radii = rng.uniform(0.35 * r, r, n)
    return np.column_stack([cx + radii * np.cos(angles), cy + radii * np.sin(angles)])


def test_point_in_polygon_matches_ray_crossing_on_random_concave_polygons_with_holes():
    rng = np.random.default_rng(31)
    for _ in range(10):
        outer = star_polygon(rng, 0, 0, 10, 40)
        hole = star_polygon(rng, 0, 0, 2.5, 12)  # inside the outer ring's smallest radius (3.5)
        other = star_polygon(rng, 30, 0, 8, 25)
        multi = [[outer.tolist(), hole.tolist()], [other.tolist()]]
        lon, lat = rng.uniform(-12, 40, 1500), rng.uniform(-12, 12, 1500)
        got = point_in_polygon(lon, lat, multi)
        want = brute_inside(lon, lat, [outer, hole]) | brute_inside(lon, lat, [other])
        assert got.tolist() == want.tolist()
        assert 0 < got.sum() < len(got)
        assert polygon_bounds(multi) == (
            float(min(outer[:, 0].min(), other[:, 0].min())), float(min(outer[:, 1].min(), other[:, 1].min())),
            float(max(outer[:, 0].max(), other[:, 0].max())), float(max(outer[:, 1].max(), other[:, 1].max())),
        )


def test_point_in_polygon_matches_ray_crossing_on_the_real_outlines():
    rng = np.random.default_rng(32)
    lon, lat = random_points(rng, 1500, (113.75, 22.39, 114.65, 22.87))
    for f in geography.district_outlines()["features"]:
        g = f["geometry"]
        polys = g["coordinates"] if g["type"] == "MultiPolygon" else [g["coordinates"]]
        rings = [[np.asarray(r, float) for r in poly] for poly in polys]
        got = point_in_polygon(lon, lat, g)
        want = np.logical_or.reduce([brute_inside(lon, lat, poly) for poly in rings])
        assert got.tolist() == want.tolist(), f["properties"]["name"]


# --- drawn outlines: district_at, convex hull ------------------------------------


def test_district_at_is_the_first_drawn_outline_containing_the_point():
    rng = np.random.default_rng(33)
    lon, lat = random_points(rng, 400, (113.75, 22.39, 114.65, 22.87))
    want = np.full(len(lon), None, dtype=object)
    for f in map_layers.simplified_outlines()["features"]:
        polys = [[np.asarray(r, float) for r in poly] for poly in f["geometry"]["coordinates"]]
        inside = np.logical_or.reduce([brute_inside(lon, lat, poly) for poly in polys])
        want[inside & (want == None)] = f["properties"]["name"]  # noqa: E711 (elementwise)
    assert [map_layers.district_at(float(x), float(y)) for x, y in zip(lon, lat)] == want.tolist()
    assert (want != None).sum() > 100  # noqa: E711


def test_drawn_outlines_stay_close_to_the_reference_outlines():
    """Simplified at ≈ 30 m: every drawn vertex lies within the tolerance of the reference line."""
    import shapely

    for f, drawn in zip(geography.district_outlines()["features"], map_layers.simplified_outlines()["features"],
                        strict=True):
        ref = shapely.geometry.shape(f["geometry"]).boundary
        pts = shapely.points(np.concatenate([np.asarray(r) for p in drawn["geometry"]["coordinates"] for r in p]))
        assert shapely.distance(ref, pts).max() <= map_layers.SIMPLIFY_DEG + 1e-5
        assert shapely.geometry.shape(drawn["geometry"]).is_valid


@pytest.mark.parametrize("seed", [41, 42, 43])
def test_convex_hull_contains_every_point_and_its_corners_are_input_points(seed):
    rng = np.random.default_rng(seed)
    lon, lat = random_points(rng, 300)
    lon[::17] = np.nan
    hull = map_layers.convex_hull(lon, lat)
    pts = np.column_stack([lon, lat])[~np.isnan(lon)]
    corners = {tuple(p) for p in hull.tolist()}
    assert corners <= {tuple(p) for p in pts.tolist()}
    # counter-clockwise and convex: every point is on the left of (or on) every hull edge
    for a, b in zip(hull, np.roll(hull, -1, axis=0), strict=True):
        cross = (b[0] - a[0]) * (pts[:, 1] - a[1]) - (b[1] - a[1]) * (pts[:, 0] - a[0])
        assert (cross >= -1e-12).all()
    # every extreme point (max along random directions) is a corner
    for angle in rng.uniform(0, 2 * np.pi, 50):
        far = pts[np.argmax(pts @ np.array([np.cos(angle), np.sin(angle)]))]
        assert tuple(far) in corners
