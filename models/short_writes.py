"""Short write transactions for logins, login sessions and audit lines: they never wait long on an import.

An import holds the store's write lock for its whole run (SQLite: BEGIN IMMEDIATE; PostgreSQL: an
advisory lock, and in replace mode row locks on the accounts it re-places). A login must not sit behind
it for SQLite's 30 s busy timeout and then fail with "database is locked". So every write of a login is
its own small transaction on its own connection (readers use WAL snapshots and never wait), waits at
most `WAIT_SECONDS` for the lock, is retried `ATTEMPTS` times, and then raises `StoreBusy`, whose
message (Chinese) asks the user to try again in a moment.

No streamlit import: the command line uses this module too.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import TypeVar

from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from models.i18n import translate

log = logging.getLogger(__name__)

T = TypeVar("T")
WAIT_SECONDS = 1.5  # per attempt, instead of the 30 s the importer and the pages may wait
ATTEMPTS = 3
PAUSE_SECONDS = 0.25
_SQLITE_DEFAULT_BUSY_MS = 30_000  # models.db.make_engine's timeout, restored after the write


class StoreBusy(RuntimeError):
    """The store's write lock stayed taken (an import or a restore runs); the message is Chinese."""

    def __init__(self) -> None:
        super().__init__(translate("auth.busy", "zh"))


def bind_of(session: Session) -> Engine:
    bind = session.get_bind()
    return bind.engine if isinstance(bind, Connection) else bind


def write(session_or_engine: Session | Engine, work: Callable[[Connection], T], *,
          wait_seconds: float = WAIT_SECONDS, attempts: int = ATTEMPTS) -> T:
    """Run `work(conn)` in a transaction of its own and commit it, waiting at most `wait_seconds` per
    attempt for the write lock. A Session passed in is first committed, so it holds no snapshot or lock
    of its own that the write would wait on (or that would make SQLite refuse the upgrade)."""
    if isinstance(session_or_engine, Session):
        session_or_engine.commit()
        engine = bind_of(session_or_engine)
    else:
        engine = session_or_engine
    for attempt in range(1, attempts + 1):
        try:
            with engine.connect() as conn:
                return _once(conn, work, wait_seconds)
        except OperationalError as exc:
            if not _is_lock_wait(exc):
                raise
            log.warning("store write lock taken, attempt %d/%d of a login write: %s", attempt, attempts, exc.orig)
            if attempt < attempts:
                time.sleep(PAUSE_SECONDS)
    raise StoreBusy()


def _once(conn: Connection, work: Callable[[Connection], T], wait_seconds: float) -> T:
    sqlite = conn.dialect.name == "sqlite"
    if sqlite:
        conn.exec_driver_sql(f"PRAGMA busy_timeout = {int(wait_seconds * 1000)}")
        conn.commit()  # SQLAlchemy autobegan for the PRAGMA; the write gets a transaction of its own
    try:
        with conn.begin():
            if conn.dialect.name == "postgresql":
                conn.exec_driver_sql(f"SET LOCAL lock_timeout = '{int(wait_seconds * 1000)}ms'")
            return work(conn)
    finally:
        if sqlite:
            conn.exec_driver_sql(f"PRAGMA busy_timeout = {_SQLITE_DEFAULT_BUSY_MS}")
            conn.commit()


def _is_lock_wait(exc: OperationalError) -> bool:
    text = str(exc.orig).lower()
    code = getattr(exc.orig, "sqlstate", None) or getattr(exc.orig, "pgcode", None)
    return "locked" in text or "busy" in text or code in ("55P03", "40P01") or "lock timeout" in text
