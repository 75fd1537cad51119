"""Command line for the accounts of 正式模式 (the same rules as the login screen: models/accounts.py).

    python -m data.accounts create --username admin --role city_admin [--name 张三] [--email a@b.cn]
    python -m data.accounts create --username ft --role district_leader --district 福田区
    python -m data.accounts create --username xl --role street --district 福田区 --street 香蜜湖街道
    python -m data.accounts disable NAME | enable NAME | reset-password NAME | list

The password is asked twice without echo, or read as one line from standard input with
--password-stdin (for scripts: `printf '%s\\n' "$PW" | python -m data.accounts create ... --password-stdin`).
--no-password creates an account that logs in only through the identity provider (needs --email).
The store is DATABASE_URL (environment or .streamlit/secrets.toml) unless --url is given.

Exit status: 0 done, 1 refused (unknown district, role or account, weak password...), 2 bad usage.
"""

from __future__ import annotations

import argparse
import getpass
import sys
from datetime import datetime

from sqlalchemy import inspect
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from models import accounts
from models import settings
from models.db import make_engine
from models.tables import Account

def _actor() -> str:
    try:
        return f"cli:{getpass.getuser()}"[:64]
    except (KeyError, OSError):
        return "cli"


def _read_password(args: argparse.Namespace) -> str:
    if args.password_stdin:
        line = sys.stdin.readline()
        if not line:
            raise accounts.AccountError("标准输入中没有密码。")
        return line.rstrip("\r\n")
    if not sys.stdin.isatty():
        raise accounts.AccountError("非交互运行时请用 --password-stdin 从标准输入提供密码。")
    first = getpass.getpass("密码：")
    if getpass.getpass("再输入一次：") != first:
        raise accounts.AccountError("两次输入的密码不一致。")
    return first


def _role_name(role: str) -> str:
    return accounts.ROLE_NAMES.get(role, role)


def cmd_create(session: Session, args: argparse.Namespace) -> str:
    accounts.check_role(args.role)  # before asking for a password
    password = None if args.no_password else _read_password(args)
    account = accounts.create(
        session, username=args.username, role=args.role, display_name=args.name, district=args.district,
        street=args.street, password=password, email=args.email, now=datetime.now(accounts.CHINA_TZ),
        actor=_actor(),
    )
    return f"已创建账号 {account.username}（{_role_name(account.role)}）。"


def cmd_disable(session: Session, args: argparse.Namespace) -> str:
    accounts.set_disabled(session, username=args.username, disabled=True, now=datetime.now(accounts.CHINA_TZ),
                          actor=_actor())
    return f"已停用账号 {args.username}。"


def cmd_enable(session: Session, args: argparse.Namespace) -> str:
    accounts.set_disabled(session, username=args.username, disabled=False, now=datetime.now(accounts.CHINA_TZ),
                          actor=_actor())
    return f"已启用账号 {args.username}。"


def cmd_reset(session: Session, args: argparse.Namespace) -> str:
    accounts.get(session, args.username)  # unknown account: say so before asking for a password
    accounts.reset_password(session, username=args.username, password=_read_password(args),
                            now=datetime.now(accounts.CHINA_TZ), actor=_actor())
    return f"已重设账号 {args.username} 的密码（锁定已解除）。"


def cmd_list(session: Session, _args: argparse.Namespace) -> str:
    rows = accounts.list_accounts(session)
    if not rows:
        return "还没有账号。"
    lines = ["用户名\t姓名\t角色\t区\t街道\t邮箱\t登录方式\t状态\t最近登录"]
    for a in rows:
        state = "已停用" if a.disabled else (f"锁定至 {accounts.local_time(a.locked_until):%Y-%m-%d %H:%M}" if a.locked_until else "正常")
        lines.append("\t".join([
            a.username, a.display_name, _role_name(a.role), a.district or "-", a.street or "-", a.email or "-",
            "密码" if a.has_password else "统一身份认证", state,
            f"{accounts.local_time(a.last_login_at):%Y-%m-%d %H:%M}" if a.last_login_at else "-",
        ]))
    return "\n".join(lines)


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m data.accounts", description="正式模式的登录账号")
    p.add_argument("--url", help="数据库地址（默认：DATABASE_URL 或 .streamlit/secrets.toml）")
    sub = p.add_subparsers(dest="command", required=True)
    c = sub.add_parser("create", help="新建账号")
    c.add_argument("--username", required=True)
    c.add_argument("--role", required=True, help="、".join(f"{r}={n}" for r, n in accounts.ROLE_NAMES.items()))
    c.add_argument("--name", help="显示的姓名（默认同用户名）")
    c.add_argument("--district", help="区（区级领导、街道账号）")
    c.add_argument("--street", help="街道（街道账号）")
    c.add_argument("--email", help="统一身份认证（OIDC）登录时用来识别本人的邮箱")
    how = c.add_mutually_exclusive_group()
    how.add_argument("--password-stdin", action="store_true", help="从标准输入读一行作为密码")
    how.add_argument("--no-password", action="store_true", help="只能通过统一身份认证登录（需要 --email）")
    c.set_defaults(run=cmd_create)
    for name, run, text in (("disable", cmd_disable, "停用账号"), ("enable", cmd_enable, "重新启用账号并解除锁定")):
        s = sub.add_parser(name, help=text)
        s.add_argument("username")
        s.set_defaults(run=run)
    r = sub.add_parser("reset-password", help="重设密码并解除锁定")
    r.add_argument("username")
    r.add_argument("--password-stdin", action="store_true", help="从标准输入读一行作为密码")
    r.set_defaults(run=cmd_reset)
    sub.add_parser("list", help="列出账号").set_defaults(run=cmd_list)
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    url = args.url or settings.load().database_url
    engine = make_engine(url)
    try:
        if not inspect(engine).has_table(Account.__tablename__):
            print("数据库中没有账号表：请先生成或导入数据（python -m data.demo / python -m data.importing init），"
                  "或升级数据库结构。", file=sys.stderr)
            return 1
        with Session(engine) as session:
            message = args.run(session, args)
            session.commit()
    except accounts.AccountError as exc:
        print(str(exc), file=sys.stderr)
        return 1
    except SQLAlchemyError as exc:
        print(f"数据库操作失败：{str(exc).splitlines()[0][:300]}", file=sys.stderr)
        return 1
    finally:
        engine.dispose()
    print(message)
    return 0


if __name__ == "__main__":
    sys.exit(main())
