"""Chart builders of the 项目认领 page: DataFrame in, alt.Chart out."""

from __future__ import annotations

import altair as alt
import pandas as pd

from components.ui.i18n import label, t
from models.vocab import PROJECT_STATUSES

# 待认领 light grey to 已完成 dark red, in vocab.PROJECT_STATUSES order
STATUS_COLOURS = ("#b8c0c9", "#f0b27a", "#d9534f", "#7b241c")


def status_colour(status: str) -> str:
    return dict(zip(PROJECT_STATUSES, STATUS_COLOURS, strict=True))[status]


def status_bars(df: pd.DataFrame, *, highlight: str | None = None) -> alt.Chart:
    """Regions (name, one count column per status) as stacked horizontal bars, most projects first."""
    order = df.sort_values(["projects", "name"], ascending=[False, True])["name"].tolist()
    names = [label("project_status", s) for s in PROJECT_STATUSES]
    long = df.melt(id_vars=["name"], value_vars=list(PROJECT_STATUSES), var_name="code", value_name="n")
    long["status"] = [label("project_status", c) for c in long["code"]]
    long["rank"] = [PROJECT_STATUSES.index(c) for c in long["code"]]
    long["mark"] = [1.0 if highlight is None or n == highlight else 0.55 for n in long["name"]]
    return alt.Chart(long).mark_bar().encode(
        y=alt.Y("name:N", sort=order, title=None, axis=alt.Axis(labelLimit=160)),
        x=alt.X("n:Q", stack="zero", title=t("projects.chart_projects"), axis=alt.Axis(format=",d", tickMinStep=1)),
        color=alt.Color("status:N", sort=names, title=t("projects.chart_status"),
                        scale=alt.Scale(domain=names, range=list(STATUS_COLOURS)), legend=alt.Legend(orient="top")),
        order=alt.Order("rank:Q"),
        opacity=alt.Opacity("mark:Q", legend=None, scale=None),
        tooltip=[alt.Tooltip("name:N", title=t("col.name")), alt.Tooltip("status:N", title=t("projects.chart_status")),
                 alt.Tooltip("n:Q", title=t("projects.chart_projects"), format=",")],
    ).properties(height=alt.Step(20))


def unit_type_bars(df: pd.DataFrame) -> alt.Chart:
    """Claimed projects by the type of unit that claimed them, with the number of units written beside."""
    data = df.assign(kind=[label("unit_type", u) for u in df["unit_type"]],
                     text=[t("projects.unit_type_text", projects=f"{p:,}", units=f"{u:,}")
                           for p, u in zip(df["projects"], df["units"], strict=True)])
    names = data["kind"].tolist()
    base = alt.Chart(data).encode(
        y=alt.Y("kind:N", sort=names, title=None),
        x=alt.X("projects:Q", title=t("projects.chart_projects"), axis=alt.Axis(format=",d", tickMinStep=1)),
        tooltip=[alt.Tooltip("kind:N", title=t("projects.col_unit_type")),
                 alt.Tooltip("units:Q", title=t("projects.col_units"), format=","),
                 alt.Tooltip("projects:Q", title=t("projects.col_projects"), format=","),
                 alt.Tooltip("beneficiaries:Q", title=t("projects.col_beneficiaries"), format=",")],
    )
    text = base.mark_text(align="left", dx=4, fontSize=11, color="#333333").encode(text="text:N")
    return (base.mark_bar(color="#c0392b") + text).properties(height=alt.Step(28))
