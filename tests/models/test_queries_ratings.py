"""Grade aggregates on a hand-made store whose answers are known, and their consistency on the demo store."""

from __future__ import annotations

import pandas as pd
import pytest
from sqlmodel import Session

from models.access import FULL
from models import grading
from models.db import create_schema, make_engine
from models.queries import rating_orgs, ratings, regions
from models.queries.common import CITY, Area
from models.tables import IndicatorScore, PartyOrg, Rating, Region, WeakOrgCase

SCORE = {"A": 90.0, "B": 75.0, "C": 65.0, "D": 50.0}
D1, S1, S2, C1, G1, D2, S3 = 2, 4, 5, 6, 7, 3, 8
# org id -> (category, region, district, street, {year: grade})
ORGS = {
    1: ("community", C1, D1, S1, {2024: "B", 2025: "A"}),  # up
    2: ("community", G1, D1, S1, {2024: "A", 2025: "B"}),  # down; a grid branch counts for its community
    3: ("two_new", S1, D1, S1, {2024: "C", 2025: "C"}),  # same; hung under the street
    4: ("organ", D1, D1, None, {2024: "D", 2025: "C"}),  # up; hung under the district
    5: ("two_new", S2, D1, S2, {2025: "B"}),  # graded for the first time
    6: ("community", S3, D2, S3, {2024: "B", 2025: "D"}),  # down, in the other district
}


@pytest.fixture()
def s(store_url):
    engine = make_engine(store_url)
    create_schema(engine)
    regions = [
        (1, "city", "深圳市", None, None, None), (D1, "district", "甲区", 1, None, None), (D2, "district", "乙区", 1, None, None),
        (S1, "street", "一街道", D1, D1, None), (S2, "street", "二街道", D1, D1, None),
        (C1, "community", "甲社区", S1, D1, S1), (G1, "grid", "甲社区第1网格", C1, D1, S1), (S3, "street", "三街道", D2, D2, None),
    ]
    with Session(engine) as session:
        for rid, level, name, parent, district, street in regions:
            session.add(Region(id=rid, code=f"R{rid}", name=name, level=level, parent_id=parent, district_id=district,
                               street_id=street if level != "street" else rid))
        session.flush()
        for oid, (category, region, district, street, grades) in ORGS.items():
            session.add(PartyOrg(id=oid, code=f"P{oid}", name=f"组织{oid}", level="unit", org_type="branch",
                                 category=category, kind="firm_branch", region_id=region, district_id=district,
                                 street_id=street))
            session.flush()
            for year, grade in grades.items():
                x = SCORE[grade]
                session.add(Rating(org_id=oid, year=year, score_committee=x, score_department=x, score_social=x,
                                   composite=grading.composite(x, x, x), grade=grade))
        session.add_all([
            WeakOrgCase(org_id=2, year_entered=2022, first_secretary=True, status="closed", year_closed=2023),
            WeakOrgCase(org_id=4, year_entered=2023, first_secretary=True, status="closed", year_closed=2025),
            WeakOrgCase(org_id=6, year_entered=2025, first_secretary=False, status="rectifying"),
            IndicatorScore(org_id=1, year=2025, code="1.1.1", score=88.0),
            IndicatorScore(org_id=1, year=2025, code="6.3.3", score=61.0),
        ])
        session.commit()
        yield session
    engine.dispose()


def cells(df: pd.DataFrame) -> dict[str, int]:
    return {f"{p}{g}": int(n) for p, g, n in zip(df["prev_grade"], df["grade"], df["n"], strict=True) if n}


def test_transition_counts(s):
    got = ratings.transitions(s, scope=FULL, area=CITY, year=2025)
    assert len(got) == 16
    assert cells(got) == {"BA": 1, "AB": 1, "CC": 1, "DC": 1, "BD": 1}
    assert cells(ratings.transitions(s, scope=FULL, area=Area(D1), year=2025)) == {"BA": 1, "AB": 1, "CC": 1, "DC": 1}
    assert cells(ratings.transitions(s, scope=FULL, area=CITY, year=2025, category="community")) == {"BA": 1, "AB": 1, "BD": 1}
    assert cells(ratings.transitions(s, scope=FULL, area=CITY, year=2024)) == {}  # nothing graded in 2023


def test_kpis_with_the_year_before(s):
    k = ratings.kpis(s, scope=FULL, area=CITY, year=2025)
    assert (k.graded.now, k.graded.before) == (6, 5)
    assert k.a_share.now == pytest.approx(1 / 6) and k.a_share.before == pytest.approx(1 / 5)
    assert (k.d_count.now, k.d_count.before) == (1, 1)
    assert (k.upgrades.now, k.downgrades.now) == (2, 2)
    assert (k.upgrades.before, k.downgrades.before) == (None, None)  # 2024 has no year before it
    assert (k.weak_open.now, k.weak_open.before) == (1, 1)  # org 6 open at end of 2025; org 4 at end of 2024
    assert k.first_graded == 1
    d1 = ratings.kpis(s, scope=FULL, area=Area(D1), year=2025)
    assert (d1.graded.now, d1.upgrades.now, d1.downgrades.now, d1.weak_open.now) == (5, 2, 1, 0)
    assert ratings.kpis(s, scope=FULL, area=CITY, year=2025, category="two_new").graded.now == 2


def test_by_category_lists_every_category_and_grade(s):
    got = ratings.by_category(s, scope=FULL, area=CITY, year=2025).set_index(["category", "grade"])
    assert len(got) == 20
    assert got.loc[("community", "A"), "n"] == 1 and got.loc[("community", "D"), "total"] == 3
    assert got.loc[("community", "B"), "share"] == pytest.approx(1 / 3)
    assert got.loc[("hometown", "A"), "total"] == 0 and pd.isna(got.loc[("hometown", "A"), "share"])


def _by_region(df: pd.DataFrame) -> dict[str, str]:
    return {name: "".join(g * int(n) for g, n in zip(rows["grade"], rows["n"], strict=True))
            for name, rows in df.fillna({"name": "直属"}).groupby("name", sort=False)}


def test_by_region_at_each_level_with_directly_hung_organisations(s):
    assert _by_region(ratings.by_region(s, scope=FULL, area=CITY, year=2025)) == {"甲区": "ABBCC", "乙区": "D"}
    d1 = ratings.by_region(s, scope=FULL, area=Area(D1), year=2025)
    assert _by_region(d1) == {"一街道": "ABC", "二街道": "B", "直属": "C"}
    assert d1["rid"].iloc[-1] == 0  # the district's own units come last
    assert _by_region(ratings.by_region(s, scope=FULL, area=Area(D1, S1), year=2025)) == {"甲社区": "AB", "直属": "C"}
    assert ratings.by_region(s, scope=FULL, area=Area(D1, S1), year=2025).groupby("name")["mean_composite"].first()["甲社区"] == 82.5


def test_ranking_of_streets_and_communities(s):
    streets = ratings.ranking(s, scope=FULL, area=CITY, year=2025)
    assert streets["name"].tolist() == ["一街道", "二街道", "三街道"]  # the district's own unit is not a street
    assert streets["a_share"].tolist() == pytest.approx([1 / 3, 0.0, 0.0])
    assert streets["mean_composite"].tolist() == [76.7, 75.0, 50.0]
    communities = ratings.ranking(s, scope=FULL, area=Area(D1, S1), year=2025)
    assert communities[["name", "graded", "grade_a"]].values.tolist() == [["甲社区", 2, 1]]


def test_trend_shares_add_up_per_year_and_category(s):
    got = ratings.trend(s, scope=FULL, area=CITY)
    assert sorted(got["year"].unique()) == [2024, 2025]
    sums = got[got["total"] > 0].groupby(["year", "category"])["share"].sum()
    assert sums.tolist() == pytest.approx([1.0] * len(sums))
    assert got.query("year == 2024 and category == 'community' and grade == 'B'")["n"].item() == 2


def test_weak_register_as_it_stood_at_the_end_of_a_year(s):
    now = rating_orgs.weak_register(s, scope=FULL, area=CITY, year=2025)
    assert now["org_id"].tolist() == [6, 4, 2]  # open first, newest first
    assert now["status"].tolist() == ["rectifying", "closed", "closed"]
    assert now["first_secretary"].tolist() == [False, True, True]
    assert now.loc[0, "history"] == "2024 B → 2025 D" and now.loc[0, "street"] == "三街道"
    assert pd.isna(now.loc[1, "street"]) and now.loc[1, "district"] == "甲区"
    then = rating_orgs.weak_register(s, scope=FULL, area=CITY, year=2024).set_index("org_id")
    assert then.loc[4, "status"] == "rectifying" and pd.isna(then.loc[4, "year_closed"])
    assert then.loc[4, "history"] == "2024 D"  # grades after the year are not shown
    assert 6 not in then.index
    assert rating_orgs.weak_register(s, scope=FULL, area=Area(D1), year=2025)["org_id"].tolist() == [4, 2]


def test_organisations_of_a_cell_and_the_picker(s):
    assert rating_orgs.transition_orgs(s, scope=FULL, area=CITY, year=2025, prev_grade="B", grade="A")["org_id"].tolist() == [1]
    assert rating_orgs.transition_orgs(s, scope=FULL, area=Area(D1), year=2025, prev_grade="B", grade="D").empty
    choices = rating_orgs.org_choices(s, scope=FULL, area=Area(D1), year=2025)
    assert choices["org_id"].tolist() == [3, 4, 2, 5, 1]  # weakest first, then by code
    assert rating_orgs.org_choices(s, scope=FULL, area=CITY, year=2025, search="P6")["org_id"].tolist() == [6]
    pinned = rating_orgs.org_choices(s, scope=FULL, area=Area(D1), year=2025, search="组织1", pinned=6)
    assert pinned["org_id"].tolist() == [6, 1]


def test_one_organisation(s):
    card = rating_orgs.org_card(s, scope=FULL, org_id=2)
    assert (card.name, card.street, card.district) == ("组织2", "一街道", "甲区")
    assert rating_orgs.org_card(s, scope=FULL, org_id=99) is None
    assert rating_orgs.org_history(s, scope=FULL, org_id=1)["grade"].tolist() == ["B", "A"]
    assert rating_orgs.org_indicators(s, scope=FULL, org_id=1, year=2025) == {"1.1.1": 88.0, "6.3.3": 61.0}
    assert rating_orgs.org_indicators(s, scope=FULL, org_id=1, year=2024) == {}
    assert rating_orgs.org_indicator_years(s, scope=FULL, org_id=1) == [2025]


def test_a_year_without_grades_is_empty_not_an_error(s):
    k = ratings.kpis(s, scope=FULL, area=CITY, year=2030)
    assert k.graded.now is None and k.a_share.now is None and k.upgrades.now is None
    assert ratings.by_category(s, scope=FULL, area=CITY, year=2030)["n"].sum() == 0
    assert ratings.by_region(s, scope=FULL, area=CITY, year=2030).empty
    assert ratings.ranking(s, scope=FULL, area=CITY, year=2030).empty
    assert ratings.transitions(s, scope=FULL, area=CITY, year=2030)["n"].sum() == 0
    assert rating_orgs.weak_register(s, scope=FULL, area=CITY, year=2020).empty


def test_figures_agree_with_each_other_on_the_demo_store(demo_db):
    engine = make_engine(demo_db)
    with Session(engine) as session:
        areas = [CITY, *(regions.resolve_area(session, scope=FULL, district="罗湖区", street=st).area for st in (None, "南湖街道"))]
        for area in areas:
            k = ratings.kpis(session, scope=FULL, area=area, year=2025)
            assert ratings.by_category(session, scope=FULL, area=area, year=2025)["n"].sum() == k.graded.now
            assert ratings.by_region(session, scope=FULL, area=area, year=2025)["n"].sum() == k.graded.now
            moves = ratings.transitions(session, scope=FULL, area=area, year=2025)
            assert moves["n"].sum() + k.first_graded == k.graded.now
            register = rating_orgs.weak_register(session, scope=FULL, area=area, year=2025)
            assert (register["status"] == "rectifying").sum() == k.weak_open.now
    engine.dispose()
