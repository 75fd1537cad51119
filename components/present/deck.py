"""大屏模式 shell: entry from the URL and the sidebar, slide state, the big-screen dark look and controls.

The slides themselves are drawn by components.present.slides from the real pages' components; this
module only restyles (CSS on stable container keys, Altair config) and never copies chart code.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

import altair as alt
import streamlit as st

from components.shell import filters
from components.ui.cards import is_demo
from components.ui.charts import PARTY_RED
from components.ui.text import md
from components.ui.i18n import LANG_KEY, t

PAGE = "pages/present.py"
EXIT_PAGE = "pages/overview.py"
SLIDES = ("overview", "map", "buildings", "ratings", "focus")
SLIDE_KEY, INTERVAL_KEY, PAUSED_KEY, SHOWN_KEY = "present.slide", "present.interval", "present.paused", "present.shown_at"
DEFAULT_INTERVAL, MIN_INTERVAL, MAX_INTERVAL = 20, 3, 600
BG, PANEL, TEXT, MUTED, GRID = "#0b1a2e", "#13263f", "#eef3fa", "#a9b8cc", "#2a3f5c"
KPI_PX, LABEL_PX, TITLE_PX = 56, 20, 22
SLIDE_H = 880  # px left for a slide's body on a 1080 px screen once the title bar and controls are drawn


def requested() -> bool:
    return st.query_params.get("present") == "1"


def route() -> None:
    """`?present=1` on any page opens the mode with the same URL parameters. Called by the router right
    after st.navigation and before the filter widgets are drawn: Streamlit refuses to set a parameter
    bound to a widget, and on a fresh load (a bookmark on the wall screen) only the language is bound
    yet; its widget state carries over instead."""
    if requested():
        keep = {k: v for k, v in st.query_params.to_dict().items() if k not in ("present", LANG_KEY)}
        st.switch_page(PAGE, query_params=keep)


def sidebar_link() -> None:
    with st.sidebar:
        st.page_link(PAGE, label=t("present.enter"))


@dataclass(frozen=True)
class State:
    slide: int  # 0-based index into SLIDES
    interval: int  # seconds per slide
    paused: bool


def _url_int(name: str) -> int | None:
    raw = st.query_params.get(name)
    return int(raw) if raw and raw.isdigit() else None


def state() -> State:
    """Slide, interval and pause from the session; the URL seeds them on the first run of the mode."""
    ss = st.session_state
    interval = _url_int("interval")
    if st.query_params.get("interval") and (interval is None or not MIN_INTERVAL <= interval <= MAX_INTERVAL):
        st.warning(t("present.bad_interval", value=md(st.query_params["interval"]), low=MIN_INTERVAL, high=MAX_INTERVAL,
                     default=DEFAULT_INTERVAL))
        interval = None
    ss[INTERVAL_KEY] = interval or ss.get(INTERVAL_KEY) or DEFAULT_INTERVAL
    if SLIDE_KEY not in ss:
        slide = _url_int("slide")
        ss[SLIDE_KEY] = (slide - 1) % len(SLIDES) if slide else 0
        ss[SHOWN_KEY] = None
    ss.setdefault(PAUSED_KEY, False)
    return State(ss[SLIDE_KEY], ss[INTERVAL_KEY], ss[PAUSED_KEY])


def go(step: int) -> None:
    """Button callback: move `step` slides (wrapping); the slide's clock starts once it is drawn."""
    ss = st.session_state
    ss[SLIDE_KEY] = (ss.get(SLIDE_KEY, 0) + step) % len(SLIDES)
    ss[SHOWN_KEY] = None


def drawn() -> None:
    """After a slide is drawn: start its clock (a slow slide, the map, still gets its full time)."""
    if st.session_state.get(SHOWN_KEY) is None:
        st.session_state[SHOWN_KEY] = time.monotonic()


def toggle_pause() -> None:
    ss = st.session_state
    ss[PAUSED_KEY] = not ss.get(PAUSED_KEY, False)
    ss[SHOWN_KEY] = None  # a resumed slide gets its full time again


def advance_if_due() -> int:
    """On a timed fragment run: next slide once the current one has been up for its interval.

    The timer may fire early relative to a click that restarted the slide, so the clock decides;
    a little slack keeps a timer firing a few ms before the mark from costing a whole extra interval.
    """
    ss = st.session_state
    shown = ss.get(SHOWN_KEY)
    if not ss.get(PAUSED_KEY) and shown is not None and time.monotonic() - shown >= ss[INTERVAL_KEY] * 0.8:
        go(1)
    st.query_params["slide"] = str(ss[SLIDE_KEY] + 1)
    return ss[SLIDE_KEY]


# ---------------------------------------------------------------- big-screen look

CSS = f"""<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stExpandSidebarButton"],
header[data-testid="stHeader"], [data-testid="stToolbar"], [data-testid="stDecoration"],
[data-testid="stStatusWidget"], [data-testid="stBottom"] {{ display: none !important; }}
.stApp, [data-testid="stAppViewContainer"], [data-testid="stMain"] {{ background: {BG} !important; color: {TEXT}; }}
[data-testid="stMainBlockContainer"] {{ padding: 10px 28px 0 28px !important; max-width: none !important; }}
.stApp p, .stApp li, .stApp label, .stApp h1, .stApp h2, .stApp h3, [data-testid="stCaptionContainer"] {{ color: {TEXT} !important; }}
.stApp h3 {{ font-size: 28px !important; padding: 0 0 4px 0 !important; }}
[data-testid="stMetric"] {{ background: {PANEL}; border-color: {GRID} !important; }}
[data-testid="stMetricValue"], [data-testid="stMetricValue"] > div {{ font-size: {KPI_PX}px !important; line-height: 1.15; color: #ffffff; font-weight: 700; }}
[data-testid="stMetricLabel"] p {{ font-size: {TITLE_PX}px !important; color: {MUTED} !important; }}
[data-testid="stMetricDelta"] {{ background: {GRID} !important; color: {TEXT} !important; }}
[data-testid="stMetricDelta"] div, [data-testid="stMetricDelta"] p {{ font-size: {LABEL_PX}px !important; color: {TEXT} !important; }}
[data-testid="stMetricDelta"] svg {{ width: 20px; height: 20px; }}
.st-key-present-bar {{ border-bottom: 3px solid {PARTY_RED}; padding-bottom: 6px; }}
.st-key-present-bar h1 {{ font-size: 40px !important; padding: 0 !important; color: #ffffff !important; white-space: nowrap; }}
.present-bar {{ display: flex; align-items: baseline; gap: 28px; }}
.present-bar .slide {{ font-size: 34px; color: #ffd7d9; }}
.present-bar .meta {{ margin-left: auto; font-size: 22px; color: {MUTED}; }}
.present-bar .demo {{ font-size: 22px; color: #1a1a1a; background: #f5a623; padding: 2px 10px; border-radius: 6px; }}
.present-progress {{ display: flex; gap: 8px; align-items: center; font-size: 20px; color: {MUTED}; }}
.present-progress .dot {{ width: 44px; height: 8px; border-radius: 4px; background: {GRID}; overflow: hidden; }}
.present-progress .dot.done {{ background: {PARTY_RED}; }}
.present-progress .dot .fill {{ display: block; height: 100%; width: 0; background: {PARTY_RED}; }}
.present-progress .dot.now .fill.run {{ animation: present-fill var(--present-s) linear forwards; }}
.present-progress .dot.now .fill.still {{ width: 50%; background: {MUTED}; }}
@keyframes present-fill {{ from {{ width: 0; }} to {{ width: 100%; }} }}
.st-key-present-controls button, .st-key-present-controls [data-testid="stDownloadButton"] button {{
  background: {PANEL}; color: {TEXT}; border-color: {GRID}; font-size: 18px; }}
.st-key-present-controls p {{ font-size: 18px !important; }}
</style>"""


def inject_css() -> None:
    st.html(CSS)


def big_screen(chart: alt.TopLevelMixin, *, height: int | None = None, view_fill: str | None = None) -> alt.TopLevelMixin:
    """A copy of `chart` readable from across a room on a dark screen: labels at 20 px and more,
    light text, no white box; text marks drawn in the chart are raised to the same size.
    `view_fill` lights the plot area for charts whose marks fade by opacity toward a white page."""
    out = chart.copy(deep=True)
    for layer in getattr(out, "layer", None) or []:
        mark = layer.mark
        if not isinstance(mark, str) and getattr(mark, "type", None) == "text":
            size = mark.fontSize if isinstance(mark.fontSize, int | float) else 0
            mark.fontSize = max(size, LABEL_PX)
    if height is not None and not isinstance(out, alt.FacetChart):
        out = out.properties(height=height)
    return (
        out.configure(background="transparent", font="Noto Sans CJK SC, sans-serif")
        .configure_axis(labelFontSize=LABEL_PX, titleFontSize=TITLE_PX, labelColor=TEXT, titleColor=MUTED,
                        gridColor=GRID, domainColor=MUTED, tickColor=MUTED, labelLimit=360, labelOverlap=True)
        .configure_legend(labelFontSize=LABEL_PX, titleFontSize=TITLE_PX, labelColor=TEXT, titleColor=MUTED,
                          symbolSize=260, labelLimit=360)
        .configure_header(labelFontSize=LABEL_PX, titleFontSize=TITLE_PX, labelColor=TEXT, titleColor=MUTED)
        .configure_title(fontSize=TITLE_PX + 4, color=TEXT)
        .configure_text(fontSize=LABEL_PX, color=TEXT)
        .configure_view(stroke=None, fill=view_fill)
    )


def chart(c: alt.TopLevelMixin, *, key: str, height: int, view_fill: str | None = None) -> None:
    """Draw a chart big-screen styled (theme=None so Streamlit's light theme does not override it)."""
    st.altair_chart(big_screen(c, height=height, view_fill=view_fill), key=key, theme=None, width="stretch")


def title_bar(f: filters.Filters, info: dict, slide: int) -> None:
    demo = f'<span class="demo">{t("demo.badge")}</span>' if is_demo(info) else ""
    with st.container(key="present-bar", horizontal=True, vertical_alignment="center", gap="medium"):
        st.title(f"{t('app.title')} · {f.area_label()} · {f.year}", anchor=False, width="content")
        st.html(
            f'<div class="present-bar"><span class="slide">{t(f"present.slide.{SLIDES[slide]}")}</span>{demo}'
            f'<span class="meta">{date.today().isoformat()} · {t("present.as_of", date=info.get("as_of", "—"))}</span></div>'
        )


def progress(s: State) -> None:
    """One bar per slide: the shown ones red, the current one filling over the interval (grey when paused)."""
    dots = []
    for i in range(len(SLIDES)):
        if i < s.slide:
            dots.append('<span class="dot done"></span>')
        elif i == s.slide:
            fill = "still" if s.paused else "run"
            dots.append(f'<span class="dot now"><span class="fill {fill}"></span></span>')
        else:
            dots.append('<span class="dot"></span>')
    status = t("present.paused") if s.paused else t("present.every", s=s.interval)
    counter = t("present.counter", i=s.slide + 1, n=len(SLIDES))
    # the key-less fragment id changes per slide, so the animation restarts with each slide
    st.html(f'<div class="present-progress" data-slide="{s.slide}" style="--present-s:{s.interval}s">'
            f'{"".join(dots)}<span>{counter} · {status}</span></div>')


def controls(s: State, *, extra: Callable[[], None] | None = None) -> None:
    """Previous / pause / next / exit, each also on a key (Left, Space, Right, Esc); `extra` draws more
    buttons in the same bar."""
    with st.container(key="present-controls", horizontal=True, vertical_alignment="center"):
        st.button(t("present.prev"), key="present-prev", on_click=go, args=(-1,), shortcut="Left")
        st.button(t("present.resume") if s.paused else t("present.pause"), key="present-pause",
                  on_click=toggle_pause, shortcut="Space")
        st.button(t("present.next"), key="present-next", on_click=go, args=(1,), shortcut="Right")
        exit_clicked = st.button(t("present.exit"), key="present-exit", shortcut="Esc")
        if extra is not None:
            extra()
        st.caption(t("present.keys"))
    if exit_clicked:
        for key in (SLIDE_KEY, PAUSED_KEY, SHOWN_KEY):  # the next visit starts from its own URL
            st.session_state.pop(key, None)
        st.switch_page(EXIT_PAGE, query_params={})
