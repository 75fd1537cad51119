"""Charts of 阵地地图: valid Vega-Lite, least reached first, before/after side by side."""

from __future__ import annotations

import pandas as pd

from components.centres import charts as centre_charts
from models import coverage

TABLE = coverage.by_region(
    ["community"] * 6 + ["tower"],
    ["甲街道", "甲街道", "乙街道", "乙街道", "丙街道", "丙街道", "甲街道"],
    [100, 5000, 100, 200, 5000, 6000, 100],
    radius_m=1000,
    names=["甲街道", "乙街道", "丙街道", "丁街道"],
)


def values(spec: dict) -> list[dict]:
    return next(iter(spec["datasets"].values()))


def test_reach_bars_is_valid_and_lists_least_reached_first():
    spec = centre_charts.reach_bars(TABLE, highlight="乙街道").to_dict()  # validates against the schema
    rows = values(spec)
    assert [r["name"] for r in rows] == ["丙街道", "甲街道", "乙街道"]  # 丁街道 has no communities: left out
    assert [r["share"] for r in rows] == [0.0, 0.5, 1.0]
    assert [r["hl"] for r in rows] == [False, False, True]
    assert spec["encoding"]["y"]["sort"] == {"field": "share", "order": "ascending"}


def test_reach_bars_can_show_towers_and_caps_long_lists():
    rows = values(centre_charts.reach_bars(TABLE, kind="tower").to_dict())
    assert [(r["name"], r["reached"], r["places"]) for r in rows] == [("甲街道", 1, 1)]
    assert len(values(centre_charts.reach_bars(TABLE, limit=2).to_dict())) == 2


def test_before_after_pairs_each_kind():
    before = pd.DataFrame({"kind": ["community", "tower", "residential"], "places": [10, 4, 0],
                           "reached": [6, 2, 0], "share": [0.6, 0.5, None]})
    after = before.assign(reached=[9, 3, 0], share=[0.9, 0.75, None])
    spec = centre_charts.before_after(before, after).to_dict()
    rows = values(spec)
    assert {(r["kind"], r["state"], r["share"]) for r in rows} == {
        ("community", "现状", 0.6), ("community", "新增中心后", 0.9), ("tower", "现状", 0.5), ("tower", "新增中心后", 0.75)
    }  # no residential compounds: no bar rather than a misleading 0 %
