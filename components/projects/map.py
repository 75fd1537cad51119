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
from components.ui.memo import memo
from models.vocab import PROJECT_STATUSES


def tooltips(df: pd.DataFrame, status_names: dict[str, str]) -> pd.Series:
    """Title, community and status of each project (escaped by maps.point_rows); the unit and the dates are in
    the list below the map (a city's 4,600 dots with their units would double what every rerun sends)."""
    return df["title"].astype(str) + " · " + df["community"].astype(str) + " · " + df["status"].map(status_names)


MAP_COLUMNS = ["title", "community", "status", "lon", "lat"]


@memo
def layer_rows(df: pd.DataFrame, basemap: str, status_names: dict[str, str]) -> dict[str, list]:
    """The dots of each status as maps.symbols rows (cached: the same view on every rerun costs a hash of the
    frame, not a loop over its rows)."""
    tips = tooltips(df, status_names)
    out = {}
    for status in PROJECT_STATUSES:
        rows = df["status"] == status
        refs = [0] * int(rows.sum())  # the dots are not clickable: no reference needed
        out[status] = maps.point_rows(df.loc[rows, "lon"], df.loc[rows, "lat"], refs, tips[rows].tolist(), basemap)
    return out


def project_map(df: pd.DataFrame, *, basemap: str, district: str | None, streets: tuple = (),
                street: str | None = None) -> folium.Map:
    """Map of the projects in `df` (the page's list), fitted to them; imported street boundaries drawn too."""
    m = maps.base_map(basemap=basemap, bounds=None)
    maps.district_outlines(m, selected=district, clickable=False)
    official = tuple(a for a in streets if a.official)
    if district and official:
        maps.street_areas(m, official, district=district, selected=street, clickable=False)
    names = {s: label("project_status", s) for s in PROJECT_STATUSES}
    layers = layer_rows(df[MAP_COLUMNS], basemap, names)
    legend = []
    for status in PROJECT_STATUSES:
        group = folium.FeatureGroup(name=names[status]).add_to(m)
        if layers[status]:
            maps.symbols(m, group, layers[status], colour=status_colour(status), size=9, dot=True)
        n = int((df["status"] == status).sum())
        legend.append(maps.LegendItem(f"{names[status]} ({n:,})", status_colour(status), "circle", 10))
    maps.legend(m, legend, title=t("projects.map_legend"))
    maps.layer_control(m)
    maps.fit(m, df["lon"].to_numpy(float, na_value=np.nan), df["lat"].to_numpy(float, na_value=np.nan))
    return m
