"""Headline aggregates of the overview page, each for a year and the year before."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd
from sqlalchemy import and_, case, func, select
from sqlalchemy.orm import Session

from models.queries.common import AGGREGATE, Area, Scope, frame, query, within
from models.tables import Building, PartyOrg, Rating, Region, ServiceCenter
from models.vocab import CENTRE_TIERS, MEMBER_HOLDING_TYPES, ORG_CATEGORIES, TOWER_MIN_FLOORS


@dataclass(frozen=True)
class Pair:
    """A figure this year and the year before (None where it cannot be computed)."""

    now: float | None
    before: float | None

    @property
    def delta(self) -> float | None:
        return None if self.now is None or self.before is None else self.now - self.before


def _counted(flag) -> object:
    return func.coalesce(func.sum(case((flag, 1), else_=0)), 0)


@query(AGGREGATE)
def centres_by_tier(session: Session, *, scope: Scope, area: Area, year: int) -> pd.DataFrame:
    """tier, now, before: centres open at the end of `year` and of the year before, all tiers listed."""
    end, prev_end = date(year, 12, 31), date(year - 1, 12, 31)
    stmt = within(
        select(
            ServiceCenter.tier,
            _counted(ServiceCenter.opened_on <= end).label("now"),
            _counted(ServiceCenter.opened_on <= prev_end).label("before"),
        ).group_by(ServiceCenter.tier),
        ServiceCenter,
        area,
    )
    df = frame(session, stmt).set_index("tier").reindex(CENTRE_TIERS, fill_value=0)
    return df.astype(int).reset_index()


@query(AGGREGATE)
def orgs_by_category(session: Session, *, scope: Scope, area: Area, year: int) -> pd.DataFrame:
    """category, now, before: grassroots organisations founded by the end of each year."""
    stmt = within(
        select(
            PartyOrg.category,
            _counted(PartyOrg.founded_year <= year).label("now"),
            _counted(PartyOrg.founded_year <= year - 1).label("before"),
        )
        .where(PartyOrg.category.in_(ORG_CATEGORIES), PartyOrg.org_type.in_(MEMBER_HOLDING_TYPES))
        .group_by(PartyOrg.category),
        PartyOrg,
        area,
    )
    df = frame(session, stmt).set_index("category").reindex(ORG_CATEGORIES, fill_value=0)
    return df.astype(int).reset_index()


@query(AGGREGATE)
def members(session: Session, *, scope: Scope, area: Area, year: int) -> Pair:
    """Party members in organisations that existed at the end of each year."""
    def total(y: int):
        return func.coalesce(func.sum(case((PartyOrg.founded_year <= y, PartyOrg.members), else_=0)), 0)

    stmt = within(
        select(total(year), total(year - 1)).where(PartyOrg.org_type.in_(MEMBER_HOLDING_TYPES)), PartyOrg, area
    )
    now, before = session.execute(stmt).one()
    return Pair(int(now), int(before))


@query(AGGREGATE)
def tower_coverage(session: Session, *, scope: Scope, area: Area, year: int) -> Pair:
    """Share of towers of 20+ floors covered by a Party organisation at the end of each year."""
    def covered(y: int):
        return _counted(and_(Building.org_id.is_not(None), Building.covered_since <= y))

    stmt = within(
        select(func.count(), covered(year), covered(year - 1)).where(
            Building.kind == "tower", Building.floors >= TOWER_MIN_FLOORS
        ),
        Building,
        area,
    )
    total, now, before = session.execute(stmt).one()
    if not total:
        return Pair(None, None)
    return Pair(now / total, before / total)


@query(AGGREGATE)
def a_share(session: Session, *, scope: Scope, area: Area, year: int) -> Pair:
    """Share of graded organisations with grade A in `year` and the year before."""
    def share(y: int) -> float | None:
        stmt = within(
            select(func.count(), _counted(Rating.grade == "A"))
            .select_from(Rating)
            .join(PartyOrg, PartyOrg.id == Rating.org_id)
            .where(Rating.year == y),
            PartyOrg,
            area,
        )
        n, a = session.execute(stmt).one()
        return a / n if n else None

    return Pair(share(year), share(year - 1))


@query(AGGREGATE)
def ranking(session: Session, *, scope: Scope, area: Area, year: int) -> pd.DataFrame:
    """One row per district (or per street inside a district): centres, orgs, members, tower and A shares."""
    child_level = "district" if area.district_id is None else "street"
    key = "district_id" if child_level == "district" else "street_id"
    region_filter = Region.level == child_level
    if area.district_id is not None:
        region_filter = and_(region_filter, Region.district_id == area.district_id)

    def by(table, *cols, where=()):
        return (
            select(getattr(table, key).label("rid"), *cols)
            .where(*where)
            .group_by(getattr(table, key))
            .subquery()
        )

    centres = by(ServiceCenter, func.count().label("centres"), where=(ServiceCenter.opened_on <= date(year, 12, 31),))
    orgs = by(
        PartyOrg,
        func.count().label("orgs"),
        func.sum(PartyOrg.members).label("members"),
        where=(PartyOrg.category.in_(ORG_CATEGORIES), PartyOrg.org_type.in_(MEMBER_HOLDING_TYPES),
               PartyOrg.founded_year <= year),
    )
    towers = by(
        Building,
        func.count().label("towers"),
        _counted(and_(Building.org_id.is_not(None), Building.covered_since <= year)).label("towers_covered"),
        where=(Building.kind == "tower", Building.floors >= TOWER_MIN_FLOORS),
    )
    graded = (
        select(getattr(PartyOrg, key).label("rid"), func.count().label("graded"),
               _counted(Rating.grade == "A").label("grade_a"))
        .select_from(Rating)
        .join(PartyOrg, PartyOrg.id == Rating.org_id)
        .where(Rating.year == year)
        .group_by(getattr(PartyOrg, key))
        .subquery()
    )
    stmt = (
        select(
            Region.name,
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

