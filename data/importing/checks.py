"""Checks of each kind against the rest of the file and the store: references, levels, grades."""

from __future__ import annotations

import numpy as np
import pandas as pd

from data import geography
from data.importing.specs import LABELS, KindSpec, default_kind
from data.importing.store import Snapshot
from data.importing.validate import Checked, Collector
from data.importing.messages import Joined, Note
from data.importing import standards as standard_kinds
from data.importing import team as team_kinds
from data.importing import projects as project_kind
from models import alerts, grading, rating_rules, rules

REGION_PARENT = {"street": "district", "community": "street", "grid": "community"}
BELOW_DISTRICT = ("street", "community", "grid")
# Region levels an organisation of each level may sit in ("unit" organisations sit anywhere).
ORG_REGION = {"city": ("city",), "district": ("district",), "street": ("street",), "community": ("community",),
              "grid": ("community", "grid"), "building": ("community", "grid"), "household": ("community", "grid")}
TIER_REGION = {"city": ("city",), "district": ("district",), "street": ("street",), "community": ("community",)}
TOP_ORG_LEVELS = ("city", "district")
MAX_LISTED_OUTSIDE = 20  # rows named one by one in the notes; the rest are counted


def _region_label(level: object) -> Joined:
    """A level's name as a message parameter, in the message's language (the file's label in Chinese)."""
    return Joined([level], "region")


def _levels_text(levels: tuple[str, ...]) -> Joined:
    return Joined(levels, "region", sep="or")


def _blank(chk: Checked, field: str) -> np.ndarray:
    return (chk.raw[field].astype(str).str.strip() == "").to_numpy()


def _file_map(f: pd.DataFrame, value: str) -> dict:
    ok = f["code"].notna() & f[value].notna()
    return dict(zip(f.loc[ok, "code"], f.loc[ok, value], strict=True))


def _district_notes(spec: KindSpec, chk: Checked, district_codes: pd.Series, region_codes: pd.Series) -> None:
    """A Note (not a problem: registers do hold such rows) for each located row inside Shenzhen but outside
    the real outline of the district its region belongs to, naming the row and the columns."""
    f = chk.frame
    lon = pd.to_numeric(f["lon"], errors="coerce").to_numpy(dtype=float)
    lat = pd.to_numeric(f["lat"], errors="coerce").to_numpy(dtype=float)
    names = {d.code: d.name for d in geography.districts()}
    district = district_codes.map(names)
    located = ~np.isnan(lon) & ~np.isnan(lat) & district.notna().to_numpy()
    if not located.any():
        return
    inside = geography.inside_own_district(district.where(district.notna(), ""), lon, lat)
    stray = np.flatnonzero(located & ~inside)
    column = Joined([spec.header_of("lon"), spec.header_of("lat")])
    for i in stray[:MAX_LISTED_OUTSIDE]:
        chk.notes.append(Note("note_outside_district", {"row": int(chk.rows[i]), "column": column,
                                                        "district": district.iat[i], "region": region_codes.iat[i]}))
    if len(stray) > MAX_LISTED_OUTSIDE:
        chk.notes.append(Note("note_outside_district_more", {"n": len(stray) - MAX_LISTED_OUTSIDE}))


def _file_district(f: pd.DataFrame, snap: Snapshot) -> pd.Series:
    """District code of each region row of a regions file: through its parents, in the file or stored."""
    parent_of = _file_map(f, "parent_code")
    level_of = _file_map(f, "level")

    def up(code: object) -> str | None:
        for _ in range(4):  # grid -> community -> street -> district
            if not isinstance(code, str):
                return None
            if snap.region_level.get(code) == "district" or level_of.get(code) == "district":
                return code
            if code in snap.region_district and code not in level_of:
                return snap.region_district[code]
            code = parent_of.get(code)
        return None

    return f["parent_code"].map(up)


def check_regions(spec: KindSpec, chk: Checked, snap: Snapshot, out: Collector) -> None:
    f = chk.frame
    level_col = spec.column("level")
    old = f["code"].map(snap.region_level)
    changed = (old.notna() & f["level"].notna() & (old != f["level"])).to_numpy()
    out.add(changed, level_col, chk.raw["level"], "level_changed",
            lambda i: {"old": _region_label(old.iat[i]), "new": _region_label(f["level"].iat[i])})
    parent = f["parent_code"]
    parent_col = spec.column("parent_code")
    own = (parent.notna() & (parent == f["code"])).to_numpy()
    out.add(own, parent_col, parent, "parent_self")
    plevel = parent.map(_file_map(f, "level")).combine_first(parent.map(snap.region_level))
    missing = parent.notna().to_numpy() & ~own & plevel.isna().to_numpy()
    out.add(missing, parent_col, parent, "parent_missing")
    expected = f["level"].map(REGION_PARENT)
    wrong = (plevel.notna() & expected.notna() & (plevel != expected)).to_numpy() & ~own
    out.add(wrong, parent_col, parent, "parent_level", lambda i: {
        "level": _region_label(f["level"].iat[i]), "expected": _region_label(expected.iat[i]),
        "value": parent.iat[i], "actual": _region_label(plevel.iat[i])})
    _district_notes(spec, chk, _file_district(f, snap), f["parent_code"])


def _region_checks(spec: KindSpec, chk: Checked, snap: Snapshot, out: Collector, allowed: pd.Series) -> None:
    """Region exists and has one of the allowed levels (allowed: a tuple per row, or None for any)."""
    code = chk.frame["region_code"]
    col = spec.column("region_code")
    level = code.map(snap.region_level)
    missing = (code.notna() & level.isna()).to_numpy()
    out.add(missing, col, code, "region_missing")
    wrong = np.array([a is not None and lv == lv and lv not in a for a, lv in zip(allowed, level, strict=True)])
    key = "tier_region" if chk.kind == "centres" else "region_level"
    out.add(wrong, col, code, key, lambda i: {
        "expected": _levels_text(allowed.iat[i]), "value": code.iat[i], "actual": _region_label(level.iat[i]),
        "tier": _tier(chk.frame.get("tier", pd.Series([""] * len(code))).iat[i])})


def _tier(code: object) -> Joined:
    """The centre's tier named in the message; nothing for a tier the file left blank or got wrong."""
    return Joined([code] if str(code) in LABELS["tier"] else [], "tier")


def _org_exists(spec: KindSpec, chk: Checked, snap: Snapshot, out: Collector, field: str = "org_code") -> None:
    code = chk.frame[field]
    missing = (code.notna() & code.map(snap.org_category).isna()).to_numpy()
    out.add(missing, spec.column(field), code, "org_missing")


def _cycles(f: pd.DataFrame, snap: Snapshot) -> np.ndarray:
    """Rows of the file that lie on a cycle of parent links (file links override stored ones)."""
    parent_of = dict(zip(snap.orgs["code"], snap.orgs["parent_code"], strict=True))
    stored = set(parent_of)
    parent_of.update((c, p) for c, p in zip(f["code"], f["parent_code"], strict=True) if p or c not in stored)
    state: dict[str, int] = {}  # 1 = resolved, 2 = on a cycle
    for start in f["code"]:
        if start is None or start in state:
            continue
        path, seen, node = [], set(), start
        while node is not None and node == node and node not in state and node not in seen:
            seen.add(node)
            path.append(node)
            node = parent_of.get(node)
        if node in seen:  # closed a loop: the nodes from its first visit on are the cycle
            loop = path[path.index(node):]
            state.update((n, 2) for n in loop)
        state.update((n, 1) for n in path if n not in state)
    return f["code"].map(lambda c: state.get(c) == 2).to_numpy(dtype=bool)


def check_orgs(spec: KindSpec, chk: Checked, snap: Snapshot, out: Collector) -> None:
    f = chk.frame
    parent, parent_col = f["parent_code"], spec.column("parent_code")
    top = f["level"].isin(TOP_ORG_LEVELS).to_numpy()
    new = ~f["code"].isin(set(snap.org_category)).to_numpy()
    # a blank parent is an error; a missing column only for new rows (stored ones keep their parents)
    asked = _blank(chk, "parent_code") & (("parent_code" in chk.present) | new)
    out.add(asked & ~top & f["level"].notna().to_numpy(), parent_col, None, "parent_required")
    own = (parent.notna() & (parent == f["code"])).to_numpy()
    out.add(own, parent_col, parent, "parent_self")
    known = set(f["code"].dropna()) | set(snap.org_category)
    missing = (parent.notna() & ~parent.isin(known)).to_numpy()
    out.add(missing, parent_col, parent, "parent_missing")
    out.add(_cycles(f, snap) & ~own, parent_col, parent, "org_cycle")
    _tree_checks(spec, chk, snap, out, own | missing)
    allowed = f["level"].map(lambda lv: ORG_REGION.get(lv) if lv else None)
    _region_checks(spec, chk, snap, out, allowed)
    fill = f["kind"].isna() & f["level"].notna() & f["category"].notna()
    f.loc[fill, "kind"] = [default_kind(lv, cat) for lv, cat in zip(f.loc[fill, "level"], f.loc[fill, "category"],
                                                                    strict=True)]
    f["members"] = f["members"].where(f["members"].notna(), 0)
    _note_missing(chk, spec, "founded_year", snap)
    _terms(spec, f, out)


def _terms(spec: KindSpec, f: pd.DataFrame, out: Collector) -> None:
    """A blank term length follows the rules (models.alerts.TERM_RULES); an election before the founding
    year, or a term for an organisation that elects none (a 党小组, a leading committee), is refused."""
    elected = f["last_election_on"].notna()
    fill = elected & f["term_years"].isna()
    f["term_years"] = f["term_years"].astype(object)
    f.loc[fill, "term_years"] = [alerts.term_years_for(lv, ty, cat) for lv, ty, cat in
                                 zip(f.loc[fill, "level"], f.loc[fill, "org_type"], f.loc[fill, "category"], strict=True)]
    holds = pd.Series([alerts.holds_elections(c, ty) for c, ty in zip(f["category"], f["org_type"], strict=True)],
                      index=f.index)
    out.add((elected & ~holds).to_numpy(), spec.column("last_election_on"), f["last_election_on"], "no_elections")
    year = f["last_election_on"].map(lambda d: d.year if d is not None else None)
    early = (elected & f["founded_year"].notna() & (year < f["founded_year"])).to_numpy()
    out.add(early, spec.column("last_election_on"), f["last_election_on"], "election_before_founding")


def _tree_checks(spec: KindSpec, chk: Checked, snap: Snapshot, out: Collector, skip: np.ndarray) -> None:
    """The tree stays a tree of the allowed shape: each row's parent is of a level that may hold the row's
    level (models.rules.org_child_levels), stored children of a row stay allowed under its new level, and
    a parent lies in the row's district (district figures sum subtrees)."""
    f = chk.frame
    parent, parent_col, level_col = f["parent_code"], spec.column("parent_code"), spec.column("level")
    level_of = dict(zip(snap.orgs["code"], snap.orgs["level"], strict=True)) | _file_map(f, "level")
    code_of = dict(zip(snap.regions["id"], snap.regions["code"], strict=True))
    region_of = {c: code_of.get(r) for c, r in zip(snap.orgs["code"], snap.orgs["region_id"], strict=True)}
    region_of |= _file_map(f, "region_code")
    plevel, level = parent.map(level_of), f["level"]
    allowed = plevel.map(lambda lv: rules.org_child_levels(lv) if isinstance(lv, str) else None)
    wrong = np.array([a is not None and isinstance(lv, str) and lv not in a for a, lv in zip(allowed, level,
                                                                                           strict=True)]) & ~skip
    leaf = allowed.map(lambda a: a == ()).to_numpy(dtype=bool)
    for mask, key in ((wrong & ~leaf, "org_parent_level"), (wrong & leaf, "org_parent_leaf")):
        out.add(mask, parent_col, parent, key, lambda i: {
            "value": parent.iat[i], "actual": Joined([plevel.iat[i]], "level"),
            "level": Joined([level.iat[i]], "level"), "expected": Joined(allowed.iat[i], "level", sep="or")})
    in_file = set(f["code"].dropna())
    kids = snap.orgs[snap.orgs["parent_code"].isin(in_file) & ~snap.orgs["code"].isin(in_file)]
    bad_kids = kids[np.array([lv not in rules.org_child_levels(level_of.get(p, "")) for p, lv in
                              zip(kids["parent_code"], kids["level"], strict=True)], dtype=bool)]
    first_kid = dict(zip(bad_kids["parent_code"][::-1], bad_kids["code"][::-1], strict=True))
    n_kids = bad_kids["parent_code"].value_counts()
    out.add(f["code"].isin(set(first_kid)).to_numpy() & f["level"].notna().to_numpy(), level_col, chk.raw["level"],
            "org_children_level", lambda i: {"child": first_kid[f["code"].iat[i]],
                                             "n": int(n_kids[f["code"].iat[i]]), "level": Joined([level.iat[i]], "level")})
    district = {c: _district_of(r, snap) for c, r in region_of.items()}
    names = dict(zip(snap.regions["code"], snap.regions["name"], strict=True))
    own_d, parent_d = f["code"].map(district), parent.map(district)
    apart = (own_d.notna() & parent_d.notna() & (own_d != parent_d)).to_numpy() & ~skip & ~wrong
    out.add(apart, parent_col, parent, "org_parent_district", lambda i: {
        "value": parent.iat[i], "district": f"{names.get(own_d.iat[i], '')} ({own_d.iat[i]})",
        "parent_district": f"{names.get(parent_d.iat[i], '')} ({parent_d.iat[i]})"})


def _district_of(region: object, snap: Snapshot) -> str | None:
    if not isinstance(region, str):
        return None
    return region if snap.region_level.get(region) == "district" else snap.region_district.get(region)


def check_centres(spec: KindSpec, chk: Checked, snap: Snapshot, out: Collector) -> None:
    f = chk.frame
    allowed = f["tier"].map(lambda t: TIER_REGION.get(t, BELOW_DISTRICT) if t else None)
    _region_checks(spec, chk, snap, out, allowed)
    _org_exists(spec, chk, snap, out)
    f["address"] = f["address"].where(f["address"].notna(), "")
    f["services"] = f["services"].where(f["services"].notna(), "")
    _note_missing(chk, spec, "opened_on", snap)
    _district_notes(spec, chk, f["region_code"].map(snap.region_district), f["region_code"])


def check_buildings(spec: KindSpec, chk: Checked, snap: Snapshot, out: Collector) -> None:
    f = chk.frame
    _region_checks(spec, chk, snap, out, pd.Series([BELOW_DISTRICT] * len(f), dtype=object))
    _org_exists(spec, chk, snap, out)
    new = ~f["code"].isin(set(snap.existing["code"])).to_numpy()
    stray = f["covered_since"].notna().to_numpy() & _blank(chk, "org_code") & (("org_code" in chk.present) | new)
    out.add(stray, spec.column("covered_since"), f["covered_since"], "covered_without_org")
    for name in ("firms", "members"):
        f[name] = f[name].where(f[name].notna(), 0)
    n = int((f["org_code"].notna() & f["covered_since"].isna()).sum())
    if n:
        chk.notes.append(Note("note_no_cover_year", {"n": n}))
    _district_notes(spec, chk, f["region_code"].map(snap.region_district), f["region_code"])


def check_ratings(spec: KindSpec, chk: Checked, snap: Snapshot, out: Collector) -> None:
    """References, then the grading rule as models.rating_rules states it (composite 40:40:20, band)."""
    f = chk.frame
    _org_exists(spec, chk, snap, out)
    leading = (f["org_code"].map(snap.org_category) == "leadership").to_numpy()
    out.add(leading, spec.column("org_code"), f["org_code"], "leadership_rating")
    composites, grades = [], []
    for i, row in enumerate(f[[*rating_rules.SCORE_FIELDS, "composite", "grade"]].to_dict("records")):
        if any(row[k] is None for k in rating_rules.SCORE_FIELDS):
            composites.append(None)
            grades.append(None)
            continue
        expected = grading.composite(*(row[k] for k in rating_rules.SCORE_FIELDS))
        stored = expected if row["composite"] is None else row["composite"]
        for p in rating_rules.rating_problems(row):
            if p.code == "composite_mismatch":
                out.add(_one(len(f), i), spec.column("composite"), f["composite"], "composite_mismatch",
                        {"expected": expected})
            elif p.code == "grade_mismatch":
                out.add(_one(len(f), i), spec.column("grade"), chk.raw["grade"], "grade_mismatch",
                        {"composite": stored, "expected": grading.grade_for(stored)})
        composites.append(stored)
        grades.append(grading.grade_for(stored))
    f["composite"] = pd.Series(composites, index=f.index, dtype=object)
    f["grade"] = pd.Series(grades, index=f.index, dtype=object)


def check_cases(spec: KindSpec, chk: Checked, snap: Snapshot, out: Collector) -> None:
    """The 软弱涣散 register: the organisation exists; the deadline and the closing date are not before the
    case was opened, which lies in the year entered."""
    f = chk.frame
    _org_exists(spec, chk, snap, out)
    opened = f["opened_on"]
    for field, key in (("deadline", "deadline_before_opened"), ("closed_on", "closed_before_opened")):
        before = [o is not None and d is not None and d < o for o, d in zip(opened, f[field], strict=True)]
        out.add(np.array(before, dtype=bool), spec.column(field), f[field], key)
    other = [o is not None and y is not None and o.year != y for o, y in zip(opened, f["year_entered"], strict=True)]
    out.add(np.array(other, dtype=bool), spec.column("opened_on"), opened, "opened_other_year")


def _one(n: int, i: int) -> np.ndarray:
    mask = np.zeros(n, dtype=bool)
    mask[i] = True
    return mask


def _note_missing(chk: Checked, spec: KindSpec, field: str, snap: Snapshot) -> None:
    missing = chk.frame[field].isna()
    if field not in chk.present:  # stored rows keep their value; only new rows go without
        missing &= ~chk.frame["code"].isin(set(snap.existing["code"]))
    n = int(missing.sum())
    if n:
        chk.notes.append(Note("note_no_date", {"n": n, "column": spec.header_of(field)}))


def check_projects(spec: KindSpec, chk: Checked, snap: Snapshot, out: Collector) -> None:
    """党建项目认领: the community exists (a project is published by a community), its position lies in the
    community's district (a note otherwise), and the row's status, dates and unit agree."""
    f = chk.frame
    _region_checks(spec, chk, snap, out, pd.Series([("community",)] * len(f), index=f.index, dtype=object))
    _district_notes(spec, chk, f["region_code"].map(snap.region_district), f["region_code"])
    stored = snap.existing.dropna(subset=["unit_name"])
    project_kind.check_rows(spec, chk, snap, out, dict(zip(stored["unit_name"], stored["unit_type"], strict=True)))


CHECKS = {"regions": check_regions, "orgs": check_orgs, "centres": check_centres, "buildings": check_buildings,
          "ratings": check_ratings, "cases": check_cases, "projects": check_projects, **team_kinds.CHECKS,
          **standard_kinds.CHECKS}
