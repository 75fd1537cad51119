"""The written briefing from figures handed in: wording, empty areas, and the Word / PDF / Markdown files."""

from __future__ import annotations

import io
import re

import pytest
from docx import Document as Docx
from docx.shared import Mm
from pypdf import PdfReader

from data.briefing import Facts, Figure, RegionFigures, build
from data.briefing import render
from models.queries.overview import Pair

REGIONS = (RegionFigures("黄贝街道", 0.283, 1.0, 5), RegionFigures("南湖街道", 0.269, 0.8, 10),
           RegionFigures("东门街道", 0.218, 0.5, 4), RegionFigures("东晓街道", 0.219, None, 0))
LUOHU = Facts(area="罗湖区", level="district", parent=None, year=2025, as_of="2025-12-31", demo=True,
              centres=Pair(1050, 1050), tiers={"city": 1, "district": 10, "street": 74, "community": 965},
              orgs=Pair(2800, 2688), members=Pair(77818, 75763), towers=40, towers_covered=35,
              tower_rate=Pair(0.875, 0.835), graded=2800, a_share=Pair(0.243, 0.216), d_count=68, weak_open=27,
              upgrades=490, downgrades=337, out_of_reach=3, radius_m=1000, regions_level="street", regions=REGIONS)
EMPTY_STREET = Facts(area="大鹏街道", level="street", parent="大鹏新区", year=2020, as_of="2025-12-31", demo=False,
                     centres=Pair(10, 10), tiers={"street": 1, "community": 9}, orgs=Pair(66, 66), members=Pair(900, None),
                     towers=0, towers_covered=0, tower_rate=Pair(None, None), graded=0, a_share=Pair(None, None),
                     d_count=0, weak_open=0, upgrades=0, downgrades=0, out_of_reach=1, radius_m=1000,
                     regions_level="street", regions=(RegionFigures("大鹏街道", None, None, 0),))


def _png(width: int = 40, height: int = 20) -> bytes:
    """A small valid grey PNG, built by hand (the chart images come from vl-convert in the page tests)."""
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    raw = b"".join(b"\x00" + b"\x80" * width for _ in range(height))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


PNG = _png()


def flat(text: str) -> str:
    """Text without whitespace and NULs: pypdf reads fpdf2's two-byte glyph codes with the high byte as a NUL
    of its own; the characters themselves come back as written."""
    return re.sub(r"[\s\x00]+", "", text)


def test_sentences_use_the_figures_as_the_pages_format_them():
    doc = build(LUOHU, "zh", generated="2026-12-04 00:30")
    text = doc.text()
    assert doc.title == "罗湖区基层党建工作简报（2025年）"
    assert "罗湖区共有党群服务中心1,050个，与上年持平；基层党组织2,800个，较上年增加112个；党员77,818名，较上年增加2,055名。" in text
    assert "20层以上商务楼宇40栋，已建立党组织覆盖35栋，党组织覆盖率87.5%，较上年提高4.0个百分点；尚未覆盖5栋。" in text
    assert "A级占比24.3%，较上年提高2.7个百分点；D级68个" in text
    assert "较高的是黄贝街道（28.3%）、南湖街道（26.9%），较低的是东门街道（21.8%）、东晓街道（21.9%）" in text
    assert "覆盖率较低的是东门街道（50.0%）、南湖街道（80.0%）" in text
    assert dict(doc.problems)["尚未覆盖的20层以上商务楼宇"] == "5栋"
    assert dict(doc.problems)["1,000米内没有党群服务中心的社区"] == "3个"
    assert doc.demo and doc.demo.startswith("示例数据")
    assert [s.heading for s in doc.sections] == ["一、总体情况", "二、阵地建设", "三、楼宇党建", "四、组织质量", "五、比较分析"]
    assert 4 <= len(doc.sections) <= 6


def test_a_street_without_towers_or_grades_reads_sensibly():
    doc = build(EMPTY_STREET, "zh", generated="x")
    text = doc.text()
    assert "本街道暂无20层以上商务楼宇。" in text
    assert "本街道暂无2020年党组织评级数据。" in text
    assert "党员900名，上年无可比数据" in text
    assert "%" not in text and "nan" not in text.lower() and "None" not in text
    assert dict(doc.problems)["D级党组织"] == "暂无数据"
    assert doc.demo is None


def test_english_briefing_has_the_same_figures_and_no_chinese_template_text():
    doc = build(LUOHU, "en", generated="x")
    text = doc.text()
    assert doc.title == "罗湖区: grassroots Party building briefing, 2025"
    assert "1,050 Party-mass service centres (unchanged on last year)" in text
    assert "87.5% (up 4.0 pp on last year)" in text
    names = {"罗湖区", "黄贝街道", "南湖街道", "东门街道", "东晓街道", "软弱涣散"}
    rest = text
    for name in names:
        rest = rest.replace(name, "")
    assert not re.search(r"[\u4e00-\u9fff]", rest.replace("：", ":"))
    empty = build(EMPTY_STREET, "en", generated="x").text()
    assert "There are no office towers of 20+ floors in this street." in empty and "%" not in empty


def _doc():
    return build(LUOHU, "zh", generated="2026-12-04 00:30", figures=(Figure("各层级党群服务中心", PNG),))


def test_word_is_a4_with_numbered_headings_demo_mark_table_and_figure():
    d = Docx(io.BytesIO(render.docx_bytes(_doc())))
    section = d.sections[0]
    assert abs(section.page_width - Mm(210)) < Mm(1) and abs(section.page_height - Mm(297)) < Mm(1)
    headings = [p.text for p in d.paragraphs if p.style.name.startswith("Heading")]
    assert headings == ["一、总体情况", "二、阵地建设", "三、楼宇党建", "四、组织质量", "五、比较分析", "六、问题清单", "附图"]
    text = "\n".join(p.text for p in d.paragraphs)
    assert d.paragraphs[0].text == "罗湖区基层党建工作简报（2025年）"
    assert "示例数据" in text and "数据截至 2025-12-31" in text
    assert "图1　各层级党群服务中心" in text
    assert len(d.inline_shapes) == 1
    assert [c.text for c in d.tables[0].rows[1].cells] == ["尚未覆盖的20层以上商务楼宇", "5栋"]


def test_pdf_is_a4_with_the_cjk_font_embedded_and_the_text_extracts_back():
    reader = PdfReader(io.BytesIO(render.pdf_bytes(_doc())))
    box = reader.pages[0].mediabox
    assert round(float(box.width)) == 595 and round(float(box.height)) == 842  # A4 in points
    text = flat("".join(p.extract_text() for p in reader.pages))
    doc = _doc()
    lines = [doc.title, doc.stamp, doc.demo, *(p for s in doc.sections for p in (s.heading, *s.paragraphs)),
             *(part for row in doc.problems for part in row)]
    for line in lines:
        assert flat(line) in text, line
    assert [o.title for o in reader.outline] == ["一、总体情况", "二、阵地建设", "三、楼宇党建", "四、组织质量", "五、比较分析",
                                                 "六、问题清单", "附图"]
    fonts = [f.get_object() for p in reader.pages for f in p["/Resources"]["/Font"].values()]
    for font in fonts:
        descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"].get_object()
        assert "/FontFile2" in descriptor or "/FontFile3" in descriptor  # embedded, not referenced
        assert "NotoSansCJK" in str(font["/BaseFont"])


def test_pdf_without_the_font_says_so_in_chinese(tmp_path):
    with pytest.raises(render.FontMissing, match="fonts-noto-cjk"):
        render.pdf_bytes(_doc(), font=tmp_path / "none.ttc")
    assert "中文字体" in str(render.FontMissing(tmp_path / "none.ttc"))


def test_markdown_has_title_headings_and_the_problem_table():
    md = render.markdown_text(_doc())
    assert md.startswith("# 罗湖区基层党建工作简报（2025年）")
    assert "## 六、问题清单" in md and "| 尚未覆盖的20层以上商务楼宇 | 5栋 |" in md
    assert "**示例数据" in md
