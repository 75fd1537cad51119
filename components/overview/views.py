"""总览's blocks: the headline figures (also on 大屏模式 and the briefing) and the comparison of subareas."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from collections.abc import Callable

from components.loaders.cockpit import Trend
from components.loaders.overview import OverviewData
from components.loaders.present import Written
from components.loaders.audit import Recorder
from components.shell.filters import Filters
from models.access import Scope
from components.ui.cards import Metric, fmt_count, fmt_int, fmt_int_delta, fmt_pct, fmt_pp_delta
from components.ui.i18n import t


def _pct_trend(values: tuple[float | None, ...]) -> tuple[float, ...] | None:
    kept = tuple(round(v * 100, 1) for v in values if v is not None)
    return kept if len(kept) > 1 else None


def _count(n: float | None, unit: str) -> str:
    return t(unit, n=fmt_count(n))


def metrics(data: OverviewData, *, details: bool = True, trend: Trend | None = None) -> list[Metric]:
    """Centres, organisations, members, tower coverage and A share with the change on last year; the same
    figures wherever they are shown (`details` adds the exact figures and what each counts on hover,
    `trend` a sparkline of the last years)."""
    centres = data.centres.set_index("tier")
    total_now, total_before = int(centres["now"].sum()), int(centres["before"].sum())
    orgs_now, orgs_before = int(data.categories["now"].sum()), int(data.categories["before"].sum())
    helps: dict[str, str | None] = {k: None for k in ("centres", "orgs", "members", "towers", "a_share")}
    if details:
        n_tiers = int(centres.loc[["street", "community", "park", "market", "tower"], "now"].sum())
        helps = {
            "centres": t("overview.centres_tiers", total=fmt_int(total_now), city=int(centres.at["city", "now"]),
                         district=int(centres.at["district", "now"]), n=n_tiers),
            "orgs": t("overview.help.orgs", n=fmt_int(orgs_now)),
            "members": t("overview.help.members", n=fmt_int(data.members.now)),
            "towers": t("overview.help.towers"),
            "a_share": t("overview.help.a_share"),
        }
    tr = trend
    return [
        Metric(t("overview.centres_total"), _count(total_now, "overview.value.centres"),
               fmt_int_delta(total_now - total_before), help=helps["centres"], trend=tr.centres if tr else None),
        Metric(t("overview.orgs"), _count(orgs_now, "overview.value.orgs"), fmt_int_delta(orgs_now - orgs_before),
               help=helps["orgs"], trend=tr.orgs if tr else None),
        Metric(t("overview.members"), _count(data.members.now, "overview.value.members"),
               fmt_int_delta(data.members.delta), help=helps["members"], trend=tr.members if tr else None),
        Metric(t("overview.tower_rate"), fmt_pct(data.towers.now) if data.towers.now is not None
               else t("overview.no_towers"), fmt_pp_delta(data.towers.delta), help=helps["towers"],
               trend=_pct_trend(tr.tower_rate) if tr else None),
        Metric(t("overview.a_share"), fmt_pct(data.a_share.now), fmt_pp_delta(data.a_share.delta), help=helps["a_share"],
               trend=_pct_trend(tr.a_share) if tr else None),
    ]


def written_briefing(f: Filters, scope: Scope, record: Recorder, load: Callable[[], Written]) -> None:
    """The written briefing (Word / PDF / text) of this area and year, built when asked."""
    from components.present import written  # here: the present room imports this module for its metrics

    with st.expander(t("briefing.prepare")):
        written.block(f, scope, record, load, key="overview")


def ranking_table(ranking: pd.DataFrame, *, key: str) -> None:
    """The compared regions; shares as percentages with one decimal (Streamlit's "percent" shows two)."""
    ranking = ranking.assign(tower_pct=ranking["tower_rate"] * 100, a_pct=ranking["a_share"] * 100)
    st.dataframe(
        ranking,
        key=key,
        hide_index=True,
        column_order=["name", "centres", "orgs", "members", "towers", "tower_pct", "a_pct"],
        column_config={
            "name": t("col.name"),
            "centres": st.column_config.NumberColumn(t("col.centres"), format="localized"),
            "orgs": st.column_config.NumberColumn(t("col.orgs"), format="localized"),
            "members": st.column_config.NumberColumn(t("col.members"), format="localized"),
            "towers": st.column_config.NumberColumn(t("col.towers"), format="localized"),
            "tower_pct": st.column_config.ProgressColumn(t("col.tower_rate"), format="%.1f%%", min_value=0, max_value=100),
            "a_pct": st.column_config.ProgressColumn(t("col.a_share"), format="%.1f%%", min_value=0, max_value=100),
        },
    )
