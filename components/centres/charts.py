"""Charts of 阵地地图: reach per district or street, and reach before and after the suggested sites."""

from __future__ import annotations

import altair as alt
import pandas as pd

from components.ui.charts import GREY, PARTY_RED
from components.ui import vega
from components.ui.i18n import t
from models.vocab import REACH_KINDS

KIND_COLUMNS = {"community": "communities", "tower": "towers", "residential": "residential"}


CHART_ROWS = 25  # 74 streets would make a bar chart taller than the screen; the table lists them all


def reach_bars(table: pd.DataFrame, *, kind: str = "community", highlight: str | None = None,
               limit: int = CHART_ROWS) -> alt.Chart:
    """Share of `kind` places within reach per region, the `limit` least reached (columns of coverage.by_region)."""
    col = KIND_COLUMNS[kind]
    data = table[["name", col, f"{col}_reached", f"{col}_share"]].rename(
        columns={col: "places", f"{col}_reached": "reached", f"{col}_share": "share"}
    ).dropna(subset=["share"])
    data = data.sort_values("share", kind="stable").head(limit)
    data["hl"] = data["name"] == highlight if highlight else False
    title = t("centres.chart.share", kind=t(f"centres.kind.{kind}"))
    return (
        alt.Chart(data)
        .mark_bar()
        .encode(
            x=alt.X("share:Q", title=title, axis=alt.Axis(format="%"), scale=alt.Scale(domain=[0, 1])),
            y=alt.Y("name:N", sort=alt.EncodingSortField("share", order="ascending"), title=None,
                    axis=alt.Axis(labelOverlap=False, labelLimit=160)),
            color=alt.condition(alt.datum.hl, alt.value(PARTY_RED), alt.value("#e8a0a3")),
            tooltip=[
                alt.Tooltip("name:N", title=t("col.name")),
                alt.Tooltip("reached:Q", title=t("centres.col.reached"), format=","),
                alt.Tooltip("places:Q", title=t("centres.col.places"), format=","),
                alt.Tooltip("share:Q", title=title, format=".1%"),
            ],
        )
        .properties(height=alt.Step(22))
    )


def before_after(before: pd.DataFrame, after: pd.DataFrame) -> alt.Chart:
    """Grouped bars: share of each kind of place within reach, now and with the suggested sites."""
    now, then = t("centres.chart.before"), t("centres.chart.after")
    data = pd.concat([before.assign(state=now), after.assign(state=then)], ignore_index=True)
    data["kind_label"] = [t(f"centres.kind.{k}") for k in data["kind"]]
    order = [t(f"centres.kind.{k}") for k in REACH_KINDS]
    return (
        alt.Chart(data.dropna(subset=["share"]))
        .mark_bar()
        .encode(
            x=alt.X("share:Q", title=t("centres.chart.reach_share"), axis=alt.Axis(format="%"),
                    scale=alt.Scale(domain=[0, 1])),
            y=alt.Y("kind_label:N", sort=order, title=None),
            yOffset=alt.YOffset("state:N", sort=[now, then]),
            color=alt.Color("state:N", sort=[now, then], scale=alt.Scale(range=[GREY, PARTY_RED]),
                            legend=alt.Legend(title=None, orient="bottom")),
            tooltip=[
                alt.Tooltip("kind_label:N", title=t("centres.col.kind")),
                alt.Tooltip("state:N", title=" "),
                alt.Tooltip("reached:Q", title=t("centres.col.reached"), format=","),
                alt.Tooltip("places:Q", title=t("centres.col.places"), format=","),
                alt.Tooltip("share:Q", title=t("centres.chart.reach_share"), format=".1%"),
            ],
        )
        .properties(height=alt.Step(16))
    )


def show_reach(table: pd.DataFrame, *, highlight: str | None, key: str) -> None:
    """reach_bars of the page's coverage table, from the chart memo."""
    vega.show(reach_bars, table, highlight=highlight, key=key)


def show_before_after(before: pd.DataFrame, after: pd.DataFrame, *, key: str) -> None:
    vega.show(before_after, before, after, key=key)
