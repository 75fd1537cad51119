"""Counts of the problem list by subarea, kind and severity (aggregates: every viewer, any area), and the
secretaries' posts filled and rotated in the last twelve months. The rules are models/alerts.py."""

from __future__ import annotations

from datetime import date, timedelta

import pandas as pd
from sqlalchemy import Select, case, func, literal, select
from sqlalchemy.orm import Session, aliased

from models import alerts, rollups, rules
from models.queries import alerts as alert_items
from models.queries.common import AGGREGATE, Area, Scope, frame, query, within
from models.tables import Building, PartyOrg, Rating, Region, ServiceCenter, WeakOrgCase

COUNT_COLUMNS = ("rid", "region", "kind", "severity", "n")


def _keyed(stmt: Select, table, level: str) -> tuple[Select, object]:
    """The child region of a row at `level` (a community through a grid's parent), 0 for rows above it."""
    if level in ("district", "street"):
        return stmt, func.coalesce(getattr(table, f"{level}_id"), 0)
    home = aliased(Region)
    key = case((home.level == "grid", home.parent_id), (home.level == "community", home.id), else_=0)
    return stmt.outerjoin(home, home.id == table.region_id), key


def _count(session: Session, kind: str, stmt: Select, table, severity, area: Area, level: str) -> pd.DataFrame:
    stmt, key = _keyed(within(stmt, table, area), table, level)
    stmt = stmt.add_columns(key.label("rid"), severity.label("severity"), func.count().label("n"))
    df = frame(session, stmt.group_by(key, severity))
    df["kind"] = kind
    return df


def _graded_from_rollups(session: Session, grade_year: int, area: Area, level: str) -> list[pd.DataFrame]:
    """The grade counts of `counts` read from the stored rollups (models.rollups: grades, transitions)
    instead of joining every D and every listed grade of last year to its organisation (~250 ms at 1 M):
    this year's D are red whatever last year's grade (alert_items.graded_sides' first half), the listed
    moves to a grade other than D take their severity from the same rule (the second half)."""
    g, m = rollups.source("grades", rollup=True), rollups.source("transitions", rollup=True)
    g_key, m_key = (func.coalesce(getattr(t, f"{level}_id"), 0) for t in (g, m))
    red = within(select(g_key.label("rid"), literal(alerts.RED).label("severity"), func.sum(g.n).label("n"))
                 .where(g.year == grade_year, g.grade == "D"), g, area).group_by(g_key)
    severity = alerts.grade_severity_sql(m.grade, m.prev_grade)
    moved = within(select(m_key.label("rid"), severity.label("severity"), func.sum(m.n).label("n")).where(
        m.year == grade_year, m.prev_grade.in_(alerts.PREV_GRADES_LISTED), m.grade != "D",
        alerts.grade_listed_sql(m.grade, m.prev_grade)), m, area).group_by(m_key, severity)
    return [frame(session, stmt).assign(kind="grade") for stmt in (red, moved)]


def _term_ranges(today: date, years: int) -> tuple:
    """Two disjoint ranges of last_election_on that together hold every listed term of this length
    (alerts.term_listed_for: due by the window's end, or elected this year), so each count reads one range
    of ix_partyorg_term: the OR of the rule alone makes SQLite read every organisation of the length
    (300,000 at 1 M, ~150 ms), the two ranges only the ~130,000 listed. The rule still decides (the
    ranges only narrow the scan): a row outside both would be one the rule does not list."""
    due_by = alerts.latest_election_ending_by(alerts.window_end(today), years)
    later = max(due_by + timedelta(days=1), alerts.year_start(today))
    return PartyOrg.last_election_on <= due_by, PartyOrg.last_election_on >= later


@query(AGGREGATE)
def counts(session: Session, *, scope: Scope, area: Area, today: date, grade_year: int | None,
           rollup: bool = False) -> pd.DataFrame:
    """rid, region, kind, severity, n: the items of each kind and severity per child region of `area`
    (rules.child_level; rid 0, region None: organisations hung directly under the area), only non-zero rows.
    `rollup`: the stored rollups are fresh (components.loaders.rollups_fresh), so the grade counts of a
    district or street split read them (a split by community reads the ratings: the transitions rollup has
    no community)."""
    level = rules.child_level(area).level
    prev = aliased(Rating)
    parts = [
        *(_count(session, "term", select().select_from(PartyOrg).where(alerts.term_listed_for(today, years), part),
                 PartyOrg, alerts.term_severity_for(today, years), area, level)
          for years in alerts.TERM_LENGTHS for part in _term_ranges(today, years)),
        _count(session, "vacancy", select().select_from(PartyOrg).where(alerts.vacancy_listed(today)), PartyOrg,
               alerts.vacancy_severity_sql(today), area, level),
        _count(session, "weak", select().select_from(WeakOrgCase).join(PartyOrg, PartyOrg.id == WeakOrgCase.org_id)
               .where(alerts.case_listed(today)), PartyOrg, alerts.case_severity_sql(today), area, level),
        _count(session, "tower", select().select_from(Building).where(rules.is_tower(), ~rules.covered_in(today.year)),
               Building, literal(alerts.GAP_SEVERITY["tower"]), area, level),
        _count(session, "centre", select().select_from(ServiceCenter).where(
            rules.centre_open(today.year), alerts.centre_gap()),
            ServiceCenter, literal(alerts.GAP_SEVERITY["centre"]), area, level),
    ]
    if grade_year is not None and rollup and level in ("district", "street"):
        parts += _graded_from_rollups(session, grade_year, area, level)
    elif grade_year is not None:
        for cond, joined in alert_items.graded_sides(grade_year, prev):
            graded = joined(select().select_from(PartyOrg)).where(cond)
            parts.append(_count(session, "grade", graded, PartyOrg,
                                alerts.grade_severity_sql(Rating.grade, prev.grade), area, level))
    df = pd.concat([p for p in parts if not p.empty], ignore_index=True) if any(not p.empty for p in parts) else (
        pd.DataFrame(columns=["rid", "severity", "n", "kind"]))
    df = df[df["severity"].notna()]
    names = frame(session, within(select(Region.id.label("rid"), Region.name.label("region"))
                                  .where(Region.level == level), Region, area))
    df = df.astype({"rid": int, "n": int}).groupby(["rid", "kind", "severity"], as_index=False)["n"].sum()
    df = df.merge(names, on="rid", how="left")
    df["region"] = df["region"].astype(object).where(df["region"].notna(), None)
    return df[list(COUNT_COLUMNS)].sort_values(["rid", "kind", "severity"]).reset_index(drop=True)


@query(AGGREGATE)
def secretary_changes(session: Session, *, scope: Scope, area: Area, today: date) -> dict[str, int]:
    """{"filled": vacant posts filled, "rotated": secretaries rotated in} in the twelve months up to today."""
    stmt = select(func.coalesce(func.sum(case((alerts.filled_in_last_year(today), 1), else_=0)), 0),
                  func.coalesce(func.sum(case((alerts.rotated_in_last_year(today), 1), else_=0)), 0))
    stmt = within(stmt.select_from(PartyOrg).where(PartyOrg.secretary_changed_on > alerts.add_years(today, -1)),
                  PartyOrg, area)
    filled, rotated = session.execute(stmt).one()
    return {"filled": int(filled), "rotated": int(rotated)}
