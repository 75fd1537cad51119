"""大屏模式 builders: the big-screen restyling of the real charts, and the one-page briefing export."""

from __future__ import annotations

import io
import re

import pandas as pd
import pytest

from components.loaders.centres import StreetArea
from components.loaders.present import Problem, Ticker
from components.present import briefing, look, stage
from components.present import map as slide_map
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


def _text_sizes(spec: dict) -> list:
    return [layer["mark"]["fontSize"] for layer in spec.get("layer", [])
            if isinstance(layer.get("mark"), dict) and layer["mark"].get("type") == "text"]


def test_big_screen_sizes_every_text_in_screen_units_on_a_dark_transparent_chart():
    spec = look.big_screen(charts.tier_bars(TIERS)).to_dict()
    axis, legend = spec["config"]["axis"], spec["config"]["legend"]
    # one unit: the window's 16:9 box width / 100 (19.2 px at 1920x1080), the same unit as the page's CSS
    assert axis["labelFontSize"] == {"expr": f"0.95 * {look.U}"}
    assert legend["labelFontSize"] == {"expr": f"1.0 * {look.U}"}  # legend labels >= 18 px at 1080p
    assert spec["config"]["background"] == "transparent"
    assert axis["labelColor"] == look.TEXT  # light labels on the dark page
    assert spec["height"] == "container"  # as tall as the slide's box


def test_the_unit_expression_gives_the_sizes_the_css_uses():
    def unit(w: int, h: int) -> float:  # the Vega expression evaluated in Python
        expr = look.U.replace("windowSize()[0]", str(w)).replace("windowSize()[1]", str(h))
        return eval(expr, {"max": max, "min": min})  # noqa: S307 - our own constant
    assert unit(1920, 1080) == 19.2
    assert round(unit(1366, 768), 2) == 13.65  # 768 px high: the height decides
    assert unit(3840, 2160) == 38.4
    assert unit(390, 844) == 12  # a phone: never below 12 px


def test_big_screen_raises_text_drawn_inside_bars_and_leaves_the_original_alone():
    original = rating_charts.grade_bars(GRADES, row="name", row_title="街道")
    before = _text_sizes(original.to_dict())
    assert before and max(before) < 20  # the desk page draws 11 px percentages
    big = look.big_screen(original).to_dict()
    assert _text_sizes(big) == [{"expr": f"0.95 * {look.U}"}]
    assert _text_sizes(original.to_dict()) == before  # a copy: the ratings page's chart is unchanged


def _axis(spec: dict, channel: str) -> dict:
    for part in [spec, *spec.get("layer", [])]:
        enc = part.get("encoding", {}).get(channel)
        if enc and enc.get("axis"):
            return enc["axis"]
    return {}


def test_count_axes_get_whole_number_ticks_and_share_axes_keep_percent():
    tiers = look.big_screen(charts.tier_bars(TIERS)).to_dict()
    assert _axis(tiers, "x")["tickMinStep"] == 1 and _axis(tiers, "x")["format"] == ",d"
    towers = pd.DataFrame({"name": ["甲街道", "乙街道"], "rate": [1.0, 0.5], "buildings": [1, 2], "covered": [1, 1],
                           "uncovered": [0, 1], "firms_covered": [3, 4], "members_covered": [5, 6]})
    from components.buildings import views as building_views
    big = look.big_screen(building_views.comparison_chart(towers)).to_dict()
    assert _axis(big, "x")["tickMinStep"] == 1  # 楼宇数: 0, 1, 2 (never 0.4, 0.8)
    share = look.big_screen(charts.share_bars(pd.DataFrame({"name": ["甲"], "a_share": [0.3]}), value="a_share",
                                              title="A")).to_dict()
    assert _axis(share, "x")["format"] in ("%", ".0%") and "tickMinStep" not in _axis(share, "x")
    grades = look.big_screen(rating_charts.grade_bars(GRADES, row="name", row_title="")).to_dict()
    assert _axis(grades, "x")["format"] == "%"  # a share drawn by one layer, positioned by another
    assert _axis(grades, "y")["labelLimit"] == {"expr": f"16 * {look.U}"}  # names are not cut at 4K


def test_big_screen_view_fill_lights_only_the_plot_area():
    spec = look.big_screen(rating_charts.transition_matrix(MOVES), view_fill="#f4f6fa").to_dict()
    assert spec["config"]["view"]["fill"] == "#f4f6fa"
    assert spec["config"]["background"] == "transparent"


CENTRES = pd.DataFrame({"lon": [114.12, 114.13, 114.14], "lat": [22.55, 22.56, 22.57], "name": ["甲", "乙", "丙"],
                        "tier": ["district", "community", "community"]})


def test_map_slide_draws_the_district_outline_clockwise_and_the_centres_by_tier():
    spec = slide_map.build(CENTRES, district="罗湖区", street=None).to_dict()
    land, dots = spec["layer"][0], spec["layer"][-1]
    names = [f["properties"]["name"] for f in land["data"]["values"]]
    assert names == ["罗湖区"]  # only the selected district
    assert land["mark"]["stroke"] == slide_map.COAST and land["mark"]["fill"] == slide_map.LAND  # light on dark
    ring = land["data"]["values"][0]["geometry"]["coordinates"][0][0]
    area2 = sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in zip(ring, ring[1:]))
    assert area2 < 0  # clockwise: d3-geo would otherwise fill the whole globe
    assert dots["encoding"]["color"]["scale"]["domain"] == ["区级", "社区"]
    city = slide_map.build(CENTRES, district=None, street=None).to_dict()
    assert len(city["layer"][0]["data"]["values"]) == 10  # every district of the city


def test_map_slide_draws_illustrative_street_areas_dashed_and_imported_ones_solid():
    square = {"type": "Polygon", "coordinates": [[[114.1, 22.5], [114.2, 22.5], [114.2, 22.6], [114.1, 22.6], [114.1, 22.5]]]}
    cells = (StreetArea(1, "甲街道", square, False),)
    spec = slide_map.build(CENTRES, district="罗湖区", street="甲街道", streets=cells).to_dict()
    assert spec["layer"][1]["mark"]["strokeDash"] == [6, 4]
    assert spec["layer"][2]["mark"]["stroke"] == slide_map.CHOSEN  # the selected street stands out
    official = slide_map.build(CENTRES, district="罗湖区", street=None,
                               streets=(StreetArea(1, "甲街道", square, True),)).to_dict()
    assert official["layer"][1]["mark"]["strokeDash"] == []


def test_ticker_words_each_problem_as_the_briefing_does_then_names_the_top_items():
    from datetime import date

    from components.loaders.alerts import Today, TopItem, TopItems

    top = TopItems(today=Today(date(2025, 12, 31), "as_of"), counts=(("red", 2), ("amber", 1), ("green", 4)), items=(
        TopItem("term", "red", date(2025, 6, 30), "某社区党委", "./orgs?org=P1", "罗湖区", "东门街道"),
        TopItem("tower", "red", None, "某大厦", "./buildings?building=B1", "罗湖区", "东门街道"),
        TopItem("vacancy", "amber", date(2026, 2, 1), "某支部", "./orgs?org=P2", "罗湖区", "东门街道")))
    feed = Ticker((Problem("uncovered", 0, "buildings"), Problem("reach", 3, "centres"), Problem("weak", None, "ratings"),
                   Problem("d", 12, "ratings")), top)
    items = stage.ticker_items(feed)
    assert items == [("尚未覆盖的20层以上商务楼宇", "无", False), ("1,000米内没有党群服务中心的社区", "3个", True),
                     ("正在整顿的软弱涣散党组织", "暂无数据", False), ("D级党组织", "12个", True),
                     ("问题清单：红色预警 2 项，黄色预警 1 项", "", True),
                     ("【红】换届提醒：某社区党委，2025-06-30 已到期", "", True),
                     ("【红】楼宇未建党组织：某大厦", "", True),
                     ("【黄】书记空缺：某支部，2026-02-01 到期", "", False)]
    assert top.items[0].target() == ("orgs", {"org": "P1"})
    assert stage.ticker_items(Ticker(feed.problems))[-1] == ("D级党组织", "12个", True)  # no list: counts only


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


def test_esc_leads_back_to_the_page_of_the_url_path_one_came_from():
    from components.present import deck
    assert deck.origin_page("centres") == "pages/centres.py"
    assert deck.origin_page("data") == "pages/data_admin.py"
    assert deck.origin_page("home") == deck.origin_page("") == "pages/overview.py"
    assert deck.origin_page("../app") == deck.origin_page("nowhere") == "pages/overview.py"


def _chained_big_screen(chart, *, view_fill=None):
    """big_screen as it was written before it set the config on its one copy (a configure_* chain, each
    call a deep copy): the reference the faster one must equal, key for key."""
    import altair as alt

    out = chart.copy(deep=True)
    for layer in getattr(out, "layer", None) or []:
        mark = layer.mark
        if not isinstance(mark, str) and getattr(mark, "type", None) == "text":
            mark.fontSize = look.u(0.95)
    look._count_axes(out)
    look._label_limits(out)
    if not isinstance(out, alt.FacetChart):
        out = out.properties(height="container")
    u, TEXT, MUTED, GRID = look.u, look.TEXT, look.MUTED, look.GRID
    return (
        out.configure(background="transparent", font="Noto Sans CJK SC, sans-serif", autosize={"type": "fit", "contains": "padding"})
        .configure_axis(labelFontSize=u(0.95), titleFontSize=u(0.95), labelColor=TEXT, titleColor=MUTED,
                        gridColor=GRID, domainColor=MUTED, tickColor=MUTED, labelLimit=u(16), labelOverlap=True,
                        labelPadding=u(0.3), titlePadding=u(0.5))
        .configure_legend(labelFontSize=u(1.0), titleFontSize=u(1.0), labelColor=TEXT, titleColor=MUTED,
                          symbolSize=u(14), labelLimit=u(16))
        .configure_header(labelFontSize=u(0.95), titleFontSize=u(1.0), labelColor=TEXT, titleColor=MUTED)
        .configure_title(fontSize=u(1.2), color=TEXT)
        .configure_text(fontSize=u(0.95), color=TEXT)
        .configure_view(stroke=None, fill=view_fill)
    )


def test_big_screen_equals_the_configure_chain_it_replaced_for_the_slide_charts():
    from components.buildings import views as building_views

    towers = pd.DataFrame({"name": ["甲街道", "乙街道"], "rate": [1.0, 0.5], "buildings": [1, 2], "covered": [1, 1],
                           "uncovered": [0, 1], "firms_covered": [3, 4], "members_covered": [5, 6]})
    built = [(charts.tier_bars(TIERS), None), (building_views.comparison_chart(towers), None),
             (charts.share_bars(pd.DataFrame({"name": ["甲"], "a_share": [0.3]}), value="a_share", title="A"), None),
             (rating_charts.grade_bars(GRADES, row="name", row_title=""), None),
             (rating_charts.transition_matrix(MOVES), "#f4f6fa"),
             (slide_map.build(CENTRES, district="罗湖区", street=None), None)]
    for chart, fill in built:
        before = chart.to_dict()
        assert look.big_screen(chart, view_fill=fill).to_dict() == _chained_big_screen(chart, view_fill=fill).to_dict()
        assert chart.to_dict() == before  # the original is left alone
