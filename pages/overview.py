"""总览: headline figures for the filtered area and year, with year-over-year deltas."""

from __future__ import annotations

import streamlit as st

from components import loaders
from components.loaders import overview as overview_loaders
from components.loaders import present as present_loaders
from components.overview import views
from components.shell import view as shell_view
from components.ui import cards, chart_png, charts
from components.ui.i18n import t

v = shell_view.current("overview")
data = overview_loaders.overview_data(v.scope, v.area, v.year)
info = loaders.dataset_info()

st.title(t("overview.title"))
st.caption(t("overview.caption", area=v.area_label(), year=v.year))
cards.demo_note(info)
cards.metric_row(views.metrics(data), key="overview.metrics")


def written_briefing():
    """The briefing's figures, read only when the user asks for it."""
    return present_loaders.written(v.scope, v.area, v.year, label=v.area_name(),
                                   parent=v.district if v.street else None)


views.written_briefing(v.filters, v.scope, v.record, written_briefing)

left, right = st.columns(2)
with left:
    st.subheader(t("overview.by_tier"))
    tiers = charts.tier_bars(data.centres)
    st.altair_chart(tiers, key="overview.tiers")
    chart_png.button(tiers, title=t("overview.by_tier"), key="overview.tiers", record=v.record)
with right:
    st.subheader(t("overview.by_category"))
    categories = charts.category_bars(data.categories)
    st.altair_chart(categories, key="overview.categories")
    chart_png.button(categories, title=t("overview.by_category"), key="overview.categories", record=v.record)

ranking_title = t("overview.ranking_district") if v.district is None else t("overview.ranking_street")
st.subheader(ranking_title)
if data.ranking.empty:
    st.info(t("overview.empty"))
else:
    ranking = charts.share_bars(data.ranking, value="a_share", title=t("col.a_share"), highlight=v.street)
    st.altair_chart(ranking, key="overview.ranking_chart")
    chart_png.button(ranking, title=f"{ranking_title} · {t('col.a_share')}", key="overview.ranking_chart",
                     record=v.record)
    views.ranking_table(data.ranking, key="overview.ranking")
