"""Aggregates and lists of the team page (队伍建设): community secretaries and committee staffing, volunteers
and 同乡村 organisations (issue 20 §3, §5). Counting rules: models/team_rules.py.

Aggregates are per region of the area's comparison level (models.rules.comparison_level: the city's
districts, else the streets of the area's district), never per community: a community has one secretary,
so a per-community "average age" would be one person's age. Lists of single secretaries and 同乡村
organisations are detail, restricted to the viewer's detail area.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from models import rules, team_rules
from models.queries.common import AGGREGATE, DETAIL, Area, Scope, frame, query, visible, within
from models.tables import CommitteeStaffing, HometownOrg, PartyOrg, Region, Secretary, VolunteerYear
from models.vocab import EDUCATION_LEVELS


def _n(flag) -> object:
    return func.coalesce(func.sum(case((flag, 1), else_=0)), 0)


@dataclass(frozen=True)
class TeamKpis:
    secretaries: int
    average_age: float | None
    college_or_above: int
    education: dict[str, int]  # vocab.EDUCATION_LEVELS -> secretaries
    average_tenure: float | None  # years in post at the end of the year
    over_two_terms: int
    committees: int  # community committees with a staffing record
    fully_staffed: int
    deputies: int
    organisers: int
    vacant: int  # committees whose 书记 post is unfilled
    # withheld for the viewer (models.access small aggregates, set by the loader): "secretaries" (every figure
    # over the secretaries: ages, education, tenure) and/or "committees" (staffing, vacancies)
    small: frozenset[str] = frozenset()


def _in_post(year: int):
    return Secretary.tenure_start <= year


@query(AGGREGATE)
def kpis(session: Session, *, scope: Scope, area: Area, year: int) -> TeamKpis:
    """The area's community secretaries in post at the end of `year` and its committees' staffing."""
    sec = within(select(
        func.count().label("n"), func.avg(team_rules.age_in(year)).label("age"),
        _n(team_rules.college_or_above()).label("college_plus"),
        func.avg(year - Secretary.tenure_start).label("tenure"),
        _n(Secretary.terms_served > 2).label("over_two"),
        *(_n(Secretary.education == e).label(e) for e in EDUCATION_LEVELS),
    ).where(_in_post(year)), Secretary, area)
    s = session.execute(sec).one()
    staff = within(select(
        func.count().label("n"), _n(team_rules.fully_staffed()).label("full"),
        _n(CommitteeStaffing.deputy).label("deputy"), _n(CommitteeStaffing.organiser).label("organiser"),
        _n(~CommitteeStaffing.secretary).label("vacant"),
    ), CommitteeStaffing, area)
    c = session.execute(staff).one()
    return TeamKpis(
        secretaries=int(s.n), average_age=None if s.age is None else round(float(s.age), 1),
        college_or_above=int(s.college_plus), education={e: int(getattr(s, e)) for e in EDUCATION_LEVELS},
        average_tenure=None if s.tenure is None else round(float(s.tenure), 1), over_two_terms=int(s.over_two),
        committees=int(c.n), fully_staffed=int(c.full), deputies=int(c.deputy), organisers=int(c.organiser),
        vacant=int(c.vacant),
    )


def _key(table, level: str):
    return table.district_id if level == "district" else table.street_id


@query(AGGREGATE)
def secretaries_by_region(session: Session, *, scope: Scope, area: Area, year: int) -> pd.DataFrame:
    """rid, name, secretaries, average_age, college, bachelor, master, average_tenure, committees,
    fully_staffed, vacant per compared region (every one, zeros included), in code order."""
    level = rules.comparison_level(area)
    key = _key(Secretary, level)
    sec = (select(key.label("rid"), func.count().label("secretaries"),
                  func.avg(team_rules.age_in(year)).label("average_age"),
                  _n(team_rules.college_or_above()).label("college_or_above"),
                  _n(Secretary.education == "bachelor").label("bachelor"),
                  _n(Secretary.education == "master").label("master"),
                  func.avg(year - Secretary.tenure_start).label("average_tenure"))
           .where(_in_post(year)).group_by(key).subquery())
    skey = _key(CommitteeStaffing, level)
    staff = (select(skey.label("rid"), func.count().label("committees"),
                    _n(team_rules.fully_staffed()).label("fully_staffed"),
                    _n(~CommitteeStaffing.secretary).label("vacant"))
             .group_by(skey).subquery())
    stmt = (select(Region.id.label("rid"), Region.name, sec.c.secretaries, sec.c.average_age, sec.c.college_or_above,
                   sec.c.bachelor, sec.c.master, sec.c.average_tenure, staff.c.committees, staff.c.fully_staffed,
                   staff.c.vacant)
            .outerjoin(sec, sec.c.rid == Region.id).outerjoin(staff, staff.c.rid == Region.id)
            .where(rules.compared_regions(area)).order_by(Region.code))
    df = frame(session, stmt)
    for col in ("secretaries", "college_or_above", "bachelor", "master", "committees", "fully_staffed", "vacant"):
        df[col] = df[col].fillna(0).astype(int)
    for col in ("average_age", "average_tenure"):
        df[col] = df[col].astype(float).round(1)
    df["staffed_share"] = (df["fully_staffed"] / df["committees"].where(df["committees"] > 0)).astype(float)
    return df


@query(AGGREGATE)
def age_bins(session: Session, *, scope: Scope, area: Area, year: int) -> pd.DataFrame:
    """age (five-year bin start), n: the area's secretaries in post by age at the end of `year`."""
    age = team_rules.age_in(year)
    bin_start = (age // 5) * 5
    stmt = within(select(bin_start.label("age"), func.count().label("n")).where(_in_post(year)), Secretary, area)
    df = frame(session, stmt.group_by(bin_start).order_by(bin_start))
    return df.astype({"age": int, "n": int})


@query(DETAIL)
def secretary_list(session: Session, *, scope: Scope, area: Area, year: int) -> pd.DataFrame:
    """org_id, committee, street, name, age, education, tenure_start, terms_served, deputy, organiser: the
    secretaries in post in the viewer's detail part of the area, by street and committee."""
    street = Region.__table__.alias("street")
    stmt = (select(Secretary.org_id, PartyOrg.name.label("committee"), street.c.name.label("street"),
                   Secretary.name, team_rules.age_in(year).label("age"), Secretary.education,
                   Secretary.tenure_start, Secretary.terms_served,
                   CommitteeStaffing.deputy, CommitteeStaffing.organiser)
            .join(PartyOrg, PartyOrg.id == Secretary.org_id)
            .outerjoin(street, street.c.id == Secretary.street_id)
            .outerjoin(CommitteeStaffing, CommitteeStaffing.org_id == Secretary.org_id)
            .where(_in_post(year)).order_by(street.c.name, PartyOrg.code))
    return frame(session, visible(within(stmt, Secretary, area), Secretary, scope))


# --- Volunteers ------------------------------------------------------------------------------------------

@query(AGGREGATE)
def volunteers_by_region(session: Session, *, scope: Scope, area: Area, year: int) -> pd.DataFrame:
    """rid, name, volunteers, service_hours, love_bank_points, prev_volunteers per compared region."""
    level = rules.comparison_level(area)
    key = _key(VolunteerYear, level)

    def per(y: int):
        return (select(key.label("rid"), func.sum(VolunteerYear.volunteers).label("volunteers"),
                       func.sum(VolunteerYear.service_hours).label("service_hours"),
                       func.sum(VolunteerYear.love_bank_points).label("love_bank_points"))
                .where(VolunteerYear.year == y).group_by(key).subquery())

    now, prev = per(year), per(year - 1)
    stmt = (select(Region.id.label("rid"), Region.name, now.c.volunteers, now.c.service_hours, now.c.love_bank_points,
                   prev.c.volunteers.label("prev_volunteers"))
            .outerjoin(now, now.c.rid == Region.id).outerjoin(prev, prev.c.rid == Region.id)
            .where(rules.compared_regions(area)).order_by(Region.code))
    df = frame(session, stmt)
    df["volunteers"] = df["volunteers"].fillna(0).astype(int)
    df["service_hours"] = df["service_hours"].fillna(0).astype(float).round(0)
    df["love_bank_points"] = df["love_bank_points"].astype("Int64")
    df["prev_volunteers"] = df["prev_volunteers"].astype("Int64")
    return df


@query(AGGREGATE)
def volunteer_trend(session: Session, *, scope: Scope, area: Area) -> pd.DataFrame:
    """year, volunteers, service_hours, love_bank_points: the area's totals in every recorded year."""
    stmt = within(select(VolunteerYear.year, func.sum(VolunteerYear.volunteers).label("volunteers"),
                         func.sum(VolunteerYear.service_hours).label("service_hours"),
                         func.sum(VolunteerYear.love_bank_points).label("love_bank_points")),
                  VolunteerYear, area)
    df = frame(session, stmt.group_by(VolunteerYear.year).order_by(VolunteerYear.year))
    return df.astype({"year": int, "volunteers": int, "service_hours": float})


# --- 同乡村 ----------------------------------------------------------------------------------------------

@query(AGGREGATE)
def hometown_by_region(session: Session, *, scope: Scope, area: Area) -> pd.DataFrame:
    """rid, name, organisations, members, reach per compared region (regions without any left out)."""
    key = _key(HometownOrg, rules.comparison_level(area))
    sub = (select(key.label("rid"), func.count().label("organisations"),
                  func.sum(HometownOrg.members).label("members"), func.sum(HometownOrg.reach).label("reach"))
           .group_by(key).subquery())
    stmt = (select(Region.id.label("rid"), Region.name, sub.c.organisations, sub.c.members, sub.c.reach)
            .join(sub, sub.c.rid == Region.id).where(rules.compared_regions(area)).order_by(Region.code))
    return frame(session, stmt).astype({"organisations": int, "members": int, "reach": int})


@query(DETAIL)
def hometown_list(session: Session, *, scope: Scope, area: Area) -> pd.DataFrame:
    """code, name, hometown, district, street, members, reach: the 同乡村 organisations in the viewer's
    detail part of the area, largest reach first."""
    district = Region.__table__.alias("district")
    street = Region.__table__.alias("street")
    stmt = (select(HometownOrg.code, HometownOrg.name, HometownOrg.hometown, district.c.name.label("district"),
                   street.c.name.label("street"), HometownOrg.members, HometownOrg.reach)
            .outerjoin(district, district.c.id == HometownOrg.district_id)
            .outerjoin(street, street.c.id == HometownOrg.street_id)
            .order_by(HometownOrg.reach.desc(), HometownOrg.code))
    return frame(session, visible(within(stmt, HometownOrg, area), HometownOrg, scope))
