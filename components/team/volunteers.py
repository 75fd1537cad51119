"""The 志愿服务与同乡村 tab of the team page: volunteers, service hours and 爱心银行 points per region and year,
and the 同乡村 organisations with their hometown, street and reach. Given data, never fetching it."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from components.loaders.team import VolunteerData
from components.team import charts as team_charts
from components.ui.cells import any_marked, int_text, mark_text, marked
from components.ui import exports, vega
from components.ui.cards import Metric, fmt_int, fmt_int_delta, metric_row
from components.ui.exports import Recorder
from components.ui.i18n import t


def _total(series: pd.Series) -> int | None:
    values = series.dropna()
    return None if values.empty else int(values.sum())


def metrics(data: VolunteerData, *, highlight: str | None) -> None:
    """Totals of the area: the highlighted street's own figures when the area is a street."""
    rows = data.by_region if highlight is None else data.by_region[data.by_region["name"] == highlight]
    now, prev = _total(rows["volunteers"]), _total(rows["prev_volunteers"])
    if highlight is None:  # the area's own totals (withheld under 3 organisations: models.access)
        n_orgs, n_reach = data.hometown_total
        orgs_text, reach_text = (fmt_int(n_orgs), fmt_int(n_reach)) if n_orgs is not None else (t("scope.small"),) * 2
    else:
        row = data.hometown[data.hometown["name"] == highlight]
        if any_marked(row, "small"):
            orgs_text, reach_text = (mark_text(row["small_mark"].iloc[0]),) * 2
        else:
            orgs_text, reach_text = fmt_int(_total(row["organisations"]) or 0), fmt_int(_total(row["reach"]) or 0)
    metric_row([
        Metric(t("team.kpi_volunteers"), fmt_int(now), fmt_int_delta(None if prev is None or now is None else now - prev)),
        Metric(t("team.kpi_service_hours"), fmt_int(_total(rows["service_hours"]))),
        Metric(t("team.kpi_love_bank"), fmt_int(_total(rows["love_bank_points"])), help=t("team.kpi_love_bank_help")),
        Metric(t("team.kpi_hometown"), orgs_text),
        Metric(t("team.kpi_reach"), reach_text, help=t("team.kpi_reach_help")),
    ], key="team.volunteer_metrics")


VOLUNTEER_COLUMNS = ("name", "volunteers", "prev_volunteers", "service_hours", "love_bank_points")


def volunteers(data: VolunteerData, *, level: str, highlight: str | None, record: Recorder) -> None:
    left, right = st.columns(2)
    with left:
        st.subheader(t(f"team.volunteers_by_{level}"))
        if int(data.by_region["volunteers"].sum()) == 0:
            st.info(t("team.volunteers_empty"))
        else:
            vega.show(team_charts.region_bars, data.by_region, value="volunteers", title=t("team.col_volunteers"),
                      highlight=highlight, key="team.volunteer_chart")
    with right:
        st.subheader(t("team.volunteer_trend"))
        if data.trend.empty:
            st.info(t("team.volunteers_empty"))
        else:
            vega.show(team_charts.volunteer_trend, data.trend, key="team.volunteer_trend_chart")
    cols = {c: t(f"vocab.region.{level}") if c == "name" else t(f"team.col_{c}") for c in VOLUNTEER_COLUMNS}
    table = volunteer_frame(data.by_region)
    st.dataframe(table, hide_index=True, key="team.volunteer_table", column_order=list(VOLUNTEER_COLUMNS),
                 column_config=cols)
    exports.download_buttons(table, key="team.volunteer_export", file_stem=t("team.file_volunteers"),
                             columns=cols, record=record)


def volunteer_frame(df: pd.DataFrame) -> pd.DataFrame:
    """The table as shown and exported: a street without 爱心银行 (or a year without a predecessor) reads "—"."""
    return df.assign(**{c: [fmt_int(None if pd.isna(v) else v) for v in df[c]]
                        for c in ("volunteers", "prev_volunteers", "service_hours", "love_bank_points")})


HOMETOWN_COLUMNS = ("name", "hometown", "district", "street", "members", "reach", "code")


def hometown(data: VolunteerData, listing: pd.DataFrame | None, *, level: str, record: Recorder) -> None:
    """Totals per region for everyone; the organisations themselves for the viewer's detail area (`listing`)."""
    st.subheader(t("team.hometown_title"))
    if data.hometown.empty:
        st.info(t("team.hometown_empty"))
        return
    cols = {"name": t(f"vocab.region.{level}"), "organisations": t("team.col_organisations"),
            "members": t("team.col_members"), "reach": t("team.col_reach")}
    regions = marked(data.hometown, {c: ("small", int_text) for c in ("organisations", "members", "reach")})
    st.dataframe(regions, hide_index=True, key="team.hometown_regions", column_order=list(cols), column_config=cols)
    if any_marked(regions, "small"):
        st.caption(t("scope.small_note"))
    if listing is None:
        return
    if listing.empty:
        st.info(t("team.hometown_list_empty"))
        return
    list_cols = {c: t(f"team.col_hometown_{c}") for c in HOMETOWN_COLUMNS}
    st.dataframe(listing, hide_index=True, key="team.hometown_table", column_order=list(HOMETOWN_COLUMNS),
                 column_config=list_cols)
    exports.download_buttons(listing, key="team.hometown_export", file_stem=t("team.file_hometown"), columns=list_cols,
                             record=record)
