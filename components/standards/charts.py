"""Chart builders of 标准化考核: DataFrame in, alt.Chart out."""

from __future__ import annotations

import altair as alt
import pandas as pd

from components.ui.i18n import label, t
from models.standards import RESULTS

RESULT_COLOURS = ("#c0392b", "#f0b27a", "#7b241c", "#d5dbe1")  # 达标 整改中 未达标 待考核
BAR = "#c0392b"


def result_bars(df: pd.DataFrame, *, highlight: str | None = None) -> alt.Chart:
    """Regions as stacked bars of their communities by result, the highest 达标 share first."""
    order = df.sort_values(["share", "name"], ascending=[False, True], na_position="last")["name"].tolist()
    names = [label("standard", r) for r in RESULTS]
    long = df.melt(id_vars=["name", "share"], value_vars=list(RESULTS), var_name="result", value_name="n")
    long["result_label"] = [label("standard", r) for r in long["result"]]
    long["rank"] = [RESULTS.index(r) for r in long["result"]]
    long["region"] = [f"{n} ▸" if n == highlight else n for n in long["name"]]
    sort = [f"{n} ▸" if n == highlight else n for n in order]
    return alt.Chart(long).mark_bar().encode(
        y=alt.Y("region:N", sort=sort, title=None, axis=alt.Axis(labelLimit=160)),
        x=alt.X("n:Q", title=t("standards.axis_communities"), stack="zero", axis=alt.Axis(tickMinStep=1, format=",d")),
        color=alt.Color("result_label:N", sort=names, title=None,
                        scale=alt.Scale(domain=names, range=list(RESULT_COLOURS)), legend=alt.Legend(orient="top")),
        order=alt.Order("rank:Q"),
        tooltip=[alt.Tooltip("name:N", title=t("col.name")), alt.Tooltip("result_label:N", title=t("standards.col_result")),
                 alt.Tooltip("n:Q", title=t("standards.axis_communities"), format=","),
                 alt.Tooltip("share:Q", title=t("standards.col_share"), format=".1%")],
    ).properties(height=alt.Step(20))


def aspect_bars(df: pd.DataFrame) -> alt.Chart:
    """The six aspects by how many communities failed them, most failed first."""
    data = df.assign(name=[label("aspect", a) for a in df["aspect"]])
    base = alt.Chart(data).encode(
        y=alt.Y("name:N", sort=data["name"].tolist(), title=None),
        x=alt.X("failed:Q", title=t("standards.axis_failed"), axis=alt.Axis(tickMinStep=1, format=",d")),
        tooltip=[alt.Tooltip("name:N", title=t("standards.col_aspect")),
                 alt.Tooltip("indicator:N", title=t("standards.col_indicator")),
                 alt.Tooltip("failed:Q", title=t("standards.axis_failed"), format=",")],
    )
    text = base.mark_text(align="left", dx=4, fontSize=11, color="#333333").encode(text=alt.Text("failed:Q", format=",d"))
    return (base.mark_bar(color=BAR) + text).properties(height=alt.Step(28))


def share_trend(df: pd.DataFrame) -> alt.Chart:
    """The area's 达标 share year by year."""
    data = df.dropna(subset=["share"]).assign(y=lambda d: d["year"].astype(str))
    return alt.Chart(data).mark_line(point=True, color=BAR).encode(
        x=alt.X("y:O", title=t("standards.axis_year"), axis=alt.Axis(labelAngle=0)),
        y=alt.Y("share:Q", title=t("standards.col_share"), axis=alt.Axis(format="%"), scale=alt.Scale(domain=[0, 1])),
        tooltip=[alt.Tooltip("y:N", title=t("standards.axis_year")),
                 alt.Tooltip("share:Q", title=t("standards.col_share"), format=".1%"),
                 alt.Tooltip("passed:Q", title=label("standard", "passed"), format=",")],
    ).properties(height=200)
