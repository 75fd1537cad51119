"""The written briefing and a chart PNG downloaded from 总览 in a real browser, offline."""

from __future__ import annotations

import pytest
from docx import Document as Docx
from PIL import Image
from playwright.sync_api import expect

from .harness import assert_healthy, open_app, rerun_after

pytestmark = pytest.mark.browser

TITLE = '[data-testid="stHeading"]'
PREPARE = "生成文字简报（Word / PDF / 文本）"


def test_overview_briefing_and_chart_png_download_offline(server_url, browser_page):
    page, external = browser_page
    open_app(page, server_url, "/?district=罗湖区", ready=TITLE)
    assert_healthy(page, external, "总览")

    with page.expect_download() as got:
        page.get_by_test_id("stDownloadButton").filter(has_text="下载图表（PNG）").first.click()
    png = got.value
    assert png.suggested_filename == "罗湖区_党群服务中心（1+10+N）_2025_示例数据.png"
    with Image.open(png.path()) as image:
        assert image.width >= 600 and image.height >= 200

    expander = page.get_by_test_id("stExpander").filter(has_text=PREPARE)
    expander.get_by_text(PREPARE).first.click()
    word_button = page.get_by_test_id("stDownloadButton").filter(has_text="下载简报（Word）")
    rerun_after(page, lambda: expander.get_by_role("button", name=PREPARE).click(), ready=word_button)
    expect(page.get_by_test_id("stDownloadButton").filter(has_text="下载简报（PDF）")).to_be_visible()
    with page.expect_download() as got:
        word_button.click()
    word = got.value
    assert word.suggested_filename == "罗湖区_基层党建简报_2025_示例数据.docx"
    doc = Docx(word.path())
    assert doc.paragraphs[0].text == "罗湖区基层党建工作简报（2025年）"
    assert len(doc.inline_shapes) >= 4
    expect(page.get_by_test_id("stException")).to_have_count(0)
    assert external == []
