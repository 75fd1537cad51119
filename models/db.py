"""Engine and sessions: DATABASE_URL (env or secrets) or a SQLite file under data/ by default."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import event, inspect, text
from sqlalchemy.engine import Connection, Engine, make_url
from sqlalchemy.exc import DatabaseError, OperationalError, SQLAlchemyError
from sqlmodel import Session, SQLModel, create_engine

from models import tables  # noqa: F401  (registers the tables on SQLModel.metadata)

DEFAULT_SQLITE_PATH = Path(__file__).resolve().parent.parent / "data" / "dashboard.db"


def database_url(secrets: Mapping[str, object] | None = None) -> str:
    """The store's URL: env DATABASE_URL, then secrets["DATABASE_URL"], then the default SQLite file."""
    url = os.environ.get("DATABASE_URL") or (secrets or {}).get("DATABASE_URL")
    return str(url) if url else f"sqlite:///{DEFAULT_SQLITE_PATH}"


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


def create_schema(engine: Engine) -> None:
    SQLModel.metadata.create_all(engine)


def drop_schema(engine: Engine) -> None:
    SQLModel.metadata.drop_all(engine)


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


@contextmanager
def session_scope(engine: Engine) -> Iterator[Session]:
    """A session that commits on success and rolls back on any error."""
    with Session(engine) as session:
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise


@dataclass(frozen=True)
class StoreStatus:
    """What the app can do with the store: `state` is ok | empty | corrupt | unreachable."""

    state: str
    detail: str = ""
    is_default_sqlite: bool = False


def check_store(url: str) -> StoreStatus:
    """Probe the store without changing it."""
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
                if path is not None:
                    ok = conn.execute(text("PRAGMA quick_check")).scalar()
                    if ok != "ok":
                        return StoreStatus("corrupt", str(ok), is_default)
                names = set(inspect(conn).get_table_names())
                needed = set(SQLModel.metadata.tables)
                if not needed <= names:
                    return StoreStatus("empty", "schema missing", is_default)
                has_rows = conn.execute(text("SELECT COUNT(*) FROM region")).scalar()
                return StoreStatus("ok" if has_rows else "empty", "", is_default)
        finally:
            engine.dispose()
    except DatabaseError as exc:
        if path is not None:
            return StoreStatus("corrupt", str(exc.orig), is_default)
        return StoreStatus("unreachable", str(exc.orig), is_default)
    except (OperationalError, SQLAlchemyError, OSError, ImportError) as exc:
        return StoreStatus("unreachable", str(exc), is_default)


def _can_create(path: Path) -> bool:
    """Whether the file could be created: the nearest existing folder above it is writable."""
    folder = path.parent
    while not folder.exists() and folder != folder.parent:
        folder = folder.parent
    return folder.is_dir() and os.access(folder, os.W_OK | os.X_OK)


def _looks_like_sqlite(path: Path) -> bool:
    with path.open("rb") as fh:
        return fh.read(16) == b"SQLite format 3\x00"
