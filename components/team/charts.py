"""Chart builders of the team page (队伍建设): DataFrame in, alt.Chart out."""

from __future__ import annotations

import altair as alt
import pandas as pd

from components.ui.i18n import label, t
from models.vocab import EDUCATION_LEVELS

BAR = "#c0392b"
NEUTRAL = "#9aa5b1"
EDU_COLOURS = ("#d5dbe1", "#f0b27a", "#c0392b", "#7b241c")  # high school … master, light to dark


def education_bars(education: dict[str, int]) -> alt.Chart:
    """Secretaries by education, one bar each, with the count and share written beside it."""
    total = sum(education.values()) or 1
    names = [label("edu", e) for e in EDUCATION_LEVELS]
    data = pd.DataFrame([{"edu": label("edu", e), "n": education.get(e, 0)} for e in EDUCATION_LEVELS])
    data["share"] = data["n"] / total
    data["text"] = [f"{n:,} · {s:.0%}" for n, s in zip(data["n"], data["share"], strict=True)]
    base = alt.Chart(data).encode(
        y=alt.Y("edu:N", sort=names, title=None),
        x=alt.X("n:Q", title=t("team.axis_secretaries"), axis=alt.Axis(tickMinStep=1, format=",d")),
        tooltip=[alt.Tooltip("edu:N", title=t("team.col_education")), alt.Tooltip("n:Q", title=t("col.count"), format=","),
                 alt.Tooltip("share:Q", title=t("team.axis_share"), format=".1%")],
    )
    bars = base.mark_bar().encode(color=alt.Color("edu:N", sort=names, legend=None,
                                                  scale=alt.Scale(domain=names, range=list(EDU_COLOURS))))
    text = base.mark_text(align="left", dx=4, fontSize=11, color="#333333").encode(text="text:N")
    return (bars + text).properties(height=alt.Step(30))


def age_histogram(ages: pd.DataFrame) -> alt.Chart:
    """Secretaries by five-year age group."""
    data = ages.assign(group=[f"{a}–{a + 4}" for a in ages["age"]])
    return alt.Chart(data).mark_bar(color=BAR).encode(
        x=alt.X("group:O", sort=data["group"].tolist(), title=t("team.axis_age"), axis=alt.Axis(labelAngle=0)),
        y=alt.Y("n:Q", title=t("team.axis_secretaries")),
        tooltip=[alt.Tooltip("group:N", title=t("team.axis_age")), alt.Tooltip("n:Q", title=t("col.count"), format=",")],
    ).properties(height=220)


def region_bars(df: pd.DataFrame, *, value: str, title: str, share: bool = False, highlight: str | None = None
                ) -> alt.Chart:
    """Regions (name, `value`) best first; `highlight` (a street among its neighbours) drawn darker."""
    data = df[["name", value]].dropna().sort_values(value, ascending=False).reset_index(drop=True)
    data["mark"] = ["this" if n == highlight else "other" for n in data["name"]]
    data["text"] = [f"{v:.0%}" if share else f"{v:,.0f}" for v in data[value]]
    base = alt.Chart(data).encode(
        y=alt.Y("name:N", sort=data["name"].tolist(), title=None, axis=alt.Axis(labelLimit=160)),
        x=alt.X(f"{value}:Q", title=title, axis=alt.Axis(format="%") if share else alt.Axis(format=",.0f")),
        tooltip=[alt.Tooltip("name:N", title=t("col.name")),
                 alt.Tooltip(f"{value}:Q", title=title, format=".1%" if share else ",.0f")],
    )
    bars = base.mark_bar().encode(color=alt.Color("mark:N", scale=alt.Scale(domain=["this", "other"],
                                                                           range=["#7b241c", BAR]), legend=None))
    text = base.mark_text(align="left", dx=4, fontSize=11, color="#333333").encode(text="text:N")
    return (bars + text).properties(height=alt.Step(20))


def volunteer_trend(df: pd.DataFrame) -> alt.Chart:
    """Registered volunteers per year (bars)."""
    return alt.Chart(df).mark_bar(color=BAR).encode(
        x=alt.X("year:O", title=None, axis=alt.Axis(labelAngle=0)),
        y=alt.Y("volunteers:Q", title=t("team.col_volunteers"), axis=alt.Axis(format=",.0f")),
        tooltip=[alt.Tooltip("year:O", title=t("col.year")),
                 alt.Tooltip("volunteers:Q", title=t("team.col_volunteers"), format=","),
                 alt.Tooltip("service_hours:Q", title=t("team.col_service_hours"), format=",.0f")],
    ).properties(height=220)
