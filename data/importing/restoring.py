"""Restoring a backup: the data goes back, who may log in and what was done stay, all in one step.

The backup is copied to a working file beside it, brought to this code's schema, and given the current
login accounts and the whole current audit trail (plus the restore's own line); only then is it put
into the live file, in one transaction of the online backup API. A full disk, a read-only folder, a
locked store or a killed process at any point leaves the live store exactly as it was (and the safety
copy taken first is removed again).
"""

from __future__ import annotations

from sqlalchemy import delete, func, insert, select
from sqlalchemy.engine import Engine

from data.importing import backup, faults
from data.importing.apply import _account_places, _reattach_accounts, audit
from models import rollups
from models.db import StoreAhead, create_schema, make_engine
from models.tables import Account, AuditEntry


def restore(engine: Engine, url: str, name: str, *, actor: str) -> str | None:
    """Restore a backup (the current state is backed up first) and audit it; the safety copy's name.

    The data goes back; who may log in and what was done do not: the login accounts (a disabled account,
    a changed password) and the whole audit trail are carried over from the current store, the accounts
    linked to their district and street again by region code. Raises backup.BackupError (nothing changed).
    """
    found = backup.chosen(url, name)
    try:
        with engine.connect() as conn:
            places = _account_places(conn)
            accounts = [dict(r._mapping) for r in conn.execute(select(Account.__table__))]
            trail = [dict(r._mapping) for r in conn.execute(select(AuditEntry.__table__).order_by(AuditEntry.id))]
    except Exception as exc:
        raise _as_backup_error(exc) from exc
    safety = backup.take(url, "before-restore")
    staged = None
    try:
        staged = backup.stage(found)
        work = make_engine(f"sqlite:///{staged}")
        try:
            _carry_over(work, name, places, accounts, trail, actor=actor, safety=safety)
        finally:
            work.dispose()
        backup.put(url, staged)
    except Exception as exc:
        if safety is not None:
            backup.discard(safety.path)
        raise _as_backup_error(exc) from exc
    finally:
        if staged is not None:
            backup.discard(staged)
        engine.dispose()  # pooled connections may cache the old schema
    return safety.name if safety else None


def _as_backup_error(exc: Exception) -> Exception:
    if isinstance(exc, backup.BackupError):
        return exc
    if isinstance(exc, StoreAhead):
        return backup.BackupError("store_ahead", revision=exc.revision)
    key = faults.key_of(exc)
    return exc if key is None else backup.BackupError(key)


def _carry_over(work: Engine, name: str, places, accounts, trail, *, actor: str, safety) -> None:
    with work.connect() as conn:
        restored_up_to = conn.execute(select(func.max(AuditEntry.id))).scalar() or 0
    create_schema(work, actor=actor)  # a backup from before a migration is brought to this code's schema
    with work.begin() as conn:
        upgrade = [{k: v for k, v in dict(r._mapping).items() if k != "id"} for r in conn.execute(
            select(AuditEntry.__table__).where(AuditEntry.id > restored_up_to).order_by(AuditEntry.id))]
        conn.execute(delete(AuditEntry))
        for lines in (trail, upgrade):  # the current trail, then the upgrade of the restored copy if any
            if lines:
                conn.execute(insert(AuditEntry), lines)
        conn.execute(delete(Account))
        if accounts:
            conn.execute(insert(Account), [a | {"district_id": None, "street_id": None} for a in accounts])
        _reattach_accounts(conn, places)
        if not rollups.is_fresh(conn, thorough=True):  # a backup from before the rollups, or of an older definition
            rollups.rebuild(conn)
        audit(conn, actor=actor, action="restore",
              detail={"restored": name, "backup": safety.name if safety else None})


def manual_backup(engine: Engine, url: str, *, actor: str) -> backup.Backup | None:
    """A backup asked for by a person, with its audit line; BackupError (and no copy kept) on a fault."""
    taken = backup.take(url, "manual")
    if taken is None:
        return None
    try:
        with engine.begin() as conn:
            audit(conn, actor=actor, action="backup", detail={"backup": taken.name})
    except Exception as exc:
        backup.discard(taken.path)
        raise _as_backup_error(exc) from exc
    return taken
