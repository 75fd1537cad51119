"""The team rules' SQL expressions and their plain-Python twins agree (models/team_rules.py)."""

from __future__ import annotations

from sqlalchemy import select

from models import team_rules
from models.tables import CommitteeStaffing, Secretary


def test_age_and_staffing_twins_agree_with_the_sql(session):
    rows = session.execute(select(Secretary.birth_year, team_rules.age_in(2024).label("age")).limit(200)).all()
    assert rows and all(team_rules.age(2024, b) == a for b, a in rows)
    staffed = session.execute(select(CommitteeStaffing.secretary, CommitteeStaffing.deputy, CommitteeStaffing.organiser,
                                     team_rules.fully_staffed().label("full"))).all()
    assert {bool(f) == team_rules.is_fully_staffed(s, d, o) for s, d, o, f in staffed} == {True}
    assert any(not f for *_, f in staffed) and any(f for *_, f in staffed)


def test_committee_rank_counts_the_better_committees_of_the_same_district_and_year(session):
    from models.tables import CommitteeScore

    rows = session.execute(select(CommitteeScore.district_id, CommitteeScore.year, CommitteeScore.composite,
                                  team_rules.committee_rank().label("rank"))).all()
    assert rows
    for d, y, c, rank in rows:  # ties share a rank: 1 + those strictly better
        assert rank == 1 + sum(1 for d2, y2, c2, _ in rows if (d2, y2) == (d, y) and c2 > c)


def test_terms_follow_five_year_community_terms():
    assert team_rules.terms_by(2025, 2025) == 1
    assert team_rules.terms_by(2025, 2021) == 1
    assert team_rules.terms_by(2025, 2020) == 2
    assert team_rules.terms_by(2025, 2010) == 4


def test_the_register_decides_the_secretary_profile_else_the_organisation_register():
    from models.team_rules import age_band, secretary_profile

    assert [age_band(a) for a in (34, 35, 44, 45, 54, 55)] == ["<35", "35-44", "35-44", "45-54", "45-54", "55+"]
    register = secretary_profile(year=2025, register=(1982, "master", 2016, 2), band="55+", education="college")
    assert register == {"age": 43, "band": "35-44", "education": "master", "since": 2016, "terms": 2}
    own = secretary_profile(year=2025, register=None, band="45-54", education="bachelor")
    assert own == {"age": None, "band": "45-54", "education": "bachelor", "since": None, "terms": None}
    assert secretary_profile(year=2025, register=None, band=None, education=None) is None
