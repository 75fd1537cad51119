"""Render helpers of the 问题清单 page, given the page's AlertData (components/loaders/alerts.py)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from components.loaders.alerts import AlertData, CountTable
from components.ui.cells import any_marked, int_text, marked
from components.loaders.audit import Recorder
from components.ui import cards, exports
from components.ui.i18n import current_lang, t
from models import alerts
from models.coverage import DEFAULT_RADIUS_M

KIND_KEY, SEVERITY_KEY = "alerts.kind", "alerts.severity"
DEFAULT_SEVERITIES = (alerts.RED, alerts.AMBER)


def severity_label(code: str) -> str:
    return t(f"alerts.sev.{code}", days=alerts.WINDOW_DAYS)


def kind_label(code: str) -> str:
    return t(f"alerts.kind.{code}")


def today_note(data: AlertData) -> None:
    st.caption(t(f"alerts.today.{data.today.source}", date=data.today.day.isoformat()))


def rules_note() -> None:
    st.caption(t("alerts.rules", vacancy=alerts.VACANCY_FILL_DAYS, radius=f"{DEFAULT_RADIUS_M:,}"))


def pickers() -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(kinds, severities) chosen; every kind and red + amber by default."""
    with st.container(horizontal=True, key="alerts.pickers"):
        kinds = st.multiselect(t("alerts.filter.kind"), alerts.KINDS, default=list(alerts.KINDS),
                               format_func=kind_label, key=KIND_KEY)
        sevs = st.multiselect(t("alerts.filter.severity"), alerts.SEVERITIES, default=list(DEFAULT_SEVERITIES),
                              format_func=severity_label, key=SEVERITY_KEY)
    return tuple(kinds), tuple(sevs)


def metrics(data: AlertData, counts: CountTable) -> None:
    row = [cards.Metric(t(f"alerts.metric.{s}"), t("scope.small") if counts.totals[s] is None else
                        f"{counts.totals[s]:,}") for s in alerts.SEVERITIES]
    row.append(cards.Metric(t("alerts.metric.secretaries"), t("alerts.metric.secretaries_value", **data.secretaries)))
    cards.metric_row(row, key="alerts.metrics")


def counts_table(counts: CountTable, *, level: str) -> pd.DataFrame:
    """Region x severity (and the total) of the chosen kinds, shown and returned for the export; a withheld
    cell (models.access small aggregates) reads "<3" or "（隐去）" in both."""
    cols = [*alerts.SEVERITIES, "total"]
    withheld = any_marked(counts.table, *(f"{c}_small" for c in cols))
    table = marked(counts.table, {c: (f"{c}_small", int_text) for c in cols})[["region", *cols]]
    st.subheader(t("alerts.counts", level=t(f"alerts.level.{level}")))
    labels = {"region": t("alerts.col.region"), **{s: severity_label(s) for s in alerts.SEVERITIES},
              "total": t("alerts.col.total")}
    st.dataframe(table.rename(columns=labels), hide_index=True, width="stretch", key="alerts.counts_table")
    if withheld or any(n is None for n in counts.totals.values()):
        st.caption(t("scope.small_note"))
    return table


def _detail(kind, sev, detail, since, lang: str) -> str:
    since = since.isoformat() if hasattr(since, "isoformat") else ""
    if kind == "term":
        return t("alerts.detail.term_done", lang, since=since) if sev == alerts.GREEN else t(
            "alerts.detail.term", lang, years=detail, since=since)
    if kind == "vacancy":
        return t("alerts.detail.vacancy_done", lang, since=since) if sev == alerts.GREEN else t(
            "alerts.detail.vacancy", lang, since=since, days=detail)
    if kind == "weak":
        return t("alerts.detail.weak_done" if sev == alerts.GREEN else "alerts.detail.weak", lang,
                 leader=detail or "—")
    if kind == "grade":
        return t("alerts.detail.grade", lang, grades=detail)
    if kind == "tower":
        return t("alerts.detail.tower", lang, floors=detail)
    if kind == "reach":
        return t("alerts.detail.reach", lang, radius=f"{DEFAULT_RADIUS_M:,}") if detail is None else t(
            "alerts.detail.reach_nearest", lang, radius=f"{DEFAULT_RADIUS_M:,}", distance=f"{int(detail):,}")
    return t(f"alerts.detail.centre.{detail if detail in alerts.CENTRE_GAPS else 'coords'}", lang)


ITEM_COLUMNS = ("severity_label", "kind_label", "due_on", "name", "link", "detail_text", "responsible", "street",
                "district", "code")


def shown_items(items: pd.DataFrame, kinds: tuple[str, ...], severities: tuple[str, ...]) -> pd.DataFrame:
    """The list as shown and exported: chosen kinds and severities, in due order, labels in the page's language."""
    df = items[items["kind"].isin(kinds) & items["severity"].isin(severities)].copy()
    # Plain lists and the language read once: iterating Arrow-backed columns row by row (itertuples) and
    # asking the session's language per row cost ~100 ms a rerun at 1 M organisations (~10,000 rows shown).
    lang = current_lang()
    df["severity_label"] = df["severity"].map({s: t(f"alerts.sev.{s}", lang, days=alerts.WINDOW_DAYS)
                                               for s in alerts.SEVERITIES})
    df["kind_label"] = df["kind"].map({k: t(f"alerts.kind.{k}", lang) for k in alerts.KINDS})
    df["detail_text"] = [_detail(k, s, d, since, lang) for k, s, d, since in
                         zip(df["kind"].tolist(), df["severity"].tolist(), df["detail"].tolist(),
                             df["since"].tolist(), strict=True)]
    return df[list(ITEM_COLUMNS)].reset_index(drop=True)


def column_labels() -> dict[str, str]:
    return {"severity_label": t("alerts.col.severity"), "kind_label": t("alerts.col.kind"),
            "due_on": t("alerts.col.due_on"), "name": t("alerts.col.name"), "code": t("alerts.col.code"),
            "responsible": t("alerts.col.responsible"), "district": t("alerts.col.district"),
            "street": t("alerts.col.street"), "detail_text": t("alerts.col.detail"), "link": t("alerts.col.link")}


def item_list(df: pd.DataFrame, *, cut: bool, limit: int, record: Recorder) -> None:
    st.subheader(t("alerts.list"))
    if cut:
        st.caption(t("alerts.cut", n=f"{limit:,}"))
    if df.empty:
        st.info(t("alerts.none"))
        return
    labels = column_labels()
    config = {labels["link"]: st.column_config.LinkColumn(labels["link"], display_text=t("alerts.open")),
              labels["due_on"]: st.column_config.DateColumn(labels["due_on"], format="YYYY-MM-DD")}
    st.dataframe(df.rename(columns=labels), hide_index=True, width="stretch", column_config=config,
                 key="alerts.items_table")
    exports.download_buttons(df.drop(columns=["link"]), key="alerts.items", file_stem=t("alerts.file"),
                             columns={c: labels[c] for c in ITEM_COLUMNS if c != "link"}, record=record)


def counts_export(table: pd.DataFrame, *, record: Recorder) -> None:
    labels = {"region": t("alerts.col.region"), **{s: severity_label(s) for s in alerts.SEVERITIES},
              "total": t("alerts.col.total")}
    exports.download_buttons(table, key="alerts.counts", file_stem=t("alerts.file_counts"), columns=labels,
                             record=record)
