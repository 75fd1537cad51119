"""Building-coverage views: the comparison chart, what the table shows and exports, metrics and grade texts."""

from __future__ import annotations

import io

import numpy as np
import pandas as pd

from components.buildings import views as v
from components.ui.charts import PARTY_RED
from data.exporting import csv_bytes
from models.queries.buildings import BuildingCard, Grade, Summary


def listing(**overrides) -> pd.DataFrame:
    rows = {
        "id": [1, 2, 3, 4],
        "code": ["B1", "B2", "B3", "B4"],
        "name": ["京基100大厦", "地王大厦", "文锦广场(东)", "小楼"],
        "kind": ["tower"] * 4,
        "floors": [100, 69, 32, 20],
        "firms": [160, 90, 40, 8],
        "members": [340, 200, 80, 12],
        "district": ["罗湖区"] * 4,
        "street": ["桂园街道", "桂园街道", "东门街道", "东门街道"],
        "lon": [114.108, 114.106, 114.126, np.nan],
        "lat": [22.541, 22.543, 22.547, np.nan],
        "covered": [True, True, False, False],
        "org_code": ["P1", "P2", None, None],
        "org_name": ["京基100大厦联合党委", "地王大厦联合党委", None, None],
        "org_kind": ["tower_joint", "tower_branch", None, None],
        "centre_code": ["C1", "C1", "C2", None],
        "centre_name": ["一中心", "一中心", "二中心", None],
        "centre_tier": ["tower", "tower", "street", None],
        "distance_m": [0.0, 250.4, 1800.0, np.nan],
    }
    rows.update(overrides)
    return pd.DataFrame(rows)


def test_search_is_literal_and_case_insensitive():
    df = listing(name=["Tower A", "tower b", "文锦广场(东)", "小楼"])
    assert v.shown(df, search="TOWER", only_gaps=False, radius_m=1000)["code"].tolist() == ["B1", "B2"]
    assert v.shown(df, search="(东", only_gaps=False, radius_m=1000)["code"].tolist() == ["B3"]  # not a regex
    assert v.shown(df, search="  ", only_gaps=False, radius_m=1000).shape[0] == 4


def test_gaps_are_beyond_the_radius_or_without_any_centre_and_come_uncovered_first():
    df = listing()
    gaps = v.shown(df, search="", only_gaps=True, radius_m=1000)
    assert gaps["code"].tolist() == ["B3", "B4"] and v.gaps(df, 1000) == 2
    assert v.gaps(df, 200) == 3
    everything = v.shown(df, search="", only_gaps=False, radius_m=1000)
    assert everything["code"].tolist() == ["B3", "B4", "B1", "B2"]  # uncovered first, then by firms


def test_table_labels_codes_and_links_covering_organisations():
    t = v.table(listing())
    assert t["kind"].tolist() == ["商务楼宇"] * 4
    assert t["status"].tolist() == ["已覆盖", "已覆盖", "未覆盖", "未覆盖"]
    assert t["org_type"].tolist() == ["楼宇联合党组织", "楼宇独立党支部", "", ""]
    assert t["org_link"].tolist() == ["./orgs?org=P1", "./orgs?org=P2", "", ""]
    assert t["org_name"][3] == "" and t["centre_name"][3] == ""  # shown empty, not as "None"
    assert t["distance_m"].tolist()[:3] == [0, 250, 1800] and pd.isna(t["distance_m"][3])


def test_export_has_the_shown_rows_and_columns_with_the_organisation_code():
    shown = v.table(v.shown(listing(), search="大厦", only_gaps=False, radius_m=1000))
    data = pd.read_csv(io.BytesIO(csv_bytes(v.export_frame(shown), v.table_columns())), encoding="utf-8-sig")
    assert list(data.columns) == list(v.table_columns().values())
    assert data["名称"].tolist() == ["京基100大厦", "地王大厦"]
    assert data["组织编号"].tolist() == ["P1", "P2"]
    assert data["距离（米）"].tolist() == [0, 250]


def test_comparison_chart_keeps_the_given_order_and_shows_rate_with_counts():
    df = pd.DataFrame({
        "name": ["罗湖区", "福田区", "盐田区"], "buildings": [41, 150, 0], "covered": [41, 120, 0],
        "uncovered": [0, 30, 0], "firms_covered": [2136, 900, 0], "members_covered": [6000, 5000, 0],
        "rate": [1.0, 0.8, np.nan],
    })
    spec = v.comparison_chart(df, highlight="福田区").to_dict()
    bars, text = spec["layer"]
    assert bars["encoding"]["y"]["sort"] == ["罗湖区", "福田区", "盐田区"]
    assert bars["encoding"]["color"]["scale"]["range"][0] == PARTY_RED
    labels = {r["name"]: r["rate_text"] for r in spec["datasets"][text["data"]["name"]]}
    assert labels == {"罗湖区": "100%（41/41）", "福田区": "80%（120/150）", "盐田区": "—"}
    highlighted = {r["name"] for r in spec["datasets"][bars["data"]["name"]] if r["hl"]}
    assert highlighted == {"福田区"}


def test_tower_metrics_count_joint_organisations_and_name_the_others():
    s = Summary(41, 40, 2200, 2136, 6100, 6000, {"tower_joint": 38, "tower_branch": 2})
    m = {x.label: x for x in v.metrics(s, "tower")}
    assert m["楼宇联合党组织"].value == "38" and "楼宇独立党支部 2" in m["楼宇联合党组织"].help
    assert m["未覆盖"].value == "1" and m["覆盖率"].value == "97.6%" and m["覆盖企业"].value == "2,136"
    parks = {x.label: x.value for x in v.metrics(Summary(5, 5, 600, 600, 279, 279, {"park_committee": 5}), "park")}
    assert parks["园区党委"] == "5"


def _card(grade: Grade) -> BuildingCard:
    return BuildingCard("B1", "园", "park", 6, 50, 30, "龙岗区", "南湾街道", 2018, "P1", "园党委", "park_committee",
                        "committee", 0, grade)


def test_grade_text_own_grade_branch_grades_or_none():
    assert v.grade_text(_card(Grade("A", 2025))) == "A 级（2025 年）"
    text = v.grade_text(_card(Grade(None, 2025, {"A": 2, "B": 3})))
    assert "不参加定级" in text and "A 2 · B 3" in text and "2025" in text
    assert v.grade_text(_card(Grade())) == "暂无定级"


def test_registry_names_shown_as_markdown_are_escaped():
    # a name with brackets, $…$ (math) or :red[…] would otherwise break the card's link or restyle it
    escaped = v.md("楼[A](x) $1$ :red[红] a_b")  # the shared escaper, components/ui/text.py
    assert escaped == r"楼\[A\]\(x\) \$1\$ \:red\[红\] a\_b"
    assert v.md(None) == ""
