"""Writing a previewed import: one transaction, upsert by code, backup first, audit and dataset facts.

Order: take the write lock, check that nothing changed since the preview, back the store up, (replace
the demo data by the reference geography,) write, record the audit entry and the dataset facts,
commit. A failure or a killed process at any point leaves the store as it was.
"""

from __future__ import annotations

import getpass
import json
import os
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import delete, insert, select, text, update
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import OperationalError
from sqlmodel import SQLModel

from data.importing import backup, faults, writers
from data.importing.messages import ImportRejected, Problem, step as _step
from data.importing.plan import ADD, SAME, UPDATE, Plan
from data.importing.stages import checkpoint
from data.importing.store import fingerprint, reference_regions
from models import org_rollup, rollup_delta, rollups
from models.db import Migration, StoreAhead, create_schema, schema_version
from models.tables import Account, AuditEntry, DatasetInfo, LoginSession, Region

Progress = Callable[[float, str], None]
ROLLUP_KINDS = ("orgs", "centres", "buildings")  # writes that change models.org_rollup's sums
AGGREGATE_KINDS = ("regions", "orgs", "centres", "buildings", "ratings")  # writes that change models.rollups


@dataclass(frozen=True)
class Result:
    kind: str
    added: int
    updated: int
    unchanged: int
    backup: str | None
    origin: str


def default_actor() -> str:
    try:
        return getpass.getuser()
    except Exception:  # noqa: BLE001 - some containers have no login name
        return os.environ.get("USER", "unknown")


WRITE_LOCK_KEY = 0x5A0B_D1E5  # PostgreSQL advisory lock shared by every writer of this schema
LOCK_WAIT_SECONDS = 30  # as SQLite's busy timeout (models.db)


def begin_write(engine: Engine) -> Connection:
    """A connection holding the write lock, so nothing slips in before commit: SQLite's BEGIN IMMEDIATE, or
    on PostgreSQL a transaction-scoped advisory lock that every import, restore and init takes (readers
    are never blocked; they see the old data until the commit)."""
    conn = engine.connect()
    try:
        if engine.dialect.name == "sqlite":
            conn.exec_driver_sql("BEGIN IMMEDIATE")
        elif engine.dialect.name == "postgresql":
            conn.exec_driver_sql(f"SET LOCAL lock_timeout = '{LOCK_WAIT_SECONDS}s'")
            conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": WRITE_LOCK_KEY})
    except OperationalError as exc:
        conn.close()
        raise ImportRejected([Problem(faults.key_of(exc) or "store_busy")]) from exc
    return conn


def reset_to_reference(conn: Connection) -> None:
    """Drop every row but the audit trail, the login accounts and their sessions, and write the official territory back
    (no demo positions). Accounts keep their district and street, found again by region code."""
    places = _detach_accounts(conn)
    for table in reversed(SQLModel.metadata.sorted_tables):  # children before the tables they point to
        if table.name not in (AuditEntry.__tablename__, Account.__tablename__, LoginSession.__tablename__):
            conn.execute(table.delete())
    conn.execute(insert(Region), reference_regions())
    _reattach_accounts(conn, places)


def _account_places(conn: Connection) -> list[tuple[int, str | None, str | None]]:
    """(account id, district code, street code) of every account placed in a district or street."""
    district, street = Region.__table__.alias("d"), Region.__table__.alias("s")
    rows = conn.execute(
        select(Account.id, district.c.code, street.c.code)
        .outerjoin(district, district.c.id == Account.district_id)
        .outerjoin(street, street.c.id == Account.street_id)
        .where((Account.district_id.is_not(None)) | (Account.street_id.is_not(None)))
    ).all()
    return [tuple(r) for r in rows]


def _detach_accounts(conn: Connection) -> list[tuple[int, str | None, str | None]]:
    """_account_places, with those accounts' region links cut (the regions are about to be rewritten)."""
    places = _account_places(conn)
    if places:
        conn.execute(update(Account).where(Account.id.in_([p[0] for p in places])).values(district_id=None,
                                                                                           street_id=None))
    return places


def _reattach_accounts(conn: Connection, places: list[tuple[int, str | None, str | None]]) -> None:
    """Links back by code; an account whose region no longer exists is disabled rather than widened."""
    ids = dict(conn.execute(select(Region.code, Region.id)).all())
    for account_id, district_code, street_code in places:
        district_id, street_id = ids.get(district_code), ids.get(street_code)
        lost = (district_code is not None and district_id is None) or (street_code is not None and street_id is None)
        values = {"district_id": district_id, "street_id": street_id} | ({"disabled": True} if lost else {})
        conn.execute(update(Account).where(Account.id == account_id).values(**values))


def _dataset_facts(conn: Connection, as_of: date, now: datetime) -> str:
    """Mark the data as imported, except where demo rows remain (merged): those keep the 示例数据 badge."""
    info = {k: v for k, v in conn.execute(select(DatasetInfo.key, DatasetInfo.value))}
    facts = {"last_import": now.isoformat(timespec="seconds")}
    if info.get("origin") != "demo":
        facts |= {"origin": "import", "as_of": as_of.isoformat()}
    for key, value in facts.items():
        conn.execute(delete(DatasetInfo).where(DatasetInfo.key == key))
        conn.execute(insert(DatasetInfo).values(key=key, value=value))
    return facts.get("origin", info.get("origin", ""))


def audit(conn: Connection, *, actor: str, action: str, detail: dict, at: datetime | None = None) -> None:
    """One audit line; detail is JSON (kind, file, row counts, backup) cut to the column's 400 characters."""
    body = json.dumps(detail, ensure_ascii=False)
    if len(body) > 400:  # the file name is the only open-ended part
        body = json.dumps(detail | {"file": str(detail.get("file", ""))[:80]}, ensure_ascii=False)[:400]
    conn.execute(insert(AuditEntry).values(at=at or backup.now(), actor=(actor or "unknown")[:64],
                                           action=action[:32], detail=body))


def incremental(plan: Plan) -> bool:
    """A merge of a kind models.rollup_delta keeps up row by row (it still falls back to a full rebuild
    when the file touches a large share of the table or the derived tables were stale)."""
    return plan.mode == "merge" and plan.kind in rollup_delta.KINDS


def touched(plan: Plan) -> list[str]:
    """Codes of the rows the writer adds or changes (ratings: of their organisations)."""
    todo = plan.frame.loc[(plan.status == ADD) | (plan.status == UPDATE)]
    return todo["org_code" if plan.kind == "ratings" else "code"].tolist()


def _rebuild_derived(conn: Connection, plan: Plan, say: Progress) -> None:
    if plan.mode == "replace" or plan.kind in ROLLUP_KINDS:
        say(0.92, _step("rollup"))
        org_rollup.rebuild(conn)
    if plan.mode == "replace" or plan.kind in AGGREGATE_KINDS:
        rollups.rebuild(conn)


def commit(engine: Engine, url: str, plan: Plan, *, actor: str, as_of: date | None = None,
           progress: Progress | None = None) -> Result:
    """Write a clean plan; raises ImportRejected (nothing written) when the store moved since the preview."""
    if not plan.ok:
        raise ImportRejected(plan.problems)
    say = progress or (lambda _f, _m: None)
    now = backup.now()
    say(0.0, _step("lock"))
    conn, taken = begin_write(engine), None
    try:
        if fingerprint(conn) != plan.fingerprint:
            raise ImportRejected([Problem("store_changed")])
        say(0.02, _step("backup"))
        taken = backup.take(url, f"before-import-{plan.kind}")
        say(0.1, _step("write"))
        try:  # a store left at an older revision is brought up to date first
            create_schema(conn, actor=actor)
        except StoreAhead as exc:
            raise ImportRejected([Problem("store_ahead", params={"revision": exc.revision})]) from exc
        if plan.mode == "replace":
            reset_to_reference(conn)
        change = rollup_delta.Change.begin(conn, plan.kind, touched(plan)) if incremental(plan) else None
        writers.WRITERS[plan.kind](conn, plan, say, 0.1, 0.8)
        checkpoint("writing")
        if change is not None:
            say(0.92, _step("rollup"))
            change.finish(conn)
        else:
            _rebuild_derived(conn, plan, say)
        checkpoint("rollups")
        origin = _dataset_facts(conn, as_of or now.date(), now)
        counts = plan.counts()
        audit(conn, actor=actor, action="import", at=now, detail={
            "kind": plan.kind, "file": plan.filename, "rows": len(plan.status), "added": counts[ADD],
            "updated": counts[UPDATE], "unchanged": counts[SAME], "mode": plan.mode,
            "backup": taken.name if taken else None,
        })
        writers.sync_sequences(conn)
        say(0.97, _step("commit"))
        checkpoint("commit")
        conn.commit()
        checkpoint("committed")
    except BaseException as exc:
        _rollback(conn)
        if taken is not None:  # nothing was written: the copy of an unchanged store is not kept
            backup.discard(taken.path)
        rejected = _rejected(exc)
        if rejected is None:
            raise
        raise rejected from exc
    finally:
        conn.close()
    say(1.0, _step("done"))
    return Result(plan.kind, counts[ADD], counts[UPDATE], counts[SAME], taken.name if taken else None, origin)


def _rollback(conn: Connection) -> None:
    try:
        conn.rollback()
    except Exception:  # noqa: BLE001 - the disk that failed the write may fail this too; SQLite rolls back on close
        conn.invalidate()


def _rejected(exc: BaseException) -> ImportRejected | None:
    """A disk or database fault as the ImportRejected the page and the command line word (None: a bug)."""
    if isinstance(exc, backup.BackupError):
        return ImportRejected([Problem(exc.key, params=exc.params)])
    key = faults.key_of(exc) if isinstance(exc, Exception) and not isinstance(exc, ImportRejected) else None
    return None if key is None else ImportRejected([Problem(key)])


def migrate(engine: Engine, url: str, *, actor: str) -> tuple[Migration, backup.Backup | None]:
    """Bring the store's schema to the newest revision; a SQLite file is backed up first when it changes.

    Raises models.db.StoreAhead (nothing touched) when newer code has migrated the store.
    """
    with engine.connect() as conn:
        version = schema_version(conn)
    if version.state == "ahead":
        raise StoreAhead(str(version.revision), version.head)
    taken = backup.take(url, "before-migrate") if version.state in ("legacy", "behind") else None
    done = create_schema(engine, actor=actor, detail={"backup": taken.name} if taken else None)
    return done, taken


def init_reference(engine: Engine, *, actor: str) -> bool:
    """Give an empty store the schema and the official territory; False when it already holds regions."""
    create_schema(engine, actor=actor)
    conn = begin_write(engine)
    try:
        if conn.execute(select(Region.id).limit(1)).first() is not None:
            conn.rollback()
            return False
        reset_to_reference(conn)
        org_rollup.rebuild(conn)
        rollups.rebuild(conn)
        conn.execute(insert(DatasetInfo), [{"key": "origin", "value": "import"},
                                           {"key": "as_of", "value": backup.now().date().isoformat()}])
        audit(conn, actor=actor, action="init", detail={"regions": len(reference_regions())})
        writers.sync_sequences(conn)  # the territory was written with explicit ids
        conn.commit()
    except BaseException:
        conn.rollback()
        raise
    finally:
        conn.close()
    return True
