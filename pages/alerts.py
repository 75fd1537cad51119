"""问题清单: what needs action in the selected area and by when (terms, vacancies, 软弱涣散 deadlines, grades,
data gaps), red / amber / green, with counts by subarea, filters, links and the export."""

from __future__ import annotations

import streamlit as st

from components import loaders
from components.alerts import views
from components.loaders import alerts as al
from components.shell import view as shell_view
from components.ui import cards
from components.ui.i18n import t
from models.alerts import WINDOW_DAYS
from models.rules import child_level

v = shell_view.current("alerts")
f, scope = v.filters, v.scope
st.title(t("alerts.title"))
st.caption(t("alerts.caption", area=f.area_label(), days=WINDOW_DAYS))
cards.demo_note(loaders.dataset_info())
data = al.alert_data(scope, f.area, al.today())
views.today_note(data)
cards.scope_note(scope, f.area)
views.rules_note()

kinds, severities = views.pickers()
counts = al.count_table(scope, f.area, data, kinds, t("alerts.direct"))
views.metrics(data, counts)
table = views.counts_table(counts, level=child_level(f.area).level)
views.counts_export(table, record=v.record)
if not data.detail:
    st.info(t("alerts.counts_only"))
    st.stop()
views.item_list(views.shown_items(data.items, kinds, severities), cut=data.cut, limit=data.limit, record=v.record)
