"""The map of 阵地地图 (one layer per 1+10+N tier, reach circles, gaps, suggested sites), its clicks, and the card."""

from __future__ import annotations

from collections.abc import Callable, MutableMapping
from urllib.parse import quote

import folium
import numpy as np
import pandas as pd
import streamlit as st

from components.compat import StreamlitPageNotFoundError
from components.shell import filters
from components.ui import map_layers, maps
from components.ui.cards import fmt_int
from components.ui.charts import TIER_COLOURS
from components.ui.text import md
from components.ui.i18n import label, t
from models.geo import polygon_bounds
from models.vocab import CENTRE_TIERS, N_TIERS

MAP_KEY = "centres.map"
# st_folium renders the figure twice by default; its own map.render() already registers everything it
# sends (header, html, script), so the first, whole-figure render is skipped (tests check the output
# is the same).
RENDER_TWICE = False
SELECTED_KEY = "centres.selected"
# Shape and size per tier: the higher the tier, the bigger and more distinct its symbol.
TIER_SYMBOLS = {"city": ("star", 26), "district": ("pentagon", 20), "street": ("diamond", 16),
                "community": ("circle", 12), "park": ("square", 12), "market": ("triangle", 14),
                "tower": ("hexagon", 14)}
GAP_COLOUR, SITE_COLOUR = "#6a3d9a", "#0b7285"
ON_TOP = {"city": 2000, "district": 1000}  # the 1 and the 10 stay above the N's cluster bubbles


def build(centres: pd.DataFrame, *, gaps: pd.DataFrame, sites: pd.DataFrame, seats: pd.DataFrame, basemap: str,
          radius_m: int, show_reach: bool, district: str | None, street: str | None,
          streets: tuple = ()) -> folium.Map:
    """The page's map; `centres` are the located centres of the area (all tiers shown get a layer).

    `streets` are the selected district's street areas (loaders.centres.street_areas): drawn when a
    district is selected, the selected street's highlighted; without one for the street, its centres and
    community seats are outlined by a dashed hull."""
    m = maps.base_map(basemap=basemap, bounds=None)
    maps.district_outlines(m, selected=district)
    if district and streets:
        maps.street_areas(m, streets, district=district, selected=street)
    mine = next((a for a in streets if a.name == street), None) if street else None
    if mine is not None:
        x0, y0, x1, y1 = polygon_bounds(mine.geometry)
        maps.fit(m, [x0, x1], [y0, y1], pad_m=0)
    elif street:
        lon = np.concatenate([centres["lon"].to_numpy(), seats["lon"].to_numpy()])
        lat = np.concatenate([centres["lat"].to_numpy(), seats["lat"].to_numpy()])
        maps.area_hint(m, lon, lat, label=t("centres.street_hint", street=street))
        maps.fit(m, lon, lat)
    else:
        maps.fit_district(m, district)
    layers, legend = [], []
    # Split only the columns drawn: filtering the full 20-column frame per tier costs more than the map.
    by_tier = dict(tuple(centres[["id", "name", "tier", "lon", "lat"]].groupby("tier", sort=False)))
    for tier in CENTRE_TIERS:
        rows = by_tier.get(tier)
        if rows is None or rows.empty:
            continue
        shape, size = TIER_SYMBOLS[tier]
        name = t("centres.layer.tier", tier=label("tier", tier), n=fmt_int(len(rows)))
        if tier in N_TIERS:
            group = maps.cluster(m, name=name, colour=TIER_COLOURS[tier])
        else:
            group = folium.FeatureGroup(name=name).add_to(m)
        points = maps.point_rows(rows["lon"], rows["lat"], rows["id"].tolist(), rows["name"], basemap)
        maps.symbols(m, group, points, colour=TIER_COLOURS[tier], shape=shape, size=size, kind="c",
                     on_top=ON_TOP.get(tier, 0))
        layers.append(group)
        legend.append(maps.LegendItem(name, TIER_COLOURS[tier], shape, min(size, 16)))
    if layers:
        maps.reach_circles(m, layers, radius_m, name=t("centres.layer.reach", radius=radius_m), show=show_reach)
    if not gaps.empty:
        group = folium.FeatureGroup(name=t("centres.layer.gaps", n=fmt_int(len(gaps)))).add_to(m)
        tip, kinds, none = t("centres.gap_tip"), _kind_names(), t("centres.no_centre")
        labels = [tip.format(name=n, kind=kinds[k], distance=none if pd.isna(d) else f"{int(d):,} m")
                  for n, k, d in zip(gaps["name"], gaps["kind"], gaps["distance_m"], strict=True)]
        maps.symbols(m, group, maps.point_rows(gaps["lon"], gaps["lat"], gaps["id"].tolist(), labels, basemap),
                     colour=GAP_COLOUR, size=9, dot=True)
        legend.append(maps.LegendItem(t("centres.legend.gap", radius=radius_m), GAP_COLOUR, "ring", 10))
    if not sites.empty:
        group = folium.FeatureGroup(name=t("centres.layer.sites", n=len(sites))).add_to(m)
        tip = t("centres.site_tip")
        labels = [tip.format(rank=r, name=n, gain=g)
                  for r, n, g in zip(sites["rank"], sites["name"], sites["gain"], strict=True)]
        maps.symbols(m, group, maps.point_rows(sites["lon"], sites["lat"], sites["rank"].tolist(), labels, basemap),
                     colour=SITE_COLOUR, shape="ring", size=20)
        legend.append(maps.LegendItem(t("centres.legend.site"), SITE_COLOUR, "ring", 14))
    legend.append(maps.LegendItem(t("centres.legend.outline"), map_layers.OUTLINE, "line"))
    if district and streets:
        official = all(a.official for a in streets)
        legend.append(maps.LegendItem(t("map.legend.street_boundaries" if official else "map.legend.street_cells"),
                                      map_layers.OUTLINE, "line"))
    if district or street:
        legend.append(maps.LegendItem(t("centres.legend.selected", area=street or district), map_layers.SELECTED, "area"))
    maps.legend(m, legend, title=t("centres.legend.title"))
    maps.layer_control(m)
    return m


def _kind_names() -> dict[str, str]:
    return {k: t(f"centres.kind.{k}") for k in ("community", "tower", "residential")}


def positions(centres: pd.DataFrame, basemap: str) -> dict[int, tuple[float, float]]:
    """Where each centre is drawn (lat, lng), to tell a real marker click from a stale tooltip."""
    rows = maps.point_rows(centres["lon"], centres["lat"], centres["id"].tolist(), centres["name"], basemap)
    return {int(r[2]): (r[0], r[1]) for r in rows}


def on_map_change(state: MutableMapping, *, drawn: dict[int, tuple[float, float]], basemap: str,
                  streets: tuple[str, ...] = ()) -> None:
    """st_folium on_change: a centre click selects its card, a district click filters the page and sidebar.

    It runs before the next script run, so the sidebar widget has not been drawn yet and may be set.
    st_folium keeps the last tooltip when something untagged (a cluster bubble) is clicked; such a
    click is recognised because its position is not the tagged object's, and ignored.
    """
    click = maps.clicked(state.get(MAP_KEY))
    if click is None or click.lat is None or click.lng is None:
        return
    if click.kind == "c" and click.ref.isdigit():
        at = drawn.get(int(click.ref))
        if at is not None and abs(at[0] - click.lat) < 1e-6 and abs(at[1] - click.lng) < 1e-6:
            state[SELECTED_KEY] = int(click.ref)
    elif click.kind == "s" and state.get(filters.DISTRICT_KEY) not in (None, filters.ALL):
        # an imported street boundary of the selected district: drill into the street
        if click.ref in streets and state.get(filters.STREET_KEY) != click.ref:
            state[filters.STREET_KEY] = click.ref
            state.pop(SELECTED_KEY, None)
    elif click.kind == "d":
        lon, lat = maps.stored(click.lng, click.lat, basemap)
        if map_layers.district_at(float(lon), float(lat)) != click.ref:
            return
        # The whole district: also from one of its streets (a street has no outline of its own to click).
        if state.get(filters.DISTRICT_KEY) != click.ref or state.get(filters.STREET_KEY, filters.ALL) != filters.ALL:
            state[filters.DISTRICT_KEY] = click.ref
            state[filters.STREET_KEY] = filters.ALL
            state.pop(SELECTED_KEY, None)


def card(row: pd.Series | None, *, org_link: Callable[[str, str], None]) -> None:
    """The selected centre's facts beside the map, or how to select one."""
    with st.container(border=True, key="centres.card"):
        if row is None:
            st.caption(t("centres.card.hint"))
            return
        st.markdown(f"**{md(row['name'])}**")
        st.badge(label("tier", row["tier"]), color="red" if row["tier"] in ("city", "district") else "orange")
        facts = [
            (t("centres.card.host"), md(row["host"]) or "—"),
            (t("centres.card.address"), md(row["address"]) or "—"),
            (t("centres.card.area"), "—" if pd.isna(row["floor_area_m2"]) else f"{row['floor_area_m2']:,.0f} m²"),
            (t("centres.card.rooms"), "—" if pd.isna(row["function_rooms"]) else str(int(row["function_rooms"]))),
            (t("centres.card.open_24h"), t("centres.yes") if row["open_24h"] else t("centres.no")),
            (t("centres.card.hours"), md(row.get("opening_hours")) if isinstance(row.get("opening_hours"), str)
             and row.get("opening_hours") else t("centres.card.hours_missing")),
            (t("centres.card.opened"), "—" if pd.isna(row["opened_on"]) else str(row["opened_on"])),
        ]
        st.markdown("\n".join(f"- {k}：{v}" for k, v in facts))
        services = [s for s in str(row["services"] or "").split("、") if s]
        st.caption(t("centres.card.services", n=len(services)))
        st.markdown("、".join(md(s) for s in services) or "—")
        st.caption(t("centres.card.org"))
        if isinstance(row["org_code"], str) and row["org_code"]:  # empty when outside the viewer's scope
            org_link(row["org_code"], row["org_name"])
        else:
            st.markdown("—")


ORGS_PAGE = "pages/orgs.py"


def org_link(code: str, name: str) -> None:
    """Link to the organisation on the drill-down page; a plain link when that page is not registered."""
    try:
        st.page_link(ORGS_PAGE, label=md(name), query_params={"org": code})
    except StreamlitPageNotFoundError:
        st.markdown(f"[{md(name)}](./orgs?org={quote(code)})")
