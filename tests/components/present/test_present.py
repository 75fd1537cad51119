"""大屏模式 builders: the big-screen restyling of the real charts, and the one-page briefing export."""

from __future__ import annotations

import io
import re

import pandas as pd
import pytest

from components.present import briefing, deck as present
from components.ratings import charts as rating_charts
from components.ui import charts
from components.ui.cards import Metric

TIERS = pd.DataFrame({"tier": ["city", "district", "street", "community"], "now": [1, 10, 74, 600]})
GRADES = pd.DataFrame({
    "name": ["甲街道"] * 4 + ["乙街道"] * 4, "grade": list("ABCD") * 2,
    "n": [5, 10, 3, 2, 1, 4, 4, 1], "total": [20] * 4 + [10] * 4,
    "share": [0.25, 0.5, 0.15, 0.1, 0.1, 0.4, 0.4, 0.1],
})
MOVES = pd.DataFrame([(p, g, n) for (p, g), n in zip([(a, b) for a in "ABCD" for b in "ABCD"], range(16), strict=True)],
                     columns=["prev_grade", "grade", "n"])


def _text_sizes(spec: dict) -> list[float]:
    return [layer["mark"]["fontSize"] for layer in spec.get("layer", [])
            if isinstance(layer.get("mark"), dict) and layer["mark"].get("type") == "text"]


def test_big_screen_sets_room_readable_labels_on_a_dark_transparent_chart():
    spec = present.big_screen(charts.tier_bars(TIERS), height=600).to_dict()
    axis, legend = spec["config"]["axis"], spec["config"]["legend"]
    assert axis["labelFontSize"] >= 20 and axis["titleFontSize"] >= 20
    assert legend["labelFontSize"] >= 20
    assert spec["config"]["background"] == "transparent"
    assert axis["labelColor"] == present.TEXT  # light labels on the dark page
    assert spec["height"] == 600


def test_big_screen_raises_text_drawn_inside_bars_and_leaves_the_original_alone():
    original = rating_charts.grade_bars(GRADES, row="name", row_title="街道")
    before = _text_sizes(original.to_dict())
    assert before and max(before) < 20  # the desk page draws 11 px percentages
    big = present.big_screen(original, height=500).to_dict()
    assert _text_sizes(big) and min(_text_sizes(big)) >= 20
    assert _text_sizes(original.to_dict()) == before  # a copy: the ratings page's chart is unchanged


def test_big_screen_view_fill_lights_only_the_plot_area():
    spec = present.big_screen(rating_charts.transition_matrix(MOVES), height=400, view_fill="#f4f6fa").to_dict()
    assert spec["config"]["view"]["fill"] == "#f4f6fa"
    assert spec["config"]["background"] == "transparent"


def _page(n_parts: int) -> dict:
    centres = pd.DataFrame({"lon": [114.12, 114.13], "lat": [22.55, 22.56], "tier": ["district", "community"]})
    parts = [("层级", charts.tier_bars(TIERS)), ("等级", rating_charts.grade_bars(GRADES, row="name", row_title="街道")),
             ("变化", rating_charts.transition_matrix(MOVES))][:n_parts]
    return briefing.compose(
        title="罗湖区 基层党建简报 · 2025 年", subtitle="数据截至 2025-12-31", demo="示例数据",
        metrics=[Metric("党群服务中心", "139", "+3"), Metric("A 级党组织占比", "24.3%")],
        map_chart=briefing.outline_map(centres, district="罗湖区", title="中心分布"), parts=parts,
    ).to_dict()


def test_briefing_page_has_the_map_and_every_part_and_only_the_selected_district():
    spec = _page(3)
    assert briefing.part_count(spec) == 4  # map + 3 charts
    text = str(spec)
    assert "示例数据" in text and "罗湖区 基层党建简报" in text
    outlines = [d for d in spec["vconcat"][2]["hconcat"][0]["layer"][0]["data"]["values"]]
    assert [f["properties"]["name"] for f in outlines] == ["罗湖区"]
    assert briefing.part_count(_page(1)) == 2


@pytest.mark.slow  # renders the briefing PNG and PDF
def test_briefing_exports_one_page_png_and_pdf():
    from PIL import Image

    spec = _page(3)
    png = briefing.export(spec, "png")
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    image = Image.open(io.BytesIO(png))
    assert image.width >= 2 * briefing.PAGE_W  # 2x, sharp enough to print
    pdf = briefing.export(spec, "pdf")
    assert pdf.startswith(b"%PDF")
    assert len(re.findall(rb"/Type\s*/Page(?!s)", pdf)) == 1
