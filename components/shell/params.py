"""Page parameters in the URL that hold codes, never labels (`buildings.kind=residential`, `ratings.tab=trend`,
`lang=en`), whatever the language of the page.

Streamlit's `bind="query-params"` writes a widget's *shown label* into the URL (`buildings.kind=住宅小区`),
which a page in the other language no longer understands. Such widgets are drawn unbound instead, and
this module keeps their URL parameter: `take()` before the widget seeds its state from the URL when
the URL changed from outside (a link, a reload, back/forward), `put()` after it writes the code back
(the default is left out of the URL). An old link holding a label in either language still opens;
an empty value means the default; any other value is explained in the page's language and falls
back to the default.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import streamlit as st

from components.ui.i18n import LANGS, current_lang, t
from components.ui.text import md

_WRITTEN = "params._written"  # key -> the value this session last wrote into the URL (None: absent)


@dataclass(frozen=True)
class Coded:
    key: str  # the URL parameter and the widget key
    codes: Sequence[str]
    default: str
    label: Callable[[str, str], str]  # (code, lang) -> the label shown, to read old links
    state: Callable[[str], object] = lambda code: code  # code -> the widget's session-state value

    def resolve(self, raw: str | None) -> tuple[str, bool]:
        """(code, understood) for a URL value."""
        if raw is None or raw.strip() == "":
            return self.default, True
        if raw in self.codes:
            return raw, True
        for code in self.codes:
            if any(raw == self.label(code, lang) for lang in LANGS):
                return code, True
        return self.default, False


def take(param: Coded) -> str | None:
    """Seed the widget's state from the URL (before the widget is drawn); a message when the URL value
    is not understood (show it with st.warning), else None."""
    written = st.session_state.setdefault(_WRITTEN, {})
    raw = st.query_params.get(param.key)
    if param.key in st.session_state and (raw is None or raw == written.get(param.key)):
        # the URL is what this session wrote, or lost the parameter on a page switch (st.switch_page and
        # the menu keep only bound parameters): the widget's state is the truth, put() writes it back
        return None
    code, understood = param.resolve(raw)
    st.session_state[param.key] = param.state(code)
    written[param.key] = raw
    if understood:
        return None
    return t("filter.unknown_value", param=md(param.key), value=md(raw[:80]), default=md(param.label(param.default, current_lang())))


def put(param: Coded, code: str | None) -> None:
    """Write the widget's code into the URL (after the widget is drawn); the default is left out."""
    written = st.session_state.setdefault(_WRITTEN, {})
    value = None if code is None or code == param.default else code
    if value is None:
        if param.key in st.query_params:
            del st.query_params[param.key]
    elif st.query_params.get(param.key) != value:
        st.query_params[param.key] = value
    written[param.key] = value

