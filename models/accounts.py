"""Accounts of 正式模式: create, disable, reset passwords, and log in -> the viewer's Scope (issue 10).

Passwords are hashed with argon2 (argon2-cffi); the clear text is never stored, logged nor put in
the audit table. A local login fails the same way for an unknown name and a wrong password, so the
screen does not tell which names exist. After `Policy.max_failures` failures in a row an account is
locked for `Policy.lock_minutes`; a locked account is refused without checking the password.
Every login, failure, lock-out and logout is a line in the audit table.

No streamlit import: the command line (python -m data.accounts) uses this module too.
Callers pass the clock (`now`, timezone-aware), so tests can move time. Times are stored in UTC.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field
from functools import cache
from datetime import datetime, timedelta, timezone

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from sqlalchemy import func, insert, or_, select, update
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session

from models.access import CITY_ADMIN, DISTRICT_LEADER, ROLES, STREET, Scope
from models.i18n import label, translate
from models.tables import Account, AuditEntry, DatasetInfo, Region
from models import login_sessions
from models.rules import DEMO_ORIGIN
from models.short_writes import write

log = logging.getLogger(__name__)

# Shenzhen time (no daylight saving), as in the audit lines the importer writes.
CHINA_TZ = timezone(timedelta(hours=8), "UTC+8")
MIN_PASSWORD_LENGTH = 8

ROLE_NAMES = {role: translate(f"auth.role.{role}", "zh") for role in ROLES}  # the login screen's names

# Audit actions (AuditEntry.action, at most 32 characters).
LOGIN_OK = "login"
LOGIN_FAILED = "login_failed"
LOGIN_LOCKED = "login_locked"  # this failure locked the account
LOGIN_REFUSED = "login_refused"  # locked, disabled, or an identity without an account
LOGOUT = "logout"
ACCOUNT_CHANGED = "account"

_HASHER = PasswordHasher()
# A login finding every slot taken by checks still running waits up to 2 s for their outcome (one takes ~50 ms).
SLOT_TRIES, SLOT_PAUSE_SECONDS = 40, 0.05


@cache
def _dummy_hash() -> str:  # verified against for an unknown name, so both take as long (hashed at first use)
    return _HASHER.hash("not-a-password-of-anyone")


class AccountError(ValueError):
    """A request the accounts cannot honour; the message is Chinese, for the user."""


def _reason(key: str, **params: object) -> str:
    """A reason of AccountError: cli.accounts.<key> in Chinese (the command line speaks Chinese)."""
    return translate(f"cli.accounts.{key}", "zh", **params)


@dataclass(frozen=True)
class Policy:
    """Lock-out rules (secrets [login] max_failed_attempts / lockout_minutes)."""

    max_failures: int = 5
    lock_minutes: float = 15.0

    def __post_init__(self) -> None:
        if self.max_failures < 1 or self.lock_minutes <= 0:
            raise ValueError("max_failures must be >= 1 and lock_minutes > 0")


@dataclass(frozen=True)
class LoginResult:
    """Either a scope (logged in) or a reason: bad_credentials | locked | disabled | no_account."""

    scope: Scope | None = None
    display_name: str = ""
    reason: str | None = None
    locked_until: datetime | None = None  # for reason == "locked"
    token: str | None = field(default=None, repr=False)  # the login session's (models/login_sessions.py)

    @property
    def ok(self) -> bool:
        return self.scope is not None


@dataclass(frozen=True)
class AccountView:
    """An account as listed: no hash, region names instead of ids."""

    username: str
    display_name: str
    role: str
    district: str | None
    street: str | None
    email: str | None
    has_password: bool
    disabled: bool
    locked_until: datetime | None
    created_at: datetime
    last_login_at: datetime | None


def local_time(at: datetime) -> datetime:
    """A stored time (UTC) as Shenzhen time, for messages and listings."""
    return at.astimezone(CHINA_TZ)


def _aware(now: datetime) -> datetime:
    if now.tzinfo is None:
        raise ValueError("the clock must give timezone-aware datetimes")
    return now


def hash_password(password: str) -> str:
    check_password(password)
    return _HASHER.hash(password)


def check_password(password: str) -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise AccountError(_reason("password_short", n=MIN_PASSWORD_LENGTH))
    if password.strip() != password:
        raise AccountError(_reason("password_spaces"))


def _verify(password_hash: str | None, password: str) -> bool:
    try:
        return _HASHER.verify(password_hash or _dummy_hash(), password) and password_hash is not None
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def _audit(session: Session, *, now: datetime, actor: str, action: str, detail: str = "") -> None:
    session.add(AuditEntry(at=_aware(now), actor=(actor or "unknown")[:64], action=action, detail=detail[:400]))


def _region_id(session: Session, *, level: str, name: str, district_id: int | None = None) -> int:
    stmt = select(Region.id, Region.district_id).where(Region.level == level, Region.name == name)
    if district_id is not None:
        stmt = stmt.where(Region.district_id == district_id)
    rows = session.execute(stmt).all()
    what = label("region", level)
    if not rows:
        raise AccountError(_reason("region_missing", name=name, what=what))
    if len(rows) > 1:
        raise AccountError(_reason("region_ambiguous", name=name, what=what))
    return rows[0][0]


def demo_store(session: Session) -> bool:
    """Whether the store holds demo data (演示模式, no login). Read fresh on every run: an import from
    the command line must close the demo mode at once, not when a cache expires."""
    origin = session.execute(select(DatasetInfo.value).where(DatasetInfo.key == "origin")).scalar_one_or_none()
    return origin == DEMO_ORIGIN


def check_role(role: str) -> None:
    if role not in ROLES:
        choices = translate("common.list_separator").join(f"{r}（{ROLE_NAMES[r]}）" for r in ROLES)
        raise AccountError(_reason("unknown_role", role=role, choices=choices))


def _placement(session: Session, role: str, district: str | None, street: str | None) -> tuple[int | None, int | None]:
    """Region ids for a role; the district and street roles need theirs, the others take none."""
    check_role(role)
    if role == DISTRICT_LEADER:
        if not district or street:
            raise AccountError(_reason("district_leader_place"))
        return _region_id(session, level="district", name=district), None
    if role == STREET:
        if not street:
            raise AccountError(_reason("street_place"))
        district_id = _region_id(session, level="district", name=district) if district else None
        street_id = _region_id(session, level="street", name=street, district_id=district_id)
        return session.get(Region, street_id).district_id, street_id
    if district or street:
        raise AccountError(_reason("no_place", role=ROLE_NAMES[role]))
    return None, None


def get(session: Session, username: str) -> Account:
    account = session.execute(select(Account).where(Account.username == username)).scalars().first()
    if account is None:
        raise AccountError(_reason("no_account", username=username))
    return account


def create(session: Session, *, username: str, role: str, now: datetime, actor: str,
           display_name: str | None = None, district: str | None = None, street: str | None = None,
           password: str | None = None, email: str | None = None) -> Account:
    """A new enabled account. Without a password it can only log in through the identity provider."""
    username = username.strip()
    if not username or len(username) > 64:
        raise AccountError(_reason("bad_username"))
    email = email.strip().lower() if email and email.strip() else None
    if password is None and email is None:
        raise AccountError(_reason("needs_login"))
    district_id, street_id = _placement(session, role, district, street)
    if session.execute(select(Account.id).where(Account.username == username)).first() is not None:
        raise AccountError(_reason("username_taken", username=username))
    if email and session.execute(select(Account.id).where(Account.email == email)).first() is not None:
        raise AccountError(_reason("email_taken", email=email))
    account = Account(
        username=username, display_name=(display_name or username).strip()[:64] or username, role=role,
        district_id=district_id, street_id=street_id, email=email,
        password_hash=hash_password(password) if password is not None else None, created_at=_aware(now),
    )
    session.add(account)
    _audit(session, now=now, actor=actor, action=ACCOUNT_CHANGED, detail=f"create {username} role={role}")
    session.flush()
    return account


def set_disabled(session: Session, *, username: str, disabled: bool, now: datetime, actor: str) -> None:
    """Disable (no login; open sessions are revoked and end on their next page view) or enable again (also unlocks)."""
    account = get(session, username)
    account.disabled = disabled
    if disabled:
        login_sessions.revoke_account(session, account_id=account.id, now=_aware(now), reason=login_sessions.DISABLED)
    else:
        account.failed_attempts, account.locked_until = 0, None
    session.add(account)
    _audit(session, now=now, actor=actor, action=ACCOUNT_CHANGED,
           detail=f"{'disable' if disabled else 'enable'} {username}")


def reset_password(session: Session, *, username: str, password: str, now: datetime, actor: str) -> None:
    """A new password; also lifts a lock-out."""
    account = get(session, username)
    account.password_hash = hash_password(password)
    account.failed_attempts, account.locked_until = 0, None
    login_sessions.revoke_account(session, account_id=account.id, now=_aware(now), reason=login_sessions.PASSWORD)
    session.add(account)
    _audit(session, now=now, actor=actor, action=ACCOUNT_CHANGED, detail=f"reset-password {username}")


def list_accounts(session: Session) -> list[AccountView]:
    names = dict(session.execute(select(Region.id, Region.name).where(Region.level.in_(("district", "street")))).all())
    return [
        AccountView(a.username, a.display_name, a.role, names.get(a.district_id), names.get(a.street_id), a.email,
                    a.password_hash is not None, a.disabled, a.locked_until, a.created_at, a.last_login_at)
        for a in session.execute(select(Account).order_by(Account.username)).scalars()
    ]


def count(session: Session) -> int:
    return session.execute(select(func.count()).select_from(Account)).scalar_one()


def scope_of(account: Account) -> Scope:
    return Scope(role=account.role, district_id=account.district_id, street_id=account.street_id,
                 actor=account.username)


def _locked(account: Account, now: datetime) -> bool:
    return account.locked_until is not None and _aware(now) < account.locked_until


def _audit_row(conn: Connection, *, now: datetime, actor: str, action: str, detail: str = "") -> None:
    conn.execute(insert(AuditEntry).values(at=_aware(now), actor=(actor or "unknown")[:64], action=action,
                                           detail=detail[:400]))


def authenticate(session: Session, *, username: str, password: str, now: datetime, policy: Policy = Policy(),
                 lifetime: timedelta = timedelta(hours=login_sessions.DEFAULT_LIFETIME_HOURS)) -> LoginResult:
    """Check a local login and record it, each step committed on its own (short_writes.write).

    A failure is counted before the hash is verified, by one conditional UPDATE that takes a slot only
    while the account is enabled, unlocked and has fewer than `policy.max_failures` counted failures
    (`failed_attempts` counts failures and checks still running). Parallel guesses therefore cannot
    all be checked: at most `max_failures` passwords are verified before the lock, on SQLite and on
    PostgreSQL alike (the UPDATE takes the row's write lock). Raises StoreBusy when the store's
    write lock stays taken (an import runs)."""
    username = username.strip()
    now = _aware(now)
    account = session.execute(select(Account).where(Account.username == username)).scalars().first() if username else None
    if account is None:
        _verify(None, password)
        write(session, lambda c: _audit_row(c, now=now, actor=username, action=LOGIN_FAILED, detail="unknown username"))
        log.info("login failed: unknown username")
        return LoginResult(reason="bad_credentials")
    account_id, password_hash = account.id, account.password_hash
    unlocked = or_(Account.locked_until.is_(None), Account.locked_until <= now)
    take_slot = (update(Account).where(Account.id == account_id, Account.disabled.is_(False), unlocked,
                                       Account.failed_attempts < policy.max_failures)
                 .values(failed_attempts=Account.failed_attempts + 1).returning(Account.failed_attempts))
    for _ in range(SLOT_TRIES):
        slot = write(session, lambda c: c.execute(take_slot).scalar_one_or_none())
        if slot is not None or not _checks_running(session, account_id, now):
            break
        time.sleep(SLOT_PAUSE_SECONDS)  # the slots are held by checks still running: wait for their outcome
    if slot is None:
        return _refused(session, account_id, username, now, policy)
    if not _verify(password_hash, password):
        if slot < policy.max_failures:
            write(session, lambda c: _audit_row(c, now=now, actor=username, action=LOGIN_FAILED,
                                                detail=f"wrong password ({slot}/{policy.max_failures})"))
            return LoginResult(reason="bad_credentials")
        return _lock(session, account_id, username, now, policy)
    values: dict = {"failed_attempts": 0, "locked_until": None, "last_login_at": now}
    if _HASHER.check_needs_rehash(password_hash):  # argon2 parameters raised since the hash was made
        values["password_hash"] = _HASHER.hash(password)

    def success(conn: Connection) -> str:
        conn.execute(update(Account).where(Account.id == account_id).values(**values))
        _audit_row(conn, now=now, actor=username, action=LOGIN_OK, detail="password")

        return login_sessions.issue(conn, account_id=account_id, now=now, lifetime=lifetime)

    token = write(session, success)
    session.expire_all()
    account = session.get(Account, account_id)
    return LoginResult(scope=scope_of(account), display_name=account.display_name, token=token)


def _checks_running(session: Session, account_id: int, now: datetime) -> bool:
    """No slot although the account is enabled and unlocked: the other slots belong to checks running now."""
    session.expire_all()
    account = session.get(Account, account_id)
    return not account.disabled and not _locked(account, now)


def _lock(session: Session, account_id: int, username: str, now: datetime, policy: Policy) -> LoginResult:
    """The failure that used the last slot locks the account (and starts the count afresh)."""
    until = now + timedelta(minutes=policy.lock_minutes)

    def lock(conn: Connection) -> None:
        conn.execute(update(Account).where(Account.id == account_id).values(failed_attempts=0, locked_until=until))
        _audit_row(conn, now=now, actor=username, action=LOGIN_LOCKED,
                   detail=f"locked until {local_time(until):%Y-%m-%d %H:%M}")

    write(session, lock)
    log.warning("account %s locked after %d failed logins", username, policy.max_failures)
    return LoginResult(reason="locked", locked_until=until)


def _refused(session: Session, account_id: int, username: str, now: datetime, policy: Policy) -> LoginResult:
    """No slot: disabled, locked, or every remaining slot taken by checks still running (then lock now)."""
    session.expire_all()
    account = session.get(Account, account_id)
    if account.disabled:
        write(session, lambda c: _audit_row(c, now=now, actor=username, action=LOGIN_REFUSED, detail="disabled"))
        return LoginResult(reason="disabled")
    if _locked(account, now):
        until = account.locked_until
        write(session, lambda c: _audit_row(c, now=now, actor=username, action=LOGIN_REFUSED, detail="locked"))
        return LoginResult(reason="locked", locked_until=until)
    return _lock(session, account_id, username, now, policy)


def authenticate_email(session: Session, *, email: str, now: datetime) -> LoginResult:
    """Map an identity the provider vouched for (OIDC) to an enabled account by its email (short writes)."""
    email = (email or "").strip().lower()
    now = _aware(now)
    account = session.execute(select(Account).where(Account.email == email)).scalars().first() if email else None
    if account is None:
        write(session, lambda c: _audit_row(c, now=now, actor=email or "unknown", action=LOGIN_REFUSED,
                                            detail="oidc: no account"))
        return LoginResult(reason="no_account")
    scope, name, account_id, username = scope_of(account), account.display_name, account.id, account.username
    if account.disabled:
        write(session, lambda c: _audit_row(c, now=now, actor=username, action=LOGIN_REFUSED, detail="oidc: disabled"))
        return LoginResult(reason="disabled")

    def success(conn: Connection) -> None:
        conn.execute(update(Account).where(Account.id == account_id).values(last_login_at=now))
        _audit_row(conn, now=now, actor=username, action=LOGIN_OK, detail="oidc")

    write(session, success)
    return LoginResult(scope=scope, display_name=name)


def still_valid(session: Session, *, username: str) -> tuple[Scope, str] | None:
    """The account's current scope and name, None when it was disabled or removed since login."""
    account = session.execute(select(Account).where(Account.username == username)).scalars().first()
    if account is None or account.disabled:
        return None
    return scope_of(account), account.display_name


def record_logout(session: Session, *, username: str, now: datetime, reason: str = "button",
                  token: str | None = None) -> None:
    """Audit a logout and end its login session (a short write of its own; StoreBusy when the store stays locked)."""
    def logout(conn: Connection) -> None:
        if token:
            login_sessions.revoke(conn, token=token, now=_aware(now),
                                  reason=login_sessions.TIMEOUT if reason == "timeout" else login_sessions.LOGOUT)
        _audit_row(conn, now=now, actor=username, action=LOGOUT, detail=reason)

    write(session, logout)
