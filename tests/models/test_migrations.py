"""Schema migrations (models/migrations): every revision applies in turn on SQLite and PostgreSQL, the
newest one is exactly models/tables.py, and stores made before migrations or by older code are brought
forward with their rows; stores made by newer code are refused without being touched."""

from __future__ import annotations

import itertools
import json
import sqlite3

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect, text
from sqlalchemy.engine import Engine
from sqlmodel import SQLModel

from data.importing.__main__ import main as importing_cli
from models.db import (
    BASELINE_REVISION, BASELINE_TABLES, Migration, StoreAhead, alembic_config, check_store, create_schema,
    head_revision, make_engine, migration_scripts, schema_version,
)

REVISIONS = [s.revision for s in reversed(list(migration_scripts().walk_revisions()))]  # oldest first
_names = itertools.count()


def _new_url(backend: str, request, tmp_path) -> str:
    if backend == "sqlite":
        return f"sqlite:///{tmp_path / f'store{next(_names)}.db'}"
    return request.getfixturevalue("pg_server").create_database(f"migrations_{next(_names)}")


@pytest.fixture()
def new_url(backend, request, tmp_path):
    """Makes empty stores on the backend under test."""
    engines: list[Engine] = []

    def make() -> Engine:
        engines.append(make_engine(_new_url(backend, request, tmp_path)))
        return engines[-1]

    yield make
    for e in engines:
        e.dispose()


def _diff(engine: Engine) -> list:
    with engine.connect() as conn:
        return compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True}), SQLModel.metadata)


def _checks(engine: Engine) -> dict[str, list[tuple[str, str]]]:
    """The CHECK constraints of every table (autogenerate does not compare them)."""
    found = inspect(engine)
    return {t: sorted((c["name"], " ".join(c["sqltext"].split())) for c in found.get_check_constraints(t))
            for t in sorted(SQLModel.metadata.tables)}


def _alembic(engine: Engine, fn, target: str) -> None:
    with engine.begin() as conn:
        fn(alembic_config(conn), target)


def _revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def _legacy_store(engine: Engine, *, without: tuple[str, ...] = ()) -> None:
    """A store as made before migrations: the baseline tables (create_all of the models of that day, which
    the baseline revision reproduces exactly), no alembic_version, and rows in them."""
    _alembic(engine, command.upgrade, BASELINE_REVISION)
    with engine.begin() as conn:
        conn.execute(text("DROP TABLE alembic_version"))
        for table in without:
            conn.execute(text(f"DROP TABLE {table}"))
        # Literal SQL in the baseline's columns: rows written by the code of that day.
        conn.execute(text("INSERT INTO region (id, code, name, level, official) VALUES (1, '440303', '罗湖区', "
                          "'district', :t)"), {"t": True})
        conn.execute(text("INSERT INTO partyorg (id, code, name, level, org_type, category, kind, path, depth, "
                          "region_id, members) VALUES (1, 'P1', '测试党支部', 'unit', 'branch', 'two_new', "
                          "'firm_branch', '/1/', 0, 1, 12)"))
        conn.execute(text("INSERT INTO rating (org_id, year, score_committee, score_department, score_social, "
                          "composite, grade, weak) VALUES (1, 2025, 90, 88, 80, 87.2, 'A', :f)"), {"f": False})
        conn.execute(text("INSERT INTO datasetinfo (key, value) VALUES ('origin', 'import')"))


def _kept_rows(engine: Engine) -> tuple:
    with engine.connect() as conn:
        return (
            conn.execute(text("SELECT code, name FROM region")).all(),
            conn.execute(text("SELECT code, members, path FROM partyorg")).all(),
            conn.execute(text("SELECT year, composite, grade FROM rating")).all(),
        )


def test_upgrading_an_empty_store_gives_exactly_the_models(new_url):
    engine = new_url()
    assert create_schema(engine) == Migration(None, head_revision())
    assert _diff(engine) == []  # tables, columns, types, nullability, indexes, unique constraints
    reference = new_url()
    SQLModel.metadata.create_all(reference)
    assert _checks(engine) == _checks(reference)
    assert create_schema(engine) == Migration(head_revision(), head_revision())  # idempotent
    assert check_store(engine.url.render_as_string(hide_password=False)).state == "empty"


@pytest.mark.backends("postgresql")
def test_codes_and_paths_compare_byte_by_byte_on_postgresql(new_url):
    """Revision 0003: in a zh_CN database the default collation ignores "/" and "-" (subtree ranges break)."""
    engine = new_url()
    create_schema(engine)
    with engine.connect() as conn:
        got = dict(conn.execute(text(
            "SELECT column_name, collation_name FROM information_schema.columns "
            "WHERE table_name = 'partyorg' AND column_name IN ('code', 'path')")).all())
    assert got == {"code": "C", "path": "C"}


def test_every_revision_upgrades_and_downgrades_in_turn(new_url):
    """Each step up from nothing; each step back down and up again where the revision can go back."""
    engine = new_url()
    for revision in REVISIONS:
        script = migration_scripts().get_revision(revision)
        _alembic(engine, command.upgrade, revision)
        assert _revision(engine) == revision
        try:
            _alembic(engine, command.downgrade, script.down_revision or "base")
        except NotImplementedError:  # a revision that cannot go back says so
            continue
        assert _revision(engine) == script.down_revision
        _alembic(engine, command.upgrade, revision)
        assert _revision(engine) == revision
    assert _revision(engine) == head_revision()
    assert _diff(engine) == []


def test_store_made_before_migrations_is_stamped_upgraded_and_keeps_its_rows(new_url):
    engine = new_url()
    _legacy_store(engine)
    before = _kept_rows(engine)
    url = engine.url.render_as_string(hide_password=False)
    assert check_store(url).state == "outdated"
    done = create_schema(engine, actor="测试员")
    assert done == Migration("legacy", head_revision()) and done.upgraded
    assert _revision(engine) == head_revision()
    assert _kept_rows(engine) == before
    assert _diff(engine) == []
    assert check_store(url).state == "ok"
    with engine.connect() as conn:
        audit = conn.execute(text("SELECT actor, action, detail FROM auditentry")).all()
    assert [(a.actor, a.action) for a in audit] == [("测试员", "migrate")]
    assert json.loads(audit[0].detail) == {"from": "legacy", "to": head_revision()}


def test_store_made_before_a_table_existed_gets_it_from_the_baseline(new_url):
    """Stores made before orgrollup/indicatorscore existed got them from create_all; the baseline does so."""
    engine = new_url()
    _legacy_store(engine, without=("orgrollup", "indicatorscore"))
    before = _kept_rows(engine)
    with engine.connect() as conn:
        assert schema_version(conn).state == "legacy"
    create_schema(engine)
    assert _diff(engine) == []
    assert _kept_rows(engine) == before


@pytest.mark.parametrize("older", REVISIONS[:-1])
def test_store_at_an_older_revision_is_upgraded_with_its_rows(new_url, older):
    engine = new_url()
    _legacy_store(engine)
    create_schema(engine)  # brought to the head, then taken back: the store as older code left it
    _alembic(engine, command.downgrade, older)
    before = _kept_rows(engine)
    url = engine.url.render_as_string(hide_password=False)
    assert check_store(url).state == "outdated"
    assert create_schema(engine) == Migration(older, head_revision())
    assert _kept_rows(engine) == before and _diff(engine) == []


def test_store_from_newer_code_is_refused_untouched(new_url):
    engine = new_url()
    create_schema(engine)
    with engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    status = check_store(engine.url.render_as_string(hide_password=False))
    assert (status.state, status.revision) == ("ahead", "9999")
    with pytest.raises(StoreAhead):
        create_schema(engine)
    assert _revision(engine) == "9999"


def test_baseline_tables_are_the_tables_of_the_baseline_revision():
    """BASELINE_TABLES decides which stores count as pre-migration; it must name what the baseline makes."""
    engine = make_engine("sqlite://")
    _alembic(engine, command.upgrade, BASELINE_REVISION)
    assert set(inspect(engine).get_table_names()) - {"alembic_version"} == BASELINE_TABLES


def test_the_revision_graph_read_without_alembic_is_alembics(tmp_path):
    """A store's revision is judged on every start without importing alembic (models.db._revision_graph); it
    must see the same revisions, links and head as alembic, and judge a store the same way."""
    from models.db import _revision_graph

    scripts = migration_scripts()
    assert _revision_graph() == {s.revision: tuple(s._all_down_revisions) for s in scripts.walk_revisions()}
    assert head_revision() == scripts.get_current_head()
    engine = make_engine(f"sqlite:///{tmp_path / 'older.db'}")
    _alembic(engine, command.upgrade, REVISIONS[-2])
    with engine.connect() as conn:
        assert schema_version(conn).state == "behind"
        conn.execute(text("UPDATE alembic_version SET version_num = 'fffe'"))
        assert schema_version(conn).state == "ahead"
    engine.dispose()


# Operators: python -m data.importing migrate


def _cli(url: str, capsys, *args: str) -> tuple[int, str, str]:
    code = importing_cli(["--url", url, "--actor", "运维", "migrate", *args])
    out = capsys.readouterr()
    return code, out.out, out.err


def test_cli_upgrades_an_outdated_store_after_a_backup_and_says_from_what_to_what(tmp_path, capsys):
    url = f"sqlite:///{tmp_path / 'old.db'}"
    engine = make_engine(url)
    _legacy_store(engine)
    before = _kept_rows(engine)
    engine.dispose()
    code, out, _ = _cli(url, capsys)
    assert code == 0
    assert "未记录版本" in out and f"-> {head_revision()}" in out
    backups = list((tmp_path / "backups").glob("old-*-before-migrate.db"))
    assert len(backups) == 1
    with sqlite3.connect(backups[0]) as kept:  # the backup is the store as it was
        assert not kept.execute("SELECT name FROM sqlite_master WHERE name = 'alembic_version'").fetchall()
    engine = make_engine(url)
    assert _kept_rows(engine) == before and _revision(engine) == head_revision()
    engine.dispose()
    code, out, _ = _cli(url, capsys)  # a second run changes nothing
    assert code == 0 and "已是最新版本" in out
    assert len(list((tmp_path / "backups").iterdir())) == 1


def test_cli_refuses_a_store_from_newer_code_with_a_clear_message(tmp_path, capsys):
    url = f"sqlite:///{tmp_path / 'new.db'}"
    engine = make_engine(url)
    create_schema(engine)
    with engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    engine.dispose()
    code, out, err = _cli(url, capsys)
    assert code == 1 and not out
    assert "9999" in err and "比本程序新" in err and "未做任何改动" in err
    engine = make_engine(url)
    assert _revision(engine) == "9999"
    engine.dispose()
    assert not (tmp_path / "backups").exists()


def test_cli_on_an_empty_store_creates_the_schema(tmp_path, capsys):
    url = f"sqlite:///{tmp_path / 'fresh.db'}"
    code, out, _ = _cli(url, capsys)
    assert code == 0 and f"-> {head_revision()}" in out
    assert check_store(url).state == "empty"  # a schema, no data yet


def test_revision_0009_turns_stored_beijing_wall_times_into_utc(new_url):
    """A line the importer wrote before 0009: SQLite kept its Beijing wall time, PostgreSQL (TIMESTAMP WITH
    TIME ZONE) the moment. After the upgrade both read back as the moment it recorded."""
    from datetime import datetime, timezone

    from data.importing.store import audit_frame

    engine = new_url()
    _alembic(engine, command.upgrade, "0005")
    with engine.begin() as conn:
        written = ("'2026-03-01 10:30:00.000000'" if engine.dialect.name == "sqlite"
                   else "CAST('2026-03-01 10:30:00+08' AS timestamptz)")
        conn.execute(text(f"INSERT INTO auditentry (at, actor, action, detail) VALUES ({written}, 'x', 'import', '{{}}')"))
    create_schema(engine)
    with engine.connect() as conn:
        log = audit_frame(conn)
    assert log.loc[log["action"] == "import", "at"].tolist() == [datetime(2026, 3, 1, 2, 30, tzinfo=timezone.utc)]
