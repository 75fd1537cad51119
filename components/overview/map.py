"""总览's map: the city's districts (or a district's streets) shaded by the chosen figure; a click selects.

City: the ten real district outlines filled by class. A district: its outline, the other districts faint
(a click moves there), and the streets: imported boundaries filled by class where the client's GeoJSON
was imported, otherwise the illustrative cells (dashed, 示意) with each street seat as a circle whose
area is proportional to the figure. A click on a street selects it; the sidebar and the URL follow.
"""

from __future__ import annotations

from collections.abc import MutableMapping

import folium
import pandas as pd

from components.overview.kpis import KPIS, Kpi
from components.shell import filters
from components.ui import map_choropleth as choro
from components.ui import map_layers, maps
from components.ui.i18n import current_lang, t
from components.ui.memo import memo

MAP_KEY = "overview.map"
RENDER_TWICE = False  # as on 阵地地图: st_folium's map.render() already registers what it sends


def _value(row: pd.Series, kpi: Kpi) -> float | None:
    x = row.get(kpi.column)
    return None if x is None or pd.isna(x) else float(x)


def _lines(row: pd.Series, kpi: Kpi) -> list[str]:
    return [f"{kpi.label()}：{kpi.withheld(row) or kpi.value(_value(row, kpi))}"]


def build(regions: pd.DataFrame, *, kpi: Kpi, district: str | None, street: str | None,
          streets: tuple = ()) -> folium.Map:
    """`regions` is loaders.cockpit.regions (the compared regions with their figures); `streets` the
    selected district's street areas (loaders.centres.street_areas).

    From the render memo: the same view on a rerun costs a hash of its inputs and an unpickled copy of the
    map (each caller gets its own copy, so st_folium may change it), not a new map."""
    return _built(regions, kpi.code, district, street, streets, current_lang())


@memo
def _built(regions: pd.DataFrame, kpi_code: str, district: str | None, street: str | None, streets: tuple,
           lang: str) -> folium.Map:
    del lang  # the key: the map's labels are in the session's language
    return _draw(regions, kpi=KPIS[kpi_code], district=district, street=street, streets=streets)


def _draw(regions: pd.DataFrame, *, kpi: Kpi, district: str | None, street: str | None,
          streets: tuple) -> folium.Map:
    m = maps.base_map(bounds=None)
    # Opened straight at the area's bounds: no zoom animation from the city view, whose scaled vector
    # layer a browser that throttles animation frames (a hidden tab, a headless screenshot) keeps enlarged.
    m.options["zoom_animation"] = False
    values = {r["name"]: _value(r, kpi) for _, r in regions.iterrows()}
    sc = choro.scale(list(values.values()))
    legend = [maps.LegendItem(text, colour, "fill") for colour, text in sc.legend(kpi.value)]
    if any(v is None for v in values.values()):
        legend.append(maps.LegendItem(t("overview.map.no_data"), choro.NO_DATA, "fill"))
    if district is None:
        features = []
        for f in map_layers.simplified_outlines()["features"]:
            name = f["properties"]["name"]
            row = regions[regions["name"] == name]
            lines = _lines(row.iloc[0], kpi) if not row.empty else []
            features.append({"type": "Feature", "geometry": f["geometry"], "properties": {
                "fill": sc.colour(values.get(name)), "sel": False, "dash": False,
                "tip": choro.tip(name, lines, kind="d")}})
        choro.regions(m, features, name=t("map.layer.outlines"))
        maps.fit_district(m, None)
    else:
        maps.district_outlines(m, selected=district)
        official = bool(streets) and all(a.official for a in streets)
        by_name = regions.set_index("name")
        if official:  # the client's boundaries: shade them, a click drills into the street
            features = [{"type": "Feature", "geometry": a.geometry, "properties": {
                "fill": sc.colour(values.get(a.name)), "sel": a.name == street, "dash": False,
                "tip": choro.tip(a.name, _lines(by_name.loc[a.name], kpi) if a.name in by_name.index else [],
                                 kind="s")}} for a in streets]
            choro.regions(m, features, name=t("map.layer.street_boundaries"))
            legend.append(maps.LegendItem(t("map.legend.street_boundaries"), map_layers.OUTLINE, "line"))
        else:
            if streets:
                maps.street_areas(m, streets, district=district, selected=street)
                legend.append(maps.LegendItem(t("map.legend.street_cells"), map_layers.OUTLINE, "line"))
            seats = regions[regions["lon"].notna() & regions["lat"].notna()]
            vals = [values.get(n) for n in seats["name"]]
            sizes = choro.radii(vals) if not kpi.share else [11.0] * len(vals)
            tips = [choro.tip(n, [*_lines(r, kpi), t("overview.map.seat_illustrative")], kind="s")
                    for n, (_, r) in zip(seats["name"], seats.iterrows(), strict=True)]
            choro.circles(m, seats["lon"], seats["lat"], sizes, [sc.colour(v) for v in vals], tips,
                          [n == street for n in seats["name"]], name=t("overview.map.seats"))
            legend.append(maps.LegendItem(t("overview.map.seats_legend"), choro.CLASSES[2], "circle"))
        maps.fit_district(m, district)
    maps.legend(m, legend, title=kpi.label())
    return m


def on_map_change(state: MutableMapping, *, district: str | None, streets: tuple[str, ...]) -> None:
    """st_folium on_change: a district click selects the district (its whole area), a street click the
    street; it runs before the next script run, so the sidebar's widgets may still be set."""
    click = maps.clicked(state.get(MAP_KEY))
    if click is None or click.lat is None or click.lng is None:
        return
    if click.kind == "d":
        lon, lat = maps.stored(click.lng, click.lat, "none")
        if map_layers.district_at(float(lon), float(lat)) != click.ref:
            return  # a stale tooltip (st_folium keeps the last one)
        if state.get(filters.DISTRICT_KEY) != click.ref or state.get(filters.STREET_KEY, filters.ALL) != filters.ALL:
            state[filters.DISTRICT_KEY] = click.ref
            state[filters.STREET_KEY] = filters.ALL
    elif click.kind == "s" and district is not None and click.ref in streets:
        state[filters.DISTRICT_KEY] = district
        state[filters.STREET_KEY] = click.ref
