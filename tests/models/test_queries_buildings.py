"""Building-coverage queries on a small hand-made store whose answers are known."""

from __future__ import annotations

import math

import pandas as pd
import pytest
from sqlalchemy import delete
from sqlmodel import Session

from models.access import FULL
from models import grading
from models.db import create_schema, make_engine
from models.queries import buildings as q
from models.queries.common import CITY, Area
from models.tables import Building, PartyOrg, Rating, Region, ServiceCenter

A, B, A1, A2, B1 = 2, 3, 4, 5, 6  # region ids: districts A and B, streets A1, A2 (in A) and B1 (in B)


def _region(id_, name, level, parent=None, district=None, street=None):
    return Region(id=id_, code=f"R{id_}", name=name, level=level, parent_id=parent, district_id=district,
                  street_id=street)


def _org(id_, kind, org_type="branch", parent=None, street=A1, district=A):
    return PartyOrg(id=id_, code=f"P{id_}", name=f"组织{id_}", level="unit", org_type=org_type, category="two_new",
                    kind=kind, parent_id=parent, district_id=district, street_id=street, members=10)


def _building(id_, kind, *, floors, firms, members, org=None, since=None, street=A1, district=A,
              lon=114.10, lat=22.54):
    return Building(id=id_, code=f"B{id_}", name=f"楼{id_}", kind=kind, floors=floors, firms=firms, members=members,
                    org_id=org, covered_since=since, region_id=street, district_id=district, street_id=street,
                    lon=lon, lat=lat)


def _rating(id_, org, year, score):
    comp = grading.composite(score, score, score)
    return Rating(id=id_, org_id=org, year=year, score_committee=score, score_department=score, score_social=score,
                  composite=comp, grade=grading.grade_for(comp))


@pytest.fixture()
def session(store_url):
    engine = make_engine(store_url)
    create_schema(engine)
    with Session(engine) as s:
        s.add_all([
            _region(1, "市", "city"), _region(A, "甲区", "district", 1, A), _region(B, "乙区", "district", 1, B),
            _region(A1, "一街道", "street", A, A, A1), _region(A2, "二街道", "street", A, A, A2),
            _region(B1, "三街道", "street", B, B, B1),
        ])
        s.flush()
        s.add_all([
            _org(10, "tower_joint", "committee"), _org(11, "tower_branch"), _org(12, "park_committee", "committee"),
            _org(13, "park_branch", parent=12), _org(14, "park_branch", parent=12), _org(15, "tower_branch"),
        ])
        s.flush()
        s.add_all([
            _building(1, "tower", floors=30, firms=10, members=20, org=10, since=2020),
            _building(2, "tower", floors=25, firms=5, members=8, org=11, since=2024, lon=114.12),
            _building(3, "tower", floors=12, firms=3, members=2),
            _building(4, "tower", floors=40, firms=7, members=9, street=B1, district=B, lon=None, lat=None),
            _building(5, "tower", floors=22, firms=2, members=4, org=15, since=None, street=A2),  # year unknown
            _building(6, "park", floors=5, firms=50, members=30, org=12, since=2018),
        ])
        s.add_all([
            ServiceCenter(id=1, code="C1", name="一中心", tier="street", lon=114.10, lat=22.54),
            ServiceCenter(id=2, code="C2", name="无坐标中心", tier="community"),
        ])
        s.add_all([
            _rating(1, 10, 2024, 90), _rating(2, 10, 2025, 72),  # the joint organisation: A, then B
            _rating(3, 13, 2025, 88), _rating(4, 14, 2025, 75), _rating(5, 13, 2024, 60),  # the park's branches
        ])
        s.commit()
        yield s
    engine.dispose()


def test_summary_counts_towers_above_the_threshold_and_their_covering_orgs(session):
    s = q.coverage_summary(session, scope=FULL, area=Area(A), year=2025, kind="tower", min_floors=20)
    assert (s.buildings, s.covered, s.uncovered) == (3, 3, 0)
    assert (s.firms, s.firms_covered, s.members_covered) == (17, 17, 32)
    assert s.orgs_by_kind == {"tower_joint": 1, "tower_branch": 2}
    everything = q.coverage_summary(session, scope=FULL, area=Area(A), year=2025, kind="tower", min_floors=None)
    assert (everything.buildings, everything.covered, everything.firms) == (4, 3, 20)


def test_coverage_counts_from_the_year_the_organisation_took_the_building_on(session):
    s = q.coverage_summary(session, scope=FULL, area=Area(A, A1), year=2023, kind="tower", min_floors=20)
    assert (s.buildings, s.covered, s.firms_covered) == (2, 1, 10)
    assert s.rate == 0.5
    listed = q.building_list(session, scope=FULL, area=Area(A, A1), year=2023, kind="tower", min_floors=20).set_index("code")
    assert listed.at["B2", "covered"] == False  # noqa: E712 - numpy bool
    assert pd.isna(listed.at["B2", "org_code"]) and pd.isna(listed.at["B2", "org_name"])
    assert listed.at["B1", "org_name"] == "组织10" and listed.at["B1", "org_kind"] == "tower_joint"


def test_an_area_without_buildings_has_no_rate(session):
    s = q.coverage_summary(session, scope=FULL, area=Area(B, B1), year=2025, kind="park", min_floors=None)
    assert s.buildings == 0 and s.rate is None and s.orgs_by_kind == {}


def test_city_comparison_has_every_district_best_rate_first(session):
    df = q.coverage_by_region(session, scope=FULL, area=CITY, year=2025, kind="tower", min_floors=20)
    assert df["name"].tolist() == ["甲区", "乙区"]
    assert df["rate"].tolist() == [1.0, 0.0]
    assert df.set_index("name").loc["乙区", ["buildings", "covered", "uncovered"]].tolist() == [1, 0, 1]


def test_district_comparison_lists_its_streets_even_without_buildings(session):
    df = q.coverage_by_region(session, scope=FULL, area=Area(A, A1), year=2023, kind="tower", min_floors=20).set_index("name")
    assert set(df.index) == {"一街道", "二街道"}  # the street filter still compares the district's streets
    assert df.loc["一街道", ["buildings", "covered", "firms_covered"]].tolist() == [2, 1, 10]
    parks = q.coverage_by_region(session, scope=FULL, area=Area(A), year=2025, kind="park", min_floors=None).set_index("name")
    assert parks.loc["二街道", "buildings"] == 0 and math.isnan(parks.loc["二街道", "rate"])
    assert parks.index[-1] == "二街道"  # no rate sorts last


def test_nearest_centre_skips_centres_and_buildings_without_coordinates(session):
    near = q.nearest_centres(session, scope=FULL).set_index("building_id")
    assert near.at[1, "centre_code"] == "C1" and near.at[1, "distance_m"] == pytest.approx(0, abs=0.01)
    assert near.at[2, "distance_m"] == pytest.approx(2053, rel=0.01)  # 0.02° of longitude at 22.54° N
    assert near["centre_code"].isna()[4] and math.isnan(near.at[4, "distance_m"])


def test_no_located_centre_leaves_every_distance_empty(session):
    session.execute(delete(ServiceCenter).where(ServiceCenter.id == 1))
    session.commit()
    near = q.nearest_centres(session, scope=FULL)
    assert len(near) == 6 and near["distance_m"].isna().all() and near["centre_name"].isna().all()


def test_card_shows_the_grade_of_the_year_or_the_latest_before(session):
    card = q.building_card(session, scope=FULL, code="B1", year=2025)
    assert (card.org_code, card.org_kind, card.org_type) == ("P10", "tower_joint", "committee")
    assert (card.grade.grade, card.grade.year) == ("B", 2025)
    assert q.building_card(session, scope=FULL, code="B1", year=2024).grade.grade == "A"


def test_card_of_an_ungraded_committee_shows_its_branches_grades(session):
    card = q.building_card(session, scope=FULL, code="B6", year=2025)
    assert card.grade.grade is None
    assert card.grade.year == 2025 and card.grade.branch_grades == {"A": 1, "B": 1}
    assert q.building_card(session, scope=FULL, code="B6", year=2024).grade.branch_grades == {"C": 1}


def test_card_of_an_uncovered_or_unknown_building(session):
    card = q.building_card(session, scope=FULL, code="B2", year=2023)  # covered only from 2024
    assert card.org_code is None and card.covered_since is None and card.grade.grade is None
    assert q.building_card(session, scope=FULL, code="nope", year=2025) is None
