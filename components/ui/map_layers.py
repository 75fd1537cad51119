"""The browser side of components.ui.maps: CSS, small scripts of our own, and the outline geometry it draws.

The scripts use `$name` for the Leaflet variables components.ui.maps passes in (see maps._Js).
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np
import shapely

from data import geography
from models.geo import polygon

SELECTED = "#c8161d"
OUTLINE = "#5b6770"
# ≈ 30 m: invisible at city and district zoom, and it cuts the outline payload by 40 %.
SIMPLIFY_DEG = 0.0003

CSS = """
.pm-icon{background:none;border:none;filter:drop-shadow(0 0 1.2px rgba(0,0,0,.9))}
.pm-sym{display:block;width:100%;height:100%;box-sizing:border-box;background:#999;position:relative}
.pm-circle{border-radius:50%;border:2px solid #fff}
.pm-square{border:2px solid #fff}
.pm-diamond{border:2px solid #fff;transform:rotate(45deg) scale(.78)}
.pm-ring{border-radius:50%}
.pm-ring::after{content:"";position:absolute;inset:3px;border-radius:50%;background:#fff}
.pm-triangle{clip-path:polygon(50% 0,100% 100%,0 100%)}
.pm-star{clip-path:polygon(50% 0,61% 35%,98% 35%,68% 57%,79% 91%,50% 70%,21% 91%,32% 57%,2% 35%,39% 35%)}
.pm-pentagon{clip-path:polygon(50% 0,100% 38%,82% 100%,18% 100%,0 38%)}
.pm-hexagon{clip-path:polygon(25% 0,75% 0,100% 50%,75% 100%,25% 100%,0 50%)}
.pm-legend{background:rgba(255,255,255,.93);padding:6px 9px;border-radius:4px;box-shadow:0 1px 4px rgba(0,0,0,.35);
 font:12px/1.55 "Noto Sans CJK SC","Microsoft YaHei",sans-serif;color:#222;max-height:300px;overflow:auto}
.pm-legend-title{font-weight:600;margin-bottom:2px}
.pm-legend-row{display:flex;align-items:center;gap:6px;white-space:nowrap}
.pm-legend-sym{width:18px;height:16px;display:inline-flex;align-items:center;justify-content:center}
.pm-legend-sym .pm-icon{display:inline-block}
.pm-swatch{display:inline-block;width:16px;height:11px;border:2px solid;box-sizing:border-box}
.pm-note{background:#fff3cd;color:#664d03;border:1px solid #e6c200;padding:6px 9px;border-radius:4px;
 font:12px/1.45 "Noto Sans CJK SC","Microsoft YaHei",sans-serif;max-width:280px}
.marker-cluster.pm-cluster{background:rgba(255,255,255,.6)}
.marker-cluster.pm-cluster div{color:#fff;font-weight:600;margin:5px}
.marker-cluster.pm-cluster span{line-height:inherit}
"""

# A note in the map when the chosen basemap cannot be fetched (offline meeting room, blocked host);
# it goes away as soon as one tile arrives.
TILE_NOTE_JS = """
var tiles=$tiles, map=$map, loaded=0, note=null;
tiles.on('tileload', function(){ loaded++; if(note){ map.removeControl(note); note=null; } });
tiles.on('tileerror', function(){
  if(loaded || note) return;
  note=L.control({position:'topleft'});
  note.onAdd=function(){ var d=L.DomUtil.create('div','pm-note pm-tile-note'); d.textContent=$text; return d; };
  note.addTo(map);
});
"""

OUTLINES_JS = """
var group=$group, clickable=$clickable;
function esc(s){ return String(s).replace(/&/g,'&amp;').replace(/</g,'&lt;'); }
var layer=L.geoJSON($data, {
  style: function(f){ return f.properties.sel
    ? {color:'%(sel)s', weight:3, fillColor:'%(sel)s', fillOpacity:0.08, className:'pm-outline pm-outline-sel'}
    : {color:'%(line)s', weight:1.3, fillColor:'#8a9ba8', fillOpacity:0.04, className:'pm-outline'}; },
  onEachFeature: function(f, l){
    var n=f.properties.name;
    l.bindTooltip(esc(n) + (clickable ? '<span hidden>#d:'+esc(n)+'</span>' : ''), {sticky:true});
  }
});
group.addLayer(layer);
layer.eachLayer(function(l){ if(l.feature.properties.sel && l.bringToFront){ try{ l.bringToFront(); }catch(e){} } });
""" % {"sel": SELECTED, "line": OUTLINE}

# Streets of the selected district: illustrative cells as light dashed lines (no fill, so clicks reach the
# district outline below), imported boundaries as thin solid lines, the selected street highlighted.
# Every tooltip carries the district's tag, so a click anywhere in the district still selects it.
STREETS_JS = """
var group=$group, tag=$tag;
function esc(s){ return String(s).replace(/&/g,'&amp;').replace(/</g,'&lt;'); }
var layer=L.geoJSON($data, {
  style: function(f){ var p=f.properties;
    if(p.sel){ return {color:'%(sel)s', weight:2.5, dashArray:p.official?null:'6 5', fill:true, fillColor:'%(sel)s',
      fillOpacity:0.06, className:'pm-street pm-street-sel'}; }
    return {color:'%(line)s', weight:p.official?1.2:1, opacity:p.official?0.8:0.6, dashArray:p.official?null:'4 4',
      fill:false, className:p.official?'pm-street pm-street-real':'pm-street pm-street-cell'}; },
  onEachFeature: function(f, l){ l.bindTooltip(esc(f.properties.label) + (f.properties.tag || tag), {sticky:true}); }
});
group.addLayer(layer);
""" % {"sel": SELECTED, "line": OUTLINE}

SYMBOLS_JS = """
var target=$target, rows=$rows, o=$opts, out=[], icon=null, canvas=null;
if(o.dot){ canvas=L.canvas({padding:0.5}); }
else { icon=L.divIcon({className:'pm-icon', iconSize:[o.size,o.size],
  html:'<i class="pm-sym pm-'+o.shape+'" style="background:'+o.colour+'"></i>'}); }
for(var i=0;i<rows.length;i++){
  var r=rows[i], l;
  if(icon){ l=L.marker([r[0],r[1]], {icon:icon, riseOnHover:true, zIndexOffset:o.z||0}); }
  else { l=L.circleMarker([r[0],r[1]], {renderer:canvas, radius:o.size/2, color:o.colour, weight:2,
    fillColor:'#fff', fillOpacity:0.9}); }
  l.bindTooltip(r[3] + (o.kind ? '<span hidden>#'+o.kind+':'+r[2]+'</span>' : ''));
  out.push(l);
}
if(target.addLayers){ target.addLayers(out); } else { for(var j=0;j<out.length;j++){ target.addLayer(out[j]); } }
"""

CLUSTER_ICON_JS = """function(c){
  var n=c.getChildCount(), s=n<10?30:(n<100?36:42), d=s-10;
  return L.divIcon({className:'marker-cluster pm-cluster', iconSize:L.point(s,s),
    html:'<div style="background:COLOUR;width:'+d+'px;height:'+d+'px;line-height:'+d+'px"><span>'+n+'</span></div>'});
}"""

REACH_JS = """
var group=$group, radius=$radius, colour=$colour, canvas=L.canvas({padding:0.5});
[SOURCES].forEach(function(src){ src.eachLayer(function(l){
  if(!l.getLatLng) return;
  group.addLayer(L.circle(l.getLatLng(), {radius:radius, renderer:canvas, interactive:false, color:colour,
    weight:1, opacity:0.55, fillColor:colour, fillOpacity:0.07}));
}); });
"""

LEGEND_JS = """
var box=L.control({position:$position});
box.onAdd=function(){ var d=L.DomUtil.create('div','pm-legend'); d.innerHTML=$html;
  L.DomEvent.disableClickPropagation(d); L.DomEvent.disableScrollPropagation(d); return d; };
box.addTo($map);
"""


@lru_cache(maxsize=2)
def simplified_outlines(tol: float = SIMPLIFY_DEG) -> dict:
    """The real district outlines (WGS-84), simplified for drawing (topology kept: no ring collapses or
    crosses itself), rounded to 5 decimals, outer rings counter-clockwise (the GeoJSON rule)."""
    features = []
    for f in geography.district_outlines()["features"]:
        geom = shapely.simplify(polygon(f["geometry"]), tol, preserve_topology=True)
        geom = shapely.orient_polygons(shapely.transform(geom, lambda xy: np.round(xy, 5)))
        polys = shapely.get_parts(geom)
        coords = [[np.asarray(ring.coords).tolist() for ring in (p.exterior, *p.interiors)] for p in polys]
        geometry = {"type": "MultiPolygon", "coordinates": coords}
        features.append({"type": "Feature", "properties": {"name": f["properties"]["name"]}, "geometry": geometry})
    return {"type": "FeatureCollection", "features": features}


@lru_cache(maxsize=1)
def _drawn_districts() -> tuple[shapely.STRtree, tuple[str, ...]]:
    features = simplified_outlines()["features"]
    shapes = [polygon(f["geometry"]) for f in features]
    return shapely.STRtree(shapes), tuple(f["properties"]["name"] for f in features)


def district_at(lon: float, lat: float) -> str | None:
    """Name of the district whose outline, as drawn, contains the WGS-84 point (the first in the
    reference order, should outlines overlap)."""
    tree, names = _drawn_districts()
    hits = tree.query(shapely.Point(lon, lat), predicate="within")
    return names[int(hits.min())] if len(hits) else None


def convex_hull(lon: np.ndarray, lat: np.ndarray) -> np.ndarray:
    """Convex hull of the points with coordinates, as an (n, 2) lon/lat array: the hull's corners
    counter-clockwise, the ring not closed; fewer than 3 corners when the points are collinear or few."""
    pts = np.column_stack([np.asarray(lon, dtype=float), np.asarray(lat, dtype=float)])
    pts = pts[~np.isnan(pts).any(axis=1)]
    if len(pts) == 0:
        return pts.reshape(0, 2)
    hull = shapely.MultiPoint(pts).convex_hull
    if hull.geom_type == "Polygon":
        return np.asarray(shapely.orient_polygons(hull).exterior.coords)[:-1]
    return np.unique(shapely.get_coordinates(hull), axis=0)
