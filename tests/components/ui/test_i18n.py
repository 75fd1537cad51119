"""The Streamlit binding of the catalogue: the session's language picks the side; the texts are models/i18n's.

The catalogue itself (both sides, placeholders, every key used exists) is tested in tests/models/test_i18n.py.
"""

from __future__ import annotations

import streamlit as st

import models.i18n
from components.ui import i18n


def test_the_binding_reads_the_one_catalogue():
    assert i18n.ZH is models.i18n.ZH and i18n.EN is models.i18n.EN and i18n.LANGS == models.i18n.LANGS
    assert set(i18n.LANG_NAMES) == set(i18n.LANGS)


def test_chinese_is_the_default_and_english_differs():
    assert i18n.t("page.overview", lang="zh") == "总览"
    assert i18n.t("page.overview", lang="en") == "Overview"
    assert i18n.label("tier", "community", lang="zh") == "社区"
    assert i18n.label("tier", "unknown-code", lang="zh") == "unknown-code"
    assert i18n.label("tier", None) == "—"


def test_the_session_language_is_used_when_none_is_given(monkeypatch):
    state: dict = {}
    monkeypatch.setattr(st, "session_state", state)
    assert i18n.current_lang() == "zh" and i18n.t("page.overview") == "总览"
    state[i18n.LANG_KEY] = "en"
    assert i18n.t("page.overview") == "Overview" and i18n.label("grade", "A") == "Grade A"
    assert i18n.t("demo.as_of", date="2025-06-30") == "Data as of 2025-06-30"
    state[i18n.LANG_KEY] = "fr"  # not a language of the catalogue: Chinese
    assert i18n.current_lang() == "zh"
