"""Per-kind writes inside the import transaction: codes resolved to ids, denormalised ids and paths set.

Ids of new regions and organisations are assigned here (max id + 1 …) because children in the same
file need them before the insert; the write lock taken by the caller makes that safe.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pandas as pd
from sqlalchemy import bindparam, func, insert, select, update
from sqlalchemy.engine import Connection

from data.importing.messages import Text, step
from data.importing.plan import ADD, DERIVED, UPDATE, Plan
from data.importing import standards as standard_kinds
from data.importing import team as team_kinds
from data.importing import projects as project_kind
from data.importing.specs import SPECS
from models.db import sync_id_sequences
from models.tables import Boundary, Building, PartyOrg, Rating, Region, ServiceCenter, WeakOrgCase

Progress = Callable[[float, str], None]
REGION_ORDER = ("street", "community", "grid")
DENORMALISED = (PartyOrg, ServiceCenter, Building, Boundary)  # rows carrying district_id/street_id
CHUNK = 5000


def chunks(rows: list[dict], say: Progress, start: float, span: float, action: str, table: str
           ) -> Iterator[list[dict]]:
    """Slices of rows, reporting progress from start to start + span as each one is written.

    action: "insert" or "update" (the step importing.step.<action>_rows names the table and the count)."""
    for i in range(0, len(rows), CHUNK):
        yield rows[i : i + CHUNK]
        done = min(len(rows), i + CHUNK)
        say(start + span * done / len(rows), step(f"{action}_rows", table=Text(f"importing.table.{table}"), done=done,
                                                  total=len(rows)))


def write_rows(conn: Connection, table, new: list[dict], changed: list[dict], say: Progress, start: float,
               span: float) -> None:
    """Insert new rows and update changed ones by id (every changed dict has the same keys)."""
    first = span * len(new) / max(1, len(new) + len(changed))
    for part in chunks(new, say, start, first, "insert", table.__tablename__):
        conn.execute(insert(table), part)
    if changed:
        cols = [k for k in changed[0] if k != "id"]
        stmt = update(table).where(table.id == bindparam("b_id")).values({c: bindparam(f"b_{c}") for c in cols})
        renamed = [{f"b_{k}": v for k, v in row.items()} for row in changed]
        for part in chunks(renamed, say, start + first, span - first, "update", table.__tablename__):
            conn.execute(stmt, part)


def _next_id(conn: Connection, table) -> int:
    return int(conn.execute(select(func.coalesce(func.max(table.id), 0))).scalar_one()) + 1


def _todo(plan: Plan) -> pd.DataFrame:
    mask = (plan.status == ADD) | (plan.status == UPDATE)
    return plan.frame.loc[mask].assign(_status=plan.status[mask])


def _records(df: pd.DataFrame) -> list[dict]:
    """Rows as dicts of plain Python values (DataFrame.to_dict boxes every cell: 3x slower at 100k rows)."""
    names = list(df.columns)
    return [dict(zip(names, values, strict=True)) for values in zip(*(df[n].tolist() for n in names), strict=True)]


# Record keys that come from a file column other than their own name.
_KEYS_OF = {"parent_code": ("parent_id", "path", "depth"), "org_code": ("org_id",)}


def _absent_keys(plan: Plan) -> set[str]:
    """Record keys an update must not touch: optional columns the file does not have."""
    spec = SPECS[plan.kind]
    out: set[str] = set()
    for c in spec.columns:
        if not c.required and c.field not in plan.present and c.field not in DERIVED.get(plan.kind, ()):
            out.update(_KEYS_OF.get(c.field, (c.field,)))
    return out


def _updates(changed: list[dict], plan: Plan) -> list[dict]:
    drop = _absent_keys(plan)
    return [{k: v for k, v in rec.items() if k not in drop} for rec in changed] if drop else changed


def _regions(conn: Connection) -> dict[str, dict]:
    r = Region
    stmt = select(r.id, r.code, r.level, r.parent_id, r.district_id, r.street_id)
    return {row.code: dict(row._mapping) for row in conn.execute(stmt)}


def write_regions(conn: Connection, plan: Plan, say: Progress, start: float, span: float) -> None:
    by_code = _regions(conn)
    next_id = _next_id(conn, Region)
    todo = _todo(plan)
    new, changed, moved = [], [], []
    for level in REGION_ORDER:
        for row in _records(todo[todo["level"] == level]):
            parent = by_code[row["parent_code"]]
            old = by_code.get(row["code"])
            rid = old["id"] if old else next_id
            next_id += 0 if old else 1
            rec = {
                "id": rid, "code": row["code"], "name": row["name"], "level": level, "parent_id": parent["id"],
                "district_id": parent["district_id"], "street_id": rid if level == "street" else parent["street_id"],
                "lon": row["lon"], "lat": row["lat"], "area_km2": row["area_km2"], "population": row["population"],
            }
            if old is None:
                new.append(rec | {"official": True})
            else:
                if old["parent_id"] != rec["parent_id"]:
                    moved.append(rid)
                changed.append(rec)
            by_code[row["code"]] = rec
    write_rows(conn, Region, new, _updates(changed, plan), say, start, span)
    if moved:
        _cascade_regions(conn, moved)


def _cascade_regions(conn: Connection, moved: list[int]) -> None:
    """After regions changed parent: their descendants and everything located in any of them follow."""
    rows = {r["id"]: r for r in _regions(conn).values()}

    def resolve(r: dict) -> tuple:
        if r["level"] in ("city",):
            return None, None
        if r["level"] == "district":
            return r["id"], None
        parent = rows[r["parent_id"]]
        d, s = resolve(parent)
        return d, (r["id"] if r["level"] == "street" else s)

    fixes = []
    for r in rows.values():
        d, s = resolve(r)
        if (d, s) != (r["district_id"], r["street_id"]):
            fixes.append({"b_id": r["id"], "b_district_id": d, "b_street_id": s})
    if fixes:
        conn.execute(update(Region).where(Region.id == bindparam("b_id")).values(
            district_id=bindparam("b_district_id"), street_id=bindparam("b_street_id")), fixes)
    ids = sorted({*moved, *(f["b_id"] for f in fixes)})
    for table in DENORMALISED:
        for start in range(0, len(ids), 500):
            part = ids[start : start + 500]
            conn.execute(update(table).where(table.region_id.in_(part)).values(
                district_id=select(Region.district_id).where(Region.id == table.region_id).scalar_subquery(),
                street_id=select(Region.street_id).where(Region.id == table.region_id).scalar_subquery(),
            ))


def _place(regions: dict[str, dict], code: str) -> dict:
    r = regions[code]
    return {"region_id": r["id"], "district_id": r["district_id"], "street_id": r["street_id"]}


def write_orgs(conn: Connection, plan: Plan, say: Progress, start: float, span: float) -> None:
    regions = _regions(conn)
    o = PartyOrg
    stored = {r.code: dict(r._mapping) for r in conn.execute(select(o.id, o.code, o.parent_id, o.path, o.depth))}
    next_id = _next_id(conn, PartyOrg)
    todo = _todo(plan)
    id_of = {code: r["id"] for code, r in stored.items()}
    for code in todo.loc[todo["_status"] == ADD, "code"]:
        id_of[code], next_id = next_id, next_id + 1
    parent_of = {r["id"]: r["parent_id"] for r in stored.values()}
    relink = "parent_code" in plan.present  # without the column, stored rows keep their parents
    for code, parent, status in zip(todo["code"], todo["parent_code"], todo["_status"], strict=True):
        if relink or status == ADD:
            parent_of[id_of[code]] = id_of[parent] if parent else None
    paths: dict[int, str] = {}

    def path(i: int) -> str:
        if i not in paths:
            p = parent_of.get(i)
            paths[i] = (path(p) if p else "/") + f"{i}/"
        return paths[i]

    new, changed = [], []
    fields = ("code", "name", "level", "org_type", "category", "kind", "members", "founded_year",
              "secretary_age_band", "secretary_education", "last_election_on", "term_years", "secretary_vacant_since",
              "secretary_changed_on", "secretary_change")
    for row in _records(todo):
        i = id_of[row["code"]]
        rec = {"id": i, **{k: row[k] for k in fields}, "parent_id": parent_of[i], "path": path(i),
               "depth": path(i).count("/") - 2, **_place(regions, row["region_code"])}
        (new if row["_status"] == ADD else changed).append(rec)
    new.sort(key=lambda r: r["depth"])  # parents before children (foreign keys are checked per statement)
    in_file = set(todo["code"])
    moved = [{"id": r["id"], "path": path(r["id"]), "depth": path(r["id"]).count("/") - 2}
             for code, r in stored.items() if code not in in_file and path(r["id"]) != r["path"]]
    write_rows(conn, PartyOrg, new, _updates(changed, plan), say, start, span * 0.95)
    if moved:
        write_rows(conn, PartyOrg, [], moved, say, start + span * 0.95, span * 0.05)


def _codes_to_ids(conn: Connection, table) -> dict[str, int]:
    return {code: i for i, code in conn.execute(select(table.id, table.code))}


def _write_located(conn: Connection, plan: Plan, table, fields: tuple[str, ...], say: Progress, start: float,
                   span: float) -> None:
    regions = _regions(conn)
    orgs = _codes_to_ids(conn, PartyOrg)
    existing = _codes_to_ids(conn, table)
    new, changed = [], []
    for row in _records(_todo(plan)):
        rec = {k: row[k] for k in fields} | _place(regions, row["region_code"])
        rec["org_id"] = orgs[row["org_code"]] if row["org_code"] else None
        if row["_status"] == ADD:
            new.append(rec)
        else:
            changed.append(rec | {"id": existing[row["code"]]})
    write_rows(conn, table, new, _updates(changed, plan), say, start, span)


def write_centres(conn: Connection, plan: Plan, say: Progress, start: float, span: float) -> None:
    fields = ("code", "name", "tier", "address", "lon", "lat", "floor_area_m2", "function_rooms", "services",
              "open_24h", "opening_hours", "opened_on")
    _write_located(conn, plan, ServiceCenter, fields, say, start, span)


def write_buildings(conn: Connection, plan: Plan, say: Progress, start: float, span: float) -> None:
    fields = ("code", "name", "kind", "floors", "firms", "members", "covered_since", "lon", "lat")
    _write_located(conn, plan, Building, fields, say, start, span)


def write_ratings(conn: Connection, plan: Plan, say: Progress, start: float, span: float) -> None:
    orgs = _codes_to_ids(conn, PartyOrg)
    existing = {(o, y): i for i, o, y in conn.execute(select(Rating.id, Rating.org_id, Rating.year))}
    fields = ("year", "score_committee", "score_department", "score_social", "composite", "grade", "weak")
    new, changed = [], []
    for row in _records(_todo(plan)):
        rec = {k: row[k] for k in fields} | {"org_id": orgs[row["org_code"]]}
        i = existing.get((rec["org_id"], rec["year"]))
        (new if i is None else changed).append(rec if i is None else rec | {"id": i})
    write_rows(conn, Rating, new, _updates(changed, plan), say, start, span)


CASE_FIELDS = ("year_entered", "opened_on", "deadline", "lead_leader", "first_secretary_name", "first_secretary_rank",
               "first_secretary_unit", "first_secretary_since", "measures", "closed_on", "closing_review")


def write_cases(conn: Connection, plan: Plan, say: Progress, start: float, span: float) -> None:
    """The 软弱涣散 register; status and year_closed follow the closing date, first_secretary the name (each
    only when the file has that column, for a stored case)."""
    orgs = _codes_to_ids(conn, PartyOrg)
    w = WeakOrgCase
    existing = {(o, y): i for i, o, y in conn.execute(select(w.id, w.org_id, w.year_entered))}
    new, changed = [], []
    for row in _records(_todo(plan)):
        rec = {k: row[k] for k in CASE_FIELDS} | {"org_id": orgs[row["org_code"]]}
        for k in ("lead_leader", "first_secretary_name", "first_secretary_rank", "first_secretary_unit", "measures",
                  "closing_review"):
            rec[k] = rec[k] or ""
        i = existing.get((rec["org_id"], rec["year_entered"]))
        derived = {"status": "closed" if rec["closed_on"] else "rectifying",
                   "year_closed": rec["closed_on"].year if rec["closed_on"] else None,
                   "first_secretary": bool(rec["first_secretary_name"])}
        if i is None:
            new.append(rec | derived)
            continue
        if "closed_on" not in plan.present:
            derived = {k: v for k, v in derived.items() if k == "first_secretary"}
        if "first_secretary_name" not in plan.present:
            derived.pop("first_secretary")
        changed.append(rec | derived | {"id": i})
    updates = _updates(changed, plan)
    write_rows(conn, WeakOrgCase, new, updates, say, start, span)


def sync_sequences(conn: Connection) -> None:
    """PostgreSQL: move id sequences past ids assigned here (regions, organisations, the reference reset)."""
    sync_id_sequences(conn)


WRITERS = {"regions": write_regions, "orgs": write_orgs, "centres": write_centres, "buildings": write_buildings,
           "ratings": write_ratings, "cases": write_cases, "projects": project_kind.write_projects, **team_kinds.WRITERS,
           **standard_kinds.WRITERS}
