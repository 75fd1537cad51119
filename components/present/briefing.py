"""One-page briefing of the presentation's slide set: headline figures, the static outline map and the
slides' charts in one Vega-Lite page, rendered offline by vl-convert to PNG or PDF for a printed handout."""

from __future__ import annotations

import altair as alt
import pandas as pd

from components.ui.cards import Metric
from components.ui.charts import PARTY_RED, TIER_COLOURS
from components.ui.map_layers import OUTLINE, simplified_outlines

from components.ui.chart_png import FONT, ensure_fonts

PAGE_W = 1100


def _rings_clockwise(geometry: dict) -> dict:
    """d3-geo (in Vega) reads a counter-clockwise outer ring (the GeoJSON rule) as the whole globe minus
    the district; the outlines are reversed for it."""
    polys = [[list(reversed(ring)) for ring in poly] for poly in geometry["coordinates"]]
    return {"type": "MultiPolygon", "coordinates": polys}


def outline_map(centres: pd.DataFrame, *, district: str | None, title: str) -> alt.LayerChart:
    """Static map: the real district outlines (only the selected one when filtered) and the centres."""
    features = [
        {"type": "Feature", "properties": {"name": f["properties"]["name"]}, "geometry": _rings_clockwise(f["geometry"])}
        for f in simplified_outlines()["features"]
        if district is None or f["properties"]["name"] == district
    ]
    shapes = alt.Chart(alt.Data(values=features)).mark_geoshape(
        fill="#f4f1ee", stroke=OUTLINE, strokeWidth=1.2
    ).encode(tooltip=alt.Tooltip("properties.name:N"))
    points = centres[["lon", "lat", "tier"]].copy() if not centres.empty else pd.DataFrame(columns=["lon", "lat", "tier"])
    dots = alt.Chart(points).mark_circle(size=14, opacity=0.8).encode(
        longitude="lon:Q", latitude="lat:Q",
        color=alt.Color("tier:N", scale=alt.Scale(domain=list(TIER_COLOURS), range=list(TIER_COLOURS.values())),
                        legend=None),
    )
    return (shapes + dots).properties(width=PAGE_W // 2 - 40, height=360, title=title).project("mercator")


def _text_block(lines: list[tuple[str, int, str]]) -> alt.Chart:
    """Lines of text (text, font size, colour) as a chart, so the page is one Vega-Lite spec."""
    rows = pd.DataFrame([{"text": s, "size": z, "colour": c, "i": i} for i, (s, z, c) in enumerate(lines)])
    rows["y"] = (rows["size"] * 1.5).cumsum()
    return alt.Chart(rows).mark_text(align="left", baseline="bottom").encode(
        x=alt.value(0), y=alt.Y("y:Q", axis=None, scale=None), text="text:N",
        size=alt.Size("size:Q", scale=None, legend=None), color=alt.Color("colour:N", scale=None),
    ).properties(width=PAGE_W, height=int(rows["size"].sum() * 1.5))


def _kpis(metrics: list[Metric]) -> alt.Chart:
    rows = pd.DataFrame([{"i": i, "label": m.label, "value": m.value, "delta": m.delta or ""}
                         for i, m in enumerate(metrics)])
    base = alt.Chart(rows).encode(x=alt.X("i:O", axis=None))
    value = base.mark_text(fontSize=30, fontWeight="bold", color="#1a1a1a", dy=-8).encode(text="value:N")
    caption = base.mark_text(fontSize=13, color="#555555", dy=22).encode(text="label:N")
    delta = base.mark_text(fontSize=12, color="#777777", dy=40).encode(text="delta:N")
    return (value + caption + delta).properties(width=PAGE_W, height=90)


def compose(*, title: str, subtitle: str, demo: str | None, metrics: list[Metric], map_chart: alt.TopLevelMixin,
            parts: list[tuple[str, alt.TopLevelMixin]]) -> alt.VConcatChart:
    """The page: title lines, the KPI strip, then the map and the charts two to a row."""
    lines = [(title, 26, "#1a1a1a"), (subtitle, 14, "#555555")]
    if demo:
        lines.append((demo, 14, "#b35c00"))
    tiles = [map_chart] + [c.properties(title=name, width=PAGE_W // 2 - 60) for name, c in parts]
    # Each tile keeps its own colours and legend (grades, moves, coverage share no scale). Resolve and
    # config are given to the constructors: altair's .resolve_*() and .configure_*() deep-copy the whole
    # chart, data included, on every call, which made composing the page cost ~1 s at shenzhen scale.
    independent = alt.Resolve(scale=alt.ScaleResolveMap(color="independent"),
                              legend=alt.LegendResolveMap(color="independent"))
    rows = [alt.HConcatChart(hconcat=list(tiles[i:i + 2]), spacing=40, resolve=independent)
            for i in range(0, len(tiles), 2)]
    config = alt.Config(font=FONT, background="white", padding=24, view=alt.ViewConfig(stroke=None),
                        title=alt.TitleConfig(fontSize=16, color=PARTY_RED, anchor="start"),
                        axis=alt.AxisConfig(labelFontSize=11, titleFontSize=12))
    return alt.VConcatChart(vconcat=[_text_block(lines), _kpis(metrics), *rows], spacing=24, resolve=independent,
                            config=config)


def part_count(spec: dict) -> int:
    """Tiles (map + charts) on the page of a composed spec: what a reader counts on the handout."""
    return sum(len(row.get("hconcat", [])) for row in spec["vconcat"][2:])


def export(spec: dict, fmt: str) -> bytes:
    """The composed page as PNG (2x, for print) or PDF bytes; offline (vl-convert bundles Vega)."""
    import vl_convert

    ensure_fonts()
    if fmt == "pdf":
        return vl_convert.vegalite_to_pdf(spec)
    return vl_convert.vegalite_to_png(spec, scale=2)
