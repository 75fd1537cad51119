"""组织架构: from the city committee down to a member household, one URL per node (`?org=<code>`)."""

from __future__ import annotations

import streamlit as st
from streamlit_folium import st_folium

from components import loaders
from components.orgs import charts as org_charts, tree as org_tree
from components.shell import filters
from components.shell import view as shell_view
from components.ui import cards
from components.ui.i18n import t
from components.loaders import centres as centre_loaders
from components.loaders import orgs as org_loaders
from models.area import CITY

SEEN = "orgs._seen"  # (sidebar area, org parameter) of the previous run

v = shell_view.current("orgs")
f, scope = v.filters, v.scope
info = loaders.dataset_info()
asked = st.query_params.get(org_tree.ORG_PARAM)
seen = st.session_state.get(SEEN)
if seen is not None and seen[0] != f.area and seen[1] == asked and asked is not None:
    # The sidebar area changed under the node shown: the sidebar says where the tree starts.
    del st.query_params[org_tree.ORG_PARAM]
    asked = None
st.session_state[SEEN] = (f.area, asked)

st.title(t("orgs.title"))
st.caption(t("orgs.caption", area=f.area_label(), year=f.year, as_of=info.get("as_of", "—")))
cards.demo_note(info)
cards.scope_note(scope, f.area)

goto = st.session_state.pop(org_tree.GOTO, None)
if goto is not None:  # a centre or building hit: its card, with the sidebar set to its area
    page, state, district, street, options = goto
    st.session_state.update(state)
    filters.pend_area(district, street)
    st.switch_page(page, query_params=options)  # the filters are bound widgets: pend_area sets them

query = st.text_input(t("orgs.search"), key=org_tree.SEARCH_KEY, placeholder=t("orgs.search_placeholder"),
                      max_chars=50)
if query.strip():
    org_tree.search_results(org_loaders.search_hits(scope, query.strip()), key="orgs.search_results",
                            centres_page="pages/centres.py", buildings_page="pages/buildings.py")

place = org_loaders.place(scope, asked, f.area)
if place is None:
    st.info(t("orgs.empty_store"))
    st.stop()
children = org_loaders.children(scope, place.node.id, f.year)
picked = org_tree.picked_child(children, place.node.code)
if picked:  # a row ticked in the children table: go one level down
    org_tree.open_org(picked)
    place = org_loaders.place(scope, picked, f.area)
    children = org_loaders.children(scope, place.node.id, f.year)
    st.session_state[SEEN] = (f.area, picked)
# The sidebar follows the organisation a link or a search hit opens: its district and street. (Stepping
# through the tree does not move the sidebar, so the browser's back button retraces the steps.)
follow = st.session_state.pop(org_tree.SYNC_AREA, False) or seen is None
if follow and place.problem is None and st.query_params.get(org_tree.ORG_PARAM):
    district, street = org_loaders.region_names(place.node.district_id, place.node.street_id)
    if (district, street) != (f.district, f.street):
        st.session_state[SEEN] = (loaders.resolve_area(district, street).area if district else CITY,
                                  st.query_params.get(org_tree.ORG_PARAM))
        filters.request_area(district, street)
message = org_tree.problem_message(place)
if message:
    st.warning(message)
node = place.node
org_tree.breadcrumb(place, key="orgs.breadcrumb")

card = org_loaders.card(scope, node.code)
org_tree.node_header(node)
org_tree.node_metrics(card, f.year, key="orgs.metrics")
left, middle, right = st.columns([2, 2, 3])
with left:
    st.markdown(f"**{t('orgs.profile')}**")
    st.caption(org_tree.secretary_line(card, f.year))
    st.markdown(f"**{t('orgs.below_by_level')}**")
    org_tree.below_table(card, key="orgs.below")
with middle:
    st.markdown(f"**{t('orgs.grade_history')}**")
    if card.grades.empty:
        st.caption(t("orgs.not_graded"))
    else:
        st.altair_chart(org_charts.grade_chart(card.grades), key="orgs.grades")
    st.markdown(f"**{t('orgs.own_centres')}**")
    org_tree.own_centres(card)
with right:
    streets = centre_loaders.street_areas(node.district_id) if node.district_id is not None else ()
    st_folium(org_charts.node_map(card, district=card.district, streets=streets), key="orgs.map", height=320,
              use_container_width=True, returned_objects=[])
    st.caption(t("orgs.map.caption"))

st.subheader(t("orgs.children", n=len(children)), anchor=False)
note = org_tree.missing_level_note(node, children, demo=cards.is_demo(info))
if note:
    st.info(note)
if children.empty:
    st.stop()
st.caption(t("orgs.pick_hint"))

groups = org_tree.counts_by_group(children)
tabs = st.tabs([org_tree.group_label(g, n) for g, n in groups.items()], key=f"orgs.groups.{node.code}")
for tab, group in zip(tabs, groups, strict=True):
    with tab:
        part = children[children["group"] == group]
        shown = org_tree.table_frame(part, f.year)
        st.altair_chart(org_charts.children_chart(part), key=f"orgs.chart.{group}")
        org_tree.children_table(shown, key=org_tree.table_key(group, node.code))
        org_tree.export(shown, key=f"orgs.export.{group}",
                        file_stem=t("orgs.file_stem", name=node.name, group=org_tree.group_name(group)),
                        record=v.record)
