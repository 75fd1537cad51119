"""The label catalogue (models/i18n): both languages in every entry, the same placeholders, no stray script,
every key the code asks for defined, and no Streamlit needed to read it."""

from __future__ import annotations

import re
import string
import subprocess
import sys
from pathlib import Path

import pytest

import models.i18n as i18n
from models.i18n import ENTRIES, translate

ROOT = Path(__file__).resolve().parents[2]
HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")

# English texts that quote Chinese on purpose: sample names to search for, cell values and column headers
# the user types or sees in the file, and the language switch that names both languages.
ENGLISH_WITH_CHINESE = {
    "sidebar.lang", "buildings.search_placeholder",
    "orgs.search_placeholder", "ratings.org_search_placeholder", "data.template_hint", "data.boundaries_hint",
    "importing.bad_bool", "importing.feature_no_code",
    "importing.only_example", "importing.note_example_skipped",  # quote the template's mark 【示例】
}
# Latin words a Chinese text may hold: formats, standards, products, commands and codes (what the UI and the
# files really say). A new word here should be one a Chinese reader meets as such, never an untranslated label.
CHINESE_MAY_SAY = {
    "A", "B", "C", "D", "A-D", "N", "S", "BOM", "CSV", "Excel", "xls", "xlsx", "PDF", "PNG", "MB", "km", "m",
    "CRS84", "EPSG:4326", "GCJ-02", "WGS-84", "GPS", "GeoJSON", "Feature", "FeatureCollection", "Polygon",
    "MultiPolygon", "properties", "adcode", "code", "GB18030", "GBK", "UTF-8", "YYYY-MM-DD", "Esc",
    "OpenStreetMap", "Language", "P440303", "P440307", "PostgreSQL", "SQLite", "DATABASE_URL", "README",
    "streamlit/secrets.toml", "python", "data.accounts", "data.demo", "data.importing", "create",
    "migrate", "restore", "pg_dump", "pg_restore", "admin", "city_admin", "OIDC", "init",
    "merge", "replace", "csv", "zip", "Word", "Noto", "Sans", "CJK", "Debian", "fonts-noto-cjk", "make", "test",
}


def _fields(text: str) -> list[tuple[str, str, str]]:
    return sorted({(name, spec, conv or "") for _, name, spec, conv in string.Formatter().parse(text)
                   if name is not None})


def test_every_entry_is_a_pair_of_texts():
    assert len(ENTRIES) > 600
    for key, pair in ENTRIES.items():
        assert isinstance(pair, tuple) and len(pair) == 2 and all(isinstance(s, str) and s.strip() for s in pair), key
    assert set(i18n.ZH) == set(i18n.EN) == set(ENTRIES)


def test_both_sides_take_the_same_placeholders():
    differ = {key: (_fields(zh), _fields(en)) for key, (zh, en) in ENTRIES.items() if _fields(zh) != _fields(en)}
    assert differ == {}


def test_the_english_side_has_no_chinese_except_where_it_quotes_it():
    mixed = {key for key, (_, en) in ENTRIES.items() if HAN.search(en)}
    assert sorted(mixed - ENGLISH_WITH_CHINESE) == []
    assert sorted(ENGLISH_WITH_CHINESE - mixed) == [], "allow-list entries that no longer need it"


def _latin_words(text: str) -> set[str]:
    """Latin words of a text, leaving out {placeholders} and command-line options (--yes)."""
    text = re.sub(r"--[a-z][a-z0-9-]*", "", re.sub(r"\{[^}]*\}", "", text))
    return set(re.findall(r"[A-Za-z][A-Za-z0-9_.\-/:]*", text))


def test_the_chinese_side_has_no_untranslated_english():
    stray, seen = {}, set()
    for key, (zh, _) in ENTRIES.items():
        words = _latin_words(zh)
        if words - CHINESE_MAY_SAY:
            stray[key] = sorted(words - CHINESE_MAY_SAY)
        seen |= words
    assert stray == {}
    assert sorted(CHINESE_MAY_SAY - seen) == [], "allow-list words no text uses any more"


def test_keys_are_dotted_lowercase_names():
    bad = [k for k in ENTRIES if not re.fullmatch(r"[a-z_]+(\.[A-Za-z0-9_<>+\-]+)+", k)]
    assert bad == []


def test_translate_and_label():
    assert translate("page.overview") == "总览"
    assert translate("page.overview", "en") == "Overview"
    assert translate("page.overview", "fr") == "总览"  # an unknown language reads Chinese
    assert translate("demo.as_of", "en", date="2025-01-01") == "Data as of 2025-01-01"
    assert i18n.label("tier", "community") == "社区"
    assert i18n.label("grade", "A", "en") == "Grade A"
    assert i18n.label("tier", "unknown-code") == "unknown-code"
    assert i18n.label("tier", None) == "—"
    with pytest.raises(KeyError, match="not in the catalogue"):
        translate("no.such.key")


def test_a_bad_entry_is_refused_at_import(monkeypatch):
    from models.i18n import common

    monkeypatch.setitem(common.LABELS, "common.only_chinese", ("只有中文",))
    with pytest.raises(i18n.CatalogueError, match="pair of non-empty texts"):
        i18n._collect()
    monkeypatch.setitem(common.LABELS, "common.only_chinese", ("只有中文", " "))
    with pytest.raises(i18n.CatalogueError, match="pair of non-empty texts"):
        i18n._collect()
    monkeypatch.delitem(common.LABELS, "common.only_chinese")
    monkeypatch.setitem(common.LABELS, "vocab.grade.A", ("A级", "Grade A"))
    with pytest.raises(i18n.CatalogueError, match="both"):
        i18n._collect()


def test_the_catalogue_imports_without_streamlit():
    code = ("import sys, models.i18n; "
            "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('streamlit', 'components')); "
            "print(bad); sys.exit(1 if bad else 0)")
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stdout + done.stderr


# t("key") in the pages and components, translate("key", ...) anywhere: literal keys only (t(f"...") is not seen).
USE = re.compile(r"""\b(?:t|translate)\(\s*["']([a-z_]+\.[A-Za-z0-9_.<>+\-]+)["']""")
# Helpers that prepend a prefix to a literal (file -> helper call pattern -> prefix of the catalogue key).
PREFIXED = {
    "data/accounts.py": [(r"\b_\(\s*[\"']([a-z_.]+)[\"']", "cli.accounts.")],
    "models/accounts.py": [(r"\b_reason\(\s*[\"']([a-z_.]+)[\"']", "cli.accounts.")],
    "data/importing/__main__.py": [(r"\b_\(\s*[\"']([a-z_.]+)[\"']", "cli.importing.")],
    "data/importing/backup.py": [(r"\bBackupError\(\s*[\"']([a-z_]+)[\"']", "importing."),
                                 (r"return \"(backup_[a-z_]+)\"", "importing."), (r"else \"(backup_[a-z_]+)\"", "importing.")],
    "models/rating_rules.py": [(r"Problem\([^,]+,\s*\"[a-z_]+\",\s*\"([a-z_]+)\"", "ratings.check.")],
    "data/importing/__init__.py": [(r"\b_step\(\s*\"([a-z_]+)\"", "importing.step.")],
    "data/importing/apply.py": [(r"\b_step\(\s*\"([a-z_]+)\"", "importing.step.")],
}


def test_every_literal_key_used_in_the_code_is_in_the_catalogue():
    used: dict[str, str] = {}
    for path in [ROOT / "app.py", *(p for d in ("pages", "components", "models", "data", "bench")
                                     for p in (ROOT / d).rglob("*.py"))]:
        for key in USE.findall(path.read_text(encoding="utf-8")):
            used.setdefault(key, str(path.relative_to(ROOT)))
    assert len(used) > 300, "the scan found too few keys: the pattern is wrong"
    assert {k: v for k, v in used.items() if k not in ENTRIES} == {}


@pytest.mark.parametrize("name", sorted(PREFIXED))
def test_every_key_a_helper_prefixes_is_in_the_catalogue(name):
    source = (ROOT / name).read_text(encoding="utf-8")
    keys = {prefix + key for pattern, prefix in PREFIXED[name] for key in re.findall(pattern, source)}
    assert len(keys) >= 2, "the scan found no keys: the pattern is wrong"
    assert sorted(keys - set(ENTRIES)) == []


def test_keys_built_from_names_exist():
    from models import access, rating_rules

    assert all(f"ratings.check.field.{name}" in ENTRIES for name in rating_rules.CHECKED_FIELDS)
    assert all(f"importing.step.{action}_rows" in ENTRIES for action in ("insert", "update"))
    assert all(f"auth.role.{role}" in ENTRIES for role in access.ROLES)
