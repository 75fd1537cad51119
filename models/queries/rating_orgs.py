"""Organisations behind the grade figures: a transition cell, the 软弱涣散 register, one organisation."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
from sqlalchemy import and_, case, func, or_, select
from sqlalchemy.orm import Session, aliased

from models.queries.common import DETAIL, Area, Scope, frame, org_visible, query, require_org
from models.queries.ratings import graded_in
from models.tables import IndicatorScore, PartyOrg, Rating, Region, WeakOrgCase

_ACCOUNTABILITY = (WeakOrgCase.lead_leader, WeakOrgCase.first_secretary_name, WeakOrgCase.first_secretary_rank,
                   WeakOrgCase.first_secretary_unit, WeakOrgCase.first_secretary_since, WeakOrgCase.measures,
                   WeakOrgCase.deadline, WeakOrgCase.closed_on, WeakOrgCase.closing_review)
_street = aliased(Region)
_district = aliased(Region)


def _placed(stmt):
    """Add the street and district names of the PartyOrg in `stmt` (street None when hung above streets)."""
    return stmt.add_columns(_street.name.label("street"), _district.name.label("district")).outerjoin(
        _street, _street.id == PartyOrg.street_id
    ).outerjoin(_district, _district.id == PartyOrg.district_id)


@query(DETAIL)
def transition_orgs(
    session: Session, *, scope: Scope, area: Area, year: int, prev_grade: str, grade: str, category: str | None = None
) -> pd.DataFrame:
    """org_id, code, name, category, street, district, prev_composite, composite of one transition cell."""
    prev = aliased(Rating)
    stmt = (
        select(PartyOrg.id.label("org_id"), PartyOrg.code, PartyOrg.name, PartyOrg.category,
               prev.composite.label("prev_composite"), Rating.composite)
        .select_from(Rating)
        .join(PartyOrg, PartyOrg.id == Rating.org_id)
        .join(prev, and_(prev.org_id == Rating.org_id, prev.year == Rating.year - 1))
        .where(Rating.year == year, prev.grade == prev_grade, Rating.grade == grade)
    )
    stmt = _placed(graded_in(stmt, area=area, category=category)).where(org_visible(PartyOrg, scope))
    df = frame(session, stmt.order_by(Rating.composite - prev.composite, PartyOrg.code))
    return df[["org_id", "code", "name", "category", "street", "district", "prev_composite", "composite"]]


@query(DETAIL)
def weak_register(session: Session, *, scope: Scope, area: Area, year: int, category: str | None = None) -> pd.DataFrame:
    """The 软弱涣散 register as it stood at the end of `year`: cases entered by then, status as of then.

    Columns org_id, code, name, category, street, district, year_entered, first_secretary, status
    (rectifying | closed), year_closed, history (grades up to `year`, e.g. "2023 D → 2024 C"), and the
    accountability of seed 004: lead_leader (包点), first_secretary_name / _rank / _unit / _since, measures,
    deadline, closed_on, closing_review.
    """
    closed = and_(WeakOrgCase.year_closed.is_not(None), WeakOrgCase.year_closed <= year)
    stmt = (
        select(
            PartyOrg.id.label("org_id"), PartyOrg.code, PartyOrg.name, PartyOrg.category,
            WeakOrgCase.year_entered, WeakOrgCase.first_secretary,
            case((closed, "closed"), else_="rectifying").label("status"),
            *_ACCOUNTABILITY,
            case((closed, WeakOrgCase.year_closed), else_=None).label("year_closed"),
        )
        .select_from(WeakOrgCase)
        .join(PartyOrg, PartyOrg.id == WeakOrgCase.org_id)
        .where(WeakOrgCase.year_entered <= year)
    )
    stmt = _placed(graded_in(stmt, area=area, category=category)).where(org_visible(PartyOrg, scope))
    df = frame(session, stmt.order_by(closed, WeakOrgCase.year_entered.desc(), PartyOrg.code))
    history = frame(
        session,
        select(Rating.org_id, Rating.year, Rating.grade)
        .where(Rating.org_id.in_(select(WeakOrgCase.org_id).where(WeakOrgCase.year_entered <= year)),
               Rating.year <= year)
        .order_by(Rating.org_id, Rating.year),
    )
    joined = (history["year"].astype(str) + " " + history["grade"]).groupby(history["org_id"]).agg(" → ".join)
    df["history"] = df["org_id"].map(joined).fillna("")
    df["first_secretary"] = df["first_secretary"].astype(bool)
    df["year_closed"] = df["year_closed"].astype("Int64")
    return df[["org_id", "code", "name", "category", "street", "district", "year_entered", "first_secretary",
               "status", "year_closed", "history", *(c.key for c in _ACCOUNTABILITY)]]


@query(DETAIL)
def org_choices(
    session: Session, *, scope: Scope, area: Area, year: int, category: str | None = None, search: str = "",
    pinned: int | None = None, limit: int = 200,
) -> pd.DataFrame:
    """org_id, code, name, grade, composite of organisations graded in `year` in the area, weakest first.

    `search` matches name or code; `pinned` (an organisation picked elsewhere on the page) is always
    included so a selection survives a narrower list.
    """
    stmt = select(PartyOrg.id.label("org_id"), PartyOrg.code, PartyOrg.name, Rating.grade, Rating.composite).join(
        Rating, and_(Rating.org_id == PartyOrg.id, Rating.year == year)
    )
    stmt = graded_in(stmt, area=area, category=category).where(org_visible(PartyOrg, scope))
    if search.strip():
        needle = search.strip()
        stmt = stmt.where(or_(PartyOrg.name.icontains(needle, autoescape=True),  # any case, as SQLite's LIKE
                              PartyOrg.code.icontains(needle, autoescape=True)))
    df = frame(session, stmt.order_by(Rating.composite, PartyOrg.code).limit(limit))
    if pinned is not None and pinned not in set(df["org_id"]):
        extra = frame(session, select(PartyOrg.id.label("org_id"), PartyOrg.code, PartyOrg.name, Rating.grade,
                                      Rating.composite)
                      .outerjoin(Rating, and_(Rating.org_id == PartyOrg.id, Rating.year == year))
                      .where(PartyOrg.id == pinned, org_visible(PartyOrg, scope)))
        df = pd.concat([extra, df], ignore_index=True) if not df.empty else extra
    return df


@dataclass(frozen=True)
class OrgCard:
    org_id: int
    code: str
    name: str
    category: str
    kind: str
    org_type: str
    members: int
    founded_year: int | None
    street: str | None
    district: str | None


@query(DETAIL)
def org_card(session: Session, *, scope: Scope, org_id: int) -> OrgCard | None:
    """The organisation's card (None if unknown; OutOfScope if the viewer may not see it)."""
    if not require_org(session, scope=scope, org_id=org_id):
        return None
    stmt = _placed(select(PartyOrg.id, PartyOrg.code, PartyOrg.name, PartyOrg.category, PartyOrg.kind,
                          PartyOrg.org_type, PartyOrg.members, PartyOrg.founded_year).where(PartyOrg.id == org_id))
    row = session.execute(stmt).first()
    return OrgCard(*row) if row else None


@query(DETAIL)
def org_history(session: Session, *, scope: Scope, org_id: int) -> pd.DataFrame:
    """year, score_committee, score_department, score_social, composite, grade, weak for every graded year."""
    require_org(session, scope=scope, org_id=org_id)
    stmt = select(Rating.year, Rating.score_committee, Rating.score_department, Rating.score_social,
                  Rating.composite, Rating.grade, Rating.weak).where(Rating.org_id == org_id).order_by(Rating.year)
    return frame(session, stmt)


@query(DETAIL)
def org_indicators(session: Session, *, scope: Scope, org_id: int, year: int) -> dict[str, float]:
    """Third-level indicator code -> score of one organisation in one year ({} when none were recorded)."""
    require_org(session, scope=scope, org_id=org_id)
    stmt = select(IndicatorScore.code, IndicatorScore.score).where(
        IndicatorScore.org_id == org_id, IndicatorScore.year == year
    )
    return {code: float(score) for code, score in session.execute(stmt)}


@query(DETAIL)
def org_indicator_years(session: Session, *, scope: Scope, org_id: int) -> list[int]:
    """Years in which the organisation has indicator scores (read off the primary key's prefix)."""
    require_org(session, scope=scope, org_id=org_id)
    stmt = select(IndicatorScore.year).where(IndicatorScore.org_id == org_id).distinct().order_by(IndicatorScore.year)
    return [int(y) for y in session.execute(stmt).scalars()]
