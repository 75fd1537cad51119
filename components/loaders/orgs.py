"""Loaders of the organisation-tree page: where a link points, one node's card, its children, search."""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from components.loaders import cached, session
from models.access import ANONYMOUS, OutOfScope, Scope, hides_small, suppress_small
from models import org_rollup
from models.queries import orgs, regions
from models.queries import search as search_q
from models.queries.orgs import OrgNode  # read model the page's components render
from models.queries.common import CITY, Area

LINK_CODE_MAX = 40  # longer values are cut before they are looked up or shown


@dataclass(frozen=True)
class Place:
    """The node a request opens, its breadcrumb, and why it differs from the link when it does.

    `problem` is None, "malformed" (not a code), "unknown" (no such code: the organisation with the
    longest code the link's code starts with is shown, i.e. the nearest level above that exists) or
    "forbidden" (outside the viewer's scope: the viewer's own committee is shown instead).
    """

    node: orgs.OrgNode
    trail: pd.DataFrame  # id, code, name, level, district_id, street_id: root first, node last
    problem: str | None = None
    asked: str | None = None  # the code of the link, cut to LINK_CODE_MAX


@dataclass(frozen=True)
class Card:
    node: orgs.OrgNode
    totals: orgs.Totals
    grades: pd.DataFrame
    centres: pd.DataFrame
    points: pd.DataFrame
    region: tuple[str, str, float, float] | None  # name, level, lon, lat of the node's own region
    district: str | None  # name of the node's district (for the outline)
    secretary: tuple | None = None  # the register's row (orgs.secretary), if any
    # Figures withheld for the viewer (models.access small aggregates): "members", "orgs_below", "buildings"
    # or "below.<level>" -> mark code (MARK_SMALL / MARK_WITHHELD); inside the detail area always empty.
    withheld: dict[str, str] = field(default_factory=dict)


def _small_totals(totals: orgs.Totals, node: orgs.OrgNode, scope: Scope) -> dict[str, str]:
    """Which of a node card's counts the viewer may not see (one rule: models.access)."""
    def place(_row: dict) -> tuple[int | None, int | None]:
        return node.district_id, node.street_id

    where = (node.district_id, node.street_id)
    out: dict[str, str] = {}
    if totals.below:  # by level; their sum (orgs_below) is on the card too, hence secondary suppression
        levels = suppress_small(pd.DataFrame({"level": list(totals.below), "n": list(totals.below.values())}),
                                scope, count="n", place=place, values=(), secondary=True)
        out.update({f"below.{lvl}": m for lvl, m in zip(levels["level"], levels["small_mark"], strict=True) if m})
    if hides_small(scope, *where, totals.orgs_below):
        out.update(orgs_below="small", members="small")
    if hides_small(scope, *where, totals.buildings):
        out["buildings"] = "small"
    return out


def small_children(df: pd.DataFrame, node: orgs.OrgNode, scope: Scope) -> pd.DataFrame:
    """A node's children as the viewer may see them: subtree counts of 1 or 2 organisations (their members)
    or buildings withheld, with secondary suppression (the node's totals are shown above them). A child is
    placed at its parent's area (children of a district are its streets)."""
    def place(_row: dict) -> tuple[int | None, int | None]:
        return node.district_id, node.street_id

    df = suppress_small(df, scope, count="orgs_below", place=place, values=("members",), flag="orgs_small",
                        secondary=True)
    return suppress_small(df, scope, count="buildings", place=place, values=(), flag="buildings_small",
                          secondary=True)


@cached
def rollup_fresh() -> bool:
    """Whether the stored subtree sums match the data (else every sum is computed on read)."""
    with session() as s:
        return org_rollup.is_fresh(s)


@cached
def place(scope: Scope, code: str | None, area: Area) -> Place | None:
    """Resolve the `org` query parameter (no parameter: the sidebar area's committee, else the root).

    None when the store holds no organisations at all.
    """
    asked = (code or "").strip()[:LINK_CODE_MAX] or None
    problem, node = None, None
    with session() as s:
        if asked is not None:
            if not orgs.CODE_PATTERN.match(asked):
                problem = "malformed"
            else:
                try:
                    node = orgs.node(s, scope=scope, code=asked) or orgs.node(s, scope=scope, code=asked.upper())
                    if node is None:
                        problem, node = "unknown", orgs.nearest(s, scope=scope, code=asked.upper())
                except OutOfScope:
                    problem, node = "forbidden", orgs.area_node(s, scope=scope, area=scope.detail or CITY)
        node = node or orgs.area_node(s, scope=scope, area=area) or orgs.root(s, scope=scope)
        if node is None:
            return None
        return Place(node, orgs.ancestors(s, scope=scope, node=node), problem, asked)


@cached
def children(scope: Scope, org_id: int, year: int) -> pd.DataFrame:
    fresh = rollup_fresh()
    with session() as s:
        df = orgs.children(s, scope=scope, org_id=org_id, year=year, rollup=fresh)
        node = orgs.node_by_id(s, scope=scope, org_id=org_id)
    return df if node is None else small_children(df, node, scope)


@cached
def card(scope: Scope, code: str) -> Card | None:
    fresh = rollup_fresh()
    with session() as s:
        node = orgs.node(s, scope=scope, code=code)
        if node is None:
            return None
        totals = orgs.totals(s, scope=scope, node=node, rollup=fresh)
        return Card(
            node=node,
            totals=totals,
            withheld=_small_totals(totals, node, scope),
            grades=orgs.grade_history(s, scope=scope, org_id=node.id),
            centres=orgs.own_centres(s, scope=scope, org_id=node.id),
            points=orgs.map_points(s, scope=scope, node=node),
            region=orgs.region_point(s, scope=scope, region_id=node.region_id),
            district=(orgs.region_point(s, scope=scope, region_id=node.district_id) or (None,))[0],
            secretary=orgs.secretary(s, scope=scope, node=node),
        )


@cached
def search(scope: Scope, text: str) -> pd.DataFrame:
    with session() as s:
        return orgs.search(s, scope=scope, text=text, limit=20)


@cached
def region_names(district_id: int | None, street_id: int | None) -> tuple[str | None, str | None]:
    """Names of an organisation's district and street (public data), to set the sidebar to its area."""
    with session() as s:
        return regions.region_names(s, scope=ANONYMOUS, district_id=district_id, street_id=street_id)


@cached
def search_hits(scope: Scope, text: str) -> pd.DataFrame:
    """The search box's hits: organisations and centres (orgs.search) and buildings, each with the names of
    its district and street. Columns: source (org | centre | building), code, name, sort (level, tier or
    building kind), target, target_name (the organisation a hit opens), district, street, centre_id."""
    with session() as s:
        found = orgs.search(s, scope=scope, text=text, limit=20)
        places = search_q.buildings(s, scope=scope, text=text, limit=10)
        names = search_q.area_names(s, scope=ANONYMOUS)
        centre_ids = search_q.centre_ids(s, scope=ANONYMOUS, codes=tuple(found.loc[found["source"] == "centre", "code"]))
    places = places.assign(source="building", sort=places["kind"], target=None, target_name=None)
    hits = pd.concat([df for df in (found, places) if not df.empty] or [found], ignore_index=True)
    hits["district"] = [names.get(int(i)) if pd.notna(i) else None for i in hits["district_id"]]
    hits["street"] = [names.get(int(i)) if pd.notna(i) else None for i in hits["street_id"]]
    hits["centre_id"] = [centre_ids.get(c) if src == "centre" else None for src, c in zip(hits["source"], hits["code"], strict=True)]
    return hits[["source", "code", "name", "sort", "target", "target_name", "district", "street", "centre_id"]]
