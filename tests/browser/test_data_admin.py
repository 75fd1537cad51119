"""数据管理 in a real browser: upload a bad file and download its problem list, import a good one, see it on
the overview at once, restore the backup, all offline. The server runs on a store of this module's own."""

from __future__ import annotations

import csv
import io

import pytest
from playwright.sync_api import Page, expect

from tests.data.importing_support import copy_store

from .harness import assert_healthy, choose, open_app, rerun_after, save_artifact, start_server

pytestmark = pytest.mark.browser

TITLE = '[data-testid="stHeading"]'
HEADER = ["编码", "名称", "层级", "所在区域编码", "经度", "纬度", "启用日期"]
GOOD = ["C440303003-T901", "示例大厦党群服务中心", "商务楼宇", "440303003", "114.12391", "22.54716", "2024-07-01"]


def centres_csv(*rows: list[str], encoding: str = "gbk") -> bytes:
    buf = io.StringIO()
    csv.writer(buf).writerows([HEADER, *rows])
    return buf.getvalue().encode(encoding)


@pytest.fixture(scope="module")
def server(browser_store, tmp_path_factory):
    store = copy_store(browser_store, tmp_path_factory.mktemp("data-admin") / "store.db")
    srv = start_server(store.url, tmp_path_factory.mktemp("data-admin-logs"))
    yield srv.url, store
    srv.stop()


def metric(page: Page, label: str):
    card = page.get_by_test_id("stMetric").filter(has=page.get_by_test_id("stMetricLabel").get_by_text(label, exact=True))
    return card.get_by_test_id("stMetricValue")


def upload(page: Page, name: str, data: bytes, ready: str) -> None:
    field = page.get_by_test_id("stFileUploaderDropzoneInput")
    rerun_after(page, lambda: field.set_input_files(files=[{"name": name, "mimeType": "text/csv", "buffer": data}]),
                ready=page.get_by_text(ready).first)


def test_upload_check_import_and_restore(server, browser_page):
    url, store = server
    page, external = browser_page
    open_app(page, url, "/data", ready=TITLE)
    assert_healthy(page, external, "数据管理")
    page.get_by_text("模板与字段说明").click()
    expect(page.get_by_role("button", name="下载模板（Excel）")).to_be_visible()
    actor = page.get_by_role("textbox", name="操作人")
    rerun_after(page, lambda: (actor.fill("张三"), actor.press("Enter")))
    choose(page, page.get_by_role("combobox", name="数据类型"), "党群服务中心")
    rerun_after(page, lambda: page.get_by_text("合并到示例数据", exact=False).click())

    # a bad file: every problem listed with its row, nothing written, the list downloadable with a BOM
    bad = GOOD.copy()
    bad[2], bad[6] = "写字楼", "2024-13-01"
    upload(page, "中心.csv", centres_csv(bad), ready="发现 2 个问题")
    with page.expect_download() as download:
        page.get_by_test_id("stDownloadButton").filter(has_text="下载 CSV").first.click()
    report = open(download.value.path(), "rb").read()
    assert report.startswith(b"\xef\xbb\xbf")
    lines = report.decode("utf-8-sig").splitlines()
    assert lines[0] == "行号,列,值,问题" and lines[1].startswith("2,层级,写字楼,")
    assert store.count("servicecenter") == 1050

    # a good file: preview, confirm, the overview shows it at once
    upload(page, "中心-修正.csv", centres_csv(GOOD), ready="确认导入")
    expect(metric(page, "新增")).to_have_text("1")
    save_artifact(page, "data_admin_preview")
    rerun_after(page, lambda: page.get_by_role("button", name="确认导入").click(),
                ready=page.get_by_text("已导入", exact=False).first)
    assert store.count("servicecenter") == 1051
    open_app(page, url, "/", ready=TITLE)
    expect(metric(page, "党群服务中心")).to_have_text("1,051 个")

    # restore the backup taken before the import, after a confirmation
    open_app(page, url, "/data", ready=TITLE)
    actor = page.get_by_role("textbox", name="操作人")
    rerun_after(page, lambda: (actor.fill("张三"), actor.press("Enter")))
    page.get_by_role("tab", name="备份与操作记录").click()
    rerun_after(page, lambda: page.get_by_role("button", name="恢复此备份……").click(),
                ready=page.get_by_text("确定恢复吗", exact=False).first)
    rerun_after(page, lambda: page.get_by_role("button", name="确认恢复").click(),
                ready=page.get_by_text("已恢复备份", exact=False).first)
    assert store.count("servicecenter") == 1050
    save_artifact(page, "data_admin_restored")
    assert external == []
