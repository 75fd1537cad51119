"""阵地地图 in a real browser: offline map with outlines and clusters, centre card, district click, basemap note."""

from __future__ import annotations

import re
from urllib.parse import quote

import pytest
from playwright.sync_api import Frame, Page, expect

from .harness import (_TRACKERS, assert_healthy, map_frame, open_app, rerun_after, save_artifact,
                      sidebar_selectbox, wait_for_charts)

pytestmark = pytest.mark.browser

TITLE = '[data-testid="stHeading"]'
HEADING = "阵地地图"
IFRAME = 'iframe[title="streamlit_folium.st_folium"]'


def card(page: Page):
    return page.locator(".st-key-centres-card")


def click_in_map(page: Page, frame: Frame, point_js: str) -> None:
    """Click the page at a map point computed in the frame (container pixels -> page pixels)."""
    iframe = page.locator(IFRAME)
    iframe.scroll_into_view_if_needed()  # a click outside the viewport goes nowhere
    xy = frame.evaluate(point_js)
    assert xy is not None, "no clickable point found"
    box = iframe.bounding_box()
    page.mouse.click(box["x"] + xy[0], box["y"] + xy[1])


def test_map_renders_offline_with_outlines_clusters_and_legend(server_url, browser_page):
    page, external = browser_page
    open_app(page, server_url, "/centres", ready=TITLE)
    assert_healthy(page, external, HEADING)
    expect(page.get_by_test_id("stCaptionContainer").filter(has_text="示例数据").first).to_be_visible()
    frame = map_frame(page)
    height = frame.evaluate("() => window.map.getContainer().getBoundingClientRect().height")
    assert height > 400  # not the 0-height blank map of missing assets
    expect(frame.locator("path.pm-outline")).to_have_count(10)  # the ten real district outlines
    frame.wait_for_selector(".marker-cluster")
    assert frame.locator(".marker-cluster").count() > 5
    expect(frame.locator(".leaflet-marker-pane .pm-star")).to_have_count(1)  # the one city centre, never clustered
    expect(frame.locator(".pm-legend")).to_contain_text("市级")
    expect(frame.locator(".pm-legend")).to_contain_text("区界")
    expect(page.get_by_text(re.compile(r"^无法定位（\d+）$"))).to_be_visible()
    wait_for_charts(page)
    save_artifact(page, "centres-city")
    assert external == []


def test_panning_and_zooming_do_not_rerun_the_script(server_url, browser_page):
    page, external = browser_page
    open_app(page, server_url, "/centres", ready=TITLE)
    frame = map_frame(page)
    started = _TRACKERS[page].started
    frame.evaluate("() => { window.map.setZoom(12); window.map.panBy([200, 120]); }")
    page.wait_for_timeout(2500)  # st_folium debounces by 250 ms; a rerun would have started by now
    assert _TRACKERS[page].started == started
    assert external == []


def test_clicking_a_centre_opens_its_card_without_reloading_the_map(server_url, browser_page):
    page, external = browser_page
    open_app(page, server_url, "/centres", ready=TITLE)
    frame = map_frame(page)
    expect(card(page)).to_contain_text("在地图上点击")
    frame.evaluate("() => { window.__probe = 'same map'; }")
    rerun_after(page, lambda: frame.locator(".leaflet-marker-pane .pm-star").click(),
                ready=lambda p: "深圳市党群服务中心" in card(p).inner_text())
    expect(card(page)).to_contain_text("24 小时开放：是")
    expect(card(page)).to_contain_text("2018-06-29")
    link = card(page).get_by_role("link", name="深圳市委")
    assert "orgs?org=P440300" in (link.get_attribute("href") or "")
    assert frame.evaluate("() => window.__probe") == "same map"  # the map was not reloaded
    assert_healthy(page, external, HEADING)
    save_artifact(page, "centres-card")


NANSHAN_POINT = """() => {
  let target = null;
  window.map.eachLayer(l => { if (l.feature && l.feature.properties.name === '南山区') target = l; });
  const b = target.getBounds(), r = window.map.getContainer().getBoundingClientRect();
  for (let i = 2; i < 40; i++) for (let j = 2; j < 40; j++) {
    const ll = L.latLng(b.getSouth() + (b.getNorth() - b.getSouth()) * i / 40,
                        b.getWest() + (b.getEast() - b.getWest()) * j / 40);
    const p = window.map.latLngToContainerPoint(ll);
    if (document.elementFromPoint(r.left + p.x, r.top + p.y) === target._path) return [r.left + p.x, r.top + p.y];
  }
  return null;
}"""


def test_clicking_a_district_outline_filters_the_page_and_the_sidebar(server_url, browser_page):
    page, external = browser_page
    open_app(page, server_url, "/centres", ready=TITLE)
    frame = map_frame(page)
    rerun_after(page, lambda: click_in_map(page, frame, NANSHAN_POINT),
                ready=lambda p: sidebar_selectbox(p, "区").input_value() == "南山区")
    assert "district=" + quote("南山区") in page.url
    expect(page.get_by_test_id("stCaptionContainer").filter(has_text="南山区 ·").first).to_be_visible()
    frame = map_frame(page)
    expect(frame.locator("path.pm-outline-sel")).to_have_count(1)
    assert_healthy(page, external, HEADING)
    save_artifact(page, "centres-nanshan")


def test_unreachable_basemap_shows_a_note_not_a_broken_map(server_url, browser_page):
    page, external = browser_page
    open_app(page, server_url, f"/centres?district={quote('罗湖区')}", ready=TITLE)
    rerun_after(page, lambda: page.get_by_role("radio", name="OpenStreetMap", exact=True).click(), ready=TITLE)
    frame = map_frame(page)
    expect(frame.locator(".pm-tile-note")).to_contain_text("底图无法加载")
    expect(frame.locator("path.pm-outline")).to_have_count(10)  # outlines and points still drawn
    assert external and all("tile.openstreetmap.org" in u for u in external)  # only the user-chosen tiles
