"""总览 at the screen sizes leaders use (1366x768 laptop/projector, 1920x1080, 3840x2160): the filters are
visible without scrolling, nothing overflows sideways, no card's figure is cut, the map is drawn with
its ten district outlines, and the pictures of each size go to docs/screenshots/ for the README."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from .harness import ROOT, assert_healthy, map_frame, offline_page, open_app, save_committed_shot, sidebar_selectbox, \
    wait_for_charts

pytestmark = pytest.mark.browser

SIZES = [(1366, 768), (1920, 1080), (3840, 2160)]
TITLE = '[data-testid="stHeading"]'


@pytest.fixture(params=SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def sized_page(request, browser):
    width, height = request.param
    external: list[str] = []
    page = offline_page(browser, external, viewport={"width": width, "height": height}, timeout_ms=60_000)
    try:
        yield page, external, (width, height)
    finally:
        page.context.close()


def test_overview_fits_each_screen(server_url, sized_page):
    page, external, (width, height) = sized_page
    open_app(page, server_url, "/", ready=TITLE)
    assert_healthy(page, external, "总览")

    # the filters are above the fold (the language switch, title and mode text are below them)
    for label in ("区", "街道", "年度"):
        box = sidebar_selectbox(page, label).bounding_box()
        assert box is not None and box["y"] + box["height"] <= height, (label, box, height)

    # nothing wider than the window, no card figure or label cut off
    overflow = page.evaluate("""() => {
        const main = document.querySelector('[data-testid="stMain"]');
        return {doc: document.documentElement.scrollWidth - window.innerWidth,
                main: main ? main.scrollWidth - main.clientWidth : 0};
    }""")
    assert overflow["doc"] <= 0 and overflow["main"] <= 0, overflow
    clipped = page.evaluate("""() => [...document.querySelectorAll(
            '[data-testid="stMetricValue"] p, [data-testid="stMetricDelta"] p')]
        .filter(e => e.scrollWidth > e.clientWidth + 1).map(e => e.textContent)""")
    assert clipped == [], f"cut-off card text: {clipped}"
    expect(page.get_by_test_id("stMetric")).to_have_count(5)

    # the map: ten district outlines, each shaded, and its legend
    frame = map_frame(page)
    frame.wait_for_function("() => document.querySelectorAll('path.pm-choro').length === 10")
    fills = frame.evaluate("() => [...document.querySelectorAll('path.pm-choro')].map(p => p.getAttribute('fill'))")
    assert all(f and f != "none" for f in fills), fills
    expect(frame.locator(".pm-legend")).to_be_visible()
    box = page.locator('iframe[title="streamlit_folium.st_folium"]').bounding_box()
    assert box is not None and box["x"] + box["width"] <= width

    wait_for_charts(page)
    save_committed_shot(page, ROOT / "docs" / "screenshots" / f"overview-{width}x{height}.png",
                        max_changed_pixels=2000)
    assert external == []


def test_a_click_on_a_district_selects_it(server_url, browser_page):
    page, external = browser_page
    open_app(page, server_url, "/", ready=TITLE)
    frame = map_frame(page)
    frame.wait_for_function("() => document.querySelectorAll('path.pm-choro').length === 10")
    # the district under the centre of 罗湖's outline, found by its tooltip
    target = frame.evaluate("""() => {
        for (const l of Object.values(window.map._layers)) {
            if (l.feature && l.getTooltip && String(l.getTooltip().getContent()).includes('#d:罗湖区')) {
                const c = window.map.latLngToContainerPoint(l.getCenter()); return [c.x, c.y]; }
        }
        return null; }""")
    assert target is not None
    iframe = page.locator('iframe[title="streamlit_folium.st_folium"]').bounding_box()
    from .harness import rerun_after

    rerun_after(page, lambda: page.mouse.click(iframe["x"] + target[0], iframe["y"] + target[1]),
                ready=page.get_by_role("heading", name="总览"))
    expect(sidebar_selectbox(page, "区")).to_have_value("罗湖区", timeout=30_000)
    assert "罗湖区" in page.evaluate("() => decodeURIComponent(location.search)")
    assert external == []
