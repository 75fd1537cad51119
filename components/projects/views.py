"""Sections of the 项目认领 page: the status cards, projects by status per region below the area, the
claiming units (by type for everyone, by name for detail viewers), the project list with its export, and
the map. Each takes loaded data and draws; none reads the store."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from components.loaders.projects import Board, ProjectKpis
from components.projects import charts as project_charts
from components.ui import exports, vega
from components.ui.cards import Metric, fmt_int, metric_row
from components.ui.exports import Recorder
from components.ui.i18n import label, t
from models.vocab import PROJECT_NEEDS, PROJECT_STATUSES, PROJECT_UNIT_TYPES


def metrics(k: ProjectKpis) -> None:
    metric_row([
        Metric(t("projects.kpi_claimed"), fmt_int(k.claimed), help=t("projects.kpi_claimed_help")),
        Metric(t("projects.kpi_units"), fmt_int(k.units), help=t("projects.kpi_units_help")),
        Metric(t("projects.kpi_beneficiaries"), fmt_int(k.beneficiaries), help=t("projects.kpi_beneficiaries_help")),
        Metric(t("projects.kpi_published"), fmt_int(k.published), help=t("projects.kpi_published_help")),
    ], key="projects.metrics")
    metric_row([Metric(label("project_status", s), fmt_int(k.by_status[s]), help=t("projects.kpi_status_help"))
                for s in PROJECT_STATUSES], key="projects.status_metrics")


SUBAREA_COLUMNS = ("name", *PROJECT_STATUSES, "projects", "units", "beneficiaries")


def subarea_columns(level: str) -> dict[str, str]:
    named = {s: label("project_status", s) for s in PROJECT_STATUSES}
    return {c: t(f"vocab.region.{level}") if c == "name" else named.get(c) or t(f"projects.col_{c}")
            for c in SUBAREA_COLUMNS}


def by_subarea(board: Board, *, level: str, highlight: str | None, record: Recorder) -> None:
    st.subheader(t(f"projects.by_{level}"))
    df = board.by_subarea
    shown = df[df["projects"] > 0]
    if shown.empty:
        st.info(t("projects.list_empty"))
        return
    vega.show(project_charts.status_bars, shown, highlight=highlight, key="projects.status_chart")
    cols = subarea_columns(level)
    with st.expander(t("projects.subarea_table")):
        st.dataframe(df, hide_index=True, key="projects.subarea_table", column_order=list(SUBAREA_COLUMNS),
                     column_config=cols)
    exports.download_buttons(df, key="projects.subarea_export", file_stem=t("projects.file_subareas"), columns=cols,
                             record=record)


UNIT_COLUMNS = ("name", "unit_type", "projects", "done", "beneficiaries")


def units(board: Board, top: pd.DataFrame | None) -> None:
    """Claimed projects by unit type (every viewer); the units that claim most by name (`top`, detail only)."""
    left, right = st.columns(2)
    with left:
        st.subheader(t("projects.unit_types"))
        if int(board.unit_types["projects"].sum()) == 0:
            st.info(t("projects.top_units_empty"))
        else:
            vega.show(project_charts.unit_type_bars, board.unit_types, key="projects.unit_type_chart")
    with right:
        st.subheader(t("projects.top_units"))
        if top is None:
            st.info(t("projects.top_units_aggregate"))
        elif top.empty:
            st.info(t("projects.top_units_empty"))
        else:
            shown = top.assign(unit_type=[label("unit_type", u) for u in top["unit_type"]])
            st.dataframe(shown, hide_index=True, key="projects.top_units_table", column_order=list(UNIT_COLUMNS),
                         column_config={c: t(f"projects.col_{c}") for c in UNIT_COLUMNS})


LIST_COLUMNS = ("code", "title", "need", "community", "street", "unit", "unit_type", "status", "published_on",
                "claimed_on", "completed_on", "beneficiaries")


def list_frame(df: pd.DataFrame) -> pd.DataFrame:
    """The list as shown and exported: codes as labels, dates as YYYY-MM-DD, a missing unit or date reads "—"."""
    def labelled(group: str, codes: tuple[str, ...], col: str) -> pd.Series:
        return df[col].map({c: label(group, c) for c in codes}).fillna("—")

    def day(col: str) -> list[str]:  # SQLite and PostgreSQL both: a date or None (text on some drivers)
        return [str(d)[:10] if d is not None and d == d else "—" for d in df[col]]

    return df.assign(
        published_on=day("published_on"), claimed_on=day("claimed_on"), completed_on=day("completed_on"),
        need=labelled("need", PROJECT_NEEDS, "need"), unit=df["unit"].fillna("—"),
        unit_type=labelled("unit_type", PROJECT_UNIT_TYPES, "unit_type"),
        status=labelled("project_status", PROJECT_STATUSES, "status"),
    )


def list_columns() -> dict[str, str]:
    return {c: t(f"projects.col_{c}") for c in LIST_COLUMNS}


def status_choice() -> list[str]:
    """The statuses to list (a pill per status, all on by default)."""
    return st.pills(t("projects.status_filter"), PROJECT_STATUSES, selection_mode="multi", key="projects.status",
                    default=list(PROJECT_STATUSES), format_func=lambda s: label("project_status", s)) or []


def project_table(df: pd.DataFrame, *, rows_max: int, record: Recorder) -> None:
    st.subheader(t("projects.list_title", n=f"{len(df):,}"))
    shown = list_frame(df)
    cols = list_columns()
    st.dataframe(shown.head(rows_max), hide_index=True, key="projects.table", column_order=list(LIST_COLUMNS),
                 column_config=cols)
    exports.download_buttons(shown, key="projects.export", file_stem=t("projects.file_list"), columns=cols,
                             record=record)
