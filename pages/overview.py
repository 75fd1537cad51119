"""总览: the cockpit of the filtered area and year: headline figures with their trend, a map of the
subareas shaded by a chosen figure, the best and worst subareas, the problems, then the breakdowns."""

from __future__ import annotations

from functools import partial

import streamlit as st
from streamlit_folium import st_folium

from components import loaders
from components.loaders import alerts as alert_loaders
from components.loaders import cockpit
from components.loaders import centres as centre_loaders
from components.loaders import overview as overview_loaders
from components.loaders import present as present_loaders
from components.loaders import problems as problem_loaders
from components.loaders import standards as standard_loaders
from components.overview import board, kpis, views
from components.overview import map as overview_map
from components.shell import params
from components.shell import view as shell_view
from components.ui import cards, chart_png, charts, maps, vega
from components.ui.i18n import t

KPI = params.Coded("overview.kpi", tuple(kpis.KPIS), kpis.DEFAULT, lambda code, lang: kpis.KPIS[code].label(lang))
PAGE_FILES = {"buildings": "pages/buildings.py", "centres": "pages/centres.py", "ratings": "pages/ratings.py",
              "orgs": "pages/orgs.py", "alerts": "pages/alerts.py", "standards": "pages/standards.py"}

v = shell_view.current("overview")
data = overview_loaders.overview_data(v.scope, v.area, v.year)
info = loaders.dataset_info()

st.title(t("overview.title"))
st.caption(t("overview.caption", area=v.area_label(), year=v.year))
cards.demo_note(info)
with st.spinner(t("overview.loading")):
    trend = cockpit.trend(v.scope, v.area, v.year)
cards.metric_row(views.metrics(data, trend=trend), key="overview.metrics")

problem = params.take(KPI)
chosen = st.segmented_control(t("overview.kpi.pick"), list(kpis.KPIS), required=True, key=KPI.key,
                              format_func=lambda c: kpis.KPIS[c].label())
params.put(KPI, chosen)
if problem:
    st.warning(problem)
kpi = kpis.KPIS[chosen or kpis.DEFAULT]
level = "district" if v.district is None else "street"
regions = cockpit.regions(v.scope, v.area, v.year)

left, right = st.columns([3, 2], gap="medium")
with left:
    streets = centre_loaders.street_areas(v.area.district_id) if v.area.district_id is not None else ()
    m = overview_map.build(regions, kpi=kpi, district=v.district, street=v.street, streets=streets)
    st_folium(m, key=overview_map.MAP_KEY, height=430, use_container_width=True, returned_objects=maps.RETURNED,
              render=overview_map.RENDER_TWICE,
              on_change=partial(overview_map.on_map_change, st.session_state, district=v.district,
                                streets=tuple(regions["name"]) if v.district else ()))
    st.caption(t(f"overview.map.hint_{level}"))
with right:
    st.markdown(f"**{t('overview.board.title', kpi=kpi.label())}**")
    board.board(regions, kpi, level=level, highlight=v.street, key="overview.board")


def link(page: str, text: str, options: dict[str, str]) -> None:
    st.page_link(PAGE_FILES[page], label=text, query_params={**v.filters.query(), **options})


with st.spinner(t("overview.loading")):
    found = problem_loaders.problems(v.scope, v.area, v.year)
    top = alert_loaders.top_items(v.scope, v.area, problem_loaders.TOP_ITEMS)
board.problem_list(found, top, link=link, key="overview.problems")
standard, small = standard_loaders.standardisation_for_overview(v.scope, v.area, v.year)
board.standardisation_line(standard, small=small, link=link)


def written_briefing():
    """The briefing's figures, read only when the user asks for it."""
    return present_loaders.written(v.scope, v.area, v.year, label=v.area_name(),
                                   parent=v.district if v.street else None)


left, right = st.columns(2)
with left:
    st.subheader(t("overview.by_tier"))
    vega.show(charts.tier_bars, data.centres, key="overview.tiers")
    chart_png.button(vega.plain_spec(charts.tier_bars, data.centres), title=t("overview.by_tier"),
                     key="overview.tiers", record=v.record)
with right:
    st.subheader(t("overview.by_category"))
    vega.show(charts.category_bars, data.categories, key="overview.categories")
    chart_png.button(vega.plain_spec(charts.category_bars, data.categories), title=t("overview.by_category"),
                     key="overview.categories", record=v.record)

ranking_title = t("overview.ranking_district") if v.district is None else t("overview.ranking_street")
st.subheader(ranking_title)
if data.ranking.empty:
    st.info(t("overview.empty"))
else:
    ranking = {"value": "a_share", "title": t("col.a_share"), "highlight": v.street}
    vega.show(charts.share_bars, data.ranking, key="overview.ranking_chart", **ranking)
    chart_png.button(vega.plain_spec(charts.share_bars, data.ranking, **ranking),
                     title=f"{ranking_title} · {t('col.a_share')}", key="overview.ranking_chart", record=v.record)
    views.ranking_table(data.ranking, key="overview.ranking")

views.written_briefing(v.filters, v.scope, v.record, written_briefing)
