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
from models.i18n import translate
from models.tables import Account


def _(key: str, **params: object) -> str:
    """cli.accounts.<key> of the catalogue, in Chinese: this tool speaks Chinese."""
    return translate(f"cli.accounts.{key}", "zh", **params)


def _actor() -> str:
    try:
        return f"cli:{getpass.getuser()}"[:64]
    except (KeyError, OSError):
        return "cli"


def _read_password(args: argparse.Namespace) -> str:
    if args.password_stdin:
        line = sys.stdin.readline()
        if not line:
            raise accounts.AccountError(_("no_stdin_password"))
        return line.rstrip("\r\n")
    if not sys.stdin.isatty():
        raise accounts.AccountError(_("not_interactive"))
    first = getpass.getpass(_("password_prompt"))
    if getpass.getpass(_("password_again")) != first:
        raise accounts.AccountError(_("password_mismatch"))
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
    return _("created", username=account.username, role=_role_name(account.role))


def cmd_disable(session: Session, args: argparse.Namespace) -> str:
    accounts.set_disabled(session, username=args.username, disabled=True, now=datetime.now(accounts.CHINA_TZ),
                          actor=_actor())
    return _("disabled", username=args.username)


def cmd_enable(session: Session, args: argparse.Namespace) -> str:
    accounts.set_disabled(session, username=args.username, disabled=False, now=datetime.now(accounts.CHINA_TZ),
                          actor=_actor())
    return _("enabled", username=args.username)


def cmd_reset(session: Session, args: argparse.Namespace) -> str:
    accounts.get(session, args.username)  # unknown account: say so before asking for a password
    accounts.reset_password(session, username=args.username, password=_read_password(args),
                            now=datetime.now(accounts.CHINA_TZ), actor=_actor())
    return _("reset", username=args.username)


def cmd_list(session: Session, _args: argparse.Namespace) -> str:
    rows = accounts.list_accounts(session)
    if not rows:
        return _("none")
    lines = [_("list_header")]
    for a in rows:
        if a.disabled:
            state = _("state_disabled")
        elif a.locked_until:
            state = _("state_locked", until=f"{accounts.local_time(a.locked_until):%Y-%m-%d %H:%M}")
        else:
            state = _("state_ok")
        lines.append("\t".join([
            a.username, a.display_name, _role_name(a.role), a.district or "-", a.street or "-", a.email or "-",
            _("login_password") if a.has_password else _("login_sso"), state,
            f"{accounts.local_time(a.last_login_at):%Y-%m-%d %H:%M}" if a.last_login_at else "-",
        ]))
    return "\n".join(lines)


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m data.accounts", description=_("description"))
    p.add_argument("--url", help=_("help.url"))
    sub = p.add_subparsers(dest="command", required=True)
    c = sub.add_parser("create", help=_("help.create"))
    c.add_argument("--username", required=True)
    roles = translate("common.list_separator").join(f"{r}={n}" for r, n in accounts.ROLE_NAMES.items())
    c.add_argument("--role", required=True, help=roles)
    c.add_argument("--name", help=_("help.name"))
    c.add_argument("--district", help=_("help.district"))
    c.add_argument("--street", help=_("help.street"))
    c.add_argument("--email", help=_("help.email"))
    how = c.add_mutually_exclusive_group()
    how.add_argument("--password-stdin", action="store_true", help=_("help.password_stdin"))
    how.add_argument("--no-password", action="store_true", help=_("help.no_password"))
    c.set_defaults(run=cmd_create)
    for name, run in (("disable", cmd_disable), ("enable", cmd_enable)):
        s = sub.add_parser(name, help=_(f"help.{name}"))
        s.add_argument("username")
        s.set_defaults(run=run)
    r = sub.add_parser("reset-password", help=_("help.reset"))
    r.add_argument("username")
    r.add_argument("--password-stdin", action="store_true", help=_("help.password_stdin"))
    r.set_defaults(run=cmd_reset)
    sub.add_parser("list", help=_("help.list")).set_defaults(run=cmd_list)
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    url = args.url or settings.load().database_url
    engine = make_engine(url)
    try:
        if not inspect(engine).has_table(Account.__tablename__):
            print(_("no_table"), file=sys.stderr)
            return 1
        with Session(engine) as session:
            message = args.run(session, args)
            session.commit()
    except accounts.AccountError as exc:
        print(str(exc), file=sys.stderr)
        return 1
    except SQLAlchemyError as exc:
        print(_("db_failed", detail=str(exc).splitlines()[0][:300]), file=sys.stderr)
        return 1
    finally:
        engine.dispose()
    print(message)
    return 0


if __name__ == "__main__":
    sys.exit(main())
