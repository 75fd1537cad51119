"""The one settings object: the same URL, lock-out and timeout for the app and the command line."""

from __future__ import annotations

import pytest

from models import settings
from models.settings import from_secrets, read_secrets_file


def test_url_comes_from_env_then_secrets_then_default():
    assert from_secrets({}, {}).database_url.endswith("data/dashboard.db")
    assert from_secrets({"DATABASE_URL": "sqlite:////x.db"}, {}).database_url == "sqlite:////x.db"
    env = {"DATABASE_URL": "sqlite:////env.db"}
    assert from_secrets({"DATABASE_URL": "sqlite:////x.db"}, env).database_url == "sqlite:////env.db"


def test_login_rules_and_their_defaults():
    default = from_secrets({}, {})
    assert (default.policy.max_failures, default.policy.lock_minutes, default.timeout_minutes) == (5, 15, 30)
    custom = from_secrets({"login": {"max_failed_attempts": 3, "lockout_minutes": 60, "session_timeout_minutes": 10}}, {})
    assert (custom.policy.max_failures, custom.policy.lock_minutes, custom.timeout_minutes) == (3, 60, 10)


@pytest.mark.parametrize("bad", ["5", -1, 0, True, None, [5]])
def test_a_value_that_is_not_a_positive_number_keeps_the_default(bad):
    s = from_secrets({"login": {"max_failed_attempts": bad, "session_timeout_minutes": bad}}, {})
    assert (s.policy.max_failures, s.timeout_minutes) == (5, 30)


def test_single_sign_on_needs_a_client_and_the_providers_metadata():
    assert not from_secrets({}, {}).oidc
    assert not from_secrets({"auth": {"client_id": "x"}}, {}).oidc
    assert from_secrets({"auth": {"client_id": "x", "server_metadata_url": "https://idp/.well-known"}}, {}).oidc
    assert not from_secrets({"auth": "not a table"}, {}).oidc


def test_the_command_line_reads_the_same_secrets_file(tmp_path, monkeypatch):
    path = tmp_path / "secrets.toml"
    path.write_text('DATABASE_URL = "sqlite:////from-file.db"\n[login]\nlockout_minutes = 5\n', encoding="utf-8")
    monkeypatch.setattr(settings, "SECRETS_FILE", path)
    monkeypatch.delenv("DATABASE_URL", raising=False)
    loaded = settings.load()
    assert loaded.database_url == "sqlite:////from-file.db" and loaded.policy.lock_minutes == 5


def test_a_broken_secrets_file_reads_as_empty(tmp_path):
    path = tmp_path / "secrets.toml"
    path.write_bytes(b"DATABASE_URL = [unclosed\n\xff")
    assert read_secrets_file(path) == {}
    assert read_secrets_file(tmp_path / "missing.toml") == {}
