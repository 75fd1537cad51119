"""The 项目认领 page in a real browser, offline: 南湖's 292 claimed projects and 130 units on the cards, both charts
drawn, the map drawn by the local Leaflet with one legend row per status, the export buttons, and nothing
requested from another host."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from .harness import assert_healthy, map_frame, open_app, save_artifact, wait_for_charts

pytestmark = pytest.mark.browser

TITLE = '[data-testid="stHeading"]'


def metric_value(page: Page, label: str):
    card = page.get_by_test_id("stMetric").filter(has=page.get_by_test_id("stMetricLabel").get_by_text(label, exact=True))
    return card.get_by_test_id("stMetricValue")


def test_projects_page_draws_nanhu_offline(server_url, browser_page):
    page, external = browser_page
    open_app(page, server_url, "/projects?district=罗湖区&street=南湖街道", ready=TITLE)
    assert_healthy(page, external, "项目认领")
    expect(page.get_by_test_id("stCaptionContainer").filter(has_text="示例数据").first).to_be_visible()
    expect(metric_value(page, "认领项目")).to_have_text("292")
    expect(metric_value(page, "认领单位")).to_have_text("130")
    expect(metric_value(page, "待认领")).to_have_text("18")
    expect(page.get_by_test_id("stVegaLiteChart")).to_have_count(2)  # status per community, unit types
    wait_for_charts(page)
    frame = map_frame(page)
    legend = frame.locator(".pm-legend-row")
    expect(legend).to_have_count(4)
    expect(legend.filter(has_text="待认领 (18)")).to_have_count(1)
    expect(page.get_by_role("button", name="下载 CSV").first).to_be_visible()
    save_artifact(page, "projects-nanhu")
    with page.expect_download() as got:
        page.get_by_role("button", name="下载 CSV").last.click()  # the project list's
    download = got.value
    name = download.suggested_filename
    assert "南湖街道" in name and name.endswith("_党建项目认领清单_2025_示例数据.csv"), name
    lines = Path(download.path()).read_text(encoding="utf-8-sig").splitlines()
    assert lines[0].startswith("项目编号,项目名称,需求类别") and len(lines) == 1 + 310
    assert_healthy(page, external, "项目认领")
