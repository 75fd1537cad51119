"""AppTest of the team page (队伍建设) and of the 区属党(工)委 ranking tab of 支部评级: the seed's figures
on screen, tabs kept in the URL as codes, detail lists only for detail roles, exports, both languages."""

from __future__ import annotations

import pytest

from components.ui.i18n import EN, ZH
from tests.pages.reading import metric, store, table_with

PAGE = "pages/team.py"


def region_id(url: str, name: str) -> int:
    return store(url, "SELECT id FROM region WHERE name = ?", name)[0][0]


def nanwan(at):
    at.selectbox(key="district").select("龙岗区").run()
    return at.selectbox(key="street").select("南湾街道").run()


def open_tab(at, name: str):
    at.session_state["team.tab"] = ZH[f"team.tab_{name}"]
    return at.run()


@pytest.fixture()
def page(app):
    app.switch_page(PAGE)
    return app


def test_nanwan_secretaries_read_as_the_seed_says(page):
    at = nanwan(page.run())
    assert not at.exception
    assert at.title[0].value == "队伍建设"
    assert any("示例数据" in c.value for c in at.caption)
    assert [t.label for t in at.tabs] == [ZH["team.tab_secretaries"], ZH["team.tab_volunteers"]]
    assert metric(at, "社区党委书记") == "14"
    assert metric(at, "平均年龄") == "43.0"
    assert metric(at, "大专以上学历") == "100.0%"
    line = " ".join(c.value for c in at.caption)
    assert "14 名社区党委书记中 14 人具有大专以上学历，其中本科 10 人、研究生 1 人，平均年龄 43.0 岁" in line


def test_staffing_table_and_list_agree_with_the_store(page, demo_db):
    at = page.run()
    at = at.selectbox(key="district").select("罗湖区").run()
    assert not at.exception
    district = region_id(demo_db, "罗湖区")
    (n, full), = store(demo_db, "SELECT COUNT(*), SUM(secretary AND deputy AND organiser) FROM committeestaffing "
                                "WHERE district_id = ?", district)
    assert metric(at, "配备齐全") == f"{full / n:.1%}"
    table = table_with(at, "committees", "fully_staffed")
    assert int(table["committees"].sum()) == n and set(table["name"]) >= {"东湖街道", "南湖街道"}
    listing = table_with(at, "committee", "tenure_start")
    assert len(listing) == n  # the administrator sees every secretary of the district
    assert listing["name"].isna().all()  # the demo holds no names
    keys = {b.key for b in at.get("download_button")}
    assert {"team.region_export.csv", "team.secretary_export.xlsx"} <= keys


def test_volunteers_tab_deep_link_shows_nanwan_and_the_named_hometown_branches(page, demo_db):
    page.query_params.update({"team.tab": "volunteers"})
    at = nanwan(page.run())
    assert not at.exception and not at.warning
    assert at.session_state["team.tab"] == ZH["team.tab_volunteers"]
    volunteers = int(metric(at, "注册志愿者").replace(",", ""))
    assert volunteers >= 21_000
    (stored,), = store(demo_db, "SELECT volunteers FROM volunteeryear WHERE street_id = ? AND year = 2025",
                       region_id(demo_db, "南湾街道"))
    assert volunteers == stored
    assert metric(at, "爱心银行积分") != "—"
    at = at.selectbox(key="district").select("罗湖区").run()
    assert metric(at, "同乡村党组织") == "12"
    reach = int(metric(at, "辐射外来务工人员").replace(",", ""))
    assert 190_000 <= reach < 200_000  # "辐射近20万"
    listing = table_with(at, "hometown", "reach")
    based = dict(zip(listing["hometown"], listing["street"], strict=True))
    assert based["湖南攸县"] == "东湖街道" and based["江西新余"] == "南湖街道"


def test_tab_code_goes_into_the_url_and_a_bad_one_is_explained(page):
    at = open_tab(page.run(), "volunteers")
    assert at.query_params["team.tab"] in ("volunteers", ["volunteers"])  # the code, not the label


@pytest.mark.parametrize("value", ["nonsense", "<script>x</script>", "x" * 5000, "\u202e\u200b", "**粗体**"])
def test_a_bad_tab_in_the_url_is_explained_and_the_first_tab_opens(page, value):
    page.query_params.update({"team.tab": value})
    at = page.run()
    assert not at.exception
    assert len(at.warning) == 1 and "team\\.tab" in at.warning[0].value and "书记队伍" in at.warning[0].value
    assert metric(at, "社区党委书记")


@pytest.mark.parametrize("value", ["志愿服务与同乡村", "Volunteers and hometown organisations"])
def test_old_links_with_a_tab_label_still_open_it(page, value):
    page.query_params.update({"team.tab": value})
    at = page.run()
    assert not at.exception and not at.warning
    assert metric(at, "注册志愿者")


def test_english_page_has_no_chinese_labels(page):
    page.query_params.update({"lang": "en"})
    at = page.run()
    assert not at.exception
    assert at.title[0].value == EN["team.title"]
    assert [t.label for t in at.tabs] == [EN["team.tab_secretaries"], EN["team.tab_volunteers"]]
    assert EN["team.kpi_average_age"] in {m.label for m in at.metric}


def test_committee_ranking_tab_ranks_a_district_with_changes_and_history(app, demo_db):
    app.switch_page("pages/ratings.py")
    app.query_params.update({"ratings.tab": "committees"})
    at = app.run()
    assert not at.exception and not at.warning
    city = table_with(at, "rank", "score_social")
    (n,), = store(demo_db, "SELECT COUNT(*) FROM committeescore WHERE year = 2025")
    assert len(city) == n  # every district's committees, ranked within their district
    at = at.selectbox(key="district").select("罗湖区").run()
    board = table_with(at, "rank", "score_social")
    rows = store(demo_db, "SELECT o.name, s.composite FROM committeescore s JOIN partyorg o ON o.id = s.org_id "
                          "WHERE s.year = 2025 AND s.district_id = ? ORDER BY s.composite DESC",
                 region_id(demo_db, "罗湖区"))
    assert board["name"].tolist()[:3] == [r[0] for r in rows][:3]
    assert board["rank"].tolist() == sorted(board["rank"].tolist()) and board["rank"].iloc[0] == 1
    assert "罗湖区直属机关工委" in set(board["name"]) and len(board) == len(rows)
    assert board["change"].str.contains("上升|下降|持平").all()
    assert any(s.value == "历年排名变化" for s in at.subheader)
    assert {"ratings.committee_export.csv", "ratings.committee_export.xlsx"} <= {b.key for b in at.get("download_button")}
