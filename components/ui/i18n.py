"""The Streamlit binding of the label catalogue (models/i18n): the session's language and `t()`.

Every text lives in models/i18n, Chinese and English side by side, per area; see its docstring to add one.
`t(key, **fmt)` reads a key in the session's language (set by the sidebar switch, kept in the URL as
?lang=en); `label(group, code)` labels a stored vocabulary code.
"""

from __future__ import annotations

import streamlit as st

from models import i18n as catalogue
from models.i18n import CATALOGUE, EN, LANGS, ZH  # noqa: F401  (re-exported: tests and the bench read them)

LANG_NAMES = {"zh": "中文", "en": "English"}
LANG_KEY = "lang"


def current_lang() -> str:
    lang = st.session_state.get(LANG_KEY, "zh")
    return lang if lang in CATALOGUE else "zh"


def t(key: str, lang: str | None = None, **fmt: object) -> str:
    """The label for `key` in the session's language (or `lang`); KeyError for a key not in the catalogue."""
    return catalogue.translate(key, lang or current_lang(), **fmt)


def label(group: str, code: str | None, lang: str | None = None) -> str:
    """Label of a stored vocabulary code; the code itself if the catalogue lacks it, "—" for None."""
    return catalogue.label(group, code, lang or current_lang())
