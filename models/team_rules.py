"""What the secretary team, the 区属党(工)委 ranking and the volunteer figures count (issue 20 §3-5).

The rules of one fact each, as SQL expressions for the queries (models/queries/team.py) with a plain-Python
twin where the generator or the importer needs the same decision (tests/models/test_team_rules.py keeps
the two equal):

- a secretary's age in a year is the year minus the birth year (a register stores the birth year, so the
  average age of any year is exact; an age band would make "43" a guess);
- "大专以上" is college, bachelor or master (seed 003: all 14 of 南湾's secretaries);
- a community committee is fully staffed with 书记, 专职副书记 and 专职组织员 in post (seed 004);
- a secretary's terms: a community committee is elected for five years (DOMAIN.md §8), so a secretary in post
  since year T has served 1 + (Y - T) // 5 terms by year Y (the generator's rule; a register states its own);
- committees are ranked per district and year by composite, best first, ties sharing a rank;
- a secretary's profile (education, age) is the register's (Secretary) where the organisation has a row there,
  else the age band and education the organisations register states (PartyOrg.secretary_*): the node card of
  组织架构 and 队伍建设 read the same secretary (`secretary_profile`).

No streamlit import.
"""

from __future__ import annotations

from sqlalchemy import and_, func
from sqlalchemy.sql.elements import ColumnElement

from models.tables import CommitteeScore, CommitteeStaffing, Secretary

COLLEGE_OR_ABOVE = ("college", "bachelor", "master")  # 大专以上
COMMUNITY_TERM_YEARS = 5
# 区属党(工)委 ranked first in their district get extra Party-building funds (seed 004: "排名靠前的…在党建经费上
#予以重点支持"); how many is not published: design choice, marked on the ranking.
FUNDED_TOP = 3


def age_in(year: int, secretary=Secretary) -> ColumnElement:
    """SQL: the secretary's age at the end of `year`."""
    return year - secretary.birth_year


def age(year: int, birth_year: int) -> int:
    """Plain-Python twin of age_in."""
    return year - birth_year


def college_or_above(secretary=Secretary) -> ColumnElement[bool]:
    return secretary.education.in_(COLLEGE_OR_ABOVE)


def fully_staffed(staffing=CommitteeStaffing) -> ColumnElement[bool]:
    """SQL: the committee has 书记, 专职副书记 and 专职组织员 in post."""
    return and_(staffing.secretary, staffing.deputy, staffing.organiser)


def is_fully_staffed(secretary: bool, deputy: bool, organiser: bool) -> bool:
    """Plain-Python twin of fully_staffed."""
    return bool(secretary and deputy and organiser)


def terms_by(year: int, tenure_start: int) -> int:
    """Terms a community secretary in post since `tenure_start` has begun by `year` (five-year terms)."""
    return 1 + max(0, year - tenure_start) // COMMUNITY_TERM_YEARS


def committee_rank(score=CommitteeScore) -> ColumnElement:
    """SQL window: the rank of a committee's composite among its district's committees of the same year."""
    return func.rank().over(partition_by=(score.district_id, score.year), order_by=score.composite.desc())


def age_band(age: int) -> str:
    """The band (vocab.AGE_BANDS) an age falls in, as the organisations register states it."""
    return "<35" if age < 35 else "35-44" if age < 45 else "45-54" if age < 55 else "55+"


def secretary_profile(*, year: int, register: tuple | None, band: str | None, education: str | None) -> dict | None:
    """The secretary as the node card shows it for `year`: the register's row (birth_year, education,
    tenure_start, terms_served) when there is one, else the organisation's own band and education.

    Returns {"age": int | None, "band", "education", "since": int | None, "terms": int | None}, or None when
    nothing is recorded."""
    if register is not None:
        birth_year, edu, since, terms = register
        years_old = age(year, birth_year)
        return {"age": years_old, "band": age_band(years_old), "education": edu, "since": since, "terms": terms}
    if band is None and education is None:
        return None
    return {"age": None, "band": band, "education": education, "since": None, "terms": None}
