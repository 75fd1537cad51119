"""The problem list's rules at their edges (models/alerts.py), and the SQL expressions agreeing with their
plain-Python twins on every organisation and case of the demo store, for several 'todays'."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import select
from sqlalchemy.orm import aliased

from models import alerts
from models.tables import PartyOrg, Rating, WeakOrgCase

TODAY = date(2025, 6, 15)


def elected_for_term_ending(days_from_today: int, years: int = 3) -> date:
    """An election whose term of `years` ends `days_from_today` days after TODAY."""
    end = TODAY + timedelta(days=days_from_today)
    return end.replace(year=end.year - years)


@pytest.mark.parametrize(("days", "expected"), [(-1, alerts.RED), (0, alerts.AMBER), (90, alerts.AMBER), (91, None)])
def test_term_ending_yesterday_today_in_90_and_in_91_days(days, expected):
    for years in alerts.TERM_LENGTHS:
        assert alerts.term_severity(elected_for_term_ending(days, years), years, TODAY) == expected


def test_term_lengths_follow_the_rules_table():
    assert alerts.term_years_for("community", "committee", "community") == 5
    assert alerts.term_years_for("community", "branch", "community") == 5  # 社区党组织: 5 whatever the type
    assert alerts.term_years_for("unit", "committee", "two_new") == 5
    assert alerts.term_years_for("unit", "general_branch", "organ") == 3
    assert alerts.term_years_for("grid", "branch", "community") == 3
    assert alerts.term_years_for("building", "group", "community") is None  # a group elects no committee
    assert alerts.term_years_for("street", "committee", "leadership") is None


def test_a_term_elected_on_29_february_ends_on_28_february():
    assert alerts.term_end(date(2024, 2, 29), 3) == date(2027, 2, 28)
    assert alerts.latest_election_ending_by(date(2027, 2, 28), 3) == date(2024, 2, 29)


def test_elected_this_year_is_green():
    assert alerts.term_severity(date(2025, 1, 1), 3, TODAY) == alerts.GREEN
    assert alerts.term_severity(date(2024, 12, 31), 3, TODAY) is None


def test_vacancy_started_yesterday_is_amber_and_due_in_89_days():
    since = TODAY - timedelta(days=1)
    assert alerts.vacancy_severity(since, TODAY) == alerts.AMBER
    assert (alerts.vacancy_due(since) - TODAY).days == alerts.VACANCY_FILL_DAYS - 1
    assert alerts.vacancy_severity(TODAY - timedelta(days=alerts.VACANCY_FILL_DAYS), TODAY) == alerts.AMBER
    assert alerts.vacancy_severity(TODAY - timedelta(days=alerts.VACANCY_FILL_DAYS + 1), TODAY) == alerts.RED
    assert alerts.vacancy_severity(None, TODAY, filled_on=date(2025, 2, 1)) == alerts.GREEN


def test_case_deadline_today_is_amber_yesterday_red_and_closed_this_year_green():
    assert alerts.case_severity(TODAY, TODAY) == alerts.AMBER
    assert alerts.case_severity(TODAY - timedelta(days=1), TODAY) == alerts.RED
    assert alerts.case_severity(TODAY + timedelta(days=91), TODAY) is None
    assert alerts.case_severity(None, TODAY) == alerts.AMBER  # an open case needs a deadline
    assert alerts.case_severity(TODAY - timedelta(days=400), TODAY, closed_year=2025) == alerts.GREEN
    assert alerts.case_severity(TODAY, TODAY, closed_year=2024) is None


def test_grades():
    assert alerts.grade_severity("D", "A") == alerts.RED
    assert alerts.grade_severity("C", "A") == alerts.AMBER
    assert alerts.grade_severity("B", "A") is None
    assert alerts.grade_severity("C", "D") == alerts.GREEN


def test_today_is_the_as_of_date_in_demo_and_the_real_date_otherwise():
    assert alerts.today_for({"origin": "demo", "as_of": "2025-12-31"}) == (date(2025, 12, 31), "as_of")
    day, source = alerts.today_for({"origin": "import", "as_of": "2025-12-31"})
    assert source == "real" and day != date(2025, 12, 31)


@pytest.mark.parametrize("today", [date(2025, 12, 31), date(2025, 3, 1), date(2024, 2, 29)])
def test_sql_and_python_decide_alike_on_the_demo_store(session, today):
    sev = alerts.term_severity_sql(today).label("sev")
    rows = session.execute(select(PartyOrg.last_election_on, PartyOrg.term_years, sev,
                                  alerts.term_listed(today).label("listed"))).all()
    assert any(r.sev for r in rows)
    for r in rows:
        expected = alerts.term_severity(r.last_election_on, r.term_years, today)
        assert (r.sev, bool(r.listed)) == (expected, expected is not None), r
    rows = session.execute(select(PartyOrg.secretary_vacant_since, PartyOrg.secretary_change,
                                  PartyOrg.secretary_changed_on, alerts.vacancy_severity_sql(today).label("sev"),
                                  alerts.vacancy_listed(today).label("listed"))).all()
    for r in rows:
        filled = r.secretary_changed_on if r.secretary_change == "filled" else None
        since = r.secretary_vacant_since if r.secretary_vacant_since and r.secretary_vacant_since <= today else None
        expected = alerts.vacancy_severity(since, today, filled_on=filled)
        assert bool(r.listed) == (expected is not None), r
        if r.listed:
            assert r.sev == expected, r
    rows = session.execute(select(WeakOrgCase.deadline, WeakOrgCase.status, WeakOrgCase.year_closed,
                                  alerts.case_severity_sql(today).label("sev"),
                                  alerts.case_listed(today).label("listed"))).all()
    for r in rows:
        closed = r.year_closed if r.status == "closed" else None
        expected = alerts.case_severity(r.deadline, today, closed_year=closed)
        assert bool(r.listed) == (expected is not None) and (not r.listed or r.sev == expected), r


def test_grade_sql_agrees(session):
    prev = aliased(Rating)
    rows = session.execute(select(Rating.grade, prev.grade.label("prev"),
                                  alerts.grade_severity_sql(Rating.grade, prev.grade).label("sev"),
                                  alerts.grade_listed_sql(Rating.grade, prev.grade).label("listed"))
                           .outerjoin(prev, (prev.org_id == Rating.org_id) & (prev.year == Rating.year - 1))
                           .where(Rating.year == 2025)).all()
    for r in rows:
        expected = alerts.grade_severity(r.grade, r.prev)
        assert bool(r.listed) == (expected is not None) and (not r.listed or r.sev == expected), r
