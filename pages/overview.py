"""总览: headline figures for the filtered area and year, with year-over-year deltas."""

from __future__ import annotations

import streamlit as st

from components import loaders
from components.shell import auth, filters
from components.ui import cards, charts
from components.loaders import overview as overview_loaders
from components.ui.cards import Metric, fmt_int, fmt_int_delta, fmt_pct, fmt_pp_delta
from components.ui.i18n import t

f = filters.current()
scope = auth.current_scope()
data = overview_loaders.overview_data(scope, f.area, f.year)
info = loaders.dataset_info()

st.title(t("overview.title"))
st.caption(t("overview.caption", area=f.area_label(), year=f.year))
cards.demo_note(info)

centres = data.centres.set_index("tier")
total_now, total_before = int(centres["now"].sum()), int(centres["before"].sum())
orgs_now, orgs_before = int(data.categories["now"].sum()), int(data.categories["before"].sum())
n_tiers = int(centres.loc[["street", "community", "park", "market", "tower"], "now"].sum())
cards.metric_row(
    [
        Metric(t("overview.centres_total"), fmt_int(total_now), fmt_int_delta(total_now - total_before),
               help=t("overview.centres_tiers", city=int(centres.at["city", "now"]),
                      district=int(centres.at["district", "now"]), n=n_tiers)),
        Metric(t("overview.orgs"), fmt_int(orgs_now), fmt_int_delta(orgs_now - orgs_before)),
        Metric(t("overview.members"), fmt_int(data.members.now), fmt_int_delta(data.members.delta)),
        Metric(t("overview.tower_rate"), fmt_pct(data.towers.now) if data.towers.now is not None
               else t("overview.no_towers"), fmt_pp_delta(data.towers.delta)),
        Metric(t("overview.a_share"), fmt_pct(data.a_share.now), fmt_pp_delta(data.a_share.delta)),
    ],
    key="overview.metrics",
)

left, right = st.columns(2)
with left:
    st.subheader(t("overview.by_tier"))
    st.altair_chart(charts.tier_bars(data.centres), key="overview.tiers")
with right:
    st.subheader(t("overview.by_category"))
    st.altair_chart(charts.category_bars(data.categories), key="overview.categories")

st.subheader(t("overview.ranking_district") if f.district is None else t("overview.ranking_street"))
if data.ranking.empty:
    st.info(t("overview.empty"))
else:
    st.altair_chart(
        charts.share_bars(data.ranking, value="a_share", title=t("col.a_share"), highlight=f.street),
        key="overview.ranking_chart",
    )
    st.dataframe(
        data.ranking,
        key="overview.ranking",
        hide_index=True,
        column_order=["name", "centres", "orgs", "members", "towers", "tower_rate", "a_share"],
        column_config={
            "name": t("col.name"),
            "centres": st.column_config.NumberColumn(t("col.centres"), format="localized"),
            "orgs": st.column_config.NumberColumn(t("col.orgs"), format="localized"),
            "members": st.column_config.NumberColumn(t("col.members"), format="localized"),
            "towers": st.column_config.NumberColumn(t("col.towers")),
            "tower_rate": st.column_config.ProgressColumn(t("col.tower_rate"), format="percent", min_value=0, max_value=1),
            "a_share": st.column_config.ProgressColumn(t("col.a_share"), format="percent", min_value=0, max_value=1),
        },
    )
