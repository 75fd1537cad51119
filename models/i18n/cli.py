"""Texts of the command-line tools (data.accounts, data.importing, data.demo, models.migrations)."""

from __future__ import annotations

# key: (Chinese, English); models/i18n/__init__.py checks every value is a pair of non-empty texts.
LABELS: dict[str, tuple[str, str]] = {
}
