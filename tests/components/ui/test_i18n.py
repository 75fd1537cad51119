"""The label catalogue: both languages complete, and every key the code asks for exists."""

from __future__ import annotations

import re
from pathlib import Path

from components.ui import i18n

ROOT = Path(__file__).resolve().parents[3]


def test_both_languages_have_the_same_keys():
    assert set(i18n.ZH) == set(i18n.EN)
    assert all(v.strip() for v in {**i18n.ZH, **i18n.EN}.values())


def test_every_literal_key_used_in_the_code_is_in_the_catalogue():
    used = set()
    for path in [ROOT / "app.py", *ROOT.glob("pages/*.py"), *ROOT.glob("components/**/*.py")]:
        used |= set(re.findall(r"""\bt\(\s*["']([a-z_]+\.[A-Za-z0-9_.]+)["']""", path.read_text(encoding="utf-8")))
    assert used, "the scan found no keys: the pattern is wrong"
    assert sorted(used - set(i18n.ZH)) == []


def test_chinese_is_the_default_and_english_differs():
    assert i18n.t("page.overview", lang="zh") == "总览"
    assert i18n.t("page.overview", lang="en") == "Overview"
    assert i18n.label("tier", "community", lang="zh") == "社区"
    assert i18n.label("tier", "unknown-code", lang="zh") == "unknown-code"
