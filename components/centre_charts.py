"""Charts of 阵地地图: reach per district or street, and reach before and after the suggested sites."""

from __future__ import annotations

import altair as alt
import pandas as pd
import streamlit as st

from components.charts import GREY, PARTY_RED
from components.i18n import current_lang, t
from components.loaders import cached
from models.queries.centres import REACH_KINDS

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


@cached
def _spec(name: str, frames: tuple[pd.DataFrame, ...], options: tuple, lang: str) -> dict:
    """A chart's Vega-Lite spec. Altair's encode and schema validation cost tens of milliseconds per
    chart on every rerun; the same data, options and language always give the same spec."""
    del lang  # part of the cache key only: t() reads the session's language
    builder = {"reach": reach_bars, "before_after": before_after}[name]
    spec = builder(*frames, **dict(options)).to_dict(validate=False)  # the builders are validated by the tests
    # Altair's default theme fixes the width at 300 px; st.altair_chart drops it, so do the same here.
    view = spec.get("config", {}).get("view", {})
    for size in ("continuousWidth", "continuousHeight"):
        view.pop(size, None)
    return spec


def show(name: str, *frames: pd.DataFrame, key: str, **options: object) -> None:
    """Render one of this module's charts (by builder name) from the cached spec."""
    st.vega_lite_chart(_spec(name, frames, tuple(sorted(options.items())), current_lang()), key=key)
