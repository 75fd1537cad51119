"""Chart builders of the quality-grades page: DataFrame in, alt.Chart out, one fixed A-D palette.

The palette runs blue (A) to orange (D): it stays distinct for the common red-green colour-vision
deficiencies and in greyscale (dark-light-light-dark is told apart by hue, never red against green).
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from components.ui.cells import mark_text
from components.ui.i18n import label, t
from components.ui.palette import GRADE_COLOURS  # the one palette: A-D look the same on every page
from models import grading, indicators
from models.vocab import GRADES

TEXT_ON = {"A": "white", "B": "#1a1a1a", "C": "#1a1a1a", "D": "white"}
MOVE_COLOURS = {"up": GRADE_COLOURS["A"], "same": "#bdbdbd", "down": GRADE_COLOURS["D"]}
NEUTRAL = "#c7c7c7"
SEL_CELL = "cell"  # name of the transition matrix's selection parameter


def grade_scale() -> alt.Scale:
    return alt.Scale(domain=list(GRADES), range=[GRADE_COLOURS[g] for g in GRADES])


def _grade_legend(orient: str = "top") -> alt.Legend:
    expr = " : ".join(f"datum.label == '{g}' ? '{label('grade', g)}'" for g in GRADES) + " : datum.label"
    return alt.Legend(title=None, orient=orient, labelExpr=expr)


def _stacked(df: pd.DataFrame, key: str) -> pd.DataFrame:
    """Start and end of each grade's segment within its bar, A first."""
    out = df.copy()
    out["g"] = out["grade"].map({g: i for i, g in enumerate(GRADES)})
    out = out.sort_values([key, "g"])
    out["share"] = out["share"].fillna(0.0)
    out["x1"] = out.groupby(key)["share"].cumsum()
    out["x0"] = out["x1"] - out["share"]
    out["mid"] = (out["x0"] + out["x1"]) / 2
    out["text_colour"] = out["grade"].map(TEXT_ON)
    out["pct"] = [f"{s:.0%}" if s >= 0.08 else "" for s in out["share"]]
    return out


def _grade_tooltip(row_title: str) -> list[alt.Tooltip]:
    return [
        alt.Tooltip("row:N", title=row_title), alt.Tooltip("grade:N", title=t("ratings.col_grade")),
        alt.Tooltip("n:Q", title=t("col.count"), format=","), alt.Tooltip("share:Q", title=t("ratings.col_share"), format=".1%"),
        alt.Tooltip("total:Q", title=t("ratings.col_graded"), format=","),
    ]


def grade_bars(df: pd.DataFrame, *, row: str, row_title: str) -> alt.Chart:
    """100 % bars of A-D shares, one per row (columns `row`, grade, n, total, share), rows in frame order.

    Each row's label carries its count of graded organisations; segments carry their share. A row whose
    figures are withheld (total NaN: fewer than 3 organisations, models.access) shows its marker ("<3", or
    "（隐去）" for secondary suppression) and no bar.
    """
    marks = df["small_mark"] if "small_mark" in df.columns else [""] * len(df)
    labelled = df.assign(row=[t("scope.marked", name=r, mark=mark_text(m) if n != n else f"{int(n):,}")
                              for r, n, m in zip(df[row], df["total"], marks, strict=True)])
    order = list(dict.fromkeys(labelled["row"]))
    data = _stacked(labelled, "row")
    base = alt.Chart(data).encode(y=alt.Y("row:N", sort=order, title=None, axis=alt.Axis(labelLimit=220)))
    bars = base.mark_bar().encode(
        x=alt.X("x0:Q", title=t("ratings.col_share"), axis=alt.Axis(format="%"), scale=alt.Scale(domain=[0, 1])),
        x2="x1:Q",
        color=alt.Color("grade:N", scale=grade_scale(), legend=_grade_legend()),
        tooltip=_grade_tooltip(row_title),
    )
    text = base.mark_text(fontSize=11).encode(x="mid:Q", text="pct:N", color=alt.Color("text_colour:N", scale=None))
    return (bars + text).properties(height=alt.Step(26))


def trend_chart(df: pd.DataFrame, *, categories: list[str]) -> alt.Chart:
    """A-D shares per year (columns year, category, grade, n, total, share), one panel per category."""
    marks = df["small_mark"] if "small_mark" in df.columns else pd.Series("", index=df.index)
    rows = [t("scope.marked", name=str(y), mark=mark_text(m)) if m else str(y) for y, m in zip(df["year"], marks,
                                                                                                  strict=True)]
    data = df.assign(key=df["year"].astype(str) + "|" + df["category"], row=rows)
    data = _stacked(data, "key")
    data["category_label"] = [label("category", c) for c in data["category"]]
    base = alt.Chart(data).encode(x=alt.X("row:O", title=None, axis=alt.Axis(labelAngle=0)))
    bars = base.mark_bar().encode(
        y=alt.Y("x0:Q", title=t("ratings.col_share"), axis=alt.Axis(format="%"), scale=alt.Scale(domain=[0, 1])),
        y2="x1:Q",
        color=alt.Color("grade:N", scale=grade_scale(), legend=_grade_legend()),
        tooltip=_grade_tooltip(t("col.year")),
    )
    text = base.mark_text(fontSize=10).encode(y="mid:Q", text="pct:N", color=alt.Color("text_colour:N", scale=None))
    order = [label("category", c) for c in categories]
    return (bars + text).properties(width=alt.Step(30), height=220).facet(
        column=alt.Column("category_label:N", sort=order, title=None, header=alt.Header(labelFontSize=13))
    )


def transition_matrix(df: pd.DataFrame) -> alt.Chart:
    """Counts last year (x) -> this year (y), both A-D: upgrades above the diagonal, downgrades below.

    Cells are clickable (point selection `cell` on prev_grade and grade).
    """
    rank = {g: i for i, g in enumerate(GRADES)}
    data = df.copy()
    data["move"] = ["up" if rank[b] < rank[a] else "down" if rank[b] > rank[a] else "same"
                    for a, b in zip(data["prev_grade"], data["grade"], strict=True)]
    data["move_label"] = [t(f"ratings.move_{m}") for m in data["move"]]
    top = max(int(data["n"].max()), 1)
    data["strength"] = [0.15 + 0.85 * (n / top) ** 0.5 if n else 0.0 for n in data["n"]]
    data["text_colour"] = ["white" if s > 0.6 and m != "same" else "#1a1a1a" for s, m in zip(data["strength"], data["move"], strict=True)]
    pick = alt.selection_point(name=SEL_CELL, fields=["prev_grade", "grade"], on="click", clear="dblclick")
    base = alt.Chart(data).encode(
        x=alt.X("prev_grade:N", sort=list(GRADES), title=t("ratings.axis_prev"), axis=alt.Axis(orient="top", labelAngle=0)),
        y=alt.Y("grade:N", sort=list(GRADES), title=t("ratings.axis_now")),
    )
    cells = base.mark_rect(stroke="#333333").encode(
        color=alt.Color("move:N", scale=alt.Scale(domain=list(MOVE_COLOURS), range=list(MOVE_COLOURS.values())),
                        legend=alt.Legend(title=None, orient="bottom", labelExpr=_move_label_expr())),
        opacity=alt.Opacity("strength:Q", scale=None, legend=None),
        strokeWidth=alt.condition(pick, alt.value(3), alt.value(0.5), empty=False),
        tooltip=[alt.Tooltip("prev_grade:N", title=t("ratings.axis_prev")), alt.Tooltip("grade:N", title=t("ratings.axis_now")),
                 alt.Tooltip("move_label:N", title=t("ratings.col_move")), alt.Tooltip("n:Q", title=t("col.count"), format=",")],
    ).add_params(pick)
    text = base.mark_text(fontSize=15, fontWeight="bold").encode(
        text=alt.Text("n:Q", format=","), color=alt.Color("text_colour:N", scale=None)
    )
    return (cells + text).properties(width=alt.Step(72), height=alt.Step(52))


def _move_label_expr() -> str:
    labels = {m: t(f"ratings.move_{m}") for m in MOVE_COLOURS}
    return " : ".join(f"datum.label == '{m}' ? '{text}'" for m, text in labels.items()) + " : datum.label"


def ranking_bars(df: pd.DataFrame, *, value: str, title: str, share: bool, highlight: int = 5) -> alt.Chart:
    """Rows (columns name, `value`, graded) best first; the top and bottom `highlight` in the A and D colours.

    Shares are bars from zero; mean composites are dots on a scale fitted to the data, because bars
    from zero would hide differences of a few points.
    """
    data = df[["name", value, "graded"]].dropna().sort_values(value, ascending=False).reset_index(drop=True)
    k = min(highlight, len(data) // 2)
    data["band"] = ["top" if i < k else "bottom" if i >= len(data) - k else "middle" for i in range(len(data))]
    data["band_label"] = [t(f"ratings.rank_{b}") for b in data["band"]]
    data["text"] = [f"{v:.0%}" if share else f"{v:.1f}" for v in data[value]]
    scale = alt.Scale(domain=[0, 1]) if share else alt.Scale(zero=False, padding=8)
    base = alt.Chart(data).encode(
        x=alt.X(f"{value}:Q", title=title, axis=alt.Axis(format="%") if share else alt.Axis(format=".0f", tickMinStep=1),
                scale=scale),
        y=alt.Y("name:N", sort=data["name"].tolist(), title=None, axis=alt.Axis(labelOverlap=False, labelLimit=160)),
        color=alt.Color("band:N", scale=alt.Scale(domain=["top", "middle", "bottom"],
                                                  range=[GRADE_COLOURS["A"], NEUTRAL, GRADE_COLOURS["D"]]), legend=None),
        tooltip=[alt.Tooltip("name:N", title=t("col.name")),
                 alt.Tooltip(f"{value}:Q", title=title, format=".1%" if share else ".1f"),
                 alt.Tooltip("graded:Q", title=t("ratings.col_graded"), format=","),
                 alt.Tooltip("band_label:N", title=t("ratings.col_rank_band"))],
    )
    marks = base.mark_bar() if share else base.mark_circle(size=90, opacity=1)
    text = base.mark_text(align="left", dx=6, fontSize=11, color="#333333").encode(text="text:N", color=alt.value("#333333"))
    return (marks + text).properties(height=alt.Step(20))


def _band_rules(axis: str, *, coloured: bool = True) -> alt.Chart:
    """Dashed lines at the band bounds (85, 70, 60), in the grade colours or, beside another colour
    scale, in grey with the grade written at the top."""
    bounds = pd.DataFrame([{"v": lower, "g": g, "text": f"{g} ≥ {lower:g}"} for g, lower in grading.BANDS])
    position = alt.X("v:Q") if axis == "x" else alt.Y("v:Q")
    if coloured:
        return alt.Chart(bounds).mark_rule(strokeDash=[4, 3], strokeWidth=1.5).encode(
            **{axis: position}, color=alt.Color("g:N", scale=grade_scale(), legend=None))
    rules = alt.Chart(bounds).mark_rule(strokeDash=[4, 3], strokeWidth=1.2, color="#555555").encode(**{axis: position})
    labels = alt.Chart(bounds).mark_text(align="left", baseline="top", dx=3, y=2, fontSize=10, color="#555555").encode(
        **{axis: position}, text="text:N")
    return rules + labels


def composite_breakdown(scores: dict[str, float]) -> alt.Chart:
    """The composite as the sum of 40 % committee + 40 % department + 20 % social panel, with the bands."""
    parts = [("committee", scores["score_committee"], grading.WEIGHTS[0]),
             ("department", scores["score_department"], grading.WEIGHTS[1]),
             ("social", scores["score_social"], grading.WEIGHTS[2])]
    rows, start = [], 0.0
    for i, (part, score, weight) in enumerate(parts):
        rows.append({"part": t(f"ratings.part_{part}"), "i": i, "score": score, "weight": weight,
                     "value": weight * score, "x0": start, "x1": start + weight * score})
        start += weight * score
    data = pd.DataFrame(rows)
    data["mid"] = (data["x0"] + data["x1"]) / 2
    data["text"] = [f"{w:.0%}×{s:g}" for w, s in zip(data["weight"], data["score"], strict=True)]
    data["row"] = "S"
    colours = ["#4a6fa5", "#7f9cc9", "#b3b3b3"]
    base = alt.Chart(data).encode(y=alt.Y("row:N", title=None, axis=None))
    bars = base.mark_bar(height=34).encode(
        x=alt.X("x0:Q", title=t("ratings.col_composite"), scale=alt.Scale(domain=[0, 100])), x2="x1:Q",
        color=alt.Color("part:N", sort=[r["part"] for r in rows], scale=alt.Scale(range=colours),
                        legend=alt.Legend(title=None, orient="top")),
        tooltip=[alt.Tooltip("part:N", title=t("ratings.col_part")), alt.Tooltip("score:Q", title=t("ratings.col_score")),
                 alt.Tooltip("weight:Q", title=t("ratings.col_weight"), format=".0%"),
                 alt.Tooltip("value:Q", title=t("ratings.col_contribution"), format=".2f")],
    )
    text = base.mark_text(fontSize=11, color="white").encode(x="mid:Q", text="text:N")
    return (bars + text + _band_rules("x", coloured=False)).properties(height=alt.Step(56))


def history_chart(history: pd.DataFrame) -> alt.Chart:
    """Composite per year (columns year, composite, grade) with the band bounds; points in grade colours."""
    data = history.assign(year_label=history["year"].astype(str))
    low = min(40.0, float(data["composite"].min()) - 5 if len(data) else 40.0)
    base = alt.Chart(data).encode(
        x=alt.X("year_label:O", title=None, axis=alt.Axis(labelAngle=0)),
        y=alt.Y("composite:Q", title=t("ratings.col_composite"), scale=alt.Scale(domain=[low, 100])),
    )
    line = base.mark_line(color="#777777")
    points = base.mark_circle(size=160, opacity=1).encode(
        color=alt.Color("grade:N", scale=grade_scale(), legend=_grade_legend()),
        tooltip=[alt.Tooltip("year_label:N", title=t("col.year")), alt.Tooltip("composite:Q", title=t("ratings.col_composite")),
                 alt.Tooltip("grade:N", title=t("ratings.col_grade"))],
    )
    labels = base.mark_text(dy=-14, fontSize=12).encode(text="grade:N")
    return (line + points + labels + _band_rules("y")).properties(height=220)  # rules last: they carry no legend


def indicator_frame(leaf_scores: dict[str, float], lang: str) -> pd.DataFrame:
    """Every indicator with a score: code, level, parent, aspect (first-level code), label, score, band, weakest."""
    scores = indicators.roll_up(leaf_scores)
    weakest = set(indicators.weakest(leaf_scores))
    rows = [
        {"code": n.code, "level": n.level, "parent": n.parent, "aspect": n.code.split(".")[0],
         "label": f"{n.code} {n.name(lang)}", "name": n.name(lang), "score": round(scores[n.code], 1),
         "band": grading.grade_for(scores[n.code]), "weakest": n.code in weakest}
        for n in indicators.NODES if n.code in scores
    ]
    return pd.DataFrame(rows, columns=["code", "level", "parent", "aspect", "label", "name", "score", "band", "weakest"])


SEL_ASPECT = "aspect"  # name of the first-level chart's selection parameter


def indicator_bars(df: pd.DataFrame, *, selectable: bool = False) -> alt.Chart:
    """Indicators (rows of indicator_frame) as bars in code order, coloured by the grade band of their
    score, the weakest third-level ones marked; with `selectable`, a click picks one (parameter `aspect`)."""
    data = df.assign(flag=[t("ratings.weakest") if w else "" for w in df["weakest"]])
    data["band_label"] = [label("grade", b) for b in data["band"]]
    base = alt.Chart(data).encode(
        y=alt.Y("label:N", sort=data["label"].tolist(), title=None, axis=alt.Axis(
            labelLimit=320, labelFontWeight=alt.ExprRef(r"test(/^\d+\.\d+ /, datum.label) ? 'bold' : 'normal'"))),
        x=alt.X("score:Q", title=t("ratings.col_score"), scale=alt.Scale(domain=[0, 100])),
    )
    bars = base.mark_bar().encode(
        color=alt.Color("band:N", scale=grade_scale(), legend=None),
        tooltip=[alt.Tooltip("label:N", title=t("ratings.col_indicator")), alt.Tooltip("score:Q", title=t("ratings.col_score")),
                 alt.Tooltip("band_label:N", title=t("ratings.col_band"))],
    )
    if selectable:
        pick = alt.selection_point(name=SEL_ASPECT, fields=["aspect"], on="click", clear="dblclick")
        bars = bars.add_params(pick).encode(opacity=alt.condition(pick, alt.value(1.0), alt.value(0.45)))
    text = base.mark_text(align="left", dx=4, fontSize=11).encode(text=alt.Text("score:Q", format=".0f"))
    flags = base.mark_text(align="left", dx=30, fontSize=11, fontWeight="bold", color=GRADE_COLOURS["D"]).encode(text="flag:N")
    return (_band_rules("x") + bars + text + flags).properties(height=alt.Step(22))
