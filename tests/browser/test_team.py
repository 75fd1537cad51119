"""The team page (队伍建设) and the 区属党(工)委 ranking tab in a real browser, offline: both tabs draw their
charts and tables, 南湾's secretaries read as the seed says, a deep link opens a tab by its code, and
nothing is requested from another host."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from .harness import assert_healthy, open_app, rerun_after, save_artifact, wait_for_charts

pytestmark = pytest.mark.browser

TITLE = '[data-testid="stHeading"]'


def metric_value(page: Page, label: str):
    card = page.get_by_test_id("stMetric").filter(has=page.get_by_test_id("stMetricLabel").get_by_text(label, exact=True))
    return card.get_by_test_id("stMetricValue")


def test_team_page_draws_both_tabs_offline(server_url, browser_page):
    page, external = browser_page
    open_app(page, server_url, "/team?district=龙岗区&street=南湾街道", ready=TITLE)
    assert_healthy(page, external, "队伍建设")
    expect(page.get_by_test_id("stCaptionContainer").filter(has_text="示例数据").first).to_be_visible()
    expect(metric_value(page, "社区党委书记")).to_have_text("14")
    expect(metric_value(page, "平均年龄")).to_have_text("43.0")
    expect(page.get_by_test_id("stVegaLiteChart")).to_have_count(3)  # education, age, staffing by street
    wait_for_charts(page)
    save_artifact(page, "team-secretaries")
    rerun_after(page, lambda: page.get_by_role("tab", name="志愿服务与同乡村", exact=True).click(), ready=TITLE)
    expect(page.get_by_role("tab", name="志愿服务与同乡村", exact=True)).to_have_attribute("aria-selected", "true")
    assert "team.tab=volunteers" in page.url
    expect(page.get_by_test_id("stVegaLiteChart")).to_have_count(2)  # volunteers by street, by year
    wait_for_charts(page)
    expect(page.get_by_role("button", name="下载 CSV").first).to_be_visible()
    save_artifact(page, "team-volunteers")
    assert_healthy(page, external, "队伍建设")


def test_committee_ranking_tab_opens_by_its_code(server_url, browser_page):
    page, external = browser_page
    open_app(page, server_url, "/ratings?ratings.tab=committees&district=罗湖区", ready=TITLE)
    assert_healthy(page, external, "支部评级")
    expect(page.get_by_role("tab", name="区属党(工)委排名", exact=True)).to_have_attribute("aria-selected", "true")
    expect(page.get_by_text("历年排名变化")).to_be_visible()
    expect(page.get_by_test_id("stVegaLiteChart")).to_have_count(2)  # weighted panels, history
    wait_for_charts(page)
    save_artifact(page, "ratings-committees")
    assert_healthy(page, external, "支部评级")
