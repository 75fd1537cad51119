"""What went wrong when the disk or the database refused a write: a key of the catalogue (importing.fault_*).

Imports, backups and restores write files and transactions; the disk can be full, the folder read-only,
the database locked by another writer or the file unreadable. Those are not bugs, so the page and the
command line say them in words (`importing.<key>`) instead of a traceback; anything else is left to the
app's error boundary. `key_of` looks through SQLAlchemy's wrapper and the exception chain.
"""

from __future__ import annotations

import errno
import sqlite3

from sqlalchemy.exc import DBAPIError, OperationalError

DISK_FULL, READ_ONLY, BUSY, IO = "fault_disk_full", "fault_read_only", "store_busy", "fault_io"
_OS = {errno.ENOSPC: DISK_FULL, errno.EDQUOT: DISK_FULL, errno.EFBIG: DISK_FULL, errno.EROFS: READ_ONLY,
       errno.EACCES: READ_ONLY, errno.EPERM: READ_ONLY}
# SQLite's messages (sqlite3.Error has no portable error code before Python 3.11's sqlite_errorcode)
_SQLITE = (("disk is full", DISK_FULL), ("readonly", READ_ONLY), ("read-only", READ_ONLY),
           ("unable to open", READ_ONLY), ("locked", BUSY), ("busy", BUSY), ("disk i/o", IO),
           ("malformed", "fault_damaged"), ("not a database", "fault_damaged"))
# PostgreSQL SQLSTATEs: disk full, out of memory/space, read-only transaction, lock timeout, serialization
_PG = {"53100": DISK_FULL, "53200": DISK_FULL, "25006": READ_ONLY, "55P03": BUSY, "40001": BUSY, "40P01": BUSY,
       "57014": BUSY}


def _chain(exc: BaseException):
    seen: set[int] = set()
    while exc is not None and id(exc) not in seen:
        seen.add(id(exc))
        yield exc
        if isinstance(exc, DBAPIError) and exc.orig is not None:
            yield exc.orig
        exc = exc.__cause__ or exc.__context__


def key_of(exc: BaseException) -> str | None:
    """The catalogue key (without 'importing.') of a disk or database fault, or None when exc is not one."""
    for e in _chain(exc):
        if isinstance(e, OSError) and not isinstance(e, (ConnectionError, TimeoutError)):
            return _OS.get(e.errno, IO)
        if isinstance(e, (sqlite3.IntegrityError, sqlite3.ProgrammingError, sqlite3.InterfaceError)):
            return None  # a bug of ours, not a fault of the disk: the error boundary reports it
        if isinstance(e, sqlite3.Error):
            text = str(e).lower()
            return next((key for words, key in _SQLITE if words in text), IO)
        state = getattr(e, "sqlstate", None) or getattr(e, "pgcode", None)
        if state and state[:2] in ("22", "23", "42"):
            return None  # bad data or SQL of ours: a bug, not a fault
        if state:
            return _PG.get(state, "fault_store" if state[:2] not in ("08", "57") else "fault_unreachable")
    for e in _chain(exc):
        if isinstance(e, OperationalError):
            return "fault_store"
    return None
