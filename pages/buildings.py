"""楼宇覆盖: Party coverage of towers, garden compounds, parks and markets, with the gaps, for any area."""

from __future__ import annotations

import streamlit as st
from streamlit_folium import st_folium

from components import loaders
from components.buildings import map as building_map, views as building_views
from components.shell import params, view as shell_view
from components.ui import cards, chart_png, exports, maps, vega
from components.ui.cards import metric_row
from components.ui.i18n import label, t
from components.loaders import buildings as building_loaders
from components.loaders import centres as centre_loaders
from models.coverage import DEFAULT_RADIUS_M, RADIUS_RANGE_M
from models.limits import MAP_POINTS_MAX, TABLE_ROWS_MAX
from models.rules import TOWER_MIN_FLOORS
from models.vocab import BUILDING_KINDS

SELECTED, LAST_CLICK = "buildings.selected", "buildings._last_click"
LINKED = "buildings._linked"  # ?building=<code> (a link from 问题清单) opens that building's card once

v = shell_view.current("buildings")
f, scope = v.filters, v.scope
st.title(t("buildings.title"))
st.caption(t("buildings.caption", area=f.area_label(), year=f.year))
cards.demo_note(loaders.dataset_info())
cards.scope_note(scope, f.area)

KIND = params.Coded("buildings.kind", BUILDING_KINDS, "tower", lambda k, lang: label("building", k, lang))
problem = params.take(KIND)  # the URL holds the code (tower, residential, ...), never the label
if problem:
    st.warning(problem)
kind = st.segmented_control(
    t("buildings.kind"), BUILDING_KINDS, key=KIND.key, required=True, format_func=lambda k: label("building", k),
)
params.put(KIND, kind)
linked = st.query_params.get("building")
if linked and st.session_state.get(LINKED) != linked:
    st.session_state[LINKED] = st.session_state[SELECTED] = linked
min_floors = None
if kind == "tower":
    min_floors = st.slider(t("buildings.min_floors"), 1, 80, TOWER_MIN_FLOORS, key="buildings.min_floors",
                           bind="query-params", help=t("buildings.min_floors_help"))
data = building_loaders.coverage(scope, f.area, f.year, kind, min_floors)
metric_row(building_views.metrics(data.summary, kind), key="buildings.metrics")
if data.summary.buildings == 0:
    st.info(t("buildings.empty", kind=label("building", kind), area=f.area_label()))
    st.stop()

comparison_title = t("buildings.comparison_district") if f.district is None else t("buildings.comparison_street")
st.subheader(comparison_title)
building_views.show_comparison(data.by_region, highlight=f.street, key="buildings.comparison")
chart_png.button(vega.plain_spec(building_views.comparison_chart, data.by_region, highlight=f.street), key="buildings.comparison",
                 title=f"{label('building', kind)} · {comparison_title}", record=v.record)

with st.container(horizontal=True, vertical_alignment="bottom", key="buildings.controls"):
    search = st.text_input(t("buildings.search"), key="buildings.search", placeholder=t("buildings.search_placeholder"))
    radius = st.slider(t("buildings.radius"), *RADIUS_RANGE_M, DEFAULT_RADIUS_M, step=100, key="buildings.radius")
    size_by = st.segmented_control(  # one key per kind: compounds have few firms, so they default to members
        t("buildings.size_by"), ("firms", "members"), key=f"buildings.size_by.{kind}",
        default="members" if kind == "residential" else "firms", required=True,
        format_func=lambda c: t(f"buildings.col.{c}"),
    )
    basemap = st.selectbox(t("buildings.basemap"), maps.BASEMAPS, key="buildings.basemap",
                           format_func=lambda b: t(f"map.basemap.{b}"))
    only_gaps = st.toggle(t("buildings.only_gaps", n=building_views.gaps(data.buildings, radius), radius=radius),
                          key="buildings.only_gaps")
visible = building_views.shown(data.buildings, search=search, only_gaps=only_gaps, radius_m=radius)
if visible.empty:
    st.info(t("buildings.no_match"))
    st.stop()

listed = visible.head(TABLE_ROWS_MAX)  # a city of a million organisations: the table shows the first rows
left, right = st.columns([3, 2])
with left:
    if len(visible) > MAP_POINTS_MAX:  # too many dots to draw or read: ask for a narrower area
        st.info(t("buildings.map.too_many", n=len(visible), max=MAP_POINTS_MAX))
        result = None
    else:
        streets = centre_loaders.street_areas(f.area.district_id) if f.area.district_id is not None else ()
        m = building_map.building_map(visible, size_by=size_by, kind=kind, basemap=basemap, district=f.district,
                                      streets=streets, street=f.street)
        result = st_folium(m, key="buildings.map", height=480, use_container_width=True,
                           returned_objects=maps.RETURNED)
        st.caption(t("buildings.map.click_hint"))
click = building_map.clicked_code(result)
if click and click != st.session_state.get(LAST_CLICK):  # a new click, not the one st_folium keeps returning
    st.session_state[LAST_CLICK], st.session_state[SELECTED] = click, click[0]
pickable = visible if len(visible) <= MAP_POINTS_MAX else listed  # every building the map can be clicked on
codes = pickable["code"].tolist()
if st.session_state.get(SELECTED) not in codes:
    st.session_state.pop(SELECTED, None)
names = dict(zip(pickable["code"], pickable["name"], strict=True))
with right:
    st.subheader(t("buildings.card_title"))
    code = st.selectbox(t("buildings.select"), codes, key=SELECTED, index=None, format_func=names.get,
                        placeholder=t("buildings.select_placeholder"))
    if code:
        row = visible.loc[visible["code"] == code].iloc[0]
        card = building_loaders.building_card(scope, code, f.year)
        if card is not None:  # gone since the list was loaded (a re-import), the list catches up on expiry
            building_views.building_card(card, centre=row["centre_name"], distance_m=row["distance_m"],
                                         key="buildings.card")

st.subheader(t("buildings.table_title", n=len(visible)))
if len(visible) > len(listed):
    st.caption(t("buildings.table_capped", n=len(visible), max=len(listed)))
building_views.render_table(building_views.table(listed), key="buildings.table")
exports.download_buttons(building_views.export_frame(building_views.table(visible)), key="buildings.export",
                         file_stem=t("buildings.file_stem", kind=label("building", kind)),
                         columns=building_views.table_columns(), record=v.record)
