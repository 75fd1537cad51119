"""Backups: taken before every import with the online backup API, listed newest first, restorable."""

from __future__ import annotations

import sqlite3

import pytest

from data.importing import backup, commit, preview, restore
from tests.data.importing_support import BUILDING_HEADER, GOOD_BUILDING, csv_file, store  # noqa: F401 - fixture

pytestmark = pytest.mark.backends("sqlite")  # files beside a SQLite store; PostgreSQL: test_importing_pg


def import_building(st, row=GOOD_BUILDING) -> str:
    engine = st.engine()
    plan = preview(engine, "buildings", csv_file(BUILDING_HEADER, [row]), "楼宇.csv")
    result = commit(engine, st.url, plan, actor="测试员")
    engine.dispose()
    return result.backup


def test_an_import_backs_up_the_state_before_it(store):
    before = store.count("building")
    name = import_building(store)
    listed = backup.list_backups(store.url)
    assert [b.name for b in listed] == [name]
    b = listed[0]
    assert b.path.parent == store.path.parent / "backups" and b.size == b.path.stat().st_size > 0
    assert b.reason == "before-import-buildings" and b.taken_at.utcoffset().total_seconds() == 8 * 3600
    con = sqlite3.connect(b.path)  # a complete, self-contained database of the state before
    try:
        assert con.execute("SELECT COUNT(*) FROM building").fetchone() == (before,)
        assert con.execute("PRAGMA journal_mode").fetchone() == ("delete",)
    finally:
        con.close()
    assert store.count("building") == before + 1


def test_restore_brings_the_old_state_back_and_keeps_the_current_one(store):
    before = store.count("building")
    first = import_building(store)
    row = GOOD_BUILDING.copy()
    row[0] = "B440303-T902"
    import_building(store, row)
    assert store.count("building") == before + 2
    engine = store.engine()
    safety = restore(engine, store.url, first, actor="王五")
    engine.dispose()
    assert store.count("building") == before
    assert store.query("SELECT actor, action FROM auditentry ORDER BY id DESC LIMIT 1") == [("王五", "restore")]
    names = [b.name for b in backup.list_backups(store.url)]
    assert names[0] == safety and "before-restore" in safety
    con = sqlite3.connect(store.path.parent / "backups" / safety)  # the state we left can be restored again
    try:
        assert con.execute("SELECT COUNT(*) FROM building").fetchone() == (before + 2,)
    finally:
        con.close()


def test_a_damaged_backup_is_refused_and_nothing_changes(store):
    name = import_building(store)
    path = store.path.parent / "backups" / name
    path.write_bytes(path.read_bytes()[:4096])  # truncated
    before = store.checksum()
    engine = store.engine()
    with pytest.raises(backup.BackupError, match="损坏|有效"):
        restore(engine, store.url, name, actor="王五")
    engine.dispose()
    assert store.checksum() == before


def test_old_backups_are_pruned_and_half_written_ones_never_listed(store, monkeypatch):
    monkeypatch.setattr(backup, "KEEP", 3)
    for _ in range(5):
        backup.take(store.url, "manual")
    (store.path.parent / "backups" / "store-20260101-000000-000000-manual.db.partial").write_bytes(b"half")
    listed = backup.list_backups(store.url)
    assert len(listed) == 3 and all(b.reason == "manual" for b in listed)
    assert listed == sorted(listed, key=lambda b: b.taken_at, reverse=True)


def test_stores_that_are_not_sqlite_files_have_no_backups():
    assert backup.backup_dir("postgresql://u@localhost/db") is None
    assert backup.take("postgresql://u@localhost/db", "manual") is None
    assert backup.list_backups("sqlite:///:memory:") == []


def test_restore_brings_back_data_but_not_old_logins_nor_an_older_audit_trail(store):
    """A backup from before an account was disabled (or its password changed) must not re-enable it, and
    the audit lines written since the backup stay."""
    from datetime import datetime, timezone

    from sqlalchemy.orm import Session

    from models import accounts

    engine = store.engine()
    now = datetime.now(timezone.utc)
    with Session(engine) as s:
        accounts.create(s, username="ft", role="district_leader", district="福田区", password="Altes-Passwort-1",
                        now=now, actor="test")
        s.commit()
    buildings = store.count("building")
    first = import_building(store)  # the backup holds "ft" enabled, with the old password
    with Session(engine) as s:
        accounts.set_disabled(s, username="ft", disabled=True, now=now, actor="admin")
        accounts.create(s, username="new", role="viewer", password="Neues-Passwort-2", now=now, actor="admin")
        s.commit()
    trail = store.query("SELECT id, actor, action FROM auditentry ORDER BY id")
    restore(engine, store.url, first, actor="王五")
    engine.dispose()
    assert store.query("SELECT username, disabled FROM account ORDER BY username") == [("ft", 1), ("new", 0)]
    assert store.query("SELECT d.name FROM account a JOIN region d ON d.id = a.district_id") == [("福田区",)]
    after = store.query("SELECT id, actor, action FROM auditentry ORDER BY id")
    assert after[:len(trail)] == trail and after[-1][1:] == ("王五", "restore")
    assert store.count("building") == buildings  # the data did go back
