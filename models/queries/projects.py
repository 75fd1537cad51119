"""Aggregates and lists of 党建项目认领 (issue 20 §1; seeds 000, 004). Counting rules: models/project_rules.py.

Who sees what (README "Who sees what"): the counts by status, by region below the area and by unit type
are aggregates, the same for every viewer anywhere. The claiming units by name (the ranking) and the
projects themselves (title, community, unit, dates, position) are detail, restricted to the viewer's detail
area: a 党代表 is a person, and a unit's name next to a community's unmet need says more than a count.
A unit is placed by the projects it claimed (a unit claiming in two streets shows, to a street account, with
its projects in that street only).
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from models import project_rules as pr, rules
from models.queries.common import AGGREGATE, DETAIL, Area, Scope, frame, query, visible, within
from models.tables import ClaimUnit, PartyProject, Region
from models.vocab import PROJECT_STATUSES, PROJECT_UNIT_TYPES

P = PartyProject


def _n(flag) -> object:
    return func.coalesce(func.sum(case((flag, 1), else_=0)), 0)


@dataclass(frozen=True)
class ProjectKpis:
    published: int  # projects published by the end of the year
    by_status: dict[str, int]  # vocab.PROJECT_STATUSES -> projects in that state at the end of the year
    claimed: int  # 认领项目: every status but 待认领
    units: int  # 认领单位: distinct units of the claimed projects
    beneficiaries: int  # 受益群众 of the claimed projects


def _status(year: int):
    return pr.status_in(year)


@query(AGGREGATE)
def kpis(session: Session, *, scope: Scope, area: Area, year: int) -> ProjectKpis:
    """The area's projects at the end of `year`: counts by status, claimed projects, units, people reached."""
    status, claimed = _status(year), pr.claimed_by(year)
    stmt = within(select(
        func.count().label("n"), *(_n(status == s).label(s) for s in PROJECT_STATUSES),
        _n(claimed).label("n_claimed"),
        func.count(func.distinct(case((claimed, P.unit_id)))).label("units"),
        func.coalesce(func.sum(case((claimed, P.beneficiaries), else_=0)), 0).label("people"),
    ).where(pr.published_by(year)), P, area)
    r = session.execute(stmt).one()
    return ProjectKpis(published=int(r.n), by_status={s: int(getattr(r, s)) for s in PROJECT_STATUSES},
                       claimed=int(r.n_claimed), units=int(r.units), beneficiaries=int(r.people))


def _key(level: str):
    return {"district": P.district_id, "street": P.street_id, "community": P.region_id}[level]


@query(AGGREGATE)
def by_subarea(session: Session, *, scope: Scope, area: Area, year: int) -> pd.DataFrame:
    """rid, name, open, claimed, underway, done, projects, units, beneficiaries per region below the area
    (rules.child_level: the districts, a district's streets, a street's communities; every one, zeros
    included), in code order."""
    level = rules.child_level(area).level
    key, status, claimed = _key(level), _status(year), pr.claimed_by(year)
    sub = within(select(
        key.label("rid"), *(_n(status == s).label(s) for s in PROJECT_STATUSES), func.count().label("projects"),
        func.count(func.distinct(case((claimed, P.unit_id)))).label("units"),
        func.coalesce(func.sum(case((claimed, P.beneficiaries), else_=0)), 0).label("beneficiaries"),
    ).where(pr.published_by(year)), P, area).group_by(key).subquery()
    stmt = (select(Region.id.label("rid"), Region.name, *(sub.c[s] for s in PROJECT_STATUSES), sub.c.projects,
                   sub.c.units, sub.c.beneficiaries)
            .outerjoin(sub, sub.c.rid == Region.id).where(Region.level == level))
    stmt = stmt if area.is_city else stmt.where(rules.in_area(Region, area))
    df = frame(session, stmt.order_by(Region.code))
    counts = [*PROJECT_STATUSES, "projects", "units", "beneficiaries"]
    df[counts] = df[counts].fillna(0).astype(int)
    return df


@query(AGGREGATE)
def by_unit_type(session: Session, *, scope: Scope, area: Area, year: int) -> pd.DataFrame:
    """unit_type, units, projects, beneficiaries: the area's claimed projects by the kind of unit that claimed
    them (every type, zeros included, in vocabulary order)."""
    stmt = within(select(ClaimUnit.unit_type, func.count(func.distinct(P.unit_id)).label("units"),
                         func.count().label("projects"), func.sum(P.beneficiaries).label("beneficiaries"))
                  .join(ClaimUnit, ClaimUnit.id == P.unit_id).where(pr.claimed_by(year)), P, area)
    got = frame(session, stmt.group_by(ClaimUnit.unit_type)).set_index("unit_type")
    df = got.reindex(list(PROJECT_UNIT_TYPES)).fillna(0).astype(int).rename_axis("unit_type").reset_index()
    return df


@query(DETAIL)
def top_units(session: Session, *, scope: Scope, area: Area, year: int, n: int = 10) -> pd.DataFrame:
    """name, unit_type, projects, done, beneficiaries: the units that claimed most projects in the viewer's
    detail part of the area by the end of `year`, most first (then most people reached, then name)."""
    projects = func.count().label("projects")
    people = func.sum(P.beneficiaries).label("beneficiaries")
    stmt = (select(ClaimUnit.name, ClaimUnit.unit_type, projects, _n(_status(year) == pr.DONE).label("done"), people)
            .join(ClaimUnit, ClaimUnit.id == P.unit_id).where(pr.claimed_by(year))
            .group_by(ClaimUnit.id, ClaimUnit.name, ClaimUnit.unit_type)
            .order_by(projects.desc(), people.desc(), ClaimUnit.name).limit(n))
    df = frame(session, visible(within(stmt, P, area), P, scope))
    return df.astype({"projects": int, "done": int, "beneficiaries": int})


@query(DETAIL)
def project_list(session: Session, *, scope: Scope, area: Area, year: int) -> pd.DataFrame:
    """code, title, need, community, street, unit, unit_type, status (at the end of `year`), published_on,
    claimed_on, completed_on, beneficiaries, lon, lat, district_id, street_id: the projects published by the
    end of `year` in the viewer's detail part of the area, newest first. Dates after the year's end are
    not shown (the year's state: models/project_rules.py)."""
    community, street = Region.__table__.alias("community"), Region.__table__.alias("street")
    end = rules.year_end(year)
    stmt = (select(P.code, P.title, P.need, community.c.name.label("community"), street.c.name.label("street"),
                   case((pr.claimed_by(year), ClaimUnit.name)).label("unit"),
                   case((pr.claimed_by(year), ClaimUnit.unit_type)).label("unit_type"),
                   _status(year).label("status"), P.published_on,
                   case((pr.claimed_by(year), P.claimed_on)).label("claimed_on"),
                   case((P.completed_on <= end, P.completed_on)).label("completed_on"),
                   case((pr.claimed_by(year), P.beneficiaries), else_=0).label("beneficiaries"),
                   P.lon, P.lat, P.district_id, P.street_id)
            .join(community, community.c.id == P.region_id).outerjoin(street, street.c.id == P.street_id)
            .outerjoin(ClaimUnit, ClaimUnit.id == P.unit_id).where(pr.published_by(year))
            .order_by(P.published_on.desc(), P.code))
    df = frame(session, visible(within(stmt, P, area), P, scope))
    return df.astype({"beneficiaries": int})
