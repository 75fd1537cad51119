"""大屏模式 shell: entry from the URL and the sidebar, the visit's settings, and the way back.

The slides turn in the browser (static/present/deck.js): every slide is drawn once and the script
shows one at a time on its own clock, so a slide stays up for its interval whatever the server does.
The server only draws, and redraws the title bar on every tick (数据截至 and 示例数据 read afresh).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlparse

import streamlit as st

from components.ui.i18n import LANG_KEY, t
from components.ui.text import md

PAGE = "pages/present.py"
SLIDES = ("overview", "map", "buildings", "ratings", "focus")
INTERVAL_KEY, VISIT_KEY, START_KEY = "present.interval", "present.visit", "present.start"
ORIGIN_KEY, INFO_KEY = "present.origin", "present.drawn_info"
DEFAULT_INTERVAL, MIN_INTERVAL, MAX_INTERVAL = 20, 3, 600
# Esc goes back to the page the viewer came from: a url path serves pages/<path>.py (app.py's PAGES),
# except these, whose url path is not their file's name
ORIGIN_PAGES = {"": "pages/overview.py", "home": "pages/overview.py", "data": "pages/data_admin.py"}
EXIT_PAGE = ORIGIN_PAGES[""]
ROOT = Path(__file__).resolve().parents[2]
MODE_PARAMS = ("present", "slide", "interval")  # the mode's own URL parameters, dropped on the way out


def requested() -> bool:
    return st.query_params.get("present") == "1"


def current_path() -> str | None:
    """The url path of the page this run serves ("centres"; "" for /), from the browser's URL."""
    url = st.context.url
    if not url:
        return None
    return urlparse(url).path.rstrip("/").rsplit("/", 1)[-1] if urlparse(url).path.strip("/") else ""


def _remember_origin() -> None:
    path = current_path()
    if path is not None and path != "present":
        st.session_state[ORIGIN_KEY] = path
        st.session_state.pop(VISIT_KEY, None)  # the next entry is a new visit


def passed_on(params: dict[str, str], state) -> dict[str, str]:
    """The URL parameters a switch into the mode hands on: all but `present` and those a widget already
    holds. Streamlit refuses to set a parameter bound to a widget, and a widget's key is its parameter's
    name: on a fresh load (a bookmark on the wall screen) only the language is bound yet, on a later run
    of the session the sidebar's district, street and year are too. Their widget state carries over to
    the mode's page, which writes them back into its URL."""
    return {k: v for k, v in params.items() if k != "present" and k != LANG_KEY and k not in state}


def route() -> None:
    """`?present=1` on any page opens the mode with the same URL parameters (passed_on). Called by the
    router right after st.navigation and before the filter widgets are drawn."""
    if requested():
        _remember_origin()
        st.session_state.pop(VISIT_KEY, None)
        st.switch_page(PAGE, query_params=passed_on(st.query_params.to_dict(), st.session_state))


def sidebar_link() -> None:
    """The way in, on every page's sidebar; it also notes the page, so the way out leads back to it."""
    _remember_origin()
    with st.sidebar:
        st.page_link(PAGE, label=t("present.enter"))


@dataclass(frozen=True)
class Visit:
    start: int  # 0-based slide shown first
    interval: int  # seconds per slide
    token: str  # one per entry into the mode: the browser's script starts again at `start` on a new one


def _url_int(name: str) -> int | None:
    raw = st.query_params.get(name)
    return int(raw) if raw and raw.isdigit() else None


def visit() -> Visit:
    """The visit's interval and first slide: from the URL when the mode is entered, then kept."""
    ss = st.session_state
    interval = _url_int("interval")
    if st.query_params.get("interval") and (interval is None or not MIN_INTERVAL <= interval <= MAX_INTERVAL):
        st.warning(t("present.bad_interval", value=md(st.query_params["interval"]), low=MIN_INTERVAL, high=MAX_INTERVAL,
                     default=DEFAULT_INTERVAL))
        interval = None
    ss[INTERVAL_KEY] = interval or ss.get(INTERVAL_KEY) or DEFAULT_INTERVAL
    if VISIT_KEY not in ss:
        slide = _url_int("slide")
        ss[START_KEY] = (slide - 1) % len(SLIDES) if slide else 0
        ss[VISIT_KEY] = uuid.uuid4().hex[:12]
    return Visit(ss[START_KEY], ss[INTERVAL_KEY], ss[VISIT_KEY])


def data_changed(info: dict) -> bool:
    """On a tick: did the store change (an import, a restore) since the slides were drawn?"""
    drawn = st.session_state.get(INFO_KEY)
    return drawn is not None and drawn != info


def drawn_with(info: dict) -> None:
    st.session_state[INFO_KEY] = dict(info)


def origin_page(path: str) -> str:
    """The page file of a url path (the overview for one that names no page)."""
    if path in ORIGIN_PAGES:
        return ORIGIN_PAGES[path]
    return f"pages/{path}.py" if path.isidentifier() and (ROOT / "pages" / f"{path}.py").exists() else EXIT_PAGE


def leave() -> None:
    """Back to the page the viewer came from, with the filter and nothing of the mode in the URL."""
    ss = st.session_state
    target = origin_page(ss.get(ORIGIN_KEY) or "")
    for key in (VISIT_KEY, START_KEY, INFO_KEY):  # the next visit starts from its own URL
        ss.pop(key, None)
    st.switch_page(target, query_params={})
