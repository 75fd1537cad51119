"""models.rules: each counting rule on a small store built to hit its edges (undated rows, 19/20 floors),
its pandas and Python twins against the SQL, and the queries of every page counting with it."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest
from sqlalchemy import func, select
from sqlmodel import Session

from models import rules
from models.access import FULL, Scope
from models.area import CITY, Area
from models.db import create_schema, make_engine
from models.queries import buildings, centres, overview, ratings
from models.tables import Building, PartyOrg, Rating, Region, ServiceCenter

# city 1; districts 2, 3; streets 4, 5 (of 2) and 6 (of 3)
REGIONS = [
    dict(id=1, code="440300", name="市", level="city"),
    dict(id=2, code="440301", name="甲区", level="district", parent_id=1, district_id=2),
    dict(id=3, code="440302", name="乙区", level="district", parent_id=1, district_id=3),
    dict(id=4, code="440301001", name="甲一街道", level="street", parent_id=2, district_id=2, street_id=4),
    dict(id=5, code="440301002", name="甲二街道", level="street", parent_id=2, district_id=2, street_id=5),
    dict(id=6, code="440302001", name="乙一街道", level="street", parent_id=3, district_id=3, street_id=6),
]
AREAS = {"city": CITY, "甲区": Area(2), "乙区": Area(3), "甲一": Area(2, 4), "甲二": Area(2, 5), "乙一": Area(3, 6)}
PLACES = [(4, 2, 4), (5, 2, 5), (6, 3, 6)]  # region, district, street of the rows below, in turn


def _place(i: int) -> dict:
    region, district, street = PLACES[i % len(PLACES)]
    return dict(region_id=region, district_id=district, street_id=street)


@pytest.fixture()
def edge_store(store_url):
    """Centres opened 2023, 2024 or undated; towers of 19, 20 and unknown floors, covered since 2023, 2024,
    undated or not at all; organisations founded 2023, 2024 or undated; A/B grades in 2024."""
    engine = make_engine(store_url)
    create_schema(engine)
    with Session(engine) as s:
        s.add_all(Region(**r) for r in REGIONS)
        s.flush()
        s.add(PartyOrg(id=1, code="P0", name="市委", level="city", org_type="committee", category="leadership",
                       kind="territorial", members=5, founded_year=1979))
        founded = [2023, 2024, None]
        for i in range(9):
            s.add(PartyOrg(id=10 + i, code=f"P{10 + i}", name=f"支部{i}", level="unit",
                           org_type="branch" if i % 4 else "group", category="two_new", kind="firm_branch",
                           members=10 + i, founded_year=founded[i % 3], parent_id=1, **_place(i)))
        s.flush()
        opened = [date(2023, 5, 1), date(2024, 7, 1), None]
        for i in range(9):
            s.add(ServiceCenter(id=i + 1, code=f"C{i}", name=f"中心{i}", tier="community", opened_on=opened[i % 3],
                                **_place(i)))
        since = [2023, 2024, None, None]  # the last: no covering organisation at all
        for i in range(12):
            floors = (19, 20, None)[i % 3]
            cover = since[i % 4]
            org = None if i % 4 == 3 else 11
            s.add(Building(id=i + 1, code=f"B{i}", name=f"楼{i}", kind="tower", floors=floors, org_id=org,
                           covered_since=cover, **_place(i)))
        for i, grade in enumerate("AABAB"):
            score = 90.0 if grade == "A" else 75.0
            s.add(Rating(org_id=10 + i, year=2024, score_committee=score, score_department=score,
                         score_social=score, composite=score, grade=grade))
        s.commit()
        yield s
    engine.dispose()


def _count(session, table, cond, area=CITY) -> int:
    return int(session.execute(select(func.count()).select_from(table).where(cond, rules.in_area(table, area)))
               .scalar_one())


def test_undated_centres_coverage_and_organisations_count_in_every_year(edge_store):
    s = edge_store
    assert [_count(s, ServiceCenter, rules.centre_open(y)) for y in (2022, 2023, 2024)] == [3, 6, 9]
    assert [_count(s, Building, rules.covered_in(y)) for y in (2022, 2023, 2024)] == [3, 6, 9]
    assert [_count(s, PartyOrg, rules.org_exists(y)) for y in (1978, 2023, 2024)] == [3, 7, 10]


def test_a_tower_has_at_least_20_floors_and_a_known_height(edge_store):
    assert rules.TOWER_MIN_FLOORS == 20
    assert _count(edge_store, Building, rules.is_tower()) == 4  # the 20-floor ones; 19 and unknown are not
    assert _count(edge_store, Building, rules.building_selected("tower", 19)) == 8
    assert _count(edge_store, Building, rules.building_selected("tower")) == 12


def test_headline_organisations_and_members(edge_store):
    s = edge_store
    # branches of the graded categories (groups are subsets of their branch; 市委 leads, is not counted)
    assert _count(s, PartyOrg, rules.counted_org()) == 6
    members = s.execute(select(func.sum(PartyOrg.members)).where(rules.counted_members(2024))).scalar_one()
    assert members == 5 + sum(10 + i for i in range(9) if i % 4)
    assert rules.is_counted_org("two_new", "branch") and not rules.is_counted_org("leadership", "committee")
    assert not rules.is_counted_org("two_new", "group") and rules.is_member_holding("general_branch")


def test_every_query_counts_with_the_rules(edge_store):
    s, year = edge_store, 2024
    for name, area in AREAS.items():
        want_centres = _count(s, ServiceCenter, rules.centre_open(year), area)
        want_towers = _count(s, Building, rules.is_tower(), area)
        want_covered = _count(s, Building, rules.is_tower() & rules.covered_in(year), area)
        assert overview.centres_by_tier(s, scope=FULL, area=area, year=year)["now"].sum() == want_centres, name
        assert centres.tier_counts(s, scope=FULL, area=area, year=year)["centres"].sum() == want_centres, name
        assert len(centres.centres(s, scope=FULL, area=area, year=year)) == want_centres, name
        summary = buildings.coverage_summary(s, scope=FULL, area=area, year=year, kind="tower",
                                             min_floors=rules.TOWER_MIN_FLOORS)
        assert (summary.covered, summary.buildings) == (want_covered, want_towers), name
        assert overview.tower_coverage(s, scope=FULL, area=area, year=year).now == rules.share(want_covered,
                                                                                               want_towers), name
        listed = buildings.building_list(s, scope=FULL, area=area, year=year, kind="tower",
                                         min_floors=rules.TOWER_MIN_FLOORS)
        assert int(listed["covered"].sum()) == want_covered, name
        assert overview.orgs_by_category(s, scope=FULL, area=area, year=year)["now"].sum() == _count(
            s, PartyOrg, rules.counted_org() & rules.org_exists(year), area), name
    ranking = overview.ranking(s, scope=FULL, area=CITY, year=year)
    assert ranking["centres"].sum() == 9 and (ranking["towers_covered"].sum(), ranking["towers"].sum()) == (3, 4)
    assert ranking["orgs"].sum() == 6 and ranking["members"].sum() == overview.members(
        s, scope=FULL, area=CITY, year=year).now - 5  # 市委's own members belong to no district
    assert overview.a_share(s, scope=FULL, area=CITY, year=year).now == ratings.kpis(
        s, scope=FULL, area=CITY, year=year).a_share.now == 3 / 5


def test_the_year_before_counts_undated_rows_too(edge_store):
    s = edge_store
    tiers = overview.centres_by_tier(s, scope=FULL, area=CITY, year=2024).set_index("tier")
    assert (tiers.at["community", "now"], tiers.at["community", "before"]) == (9, 6)
    # the four 20-floor towers: covered since 2024, since 2023, not covered, covered with no year
    towers = overview.tower_coverage(s, scope=FULL, area=CITY, year=2024)
    assert (towers.now, towers.before) == (3 / 4, 2 / 4)


# --- The area predicate and its twins ---------------------------------------------------------------------

def test_area_predicate_twins_agree_with_the_sql(session):
    """in_area (SQL), in_area_mask (pandas) and in_area_row (Python) pick the same rows, for every area."""
    rows = pd.DataFrame(session.execute(select(Building.id, Building.district_id, Building.street_id)).all(),
                        columns=["id", "district_id", "street_id"])
    rows["district_id"], rows["street_id"] = rows["district_id"].astype("Int64"), rows["street_id"].astype("Int64")
    district, street = session.execute(
        select(Region.district_id, Region.id).where(Region.level == "street").order_by(Region.id).limit(1)
    ).one()
    for area in (CITY, Area(district), Area(district, street), Area(999_999), None):
        sql = set(session.execute(select(Building.id).where(rules.in_area(Building, area))).scalars())
        mask = set(rows.loc[rules.in_area_mask(rows, area), "id"])
        one = {i for i, d, st in rows.itertuples(index=False) if rules.in_area_row(
            area, None if pd.isna(d) else d, None if pd.isna(st) else st)}
        assert sql == mask == one, area
        bound = set(session.execute(select(Building.id).where(rules.in_area_bound(Building)),
                                    rules.area_params(area)).scalars())
        assert sql == bound, area
    assert rules.in_area_mask(pd.DataFrame({"district_id": [None], "street_id": [None]}), Area(1)).tolist() == [False]


def test_scope_helpers_use_the_one_predicate():
    street = Scope(role="street", district_id=2, street_id=4)
    assert street.covers(2, 4) and not street.covers(2, 5) and not street.covers(None, None)
    assert Scope(role="district_leader", district_id=2).covers(2, None)
    assert not Scope(role="viewer").covers(2, 4) and FULL.covers(None, None)


def test_child_and_comparison_levels():
    assert rules.child_level(CITY).level == "district" and rules.child_level(CITY).direct is None
    assert rules.child_level(CITY, streets_at_city=True).level == "street"
    assert rules.child_level(Area(2)) == rules.ChildLevel("street", "district")
    assert rules.child_level(Area(2, 4)) == rules.ChildLevel("community", "street")
    assert [rules.comparison_level(a) for a in (CITY, Area(2), Area(2, 4))] == ["district", "street", "street"]
    assert rules.share(1, 0) is None and rules.share(1, 4) == 0.25


def test_the_import_template_promises_what_the_rules_do():
    """The column notes of the template say how an undated row counts, and what a tower is."""
    from data.importing import specs
    from models.i18n import translate

    notes = {c.field: c.note for spec in (specs.ORGS, specs.CENTRES, specs.BUILDINGS) for c in spec.columns}
    assert specs.UNDATED_NOTE in notes["founded_year"] and specs.UNDATED_NOTE in notes["opened_on"]
    assert "各年度均已覆盖" in notes["covered_since"] and f"{rules.TOWER_MIN_FLOORS} 层及以上" in notes["floors"]
    assert "不计入按年度" not in " ".join(notes.values())
    assert "各年度均已存在" in translate("importing.note_no_date", n=1, column="成立年份")
    assert "各年度均已覆盖" in translate("importing.note_no_cover_year", n=1)


def test_a_sidebar_area_is_covered_as_its_rows_are():
    district, street, other = Scope(role="district_leader", district_id=2), Scope(role="street", district_id=2,
                                                                                  street_id=4), Scope(role="viewer")
    cases = {CITY: (True, False, False, False), Area(2): (True, True, False, False),
             Area(2, 4): (True, True, True, False), Area(2, 5): (True, True, False, False),
             Area(3): (True, False, False, False)}
    for area, want in cases.items():
        assert tuple(s.covers_area(area) for s in (FULL, district, street, other)) == want, area


def test_compared_regions_are_the_districts_or_the_districts_streets(edge_store):
    def names(area):
        return list(edge_store.execute(select(Region.name).where(rules.compared_regions(area)).order_by(Region.id))
                    .scalars())

    assert names(CITY) == ["甲区", "乙区"]
    assert names(Area(2)) == names(Area(2, 5)) == ["甲一街道", "甲二街道"]  # a street among its neighbours
    assert list(overview.ranking(edge_store, scope=FULL, area=Area(2, 4), year=2024)["name"].sort_values()) == \
        sorted(names(Area(2)))
