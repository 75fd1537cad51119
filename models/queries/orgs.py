"""The organisation tree: nodes, breadcrumbs, children with subtree aggregates, node cards, search.

The tree is walked with the materialised path (`/1/12/345/`): ancestors are the ids in it, a subtree
is one index range on it. Subtree sums come from OrgRollup (`rollup=True`, what the app uses while the
table is fresh) or are computed on read over the path range (`rollup=False`, the fallback); both give
the same numbers. bench/orgs.py measures these against adjacency and a closure table.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, fields, replace
from functools import cache

import pandas as pd
from sqlalchemy import Select, and_, bindparam, case, func, literal, or_, select, union_all
from sqlalchemy.orm import Session, aliased

from models import rules
from models.queries.common import DETAIL, PUBLIC, Area, OutOfScope, Scope, org_visible, query, require_org, sees_org
from models.tables import Building, OrgRollup, PartyOrg, Rating, Region, Secretary, ServiceCenter
from models.access import AGGREGATE_ORG_LEVELS
from models.vocab import NEXT_LEVEL, ORG_CATEGORIES, ORG_LEVELS

CODE_PATTERN = re.compile(r"^[A-Za-z0-9_-]{1,32}$")
GROUPS = ("territorial", *ORG_CATEGORIES)  # how children are grouped on the page
SEARCH_MAX_CHARS = 50


@dataclass(frozen=True)
class OrgNode:
    id: int
    code: str
    name: str
    level: str
    org_type: str
    category: str
    kind: str
    path: str
    depth: int
    parent_id: int | None
    region_id: int | None
    district_id: int | None
    street_id: int | None
    members: int
    founded_year: int | None
    secretary_age_band: str | None
    secretary_education: str | None

    @property
    def ancestor_ids(self) -> list[int]:
        """Ids from the root down to this node (itself included)."""
        return [int(part) for part in self.path.strip("/").split("/") if part]


@dataclass(frozen=True)
class Totals:
    """What lies in a node's subtree (the node included for members, centres and buildings)."""

    members: int
    orgs_below: int
    centres: int
    buildings: int
    below: dict[str, int]  # organisations below, by level, levels with none left out


def _frame(session: Session, stmt, params: dict | None = None) -> pd.DataFrame:
    """Rows as plain tuples: pandas builds a frame from those several times faster than from Row objects."""
    result = session.execute(stmt, params or {})
    return pd.DataFrame([tuple(row) for row in result], columns=list(result.keys()))


_NODE_COLUMNS = [getattr(PartyOrg, f.name) for f in fields(OrgNode)]
# The statements of a drill step are built once with bound parameters: building a select() costs
# more Python time than SQLite needs to run it (bench/orgs.py).
_BY_CODE = select(*_NODE_COLUMNS).where(PartyOrg.code == bindparam("code")).limit(1)
_BY_ID = select(*_NODE_COLUMNS).where(PartyOrg.id == bindparam("id"))
_ROOT = select(*_NODE_COLUMNS).where(PartyOrg.parent_id.is_(None)).order_by(PartyOrg.depth, PartyOrg.id).limit(1)


def _one(session: Session, stmt, params: dict | None = None) -> OrgNode | None:
    row = session.execute(stmt, params or {}).first()
    return OrgNode(*row) if row else None


def _node(session: Session, *where) -> OrgNode | None:
    return _one(session, select(*_NODE_COLUMNS).where(*where).limit(1))


def _seen(node: OrgNode | None, scope: Scope) -> OrgNode | None:
    """The node as this viewer may see it: OutOfScope outside it; a committee seen only in aggregate
    (another district's, say) comes without its secretary's personal attributes."""
    if node is None:
        return None
    if not sees_org(scope, level=node.level, district_id=node.district_id, street_id=node.street_id):
        raise OutOfScope(node.code)
    if not scope.covers(node.district_id, node.street_id):
        return replace(node, secretary_age_band=None, secretary_education=None)
    return node


def _scope_params(scope: Scope) -> dict:
    """Bound values of the prepared statements' visibility condition (see _visible)."""
    return rules.area_params(scope.detail)


def _visible(table, *, aggregate_levels: bool):
    """org_visible with bound parameters, for statements built once (_scope_params gives the values)."""
    inside = rules.in_area_bound(table)
    return or_(table.level.in_(AGGREGATE_ORG_LEVELS), inside) if aggregate_levels else inside


@query(DETAIL)
def node(session: Session, *, scope: Scope, code: str) -> OrgNode | None:
    return _seen(_one(session, _BY_CODE, {"code": code}), scope)


@query(DETAIL)
def node_by_id(session: Session, *, scope: Scope, org_id: int) -> OrgNode | None:
    return _seen(_one(session, _BY_ID, {"id": org_id}), scope)


@query(DETAIL)
def root(session: Session, *, scope: Scope) -> OrgNode | None:
    """The top of the tree (市委)."""
    return _seen(_one(session, _ROOT), scope)


@query(DETAIL)
def area_node(session: Session, *, scope: Scope, area: Area) -> OrgNode | None:
    """The committee of the sidebar's street or district (None for the whole city)."""
    if area.street_id is not None:
        return _seen(_node(session, PartyOrg.region_id == area.street_id, PartyOrg.level == "street"), scope)
    if area.district_id is not None:
        return _seen(_node(session, PartyOrg.region_id == area.district_id, PartyOrg.level == "district"), scope)
    return None


@query(DETAIL)
def nearest(session: Session, *, scope: Scope, code: str) -> OrgNode | None:
    """The organisation whose code is the longest prefix of `code` (codes nest down the chain)."""
    prefixes = [code[:i] for i in range(len(code), 0, -1)]
    stmt = (
        select(*_NODE_COLUMNS).where(PartyOrg.code.in_(prefixes))
        .order_by(func.length(PartyOrg.code).desc()).limit(1)
    )
    row = session.execute(stmt).first()
    return _seen(OrgNode(*row) if row else None, scope)


_ANCESTORS = (
    select(PartyOrg.id, PartyOrg.code, PartyOrg.name, PartyOrg.level, PartyOrg.district_id, PartyOrg.street_id)
    .where(PartyOrg.id.in_(bindparam("ids", expanding=True)))
    .order_by(PartyOrg.depth)
)


@query(DETAIL)
def ancestors(session: Session, *, scope: Scope, node: OrgNode) -> pd.DataFrame:
    """id, code, name, level, district_id, street_id of the breadcrumb: root first, the node itself last."""
    trail = _frame(session, _ANCESTORS, {"ids": node.ancestor_ids})
    shown = [sees_org(scope, level=lv, district_id=d, street_id=st) for lv, d, st in
             zip(trail["level"], trail["district_id"], trail["street_id"], strict=True)]
    return trail[shown].reset_index(drop=True)


def _upper(path):
    """Smallest string above every path that starts with `path` ('/' + 1 is '0')."""
    if isinstance(path, str):
        return path[:-1] + "0"
    return func.substr(path, 1, func.length(path) - 1).concat("0")


def _in_subtree(org, path, *, strict: bool = False):
    lower = org.path > path if strict else org.path >= path
    return and_(lower, org.path < _upper(path))


def _latest_grade(org, year):
    def latest(col):
        return (select(col).where(Rating.org_id == org.id, Rating.year <= year)
                .order_by(Rating.year.desc()).limit(1).scalar_subquery())

    return latest(Rating.grade), latest(Rating.year)


def _group(org):
    return case((org.level == "unit", org.category), else_=literal("territorial"))


@cache
def _children_stmt(rollup: bool) -> Select:
    """Built once per mode with bound parameters: building it costs more than running it."""
    c = aliased(PartyOrg, name="c")
    grade, grade_year = _latest_grade(c, bindparam("year"))
    if rollup:
        r = aliased(OrgRollup, name="r")
        members = case((rules.holds_members(c), r.members), else_=c.members)
        aggregates = (members, r.orgs_below, r.centres, r.buildings)
    else:
        d = aliased(PartyOrg, name="d")
        counted = or_(rules.holds_members(d), d.id == c.id)
        members = select(func.coalesce(func.sum(case((counted, d.members), else_=0)), 0)).where(
            _in_subtree(d, c.path)).scalar_subquery()
        below = select(func.count()).where(_in_subtree(d, c.path, strict=True)).scalar_subquery()

        def run_by(table):
            return (select(func.count()).select_from(table).join(d, d.id == table.org_id)
                    .where(_in_subtree(d, c.path)).scalar_subquery())

        aggregates = (members, below, run_by(ServiceCenter), run_by(Building))
    names = ("members", "orgs_below", "centres", "buildings")
    stmt = select(
        c.id, c.code, c.name, c.level, c.org_type, c.category, c.kind, _group(c).label("group"),
        *(agg.label(name) for agg, name in zip(aggregates, names, strict=True)),
        grade.label("grade"), grade_year.label("grade_year"),
    ).where(c.parent_id == bindparam("org_id"), _visible(c, aggregate_levels=True))
    if rollup:
        stmt = stmt.join(r, r.org_id == c.id)
    level_rank = case({lvl: i for i, lvl in enumerate(ORG_LEVELS)}, value=c.level, else_=len(ORG_LEVELS))
    category_rank = case({cat: i for i, cat in enumerate(GROUPS)}, value=c.category, else_=len(GROUPS))
    return stmt.order_by(level_rank, category_rank, c.id)


@query(DETAIL)
def children(session: Session, *, scope: Scope, org_id: int, year: int, rollup: bool = True) -> pd.DataFrame:
    """The direct children of an organisation with their subtree aggregates and latest grade up to `year`.

    Columns: id, code, name, level, org_type, category, kind, group, members, orgs_below, centres,
    buildings, grade, grade_year. Territorial levels first (top-down), then by category.
    """
    return _frame(session, _children_stmt(rollup), {"org_id": org_id, "year": year, **_scope_params(scope)})


_BELOW_LEVELS = [lvl for lvl in ORG_LEVELS if lvl != "city"]
_ROLLUP = select(OrgRollup.members, OrgRollup.orgs_below, OrgRollup.centres, OrgRollup.buildings,
                 *(getattr(OrgRollup, f"below_{lvl}") for lvl in _BELOW_LEVELS)).where(OrgRollup.org_id == bindparam("id"))


@query(DETAIL)
def totals(session: Session, *, scope: Scope, node: OrgNode, rollup: bool = True) -> Totals:
    """Members, organisations below (in all and by level), centres and buildings of the subtree.

    Aggregates, shown for any node the viewer may open (OutOfScope for others)."""
    _seen(node, scope)
    if rollup:
        row = session.execute(_ROLLUP, {"id": node.id}).first()
        if row is not None:
            members, orgs_below, centres, buildings, *counts = row
            below = {lvl: n for lvl, n in zip(_BELOW_LEVELS, counts, strict=True) if n}
            members = members if rules.is_member_holding(node.org_type) else node.members
            return Totals(members, orgs_below, centres, buildings, below)
    d = aliased(PartyOrg, name="d")
    by_level = session.execute(
        select(d.level, func.count()).where(_in_subtree(d, node.path, strict=True)).group_by(d.level)
    ).all()
    counted = or_(rules.holds_members(d), d.id == node.id)
    members = session.execute(
        select(func.coalesce(func.sum(case((counted, d.members), else_=0)), 0)).where(_in_subtree(d, node.path))
    ).scalar_one()

    def run_by(table) -> int:
        stmt = select(func.count()).select_from(table).join(d, d.id == table.org_id).where(_in_subtree(d, node.path))
        return int(session.execute(stmt).scalar_one())

    below = {lvl: n for lvl, n in sorted(by_level, key=lambda x: ORG_LEVELS.index(x[0]) if x[0] in ORG_LEVELS else 99)}
    return Totals(int(members), sum(below.values()), run_by(ServiceCenter), run_by(Building), below)


_GRADES = (select(Rating.year, Rating.grade, Rating.composite, Rating.weak)
           .where(Rating.org_id == bindparam("id")).order_by(Rating.year))
_OWN_CENTRES = (select(ServiceCenter.code, ServiceCenter.name, ServiceCenter.tier, ServiceCenter.address)
                .where(ServiceCenter.org_id == bindparam("id")).order_by(ServiceCenter.id))
_REGION = select(Region.name, Region.level, Region.lon, Region.lat).where(Region.id == bindparam("id"))


@query(DETAIL)
def grade_history(session: Session, *, scope: Scope, org_id: int) -> pd.DataFrame:
    """year, grade, composite, weak of every graded year, oldest first."""
    require_org(session, scope=scope, org_id=org_id)
    return _frame(session, _GRADES, {"id": org_id})


@query(DETAIL)
def own_centres(session: Session, *, scope: Scope, org_id: int) -> pd.DataFrame:
    """code, name, tier, address of the centres the organisation runs itself."""
    require_org(session, scope=scope, org_id=org_id)
    return _frame(session, _OWN_CENTRES, {"id": org_id})


@cache
def _map_points_stmt():
    near = select(PartyOrg.id).where(or_(PartyOrg.id == bindparam("id"), PartyOrg.parent_id == bindparam("id")))

    def located(table, sort_col, what: str, *where):
        return (
            select(literal(what).label("what"), table.code, table.name, sort_col.label("sort"), table.lon, table.lat,
                   (table.org_id == bindparam("id")).label("own"))
            .where(table.org_id.in_(near), table.lon.is_not(None), table.lat.is_not(None), *where)
            .order_by(table.id)
            .limit(bindparam("limit"))
            .subquery()
        )

    parts = [located(ServiceCenter, ServiceCenter.tier, "centre"),
             located(Building, Building.kind, "building", _visible(Building, aggregate_levels=False))]
    return union_all(*(select(part) for part in parts))


@query(DETAIL)
def map_points(session: Session, *, scope: Scope, node: OrgNode, limit: int = 2000) -> pd.DataFrame:
    """Located centres and covered buildings of the node and its direct children.

    Columns: what ("centre" | "building"), code, name, sort (centre tier or building kind), lon, lat,
    own (the node itself runs or covers it). At most `limit` of each. One level down is what the card's
    map can show legibly, and it stays two indexed lookups at any size of subtree. Centres are public;
    buildings only inside the viewer's detail area.
    """
    _seen(node, scope)
    out = _frame(session, _map_points_stmt(), {"id": node.id, "limit": limit, **_scope_params(scope)})
    out["own"] = out["own"].astype(bool)
    return out


_SECRETARY = select(Secretary.birth_year, Secretary.education, Secretary.tenure_start, Secretary.terms_served
                    ).where(Secretary.org_id == bindparam("id"))


@query(DETAIL)
def secretary(session: Session, *, scope: Scope, node: OrgNode) -> tuple[int, str, int, int] | None:
    """The node's secretary in the register (birth_year, education, tenure_start, terms_served), or None
    when it has none there or the viewer does not see the node's detail (models.team_rules.secretary_profile
    decides what the card shows)."""
    if not scope.covers(node.district_id, node.street_id):
        return None
    row = session.execute(_SECRETARY, {"id": node.id}).first()
    return None if row is None else tuple(row)


@query(PUBLIC)
def region_point(session: Session, *, scope: Scope, region_id: int | None) -> tuple[str, str, float, float] | None:
    """name, level, lon, lat of a region when it has a position (demo positions below district level)."""
    if region_id is None:
        return None
    row = session.execute(_REGION, {"id": region_id}).first()
    return None if row is None or row.lon is None or row.lat is None else tuple(row)


def _like_pattern(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


@query(DETAIL)
def search(session: Session, *, scope: Scope, text: str, limit: int = 20) -> pd.DataFrame:
    """Organisations and centres whose name or code contains `text`.

    Columns: source ("org" | "centre"), code, name, sort (level or tier), target, target_name,
    district_id, street_id — target* being the organisation to open (a centre opens the one that runs
    it). Only organisations the viewer may open are found. Exact code matches first, then names that start with the text, then higher levels first.
    """
    text = text.strip()[:SEARCH_MAX_CHARS]
    columns = ["source", "code", "name", "sort", "target", "target_name", "district_id", "street_id"]
    if not text:
        return pd.DataFrame(columns=columns)
    pattern = _like_pattern(text)
    opened = (PartyOrg.code.label("target"), PartyOrg.name.label("target_name"), PartyOrg.district_id,
              PartyOrg.street_id, PartyOrg.depth.label("rank"))

    def org_rows(*where):
        return select(literal("org").label("source"), PartyOrg.code, PartyOrg.name, PartyOrg.level.label("sort"),
                      *opened).where(*where, org_visible(PartyOrg, scope))

    exact = _frame(session, org_rows(PartyOrg.code == text.upper()))
    named = _frame(session, org_rows(or_(PartyOrg.name.ilike(pattern, escape="\\"),  # ilike: any case, any back-end
                                         PartyOrg.code.ilike(pattern, escape="\\"))).order_by(PartyOrg.id).limit(limit))
    centres = _frame(session, (
        select(literal("centre").label("source"), ServiceCenter.code, ServiceCenter.name,
               ServiceCenter.tier.label("sort"), *opened)
        .join(PartyOrg, PartyOrg.id == ServiceCenter.org_id)
        .where(or_(ServiceCenter.name.ilike(pattern, escape="\\"), ServiceCenter.code.ilike(pattern, escape="\\")),
               org_visible(PartyOrg, scope))
        .order_by(ServiceCenter.id)
        .limit(limit)
    ))
    found = pd.concat([df for df in (exact, named, centres) if not df.empty] or [exact], ignore_index=True)
    found = found.drop_duplicates(subset=["source", "code"])
    upper = text.upper()
    found["score"] = [
        0 if code.upper() == upper else 1 if name.startswith(text) else 2
        for code, name in zip(found["code"], found["name"], strict=True)
    ]
    found = found.sort_values(["score", "rank"], kind="stable").head(limit)
    return found[columns].reset_index(drop=True)
