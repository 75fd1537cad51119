"""大屏模式 on a 1920x1080 meeting-room screen: no menus, no scroll bar, big numbers, slides that turn by
themselves and by key, the filter kept, nothing fetched from the internet. Screenshots of every slide."""

from __future__ import annotations

import re
import time

import pytest
from playwright.sync_api import Page, expect

from .harness import PAGE_ERRORS, map_frame, open_app, rerun_after, save_artifact, wait_for_charts

pytestmark = pytest.mark.browser

SCREEN = {"width": 1920, "height": 1080}
SLIDE = ".st-key-present-slide"
NAMES = ("overview", "map", "buildings", "ratings", "focus")

LAYOUT = """() => {
  const main = document.querySelector('[data-testid="stMain"]');
  const side = document.querySelector('[data-testid="stSidebar"]');
  const header = document.querySelector('header[data-testid="stHeader"]');
  const kpis = [...document.querySelectorAll('[data-testid="stMetricValue"]')];
  const shown = el => !!el && el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden';
  return {
    docH: document.documentElement.scrollHeight, docW: document.documentElement.scrollWidth,
    innerH: innerHeight, innerW: innerWidth, mainH: main.scrollHeight, mainClient: main.clientHeight,
    sidebar: shown(side), header: shown(header),
    kpiPx: kpis.map(k => parseFloat(getComputedStyle(k).fontSize)),
    bg: getComputedStyle(document.querySelector('.stApp')).backgroundColor,
  };
}"""


def slide_index(page: Page) -> int:
    return int(page.locator(".present-progress").get_attribute("data-slide"))


def assert_fits_screen(page: Page, where: str) -> dict:
    got = page.evaluate(LAYOUT)
    assert got["docH"] <= got["innerH"] and got["docW"] <= got["innerW"], f"{where}: page scrolls: {got}"
    assert got["mainH"] <= got["mainClient"], f"{where}: the slide is taller than the screen: {got}"
    assert not got["sidebar"] and not got["header"], f"{where}: menus shown: {got}"
    return got


def wait_drawn(page: Page, name: str) -> None:
    if name == "map":
        frame = map_frame(page)
        assert frame.locator(".leaflet-overlay-pane path").count() > 0  # the district outlines
    wait_for_charts(page)
    page.wait_for_function("() => !document.querySelector('[data-stale=\"true\"]')")


def test_present_link_fills_the_screen_and_turns_slides_by_itself(server_url, browser_page):
    page, external = browser_page
    page.set_viewport_size(SCREEN)
    open_app(page, server_url, "/?present=1&district=罗湖区&interval=3", ready=SLIDE)
    expect(page).to_have_url(re.compile(r"/present\?"))
    assert "罗湖区" in page.evaluate("() => decodeURIComponent(location.search)")  # a reload keeps the district
    bar = page.locator(".st-key-present-bar")
    expect(bar.get_by_test_id("stHeading")).to_contain_text("罗湖区 · 2025")
    expect(bar).to_contain_text("示例数据")
    expect(bar).to_contain_text("数据截至")
    wait_drawn(page, "overview")
    got = assert_fits_screen(page, "overview")
    assert got["kpiPx"] and min(got["kpiPx"]) >= 48, got["kpiPx"]
    assert got["bg"] == "rgb(11, 26, 46)"  # the dark theme

    start, seen = slide_index(page), []
    t0 = time.monotonic()
    for _ in range(2):
        before = slide_index(page)
        page.wait_for_function(f"() => document.querySelector('.present-progress').dataset.slide !== '{before}'",
                               timeout=15_000)
        seen.append((slide_index(page), round(time.monotonic() - t0, 1)))
    assert [s for s, _ in seen] == [(start + 1) % 5, (start + 2) % 5]
    # two turns at 3 s each; the timer is Streamlit's fragment run_every, so allow a run's worth of slack
    assert seen[-1][1] <= 2 * 3 + 5, seen
    assert external == [], external
    assert PAGE_ERRORS.get(page, []) == []
    print(f"slide turns (index, seconds since the first slide was drawn): {seen}")


def test_keys_walk_every_slide_which_fits_the_screen(server_url, browser_page):
    page, external = browser_page
    page.set_viewport_size(SCREEN)
    open_app(page, server_url, "/present?district=罗湖区&interval=600", ready=SLIDE)
    for i, name in enumerate(NAMES):
        assert slide_index(page) == i
        wait_drawn(page, name)
        assert_fits_screen(page, name)
        save_artifact(page, f"present-{i + 1}-{name}")
        rerun_after(page, lambda: page.keyboard.press("ArrowRight"), ready=f'.present-progress[data-slide="{(i + 1) % 5}"]')
    assert slide_index(page) == 0
    rerun_after(page, lambda: page.keyboard.press("ArrowLeft"), ready='.present-progress[data-slide="4"]')
    pause = page.locator(".st-key-present-pause button")
    expect(pause).to_contain_text("暂停")
    rerun_after(page, lambda: page.keyboard.press("Space"), ready=page.locator(".st-key-present-pause button", has_text="继续"))
    expect(page.locator(".present-progress")).to_contain_text("已暂停")
    assert external == [], external


def test_exit_returns_to_the_overview_and_the_sidebar_link_comes_back(server_url, browser_page):
    page, external = browser_page
    page.set_viewport_size(SCREEN)
    open_app(page, server_url, "/present?district=罗湖区&interval=600", ready=SLIDE)
    rerun_after(page, lambda: page.locator(".st-key-present-exit button").click(),
                ready=page.get_by_test_id("stHeading").filter(has_text="总览"))
    expect(page).to_have_url(re.compile(r"/overview\?|/\?|/overview$"))
    assert "罗湖区" in page.evaluate("() => decodeURIComponent(location.search)")
    expect(page.get_by_test_id("stSidebar")).to_be_visible()  # the desk layout is back
    expect(page.get_by_test_id("stCaptionContainer").filter(has_text="罗湖区 ·").first).to_be_visible()
    enter = page.get_by_test_id("stSidebar").get_by_role("link", name="大屏模式").last
    rerun_after(page, enter.click, ready=SLIDE)
    expect(page.locator(".st-key-present-bar")).to_contain_text("罗湖区")
    expect(page.get_by_test_id("stSidebar")).to_be_hidden()
    assert external == [], external
