"""Import kind `projects` (党建项目认领, issue 20 §1): the stored rows in file form, the checks of a row's status,
dates and claiming unit, and the write (units created by name on first use). Template and cell checks come
from the spec in data/importing/specs.py; the community and position checks from data/importing/checks.py."""

from __future__ import annotations

import numpy as np
import pandas as pd
from sqlalchemy import select
from sqlalchemy.engine import Connection
from sqlalchemy.orm import aliased

from data.importing.plan import Plan
from data.importing.specs import KindSpec
from data.importing.store import Snapshot
from data.importing.validate import Checked, Collector
from models import project_rules
from models.tables import ClaimUnit, PartyProject, Region

KIND = "projects"


def kind_frame(conn: Connection) -> pd.DataFrame:
    """Stored projects in file form (the community's code, the unit's name and type)."""
    p, region = PartyProject, aliased(Region)
    result = conn.execute(select(
        p.code, p.title, p.need, region.code.label("region_code"), p.status, ClaimUnit.name.label("unit_name"),
        ClaimUnit.unit_type, p.published_on, p.claimed_on, p.completed_on, p.beneficiaries, p.lon, p.lat,
    ).join(region, region.id == p.region_id).outerjoin(ClaimUnit, ClaimUnit.id == p.unit_id).order_by(p.id))
    return pd.DataFrame([tuple(r) for r in result], columns=list(result.keys()))


def stored_unit_types(conn: Connection) -> dict[str, str]:
    return dict(conn.execute(select(ClaimUnit.name, ClaimUnit.unit_type)).all())


def check_rows(spec: KindSpec, chk: Checked, snap: Snapshot, out: Collector, units: dict[str, str]) -> None:
    """Status against the unit and dates (models.project_rules), date order, and the unit's type: given for a
    unit new to the store, one type per unit within the file. `units`: the stored units' types by name."""
    f = chk.frame
    rows = list(zip(f["status"], f["unit_name"], f["claimed_on"], f["completed_on"], strict=True))
    problems = [project_rules.status_problems(*r) for r in rows]
    column_of = {"project_open_claimed": "unit_name", "project_no_unit": "unit_name",
                 "project_no_claimed_on": "claimed_on", "project_no_completed_on": "completed_on",
                 "project_completed_not_done": "completed_on"}
    for key, field in column_of.items():
        mask = np.array([key in p for p in problems], dtype=bool)
        out.add(mask, spec.column(field), chk.raw[field], key)
    for field, after, key in (("claimed_on", "published_on", "project_claimed_before_published"),
                              ("completed_on", "claimed_on", "project_completed_before_claimed")):
        early = [d is not None and a is not None and d < a for d, a in zip(f[field], f[after], strict=True)]
        out.add(np.array(early, dtype=bool), spec.column(field), f[field], key,
                lambda i, after=after: {"other": str(f[after].iat[i])})
    name, kind = f["unit_name"], f["unit_type"]
    claimed = (f["status"] != project_rules.OPEN).to_numpy()  # an open row's unit is reported above
    untyped = (name.notna() & kind.isna() & ~name.isin(set(units))).to_numpy() & claimed
    out.add(untyped, spec.column("unit_type"), chk.raw["unit_type"], "project_unit_type_missing")
    typed = pd.DataFrame({"name": name, "kind": kind.where(kind.notna(), name.map(units))}).dropna()
    several = typed.groupby("name")["kind"].nunique()
    clash = name.isin(set(several[several > 1].index)).to_numpy()
    out.add(clash, spec.column("unit_type"), name, "project_unit_type_conflict")
    f["beneficiaries"] = f["beneficiaries"].where(f["beneficiaries"].notna(), 0)


def write_projects(conn: Connection, plan: Plan, say, start: float, span: float) -> None:
    """Units first (new names inserted; a type the file gives replaces the stored one), then the projects."""
    from data.importing.writers import _records, _todo, _updates, write_rows

    todo = _records(_todo(plan))
    stored = {n: (i, k) for i, n, k in conn.execute(select(ClaimUnit.id, ClaimUnit.name, ClaimUnit.unit_type))}
    given = {r["unit_name"]: r["unit_type"] for r in todo if r["unit_name"] and r["unit_type"]}
    new_units = sorted(n for n in {r["unit_name"] for r in todo if r["unit_name"]} if n not in stored)
    write_rows(conn, ClaimUnit, [{"name": n, "unit_type": given[n]} for n in new_units],
               [{"id": stored[n][0], "unit_type": k} for n, k in given.items() if n in stored and stored[n][1] != k],
               say, start, span * 0.2)
    unit_id = {n: i for i, n in conn.execute(select(ClaimUnit.id, ClaimUnit.name))}
    communities = {r.code: r for r in conn.execute(select(Region.id, Region.code, Region.district_id, Region.street_id)
                                                   .where(Region.level == "community"))}
    existing = dict(conn.execute(select(PartyProject.code, PartyProject.id)).all())
    fields = ("code", "title", "need", "status", "published_on", "claimed_on", "completed_on", "beneficiaries",
              "lon", "lat")
    new, changed = [], []
    for row in todo:
        place = communities[row["region_code"]]
        rec = {k: row[k] for k in fields} | {
            "region_id": place.id, "district_id": place.district_id, "street_id": place.street_id,
            "unit_id": unit_id[row["unit_name"]] if row["unit_name"] else None}
        i = existing.get(rec["code"])
        if i is not None and "unit_name" not in plan.present:  # a file without the column keeps stored units
            rec.pop("unit_id")
        (new if i is None else changed).append(rec if i is None else rec | {"id": i})
    write_rows(conn, PartyProject, new, _updates(changed, plan), say, start + span * 0.2, span * 0.8)
