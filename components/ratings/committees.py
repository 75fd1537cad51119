"""The 区属党(工)委 ranking tab of 支部评级 (issue 20 §4, seed 004): street 党工委 and district 直属机关工委 ranked
per district and year by the 40:40:20 composite (models/grading.py), with the three panels' scores, the
change on last year and the ranking's history. Given data, never fetching it."""

from __future__ import annotations

import altair as alt
import pandas as pd
import streamlit as st

from components.ui import exports, vega
from components.ui.exports import Recorder
from components.ui.i18n import t
from models import grading, team_rules
from models.rating_rules import SCORE_FIELDS

PANEL_COLOURS = ("#7b241c", "#c0392b", "#f0b27a")  # standing committee, organisation department, social panel


def component_bars(df: pd.DataFrame) -> alt.Chart:
    """Each committee's composite as the sum of its three weighted panel scores, best first."""
    order = df.sort_values(["rank", "name"])["name"].tolist()
    panels = [t(f"ratings.committee_panel_{f}") for f in SCORE_FIELDS]
    rows = [{"name": n, "panel": p, "points": round(w * s, 2), "score": s, "i": i, "rank": r}
            for n, r, *scores in df[["name", "rank", *SCORE_FIELDS]].itertuples(index=False)
            for i, (p, w, s) in enumerate(zip(panels, grading.WEIGHTS, scores, strict=True))]
    return alt.Chart(pd.DataFrame(rows)).mark_bar().encode(
        y=alt.Y("name:N", sort=order, title=None, axis=alt.Axis(labelLimit=180)),
        x=alt.X("points:Q", stack="zero", title=t("ratings.col_composite")),
        color=alt.Color("panel:N", sort=panels, scale=alt.Scale(domain=panels, range=list(PANEL_COLOURS)),
                        legend=alt.Legend(title=None, orient="top")),
        order=alt.Order("i:Q"),
        tooltip=[alt.Tooltip("name:N", title=t("col.name")), alt.Tooltip("rank:Q", title=t("ratings.committee_col_rank")),
                 alt.Tooltip("panel:N", title=t("ratings.committee_col_panel")),
                 alt.Tooltip("score:Q", title=t("ratings.committee_col_score"), format=".1f"),
                 alt.Tooltip("points:Q", title=t("ratings.committee_col_points"), format=".1f")],
    ).properties(height=alt.Step(20))


def history_chart(df: pd.DataFrame) -> alt.Chart:
    """Rank per year of every committee of one district (1 at the top)."""
    return alt.Chart(df).mark_line(point=True).encode(
        x=alt.X("year:O", title=None, axis=alt.Axis(labelAngle=0)),
        y=alt.Y("rank:Q", scale=alt.Scale(reverse=True, domainMin=1), title=t("ratings.committee_col_rank"),
                axis=alt.Axis(tickMinStep=1, format="d")),
        color=alt.Color("name:N", title=None, legend=alt.Legend(orient="right", labelLimit=160, symbolLimit=0)),
        tooltip=[alt.Tooltip("name:N", title=t("col.name")), alt.Tooltip("year:O", title=t("col.year")),
                 alt.Tooltip("rank:Q", title=t("ratings.committee_col_rank")),
                 alt.Tooltip("composite:Q", title=t("ratings.col_composite"), format=".1f")],
    ).properties(height=max(300, 22 * df["name"].nunique()))


COLUMNS = ("rank", "name", "district", "composite", "score_committee", "score_department", "score_social",
           "prev_rank", "change", "composite_change", "funded")


def _change(delta: object) -> str:
    if pd.isna(delta):
        return t("ratings.committee_new")
    d = int(delta)
    return t("ratings.committee_up", n=d) if d > 0 else t("ratings.committee_down", n=-d) if d < 0 else t("ratings.committee_same")


def table_frame(df: pd.DataFrame) -> pd.DataFrame:
    """The ranking with its changes in words (shown and exported alike)."""
    return df.assign(change=[_change(d) for d in df["rank_change"]],
                     prev_rank=["—" if pd.isna(r) else str(int(r)) for r in df["prev_rank"]],
                     composite_change=["—" if pd.isna(c) else f"{c:+.1f}" for c in df["composite_change"]],
                     funded=[t("ratings.yes") if f else "" for f in df["funded"]])


def columns() -> dict[str, str]:
    return {c: t(f"ratings.committee_col_{c}") for c in COLUMNS}


def ranking(df: pd.DataFrame, history: pd.DataFrame | None, *, year: int, area: str, record: Recorder) -> None:
    """The ranking of one district (a chart of the weighted panels, a table, the history), or of every
    district when the whole city is selected (a table; the charts need one district)."""
    st.subheader(t("ratings.committee_title", year=year))
    w1, w2, w3 = (f"{w:.0%}" for w in grading.WEIGHTS)
    st.caption(t("ratings.committee_note", w1=w1, w2=w2, w3=w3, top=team_rules.FUNDED_TOP))
    if df.empty:
        st.info(t("ratings.committee_empty", area=area, year=year))
        return
    table = table_frame(df)
    if history is not None:
        vega.show(component_bars, df, key="ratings.committee_chart")
    else:
        st.caption(t("ratings.committee_pick_district"))
    cols = columns()
    st.dataframe(table, hide_index=True, key="ratings.committee_table", column_order=list(COLUMNS), column_config=cols)
    exports.download_buttons(table, key="ratings.committee_export", file_stem=t("ratings.committee_file"), columns=cols,
                             record=record)
    if history is not None and history["year"].nunique() > 1:
        st.subheader(t("ratings.committee_history"))
        vega.show(history_chart, history, key="ratings.committee_history_chart")
