"""Charts of 阵地地图: reach per district or street, and reach before and after the suggested sites."""

from __future__ import annotations

import altair as alt
import pandas as pd
import streamlit as st
from streamlit.dataframe_util import convert_anything_to_arrow_bytes

from components.shell import auth
from components.ui.charts import GREY, PARTY_RED
from components.ui.i18n import current_lang, t
from components.loaders import cached
from components.loaders import centres as cl
from models.queries.centres import REACH_KINDS
from models.access import Scope
from models.queries.common import Area

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


def _spec(chart: alt.Chart) -> dict:
    """The chart as Streamlit sends it, built once: data as Arrow bytes, no fixed 300 px width."""
    spec = chart.to_dict(validate=False)  # the builders are validated by the tests
    view = spec.get("config", {}).get("view", {})
    for size in ("continuousWidth", "continuousHeight"):  # Altair's default theme; st.altair_chart drops it too
        view.pop(size, None)
    spec["datasets"] = {name: convert_anything_to_arrow_bytes(pd.DataFrame(rows))
                        for name, rows in spec.get("datasets", {}).items()}
    return spec


# Altair's encode, schema validation and data conversion cost tens of milliseconds per chart on every
# rerun; keyed by the filter (not by the data frames, whose hashing is itself slow) they are built once.
@cached
def _reach_spec(scope: Scope, area: Area, year: int, tiers: tuple[str, ...], radius_m: int, level: str,
                highlight: str | None, lang: str) -> dict:
    del lang  # part of the cache key only: t() reads the session's language
    return _spec(reach_bars(cl.coverage_table(scope, area, year, tiers, radius_m, level), highlight=highlight))


@cached
def _before_after_spec(scope: Scope, area: Area, year: int, tiers: tuple[str, ...], radius_m: int, k: int,
                       lang: str) -> dict:
    del lang
    plan = cl.suggestion(scope, area, year, tiers, radius_m, k)
    return _spec(before_after(plan.before, plan.after))


def show_reach(area: Area, year: int, tiers: tuple[str, ...], radius_m: int, level: str, *,
               highlight: str | None, key: str) -> None:
    spec = _reach_spec(auth.current_scope(), area, year, tiers, radius_m, level, highlight, current_lang())
    st.vega_lite_chart(spec, key=key)


def show_before_after(area: Area, year: int, tiers: tuple[str, ...], radius_m: int, k: int, *, key: str) -> None:
    spec = _before_after_spec(auth.current_scope(), area, year, tiers, radius_m, k, current_lang())
    st.vega_lite_chart(spec, key=key)
