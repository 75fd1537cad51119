"""What the importer reads from the store: rows of a kind in file form (codes, not ids) and lookups.

The same frames serve the export (what you download is what you can import again) and the preview
diff (a row is unchanged when its file form equals the stored one).
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
from sqlalchemy import func, select
from sqlalchemy.engine import Connection
from sqlalchemy.orm import aliased

from data import geography
from data.importing.specs import SPECS
from models.tables import AuditEntry, Building, DatasetInfo, PartyOrg, Rating, Region, ServiceCenter, WeakOrgCase

IMPORTABLE_REGION_LEVELS = ("street", "community", "grid")


def reference_regions() -> list[dict]:
    """The official territory (city, districts, streets, communities) without demo positions.

    Ids follow the demo generator's order so a reset store looks like the demo one, minus what the
    generator invented: grids and the positions of streets and communities.
    """
    rows: list[dict] = []

    def add(**row: object) -> dict:
        row = {"id": len(rows) + 1, "official": True, "parent_id": None, "district_id": None, "street_id": None,
               "lon": None, "lat": None, "area_km2": None, "population": None} | row
        rows.append(row)
        return row

    districts = geography.districts()
    city = add(code=geography.CITY_CODE, name=geography.CITY_NAME, level="city", lon=geography.CITY_LON_LAT[0],
               lat=geography.CITY_LON_LAT[1], area_km2=geography.CITY_AREA_KM2,
               population=sum(d.population for d in districts))
    by_street: dict[str, list] = {}
    for c in geography.communities():
        by_street.setdefault(c.street_code, []).append(c)
    for d in districts:
        district = add(code=d.code, name=d.name, level="district", parent_id=city["id"], official=d.official,
                       lon=d.lon, lat=d.lat, area_km2=d.area_km2, population=d.population)
        district["district_id"] = district["id"]
        for s in (s for s in geography.streets() if s.district_code == d.code):
            area, pop = geography.KNOWN_STREET_FACTS.get(s.name, (None, None))
            street = add(code=s.code, name=s.name, level="street", parent_id=district["id"],
                         district_id=district["id"], area_km2=area, population=pop)
            street["street_id"] = street["id"]
            for c in by_street.get(s.code, []):
                add(code=c.code, name=c.name, level="community", parent_id=street["id"],
                    district_id=district["id"], street_id=street["id"])
    return rows


def _frame(conn: Connection, stmt) -> pd.DataFrame:
    result = conn.execute(stmt)
    columns = list(result.keys())
    # Plain tuples: pandas probes Row objects attribute by attribute, several times slower.
    return pd.DataFrame([tuple(r) for r in result], columns=columns)


def _orgs_frame(conn: Connection) -> pd.DataFrame:
    parent, region = aliased(PartyOrg), aliased(Region)
    o = PartyOrg
    return _frame(conn, select(
        o.code, o.name, o.level, o.org_type, o.category, o.kind, parent.code.label("parent_code"),
        region.code.label("region_code"), o.members, o.founded_year, o.secretary_age_band, o.secretary_education,
        o.last_election_on, o.term_years, o.secretary_vacant_since, o.secretary_changed_on, o.secretary_change,
    ).outerjoin(parent, parent.id == o.parent_id).outerjoin(region, region.id == o.region_id).order_by(o.id))


def kind_frame(conn: Connection, kind: str) -> pd.DataFrame:
    """Stored rows of a tabular kind in file form: spec fields (without 坐标系), codes for references."""
    region, org = aliased(Region), aliased(PartyOrg)
    if kind == "regions":
        r = Region
        df = _frame(conn, select(
            r.code, r.name, r.level, region.code.label("parent_code"), r.lon, r.lat, r.area_km2, r.population,
        ).outerjoin(region, region.id == r.parent_id).where(r.level.in_(IMPORTABLE_REGION_LEVELS)).order_by(r.id))
    elif kind == "orgs":
        df = _orgs_frame(conn)
    elif kind == "centres":
        c = ServiceCenter
        df = _frame(conn, select(
            c.code, c.name, c.tier, region.code.label("region_code"), org.code.label("org_code"), c.address,
            c.lon, c.lat, c.floor_area_m2, c.function_rooms, c.services, c.open_24h, c.opening_hours,
            c.opened_on,
        ).outerjoin(region, region.id == c.region_id).outerjoin(org, org.id == c.org_id).order_by(c.id))
    elif kind == "buildings":
        b = Building
        df = _frame(conn, select(
            b.code, b.name, b.kind, b.floors, b.firms, b.members, org.code.label("org_code"), b.covered_since,
            region.code.label("region_code"), b.lon, b.lat,
        ).outerjoin(region, region.id == b.region_id).outerjoin(org, org.id == b.org_id).order_by(b.id))
    elif kind == "ratings":
        t = Rating
        df = _frame(conn, select(
            org.code.label("org_code"), t.year, t.score_committee, t.score_department, t.score_social,
            t.composite, t.grade, t.weak,
        ).join(org, org.id == t.org_id).order_by(t.id))
    elif kind == "cases":
        w = WeakOrgCase

        def text(col):  # stored "" reads as a blank cell, as the file gives it
            return func.nullif(col, "").label(col.key)

        df = _frame(conn, select(
            org.code.label("org_code"), w.year_entered, w.opened_on, w.deadline, text(w.lead_leader),
            text(w.first_secretary_name), text(w.first_secretary_rank), text(w.first_secretary_unit),
            w.first_secretary_since, text(w.measures), w.closed_on, text(w.closing_review),
        ).join(org, org.id == w.org_id).order_by(w.id))
    elif kind == "standards":  # data/importing/standards.py imports this module: import on use
        from data.importing import standards as standard_kinds

        df = standard_kinds.kind_frame(conn, kind)
    elif kind == "projects":  # data/importing/projects.py imports this module: import on use
        from data.importing import projects as project_kind

        df = project_kind.kind_frame(conn)
    elif kind in SPECS:  # the team kinds (data/importing/team.py imports this module: import on use)
        from data.importing import team as team_kinds

        df = team_kinds.kind_frame(conn, kind)
    else:
        raise ValueError(f"unknown kind {kind!r}")
    fields = [c.field for c in SPECS[kind].columns if c.type != "crs"]
    return df[fields]


@dataclass
class Snapshot:
    """The store as the importer needs it: region and organisation lookups and this kind's rows."""

    regions: pd.DataFrame  # id, code, name, level, parent_id, district_id, street_id
    orgs: pd.DataFrame  # id, code, level, category, parent_code, path, depth, region_id
    existing: pd.DataFrame  # kind_frame of the kind being imported
    replace: bool = False

    def __post_init__(self) -> None:
        self.region_level = dict(zip(self.regions["code"], self.regions["level"], strict=True))
        code_of = dict(zip(self.regions["id"], self.regions["code"], strict=True))
        self.region_district = {c: code_of.get(d) for c, d in zip(self.regions["code"], self.regions["district_id"],
                                                                   strict=True) if d == d and d is not None}
        self.org_category = dict(zip(self.orgs["code"], self.orgs["category"], strict=True))


def _region_lookup(conn: Connection) -> pd.DataFrame:
    r = Region
    return _frame(conn, select(r.id, r.code, r.name, r.level, r.parent_id, r.district_id, r.street_id).order_by(r.id))


def _org_lookup(conn: Connection) -> pd.DataFrame:
    o, parent = PartyOrg, aliased(PartyOrg)
    return _frame(conn, select(
        o.id, o.code, o.level, o.category, parent.code.label("parent_code"), o.parent_id, o.path, o.depth, o.region_id,
    ).outerjoin(parent, parent.id == o.parent_id).order_by(o.id))


def snapshot(conn: Connection, kind: str, *, replace: bool = False) -> Snapshot:
    """Lookups of the store as it is, or as it will be once the demo data is replaced by the reference."""
    if replace:
        ref = pd.DataFrame(reference_regions())
        regions = ref[["id", "code", "name", "level", "parent_id", "district_id", "street_id"]]
        orgs = pd.DataFrame(columns=["id", "code", "level", "category", "parent_code", "parent_id", "path",
                                     "depth", "region_id"])
        if kind == "regions":
            by_id = dict(zip(ref["id"], ref["code"], strict=True))
            existing = ref[ref["level"].isin(IMPORTABLE_REGION_LEVELS)].assign(
                parent_code=lambda d: d["parent_id"].map(by_id))
            existing = existing[[c.field for c in SPECS["regions"].columns if c.type != "crs"]]
        elif kind in SPECS:
            existing = pd.DataFrame(columns=[c.field for c in SPECS[kind].columns if c.type != "crs"])
        else:
            existing = pd.DataFrame()
        return Snapshot(regions.reset_index(drop=True), orgs, existing.reset_index(drop=True), True)
    existing = kind_frame(conn, kind) if kind in SPECS else pd.DataFrame()
    return Snapshot(_region_lookup(conn), _org_lookup(conn), existing, False)


def fingerprint(conn: Connection) -> tuple:
    """Changes whenever any import, restore or rebuild has written since it was taken."""
    parts = []
    for table in (Region, PartyOrg, ServiceCenter, Building, Rating, AuditEntry):
        parts.append(tuple(conn.execute(select(func.count(), func.max(table.id))).one()))
    parts.append(tuple(sorted(conn.execute(select(DatasetInfo.key, DatasetInfo.value)).all())))
    return tuple(parts)


def dataset_info(conn: Connection) -> dict[str, str]:
    return {k: v for k, v in conn.execute(select(DatasetInfo.key, DatasetInfo.value))}


def audit_frame(conn: Connection, *, limit: int = 500) -> pd.DataFrame:
    """Newest audit entries with their JSON detail spread into columns (kind, file, counts, backup)."""
    import json

    rows = conn.execute(select(AuditEntry.at, AuditEntry.actor, AuditEntry.action, AuditEntry.detail)
                        .order_by(AuditEntry.id.desc()).limit(limit)).all()
    out = []
    for at, actor, action, detail in rows:
        try:
            extra = json.loads(detail) if detail else {}
        except ValueError:
            extra = {"file": detail}
        extra = extra if isinstance(extra, dict) else {}
        out.append({"at": at, "actor": actor, "action": action, "kind": extra.get("kind"),
                    "file": extra.get("file") or extra.get("restored"), "rows": extra.get("rows"),
                    "added": extra.get("added"), "updated": extra.get("updated"),
                    "unchanged": extra.get("unchanged"), "backup": extra.get("backup")})
    columns = ["at", "actor", "action", "kind", "file", "rows", "added", "updated", "unchanged", "backup"]
    return pd.DataFrame(out, columns=columns)
