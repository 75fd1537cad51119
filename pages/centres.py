"""阵地地图: the 1+10+N service centres on a map, who is within reach, where the gaps are, where to build next."""

from __future__ import annotations

from functools import partial

import streamlit as st
from streamlit_folium import st_folium

from components import loaders
from components.centres import charts as centre_charts, map as centre_map, tables as centre_tables
from components.shell import view as shell_view
from components.ui import cards, maps
from components.ui.cards import Metric, fmt_int
from components.ui.i18n import label, t
from components.loaders import centres as cl
from models import coverage
from models.vocab import CENTRE_TIERS, N_TIERS

DEFAULT_K = 5

v = shell_view.current("centres")
f, scope = v.filters, v.scope
info = loaders.dataset_info()

st.title(t("centres.title"))
st.caption(t("centres.caption", area=f.area_label(), year=f.year))
cards.demo_note(info)
cards.scope_note(scope, f.area)

with st.container(horizontal=True, key="centres.controls", vertical_alignment="bottom"):
    radius = st.slider(t("centres.radius"), *coverage.RADIUS_RANGE_M, coverage.DEFAULT_RADIUS_M, step=100,
                       format="%d m", key="centres.radius", width=320)
    basemap = st.segmented_control(t("centres.basemap"), maps.BASEMAPS, default="none", required=True,
                                   format_func=lambda b: t(f"map.basemap.{b}"), key="centres.basemap")
    show_reach = st.toggle(t("centres.show_reach"), key="centres.show_reach")
chosen = st.pills(t("centres.tiers"), CENTRE_TIERS, selection_mode="multi", default=list(CENTRE_TIERS),
                  format_func=lambda c: label("tier", c), key="centres.tiers")
tiers = tuple(c for c in CENTRE_TIERS if c in (chosen or ()))
k = int(st.session_state.get("centres.k", DEFAULT_K))  # the slider sits in its section further down

kpi = cl.kpis(scope, f.area, f.year, tiers)
cards.metric_row(
    [
        Metric(t("centres.kpi.city"), fmt_int(kpi.by_tier["city"])),
        Metric(t("centres.kpi.district"), fmt_int(kpi.by_tier["district"])),
        Metric(t("centres.kpi.n"), fmt_int(sum(kpi.by_tier[c] for c in N_TIERS)),
               help=centre_tables.kpi_help(kpi.by_tier, N_TIERS)),
        Metric(t("centres.kpi.total"), fmt_int(kpi.total)),
        Metric(t("centres.kpi.km2"), "—" if kpi.km2_per_centre is None else f"{kpi.km2_per_centre:.2f}"),
        Metric(t("centres.kpi.residents"), fmt_int(kpi.residents_per_centre),
               help=None if kpi.population else t("centres.kpi.residents_unknown")),
        Metric(t("centres.kpi.open_24h"), fmt_int(kpi.open_24h)),
    ],
    key="centres.metrics",
)

centres = cl.centre_list(scope, f.area, f.year, tiers)
gaps = cl.gaps(scope, f.area, f.year, tiers, radius)
plan = cl.suggestion(scope, f.area, f.year, tiers, radius, k)

left, right = st.columns([3, 1])
with left:
    if centres.located.empty:
        st.info(t("centres.empty", area=f.area_label()) if tiers else t("centres.empty_tiers"))
    else:
        streets = cl.street_areas(f.area.district_id) if f.area.district_id is not None else ()
        m = centre_map.build(centres.located, gaps=gaps, sites=plan.sites, seats=cl.community_seats(scope, f.area),
                             basemap=basemap, radius_m=radius, show_reach=show_reach, district=f.district,
                             street=f.street, streets=streets)
        drawn = centre_map.positions(centres.located, basemap)
        st_folium(m, key=centre_map.MAP_KEY, height=560, use_container_width=True, returned_objects=maps.RETURNED,
                  render=centre_map.RENDER_TWICE,
                  on_change=partial(centre_map.on_map_change, st.session_state, drawn=drawn, basemap=basemap,
                                    streets=tuple(a.name for a in streets if a.official)))
        st.caption(t("centres.map_hint"))
with right:
    centre_map.card(centres.get(st.session_state.get(centre_map.SELECTED_KEY)), org_link=centre_map.org_link)

if not centres.unlocated.empty:
    st.subheader(t("centres.unlocated.title", n=len(centres.unlocated)))
    st.caption(t("centres.unlocated.caption"))
    centre_tables.unlocated(centres.unlocated)

st.subheader(t("centres.coverage.title", radius=radius))
st.caption(t("centres.coverage.method"))
level = "street"
if f.district is None:
    level = st.segmented_control(t("centres.coverage.level"), ["district", "street"], default="district",
                                 required=True, format_func=lambda v: t(f"sidebar.{v}"), key="centres.level")
table = cl.coverage_table(scope, f.area, f.year, tiers, radius, level)
chart_col, table_col = st.columns([2, 3])
with chart_col:
    centre_charts.show_reach(table, highlight=f.street, key="centres.reach_chart")
    if len(table) > centre_charts.CHART_ROWS:
        st.caption(t("centres.chart.limited", n=centre_charts.CHART_ROWS))
with table_col:
    centre_tables.reach(table, level=level)

st.subheader(t("centres.gaps.title", n=fmt_int(len(gaps)), radius=radius))
if gaps.empty:
    st.success(t("centres.gaps.none", radius=radius))
else:
    centre_tables.gaps(gaps, radius_m=radius, record=v.record)

st.subheader(t("centres.sites.title"))
st.slider(t("centres.k"), 1, 20, DEFAULT_K, key="centres.k", width=320)
st.caption(t("centres.sites.method", radius=radius))
if plan.outside:
    st.caption(t("centres.sites.outside", n=fmt_int(plan.outside)))
if plan.sites.empty:
    st.info(t("centres.sites.none"))
else:
    centre_tables.plan_metrics(plan.before, plan.after)
    centre_charts.show_before_after(plan.before, plan.after, key="centres.before_after")
    centre_tables.sites(plan.sites, radius_m=radius, record=v.record)
