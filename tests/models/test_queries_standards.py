"""标准化考核 queries on both back-ends: 南湾's 10 / 3 / 1, regions adding up to the area, the aspects against
counts of the test's own, the community list kept inside the viewer's scope."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from models import standards as rules
from models.access import DISTRICT_LEADER, FULL, STREET, VIEWER, Scope
from models.area import CITY, Area
from models.queries import regions, standards
from models.tables import StandardCheck


@pytest.fixture(scope="module")
def places(session):
    nanwan = regions.resolve_area(session, scope=FULL, district="龙岗区", street="南湾街道").area
    luohu = regions.resolve_area(session, scope=FULL, district="罗湖区", street=None).area
    return nanwan, luohu


def test_nanwan_is_the_seeds_ten_of_fourteen(session, places):
    nanwan, _ = places
    k = standards.kpis(session, scope=FULL, area=nanwan, year=2025)
    assert k.communities == 14
    assert k.counts == {"passed": 10, "rectifying": 3, "failed": 0, "pending": 1}
    assert k.share == pytest.approx(10 / 13) and k.checked == 13


def test_regions_add_up_to_the_area_and_shares_follow_the_rule(session, places):
    _, luohu = places
    for area in (CITY, luohu):
        k = standards.kpis(session, scope=FULL, area=area, year=2025)
        df = standards.by_region(session, scope=FULL, area=area, year=2025)
        assert len(df) == 10 and int(df["communities"].sum()) == k.communities
        for r in rules.RESULTS:
            assert int(df[r].sum()) == k.counts[r]
        for _, row in df.iterrows():
            assert row["share"] == pytest.approx(rules.passed_share(row["passed"], row["rectifying"], row["failed"]))
    city = standards.kpis(session, scope=FULL, area=CITY, year=2025)
    stored = session.execute(select(func.count()).where(StandardCheck.year == 2025)).scalar_one()
    assert city.communities == stored > 700  # every community has a result


def test_the_aspects_count_the_failed_flags(session, places):
    _, luohu = places
    df = standards.aspects(session, scope=FULL, area=luohu, year=2024)
    assert list(df["indicator"]) != [] and set(df["aspect"]) == set(rules.ASPECTS)
    assert df["failed"].tolist() == sorted(df["failed"].tolist(), reverse=True)
    for aspect, failed in zip(df["aspect"], df["failed"], strict=True):
        col = getattr(StandardCheck, rules.ASPECT_COLUMNS[aspect])
        n = session.execute(select(func.count()).where(col.is_(True), StandardCheck.year == 2024,
                                                       StandardCheck.district_id == luohu.district_id)).scalar_one()
        assert failed == n


def test_the_trend_rises_over_the_years(session):
    trend = standards.trend(session, scope=FULL, area=CITY)
    assert trend["year"].tolist() == [2021, 2022, 2023, 2024, 2025]
    assert trend["share"].iloc[-1] > trend["share"].iloc[0]


@pytest.mark.parametrize("role", (DISTRICT_LEADER, STREET, VIEWER))
def test_single_communities_stay_inside_the_scope(session, places, role):
    nanwan, luohu = places
    scope = {DISTRICT_LEADER: Scope(role=DISTRICT_LEADER, district_id=nanwan.district_id),
             STREET: Scope(role=STREET, district_id=nanwan.district_id, street_id=nanwan.street_id),
             VIEWER: Scope(role=VIEWER)}[role]
    assert standards.community_list(session, scope=scope, area=luohu, year=2025).empty
    own = standards.community_list(session, scope=scope, area=CITY, year=2025)
    inside = session.execute(select(func.count()).where(
        StandardCheck.year == 2025,
        StandardCheck.street_id == nanwan.street_id if role == STREET else StandardCheck.district_id == nanwan.district_id,
    )).scalar_one()
    assert len(own) == (0 if role == VIEWER else inside)
    if role != VIEWER:
        assert set(own["street"]) <= ({"南湾街道"} if role == STREET else set(own["street"]))
        assert len(standards.community_list(session, scope=scope, area=nanwan, year=2025)) == 14
    # aggregates are the same for every viewer
    assert standards.kpis(session, scope=scope, area=luohu, year=2025) == standards.kpis(
        session, scope=FULL, area=luohu, year=2025)
