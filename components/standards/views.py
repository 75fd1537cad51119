"""Sections of 标准化考核: the headline figures, the regions compared (chart, map, table), the aspects
failed most and the community list. Each takes loaded data and draws; none reads the store."""

from __future__ import annotations

import pandas as pd
import streamlit as st
from streamlit_folium import st_folium

from components.loaders.standards import StandardsData
from components.standards import charts, map as standards_map
from components.ui import exports, vega
from components.ui.cards import Metric, fmt_int, fmt_pct, metric_row
from components.ui.exports import Recorder
from components.ui.i18n import label, t
from models.standards import ASPECT_COLUMNS, RESULTS


def metrics(data: StandardsData) -> None:
    k = data.kpis
    metric_row([
        Metric(t("standards.kpi_share"), fmt_pct(k.share), help=t("standards.kpi_share_help")),
        *(Metric(label("standard", r), fmt_int(k.counts[r]), help=t(f"standards.kpi_{r}_help")) for r in RESULTS),
    ], key="standards.metrics")
    st.caption(t("standards.line", n=fmt_int(k.communities), passed=fmt_int(k.counts["passed"]),
                 rectifying=fmt_int(k.counts["rectifying"]), failed=fmt_int(k.counts["failed"]),
                 pending=fmt_int(k.counts["pending"])))


REGION_COLUMNS = ("name", "communities", *RESULTS, "share")


def regions(data: StandardsData, *, level: str, district: str | None, street: str | None, streets: tuple,
            record: Recorder) -> None:
    df = data.by_region
    st.subheader(t(f"standards.by_{level}"))
    if df.empty or not df["communities"].any():
        st.info(t("standards.empty"))
        return
    left, right = st.columns([3, 2], gap="medium")
    with left:
        m = standards_map.build(df, district=district, street=street, streets=streets)
        st_folium(m, key=standards_map.MAP_KEY, height=420, use_container_width=True, returned_objects=[])
        st.caption(t("standards.map.hint"))
    with right:
        vega.show(charts.result_bars, df, highlight=street, key="standards.result_chart")
    cols = {c: t(f"vocab.region.{level}") if c == "name" else
            (label("standard", c) if c in RESULTS else t(f"standards.col_{c}")) for c in REGION_COLUMNS}
    st.dataframe(df, hide_index=True, key="standards.region_table", column_order=list(REGION_COLUMNS),
                 column_config={**cols, "share": st.column_config.NumberColumn(cols["share"], format="percent")})
    exports.download_buttons(df[list(REGION_COLUMNS)], key="standards.region_export",
                             file_stem=t("standards.file_regions"), columns=cols, record=record)


def aspects_and_trend(data: StandardsData) -> None:
    left, right = st.columns(2)
    with left:
        st.subheader(t("standards.aspects_title"))
        if not data.aspects["failed"].any():
            st.info(t("standards.aspects_none"))
        else:
            vega.show(charts.aspect_bars, data.aspects, key="standards.aspect_chart")
            st.caption(t("standards.aspects_note"))
    with right:
        st.subheader(t("standards.trend_title"))
        if data.trend["share"].notna().sum() == 0:
            st.info(t("standards.empty"))
        else:
            vega.show(charts.share_trend, data.trend, key="standards.trend_chart")


LIST_COLUMNS = ("community", "street", "result", "failed_aspects", "checked_on", "note")


def failed_text(row: pd.Series) -> str:
    names = [label("aspect", a) for a, c in ASPECT_COLUMNS.items() if bool(row[c])]
    return "、".join(names) if names else "—"


def community_table(df: pd.DataFrame, *, record: Recorder) -> None:
    """Single communities with their result and failed aspects (detail roles only)."""
    st.subheader(t("standards.list_title"))
    if df.empty:
        st.info(t("standards.list_empty"))
        return
    shown = df.assign(result=[label("standard", r) for r in df["result"]],
                      failed_aspects=[failed_text(r) for _, r in df.iterrows()],
                      checked_on=[str(d) if d is not None and d == d else "—" for d in df["checked_on"]],
                      note=[n or "—" for n in df["note"]])
    cols = {c: t(f"standards.col_{c}") for c in LIST_COLUMNS}
    st.dataframe(shown, hide_index=True, key="standards.community_table", column_order=list(LIST_COLUMNS),
                 column_config=cols)
    exports.download_buttons(shown[list(LIST_COLUMNS)], key="standards.community_export",
                             file_stem=t("standards.file_communities"), columns=cols, record=record)
