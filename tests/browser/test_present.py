"""大屏模式 in a real browser at the meeting-room sizes (1366x768, 1920x1080, 3840x2160) and on a phone:
every slide fits the screen with nothing cut, KPI numbers readable from 5 m, the map dark with its
outlines drawn, slides turning on time with nothing blank between them, Esc back to where one came from,
nothing fetched from the internet. Screenshots of each size go to docs/screenshots/ for the README."""

from __future__ import annotations

import re
import statistics
import time

import pytest
from playwright.sync_api import Page, expect

from .harness import PAGE_ERRORS, ROOT, open_app, rerun_after, save_artifact, save_committed_shot, wait_for_charts

pytestmark = pytest.mark.browser

SCREENS = {"1366x768": (1366, 768), "1920x1080": (1920, 1080), "3840x2160": (3840, 2160)}
NAMES = ("overview", "map", "buildings", "ratings", "focus")
STAGE = ".st-key-present-slide"
SHOTS = ROOT / "docs" / "screenshots"

# What a viewer would notice on the slide now shown: the page scrolling, a box sticking out of the
# stage, text cut by its box, a chart label shortened with an ellipsis, KPI numbers too small.
SLIDE_CHECK = """(i) => {
  const doc = document.documentElement, stage = document.querySelector('.st-key-present-slide');
  const slide = document.querySelector('.st-key-present-slide-' + i);
  const box = e => e.getBoundingClientRect();
  const st = box(stage), out = [];
  const shown = e => { const r = box(e); return r.width > 0 && r.height > 0; };
  for (const e of slide.querySelectorAll('[data-testid="stElementContainer"], [class*="st-key-present-"]')) {
    if (!shown(e)) continue;
    const r = box(e);
    if (r.bottom > st.bottom + 1 || r.right > st.right + 1 || r.top < st.top - 1 || r.left < st.left - 1)
      out.push('outside the stage: ' + (e.className || e.dataset.testid).slice(0, 80) + ' ' + JSON.stringify([r.top, r.bottom, st.bottom]));
  }
  const texts = slide.querySelectorAll('.present-h, [data-testid="stMetricLabel"] p, [data-testid="stMetricValue"] > div, .present-attribution, [data-testid="stAlert"] p');
  for (const e of texts) {
    if (e.scrollWidth > e.clientWidth + 1 || e.scrollHeight > e.clientHeight + 2) out.push('cut text: ' + e.textContent);
  }
  for (const t of slide.querySelectorAll('svg text')) if (t.textContent.includes('…')) out.push('chart label cut: ' + t.textContent);
  for (const g of slide.querySelectorAll('[data-testid="stVegaLiteChart"]')) {
    const p = g.parentElement.getBoundingClientRect(), s = g.querySelector('svg');
    if (!s) { out.push('chart not drawn'); continue; }
    const r = s.getBoundingClientRect();
    if (r.height < 40 || r.bottom > st.bottom + 1) out.push('chart box: ' + JSON.stringify([r.top, r.bottom, st.bottom]));
  }
  const kpis = [...slide.querySelectorAll('[data-testid="stMetricValue"]')].map(k => parseFloat(getComputedStyle(k).fontSize));
  return {problems: out, kpiPx: kpis, docH: doc.scrollHeight, docW: doc.scrollWidth, innerH: innerHeight, innerW: innerWidth,
          visible: getComputedStyle(slide).visibility, current: doc.dataset.presentSlide,
          bar: document.querySelector('.present-bar').innerText, clock: document.querySelector('.present-bar .clock').textContent,
          ticker: document.querySelector('.present-ticker').innerText,
          barBottom: box(document.querySelector('.present-bar')).bottom, footBottom: box(document.querySelector('.st-key-present-foot')).bottom};
}"""

MAP_CHECK = """() => {
  const slide = document.querySelector('.st-key-present-slide-1'), svg = slide.querySelector('[data-testid="stVegaLiteChart"] svg');
  const paths = [...svg.querySelectorAll('path')].filter(p => (p.getAttribute('stroke') || '').toLowerCase() === '#8fb4e3');
  const legend = [...svg.querySelectorAll('.role-legend-label text')].map(t => parseFloat(t.getAttribute('font-size') || getComputedStyle(t).fontSize));
  const white = [...slide.querySelectorAll('*')].filter(e => e.checkVisibility() && e.getClientRects().length
      && getComputedStyle(e).backgroundColor === 'rgb(255, 255, 255)').length;
  return {outlines: paths.length, legendPx: legend, bg: getComputedStyle(slide).backgroundColor, whiteBoxes: white,
          iframes: slide.querySelectorAll('iframe').length, note: slide.querySelector('.present-attribution').textContent};
}"""


def open_present(page: Page, server_url: str, query: str) -> None:
    open_app(page, server_url, f"/present?{query}", ready=STAGE)
    page.wait_for_function("() => document.documentElement.dataset.presentSlide !== undefined", timeout=30_000)
    wait_for_charts(page)


def current(page: Page) -> int:
    return int(page.evaluate("() => document.documentElement.dataset.presentSlide"))


def freeze_clock(page: Page) -> None:
    """A committed screenshot must not change with the time of day."""
    page.evaluate("""() => { const d = window.__presentDeck; if (d) { clearInterval(d.timer); d.timer = 1; }
        document.querySelector('.present-bar .clock').textContent = '09:30:00';
        document.querySelector('.present-bar .date').textContent = '2026-01-05'; }""")


@pytest.mark.parametrize("size", list(SCREENS))
def test_every_slide_fits_the_screen_with_nothing_cut(server_url, browser_page, size):
    page, external = browser_page
    w, h = SCREENS[size]
    page.set_viewport_size({"width": w, "height": h})
    open_present(page, server_url, "district=罗湖区&interval=600")
    for i, name in enumerate(NAMES):
        assert current(page) == i
        got = page.evaluate(SLIDE_CHECK, i)
        assert got["visible"] == "visible", got
        assert got["docH"] <= h and got["docW"] <= w, f"{size} {name}: the page scrolls: {got}"
        assert got["problems"] == [], f"{size} {name}: {got['problems']}"
        assert got["kpiPx"] and min(got["kpiPx"]) >= 0.05 * h, f"{size} {name}: KPI numbers {got['kpiPx']} px"
        assert "数据截至" in got["bar"] and "示例数据" in got["bar"] and re.fullmatch(r"\d\d:\d\d:\d\d", got["clock"])
        assert got["footBottom"] <= h + 1  # the controls are on screen too
        assert "软弱涣散" in got["ticker"]
        if name == "map":
            m = page.evaluate(MAP_CHECK)
            assert m["outlines"] >= 1, m  # the district outline is drawn
            assert m["iframes"] == 0 and m["whiteBoxes"] == 0, m  # no tile frame, no white control
            assert m["bg"] == "rgb(11, 26, 46)", m
            assert min(m["legendPx"]) >= 18 * h / 1080, m  # 18 px at 1080p, in proportion elsewhere
            assert "区界" in m["note"]
        if size == "1920x1080" or name in ("overview", "map"):
            save_artifact(page, f"present-{size}-{i + 1}-{name}")
        if name in ("overview", "map"):
            freeze_clock(page)
            save_committed_shot(page, SHOTS / f"present-{size}-{name}.png")
            page.evaluate("() => { const d = window.__presentDeck; if (d) d.timer = null; }")
        page.keyboard.press("ArrowRight")
        if i < len(NAMES) - 1:
            page.wait_for_function(f"() => document.documentElement.dataset.presentSlide === '{i + 1}'", timeout=5_000)
            wait_for_charts(page)
    assert external == [], external
    assert PAGE_ERRORS.get(page, []) == []


def test_a_phone_gets_every_slide_stacked_and_readable(server_url, browser_page):
    page, external = browser_page
    page.set_viewport_size({"width": 390, "height": 844})
    open_present(page, server_url, "district=罗湖区&interval=600")
    got = page.evaluate("""() => {
      const bad = [], doc = document.documentElement;
      const slides = [...document.querySelectorAll('[class*="st-key-present-slide-"]')];
      for (const e of document.querySelectorAll('.present-bar span, .present-h, [data-testid="stMetricLabel"] p, [data-testid="stMetricValue"] > div, .present-ticker .head')) {
        const r = e.getBoundingClientRect();
        if (r.width === 0) continue;
        if (r.right > innerWidth + 1 || e.scrollWidth > e.clientWidth + 1) bad.push('cut: ' + e.textContent);
        if (parseFloat(getComputedStyle(e).fontSize) < 12) bad.push('small: ' + e.textContent);
      }
      return {bad, docW: doc.scrollWidth, visible: slides.map(s => getComputedStyle(s).visibility),
              tops: slides.map(s => Math.round(s.getBoundingClientRect().top)),
              title: document.querySelector('.present-bar .title').getBoundingClientRect().height,
              charts: [...document.querySelectorAll('[data-testid="stVegaLiteChart"] svg')].map(s => Math.round(s.getBoundingClientRect().width))};
    }""")
    assert got["docW"] <= 390, got
    assert got["bad"] == [], got["bad"]
    assert got["visible"] == ["visible"] * 5, got  # every slide on the page, one under the other
    assert got["tops"] == sorted(got["tops"]) and len(set(got["tops"])) == 5, got
    assert got["charts"] and min(got["charts"]) >= 300 and max(got["charts"]) <= 390, got
    save_artifact(page, "present-phone")
    freeze_clock(page)
    save_committed_shot(page, SHOTS / "present-phone.png")
    assert external == [], external


def test_slides_turn_on_time_with_nothing_blank_between(server_url, browser_page):
    """Ten turns at a 3 s interval, timed in the browser; at each turn the new slide is already drawn."""
    page, external = browser_page
    page.set_viewport_size({"width": 1920, "height": 1080})
    open_present(page, server_url, "district=罗湖区&interval=3")
    page.evaluate("""() => {
      window.__turns = [];
      new MutationObserver(() => {
        const i = document.documentElement.dataset.presentSlide, s = document.querySelector('.st-key-present-slide-' + i);
        const drawn = [...s.querySelectorAll('[data-testid="stVegaLiteChart"] svg')].filter(g => g.getBoundingClientRect().height > 40).length;
        window.__turns.push({i: Number(i), t: performance.now(), drawn, visible: getComputedStyle(s).visibility,
                             bg: getComputedStyle(s).backgroundColor});
      }).observe(document.documentElement, {attributes: true, attributeFilter: ['data-present-slide']});
    }""")
    page.wait_for_function("() => window.__turns.length >= 11", timeout=60_000, polling=500)
    turns = page.evaluate("() => window.__turns")[:11]
    gaps = [round((b["t"] - a["t"]) / 1000, 2) for a, b in zip(turns, turns[1:])]
    print(f"seconds between turns at interval=3: {gaps} (mean {statistics.mean(gaps):.2f})")
    assert all(abs(g - 3) <= 2 for g in gaps), gaps
    assert [t["i"] for t in turns] == [(turns[0]["i"] + k) % 5 for k in range(11)]
    assert all(t["drawn"] >= 1 and t["visible"] == "visible" and t["bg"] == "rgb(11, 26, 46)" for t in turns), turns
    assert external == [], external


def test_keys_pause_and_walk_and_esc_goes_back_where_one_came_from(server_url, browser_page):
    page, external = browser_page
    page.set_viewport_size({"width": 1366, "height": 768})
    open_app(page, server_url, "/centres?district=罗湖区", ready=page.get_by_test_id("stHeading").filter(has_text="阵地地图"))
    enter = page.get_by_test_id("stSidebar").get_by_role("link", name="大屏模式").last
    rerun_after(page, enter.click, ready=STAGE)
    page.wait_for_function("() => document.documentElement.dataset.presentSlide === '0'", timeout=30_000)
    expect(page.get_by_test_id("stSidebar")).to_be_hidden()
    page.keyboard.press("ArrowLeft")
    assert current(page) == 4
    assert "slide=5" in page.url  # a reload reopens the same slide
    page.keyboard.press("Space")
    expect(page.locator(".present-controls .status")).to_have_text("已暂停")
    expect(page.locator(".present-controls button.pause")).to_have_text("继续")
    time.sleep(1)
    assert current(page) == 4
    page.keyboard.press("ArrowRight")
    assert current(page) == 0
    rerun_after(page, lambda: page.keyboard.press("Escape"),
                ready=page.get_by_test_id("stHeading").filter(has_text="阵地地图"))
    expect(page).to_have_url(re.compile(r"/centres(\?|$)"))
    query = page.evaluate("() => decodeURIComponent(location.search)")
    assert "district=罗湖区" in query
    assert not re.search(r"(^|[?&])(slide|interval|present)=", query), query
    expect(page.get_by_test_id("stSidebar")).to_be_visible()
    time.sleep(1.5)  # the deck's clock has stopped: it writes nothing into this page's URL
    assert "slide=" not in page.url
    assert external == [], external
