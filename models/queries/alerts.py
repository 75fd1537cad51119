"""The problem list (问题清单, issue 19): items of one area with their severity, and the counts by subarea.

Every decision (which organisations are due, red / amber / green) is models/alerts.py; this module only
selects. Each kind is read by an indexed query (terms: one range of ix_partyorg_term per term length;
vacancies: ix_partyorg_secretary_vacant_since and ix_partyorg_secretary_change; cases: the few register rows;
grades: ix_rating_year_grade; towers and centres: their area columns), and the list is capped per kind at
`limit` rows in due order (the counts are always complete).
"""

from __future__ import annotations

from datetime import date

import pandas as pd
from sqlalchemy import Select, and_, func, literal, null, select
from sqlalchemy.orm import Session, aliased

from models import alerts, rules
from models.queries.common import AGGREGATE, DETAIL, Area, Scope, frame, query, within
from models.tables import Building, PartyOrg, Rating, Region, ServiceCenter, WeakOrgCase

ITEM_COLUMNS = ("kind", "severity", "due_on", "since", "name", "code", "link", "responsible", "district", "street",
                "detail", "district_id", "street_id")
LIMIT = 2000  # items per kind in one list (the counts are complete; the page says when the list is cut)

_parent, _district, _street = aliased(PartyOrg), aliased(Region), aliased(Region)


def _placed(stmt: Select, table) -> Select:
    return stmt.add_columns(_district.name.label("district"), _street.name.label("street"), table.district_id,
                            table.street_id).outerjoin(_district, _district.id == table.district_id).outerjoin(
        _street, _street.id == table.street_id)


def _org_items(kind: str, *extra, severity) -> Select:
    """An organisation item: the organisation, its parent (the responsible committee) and its place."""
    stmt = select(literal(kind).label("kind"), severity.label("severity"), PartyOrg.name, PartyOrg.code,
                  _parent.name.label("responsible"), *extra).select_from(PartyOrg).outerjoin(
        _parent, _parent.id == PartyOrg.parent_id)
    return _placed(stmt, PartyOrg)


def _terms(session: Session, area: Area, today: date, limit: int, head: int | None = None) -> pd.DataFrame:
    """The listed terms, the first `limit` of each length by election date. `head`: only the first `head`
    of them (and any due the same day as the last: 28 and 29 February end on one day), what the list's
    head can take from them (head_candidates): red and amber terms precede this year's elections (green)
    by date, and among them the due date follows the election date."""
    parts = []
    for years in alerts.TERM_LENGTHS:
        stmt = _org_items("term", PartyOrg.last_election_on.label("since"), PartyOrg.term_years.label("detail"),
                          severity=alerts.term_severity_for(today, years))
        stmt = within(stmt.where(alerts.term_listed_for(today, years)), PartyOrg, area)
        order = (PartyOrg.last_election_on, PartyOrg.code)
        if head is not None:
            first = frame(session, stmt.order_by(*order).limit(min(head, limit)))
            if len(first) == min(head, limit):
                bound = alerts.latest_election_ending_by(alerts.term_end(first["since"].iloc[-1], years), years)
                first = frame(session, stmt.where(PartyOrg.last_election_on <= bound).order_by(*order).limit(limit))
            parts.append(first)
            continue
        parts.append(frame(session, stmt.order_by(*order).limit(limit)))
    df = pd.concat(parts, ignore_index=True)
    df["due_on"] = [alerts.term_end(s, int(y)) for s, y in zip(df["since"], df["detail"], strict=True)]
    df.loc[df["severity"] == alerts.GREEN, "due_on"] = df["since"]  # resolved: the day it was done
    return df


def _vacancies(session: Session, area: Area, today: date, limit: int) -> pd.DataFrame:
    since = func.coalesce(PartyOrg.secretary_vacant_since, PartyOrg.secretary_changed_on)
    stmt = _org_items("vacancy", since.label("since"), null().label("detail"),
                      severity=alerts.vacancy_severity_sql(today))
    stmt = within(stmt.where(alerts.vacancy_listed(today)), PartyOrg, area)
    df = frame(session, stmt.order_by(since, PartyOrg.code).limit(limit))
    df["due_on"] = [s if sev == alerts.GREEN else alerts.vacancy_due(s) for s, sev in
                    zip(df["since"], df["severity"], strict=True)]
    df.loc[df["severity"] != alerts.GREEN, "detail"] = [(today - s).days for s in
                                                        df.loc[df["severity"] != alerts.GREEN, "since"]]
    return df


def _cases(session: Session, area: Area, today: date, limit: int) -> pd.DataFrame:
    due = func.coalesce(WeakOrgCase.closed_on, WeakOrgCase.deadline)
    stmt = _org_items("weak", WeakOrgCase.opened_on.label("since"), due.label("due_on"),
                      WeakOrgCase.lead_leader.label("detail"), severity=alerts.case_severity_sql(today))
    stmt = stmt.join(WeakOrgCase, WeakOrgCase.org_id == PartyOrg.id).where(alerts.case_listed(today))
    return frame(session, within(stmt, PartyOrg, area).order_by(due, PartyOrg.code).limit(limit))


def graded_sides(grade_year: int, prev) -> tuple:
    """The two indexed halves of the rated items (models.alerts.PREV_GRADES_LISTED): this year's D (with last
    year's grade when there is one), and last year's listed grades with this year's non-D grade."""
    d_now = (and_(Rating.year == grade_year, Rating.grade == "D"),
             lambda stmt: stmt.join(Rating, Rating.org_id == PartyOrg.id).outerjoin(
                 prev, and_(prev.org_id == Rating.org_id, prev.year == grade_year - 1)))
    from_prev = (and_(prev.year == grade_year - 1, prev.grade.in_(alerts.PREV_GRADES_LISTED), Rating.grade != "D",
                      alerts.grade_listed_sql(Rating.grade, prev.grade)),
                 lambda stmt: stmt.join(prev, prev.org_id == PartyOrg.id).join(
                     Rating, and_(Rating.org_id == prev.org_id, Rating.year == grade_year)))
    return d_now, from_prev


def _grades(session: Session, area: Area, grade_year: int | None, limit: int) -> pd.DataFrame:
    if grade_year is None:
        return pd.DataFrame()
    prev = aliased(Rating)
    history = (func.coalesce(prev.grade + literal(" → "), literal("")) + Rating.grade).label("detail")
    parts = []
    for cond, joined in graded_sides(grade_year, prev):
        stmt = _org_items("grade", null().label("since"), history,
                          severity=alerts.grade_severity_sql(Rating.grade, prev.grade))
        stmt = within(joined(stmt).where(cond), PartyOrg, area)
        parts.append(frame(session, stmt.order_by(Rating.composite, PartyOrg.code).limit(limit)))
    df = pd.concat(parts, ignore_index=True)
    df["due_on"] = rules.year_end(grade_year)
    return df


def _towers(session: Session, area: Area, today: date, limit: int) -> pd.DataFrame:
    stmt = select(literal("tower").label("kind"), literal(alerts.GAP_SEVERITY["tower"]).label("severity"), Building.name,
                  Building.code, null().label("responsible"), null().label("since"),
                  Building.floors.label("detail")).select_from(Building)
    stmt = _placed(stmt, Building).where(rules.is_tower(), ~rules.covered_in(today.year))
    df = frame(session, within(stmt, Building, area).order_by(Building.floors.desc(), Building.code).limit(limit))
    # The street's 党工委 is responsible: one small read of the street committees, not a join per building.
    df["responsible"] = df["street_id"].map(_street_committees(session))
    return df


def _street_committees(session: Session) -> dict[int, str]:
    return dict(session.execute(select(PartyOrg.region_id, PartyOrg.name).where(PartyOrg.level == "street")).all())


@query(AGGREGATE)
def street_committees(session: Session, *, scope: Scope) -> dict[int, str]:
    """{street region id: its 党工委's name}: who answers for a street's gaps (territorial committees of street
    level are aggregate facts, the same for every viewer)."""
    return _street_committees(session)


def ordered(df: pd.DataFrame) -> pd.DataFrame:
    """The list's order: by due date (undated gaps last), red before amber before green on the same day."""
    order = {s: i for i, s in enumerate(alerts.SEVERITIES)}
    df = df.assign(_due=pd.to_datetime(df["due_on"]), _sev=df["severity"].map(order))
    df = df.sort_values(["_due", "_sev", "kind", "code"], na_position="last", kind="stable")
    return df[list(ITEM_COLUMNS)].reset_index(drop=True)


def _centres(session: Session, area: Area, today: date, limit: int) -> pd.DataFrame:
    runner = aliased(PartyOrg)
    stmt = select(literal("centre").label("kind"), literal(alerts.GAP_SEVERITY["centre"]).label("severity"),
                  ServiceCenter.name, ServiceCenter.code, runner.name.label("responsible"), null().label("since"),
                  alerts.centre_gap_detail().label("detail")).select_from(ServiceCenter).outerjoin(
        runner, runner.id == ServiceCenter.org_id)
    stmt = _placed(stmt, ServiceCenter).where(rules.centre_open(today.year), alerts.centre_gap())
    return frame(session, within(stmt, ServiceCenter, area).order_by(ServiceCenter.code).limit(limit))


# A tower opens its card on 楼宇覆盖; a centre with a data gap is listed on 阵地地图 (its card there, by a click).
_LINKS = {"tower": "./buildings?building={code}", "centre": "./centres"}
_ORG_LINK = "./orgs?org={code}"


def _finished(parts: list[pd.DataFrame]) -> pd.DataFrame:
    parts = [p for p in parts if not p.empty]
    if not parts:
        return pd.DataFrame(columns=list(ITEM_COLUMNS))
    df = pd.concat(parts, ignore_index=True)
    df["link"] = [(_LINKS.get(k) or _ORG_LINK).format(code=c) for k, c in zip(df["kind"], df["code"], strict=True)]
    df["detail"] = df["detail"].astype(object).where(df["detail"].notna(), None)
    return ordered(df)


@query(DETAIL)
def items(session: Session, *, scope: Scope, area: Area, today: date, grade_year: int | None,
          limit: int = LIMIT) -> pd.DataFrame:
    """The items of the list inside the viewer's detail part of `area` (ITEM_COLUMNS), sorted by due date
    (undated gaps last), red before amber before green on the same day.

    kind (alerts.KINDS), severity (red | amber | green), due_on (the date it became or becomes due; the day it
    was resolved for green), since (last election, vacant since, case opened), name, code, link (a relative
    page link), responsible (the committee above, or the street's 党工委 for a tower), district, street,
    detail (term years | days vacant | the 包点 leader | grades "B → D" | floors | alerts.CENTRE_GAPS).
    Communities out of reach (kind "reach") are measured in Python (models.coverage): the loader adds them.
    """
    seen = scope.detail_area(area)
    if seen is None:
        return pd.DataFrame(columns=list(ITEM_COLUMNS))
    return _finished([_terms(session, seen, today, limit), _vacancies(session, seen, today, limit),
                      _cases(session, seen, today, limit), _grades(session, seen, grade_year, limit),
                      _towers(session, seen, today, limit), _centres(session, seen, today, limit)])


@query(DETAIL)
def head_candidates(session: Session, *, scope: Scope, area: Area, today: date, grade_year: int | None, n: int,
                    limit: int = LIMIT) -> pd.DataFrame:
    """Rows of `items` (same columns, same order) that hold every item of its head of `n` (red, then amber):
    what 总览 and the 大屏 ticker show (components.loaders.alerts.top_items), mostly without the grades,
    towers and centres.

    The vacancies and cases are read as `items` reads them (the same cut at `limit`), the terms up to the
    head's reach (`_terms`: every red and amber one that can come before the n-th). Every graded
    item is due at the end of the grading year, towers and centres have no due date (listed last) and
    centres are amber: when at least `n` red items of the first three kinds fall due before the grades do,
    they are the list's first n red items and no amber item is reached (red first), so the other kinds are
    left out (the count is taken over the terms read, a lower bound: when it falls short every other kind
    is read, which is never wrong). Either way these rows are a subset of `items` holding every item its
    head of n can take, so the head picked from both is the same (tests/pages/test_alerts.py)."""
    seen = scope.detail_area(area)
    if seen is None:
        return pd.DataFrame(columns=list(ITEM_COLUMNS))
    parts = [_terms(session, seen, today, limit, head=n), _vacancies(session, seen, today, limit),
             _cases(session, seen, today, limit)]
    before = pd.Timestamp(rules.year_end(grade_year)) if grade_year is not None else pd.Timestamp.max
    dated_red = sum(int(((p["severity"] == alerts.RED) & (pd.to_datetime(p["due_on"]) < before)).sum())
                    for p in parts if not p.empty)
    if dated_red < n:
        parts += [_towers(session, seen, today, limit), _centres(session, seen, today, limit),
                  _grades(session, seen, grade_year, limit)]
    return _finished(parts)
