"""Who may overwrite the store from the browser.

A damaged store: rebuilding it as demo data is for anyone only while it held demo data; in 正式模式, or
when its mode cannot be read, only a 市级管理员 logged in earlier in the session (else: the command line).
An anonymous 演示模式 server: replace and restore on 数据管理 need a browser on the server itself, or the
demo-admin password from secrets ([demo] admin_password); browsing and merging stay open.
"""

from __future__ import annotations

import sqlite3
from dataclasses import replace

import pytest
import streamlit as st

from components.shell import auth, bootstrap
from models.access import CITY_ADMIN, Scope
from tests.conftest import ROOT, app_test


def _broken_app(monkeypatch, tmp_path):
    broken = tmp_path / "broken.db"
    broken.write_bytes(b"\x00garbage" * 512)
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{broken}")
    st.cache_data.clear()
    st.cache_resource.clear()
    return app_test.AppTest.from_file(str(ROOT / "app.py"), default_timeout=90)


def test_a_damaged_store_of_unknown_mode_cannot_be_rebuilt_by_a_visitor(tmp_path, monkeypatch):
    at = _broken_app(monkeypatch, tmp_path).run()
    assert not at.exception
    assert "数据库文件已损坏" in at.error[0].value
    assert not [b for b in at.button if b.key == "store.rebuild"]
    assert any("请联系系统管理员" in i.value for i in at.info)


def test_a_city_admin_logged_in_earlier_may_rebuild_it(tmp_path, monkeypatch):
    app = _broken_app(monkeypatch, tmp_path)
    app.session_state["auth.scope"] = Scope(role=CITY_ADMIN, actor="admin")
    at = app.run()
    assert not at.exception
    assert [b for b in at.button if b.key == "store.rebuild"]


def test_a_damaged_demo_store_may_be_rebuilt_by_anyone(tmp_path, monkeypatch):
    monkeypatch.setattr(bootstrap, "_damaged_store_origin", lambda path: "demo")
    at = _broken_app(monkeypatch, tmp_path).run()
    assert [b for b in at.button if b.key == "store.rebuild"]


def test_the_origin_of_a_damaged_file_is_read_only_when_readable(tmp_path):
    good = tmp_path / "x.db"
    with sqlite3.connect(good) as con:
        con.execute("CREATE TABLE datasetinfo (key TEXT PRIMARY KEY, value TEXT)")
        con.execute("INSERT INTO datasetinfo VALUES ('origin', 'import')")
    assert bootstrap._damaged_store_origin(good) == "import"
    garbage = tmp_path / "g.db"
    garbage.write_bytes(b"\x00garbage" * 512)
    assert bootstrap._damaged_store_origin(garbage) is None
    assert bootstrap._damaged_store_origin(tmp_path / "missing.db") is None


@pytest.fixture()
def remote(monkeypatch):
    """The browser is on another machine."""
    monkeypatch.setattr(auth, "_browser_on_this_machine", lambda: False)


def _data_page(app):
    at = app.run()
    at.switch_page("pages/data_admin.py").run()
    assert not at.exception, at.exception
    return at


def test_on_the_server_itself_replace_and_restore_stay_open(app):
    at = _data_page(app)
    assert not any("已锁定" in i.value or "不能替换或恢复" in i.value for i in at.info)
    assert not any(tt.key == "data.demo_password" for tt in at.text_input)


def test_from_another_machine_without_a_password_only_the_command_line(app, remote):
    at = _data_page(app)
    assert any("不能替换或恢复" in i.value and "在服务器上" in i.value and "演示管理密码" in i.value for i in at.info)
    assert not any(tt.key == "data.demo_password" for tt in at.text_input)
    assert not [b for b in at.button if b.key == "data.restore"]


def test_from_another_machine_the_demo_password_unlocks(app, remote, monkeypatch):
    real = auth.settings
    monkeypatch.setattr(auth, "settings", lambda: replace(real(), demo_admin_password="Demo-Pass-21"))
    at = _data_page(app)
    assert any(tt.key == "data.demo_password" for tt in at.text_input)
    at.text_input(key="data.demo_password").input("wrong")
    at = next(b for b in at.button if b.label == "解锁替换与恢复").click().run()
    assert any("不正确" in e.value for e in at.error)
    assert auth.DEMO_UNLOCK_KEY not in at.session_state
    at.text_input(key="data.demo_password").input("Demo-Pass-21")
    at = next(b for b in at.button if b.label == "解锁替换与恢复").click().run()
    assert not at.exception
    assert at.session_state[auth.DEMO_UNLOCK_KEY] is True
    assert not any(tt.key == "data.demo_password" for tt in at.text_input)


def test_settings_read_the_demo_password_from_secrets():
    from models.settings import from_secrets

    assert from_secrets({"demo": {"admin_password": "x y"}}, {}).demo_admin_password == "x y"
    assert from_secrets({"demo": {"admin_password": " "}}, {}).demo_admin_password is None
    assert from_secrets({}, {}).demo_admin_password is None
    assert "x y" not in repr(from_secrets({"demo": {"admin_password": "x y"}}, {}))

