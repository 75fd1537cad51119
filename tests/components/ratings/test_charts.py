"""Chart builders of the grades page: one fixed A-D palette, upgrades above the diagonal, top/bottom five."""

from __future__ import annotations

import pandas as pd
import pytest

from components.ratings import charts as rating_charts
from models import indicators
from models.vocab import GRADES


def _grade_scales(spec: dict) -> list[dict]:
    """Every colour scale in a spec whose domain is the grades."""
    found = []

    def walk(node):
        if isinstance(node, dict):
            scale = node.get("scale")
            if node.get("field") in ("grade", "band") and isinstance(scale, dict) and scale.get("domain") == list(GRADES):
                found.append(scale)
            for v in node.values():
                walk(v)
        elif isinstance(node, list):
            for v in node:
                walk(v)

    walk(spec)
    return found


def _data(spec: dict) -> list[dict]:
    return [row for rows in spec["datasets"].values() for row in rows]


@pytest.fixture()
def shares():
    rows = [("社区", g, n) for g, n in zip(GRADES, (30, 50, 15, 5), strict=True)]
    rows += [("两新组织", g, n) for g, n in zip(GRADES, (0, 8, 1, 1), strict=True)]
    df = pd.DataFrame(rows, columns=["name", "grade", "n"])
    df["total"] = df.groupby("name")["n"].transform("sum")
    df["share"] = df["n"] / df["total"]
    return df


def test_grade_bars_use_the_fixed_palette_in_a_to_d_order(shares):
    spec = rating_charts.grade_bars(shares, row="name", row_title="类别").to_dict()
    scales = _grade_scales(spec)
    assert scales and all(s["range"] == [rating_charts.GRADE_COLOURS[g] for g in GRADES] for s in scales)
    rows = {(r["row"], r["grade"]): r for r in _data(spec)}
    assert rows[("社区（100）", "A")]["x0"] == 0 and rows[("社区（100）", "B")]["x0"] == pytest.approx(0.3)
    assert rows[("社区（100）", "D")]["x1"] == pytest.approx(1.0)
    assert rows[("两新组织（10）", "B")]["pct"] == "80%" and rows[("两新组织（10）", "A")]["pct"] == ""  # no label on 0 %
    assert spec["layer"][0]["encoding"]["y"]["sort"] == ["社区（100）", "两新组织（10）"]  # frame order kept


def test_transition_matrix_puts_upgrades_above_the_diagonal():
    cells = pd.DataFrame([(p, g, 1 + i) for i, (p, g) in enumerate((p, g) for p in GRADES for g in GRADES)],
                         columns=["prev_grade", "grade", "n"])
    spec = rating_charts.transition_matrix(cells).to_dict()
    enc = spec["layer"][0]["encoding"]
    assert enc["x"]["field"] == "prev_grade" and enc["x"]["sort"] == list(GRADES)
    assert enc["y"]["field"] == "grade" and enc["y"]["sort"] == list(GRADES)
    for row in _data(spec):
        column, line = GRADES.index(row["prev_grade"]), GRADES.index(row["grade"])
        expected = "up" if column > line else "down" if column < line else "same"  # above the diagonal: column > row
        assert row["move"] == expected
    pick = spec["params"][0]
    assert pick["name"] == rating_charts.SEL_CELL and pick["select"]["fields"] == ["prev_grade", "grade"]


def test_ranking_marks_top_and_bottom_five():
    df = pd.DataFrame({"name": [f"街道{i:02d}" for i in range(12)], "a_share": [i / 20 for i in range(12)],
                       "mean_composite": [70 + i for i in range(12)], "graded": [10] * 12})
    rows = _data(rating_charts.ranking_bars(df, value="a_share", title="A", share=True).to_dict())
    bands = {r["name"]: r["band"] for r in rows}
    assert [n for n, b in bands.items() if b == "top"] == [f"街道{i:02d}" for i in (11, 10, 9, 8, 7)]
    assert sorted(n for n, b in bands.items() if b == "bottom") == [f"街道{i:02d}" for i in range(5)]
    few = _data(rating_charts.ranking_bars(df.head(3), value="a_share", title="A", share=True).to_dict())
    assert sorted(r["band"] for r in few) == ["bottom", "middle", "top"]


def test_composite_breakdown_adds_up_to_the_composite():
    spec = rating_charts.composite_breakdown({"score_committee": 90.0, "score_department": 80.0, "score_social": 70.0}).to_dict()
    parts = [r for r in _data(spec) if "value" in r]
    assert [r["value"] for r in parts] == pytest.approx([36.0, 32.0, 14.0])
    assert parts[-1]["x1"] == pytest.approx(82.0)
    assert sorted(r["v"] for r in _data(spec) if "v" in r) == [60.0, 70.0, 85.0]  # the band bounds


def test_indicator_frame_rolls_up_and_flags_the_weakest():
    scores = {c: 80.0 for c in indicators.LEAF_CODES} | {"5.2.1": 41.0, "5.2.2": 52.0, "1.1.1": 55.0}
    tree = rating_charts.indicator_frame(scores, "zh")
    assert tree.groupby("level").size().tolist() == [6, 22, 66]
    assert tree.set_index("code").loc["5.2", "score"] == pytest.approx(round((41 + 52 + 80) / 3, 1))
    assert tree.set_index("code").loc["5.2", "band"] == "D"
    assert tree["weakest"].sum() == 5 and tree.set_index("code").loc["5.2.1", "weakest"]
    leaves = rating_charts.indicator_bars(tree[tree["level"] == 3]).to_dict()
    flagged = sorted(r["code"] for r in _data(leaves) if r.get("flag"))
    assert flagged == sorted(indicators.weakest(scores))
    assert _grade_scales(leaves)
    firsts = rating_charts.indicator_bars(tree[tree["level"] == 1], selectable=True).to_dict()
    assert firsts["params"][0]["name"] == rating_charts.SEL_ASPECT
