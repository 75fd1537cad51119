"""The map slide of 大屏模式: district outlines (and a district's street areas) on the dark ground, the
centres as dots coloured by tier, drawn by Vega in the page itself.

No tiles, no iframe, no controls: the slide is dark from its first frame, scales with the screen like
the other charts, and has nothing a hand could click on a wall screen. The centres page keeps its
interactive Leaflet map; this one shows the same centres (阵地地图's loader) and the same outlines.
"""

from __future__ import annotations

import altair as alt
import pandas as pd
import shapely
from shapely.geometry import mapping, shape
from shapely.geometry.polygon import orient

from components.loaders.centres import StreetArea
from components.ui.charts import TIER_COLOURS
from components.ui.i18n import label
from components.ui.map_layers import simplified_outlines
from components.present.look import U
from models.vocab import CENTRE_TIERS

LAND, COAST, STREET, CHOSEN = "#16304f", "#8fb4e3", "#5d7ea8", "#ffd7d9"
DOT_SIZE = {"city": 2.5, "district": 1.2, "street": 0.4}  # dot areas in screen units squared (look.U); the rest 0.12


def clockwise(geometry: dict) -> dict:
    """d3-geo (in Vega) reads a counter-clockwise outer ring (the GeoJSON rule) as the whole globe minus
    the shape; every ring is turned clockwise for it, whatever the source's winding."""
    geom = shape(geometry)
    parts = list(geom.geoms) if isinstance(geom, shapely.MultiPolygon) else [geom]
    return mapping(shapely.MultiPolygon([orient(p, sign=-1.0) for p in parts if not p.is_empty]))


def _features(items: list[tuple[str, dict]]) -> list[dict]:
    return [{"type": "Feature", "properties": {"name": name}, "geometry": clockwise(g)} for name, g in items]


def build(centres: pd.DataFrame, *, district: str | None, street: str | None,
          streets: tuple[StreetArea, ...] = ()) -> alt.LayerChart:
    """The city's districts (or the selected district with its streets) and the area's centres."""
    districts = [(f["properties"]["name"], f["geometry"]) for f in simplified_outlines()["features"]
                 if district is None or f["properties"]["name"] == district]
    land = alt.Chart(alt.Data(values=_features(districts))).mark_geoshape(
        fill=LAND, stroke=COAST, strokeWidth=2.2
    ).encode(tooltip=alt.Tooltip("properties.name:N"))
    layers: list[alt.Chart] = [land]
    if district is not None and streets:
        official = all(a.official for a in streets)
        lines = alt.Chart(alt.Data(values=_features([(a.name, a.geometry) for a in streets]))).mark_geoshape(
            filled=False, stroke=STREET, strokeWidth=1.2, strokeDash=[] if official else [6, 4]
        ).encode(tooltip=alt.Tooltip("properties.name:N"))
        layers.append(lines)
        chosen = [(a.name, a.geometry) for a in streets if a.name == street]
        if chosen:
            layers.append(alt.Chart(alt.Data(values=_features(chosen))).mark_geoshape(
                filled=False, stroke=CHOSEN, strokeWidth=3))
    if not centres.empty:
        order = [c for c in CENTRE_TIERS if c in set(centres["tier"])]
        points = centres.loc[centres["tier"].isin(order), ["lon", "lat", "tier", "name"]].copy()
        points["tier_label"] = points["tier"].map({c: label("tier", c) for c in order})  # not one label() per centre
        points["size"] = points["tier"].map(DOT_SIZE).fillna(0.12)
        points["z"] = points["tier"].map({c: i for i, c in enumerate(reversed(order))})
        labels = [label("tier", c) for c in order]
        dots = alt.Chart(points).transform_calculate(px=f"datum.size * pow({U}, 2)").mark_circle(opacity=0.9, stroke="#0b1a2e", strokeWidth=0.5).encode(
            longitude="lon:Q", latitude="lat:Q",
            color=alt.Color("tier_label:N", title=None, sort=labels,
                            scale=alt.Scale(domain=labels, range=[TIER_COLOURS[c] for c in order]),
                            legend=alt.Legend(orient="top-left", direction="vertical", symbolType="circle")),
            size=alt.Size("px:Q", scale=None, legend=None),
            order=alt.Order("z:Q"),
            tooltip=[alt.Tooltip("name:N"), alt.Tooltip("tier_label:N")],
        )
        layers.append(dots)
    return alt.layer(*layers).project("mercator")
