"""Names are text in the real browser: a store whose 罗湖 organisations, centres and buildings are named with
Markdown and HTML (an image on the internet, bold, <b>, a javascript: link) shows them as typed on every
page, and no request leaves the machine (every non-local request is blocked and listed)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import expect
from sqlalchemy import text
from sqlmodel import Session

from models.db import make_engine
from tests.data.importing_support import copy_store

from .harness import assert_healthy, open_app, rerun_after, start_server

pytestmark = pytest.mark.browser

HOSTILE = "**粗体** ![i](http://example.invalid/t.png) <b>x</b> [l](javascript:alert(1))"
TITLE = '[data-testid="stHeading"]'
LINKS = [("/orgs?org=P440303005&district=罗湖区", "组织架构"), ("/orgs?org=P440303", "组织架构"),
         ("/centres?district=罗湖区", "阵地地图"), ("/buildings?district=罗湖区", "楼宇党建覆盖"),
         ("/ratings?district=罗湖区", "支部评级"), ("/present?district=罗湖区", None), ("/?district=罗湖区", "总览")]
RENDERED_MARKUP = """() => {
  const main = document.querySelector('[data-testid="stMain"]');
  return {
    images: [...document.querySelectorAll('img')].map(i => i.src).filter(s => s.includes('example.invalid')),
    bold: [...main.querySelectorAll('[data-testid="stMarkdownContainer"] strong, [data-testid="stMarkdownContainer"] b')]
            .map(b => b.textContent).filter(t => t === '粗体' || t === 'x'),
    links: [...main.querySelectorAll('a')].map(a => a.getAttribute('href') || '').filter(h => h.startsWith('javascript')),
  };
}"""


@pytest.fixture(scope="module")
def hostile_url(browser_store, tmp_path_factory) -> Iterator[str]:
    store = copy_store(browser_store, tmp_path_factory.mktemp("hostile") / "hostile.db")
    engine = make_engine(store.url)
    with Session(engine) as s:
        s.exec(text("UPDATE partyorg SET name = :n || ' ' || code WHERE code = 'P440303' OR code LIKE 'P440303005%'"),
               params={"n": HOSTILE})
        for table in ("servicecenter", "building"):
            s.exec(text(f"UPDATE {table} SET name = :n || ' ' || code "
                        "WHERE district_id = (SELECT id FROM region WHERE name = '罗湖区')"), params={"n": HOSTILE})
        s.commit()
    engine.dispose()
    server = start_server(store.url, tmp_path_factory.mktemp("hostile-logs"))
    yield server.url
    server.stop()


@pytest.mark.parametrize(("link", "title"), LINKS)
def test_hostile_names_render_as_text_and_nothing_leaves_the_machine(hostile_url, browser_page, link, title):
    page, external = browser_page
    open_app(page, hostile_url, link, ready=TITLE if title else ".st-key-present-slide")
    if title:
        assert_healthy(page, external, title)
    if link.startswith("/orgs"):
        expect(page.get_by_text("**粗体**", exact=False).first).to_be_visible()  # shown as typed
        box = page.get_by_test_id("stMain").get_by_role("textbox").first
        rerun_after(page, lambda: (box.fill("粗体"), box.press("Enter")))
    found = page.evaluate(RENDERED_MARKUP)
    assert found == {"images": [], "bold": [], "links": []}, f"{link}: markup rendered from names: {found}"
    assert external == [], f"{link}: requests to other hosts (blocked): {external}"
