"""Regions shaded by a figure (choropleth) and seats drawn as proportional circles, with class legends.

Built on components.ui.maps (its offline map, the GCJ-02 shift and the click tags): a feature's tooltip
carries `#<kind>:<name>` so st_folium reports which region was clicked (maps.clicked).
"""

from __future__ import annotations

import html
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import folium
import numpy as np

from components.ui import maps
from components.ui.map_layers import OUTLINE, SELECTED

# Five sequential reds (ColorBrewer Reds): the darker, the higher; no data is a light grey.
CLASSES = ("#fee5d9", "#fcae91", "#fb6a4a", "#de2d26", "#a50f15")
NO_DATA = "#e6e6e6"


@dataclass(frozen=True)
class Scale:
    """Equal-interval classes over the values shown (at least one class when all values are equal)."""

    breaks: tuple[float, ...]  # len(classes) + 1 bounds, ascending

    def colour(self, x: float | None) -> str:
        if x is None or (isinstance(x, float) and math.isnan(x)):
            return NO_DATA
        n = len(self.breaks) - 1
        if n <= 0 or self.breaks[-1] == self.breaks[0]:
            return CLASSES[-1]
        i = int((x - self.breaks[0]) / (self.breaks[-1] - self.breaks[0]) * n)
        return CLASSES[min(max(i, 0), n - 1) + (len(CLASSES) - n)]

    def legend(self, fmt: Callable[[float], str]) -> list[tuple[str, str]]:
        """(colour, "a – b") per class, lowest first."""
        n = len(self.breaks) - 1
        if n <= 0 or self.breaks[-1] == self.breaks[0]:
            return [(CLASSES[-1], fmt(self.breaks[0]))] if self.breaks else []
        return [(CLASSES[i + len(CLASSES) - n], f"{fmt(self.breaks[i])} – {fmt(self.breaks[i + 1])}") for i in range(n)]


def scale(values: Sequence[float | None], *, classes: int = len(CLASSES)) -> Scale:
    xs = np.asarray([v for v in values if v is not None and not (isinstance(v, float) and math.isnan(v))], dtype=float)
    if xs.size == 0:
        return Scale(())
    lo, hi = float(xs.min()), float(xs.max())
    if lo == hi:
        return Scale((lo, hi))
    return Scale(tuple(float(b) for b in np.linspace(lo, hi, min(classes, max(xs.size, 2)) + 1)))


CHORO_JS = """
var group=$group;
var layer=L.geoJSON($data, {
  style: function(f){ var p=f.properties;
    return {color: p.sel ? '%(sel)s' : '%(line)s', weight: p.sel ? 3.5 : 1.3, opacity: 0.95,
      fillColor: p.fill, fillOpacity: p.fill ? (p.sel ? 0.9 : 0.78) : 0, dashArray: p.dash ? '5 4' : null,
      className: 'pm-choro' + (p.sel ? ' pm-choro-sel' : '')}; },
  onEachFeature: function(f, l){ l.bindTooltip(f.properties.tip, {sticky: true}); }
});
group.addLayer(layer);
layer.eachLayer(function(l){ if(l.feature.properties.sel && l.bringToFront){ try{ l.bringToFront(); }catch(e){} } });
""" % {"sel": SELECTED, "line": OUTLINE}

CIRCLES_JS = """
var group=$group, rows=$rows;
for(var i=0;i<rows.length;i++){
  var r=rows[i];
  var c=L.circleMarker([r[0], r[1]], {radius: r[2], color: r[5] ? '%(sel)s' : '#4a4a4a', weight: r[5] ? 3 : 1.2,
    fillColor: r[3], fillOpacity: 0.88, className: 'pm-prop'});
  c.bindTooltip(r[4]);
  group.addLayer(c);
}
""" % {"sel": SELECTED}


def tip(name: str, lines: Sequence[str], *, kind: str | None) -> str:
    """A tooltip: the region's name in bold, a line per figure, the hidden click tag (all escaped)."""
    text = f"<b>{html.escape(name)}</b>" + "".join(f"<br>{html.escape(s)}" for s in lines)
    return text + (f"<span hidden>#{kind}:{html.escape(name)}</span>" if kind else "")


def regions(m: folium.Map, features: Sequence[dict], *, name: str) -> folium.FeatureGroup:
    """GeoJSON features (WGS-84) whose properties hold `fill` (colour or None), `tip` (tooltip HTML),
    `sel` (highlighted) and `dash` (an illustrative outline); shifted for the map's basemap."""
    basemap = maps.basemap_of(m)
    shown = [{"type": "Feature", "properties": f["properties"], "geometry": maps.shown_geometry(f["geometry"], basemap)}
             for f in features]
    group = folium.FeatureGroup(name=name, control=False)
    group.add_to(m)
    maps._Js(CHORO_JS, group=group, data=maps._js({"type": "FeatureCollection", "features": shown})).add_to(m)
    return group


def circles(m: folium.Map, lon: Sequence[float], lat: Sequence[float], radius_px: Sequence[float],
            fills: Sequence[str], tips: Sequence[str], selected: Sequence[bool], *, name: str) -> folium.FeatureGroup:
    """Proportional circles at WGS-84 points (points without coordinates are left out)."""
    x, y = maps.shown(lon, lat, maps.basemap_of(m))
    rows = [[round(float(b), 5), round(float(a), 5), round(float(r), 1), f, s, bool(sel)]
            for a, b, r, f, s, sel in zip(x, y, radius_px, fills, tips, selected, strict=True)
            if not (math.isnan(a) or math.isnan(b))]
    group = folium.FeatureGroup(name=name, control=False)
    group.add_to(m)
    maps._Js(CIRCLES_JS, group=group, rows=maps._js(rows)).add_to(m)
    return group


def radii(values: Sequence[float | None], *, smallest: float = 6, largest: float = 22) -> list[float]:
    """Circle radii in px with the area proportional to the value (no value: the smallest)."""
    xs = [0.0 if v is None or (isinstance(v, float) and math.isnan(v)) else max(float(v), 0.0) for v in values]
    top = max(xs, default=0.0)
    if top <= 0:
        return [smallest] * len(xs)
    return [max(smallest, largest * math.sqrt(v / top)) for v in xs]
