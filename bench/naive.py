"""The naive baseline: what each page's work looks like written the obvious way, for the our/naive ratio.

Every function here is one rerun of a page's default view (whole city, latest year) done naively:
- every table the page needs is loaded in full with pandas (`SELECT *`) on every rerun, no caching;
- filtering, joining and aggregating happen in pandas after the load;
- maps put one `folium.Marker` (with an Icon and a popup) per centre, one `folium.CircleMarker` per
  building, and are rendered to the HTML st_folium would send.
Only the data and map work is timed, not drawing Streamlit elements, so the ratio against our page's
full AppTest script time understates the difference rather than flattering it.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from sqlalchemy import create_engine

from models.geo import haversine_m

YEAR_COL = "year"


def _tables(url: str, *names: str) -> dict[str, pd.DataFrame]:
    engine = create_engine(url)  # a new engine every rerun, as a script without st.cache_resource has
    try:
        with engine.connect() as conn:
            return {n: pd.read_sql(f"SELECT * FROM {n}", conn) for n in names}
    finally:
        engine.dispose()


def _latest(rating: pd.DataFrame) -> int:
    return int(rating[YEAR_COL].max())


def _nearest_m(points: pd.DataFrame, sites: pd.DataFrame, chunk: int = 2000) -> np.ndarray:
    """Distance from every point to its nearest site: the full distance matrix, a chunk of rows at a time."""
    sites = sites[sites["lon"].notna()]
    out = np.full(len(points), np.inf)
    plon, plat = points["lon"].to_numpy(float), points["lat"].to_numpy(float)
    slon, slat = sites["lon"].to_numpy(float)[None, :], sites["lat"].to_numpy(float)[None, :]
    for start in range(0, len(points), chunk):
        part = slice(start, start + chunk)
        out[part] = np.nanmin(haversine_m(plon[part, None], plat[part, None], slon, slat), axis=1)
    return out


def _marker_map(centres: pd.DataFrame) -> str:
    import folium

    m = folium.Map(location=[22.63, 114.2], zoom_start=10)
    for row in centres[centres["lon"].notna()].itertuples():
        folium.Marker([row.lat, row.lon], tooltip=row.name, popup=f"{row.name}<br>{row.address}",
                      icon=folium.Icon(color="red" if row.tier in ("city", "district") else "blue")).add_to(m)
    return m.get_root().render()


def _overview_numbers(t: dict[str, pd.DataFrame]) -> dict:
    org, centre, building, rating, region = (t[k] for k in ("partyorg", "servicecenter", "building", "rating",
                                                             "region"))
    year = _latest(rating)
    now = rating[rating[YEAR_COL] == year]
    towers = building[(building["kind"] == "tower") & (building["floors"].fillna(0) >= 20)]
    districts = region[region["level"] == "district"][["id", "name"]]
    per = []
    for d in districts.itertuples():
        d_orgs = org[org["district_id"] == d.id]
        d_towers = towers[towers["district_id"] == d.id]
        d_now = now[now["org_id"].isin(d_orgs["id"])]
        per.append({"name": d.name, "centres": int((centre["district_id"] == d.id).sum()), "orgs": len(d_orgs),
                    "members": int(d_orgs["members"].sum()),
                    "tower_rate": d_towers["org_id"].notna().mean() if len(d_towers) else None,
                    "a_share": (d_now["grade"] == "A").mean() if len(d_now) else None})
    return {"by_tier": centre.groupby("tier").size(), "by_category": org.groupby("category").size(),
            "members": int(org["members"].sum()), "tower_rate": towers["org_id"].notna().mean(),
            "a_share": (now["grade"] == "A").mean(), "ranking": pd.DataFrame(per)}


def overview(url: str) -> dict:
    return _overview_numbers(_tables(url, "partyorg", "servicecenter", "building", "rating", "region"))


def centres(url: str, radius_m: int = 1000) -> str:
    t = _tables(url, "servicecenter", "region")
    centre, region = t["servicecenter"], t["region"]
    targets = region[(region["level"] == "community") & region["lon"].notna()].copy()
    targets["reached"] = _nearest_m(targets, centre) <= radius_m
    streets = region[region["level"] == "street"].set_index("id")["name"]
    targets.groupby(targets["street_id"].map(streets))["reached"].mean()  # the coverage table
    targets[~targets["reached"]]  # the gaps
    return _marker_map(centre)


def buildings(url: str, kind: str = "tower", min_floors: int = 20) -> str:
    import folium

    t = _tables(url, "building", "servicecenter", "partyorg", "region")
    b = t["building"]
    b = b[(b["kind"] == kind) & (b["floors"].fillna(0) >= min_floors) & b["lon"].notna()].copy()
    b["distance_m"] = _nearest_m(b, t["servicecenter"])
    b = b.merge(t["partyorg"][["id", "name"]].rename(columns={"id": "org_id", "name": "org"}), on="org_id", how="left")
    b.groupby("district_id")["org_id"].apply(lambda s: s.notna().mean())  # the comparison chart
    m = folium.Map(location=[22.63, 114.2], zoom_start=10)
    for row in b.itertuples():
        folium.CircleMarker([row.lat, row.lon], radius=4, tooltip=row.name,
                            color="#c8102e" if isinstance(row.org, str) else "#888").add_to(m)
    return m.get_root().render()


def orgs(url: str) -> str:
    """The root node: its children with subtree sums found by path prefix, its card and its map."""
    t = _tables(url, "partyorg", "rating", "servicecenter", "building")
    org, rating, centre, building = t["partyorg"], t["rating"], t["servicecenter"], t["building"]
    root = org[org["parent_id"].isna()].iloc[0]
    latest = rating.sort_values(YEAR_COL).groupby("org_id").tail(1).set_index("org_id")["grade"]
    rows = []
    for child in org[org["parent_id"] == root["id"]].itertuples():
        sub = org[org["path"].str.startswith(child.path)]
        rows.append({"code": child.code, "members": int(sub["members"].sum()), "orgs_below": len(sub) - 1,
                     "centres": int(centre["org_id"].isin(sub["id"]).sum()),
                     "buildings": int(building["org_id"].isin(sub["id"]).sum()), "grade": latest.get(child.id)})
    org.groupby("level").size()  # the card's totals by level
    return _marker_map(centre)


def ratings(url: str) -> dict:
    t = _tables(url, "rating", "partyorg", "region")
    rating, org, region = t["rating"], t["partyorg"], t["region"]
    year = _latest(rating)
    graded = rating.merge(org[["id", "category", "district_id", "street_id"]], left_on="org_id", right_on="id")
    now, before = graded[graded[YEAR_COL] == year], graded[graded[YEAR_COL] == year - 1]
    names = region.set_index("id")["name"]
    moves = now.merge(before[["org_id", "grade"]], on="org_id", suffixes=("", "_before"))
    return {
        "kpis": now["grade"].value_counts(), "by_category": now.groupby(["category", "grade"]).size(),
        "by_region": now.groupby([now["district_id"].map(names), "grade"]).size(),
        "transitions": pd.crosstab(moves["grade_before"], moves["grade"]),
        "trend": graded.groupby([YEAR_COL, "grade"]).size(),
        "ranking": now.groupby(now["street_id"].map(names))["composite"].mean().sort_values(),
    }


def present(url: str) -> tuple[dict, str]:
    """演示模式's first slide: the overview's figures, and the outline map of the centres."""
    return overview(url), centres(url)


def data_admin(url: str) -> dict[str, int]:
    """数据管理 offers every register for export: naively, each is loaded in full to count its rows."""
    t = _tables(url, "region", "partyorg", "servicecenter", "building", "rating", "weakorgcase", "auditentry",
                "datasetinfo")
    return {name: len(df) for name, df in t.items()}


def team(url: str) -> dict:
    """队伍建设 naively: every secretary, staffing, volunteer and 同乡村 row loaded and summed in pandas."""
    t = _tables(url, "secretary", "committeestaffing", "volunteeryear", "hometownorg")
    sec, vol = t["secretary"], t["volunteeryear"]
    return {"secretaries": len(sec), "education": sec.groupby("education").size().to_dict(),
            "mean_birth_year": float(sec["birth_year"].mean()) if len(sec) else None,
            "staffed": int(t["committeestaffing"][["secretary", "deputy", "organiser"]].all(axis=1).sum()),
            "volunteers": vol.groupby("year")["volunteers"].sum().to_dict(),
            "reach": int(t["hometownorg"]["reach"].sum())}


def alerts(url: str) -> dict:
    """问题清单 naively: every organisation and case loaded, terms and vacancies checked row by row."""
    t = _tables(url, "partyorg", "weakorgcase", "datasetinfo")
    orgs = t["partyorg"]
    due = pd.to_datetime(orgs["last_election_on"], errors="coerce") + pd.to_timedelta(
        orgs["term_years"].fillna(0) * 365.25, unit="D")
    return {"terms_due": int(due.notna().sum()), "vacant": int(orgs["secretary_vacant_since"].notna().sum()),
            "cases": len(t["weakorgcase"])}


def standards(url: str) -> tuple[dict, str]:
    """标准化考核 naively: every result and region loaded and counted per district and aspect in pandas, the
    communities drawn as one folium.Marker each (coloured by result) over the district outlines as GeoJSON."""
    import folium

    from components.ui import map_layers

    t = _tables(url, "standardcheck", "region")
    checks, region = t["standardcheck"], t["region"]
    now = checks[checks[YEAR_COL] == checks[YEAR_COL].max()] if len(checks) else checks
    names = region.set_index("id")["name"]
    per = now.groupby(now["district_id"].map(names))["result"].value_counts().unstack(fill_value=0)
    aspects = now[[c for c in now.columns if c.startswith("fail_")]].astype(bool).sum().to_dict()
    trend = checks.groupby(YEAR_COL)["result"].apply(lambda r: float((r == "passed").mean())).to_dict()
    m = folium.Map(location=[22.63, 114.2], zoom_start=10)
    folium.GeoJson(map_layers.simplified_outlines()).add_to(m)
    points = now.merge(region[["id", "name", "lon", "lat"]], left_on="region_id", right_on="id")
    colours = {"passed": "red", "rectifying": "orange", "failed": "darkred", "pending": "gray"}
    for row in points[points["lon"].notna()].itertuples():
        folium.Marker([row.lat, row.lon], tooltip=row.name, popup=f"{row.name}<br>{row.result}",
                      icon=folium.Icon(color=colours.get(row.result, "blue"))).add_to(m)
    return {"by_district": per.to_dict(), "aspects": aspects, "trend": trend}, m.get_root().render()


def projects(url: str) -> str:
    """项目认领 naively: every project, unit and region loaded, statuses and rankings in pandas, one
    folium.CircleMarker (with a tooltip) per project."""
    import folium

    t = _tables(url, "partyproject", "claimunit", "region")
    units = t["claimunit"].rename(columns={"id": "uid", "name": "name_unit"})
    districts = t["region"][["id", "name"]].rename(columns={"id": "did", "name": "name_district"})
    p = t["partyproject"].merge(units, left_on="unit_id", right_on="uid", how="left")
    p = p.merge(districts, left_on="district_id", right_on="did")
    counts = p.groupby(["name_district", "status"]).size().unstack(fill_value=0)
    claimed = p[p["status"] != "open"]
    top = claimed.groupby("name_unit").size().sort_values(ascending=False).head(10)
    m = folium.Map(location=[22.63, 114.2], zoom_start=10)
    for row in p.itertuples():
        folium.CircleMarker([row.lat, row.lon], radius=4, tooltip=f"{row.title} · {row.status}").add_to(m)
    return f"{counts.to_json()}{top.to_json()}{claimed['beneficiaries'].sum()}" + m.get_root().render()


PAGES = {"overview": overview, "centres": centres, "buildings": buildings, "present": present, "orgs": orgs,
         "ratings": ratings, "data_admin": data_admin, "team": team, "standards": standards, "alerts": alerts,
         "projects": projects}
