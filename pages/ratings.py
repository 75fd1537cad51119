"""支部评级: A-D grades by category and area, their trend and transitions, rankings, the 软弱涣散 register,
and one organisation's 40:40:20 composite and indicator tree."""

from __future__ import annotations

import streamlit as st

from components import loaders
from components.loaders import team as team_loaders
from components.ratings import committees as rating_committees, org_view as rating_org_view, views as rating_views
from components.shell import view as shell_view
from components.ui import cards
from components.ui.i18n import t
from components.loaders import ratings as rl
from components.ratings.views import ORG_KEY, TAB_KEY, TABS
from models.rules import child_level

v = shell_view.current("ratings")
f, scope = v.filters, v.scope
st.title(t("ratings.title"))
category = rating_views.category_picker()
st.caption(t("ratings.caption", area=f.area_label(), year=f.year, category=rating_views.category_label(category)))
cards.demo_note(loaders.dataset_info())
cards.scope_note(scope, f.area)
rating_views.rule_note()

if f.year not in loaders.rating_years():
    st.info(t("ratings.empty_store"))
    st.stop()
data = rl.summary(scope, f.area, f.year, category)
if not data.kpis.graded.now and not data.kpis.graded.small:  # small: withheld ("<3"), not empty
    st.info(t("ratings.empty", area=f.area_label(), year=f.year, category=rating_views.category_label(category)))
    st.stop()
rating_views.kpi_row(data.kpis, key="ratings.kpis")

# on_change="rerun": only the open tab runs; its code (not its label) goes into the URL by keep_tab()
tabs = dict(zip(TABS, st.tabs(rating_views.tab_labels(), key=TAB_KEY, on_change="rerun"), strict=True))
rating_views.keep_tab(next((name for name, tab in tabs.items() if tab.open), None))
with tabs["distribution"]:
    if tabs["distribution"].open:
        rating_views.distribution(data.by_category, data.by_region, level=child_level(f.area), area=f.area_label(),
                                   record=v.record)
        with st.expander(t("ratings.rule_title")):
            rating_views.rule_table()

with tabs["trend"]:
    if tabs["trend"].open:
        rating_views.trend(rl.trend(scope, f.area, category), category=category)

with tabs["transitions"]:
    if tabs["transitions"].open:
        cell = rating_views.transition_cell(data.transitions, year=f.year)
        if cell:
            rating_views.cell_orgs(rl.transition_orgs(scope, f.area, f.year, category, *cell), prev=cell[0], now=cell[1],
                                   key="ratings.cell_orgs")

with tabs["ranking"]:
    if tabs["ranking"].open:
        level = child_level(f.area, streets_at_city=True).level
        rating_views.ranking(rl.ranking(scope, f.area, f.year, category), level=level)

with tabs["committees"]:
    if tabs["committees"].open:  # the 区属党(工)委 of the area's district (every district for the city)
        board = team_loaders.committee_ranking(scope, f.area, f.year)
        past = team_loaders.committee_history(scope, f.area.district_id) if f.area.district_id is not None else None
        rating_committees.ranking(board, past, year=f.year, area=f.area_label(), record=v.record)

with tabs["register"]:
    if tabs["register"].open:
        rating_views.register(rl.weak_register(scope, f.area, f.year, category), year=f.year,
                              file_stem=t("ratings.register_file"), record=v.record)

with tabs["org"]:
    if tabs["org"].open:
        search = rating_org_view.search_box()
        choices = rl.org_choices(scope, f.area, f.year, category, search, st.session_state.get(ORG_KEY))
        org_id = rating_org_view.org_picker(choices, limit_hit=len(choices) >= rl.CHOICES_LIMIT)
        detail = rl.org_detail(scope, org_id, f.year) if org_id is not None else None
        if detail is None:
            st.info(t("ratings.org_hint"))
        else:
            rating_org_view.org_header(detail)
            left, right = st.columns(2)
            with left:
                rating_org_view.breakdown(detail, year=f.year)
            with right:
                rating_org_view.history(detail)
            rating_org_view.indicator_tree(detail, year=f.year)
