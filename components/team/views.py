"""Sections of the team page (队伍建设): the tabs, and the 书记队伍 tab (education mix, average age, tenure,
staffing completeness, vacancies). Each takes loaded data and draws; none reads the store."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from components.loaders.team import SecretaryData
from components.shell import params
from components.team import charts as team_charts
from components.ui import exports, vega
from components.ui.cells import any_marked, int_text, marked, pct_text
from components.ui.cards import Metric, fmt_int, fmt_pct, metric_row
from components.ui.exports import Recorder
from components.ui.i18n import LANGS, label, t
from models.rules import share

TAB_KEY = "team.tab"
TABS = ("secretaries", "volunteers")
TAB = params.Coded(TAB_KEY, TABS, TABS[0], lambda name, lang: t(f"team.tab_{name}", lang),
                   state=lambda name: t(f"team.tab_{name}"))


def tab_labels() -> list[str]:
    """Tab labels in the session's language; the URL's `team.tab` (a tab's code) opens that tab."""
    problem = params.take(TAB)
    if problem:
        st.warning(problem)
    current = st.session_state.get(TAB_KEY)
    for name in TABS:
        if current in {t(f"team.tab_{name}", lang) for lang in LANGS}:
            st.session_state[TAB_KEY] = t(f"team.tab_{name}")
    return [t(f"team.tab_{name}") for name in TABS]


def keep_tab(open_name: str | None) -> None:
    params.put(TAB, open_name)


def _years(x: float | None) -> str:
    return "—" if x is None else t("team.years", n=f"{x:.1f}")


def secretary_metrics(data: SecretaryData) -> None:
    k = data.kpis
    if k.small:
        _small_metrics(data)
        return
    metric_row([
        Metric(t("team.kpi_secretaries"), fmt_int(k.secretaries), help=t("team.kpi_secretaries_help")),
        Metric(t("team.kpi_average_age"), "—" if k.average_age is None else f"{k.average_age:.1f}",
               help=t("team.kpi_average_age_help")),
        Metric(t("team.kpi_college"), fmt_pct(share(k.college_or_above, k.secretaries)),
               help=t("team.kpi_college_help", n=fmt_int(k.college_or_above), bachelor=fmt_int(k.education["bachelor"]),
                      master=fmt_int(k.education["master"]))),
        Metric(t("team.kpi_tenure"), _years(k.average_tenure), help=t("team.kpi_tenure_help", n=fmt_int(k.over_two_terms))),
        Metric(t("team.kpi_staffed"), fmt_pct(share(k.fully_staffed, k.committees)),
               help=t("team.kpi_staffed_help", full=fmt_int(k.fully_staffed), n=fmt_int(k.committees),
                      deputy=fmt_int(k.deputies), organiser=fmt_int(k.organisers))),
    ], key="team.secretary_metrics")
    st.caption(t("team.education_line", n=fmt_int(k.secretaries), college=fmt_int(k.college_or_above),
                 bachelor=fmt_int(k.education["bachelor"]), master=fmt_int(k.education["master"]),
                 age="—" if k.average_age is None else f"{k.average_age:.1f}"))
    if k.vacant:
        st.warning(t("team.vacant", n=fmt_int(k.vacant)))


def _small_metrics(data: SecretaryData) -> None:
    """The KPI row when figures are withheld for the viewer (models.access): the marker instead of them."""
    k, small = data.kpis, t("scope.small")
    sec, com = "secretaries" in k.small, "committees" in k.small
    metric_row([
        Metric(t("team.kpi_secretaries"), small if sec else fmt_int(k.secretaries), help=t("team.kpi_secretaries_help")),
        Metric(t("team.kpi_average_age"), small if sec or k.average_age is None else f"{k.average_age:.1f}"),
        Metric(t("team.kpi_college"), small if sec else fmt_pct(share(k.college_or_above, k.secretaries))),
        Metric(t("team.kpi_tenure"), small if sec else _years(k.average_tenure)),
        Metric(t("team.kpi_staffed"), small if com else fmt_pct(share(k.fully_staffed, k.committees))),
    ], key="team.secretary_metrics")
    st.caption(t("scope.small_note"))
    if k.vacant and not com:
        st.warning(t("team.vacant", n=fmt_int(k.vacant)))


def secretary_charts(data: SecretaryData) -> None:
    if "secretaries" in data.kpis.small:  # the education mix and ages of fewer than 3 secretaries
        return
    left, right = st.columns(2)
    with left:
        st.subheader(t("team.education_title"))
        vega.show(team_charts.education_bars, data.kpis.education, key="team.education_chart")
    with right:
        st.subheader(t("team.age_title"))
        if data.ages.empty:
            st.info(t("team.empty"))
        else:
            vega.show(team_charts.age_histogram, data.ages, key="team.age_chart")


REGION_COLUMNS = ("name", "secretaries", "average_age", "college_or_above", "bachelor", "master", "average_tenure",
                  "committees", "fully_staffed", "staffed_share", "vacant")


def region_columns(level: str) -> dict[str, str]:
    return {c: t(f"vocab.region.{level}") if c == "name" else t(f"team.col_{c}") for c in REGION_COLUMNS}


def region_table(df: pd.DataFrame, *, level: str, highlight: str | None, record: Recorder) -> None:
    st.subheader(t(f"team.by_{level}"))
    if df.empty:
        st.info(t("team.empty"))
        return
    vega.show(team_charts.region_bars, df, value="staffed_share", title=t("team.col_staffed_share"), share=True,
              highlight=highlight, key="team.staffed_chart")
    cols = region_columns(level)
    flags = ("secretaries_small", "committees_small")
    if any_marked(df, *flags):  # withheld for the viewer (models.access): the marker in table and export
        one = f"{{:.1f}}".format
        df = marked(df.assign(staffed_share=df["staffed_share"] * 100), {
            "secretaries": ("secretaries_small", int_text), "average_age": ("secretaries_small", one),
            **{c: ("secretaries_small", int_text) for c in ("college_or_above", "bachelor", "master")},
            "average_tenure": ("secretaries_small", one), "committees": ("committees_small", int_text),
            "fully_staffed": ("committees_small", int_text), "vacant": ("committees_small", int_text),
            "staffed_share": ("committees_small", pct_text)})
        st.dataframe(df, hide_index=True, key="team.region_table", column_order=list(REGION_COLUMNS), column_config=cols)
        st.caption(t("scope.small_note"))
    else:
        st.dataframe(df, hide_index=True, key="team.region_table", column_order=list(REGION_COLUMNS),
                     column_config={**cols, "staffed_share": st.column_config.NumberColumn(cols["staffed_share"],
                                                                                            format="percent")})
    exports.download_buttons(df[list(REGION_COLUMNS)], key="team.region_export", file_stem=t("team.file_secretaries"),
                             columns=cols, record=record)


LIST_COLUMNS = ("committee", "street", "name", "age", "education", "tenure_start", "terms_served", "deputy", "organiser")


def secretary_table(df: pd.DataFrame, *, record: Recorder) -> None:
    """Single secretaries (detail roles only: the page asks for this list only for them)."""
    st.subheader(t("team.list_title"))
    if df.empty:
        st.info(t("team.list_empty"))
        return
    shown = df.assign(education=[label("edu", e) for e in df["education"]],
                      deputy=[t("team.yes") if v else t("team.no") for v in df["deputy"].fillna(False)],
                      organiser=[t("team.yes") if v else t("team.no") for v in df["organiser"].fillna(False)])
    order = [c for c in LIST_COLUMNS if c != "name" or shown["name"].notna().any()]  # names only where a register has them
    cols = {c: t(f"team.col_{c}") for c in order}
    st.dataframe(shown, hide_index=True, key="team.secretary_table", column_order=order, column_config=cols)
    exports.download_buttons(shown, key="team.secretary_export", file_stem=t("team.file_secretary_list"), columns=cols,
                             record=record)
