"""The building map: one circle per building, red when a Party organisation covers it, sized by firms or members.

Built on components.ui.maps (basemap, district outlines, legend, click tags). The circles need a size and
colour per building, which maps.symbols does not do, so they travel as one array drawn by a small
script of ours; a folium CircleMarker per building would cost ≈ 0.6 ms each on every render
(st_folium renders a map several times per run: 600 towers ≈ 0.4 s).
"""

from __future__ import annotations

import html
import json

import folium
import numpy as np
import pandas as pd
from branca.element import Element, MacroElement
from folium.template import Template

from components.ui import maps
from components.ui.charts import PARTY_RED
from components.ui.i18n import label, t
from components.ui.memo import memo

UNCOVERED_FILL, UNCOVERED_EDGE, COVERED_EDGE = "#ffffff", "#595959", "#7a0d12"
MIN_RADIUS = 2.5  # px
# The largest circle shrinks as the count grows, so a city-wide list stays a map of points, not a red blob.
MAX_RADIUS_FOR = ((200, 11.0), (1000, 8.0), (None, 6.0))  # (up to this many circles, px)
CLICK_KIND = "b"  # the tag `#b:<building code>` in each tooltip, read back by maps.clicked()


class _Rendered(Element):
    """Script text that is already rendered. branca wraps a macro's output in Element(text), which compiles
    the text as a Jinja template: slow for a large payload, and wrong for data that happens to hold `{{`."""

    _template = Template("{{ this.text }}")

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text


class CircleLayer(MacroElement):
    """Circles from rows [lat, lon, radius, covered 0/1, name, size, metres to the nearest centre, code].

    The tooltips are put together in the browser from those fields and labels sent once, which keeps
    the repeated label text out of every row (a third of a city-wide payload). The circles have a pane of
    their own above the district outlines: in the outlines' pane, SVG outlines would sit on top of canvas
    circles (Leaflet stacks svg over canvas) and take their clicks.
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function () {
            var map = {{ this._parent.get_name() }}, pane = map.createPane('pmBuildings');
            pane.style.zIndex = 450;  // above the outlines' pane, below markers and tooltips
            var rows = {{ this.rows_json }}, lab = {{ this.labels }}, group = L.featureGroup();
            var renderer = L.svg({pane: 'pmBuildings'}), fill = {{ this.fill }}, edge = {{ this.edge }};
            function n(v) { return v.toLocaleString('en-US'); }
            for (var i = 0; i < rows.length; i++) {
                var r = rows[i];
                var tip = '<b>' + r[4] + '</b><br>' + lab.size + ' ' + n(r[5]) + ' · ' + lab.status[r[3]] + '<br>'
                    + (r[6] === null ? lab.none : lab.near.replace('{d}', n(r[6])))
                    + '<span hidden>#' + lab.tag + ':' + r[7] + '</span>';
                L.circleMarker([r[0], r[1]], {pane: 'pmBuildings', renderer: renderer, radius: r[2], weight: 1.2,
                    color: edge[r[3]], fillColor: fill[r[3]], fillOpacity: 0.85}).bindTooltip(tip).addTo(group);
            }
            group.addTo(map);
        })();
        {% endmacro %}
        """
    )

    def __init__(self, rows_json: str, labels: dict) -> None:
        super().__init__()
        self._name = "BuildingCircles"
        self.rows_json = rows_json
        self.labels = _script_json({k: _escaped(v) for k, v in labels.items()})
        self.fill = json.dumps([UNCOVERED_FILL, PARTY_RED])  # indexed by the row's covered flag
        self.edge = json.dumps([UNCOVERED_EDGE, COVERED_EDGE])

    def render(self, **kwargs) -> None:
        script = self._template.module.script(self, kwargs)
        self.get_root().script.add_child(_Rendered(script), name=self.get_name())


def _escaped(value):
    return [html.escape(v) for v in value] if isinstance(value, list) else html.escape(value)


def _script_json(value) -> str:
    """JSON that is safe inside a <script> element whatever its strings hold."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def max_radius(n: int) -> float:
    return next(px for limit, px in MAX_RADIUS_FOR if limit is None or n <= limit)


def radii(values: pd.Series) -> np.ndarray:
    """Circle area proportional to the value, from MIN_RADIUS up to max_radius(number of circles)."""
    v = values.fillna(0).clip(lower=0).to_numpy(float)
    top = v.max() if len(v) and v.max() > 0 else 1.0
    return np.round(MIN_RADIUS + (max_radius(len(v)) - MIN_RADIUS) * np.sqrt(v / top), 1)


@memo
def circle_rows(df: pd.DataFrame, size_by: str, basemap: str) -> str:
    """The circles of the located buildings in `df` as script-safe JSON rows for CircleLayer (cached: the
    same view on every rerun costs a hash of the frame, not a loop over its rows)."""
    located = df[df["lon"].notna() & df["lat"].notna()]
    # uncovered last, so the gaps are drawn on top; the largest first within each, so small ones stay visible
    located = located.sort_values(["covered", size_by], ascending=[False, False], kind="stable")
    lon, lat = maps.shown(located["lon"].to_numpy(float), located["lat"].to_numpy(float), basemap)
    distance = located["distance_m"].round().astype("Int64")
    rows = [
        [round(float(y), 5), round(float(x), 5), float(radius), int(covered), html.escape(name), int(size),
         None if pd.isna(d) else int(d), html.escape(code)]
        for y, x, radius, covered, name, size, d, code in zip(
            lat, lon, radii(located[size_by]), located["covered"], located["name"], located[size_by].fillna(0),
            distance, located["code"], strict=True,
        )
    ]
    return _script_json(rows)


def building_map(df: pd.DataFrame, *, size_by: str, kind: str, basemap: str, district: str | None,
                 streets: tuple = (), street: str | None = None) -> folium.Map:
    """Map of the buildings in `df` (the page's building list), over the district outlines, fitted to them;
    the street boundaries imported for the district (`streets`, loaders.centres.StreetArea) are drawn too."""
    m = maps.base_map(basemap=basemap, bounds=None)
    maps.district_outlines(m, selected=district, clickable=False)
    official = tuple(a for a in streets if a.official)
    if district and official:
        maps.street_areas(m, official, district=district, selected=street, clickable=False)
    labels = {
        "size": t(f"buildings.col.{size_by}"), "status": [t("buildings.uncovered"), t("buildings.covered")],
        "near": t("buildings.map.nearest", distance="{d}"), "none": t("buildings.card.no_centre"), "tag": CLICK_KIND,
    }
    CircleLayer(circle_rows(df, size_by, basemap), labels).add_to(m)
    maps.legend(m, [
        maps.LegendItem(t("buildings.covered"), PARTY_RED),
        maps.LegendItem(t("buildings.uncovered"), UNCOVERED_EDGE, shape="ring"),
    ], title=t("buildings.map.size_note", kind=label("building", kind), measure=t(f"buildings.col.{size_by}")))
    maps.fit(m, df["lon"].to_numpy(float, na_value=np.nan), df["lat"].to_numpy(float, na_value=np.nan))
    return m


def clicked_code(value: dict | None) -> tuple[str, int] | None:
    """(building code, click count) of the last circle clicked, from st_folium's value (maps.RETURNED)."""
    click = maps.clicked(value)
    if click is None or click.kind != CLICK_KIND:
        return None
    return html.unescape(click.ref), int((value or {}).get("last_object_clicked_count") or 0)
