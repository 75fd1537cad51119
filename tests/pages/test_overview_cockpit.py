"""AppTest of 总览's cockpit: cards with trend and units, the figure picker in the URL, the ranking board,
the problem list that agrees with the pages it links to, and the map's clicks driving the sidebar."""

from __future__ import annotations

import pytest

from components.overview import map as overview_map
from components.shell import filters
from components.ui import map_layers
from tests.conftest import new_app


def metric(at, label: str):
    return next(m for m in at.metric if m.label == label)


def test_cards_read_in_wan_with_the_exact_figure_on_hover_and_flat_change_reads_flat(app):
    at = app.run()
    assert not at.exception
    members = metric(at, "党员")
    assert "万" in members.value and members.value.endswith("名")
    exact = int(members.help.split()[0].replace(",", ""))
    assert exact >= 100_000
    assert members.value == f"{exact / 10_000:.1f}万 名"
    centres = metric(at, "党群服务中心")  # 1,050 in both years: no change, no arrow
    assert centres.value == "1,050 个"
    assert centres.delta == "持平"
    for m in at.metric:
        assert m.delta is None or m.delta == "持平" or not m.delta.startswith(("+0 ", "+0.0", "-0.0")), m
        assert m.proto.chart_data, f"{m.label} has no sparkline"


def test_the_figure_picked_goes_into_the_url_as_a_code(app):
    at = app.run()
    picker = at.button_group(key="overview.kpi")
    assert picker.value == "a_share"
    picker.set_value("members").run()
    assert not at.exception
    assert at.query_params["overview.kpi"] == ["members"] or at.query_params["overview.kpi"] == "members"
    assert any("党员数" in m.value for m in at.markdown)  # the board is titled by the figure


def test_an_unknown_figure_in_the_link_is_explained(app):
    app.query_params["overview.kpi"] = "bogus"
    at = app.run()
    assert not at.exception
    assert any("bogus" in w.value for w in at.warning)
    assert at.button_group(key="overview.kpi").value == "a_share"


def test_problem_counts_agree_with_the_pages_they_link_to(app):
    app.query_params["district"] = "罗湖区"
    at = app.run()
    assert not at.exception
    texts = " ".join(link.proto.label for link in at.get("page_link"))
    assert "未覆盖的20层以上商务楼宇" in texts and "D 级党组织" in texts and "软弱涣散" in texts
    app.switch_page("pages/buildings.py")
    b = app.run()
    uncovered = next(m for m in b.metric if m.label == "未覆盖").value
    assert f"未覆盖的20层以上商务楼宇：{uncovered} 栋" in texts
    app.switch_page("pages/ratings.py")
    r = app.run()
    d_count = next(m for m in r.metric if m.label == "D 级数量").value
    assert f"D 级党组织：{d_count} 个" in texts


def test_board_shows_best_and_worst_subareas_of_the_district(app):
    app.query_params["district"] = "罗湖区"
    at = app.run()
    assert not at.exception
    captions = " ".join(c.value for c in at.caption)
    assert "前 5 名街道" in captions and "后 5 名街道" in captions


def _state(kind: str, ref: str, lat: float, lng: float, **extra) -> dict:
    return {overview_map.MAP_KEY: {"last_object_clicked_tooltip": f"{ref} A级占比：25.0% #{kind}:{ref}",
                                   "last_object_clicked": {"lat": lat, "lng": lng}}, **extra}


def test_a_district_click_selects_the_district_and_a_street_click_the_street():
    feature = next(f for f in map_layers.simplified_outlines()["features"] if f["properties"]["name"] == "罗湖区")
    import shapely

    from models.geo import polygon
    inside = polygon(feature["geometry"]).representative_point()
    state = _state("d", "罗湖区", inside.y, inside.x, **{filters.STREET_KEY: "南湖街道", filters.DISTRICT_KEY: "福田区"})
    overview_map.on_map_change(state, district="福田区", streets=())
    assert state[filters.DISTRICT_KEY] == "罗湖区" and state[filters.STREET_KEY] == filters.ALL
    # a stale tooltip (the click landed elsewhere) changes nothing
    stale = _state("d", "罗湖区", 22.2, 113.5, **{filters.DISTRICT_KEY: "福田区"})
    overview_map.on_map_change(stale, district="福田区", streets=())
    assert stale[filters.DISTRICT_KEY] == "福田区"
    street = _state("s", "南湖街道", 22.54, 114.12)
    overview_map.on_map_change(street, district="罗湖区", streets=("南湖街道", "东门街道"))
    assert street[filters.DISTRICT_KEY] == "罗湖区" and street[filters.STREET_KEY] == "南湖街道"
    other = _state("s", "南湾街道", 22.6, 114.1)
    overview_map.on_map_change(other, district="罗湖区", streets=("南湖街道",))
    assert filters.STREET_KEY not in other
    assert shapely  # imported for the geometry helper above


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_cockpit_runs_in_both_languages_for_a_street(demo_db, monkeypatch, lang):
    app = new_app(demo_db, monkeypatch)
    app.query_params.update({"district": "罗湖区", "street": "南湖街道", "lang": lang})
    at = app.run()
    assert not at.exception
    assert at.title[0].value == ("总览" if lang == "zh" else "Overview")
