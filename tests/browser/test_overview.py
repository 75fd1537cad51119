"""The overview page in a real browser: it renders offline, the sidebar filter and the language switch work."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Locator, Page, expect

from .harness import (
    ROOT,
    assert_healthy,
    choose,
    open_app,
    rerun_after,
    save_artifact,
    save_committed_shot,
    sidebar_selectbox,
    wait_for_charts,
)

pytestmark = pytest.mark.browser

README_SHOT = ROOT / "docs" / "screenshots" / "overview.png"
TITLE = '[data-testid="stHeading"]'


def metric_value(page: Page, label: str) -> Locator:
    card = page.get_by_test_id("stMetric").filter(has=page.get_by_test_id("stMetricLabel").get_by_text(label, exact=True))
    return card.get_by_test_id("stMetricValue")


def as_int(text: str) -> int:
    return int(text.split()[0].replace(",", ""))  # "1,050 个" -> 1050


def test_overview_renders_demo_figures_offline(server_url, browser_page):
    page, external = browser_page
    open_app(page, server_url, "/", ready=TITLE)
    assert_healthy(page, external, "总览")
    expect(page.get_by_test_id("stSidebar").get_by_text("示例数据", exact=True)).to_be_visible()
    expect(page.get_by_test_id("stCaptionContainer").filter(has_text="示例数据").first).to_be_visible()
    expect(metric_value(page, "党群服务中心")).to_have_text("1,050 个")
    # tiers, categories, the district ranking and the board's two halves are drawn (an empty chart is a blank box)
    expect(page.get_by_test_id("stVegaLiteChart")).to_have_count(5)
    wait_for_charts(page)
    save_committed_shot(page, README_SHOT)  # the README picture: 1440x900 viewport, not the full page
    save_artifact(page, "overview")
    assert external == []


def test_district_filter_goes_into_the_url_and_changes_figures(server_url, browser_page):
    page, external = browser_page
    open_app(page, server_url, "/", ready=TITLE)
    city = as_int(metric_value(page, "党群服务中心").inner_text())
    street = sidebar_selectbox(page, "街道")
    expect(street).to_have_value("全部街道")
    expect(street).to_be_disabled()

    choose(page, sidebar_selectbox(page, "区"), "罗湖区", ready=TITLE)

    expect(page).to_have_url(re.compile(r"[?&]district="))
    assert "罗湖区" in page.evaluate("() => decodeURIComponent(location.search)")
    expect(sidebar_selectbox(page, "区")).to_have_value("罗湖区")
    expect(street).to_be_enabled()  # streets of the chosen district can now be picked
    expect(page.get_by_test_id("stCaptionContainer").filter(has_text="罗湖区 ·").first).to_be_visible()
    luohu = as_int(metric_value(page, "党群服务中心").inner_text())
    assert 0 < luohu < city
    expect(page.get_by_role("heading", name="各街道比较")).to_be_visible()
    assert_healthy(page, external, "总览")
    wait_for_charts(page)
    save_artifact(page, "overview-luohu")


def test_language_switch_shows_english(server_url, browser_page):
    page, external = browser_page
    open_app(page, server_url, "/", ready=TITLE)
    english = page.get_by_test_id("stSidebar").get_by_role("radio", name="English", exact=True)

    rerun_after(page, english.click, ready=page.get_by_test_id("stHeading").filter(has_text="Overview"))

    assert_healthy(page, external, "Overview")
    expect(metric_value(page, "Service centres")).to_have_text("1,050")
    expect(page.get_by_test_id("stSidebar").get_by_text("Demo data", exact=True)).to_be_visible()
    expect(page.get_by_text("党群服务中心", exact=True)).to_have_count(0)  # no Chinese label left behind
    wait_for_charts(page)
    save_artifact(page, "overview-en")

    # the language is part of the link: the copied URL reopens the page in English
    expect(page).to_have_url(re.compile(r"[?&]lang="))
    open_app(page, page.url, "", ready=TITLE)
    assert_healthy(page, external, "Overview")
    expect(sidebar_selectbox(page, "District")).to_be_visible()


def test_language_switch_relabels_the_chosen_option(server_url, browser_page):
    page, external = browser_page
    open_app(page, server_url, "/", ready=TITLE)
    english = page.get_by_test_id("stSidebar").get_by_role("radio", name="English", exact=True)
    rerun_after(page, english.click, ready=page.get_by_test_id("stHeading").filter(has_text="Overview"))
    expect(sidebar_selectbox(page, "Street")).to_have_value("All streets")
    expect(sidebar_selectbox(page, "District")).to_have_value("Whole city", timeout=2_000)
