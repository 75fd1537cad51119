"""Chart builders: DataFrame in, alt.Chart out (testable through .to_dict()); no data access."""

from __future__ import annotations

import altair as alt
import pandas as pd

from components.ui.i18n import label, t

PARTY_RED = "#c8161d"
GREY = "#9e9e9e"
TIER_COLOURS = {"city": "#8b0000", "district": "#c8161d", "street": "#e4572e", "community": "#f29e4c",
                "park": "#4c78a8", "market": "#72b7b2", "tower": "#54a24b"}


def _labelled(df: pd.DataFrame, code_col: str, group: str) -> pd.DataFrame:
    out = df.copy()
    out["label"] = [label(group, c) for c in out[code_col]]
    return out


def tier_bars(df: pd.DataFrame) -> alt.Chart:
    """Centres per tier (columns tier, now), in 1+10+N order, one colour per tier."""
    data = _labelled(df, "tier", "tier")
    order = data["label"].tolist()
    return (
        alt.Chart(data)
        .mark_bar()
        .encode(
            x=alt.X("now:Q", title=t("col.count")),
            y=alt.Y("label:N", sort=order, title=None),
            color=alt.Color("tier:N", scale=alt.Scale(domain=list(TIER_COLOURS), range=list(TIER_COLOURS.values())),
                            legend=None),
            tooltip=[alt.Tooltip("label:N", title=t("col.tier")), alt.Tooltip("now:Q", title=t("col.count"))],
        )
        .properties(height=alt.Step(24))
    )


def category_bars(df: pd.DataFrame) -> alt.Chart:
    """Grassroots organisations per category (columns category, now)."""
    data = _labelled(df, "category", "category")
    return (
        alt.Chart(data)
        .mark_bar(color=PARTY_RED)
        .encode(
            x=alt.X("now:Q", title=t("col.count")),
            y=alt.Y("label:N", sort="-x", title=None),
            tooltip=[alt.Tooltip("label:N", title=t("col.category")), alt.Tooltip("now:Q", title=t("col.count"))],
        )
        .properties(height=alt.Step(24))
    )


def share_bars(df: pd.DataFrame, *, value: str, title: str, highlight: str | None = None) -> alt.Chart:
    """Ranking of named rows by a 0-1 share (columns name, `value`), sorted, the highlighted row in red."""
    data = df[["name", value]].dropna().copy()
    data["hl"] = data["name"] == highlight if highlight else False
    return (
        alt.Chart(data)
        .mark_bar()
        .encode(
            x=alt.X(f"{value}:Q", title=title, axis=alt.Axis(format="%"), scale=alt.Scale(domain=[0, 1])),
            y=alt.Y("name:N", sort="-x", title=None),
            color=alt.condition(alt.datum.hl, alt.value(PARTY_RED), alt.value("#e8a0a3")),
            tooltip=[alt.Tooltip("name:N", title=t("col.name")), alt.Tooltip(f"{value}:Q", title=title, format=".1%")],
        )
        .properties(height=alt.Step(22))
    )
