"""Tree queries on a small hand-made tree whose answers are worked out by hand below.

    1  市委 (city)                                   /1/
    ├─ 2  甲区委 (district)                           /1/2/        runs centre Z2
    │  ├─ 3  乙街道党工委 (street)                     /1/2/3/
    │  │  ├─ 4  丙社区党委 (community, 10 members)      /1/2/3/4/    runs centre Z1
    │  │  │  └─ 5  丙社区第1网格党支部 (grid, 30)        /1/2/3/4/5/  covers building B2
    │  │  │     ├─ 6  1栋党小组 (group, 18)            /1/2/3/4/5/6/
    │  │  │     │  └─ 8  1栋党员中心户 (household, 3)   /1/2/3/4/5/6/8/
    │  │  │     └─ 7  2栋党小组 (group, 12)            /1/2/3/4/5/7/
    │  │  └─ 10 乙街道两新党委 (unit committee, 0)      /1/2/3/10/   runs centre Z3
    │  │     └─ 11 两新第1党支部 (unit branch, 40)      /1/2/3/10/11/ covers building B1
    │  └─ 9  甲区机关党支部 (unit organ, 25)            /1/2/9/
    ├─ 12 丁区委 (district)                           /1/12/
    │  └─ 13 丁区湖南籍流动党员党支部 (hometown, 7)      /1/12/13/
    └─ 20 戊区委 (district)                           /1/20/  (its path starts with "/1/2")
"""

from __future__ import annotations

import pytest
from sqlalchemy import insert, update
from sqlmodel import Session

from models.access import FULL
from models import grading, org_rollup
from models.db import create_schema, make_engine
from models.queries import orgs
from models.queries.common import Area, Scope
from models.tables import Building, PartyOrg, Rating, Region, ServiceCenter

REGIONS = [
    (1, "R0", "市", "city", None, None, None),
    (2, "R2", "甲区", "district", 1, 2, None),
    (3, "R3", "乙街道", "street", 2, 2, 3),
    (4, "R4", "丙社区", "community", 3, 2, 3),
    (5, "R5", "丙社区第1网格", "grid", 4, 2, 3),
    (12, "R12", "丁区", "district", 1, 12, None),
    (20, "R20", "戊区", "district", 1, 20, None),
]
# id, code, name, level, org_type, category, kind, parent, region, members
ORGS = [
    (1, "C0", "市委", "city", "committee", "leadership", "territorial", None, 1, 0),
    (2, "C0D2", "甲区委", "district", "committee", "leadership", "territorial", 1, 2, 0),
    (3, "C0D2S3", "乙街道党工委", "street", "committee", "leadership", "territorial", 2, 3, 0),
    (4, "C0D2S3M4", "丙社区党委", "community", "committee", "community", "territorial", 3, 4, 10),
    (5, "C0D2S3M4G5", "丙社区第1网格党支部", "grid", "branch", "community", "territorial", 4, 5, 30),
    (6, "C0D2S3M4G5B1", "1栋党小组", "building", "group", "community", "territorial", 5, 5, 18),
    (7, "C0D2S3M4G5B2", "2栋党小组", "building", "group", "community", "territorial", 5, 5, 12),
    (8, "C0D2S3M4G5B1H1", "1栋党员中心户", "household", "household", "community", "territorial", 6, 5, 3),
    (9, "C0D2-J01", "甲区机关党支部", "unit", "branch", "organ", "organ", 2, 2, 25),
    (10, "C0D2S3-N01", "乙街道两新党委", "unit", "committee", "two_new", "two_new_committee", 3, 3, 0),
    (11, "C0D2S3-N01-B1", "两新第1党支部", "unit", "branch", "two_new", "firm_branch", 10, 3, 40),
    (12, "C0D12", "丁区委", "district", "committee", "leadership", "territorial", 1, 12, 0),
    (13, "C0D12-H01", "丁区湖南籍流动党员党支部", "unit", "branch", "hometown", "hometown", 12, 12, 7),
    (20, "C0D20", "戊区委", "district", "committee", "leadership", "territorial", 1, 20, 0),
]
# org id -> {year: composite}; composite bands: A >= 85, B >= 70, C >= 60
GRADES = {5: {2023: 75.0, 2024: 90.0}, 4: {2024: 65.0, 2025: 72.0}, 11: {2025: 88.0}}


def _path(org_id: int) -> str:
    parents = {o[0]: o[7] for o in ORGS}
    ids, cur = [], org_id
    while cur is not None:
        ids.append(cur)
        cur = parents[cur]
    return "/" + "/".join(str(i) for i in reversed(ids)) + "/"


@pytest.fixture()
def db(store_url):
    engine = make_engine(store_url)
    create_schema(engine)
    regions = {r[0]: r for r in REGIONS}
    with engine.begin() as conn:
        conn.execute(insert(Region), [
            {"id": i, "code": c, "name": n, "level": lvl, "parent_id": p, "district_id": d, "street_id": s,
             "lon": 114.0 + i / 100, "lat": 22.5 + i / 100}
            for i, c, n, lvl, p, d, s in REGIONS
        ])
        conn.execute(insert(PartyOrg), [
            {"id": i, "code": c, "name": n, "level": lvl, "org_type": ot, "category": cat, "kind": k,
             "parent_id": p, "path": _path(i), "depth": _path(i).count("/") - 2, "region_id": r,
             "district_id": regions[r][5], "street_id": regions[r][6], "members": m,
             "secretary_age_band": "35-44" if i == 4 else None, "secretary_education": "bachelor" if i == 4 else None}
            for i, c, n, lvl, ot, cat, k, p, r, m in ORGS
        ])
        conn.execute(insert(ServiceCenter), [
            {"id": 1, "code": "Z1", "name": "丙社区党群服务中心", "tier": "community", "org_id": 4, "lon": 114.1, "lat": 22.6},
            {"id": 2, "code": "Z2", "name": "甲区党群服务中心", "tier": "district", "org_id": 2, "lon": 114.2, "lat": 22.6},
            {"id": 3, "code": "Z3", "name": "两新园区党群服务中心", "tier": "park", "org_id": 10, "lon": None, "lat": None},
        ])
        conn.execute(insert(Building), [
            {"id": 1, "code": "B1", "name": "某大厦", "kind": "tower", "floors": 30, "org_id": 11, "lon": 114.3, "lat": 22.6},
            {"id": 2, "code": "B2", "name": "某花园", "kind": "residential", "floors": 12, "org_id": 5, "lon": 114.3, "lat": 22.7},
            {"id": 3, "code": "B3", "name": "未覆盖大厦", "kind": "tower", "floors": 25, "org_id": None, "lon": 114.4,
             "lat": 22.6},
        ])
        conn.execute(insert(Rating), [
            {"org_id": oid, "year": y, "score_committee": c, "score_department": c, "score_social": c,
             "composite": grading.composite(c, c, c), "grade": grading.grade_for(c), "weak": False}
            for oid, years in GRADES.items() for y, c in years.items()
        ])
        org_rollup.rebuild(conn)
    with Session(engine) as session:
        yield session
    engine.dispose()


def by_code(df):
    return df.set_index("code")


@pytest.mark.parametrize("rollup", [True, False])
def test_children_with_subtree_aggregates(db, rollup):
    kids = orgs.children(db, scope=FULL, org_id=2, year=2025, rollup=rollup)
    assert kids["code"].tolist() == ["C0D2S3", "C0D2-J01"]  # the chain first, then the units
    street = by_code(kids).loc["C0D2S3"]
    # members of member-holding organisations only: 10 + 30 + 40 (groups and households are subsets)
    assert street["members"] == 80
    assert street["orgs_below"] == 7
    assert street["centres"] == 2  # Z1 (community) and Z3 (two-new committee)
    assert street["buildings"] == 2  # B1 and B2
    assert street["group"] == "territorial"
    organ = by_code(kids).loc["C0D2-J01"]
    assert (organ["members"], organ["orgs_below"], organ["centres"], organ["group"]) == (25, 0, 0, "organ")


@pytest.mark.parametrize("rollup", [True, False])
def test_city_children_do_not_leak_between_districts(db, rollup):
    kids = by_code(orgs.children(db, scope=FULL, org_id=1, year=2025, rollup=rollup))
    assert kids.index.tolist() == ["C0D2", "C0D12", "C0D20"]
    assert kids.loc["C0D2", "members"] == 80 + 25
    assert kids.loc["C0D2", "centres"] == 3 and kids.loc["C0D2", "buildings"] == 2
    assert kids.loc["C0D2", "orgs_below"] == 9
    # /1/20/ starts with "/1/2" but is not below /1/2/
    assert kids.loc["C0D20", "orgs_below"] == 0 and kids.loc["C0D20", "members"] == 0
    assert kids.loc["C0D12", "members"] == 7


@pytest.mark.parametrize("rollup", [True, False])
def test_groups_and_households_show_their_own_members(db, rollup):
    kids = by_code(orgs.children(db, scope=FULL, org_id=5, year=2025, rollup=rollup))
    assert kids["members"].to_dict() == {"C0D2S3M4G5B1": 18, "C0D2S3M4G5B2": 12}
    assert kids.loc["C0D2S3M4G5B1", "orgs_below"] == 1


def test_latest_grade_up_to_the_year(db):
    def grade(org_id, child, year):
        row = by_code(orgs.children(db, scope=FULL, org_id=org_id, year=year)).loc[child]
        return (None if row["grade"] is None else row["grade"]), row["grade_year"]

    assert grade(3, "C0D2S3M4", 2025) == ("B", 2025)
    assert grade(3, "C0D2S3M4", 2024) == ("C", 2024)
    assert grade(3, "C0D2S3M4", 2023)[0] is None
    assert grade(4, "C0D2S3M4G5", 2025) == ("A", 2024)  # not graded in 2025: the 2024 grade


def test_ancestors_give_the_breadcrumb(db):
    node = orgs.node(db, scope=FULL, code="C0D2S3M4G5B1H1")
    trail = orgs.ancestors(db, scope=FULL, node=node)
    assert trail["name"].tolist() == ["市委", "甲区委", "乙街道党工委", "丙社区党委", "丙社区第1网格党支部",
                                      "1栋党小组", "1栋党员中心户"]
    assert orgs.ancestors(db, scope=FULL, node=orgs.root(db, scope=FULL))["code"].tolist() == ["C0"]


@pytest.mark.parametrize("rollup", [True, False])
def test_subtree_totals_by_level(db, rollup):
    tot = orgs.totals(db, scope=FULL, node=orgs.node(db, scope=FULL, code="C0D2"), rollup=rollup)
    assert tot.below == {"street": 1, "community": 1, "grid": 1, "building": 2, "household": 1, "unit": 3}
    assert (tot.members, tot.orgs_below, tot.centres, tot.buildings) == (105, 9, 3, 2)
    leaf = orgs.totals(db, scope=FULL, node=orgs.node(db, scope=FULL, code="C0D2S3M4G5B1H1"), rollup=rollup)
    assert (leaf.members, leaf.orgs_below, leaf.below) == (3, 0, {})


def test_rollup_and_reading_the_subtree_agree_everywhere(db):
    for org_id, *_ in ORGS:
        node = orgs.node_by_id(db, scope=FULL, org_id=org_id)
        assert orgs.totals(db, scope=FULL, node=node, rollup=True) == orgs.totals(db, scope=FULL, node=node, rollup=False), node.name
        fast = orgs.children(db, scope=FULL, org_id=org_id, year=2025, rollup=True)
        slow = orgs.children(db, scope=FULL, org_id=org_id, year=2025, rollup=False)
        assert fast.equals(slow), node.name


def test_rollup_goes_stale_on_a_write_and_fresh_on_rebuild(db):
    assert org_rollup.is_fresh(db)
    db.execute(update(PartyOrg).where(PartyOrg.id == 11).values(members=41))
    assert not org_rollup.is_fresh(db)
    # stale sums are never shown: the page reads the subtree instead, which already sees the change
    assert orgs.totals(db, scope=FULL, node=orgs.node(db, scope=FULL, code="C0D2"), rollup=False).members == 106
    org_rollup.rebuild(db)
    assert org_rollup.is_fresh(db)
    assert orgs.totals(db, scope=FULL, node=orgs.node(db, scope=FULL, code="C0D2"), rollup=True).members == 106


def test_start_nodes(db):
    assert orgs.root(db, scope=FULL).code == "C0"
    assert orgs.area_node(db, scope=FULL, area=Area(district_id=2)).code == "C0D2"
    assert orgs.area_node(db, scope=FULL, area=Area(district_id=2, street_id=3)).code == "C0D2S3"
    assert orgs.area_node(db, scope=FULL, area=Area()) is None


def test_nearest_existing_level_of_an_unknown_code(db):
    assert orgs.node(db, scope=FULL, code="C0D2S3M4G5B9") is None
    assert orgs.nearest(db, scope=FULL, code="C0D2S3M4G5B9").code == "C0D2S3M4G5"
    assert orgs.nearest(db, scope=FULL, code="C0D2S3M4G5B1H7").code == "C0D2S3M4G5B1"
    assert orgs.nearest(db, scope=FULL, code="XYZ") is None


def test_search_by_name_code_and_centre(db):
    found = orgs.search(db, scope=FULL, text="两新")
    assert set(found["code"]) == {"C0D2S3-N01", "C0D2S3-N01-B1", "Z3"}
    centre = found.set_index("code").loc["Z3"]
    assert (centre["source"], centre["target"], centre["target_name"]) == ("centre", "C0D2S3-N01", "乙街道两新党委")
    exact = orgs.search(db, scope=FULL, text="c0d2s3m4g5")  # any case; the exact code first, then codes it starts
    assert exact["code"].iloc[0] == "C0D2S3M4G5"
    assert set(exact["code"]) == {"C0D2S3M4G5", "C0D2S3M4G5B1", "C0D2S3M4G5B2", "C0D2S3M4G5B1H1"}
    assert orgs.search(db, scope=FULL, text="丙社区", limit=2).shape[0] == 2


def test_search_treats_wildcards_and_quotes_as_text(db):
    assert orgs.search(db, scope=FULL, text="%").empty
    assert orgs.search(db, scope=FULL, text="_").empty
    assert orgs.search(db, scope=FULL, text="'; DROP TABLE partyorg; --").empty
    assert orgs.search(db, scope=FULL, text="   ").empty
    assert orgs.node(db, scope=FULL, code="C0") is not None  # still there


def test_map_points_are_the_node_and_its_children(db):
    pts = orgs.map_points(db, scope=FULL, node=orgs.node(db, scope=FULL, code="C0D2S3"))
    # Z1 is run by a child; Z3 (a child's) has no position; B1 and B2 belong to grandchildren
    assert pts[["what", "code", "own"]].values.tolist() == [["centre", "Z1", False]]
    district = orgs.map_points(db, scope=FULL, node=orgs.node(db, scope=FULL, code="C0D2"))
    assert district.set_index("code")["own"].to_dict() == {"Z2": True}
    grid = orgs.map_points(db, scope=FULL, node=orgs.node(db, scope=FULL, code="C0D2S3M4G5"))
    assert grid[["what", "code", "own"]].values.tolist() == [["building", "B2", True]]


def test_node_card_parts(db):
    node = orgs.node(db, scope=FULL, code="C0D2S3M4")
    assert (node.secretary_age_band, node.secretary_education) == ("35-44", "bachelor")
    assert orgs.grade_history(db, scope=FULL, org_id=4)[["year", "grade"]].values.tolist() == [[2024, "C"], [2025, "B"]]
    assert orgs.own_centres(db, scope=FULL, org_id=4)["code"].tolist() == ["Z1"]
    assert orgs.region_point(db, scope=FULL, region_id=4)[:2] == ("丙社区", "community")


def test_the_secretary_register_row_is_the_cards_secretary_and_only_for_detail_viewers(db):
    from models.access import DISTRICT_LEADER
    from models.tables import Secretary

    db.execute(insert(Secretary).values(org_id=4, district_id=2, street_id=3, birth_year=1982, education="master",
                                        tenure_start=2016, terms_served=2))
    db.commit()
    community = orgs.node(db, scope=FULL, code="C0D2S3M4")
    assert orgs.secretary(db, scope=FULL, node=community) == (1982, "master", 2016, 2)
    assert orgs.secretary(db, scope=FULL, node=orgs.node(db, scope=FULL, code="C0D2S3M4G5")) is None  # no row
    other = Scope(role=DISTRICT_LEADER, district_id=12, actor="丁")  # another district's leader
    assert orgs.secretary(db, scope=other, node=community) is None
