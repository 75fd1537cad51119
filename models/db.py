"""Engine, sessions and schema: DATABASE_URL (env or secrets) or a SQLite file under data/ by default.

The schema is managed by Alembic (models/migrations): `create_schema` brings any store to the newest
revision, stores made before migrations existed included. `python -m data.importing migrate` does the
same from the command line; `python -m models.migrations revision "..."` writes a new revision.
"""

from __future__ import annotations

import ast
import json
import os
import sqlite3
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from functools import cache
from pathlib import Path

from typing import TYPE_CHECKING

from sqlalchemy import MetaData, event, insert, inspect, text
from sqlalchemy.engine import Connection, Engine, make_url
from sqlalchemy.exc import DatabaseError, OperationalError, SQLAlchemyError
from sqlmodel import SQLModel, create_engine

from models import tables  # noqa: F401  (registers the tables on SQLModel.metadata)
from models.tables import AuditEntry

if TYPE_CHECKING:  # alembic is imported where it migrates, not on every start (see _revision_graph)
    from alembic.config import Config
    from alembic.script import ScriptDirectory

DEFAULT_SQLITE_PATH = Path(__file__).resolve().parent.parent / "data" / "dashboard.db"
MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
BASELINE_REVISION = "0001"
# The tables of the baseline revision, frozen: a store holding them but no alembic_version table was
# made before migrations existed (by SQLModel.metadata.create_all) and is stamped at the baseline.
BASELINE_TABLES = frozenset({
    "region", "partyorg", "orgrollup", "servicecenter", "building", "rating", "weakorgcase", "boundary",
    "datasetinfo", "auditentry", "indicatorscore",
})
_VERSION_TABLE = "alembic_version"
_PG_MIGRATION_LOCK = 0x6A6C6462  # pg_advisory_xact_lock key: one replica migrates, the others wait
_AUDIT_TZ = timezone(timedelta(hours=8))  # audit times are Shenzhen time (as data.importing.backup.now)


def sqlite_path(url: str) -> Path | None:
    """The file behind a SQLite URL, or None for other back-ends and in-memory databases."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or not parsed.database or parsed.database == ":memory:":
        return None
    return Path(parsed.database)


def _sqlite_pragmas(dbapi_conn: sqlite3.Connection, _record: object) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.close()


def make_engine(url: str) -> Engine:
    """A new engine; connects lazily. SQLite gets foreign keys and WAL on every connection."""
    if url.startswith("sqlite"):
        path = sqlite_path(url)
        if path is not None:
            path.parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30})
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    return create_engine(url, pool_pre_ping=True)


def migration_metadata() -> MetaData:
    """What the newest revision must produce: every table of models.tables (autogenerate compares to it)."""
    return SQLModel.metadata


def alembic_config(connection: Connection | None = None) -> Config:
    """Alembic configured in code (no alembic.ini): models/migrations, revisions named 0001_slug.py."""
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    cfg.set_main_option("file_template", "%%(rev)s_%%(slug)s")
    cfg.set_main_option("path_separator", "os")
    cfg.attributes["connection"] = connection
    return cfg


@cache
def migration_scripts() -> ScriptDirectory:
    """The revisions in models/migrations/versions (read once per process)."""
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config())


@cache
def _revision_graph() -> dict[str, tuple[str, ...]]:
    """{revision: its down revisions} from the `revision` and `down_revision` assignments of the revision files,
    read without importing alembic: every start reads the store's revision, and alembic with its dialects and
    templates costs ~0.2 s of CPU to import. Migrating still goes through alembic, which reads the same
    assignments (tests/models/test_migrations.py keeps the two views equal)."""
    graph: dict[str, tuple[str, ...]] = {}
    for path in sorted((MIGRATIONS_DIR / "versions").glob("*.py")):
        values: dict[str, object] = {}
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            target, value = ((node.targets[0], node.value) if isinstance(node, ast.Assign) and len(node.targets) == 1
                             else (node.target, node.value) if isinstance(node, ast.AnnAssign) else (None, None))
            if isinstance(target, ast.Name) and target.id in ("revision", "down_revision") and value is not None:
                values[target.id] = ast.literal_eval(value)
        if isinstance(values.get("revision"), str):
            down = values.get("down_revision")
            graph[str(values["revision"])] = (down,) if isinstance(down, str) else tuple(down or ())
    return graph


def head_revision() -> str:
    """The newest revision this code knows."""
    graph = _revision_graph()
    below = {d for downs in graph.values() for d in downs}
    heads = [r for r in graph if r not in below]
    assert len(heads) == 1, f"models/migrations/versions must have exactly one head, has {heads}"
    return heads[0]


class StoreAhead(RuntimeError):
    """The store was migrated by a newer version of the code: this one must not touch it."""

    def __init__(self, revision: str, head: str) -> None:
        super().__init__(f"store at schema revision {revision}, unknown to this code (newest known: {head})")
        self.revision, self.head = revision, head


@dataclass(frozen=True)
class SchemaVersion:
    """Where a store's schema stands: `state` is new | legacy | behind | current | ahead.

    new: none of our tables; legacy: made before migrations (tables, no recorded revision);
    behind: an older revision; ahead: a revision this code does not know (made by newer code).
    """

    state: str
    revision: str | None
    head: str


def schema_version(conn: Connection) -> SchemaVersion:
    """Read the store's revision without changing anything."""
    head = head_revision()
    names = set(inspect(conn).get_table_names())
    revision = (conn.execute(text("SELECT version_num FROM alembic_version")).scalars().first()
                if _VERSION_TABLE in names else None)
    if revision is None:
        return SchemaVersion("legacy" if names & BASELINE_TABLES else "new", None, head)
    if revision == head:
        return SchemaVersion("current", revision, head)
    return SchemaVersion("behind" if revision in _revision_graph() else "ahead", revision, head)


@dataclass(frozen=True)
class Migration:
    """What create_schema did: `before` is None for a new store, "legacy" for a pre-migration one."""

    before: str | None
    after: str

    @property
    def upgraded(self) -> bool:
        """An existing store changed revision (not a schema created from nothing, not a no-op)."""
        return self.before is not None and self.before != self.after


def create_schema(bind: Engine | Connection, *, actor: str = "system",
                  detail: Mapping[str, object] | None = None) -> Migration:
    """Bring the store to the newest revision (idempotent); an upgrade of existing data leaves an audit line.

    With an Engine the migration runs in its own transaction holding the write lock (SQLite: BEGIN
    IMMEDIATE, foreign keys off so that a table copied by a batch alter keeps the rows pointing at it;
    PostgreSQL: an advisory lock, so replicas starting together migrate once). With a Connection it
    joins the caller's transaction. Raises StoreAhead for a store made by newer code.
    """
    if isinstance(bind, Connection):
        return _migrate(bind, actor, detail)
    with bind.connect() as conn:
        sqlite = conn.dialect.name == "sqlite"
        if sqlite:
            conn.exec_driver_sql("PRAGMA foreign_keys=OFF")  # only takes effect outside a transaction
            conn.commit()
            conn.exec_driver_sql("BEGIN IMMEDIATE")
        try:
            done = _migrate(conn, actor, detail)
            if sqlite:
                broken = conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                if broken:
                    raise RuntimeError(f"migration left rows pointing nowhere: {broken[:5]}")
            conn.commit()
        except BaseException:
            conn.rollback()
            raise
        finally:
            if sqlite:
                conn.exec_driver_sql("PRAGMA foreign_keys=ON")
                conn.commit()
    return done


def _migrate(conn: Connection, actor: str, detail: Mapping[str, object] | None) -> Migration:
    if conn.dialect.name == "postgresql":
        conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _PG_MIGRATION_LOCK})
    version = schema_version(conn)
    if version.state == "ahead":
        raise StoreAhead(str(version.revision), version.head)
    if version.state == "current":
        return Migration(version.revision, version.head)
    from alembic import command

    cfg = alembic_config(conn)
    names = set(inspect(conn).get_table_names())
    if version.state == "legacy" and BASELINE_TABLES <= names:
        command.stamp(cfg, BASELINE_REVISION)  # its tables are there: the baseline has nothing to add
    command.upgrade(cfg, "head")  # (a legacy store missing tables gets them from the baseline)
    before = {"new": None, "legacy": "legacy"}.get(version.state, version.revision)
    done = Migration(before, version.head)
    if done.upgraded:
        body = json.dumps({"from": before, "to": version.head, **(detail or {})}, ensure_ascii=False)
        conn.execute(insert(AuditEntry).values(at=datetime.now(_AUDIT_TZ), actor=(actor or "system")[:64],
                                               action="migrate", detail=body[:400]))
    return done


def drop_schema(bind: Engine | Connection) -> None:
    """Remove every table of ours, the revision record included (the next create_schema starts afresh)."""
    if isinstance(bind, Engine):
        with bind.begin() as conn:
            drop_schema(conn)
        return
    SQLModel.metadata.drop_all(bind)
    bind.execute(text(f"DROP TABLE IF EXISTS {_VERSION_TABLE}"))


def sync_id_sequences(conn: Connection) -> None:
    """PostgreSQL: move every table's id sequence past the largest id, after rows were written with explicit
    ids (the next insert without one would otherwise collide). SQLite needs nothing: it takes MAX(id) + 1."""
    if conn.dialect.name != "postgresql":
        return
    for table in SQLModel.metadata.sorted_tables:
        col = table.c.get("id")
        if col is None or not col.primary_key or not col.autoincrement:
            continue
        conn.execute(text(
            f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "  # names are ours, not user input
            f"COALESCE((SELECT MAX(id) FROM \"{table.name}\"), 0) + 1, false)"))


@dataclass(frozen=True)
class StoreStatus:
    """What the app can do with the store: `state` is ok | empty | outdated | ahead | corrupt | unreachable.

    outdated: the schema is older than the code (create_schema upgrades it); ahead: the store was
    migrated by newer code, and `revision` is the one this code does not know.
    """

    state: str
    detail: str = ""
    is_default_sqlite: bool = False
    revision: str | None = None


def check_store(url: str, *, integrity: bool = True) -> StoreStatus:
    """Probe the store without changing it.

    `integrity`: run SQLite's PRAGMA quick_check, a pass over the whole file (seconds for a large store).
    The app probes without it and runs `integrity_problem` in the background after the store opened
    (components/shell/bootstrap.py); a file that fails to open is still reported corrupt at once."""
    path = sqlite_path(url)
    is_default = path is not None and path.resolve() == DEFAULT_SQLITE_PATH.resolve()
    if path is not None and not path.exists():
        if not _can_create(path):
            return StoreStatus("unreachable", f"cannot create {path}", is_default)
        return StoreStatus("empty", "missing file", is_default)
    if path is not None:
        if path.stat().st_size and not _looks_like_sqlite(path):
            return StoreStatus("corrupt", "not a SQLite file", is_default)
    try:
        engine = make_engine(url)
        try:
            with engine.connect() as conn:
                if path is not None and integrity:
                    ok = conn.execute(text("PRAGMA quick_check")).scalar()
                    if ok != "ok":
                        return StoreStatus("corrupt", str(ok), is_default)
                version = schema_version(conn)
                if version.state == "ahead":
                    return StoreStatus("ahead", f"{version.revision} > {version.head}", is_default,
                                       version.revision)
                if version.state in ("legacy", "behind"):
                    return StoreStatus("outdated", f"{version.revision or 'legacy'} -> {version.head}", is_default,
                                       version.revision)
                names = set(inspect(conn).get_table_names())
                if not set(SQLModel.metadata.tables) <= names:
                    return StoreStatus("empty", "schema missing", is_default, version.revision)
                has_rows = conn.execute(text("SELECT COUNT(*) FROM region")).scalar()
                return StoreStatus("ok" if has_rows else "empty", "", is_default, version.revision)
        finally:
            engine.dispose()
    except DatabaseError as exc:
        if path is not None:
            return StoreStatus("corrupt", str(exc.orig), is_default)
        return StoreStatus("unreachable", str(exc.orig), is_default)
    except (OperationalError, SQLAlchemyError, OSError, ImportError) as exc:
        return StoreStatus("unreachable", str(exc), is_default)


def integrity_problem(url: str) -> str | None:
    """What SQLite's PRAGMA quick_check reports for a SQLite store (None: ok, or not a SQLite store)."""
    if sqlite_path(url) is None:
        return None
    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            ok = conn.execute(text("PRAGMA quick_check")).scalar()
    except DatabaseError as exc:
        return str(exc.orig)
    finally:
        engine.dispose()
    return None if ok == "ok" else str(ok)


def _can_create(path: Path) -> bool:
    """Whether the file could be created: the nearest existing folder above it is writable."""
    folder = path.parent
    while not folder.exists() and folder != folder.parent:
        folder = folder.parent
    return folder.is_dir() and os.access(folder, os.W_OK | os.X_OK)


def _looks_like_sqlite(path: Path) -> bool:
    with path.open("rb") as fh:
        return fh.read(16) == b"SQLite format 3\x00"
