"""Loaders of the data-management page: the importer, exports, backups and the audit log.

Nothing here is cached except the column explanations: every call reads or writes the live store,
and every write clears all caches so each page shows the new data at once.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

import pandas as pd

from components.loaders import cached, clear_caches, engine, store_url
from data import importing
from data.importing import backup, files
from data.importing.restoring import manual_backup
from data.importing.store import audit_frame

Progress = Callable[[float, str], None]


def _store():
    url = store_url()
    return engine(url), url


def is_demo() -> bool:
    return importing.store_is_demo(_store()[0])


def preview(kind: str, data: bytes, filename: str, *, crs: str, mode: str, progress: Progress | None = None
            ) -> importing.Plan:
    return importing.preview(_store()[0], kind, data, filename, crs=crs, mode=mode, progress=progress)


def commit(plan: importing.Plan, *, actor: str, as_of: date, progress: Progress | None = None) -> importing.Result:
    eng, url = _store()
    try:
        return importing.commit(eng, url, plan, actor=actor, as_of=as_of, progress=progress)
    finally:
        clear_caches()  # also after a failure: the page must not show a half-remembered state


@cached
def explanation(kind: str) -> pd.DataFrame:
    return files.explanation(importing.SPECS[kind])


def template(kind: str, fmt: str) -> bytes:
    return files.template_xlsx(kind) if fmt == "xlsx" else files.template_csv(kind)


def database_zip() -> bytes:
    return files.database_zip(_store()[0])


def kind_export(kind: str) -> pd.DataFrame:
    with _store()[0].connect() as conn:
        return files.export_kind(conn, kind)


def backups_available() -> bool:
    return backup.backup_dir(store_url()) is not None


def backups() -> list[backup.Backup]:
    return backup.list_backups(store_url())


def backup_now(*, actor: str) -> backup.Backup | None:
    eng, url = _store()
    try:
        return manual_backup(eng, url, actor=actor)
    finally:
        clear_caches()


def restore(name: str, *, actor: str) -> str | None:
    eng, url = _store()
    try:
        return importing.restore(eng, url, name, actor=actor)
    finally:
        clear_caches()


def audit_log(limit: int = 500) -> pd.DataFrame:
    with _store()[0].connect() as conn:
        return audit_frame(conn, limit=limit)


@dataclass(frozen=True)
class AdminStore:
    """What 数据管理's blocks may read and do; the page hands it to them (tests hand them a fake)."""

    preview: Callable[..., importing.Plan] = preview
    commit: Callable[..., importing.Result] = commit
    explanation: Callable[[str], pd.DataFrame] = explanation
    template: Callable[[str, str], bytes] = template
    database_zip: Callable[[], bytes] = database_zip
    kind_export: Callable[[str], pd.DataFrame] = kind_export
    backups_available: Callable[[], bool] = backups_available
    backups: Callable[[], list[backup.Backup]] = backups
    backup_now: Callable[..., backup.Backup | None] = backup_now
    restore: Callable[..., str | None] = restore
    audit_log: Callable[..., pd.DataFrame] = audit_log


STORE = AdminStore()
