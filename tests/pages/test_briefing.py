"""AppTest of the written briefing on 总览 and 大屏模式, the chart PNG buttons, and the briefing's figures
checked against the figures the page itself shows for the same area and year."""

from __future__ import annotations

import io
import re

import pytest
from docx import Document as Docx
from docx.shared import Mm
from pypdf import PdfReader


def plain(m) -> str:
    """A card's figure without its unit; a count shown in 万 read exactly from the card's help."""
    token = m.value.split()[0]
    return m.help.split()[0] if "万" in token and m.help else token


HEADLINES = ("党群服务中心", "基层党组织", "党员", "商务楼宇覆盖率", "A 级党组织占比")


def flat(text: str) -> str:
    return re.sub(r"[\s\x00]+", "", text)


def prepared(at, key: str):
    at.button(key=f"{key}.written_prepare").click()
    at = at.run()
    assert not at.exception, at.exception
    return at, at.session_state[f"{key}.written"][1]


def test_overview_briefing_as_word_pdf_and_text_with_the_pages_figures(app):
    app.query_params["district"] = "罗湖区"
    at = app.run()
    assert not at.exception, at.exception
    shown = {m.label: m for m in at.metric}
    assert not [b for b in at.get("download_button") if b.proto.label.startswith("下载简报")]  # not built before asked
    png_buttons = [b for b in at.get("download_button") if b.proto.label == "下载图表（PNG）"]
    assert len(png_buttons) == 3  # tiers, categories, ranking
    at, files = prepared(at, "overview")
    labels = [b.proto.label for b in at.get("download_button")]
    assert {"下载简报（Word）", "下载简报（PDF）", "下载简报（文本）"} <= set(labels)

    word = Docx(io.BytesIO(files.docx))
    assert abs(word.sections[0].page_width - Mm(210)) < Mm(1)
    assert abs(word.sections[0].page_height - Mm(297)) < Mm(1)
    assert [p.text for p in word.paragraphs if p.style.name == "Heading 1"][:6] == [
        "一、总体情况", "二、阵地建设", "三、楼宇党建", "四、组织质量", "五、比较分析", "六、问题清单"]
    docx_text = "\n".join(p.text for p in word.paragraphs)
    assert word.paragraphs[0].text == "罗湖区基层党建工作简报（2025年）"
    assert "示例数据" in docx_text
    assert len(word.inline_shapes) == len(files.document.figures) >= 4  # the charts, as images

    pdf = PdfReader(io.BytesIO(files.pdf))
    assert all(round(float(p.mediabox.width)) == 595 and round(float(p.mediabox.height)) == 842 for p in pdf.pages)
    pdf_text = flat("".join(p.extract_text() for p in pdf.pages))
    assert flat(files.document.title) in pdf_text and "示例数据" in pdf_text
    markdown = files.markdown.decode("utf-8")

    # Every headline figure of the page, as the page shows it, is in each form of the briefing.
    for label in HEADLINES:
        value = plain(shown[label])
        for text in (docx_text, pdf_text, markdown):
            assert value in text, (label, value)
    tower_delta = shown["商务楼宇覆盖率"].delta  # "+0.0 个百分点" -> 与上年持平
    if tower_delta == "持平":
        assert "覆盖率100.0%，与上年持平" in docx_text


def test_briefing_figures_equal_the_loaders_and_rules_of_each_page(demo_db, monkeypatch):
    """The tower counts of 楼宇覆盖, the grade figures of 支部评级 and the gap list of 阵地地图, same area and year."""
    import streamlit as st

    monkeypatch.setenv("DATABASE_URL", demo_db)
    st.cache_data.clear()
    st.cache_resource.clear()
    from components import loaders
    from components.loaders import buildings as bl, centres as cl, overview as ol, present as pl, ratings as rl
    from data.briefing import build, fmt_int, fmt_pct
    from models.access import FULL
    from models.coverage import DEFAULT_RADIUS_M
    from models.rules import TOWER_MIN_FLOORS
    from models.vocab import CENTRE_TIERS

    area = loaders.resolve_area("罗湖区", "南湖街道").area
    w = pl.written(FULL, area, 2025, label="南湖街道", parent="罗湖区")
    towers = bl.coverage(FULL, area, 2025, "tower", TOWER_MIN_FLOORS).summary
    kpis = rl.summary(FULL, area, 2025, None).kpis
    gaps = cl.gaps(FULL, area, 2025, CENTRE_TIERS, DEFAULT_RADIUS_M)
    o = ol.overview_data(FULL, area, 2025)
    f = w.facts
    assert (f.towers, f.towers_covered) == (towers.buildings, towers.covered)
    assert f.tower_rate.now == pytest.approx(towers.covered / towers.buildings)  # 总览 and 楼宇覆盖 agree
    assert (f.graded, f.d_count, f.weak_open) == (kpis.graded.now, kpis.d_count.now, kpis.weak_open.now)
    assert f.a_share.now == pytest.approx(kpis.a_share.now)
    assert f.out_of_reach == int((gaps["kind"] == "community").sum())
    assert f.centres.now == int(o.centres["now"].sum()) and f.members == o.members
    text = build(f, "zh", generated="x").text()
    assert f"20层以上商务楼宇{fmt_int(towers.buildings)}栋" in text
    assert f"A级占比{fmt_pct(kpis.a_share.now)}" in text
    assert "在罗湖区的10个街道中，南湖街道A级党组织占比" in text


def test_a_street_without_towers_or_grades(demo_db, monkeypatch):
    import streamlit as st

    monkeypatch.setenv("DATABASE_URL", demo_db)
    st.cache_data.clear()
    from components import loaders
    from components.loaders import present as pl
    from data.briefing import build
    from models.access import FULL

    area = loaders.resolve_area("大鹏新区", "大鹏街道").area
    first = min(loaders.rating_years())
    w = pl.written(FULL, area, first - 1, label="大鹏街道", parent="大鹏新区")  # a year before any grades
    assert w.facts.towers == 0 and w.facts.graded == 0
    text = build(w.facts, "zh", generated="x").text()
    assert "本街道暂无20层以上商务楼宇。" in text
    assert f"本街道暂无{first - 1}年党组织评级数据。" in text
    assert "%" not in text and "nan" not in text.lower()


def test_present_offers_the_written_briefing_in_english(app):
    app.query_params.update({"present": "1", "district": "罗湖区", "street": "南湖街道", "lang": "en"})
    at = app.run()
    assert not at.exception, at.exception
    assert "present.written_prepare" in [b.key for b in at.button]
    at, files = prepared(at, "present")
    doc = files.document
    assert doc.lang == "en" and doc.title == "南湖街道: grassroots Party building briefing, 2025"
    assert doc.sections[0].heading == "1. Overall"
    labels = [b.proto.label for b in at.get("download_button")]
    assert {"Download briefing (Word)", "Download briefing (PDF)", "Download briefing (text)"} <= set(labels)
    assert Docx(io.BytesIO(files.docx)).paragraphs[0].text == doc.title
