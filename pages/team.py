"""队伍建设: the community secretaries and committee staffing (书记队伍), volunteers and 同乡村 organisations
(志愿服务与同乡村) of the filtered area and year (issue 20 §3, §5)."""

from __future__ import annotations

import streamlit as st

from components import loaders
from components.loaders import team as team_loaders
from components.shell import view as shell_view
from components.team import views as team_views, volunteers as team_volunteers
from components.team.views import TAB_KEY, TABS
from components.ui import cards
from components.ui.i18n import t
from models.rules import comparison_level

v = shell_view.current("team")
f, scope = v.filters, v.scope
st.title(t("team.title"))
st.caption(t("team.caption", area=f.area_label(), year=f.year))
cards.demo_note(loaders.dataset_info())
cards.scope_note(scope, f.area)
level = comparison_level(f.area)
detail = scope.detail_area(f.area)  # the part of the area this viewer sees in detail (None: aggregates only)

tabs = dict(zip(TABS, st.tabs(team_views.tab_labels(), key=TAB_KEY, on_change="rerun"), strict=True))
team_views.keep_tab(next((name for name, tab in tabs.items() if tab.open), None))
with tabs["secretaries"]:
    if tabs["secretaries"].open:
        data = team_loaders.secretaries(scope, f.area, f.year)
        if not data.kpis.secretaries and not data.kpis.committees:
            st.info(t("team.empty_area", area=f.area_label(), year=f.year))
        else:
            team_views.secretary_metrics(data)
            team_views.secretary_charts(data)
            team_views.region_table(data.by_region, level=level, highlight=f.street, record=v.record)
            if detail is not None:
                team_views.secretary_table(team_loaders.secretary_list(scope, detail, f.year), record=v.record)

with tabs["volunteers"]:
    if tabs["volunteers"].open:
        vdata = team_loaders.volunteers(scope, f.area, f.year)
        team_volunteers.metrics(vdata, highlight=f.street)
        team_volunteers.volunteers(vdata, level=level, highlight=f.street, record=v.record)
        listing = team_loaders.hometown_list(scope, detail) if detail is not None else None
        team_volunteers.hometown(vdata, listing, level=level, record=v.record)
