"""Lock-out under parallel guessing, and logins while an import holds the store's write lock (issue 21).

Both run on SQLite and PostgreSQL: the failure count is taken by one conditional UPDATE before the
hash is checked, so concurrent guesses cannot all be checked; and every login write is a short
transaction of its own that gives up quickly (a Chinese message) instead of waiting 30 s.
"""

from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy import select, text, update
from sqlalchemy.orm import Session

from data.importing.apply import begin_write
from models import accounts, login_sessions
from models.access import VIEWER
from models.db import create_schema, make_engine
from models.short_writes import StoreBusy
from models.tables import Account, AuditEntry, Region

PASSWORD = "Parallel-Richtig-7"
GUESSES = 20
POLICY = accounts.Policy(max_failures=5, lock_minutes=15)


@pytest.fixture()
def engine(store_url):
    engine = make_engine(store_url)
    create_schema(engine)
    with Session(engine) as s:
        s.add(Region(id=1, code="4403", name="深圳市", level="city"))
        accounts.create(s, username="viewer", role=VIEWER, password=PASSWORD, now=datetime.now(timezone.utc),
                        actor="test")
        s.commit()
    yield engine
    engine.dispose()


def _attempt(engine, password: str, barrier: threading.Barrier | None = None) -> accounts.LoginResult:
    with Session(engine) as s:
        if barrier is not None:
            barrier.wait()
        return accounts.authenticate(s, username="viewer", password=password, now=datetime.now(timezone.utc),
                                     policy=POLICY)


def test_parallel_wrong_guesses_check_at_most_the_limit_and_lock_the_account(engine, monkeypatch):
    checked = []
    real_verify = accounts._verify

    def counting_verify(password_hash, password):
        checked.append(password)
        return real_verify(password_hash, password)

    monkeypatch.setattr(accounts, "_verify", counting_verify)
    barrier = threading.Barrier(GUESSES)
    with ThreadPoolExecutor(GUESSES) as pool:
        results = list(pool.map(lambda i: _attempt(engine, f"falsch-{i:02d}", barrier), range(GUESSES)))
    assert len(checked) <= POLICY.max_failures, f"{len(checked)} passwords checked, limit {POLICY.max_failures}"
    assert not any(r.ok for r in results)
    assert sum(r.reason == "locked" for r in results) >= GUESSES - POLICY.max_failures
    with Session(engine) as s:
        assert s.execute(select(Account.locked_until)).scalar_one() is not None
        actions = s.execute(select(AuditEntry.action).where(AuditEntry.action.like("login%"))).scalars().all()
    assert len(actions) == GUESSES  # every attempt is in the audit trail
    assert "login_locked" in actions
    checked.clear()
    assert _attempt(engine, PASSWORD).reason == "locked"  # the right password does not open it now
    assert checked == []  # ... and is not even checked


def test_parallel_right_logins_all_succeed(engine):
    barrier = threading.Barrier(8)
    with ThreadPoolExecutor(8) as pool:
        results = list(pool.map(lambda _: _attempt(engine, PASSWORD, barrier), range(8)))
    assert all(r.ok for r in results), [r.reason for r in results]
    assert len({r.token for r in results}) == 8  # a session each
    with Session(engine) as s:
        assert s.execute(select(Account.failed_attempts)).scalar_one() == 0


def _hold_the_write_lock(engine, *, rows: bool):
    """What an import does: the store's write lock (SQLite BEGIN IMMEDIATE, PostgreSQL the advisory lock),
    and in replace mode an UPDATE of the account rows, held until the end of the import."""
    conn = begin_write(engine)
    if rows:
        conn.execute(update(Account).values(district_id=None))
    return conn


@pytest.mark.parametrize("rows", [False, True], ids=["append", "replace"])
def test_a_login_during_an_import_answers_within_seconds(engine, rows):
    with Session(engine) as s:  # a page view of a logged-in browser before the import starts
        token = _attempt(engine, PASSWORD).token
    held = _hold_the_write_lock(engine, rows=rows)
    try:
        started = time.monotonic()
        with Session(engine) as s:  # reading the session (every page view) does not wait at all
            assert login_sessions.check(s, token=token, now=datetime.now(timezone.utc), idle=timedelta(minutes=30)).ok
        assert time.monotonic() - started < 1.0
        started = time.monotonic()
        blocked = engine.dialect.name == "sqlite" or rows
        if blocked:  # SQLite has one writer; PostgreSQL waits only for the account rows the import changes
            with pytest.raises(StoreBusy, match="数据库正忙") as caught:
                _attempt(engine, PASSWORD)
            assert "稍" in str(caught.value)
        else:
            assert _attempt(engine, PASSWORD).ok
        assert time.monotonic() - started < 8.0  # not SQLite's 30 s busy timeout
    finally:
        held.rollback()
        held.close()
    assert _attempt(engine, PASSWORD).ok  # and once the import is over the same login goes through


def test_a_busy_store_neither_counts_nor_checks_a_guess(engine, monkeypatch):
    """StoreBusy before the slot is taken: no password was checked, so lock-out is not weakened."""
    checked = []
    monkeypatch.setattr(accounts, "_verify", lambda h, p: checked.append(p) or False)
    held = _hold_the_write_lock(engine, rows=True)
    try:
        with pytest.raises(StoreBusy):
            _attempt(engine, "falsch-0")
    finally:
        held.rollback()
        held.close()
    assert checked == []
    with engine.connect() as conn:
        assert conn.execute(text("SELECT failed_attempts FROM account")).scalar_one() == 0


def _guess_in_a_process(url: str, password: str, start_at: float) -> tuple[str | None, int]:
    """One process's guess (forked): its result and how many passwords it checked."""
    checked = []
    real_verify = accounts._verify
    accounts._verify = lambda h, p: checked.append(p) or real_verify(h, p)
    engine = make_engine(url)
    try:
        time.sleep(max(0.0, start_at - time.time()))  # all start together
        with Session(engine) as s:
            result = accounts.authenticate(s, username="viewer", password=password, now=datetime.now(timezone.utc),
                                           policy=POLICY)
        return result.reason, len(checked)
    finally:
        engine.dispose()


def test_parallel_guesses_from_separate_processes_are_counted_in_the_store(engine, store_url):
    import multiprocessing

    engine.dispose()  # nothing pooled crosses the fork
    start_at = time.time() + 2.0
    with multiprocessing.get_context("fork").Pool(10) as pool:
        results = pool.starmap(_guess_in_a_process, [(store_url, f"falsch-{i}", start_at) for i in range(10)])
    assert sum(n for _, n in results) <= POLICY.max_failures
    assert all(reason in ("bad_credentials", "locked") for reason, _ in results)
    assert _attempt(engine, PASSWORD).reason == "locked"
