"""Import kinds of the secretary team, the 区属党(工)委 scores, volunteers and 同乡村 (issue 20): the stored rows
in file form, the checks against the store, and the writes. Templates and cell checks come from their
specs in data/importing/specs.py like every other kind."""

from __future__ import annotations

import numpy as np
import pandas as pd
from sqlalchemy import bindparam, select, update
from sqlalchemy.engine import Connection
from sqlalchemy.orm import aliased

from data.importing.messages import Joined
from data.importing.plan import Plan
from data.importing.specs import KindSpec
from data.importing.store import Snapshot
from data.importing.validate import Checked, Collector
from models import grading, rating_rules
from models.tables import CommitteeScore, CommitteeStaffing, HometownOrg, PartyOrg, Region, Secretary, VolunteerYear

KINDS = ("secretaries", "staffing", "committee_scores", "volunteers", "hometown")
RANKED_LEVELS = ("street", "unit")  # street 党工委, district 直属机关工委 (category leadership)


def _frame(conn: Connection, stmt) -> pd.DataFrame:
    result = conn.execute(stmt)
    return pd.DataFrame([tuple(r) for r in result], columns=list(result.keys()))


def kind_frame(conn: Connection, kind: str) -> pd.DataFrame:
    """Stored rows of one of these kinds in file form (codes for references)."""
    org, region = aliased(PartyOrg), aliased(Region)
    if kind == "secretaries":
        s = Secretary
        return _frame(conn, select(org.code.label("org_code"), s.name, s.birth_year, s.education, s.tenure_start,
                                   s.terms_served).join(org, org.id == s.org_id).order_by(s.id))
    if kind == "staffing":
        c = CommitteeStaffing
        return _frame(conn, select(org.code.label("org_code"), c.secretary, c.deputy, c.organiser)
                      .join(org, org.id == c.org_id).order_by(c.org_id))
    if kind == "committee_scores":
        c = CommitteeScore
        return _frame(conn, select(org.code.label("org_code"), c.year, c.score_committee, c.score_department,
                                   c.score_social, c.composite).join(org, org.id == c.org_id).order_by(c.id))
    if kind == "volunteers":
        v = VolunteerYear
        return _frame(conn, select(region.code.label("street_code"), v.year, v.volunteers, v.service_hours,
                                   v.love_bank_points).join(region, region.id == v.street_id)
                      .order_by(v.street_id, v.year))
    if kind == "hometown":
        h = HometownOrg
        return _frame(conn, select(h.code, h.name, h.hometown, region.code.label("street_code"),
                                   org.code.label("org_code"), h.members, h.reach)
                      .outerjoin(region, region.id == h.street_id).outerjoin(org, org.id == h.org_id).order_by(h.id))
    raise ValueError(f"unknown kind {kind!r}")


# --- Checks against the store ---------------------------------------------------------------------------

def _org_level(snap: Snapshot) -> dict[str, str]:
    return dict(zip(snap.orgs["code"], snap.orgs["level"], strict=True))


def _org_checks(spec: KindSpec, chk: Checked, snap: Snapshot, out: Collector, levels: tuple[str, ...],
                key: str) -> None:
    """The organisation exists (org_missing) and is of the kind this register is about (`key`)."""
    code, col = chk.frame["org_code"], spec.column("org_code")
    level = code.map(_org_level(snap))
    missing = (code.notna() & level.isna()).to_numpy()
    out.add(missing, col, code, "org_missing")
    category = code.map(snap.org_category)
    if key == "committee_not_ranked":
        wrong = level.notna() & ~(level.isin(levels) & (category == "leadership"))
    else:
        wrong = level.notna() & ~(level.isin(levels) & (category == "community"))
    out.add(wrong.to_numpy(), col, code, key, lambda i: {"value": code.iat[i]})


def _street_checks(spec: KindSpec, chk: Checked, snap: Snapshot, out: Collector) -> None:
    code, col = chk.frame["street_code"], spec.column("street_code")
    level = code.map(snap.region_level)
    out.add((code.notna() & level.isna()).to_numpy(), col, code, "region_missing")
    wrong = (level.notna() & (level != "street")).to_numpy()
    out.add(wrong, col, code, "region_level", lambda i: {"expected": Joined(["street"], "region", sep="or"),
                                                       "value": code.iat[i], "actual": Joined([level.iat[i]], "region")})


def check_secretaries(spec: KindSpec, chk: Checked, snap: Snapshot, out: Collector) -> None:
    f = chk.frame
    _org_checks(spec, chk, snap, out, ("community",), "secretary_not_community")
    birth, start = pd.to_numeric(f["birth_year"]), pd.to_numeric(f["tenure_start"])
    early = (birth.notna() & start.notna() & (start < birth + 18)).to_numpy()
    out.add(early, spec.column("tenure_start"), f["tenure_start"], "tenure_too_early",
            lambda i: {"birth": int(birth.iat[i])})
    f["terms_served"] = f["terms_served"].where(f["terms_served"].notna(), 1)


def check_staffing(spec: KindSpec, chk: Checked, snap: Snapshot, out: Collector) -> None:
    _org_checks(spec, chk, snap, out, ("community",), "secretary_not_community")


def check_committee_scores(spec: KindSpec, chk: Checked, snap: Snapshot, out: Collector) -> None:
    """The organisation is a 区属党(工)委; the composite is the grading rule's (models/grading.py)."""
    f = chk.frame
    _org_checks(spec, chk, snap, out, RANKED_LEVELS, "committee_not_ranked")
    composites = []
    for i, row in enumerate(f[[*rating_rules.SCORE_FIELDS, "composite"]].to_dict("records")):
        if any(row[k] is None for k in rating_rules.SCORE_FIELDS):
            composites.append(None)
            continue
        expected = grading.composite(*(row[k] for k in rating_rules.SCORE_FIELDS))
        if any(p.code == "composite_mismatch" for p in rating_rules.rating_problems(row)):
            mask = np.zeros(len(f), dtype=bool)
            mask[i] = True
            out.add(mask, spec.column("composite"), f["composite"], "composite_mismatch", {"expected": expected})
        composites.append(expected if row["composite"] is None else row["composite"])
    f["composite"] = pd.Series(composites, index=f.index, dtype=object)


def check_volunteers(spec: KindSpec, chk: Checked, snap: Snapshot, out: Collector) -> None:
    f = chk.frame
    _street_checks(spec, chk, snap, out)
    f["service_hours"] = f["service_hours"].where(f["service_hours"].notna(), 0.0)


def check_hometown(spec: KindSpec, chk: Checked, snap: Snapshot, out: Collector) -> None:
    f = chk.frame
    _street_checks(spec, chk, snap, out)
    code = f["org_code"]
    out.add((code.notna() & code.map(snap.org_category).isna()).to_numpy(), spec.column("org_code"), code,
            "org_missing")
    for name in ("members", "reach"):
        f[name] = f[name].where(f[name].notna(), 0)


CHECKS = {"secretaries": check_secretaries, "staffing": check_staffing, "committee_scores": check_committee_scores,
          "volunteers": check_volunteers, "hometown": check_hometown}


# --- Writes -------------------------------------------------------------------------------------------------

def _records(plan: Plan) -> list[dict]:
    mask = plan.status != "same"
    todo = plan.frame.loc[mask].assign(_status=plan.status[mask])
    names = list(todo.columns)
    return [dict(zip(names, values, strict=True)) for values in zip(*(todo[n].tolist() for n in names), strict=True)]


def _orgs(conn: Connection) -> dict[str, dict]:
    o = PartyOrg
    return {r.code: dict(r._mapping) for r in conn.execute(select(o.id, o.code, o.district_id, o.street_id))}


def _streets(conn: Connection) -> dict[str, dict]:
    r = Region
    return {row.code: dict(row._mapping) for row in conn.execute(
        select(r.id, r.code, r.district_id).where(r.level == "street"))}


def _place(org: dict) -> dict:
    return {"org_id": org["id"], "district_id": org["district_id"], "street_id": org["street_id"]}


def _upsert(conn: Connection, table, plan: Plan, rows: list[dict], key: tuple[str, ...], write_rows, say, start: float,
            span: float) -> None:
    """Insert rows whose key is new, update the others: only the columns the file has (an optional column
    the file leaves out keeps its stored values, as for every kind); tables without an id by their key."""
    from data.importing.writers import _updates

    cols = [getattr(table, k) for k in key]
    has_id = "id" in table.__table__.c
    stored = {tuple(r[: len(key)]): (r[-1] if has_id else None)
              for r in conn.execute(select(*cols, *([table.id] if has_id else [])))}
    new = [r for r in rows if tuple(r[k] for k in key) not in stored]
    old = _updates([r for r in rows if tuple(r[k] for k in key) in stored], plan)
    if has_id:
        write_rows(conn, table, new, [r | {"id": stored[tuple(r[k] for k in key)]} for r in old], say, start, span)
        return
    write_rows(conn, table, new, [], say, start, span)
    if old:
        values = [c for c in old[0] if c not in key]
        stmt = (update(table).where(*(getattr(table, k) == bindparam(f"k_{k}") for k in key))
                .values({c: bindparam(f"v_{c}") for c in values}))
        conn.execute(stmt, [{**{f"k_{k}": r[k] for k in key}, **{f"v_{c}": r[c] for c in values}} for r in old])


def write_team_kind(conn: Connection, plan: Plan, say, start: float, span: float) -> None:
    from data.importing.writers import write_rows

    rows = _records(plan)
    if plan.kind in ("secretaries", "staffing", "committee_scores"):
        orgs = _orgs(conn)
        fields = {"secretaries": ("name", "birth_year", "education", "tenure_start", "terms_served"),
                  "staffing": ("secretary", "deputy", "organiser"),
                  "committee_scores": ("year", *rating_rules.SCORE_FIELDS, "composite")}[plan.kind]
        table = {"secretaries": Secretary, "staffing": CommitteeStaffing, "committee_scores": CommitteeScore}[plan.kind]
        recs = [{k: r[k] for k in fields} | _place(orgs[r["org_code"]]) for r in rows]
        key = ("org_id", "year") if plan.kind == "committee_scores" else ("org_id",)
        if plan.kind == "staffing":
            recs = [r | {"secretary": bool(r["secretary"]), "deputy": bool(r["deputy"]),
                         "organiser": bool(r["organiser"])} for r in recs]
        _upsert(conn, table, plan, recs, key, write_rows, say, start, span)
        return
    streets = _streets(conn)
    if plan.kind == "volunteers":
        recs = [{"street_id": streets[r["street_code"]]["id"], "district_id": streets[r["street_code"]]["district_id"],
                 "year": r["year"], "volunteers": r["volunteers"], "service_hours": r["service_hours"],
                 "love_bank_points": r["love_bank_points"]} for r in rows]
        _upsert(conn, VolunteerYear, plan, recs, ("street_id", "year"), write_rows, say, start, span)
        return
    orgs = _orgs(conn) if any(r["org_code"] for r in rows) else {}
    recs = [{"code": r["code"], "name": r["name"], "hometown": r["hometown"],
             "org_id": orgs[r["org_code"]]["id"] if r["org_code"] else None,
             "district_id": streets[r["street_code"]]["district_id"], "street_id": streets[r["street_code"]]["id"],
             "members": r["members"], "reach": r["reach"]} for r in rows]
    _upsert(conn, HometownOrg, plan, recs, ("code",), write_rows, say, start, span)


WRITERS = dict.fromkeys(KINDS, write_team_kind)

