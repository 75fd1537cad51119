"""Accounts of 正式模式: hashed passwords, lock-out with an injected clock, disabled accounts, roles."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from models import accounts
from models.access import CITY_ADMIN, DISTRICT_LEADER, STREET, VIEWER
from models.db import create_schema, make_engine
from models.tables import Account, AuditEntry, Region

PASSWORD = "Pf-geheim-4711"
T0 = datetime(2026, 3, 1, 9, 0, tzinfo=timezone.utc)


@pytest.fixture()
def store(tmp_path):
    """An empty store with a district (福田区) and two streets, one of them named in another district too."""
    path = tmp_path / "accounts.db"
    engine = make_engine(f"sqlite:///{path}")
    create_schema(engine)
    with Session(engine) as s:
        s.add_all([
            Region(id=1, code="4403", name="深圳市", level="city"),
            Region(id=2, code="440304", name="福田区", level="district", parent_id=1, district_id=2),
            Region(id=3, code="440305", name="南山区", level="district", parent_id=1, district_id=3),
            Region(id=4, code="440304001", name="香蜜湖街道", level="street", parent_id=2, district_id=2, street_id=4),
            Region(id=5, code="440304002", name="同名街道", level="street", parent_id=2, district_id=2, street_id=5),
            Region(id=6, code="440305002", name="同名街道", level="street", parent_id=3, district_id=3, street_id=6),
        ])
        s.commit()
    yield engine, path
    engine.dispose()


def make(session, username="leader", role=DISTRICT_LEADER, district="福田区", **kw):
    return accounts.create(session, username=username, role=role, district=district, password=PASSWORD, now=T0,
                           actor="test", **kw)


def login(session, password, *, now=T0, username="leader", policy=accounts.Policy()):
    result = accounts.authenticate(session, username=username, password=password, now=now, policy=policy)
    session.commit()
    return result


def test_login_gives_the_accounts_scope(store):
    engine, _ = store
    with Session(engine) as s:
        make(s, display_name="李区长")
        s.commit()
        result = login(s, PASSWORD)
    assert result.ok
    assert (result.scope.role, result.scope.district_id, result.scope.street_id) == (DISTRICT_LEADER, 2, None)
    assert result.scope.actor == "leader" and result.display_name == "李区长"


def test_the_clear_password_is_nowhere_in_the_store_nor_the_logs(store, caplog):
    engine, path = store
    caplog.set_level(logging.DEBUG)
    with Session(engine) as s:
        make(s)
        s.commit()
        assert not login(s, PASSWORD + "x").ok
        assert login(s, PASSWORD).ok
        accounts.reset_password(s, username="leader", password=PASSWORD[::-1], now=T0, actor="test")
        s.commit()
        stored = s.execute(select(Account.password_hash)).scalar_one()
        audit = " ".join(f"{a.actor} {a.action} {a.detail}" for a in s.execute(select(AuditEntry)).scalars())
    engine.dispose()
    assert stored.startswith("$argon2")
    for secret in (PASSWORD, PASSWORD + "x", PASSWORD[::-1]):
        assert secret.encode() not in path.read_bytes()
        assert secret not in audit
        assert secret not in caplog.text
    assert "login_failed" in audit and "login" in audit


def test_lock_out_after_repeated_failures_and_unlock_after_the_period(store):
    engine, _ = store
    policy = accounts.Policy(max_failures=3, lock_minutes=15)
    with Session(engine) as s:
        make(s)
        s.commit()
        reasons = [login(s, "wrong-pass", now=T0 + timedelta(seconds=i), policy=policy).reason for i in range(3)]
        assert reasons == ["bad_credentials", "bad_credentials", "locked"]
        locked = login(s, PASSWORD, now=T0 + timedelta(minutes=14), policy=policy)  # right password, still locked
        assert not locked.ok and locked.reason == "locked"
        assert locked.locked_until == T0 + timedelta(seconds=2, minutes=15)
        assert login(s, PASSWORD, now=T0 + timedelta(minutes=15, seconds=3), policy=policy).ok
        actions = [a for (a,) in s.execute(select(AuditEntry.action).order_by(AuditEntry.id))]
    assert actions[-5:] == ["login_failed", "login_failed", "login_locked", "login_refused", "login"]


def test_a_success_resets_the_failure_count(store):
    engine, _ = store
    policy = accounts.Policy(max_failures=3)
    with Session(engine) as s:
        make(s)
        s.commit()
        login(s, "wrong-pass", policy=policy)
        login(s, "wrong-pass", policy=policy)
        assert login(s, PASSWORD, policy=policy).ok
        login(s, "wrong-pass", policy=policy)
        login(s, "wrong-pass", policy=policy)
        assert login(s, PASSWORD, policy=policy).ok  # two more failures did not lock


def test_unknown_name_and_wrong_password_look_the_same(store):
    engine, _ = store
    with Session(engine) as s:
        make(s)
        s.commit()
        assert login(s, PASSWORD, username="nobody").reason == login(s, "wrong-pass").reason == "bad_credentials"


def test_disabled_accounts_are_refused_and_enabling_lets_them_in(store):
    engine, _ = store
    with Session(engine) as s:
        make(s)
        accounts.set_disabled(s, username="leader", disabled=True, now=T0, actor="test")
        s.commit()
        assert login(s, PASSWORD).reason == "disabled"
        assert accounts.still_valid(s, username="leader") is None
        accounts.set_disabled(s, username="leader", disabled=False, now=T0, actor="test")
        s.commit()
        assert login(s, PASSWORD).ok
        assert accounts.still_valid(s, username="leader")[0].district_id == 2


@pytest.mark.parametrize(("role", "district", "street", "message"), [
    ("boss", None, None, "未知角色“boss”"),
    (DISTRICT_LEADER, None, None, "需要且只需要指定一个区"),
    (DISTRICT_LEADER, "火星区", None, "没有名为“火星区”的区"),
    (STREET, None, None, "需要指定街道"),
    (STREET, None, "同名街道", "有多个名为“同名街道”的街道"),
    (STREET, "福田区", "没有街道", "没有名为“没有街道”的街道"),
    (CITY_ADMIN, "福田区", None, "不限定区或街道"),
    (VIEWER, None, "香蜜湖街道", "不限定区或街道"),
])
def test_roles_and_places_are_validated(store, role, district, street, message):
    engine, _ = store
    with Session(engine) as s, pytest.raises(accounts.AccountError, match=message):
        accounts.create(s, username="x", role=role, district=district, street=street, password=PASSWORD, now=T0,
                        actor="test")


def test_street_accounts_find_their_district(store):
    engine, _ = store
    with Session(engine) as s:
        street = accounts.create(s, username="s1", role=STREET, street="香蜜湖街道", password=PASSWORD, now=T0,
                                 actor="test")
        same = accounts.create(s, username="s2", role=STREET, district="南山区", street="同名街道", password=PASSWORD,
                               now=T0, actor="test")
        s.commit()
        assert (street.district_id, street.street_id) == (2, 4)
        assert (same.district_id, same.street_id) == (3, 6)
        assert login(s, PASSWORD, username="s1").scope.covers(2, 4)


def test_duplicates_and_weak_passwords_are_refused(store):
    engine, _ = store
    with Session(engine) as s:
        make(s, email="Leader@Example.cn")
        s.commit()
        with pytest.raises(accounts.AccountError, match="已存在"):
            make(s)
        with pytest.raises(accounts.AccountError, match="已属于另一个账号"):
            make(s, username="other", email="leader@example.cn")
        with pytest.raises(accounts.AccountError, match="密码太短"):
            accounts.create(s, username="short", role=VIEWER, password="abc", now=T0, actor="test")
        with pytest.raises(accounts.AccountError, match="需要密码"):
            accounts.create(s, username="nothing", role=VIEWER, now=T0, actor="test")


def test_oidc_identities_map_to_enabled_accounts_by_email(store):
    engine, _ = store
    with Session(engine) as s:
        accounts.create(s, username="sso", role=VIEWER, email="Viewer@Example.cn", now=T0, actor="test")
        s.commit()
        assert accounts.authenticate_email(s, email="viewer@example.CN", now=T0).scope.role == VIEWER
        assert accounts.authenticate_email(s, email="stranger@example.cn", now=T0).reason == "no_account"
        assert login(s, "", username="sso").reason == "bad_credentials"  # no password: no local login
        accounts.set_disabled(s, username="sso", disabled=True, now=T0, actor="test")
        assert accounts.authenticate_email(s, email="viewer@example.cn", now=T0).reason == "disabled"
        s.commit()
        refused = [a.detail for a in s.execute(select(AuditEntry).where(AuditEntry.action == "login_refused")).scalars()]
    assert refused == ["oidc: no account", "oidc: disabled"]
