"""Shared map building blocks: basemap with the GCJ-02 shift, district outlines, symbol layers, legend, clicks.

Start every map with `base_map(basemap=...)`. The map remembers its basemap, and every overlay added
through this module is shifted to GCJ-02 when the 高德 tiles are shown: coordinates are stored in
WGS-84 and 高德 draws its streets in GCJ-02 (DOMAIN.md §6, ≈ 600 m apart in Shenzhen).

Points travel as compact rows and become markers in the browser (one small script per layer instead of
one folium object per point), which keeps the payload small and Python fast. Clicks come back from
st_folium through the tooltip: each clickable thing carries a hidden tag `#<kind>:<ref>` that
`clicked()` reads (pass `RETURNED` as st_folium's returned_objects, so pans and zooms do not rerun).
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import folium
import numpy as np
from branca.element import Element, MacroElement
from folium.template import Template

from components import compat
from components.ui import map_layers
from components.ui.i18n import t
from components.ui.map_assets import offline_map
from models.geo import SHENZHEN_BBOX, gcj02_to_wgs84_arrays, polygon_bounds, wgs84_to_gcj02_arrays

BASEMAPS = ("none", "osm", "amap")
RETURNED = ["last_object_clicked", "last_object_clicked_tooltip", "last_object_clicked_count"]
compat.folium_first_render_without_rerun()  # with RETURNED, drawing a map no longer reruns the script
SHAPES = ("circle", "square", "diamond", "triangle", "star", "pentagon", "hexagon", "ring")


@dataclass(frozen=True)
class Tiles:
    url: str
    attribution: str
    subdomains: str
    max_zoom: int
    gcj02: bool  # the provider draws in GCJ-02, so overlays must be shifted


# User-chosen tiles fetched by the browser only when picked; not assets (the default is "none").
TILES = {
    "osm": Tiles("https://tile.openstreetmap.org/{z}/{x}/{y}.png", "&copy; OpenStreetMap contributors", "abc",
                 19, False),
    "amap": Tiles("https://webrd0{s}.is.autonavi.com/appmaptile?lang=zh_cn&size=1&scale=1&style=8&x={x}&y={y}&z={z}",
                  "&copy; 高德地图 AutoNavi", "1234", 18, True),
}


def is_gcj(basemap: str) -> bool:
    return basemap in TILES and TILES[basemap].gcj02


def basemap_of(m: folium.Map) -> str:
    return getattr(m, "pm_basemap", "none")


def shown(lon: Any, lat: Any, basemap: str) -> tuple[np.ndarray, np.ndarray]:
    """Stored WGS-84 (lon, lat) -> the coordinates drawn on this basemap."""
    lon_a, lat_a = np.asarray(lon, dtype=float), np.asarray(lat, dtype=float)
    return wgs84_to_gcj02_arrays(lon_a, lat_a) if is_gcj(basemap) else (lon_a, lat_a)


def stored(lon: Any, lat: Any, basemap: str) -> tuple[np.ndarray, np.ndarray]:
    """Coordinates read off this basemap (a click) -> WGS-84 (lon, lat)."""
    lon_a, lat_a = np.asarray(lon, dtype=float), np.asarray(lat, dtype=float)
    return gcj02_to_wgs84_arrays(lon_a, lat_a) if is_gcj(basemap) else (lon_a, lat_a)


def shown_geometry(geometry: dict, basemap: str) -> dict:
    """A GeoJSON Polygon/MultiPolygon with every vertex shifted for the basemap."""
    if not is_gcj(basemap):
        return geometry

    def ring(coords: list) -> list:
        a = np.asarray(coords, dtype=float)
        x, y = wgs84_to_gcj02_arrays(a[:, 0], a[:, 1])
        return np.round(np.column_stack([x, y]), 5).tolist()

    polys = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
    shifted = [[ring(r) for r in poly] for poly in polys]
    return {"type": geometry["type"], "coordinates": shifted if geometry["type"] == "MultiPolygon" else shifted[0]}


def _js(value: Any) -> str:
    """JSON for a <script>: UTF-8 kept (half the bytes of \\u escapes), HTML-significant characters escaped."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026").replace("\u2028", "\\u2028")


_REF = re.compile(r"\$([a-z][a-z0-9_]*)")


class _Raw(Element):
    """Already rendered text. branca wraps every rendered script in Element(template=text), which
    compiles it as a Jinja template: for tens of kilobytes of point data that costs more than the
    whole rest of the page, and braces in a label could be taken for template syntax."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text

    def render(self, **kwargs: Any) -> str:
        return self.text


class _Js(MacroElement):
    """A script of our own: `code` refers to the map as $map and to each of `refs` as $<name>."""

    _template = Template("{% macro script(this, kwargs) %}{{ this.render_code() }}{% endmacro %}")

    def __init__(self, code: str, **refs: Any) -> None:
        super().__init__()
        self._name = "PmScript"
        self.code, self.refs = code, refs

    def render_code(self) -> str:
        # Names are resolved at render time: streamlit-folium renames elements just before rendering them.
        names = {k: (v.get_name() if hasattr(v, "get_name") else v) for k, v in self.refs.items()}
        names["map"] = self._parent.get_name()
        code = _REF.sub(lambda g: names.get(g[1], g[0]), self.code)
        return "(function(){" + code + "})();"

    def render(self, **kwargs: Any) -> None:
        self.get_root().script.add_child(_Raw(self.render_code()), name=self.get_name())


class _Css(MacroElement):
    _template = Template("{% macro header(this, kwargs) %}<style>{{ this.css }}</style>{% endmacro %}")

    def __init__(self) -> None:
        super().__init__()
        self._name = "PmStyle"
        self.css = map_layers.CSS

    def render(self, **kwargs: Any) -> None:
        self.get_root().header.add_child(_Raw(f"<style>{self.css}</style>"), name=self.get_name())


SCALE_JS = "L.control.scale({imperial: false, metric: true}).addTo($map);"


def base_map(*, basemap: str = "none", bounds: tuple[float, float, float, float] | None = SHENZHEN_BBOX) -> folium.Map:
    """An offline map for `basemap` ("none": outlines only, works offline), fitted to (w, s, e, n) WGS-84 bounds."""
    if basemap not in BASEMAPS:
        raise ValueError(f"unknown basemap {basemap!r}")
    tiles = TILES.get(basemap)
    m = offline_map(zoom_start=10, max_zoom=18, min_zoom=8, control_scale=False)
    m.pm_basemap = basemap
    _Css().add_to(m)
    _Js(SCALE_JS).add_to(m)  # metres and kilometres only (Leaflet's default adds miles and feet)
    if tiles is not None:
        layer = folium.TileLayer(tiles=tiles.url, attr=tiles.attribution, name=t(f"map.basemap.{basemap}"),
                                 subdomains=tiles.subdomains, max_zoom=tiles.max_zoom, control=False)
        layer.add_to(m)
        _Js(map_layers.TILE_NOTE_JS, tiles=layer, text=_js(t("map.tiles_unreachable"))).add_to(m)
    if bounds is not None:
        fit(m, [bounds[0], bounds[2]], [bounds[1], bounds[3]])
    return m


def fit(m: folium.Map, lon: Sequence[float], lat: Sequence[float], *, pad_m: float = 300) -> None:
    """Fit the view to WGS-84 points, with a margin so edge markers are not cut."""
    lon_a, lat_a = np.asarray(lon, dtype=float), np.asarray(lat, dtype=float)
    ok = ~(np.isnan(lon_a) | np.isnan(lat_a))
    if not ok.any():
        return
    x, y = shown(lon_a[ok], lat_a[ok], basemap_of(m))
    d_lat, d_lon = pad_m / 111_000, pad_m / 102_500
    m.fit_bounds([[float(y.min()) - d_lat, float(x.min()) - d_lon], [float(y.max()) + d_lat, float(x.max()) + d_lon]])


def fit_district(m: folium.Map, name: str | None) -> None:
    """Fit the view to one district's real outline (the whole city when `name` is None or unknown)."""
    features = map_layers.simplified_outlines()["features"]
    chosen = [f for f in features if f["properties"]["name"] == name] or features
    boxes = np.array([polygon_bounds(f["geometry"]) for f in chosen])
    fit(m, [boxes[:, 0].min(), boxes[:, 2].max()], [boxes[:, 1].min(), boxes[:, 3].max()], pad_m=0)


def district_outlines(m: folium.Map, *, selected: str | None = None, clickable: bool = True,
                      name: str | None = None) -> folium.FeatureGroup:
    """The ten real district outlines; `selected` highlighted; clicks report `#d:<district name>`."""
    basemap = basemap_of(m)
    features = [
        {"type": "Feature", "properties": {"name": f["properties"]["name"], "sel": f["properties"]["name"] == selected},
         "geometry": shown_geometry(f["geometry"], basemap)}
        for f in map_layers.simplified_outlines()["features"]
    ]
    group = folium.FeatureGroup(name=name or t("map.layer.outlines"), control=True)
    group.add_to(m)
    data = {"type": "FeatureCollection", "features": features}
    _Js(map_layers.OUTLINES_JS, group=group, data=_js(data), clickable=_js(clickable)).add_to(m)
    return group


def street_areas(m: folium.Map, areas: Sequence[Any], *, district: str, selected: str | None = None,
                 name: str | None = None, clickable: bool = True) -> folium.FeatureGroup | None:
    """The streets of `district` (loaders.centres.StreetArea): illustrative cells as light dashed lines
    labelled 示意, imported boundaries as solid lines whose clicks report `#s:<street name>` (when
    `clickable`); `selected` highlighted."""
    if not areas:
        return None
    basemap = basemap_of(m)
    features = []
    for a in areas:
        text = t("map.street.boundary" if a.official else "map.street.cell", street=a.name)
        props = {"label": text, "official": a.official, "sel": a.name == selected}
        if a.official and clickable:  # a real boundary: a click drills into the street, as a district outline does
            props["tag"] = f"<span hidden>#s:{html.escape(a.name)}</span>"
        features.append({"type": "Feature", "geometry": shown_geometry(a.geometry, basemap), "properties": props})
    official = all(a.official for a in areas)
    group = folium.FeatureGroup(name=name or t("map.layer.street_boundaries" if official else "map.layer.street_cells"))
    group.add_to(m)
    tag = f"<span hidden>#d:{html.escape(district)}</span>"
    _Js(map_layers.STREETS_JS, group=group, data=_js({"type": "FeatureCollection", "features": features}),
        tag=_js(tag)).add_to(m)
    return group


def area_hint(m: folium.Map, lon: Sequence[float], lat: Sequence[float], *, label: str) -> None:
    """A dashed hull around points: where a street is when no real outline exists (labelled as such)."""
    hull = map_layers.convex_hull(np.asarray(lon, dtype=float), np.asarray(lat, dtype=float))
    if len(hull) < 3:
        return
    x, y = shown(hull[:, 0], hull[:, 1], basemap_of(m))
    folium.Polygon(np.round(np.column_stack([y, x]), 5).tolist(), color=map_layers.SELECTED, weight=2,
                   dash_array="6 6", fill=True, fill_opacity=0.06, tooltip=html.escape(label), interactive=True,
                   ).add_to(m)


def point_rows(lon: Sequence[float], lat: Sequence[float], refs: Sequence[Any], labels: Sequence[str],
               basemap: str) -> list[list]:
    """Rows [lat, lon, ref, label] for `symbols()`; points without coordinates are left out."""
    x, y = shown(lon, lat, basemap)
    ok = ~(np.isnan(x) | np.isnan(y))
    xs, ys = np.round(x, 5).tolist(), np.round(y, 5).tolist()
    return [[b, a, r, html.escape(str(s))]
            for a, b, r, s, keep in zip(xs, ys, list(refs), list(labels), ok.tolist(), strict=True) if keep]


def symbols(m: folium.Map, target: Any, rows: list[list], *, colour: str, shape: str = "circle", size: int = 14,
            kind: str | None = None, dot: bool = False, on_top: int = 0) -> None:
    """Fill `target` (FeatureGroup or MarkerCluster) with one marker per row; `kind` makes them clickable.

    `dot=True` draws light canvas circle markers (for hundreds of secondary points); `on_top` raises
    symbol markers above others (and above cluster bubbles) so that few important points stay clickable."""
    if shape not in SHAPES:
        raise ValueError(f"unknown shape {shape!r}")
    opts = {"colour": colour, "shape": shape, "size": size, "kind": kind, "dot": dot, "z": on_top}
    _Js(map_layers.SYMBOLS_JS, target=target, rows=_js(rows), opts=_js(opts)).add_to(m)


def cluster(m: folium.Map, *, name: str, colour: str, show: bool = True) -> folium.plugins.MarkerCluster:
    """A marker cluster whose bubbles take the layer's colour (so stacked tiers stay distinguishable)."""
    fn = map_layers.CLUSTER_ICON_JS.replace("COLOUR", colour)
    group = folium.plugins.MarkerCluster(name=name, show=show, icon_create_function=fn,
                                         options={"showCoverageOnHover": False, "maxClusterRadius": 50})
    group.add_to(m)
    return group


def reach_circles(m: folium.Map, sources: Sequence[Any], radius_m: float, *, name: str,
                  show: bool = False, colour: str = "#c8161d") -> folium.FeatureGroup:
    """A toggleable layer with a `radius_m` circle around every marker of `sources` (drawn in the browser)."""
    group = folium.FeatureGroup(name=name, show=show)
    group.add_to(m)
    refs = {f"s{i}": s for i, s in enumerate(sources)}
    code = map_layers.REACH_JS.replace("SOURCES", ",".join("$" + k for k in refs))
    _Js(code, group=group, radius=_js(float(radius_m)), colour=_js(colour), **refs).add_to(m)
    return group


@dataclass(frozen=True)
class LegendItem:
    label: str
    colour: str
    shape: str = "circle"  # one of SHAPES, or "line" / "area" for outlines, "fill" for a class of a shaded map
    size: int = 12


def legend(m: folium.Map, items: Sequence[LegendItem], *, title: str | None = None,
           position: str = "bottomright") -> None:
    """An always-visible legend in a corner of the map, drawn with the markers' own symbols.

    Bottom right by default: at city zoom that corner is the sea east of 大鹏, where it hides least."""
    rows = [f"<div class='pm-legend-title'>{html.escape(title)}</div>"] if title else []
    for it in items:
        if it.shape in ("line", "area", "fill"):
            fill = {"area": it.colour + "22", "fill": it.colour}.get(it.shape, "transparent")
            sym = f"<i class='pm-swatch' style='border-color:{it.colour};background:{fill}'></i>"
        else:
            sym = (f"<span class='pm-icon' style='width:{it.size}px;height:{it.size}px'>"
                   f"<i class='pm-sym pm-{it.shape}' style='background:{it.colour}'></i></span>")
        rows.append(f"<div class='pm-legend-row'><span class='pm-legend-sym'>{sym}</span>{html.escape(it.label)}</div>")
    _Js(map_layers.LEGEND_JS, html=_js("".join(rows)), position=_js(position)).add_to(m)


def layer_control(m: folium.Map) -> None:
    folium.LayerControl(collapsed=True, position="topright").add_to(m)


@dataclass(frozen=True)
class Click:
    """What the user last clicked: kind and ref from the hidden tag, and where (map coordinates)."""

    kind: str
    ref: str
    lat: float | None
    lng: float | None


_TAG = re.compile(r"#([a-z]+):(\S+)\s*$")


def clicked(value: dict | None) -> Click | None:
    """Parse st_folium's return value (returned_objects=RETURNED); None when nothing tagged was clicked."""
    if not value:
        return None
    found = _TAG.search(value.get("last_object_clicked_tooltip") or "")
    if not found:
        return None
    where = value.get("last_object_clicked") or {}
    return Click(found[1], found[2], where.get("lat"), where.get("lng"))
