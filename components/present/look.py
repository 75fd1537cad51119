"""大屏模式's look: the dark palette, type that scales with the screen, and the big-screen copy of a chart.

Sizes are fractions of one unit, `U`: a hundredth of the width of the largest 16:9 box that fits the
window (19.2 px on a 1920x1080 screen, 13.7 px at 1366x768, 38.4 px at 3840x2160). The page's CSS
(static/present/deck.css) uses it as `var(--u)`; charts use the same number through a Vega expression
on the window's size, so text in charts and around them grows and shrinks together.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import altair as alt
import streamlit as st

from components.ui.charts import PARTY_RED
from components.ui.i18n import current_lang
from components.ui.memo import memo
from components.ui.vega import to_spec

BG, PANEL, TEXT, MUTED, GRID, BADGE = "#0b1a2e", "#13263f", "#eef3fa", "#a9b8cc", "#2a3f5c", "#f5a623"
ASSETS = Path(__file__).resolve().parents[2] / "static" / "present"
# one unit in a chart: the window's 16:9 box width / 100, never below 12 px (a phone)
U = "max(12, min(windowSize()[0], windowSize()[1] * 16 / 9) / 100)"


def u(factor: float) -> dict:
    """A chart size of `factor` units (a Vega-Lite expression reference)."""
    return {"expr": f"{factor} * {U}"}


def css(start: int, n_slides: int) -> str:
    """The page's style: the palette, the slide shown before the browser's script runs, and deck.css."""
    first = f"html:not([data-present-slide]) .st-key-present-slide-{start}"
    shown = ", ".join(f'html[data-present-slide="{i}"] .st-key-present-slide-{i}' for i in range(n_slides))
    return (
        f"<style>:root {{ --present-bg: {BG}; --present-panel: {PANEL}; --present-text: {TEXT}; "
        f"--present-muted: {MUTED}; --present-grid: {GRID}; --present-red: {PARTY_RED}; --present-badge: {BADGE}; }}\n"
        f"@media (min-width: 641px) {{ {first}, {shown} {{ visibility: visible !important; z-index: 1; }} }}\n"
        f"{(ASSETS / 'deck.css').read_text(encoding='utf-8')}</style>"
    )


def inject(start: int, n_slides: int) -> None:
    st.html(css(start, n_slides))


def _count_axes(chart: alt.TopLevelMixin) -> None:
    """Whole-number ticks on count axes (never 0.4 towers): on the slide charts a quantitative x or y is a
    count unless a layer drawing it gives it a percent format or a 0-1 scale (a share)."""
    parts = [p for p in [chart, *(getattr(chart, "layer", None) or [])]
             if getattr(p, "encoding", alt.Undefined) is not alt.Undefined]
    for channel in ("x", "y"):
        found = []
        for part in parts:
            ch = getattr(part.encoding, channel, alt.Undefined)
            if ch is alt.Undefined or isinstance(ch, dict):
                continue
            spec = ch.to_dict()
            if spec.get("type") != "quantitative":
                continue
            axis, scale = spec.get("axis", {}), spec.get("scale", {})
            if "%" in str((axis or {}).get("format", "")) or (scale or {}).get("domain") == [0, 1]:
                found = []
                break
            found.append((ch, spec))
        for ch, spec in found:
            if "axis" in spec and spec["axis"] is None:  # axis=None: nothing drawn
                continue
            ch.axis = alt.Axis(**{**(spec.get("axis") or {}), "tickMinStep": 1, "format": ",d"})


def _label_limits(chart: alt.TopLevelMixin) -> None:
    """An axis's own label limit in px (220 on the ratings page) would cut names on a 4K screen: the
    slides' limit is in screen units like the labels."""
    for part in [chart, *(getattr(chart, "layer", None) or [])]:
        enc = getattr(part, "encoding", alt.Undefined)
        if enc is alt.Undefined:
            continue
        for channel in ("x", "y"):
            ch = getattr(enc, channel, alt.Undefined)
            if ch is alt.Undefined or isinstance(ch, dict):
                continue
            axis = ch.to_dict().get("axis")
            if isinstance(axis, dict) and "labelLimit" in axis:
                ch.axis = alt.Axis(**{**axis, "labelLimit": u(16)})


def big_screen(chart: alt.TopLevelMixin, *, view_fill: str | None = None) -> alt.TopLevelMixin:
    """A copy of `chart` readable across a room on a dark screen: every text sized in units of the
    screen, light text, no white box, whole-number count axes, and as tall as the box it is drawn in.
    `view_fill` lights the plot area for charts whose marks fade by opacity toward a white page."""
    out = chart.copy(deep=True)
    for layer in getattr(out, "layer", None) or []:
        mark = layer.mark
        if not isinstance(mark, str) and getattr(mark, "type", None) == "text":
            mark.fontSize = u(0.95)
    _count_axes(out)
    _label_limits(out)
    if not isinstance(out, alt.FacetChart):
        out.height = "container"
    # Set on the copy made above: each configure_* call (and properties) deep-copies the whole chart again,
    # eight copies of every slide chart (~200 ms of a cold 大屏 at 1 M). The same keys, replaced the same way.
    if out.config is alt.Undefined:
        out.config = alt.Config()
    config = out.config
    config["background"], config["font"] = "transparent", "Noto Sans CJK SC, sans-serif"
    config["autosize"] = {"type": "fit", "contains": "padding"}
    config["axis"] = alt.AxisConfig(labelFontSize=u(0.95), titleFontSize=u(0.95), labelColor=TEXT, titleColor=MUTED,
                                    gridColor=GRID, domainColor=MUTED, tickColor=MUTED, labelLimit=u(16),
                                    labelOverlap=True, labelPadding=u(0.3), titlePadding=u(0.5))
    config["legend"] = alt.LegendConfig(labelFontSize=u(1.0), titleFontSize=u(1.0), labelColor=TEXT,
                                        titleColor=MUTED, symbolSize=u(14), labelLimit=u(16))
    config["header"] = alt.HeaderConfig(labelFontSize=u(0.95), titleFontSize=u(1.0), labelColor=TEXT,
                                        titleColor=MUTED)
    config["title"] = alt.TitleConfig(fontSize=u(1.2), color=TEXT)
    config["text"] = alt.MarkConfig(fontSize=u(0.95), color=TEXT)
    config["view"] = alt.ViewConfig(stroke=None, fill=view_fill)
    return out


@memo
def _big_spec(name: str, _builder: Callable[..., alt.TopLevelMixin], args: tuple, kwargs: dict,
              view_fill: str | None, lang: str) -> dict:
    del name, lang  # the key: which builder (functions are not hashable), and the labels' language
    return to_spec(big_screen(_builder(*args, **kwargs), view_fill=view_fill))


def chart(builder: Callable[..., alt.TopLevelMixin], *args: Any, key: str, view_fill: str | None = None,
          **kwargs: Any) -> None:
    """Draw builder(*args, **kwargs) big-screen styled, filling the box around it (theme=None: Streamlit's
    light theme would override the dark colours). From the render memo: building, restyling and validating
    the nine charts of the five slides (all drawn on every tick) took ≈ 90 % of a warm rerun."""
    spec = _big_spec(f"{builder.__module__}.{builder.__qualname__}", builder, args, kwargs, view_fill,
                     current_lang())
    st.vega_lite_chart(spec, key=key, theme=None, width="stretch", height="stretch")
