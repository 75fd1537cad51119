"""The slides of 大屏模式, each drawn from the real pages' loaders and chart/map builders (restyled, not copied)."""

from __future__ import annotations

from dataclasses import dataclass

import altair as alt
import pandas as pd
import streamlit as st
from streamlit_folium import st_folium

from components import loaders
from components.buildings import views as building_views
from components.centres import map as centre_map
from components.ratings import charts as rating_charts, views as rating_views
from components.shell import auth, filters
from components.ui import cards, charts
from components.ui.cards import Metric, fmt_int, fmt_int_delta, fmt_pct, fmt_pp_delta
from components.ui.i18n import t
from components.loaders import buildings as bl
from components.loaders import centres as cl
from components.loaders import overview as ol
from components.loaders import ratings as rl
from components.present.deck import SLIDE_H, chart
from models.coverage import DEFAULT_RADIUS_M
from models.area import Area
from models.rules import TOWER_MIN_FLOORS, child_level, comparison_level
from models.vocab import CENTRE_TIERS, N_TIERS

KIND = "tower"  # the building kind leaders ask about first (商务楼宇)
NO_ROWS = pd.DataFrame(columns=["lon", "lat", "id", "name", "kind", "distance_m", "rank", "gain"])
CHART_H = SLIDE_H - 320  # below a subheader and a row of big KPI cards


def overview_metrics(area: Area, year: int) -> list[Metric]:
    """The overview page's headline figures (same loaders and formatting)."""
    scope = auth.current_scope()
    data = ol.overview_data(scope, area, year)
    total_now, total_before = int(data.centres["now"].sum()), int(data.centres["before"].sum())
    orgs_now, orgs_before = int(data.categories["now"].sum()), int(data.categories["before"].sum())
    return [
        Metric(t("overview.centres_total"), fmt_int(total_now), fmt_int_delta(total_now - total_before)),
        Metric(t("overview.orgs"), fmt_int(orgs_now), fmt_int_delta(orgs_now - orgs_before)),
        Metric(t("overview.members"), fmt_int(data.members.now), fmt_int_delta(data.members.delta)),
        Metric(t("overview.tower_rate"), fmt_pct(data.towers.now) if data.towers.now is not None
               else t("overview.no_towers"), fmt_pp_delta(data.towers.delta)),
        Metric(t("overview.a_share"), fmt_pct(data.a_share.now), fmt_pp_delta(data.a_share.delta)),
    ]


def slide_overview(f: filters.Filters) -> None:
    scope = auth.current_scope()
    data = ol.overview_data(scope, f.area, f.year)
    cards.metric_row(overview_metrics(f.area, f.year), key="present-kpis-overview")
    left, mid, right = st.columns(3)
    with left:
        st.subheader(t("present.by_tier"))
        chart(charts.tier_bars(data.centres), key="present.tiers", height=CHART_H)
    with mid:
        st.subheader(t("present.by_category"))
        chart(charts.category_bars(data.categories), key="present.categories", height=CHART_H)
    with right:
        st.subheader(t("overview.ranking_district") if f.district is None else t("overview.ranking_street"))
        if data.ranking.empty:
            st.info(t("overview.empty"))
        else:
            ranking = data.ranking.nsmallest(12, "a_share") if len(data.ranking) > 12 else data.ranking
            chart(charts.share_bars(ranking, value="a_share", title=t("col.a_share"), highlight=f.street),
                  key="present.ranking", height=CHART_H)


def centre_metrics(f: filters.Filters) -> list[Metric]:
    scope = auth.current_scope()
    kpi = cl.kpis(scope, f.area, f.year, CENTRE_TIERS)
    return [
        Metric(t("centres.kpi.total"), fmt_int(kpi.total)),
        Metric(t("centres.kpi.district"), fmt_int(kpi.by_tier["district"])),
        Metric(t("centres.kpi.n"), fmt_int(sum(kpi.by_tier[c] for c in N_TIERS))),
        Metric(t("centres.kpi.open_24h"), fmt_int(kpi.open_24h)),
    ]


def slide_map(f: filters.Filters) -> None:
    scope = auth.current_scope()
    centres = cl.centre_list(scope, f.area, f.year, CENTRE_TIERS)
    left, right = st.columns([4, 1])
    with right:
        cards.metric_row(centre_metrics(f), key="present-kpis-map")
    with left:
        if centres.located.empty:
            st.info(t("present.no_centres", area=f.area_label()))
            return
        m = centre_map.build(centres.located, gaps=NO_ROWS, sites=NO_ROWS, seats=cl.community_seats(scope, f.area),
                             basemap="none", radius_m=DEFAULT_RADIUS_M, show_reach=False, district=f.district,
                             street=f.street)
        # nothing returned: a pan or zoom on the wall screen must not rerun the slide
        st_folium(m, key="present.map", height=SLIDE_H - 40, use_container_width=True, returned_objects=[])


def building_metrics(area: Area, year: int) -> list[Metric]:
    scope = auth.current_scope()
    data = bl.coverage(scope, area, year, KIND, TOWER_MIN_FLOORS)
    shown = building_views.metrics(data.summary, KIND)
    return [*shown[:4], shown[-1]]  # buildings, covered, uncovered, rate, the covering organisations


def level_name(area: Area) -> str:
    """The regions the grade charts split the area into (communities of a street)."""
    return t(f"present.level.{child_level(area).level}")


def compared_name(area: Area) -> str:
    """The regions the building charts compare (a street among its district's streets)."""
    return t(f"present.level.{comparison_level(area)}")


def slide_buildings(f: filters.Filters) -> None:
    scope = auth.current_scope()
    data = bl.coverage(scope, f.area, f.year, KIND, TOWER_MIN_FLOORS)
    cards.metric_row(building_metrics(f.area, f.year), key="present-kpis-buildings")
    if data.by_region.empty:
        st.info(t("present.no_buildings", area=f.area_label()))
        return
    st.subheader(t("present.buildings_by", level=compared_name(f.area)))
    chart(building_views.comparison_chart(data.by_region, highlight=f.street), key="present.buildings",
          height=CHART_H)


def region_grades(by_region: pd.DataFrame, area: Area) -> pd.DataFrame:
    level = child_level(area)
    direct = t(f"ratings.direct_{level.direct}") if level.direct else ""
    return by_region.assign(name=by_region["name"].fillna(direct))


def slide_ratings(f: filters.Filters) -> None:
    scope = auth.current_scope()
    if f.year not in loaders.rating_years():
        st.info(t("present.no_ratings", year=f.year))
        return
    data = rl.summary(scope, f.area, f.year, None)
    rating_views.kpi_row(data.kpis, key="present-kpis-ratings")
    left, right = st.columns([3, 2])
    with left:
        st.subheader(t("present.grades_by", level=level_name(f.area)))
        if data.by_region.empty:
            st.info(t("ratings.empty_area", area=f.area_label()))
        else:
            chart(rating_charts.grade_bars(region_grades(data.by_region, f.area), row="name", row_title=""),
                  key="present.grades", height=CHART_H)
    with right:
        st.subheader(t("present.transitions", prev=f.year - 1, year=f.year))
        if int(data.transitions["n"].sum()) == 0:
            st.info(t("ratings.empty_transitions", prev=f.year - 1))
        else:
            chart(rating_charts.transition_matrix(data.transitions), key="present.matrix", height=CHART_H - 60,
                  view_fill="#f4f6fa")


@dataclass(frozen=True)
class Focus:
    street: str
    area: Area
    district_area: Area  # the street's district, to compare the street with its neighbours
    reason: str


def focus(f: filters.Filters) -> Focus | None:
    """The selected street, else the street with the lowest A share in the filtered area."""
    scope = auth.current_scope()
    if f.street:
        return Focus(f.street, f.area, loaders.resolve_area(f.district, None).area,
                     t("present.focus_selected", street=f.street))
    if f.year not in loaders.rating_years():
        return None
    ranking = rl.ranking(scope, f.area, f.year, None)
    if ranking.empty:
        return None
    worst = ranking.iloc[-1]
    resolved = loaders.resolve_area(f.district, worst["name"])
    if resolved.area.street_id is None:
        return None
    return Focus(worst["name"], resolved.area, loaders.resolve_area(resolved.district, None).area,
                 t("present.focus_weakest", street=worst["name"], share=fmt_pct(worst["a_share"])))


def slide_focus(f: filters.Filters) -> None:
    scope = auth.current_scope()
    target = focus(f)
    if target is None:
        st.info(t("present.focus_none"))
        return
    st.subheader(target.reason)
    cards.metric_row(overview_metrics(target.area, f.year), key="present-kpis-focus")
    left, right = st.columns(2)
    with left:
        st.subheader(t("present.grades_by", level=t("present.level.community")))
        by_region = rl.summary(scope, target.area, f.year, None).by_region
        if by_region.empty:
            st.info(t("ratings.empty_area", area=target.street))
        else:
            chart(rating_charts.grade_bars(region_grades(by_region, target.area), row="name", row_title=""),
                  key="present.focus_grades", height=CHART_H - 60)
    with right:
        st.subheader(t("present.buildings_by", level=t("present.level.street")))
        data = bl.coverage(scope, target.district_area, f.year, KIND, TOWER_MIN_FLOORS)
        if data.by_region.empty:
            st.info(t("present.no_buildings", area=target.street))
        else:
            chart(building_views.comparison_chart(data.by_region, highlight=target.street),
                  key="present.focus_buildings", height=CHART_H - 60)


DRAW = {"overview": slide_overview, "map": slide_map, "buildings": slide_buildings, "ratings": slide_ratings,
        "focus": slide_focus}


def briefing_parts(f: filters.Filters) -> list[tuple[str, alt.TopLevelMixin]]:
    """The slide set's charts, titled, for the printed one-page briefing (the map comes from briefing)."""
    scope = auth.current_scope()
    data = ol.overview_data(scope, f.area, f.year)
    parts = [(t("present.by_tier"), charts.tier_bars(data.centres))]
    cov = bl.coverage(scope, f.area, f.year, KIND, TOWER_MIN_FLOORS)
    if not cov.by_region.empty:
        parts.append((t("present.buildings_by", level=compared_name(f.area)),
                      building_views.comparison_chart(cov.by_region, highlight=f.street)))
    if f.year in loaders.rating_years():
        summary = rl.summary(scope, f.area, f.year, None)
        if not summary.by_region.empty:
            parts.append((t("present.grades_by", level=level_name(f.area)),
                          rating_charts.grade_bars(region_grades(summary.by_region, f.area), row="name", row_title="")))
        if int(summary.transitions["n"].sum()):
            parts.append((t("present.transitions", prev=f.year - 1, year=f.year),
                          rating_charts.transition_matrix(summary.transitions)))
    return parts
