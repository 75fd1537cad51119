"""A copied link reopens the same page with the same filters, also as a fresh server's first session.

The first session after start is the one `python app.py` exists for (see the top of app.py): without it
Streamlit still treats pages/ as a v1 pages folder there and a link to a non-default page fails. That
state is global to the process, so one non-default page on a server of its own covers it; every page's
link is checked on the shared server. To cover a new page, add one line to DEEP_LINKS.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Page, expect

from .harness import (
    assert_healthy,
    assert_page_found,
    open_app,
    save_artifact,
    sidebar_selectbox,
    start_server,
)

pytestmark = pytest.mark.browser

TITLE = '[data-testid="stHeading"]'
DISTRICT, YEAR = "罗湖区", "2023"
FILTERS = f"district={DISTRICT}&year={YEAR}"

# (page path, page title); every page here has the sidebar filter and names the area in a caption
DEEP_LINKS = [
    pytest.param("/", "总览", id="overview"),
    pytest.param("/overview", "总览", id="overview-by-name"),  # a hidden alias of the default page
    pytest.param("/centres", "阵地地图", id="centres"),
    pytest.param("/buildings", "楼宇党建覆盖", id="buildings"),
    pytest.param("/orgs", "组织架构", id="orgs"),
    pytest.param("/ratings", "支部评级", id="ratings"),
]
FIRST_SESSION_LINK = ("/ratings", "支部评级")  # any non-default page


def assert_view_reopened(page: Page, external: list[str], title: str) -> None:
    assert_healthy(page, external, title)
    expect(sidebar_selectbox(page, "区")).to_have_value(DISTRICT)
    expect(sidebar_selectbox(page, "年度")).to_have_value(YEAR)
    caption = page.get_by_test_id("stMain").get_by_test_id("stCaptionContainer")
    expect(caption.filter(has_text=DISTRICT).filter(has_text=YEAR).first).to_be_visible()
    expect(page.get_by_test_id("stAlertContentWarning")).to_have_count(0)  # every value in the link was understood
    assert_page_found(page)


@pytest.fixture()
def fresh_server_url(browser_store, tmp_path) -> Iterator[str]:
    server = start_server(browser_store, tmp_path / "server-logs")
    yield server.url
    server.stop()


def test_deep_link_works_as_the_first_session_of_a_fresh_server(fresh_server_url, browser_page):
    page, external = browser_page
    path, title = FIRST_SESSION_LINK
    open_app(page, fresh_server_url, f"{path}?{FILTERS}", ready=TITLE)
    save_artifact(page, "deep-link-first-session")
    assert_view_reopened(page, external, title)


@pytest.mark.parametrize(("path", "title"), DEEP_LINKS)
def test_deep_link_opens_the_page_with_its_filters(server_url, browser_page, path, title):
    page, external = browser_page
    open_app(page, server_url, f"{path}?{FILTERS}", ready=TITLE)
    assert_view_reopened(page, external, title)


@pytest.mark.parametrize("lang", ["en", "English"])  # hand-written, and what Streamlit itself writes
def test_language_in_the_link_opens_english(server_url, browser_page, lang):
    page, external = browser_page
    open_app(page, server_url, f"/?lang={lang}&{FILTERS}", ready=TITLE)
    assert_healthy(page, external, "Overview")
    expect(page.get_by_test_id("stSidebar").get_by_role("radio", name="English", exact=True)).to_be_checked()
    expect(sidebar_selectbox(page, "District")).to_have_value(DISTRICT)
    expect(page.get_by_test_id("stAlertContentWarning")).to_have_count(0)


def test_unknown_district_in_the_link_is_explained(server_url, browser_page):
    page, external = browser_page
    open_app(page, server_url, "/?district=火星区", ready=TITLE)
    assert_healthy(page, external, "总览")
    warning = page.get_by_test_id("stAlertContentWarning").filter(has_text="火星区")
    expect(warning).to_be_visible()
    expect(warning).to_contain_text("不存在")
    expect(sidebar_selectbox(page, "区")).to_have_value("全市")  # fell back to the whole city
    assert_page_found(page)


def test_unknown_page_falls_back_to_the_main_page(server_url, browser_page):
    page, external = browser_page
    open_app(page, server_url, "/no-such-page", ready=TITLE)
    expect(page.get_by_role("dialog").filter(has_text="Page not found")).to_be_visible()
    assert_healthy(page, external, "总览")  # the main page ran underneath, without a Python error
    save_artifact(page, "deep-link-unknown-page")
