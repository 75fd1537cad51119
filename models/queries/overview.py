"""Headline aggregates of the overview page, each for a year and the year before.

What is counted (centres open, towers covered, organisations, members, the A share) is models.rules;
the other pages and the slides count with the same rules, so they show the same figures.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
from sqlalchemy import BigInteger, and_, case, cast, func, select, true
from sqlalchemy.orm import Session

from models import rollups, rules
from models.queries.common import AGGREGATE, Area, Scope, frame, query, within
from models.tables import Region, ServiceCenter
from models.vocab import CENTRE_TIERS, ORG_CATEGORIES


@dataclass(frozen=True)
class Pair:
    """A figure this year and the year before (None where it cannot be computed)."""

    now: float | None
    before: float | None
    small: bool = False  # withheld for the viewer: over fewer than 3 (models.access.suppress_pair)
    n: int | None = None  # how many things (towers, graded organisations) the figure is over, this year
    n_before: int | None = None  # and the year before

    @property
    def delta(self) -> float | None:
        return None if self.now is None or self.before is None else self.now - self.before


def _counted(flag) -> object:
    return func.coalesce(func.sum(case((flag, 1), else_=0)), 0)


@query(AGGREGATE)
def centres_by_tier(session: Session, *, scope: Scope, area: Area, year: int) -> pd.DataFrame:
    """tier, now, before: centres open at the end of `year` and of the year before, all tiers listed."""
    stmt = within(
        select(
            ServiceCenter.tier,
            _counted(rules.centre_open(year)).label("now"),
            _counted(rules.centre_open(year - 1)).label("before"),
        ).group_by(ServiceCenter.tier),
        ServiceCenter,
        area,
    )
    df = frame(session, stmt).set_index("tier").reindex(CENTRE_TIERS, fill_value=0)
    return df.astype(int).reset_index()


def _sum(src, value, flag) -> object:
    """The sum of `value` over the rows where `flag` holds (an integer on every back-end: PostgreSQL sums
    integers as numeric)."""
    return cast(func.coalesce(func.sum(case((flag, value), else_=0)), 0), BigInteger)


@query(AGGREGATE)
def orgs_by_category(session: Session, *, scope: Scope, area: Area, year: int, rollup: bool = False) -> pd.DataFrame:
    """category, now, before: grassroots organisations existing at the end of each year."""
    o = rollups.source("org_facts", rollup=rollup)
    stmt = within(
        select(
            o.category,
            _sum(o, o.n, rules.org_exists(year, o)).label("now"),
            _sum(o, o.n, rules.org_exists(year - 1, o)).label("before"),
        )
        .where(rules.counted_org(o))
        .group_by(o.category),
        o,
        area,
    )
    df = frame(session, stmt).set_index("category").reindex(ORG_CATEGORIES, fill_value=0)
    return df.astype(int).reset_index()


@query(AGGREGATE)
def members(session: Session, *, scope: Scope, area: Area, year: int, rollup: bool = False) -> Pair:
    """Party members in organisations that existed at the end of each year."""
    o = rollups.source("org_facts", rollup=rollup)
    stmt = within(select(_sum(o, o.members, rules.counted_members(year, o)),
                         _sum(o, o.members, rules.counted_members(year - 1, o))).where(rules.holds_members(o)), o, area)
    now, before = session.execute(stmt).one()
    return Pair(int(now), int(before))


@query(AGGREGATE)
def tower_coverage(session: Session, *, scope: Scope, area: Area, year: int, rollup: bool = False) -> Pair:
    """Share of towers (models.rules.is_tower) covered by a Party organisation at the end of each year."""
    b = rollups.source("building_facts", rollup=rollup)
    stmt = within(
        select(_sum(b, b.n, true()), _sum(b, b.n, rules.covered_in(year, b)),
               _sum(b, b.n, rules.covered_in(year - 1, b)))
        .where(rules.is_tower(b)),
        b,
        area,
    )
    total, now, before = session.execute(stmt).one()
    return Pair(rules.share(now, total), rules.share(before, total), n=int(total), n_before=int(total))


@query(AGGREGATE)
def a_share(session: Session, *, scope: Scope, area: Area, year: int, rollup: bool = False) -> Pair:
    """Share of graded organisations with grade A in `year` and the year before."""
    g = rollups.source("grades", rollup=rollup)
    stmt = within(
        select(g.year, _sum(g, g.n, true()), _sum(g, g.n, rules.grade_a(g)))
        .where(g.year.in_((year, year - 1)))
        .group_by(g.year),
        g,
        area,
    )
    got = {int(y): (n, a) for y, n, a in session.execute(stmt)}

    def share(y: int) -> float | None:
        n, a = got.get(y, (0, 0))
        return rules.share(a, n)

    return Pair(share(year), share(year - 1), n=int(got.get(year, (0, 0))[0]),
                n_before=int(got.get(year - 1, (0, 0))[0]))


@query(AGGREGATE)
def ranking(session: Session, *, scope: Scope, area: Area, year: int, rollup: bool = False) -> pd.DataFrame:
    """One row per district (or per street inside a district): centres, orgs, members, tower and A shares."""
    level = rules.comparison_level(area)
    key = f"{level}_id"
    region_filter = rules.compared_regions(area)

    def by(table, *cols, where=()):
        return (
            select(getattr(table, key).label("rid"), *cols)
            .where(*where)
            .group_by(getattr(table, key))
            .subquery()
        )

    o = rollups.source("org_facts", rollup=rollup)
    b = rollups.source("building_facts", rollup=rollup)
    g = rollups.source("grades", rollup=rollup)
    centres = by(ServiceCenter, func.count().label("centres"), where=(rules.centre_open(year),))
    orgs = by(
        o,
        _sum(o, o.n, and_(rules.counted_org(o), rules.org_exists(year, o))).label("orgs"),
        _sum(o, o.members, rules.counted_members(year, o)).label("members"),
        where=(rules.holds_members(o),),
    )
    towers = by(
        b,
        _sum(b, b.n, true()).label("towers"),
        _sum(b, b.n, rules.covered_in(year, b)).label("towers_covered"),
        where=(rules.is_tower(b),),
    )
    graded = by(g, _sum(g, g.n, true()).label("graded"), _sum(g, g.n, rules.grade_a(g)).label("grade_a"),
                where=(g.year == year,))
    stmt = (
        select(
            Region.id.label("rid"),
            Region.name,
            Region.district_id,
            func.coalesce(centres.c.centres, 0).label("centres"),
            func.coalesce(orgs.c.orgs, 0).label("orgs"),
            func.coalesce(orgs.c.members, 0).label("members"),
            func.coalesce(towers.c.towers, 0).label("towers"),
            func.coalesce(towers.c.towers_covered, 0).label("towers_covered"),
            func.coalesce(graded.c.graded, 0).label("graded"),
            func.coalesce(graded.c.grade_a, 0).label("grade_a"),
        )
        .where(region_filter)
        .outerjoin(centres, centres.c.rid == Region.id)
        .outerjoin(orgs, orgs.c.rid == Region.id)
        .outerjoin(towers, towers.c.rid == Region.id)
        .outerjoin(graded, graded.c.rid == Region.id)
        .order_by(Region.id)
    )
    df = frame(session, stmt)
    df["tower_rate"] = (df["towers_covered"] / df["towers"].where(df["towers"] > 0)).astype(float)
    df["a_share"] = (df["grade_a"] / df["graded"].where(df["graded"] > 0)).astype(float)
    return df.sort_values(["a_share", "members"], ascending=False, na_position="last").reset_index(drop=True)

