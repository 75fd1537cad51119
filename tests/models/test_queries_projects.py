"""党建项目认领 queries on both back-ends: seed 000's 南湖 figures, the year's state as the Python twin of the
rule says, every region below the area listed, and detail kept inside the viewer's scope."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from models import project_rules as pr
from models.access import DISTRICT_LEADER, FULL, STREET, VIEWER, Scope
from models.area import CITY, Area
from models.queries import projects, regions
from models.tables import ClaimUnit, PartyProject
from models.vocab import PROJECT_STATUSES, PROJECT_UNIT_TYPES


@pytest.fixture(scope="module")
def places(session):
    nanhu = regions.resolve_area(session, scope=FULL, district="罗湖区", street="南湖街道").area
    futian = regions.resolve_area(session, scope=FULL, district="福田区", street=None).area
    return nanhu, futian


@pytest.fixture(scope="module")
def rows(session):
    return session.execute(select(PartyProject.status, PartyProject.claimed_on, PartyProject.completed_on,
                                  PartyProject.published_on, PartyProject.street_id, PartyProject.unit_id,
                                  PartyProject.beneficiaries)).all()


def test_nanhu_reads_292_projects_130_units_13000_people(session, places):
    nanhu, _ = places
    k = projects.kpis(session, scope=FULL, area=nanhu, year=2025)
    assert (k.claimed, k.units) == (292, 130) and 13_000 < k.beneficiaries < 14_000
    assert sum(k.by_status.values()) == k.published and k.published - k.by_status["open"] == 292


@pytest.mark.parametrize("year", [2021, 2023, 2025])
def test_the_years_state_follows_the_python_twin_of_the_rule(session, places, rows, year):
    nanhu, _ = places

    def as_date(v):
        return date.fromisoformat(v[:10]) if isinstance(v, str) else v

    mine = [r for r in rows if r.street_id == nanhu.street_id and as_date(r.published_on) <= date(year, 12, 31)]
    want = {s: 0 for s in PROJECT_STATUSES}
    for r in mine:
        want[pr.status_at(year, r.status, as_date(r.claimed_on), as_date(r.completed_on))] += 1
    k = projects.kpis(session, scope=FULL, area=nanhu, year=year)
    assert k.by_status == want
    claimed = [r for r in mine if r.claimed_on is not None and as_date(r.claimed_on) <= date(year, 12, 31)]
    assert k.units == len({r.unit_id for r in claimed})
    assert k.beneficiaries == sum(r.beneficiaries for r in claimed)


def test_status_at_reads_a_completed_project_as_under_way_before_its_completion():
    claimed, done = date(2022, 5, 1), date(2024, 3, 1)
    assert [pr.status_at(y, "done", claimed, done) for y in (2021, 2022, 2023, 2024)] == ["open", "underway", "underway", "done"]
    assert pr.status_at(2023, "claimed", claimed, None) == "claimed"


def test_every_region_below_the_area_is_listed_and_adds_up(session, places):
    nanhu, futian = places
    for area, level_count in ((CITY, 10), (futian, 10)):
        df = projects.by_subarea(session, scope=FULL, area=area, year=2025)
        assert len(df) == level_count
        assert int(df["projects"].sum()) == projects.kpis(session, scope=FULL, area=area, year=2025).published
    communities = projects.by_subarea(session, scope=FULL, area=nanhu, year=2025)
    assert int((communities["projects"] - communities["open"]).sum()) == 292
    types = projects.by_unit_type(session, scope=FULL, area=nanhu, year=2025)
    assert list(types["unit_type"]) == list(PROJECT_UNIT_TYPES) and int(types["projects"].sum()) == 292
    assert int(types["units"].sum()) == 130


def test_top_units_claim_most_and_name_stored_units(session, places):
    nanhu, _ = places
    top = projects.top_units(session, scope=FULL, area=nanhu, year=2025)
    assert len(top) == 10 and list(top["projects"]) == sorted(top["projects"], reverse=True)
    names = set(session.execute(select(ClaimUnit.name)).scalars())
    assert set(top["name"]) <= names and (top["done"] <= top["projects"]).all()


@pytest.mark.parametrize("role", [DISTRICT_LEADER, STREET, VIEWER])
def test_detail_stays_inside_the_scope(session, places, role):
    nanhu, futian = places
    street = session.execute(select(PartyProject.street_id).where(PartyProject.district_id == futian.district_id)
                             .order_by(PartyProject.id)).scalars().first()
    scope = {DISTRICT_LEADER: Scope(role=DISTRICT_LEADER, district_id=futian.district_id),
             STREET: Scope(role=STREET, district_id=futian.district_id, street_id=street),
             VIEWER: Scope(role=VIEWER)}[role]
    for area in (CITY, futian, nanhu):
        listing = projects.project_list(session, scope=scope, area=area, year=2025)
        assert all(scope.covers(d, s) for d, s in zip(listing["district_id"], listing["street_id"], strict=True))
        top = projects.top_units(session, scope=scope, area=area, year=2025)
        if area == nanhu or role == VIEWER:
            assert listing.empty and top.empty
    own = projects.project_list(session, scope=scope, area=CITY, year=2025)
    assert own.empty == (role == VIEWER)
    # the aggregates are the same for everyone
    assert projects.kpis(session, scope=scope, area=nanhu, year=2025) == projects.kpis(session, scope=FULL, area=nanhu,
                                                                                          year=2025)
