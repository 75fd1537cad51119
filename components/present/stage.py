"""The frame of 大屏模式 around the slides: the title bar (area, slide, 示例数据, clock, date, 数据截至), the
ticker of the area's problems and the control bar whose script (static/present/deck.js) turns the slides.

All text here is HTML built with html.escape: names come from registers.
"""

from __future__ import annotations

from datetime import date
from html import escape
from pathlib import Path

import streamlit as st

from components.loaders.present import Ticker
from components.shell.filters import Filters
from components.ui import alert_text
from components.ui.cards import fmt_int, is_demo
from components.ui.i18n import t
from models import alerts
from models.coverage import DEFAULT_RADIUS_M

ASSETS = Path(__file__).resolve().parents[2] / "static" / "present"
TICKER_CHARS_PER_S = 6  # the ticker's speed: a reader from across the room keeps up with this


def title_bar(f: Filters, info: dict, slide_name: str) -> None:
    """Read afresh on every tick of the page (info = the store's dataset info of this run)."""
    demo = f'<span class="demo">{escape(t("demo.badge"))}</span>' if is_demo(info) else ""
    title = escape(f"{t('app.title')} · {f.area_label()} · {f.year}")
    as_of = escape(t("present.as_of", date=info.get("as_of", "—")))
    st.html(
        f'<div class="present-bar"><span class="title">{title}</span>'
        f'<span class="slide-name">{escape(slide_name)}</span>{demo}'
        f'<span class="meta"><span class="clock"></span><span class="date">{date.today().isoformat()}</span>'
        f'<span class="as-of">{as_of}</span></span></div>'
    )


def slide_title(name: str) -> None:
    """The slide's name at its top, shown on a phone only (there every slide is on the page at once)."""
    st.html(f'<div class="present-slide-title">{escape(name)}</div>')


def problem_text(kind: str) -> str:
    if kind == "reach":
        return t("briefing.problem.reach", radius=fmt_int(DEFAULT_RADIUS_M))
    return t(f"briefing.problem.{kind}")


def ticker_items(feed: Ticker) -> list[tuple[str, str, bool]]:
    """(what, how many, a problem?) per entry, worded as the briefing's 问题清单 words them."""
    out = []
    for p in feed.problems:
        if p.count is None:
            out.append((problem_text(p.kind), t("briefing.problem.no_data"), False))
        else:
            unit = "count_tower" if p.kind == "uncovered" else "count"
            n = t("scope.small") if p.small else \
                t(f"briefing.problem.{unit}", n=fmt_int(p.count)) if p.count else t("briefing.problem.none")
            out.append((problem_text(p.kind), n, p.count > 0))
    if feed.top is not None:
        out.append((alert_text.totals_line(feed.top), "", dict(feed.top.counts).get(alerts.RED, 0) > 0))
        out += [(alert_text.item_line(item), "", item.severity == alerts.RED) for item in feed.items]
    return out


def ticker(feed: Ticker) -> None:
    items = ticker_items(feed)
    text = "".join(
        f'<span class="item{" bad" if bad else ""}{"" if n else " named"}">{escape(what)}{escape(t("present.ticker_sep")) if n else ""}'
        f'<span class="n">{escape(n)}</span></span>'
        for what, n, bad in items
    )
    seconds = max(20, sum(len(w) + len(n) + 4 for w, n, _ in items) // TICKER_CHARS_PER_S)
    st.html(f'<div class="present-ticker" style="--ticker-s:{seconds}s"><span class="head">{escape(t("present.ticker"))}'
            f'</span><span class="track"><span class="run">{text}</span></span></div>')


_DECK = None


def _deck():
    """The control bar's component (registered once per process; its script is static/present/deck.js)."""
    global _DECK
    if _DECK is None:
        _DECK = st.components.v2.component(
            "present_deck", html="", js=(ASSETS / "deck.js").read_text(encoding="utf-8"), isolate_styles=False)
    return _DECK


def controls_html(n: int, interval: int) -> str:
    dots = "".join('<span class="dot"><span class="fill"></span></span>' for _ in range(n))
    return (
        f'<div class="present-controls"><span class="present-progress" data-slide="">{dots}</span>'
        f'<span class="counter"></span><span class="status">{escape(t("present.every", s=interval))}</span>'
        f'<button type="button" class="prev" data-act="prev">{escape(t("present.prev"))}</button>'
        f'<button type="button" class="pause" data-act="pause">{escape(t("present.pause"))}</button>'
        f'<button type="button" class="next" data-act="next">{escape(t("present.next"))}</button>'
        f'<button type="button" class="exit" data-act="exit">{escape(t("present.exit"))}</button>'
        f'<span class="keys">{escape(t("present.keys"))}</span></div>'
    )


def controls(*, n: int, start: int, interval: int, visit: str, names: list[str]) -> bool:
    """The control bar; True when the viewer asked to leave (the exit button or Esc)."""
    st.html(controls_html(n, interval))
    result = _deck()(
        key="present-controls", height="content",
        data={"n": n, "start": start, "interval": interval, "session": visit, "names": names,
              "labels": {"paused": t("present.paused"), "every": t("present.every", s=interval),
                         "pause": t("present.pause"), "resume": t("present.resume")}},
        on_exit_change=lambda: None,
    )
    return bool(getattr(result, "exit", False))
