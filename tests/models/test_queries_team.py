"""Team and committee queries on both back-ends: figures against counts of the test's own, scope kept."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from models.access import DISTRICT_LEADER, FULL, STREET, VIEWER, Scope
from models.area import CITY, Area
from models.queries import committees, regions, team
from models.tables import HometownOrg, Secretary, VolunteerYear


@pytest.fixture(scope="module")
def places(session):
    nanwan = regions.resolve_area(session, scope=FULL, district="龙岗区", street="南湾街道").area
    luohu = regions.resolve_area(session, scope=FULL, district="罗湖区", street=None).area
    return nanwan, luohu


def test_nanwan_kpis_are_the_seeds(session, places):
    nanwan, _ = places
    k = team.kpis(session, scope=FULL, area=nanwan, year=2025)
    assert (k.secretaries, k.college_or_above, k.education["bachelor"], k.education["master"]) == (14, 14, 10, 1)
    assert k.average_age == 43.0
    # a year earlier every secretary in post then is a year younger
    before = team.kpis(session, scope=FULL, area=nanwan, year=2024)
    in_post = session.execute(select(func.count()).where(Secretary.street_id == nanwan.street_id,
                                                         Secretary.tenure_start <= 2024)).scalar_one()
    assert before.secretaries == in_post


def test_regions_add_up_to_the_area(session, places):
    _, luohu = places
    by_region = team.secretaries_by_region(session, scope=FULL, area=luohu, year=2025)
    k = team.kpis(session, scope=FULL, area=luohu, year=2025)
    assert int(by_region["secretaries"].sum()) == k.secretaries and len(by_region) == 10
    assert (by_region["staffed_share"] == 1.0).all()  # 罗湖: 书记 + 专职副书记 + 专职组织员 everywhere
    city = team.secretaries_by_region(session, scope=FULL, area=CITY, year=2025)
    assert len(city) == 10 and int(city["secretaries"].sum()) == team.kpis(session, scope=FULL, area=CITY, year=2025).secretaries


def test_volunteers_by_street_match_the_store(session, places):
    nanwan, _ = places
    df = team.volunteers_by_region(session, scope=FULL, area=nanwan, year=2025)
    row = df[df["rid"] == nanwan.street_id].iloc[0]
    stored = session.execute(select(VolunteerYear.volunteers).where(VolunteerYear.street_id == nanwan.street_id,
                                                                    VolunteerYear.year == 2025)).scalar_one()
    assert int(row["volunteers"]) == stored > 21_000
    assert int(row["prev_volunteers"]) < stored
    trend = team.volunteer_trend(session, scope=FULL, area=CITY)
    assert trend["year"].tolist() == sorted(trend["year"].tolist()) and len(trend) == 5


@pytest.mark.parametrize("role", (DISTRICT_LEADER, STREET, VIEWER))
def test_single_secretaries_and_hometown_organisations_stay_inside_the_scope(session, places, role):
    nanwan, luohu = places
    scope = {DISTRICT_LEADER: Scope(role=DISTRICT_LEADER, district_id=nanwan.district_id),
             STREET: Scope(role=STREET, district_id=nanwan.district_id, street_id=nanwan.street_id),
             VIEWER: Scope(role=VIEWER)}[role]
    for area in (CITY, luohu, Area(nanwan.district_id)):
        secs = team.secretary_list(session, scope=scope, area=area, year=2025)
        homes = team.hometown_list(session, scope=scope, area=area)
        if role == VIEWER or area == luohu:
            assert secs.empty and homes.empty
    own = team.secretary_list(session, scope=scope, area=nanwan, year=2025)
    assert (len(own) == 14) == (role != VIEWER)
    homes = team.hometown_list(session, scope=scope, area=CITY)
    inside = session.execute(select(HometownOrg.code).where(
        HometownOrg.street_id == nanwan.street_id if role == STREET else HometownOrg.district_id == nanwan.district_id
    )).scalars().all()
    assert sorted(homes["code"]) == ([] if role == VIEWER else sorted(inside))


def test_luohu_hometown_totals(session, places):
    _, luohu = places
    df = team.hometown_by_region(session, scope=FULL, area=CITY)
    row = df[df["rid"] == luohu.district_id].iloc[0]
    assert (int(row["organisations"]), int(row["members"])) == (12, 600) and 190_000 <= int(row["reach"]) < 200_000


def test_ranking_changes_are_last_years_rank_minus_this_years(session, places):
    _, luohu = places
    now = committees.ranking(session, scope=FULL, area=luohu, year=2025)
    prev = committees.ranking(session, scope=FULL, area=luohu, year=2024).set_index("org_id")["rank"]
    assert len(now) == 11  # 10 street 党工委 and the 直属机关工委
    for org_id, rank, change in zip(now["org_id"], now["rank"], now["rank_change"], strict=True):
        assert change == prev[org_id] - rank
    assert now["funded"].sum() >= 3 and now.loc[now["funded"], "rank"].max() <= 3
    history = committees.history(session, scope=FULL, district_id=luohu.district_id)
    assert len(history) == 11 * 5 and set(history["year"]) == {2021, 2022, 2023, 2024, 2025}
    city = committees.ranking(session, scope=FULL, area=CITY, year=2025)
    assert (city.groupby("district_id")["rank"].min() == 1).all() and city["district_id"].nunique() == 10
