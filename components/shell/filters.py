"""The shared filter: sidebar widgets <-> st.session_state <-> URL query parameters, in one place.

Each widget is bound to a query parameter named by its key (`district`, `street`, `year`, `lang`), so
a copied URL reopens the same view. Values that do not exist are reported before the widgets drop them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

import streamlit as st

from components.ui.i18n import LANG_KEY, LANG_NAMES, LANGS, current_lang, t
from components.shell import params
from components.ui.text import md
from models.area import CITY, Area

ALL = "*"  # option value for "no restriction"; the default, so it never shows in the URL
DISTRICT_KEY, STREET_KEY, YEAR_KEY = "district", "street", "year"
_CURRENT = "filters.current"
_PENDING = "filters.pending"
# A link's unknown values are read once, on the run that gets the link; the browser then reruns with the
# widgets' fallback in the URL. The messages stay until the filter differs from the view they explain.
_URL_NOTICE, _URL_FRESH = "filters.url_notice", "filters.url_fresh"


def pend_area(district: str | None, street: str | None) -> None:
    """Set the sidebar to a district and street on the next run (sidebar() applies it before its
    widgets exist): for a page whose run comes after the widgets were drawn, or before a page switch."""
    st.session_state[_PENDING] = (district or ALL, street or ALL)


def request_area(district: str | None, street: str | None) -> None:
    """pend_area, and start the next run at once."""
    pend_area(district, street)
    st.rerun()


@dataclass(frozen=True)
class Filters:
    district: str | None
    street: str | None
    year: int
    area: Area

    def area_name(self) -> str:
        """The area's name as stored (for file names, the briefing image, chart data)."""
        return self.street or self.district or t("sidebar.all_city")

    def area_label(self) -> str:
        """The area's name for Markdown (captions, alerts, titles): region names are imported text."""
        return md(self.area_name())

    def query(self) -> dict[str, str]:
        """The URL parameters of this view (for links to other pages)."""
        q = {DISTRICT_KEY: self.district, STREET_KEY: self.street, YEAR_KEY: str(self.year)}
        return {k: v for k, v in q.items() if v}


def url_problems(districts: list[str], streets_of: Callable[[str | None], list[str]], years: list[int]) -> list[str]:
    """Messages for URL values that do not exist; call before the widgets are drawn."""
    qp = st.query_params
    problems = []
    district = qp.get(DISTRICT_KEY)
    if district and district != ALL and district not in districts:
        problems.append(t("filter.unknown_district", value=md(district)))
        district = None
    street = qp.get(STREET_KEY)
    if street and street != ALL and street not in streets_of(district if district != ALL else None):
        problems.append(t("filter.unknown_street", value=md(street)))
    year = qp.get(YEAR_KEY)
    if year and years and (not year.isdigit() or int(year) not in years):
        problems.append(t("filter.bad_year", value=md(year), first=years[0], last=years[-1]))
    if problems:
        st.session_state[_URL_FRESH] = problems  # sidebar() notes the view they explain
        return problems
    notice = st.session_state.get(_URL_NOTICE)
    if notice and notice[1] == _view():
        return notice[0]
    st.session_state.pop(_URL_NOTICE, None)
    return []


def _view() -> tuple:
    """The filter as the widgets hold it (before they are drawn on this run)."""
    return tuple(st.session_state.get(key) for key in (DISTRICT_KEY, STREET_KEY, YEAR_KEY))


def sidebar(
    districts: list[str],
    streets_of: Callable[[str | None], list[str]],
    years: list[int],
    resolve: Callable[[str | None, str | None], Area],
    where=None,
) -> Filters:
    """Draw the filter widgets in the sidebar (or `where`, a sidebar container) and return the filter."""
    lang = current_lang()  # format functions are also called outside the run (AppTest), so bind the language now
    pending = st.session_state.pop(_PENDING, None)
    if pending is not None:  # an area a page asked for (request_area), set before the widgets exist
        st.session_state[DISTRICT_KEY], st.session_state[STREET_KEY] = pending
    with where if where is not None else st.sidebar:
        st.caption(t("sidebar.filter"))
        district = st.selectbox(
            t("sidebar.district"), [ALL, *districts], key=DISTRICT_KEY, bind="query-params",
            format_func=lambda v: t("sidebar.all_city", lang) if v == ALL else v,
        )
        district = None if district == ALL else district
        street_options = streets_of(district) if district else []
        street = st.selectbox(
            t("sidebar.street"), [ALL, *street_options], key=STREET_KEY, bind="query-params",
            format_func=lambda v: t("sidebar.all_streets", lang) if v == ALL else v, disabled=not district,
        )
        street = None if street == ALL or not district else street
        newest_first = sorted(years, reverse=True)
        # A store without grades (e.g. after importing only centres) still has a current year.
        year = st.selectbox(t("sidebar.year"), newest_first, key=YEAR_KEY, bind="query-params") if years else date.today().year
    area = resolve(district, street) if district else CITY
    current = Filters(district, street, int(year), area)
    st.session_state[_CURRENT] = current
    if _URL_FRESH in st.session_state:
        st.session_state[_URL_NOTICE] = (st.session_state.pop(_URL_FRESH), _view())
    return current


LANG = params.Coded(LANG_KEY, LANGS, "zh", lambda code, _lang: LANG_NAMES[code])


def language_switch(where=None) -> None:
    """The 中文 / English switch, kept in the URL as its code (`?lang=en`; 中文 is the default, left out).
    Links that hold the label Streamlit used to write (`lang=English`) still open in English. `where` is
    the sidebar container it goes in (the router puts it below the filters)."""
    problem = params.take(LANG)
    with where if where is not None else st.sidebar:
        lang = st.segmented_control(
            t("sidebar.lang"), LANGS, key=LANG_KEY, required=True, format_func=LANG_NAMES.get,
            on_change=_relabel_choices,
        )
    params.put(LANG, lang)
    if problem:
        st.warning(problem)


def _relabel_choices() -> None:
    """Write the filter boxes' values back: the browser keeps showing the label of the chosen option in
    the old language (全市 in English) unless the server sends the value again with the new labels."""
    for key in (DISTRICT_KEY, STREET_KEY):
        if key in st.session_state:
            st.session_state[key] = st.session_state[key]


def current() -> Filters:
    """The filter drawn by the router on this run (pages read it, never draw their own copy)."""
    return st.session_state[_CURRENT]
