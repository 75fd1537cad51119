"""The quality-grades page in a real browser, offline: every tab draws its charts, a matrix cell lists its
organisations, a deep link opens its year, and nothing is requested from another host."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from .harness import assert_healthy, open_app, rerun_after, save_artifact, wait_for_charts

pytestmark = pytest.mark.browser

TITLE = '[data-testid="stHeading"]'


def metric_value(page: Page, label: str):
    card = page.get_by_test_id("stMetric").filter(has=page.get_by_test_id("stMetricLabel").get_by_text(label, exact=True))
    return card.get_by_test_id("stMetricValue")


def open_tab(page: Page, name: str) -> None:
    rerun_after(page, lambda: page.get_by_role("tab", name=name, exact=True).click(), ready=TITLE)
    expect(page.get_by_role("tab", name=name, exact=True)).to_have_attribute("aria-selected", "true")


def test_every_tab_draws_offline(server_url, browser_page):
    page, external = browser_page
    open_app(page, server_url, "/ratings", ready=TITLE)
    assert_healthy(page, external, "支部评级")
    expect(page.get_by_test_id("stCaptionContainer").filter(has_text="示例数据").first).to_be_visible()
    expect(page.get_by_test_id("stCaptionContainer").filter(has_text="40%").first).to_be_visible()  # the rule
    expect(metric_value(page, "参评党组织")).not_to_have_text("—")
    expect(page.get_by_test_id("stVegaLiteChart")).to_have_count(2)  # by category, by district
    wait_for_charts(page)
    save_artifact(page, "ratings-distribution")
    for tab, charts in (("历年趋势", 1), ("升降变化", 1), ("排名", 2), ("软弱涣散台账", 0)):
        open_tab(page, tab)
        expect(page.get_by_test_id("stVegaLiteChart")).to_have_count(charts)
        wait_for_charts(page)
        save_artifact(page, f"ratings-{tab}")
    expect(page.get_by_test_id("stDataFrame")).to_have_count(1)
    expect(page.get_by_role("button", name="下载 CSV")).to_be_visible()
    assert_healthy(page, external, "支部评级")


def test_picked_cell_lists_its_organisations_and_one_opens(server_url, browser_page):
    page, external = browser_page
    open_app(page, server_url, "/ratings?ratings.tab=升降变化", ready=TITLE)
    wait_for_charts(page)
    cell = page.get_by_role("combobox", name="查看格子中的组织", exact=True)
    cell.click()
    option = page.get_by_role("option").filter(has_text="B → A").first
    rerun_after(page, option.click, ready=TITLE)
    expect(page.get_by_text("上年 B 级、本年 A 级的党组织")).to_be_visible()
    expect(page.get_by_test_id("stDataFrame")).to_have_count(1)

    open_tab(page, "单个组织")
    org = page.get_by_role("combobox", name="党组织", exact=True)
    org.click()
    rerun_after(page, page.get_by_role("option").first.click, ready=TITLE)
    expect(page.get_by_text("综合得分构成（40:40:20）")).to_be_visible()
    # breakdown, history, first-level indicators, the opened aspect
    expect(page.get_by_test_id("stVegaLiteChart")).to_have_count(4)
    wait_for_charts(page)
    save_artifact(page, "ratings-org")
    assert_healthy(page, external, "支部评级")


def test_deep_link_opens_its_year(server_url, browser_page):
    page, external = browser_page
    open_app(page, server_url, "/ratings?year=2023&ratings.category=社区", ready=TITLE)
    expect(page.get_by_test_id("stCaptionContainer").filter(has_text="2023 年 · 社区").first).to_be_visible()
    wait_for_charts(page)
    assert_healthy(page, external, "支部评级")
