"""AppTest of the router and the overview page: filters, deep links, language, bad input."""

from __future__ import annotations


def metric(at, label: str):
    return next(m for m in at.metric if m.label == label)


def test_overview_opens_on_demo_data(app):
    at = app.run()
    assert not at.exception
    assert at.title[0].value == "总览"
    assert metric(at, "党群服务中心").value == "1,050 个"
    assert any("示例数据" in m.value for m in at.sidebar.markdown)  # the badge
    assert any("示例数据" in c.value for c in at.caption)


def test_district_filter_changes_figures(app):
    at = app.run()
    city_centres = metric(at, "党群服务中心").value
    at.selectbox(key="district").select("罗湖区").run()
    assert not at.exception
    assert metric(at, "党群服务中心").value != city_centres
    # Luohu: all 41 towers of 20+ floors are covered (DOMAIN.md §3)
    assert metric(at, "商务楼宇覆盖率").value == "100.0%"
    streets = at.selectbox(key="street").options
    assert "南湖街道" in streets and "南湾街道" not in streets


def test_street_filter_and_ranking_level(app):
    at = app.run()
    at.selectbox(key="district").select("龙岗区").run()
    at.selectbox(key="street").select("南湾街道").run()
    assert not at.exception
    assert any("南湾街道" in c.value for c in at.caption)
    assert any(s.value == "各街道比较" for s in at.subheader)


def test_deep_link_reopens_the_same_view(app):
    app.query_params.update({"district": "罗湖区", "year": "2023"})
    at = app.run()
    assert not at.exception
    assert at.selectbox(key="district").value == "罗湖区"
    assert at.selectbox(key="year").value == 2023
    assert any("2023" in c.value for c in at.caption)
    assert not at.warning


def test_unknown_values_in_the_link_are_explained(app):
    app.query_params.update({"district": "火星区", "year": "1999"})
    at = app.run()
    assert not at.exception
    texts = " ".join(w.value for w in at.warning)
    assert "火星区" in texts and "1999" in texts
    assert metric(at, "党群服务中心").value == "1,050 个"  # fell back to the whole city


def test_the_link_notice_stays_on_a_rerun_and_goes_when_the_filter_changes(app):
    app.query_params.update({"district": "火星区"})
    at = app.run()
    at.query_params.clear()  # the browser reruns with the fallback in the URL
    at = at.run()
    assert any("火星区" in w.value for w in at.warning)
    at = at.selectbox(key="district").select("罗湖区").run()
    assert not any("火星区" in w.value for w in at.warning)


def test_language_switch_to_english(app):
    at = app.run()
    at.button_group(key="lang").set_value("en").run()
    assert not at.exception
    assert at.title[0].value == "Overview"
    assert metric(at, "Service centres").value == "1,050"


def test_language_from_the_link(app):
    app.query_params["lang"] = "en"
    at = app.run()
    assert not at.exception
    assert at.title[0].value == "Overview"
    at.run()
    assert at.title[0].value == "Overview"  # stays English on the next run


def test_a_street_without_towers_reads_a_dash_and_says_why_not_zero(app):
    app.query_params.update({"district": "罗湖区", "street": "东晓街道"})  # no tower of 20+ floors in the demo
    at = app.run()
    card = metric(at, "商务楼宇覆盖率")
    assert card.value == "—" and card.delta == "无20层以上楼宇"
    assert card.proto.color == 2 and card.proto.direction == 2  # grey, no arrow: not a rise
