"""正式模式 in the real browser: without a login only the login screen shows, on any link, and nothing leaves
the machine; the right password opens the dashboard."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timezone

import pytest
from playwright.sync_api import Page, expect
from sqlalchemy.orm import Session

from models import accounts
from models.db import make_engine
from models.tables import DatasetInfo
from tests.data.importing_support import copy_store

from .harness import PAGE_ERRORS, open_app, rerun_after, start_server

pytestmark = pytest.mark.browser

PASSWORD = "Browser-Passwort-7"
LOGIN_FORM = '[data-testid="stForm"]'


@pytest.fixture(scope="module")
def formal_url(browser_store, tmp_path_factory) -> Iterator[str]:
    """A fresh server on a copy of the demo store marked as imported (正式模式) with one account."""
    store = copy_store(browser_store, tmp_path_factory.mktemp("formal") / "formal.db")
    engine = make_engine(store.url)
    with Session(engine) as s:
        s.get(DatasetInfo, "origin").value = "import"
        accounts.create(s, username="ft", display_name="李区长", role="district_leader", district="福田区",
                        password=PASSWORD, now=datetime.now(timezone.utc), actor="test")
        s.commit()
    engine.dispose()
    server = start_server(store.url, tmp_path_factory.mktemp("formal-logs"))
    yield server.url
    server.stop()


def assert_only_login(page: Page, external: list[str]) -> None:
    main = page.get_by_test_id("stMain")
    expect(main.get_by_test_id("stHeading")).to_have_count(1)
    expect(main.get_by_test_id("stHeading")).to_have_text("登录")
    expect(page.get_by_label("用户名")).to_be_visible()
    expect(page.get_by_label("密码", exact=True)).to_be_visible()
    expect(page.get_by_test_id("stSidebarNav")).to_have_count(0)  # no page list
    for testid in ("stMetric", "stDataFrame", "stVegaLiteChart", "stSelectbox", "stException"):
        expect(page.get_by_test_id(testid)).to_have_count(0)
    expect(page.locator('iframe[title="streamlit_folium.st_folium"]')).to_have_count(0)
    expect(page.get_by_test_id("stSidebar")).to_contain_text("正式模式")
    assert external == [], f"requests to other hosts (blocked): {external}"
    assert PAGE_ERRORS.get(page, []) == []


@pytest.mark.parametrize("link", ["/orgs?org=2&district=福田区", "/", "/data", "/ratings?present=1"])
def test_without_login_only_the_login_screen_shows(formal_url, browser_page, link):
    page, external = browser_page
    open_app(page, formal_url, link, ready=LOGIN_FORM)
    assert_only_login(page, external)


def test_the_right_password_opens_the_dashboard(formal_url, browser_page):
    page, external = browser_page
    open_app(page, formal_url, "/", ready=LOGIN_FORM)
    page.get_by_label("用户名").fill("ft")
    page.get_by_label("密码", exact=True).fill("falsch-falsch")
    rerun_after(page, lambda: page.get_by_test_id("stFormSubmitButton").click(),
                ready='[data-testid="stAlertContentError"]')
    expect(page.get_by_test_id("stAlertContentError")).to_have_text("用户名或密码不正确。")
    expect(page.get_by_label("密码", exact=True)).to_have_value("")  # the form forgets the attempt
    page.get_by_label("用户名").fill("ft")
    page.get_by_label("密码", exact=True).fill(PASSWORD)
    rerun_after(page, lambda: page.get_by_test_id("stFormSubmitButton").click(), ready='[data-testid="stMetric"]')
    expect(page.get_by_test_id("stMain").get_by_test_id("stHeading").first).to_have_text("总览")
    expect(page.get_by_test_id("stSidebar")).to_contain_text("李区长 · 区级领导")
    expect(page.get_by_test_id("stSidebarNav")).not_to_contain_text("数据管理")
    assert external == []


def _log_in(page: Page, ready: str) -> None:
    page.get_by_label("用户名").fill("ft")
    page.get_by_label("密码", exact=True).fill(PASSWORD)
    rerun_after(page, lambda: page.get_by_test_id("stFormSubmitButton").click(), ready=ready)


def _session_cookie(page: Page) -> dict | None:
    return next((c for c in page.context.cookies() if c["name"] == "dashboard_session"), None)


def _wait_for_cookie(page: Page, *, present: bool) -> dict | None:
    """The page hands the cookie in (or has it cleared) right after the run; wait up to 10 s for it."""
    for _ in range(50):
        cookie = _session_cookie(page)
        if (cookie is not None) == present:
            return cookie
        page.wait_for_timeout(200)
    return _session_cookie(page)


def test_a_link_leads_through_the_login_to_its_page_and_the_login_survives_reloads_and_tabs(formal_url,
                                                                                             browser_page):
    page, external = browser_page
    link = "/ratings?year=2023&district=福田区&ratings.tab=trend"
    open_app(page, formal_url, link, ready=LOGIN_FORM)
    _log_in(page, ready='[data-testid="stSidebarNav"]')
    title = page.get_by_test_id("stMain").get_by_test_id("stHeading").first
    expect(title).to_have_text("支部评级")  # the page the link named, not 总览
    assert "/ratings" in page.url and "year=2023" in page.url
    expect(page.get_by_test_id("stSidebar")).to_contain_text("李区长 · 区级领导")
    cookie = _wait_for_cookie(page, present=True)
    assert cookie is not None and cookie["httpOnly"] and cookie["sameSite"] == "Strict"
    assert cookie["expires"] == -1  # a session cookie: the browser drops it when it closes
    assert page.evaluate("document.cookie").find("dashboard_session") == -1  # out of the page's reach
    # F5: still logged in, on the same page
    page.reload()
    page.wait_for_selector('[data-testid="stSidebarNav"]', timeout=30_000)
    expect(title).to_have_text("支部评级")
    expect(page.get_by_test_id("stSidebar")).to_contain_text("李区长 · 区级领导")
    # a new tab of the same browser
    tab = page.context.new_page()
    tab.goto(f"{formal_url}/centres")
    tab.wait_for_selector('[data-testid="stSidebarNav"]', timeout=30_000)
    expect(tab.get_by_test_id("stMain").get_by_test_id("stHeading").first).to_have_text("阵地地图")
    # logging out ends the login everywhere: the cookie goes, and the other tab's next view asks again
    rerun_after(page, lambda: page.get_by_test_id("stSidebar").get_by_role("button", name="退出登录").click(),
                ready=LOGIN_FORM)
    assert _wait_for_cookie(page, present=False) is None
    page.reload()
    page.wait_for_selector(LOGIN_FORM, timeout=30_000)
    assert_only_login(page, external)
    tab.reload()
    tab.wait_for_selector(LOGIN_FORM, timeout=30_000)
    tab.close()
    assert external == []
