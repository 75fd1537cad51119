"""总览's blocks: the headline figures (also on 大屏模式 and the briefing) and the comparison of subareas."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from collections.abc import Callable

from components.loaders.overview import OverviewData
from components.loaders.present import Written
from components.loaders.audit import Recorder
from components.shell.filters import Filters
from models.access import Scope
from components.ui.cards import Metric, fmt_int, fmt_int_delta, fmt_pct, fmt_pp_delta
from components.ui.i18n import t


def metrics(data: OverviewData, *, details: bool = True) -> list[Metric]:
    """Centres, organisations, members, tower coverage and A share with the change on last year; the same
    figures wherever they are shown (`details` adds the centres' split by tier on hover)."""
    centres = data.centres.set_index("tier")
    total_now, total_before = int(centres["now"].sum()), int(centres["before"].sum())
    orgs_now, orgs_before = int(data.categories["now"].sum()), int(data.categories["before"].sum())
    tiers_help = None
    if details:
        n_tiers = int(centres.loc[["street", "community", "park", "market", "tower"], "now"].sum())
        tiers_help = t("overview.centres_tiers", city=int(centres.at["city", "now"]),
                       district=int(centres.at["district", "now"]), n=n_tiers)
    return [
        Metric(t("overview.centres_total"), fmt_int(total_now), fmt_int_delta(total_now - total_before), help=tiers_help),
        Metric(t("overview.orgs"), fmt_int(orgs_now), fmt_int_delta(orgs_now - orgs_before)),
        Metric(t("overview.members"), fmt_int(data.members.now), fmt_int_delta(data.members.delta)),
        Metric(t("overview.tower_rate"), fmt_pct(data.towers.now) if data.towers.now is not None
               else t("overview.no_towers"), fmt_pp_delta(data.towers.delta)),
        Metric(t("overview.a_share"), fmt_pct(data.a_share.now), fmt_pp_delta(data.a_share.delta)),
    ]


def written_briefing(f: Filters, scope: Scope, record: Recorder, load: Callable[[], Written]) -> None:
    """The written briefing (Word / PDF / text) of this area and year, built when asked."""
    from components.present import written  # here: the present room imports this module for its metrics

    with st.expander(t("briefing.prepare")):
        written.block(f, scope, record, load, key="overview")


def ranking_table(ranking: pd.DataFrame, *, key: str) -> None:
    st.dataframe(
        ranking,
        key=key,
        hide_index=True,
        column_order=["name", "centres", "orgs", "members", "towers", "tower_rate", "a_share"],
        column_config={
            "name": t("col.name"),
            "centres": st.column_config.NumberColumn(t("col.centres"), format="localized"),
            "orgs": st.column_config.NumberColumn(t("col.orgs"), format="localized"),
            "members": st.column_config.NumberColumn(t("col.members"), format="localized"),
            "towers": st.column_config.NumberColumn(t("col.towers")),
            "tower_rate": st.column_config.ProgressColumn(t("col.tower_rate"), format="percent", min_value=0, max_value=1),
            "a_share": st.column_config.ProgressColumn(t("col.a_share"), format="percent", min_value=0, max_value=1),
        },
    )
