"""Charts drawn as memoised Vega-Lite specs (components.ui.memo; nothing here reads the store).

Building an Altair chart, validating it and converting its data to Arrow takes 40-150 ms, more than all
the cached queries of a rerun; `spec()` does it once per (builder, data, options, language). Data
caching lives in components/loaders/; this only keeps what a builder made of data it was given.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import altair as alt
import pandas as pd
import streamlit as st

from components.compat import arrow_bytes
from components.ui.i18n import current_lang
from components.ui.memo import memo

Builder = Callable[..., alt.TopLevelMixin]


def to_spec(chart: alt.TopLevelMixin | dict) -> dict:
    """The chart (or its plain spec, which this changes) as st.altair_chart sends it: data as Arrow bytes,
    no fixed 300 px default size."""
    # the builders are validated by the tests
    spec = chart if isinstance(chart, dict) else chart.to_dict(validate=False)
    view = spec.get("config", {}).get("view", {})
    for size in ("continuousWidth", "continuousHeight"):  # Altair's default theme; st.altair_chart drops it too
        view.pop(size, None)
    spec["datasets"] = {name: arrow_bytes(pd.DataFrame(rows)) for name, rows in spec.get("datasets", {}).items()}
    return spec


@memo
def _spec(name: str, _builder: Builder, args: tuple, kwargs: dict, lang: str) -> dict:
    # the key: which builder (functions are not hashable), and the labels' language. Made from the plain
    # spec (a copy out of the memo), so a chart drawn and offered as a PNG is built once, not twice.
    return to_spec(_plain(name, _builder, args, kwargs, lang))


def spec(builder: Builder, args: tuple, kwargs: dict, lang: str) -> dict:
    """builder(*args, **kwargs) as a spec, built once per builder, data, options and language."""
    return _spec(f"{builder.__module__}.{builder.__qualname__}", builder, args, kwargs, lang)


@memo
def _plain(name: str, _builder: Builder, args: tuple, kwargs: dict, lang: str) -> dict:
    del name, lang
    return _builder(*args, **kwargs).to_dict(validate=False)


def plain_spec(builder: Builder, *args: Any, **kwargs: Any) -> dict:
    """builder(*args, **kwargs) as a plain spec with its data inline (for vl-convert: a chart's PNG), memoised
    and built in this run's language, so a deferred download never builds it again or in another language."""
    return _plain(f"{builder.__module__}.{builder.__qualname__}", builder, args, kwargs, current_lang())


def show(builder: Builder, *args: Any, key: str, on_select: Any = "ignore", selection_mode: Any = None,
         **kwargs: Any) -> Any:
    """Draw builder(*args, **kwargs) from the memo; returns st.vega_lite_chart's value (selections)."""
    return st.vega_lite_chart(spec(builder, args, kwargs, current_lang()), key=key, on_select=on_select,
                              selection_mode=selection_mode)
