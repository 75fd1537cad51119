"""One organisation on the quality-grades page: picker, 40:40:20 breakdown, grade history, indicator tree."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from components.ratings import charts as rating_charts
from components.ui.cards import fmt_int
from components.ui.memo import memo
from components.ui.text import md
from components.ui.i18n import current_lang, label, t
from components.loaders.ratings import OrgDetail
from components.ratings.views import ORG_KEY, draw
from models import grading, indicators

SEARCH_KEY, ASPECT_KEY = "ratings.org_search", "ratings.aspect"


def search_box() -> str:
    return st.text_input(t("ratings.org_search"), key=SEARCH_KEY, placeholder=t("ratings.org_search_placeholder"),
                         persist_state="page")


def org_picker(choices: pd.DataFrame, *, limit_hit: bool) -> int | None:
    """Organisations graded in the year (weakest first); the chosen one survives tab switches."""
    names = {int(i): f"{n}（{g or '—'} · {c if pd.notna(c) else '—'}）"
             for i, n, g, c in zip(choices["org_id"], choices["name"], choices["grade"], choices["composite"], strict=True)}
    org_id = st.selectbox(t("ratings.org"), list(names), key=ORG_KEY, index=None, format_func=names.get,
                          placeholder=t("ratings.org_placeholder"), persist_state="page")
    if limit_hit:
        st.caption(t("ratings.org_limit", n=len(choices)))
    return org_id


def org_header(d: OrgDetail) -> None:
    c = d.card
    where = c.street or f"{c.district or ''}{t('ratings.direct_suffix')}"
    st.subheader(md(c.name))
    st.caption(" · ".join([
        label("category", c.category), label("kind", c.kind), label("org_type", c.org_type), md(where),
        t("ratings.org_members", n=fmt_int(c.members)),
        t("ratings.org_founded", year=c.founded_year) if c.founded_year else "", md(c.code),
    ]))


def breakdown(d: OrgDetail, *, year: int) -> None:
    st.markdown(f"**{t('ratings.breakdown', year=year)}**")
    this_year = d.history[d.history["year"] == year]
    if this_year.empty:
        st.info(t("ratings.org_not_graded", year=year))
        return
    row = this_year.iloc[0]
    draw("composite_breakdown", {k: float(row[k]) for k in ("score_committee", "score_department", "score_social")},
         key="ratings.breakdown_chart")
    parts = [("committee", row["score_committee"], grading.WEIGHTS[0]),
             ("department", row["score_department"], grading.WEIGHTS[1]),
             ("social", row["score_social"], grading.WEIGHTS[2])]
    table = pd.DataFrame([{"part": t(f"ratings.part_{p}"), "score": s, "weight": w, "value": round(w * s, 2)}
                          for p, s, w in parts])
    st.dataframe(table, hide_index=True, key="ratings.breakdown_table", column_config={
        "part": t("ratings.col_part"), "score": t("ratings.col_score"),
        "weight": st.column_config.NumberColumn(t("ratings.col_weight"), format="percent"),
        "value": t("ratings.col_contribution")})
    st.markdown(t("ratings.breakdown_total", composite=row["composite"], grade=label("grade", row["grade"])))


def history(d: OrgDetail) -> None:
    st.markdown(f"**{t('ratings.history')}**")
    if d.history.empty:
        st.info(t("ratings.org_never_graded"))
        return
    draw("history_chart", d.history, key="ratings.history_chart")
    shown = d.history.assign(weak=[t("ratings.yes") if w else "" for w in d.history["weak"]])
    st.dataframe(shown, hide_index=True, key="ratings.history_table", column_config={
        "year": st.column_config.NumberColumn(t("col.year"), format="%d"),
        "score_committee": t("ratings.part_committee"), "score_department": t("ratings.part_department"),
        "score_social": t("ratings.part_social"), "composite": t("ratings.col_composite"),
        "grade": t("ratings.col_grade"), "weak": t("ratings.col_weak")})


def _clicked_aspect() -> None:
    """A click on a first-level bar drills into it (the same as picking it below the chart)."""
    picked = st.session_state.get("ratings.aspects_chart", {}).get("selection", {}).get(rating_charts.SEL_ASPECT) or []
    if picked:
        st.session_state[ASPECT_KEY] = picked[0]["aspect"]


@memo
def _tree_parts(scores: dict[str, float], lang: str) -> dict:
    """The frames the indicator section shows, cut once per organisation, year and language."""
    tree = rating_charts.indicator_frame(scores, lang)
    labels = dict(zip(tree["code"], tree["label"], strict=True))
    leaves = tree[tree["level"] == 3]
    return {
        "firsts": tree[tree["level"] == 1],
        "weakest_aspect": tree[tree["level"] == 1].sort_values(["score", "code"]).iloc[0]["aspect"],
        "weak": tree[tree["weakest"]].sort_values(["score", "code"])[["label", "score"]],
        "inside": {a: rows for a, rows in tree[tree["level"] > 1].groupby("aspect")},
        "leaves": leaves.assign(aspect_name=[labels[a] for a in leaves["aspect"]],
                                parent_name=[labels[p] for p in leaves["parent"]],
                                flag=[t("ratings.weakest", lang) if w else "" for w in leaves["weakest"]]),
        "names": {a: labels[a] for a in tree.loc[tree["level"] == 1, "aspect"]},
    }


def indicator_tree(d: OrgDetail, *, year: int) -> None:
    st.markdown(f"**{t('ratings.indicators', year=year)}**")
    st.caption(t("ratings.indicators_note"))
    if not d.indicators:
        years = "、".join(str(y) for y in d.indicator_years)
        st.info(t("ratings.no_indicators", year=year) + (t("ratings.indicator_years", years=years) if years else ""))
        return
    parts = _tree_parts(d.indicators, current_lang())
    names = parts["names"]
    left, right = st.columns(2)
    with left:
        st.markdown(t("ratings.level1"))
        draw("indicator_bars", parts["firsts"], selectable=True, key="ratings.aspects_chart", on_select=_clicked_aspect,
             selection_mode=rating_charts.SEL_ASPECT)
        if st.session_state.get(ASPECT_KEY) not in names:  # first view: open the weakest aspect
            st.session_state[ASPECT_KEY] = parts["weakest_aspect"]
        aspect = st.selectbox(t("ratings.aspect"), list(names), key=ASPECT_KEY, format_func=names.get,
                              help=t("ratings.aspect_help"), persist_state="page")
    with right:
        st.markdown(t("ratings.weakest_list", n=indicators.WEAKEST_COUNT))
        st.dataframe(parts["weak"], hide_index=True, key="ratings.weakest_table",
                     column_config={"label": t("ratings.col_indicator"), "score": t("ratings.col_score")})
    st.markdown(t("ratings.level23", name=names[aspect]))
    draw("indicator_bars", parts["inside"][aspect], key="ratings.aspect_chart")
    with st.expander(t("ratings.all_indicators")):
        st.dataframe(parts["leaves"], hide_index=True, key="ratings.indicator_table",
                     column_order=["aspect_name", "parent_name", "label", "score", "flag"],
                     column_config={"aspect_name": t("ratings.col_level1"), "parent_name": t("ratings.col_level2"),
                                    "label": t("ratings.col_level3"), "score": t("ratings.col_score"),
                                    "flag": t("ratings.col_flag")})
