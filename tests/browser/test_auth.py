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
