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
