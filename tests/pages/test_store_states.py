"""What a user sees when the store is missing, damaged or unreachable: a message and a way on."""

from __future__ import annotations

import pytest
import streamlit as st

from models import rollups
from tests.conftest import ROOT, app_test


def _app(monkeypatch, url: str | None):
    if url is None:
        monkeypatch.delenv("DATABASE_URL", raising=False)
    else:
        monkeypatch.setenv("DATABASE_URL", url)
    st.cache_data.clear()
    st.cache_resource.clear()
    return app_test.AppTest.from_file(str(ROOT / "app.py"), default_timeout=90)


@pytest.mark.slow  # builds the demo store
def test_first_start_builds_the_demo_store_and_opens_the_overview(tmp_path, monkeypatch):
    import models.db

    default = tmp_path / "data" / "dashboard.db"
    monkeypatch.setattr(models.db, "DEFAULT_SQLITE_PATH", default)
    at = _app(monkeypatch, None).run()
    assert not at.exception
    assert default.exists()
    assert at.title[0].value == "总览"
    assert next(m for m in at.metric if m.label == "党群服务中心").value == "1,050 个"


@pytest.mark.slow  # builds the demo store
def test_damaged_file_is_explained_and_rebuilt_on_request(tmp_path, monkeypatch):
    """By a 市级管理员 logged in earlier: the mode of a garbage file cannot be read (tests/pages/
    test_overwrite_guards.py: anyone else sees a notice to contact the administrator)."""
    from models.access import CITY_ADMIN, Scope

    broken = tmp_path / "broken.db"
    broken.write_bytes(b"\x00garbage" * 512)
    app = _app(monkeypatch, f"sqlite:///{broken}")
    app.session_state["auth.scope"] = Scope(role=CITY_ADMIN, actor="admin")
    at = app.run()
    assert not at.exception
    assert "数据库文件已损坏" in at.error[0].value
    assert not at.metric  # no page content over a broken store
    at.button(key="store.rebuild").click().run()
    assert not at.exception
    assert next(m for m in at.metric if m.label == "党群服务中心").value == "1,050 个"
    kept = [p for p in tmp_path.iterdir() if p.name.startswith("broken.damaged-")]
    assert len(kept) == 1 and kept[0].read_bytes().startswith(b"\x00garbage")


def test_unreachable_database_url_is_explained(tmp_path, monkeypatch):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    at = _app(monkeypatch, f"sqlite:///{blocker / 'x.db'}").run()
    assert not at.exception
    assert "无法连接数据库" in at.error[0].value
    assert "DATABASE_URL" in at.info[0].value


@pytest.mark.slow  # builds the demo store twice
def test_demo_store_from_an_older_generator_is_rebuilt(tmp_path, monkeypatch):
    import models.db
    from data import demo
    from models.db import make_engine

    default = tmp_path / "dashboard.db"
    monkeypatch.setattr(models.db, "DEFAULT_SQLITE_PATH", default)
    engine = make_engine(f"sqlite:///{default}")
    demo.build(engine, scale="demo")
    with engine.begin() as conn:
        conn.exec_driver_sql("UPDATE datasetinfo SET value = '0' WHERE key = 'generator_version'")
    engine.dispose()
    at = _app(monkeypatch, None).run()
    assert not at.exception
    engine = make_engine(f"sqlite:///{default}")
    assert demo.current_info(engine)["generator_version"] != "0"
    engine.dispose()
    assert next(m for m in at.metric if m.label == "党群服务中心").value == "1,050 个"


@pytest.mark.slow  # builds the demo store
def test_store_without_grades_still_shows_every_page(tmp_path, monkeypatch):
    from data import demo
    from models.db import make_engine

    path = tmp_path / "nogrades.db"
    engine = make_engine(f"sqlite:///{path}")
    demo.build(engine, scale="demo")
    with engine.begin() as conn:  # as after importing registers that carry no grades
        for table in ("indicatorscore", "weakorgcase", "rating"):
            conn.exec_driver_sql(f"DELETE FROM {table}")
    engine.dispose()
    at = _app(monkeypatch, f"sqlite:///{path}").run()
    assert not at.exception
    assert next(m for m in at.metric if m.label == "党群服务中心").value == "1,050 个"
    for page in ("centres.py", "buildings.py", "ratings.py", "orgs.py", "alerts.py"):
        at.switch_page(f"pages/{page}").run()
        assert not at.exception, f"{page}: {at.exception}"


def _copy_of(demo_db: str, target):
    """A private copy of the shared demo store, to age or advance its schema."""
    import sqlite3

    from models.db import sqlite_path

    src, dst = sqlite3.connect(sqlite_path(demo_db)), sqlite3.connect(target)
    with dst:
        src.backup(dst)
    src.close()
    dst.close()
    return f"sqlite:///{target}"


def _as_before_migrations(engine, tmp_path) -> None:
    """Turn a store into one made before migrations existed: the baseline revision's tables, columns and
    indexes only (later revisions add tables, columns, constraints), no alembic_version, no rollup stamp.
    A table that later revisions changed is rebuilt from the baseline's own DDL with its rows."""
    import sqlite3

    from alembic import command

    from models.db import BASELINE_REVISION, alembic_config, make_engine, sqlite_path

    baseline = make_engine(f"sqlite:///{tmp_path / 'baseline.db'}")
    with baseline.begin() as conn:
        command.upgrade(alembic_config(conn), BASELINE_REVISION)
    baseline.dispose()
    engine.dispose()
    with sqlite3.connect(tmp_path / "baseline.db") as base:
        ddl = {name: sql for name, sql in base.execute("SELECT name, sql FROM sqlite_master WHERE type = 'table'")}
        index_ddl = base.execute("SELECT tbl_name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL"
                                 ).fetchall()
        columns = {t: [r[1] for r in base.execute(f'PRAGMA table_info("{t}")')] for t in ddl}
    con = sqlite3.connect(sqlite_path(str(engine.url)), isolation_level=None)
    con.execute("PRAGMA foreign_keys = OFF")
    con.execute("PRAGMA legacy_alter_table = ON")  # renaming a table leaves other tables' references alone
    con.execute("BEGIN")
    con.execute("DROP TABLE alembic_version")
    for (name,) in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall():
        if name.startswith("sqlite_"):
            continue
        if name not in ddl:  # a table a later revision added (accounts, sessions, teams, rollups ...)
            con.execute(f'DROP TABLE "{name}"')
        elif [r[1] for r in con.execute(f'PRAGMA table_info("{name}")')] != columns[name]:
            con.execute(f'ALTER TABLE "{name}" RENAME TO "{name}_old"')
            con.execute(ddl[name])
            cols = ", ".join(f'"{c}"' for c in columns[name])
            con.execute(f'INSERT INTO "{name}" ({cols}) SELECT {cols} FROM "{name}_old"')
            con.execute(f'DROP TABLE "{name}_old"')
            for table, sql in index_ddl:
                if table == name:
                    con.execute(sql)
    con.execute("DELETE FROM datasetinfo WHERE key = 'rollups'")
    con.execute("COMMIT")
    con.close()


def test_store_from_before_migrations_is_upgraded_at_start_with_a_note_and_an_audit_line(tmp_path, monkeypatch,
                                                                                        demo_db):
    from sqlalchemy import text

    from models.db import head_revision, make_engine

    url = _copy_of(demo_db, tmp_path / "old.db")
    engine = make_engine(url)
    _as_before_migrations(engine, tmp_path)
    at = _app(monkeypatch, url).run()
    assert not at.exception
    assert "数据库结构已自动升级" in at.info[0].value and head_revision() in at.info[0].value
    assert "升级前的数据已备份为" in at.info[0].value
    assert next(m for m in at.metric if m.label == "党群服务中心").value == "1,050 个"
    with engine.connect() as conn:
        audit = conn.execute(text("SELECT action FROM auditentry WHERE action = 'migrate'")).all()
        assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar() == head_revision()
    engine.dispose()
    assert len(audit) == 1
    assert len(list((tmp_path / "backups").glob("old-*-before-migrate.db"))) == 1
    at.run()  # the next rerun has nothing left to upgrade
    assert not at.exception and not any("数据库结构" in i.value for i in at.info)
    _background_done(url)  # the store's rollups were missing before the upgrade: start-up rebuilt them
    with engine.connect() as conn:
        assert rollups.is_fresh(conn, thorough=True)
    engine.dispose()


def _background_done(url: str) -> None:
    from components.shell import bootstrap

    assert bootstrap._checks(url).done.wait(120)


def test_damage_found_by_the_background_check_is_explained_on_the_next_run(tmp_path, monkeypatch, demo_db):
    """The whole-file check (PRAGMA quick_check) runs after the store opened, off the first visitor's path;
    a file that opens but holds a damaged page is then explained like any damaged file."""
    import sqlite3

    url = _copy_of(demo_db, tmp_path / "damaged.db")
    path = tmp_path / "damaged.db"
    con = sqlite3.connect(path)
    con.execute("PRAGMA journal_mode=DELETE")
    size, pages = con.execute("PRAGMA page_size").fetchone()[0], con.execute("PRAGMA page_count").fetchone()[0]
    con.close()
    with path.open("r+b") as f:  # one page in the middle overwritten: the schema still reads
        f.seek(size * (pages // 2))
        f.write(b"\xff" * size)
    at = _app(monkeypatch, url).run()
    _background_done(url)
    at.run()
    assert "数据库文件已损坏" in at.error[0].value
    assert not at.metric


def test_store_from_newer_code_is_explained_and_not_opened(tmp_path, monkeypatch, demo_db):
    from models.db import make_engine

    url = _copy_of(demo_db, tmp_path / "newer.db")
    engine = make_engine(url)
    with engine.begin() as conn:
        conn.exec_driver_sql("UPDATE alembic_version SET version_num = '9999'")
    engine.dispose()
    at = _app(monkeypatch, url).run()
    assert not at.exception
    assert "比本程序新" in at.error[0].value and "9999" in at.error[0].value
    assert "备份" in at.info[0].value
    assert not at.metric
