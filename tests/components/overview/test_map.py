"""总览's map comes from the render memo: a rerun sends exactly what a fresh build sends, st_folium's changes
to one copy never reach the next, and the language is part of the key."""

from __future__ import annotations

import pandas as pd
import pytest
import streamlit as st
import streamlit_folium

from components.overview import kpis
from components.overview import map as overview_map
from components.ui import map_layers, maps

NAMES = [f["properties"]["name"] for f in map_layers.simplified_outlines()["features"]]
REGIONS = pd.DataFrame({"name": NAMES, "a_share": [0.1 * (i % 7) for i in range(len(NAMES))],
                        "members": [1000 * i for i in range(len(NAMES))], "lon": None, "lat": None})
SEATS = pd.DataFrame({"name": ["南湖街道", "东门街道"], "a_share": [0.2, 0.4], "members": [10, 20],
                      "lon": [114.12, 114.13], "lat": [22.54, 22.55]})


def show(monkeypatch, m) -> dict:
    payloads: list[dict] = []
    monkeypatch.setattr(streamlit_folium, "_component_func", lambda **kw: payloads.append(kw))
    streamlit_folium.st_folium(m, key=overview_map.MAP_KEY, returned_objects=maps.RETURNED,
                               render=overview_map.RENDER_TWICE)
    return payloads[0]


def sent(monkeypatch, **view) -> list[dict]:
    """What st_folium sends on the first build and on two reruns from the memo."""
    return [show(monkeypatch, overview_map.build(**view)) for _ in range(3)]


@pytest.mark.parametrize("view", [
    {"regions": REGIONS, "kpi": kpis.KPIS["a_share"], "district": None, "street": None},
    {"regions": SEATS, "kpi": kpis.KPIS["members"], "district": "罗湖区", "street": "东门街道"},
], ids=["city", "district"])
def test_a_rerun_sends_the_same_map_as_the_first_build(monkeypatch, view):
    st.cache_data.clear()
    first, *reruns = sent(monkeypatch, **view)
    fresh = show(monkeypatch, overview_map._draw(**view, streets=()))  # no memo at all
    for payload in (*reruns, fresh):
        for arg in ("script", "header", "html", "js_links", "css_links", "key"):
            assert payload[arg] == first[arg], arg
    assert "pm-legend" in first["script"]


def test_the_map_follows_the_figure_and_the_language(monkeypatch):
    st.cache_data.clear()
    view = {"regions": REGIONS, "district": None, "street": None}
    share = sent(monkeypatch, kpi=kpis.KPIS["a_share"], **view)[0]["script"]
    members = sent(monkeypatch, kpi=kpis.KPIS["members"], **view)[0]["script"]
    assert share != members
    monkeypatch.setattr(overview_map, "current_lang", lambda: "en")
    monkeypatch.setattr("components.ui.i18n.current_lang", lambda: "en")
    english = sent(monkeypatch, kpi=kpis.KPIS["a_share"], **view)[0]["script"]
    assert "Grade-A share" in english and "Grade-A share" not in share
