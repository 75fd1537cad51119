"""Text from registers and links shown literally: the one escaper for everything Streamlit renders as
Markdown (st.markdown, captions, titles, alerts, button and link labels, tab and expander labels).

Organisation, centre, building and region names are user input (imported files, URL parameters). Put
through `md()`, a name such as `**粗体** ![i](http://…) <b>x</b> [l](javascript:…)` shows as typed: no bold,
no image fetched from the internet, no link. Every ASCII punctuation character is backslash-escaped
(CommonMark allows that for each of them; it also covers Streamlit's `:red[…]`, its icon shortcodes and
`$math$`), and line breaks and other control characters become spaces so a name stays on one line.
HTML (map popups and tooltips) is escaped with html.escape where it is built, not here.
"""

from __future__ import annotations

import re

_PUNCTUATION = re.compile(r"([!-/:-@\[-`{-~])")
_CONTROL = re.compile(r"[\x00-\x1f\x7f\u2028\u2029]+")


def md(text: object) -> str:
    """`text` as Markdown that renders to exactly that text (None -> "")."""
    if text is None:
        return ""
    return _PUNCTUATION.sub(r"\\\1", _CONTROL.sub(" ", str(text)))
