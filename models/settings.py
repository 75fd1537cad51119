"""The one settings object: the store's URL, the login rules ([login]) and single sign-on ([auth]).

Read from the environment and `.streamlit/secrets.toml`, the same way for the app and the command
line: `from_secrets(dict(st.secrets))` in the app (Streamlit also merges the user's global secrets),
`load()` on the command line. The environment's DATABASE_URL wins over the file. Values that are
missing or not numbers fall back to the defaults; a broken secrets file reads as empty rather than
opening the login gate or hiding the store.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from models.accounts import Policy
from models import db

SECRETS_FILE = Path(__file__).resolve().parent.parent / ".streamlit" / "secrets.toml"
DEFAULT_TIMEOUT_MINUTES = 30.0
DEFAULT_SESSION_HOURS = 12.0


@dataclass(frozen=True)
class Settings:
    database_url: str
    policy: Policy  # lock-out: [login] max_failed_attempts, lockout_minutes
    timeout_minutes: float  # [login] session_timeout_minutes (idle time, shared by a browser's tabs)
    oidc: bool  # [auth] names a client and the provider's metadata URL (st.login reads the rest itself)
    # [demo] admin_password: lets a browser that is not on this machine replace or restore a 演示模式 store
    # on 数据管理 (without it, only the command line or a browser on the server itself may)
    demo_admin_password: str | None = field(default=None, repr=False)
    # [login] session_hours: a password login lasts at most this long, however active (then log in again)
    session_hours: float = DEFAULT_SESSION_HOURS


def _section(secrets: Mapping, name: str) -> Mapping:
    value = secrets.get(name)
    return value if isinstance(value, Mapping) else {}


def _number(raw: Mapping, key: str, default: float) -> float:
    value = raw.get(key, default)
    ok = isinstance(value, (int, float)) and not isinstance(value, bool) and value > 0
    return float(value) if ok else default


def from_secrets(secrets: Mapping, environ: Mapping[str, str] | None = None) -> Settings:
    env = os.environ if environ is None else environ
    url = env.get("DATABASE_URL") or secrets.get("DATABASE_URL")
    login, auth = _section(secrets, "login"), _section(secrets, "auth")
    return Settings(
        database_url=str(url) if url else f"sqlite:///{db.DEFAULT_SQLITE_PATH}",  # read now: tests point it elsewhere
        policy=Policy(max_failures=int(_number(login, "max_failed_attempts", 5)),
                      lock_minutes=_number(login, "lockout_minutes", 15)),
        timeout_minutes=_number(login, "session_timeout_minutes", DEFAULT_TIMEOUT_MINUTES),
        oidc=bool(auth.get("client_id") and auth.get("server_metadata_url")),
        demo_admin_password=_password(_section(secrets, "demo").get("admin_password")),
        session_hours=_number(login, "session_hours", DEFAULT_SESSION_HOURS),
    )


def _password(value: object) -> str | None:
    return value if isinstance(value, str) and value.strip() else None


def read_secrets_file(path: Path | None = None) -> dict:
    path = SECRETS_FILE if path is None else path
    try:
        return tomllib.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return {}


def load() -> Settings:
    """The settings of the command line: environment, then the project's secrets file."""
    return from_secrets(read_secrets_file())
