"""A merge import that touches few rows updates the derived tables row by row (models/rollup_delta.py):
afterwards every rollup, subtree sum and nearest centre equals a rebuild from scratch, the freshness
stamps say so, and no full rebuild ran."""

from __future__ import annotations

import pandas as pd
import pytest

from models import org_rollup, rollup_delta, rollups
from tests.data.importing_support import store  # noqa: F401 - fixture
from tests.models.rollup_checks import assert_derived_match, differences, exported, merge


@pytest.fixture()
def no_rebuild(monkeypatch):
    """Fail the test if the import falls back to a full rebuild."""
    def refuse(conn):
        raise AssertionError("full rebuild in a small merge import")

    monkeypatch.setattr(rollups, "rebuild", refuse)
    monkeypatch.setattr(org_rollup, "rebuild", refuse)


def _one(store, sql: str, *params):
    return store.query(sql, *params)[0]


def _moved_orgs(store):
    """Three edits of the organisation register: a rated grid branch moved to a grid of another street
    and district (and under that grid's community committee), a committee's members changed, a new branch."""
    df = exported(store.engine(), "orgs")
    code, street = _one(store, "SELECT o.code, o.street_id FROM partyorg o WHERE o.level = 'grid' AND "
                               "EXISTS (SELECT 1 FROM rating r WHERE r.org_id = o.id) ORDER BY o.id LIMIT 1")
    grid, parent = _one(store, "SELECT g.code, p.code FROM region g JOIN region c ON c.id = g.parent_id "
                               "JOIN partyorg p ON p.region_id = c.id AND p.level = 'community' "
                               "WHERE g.level = 'grid' AND g.district_id <> (SELECT district_id FROM region "
                               "WHERE id = ?) ORDER BY g.id LIMIT 1", street)
    moved = df.index[df["编码"] == code][0]
    df.loc[moved, ["所在区域编码", "上级组织编码"]] = [grid, parent]
    grown = df.index[df["层级"] == "社区党委"][3]
    df.loc[grown, "党员数"] = int(df.loc[grown, "党员数"]) + 7
    new = df.loc[[moved]].copy()
    new["编码"], new["名称"] = "P440303001001G99", "示例新网格党支部"
    return code, pd.concat([df.loc[[moved, grown]], new])


def test_orgs_moved_changed_and_added(store, no_rebuild):
    code, rows = _moved_orgs(store)
    before = _one(store, "SELECT street_id FROM partyorg WHERE code = ?", code)
    engine = merge(store, "orgs", rows)
    assert _one(store, "SELECT street_id FROM partyorg WHERE code = ?", code) != before
    assert store.count("partyorg", "code = 'P440303001001G99'") == 1
    assert_derived_match(engine)
    engine.dispose()


def test_ratings_changed_and_added(store, no_rebuild):
    df = exported(store.engine(), "ratings").drop(columns=["综合得分", "等级"])
    changed = df.index[(df["年度"] == df["年度"].max()) & (df["区委常委会评分"] < 80)][:3]
    df.loc[changed, ["区委常委会评分", "组织部部务会评分", "社会考评组评分"]] = [98.0, 97.0, 99.0]  # now A
    first = df.index[df["年度"] == df["年度"].min()][0]  # a year before its first: a new transition
    added = df.loc[[first]].copy()
    added["年度"] = int(df["年度"].min()) - 1
    engine = merge(store, "ratings", pd.concat([df.loc[changed], added]))
    assert store.count("rating", f"year = {int(added['年度'].iloc[0])}") == 1
    assert_derived_match(engine)
    engine.dispose()


def test_buildings_moved_recovered_and_added(store, no_rebuild):
    df = exported(store.engine(), "buildings")
    far = df.index[df["所在区域编码"].str.startswith("440307")][0]  # a 龙岗区 building, moved to 罗湖区
    df.loc[far, ["所在区域编码", "经度", "纬度", "覆盖党组织编码"]] = ["440303003", 114.12391, 22.54716,
                                                                 "P440303-T001"]
    bare = df.index[df["覆盖党组织编码"].isna() | (df["覆盖党组织编码"] == "")][0]
    df.loc[bare, ["覆盖党组织编码", "覆盖起始年份"]] = ["P440303-T001", 2025]  # now covered
    new = df.loc[[far]].copy()
    new["编码"], new["名称"], new["楼层数"], new["纬度"] = "B440303-T955", "示例新大厦", 40, 22.55
    engine = merge(store, "buildings", pd.concat([df.loc[[far, bare]], new]))
    assert_derived_match(engine)
    engine.dispose()


def test_centres_moved_rehomed_and_added(store, no_rebuild):
    df = exported(store.engine(), "centres")
    lon, lat = _one(store, "SELECT lon, lat FROM building WHERE district_id = (SELECT id FROM region "
                           "WHERE code = '440307') ORDER BY id LIMIT 1")
    moved = df.index[df["层级"] != "市级"][5]  # onto a 龙岗区 building: its new nearest
    df.loc[moved, ["经度", "纬度"]] = [round(lon, 5), round(lat, 5)]
    rehomed = df.index[df["层级"] != "市级"][8]
    df.loc[rehomed, "所属党组织编码"] = "P440303"
    new = df.loc[[rehomed]].copy()
    new["编码"], new["经度"], new["纬度"] = "C440303-X901", 114.12391, 22.54716
    engine = merge(store, "centres", pd.concat([df.loc[[moved, rehomed]], new]))
    assert _one(store, "SELECT COUNT(*) FROM buildingnearest n JOIN servicecenter c ON c.id = n.centre_id "
                       "WHERE c.code = 'C440303-X901'")[0] > 0
    assert_derived_match(engine)
    engine.dispose()


def test_skipping_the_old_place_of_a_moved_org_is_caught(store, monkeypatch):
    """The check above can fail: an update that forgets what the touched rows counted before (so the
    moved branch's grades stay at its old street too) leaves rollups that differ from a rebuild."""
    real = rollup_delta.Change.begin.__func__

    def forgetful(cls, conn, kind, codes):
        change = real(cls, conn, kind, codes)
        change.old = {name: {} for name in change.old}
        return change

    monkeypatch.setattr(rollup_delta.Change, "begin", classmethod(forgetful))
    _, rows = _moved_orgs(store)
    engine = merge(store, "orgs", rows.iloc[:1])
    wrong = differences(engine)
    assert {"graderollup", "transitionrollup", "orgfactrollup"} <= set(wrong)
    engine.dispose()


def test_a_merge_on_stale_rollups_rebuilds_them_in_full(store):
    """Deltas on rollups that were already wrong would stay wrong: the import rebuilds instead."""
    with store.engine().begin() as conn:
        conn.exec_driver_sql("UPDATE rating SET score_committee = 20, score_department = 20, score_social = 20, "
                             "composite = 20, grade = 'D' WHERE id = (SELECT MAX(id) FROM rating WHERE grade = 'A')")
        assert not rollups.is_fresh(conn, thorough=True)  # a write that forgot the rollups
    df = exported(store.engine(), "ratings").drop(columns=["综合得分", "等级"])
    df.loc[df.index[:1], "社会考评组评分"] = 100.0
    engine = merge(store, "ratings", df.iloc[:1])
    assert_derived_match(engine)
    engine.dispose()


def test_a_large_share_falls_back_to_the_full_rebuild(store, monkeypatch):
    monkeypatch.setattr(rollup_delta, "SHARE", 0.0001)
    calls = []
    real = rollups.rebuild
    monkeypatch.setattr(rollups, "rebuild", lambda conn: calls.append(1) or real(conn))
    df = exported(store.engine(), "buildings")
    df.loc[df.index[:5], "党员数"] = 1
    engine = merge(store, "buildings", df.iloc[:5])
    assert calls == [1]
    assert_derived_match(engine)
    engine.dispose()
