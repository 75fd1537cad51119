"""Faults of the disk and the database during an import, a backup and a restore: each one injected, each time
a Chinese message (page and command line) and the store exactly as before, with no stray backup left."""

from __future__ import annotations

import errno
import sqlite3
import threading

import pytest
from sqlalchemy import create_engine, event
from sqlalchemy.exc import OperationalError

from data.importing import ImportRejected, backup, commit, preview, restore, writers
from data.importing.__main__ import main as cli
from data.importing.restoring import manual_backup
from models.db import _sqlite_pragmas
from tests.data.importing_support import BUILDING_HEADER, GOOD_BUILDING, csv_file, store  # noqa: F401 - fixture

pytestmark = pytest.mark.backends("sqlite")  # files, folders and locks of a SQLite store

ROWS = [[f"B440303-F{i:03d}", *GOOD_BUILDING[1:]] for i in range(50)]


def engine_of(st, **pragmas):
    """The app's engine for the store, with a short busy timeout and extra pragmas on every connection."""
    engine = create_engine(st.url, connect_args={"check_same_thread": False, "timeout": 0.2})
    event.listen(engine, "connect", _sqlite_pragmas)
    for name, value in pragmas.items():
        event.listen(engine, "connect", lambda dbapi, _rec, n=name, v=value: dbapi.execute(f"PRAGMA {n}={v}"))
    return engine


def planned(st):
    engine = st.engine()
    plan = preview(engine, "buildings", csv_file(BUILDING_HEADER, ROWS), "楼宇.csv")
    engine.dispose()
    assert plan.ok
    return plan


def names(st) -> list[str]:
    return [b.name for b in backup.list_backups(st.url)]


def leftovers(st) -> list[str]:
    folder = st.path.parent / "backups"
    return sorted(p.name for p in folder.iterdir()) if folder.is_dir() else []


def refused(st, engine, plan, key: str, words: str) -> None:
    """commit is refused with importing.<key> in Chinese, and nothing changed: store, backups, folder."""
    before, kept = st.checksum(), leftovers(st)
    with pytest.raises(ImportRejected) as caught:
        commit(engine, st.url, plan, actor="测试员")
    engine.dispose()
    assert caught.value.problems[0].key == key
    assert words in caught.value.problems[0].text("zh")
    assert st.checksum() == before and st.integrity_ok()
    assert leftovers(st) == kept


def test_a_full_disk_while_writing_rows_is_worded_and_writes_nothing(store):
    plan = planned(store)
    pages = store.query("PRAGMA page_count")[0][0]
    # SQLite's own limit on the file's size: the same SQLITE_FULL as a full disk, mid-transaction
    refused(store, engine_of(store, max_page_count=pages + 1), plan, "fault_disk_full", "磁盘空间不足")


def test_a_full_disk_during_the_pre_import_backup_is_worded_and_writes_nothing(store, monkeypatch):
    plan = planned(store)

    def full(src, target):
        target.with_name(target.name + ".partial").write_bytes(b"half a copy")
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(backup, "_copy", full)
    refused(store, store.engine(), plan, "fault_disk_full", "磁盘空间不足")
    assert names(store) == []


def test_a_read_only_backup_folder_is_worded_and_writes_nothing(store, monkeypatch):
    plan = planned(store)

    def read_only(*_a, **_k):
        raise PermissionError(errno.EROFS, "Read-only file system")

    monkeypatch.setattr(backup.os, "replace", read_only)
    refused(store, store.engine(), plan, "fault_read_only", "只读")


def test_a_read_only_database_is_worded_and_writes_nothing(store):
    plan = planned(store)
    refused(store, engine_of(store, query_only="ON"), plan, "fault_read_only", "只读")


def test_a_disk_io_error_mid_write_is_worded_and_writes_nothing(store, monkeypatch):
    plan = planned(store)
    write = writers.WRITERS["buildings"]

    def failing(conn, plan, say, lo, hi):
        write(conn, plan, say, lo, hi)  # every row sent, then the disk fails
        raise OperationalError("INSERT INTO building", {}, sqlite3.OperationalError("disk I/O error"))

    monkeypatch.setitem(writers.WRITERS, "buildings", failing)
    refused(store, store.engine(), plan, "fault_io", "磁盘错误")
    assert names(store) == []  # the copy of a store that did not change is not kept


def test_a_store_locked_by_another_writer_is_worded_and_writes_nothing(store):
    plan = planned(store)
    other = sqlite3.connect(store.path)
    other.execute("BEGIN IMMEDIATE")
    try:
        before = store.query("SELECT COUNT(*) FROM building")
        with pytest.raises(ImportRejected) as caught:
            commit(engine_of(store), store.url, plan, actor="测试员")
        assert caught.value.problems[0].key == "store_busy" and "正忙" in caught.value.problems[0].text()
    finally:
        other.rollback()
        other.close()
    assert store.query("SELECT COUNT(*) FROM building") == before and names(store) == []


def test_readers_holding_the_file_neither_block_nor_see_a_half_import(store):
    plan = planned(store)
    reader = sqlite3.connect(store.path)
    reader.execute("BEGIN")
    before = reader.execute("SELECT COUNT(*) FROM building").fetchone()[0]
    try:
        engine = store.engine()
        result = commit(engine, store.url, plan, actor="测试员")
        engine.dispose()
        assert reader.execute("SELECT COUNT(*) FROM building").fetchone()[0] == before  # its snapshot holds
    finally:
        reader.rollback()
        reader.close()
    assert result.added == len(ROWS) and store.count("building") == before + len(ROWS)
    copy = sqlite3.connect(store.path.parent / "backups" / result.backup)
    try:
        assert copy.execute("SELECT COUNT(*) FROM building").fetchone()[0] == before
    finally:
        copy.close()


def test_backups_taken_while_sessions_read_and_write_are_consistent(store):
    """Readers in a loop and a writer adding rows one transaction at a time: every copy is a whole,
    undamaged database holding a prefix of the writer's rows (a committed state, never a torn one)."""
    stop = threading.Event()

    def read():
        con = sqlite3.connect(store.path, timeout=30)
        while not stop.is_set():
            con.execute("SELECT COUNT(*), SUM(floors) FROM building").fetchone()
        con.close()

    def write():
        con = sqlite3.connect(store.path, timeout=30)
        for i in range(200):
            with con:
                con.execute("UPDATE datasetinfo SET value = ? WHERE key = 'origin'", ("demo",))
                con.execute("INSERT INTO auditentry (at, actor, action, detail) VALUES "
                            "('2026-01-01 00:00:00', 'w', 'probe', ?)", (str(i),))
        con.close()

    threads = [threading.Thread(target=read) for _ in range(3)] + [threading.Thread(target=write)]
    for t in threads:
        t.start()
    taken = [backup.take(store.url, "manual") for _ in range(5)]
    threads[-1].join()
    stop.set()
    for t in threads:
        t.join()
    for b in taken:
        con = sqlite3.connect(b.path)
        try:
            assert con.execute("PRAGMA integrity_check").fetchone() == ("ok",)
            probes = [int(r[0]) for r in con.execute("SELECT detail FROM auditentry WHERE action = 'probe' ORDER BY id")]
            assert probes == list(range(len(probes)))
        finally:
            con.close()


def test_a_manual_backup_on_a_full_disk_leaves_no_copy_and_no_audit_line(store, monkeypatch):
    before = store.checksum()

    def full(src, target):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(backup, "_copy", full)
    engine = store.engine()
    with pytest.raises(backup.BackupError) as caught:
        manual_backup(engine, store.url, actor="测试员")
    engine.dispose()
    assert caught.value.key == "fault_disk_full" and "磁盘空间不足" in str(caught.value)
    assert store.checksum() == before and leftovers(store) == []


def test_a_manual_backup_whose_audit_line_fails_is_removed_again(store):
    engine = engine_of(store, query_only="ON")
    with pytest.raises(backup.BackupError) as caught:
        manual_backup(engine, store.url, actor="测试员")
    engine.dispose()
    assert caught.value.key == "fault_read_only" and names(store) == []


@pytest.fixture()
def with_backup(store):
    engine = store.engine()
    taken = manual_backup(engine, store.url, actor="测试员")
    engine.dispose()
    row = GOOD_BUILDING.copy()
    engine = store.engine()
    commit(engine, store.url, preview(engine, "buildings", csv_file(BUILDING_HEADER, [row]), "楼宇.csv"), actor="x")
    engine.dispose()
    return store, taken.name


def restore_refused(st, name: str, key: str, words: str, engine=None) -> None:
    before, kept = st.checksum(), leftovers(st)
    engine = engine or st.engine()
    with pytest.raises(backup.BackupError) as caught:
        restore(engine, st.url, name, actor="王五")
    engine.dispose()
    assert caught.value.key == key and words in caught.value.text("zh")
    assert st.checksum() == before and st.integrity_ok()
    assert leftovers(st) == kept  # no safety copy of an unchanged store, no working copy


@pytest.mark.parametrize("fault, key, words", [
    (OSError(errno.ENOSPC, "No space left on device"), "fault_disk_full", "磁盘空间不足"),
    (PermissionError(errno.EACCES, "Permission denied"), "fault_read_only", "只读"),
    (sqlite3.OperationalError("disk I/O error"), "fault_io", "磁盘错误"),
], ids=["disk-full", "read-only", "io-error"])
def test_a_restore_failing_while_preparing_the_copy_changes_nothing(with_backup, monkeypatch, fault, key, words):
    st, name = with_backup

    def failing(source):
        raise fault

    monkeypatch.setattr(backup, "stage", failing)
    restore_refused(st, name, key, words)


def test_a_restore_into_a_store_locked_by_a_writer_changes_nothing(with_backup, monkeypatch):
    st, name = with_backup
    monkeypatch.setattr(backup, "LOCK_WAIT_SECONDS", 0.2)
    real_put = backup.put
    other = sqlite3.connect(st.path)

    def locked_put(url, staged):
        other.execute("BEGIN IMMEDIATE")  # a writer gets in just before the copy
        real_put(url, staged)

    monkeypatch.setattr(backup, "put", locked_put)
    try:
        before = st.query("SELECT COUNT(*) FROM building")
        with pytest.raises(backup.BackupError) as caught:
            restore(st.engine(), st.url, name, actor="王五")
        assert caught.value.key == "store_busy"
    finally:
        other.rollback()
        other.close()
    assert st.query("SELECT COUNT(*) FROM building") == before
    assert [n for n in names(st) if "before-restore" in n] == []


def test_a_restore_while_a_reader_holds_the_file_succeeds_and_the_reader_keeps_its_view(with_backup):
    st, name = with_backup
    now = st.count("building")
    reader = sqlite3.connect(st.path)
    reader.execute("BEGIN")
    assert reader.execute("SELECT COUNT(*) FROM building").fetchone()[0] == now
    try:
        engine = st.engine()
        restore(engine, st.url, name, actor="王五")
        engine.dispose()
        assert reader.execute("SELECT COUNT(*) FROM building").fetchone()[0] == now
    finally:
        reader.rollback()
        reader.close()
    assert st.count("building") == now - 1 and st.integrity_ok()
    assert st.query("SELECT actor, action FROM auditentry ORDER BY id DESC LIMIT 1") == [("王五", "restore")]


def test_a_damaged_backup_is_refused_in_words_on_the_command_line(with_backup, capsys):
    st, name = with_backup
    path = st.path.parent / "backups" / name
    path.write_bytes(path.read_bytes()[:4096])
    before = st.checksum()
    assert cli(["--url", st.url, "--actor", "王五", "restore", name, "--yes"]) == 1
    assert "已损坏" in capsys.readouterr().err
    assert st.checksum() == before


def test_a_fault_during_an_import_is_worded_on_the_command_line(store, tmp_path, monkeypatch, capsys):
    path = tmp_path / "楼宇.csv"
    path.write_bytes(csv_file(BUILDING_HEADER, ROWS))
    before = store.checksum()

    def full(src, target):
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(backup, "_copy", full)
    code = cli(["--url", store.url, "--actor", "测试员", "import", "buildings", str(path), "--mode", "merge", "--yes"])
    err = capsys.readouterr().err
    assert code == 1 and "磁盘空间不足" in err and "Traceback" not in err
    assert store.checksum() == before
