"""The organisation tree in a real browser: three levels down from the city by clicking, back up with the
breadcrumb and with the browser's back button, deep links on a fresh page, all offline."""

from __future__ import annotations

import re
from urllib.parse import unquote

import pytest
from playwright.sync_api import Locator, Page, expect

from .harness import assert_healthy, map_frame, open_app, rerun_after, save_artifact, wait_for_charts, wait_for_runs

pytestmark = pytest.mark.browser

TITLE = "组织架构"
HEADER_PX = ROW_PX = 35  # st.dataframe's header and row height
NAME_X = 90  # inside the name column, right of the row-selection boxes
PATH = [("深圳市委", "P440300"), ("罗湖区委", "P440303"), ("南湖街道党工委", "P440303005"), ("渔民村社区党委", "P440303005014")]


def node_heading(page: Page, name: str) -> Locator:
    return page.locator('[data-testid="stHeading"] h3').filter(has_text=re.compile(f"^{re.escape(name)}$"))


def org_in_url(page: Page) -> str | None:
    found = re.search(r"[?&]org=([^&]+)", unquote(page.url))
    return found[1] if found else None


def crumb(page: Page, name: str) -> Locator:
    return page.get_by_test_id("stButton").filter(has_text=re.compile(f"^{re.escape(name)}$"))


def click_child(page: Page, name: str) -> None:
    """Click the child's name in the children table (a canvas grid: its row is read from the grid's
    accessibility table, then the canvas is clicked there)."""
    grid = page.get_by_test_id("stTabs").get_by_test_id("stDataFrame").filter(visible=True).first
    grid.scroll_into_view_if_needed()
    cell = grid.locator('td[role="gridcell"]').filter(has_text=re.compile(f"^{re.escape(name)}$")).first
    expect(cell).to_have_count(1)
    row = int(cell.get_attribute("data-testid").rsplit("-", 1)[1])
    box = grid.bounding_box()
    rerun_after(page, lambda: page.mouse.click(box["x"] + NAME_X, box["y"] + HEADER_PX + ROW_PX * row + ROW_PX / 2),
                ready=node_heading(page, name))


def go_back(page: Page, name: str) -> None:
    before = page.evaluate("() => location.href")
    page.go_back()
    page.wait_for_function("(url) => location.href !== url", arg=before)
    wait_for_runs(page, 0, ready=node_heading(page, name))


def test_three_levels_down_and_back_up(server_url, browser_page):
    page, external = browser_page
    open_app(page, server_url, "/orgs", ready=node_heading(page, "深圳市委"))
    assert_healthy(page, external, TITLE)
    map_frame(page)  # the node card's map loads from local assets
    wait_for_charts(page)

    for name, code in PATH[1:]:
        click_child(page, name)
        assert org_in_url(page) == code
        expect(crumb(page, "深圳市委")).to_be_visible()
    save_artifact(page, "orgs-community")
    # the breadcrumb: every level above is a link back up
    for name, _ in PATH[:-1]:
        expect(crumb(page, name)).to_be_visible()
    expect(page.get_by_text("暂无", exact=False)).to_have_count(0)  # 罗湖 has grids below its communities

    rerun_after(page, crumb(page, "罗湖区委").click, ready=node_heading(page, "罗湖区委"))
    assert org_in_url(page) == "P440303"
    expect(crumb(page, "南湖街道党工委")).to_have_count(0)

    # the browser's back button retraces every step, one node at a time
    go_back(page, "渔民村社区党委")
    assert org_in_url(page) == "P440303005014"
    go_back(page, "南湖街道党工委")
    assert org_in_url(page) == "P440303005"
    go_back(page, "罗湖区委")
    assert org_in_url(page) == "P440303"
    go_back(page, "深圳市委")
    assert org_in_url(page) in (None, "P440300")
    assert_healthy(page, external, TITLE)
    assert external == []


def test_a_copied_link_opens_the_same_node_on_a_fresh_page(server_url, browser_page):
    page, external = browser_page
    open_app(page, server_url, "/orgs?org=P440303005014G01B1", ready=node_heading(page, "渔民村社区第1网格1栋党小组"))
    for name in ("深圳市委", "罗湖区委", "南湖街道党工委", "渔民村社区党委", "渔民村社区第1网格党支部"):
        expect(crumb(page, name)).to_be_visible()
    expect(page.get_by_test_id("stMetric").first).to_be_visible()
    map_frame(page)
    assert_healthy(page, external, TITLE)
    save_artifact(page, "orgs-building-group")


def test_an_unknown_code_explains_and_shows_the_nearest_level(server_url, browser_page):
    page, external = browser_page
    open_app(page, server_url, "/orgs?org=P440303005014G01B9", ready=node_heading(page, "渔民村社区第1网格党支部"))
    expect(page.get_by_test_id("stAlert").filter(has_text="不存在")).to_be_visible()
    assert_healthy(page, external, TITLE)


def test_search_jumps_to_the_node(server_url, browser_page):
    page, external = browser_page
    open_app(page, server_url, "/orgs", ready=node_heading(page, "深圳市委"))
    box = page.get_by_test_id("stTextInput").get_by_role("textbox")
    box.fill("玉岭花园")
    rerun_after(page, lambda: box.press("Enter"), ready=page.get_by_test_id("stButton").filter(has_text="玉岭花园党支部"))
    rerun_after(page, page.get_by_test_id("stButton").filter(has_text="玉岭花园党支部").first.click,
                ready=node_heading(page, "玉岭花园党支部"))
    expect(crumb(page, "南湾街道党工委")).to_be_visible()
    assert org_in_url(page) is not None
    assert_healthy(page, external, TITLE)
