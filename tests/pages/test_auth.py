"""AppTest of the login gate: 正式模式 shows nothing but the login form until a valid login; 演示模式 needs none."""

from __future__ import annotations

import time
from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from models import accounts
from models.access import CITY_ADMIN, DISTRICT_LEADER, Scope
from models.db import make_engine
from models.tables import AuditEntry, DatasetInfo, LoginSession
from tests.conftest import new_app
from tests.data.importing_support import copy_store

PASSWORD = "Richtig-Passwort-9"


@pytest.fixture()
def formal_store(demo_db, tmp_path):
    """A copy of the demo store marked as imported data (正式模式) with two accounts."""
    store = copy_store(demo_db, tmp_path / "formal.db")
    engine = make_engine(store.url)
    now = datetime.now(timezone.utc)
    with Session(engine) as s:
        s.get(DatasetInfo, "origin").value = "import"
        accounts.create(s, username="admin", display_name="王管理", role=CITY_ADMIN, password=PASSWORD, now=now,
                        actor="test")
        accounts.create(s, username="ft", display_name="李区长", role=DISTRICT_LEADER, district="福田区",
                        password=PASSWORD, email="li@example.cn", now=now, actor="test")
        s.commit()
    engine.dispose()
    return store


@pytest.fixture()
def formal(formal_store, monkeypatch):
    return new_app(formal_store.url, monkeypatch)


def audit(store) -> list[tuple[str, str, str]]:
    engine = make_engine(store.url)
    try:
        with Session(engine) as s:
            return [tuple(r) for r in s.execute(select(AuditEntry.actor, AuditEntry.action, AuditEntry.detail)
                                                 .where(AuditEntry.action.like("log%")).order_by(AuditEntry.id))]
    finally:
        engine.dispose()


def log_in(at, username: str, password: str):
    at.text_input(key="auth.username").input(username)
    at.text_input(key="auth.password").input(password)
    return at.button(key="auth.submit").click().run()


def sidebar_text(at) -> str:
    return " ".join(m.value for m in at.sidebar.markdown) + " " + " ".join(c.value for c in at.sidebar.caption)


def shows_only_the_login_form(at) -> bool:
    return (
        [t.value for t in at.title] == ["登录"]
        and [w.label for w in at.text_input] == ["用户名", "密码"]
        and not at.metric and not at.dataframe and not at.selectbox  # no figures, tables nor filters
    )


def test_formal_store_without_login_shows_only_the_login_form(formal):
    at = formal.run()
    assert not at.exception
    assert shows_only_the_login_form(at)
    assert "正式模式" in sidebar_text(at)


def test_a_deep_link_without_login_shows_the_login_form_too(formal):
    formal.query_params["org"] = "1"
    at = formal.run()
    at.switch_page("pages/orgs.py").run()
    assert not at.exception
    assert shows_only_the_login_form(at)


def test_a_page_run_without_the_router_stops_at_the_login_form(formal_store, monkeypatch):
    at = new_app(formal_store.url, monkeypatch, "pages/data_admin.py").run()
    assert not at.exception
    assert shows_only_the_login_form(at)


def test_wrong_password_is_refused_and_audited_without_the_password(formal, formal_store):
    at = log_in(formal.run(), "ft", "falsch-falsch")
    assert [e.value for e in at.error] == ["用户名或密码不正确。"]
    assert shows_only_the_login_form(at)
    lines = audit(formal_store)
    assert lines == [("ft", "login_failed", "wrong password (1/5)")]
    assert "falsch-falsch" not in repr(lines)


def test_repeated_failures_lock_the_account(formal, formal_store):
    formal.secrets["login"] = {"max_failed_attempts": 2, "lockout_minutes": 10}
    at = formal.run()
    log_in(at, "ft", "falsch-1")
    at = log_in(at, "ft", "falsch-2")
    assert "账号已锁定" in at.error[0].value and "10 分钟" in at.error[0].value
    at = log_in(at, "ft", PASSWORD)  # the right password does not open a locked account
    assert "账号已锁定" in at.error[0].value
    assert shows_only_the_login_form(at)
    assert [a for _, a, _ in audit(formal_store)] == ["login_failed", "login_locked", "login_refused"]


def test_correct_password_opens_the_pages_with_the_users_name(formal, formal_store):
    at = log_in(formal.run(), "ft", PASSWORD)
    assert not at.exception
    assert [t.value for t in at.title] == ["总览"]
    assert at.metric  # the overview's figures
    assert "李区长 · 区级领导" in sidebar_text(at) and "正式模式" in sidebar_text(at)
    assert not any(w.label == "用户名" for w in at.text_input)
    assert at.session_state["auth.scope"] == Scope(DISTRICT_LEADER, district_id=at.session_state["auth.scope"].district_id,
                                                   actor="ft")
    assert audit(formal_store) == [("ft", "login", "password")]


def test_only_the_city_administrator_gets_data_management(formal, formal_store, monkeypatch):
    at = log_in(formal.run(), "ft", PASSWORD)
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        at.switch_page("pages/data_admin.py")  # not in a district leader's navigation
    # ... and the page itself refuses a district leader even when run directly
    page = new_app(formal_store.url, monkeypatch, "pages/data_admin.py")
    page.session_state["auth.scope"] = at.session_state["auth.scope"]
    page.session_state["auth.last_seen"] = time.time()
    page.run()
    assert [e.value for e in page.error] == ["数据管理仅限市级管理员使用。"]
    assert not page.tabs
    admin = log_in(new_app(formal_store.url, monkeypatch).run(), "admin", PASSWORD)
    admin.switch_page("pages/data_admin.py").run()
    assert not admin.exception
    assert [t.value for t in admin.title] == ["数据管理"]
    # imports and backups are audited under the logged-in account: no name to type in
    assert not [w for w in admin.text_input if w.key == "data.actor"]
    assert not admin.button(key="data.backup_now").disabled


def test_in_demo_mode_whoever_imports_says_who_they_are(app):
    at = app.run()
    at.switch_page("pages/data_admin.py").run()
    assert at.text_input(key="data.actor").label == "操作人"
    assert at.button(key="data.backup_now").disabled


def _age_login_sessions(store, minutes: float) -> None:
    """As if the browser's last page view (in any tab) was `minutes` ago."""
    engine = make_engine(store.url)
    with engine.begin() as conn:
        conn.execute(update(LoginSession).values(
            last_seen_at=datetime.now(timezone.utc) - timedelta(minutes=minutes)))
    engine.dispose()


def test_inactivity_logs_out(formal, formal_store):
    at = log_in(formal.run(), "ft", PASSWORD)
    at.session_state["auth.last_seen"] = time.time() - 31 * 60  # the default timeout is 30 minutes
    _age_login_sessions(formal_store, 31)
    at.run()
    assert shows_only_the_login_form(at)
    assert [i.value for i in at.info] == ["超过 30 分钟未操作，已自动退出，请重新登录。"]
    assert audit(formal_store)[-1] == ("ft", "logout", "timeout")


def test_logout_button_and_a_disabled_account_end_the_session(formal, formal_store):
    at = log_in(formal.run(), "ft", PASSWORD)
    at.sidebar.button(key="auth.logout").click().run()
    assert shows_only_the_login_form(at)
    assert [i.value for i in at.info] == ["已退出登录。"]
    at = log_in(at, "ft", PASSWORD)
    assert [t.value for t in at.title] == ["总览"]
    engine = make_engine(formal_store.url)
    with Session(engine) as s:
        accounts.set_disabled(s, username="ft", disabled=True, now=datetime.now(timezone.utc), actor="admin")
        s.commit()
    engine.dispose()
    at.run()  # the next page view of the open session
    assert shows_only_the_login_form(at)
    assert [i.value for i in at.info] == ["账号已被停用，已退出登录。"]
    assert [(a, d) for _, a, d in audit(formal_store)] == [
        ("login", "password"), ("logout", "button"), ("login", "password"), ("logout", "revoked")]


def test_demo_store_is_demo_mode_without_login(app):
    at = app.run()
    assert not at.exception
    assert "演示模式" in sidebar_text(at)
    assert not any(w.label in ("用户名", "密码") for w in at.text_input)
    assert [t.value for t in at.title] == ["总览"]
    assert not [b for b in at.sidebar.button if b.label == "退出登录"]


OIDC = {"redirect_uri": "http://localhost:8501/oauth2callback", "cookie_secret": "x" * 32, "client_id": "dashboard",
        "client_secret": "s", "server_metadata_url": "http://localhost:9/.well-known/openid-configuration"}


def test_with_an_identity_provider_the_login_is_single_sign_on(formal):
    formal.secrets["auth"] = OIDC
    formal.user = {"is_logged_in": False}
    at = formal.run()
    assert not at.exception
    assert [b.label for b in at.button] == ["通过统一身份认证登录"]
    assert not at.text_input  # no password form


def test_a_provider_identity_maps_to_its_account_by_email(formal, formal_store):
    formal.secrets["auth"] = OIDC
    formal.user = {"is_logged_in": True, "email": "Li@Example.cn", "name": "Li"}
    at = formal.run()
    assert not at.exception
    assert [t.value for t in at.title] == ["总览"]
    assert "李区长 · 区级领导" in sidebar_text(at)
    assert audit(formal_store) == [("ft", "login", "oidc")]


def test_a_provider_identity_without_an_account_is_refused(formal, formal_store):
    formal.secrets["auth"] = OIDC
    formal.user = {"is_logged_in": True, "email": "stranger@example.cn"}
    at = formal.run()
    assert not at.exception
    assert [e.value for e in at.error] == [
        "统一身份认证账号 stranger@example.cn 没有对应的已启用账号，不能查看数据。请联系市级管理员开通。"]
    assert not at.metric and not at.selectbox
    at.run()
    assert audit(formal_store) == [("stranger@example.cn", "login_refused", "oidc: no account")]  # once


def _browser_cookie(monkeypatch, token):
    """What the browser sends with a new websocket (a reload, a new tab): the login's HttpOnly cookie."""
    from components.shell import session_cookie

    monkeypatch.setattr(session_cookie, "token_from_browser", lambda: token)


def test_a_new_tab_of_the_browser_is_logged_in_until_the_password_is_reset(formal, formal_store, monkeypatch):
    first = log_in(formal.run(), "ft", PASSWORD)
    token = first.session_state["auth.token"]
    _browser_cookie(monkeypatch, token)
    tab = new_app(formal_store.url, monkeypatch).run()  # a reload or a second tab: a new websocket session
    assert not tab.exception
    assert [t.value for t in tab.title] == ["总览"] and "李区长 · 区级领导" in sidebar_text(tab)
    engine = make_engine(formal_store.url)
    with Session(engine) as s:
        accounts.reset_password(s, username="ft", password="Neues-Passwort-8", now=datetime.now(timezone.utc),
                                actor="admin")
        s.commit()
    engine.dispose()
    for at in (first.run(), tab.run()):  # both end on their next page view
        assert shows_only_the_login_form(at)
        assert [i.value for i in at.info] == ["登录已失效（已在其他窗口退出、密码已重置或已超过有效期），请重新登录。"]
    again = new_app(formal_store.url, monkeypatch).run()  # and the cookie opens nothing any more
    assert shows_only_the_login_form(again)


def test_logging_out_in_one_tab_ends_the_others(formal, formal_store, monkeypatch):
    first = log_in(formal.run(), "ft", PASSWORD)
    _browser_cookie(monkeypatch, first.session_state["auth.token"])
    tab = new_app(formal_store.url, monkeypatch).run()
    assert "李区长 · 区级领导" in sidebar_text(tab)
    first.sidebar.button(key="auth.logout").click().run()
    assert shows_only_the_login_form(first)
    assert shows_only_the_login_form(tab.run())
    assert shows_only_the_login_form(new_app(formal_store.url, monkeypatch).run())


def test_an_idle_or_expired_login_does_not_come_back_with_the_cookie(formal, formal_store, monkeypatch):
    formal.secrets["login"] = {"session_hours": 1}
    first = log_in(formal.run(), "ft", PASSWORD)
    _browser_cookie(monkeypatch, first.session_state["auth.token"])
    _age_login_sessions(formal_store, 31)  # no page view in any tab for 31 minutes
    tab = new_app(formal_store.url, monkeypatch).run()
    assert shows_only_the_login_form(tab)
    assert [i.value for i in tab.info] == ["超过 30 分钟未操作，已自动退出，请重新登录。"]
    engine = make_engine(formal_store.url)
    with engine.begin() as conn:  # active all along, but logged in longer than session_hours
        conn.execute(update(LoginSession).values(last_seen_at=datetime.now(timezone.utc),
                                                 expires_at=datetime.now(timezone.utc) - timedelta(seconds=1)))
    engine.dispose()
    assert shows_only_the_login_form(first.run())


def test_a_login_while_an_import_holds_the_store_says_so_in_chinese_within_seconds(formal, formal_store):
    from data.importing.apply import begin_write

    at = formal.run()
    engine = make_engine(formal_store.url)
    held = begin_write(engine)  # an import's write lock, held for its whole run
    try:
        started = time.monotonic()
        at = log_in(at, "ft", PASSWORD)
        assert time.monotonic() - started < 10  # not SQLite's 30 s busy timeout
    finally:
        held.rollback()
        held.close()
        engine.dispose()
    assert not at.exception
    assert [e.value for e in at.error] == [
        "数据库正忙（可能正在导入或恢复数据），本次登录未能完成，请稍等片刻后重试。"]
    assert shows_only_the_login_form(at)
    at = log_in(at, "ft", PASSWORD)  # once the import is done, the same login goes through
    assert [t.value for t in at.title] == ["总览"]
