"""标准化考核: the community standardisation check of the filtered area and year — the 达标 share, the
regions compared on a map and a chart, the aspects failed most, and the communities with their results
(issue 20 §2)."""

from __future__ import annotations

import streamlit as st

from components import loaders
from components.loaders import centres as centre_loaders
from components.loaders import standards as standard_loaders
from components.shell import view as shell_view
from components.standards import views
from components.ui import cards
from components.ui.i18n import t
from models.rules import comparison_level

v = shell_view.current("standards")
f, scope = v.filters, v.scope
st.title(t("standards.title"))
st.caption(t("standards.caption", area=f.area_label(), year=f.year))
cards.demo_note(loaders.dataset_info())
cards.scope_note(scope, f.area)
data = standard_loaders.standards_data(scope, f.area, f.year)
if not data.kpis.communities:
    st.info(t("standards.empty_area", area=f.area_label(), year=f.year))
else:
    views.metrics(data)
    streets = centre_loaders.street_areas(f.area.district_id) if f.area.district_id is not None else ()
    views.regions(data, level=comparison_level(f.area), district=f.district, street=f.street, streets=streets,
                  record=v.record)
    views.aspects_and_trend(data)
    detail = scope.detail_area(f.area)  # the part of the area this viewer sees in detail (None: aggregates only)
    if detail is not None:
        views.community_table(standard_loaders.community_list(scope, detail, f.year), record=v.record)
