"""Queries of 阵地地图 on a small hand-made store whose answers are known, and on the demo store."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest
from sqlmodel import Session

from models.access import FULL
from models.db import create_schema, make_engine
from models.queries import centres as q
from models.queries.common import CITY, Area
from models.tables import Building, PartyOrg, Region, ServiceCenter


@pytest.fixture()
def s(store_url):
    engine = make_engine(store_url)
    create_schema(engine)
    with Session(engine) as session:
        session.add_all([
            Region(id=1, code="440300", name="深圳市", level="city", area_km2=1997.47, population=17_000_000),
            Region(id=2, code="440307", name="龙岗区", level="district", parent_id=1, district_id=2, area_km2=300.0,
                   population=3_000_000),
            Region(id=3, code="440307005", name="南湾街道", level="street", parent_id=2, district_id=2, street_id=3,
                   area_km2=25.06, population=520_000, lon=114.16, lat=22.62),
            Region(id=4, code="440307005001", name="南岭村社区", level="community", parent_id=3, district_id=2,
                   street_id=3, lon=114.17, lat=22.63),
            Region(id=5, code="440307006", name="布吉街道", level="street", parent_id=2, district_id=2, street_id=5),
            Region(id=6, code="440303", name="罗湖区", level="district", parent_id=1, district_id=6),
        ])
        session.flush()  # parents first: the regions refer to each other
        session.add(PartyOrg(id=1, code="P440307005", name="南湾街道党工委", level="street", org_type="committee",
                             category="leadership", kind="territorial", region_id=3, district_id=2, street_id=3))
        session.flush()
        centre = dict(district_id=2, street_id=3, region_id=3, opened_on=date(2019, 5, 1))
        session.add_all([
            ServiceCenter(id=1, code="C1", name="南湾街道党群服务中心", tier="street", org_id=1, lon=114.16, lat=22.62,
                          open_24h=True, **centre),
            ServiceCenter(id=2, code="C2", name="南岭村社区党群服务中心", tier="community", lon=None, lat=None,
                          **{**centre, "region_id": 4}),
            ServiceCenter(id=3, code="C3", name="某园区党群服务中心", tier="park", lon=114.17, lat=22.32, **centre),
            ServiceCenter(id=4, code="C4", name="新楼宇党群服务中心", tier="tower", lon=114.16, lat=22.62,
                          **{**centre, "opened_on": date(2024, 3, 1)}),
            ServiceCenter(id=5, code="C5", name="无日期社区党群服务中心", tier="community", lon=114.161, lat=22.621,
                          **{**centre, "opened_on": None}),
            ServiceCenter(id=6, code="C6", name="龙岗区党群服务中心", tier="district", lon=114.25, lat=22.72,
                          district_id=2, street_id=None, region_id=2, opened_on=date(2018, 6, 29)),
        ])
        session.flush()
        session.add_all([
            Building(id=1, code="B1", name="高楼", kind="tower", floors=32, region_id=3, district_id=2, street_id=3,
                     lon=114.16, lat=22.62),
            Building(id=2, code="B2", name="矮楼", kind="tower", floors=12, region_id=3, district_id=2, street_id=3,
                     lon=114.16, lat=22.62),
            Building(id=3, code="B3", name="玉岭花园", kind="residential", floors=33, region_id=4, district_id=2,
                     street_id=3, lon=114.18, lat=22.64),
            Building(id=4, code="B4", name="产业园", kind="park", floors=6, region_id=3, district_id=2, street_id=3,
                     lon=114.16, lat=22.62),
        ])
        session.commit()
        yield session


def test_centres_open_in_the_year_in_tier_order_with_their_problems(s):
    df = q.centres(s, scope=FULL, area=CITY, year=2023)
    assert df["code"].tolist() == ["C6", "C1", "C2", "C5", "C3"]  # C4 opened in 2024; no date counts as open
    problems = dict(zip(df["code"], df["problem"], strict=True))
    assert problems["C2"] == q.MISSING and problems["C3"] == q.OUTSIDE
    assert problems["C1"] is None or problems["C1"] != problems["C1"]  # NULL/NaN: can be placed
    row = df.set_index("code").loc["C1"]
    assert (row.district, row.street, row.org_code, row.org_name) == ("龙岗区", "南湾街道", "P440307005", "南湾街道党工委")
    assert bool(row.open_24h) is True
    assert df.set_index("code").loc["C3", "host"] == "某园区"  # hosted tiers: the building named in the centre
    assert df.set_index("code").loc["C1", "host"] == "南湾街道"
    assert "C4" in q.centres(s, scope=FULL, area=CITY, year=2024)["code"].tolist()


def test_centres_by_area_and_tier(s):
    assert q.centres(s, scope=FULL, area=Area(2, 3), year=2025, tiers=("community",))["code"].tolist() == ["C2", "C5"]
    assert q.centres(s, scope=FULL, area=Area(6, None), year=2025).empty
    assert q.centres(s, scope=FULL, area=CITY, year=2025, tiers=()).empty


def test_tier_counts_list_every_tier(s):
    df = q.tier_counts(s, scope=FULL, area=Area(2, None), year=2025).set_index("tier")
    assert df.index.tolist() == ["city", "district", "street", "community", "park", "market", "tower"]
    assert df.loc["community"].tolist() == [2, 0, 1]  # centres, open_24h, unlocated
    assert df.loc["street", "open_24h"] == 1 and df.loc["park", "unlocated"] == 1 and df.loc["city", "centres"] == 0


def test_area_facts(s):
    assert q.area_facts(s, scope=FULL, area=CITY) == q.AreaFacts(1997.47, 17_000_000)
    assert q.area_facts(s, scope=FULL, area=Area(2, 3)) == q.AreaFacts(25.06, 520_000)
    assert q.area_facts(s, scope=FULL, area=Area(2, 5)) == q.AreaFacts(None, None)


def test_reach_targets_are_communities_high_towers_and_compounds(s):
    df = q.reach_targets(s, scope=FULL, area=CITY)
    assert list(zip(df["kind"], df["name"], strict=True)) == [
        ("community", "南岭村社区"), ("tower", "高楼"), ("residential", "玉岭花园")
    ]
    assert df["street"].unique().tolist() == ["南湾街道"]
    assert q.reach_targets(s, scope=FULL, area=Area(6, None)).empty


def test_reach_targets_of_communities_only_are_the_community_rows_of_all_targets(s):
    every = q.reach_targets(s, scope=FULL, area=CITY)
    seats = q.reach_targets(s, scope=FULL, area=CITY, communities_only=True)
    expected = every[every["kind"] == "community"].reset_index(drop=True)
    pd.testing.assert_frame_equal(seats[list(expected.columns)], expected, check_dtype=False)
    assert list(seats["kind"].unique()) == ["community"]


def test_reach_targets_name_each_place_s_district_and_street_and_leave_out_a_building_without_one(s):
    s.add_all([Building(id=5, code="B5", name="布吉大厦", kind="tower", floors=40, region_id=5, district_id=2,
                        street_id=5, lon=114.12, lat=22.60),
               Building(id=6, code="B6", name="无街道大厦", kind="tower", floors=40, region_id=2, district_id=2,
                        street_id=None, lon=114.12, lat=22.61)])
    s.commit()
    df = q.reach_targets(s, scope=FULL, area=CITY)
    rows = {name: (d, st, did, sid) for name, d, st, did, sid in
            zip(df["name"], df["district"], df["street"], df["district_id"], df["street_id"], strict=True)}
    assert rows["布吉大厦"] == ("龙岗区", "布吉街道", 2, 5)
    assert rows["高楼"] == ("龙岗区", "南湾街道", 2, 3)
    assert "无街道大厦" not in rows  # no street to count it in
    assert list(df["kind"]) == ["community", "tower", "tower", "residential"]


def test_region_names(s):
    assert q.region_names(s, scope=FULL, level="street", area=CITY) == ["南湾街道", "布吉街道"]
    assert q.region_names(s, scope=FULL, level="street", area=Area(2, 3)) == ["南湾街道"]
    assert q.region_names(s, scope=FULL, level="district", area=CITY) == ["龙岗区", "罗湖区"]


def test_demo_store_has_1050_centres_and_lists_the_unlocated(demo_db):
    with Session(make_engine(demo_db)) as session:
        df = q.centres(session, scope=FULL, area=CITY, year=2025)
        targets = q.reach_targets(session, scope=FULL, area=CITY)
    assert len(df) == 1050
    assert (df["problem"] == q.MISSING).sum() == 2
    assert set(df.loc[df["problem"] == q.MISSING, "tier"]) == {"community"}
    assert set(targets["kind"]) == {"community", "tower", "residential"}


def test_located_points_are_the_centres_that_can_be_placed(s):
    df = q.located_points(s, scope=FULL, year=2023)
    assert df["name"].tolist() == ["南湾街道党群服务中心", "无日期社区党群服务中心", "龙岗区党群服务中心"]
    assert q.located_points(s, scope=FULL, year=2025, tiers=("tower",))["name"].tolist() == ["新楼宇党群服务中心"]
