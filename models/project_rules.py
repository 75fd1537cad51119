"""What 党建项目认领 counts (issue 20 §1; seeds 000, 004), one rule per fact, as SQL for the queries
(models/queries/projects.py) with a plain-Python twin where the importer or the generator decides the same
(tests/models/test_project_rules.py keeps the two equal).

- A figure "in year Y" is the state at the end of Y (models.rules.year_end): a project counts from the day it
  was published; it is 已认领 from its claiming date and 已完成 from its completion date. Between the two it
  reads as stored (已认领 or 实施中); a project stored as 已完成 reads 实施中 for the years it was being
  carried out (the register keeps no start date).
- "认领项目" (seed 000's 292) are the projects claimed by the end of the year: every status but 待认领.
- "认领单位" (seed 000's 130) are the distinct units of those projects.
- "受益群众" (seed 000's 13,000+) add up the beneficiaries of the claimed projects (an unclaimed project has
  reached nobody yet).

No streamlit import.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import and_, case, or_
from sqlalchemy.sql.elements import ColumnElement

from models.rules import year_end
from models.tables import PartyProject

OPEN, CLAIMED, UNDERWAY, DONE = "open", "claimed", "underway", "done"


def published_by(year: int, project=PartyProject) -> ColumnElement[bool]:
    """SQL: the project had been published by the end of `year`."""
    return project.published_on <= year_end(year)


def claimed_by(year: int, project=PartyProject) -> ColumnElement[bool]:
    """SQL: the project had been claimed by the end of `year` (a 认领项目 of that year)."""
    return and_(project.claimed_on.is_not(None), project.claimed_on <= year_end(year))


def status_in(year: int, project=PartyProject) -> ColumnElement[str]:
    """SQL: the project's status at the end of `year` (for projects published by then)."""
    end = year_end(year)
    return case(
        (and_(project.completed_on.is_not(None), project.completed_on <= end), DONE),
        (or_(project.claimed_on.is_(None), project.claimed_on > end), OPEN),
        (project.status == DONE, UNDERWAY),
        else_=project.status,
    )


def status_at(year: int, status: str, claimed_on: date | None, completed_on: date | None) -> str:
    """Plain-Python twin of status_in."""
    end = year_end(year)
    if completed_on is not None and completed_on <= end:
        return DONE
    if claimed_on is None or claimed_on > end:
        return OPEN
    return UNDERWAY if status == DONE else status


def status_problems(status: str | None, unit: str | None, claimed_on: date | None,
                    completed_on: date | None) -> list[str]:
    """What a register row states inconsistently about its status (the CHECKs of models/tables_projects.py,
    as the importer's message keys): 待认领 with a unit or a claiming date, a claimed project without them,
    已完成 without a completion date or a completion date on an unfinished project."""
    if status is None:
        return []
    out = []
    if status == OPEN and (unit or claimed_on):
        out.append("project_open_claimed")
    if status != OPEN and not unit:
        out.append("project_no_unit")
    if status != OPEN and claimed_on is None:
        out.append("project_no_claimed_on")
    if status == DONE and completed_on is None:
        out.append("project_no_completed_on")
    if status != DONE and completed_on is not None:
        out.append("project_completed_not_done")
    return out
