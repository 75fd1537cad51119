"""PostgreSQL specifics of the importer: backups are the database administrator's job (said plainly, on the
command line and in the audit trail), and two writers queue on one lock instead of interleaving."""

from __future__ import annotations

import json

import pytest

from data.importing import ImportRejected, backup, commit, preview, restore
from data.importing.__main__ import main
from data.importing.apply import begin_write
from tests.data.importing_support import BUILDING_HEADER, GOOD_BUILDING, csv_file, store  # noqa: F401 - fixture

pytestmark = pytest.mark.backends("postgresql")


def test_an_import_takes_no_backup_and_the_audit_says_so(store):
    engine = store.engine()
    plan = preview(engine, "buildings", csv_file(BUILDING_HEADER, [GOOD_BUILDING]), "楼宇.csv")
    result = commit(engine, store.url, plan, actor="李四")
    engine.dispose()
    assert result.added == 1 and result.backup is None
    (detail,) = store.query("SELECT detail FROM auditentry ORDER BY id DESC LIMIT 1")[0]
    assert json.loads(detail)["backup"] is None
    assert backup.list_backups(store.url) == [] and backup.take(store.url, "manual") is None


def test_restore_is_refused_with_a_message_naming_the_administrator(store):
    before = store.checksum()
    engine = store.engine()
    with pytest.raises(backup.BackupError, match="PostgreSQL.*数据库管理员.*pg_dump"):
        restore(engine, store.url, "store-20260101-000000-000000-manual.db", actor="王五")
    engine.dispose()
    assert store.checksum() == before


def test_the_command_line_says_who_backs_up(store, tmp_path, capsys):
    path = tmp_path / "楼宇.csv"
    path.write_bytes(csv_file(BUILDING_HEADER, [GOOD_BUILDING]))
    args = ["--url", store.url, "--actor", "命令行"]
    assert main([*args, "import", "buildings", str(path), "--mode", "merge", "--yes"]) == 0
    assert "导入前未备份" in capsys.readouterr().out
    assert main([*args, "backups"]) == 0
    assert "数据库管理员" in capsys.readouterr().out
    assert main([*args, "restore", "whatever.db", "--yes"]) == 1
    assert "pg_dump" in capsys.readouterr().err
    assert store.query("SELECT action FROM auditentry ORDER BY id DESC LIMIT 1") == [("import",)]


def test_a_second_writer_waits_for_the_first_and_gives_up_busy(store, monkeypatch):
    monkeypatch.setattr("data.importing.apply.LOCK_WAIT_SECONDS", 1)
    engine = store.engine()
    plan = preview(engine, "buildings", csv_file(BUILDING_HEADER, [GOOD_BUILDING]), "楼宇.csv")
    first = begin_write(engine)  # another import holding the lock
    try:
        with pytest.raises(ImportRejected) as rejected:
            commit(engine, store.url, plan, actor="测试员")
        assert rejected.value.problems[0].key == "store_busy"
    finally:
        first.rollback()
        first.close()
    assert commit(engine, store.url, plan, actor="测试员").added == 1  # the lock is free again
    engine.dispose()
