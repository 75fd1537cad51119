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
from components.ui.cells import any_marked, int_text, marked, pct_text
from components.ui.i18n import t


def _pct_trend(values: tuple[float | None, ...]) -> tuple[float, ...] | None:
    kept = tuple(round(v * 100, 1) for v in values if v is not None)
    return kept if len(kept) > 1 else None


def _small(pair) -> str | None:
    """The marker of a figure withheld for the viewer (models.access small aggregates), else None."""
    return t("scope.small") if pair.small else None


def _kept(values: tuple[int | None, ...]) -> tuple[int, ...] | None:
    kept = tuple(v for v in values if v is not None)
    return kept if len(kept) > 1 else None


def _count(n: float | None, unit: str) -> str:
    return t(unit, n=fmt_count(n))


def metrics(data: OverviewData, *, details: bool = True, trend: Trend | None = None) -> list[Metric]:
    """Centres, organisations, members, tower coverage and A share with the change on last year; the same
    figures wherever they are shown (`details` adds the exact figures and what each counts on hover,
    `trend` a sparkline of the last years)."""
    centres = data.centres.set_index("tier")
    total_now, total_before = int(centres["now"].sum()), int(centres["before"].sum())
    orgs = data.orgs
    helps: dict[str, str | None] = {k: None for k in ("centres", "orgs", "members", "towers", "a_share")}
    if details:
        n_tiers = int(centres.loc[["street", "community", "park", "market", "tower"], "now"].sum())
        helps = {
            "centres": t("overview.centres_tiers", total=fmt_int(total_now), city=int(centres.at["city", "now"]),
                         district=int(centres.at["district", "now"]), n=n_tiers),
            "orgs": t("overview.help.orgs", n=fmt_int(orgs.now)),
            "members": t("overview.help.members", n=fmt_int(data.members.now)),
            "towers": t("overview.help.towers"),
            "a_share": t("overview.help.a_share"),
        }
    for code, pair in (("orgs", orgs), ("members", data.members), ("towers", data.towers), ("a_share", data.a_share)):
        if pair.small:
            helps[code] = t("scope.small_note")
    tr = trend
    return [
        Metric(t("overview.centres_total"), _count(total_now, "overview.value.centres"),
               fmt_int_delta(total_now - total_before), help=helps["centres"], trend=tr.centres if tr else None),
        Metric(t("overview.orgs"), _small(orgs) or _count(orgs.now, "overview.value.orgs"), fmt_int_delta(orgs.delta),
               help=helps["orgs"], trend=_kept(tr.orgs) if tr else None),
        Metric(t("overview.members"), _small(data.members) or _count(data.members.now, "overview.value.members"),
               fmt_int_delta(data.members.delta), help=helps["members"], trend=_kept(tr.members) if tr else None),
        # an area without towers: no rate ("—"), and the card says why in the delta's place
        Metric(t("overview.tower_rate"), _small(data.towers) or (fmt_pct(data.towers.now) if data.towers.now is not None
               else "—"), fmt_pp_delta(data.towers.delta) if data.towers.now is not None or data.towers.small
               else t("overview.no_towers"), help=helps["towers"], trend=_pct_trend(tr.tower_rate) if tr else None),
        Metric(t("overview.a_share"), _small(data.a_share) or fmt_pct(data.a_share.now), fmt_pp_delta(data.a_share.delta),
               help=helps["a_share"], trend=_pct_trend(tr.a_share) if tr else None),
    ]


def written_briefing(f: Filters, scope: Scope, record: Recorder, load: Callable[[], Written]) -> None:
    """The written briefing (Word / PDF / text) of this area and year, built when asked."""
    from components.present import written  # here: the present room imports this module for its metrics

    with st.expander(t("briefing.prepare")):
        written.block(f, scope, record, load, key="overview")


def ranking_table(ranking: pd.DataFrame, *, key: str) -> None:
    """The compared regions; shares as percentages with one decimal (Streamlit's "percent" shows two)."""
    ranking = ranking.assign(tower_pct=ranking["tower_rate"] * 100, a_pct=ranking["a_share"] * 100)
    flags = ("orgs_small", "towers_small", "graded_small")
    withheld = any_marked(ranking, *flags)
    ranking = marked(ranking, {"orgs": ("orgs_small", int_text), "members": ("orgs_small", int_text),
                               "towers": ("towers_small", int_text), "tower_pct": ("towers_small", pct_text),
                               "a_pct": ("graded_small", pct_text)})

    def number(col: str, flag: str, title: str):
        return st.column_config.TextColumn(title) if any_marked(ranking, flag) else \
            st.column_config.NumberColumn(title, format="localized")

    def progress(col: str, flag: str, title: str):
        return st.column_config.TextColumn(title) if any_marked(ranking, flag) else \
            st.column_config.ProgressColumn(title, format="%.1f%%", min_value=0, max_value=100)

    st.dataframe(
        ranking,
        key=key,
        hide_index=True,
        column_order=["name", "centres", "orgs", "members", "towers", "tower_pct", "a_pct"],
        column_config={
            "name": t("col.name"),
            "centres": st.column_config.NumberColumn(t("col.centres"), format="localized"),
            "orgs": number("orgs", "orgs_small", t("col.orgs")),
            "members": number("members", "orgs_small", t("col.members")),
            "towers": number("towers", "towers_small", t("col.towers")),
            "tower_pct": progress("tower_pct", "towers_small", t("col.tower_rate")),
            "a_pct": progress("a_pct", "graded_small", t("col.a_share")),
        },
    )
    if withheld:
        st.caption(t("scope.small_note"))
