"""AppTest of 大屏模式: entered from the URL with the filter kept, every slide drawn at once (the browser
shows one at a time: tests/browser/test_present.py), the first slide and interval from the URL, the title
bar's 数据截至 and 示例数据 read from the store on every run, the ticker counting what the slides count."""

from __future__ import annotations

import re

import sqlalchemy as sa
import streamlit as st

from tests.conftest import new_app

SLIDE_HEADINGS = ("各层级党群服务中心", "中心分布", "各街道商务楼宇党建覆盖", "各街道 A-D 等级分布", "2024 → 2025 等级变化")


def html(at) -> str:
    return "\n".join(e.proto.body for e in at.get("html"))


def metric(at, label: str) -> str:
    return next(m.value for m in at.metric if m.label == label)


def title_bar(at) -> str:
    bar = next(e.proto.body for e in at.get("html") if 'class="present-bar"' in e.proto.body)
    return re.sub(r"<[^>]+>", " ", bar)


def open_present(app, **params):
    app.query_params.update({"present": "1", **params})
    at = app.run()
    assert not at.exception, at.exception
    return at


def test_present_param_opens_the_mode_with_the_district_and_draws_every_slide(app):
    at = open_present(app, district="罗湖区")
    assert at.session_state["district"] == "罗湖区"
    assert "present" not in at.query_params  # the switch does not loop
    bar = title_bar(at)
    assert "基层党建驾驶舱 · 罗湖区 · 2025" in bar and "示例数据" in bar and "数据截至" in bar
    page = html(at)
    for heading in SLIDE_HEADINGS:  # all five slides are on the page, ready before they are shown
        assert heading in page, heading
    assert "各街道比较" in page  # the district's streets are ranked, not the city's districts
    assert "A 级占比最低的街道：" in page  # the focus slide picks the weakest street
    # the slide turns are the browser's: the only server buttons are the briefings'
    assert [b.key for b in at.button] == ["present.briefing_prepare", "present.written_prepare"]
    luohu_centres = metric(at, "党群服务中心")
    at.switch_page("pages/overview.py").run()
    assert not at.exception
    assert metric(at, "党群服务中心") == luohu_centres  # the same figure the overview page shows


def test_the_briefing_is_built_only_when_asked_for(app):
    at = open_present(app, district="罗湖区")
    assert not at.get("download_button")  # opening the screen does not pay for the briefing
    at.button(key="present.briefing_prepare").click().run()
    assert not at.exception
    assert [d.proto.label for d in at.get("download_button")] == ["下载一页简报（PNG）", "下载一页简报（PDF）"]
    at.selectbox(key="district").select("福田区").run()  # another view needs its own briefing
    assert not at.get("download_button")


def test_first_slide_and_interval_from_the_url(app):
    at = open_present(app, district="罗湖区", slide="4", interval="7")
    assert at.session_state["present.interval"] == 7
    assert at.session_state["present.start"] == 3
    assert "支部评级" in title_bar(at)  # the slide the wall screen opens on
    assert ".st-key-present-slide-3" in html(at)  # and the one shown before the browser's script runs
    at.run()
    assert at.session_state["present.start"] == 3  # kept for the visit


def test_focus_slide_shows_the_selected_street(app):
    at = open_present(app, district="罗湖区", street="东门街道", slide="5")
    page = html(at)
    assert "所选街道：东门街道" in page
    assert at.session_state["street"] == "东门街道"
    assert "各社区 A-D 等级分布" in page


def test_bad_interval_is_reported_and_the_default_used(app):
    at = open_present(app, interval="abc")
    assert any("abc" in w.value for w in at.warning)
    assert at.session_state["present.interval"] == 20
    assert not at.exception


def ticker(at) -> str:
    body = next(e.proto.body for e in at.get("html") if "present-ticker" in e.proto.body)
    return re.sub(r"<[^>]+>", "", body)


def test_the_ticker_counts_the_problems_the_slides_show(app):
    at = open_present(app, district="罗湖区")
    text = ticker(at)
    # the ratings slide's own figures, read off the same page
    assert f"正在整顿的软弱涣散党组织：{metric(at, '软弱涣散（整顿中）')}个" in text, text
    assert f"D级党组织：{metric(at, 'D 级数量')}个" in text, text
    uncovered = int(metric(at, "未覆盖").replace(",", ""))
    assert ("尚未覆盖的20层以上商务楼宇：无" if uncovered == 0 else f"：{uncovered:,}") in text, text
    assert "1,000米内没有党群服务中心的社区：" in text


def test_the_title_bar_reads_the_store_afresh(stores, monkeypatch):
    """After an import moved the as-of date (and the data is no longer demo), the next run of the wall
    screen says so: nothing of the title bar is kept from the first run."""
    url = stores.copy_of_demo("sqlite")
    at = new_app(url, monkeypatch)
    at.query_params.update({"present": "1", "district": "罗湖区"})
    at.run()
    assert not at.exception
    assert "示例数据" in title_bar(at)
    engine = sa.create_engine(url)
    with engine.begin() as c:
        c.execute(sa.text("UPDATE datasetinfo SET value = '2026-03-31' WHERE key = 'as_of'"))
    engine.dispose()
    st.cache_data.clear()  # what the importer does after a write
    at.run()
    assert not at.exception
    assert "数据截至 2026-03-31" in title_bar(at)


def test_present_param_on_a_later_run_with_a_district_opens_the_mode(app):
    """A session that already drew the sidebar (the district widget is bound to the URL and its value is in
    session state) and then gets ?present=1 on a later run: the mode opens with the district, no
    Streamlit error about setting a parameter bound to a widget."""
    app.query_params["district"] = "罗湖区"
    at = app.run()
    assert not at.exception
    at.query_params["present"] = "1"
    at.run()
    assert not at.exception, at.exception
    assert not any("Streamlit" in e.value for e in at.error)
    assert "present" not in at.query_params
    assert at.session_state["district"] == "罗湖区"
    assert "基层党建驾驶舱 · 罗湖区" in title_bar(at)
