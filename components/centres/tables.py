"""Tables of 阵地地图: centres that cannot be placed, reach per region, gaps and suggested sites."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from components.ui import cards, exports
from components.ui.cards import Metric, fmt_pct, fmt_pp_delta
from components.ui.i18n import label, t
from components.ui.exports import Recorder
from components.ui.cells import dashed

_PCT = {"format": "percent", "min_value": 0, "max_value": 1}


def _kind(codes: pd.Series) -> pd.Series:
    return codes.map({k: t(f"centres.kind.{k}") for k in ("community", "tower", "residential")})


def kpi_help(by_tier: dict[str, int], n_tiers: tuple[str, ...]) -> str:
    return " · ".join(f"{label('tier', tier)} {by_tier.get(tier, 0):,}" for tier in n_tiers)


def unlocated(df: pd.DataFrame) -> None:
    """The 无法定位 list: centres with missing or out-of-Shenzhen coordinates, with the reason."""
    view = df[["name", "tier", "district", "street", "address", "lon", "lat", "problem"]].assign(
        tier_label=[label("tier", c) for c in df["tier"]], reason=[t(f"centres.problem.{p}") for p in df["problem"]])
    st.dataframe(
        dashed(view), key="centres.unlocated", hide_index=True,
        column_order=["name", "tier_label", "district", "street", "address", "lon", "lat", "reason"],
        column_config={
            "name": t("col.name"), "tier_label": t("col.tier"), "district": t("sidebar.district"),
            "street": t("sidebar.street"), "address": t("centres.card.address"),
            "lon": st.column_config.NumberColumn(t("centres.col.lon"), format="%.5f"),
            "lat": st.column_config.NumberColumn(t("centres.col.lat"), format="%.5f"),
            "reason": t("centres.col.reason"),
        },
    )


def reach(table: pd.DataFrame, *, level: str) -> None:
    cfg = {"name": t(f"sidebar.{level}")}
    for col in ("communities", "towers", "residential"):
        kind = {"communities": "community", "towers": "tower", "residential": "residential"}[col]
        cfg[col] = st.column_config.NumberColumn(t(f"centres.col.{col}"), format="localized")
        cfg[f"{col}_reached"] = st.column_config.NumberColumn(t("centres.col.within", kind=t(f"centres.kind.{kind}")),
                                                              format="localized")
        cfg[f"{col}_share"] = st.column_config.ProgressColumn(t("centres.col.share"), **_PCT)
    st.dataframe(table, key="centres.reach_table", hide_index=True, column_config=cfg, height=420)


GAP_COLUMNS = ("kind_label", "name", "district", "street", "distance_m", "nearest")


def _gap_headers() -> dict[str, str]:
    return {"kind_label": t("centres.col.kind"), "name": t("col.name"), "district": t("sidebar.district"),
            "street": t("sidebar.street"), "distance_m": t("centres.col.distance"), "nearest": t("centres.col.nearest")}


def gaps(df: pd.DataFrame, *, radius_m: int, record: Recorder) -> None:
    view = df[["kind", "name", "district", "street", "distance_m", "nearest"]].assign(kind_label=_kind(df["kind"]))
    headers = _gap_headers()
    st.dataframe(
        dashed(view), key="centres.gaps", hide_index=True, column_order=list(GAP_COLUMNS), height=360,
        column_config={**headers, "distance_m": st.column_config.NumberColumn(headers["distance_m"], format="localized")},
    )
    exports.download_buttons(view, key="centres.gaps_export", file_stem=t("centres.gaps.file", radius=radius_m),
                             columns=headers, record=record)


def sites(df: pd.DataFrame, *, radius_m: int, record: Recorder) -> None:
    view = df.assign(kind_label=_kind(df["kind"]))
    headers = {"rank": t("centres.col.rank"), "name": t("centres.col.site"), "kind_label": t("centres.col.kind"),
               "district": t("sidebar.district"), "street": t("sidebar.street"), "gain": t("centres.col.gain"),
               "lon": t("centres.col.lon"), "lat": t("centres.col.lat")}
    st.dataframe(view, key="centres.sites", hide_index=True, column_order=list(headers),
                 column_config={**headers, "lon": st.column_config.NumberColumn(headers["lon"], format="%.5f"),
                                "lat": st.column_config.NumberColumn(headers["lat"], format="%.5f")})
    exports.download_buttons(view, key="centres.sites_export", file_stem=t("centres.sites.file", radius=radius_m),
                             columns=headers, record=record)


def plan_metrics(before: pd.DataFrame, after: pd.DataFrame) -> None:
    """Share of each kind of place within reach with the suggested sites, and the gain over now."""
    metrics = []
    for (kind, now), then in zip(before[["kind", "share"]].itertuples(index=False), after["share"], strict=True):
        if pd.notna(now):
            metrics.append(Metric(t("centres.sites.share", kind=t(f"centres.kind.{kind}")), fmt_pct(then),
                                  fmt_pp_delta(then - now), help=t("centres.sites.share_help", now=fmt_pct(now))))
    cards.metric_row(metrics, key="centres.plan_metrics")
