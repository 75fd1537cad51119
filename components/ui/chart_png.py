"""A chart as a PNG that says what it is: title, area and year, the demo mark and a source line with the as-of
date are drawn in the image, so a picture pasted into a report or a chat stays readable. Rendered offline by
vl-convert (it bundles Vega; no browser, no network), with Noto Sans CJK registered for the Chinese text.

Streamlit's own chart menu (vega-embed's "Save as PNG") also works offline, but saves the bare plot without
title, area, year or source; hence the button.
"""

from __future__ import annotations

import copy
import threading

import altair as alt
import streamlit as st

from components.ui.exports import context_of
from components.ui.i18n import t
from data.exporting import ExportContext
from models.i18n import translate

FONT_DIR = "/usr/share/fonts"  # fonts-noto-cjk; registered so the font is found whatever vl-convert scans itself
FONT = "Noto Sans CJK SC"
WIDTH = 640
_fonts_lock = threading.Lock()
_fonts_ready = False


def ensure_fonts() -> None:
    global _fonts_ready
    with _fonts_lock:
        if not _fonts_ready:
            import vl_convert

            vl_convert.register_font_directory(FONT_DIR)
            _fonts_ready = True


def render(spec: dict, *, scale: float = 2) -> bytes:
    import vl_convert

    ensure_fonts()
    return vl_convert.vegalite_to_png(spec, scale=scale)


def _fixed_width(spec: dict, width: int) -> None:
    """vl-convert has no container to fill: give a plain or faceted chart a width in pixels."""
    inner = spec.get("spec") if "facet" in spec else spec
    if inner is not None and not any(k in inner for k in ("hconcat", "vconcat", "concat")):
        if not isinstance(inner.get("width"), (int, float)):
            inner["width"] = width


def titled_spec(chart: alt.TopLevelMixin | dict, *, title: str, context: ExportContext, width: int = WIDTH) -> dict:
    """The chart's spec with the title block (title; area · year [· 示例数据]; source · as-of · built)."""
    spec = copy.deepcopy(chart) if isinstance(chart, dict) else chart.to_dict()
    lang = context.lang
    where = [p for p in (context.area, None if context.year is None else translate("export.year", lang, year=context.year),
                         translate("demo.badge", lang) if context.demo else None) if p]
    source = translate("export.chart_source", lang, stamp=context.stamp())
    spec["title"] = {"text": title, "subtitle": [" · ".join(where), source], "anchor": "start", "fontSize": 16,
                     "subtitleFontSize": 11, "subtitleColor": "#555555", "offset": 12}
    _fixed_width(spec, width)
    config = spec.setdefault("config", {})
    config.update(font=FONT, background="white", padding=16)
    return spec


def png(chart: alt.TopLevelMixin | dict, *, title: str, context: ExportContext, width: int = WIDTH) -> bytes:
    return render(titled_spec(chart, title=title, context=context, width=width))


def button(chart: alt.TopLevelMixin | dict, *, title: str, key: str, record) -> None:
    """A download button for `chart` as a titled PNG; built on click (deferred) and audited like a table.

    Where the page draws the chart from the chart memo, pass `vega.plain_spec(...)` rather than building the
    chart again: an Altair build costs 50-150 ms, too much for every rerun of a button that is rarely pressed."""
    context = context_of(record)
    name = context.file_name(title, "png")

    def build() -> bytes:
        body = png(chart, title=title, context=context)
        record(name, None)
        return body

    st.download_button(t("export.chart_png"), data=build, file_name=name, mime="image/png", key=f"{key}.png",
                       on_click="ignore", type="tertiary")
