"""The project map: one dot per project, coloured by its status at the end of the year, over the district
outlines (components.ui.maps: offline, local assets, GCJ-02 shift for the 高德 basemap); one toggleable
layer per status."""

from __future__ import annotations

import folium
import numpy as np
import pandas as pd

from components.projects.charts import status_colour
from components.ui import maps
from components.ui.i18n import label, t
from models.vocab import PROJECT_STATUSES


def tooltips(df: pd.DataFrame) -> list[str]:
    """Title, community, status and unit of each project (escaped by maps.point_rows)."""
    return [f"{title} · {community} · {label('project_status', s)}" + (f" · {unit}" if isinstance(unit, str) else "")
            for title, community, s, unit in zip(df["title"], df["community"], df["status"], df["unit"], strict=True)]


def project_map(df: pd.DataFrame, *, basemap: str, district: str | None, streets: tuple = (),
                street: str | None = None) -> folium.Map:
    """Map of the projects in `df` (the page's list), fitted to them; imported street boundaries drawn too."""
    m = maps.base_map(basemap=basemap, bounds=None)
    maps.district_outlines(m, selected=district, clickable=False)
    official = tuple(a for a in streets if a.official)
    if district and official:
        maps.street_areas(m, official, district=district, selected=street, clickable=False)
    legend = []
    for status in PROJECT_STATUSES:
        rows = df[df["status"] == status]
        name = label("project_status", status)
        group = folium.FeatureGroup(name=name).add_to(m)
        if not rows.empty:
            points = maps.point_rows(rows["lon"], rows["lat"], rows["code"].tolist(), tooltips(rows), basemap)
            maps.symbols(m, group, points, colour=status_colour(status), size=9, dot=True)
        legend.append(maps.LegendItem(f"{name} ({len(rows):,})", status_colour(status), "circle", 10))
    maps.legend(m, legend, title=t("projects.map_legend"))
    maps.layer_control(m)
    maps.fit(m, df["lon"].to_numpy(float, na_value=np.nan), df["lat"].to_numpy(float, na_value=np.nan))
    return m
