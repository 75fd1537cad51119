"""AppTest of 数据管理 when the disk or a backup fails: a Chinese message on the page, never the error box,
and the store as it was."""

from __future__ import annotations

import sqlite3

import pytest

from data.importing import backup
from tests.data.importing_support import BUILDING_HEADER, GOOD_BUILDING, csv_file
from tests.pages.test_data_admin import page, upload  # noqa: F401 - fixture

pytestmark = pytest.mark.backends("sqlite")


def full(src, target):
    raise sqlite3.OperationalError("database or disk is full")


def test_a_damaged_backup_is_refused_with_its_reason_on_the_page(page):
    at, store = page
    at.text_input(key="data.actor").input("张三").run()
    at.button(key="data.backup_now").click().run()
    assert any("已备份为" in s.value for s in at.success)
    (taken,) = backup.list_backups(store.url)
    taken.path.write_bytes(taken.path.read_bytes()[:4096])
    before = store.checksum()
    at.button(key="data.restore").click().run()
    at.button(key="data.restore_confirm").click().run()
    assert not at.exception
    assert any("恢复没有完成" in e.value and "已损坏" in e.value for e in at.error)
    assert store.checksum() == before


def test_a_manual_backup_on_a_full_disk_says_so(page, monkeypatch):
    at, store = page
    monkeypatch.setattr(backup, "_copy", full)
    before = store.checksum()
    at.text_input(key="data.actor").input("张三").run()
    at.button(key="data.backup_now").click().run()
    assert not at.exception
    assert any("备份没有完成" in e.value and "磁盘空间不足" in e.value for e in at.error)
    assert store.checksum() == before and backup.list_backups(store.url) == []


def test_an_import_whose_backup_hits_a_full_disk_says_so_and_writes_nothing(page, monkeypatch):
    at, store = page
    upload(at, "楼宇.csv", csv_file(BUILDING_HEADER, [GOOD_BUILDING]), kind="buildings")
    monkeypatch.setattr(backup, "_copy", full)
    before = store.checksum()
    at.button(key="data.confirm").click().run()
    assert not at.exception
    assert any("导入没有完成" in e.value and "磁盘空间不足" in e.value for e in at.error)
    assert store.checksum() == before


def test_the_audit_log_shows_beijing_time(page):
    from datetime import datetime, timezone

    from data.importing.apply import audit

    at, store = page
    engine = store.engine()
    with engine.begin() as conn:
        audit(conn, actor="乙", action="backup", detail={}, at=datetime(2026, 3, 1, 2, 30, tzinfo=timezone.utc))
    engine.dispose()
    at.run()
    log = next(d.value for d in at.dataframe if "actor" in d.value.columns)
    assert "2026-03-01 10:30:00" in log["at"].tolist()
