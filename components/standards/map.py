"""标准化考核's map: the city's districts (or a district's streets) shaded by their 达标 share.

The same outlines as 总览's map: the ten real district outlines, filled by class; within a district its
outline with the others faint, the streets' imported boundaries filled by class, or else the illustrative
cells (dashed, 示意) with each street seat as a circle coloured by the share.
"""

from __future__ import annotations

import math

import folium
import pandas as pd

from components.ui import map_choropleth as choro
from components.ui import map_layers, maps
from components.ui.cards import fmt_pct
from components.ui.i18n import label, t

MAP_KEY = "standards.map"


def _value(x) -> float | None:
    return None if x is None or (isinstance(x, float) and math.isnan(x)) else float(x)


def _lines(row: pd.Series | None) -> list[str]:
    if row is None:
        return [t("standards.map.no_data")]
    return [f"{t('standards.col_share')}：{fmt_pct(_value(row['share']))}",
            t("standards.map.counts", passed=int(row["passed"]), rectifying=int(row["rectifying"]),
              failed=int(row["failed"]), pending=int(row["pending"]),
              l_passed=label("standard", "passed"), l_rectifying=label("standard", "rectifying"),
              l_failed=label("standard", "failed"), l_pending=label("standard", "pending"))]


def build(regions: pd.DataFrame, *, district: str | None, street: str | None, streets: tuple = ()) -> folium.Map:
    """`regions` is the page's by-region table; `streets` the district's street areas (loaders.centres)."""
    m = maps.base_map(bounds=None)
    m.options["zoom_animation"] = False
    by_name = {r["name"]: r for _, r in regions.iterrows()}
    values = {n: _value(r["share"]) for n, r in by_name.items()}
    sc = choro.scale(list(values.values()))
    legend = [maps.LegendItem(text, colour, "fill") for colour, text in sc.legend(fmt_pct)]
    if any(v is None for v in values.values()):
        legend.append(maps.LegendItem(t("standards.map.no_data"), choro.NO_DATA, "fill"))
    if district is None:
        features = [{"type": "Feature", "geometry": f["geometry"], "properties": {
            "fill": sc.colour(values.get(f["properties"]["name"])), "sel": False, "dash": False,
            "tip": choro.tip(f["properties"]["name"], _lines(by_name.get(f["properties"]["name"])), kind=None)}}
            for f in map_layers.simplified_outlines()["features"]]
        choro.regions(m, features, name=t("map.layer.outlines"))
    else:
        maps.district_outlines(m, selected=district, clickable=False)
        if streets and all(a.official for a in streets):
            features = [{"type": "Feature", "geometry": a.geometry, "properties": {
                "fill": sc.colour(values.get(a.name)), "sel": a.name == street, "dash": False,
                "tip": choro.tip(a.name, _lines(by_name.get(a.name)), kind=None)}} for a in streets]
            choro.regions(m, features, name=t("map.layer.street_boundaries"))
        else:
            if streets:
                maps.street_areas(m, streets, district=district, selected=street, clickable=False)
                legend.append(maps.LegendItem(t("map.legend.street_cells"), map_layers.OUTLINE, "line"))
            seats = regions[regions["lon"].notna() & regions["lat"].notna()]
            tips = [choro.tip(n, _lines(by_name[n]), kind=None) for n in seats["name"]]
            choro.circles(m, seats["lon"], seats["lat"], [11.0] * len(seats),
                          [sc.colour(values.get(n)) for n in seats["name"]], tips,
                          [n == street for n in seats["name"]], name=t("standards.map.seats"))
    maps.fit_district(m, district)
    maps.legend(m, legend, title=t("standards.col_share"))
    return m
