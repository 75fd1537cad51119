"""楼宇覆盖 in a real browser: renders offline, the map draws every building, a click opens its card."""

from __future__ import annotations

from urllib.parse import quote

import pytest
from playwright.sync_api import Frame, Locator, Page, expect

from .harness import (
    _TRACKERS,
    assert_healthy,
    map_frame,
    open_app,
    rerun_after,
    save_artifact,
    track_runs,
    wait_for_charts,
    wait_for_runs,
)

pytestmark = pytest.mark.browser

TITLE = '[data-testid="stHeading"]'
HEADING = "楼宇党建覆盖"
CIRCLES_JS = "() => Object.values(window.map._layers).filter(l => l instanceof L.CircleMarker).length"


def metric_value(page: Page, label: str) -> Locator:
    card = page.get_by_test_id("stMetric").filter(has=page.get_by_test_id("stMetricLabel").get_by_text(label, exact=True))
    return card.get_by_test_id("stMetricValue")


def settled_map(page: Page) -> Frame:
    """The map once it has sent its first value and the rerun that value causes is over. A widget changed
    before that would interrupt the rerun, and an interrupted run never reports that it finished."""
    frame = map_frame(page)
    frame.wait_for_function("() => window.__GLOBAL_DATA__ && window.__GLOBAL_DATA__.previous_data")
    wait_for_runs(page, _TRACKERS[page].finished - 1)
    return frame


def circles(frame: Frame) -> int:
    return frame.evaluate(CIRCLES_JS)


def test_luohu_towers_render_offline_with_map_table_and_export(server_url, browser_page):
    page, external = browser_page
    open_app(page, server_url, f"/buildings?district={quote('罗湖区')}", ready=TITLE)
    assert_healthy(page, external, HEADING)
    expect(page.get_by_test_id("stCaptionContainer").filter(has_text="示例数据").first).to_be_visible()
    expect(metric_value(page, "楼宇数")).to_have_text("41")
    expect(metric_value(page, "覆盖率")).to_have_text("100.0%")

    frame = map_frame(page)
    frame.wait_for_function(f"() => ({CIRCLES_JS})() === 41")
    box = frame.locator(".leaflet-pmBuildings-pane svg").first.bounding_box()
    assert box and box["width"] > 200 and box["height"] > 200  # drawn, not a 0-height blank map
    expect(frame.locator(".pm-legend")).to_contain_text("已覆盖")

    expect(page.get_by_test_id("stDataFrame")).to_have_count(1)
    buttons = page.get_by_test_id("stDownloadButton")
    for text in ("下载 CSV", "下载 Excel", "下载图表（PNG）"):  # the table's two files and the chart's image
        expect(buttons.filter(has_text=text)).to_have_count(1)
    wait_for_charts(page)
    save_artifact(page, "buildings-luohu")
    assert external == []


def firms_of(store_url: str, name: str) -> int:
    """A building's firm count as stored (the demo generator decides it, the tooltip must show it)."""
    from sqlmodel import Session, select

    from models.db import make_engine
    from models.tables import Building

    engine = make_engine(store_url)
    try:
        with Session(engine) as s:
            return s.exec(select(Building.firms).where(Building.name == name)).one()
    finally:
        engine.dispose()


def test_clicking_a_circle_opens_the_building_card(server_url, browser_store, browser_page):
    page, external = browser_page
    firms = firms_of(browser_store, "京基100大厦")
    open_app(page, server_url, f"/buildings?district={quote('罗湖区')}", ready=TITLE)
    settled_map(page)
    page.get_by_role("textbox", name="按名称查找").fill("京基100")
    rerun_after(page, lambda: page.keyboard.press("Enter"), ready=TITLE)
    frame = settled_map(page)
    frame.wait_for_function(f"() => ({CIRCLES_JS})() === 1")
    x, y = frame.evaluate(
        """() => { const l = Object.values(window.map._layers).find(l => l instanceof L.CircleMarker);
                   const p = window.map.latLngToContainerPoint(l.getLatLng());
                   const r = window.map.getContainer().getBoundingClientRect(); return [r.left + p.x, r.top + p.y]; }"""
    )
    iframe = page.locator('iframe[title="streamlit_folium.st_folium"]')
    iframe.scroll_into_view_if_needed()  # a click outside the viewport goes nowhere
    iframe_box = iframe.bounding_box()
    page.mouse.move(iframe_box["x"] + x, iframe_box["y"] + y)
    tooltip = frame.locator(".leaflet-tooltip")
    expect(tooltip).to_contain_text("京基100大厦")
    expect(tooltip).to_contain_text(f"企业数 {firms} · 已覆盖")
    expect(tooltip).to_contain_text("最近党群服务中心 0 米")
    card = page.get_by_test_id("stVerticalBlock").filter(has_text="覆盖党组织：").last
    rerun_after(page, lambda: page.mouse.click(iframe_box["x"] + x, iframe_box["y"] + y), ready=card)
    expect(card).to_contain_text("京基100大厦联合党")
    expect(card).to_contain_text("楼宇联合党组织")
    expect(card).to_contain_text("最近定级：")
    link = card.get_by_role("link", name="京基100大厦联合党", exact=False)
    assert "orgs?org=P" in (link.first.get_attribute("href") or "")
    assert_healthy(page, external, HEADING)
    save_artifact(page, "buildings-card")


def test_chosen_kind_goes_into_the_link_and_reopens(server_url, browser_page):
    page, external = browser_page
    open_app(page, server_url, f"/buildings?district={quote('龙岗区')}&street={quote('南湾街道')}", ready=TITLE)
    settled_map(page)
    parks = page.get_by_role("radiogroup", name="楼宇类型").get_by_role("radio", name="产业园区", exact=True)
    rerun_after(page, parks.click, ready=metric_value(page, "园区党委"))
    expect(metric_value(page, "园区党委")).to_have_text("5")
    expect(metric_value(page, "覆盖党员")).to_have_text("279")
    frame = settled_map(page)
    frame.wait_for_function(f"() => ({CIRCLES_JS})() === 5")
    assert "buildings.kind=" in page.url  # Streamlit keeps the shown label there: 产业园区

    copied = page.context.new_page()  # the copied link, opened in a new tab
    track_runs(copied)
    open_app(copied, page.url, "", ready=TITLE)
    assert_healthy(copied, external, HEADING)
    expect(metric_value(copied, "园区党委")).to_have_text("5")
    assert external == []
