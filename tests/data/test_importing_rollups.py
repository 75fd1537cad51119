"""How an import keeps the derived tables (models.rollup_delta for small merges, full rebuilds otherwise):
a failed merge leaves them as they were, imports of other kinds still rebuild, and merges one after
another stay equal to a rebuild from scratch (each trusts the stamp the one before wrote)."""

from __future__ import annotations

import pytest

from data.importing import apply
from models import rollups
from tests.data.importing_support import store  # noqa: F401 - fixture
from tests.models.rollup_checks import assert_derived_match, exported, merge


def test_a_merge_that_fails_after_the_update_leaves_the_store_as_it_was(store, monkeypatch):
    before = store.checksum()

    def fail(conn):
        raise RuntimeError("disk gone")  # after the derived tables were updated, before the commit

    monkeypatch.setattr(apply.writers, "sync_sequences", fail)
    df = exported(store.engine(), "buildings")
    df.loc[df.index[:3], "党员数"] = 999
    with pytest.raises(RuntimeError):
        merge(store, "buildings", df.iloc[:3])
    assert store.checksum() == before


def test_a_regions_merge_still_rebuilds_in_full(store, monkeypatch):
    calls = []
    real = rollups.rebuild
    monkeypatch.setattr(rollups, "rebuild", lambda conn: calls.append(1) or real(conn))
    df = exported(store.engine(), "regions")
    row = df.index[df["层级"] == "社区"][0] if "层级" in df else df.index[-1]
    df.loc[row, "名称"] = "示例更名社区"
    engine = merge(store, "regions", df.loc[[row]])
    assert calls == [1]
    assert_derived_match(engine)
    engine.dispose()


def test_merges_one_after_another_stay_equal_to_a_rebuild(store):
    for kind, column, value in (("buildings", "楼层数", 61), ("orgs", "党员数", 3), ("ratings", "社会考评组评分", 99.5),
                                ("buildings", "覆盖起始年份", 2021)):
        df = exported(store.engine(), kind)
        if kind == "ratings":
            df = df.drop(columns=["综合得分", "等级"])
        rows = df.iloc[100:104].copy()
        rows[column] = value
        engine = merge(store, kind, rows)
        assert_derived_match(engine)
        engine.dispose()
