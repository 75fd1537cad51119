"""Building-coverage views: metrics, the district/street comparison chart, the table and the building card."""

from __future__ import annotations

from urllib.parse import quote

import altair as alt
import pandas as pd
import streamlit as st

from components.ui.cells import mark_text
from components.ui.cards import Metric, fmt_int, fmt_pct
from components.ui.charts import GREY, PARTY_RED, count_axis
from components.ui import vega
from components.ui.i18n import label, t
from components.ui.text import md
from components.ui.cells import dashed
from components.loaders.buildings import BuildingCard, Summary

# The covering organisation a leader counts for each kind of building (DOMAIN.md §3).
HEADLINE_ORG_KIND = {
    "tower": "tower_joint", "residential": "compound_branch", "park": "park_committee", "market": "market_branch",
}
ORG_LINK = "./orgs?org={code}"


def metrics(s: Summary, kind: str) -> list[Metric]:
    headline = HEADLINE_ORG_KIND[kind]
    others = [f"{label('kind', k)} {n:,}" for k, n in sorted(s.orgs_by_kind.items()) if k != headline]
    if s.small:  # 1 or 2 buildings outside the viewer's detail area (models.access): the marker only
        small, note = t("scope.small"), t("scope.small_note")
        return [Metric(t(f"buildings.m.{m}"), small, help=note)
                for m in ("buildings", "covered", "uncovered", "rate", "firms", "members")] + [
            Metric(label("kind", headline), small, help=note)]
    return [
        Metric(t("buildings.m.buildings"), fmt_int(s.buildings)),
        Metric(t("buildings.m.covered"), fmt_int(s.covered)),
        Metric(t("buildings.m.uncovered"), fmt_int(s.uncovered)),
        Metric(t("buildings.m.rate"), fmt_pct(s.rate)),
        Metric(t("buildings.m.firms"), fmt_int(s.firms_covered), help=t("buildings.m.of_total", total=f"{s.firms:,}")),
        Metric(t("buildings.m.members"), fmt_int(s.members_covered),
               help=t("buildings.m.of_total", total=f"{s.members:,}")),
        Metric(label("kind", headline), fmt_int(s.orgs_by_kind.get(headline, 0)),
               help=t("buildings.m.other_orgs", orgs="、".join(others)) if others else None),
    ]


def comparison_chart(df: pd.DataFrame, *, highlight: str | None = None) -> alt.Chart:
    """Covered and uncovered buildings per region as stacked bars, the rate at the end of each bar;
    regions in the order given (best rate first)."""
    covered, uncovered = t("buildings.covered"), t("buildings.uncovered")
    wide = df.copy()
    hidden = wide["small"] if "small" in wide.columns else pd.Series(False, index=wide.index)
    marks = wide["small_mark"] if "small_mark" in wide.columns else pd.Series("", index=wide.index)
    wide["rate_text"] = [
        mark_text(m) if h else "—" if pd.isna(r) else f"{r:.0%}（{int(c):,}/{int(n):,}）"
        for r, c, n, h, m in zip(wide["rate"], wide["covered"], wide["buildings"], hidden, marks, strict=True)
    ]
    wide = wide.drop(columns=[c for c in ("small", "small_mark") if c in wide.columns])
    wide["hl"] = wide["name"] == highlight if highlight else True
    long = wide.melt(id_vars=["name", "rate", "buildings", "firms_covered", "members_covered", "hl"],
                     value_vars=["covered", "uncovered"], var_name="status", value_name="count")
    long["status_label"] = long["status"].map({"covered": covered, "uncovered": uncovered})
    long["order"] = long["status"].map({"covered": 0, "uncovered": 1})
    y = alt.Y("name:N", sort=wide["name"].tolist(), title=None)
    tooltip = [
        alt.Tooltip("name:N", title=t("col.name")),
        alt.Tooltip("status_label:N", title=t("buildings.col.status")),
        alt.Tooltip("count:Q", title=t("col.count"), format=","),
        alt.Tooltip("rate:Q", title=t("buildings.m.rate"), format=".1%"),
        alt.Tooltip("firms_covered:Q", title=t("buildings.m.firms"), format=","),
        alt.Tooltip("members_covered:Q", title=t("buildings.m.members"), format=","),
    ]
    bars = alt.Chart(long).mark_bar().encode(
        x=alt.X("count:Q", stack="zero", axis=count_axis(t("buildings.col.buildings"))),
        y=y,
        color=alt.Color("status_label:N", scale=alt.Scale(domain=[covered, uncovered], range=[PARTY_RED, GREY]),
                        legend=alt.Legend(orient="top", title=None)),
        order=alt.Order("order:Q"),
        opacity=alt.condition(alt.datum.hl, alt.value(1.0), alt.value(0.45)),
        tooltip=tooltip,
    )
    text = alt.Chart(wide).mark_text(align="left", dx=4, fontSize=11).encode(
        x=alt.X("buildings:Q"), y=y, text="rate_text:N",
    )
    return (bars + text).properties(height=alt.Step(22))


def shown(df: pd.DataFrame, *, search: str, only_gaps: bool, radius_m: float) -> pd.DataFrame:
    """The buildings the map and table show: name search, the gap toggle; uncovered and largest first."""
    out = df
    needle = search.strip()
    if needle:
        out = out[out["name"].str.contains(needle, case=False, regex=False, na=False)]
    if only_gaps:
        out = out[~(out["distance_m"] <= radius_m)]  # no located centre at all counts as a gap too
    return out.sort_values(["covered", "firms", "members", "name"], ascending=[True, False, False, True])


def gaps(df: pd.DataFrame, radius_m: float) -> int:
    return int((~(df["distance_m"] <= radius_m)).sum())


def _labels(values: pd.Series, group: str) -> pd.Series:
    """Vocabulary labels of a code column, looked up once per distinct code (not once per row)."""
    codes = values.dropna().unique()
    return values.map({c: label(group, c) for c in codes})


def table(df: pd.DataFrame) -> pd.DataFrame:
    """The table as shown (and exported): vocabulary codes turned into labels, distances in whole metres."""
    covered, uncovered = t("buildings.covered"), t("buildings.uncovered")
    return pd.DataFrame({
        "code": df["code"],
        "name": df["name"],
        "kind": _labels(df["kind"], "building"),
        "street": df["street"],
        "floors": df["floors"].astype("Int64"),
        "firms": df["firms"].astype("Int64"),
        "members": df["members"].astype("Int64"),
        "status": df["covered"].map({True: covered, False: uncovered}),
        # empty text, not None, where there is nothing: the table would show the word "None"
        "org_name": df["org_name"].fillna(""),
        "org_type": _labels(df["org_kind"], "kind").fillna(""),
        "org_link": (ORG_LINK.format(code="") + df["org_code"]).fillna(""),
        "centre_name": df["centre_name"].fillna(""),
        "distance_m": df["distance_m"].round().astype("Int64"),
    }).reset_index(drop=True)


def table_columns() -> dict[str, str]:
    """Column -> header of the table and of its exports (the link column exports the organisation code)."""
    return {
        "name": t("col.name"), "kind": t("buildings.col.kind"), "street": t("sidebar.street"),
        "floors": t("buildings.col.floors"), "firms": t("buildings.col.firms"), "members": t("col.members"),
        "status": t("buildings.col.status"), "org_name": t("buildings.col.org"), "org_type": t("buildings.col.org_type"),
        "org_link": t("buildings.col.org_code"), "centre_name": t("buildings.col.centre"),
        "distance_m": t("buildings.col.distance"),
    }


def render_table(df: pd.DataFrame, *, key: str) -> None:
    cols = table_columns()
    st.dataframe(
        dashed(df), key=key, hide_index=True, column_order=list(cols),
        column_config={
            **{c: cols[c] for c in ("name", "kind", "street", "status", "org_name", "org_type", "centre_name")},
            "floors": st.column_config.NumberColumn(cols["floors"], format="%d"),
            "firms": st.column_config.NumberColumn(cols["firms"], format="localized"),
            "members": st.column_config.NumberColumn(cols["members"], format="localized"),
            "org_link": st.column_config.LinkColumn(cols["org_link"], display_text=r"org=(.+)$",
                                                    help=t("buildings.link_help")),
            "distance_m": st.column_config.NumberColumn(cols["distance_m"], format="localized"),
        },
    )


def export_frame(df: pd.DataFrame) -> pd.DataFrame:
    """What the export writes: the shown rows and columns, the link column as the code it displays."""
    out = df.copy()
    out["org_link"] = out["org_link"].str.removeprefix(ORG_LINK.format(code=""))
    return out




def grade_text(card: BuildingCard) -> str:
    g = card.grade
    if g.grade:
        return t("buildings.card.grade", grade=label("grade", g.grade), year=g.year)
    if g.branch_grades:
        parts = " · ".join(f"{grade} {n}" for grade, n in g.branch_grades.items())
        return t("buildings.card.branch_grades", year=g.year, grades=parts)
    return t("buildings.card.not_graded")


def building_card(card: BuildingCard, *, centre: str | None, distance_m: float | None, key: str) -> None:
    """The card of one building and its covering organisation (link to the organisation's page)."""
    with st.container(border=True, key=key):
        st.markdown(f"**{md(card.name)}**")
        where = " · ".join(md(p) for p in (card.district, card.street) if p)
        floors = t("buildings.card.floors", n=card.floors) if card.floors is not None else None
        st.caption(" · ".join(p for p in (label("building", card.kind), floors, where) if p))
        st.markdown(t("buildings.card.counts", firms=f"{card.firms:,}", members=f"{card.members:,}"))
        if card.org_code is None:
            st.warning(t("buildings.card.uncovered"))
        else:
            st.markdown(t("buildings.card.org", name=md(card.org_name), link=quote(ORG_LINK.format(code=card.org_code), safe="./?=&")))
            since = t("buildings.card.since", year=card.covered_since) if card.covered_since else None
            st.caption(" · ".join(p for p in (label("kind", card.org_kind), label("org_type", card.org_type), since) if p))
            st.markdown(t("buildings.card.latest_grade", text=grade_text(card)))
        if isinstance(centre, str) and pd.notna(distance_m):
            st.markdown(t("buildings.card.centre", name=md(centre), distance=f"{distance_m:,.0f}"))
        else:
            st.markdown(t("buildings.card.no_centre"))


def show_comparison(df: pd.DataFrame, *, highlight: str | None, key: str) -> None:
    """comparison_chart from the chart memo (Altair's build and schema check take ≈ 40 ms a run)."""
    vega.show(comparison_chart, df, highlight=highlight, key=key)
