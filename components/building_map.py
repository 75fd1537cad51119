"""The building map: one circle per building, red when a Party organisation covers it, sized by firms or members.

Built on components.maps (basemap, district outlines, legend, click tags). The circles need a size and
colour per building, which maps.symbols does not do, so they travel as one array drawn by a small
script of ours on a canvas renderer; a folium CircleMarker per building would cost ≈ 0.6 ms each on
every render (st_folium renders a map several times per run: 600 towers ≈ 0.4 s).
"""

from __future__ import annotations

import html
import json

import folium
import numpy as np
import pandas as pd
from branca.element import Element, MacroElement
from folium.template import Template

from components import maps
from components.charts import PARTY_RED
from components.i18n import label, t
from components.loaders import cached

UNCOVERED_FILL, UNCOVERED_EDGE, COVERED_EDGE = "#ffffff", "#595959", "#7a0d12"
MIN_RADIUS, MAX_RADIUS = 3.0, 11.0  # px
CLICK_KIND = "b"  # the tag `#b:<building code>` in each tooltip, read back by maps.clicked()


class _Rendered(Element):
    """Script text that is already rendered. branca wraps a macro's output in Element(text), which compiles
    the text as a Jinja template: slow for a large payload, and wrong for data that happens to hold `{{`."""

    _template = Template("{{ this.text }}")

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text


class CircleLayer(MacroElement):
    """Circles from rows [lat, lon, radius, fill, edge, tooltip html] in one FeatureGroup on a canvas."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function () {
            var rows = {{ this.rows_json }}, canvas = L.canvas({padding: 0.5}), group = L.featureGroup();
            for (var i = 0; i < rows.length; i++) {
                var r = rows[i];
                L.circleMarker([r[0], r[1]], {renderer: canvas, radius: r[2], weight: 1.2, color: r[4],
                    fillColor: r[3], fillOpacity: 0.85}).bindTooltip(r[5]).addTo(group);
            }
            group.addTo({{ this._parent.get_name() }});
        })();
        {% endmacro %}
        """
    )

    def __init__(self, rows_json: str) -> None:
        super().__init__()
        self._name = "BuildingCircles"
        self.rows_json = rows_json

    def render(self, **kwargs) -> None:
        script = self._template.module.script(self, kwargs)
        self.get_root().script.add_child(_Rendered(script), name=self.get_name())


def radii(values: pd.Series) -> np.ndarray:
    """Circle area proportional to the value, between MIN_RADIUS and MAX_RADIUS."""
    v = values.fillna(0).clip(lower=0).to_numpy(float)
    top = v.max() if len(v) and v.max() > 0 else 1.0
    return np.round(MIN_RADIUS + (MAX_RADIUS - MIN_RADIUS) * np.sqrt(v / top), 1)


@cached
def circle_rows(df: pd.DataFrame, size_by: str, basemap: str, lang: str) -> str:
    """The circles of the located buildings in `df` as script-safe JSON (cached: the same view on every rerun
    costs a hash of the frame, not a loop over its rows). `lang` is part of the cache key."""
    located = df[df["lon"].notna() & df["lat"].notna()]
    lon, lat = maps.shown(located["lon"].to_numpy(float), located["lat"].to_numpy(float), basemap)
    size_label, uncovered = t(f"buildings.col.{size_by}"), t("buildings.uncovered")
    covered_by, nearest, no_centre = t("buildings.map.covered_by"), t("buildings.map.nearest"), t("buildings.card.no_centre")
    out = []
    for row, x, y, radius in zip(located.itertuples(index=False), lon, lat, radii(located[size_by]), strict=True):
        fill, edge = (PARTY_RED, COVERED_EDGE) if row.covered else (UNCOVERED_FILL, UNCOVERED_EDGE)
        status = covered_by.format(org=html.escape(row.org_name)) if row.covered else uncovered
        near = nearest.format(distance=f"{row.distance_m:,.0f}") if pd.notna(row.distance_m) else no_centre
        tip = (f"<b>{html.escape(row.name)}</b><br>{size_label} {int(getattr(row, size_by)):,} · {status}<br>{near}"
               f"<span hidden>#{CLICK_KIND}:{html.escape(row.code)}</span>")
        out.append([round(float(y), 5), round(float(x), 5), float(radius), fill, edge, tip])
    text = json.dumps(out, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")  # safe inside <script>


def building_map(df: pd.DataFrame, *, size_by: str, kind: str, basemap: str, district: str | None,
                 lang: str) -> folium.Map:
    """Map of the buildings in `df` (the page's building list), over the district outlines, fitted to them."""
    m = maps.base_map(basemap=basemap, bounds=None)
    maps.district_outlines(m, selected=district, clickable=False)
    CircleLayer(circle_rows(df, size_by, basemap, lang)).add_to(m)
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
