"""Walking-distance coverage: nearest service centre, who is within reach, and where new centres help most.

Points are WGS-84 lon/lat arrays. Distances use an equirectangular projection around Shenzhen's
latitude, which stays within 0.2 % of the great circle across the city (2 m at 1 km) and lets a k-d tree
(scipy.spatial.cKDTree) answer the spatial searches. Sites without coordinates are NaN and never count as in reach.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

EARTH_RADIUS_M = 6_371_008.8
REF_LAT = 22.6  # Shenzhen
DEFAULT_RADIUS_M = 1000
RADIUS_RANGE_M = (300, 3000)


def _xy(lon: np.ndarray, lat: np.ndarray) -> np.ndarray:
    k = np.pi / 180.0 * EARTH_RADIUS_M
    return np.column_stack([np.asarray(lon, float) * k * np.cos(np.radians(REF_LAT)), np.asarray(lat, float) * k])


@dataclass(frozen=True)
class Nearest:
    """For each query point: index of the nearest site (-1 if none) and the distance in metres (inf if none)."""

    index: np.ndarray
    distance_m: np.ndarray


# Up to this many point-site pairs the distances are compared all at once (a few MB, a few ms): the city's
# community seats against its centres, 总览's reach, need no k-d tree and so no scipy import on a server's start.
SMALL_PAIRS = 2_000_000
_TIE = 1e-12  # sites within this relative distance of the nearest count as equally near (the lowest index wins)


def _all_pairs(q: np.ndarray, s_valid: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    d = np.sqrt(((q[:, None, :] - s_valid[None, :, :]) ** 2).sum(axis=2))
    best = d.min(axis=1)
    j = np.argmax(d <= best[:, None] * (1 + _TIE), axis=1)  # the first (lowest) index among the nearest
    return best, j.astype(np.int64)


def nearest(points_lon, points_lat, sites_lon, sites_lat) -> Nearest:
    """Nearest site for every point (points or sites without coordinates are skipped).

    A k-d tree of the sites (scipy's cKDTree) answers each point in logarithmic time; up to SMALL_PAIRS
    point-site pairs every distance is compared instead. Among equally near sites the lowest index wins, as
    when comparing the sites in order: the tree is asked for the two nearest, and the few points whose two
    are equally near (two centres at one address) are settled by looking at every site at that distance."""
    p = _xy(points_lon, points_lat)
    s = _xy(sites_lon, sites_lat)
    s_ok = ~np.isnan(s).any(axis=1)
    s_valid, s_index = s[s_ok], np.flatnonzero(s_ok)
    n = len(p)
    index = np.full(n, -1, dtype=np.int64)
    dist = np.full(n, np.inf)
    todo = np.flatnonzero(~np.isnan(p).any(axis=1))
    if len(s_valid) == 0 or len(todo) == 0:
        return Nearest(index, dist)
    q = p[todo]
    if len(q) * len(s_valid) <= SMALL_PAIRS:
        d, j = _all_pairs(q, s_valid)
        index[todo], dist[todo] = s_index[j], d
        return Nearest(index, dist)
    from scipy.spatial import cKDTree  # imported where a tree is built (~0.3 s of CPU to import)

    tree = cKDTree(s_valid)
    if len(s_valid) == 1:
        d, j = tree.query(q, k=1)
        j = np.asarray(j, dtype=np.int64)
    else:
        d2, j2 = tree.query(q, k=2)
        d, j = d2[:, 0], j2[:, 0].astype(np.int64)
        for row in np.flatnonzero(d2[:, 1] <= d):
            reach = d[row] * (1 + _TIE)
            near = np.asarray(tree.query_ball_point(q[row], reach), dtype=np.int64)
            near = near[np.sqrt(((s_valid[near] - q[row]) ** 2).sum(axis=1)) <= reach]
            j[row] = near.min() if len(near) else j[row]
    index[todo], dist[todo] = s_index[j], d
    return Nearest(index, dist)


def within(distance_m: np.ndarray, radius_m: float) -> np.ndarray:
    """Boolean mask: the nearest site is within `radius_m`."""
    return np.asarray(distance_m) <= radius_m


def pairs_within(a_lon, a_lat, b_lon, b_lat, radius_m: float) -> tuple[np.ndarray, np.ndarray]:
    """Index pairs (i, j) with a[i] within `radius_m` of b[j], sorted by i then j; points without
    coordinates reach nothing.

    Two k-d trees (scipy's cKDTree) find the pairs, so memory and time grow with the number of pairs, not
    with len(a) x len(b) (4,000 unreached places would otherwise make a 16-million-cell matrix). The
    trees are asked with a hair more than the radius and the pairs are then kept by the squared distance
    <= radius², so that a pair exactly at the radius counts the same whatever the tree's rounding."""
    a, b = _xy(a_lon, a_lat), _xy(b_lon, b_lat)
    ia, ib = np.flatnonzero(~np.isnan(a).any(axis=1)), np.flatnonzero(~np.isnan(b).any(axis=1))
    empty = np.zeros(0, dtype=np.int64)
    r = float(radius_m)
    if len(ia) == 0 or len(ib) == 0 or r < 0:
        return empty, empty
    pa, pb = a[ia], b[ib]
    from scipy.spatial import cKDTree

    found = cKDTree(pa).sparse_distance_matrix(cKDTree(pb), r * (1 + 1e-9) + 1e-6, output_type="ndarray")
    i, j = found["i"].astype(np.int64), found["j"].astype(np.int64)
    near = ((pa[i] - pb[j]) ** 2).sum(axis=1) <= r * r
    i, j = i[near], j[near]
    order = np.lexsort((j, i))
    return ia[i[order]], ib[j[order]]


@dataclass(frozen=True)
class Greedy:
    """Chosen candidate indices in order, the demand each one newly reaches, and who is reached at the end."""

    chosen: np.ndarray
    gains: np.ndarray
    covered: np.ndarray


def greedy_sites(cand_lon, cand_lat, demand_lon, demand_lat, *, radius_m: float, k: int,
                 covered=None, weights=None) -> Greedy:
    """Greedy maximal coverage: up to k candidates, each adding the most not-yet-reached demand weight.

    Existing centres stay fixed: what they reach is passed as `covered` and never counts again. Stops
    early when no candidate adds anything. Ties go to the lower candidate index, so the answer is
    deterministic. The greedy choice is within 1 - 1/e of the best possible (Nemhauser et al., 1978).
    """
    n_cand, n_demand = len(np.asarray(cand_lon)), len(np.asarray(demand_lon))
    done = np.zeros(n_demand, dtype=bool) if covered is None else np.asarray(covered, dtype=bool).copy()
    left = (np.ones(n_demand) if weights is None else np.asarray(weights, dtype=float)) * ~done
    ci, dj = pairs_within(cand_lon, cand_lat, demand_lon, demand_lat, radius_m)
    keep = left[dj] > 0  # pairs with already reached demand can never add anything
    ci, dj = ci[keep], dj[keep]
    gain = np.bincount(ci, weights=left[dj], minlength=n_cand)
    by_cand = np.argsort(ci, kind="stable")
    cand_ptr = np.searchsorted(ci[by_cand], np.arange(n_cand + 1))
    by_demand = np.argsort(dj, kind="stable")
    demand_ptr = np.searchsorted(dj[by_demand], np.arange(n_demand + 1))
    chosen, gains = [], []
    for _ in range(max(0, int(k))):
        if n_cand == 0 or gain.max() <= 0:
            break
        best = int(np.argmax(gain))
        reached = dj[by_cand[cand_ptr[best] : cand_ptr[best + 1]]]
        newly = reached[left[reached] > 0]
        # Every candidate that also reaches a newly reached place loses that place's weight.
        touched = np.concatenate([by_demand[demand_ptr[d] : demand_ptr[d + 1]] for d in newly])
        np.subtract.at(gain, ci[touched], left[dj[touched]])
        chosen.append(best)
        gains.append(len(newly))
        done[newly] = True
        left[newly] = 0.0
    return Greedy(np.array(chosen, dtype=np.int64), np.array(gains, dtype=np.int64), done)


REACH_COLUMNS = {"community": "communities", "tower": "towers", "residential": "residential"}


def by_region(kinds, regions, distance_m, *, radius_m: float, names: list[str]) -> pd.DataFrame:
    """Per region in `names`: count, reached count and share for each kind of place, least reached first.

    `kinds`, `regions` and `distance_m` describe one place each (its kind, the region it lies in, the
    distance to its nearest centre). Shares are None where a region has no place of that kind.
    """
    df = pd.DataFrame({"region": np.asarray(regions, dtype=object), "kind": np.asarray(kinds, dtype=object),
                       "reached": np.asarray(distance_m, dtype=float) <= radius_m})
    counts = df.groupby(["region", "kind"])["reached"].agg(["size", "sum"]).unstack("kind", fill_value=0)
    out = pd.DataFrame({"name": names})
    for kind, col in REACH_COLUMNS.items():
        total = counts["size"][kind] if ("size", kind) in counts.columns else pd.Series(dtype=int)
        hit = counts["sum"][kind] if ("sum", kind) in counts.columns else pd.Series(dtype=int)
        out[col] = out["name"].map(total).fillna(0).astype(int)
        out[f"{col}_reached"] = out["name"].map(hit).fillna(0).astype(int)
        out[f"{col}_share"] = (out[f"{col}_reached"] / out[col].where(out[col] > 0)).astype(float)
    out["order"] = range(len(out))
    out = out.sort_values(["communities_share", "order"], na_position="last", kind="stable")
    return out.drop(columns="order").reset_index(drop=True)
