"""Login sessions of 正式模式: a password login that survives a reload and new tabs of the same browser.

A login issues a random token (`secrets.token_urlsafe`, 256 bits); the browser keeps it in an HttpOnly
cookie (components/shell/session_cookie.py) and the store keeps only its SHA-256 in `LoginSession`,
so neither a backup nor the audit table can open a session. Every page view checks the token against
the table and the account: a session ends when it is revoked (logout; the account disabled or its
password reset: `revoke_account`), idle longer than the timeout (its `last_seen_at`, shared by all
tabs of the browser), or past its absolute lifetime (`expires_at`, [login] session_hours).

No streamlit import. Writes are short transactions of their own (models.short_writes).
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import insert, select, update
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session

from models.tables import Account, LoginSession

DEFAULT_LIFETIME_HOURS = 12.0
TOUCH_AFTER = timedelta(seconds=60)  # last_seen_at is written at most once a minute per session

# Why a session ended (LoginSession.revoked_reason, and Check.reason).
LOGOUT, TIMEOUT, DISABLED, PASSWORD, EXPIRED, UNKNOWN = "logout", "timeout", "disabled", "password", "expired", "unknown"


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def issue(conn: Connection, *, account_id: int, now: datetime, lifetime: timedelta) -> str:
    """A new session for the account (in the caller's transaction); the token, shown to no one but the browser."""
    token = secrets.token_urlsafe(32)
    conn.execute(insert(LoginSession).values(token_hash=token_hash(token), account_id=account_id, created_at=now,
                                             last_seen_at=now, expires_at=now + lifetime))
    return token


@dataclass(frozen=True)
class Check:
    """A token's state: `account` when the session is good, else `reason` (one of the constants above)."""

    account: Account | None = None
    reason: str | None = None
    needs_touch: bool = False

    @property
    def ok(self) -> bool:
        return self.account is not None


def check(session: Session, *, token: str, now: datetime, idle: timedelta) -> Check:
    """Read-only (a WAL read never waits on an import): is the session behind `token` still good?"""
    row = session.execute(
        select(LoginSession, Account).join(Account, Account.id == LoginSession.account_id)
        .where(LoginSession.token_hash == token_hash(token))
    ).first()
    if row is None:
        return Check(reason=UNKNOWN)
    login, account = row
    if login.revoked_at is not None:
        return Check(reason=login.revoked_reason or LOGOUT)
    if account.disabled:
        return Check(reason=DISABLED)
    if now >= login.expires_at:
        return Check(reason=EXPIRED)
    if now - login.last_seen_at > idle:
        return Check(reason=TIMEOUT)
    return Check(account=account, needs_touch=now - login.last_seen_at >= TOUCH_AFTER)


def touch(conn: Connection, *, token: str, now: datetime) -> None:
    conn.execute(update(LoginSession).where(LoginSession.token_hash == token_hash(token),
                                            LoginSession.revoked_at.is_(None)).values(last_seen_at=now))


def revoke(conn: Connection, *, token: str, now: datetime, reason: str) -> None:
    conn.execute(update(LoginSession).where(LoginSession.token_hash == token_hash(token),
                                            LoginSession.revoked_at.is_(None))
                 .values(revoked_at=now, revoked_reason=reason))


def revoke_account(session: Session, *, account_id: int, now: datetime, reason: str) -> None:
    """End every open session of an account (in the caller's transaction: disable, password reset)."""
    session.execute(update(LoginSession).where(LoginSession.account_id == account_id,
                                               LoginSession.revoked_at.is_(None))
                    .values(revoked_at=now, revoked_reason=reason))
