"""总览's ranking board (the best and worst subareas on the chosen figure) and its short problem list."""

from __future__ import annotations

from collections.abc import Callable

import altair as alt
import pandas as pd
import streamlit as st

from components.loaders.alerts import TopItems
from components.loaders.problems import Problems
from components.overview.kpis import KPIS, Kpi
from components.loaders.standards import StandardKpis
from components.ui.cards import fmt_int, fmt_pct
from components.ui.charts import PALE_RED, PARTY_RED, count_axis, count_domain, labelled_bars, share_axis, share_domain
from components.ui import alert_text, vega
from components.ui.i18n import t
from components.ui.text import md
from models.alerts import WINDOW_DAYS

BOARD_ROWS = 5


def best_and_worst(regions: pd.DataFrame, kpi: Kpi, *, n: int = BOARD_ROWS) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The n regions highest and the n lowest on the figure (the lowest never repeat one of the highest);
    regions without a value are left out of both."""
    rows = regions[["name", kpi.column]].dropna().sort_values([kpi.column, "name"], ascending=[False, True])
    best = rows.head(n)
    worst = rows.iloc[len(best):].tail(n).iloc[::-1]
    return best.reset_index(drop=True), worst.reset_index(drop=True)


def board_chart(rows: pd.DataFrame, kpi: Kpi, *, top: bool, domain_of: pd.Series, highlight: str | None) -> alt.LayerChart:
    """Bars of one half of the board, values at the bars' ends, one axis for both halves (`domain_of`)."""
    data = rows.rename(columns={kpi.column: "value"}).copy()
    data["hl"] = data["name"] == highlight if highlight else False
    share = kpi.share
    fmt = ".1%" if share else (",.2f" if kpi.code == "centres_km2" else ",d")
    axis = share_axis(None) if share else (alt.Axis(title=None, format=",.1f") if kpi.code == "centres_km2"
                                           else count_axis(None))
    domain = share_domain(domain_of) if share else count_domain(domain_of) if kpi.code != "centres_km2" else \
        [0.0, float(domain_of.max()) * 1.25 if len(domain_of) else 1.0]
    bars = (
        alt.Chart(data)
        .mark_bar()
        .encode(
            x=alt.X("value:Q", axis=axis, scale=alt.Scale(domain=domain, nice=False)),
            y=alt.Y("name:N", sort=list(data["name"]), title=None),
            color=alt.condition(alt.datum.hl, alt.value(PARTY_RED), alt.value(PARTY_RED if top else PALE_RED)),
            tooltip=[alt.Tooltip("name:N", title=t("col.name")), alt.Tooltip("value:Q", title=kpi.label(), format=fmt)],
        )
        .properties(height=alt.Step(22))
    )
    return labelled_bars(bars, value="value", fmt=fmt)


def _board_chart(rows: pd.DataFrame, kpi_code: str, *, top: bool, domain_of: pd.Series,
                 highlight: str | None) -> alt.LayerChart:
    """board_chart by the figure's code, for the chart memo (the code, not the Kpi with its functions, is
    the key)."""
    return board_chart(rows, KPIS[kpi_code], top=top, domain_of=domain_of, highlight=highlight)


def board(regions: pd.DataFrame, kpi: Kpi, *, level: str, highlight: str | None, key: str) -> None:
    """The ranking board: best and worst BOARD_ROWS on the chosen figure."""
    best, worst = best_and_worst(regions, kpi)
    if best.empty:
        st.info(t("overview.board.empty", kpi=kpi.label()))
        return
    values = regions[kpi.column].dropna()
    if kpi.flag and regions.get(kpi.flag, pd.Series(dtype=bool)).any():  # withheld regions have no bar
        st.caption(t("scope.small_note"))
    st.caption(t("overview.board.best", n=len(best), level=t(f"overview.level.{level}")))
    # from the chart memo: building and validating the two Altair charts was half of a warm rerun of 总览
    vega.show(_board_chart, best, kpi.code, top=True, domain_of=values, highlight=highlight, key=f"{key}.best")
    if not worst.empty:
        st.caption(t("overview.board.worst", n=len(worst), level=t(f"overview.level.{level}")))
        vega.show(_board_chart, worst, kpi.code, top=False, domain_of=values, highlight=highlight,
                  key=f"{key}.worst")


def problem_list(problems: Problems, top: TopItems, *, link: Callable[[str, str, dict[str, str]], None],
                 key: str) -> None:
    """One line per problem with its count and a link to the page that lists the items (a problem that
    cannot be counted in the area, no towers or no grades, says so instead of showing 0); then the 问题清单's
    red and amber totals, its most urgent named items (red first, by due date), each linking to its page,
    and a link to the whole list."""
    with st.container(key=key, border=True):
        st.markdown(f"**{t('overview.problems.title')}**")
        for p in problems.items:
            if p.count is None:
                st.caption(t(f"overview.problem.{p.code}.none"))
                continue
            n = t("scope.small") if p.small else fmt_int(p.count)
            text = t(f"overview.problem.{p.code}", n=n, radius=problems.radius_m)
            link(p.page, text, dict(p.options))
        st.markdown(f"**{t('alerts.top.title', date=top.today.day.isoformat())}**")
        st.caption(md(alert_text.totals_line(top)))
        for item in top.items:
            page, options = item.target()
            link(page, md(alert_text.item_line(item)), options)
        if not top.items:
            st.caption(t("alerts.top.none", days=WINDOW_DAYS) if top.detail else t("alerts.top.counts_only"))
        link("alerts", t("alerts.top.all"), {})


def standardisation_line(kpis: StandardKpis, *, small: bool, link: Callable[[str, str, dict[str, str]], None]) -> None:
    """The area's 社区党建标准化 达标 share with its counts, linking to 标准化考核 (nothing assessed: says so)."""
    if kpis.share is None:
        st.caption(t("overview.standards.none"))
        return
    if small:  # over 1 or 2 communities the share would be one community's result (models.access)
        link("standards", t("overview.standards.small", n=t("scope.small")), {})
        return
    link("standards", t("overview.standards", share=fmt_pct(kpis.share), passed=fmt_int(kpis.counts["passed"]),
                        checked=fmt_int(kpis.checked)), {})
