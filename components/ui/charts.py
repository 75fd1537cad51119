"""Chart builders: DataFrame in, alt.Chart out (testable through .to_dict()); no data access.

Bars carry their value at their end (a bar of 1 among bars of 800 is otherwise invisible), count axes
have integer ticks only, share axes end where the data ends (not always at 100 %), and colours come
from the one palette (components/ui/palette.py).
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from components.ui.cells import mark_text
from components.ui.i18n import label, t
from components.ui.palette import CATEGORY_COLOURS, GREY, PALE_RED, PARTY_RED, TIER_COLOURS  # noqa: F401

__all__ = ["CATEGORY_COLOURS", "GREY", "PARTY_RED", "TIER_COLOURS", "category_bars", "count_axis", "labelled_bars",
           "share_axis", "share_bars", "tier_bars"]


def _labelled(df: pd.DataFrame, code_col: str, group: str) -> pd.DataFrame:
    out = df.copy()
    out["label"] = [label(group, c) for c in out[code_col]]
    return out


def count_axis(title: str | None) -> alt.Axis:
    """An axis of counts: integer ticks with thousands separators (never 0.4, 0.8, …)."""
    return alt.Axis(title=title, format=",d", tickMinStep=1, tickCount=6)


def share_axis(title: str | None) -> alt.Axis:
    return alt.Axis(title=title, format=".0%", tickCount=6)


HEADROOM = 1.18  # room past the longest bar for its value


def share_domain(values: pd.Series) -> list[float]:
    """0 to a little above the largest share: the bars use the width they are given, and the longest
    bar's value still fits (a share axis may pass 100 % to make room for the text, never by much)."""
    top = float(values.max()) if len(values) and pd.notna(values.max()) else 1.0
    return [0.0, max(0.05, top * HEADROOM)]


def count_domain(values: pd.Series) -> list[float]:
    top = float(values.max()) if len(values) and pd.notna(values.max()) else 0.0
    return [0.0, max(1.0, top * HEADROOM)]


def labelled_bars(bars: alt.Chart, *, value: str, fmt: str) -> alt.LayerChart:
    """`bars` (horizontal, x = `value`) with each bar's value written just past its end. The text has no
    colour of its own, so the page's theme (or a dark big-screen config) colours it."""
    text = alt.Chart(bars.data).mark_text(align="left", baseline="middle", dx=4, fontSize=12).encode(
        x=bars.encoding.x, y=bars.encoding.y, text=alt.Text(f"{value}:Q", format=fmt))
    return alt.layer(bars, text).properties(height=bars.height)


def tier_bars(df: pd.DataFrame) -> alt.LayerChart:
    """Centres per tier (columns tier, now), in 1+10+N order, one colour per tier, values on the bars."""
    data = _labelled(df, "tier", "tier")
    order = data["label"].tolist()
    bars = (
        alt.Chart(data)
        .mark_bar()
        .encode(
            x=alt.X("now:Q", axis=count_axis(t("col.count")), scale=alt.Scale(domain=count_domain(data["now"]), nice=False)),
            y=alt.Y("label:N", sort=order, title=None),
            color=alt.Color("tier:N", scale=alt.Scale(domain=list(TIER_COLOURS), range=list(TIER_COLOURS.values())),
                            legend=None),
            tooltip=[alt.Tooltip("label:N", title=t("col.tier")), alt.Tooltip("now:Q", title=t("col.count"), format=",d")],
        )
        .properties(height=alt.Step(24))
    )
    return labelled_bars(bars, value="now", fmt=",d")


def category_bars(df: pd.DataFrame) -> alt.LayerChart:
    """Grassroots organisations per category (columns category, now), one colour per category; a category
    withheld for the viewer (`small`, models.access) is named with its marker and drawn without a bar."""
    data = _labelled(df, "category", "category")
    if "small" in data.columns:
        data["label"] = [t("scope.marked", name=name, mark=mark_text(code)) if hidden else name
                         for name, hidden, code in zip(data["label"], data["small"], data["small_mark"], strict=True)]
    order = data.sort_values(["now", "label"], ascending=[False, True])["label"].tolist()  # see share_bars
    bars = (
        alt.Chart(data)
        .mark_bar()
        .encode(
            x=alt.X("now:Q", axis=count_axis(t("col.count")), scale=alt.Scale(domain=count_domain(data["now"]), nice=False)),
            y=alt.Y("label:N", sort=order, title=None),
            color=alt.Color("category:N", scale=alt.Scale(domain=list(CATEGORY_COLOURS),
                                                          range=list(CATEGORY_COLOURS.values())), legend=None),
            tooltip=[alt.Tooltip("label:N", title=t("col.category")),
                     alt.Tooltip("now:Q", title=t("col.count"), format=",d")],
        )
        .properties(height=alt.Step(24))
    )
    return labelled_bars(bars, value="now", fmt=",d")


def share_bars(df: pd.DataFrame, *, value: str, title: str, highlight: str | None = None) -> alt.LayerChart:
    """Ranking of named rows by a 0-1 share (columns name, `value`), sorted, the highlighted row in red,
    the axis fitted to the largest share, each bar's share written at its end."""
    data = df[["name", value]].dropna().copy()
    data["hl"] = data["name"] == highlight if highlight else False
    # The order as a list: a layered chart (bars + labels) unions the y domains, and Vega-Lite drops a
    # sort by the x field there, leaving the rows in data order.
    order = data.sort_values([value, "name"], ascending=[False, True])["name"].tolist()
    bars = (
        alt.Chart(data)
        .mark_bar()
        .encode(
            x=alt.X(f"{value}:Q", axis=share_axis(title), scale=alt.Scale(domain=share_domain(data[value]), nice=False)),
            y=alt.Y("name:N", sort=order, title=None),
            color=alt.condition(alt.datum.hl, alt.value(PARTY_RED), alt.value(PALE_RED)),
            tooltip=[alt.Tooltip("name:N", title=t("col.name")), alt.Tooltip(f"{value}:Q", title=title, format=".1%")],
        )
        .properties(height=alt.Step(22))
    )
    return labelled_bars(bars, value=value, fmt=".1%")
