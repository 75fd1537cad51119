"""The slides of 大屏模式, each drawn from the data its page hands over (components.loaders.present) with
the real pages' chart builders (restyled by components.present.look, not copied), laid out in boxes
that take their size from the screen (static/present/deck.css)."""

from __future__ import annotations

from contextlib import contextmanager
from datetime import date
from html import escape

import altair as alt
import pandas as pd
import streamlit as st

from components.buildings import views as building_views
from components.loaders.present import Briefing, FocusSlide, MapSlide
from components.present import briefing
from components.present import map as slide_map_chart
from components.present.look import chart
from components.overview import views as overview_views
from components.ratings import charts as rating_charts
from components.ratings import views as rating_views
from components.shell.filters import Filters
from components.ui import cards, charts
from components.ui.cards import Metric, fmt_int, fmt_pct
from components.ui.i18n import t
from components.ui.text import md
from components.ui.memo import memo
from models.area import Area
from models.rules import child_level, comparison_level
from models.vocab import N_TIERS


def heading(text: str) -> None:
    """A panel's or slide's title (plain HTML: Streamlit's headings pull the next element up)."""
    st.html(f'<div class="present-h">{escape(text)}</div>')


@contextmanager
def row(key: str):
    """Panels side by side, sharing the height left on the slide (stacked on a phone)."""
    with st.container(key=f"present-row-{key}", horizontal=True):
        yield


@contextmanager
def panel(key: str, title: str):
    """A titled box whose chart fills what is left of the panel's height."""
    with st.container(key=f"present-panel-{key}"):
        heading(title)
        with st.container(key=f"present-grow-{key}"):
            yield


def overview_metrics(data) -> list[Metric]:
    """The overview page's headline figures (same builder, without the hover details)."""
    return overview_views.metrics(data, details=False)


def slide_overview(f: Filters, data) -> None:
    cards.metric_row(overview_metrics(data), key="present-kpis-overview")
    with row("overview"):
        with panel("tiers", t("present.by_tier")):
            chart(charts.tier_bars, data.centres, key="present.tiers")
        with panel("categories", t("present.by_category")):
            chart(charts.category_bars, data.categories, key="present.categories")
        with panel("ranking", t("overview.ranking_district") if f.district is None else t("overview.ranking_street")):
            if data.ranking.empty:
                st.info(t("overview.empty"))
            else:
                ranking = data.ranking.nsmallest(12, "a_share") if len(data.ranking) > 12 else data.ranking
                chart(charts.share_bars, ranking, value="a_share", title=t("col.a_share"), highlight=f.street,
                      key="present.ranking")


def centre_metrics(kpi) -> list[Metric]:
    return [
        Metric(t("centres.kpi.total"), fmt_int(kpi.total)),
        Metric(t("centres.kpi.district"), fmt_int(kpi.by_tier["district"])),
        Metric(t("centres.kpi.n"), fmt_int(sum(kpi.by_tier[c] for c in N_TIERS))),
        Metric(t("centres.kpi.open_24h"), fmt_int(kpi.open_24h)),
    ]


def slide_map(f: Filters, data: MapSlide) -> None:
    cards.metric_row(centre_metrics(data.kpis), key="present-kpis-map")
    with row("map"):
        with panel("map", t("present.map_centres")):
            if data.located.empty:
                st.info(t("present.no_centres", area=f.area_label()))
            else:
                chart(slide_map_chart.build, data.located, district=f.district, street=f.street, streets=data.streets,
                      key="present.map")
    official = bool(data.streets) and all(a.official for a in data.streets)
    note = t("present.map_note_official" if official or f.district is None else "present.map_note_cells")
    st.html(f'<p class="present-attribution">{escape(note)}</p>')


def building_metrics(data) -> list[Metric]:
    shown = building_views.metrics(data.summary, "tower")
    return [*shown[:4], shown[-1]]  # buildings, covered, uncovered, rate, the covering organisations


def level_name(area: Area) -> str:
    """The regions the grade charts split the area into (communities of a street)."""
    return t(f"present.level.{child_level(area).level}")


def compared_name(area: Area) -> str:
    """The regions the building charts compare (a street among its district's streets)."""
    return t(f"present.level.{comparison_level(area)}")


def slide_buildings(f: Filters, data) -> None:
    cards.metric_row(building_metrics(data), key="present-kpis-buildings")
    with row("buildings"):
        with panel("buildings", t("present.buildings_by", level=compared_name(f.area))):
            if data.by_region.empty:
                st.info(t("present.no_buildings", area=f.area_label()))
            else:
                chart(building_views.comparison_chart, data.by_region, highlight=f.street, key="present.buildings")


def region_grades(by_region: pd.DataFrame, area: Area) -> pd.DataFrame:
    level = child_level(area)
    direct = t(f"ratings.direct_{level.direct}") if level.direct else ""
    return by_region.assign(name=by_region["name"].fillna(direct))


def slide_ratings(f: Filters, data) -> None:
    if data is None:
        st.info(t("present.no_ratings", year=f.year))
        return
    rating_views.kpi_row(data.kpis, key="present-kpis-ratings")
    with row("ratings"):
        with panel("grades", t("present.grades_by", level=level_name(f.area))):
            if data.by_region.empty:
                st.info(t("ratings.empty_area", area=f.area_label()))
            else:
                chart(rating_charts.grade_bars, region_grades(data.by_region, f.area), row="name", row_title="",
                      key="present.grades")
        with panel("matrix", t("present.transitions", prev=f.year - 1, year=f.year)):
            if rating_views.withheld(data.transitions):
                st.info(t("ratings.transitions_small"))
            elif int(data.transitions["n"].sum()) == 0:
                st.info(t("ratings.empty_transitions", prev=f.year - 1))
            else:
                chart(rating_charts.transition_matrix, data.transitions, key="present.matrix", view_fill="#f4f6fa")


def focus_reason(data: FocusSlide) -> str:
    target = data.focus
    if target.selected:
        return t("present.focus_selected", street=target.street)
    return t("present.focus_weakest", street=target.street, share=fmt_pct(target.a_share))


def slide_focus(f: Filters, data: FocusSlide | None) -> None:
    if data is None:
        st.info(t("present.focus_none"))
        return
    target = data.focus
    heading(focus_reason(data))
    cards.metric_row(overview_metrics(data.overview), key="present-kpis-focus")
    with row("focus"):
        with panel("focus-grades", t("present.grades_by", level=t("present.level.community"))):
            if data.grades_by_region.empty:
                st.info(t("ratings.empty_area", area=md(target.street)))
            else:
                chart(rating_charts.grade_bars, region_grades(data.grades_by_region, target.area), row="name",
                      row_title="", key="present.focus_grades")
        with panel("focus-buildings", t("present.buildings_by", level=t("present.level.street"))):
            by_region = data.district_towers.by_region
            if by_region.empty:
                st.info(t("present.no_buildings", area=md(target.street)))
            else:
                chart(building_views.comparison_chart, by_region, highlight=target.street,
                      key="present.focus_buildings")


DRAW = {"overview": slide_overview, "map": slide_map, "buildings": slide_buildings, "ratings": slide_ratings,
        "focus": slide_focus}


def briefing_parts(f: Filters, data: Briefing) -> list[tuple[str, alt.TopLevelMixin]]:
    """The slide set's charts, titled, for the printed one-page briefing (the map comes from briefing)."""
    parts = [(t("present.by_tier"), charts.tier_bars(data.overview.centres))]
    if not data.towers.by_region.empty:
        parts.append((t("present.buildings_by", level=compared_name(f.area)),
                      building_views.comparison_chart(data.towers.by_region, highlight=f.street)))
    if data.ratings is not None:
        if not data.ratings.by_region.empty:
            parts.append((t("present.grades_by", level=level_name(f.area)),
                          rating_charts.grade_bars(region_grades(data.ratings.by_region, f.area), row="name",
                                                   row_title="")))
        if not rating_views.withheld(data.ratings.transitions) and int(data.ratings.transitions["n"].sum()):
            parts.append((t("present.transitions", prev=f.year - 1, year=f.year),
                          rating_charts.transition_matrix(data.ratings.transitions)))
    return parts


@memo
def briefing_spec(key: tuple, _data: Briefing) -> dict:
    """The one-page briefing's Vega-Lite spec for key = (scope, filters, language, as-of date, demo?); the
    data is the loaders' for that scope and filter (not hashed: the key determines it)."""
    _, f, _, as_of, demo = key
    return briefing.compose(
        title=t("present.briefing_title", area=f.area_name(), year=f.year),
        subtitle=f"{date.today().isoformat()} · {t('present.as_of', date=as_of)}",
        demo=f"{t('demo.badge')} · {t('demo.note')}" if demo else None,
        metrics=overview_metrics(_data.overview),
        map_chart=briefing.outline_map(_data.located, district=f.district, title=t("present.briefing_map")),
        parts=briefing_parts(f, _data),
    ).to_dict()
