"""标准化考核 in a real browser, offline: 南湾's 10 / 3 / 1 of seed 003, the charts drawn, the choropleth map
drawn from the offline district outlines and street cells (shaded seats), the community list with its failed
aspects, and nothing requested from another host."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from .harness import assert_healthy, map_frame, open_app, save_artifact, wait_for_charts

pytestmark = pytest.mark.browser

TITLE = '[data-testid="stHeading"]'


def metric_value(page: Page, label: str):
    card = page.get_by_test_id("stMetric").filter(has=page.get_by_test_id("stMetricLabel").get_by_text(label, exact=True))
    return card.get_by_test_id("stMetricValue")


def test_standards_page_draws_nanwan_offline(server_url, browser_page):
    page, external = browser_page
    open_app(page, server_url, "/standards?district=龙岗区&street=南湾街道", ready=TITLE)
    assert_healthy(page, external, "社区党建标准化考核")
    expect(page.get_by_test_id("stCaptionContainer").filter(has_text="示例数据").first).to_be_visible()
    expect(metric_value(page, "达标")).to_have_text("10")
    expect(metric_value(page, "整改中")).to_have_text("3")
    expect(metric_value(page, "待考核")).to_have_text("1")
    expect(page.get_by_test_id("stVegaLiteChart")).to_have_count(3)  # results by street, aspects, yearly share
    wait_for_charts(page)
    frame = map_frame(page)
    frame.wait_for_selector("path.pm-prop", timeout=30_000)  # the street seats, shaded by their share
    assert frame.locator("path.pm-prop").count() == 11  # 龙岗's 11 streets
    expect(page.get_by_text("社区考核结果", exact=True)).to_be_visible()
    expect(page.get_by_role("button", name="下载 CSV").first).to_be_visible()
    save_artifact(page, "standards-nanwan")
    assert_healthy(page, external, "社区党建标准化考核")


def test_city_view_shades_the_ten_districts(server_url, browser_page):
    page, external = browser_page
    open_app(page, server_url, "/standards", ready=TITLE)
    assert_healthy(page, external, "社区党建标准化考核")
    frame = map_frame(page)
    frame.wait_for_selector("path.pm-choro", timeout=30_000)
    assert frame.locator("path.pm-choro").count() >= 10
    wait_for_charts(page)
    save_artifact(page, "standards-city")
    assert_healthy(page, external, "社区党建标准化考核")
