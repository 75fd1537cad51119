"""The app on PostgreSQL: pages render, an import shows on every page, and the page says plainly that
backups are the database administrator's job (the app takes none there)."""

from __future__ import annotations

import pytest
import streamlit.testing.v1.app_test as app_test

from tests.conftest import ROOT
from tests.data.importing_support import csv_file, store  # noqa: F401 - fixture
from tests.pages.test_data_admin import CENTRE_HEADER, NEW_CENTRE, PAGE, metric, upload

pytestmark = pytest.mark.backends("postgresql")


@pytest.fixture()
def page(store, monkeypatch):
    import streamlit as st

    monkeypatch.setenv("DATABASE_URL", store.url)
    st.cache_data.clear()
    st.cache_resource.clear()
    at = app_test.AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.run()
    assert not at.exception
    yield at, store
    st.cache_resource.clear()  # the cached engine holds connections to the database the fixture drops


def test_an_import_on_postgresql_shows_at_once_and_says_who_backs_up(page):
    at, store = page
    assert metric(at, "党群服务中心") == "1,050 个"
    at.switch_page(PAGE).run()
    upload(at, "中心.csv", csv_file(CENTRE_HEADER, [NEW_CENTRE]), kind="centres")
    at.button(key="data.confirm").click().run()
    assert not at.exception
    done = at.success[0].value
    assert "新增 1 行" in done and "数据库管理员负责备份" in done and "已备份为" not in done
    assert store.count("servicecenter") == 1051
    assert any("pg_dump" in i.value for i in at.info)  # the backups tab: no list, no restore button
    assert not [b for b in at.button if b.key in ("data.backup_now", "data.restore")]
    at.switch_page("pages/overview.py").run()
    assert metric(at, "党群服务中心") == "1,051 个"


def test_the_replace_warning_on_postgresql_promises_no_backup(page):
    at, _store = page
    at.switch_page(PAGE).run()
    upload(at, "中心.csv", csv_file(CENTRE_HEADER, [NEW_CENTRE]), kind="centres", mode="replace")
    (warning,) = [w.value for w in at.warning if "清空全部示例数据" in w.value]
    assert "本程序不会在导入前备份" in warning and "导入前会自动备份" not in warning
