"""Both documented start commands serve every page link as the very first request of a fresh server.

With a pages/ folder beside app.py Streamlit would start in its v1 pages-folder mode: the first request
to /ratings would run pages/ratings.py without the router, and /data (a v1 page would be /data_admin)
would answer "Page not found". app.py defines its st.App, which both commands import before the first
session, and declares the st.navigation router there (components/compat.py). That state is global to the
process, so every (command, page) pair gets a server of its own. In 正式模式 the first thing shown is the login
screen, and the login opens the dashboard without an error.
"""

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

from .harness import assert_healthy, assert_page_found, open_app, rerun_after, sidebar_selectbox, start_server

pytestmark = pytest.mark.browser

COMMANDS = ("streamlit-run", "python")
TITLE = '[data-testid="stHeading"]'
SLIDE = ".st-key-present-slide"
DISTRICT, YEAR = "罗湖区", "2023"
FILTERS = f"district={DISTRICT}&year={YEAR}"
# (link, title shown, whether the sidebar filter is drawn)
LINKS = [
    pytest.param("/orgs?org=P440303", "组织架构", True, id="orgs"),
    pytest.param(f"/ratings?year={YEAR}", "支部评级", True, id="ratings"),
    pytest.param("/centres", "阵地地图", True, id="centres"),
    pytest.param("/buildings", "楼宇党建覆盖", True, id="buildings"),
    pytest.param("/present", None, False, id="present"),
    pytest.param("/team", "队伍建设", True, id="team"),
    pytest.param("/standards", "社区党建标准化考核", True, id="standards"),
    pytest.param("/projects", "项目认领", True, id="projects"),
    pytest.param("/alerts", "问题清单", True, id="alerts"),
    pytest.param("/data", "数据管理", True, id="data"),
    pytest.param("/overview", "总览", True, id="overview"),
    pytest.param("/", "总览", True, id="root"),
]
PASSWORD = "Start-Kommando-9"


def with_filters(link: str) -> str:
    if "year=" in link:
        return f"{link}&district={DISTRICT}"
    return f"{link}{'&' if '?' in link else '?'}{FILTERS}"


@pytest.fixture(scope="module")
def formal_store(browser_store, tmp_path_factory) -> str:
    """A copy of the demo store marked as imported (正式模式) with a city administrator."""
    store = copy_store(browser_store, tmp_path_factory.mktemp("start-formal") / "formal.db")
    engine = make_engine(store.url)
    with Session(engine) as s:
        s.get(DatasetInfo, "origin").value = "import"
        accounts.create(s, username="admin", display_name="王管理", role="city_admin", password=PASSWORD,
                        now=datetime.now(timezone.utc), actor="test")
        s.commit()
    engine.dispose()
    return store.url


@pytest.fixture()
def fresh(tmp_path) -> Iterator:
    servers = []

    def start(store: str, command: str):
        server = start_server(store, tmp_path / "logs", command=command)
        servers.append(server)
        return server.url

    yield start
    for server in servers:
        server.stop()


def assert_page_with_filters(page: Page, external: list[str], title: str | None, sidebar: bool) -> None:
    assert_page_found(page)
    if title is None:  # 大屏模式: slides, no menus
        expect(page.locator(SLIDE)).to_be_visible()
        expect(page.get_by_test_id("stException")).to_have_count(0)
        assert external == []
        return
    assert_healthy(page, external, title)
    expect(page.get_by_test_id("stMain").get_by_test_id("stHeading").first).to_have_text(title)
    if sidebar:
        expect(sidebar_selectbox(page, "区")).to_have_value(DISTRICT)
        expect(sidebar_selectbox(page, "年度")).to_have_value(YEAR)


@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize(("link", "title", "sidebar"), LINKS)
def test_a_page_link_is_the_first_request_of_a_fresh_server(fresh, browser_store, browser_page, command, link,
                                                             title, sidebar):
    page, external = browser_page
    url = fresh(browser_store, command)
    open_app(page, url, with_filters(link), ready=SLIDE if title is None else TITLE)
    assert_page_with_filters(page, external, title, sidebar)


@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize(("link", "title"), [("/orgs?org=P440303", "组织架构"), ("/data", "数据管理"),
                                            ("/ratings", "支部评级")])
def test_in_formal_mode_a_first_page_link_shows_the_login_then_its_page_and_a_reload_stays(fresh, formal_store,
                                                                                          browser_page, command,
                                                                                          link, title):
    page, external = browser_page
    url = fresh(formal_store, command)
    open_app(page, url, link, ready='[data-testid="stForm"]')
    assert_page_found(page)
    expect(page.get_by_test_id("stMain").get_by_test_id("stHeading").first).to_have_text("登录")
    expect(page.get_by_test_id("stException")).to_have_count(0)
    page.get_by_label("用户名").fill("admin")
    page.get_by_label("密码", exact=True).fill(PASSWORD)
    rerun_after(page, lambda: page.get_by_test_id("stFormSubmitButton").click(), ready='[data-testid="stSidebarNav"]')
    expect(page.get_by_test_id("stException")).to_have_count(0)
    expect(page.get_by_test_id("stSidebar")).to_contain_text("王管理")
    assert_page_found(page)
    heading = page.get_by_test_id("stMain").get_by_test_id("stHeading").first
    expect(heading).to_have_text(title)  # the page the link named, not 总览
    for _ in range(50):  # the login's cookie is handed in right after the run
        if any(c["name"] == "dashboard_session" for c in page.context.cookies()):
            break
        page.wait_for_timeout(200)
    page.reload()
    page.wait_for_selector('[data-testid="stSidebarNav"]', timeout=30_000)
    expect(heading).to_have_text(title)
    expect(page.get_by_test_id("stSidebar")).to_contain_text("王管理")
    assert_page_found(page)
    assert external == []
