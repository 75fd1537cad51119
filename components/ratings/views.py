"""Sections of the quality-grades page (支部评级): pickers, KPI row, distributions, transitions, rankings,
the 软弱涣散 register. Each takes loaded frames and draws; none reads the store."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from components.ratings import charts as rating_charts
from components.ui import chart_png, exports, vega
from components.ui.cards import fmt_int, fmt_int_delta, fmt_pct, fmt_pp_delta
from components.shell import params
from components.ui.i18n import LANGS, label, t
from components.ui.exports import Recorder
from components.ui.cells import dashed
from components.ui.text import md
from models import grading
from components.loaders.ratings import Pair, RatingKpis
from models.rules import ChildLevel
from models.vocab import GRADES, ORG_CATEGORIES

ALL = "all"
CATEGORY_KEY, TAB_KEY, ORG_KEY, CELL_KEY = "ratings.category", "ratings.tab", "ratings.org", "ratings.cell"
TABS = ("distribution", "trend", "transitions", "ranking", "committees", "register", "org")


def draw(builder: str, data: object, *, key: str, on_select="ignore", selection_mode: str | None = None,
         **kwargs) -> None:
    """Draw rating_charts.<builder>(data, **kwargs) from the chart memo."""
    vega.show(getattr(rating_charts, builder), data, key=key, on_select=on_select, selection_mode=selection_mode,
              **kwargs)


def _category_label(code: str, lang: str) -> str:
    return t("ratings.all_categories", lang) if code == ALL else label("category", code, lang)


CATEGORY = params.Coded(CATEGORY_KEY, (ALL, *ORG_CATEGORIES), ALL, _category_label)
TAB = params.Coded(TAB_KEY, TABS, TABS[0], lambda name, lang: t(f"ratings.tab_{name}", lang),
                   state=lambda name: t(f"ratings.tab_{name}"))


def tab_labels() -> list[str]:
    """Tab labels in the session's language; a tab opened in the other language stays open, and the
    URL's `ratings.tab` (a tab's code, e.g. trend) opens that tab. Call open_tab() after drawing them."""
    problem = params.take(TAB)
    if problem:
        st.warning(problem)
    current = st.session_state.get(TAB_KEY)
    for name in TABS:
        if current in {t(f"ratings.tab_{name}", lang) for lang in LANGS}:
            st.session_state[TAB_KEY] = t(f"ratings.tab_{name}")
    return [t(f"ratings.tab_{name}") for name in TABS]


def keep_tab(open_name: str | None) -> None:
    """Write the open tab's code into the URL."""
    params.put(TAB, open_name)


def category_picker() -> str | None:
    """The category filter of the page (None: all five); kept in the URL like the sidebar filter."""
    problem = params.take(CATEGORY)  # the URL holds the code (hometown, ...), never the label
    if problem:
        st.warning(problem)
    choice = st.segmented_control(
        t("ratings.category"), [ALL, *ORG_CATEGORIES], key=CATEGORY_KEY, required=True,
        format_func=lambda c: t("ratings.all_categories") if c == ALL else label("category", c),
    )
    params.put(CATEGORY, choice)
    return None if choice in (None, ALL) else choice


def category_label(category: str | None) -> str:
    return t("ratings.all_categories") if category is None else label("category", category)


def rule_note() -> None:
    """The grading rule, from models/grading.py (the generator, the importer and the store use the same)."""
    w1, w2, w3 = (f"{w:.0%}" for w in grading.WEIGHTS)
    bands = "，".join(f"{g} {rng}" for g, rng in grading.bands_table())
    st.caption(t("ratings.rule", w1=w1, w2=w2, w3=w3, bands=bands))


def rule_table() -> None:
    rows = [{"grade": label("grade", g), "range": rng} for g, rng in grading.bands_table()]
    st.dataframe(pd.DataFrame(rows), hide_index=True, key="ratings.rule_table",
                 column_config={"grade": t("ratings.col_grade"), "range": t("ratings.col_range")})


def withheld(df: pd.DataFrame) -> bool:
    """Whether a frame's figures are withheld for the viewer (models.access small aggregates)."""
    return "small" in df.columns and bool(df["small"].any())


def _shown(p: Pair, fmt) -> str:
    return t("scope.small") if p.small else fmt(p.now)


def _metric(title: str, value: str, delta: str | None, *, worse_up: bool = False, help: str | None = None) -> None:
    st.metric(title, value, delta, delta_color="inverse" if worse_up else "normal", help=help, border=True)


def _int_delta(p: Pair) -> str | None:
    return fmt_int_delta(p.delta)


def kpi_row(k: RatingKpis, *, key: str) -> None:
    with st.container(key=key, horizontal=True):
        small = t("scope.small_note") if k.graded.small else None
        _metric(t("ratings.kpi_graded"), _shown(k.graded, fmt_int), _int_delta(k.graded),
                help=small or t("ratings.kpi_graded_help", n=k.first_graded))
        _metric(t("ratings.kpi_a_share"), _shown(k.a_share, fmt_pct), fmt_pp_delta(k.a_share.delta), help=small)
        _metric(t("ratings.kpi_d_count"), _shown(k.d_count, fmt_int), _int_delta(k.d_count), worse_up=True, help=small)
        _metric(t("ratings.kpi_weak"), _shown(k.weak_open, fmt_int), _int_delta(k.weak_open), worse_up=True,
                help=small or t("ratings.kpi_weak_help"))
        _metric(t("ratings.kpi_up"), _shown(k.upgrades, fmt_int), _int_delta(k.upgrades),
                help=small or t("ratings.kpi_moves_help"))
        _metric(t("ratings.kpi_down"), _shown(k.downgrades, fmt_int), _int_delta(k.downgrades), worse_up=True,
                help=small or t("ratings.kpi_moves_help"))


def distribution(by_category: pd.DataFrame, by_region: pd.DataFrame, *, level: ChildLevel, area: str,
                 record: Recorder) -> None:
    """Grades by category and by region, each with a titled PNG download (audited by `record`)."""
    left, right = st.columns(2)
    with left:
        st.subheader(t("ratings.by_category"))
        cats = by_category.assign(name=[label("category", c) for c in by_category["category"]])
        shown = cats[(cats["total"] > 0) | cats.get("small", False)]  # "<3" rows stay, without their figures
        draw("grade_bars", shown, row="name", row_title=t("col.category"), key="ratings.by_category_chart")
        chart_png.button(vega.plain_spec(rating_charts.grade_bars, shown, row="name", row_title=t("col.category")),
                         title=t("ratings.by_category"), key="ratings.by_category_chart", record=record)
    with right:
        st.subheader(t(f"ratings.by_{level.level}"))
        if by_region.empty:
            st.info(t("ratings.empty_area", area=area))
            return
        direct = t(f"ratings.direct_{level.direct}") if level.direct else ""
        regions = by_region.assign(name=by_region["name"].fillna(direct))
        draw("grade_bars", regions, row="name", row_title=t(f"vocab.region.{level.level}"), key="ratings.by_region_chart")
        chart_png.button(vega.plain_spec(rating_charts.grade_bars, regions, row="name",
                                         row_title=t(f"vocab.region.{level.level}")),
                         title=t(f"ratings.by_{level.level}"), key="ratings.by_region_chart", record=record)
        if level.direct and (by_region["rid"] == 0).any():
            st.caption(t(f"ratings.direct_note_{level.direct}"))


def trend(df: pd.DataFrame, *, category: str | None) -> None:
    st.subheader(t("ratings.trend"))
    cats = [category] if category else list(ORG_CATEGORIES)
    hidden = df["small"] if "small" in df.columns else pd.Series(False, index=df.index)
    present = [c for c in cats if df.loc[df["category"] == c, "n"].sum() > 0 or hidden[df["category"] == c].any()]
    if not present:
        st.info(t("ratings.empty_trend"))
        return
    draw("trend_chart", df[df["category"].isin(present)], categories=present, key="ratings.trend_chart")


def _cell_code(prev: str, now: str) -> str:
    return f"{prev}{now}"


def _clicked_cell() -> None:
    """A click on the matrix picks the same cell in the selectbox below it."""
    picked = st.session_state.get("ratings.matrix", {}).get("selection", {}).get(rating_charts.SEL_CELL) or []
    if picked:
        st.session_state[CELL_KEY] = _cell_code(picked[0]["prev_grade"], picked[0]["grade"])


def transition_cell(df: pd.DataFrame, *, year: int) -> tuple[str, str] | None:
    """The matrix last year -> this year and the cell the user picked (by click or from the list)."""
    st.subheader(t("ratings.transitions", prev=year - 1, year=year))
    if withheld(df):
        st.info(t("ratings.transitions_small"))
        st.caption(t("scope.small_note"))
        return None
    if int(df["n"].sum()) == 0:
        st.info(t("ratings.empty_transitions", prev=year - 1))
        return None
    left, right = st.columns([3, 2])
    with left:
        draw("transition_matrix", df, key="ratings.matrix", on_select=_clicked_cell, selection_mode=rating_charts.SEL_CELL)
        st.caption(t("ratings.matrix_hint"))
    counts = {_cell_code(p, g): int(n) for p, g, n in zip(df["prev_grade"], df["grade"], df["n"], strict=True)}
    with right:
        code = st.selectbox(
            t("ratings.cell"), [c for c, n in counts.items() if n], key=CELL_KEY, index=None,
            placeholder=t("ratings.cell_placeholder"),
            format_func=lambda c: t("ratings.cell_option", prev=c[0], now=c[1], n=counts[c], move=_move(c)),
        )
        up = sum(n for c, n in counts.items() if GRADES.index(c[1]) < GRADES.index(c[0]))
        down = sum(n for c, n in counts.items() if GRADES.index(c[1]) > GRADES.index(c[0]))
        st.markdown(t("ratings.moves_summary", up=fmt_int(up), down=fmt_int(down),
                      same=fmt_int(sum(counts.values()) - up - down)))
    return (code[0], code[1]) if code else None


def _move(code: str) -> str:
    a, b = GRADES.index(code[0]), GRADES.index(code[1])
    return t("ratings.move_up") if b < a else t("ratings.move_down") if b > a else t("ratings.move_same")


def _open_org(table_key: str, org_ids: list[int]) -> None:
    """Picking a row in a list opens that organisation's profile tab."""
    rows = st.session_state.get(table_key, {}).get("selection", {}).get("rows") or []
    if rows:
        st.session_state[ORG_KEY] = org_ids[rows[0]]
        st.session_state[TAB_KEY] = t("ratings.tab_org")


def _where(df: pd.DataFrame) -> list[str]:
    return [s if isinstance(s, str) else f"{d}{t('ratings.direct_suffix')}" for s, d in zip(df["street"], df["district"], strict=True)]


def cell_orgs(df: pd.DataFrame, *, prev: str, now: str, key: str) -> None:
    st.markdown(t("ratings.cell_list", prev=prev, now=now, n=fmt_int(len(df))))
    shown = df.assign(category=[label("category", c) for c in df["category"]], where=_where(df))
    st.dataframe(
        dashed(shown), key=key, hide_index=True, on_select=lambda: _open_org(key, df["org_id"].tolist()),
        selection_mode="single-row", column_order=["name", "category", "where", "prev_composite", "composite", "code"],
        column_config={"name": t("col.name"), "category": t("col.category"), "where": t("ratings.col_where"),
                       "prev_composite": t("ratings.col_prev_composite"), "composite": t("ratings.col_composite"),
                       "code": t("ratings.col_code")},
    )
    st.caption(t("ratings.pick_hint"))


def ranking(df: pd.DataFrame, *, level: str) -> None:
    st.subheader(t(f"ratings.ranking_{level}"))
    if df.empty:
        st.info(t("ratings.empty_ranking"))
        return
    st.caption(t("ratings.ranking_note", n=min(5, len(df) // 2)))
    left, right = st.columns(2)
    with left:
        draw("ranking_bars", df, value="a_share", title=t("col.a_share"), share=True, key="ratings.rank_a")
    with right:
        draw("ranking_bars", df, value="mean_composite", title=t("ratings.col_mean"), share=False, key="ratings.rank_mean")
    if withheld(df):
        names = t("common.list_separator").join(md(n) for n in df.loc[df["small"], "name"].astype(str))
        st.caption(f"{t('ratings.ranking_withheld', names=names)} {t('scope.small_note')}")


REGISTER_COLUMNS = ("name", "category", "where", "year_entered", "first_secretary", "secretary_detail", "lead_leader",
                    "deadline", "measures", "status", "closing_review", "history", "code")


def register_frame(df: pd.DataFrame) -> pd.DataFrame:
    """The register with codes turned into the words a reader expects (shown and exported alike)."""
    return df.assign(
        category=[label("category", c) for c in df["category"]], where=_where(df),
        first_secretary=[t("ratings.yes") if v else t("ratings.no") for v in df["first_secretary"]],
        status=[t("ratings.status_closed", year=y) if s == "closed" else t("ratings.status_rectifying")
                for s, y in zip(df["status"], df["year_closed"], strict=True)],
        secretary_detail=[_secretary(r) for r in df.itertuples()],
    )


def _secretary(row) -> str:
    """第一书记: name (rank, sending unit, since), "" when none is recorded."""
    if not row.first_secretary_name:
        return ""
    parts = [p for p in (row.first_secretary_rank, row.first_secretary_unit) if p]
    if row.first_secretary_since is not None and not pd.isna(row.first_secretary_since):
        parts.append(t("ratings.reg_since", date=str(row.first_secretary_since)))
    if not parts:
        return row.first_secretary_name
    return t("ratings.reg_secretary_fmt", name=row.first_secretary_name, parts=t("ratings.reg_sep").join(parts))


def register_columns() -> dict[str, str]:
    return {c: t(f"ratings.reg_{c}") for c in REGISTER_COLUMNS}


def register(df: pd.DataFrame, *, year: int, file_stem: str, record: Recorder) -> None:
    st.subheader(t("ratings.register", year=year))
    status = st.segmented_control(
        t("ratings.register_status"), ("open", "all", "closed"), key="ratings.register_status", default="open",
        required=True, format_func=lambda s: t(f"ratings.register_{s}"),
    )
    shown = df if status == "all" else df[df["status"] == ("rectifying" if status == "open" else "closed")]
    rectifying = df[df["status"] == "rectifying"]
    st.caption(t("ratings.register_summary", open=fmt_int(len(rectifying)), closed=fmt_int(len(df) - len(rectifying)),
                 no_secretary=fmt_int(int((~rectifying["first_secretary"]).sum()))))
    if shown.empty:
        st.info(t("ratings.register_empty"))
        return
    table = register_frame(shown.reset_index(drop=True))
    key = "ratings.register_table"
    st.dataframe(table, key=key, hide_index=True, on_select=lambda: _open_org(key, table["org_id"].tolist()),
                 selection_mode="single-row", column_order=list(REGISTER_COLUMNS), column_config=register_columns())
    st.caption(t("ratings.pick_hint"))
    exports.download_buttons(table, key="ratings.register_export", file_stem=file_stem, columns=register_columns(),
                             record=record)
