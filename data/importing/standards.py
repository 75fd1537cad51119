"""Import kind `standards`: the community standardisation check (社区党建标准化考核, issue 20 §2). The stored
rows in file form, the checks against the store with row-level Chinese messages, and the write. Template
and cell checks come from STANDARDS in data/importing/specs.py like every other kind.

The failed aspects are one cell: the aspects' names (models/standards.py, the six first-level indicators)
separated by 、 or a comma or semicolon; the check turns them into the canonical text (the aspects' order,
joined by 、), which is also how the store's rows read back, so an exported file previews as unchanged.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
from sqlalchemy import func, select
from sqlalchemy.engine import Connection
from sqlalchemy.orm import aliased

from data.importing.messages import Joined
from data.importing.plan import Plan
from data.importing.specs import KindSpec
from data.importing.store import Snapshot
from data.importing.validate import Checked, Collector
from models import standards
from models.tables import Region, StandardCheck

KINDS = ("standards",)
SEPARATORS = re.compile(r"[、,，;；/\s]+")
ASPECT_BY_NAME = {standards.aspect_name(a): a for a in standards.ASPECTS}


def canonical(aspects: list[str]) -> str | None:
    """The aspects as the store reads back: in the aspects' order, joined by 、 (None for none)."""
    ordered = [a for a in standards.ASPECTS if a in aspects]
    return "、".join(standards.aspect_name(a) for a in ordered) or None


def parse(text: object) -> tuple[list[str], list[str]]:
    """(aspect codes, unknown names) of a cell."""
    if text is None or (isinstance(text, float) and np.isnan(text)):
        return [], []
    parts = [p for p in SEPARATORS.split(str(text).strip()) if p]
    known = [ASPECT_BY_NAME[p] for p in parts if p in ASPECT_BY_NAME]
    return known, [p for p in parts if p not in ASPECT_BY_NAME]


def _frame(conn: Connection, stmt) -> pd.DataFrame:
    result = conn.execute(stmt)
    return pd.DataFrame([tuple(r) for r in result], columns=list(result.keys()))


def kind_frame(conn: Connection, kind: str) -> pd.DataFrame:
    s, region = StandardCheck, aliased(Region)
    flags = [getattr(s, c) for c in standards.ASPECT_COLUMNS.values()]
    df = _frame(conn, select(region.code.label("community_code"), s.year, s.result, *flags, s.checked_on,
                             func.nullif(s.note, "").label("note"))
                .join(region, region.id == s.region_id).order_by(s.region_id, s.year))
    cols = list(standards.ASPECT_COLUMNS.values())
    df["failed_aspects"] = [canonical([a for a, c in standards.ASPECT_COLUMNS.items() if bool(row[c])])
                            for row in df[cols].to_dict("records")] if len(df) else pd.Series(dtype=object)
    return df.drop(columns=cols)


def check_standards(spec: KindSpec, chk: Checked, snap: Snapshot, out: Collector) -> None:
    """The community exists and is a community; the failed aspects are known aspects, given exactly for
    整改中 and 未达标 rows (models.standards.failed_aspects_ok); the date lies in the year checked, and a
    待考核 row has none."""
    f = chk.frame
    code, col = f["community_code"], spec.column("community_code")
    level = code.map(snap.region_level)
    out.add((code.notna() & level.isna()).to_numpy(), col, code, "community_missing")
    out.add((level.notna() & (level != "community")).to_numpy(), col, code, "standard_not_community",
            lambda i: {"value": code.iat[i]})
    parsed = [parse(v) for v in chk.raw["failed_aspects"]] if "failed_aspects" in chk.raw else [([], [])] * len(f)
    aspect_col = spec.column("failed_aspects")
    raw = chk.raw["failed_aspects"] if "failed_aspects" in chk.raw else pd.Series([""] * len(f))
    unknown = np.array([bool(u) for _, u in parsed])
    out.add(unknown, aspect_col, raw, "standard_aspect_unknown",
            lambda i: {"value": "、".join(parsed[i][1]), "allowed": "、".join(ASPECT_BY_NAME)})
    result = f["result"]
    counts = [None if r is None or u else len(k) for r, (k, u) in zip(result, parsed, strict=True)]
    given = np.array([n is not None and n > 0 and r not in standards.NEEDS_ASPECTS for r, n in zip(result, counts, strict=True)])
    missing = np.array([n == 0 and r in standards.NEEDS_ASPECTS for r, n in zip(result, counts, strict=True)])
    out.add(given, aspect_col, raw, "standard_aspects_given", lambda i: {"result": Joined([result.iat[i]], "standard")})
    out.add(missing, aspect_col, raw, "standard_aspects_missing", lambda i: {"result": Joined([result.iat[i]], "standard")})
    f["failed_aspects"] = pd.Series([canonical(k) for k, _ in parsed], index=f.index, dtype=object)
    dates, years = f["checked_on"], pd.to_numeric(f["year"], errors="coerce")
    off_year = np.array([d is not None and d == d and y == y and d.year != int(y) for d, y in zip(dates, years, strict=True)])
    out.add(off_year, spec.column("checked_on"), chk.raw["checked_on"] if "checked_on" in chk.raw else dates,
            "standard_date_year", lambda i: {"year": int(years.iat[i])})
    pending_dated = np.array([r == "pending" and d is not None and d == d for r, d in zip(result, dates, strict=True)])
    out.add(pending_dated, spec.column("checked_on"), chk.raw["checked_on"] if "checked_on" in chk.raw else dates,
            "standard_pending_dated")


CHECKS = {"standards": check_standards}


def write_standards(conn: Connection, plan: Plan, say, start: float, span: float) -> None:
    from data.importing.team import _records, _upsert
    from data.importing.writers import write_rows

    r = Region
    places = {row.code: row for row in conn.execute(select(r.id, r.code, r.district_id, r.street_id)
                                                   .where(r.level == "community"))}
    recs = []
    for row in _records(plan):
        place = places[row["community_code"]]
        failed, _ = parse(row.get("failed_aspects"))
        rec = {"region_id": place.id, "district_id": place.district_id, "street_id": place.street_id,
               "year": row["year"], "result": row["result"], "checked_on": row.get("checked_on"),
               "note": row.get("note") or "", "failed_aspects": None}
        rec.update({c: a in failed for a, c in standards.ASPECT_COLUMNS.items()})
        recs.append(rec)
    recs = [{k: v for k, v in rec.items() if k != "failed_aspects"} for rec in recs]
    _upsert(conn, StandardCheck, plan, recs, ("region_id", "year"), write_rows, say, start, span)


WRITERS = {"standards": write_standards}
