"""AppTest of 数据管理: upload, every problem at once, preview, confirm, caches cleared, backups, audit log."""

from __future__ import annotations

import pytest
import streamlit.testing.v1.app_test as app_test

from tests.conftest import ROOT
from tests.data.importing_support import BUILDING_HEADER, GOOD_BUILDING, copy_store, csv_file

PAGE = "pages/data_admin.py"
CENTRE_HEADER = ["编码", "名称", "层级", "所在区域编码", "经度", "纬度", "启用日期"]
NEW_CENTRE = ["C440303003-T901", "示例大厦党群服务中心", "商务楼宇", "440303003", "114.12391", "22.54716",
              "2024-07-01"]


@pytest.fixture()
def page(demo_db, tmp_path, monkeypatch):
    """The app on a demo store of this test's own (imports change it), opened on the data page."""
    import streamlit as st

    store = copy_store(demo_db, tmp_path / "store.db")
    monkeypatch.setenv("DATABASE_URL", store.url)
    st.cache_data.clear()
    st.cache_resource.clear()
    at = app_test.AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.run()
    at.switch_page(PAGE).run()
    assert not at.exception
    return at, store


def metric(at, label: str) -> str:
    return next(m.value for m in at.metric if m.label == label)


def upload(at, name: str, data: bytes, *, kind: str, mode: str | None = "merge", actor: str = "张三"):
    if actor:
        at.text_input(key="data.actor").input(actor).run()
    at.selectbox(key="data.kind").select(kind).run()
    if mode:
        at.radio(key="data.mode").set_value(mode).run()
    at.file_uploader(key="data.upload").set_value((name, data, "text/csv")).run()
    assert not at.exception
    return at


def test_page_offers_templates_and_explains_columns(page):
    at, _ = page
    assert at.title[0].value == "数据管理"
    assert any("示例数据" in c.value for c in at.caption)
    assert at.selectbox(key="data.kind").options[:2] == ["区域（街道、社区、网格）", "党组织"]
    assert {b.key for b in at.download_button} >= {"data.template_xlsx", "data.template_csv", "data.export_all"}
    explained = at.dataframe[0].value
    assert explained["列名"].tolist()[:4] == ["编码", "名称", "层级", "上级编码"]


def test_a_bad_file_lists_every_problem_with_row_and_column_and_writes_nothing(page):
    at, store = page
    before = store.checksum()
    rows = [GOOD_BUILDING[:3] + ["三十"] + GOOD_BUILDING[4:], GOOD_BUILDING[:8] + ["440399999"] + GOOD_BUILDING[9:]]
    upload(at, "楼宇.csv", csv_file(BUILDING_HEADER, rows, encoding="gbk", title="楼宇台账"), kind="buildings")
    assert "发现 4 个问题" in at.error[0].value  # bad floors, bad region, and the code given twice
    table = next(d.value for d in at.dataframe if "reason" in d.value.columns)
    assert list(zip(table["row"], table["column"], strict=True)) == [
        (3, "编码"), (3, "楼层数"), (4, "编码"), (4, "所在区域编码")]
    assert "应为数字" in table["reason"].iloc[1]
    assert {"data.problems.csv", "data.problems.xlsx"} <= {b.key for b in at.download_button}
    assert not [b for b in at.button if b.key == "data.confirm"]
    assert store.checksum() == before


def test_a_demo_store_asks_how_to_import_before_checking(page):
    at, _ = page
    upload(at, "中心.csv", csv_file(CENTRE_HEADER, [NEW_CENTRE]), kind="centres", mode=None)
    assert any("请先选择导入方式" in i.value for i in at.info)
    assert not at.metric or "新增" not in [m.label for m in at.metric]


def test_confirmed_import_shows_on_every_page_at_once(page):
    at, store = page
    at.switch_page("pages/overview.py").run()
    assert metric(at, "党群服务中心") == "1,050 个"  # cached now
    at.switch_page(PAGE).run()
    upload(at, "中心.csv", csv_file(CENTRE_HEADER, [NEW_CENTRE]), kind="centres")
    assert (metric(at, "新增"), metric(at, "更新"), metric(at, "不变")) == ("1", "0", "0")
    at.button(key="data.confirm").click().run()
    assert not at.exception
    assert "已导入 中心.csv" in at.success[0].value and "新增 1 行" in at.success[0].value
    assert store.count("servicecenter") == 1051
    at.switch_page("pages/overview.py").run()
    assert metric(at, "党群服务中心") == "1,051 个"
    assert any("示例数据" in m.value for m in at.sidebar.markdown)  # merged: still mostly demo data


def test_confirm_needs_an_operator(page):
    at, store = page
    upload(at, "中心.csv", csv_file(CENTRE_HEADER, [NEW_CENTRE]), kind="centres", actor="")
    assert at.button(key="data.confirm").disabled
    assert any("请先在页面上方填写操作人" in c.value for c in at.caption)


def test_replacing_demo_data_drops_the_demo_badge(page):
    at, store = page
    upload(at, "中心.csv", csv_file(CENTRE_HEADER, [NEW_CENTRE]), kind="centres", mode="replace")
    assert any("清空全部示例数据" in w.value for w in at.warning)
    at.button(key="data.confirm").click().run()
    assert not at.exception
    assert store.count("servicecenter") == 1 and store.count("partyorg") == 0
    # imported data: 正式模式 from the next run on, the login screen (no account exists yet) and no demo badge
    assert [t.value for t in at.title] == ["登录"]
    assert any("还没有任何账号" in w.value for w in at.warning)
    assert not any("示例数据" in m.value for m in at.sidebar.markdown)
    assert not any("示例数据" in c.value for c in [*at.caption, *at.sidebar.caption])


def test_restore_asks_for_confirmation_then_brings_the_data_back(page):
    at, store = page
    upload(at, "中心.csv", csv_file(CENTRE_HEADER, [NEW_CENTRE]), kind="centres")
    at.button(key="data.confirm").click().run()
    assert store.count("servicecenter") == 1051
    backups = next(d.value for d in at.dataframe if "taken_at" in d.value.columns)
    assert backups["reason"].tolist() == ["导入党群服务中心前"]
    at.button(key="data.restore").click().run()
    assert any("确定恢复吗" in w.value for w in at.warning)
    assert store.count("servicecenter") == 1051  # nothing happens before the confirmation
    at.button(key="data.restore_confirm").click().run()
    assert not at.exception
    assert store.count("servicecenter") == 1050
    assert any("已恢复备份" in s.value for s in at.success)
    log = next(d.value for d in at.dataframe if "actor" in d.value.columns)
    assert log["action"].tolist()[:1] == ["恢复备份"] and log["actor"].tolist()[0] == "张三"


def test_audit_log_lists_imports_with_file_and_counts(page):
    at, _ = page
    upload(at, "中心.csv", csv_file(CENTRE_HEADER, [NEW_CENTRE]), kind="centres")
    at.button(key="data.confirm").click().run()
    log = next(d.value for d in at.dataframe if "actor" in d.value.columns)
    first = log.iloc[0]
    assert (first["actor"], first["action"], first["kind"], first["file"], first["added"]) == (
        "张三", "导入", "党群服务中心", "中心.csv", 1)


def test_english_labels(page):
    at, _ = page
    at.button_group(key="lang").set_value("en").run()
    assert not at.exception
    assert at.title[0].value == "Data management"
    assert at.selectbox(key="data.kind").options[0] == "Regions (streets, communities, grids)"


def test_an_update_lists_what_changes_before_confirming(page):
    at, store = page
    row = ["C440303", "罗湖区党群服务中心（新址）", "区级", "440303", "", "", "2018-06-29"]
    upload(at, "中心.csv", csv_file(CENTRE_HEADER, [row]), kind="centres")
    assert (metric(at, "新增"), metric(at, "更新")) == ("0", "1")
    changes = next(d.value for d in at.dataframe if "old" in d.value.columns)
    by_column = changes.set_index("column")
    assert by_column.loc["名称", "old"] == "罗湖区党群服务中心"
    assert by_column.loc["名称", "new"] == "罗湖区党群服务中心（新址）"
    assert {"data.changes.csv", "data.changes.xlsx"} <= {b.key for b in at.download_button}
    assert store.query("SELECT name FROM servicecenter WHERE code = 'C440303'") == [("罗湖区党群服务中心",)]
