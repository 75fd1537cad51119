"""Pure geographic helpers: WGS-84 <-> GCJ-02, great-circle distance, point-in-polygon (shapely).

No Streamlit here. Every function accepts Python floats or numpy arrays
(broadcast together); scalar inputs give Python floats/bools back.

Coordinate order is always (lon, lat), as in GeoJSON. Note that folium/Leaflet
want (lat, lon): swap at the map boundary, not here.

GCJ-02 ("Mars coordinates") is the obfuscated datum that Chinese map
providers (AMap/Gaode, Tencent, Google China tiles) use. Raw GPS and most open
data are WGS-84. In Shenzhen the two differ by roughly 500-600 m.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import shapely

# Krasovsky 1940 ellipsoid, as used by the GCJ-02 algorithm.
_GCJ_A = 6378245.0
_GCJ_EE = 0.00669342162296594323

# IUGG mean Earth radius in metres.
EARTH_RADIUS_M = 6371008.8

# (min_lon, min_lat, max_lon, max_lat), WGS-84 degrees.
SHENZHEN_BBOX: tuple[float, float, float, float] = (113.75, 22.39, 114.65, 22.87)

# GCJ-02 is only defined inside (roughly) mainland China; outside this box the
# transform is the identity, as in the usual reference implementations.
_CHINA_BBOX = (72.004, 0.8293, 137.8347, 55.8271)

_INVERSE_TOL_DEG = 1e-10  # ~0.01 mm
_INVERSE_MAX_ITER = 30


def _is_scalar(*values: Any) -> bool:
    return all(np.ndim(v) == 0 for v in values)


def _out(value: np.ndarray, scalar: bool) -> Any:
    if scalar:
        return value.item()
    return value


def _transform_lat(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    ret = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * np.sqrt(np.abs(x))
    ret += (20.0 * np.sin(6.0 * x * np.pi) + 20.0 * np.sin(2.0 * x * np.pi)) * 2.0 / 3.0
    ret += (20.0 * np.sin(y * np.pi) + 40.0 * np.sin(y / 3.0 * np.pi)) * 2.0 / 3.0
    ret += (160.0 * np.sin(y / 12.0 * np.pi) + 320.0 * np.sin(y * np.pi / 30.0)) * 2.0 / 3.0
    return ret


def _transform_lon(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    ret = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * np.sqrt(np.abs(x))
    ret += (20.0 * np.sin(6.0 * x * np.pi) + 20.0 * np.sin(2.0 * x * np.pi)) * 2.0 / 3.0
    ret += (20.0 * np.sin(x * np.pi) + 40.0 * np.sin(x / 3.0 * np.pi)) * 2.0 / 3.0
    ret += (150.0 * np.sin(x / 12.0 * np.pi) + 300.0 * np.sin(x / 30.0 * np.pi)) * 2.0 / 3.0
    return ret


def _in_china(lon: np.ndarray, lat: np.ndarray) -> np.ndarray:
    min_lon, min_lat, max_lon, max_lat = _CHINA_BBOX
    return (lon >= min_lon) & (lon <= max_lon) & (lat >= min_lat) & (lat <= max_lat)


def _gcj_offset(lon: np.ndarray, lat: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(dlon, dlat) in degrees that GCJ-02 adds to a WGS-84 point (0 outside China)."""
    dlat = _transform_lat(lon - 105.0, lat - 35.0)
    dlon = _transform_lon(lon - 105.0, lat - 35.0)
    radlat = lat / 180.0 * np.pi
    magic = 1.0 - _GCJ_EE * np.sin(radlat) ** 2
    sqrtmagic = np.sqrt(magic)
    dlat = (dlat * 180.0) / ((_GCJ_A * (1.0 - _GCJ_EE)) / (magic * sqrtmagic) * np.pi)
    dlon = (dlon * 180.0) / (_GCJ_A / sqrtmagic * np.cos(radlat) * np.pi)
    inside = _in_china(lon, lat)
    return np.where(inside, dlon, 0.0), np.where(inside, dlat, 0.0)


def wgs84_to_gcj02_arrays(lon: Any, lat: Any) -> tuple[np.ndarray, np.ndarray]:
    """Vectorised WGS-84 -> GCJ-02. Returns float64 arrays (lon, lat)."""
    lon_a, lat_a = np.broadcast_arrays(np.asarray(lon, dtype=float), np.asarray(lat, dtype=float))
    dlon, dlat = _gcj_offset(lon_a, lat_a)
    return lon_a + dlon, lat_a + dlat


def gcj02_to_wgs84_arrays(lon: Any, lat: Any) -> tuple[np.ndarray, np.ndarray]:
    """Vectorised GCJ-02 -> WGS-84 by fixed-point iteration.

    Solves wgs + offset(wgs) = gcj. The offset varies slowly, so the iteration
    converges to ~1e-10 degrees in a handful of steps (sub-millimetre).
    """
    g_lon, g_lat = np.broadcast_arrays(np.asarray(lon, dtype=float), np.asarray(lat, dtype=float))
    w_lon, w_lat = g_lon.copy(), g_lat.copy()
    for _ in range(_INVERSE_MAX_ITER):
        f_lon, f_lat = wgs84_to_gcj02_arrays(w_lon, w_lat)
        err_lon, err_lat = f_lon - g_lon, f_lat - g_lat
        w_lon = w_lon - err_lon
        w_lat = w_lat - err_lat
        if w_lon.size == 0 or max(np.nanmax(np.abs(err_lon)), np.nanmax(np.abs(err_lat))) < _INVERSE_TOL_DEG:
            break
    return w_lon, w_lat


def wgs84_to_gcj02(lon: float, lat: float) -> tuple[float, float]:
    """WGS-84 (lon, lat) -> GCJ-02 (lon, lat). Identity outside China."""
    g_lon, g_lat = wgs84_to_gcj02_arrays(lon, lat)
    scalar = _is_scalar(lon, lat)
    return _out(g_lon, scalar), _out(g_lat, scalar)


def gcj02_to_wgs84(lon: float, lat: float) -> tuple[float, float]:
    """GCJ-02 (lon, lat) -> WGS-84 (lon, lat), iterative (round trip error far below 1 m)."""
    w_lon, w_lat = gcj02_to_wgs84_arrays(lon, lat)
    scalar = _is_scalar(lon, lat)
    return _out(w_lon, scalar), _out(w_lat, scalar)


def haversine_m(lon1: Any, lat1: Any, lon2: Any, lat2: Any) -> Any:
    """Great-circle distance in metres on a sphere of radius EARTH_RADIUS_M (vectorised)."""
    scalar = _is_scalar(lon1, lat1, lon2, lat2)
    lon1_r, lat1_r, lon2_r, lat2_r = (np.radians(np.asarray(v, dtype=float)) for v in (lon1, lat1, lon2, lat2))
    dlat = lat2_r - lat1_r
    dlon = lon2_r - lon1_r
    h = np.sin(dlat / 2.0) ** 2 + np.cos(lat1_r) * np.cos(lat2_r) * np.sin(dlon / 2.0) ** 2
    dist = 2.0 * EARTH_RADIUS_M * np.arcsin(np.sqrt(np.clip(h, 0.0, 1.0)))
    return _out(np.asarray(dist), scalar)


def in_shenzhen(lon: Any, lat: Any) -> Any:
    """True where (lon, lat) lies inside SHENZHEN_BBOX (bounds inclusive, vectorised)."""
    scalar = _is_scalar(lon, lat)
    lon_a, lat_a = np.asarray(lon, dtype=float), np.asarray(lat, dtype=float)
    min_lon, min_lat, max_lon, max_lat = SHENZHEN_BBOX
    inside = (lon_a >= min_lon) & (lon_a <= max_lon) & (lat_a >= min_lat) & (lat_a <= max_lat)
    return _out(np.asarray(inside), scalar)


# --- point in polygon (shapely) ---------------------------------------------


def _coords_depth(coords: Any) -> int:
    depth = 0
    node = coords
    while isinstance(node, (list, tuple, np.ndarray)) and len(node) > 0:
        depth += 1
        node = node[0]
    return depth


def polygon(polygon_coords: Any) -> shapely.Geometry:
    """A shapely (Multi)Polygon from a GeoJSON geometry dict, a Feature holding one, Polygon coordinates
    or MultiPolygon coordinates (rings may be left unclosed; rings of fewer than 3 points are dropped).
    A shapely geometry is passed through. Prepare it (shapely.prepare) when it is tested many times."""
    if isinstance(polygon_coords, shapely.Geometry):
        return polygon_coords
    coords = polygon_coords
    if isinstance(coords, dict):
        if coords.get("type") == "Feature":
            coords = coords["geometry"]
        gtype = coords.get("type")
        if gtype not in ("Polygon", "MultiPolygon"):
            raise ValueError(f"point_in_polygon needs a Polygon or MultiPolygon, got {gtype!r}")
        coords = coords["coordinates"]
    depth = _coords_depth(coords)
    if depth == 3:
        polygons = [coords]
    elif depth == 4:
        polygons = list(coords)
    else:
        raise ValueError("polygon_coords must be GeoJSON Polygon or MultiPolygon coordinates")
    parts = []
    for poly in polygons:
        rings = [np.asarray(ring, dtype=float)[:, :2] for ring in poly if len(ring) >= 3]
        if rings:
            parts.append(shapely.Polygon(rings[0], rings[1:]))
    return shapely.MultiPolygon(parts)


def point_in_polygon(lon: Any, lat: Any, polygon_coords: Any) -> Any:
    """True where (lon, lat) is inside a GeoJSON Polygon or MultiPolygon (vectorised).

    polygon_coords may be the "coordinates" of a Polygon (list of rings, the first the outer ring, the
    others holes), of a MultiPolygon (list of those), a Polygon/MultiPolygon geometry dict (or a Feature
    holding one), or a shapely geometry (prepared for speed). Points in a hole are outside; points
    on the outline itself count as inside (shapely.intersects_xy), so that a position rounded onto the
    line stays in its district.
    """
    scalar = _is_scalar(lon, lat)
    lon_a, lat_a = np.broadcast_arrays(np.asarray(lon, dtype=float), np.asarray(lat, dtype=float))
    inside = shapely.intersects_xy(polygon(polygon_coords), lon_a, lat_a)
    return _out(np.asarray(inside, dtype=bool), scalar)


def polygon_bounds(polygon_coords: Any) -> tuple[float, float, float, float]:
    """(min_lon, min_lat, max_lon, max_lat) of a Polygon/MultiPolygon."""
    geom = polygon(polygon_coords)
    if geom.is_empty:
        raise ValueError("empty polygon")
    return tuple(float(v) for v in geom.bounds)


# --- areas in metres: insets and Voronoi cells ---------------------------------------

# Equirectangular projection around Shenzhen's latitude (as models.coverage uses): metres east and
# north, within 0.2 % of the great circle across the city, so buffers and cells are round, not oval.
REF_LAT = 22.6
_M_PER_DEG = np.array([np.pi / 180.0 * EARTH_RADIUS_M * np.cos(np.radians(REF_LAT)), np.pi / 180.0 * EARTH_RADIUS_M])


def to_metres(geom: shapely.Geometry) -> shapely.Geometry:
    """A lon/lat geometry in the city's equirectangular metres."""
    return shapely.transform(geom, lambda xy: xy * _M_PER_DEG)


def to_degrees(geom: shapely.Geometry) -> shapely.Geometry:
    """Back from to_metres()."""
    return shapely.transform(geom, lambda xy: xy / _M_PER_DEG)


def inset(polygon_coords: Any, margin_m: float) -> shapely.Geometry:
    """The part of a (Multi)Polygon at least `margin_m` metres from its edge (empty when none is)."""
    return to_degrees(to_metres(polygon(polygon_coords)).buffer(-float(margin_m)))


def voronoi_cells(outline: Any, lon: Any, lat: Any) -> list[shapely.Geometry]:
    """Voronoi cells of the seats (lon, lat), in metres, clipped to the outline; one per seat, in order.

    Every place of the outline lies in the cell of its nearest seat, which makes a plausible partition
    where no real boundaries are published (the cells of a district's street seats, say). Seats must
    be distinct; a seat outside the outline may get an empty cell."""
    area = to_metres(polygon(outline))
    pts = np.column_stack([np.asarray(lon, dtype=float), np.asarray(lat, dtype=float)]) * _M_PER_DEG
    if len(pts) == 0:
        return []
    if len(pts) == 1:
        return [to_degrees(area)]
    x0, y0, x1, y1 = area.bounds
    frame = shapely.box(min(x0, pts[:, 0].min()), min(y0, pts[:, 1].min()), max(x1, pts[:, 0].max()),
                        max(y1, pts[:, 1].max())).buffer(1000.0)
    cells = shapely.get_parts(shapely.voronoi_polygons(shapely.multipoints(pts), extend_to=frame, ordered=True))
    if len(cells) != len(pts):
        raise ValueError("voronoi_cells needs distinct seats")
    return [to_degrees(shapely.intersection(cell, area)) for cell in cells]


__all__ = [
    "EARTH_RADIUS_M",
    "SHENZHEN_BBOX",
    "gcj02_to_wgs84",
    "gcj02_to_wgs84_arrays",
    "haversine_m",
    "in_shenzhen",
    "inset",
    "point_in_polygon",
    "polygon",
    "polygon_bounds",
    "to_degrees",
    "to_metres",
    "voronoi_cells",
    "wgs84_to_gcj02",
    "wgs84_to_gcj02_arrays",
]
