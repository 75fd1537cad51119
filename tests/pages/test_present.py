"""AppTest of 大屏模式: entered from the URL with the filter kept, slides in order, next/previous/pause, exit."""

from __future__ import annotations

SLIDE_HEADINGS = {
    0: "各层级党群服务中心",  # 总览
    2: "各街道商务楼宇党建覆盖",  # 楼宇覆盖
    3: "各街道 A-D 等级分布",  # 支部评级
}


def metric(at, label: str) -> str:
    return next(m.value for m in at.metric if m.label == label)


def headings(at) -> list[str]:
    return [h.value for h in at.subheader]


def open_present(app, **params):
    app.query_params.update({"present": "1", **params})
    at = app.run()
    assert not at.exception, at.exception
    return at


def test_present_param_opens_the_mode_with_the_district_kept(app):
    at = open_present(app, district="罗湖区")
    assert at.session_state["district"] == "罗湖区"
    assert "present" not in at.query_params  # the switch does not loop
    assert at.query_params["slide"] == "1"
    assert at.title[0].value == "基层党建驾驶舱 · 罗湖区 · 2025"
    assert [b.key for b in at.button] == ["present-prev", "present-pause", "present-next", "present-exit",
                                          "present.briefing_prepare", "present.written_prepare"]
    assert SLIDE_HEADINGS[0] in headings(at)
    assert "各街道比较" in headings(at)  # the district's streets are ranked, not the city's districts
    luohu_centres = metric(at, "党群服务中心")
    # the same figure the overview page shows for 罗湖区
    at.button(key="present-exit").click().run()
    assert not at.exception
    assert at.title[0].value == "总览"
    assert at.session_state["district"] == "罗湖区"
    assert at.query_params["district"] == "罗湖区"
    assert metric(at, "党群服务中心") == luohu_centres
    assert "slide" not in at.query_params


def test_the_briefing_is_built_only_when_asked_for(app):
    at = open_present(app, district="罗湖区")
    assert not at.get("download_button")  # opening the screen does not pay for the briefing
    at.button(key="present.briefing_prepare").click().run()
    assert not at.exception
    assert [d.proto.label for d in at.get("download_button")] == ["下载一页简报（PNG）", "下载一页简报（PDF）"]
    at.button(key="present-next").click().run()  # still offered while the slides turn
    assert len(at.get("download_button")) == 2
    at.selectbox(key="district").select("福田区").run()  # another view needs its own briefing
    assert not at.get("download_button")


def test_slide_and_interval_from_the_url(app):
    at = open_present(app, district="罗湖区", slide="4", interval="7")
    assert at.session_state["present.interval"] == 7
    assert at.session_state["present.slide"] == 3
    assert SLIDE_HEADINGS[3] in headings(at)
    assert "2024 → 2025 等级变化" in headings(at)
    assert metric(at, "参评党组织")  # the ratings page's KPI row


def test_next_and_previous_walk_the_slides_and_wrap(app):
    at = open_present(app, district="罗湖区")
    seen = []
    for _ in range(5):
        at.button(key="present-next").click().run()
        assert not at.exception
        seen.append(at.session_state["present.slide"])
        assert at.query_params["slide"] == str(seen[-1] + 1)
    assert seen == [1, 2, 3, 4, 0]
    assert SLIDE_HEADINGS[0] in headings(at)
    at.button(key="present-prev").click().run()
    assert at.session_state["present.slide"] == 4
    assert any(h.startswith("A 级占比最低的街道：") for h in headings(at))  # the focus slide picks the weakest street
    at.button(key="present-prev").click().run()
    assert at.session_state["present.slide"] == 3
    assert SLIDE_HEADINGS[3] in headings(at)


def test_pause_and_resume(app):
    at = open_present(app)
    assert at.button(key="present-pause").label == "暂停"
    at.button(key="present-pause").click().run()
    assert at.session_state["present.paused"] is True
    assert at.button(key="present-pause").label == "继续"
    at.button(key="present-pause").click().run()
    assert at.session_state["present.paused"] is False


def test_focus_slide_shows_the_selected_street(app):
    at = open_present(app, district="罗湖区", street="东门街道", slide="5")
    assert "所选街道：东门街道" in headings(at)
    assert at.session_state["street"] == "东门街道"
    assert "各社区 A-D 等级分布" in headings(at)


def test_bad_interval_is_reported_and_the_default_used(app):
    at = open_present(app, interval="abc")
    assert any("abc" in w.value for w in at.warning)
    assert at.session_state["present.interval"] == 20
    assert not at.exception
