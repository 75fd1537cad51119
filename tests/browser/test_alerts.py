"""The problem list in a real browser, offline: the severity metrics and the two tables draw, the 'today' it
uses is stated, a link opens the organisation's 组织架构 node, and nothing is requested from another host."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from .harness import assert_healthy, open_app, save_artifact

pytestmark = pytest.mark.browser

TITLE = '[data-testid="stHeading"]'


def test_problem_list_draws_and_a_link_opens_the_organisation(server_url, browser_page):
    page, external = browser_page
    open_app(page, server_url, "/alerts?district=罗湖区", ready=TITLE)
    assert_healthy(page, external, "问题清单")
    expect(page.get_by_test_id("stCaptionContainer").filter(has_text="示例数据").first).to_be_visible()
    expect(page.get_by_test_id("stCaptionContainer").filter(has_text="数据截至日期").first).to_be_visible()
    expect(page.get_by_test_id("stMetric")).to_have_count(4)
    expect(page.get_by_test_id("stMetric").filter(has_text="补齐空缺 12 · 轮岗交流 31")).to_have_count(1)
    expect(page.get_by_test_id("stDataFrame")).to_have_count(2)  # counts by street, the list
    expect(page.get_by_role("button", name="下载 CSV").first).to_be_visible()
    save_artifact(page, "alerts")
    open_app(page, server_url, "/orgs?org=P440303001", ready=TITLE)  # what a row's link opens (a street committee)
    assert_healthy(page, external, "组织架构")


def test_overview_names_the_most_urgent_items_and_one_opens_its_page(server_url, browser_page):
    page, external = browser_page
    open_app(page, server_url, "/?district=宝安区", ready=TITLE)
    box = page.locator(".st-key-overview-problems")
    expect(box.get_by_text("问题清单：红色预警")).to_be_visible(timeout=30_000)
    named = box.get_by_test_id("stPageLink").filter(has_text="【红】")
    expect(named).to_have_count(5)
    expect(box.get_by_test_id("stPageLink").filter(has_text="查看全部事项（问题清单）")).to_have_count(1)
    save_artifact(page, "overview-top-items")
    first = named.first.inner_text()
    named.first.click()
    expect(page.get_by_test_id("stHeading").filter(has_text="组织架构").first).to_be_visible(timeout=30_000)
    name = first.split("：", 1)[1].split("，")[0]
    expect(page.get_by_text(name).first).to_be_visible(timeout=30_000)  # the item's organisation is opened
    assert external == []


def test_the_wall_ticker_runs_the_named_items_after_the_counts(server_url, browser_page):
    page, external = browser_page
    open_app(page, server_url, "/present?district=宝安区", ready=".present-ticker")
    ticker = page.locator(".present-ticker .run")
    text = ticker.inner_text()
    assert "D级党组织" in text and "问题清单：红色预警" in text, text
    assert text.index("问题清单：红色预警") > text.index("D级党组织")
    named = ticker.locator(".item.bad").filter(has_text="【红】")
    assert named.count() >= 5
    # the ticker scrolls: its track moves
    start = ticker.bounding_box()["x"]
    page.wait_for_timeout(1500)
    assert ticker.bounding_box()["x"] != start
    save_artifact(page, "present-ticker-items")
    assert external == []
