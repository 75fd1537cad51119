"""Overview and region queries on the demo store, checked against independent counts."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from models.access import FULL
from models.queries import overview, regions
from models.queries.common import CITY
from models.tables import Building, PartyOrg, ServiceCenter


def _luohu(session):
    return regions.resolve_area(session, scope=FULL, district="罗湖区", street=None).area


def test_city_has_1050_centres_in_the_1_10_n_tiers(session):
    df = overview.centres_by_tier(session, scope=FULL, area=CITY, year=2025).set_index("tier")
    assert df["now"].sum() == 1050
    assert df.at["city", "now"] == 1 and df.at["district", "now"] == 10


def test_district_filter_matches_a_direct_count(session):
    area = _luohu(session)
    direct = session.execute(
        select(func.count()).select_from(ServiceCenter).where(ServiceCenter.district_id == area.district_id)
    ).scalar()
    assert overview.centres_by_tier(session, scope=FULL, area=area, year=2025)["now"].sum() == direct
    assert overview.centres_by_tier(session, scope=FULL, area=area, year=2025).set_index("tier").at["city", "now"] == 0


def test_luohu_towers_fully_covered_and_city_not(session):
    assert overview.tower_coverage(session, scope=FULL, area=_luohu(session), year=2025).now == 1.0
    city = overview.tower_coverage(session, scope=FULL, area=CITY, year=2025)
    assert 0.5 < city.now < 1.0 and city.before <= city.now


def test_members_count_only_member_holding_organisations(session):
    total = session.execute(
        select(func.sum(PartyOrg.members)).where(PartyOrg.org_type.in_(("committee", "general_branch", "branch")))
    ).scalar()
    pair = overview.members(session, scope=FULL, area=CITY, year=2025)
    assert pair.now == total and 0 < pair.delta < total


def test_year_before_has_fewer_or_equal_organisations(session):
    df = overview.orgs_by_category(session, scope=FULL, area=CITY, year=2025)
    assert (df["before"] <= df["now"]).all() and df["now"].sum() > df["before"].sum()
    assert list(df["category"]) == ["organ", "community", "two_new", "hometown", "shareholding"]


def test_ranking_lists_districts_then_streets(session):
    city = overview.ranking(session, scope=FULL, area=CITY, year=2025)
    assert len(city) == 10 and city["centres"].sum() == 1049  # the city centre belongs to no district
    luohu = overview.ranking(session, scope=FULL, area=_luohu(session), year=2025)
    assert len(luohu) == 10 and set(luohu["tower_rate"].dropna()) == {1.0}
    assert luohu["a_share"].is_monotonic_decreasing


def test_a_share_is_a_share(session):
    pair = overview.a_share(session, scope=FULL, area=CITY, year=2025)
    assert 0 < pair.now < 1 and pair.before is not None
    assert overview.a_share(session, scope=FULL, area=CITY, year=1990).now is None


def test_resolve_area_reports_unknown_names(session):
    r = regions.resolve_area(session, scope=FULL, district="火星区", street=None)
    assert r.unknown == ("district",) and r.area == CITY
    r = regions.resolve_area(session, scope=FULL, district="罗湖区", street="南湾街道")  # street of another district
    assert r.unknown == ("street",) and r.area.street_id is None and r.area.district_id is not None
    r = regions.resolve_area(session, scope=FULL, district=None, street="南湾街道")
    assert r.district == "龙岗区" and r.area.street_id is not None


def test_no_towers_gives_no_rate_rather_than_zero(session):
    nanao = regions.resolve_area(session, scope=FULL, district="大鹏新区", street="南澳街道").area
    towers = session.execute(
        select(func.count()).select_from(Building).where(
            Building.street_id == nanao.street_id, Building.kind == "tower", Building.floors >= 20)
    ).scalar()
    pair = overview.tower_coverage(session, scope=FULL, area=nanao, year=2025)
    assert (pair.now is None) == (towers == 0)
