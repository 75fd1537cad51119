"""总览: headline figures for the filtered area and year, with year-over-year deltas."""

from __future__ import annotations

import streamlit as st

from components import loaders
from components.loaders import overview as overview_loaders
from components.overview import views
from components.shell import view as shell_view
from components.ui import cards, charts
from components.ui.i18n import t

v = shell_view.current("overview")
data = overview_loaders.overview_data(v.scope, v.area, v.year)
info = loaders.dataset_info()

st.title(t("overview.title"))
st.caption(t("overview.caption", area=v.area_label(), year=v.year))
cards.demo_note(info)
cards.metric_row(views.metrics(data), key="overview.metrics")

left, right = st.columns(2)
with left:
    st.subheader(t("overview.by_tier"))
    st.altair_chart(charts.tier_bars(data.centres), key="overview.tiers")
with right:
    st.subheader(t("overview.by_category"))
    st.altair_chart(charts.category_bars(data.categories), key="overview.categories")

st.subheader(t("overview.ranking_district") if v.district is None else t("overview.ranking_street"))
if data.ranking.empty:
    st.info(t("overview.empty"))
else:
    st.altair_chart(
        charts.share_bars(data.ranking, value="a_share", title=t("col.a_share"), highlight=v.street),
        key="overview.ranking_chart",
    )
    views.ranking_table(data.ranking, key="overview.ranking")
