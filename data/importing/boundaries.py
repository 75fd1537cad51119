"""GeoJSON outlines of districts, streets, communities or grids from the client's GIS office.

Each feature names its region by a code property (code, 编码, 区域编码, adcode) or, failing that, by a
name that is unique in the store. Errors name the feature by its number ("row") and the property or
geometry at fault. Geometries are stored as WGS-84 GeoJSON text rounded to 6 decimals (0.1 m).
"""

from __future__ import annotations

import json
import numpy as np
import pandas as pd
from sqlalchemy import inspect, select
from sqlalchemy.engine import Connection

from data.importing import backup
from data.importing.messages import ImportRejected, Joined, Note, Problem, Text
from data.importing.plan import ADD, SAME, UPDATE
from data.importing.readers import decode_text
from data.importing.specs import EXTENT
from models.geo import gcj02_to_wgs84_arrays
from models.tables import Boundary, Region

CODE_KEYS = ("code", "编码", "区域编码", "adcode", "region_code", "CODE", "ADCODE")
NAME_KEYS = ("name", "名称", "NAME")
WGS84_NAMES = ("CRS84", "EPSG:4326", "EPSG::4326", "WGS84", "WGS 84")
GEOMETRY = "geometry"


def _features(doc: object) -> list[dict]:
    if isinstance(doc, dict) and doc.get("type") == "FeatureCollection" and isinstance(doc.get("features"), list):
        return doc["features"]
    if isinstance(doc, dict) and doc.get("type") == "Feature":
        return [doc]
    raise ImportRejected([Problem("not_features")])


def _declared_crs(doc: dict) -> str | None:
    name = (((doc.get("crs") or {}).get("properties") or {}).get("name") or "") if isinstance(doc, dict) else ""
    return str(name) or None


def _clean(geometry: dict, gcj: bool) -> tuple[dict | None, str | None]:
    """(WGS-84 geometry, None) or (None, problem key)."""
    if not isinstance(geometry, dict) or geometry.get("type") not in ("Polygon", "MultiPolygon"):
        return None, "geometry_type"
    polygons = [geometry.get("coordinates")] if geometry["type"] == "Polygon" else geometry.get("coordinates")
    out = []
    try:
        for polygon in polygons or []:
            rings = []
            for ring in polygon:
                pts = np.asarray([p[:2] for p in ring], dtype=float)
                if pts.ndim != 2 or pts.shape[1] != 2 or not np.isfinite(pts).all():
                    return None, "bad_coordinates"
                if len(pts) and not np.array_equal(pts[0], pts[-1]):
                    pts = np.vstack([pts, pts[:1]])  # close the ring, as many exporters forget to
                if len(pts) < 4:
                    return None, "bad_ring"
                rings.append(pts)
            out.append(rings)
    except (TypeError, ValueError, IndexError):
        return None, "bad_coordinates"
    if not out:
        return None, "bad_ring"
    allpts = np.concatenate([r for rings in out for r in rings])
    if np.abs(allpts).max() > 180:
        return None, "projected"
    coords = []
    for rings in out:
        converted = []
        for pts in rings:
            lon, lat = (gcj02_to_wgs84_arrays(pts[:, 0], pts[:, 1]) if gcj else (pts[:, 0], pts[:, 1]))
            x0, y0, x1, y1 = EXTENT
            if lon.min() < x0 or lon.max() > x1 or lat.min() < y0 or lat.max() > y1:
                return None, "outside_shenzhen"
            converted.append(np.round(np.column_stack([lon, lat]), 6).tolist())
        coords.append(converted)
    if geometry["type"] == "Polygon":
        return {"type": "Polygon", "coordinates": coords[0]}, None
    return {"type": "MultiPolygon", "coordinates": coords}, None


def parse(data: bytes, regions: pd.DataFrame, *, crs: str) -> tuple[pd.DataFrame, list[Problem], list[Note]]:
    """Features -> frame (row, code, level, geometry text); every problem of the file at once."""
    if not data or not data.strip():
        raise ImportRejected([Problem("empty_file")])
    text, _encoding = decode_text(data)
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        at = Text("importing.at_line", {"line": exc.lineno, "detail": exc.msg})
        raise ImportRejected([Problem("bad_json", exc.lineno, "", "", {"detail": at})]) from exc
    features = _features(doc)
    if not features:
        raise ImportRejected([Problem("no_features")])
    declared = _declared_crs(doc)
    if declared and not any(n in declared.upper() for n in WGS84_NAMES):
        raise ImportRejected([Problem("unsupported_crs", None, "crs", declared)])
    gcj = crs == "GCJ-02"
    level_of = dict(zip(regions["code"], regions["level"], strict=True))
    names = regions.groupby("name")["code"].agg(list)
    unique_name = {n: codes[0] for n, codes in names.items() if len(codes) == 1}
    problems, rows = [], []
    for n, feature in enumerate(features, start=1):
        props = (feature or {}).get("properties") or {} if isinstance(feature, dict) else {}
        key = next((k for k in CODE_KEYS if props.get(k) not in (None, "")), None)
        code = str(props[key]).strip() if key else None
        if code is None:
            name_key = next((k for k in NAME_KEYS if props.get(k)), None)
            code = unique_name.get(str(props[name_key]).strip()) if name_key else None
            key = name_key or "code"
            if code is None:
                problems.append(Problem("feature_no_code", n, f"properties.{key}", str(props.get(key, ""))))
                continue
        if code not in level_of:
            problems.append(Problem("region_missing", n, f"properties.{key}", code))
            continue
        geometry, why = _clean(feature.get("geometry") if isinstance(feature, dict) else None, gcj)
        if why:
            params = {"crs": crs, "lon_min": EXTENT[0], "lon_max": EXTENT[2], "lat_min": EXTENT[1],
                      "lat_max": EXTENT[3]}
            problems.append(Problem(why, n, GEOMETRY, code, params if why == "outside_shenzhen" else {}))
            continue
        rows.append({"row": n, "code": code, "level": level_of[code],
                     "geometry": json.dumps(geometry, separators=(",", ":"))})
    frame = pd.DataFrame(rows, columns=["row", "code", "level", "geometry"])
    dup = frame["code"].duplicated(keep=False)
    for i in np.flatnonzero(dup.to_numpy()):
        others = frame.loc[dup & (frame["code"] == frame["code"].iat[i]), "row"].tolist()
        problems.append(Problem("duplicate_key", int(frame["row"].iat[i]), "properties.code", frame["code"].iat[i],
                                {"rows": Joined(r for r in others if r != frame["row"].iat[i]),
                                 "what": "区域编码"}))
    notes = [Note("note_crs", {"crs": "GCJ-02"})] if gcj else []
    return frame, sorted(problems, key=lambda p: (p.row or 0)), notes


def existing(conn: Connection) -> pd.DataFrame:
    if not inspect(conn).has_table(Boundary.__tablename__):
        return pd.DataFrame(columns=["code", "geometry"])
    result = conn.execute(select(Region.code, Boundary.geometry).join(Region, Region.id == Boundary.region_id))
    return pd.DataFrame(result.all(), columns=["code", "geometry"])


def status(frame: pd.DataFrame, stored: pd.DataFrame) -> np.ndarray:
    old = dict(zip(stored["code"], stored["geometry"], strict=True))
    return np.array([ADD if c not in old else SAME if old[c] == g else UPDATE
                     for c, g in zip(frame["code"], frame["geometry"], strict=True)], dtype=object)


def write(conn: Connection, plan, say, start: float, span: float) -> None:
    from data.importing.writers import write_rows

    regions = {r.code: r for r in conn.execute(select(Region.id, Region.code, Region.district_id, Region.street_id))}
    now = backup.now()
    stored = {rid for (rid,) in conn.execute(select(Boundary.region_id))}
    new, changed = [], []
    for row, st in zip(plan.frame.to_dict("records"), plan.status, strict=True):
        if st == SAME:
            continue
        r = regions[row["code"]]
        rec = {"region_id": r.id, "level": row["level"], "district_id": r.district_id, "street_id": r.street_id,
               "geometry": row["geometry"], "source": plan.filename[:160], "imported_at": now}
        (changed if r.id in stored else new).append(rec)
    write_rows(conn, Boundary, new, [], say, start, span / 2)
    for rec in changed:  # outlines are few; one statement each keeps write_rows keyed by id simple
        conn.execute(Boundary.__table__.update().where(Boundary.region_id == rec["region_id"]).values(rec))
