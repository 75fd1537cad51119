"""python -m data.accounts: create, list, disable, enable, reset-password; Chinese refusals, non-zero exits."""

from __future__ import annotations

import subprocess
import sys

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from models.db import make_engine
from models.tables import Account, AuditEntry
from tests.conftest import ROOT
from tests.data.importing_support import copy_store

PASSWORD = "Start-Passwort-1"


@pytest.fixture()
def url(demo_db, tmp_path):
    return copy_store(demo_db, tmp_path / "store.db").url


def cli(url: str, *args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "data.accounts", "--url", url, *args], cwd=ROOT, input=stdin, capture_output=True,
        text=True, timeout=120,
    )


def rows(url: str) -> dict[str, Account]:
    engine = make_engine(url)
    try:
        with Session(engine) as s:
            return {a.username: a for a in s.execute(select(Account)).scalars()}
    finally:
        engine.dispose()


@pytest.mark.slow  # several CLI processes
def test_create_the_first_administrator_and_list_it(url):
    done = cli(url, "create", "--username", "admin", "--name", "王管理", "--role", "city_admin", "--password-stdin",
               stdin=PASSWORD + "\n")
    assert done.returncode == 0, done.stderr
    assert "已创建账号 admin（市级管理员）" in done.stdout
    assert PASSWORD not in done.stdout + done.stderr
    admin = rows(url)["admin"]
    assert admin.role == "city_admin" and admin.display_name == "王管理" and admin.password_hash.startswith("$argon2")
    listed = cli(url, "list")
    assert listed.returncode == 0
    assert "admin\t王管理\t市级管理员" in listed.stdout and "$argon2" not in listed.stdout


@pytest.mark.slow  # several CLI processes
def test_district_and_street_accounts_are_placed(url):
    assert cli(url, "create", "--username", "ft", "--role", "district_leader", "--district", "福田区",
               "--password-stdin", stdin=PASSWORD).returncode == 0
    assert cli(url, "create", "--username", "xmh", "--role", "street", "--district", "福田区", "--street",
               "香蜜湖街道", "--password-stdin", stdin=PASSWORD).returncode == 0
    listed = cli(url, "list").stdout
    assert "ft\tft\t区级领导\t福田区\t-" in listed
    assert "xmh\txmh\t街道\t福田区\t香蜜湖街道" in listed


@pytest.mark.parametrize(("args", "message"), [
    (["--role", "district_leader", "--district", "火星区"], "没有名为“火星区”的区"),
    (["--role", "street", "--district", "福田区", "--street", "月球街道"], "没有名为“月球街道”的街道"),
    (["--role", "boss"], "未知角色“boss”"),
    (["--role", "district_leader"], "需要且只需要指定一个区"),
])
def test_unknown_places_and_roles_are_refused_in_chinese(url, args, message):
    done = cli(url, "create", "--username", "x", *args, "--password-stdin", stdin=PASSWORD)
    assert done.returncode == 1
    assert message in done.stderr
    assert "x" not in rows(url)


@pytest.mark.slow  # several CLI processes
def test_a_password_is_needed_and_never_echoed(url):
    short = cli(url, "create", "--username", "x", "--role", "viewer", "--password-stdin", stdin="kurz\n")
    assert short.returncode == 1 and "密码太短" in short.stderr
    piped = cli(url, "create", "--username", "x", "--role", "viewer", stdin="")  # no terminal to ask on
    assert piped.returncode == 1 and "--password-stdin" in piped.stderr
    sso = cli(url, "create", "--username", "sso", "--role", "viewer", "--no-password", "--email", "Sso@Example.cn")
    assert sso.returncode == 0 and rows(url)["sso"].password_hash is None and rows(url)["sso"].email == "sso@example.cn"


@pytest.mark.slow  # several CLI processes
def test_disable_enable_and_reset_password(url):
    cli(url, "create", "--username", "v", "--role", "viewer", "--password-stdin", stdin=PASSWORD)
    assert cli(url, "disable", "v").returncode == 0
    assert rows(url)["v"].disabled
    assert "已停用" in cli(url, "list").stdout
    assert cli(url, "enable", "v").returncode == 0
    assert not rows(url)["v"].disabled
    before = rows(url)["v"].password_hash
    done = cli(url, "reset-password", "v", "--password-stdin", stdin="Neues-Passwort-2\n")
    assert done.returncode == 0 and rows(url)["v"].password_hash != before
    missing = cli(url, "disable", "nobody")
    assert missing.returncode == 1 and "没有名为“nobody”的账号" in missing.stderr
    engine = make_engine(url)
    with Session(engine) as s:
        audit = [d for (d,) in s.execute(select(AuditEntry.detail).where(AuditEntry.action == "account"))]
    engine.dispose()
    assert audit == ["create v role=viewer", "disable v", "enable v", "reset-password v"]


def test_bad_usage_exits_with_2(url):
    assert cli(url, "create", "--role", "viewer").returncode == 2
    assert cli(url, "frobnicate").returncode == 2
