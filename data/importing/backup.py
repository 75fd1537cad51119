"""Copies of the SQLite store taken with the online backup API, listed and restorable.

Only a SQLite file is backed up here. On PostgreSQL the database administrator backs up (pg_dump,
base backups with point-in-time recovery): imports take no copy, nothing is listed, and a restore is
refused with `unavailable_reason` (a sentence of the catalogue, importing.backup_*).

Backups live in a `backups` folder beside the database file (data/backups/ for the default store,
git-ignored). A copy is written under a temporary name and renamed when complete, so a process killed
mid-copy never leaves a half backup in the list. The newest KEEP copies are kept.
"""

from __future__ import annotations

import os
import re
import sqlite3
import time
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path

from sqlalchemy.engine import make_url

from data.importing import faults
from data.importing.stages import checkpoint
from models.db import sqlite_path
from models.i18n import translate

KEEP = 30
LOCK_WAIT_SECONDS = 30  # as the busy timeout of the app's connections (models.db)
# Shenzhen time (no daylight saving), whatever the server's zone: backup names and audit times are read there.
CHINA_TZ = timezone(timedelta(hours=8), "UTC+8")
_NAME = re.compile(r"^(?P<stem>.+)-(?P<stamp>\d{8}-\d{6}-\d{6})-(?P<reason>[a-z0-9_-]+)\.db$")


def now() -> datetime:
    return datetime.now(CHINA_TZ)


class BackupError(RuntimeError):
    """A backup cannot be taken or restored: importing.<key> of the catalogue (str() is the Chinese text)."""

    def __init__(self, key: str, **params: object):
        super().__init__(translate(f"importing.{key}", "zh", **params))
        self.key, self.params = key, params

    def text(self, lang: str = "zh") -> str:
        return translate(f"importing.{self.key}", lang, **self.params)


@dataclass(frozen=True)
class Backup:
    name: str
    path: Path
    taken_at: datetime
    reason: str
    size: int


def _unavailable_key(url: str) -> str | None:
    if sqlite_path(url) is not None:
        return None
    return "backup_postgres" if make_url(url).get_backend_name() == "postgresql" else "backup_not_a_file"


def unavailable_reason(url: str, lang: str = "zh") -> str | None:
    """Why this store has no backups here, or None for a SQLite file, which has them."""
    key = _unavailable_key(url)
    return None if key is None else translate(f"importing.{key}", lang)


def backup_dir(url: str) -> Path | None:
    """Where this store's backups go, or None when the store is not a SQLite file."""
    path = sqlite_path(url)
    return None if path is None else path.resolve().parent / "backups"


def _backup(src: sqlite3.Connection, dst: sqlite3.Connection) -> None:
    """src -> dst in one step of the online backup API, waiting at most LOCK_WAIT_SECONDS for a lock
    (Python's backup() retries a busy database forever; its progress callback is the only way out)."""
    deadline = time.monotonic() + LOCK_WAIT_SECONDS

    def give_up_when_locked(status: int, _remaining: int, _total: int) -> None:
        if status in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED) and time.monotonic() > deadline:
            raise sqlite3.OperationalError("database is locked")  # aborts; dst keeps what it had

    src.backup(dst, progress=give_up_when_locked)


def _copy(src: sqlite3.Connection, target: Path) -> None:
    partial = target.with_name(target.name + ".partial")
    partial.unlink(missing_ok=True)
    dst = sqlite3.connect(partial)
    try:
        _backup(src, dst)
        dst.execute("PRAGMA journal_mode=DELETE")  # a self-contained file, no -wal beside it
    finally:
        dst.close()
    checkpoint("backup")  # the copy is on disk under its temporary name only
    os.replace(partial, target)


def take(url: str, reason: str) -> Backup | None:
    """Copy the committed state of the store now; None for stores that are not SQLite files.

    One step of the online backup API: a consistent snapshot while other sessions read (and write).
    Raises BackupError (importing.fault_*) when the disk or the database refuses; no copy is left then.
    """
    path, folder = sqlite_path(url), backup_dir(url)
    if path is None or folder is None or not path.exists():
        return None
    name = f"{path.stem}-{now():%Y%m%d-%H%M%S-%f}-{re.sub(r'[^a-z0-9_-]', '-', reason.lower())}.db"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        src = sqlite3.connect(path, timeout=LOCK_WAIT_SECONDS)
        try:
            _copy(src, folder / name)
        finally:
            src.close()
        _prune(url)
        return _describe(folder / name)
    except Exception as exc:
        key = faults.key_of(exc)
        if key is None:
            raise
        for left in (folder / name, folder / f"{name}.partial"):
            _unlink_quietly(left)
        raise BackupError(key) from exc


def _unlink_quietly(path: Path) -> None:
    try:
        path.unlink(missing_ok=True)
    except OSError:  # a read-only folder: nothing was written there either
        pass


def _describe(path: Path) -> Backup | None:
    m = _NAME.match(path.name)
    if not m:
        return None
    taken = datetime.strptime(m["stamp"], "%Y%m%d-%H%M%S-%f").replace(tzinfo=CHINA_TZ)
    return Backup(path.name, path, taken, m["reason"],
                  path.stat().st_size)


def list_backups(url: str) -> list[Backup]:
    """This store's backups, newest first."""
    folder, path = backup_dir(url), sqlite_path(url)
    if folder is None or path is None or not folder.is_dir():
        return []
    found = []
    for p in folder.glob(f"{path.stem}-*.db"):
        b = _describe(p)
        if b is not None and _NAME.match(p.name)["stem"] == path.stem:
            found.append(b)
    return sorted(found, key=lambda b: b.taken_at, reverse=True)


def _prune(url: str) -> None:
    for old in list_backups(url)[KEEP:]:
        old.path.unlink(missing_ok=True)
    folder = backup_dir(url)
    for stale in folder.glob("*.partial") if folder else ():
        if now().timestamp() - stale.stat().st_mtime > 3600:  # not one being written right now
            stale.unlink(missing_ok=True)


def _check_file(path: Path) -> None:
    with path.open("rb") as fh:
        if fh.read(16) != b"SQLite format 3\x00":
            raise BackupError("backup_invalid", name=path.name)
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        ok = con.execute("PRAGMA quick_check").fetchone()[0]
        tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    except sqlite3.DatabaseError:
        ok, tables = "malformed", set()
    finally:
        con.close()
    if ok != "ok" or not {"region", "partyorg", "datasetinfo"} <= tables:
        raise BackupError("backup_damaged", name=path.name)


def chosen(url: str, name: str) -> Backup:
    """The listed backup of that name, checked complete and undamaged; BackupError otherwise."""
    reason = _unavailable_key(url)
    if reason is not None:
        raise BackupError(reason)
    found = next((b for b in list_backups(url) if b.name == name), None)
    if found is None:
        raise BackupError("backup_missing", name=name)
    _check_file(found.path)
    return found


def stage(source: Backup) -> Path:
    """A working copy of a backup beside it (`.partial`: never listed), to be prepared and then `put` live."""
    target = source.path.with_name(f"{source.path.stem}-staged-{os.getpid()}.db.partial")
    for left in (target, target.with_name(target.name + "-wal"), target.with_name(target.name + "-shm")):
        left.unlink(missing_ok=True)
    src = sqlite3.connect(f"file:{source.path}?mode=ro", uri=True)
    dst = sqlite3.connect(target)
    try:
        _backup(src, dst)
    finally:
        src.close()
        dst.close()
    return target


def discard(path: Path) -> None:
    for left in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        _unlink_quietly(left)


def put(url: str, staged: Path) -> None:
    """Replace the store's content with a prepared copy: one step of the backup API into the live file,
    so connections that other sessions hold stay valid and see the new data, and the destination is
    written in one transaction (a failure or a kill leaves the store as it was)."""
    src = sqlite3.connect(f"file:{staged}?mode=ro", uri=True)
    dst = sqlite3.connect(sqlite_path(url), timeout=LOCK_WAIT_SECONDS)
    try:
        _backup(src, dst)
    finally:
        src.close()
        dst.close()


def restore(url: str, name: str) -> Backup | None:
    """Replace the store's content with a backup as it is; the current state is backed up first (returned).
    data.importing.restore (which carries accounts and the audit trail over) is what the app uses."""
    found = chosen(url, name)
    safety = take(url, "before-restore")
    put(url, found.path)
    return safety
