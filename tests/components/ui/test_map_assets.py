"""Tests for components.ui.map_assets: local asset install and CDN-free folium HTML."""

from __future__ import annotations

import re
from pathlib import Path

import folium
import folium.plugins
import pytest
from branca.element import MacroElement


from components.ui import map_assets
from components.ui.map_assets import (
    DEFAULT_BASE_URL,
    install_static_assets,
    popup,
    offline_map,
    remote_asset_urls,
    use_local_assets,
)
from folium.template import Template

URL_RE = re.compile(r"(?:https?:)?//[^\s\"'<>)]+", re.IGNORECASE)
LOCAL_RE = re.compile(re.escape(DEFAULT_BASE_URL) + r"/[^\s\"'<>)]+")

POLYGON = {
    "type": "FeatureCollection",
    "features": [
        {
            "type": "Feature",
            "properties": {"name": "福田区", "count": 3},
            "geometry": {
                "type": "Polygon",
                "coordinates": [[[114.0, 22.5], [114.1, 22.5], [114.1, 22.6], [114.0, 22.6], [114.0, 22.5]]],
            },
        }
    ],
}


class Legend(MacroElement):
    _template = Template(
        """
        {% macro html(this, kwargs) %}
        <div class="map-legend" style="position:absolute; bottom:24px; left:12px; z-index:1000;
             background:#fff; padding:4px 8px; border:1px solid #999;">
          <span style="color:#2b7bba;">&#9679;</span> 站点
        </div>
        {% endmacro %}
        """
    )


@pytest.fixture(scope="module")
def static_dir(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("static")
    install_static_assets(path)
    return path


@pytest.fixture(autouse=True)
def local_assets():
    use_local_assets()


def build_map() -> folium.Map:
    m = offline_map(location=[22.54, 114.06], zoom_start=11)
    folium.GeoJson(
        POLYGON,
        name="district",
        tooltip=folium.GeoJsonTooltip(fields=["name"]),
        popup=folium.GeoJsonPopup(fields=["name", "count"]),
    ).add_to(m)
    points = [[22.5 + i * 0.001, 114.0 + i * 0.001] for i in range(50)]
    folium.plugins.MarkerCluster(locations=points, name="points").add_to(m)
    layer = folium.FeatureGroup(name="stations").add_to(m)
    folium.CircleMarker(
        [22.54, 114.06], radius=6, tooltip="市民中心", popup=popup("深圳市民中心")
    ).add_to(layer)
    folium.Circle([22.55, 114.07], radius=500).add_to(layer)
    folium.plugins.MarkerCluster(locations=[[22.53, 114.05], [22.531, 114.051]], name="mc").add_to(m)
    folium.Marker([22.52, 114.02]).add_to(m)
    m.get_root().add_child(Legend())
    folium.LayerControl().add_to(m)
    return m


def url_to_file(static_dir: Path, url: str) -> Path:
    assert url.startswith(DEFAULT_BASE_URL + "/")
    return static_dir / "vendor" / url[len(DEFAULT_BASE_URL) + 1 :]


# --- install_static_assets ------------------------------------------------------


def test_install_creates_files(static_dir: Path):
    vendor = static_dir / "vendor"
    for rel in (
        "leaflet/leaflet.js",
        "leaflet/leaflet.css",
        "leaflet/images/marker-icon.png",
        "leaflet/images/marker-icon-2x.png",
        "leaflet/images/marker-shadow.png",
        "leaflet/images/layers.png",
        "leaflet_markercluster/leaflet.markercluster.js",
        "leaflet_markercluster/MarkerCluster.css",
        "leaflet_markercluster/MarkerCluster.Default.css",
        "folium_offline/folium-offline.js",
        "leaflet/.version",
    ):
        path = vendor / rel
        assert path.is_file(), rel
        assert path.stat().st_size > 0, rel
    for url in (f"{DEFAULT_BASE_URL}/{b.name}/{rel}" for b in map_assets._BUNDLES for rel in b.files):
        assert url_to_file(static_dir, url).is_file(), url
    assert "1.9.3" in (vendor / "leaflet" / ".version").read_text()


def test_vendor_files_are_copies_of_xstatic(static_dir: Path):
    import xstatic.pkg.leaflet as xs_leaflet

    source = Path(xs_leaflet.BASE_DIR) / "leaflet.js"
    assert (static_dir / "vendor" / "leaflet" / "leaflet.js").read_bytes() == source.read_bytes()


def test_install_is_idempotent_and_cheap(tmp_path: Path):
    install_static_assets(tmp_path)
    js = tmp_path / "vendor" / "leaflet" / "leaflet.js"
    first = js.stat().st_mtime_ns
    install_static_assets(tmp_path)
    assert js.stat().st_mtime_ns == first  # nothing rewritten


def test_install_repairs_missing_file_and_stale_marker(tmp_path: Path):
    install_static_assets(tmp_path)
    vendor = tmp_path / "vendor"
    (vendor / "leaflet" / "images" / "marker-icon.png").unlink()
    (vendor / "leaflet_markercluster" / ".version").write_text("0.0.0\n")
    (vendor / "leaflet_markercluster" / "MarkerCluster.css").write_text("stale")
    install_static_assets(tmp_path)
    assert (vendor / "leaflet" / "images" / "marker-icon.png").is_file()
    assert (vendor / "leaflet_markercluster" / "MarkerCluster.css").read_text() != "stale"
    leftovers = [p.name for p in vendor.rglob(".*") if p.name != ".version"]
    assert leftovers == []  # no temp files left behind


# --- use_local_assets / offline_map -----------------------------------------------


def test_use_local_assets_is_idempotent():
    use_local_assets()
    snapshot = (
        list(folium.Map.default_js),
        list(folium.Map.default_css),
        list(folium.plugins.FastMarkerCluster.default_js),
        list(folium.plugins.MarkerCluster.default_css),
    )
    use_local_assets()
    assert snapshot == (
        folium.Map.default_js,
        folium.Map.default_css,
        folium.plugins.FastMarkerCluster.default_js,
        folium.plugins.MarkerCluster.default_css,
    )
    names = {name for name, _ in folium.Map.default_js + folium.Map.default_css}
    assert names == {"leaflet", "leaflet_css"}  # jquery, bootstrap, awesome-markers, fonts dropped


def test_offline_map_html_has_no_remote_url(static_dir: Path):
    html = build_map().get_root().render()
    assert URL_RE.findall(html) == []
    assert "http:" not in html and "https:" not in html


def test_every_local_path_exists(static_dir: Path):
    html = build_map().get_root().render()
    referenced = set(LOCAL_RE.findall(html))
    assert f"{DEFAULT_BASE_URL}/leaflet/leaflet.js" in referenced
    assert f"{DEFAULT_BASE_URL}/leaflet_markercluster/leaflet.markercluster.js" in referenced
    assert f"{DEFAULT_BASE_URL}/folium_offline/folium-offline.js" in referenced
    for url in referenced:
        target = url_to_file(static_dir, url)
        if url.endswith("/"):
            assert target.is_dir(), url
        else:
            assert target.is_file(), url


def test_map_wiring_in_html():
    m = build_map()
    html = m.get_root().render()
    assert '"maxZoom": 18' in html  # folium.Map drops max_zoom when tiles=None
    assert f'L.Icon.Default.imagePath = "{DEFAULT_BASE_URL}/leaflet/images/"' in html
    assert "L.AwesomeMarkers" not in html  # offline-safe FastMarkerCluster callback
    assert '"minWidth": 180' in html
    assert '"maxWidth": 320' in html  # numeric, or Leaflet ignores minWidth
    assert "L.control.layers" in html
    assert remote_asset_urls(m) == []
    # Leaflet must load before folium-offline.js (which patches L).
    assert html.index("leaflet/leaflet.js") < html.index("folium-offline.js")


def test_offline_support_script_survives_streamlit_folium():
    """streamlit-folium drops inline <script>s of the header (it inserts them
    with innerHTML) and keeps only each element's script macro; the imagePath
    must therefore live in the script macro."""
    from streamlit_folium import generate_leaflet_string

    m = offline_map(location=[22.54, 114.06])
    folium.plugins.MarkerCluster(locations=[[22.54, 114.06]]).add_to(m)
    m.get_root().render()
    script = generate_leaflet_string(m)
    assert "L.Icon.Default.imagePath" in script
    assert script.index("L.Icon.Default.imagePath") < script.index("L.markerClusterGroup")


def test_remote_asset_urls_flags_cdn_elements():
    import branca.colormap

    m = offline_map()
    assert remote_asset_urls(m) == []
    branca.colormap.LinearColormap(["white", "red"], vmin=0, vmax=1).add_to(m)
    assert any("d3" in url for url in remote_asset_urls(m))
    m2 = offline_map()
    folium.plugins.Fullscreen().add_to(m2)
    assert remote_asset_urls(m2) != []


def test_max_and_min_zoom_options():
    m = offline_map(max_zoom=16, min_zoom=9)
    assert m.options["max_zoom"] == 16
    assert m.options["min_zoom"] == 9


def test_custom_base_url():
    try:
        use_local_assets("/custom/vendor/")
        html = offline_map().get_root().render()
        assert "/custom/vendor/leaflet/leaflet.js" in html
        assert '"/custom/vendor/leaflet/images/"' in html
    finally:
        use_local_assets()
    assert map_assets._active_base_url == DEFAULT_BASE_URL
