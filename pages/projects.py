"""项目认领: 党建项目认领 of the filtered area and year (issue 20 §1; seeds 000, 004): counts by status, projects by
status per region below the area, the units that claim most, the project list with its export, and a map."""

from __future__ import annotations

import streamlit as st
from streamlit_folium import st_folium

from components import loaders
from components.loaders import centres as centre_loaders, projects as project_loaders
from components.projects import map as project_map, views as project_views
from components.shell import view as shell_view
from components.ui import cards, maps
from components.ui.i18n import t
from models.limits import MAP_POINTS_MAX, TABLE_ROWS_MAX
from models.rules import child_level

v = shell_view.current("projects")
f, scope = v.filters, v.scope
st.title(t("projects.title"))
st.caption(t("projects.caption", area=f.area_label(), year=f.year))
cards.demo_note(loaders.dataset_info())
cards.scope_note(scope, f.area)
detail = scope.detail_area(f.area)  # the part of the area this viewer sees in detail (None: aggregates only)

board = project_loaders.board(scope, f.area, f.year)
if board.kpis.published == 0:
    st.info(t("projects.empty_area", area=f.area_label(), year=f.year))
    st.stop()
project_views.metrics(board.kpis)
project_views.by_subarea(board, level=child_level(f.area).level, highlight=None, record=v.record)
project_views.units(board, project_loaders.top_units(scope, detail, f.year) if detail is not None else None)

if detail is None:
    st.info(t("projects.list_aggregate"))
    st.stop()
listing = project_loaders.project_list(scope, detail, f.year)
if listing.empty:
    st.info(t("projects.list_empty"))
    st.stop()
chosen = project_views.status_choice()
listed = listing[listing["status"].isin(chosen)]

st.subheader(t("projects.map_title"))
basemap = st.selectbox(t("projects.basemap"), maps.BASEMAPS, key="projects.basemap",
                       format_func=lambda b: t(f"map.basemap.{b}"))
located = listed[listed["lon"].notna() & listed["lat"].notna()]
if located.empty:
    st.info(t("projects.map_none"))
elif len(located) > MAP_POINTS_MAX:
    st.info(t("projects.map_too_many", n=len(located), max=MAP_POINTS_MAX))
else:
    streets = centre_loaders.street_areas(f.area.district_id) if f.area.district_id is not None else ()
    m = project_map.project_map(located, basemap=basemap, district=f.district, streets=streets, street=f.street)
    st_folium(m, key="projects.map", height=460, use_container_width=True, returned_objects=[])

project_views.project_table(listed, rows_max=TABLE_ROWS_MAX, record=v.record)
