"""Charts and the small map of the organisation-tree page (builders only: data in, chart or map out)."""

from __future__ import annotations

import altair as alt
import folium
import pandas as pd

from components.ui import maps
from components.ui import palette
from components.ui.charts import count_axis
from components.ui.i18n import label, t
from components.loaders.orgs import Card
from models.geo import SHENZHEN_BBOX

GRADE_COLOURS = {**palette.GRADE_COLOURS, "—": palette.NO_GRADE}  # the one palette, plus "not graded"
CHART_ROWS = 20  # bars in the children chart; the table below lists all
CENTRE_COLOUR, BUILDING_COLOUR, PLACE_COLOUR = "#c8161d", "#2b7bba", "#5b6770"


def children_chart(df: pd.DataFrame) -> alt.Chart:
    """Members of each child's subtree (the largest CHART_ROWS), coloured by latest grade.

    Takes the page's children frame (name, members, grade).
    """
    data = df[["name", "members", "grade"]].copy()
    data["grade"] = data["grade"].fillna("—")
    data = data.sort_values("members", ascending=False, kind="stable").head(CHART_ROWS)
    data["grade_label"] = [label("grade", g) if g != "—" else t("orgs.ungraded") for g in data["grade"]]
    return (
        alt.Chart(data)
        .mark_bar()
        .encode(
            x=alt.X("members:Q", axis=count_axis(t("orgs.col.members"))),
            y=alt.Y("name:N", sort="-x", title=None, axis=alt.Axis(labelLimit=240, labelOverlap=False)),
            color=alt.Color("grade:N", title=t("orgs.col.grade"),
                            scale=alt.Scale(domain=list(GRADE_COLOURS), range=list(GRADE_COLOURS.values())),
                            legend=alt.Legend(orient="bottom", labelExpr=_grade_legend_expr())),
            tooltip=[alt.Tooltip("name:N", title=t("orgs.col.name")),
                     alt.Tooltip("members:Q", title=t("orgs.col.members"), format=","),
                     alt.Tooltip("grade_label:N", title=t("orgs.col.grade"))],
        )
        .properties(height=alt.Step(20))
    )


def _grade_legend_expr() -> str:
    names = {g: (label("grade", g) if g != "—" else t("orgs.ungraded")) for g in GRADE_COLOURS}
    cases = " : ".join(f"datum.label == '{g}' ? '{n}'" for g, n in names.items())
    return f"{cases} : datum.label"


def grade_chart(grades: pd.DataFrame) -> alt.Chart:
    """Composite score per year (columns year, grade, composite), the bar coloured by its grade."""
    data = grades.copy()
    data["grade_label"] = [label("grade", g) for g in data["grade"]]
    data["year"] = data["year"].astype(str)
    return (
        alt.Chart(data)
        .mark_bar(size=22)
        .encode(
            x=alt.X("year:O", title=None, axis=alt.Axis(labelAngle=0)),
            y=alt.Y("composite:Q", title=t("orgs.composite"), scale=alt.Scale(domain=[0, 100])),
            color=alt.Color("grade:N", scale=alt.Scale(domain=list(GRADE_COLOURS)[:4],
                                                       range=list(GRADE_COLOURS.values())[:4]), legend=None),
            tooltip=[alt.Tooltip("year:O", title=t("col.year")), alt.Tooltip("grade_label:N", title=t("orgs.col.grade")),
                     alt.Tooltip("composite:Q", title=t("orgs.composite"), format=".1f")],
        )
        .properties(height=160)
    )


def node_map(card: Card, *, district: str | None, streets: tuple = ()) -> folium.Map:
    """Centres and covered buildings of the node and its direct children, and where the node's area is;
    street boundaries imported for the node's district (`streets`) are drawn, the node's street highlighted.

    Positions below district level are demo positions; only the district outlines are real.
    """
    m = maps.base_map(basemap="none", bounds=SHENZHEN_BBOX)
    maps.district_outlines(m, selected=district, clickable=False)
    official = tuple(a for a in streets if a.official)
    if district and official:
        street = next((a.name for a in official if a.street_id == card.node.street_id), None)
        maps.street_areas(m, official, district=district, selected=street, clickable=False)
    pts, basemap = card.points, "none"
    lon, lat = [], []
    layers = (
        ("centre", CENTRE_COLOUR, "star", t("orgs.map.centres"), lambda r: f"{r.name}（{label('tier', r.sort)}）"),
        ("building", BUILDING_COLOUR, "square", t("orgs.map.buildings"),
         lambda r: f"{r.name}（{label('building', r.sort)}）"),
    )
    legend = []
    for what, colour, shape, name, text in layers:
        part = pts[pts["what"] == what] if not pts.empty else pts
        if part.empty:
            continue
        group = folium.FeatureGroup(name=name).add_to(m)
        for own, size in ((False, 12), (True, 18)):
            sub = part[part["own"] == own]
            rows = maps.point_rows(sub["lon"], sub["lat"], sub["code"], [text(r) for r in sub.itertuples()], basemap)
            if rows:
                maps.symbols(m, group, rows, colour=colour, shape=shape, size=size)
        lon += part["lon"].tolist()
        lat += part["lat"].tolist()
        legend.append(maps.LegendItem(name, colour, shape))
    if card.region is not None:
        name, level, r_lon, r_lat = card.region
        group = folium.FeatureGroup(name=t("orgs.map.place")).add_to(m)
        maps.symbols(m, group, maps.point_rows([r_lon], [r_lat], ["region"], [name], basemap),
                     colour=PLACE_COLOUR, shape="ring", size=16)
        legend.append(maps.LegendItem(t("orgs.map.place_of", level=label("region", level)), PLACE_COLOUR, "ring"))
        if level not in ("city", "district"):
            lon.append(r_lon)
            lat.append(r_lat)
    if lon:
        maps.fit(m, lon, lat, pad_m=600)
    if legend:
        maps.legend(m, legend)
    return m
