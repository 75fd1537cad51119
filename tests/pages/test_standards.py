"""AppTest of 标准化考核: 南湾's 10 / 3 / 1 of seed 003 on screen, shares per district and street agreeing
with the store, the aspects failed, the community list for detail roles only, exports, both languages."""

from __future__ import annotations

import sqlite3

import pytest

from components.ui.i18n import EN, ZH
from models.db import sqlite_path
from tests.pages.reading import metric, store, table_with

PAGE = "pages/standards.py"


@pytest.fixture()
def page(app):
    app.switch_page(PAGE)
    return app


def nanwan(at):
    at.selectbox(key="district").select("龙岗区").run()
    return at.selectbox(key="street").select("南湾街道").run()


def test_nanwan_reads_as_the_seed_says(page):
    at = nanwan(page.run())
    assert not at.exception
    assert at.title[0].value == ZH["standards.title"]
    assert any("示例数据" in c.value for c in at.caption)
    assert metric(at, "达标") == "10" and metric(at, "整改中") == "3" and metric(at, "待考核") == "1"
    assert metric(at, "未达标") == "0"
    assert metric(at, "达标率") == f"{10 / 13:.1%}"  # 待考核 is not counted as assessed
    line = " ".join(c.value for c in at.caption)
    assert "14 个社区中达标 10 个，整改中 3 个" in line
    listing = table_with(at, "community", "failed_aspects")
    assert len(listing) == 14
    shown = dict(zip(listing["community"], listing["result"], strict=True))
    assert shown["南岭村社区"] == "达标" and shown["上李朗社区"] == "达标"
    rectifying = listing[listing["result"] == "整改中"]
    assert len(rectifying) == 3 and (rectifying["failed_aspects"] != "—").all()
    assert (listing.loc[listing["result"] == "达标", "failed_aspects"] == "—").all()
    assert listing.loc[listing["result"] == "待考核", "checked_on"].tolist() == ["—"]  # never "None"


def test_city_shares_per_district_agree_with_the_store(page, demo_db):
    at = page.run()
    assert not at.exception
    table = table_with(at, "communities", "share")
    assert len(table) == 10
    rows = store(demo_db, "SELECT d.name, SUM(s.result = 'passed'), SUM(s.result IN ('passed', 'rectifying', 'failed')) "
                          "FROM standardcheck s JOIN region d ON d.id = s.district_id WHERE s.year = 2025 GROUP BY d.name")
    expected = {name: passed / checked for name, passed, checked in rows}
    got = dict(zip(table["name"], table["share"], strict=True))
    assert got == pytest.approx(expected)
    (passed, checked), = store(demo_db, "SELECT SUM(result = 'passed'), SUM(result <> 'pending') FROM standardcheck "
                                        "WHERE year = 2025")
    assert metric(at, "达标率") == f"{passed / checked:.1%}"
    keys = {b.key for b in at.get("download_button")}
    assert {"standards.region_export.csv", "standards.community_export.xlsx"} <= keys


def test_the_aspects_failed_most_come_from_the_store(page, demo_db):
    at = page.run()
    at = at.selectbox(key="district").select("罗湖区").run()
    assert not at.exception
    table = table_with(at, "communities", "share")
    assert set(table["name"]) >= {"东门街道", "南湖街道"} and len(table) == 10
    (n,), = store(demo_db, "SELECT COUNT(*) FROM standardcheck s JOIN region d ON d.id = s.district_id "
                           "WHERE d.name = '罗湖区' AND s.year = 2025")
    assert len(table_with(at, "community", "failed_aspects")) == n


def test_the_first_year_has_results_too(page):
    page.query_params.update({"year": "2021"})
    at = page.run()
    assert not at.exception
    assert metric(at, "达标率")  # the first year has results too
    assert not at.warning


def test_english_page_has_no_chinese_labels(page):
    page.query_params.update({"lang": "en"})
    at = page.run()
    assert not at.exception
    assert at.title[0].value == EN["standards.title"]
    assert EN["standards.kpi_share"] in {m.label for m in at.metric}
    assert EN["vocab.standard.passed"] in {m.label for m in at.metric}


def test_the_overview_figure_is_the_pages_pass_rate(page, demo_db, monkeypatch):
    """standardisation_share (the one figure 总览 may show) reads what this page shows as 达标率."""
    from components.loaders import standards as loaders
    from models.access import FULL, VIEWER, Scope
    from models.area import CITY, Area

    at = nanwan(page.run())
    shown = metric(at, "达标率")
    monkeypatch.setenv("DATABASE_URL", demo_db)
    (district, street), = store(demo_db, "SELECT district_id, id FROM region WHERE name = '南湾街道'")
    share = loaders.standardisation_share(FULL, Area(district, street), 2025)
    assert f"{share:.1%}" == shown == f"{10 / 13:.1%}"
    assert loaders.standardisation_share(Scope(role=VIEWER), Area(district, street), 2025) == share  # an aggregate
    city = loaders.standardisation_share(FULL, CITY, 2025)
    (passed, checked), = store(demo_db, "SELECT SUM(result = 'passed'), SUM(result <> 'pending') FROM standardcheck "
                                        "WHERE year = 2025")
    assert city == pytest.approx(passed / checked)
    assert loaders.standardisation_share(FULL, CITY, 1999) is None  # nothing assessed: "—", never 0 %


def test_a_viewer_sees_the_figures_but_no_community_list(page, monkeypatch):
    from models.access import VIEWER, Scope

    monkeypatch.setattr("components.shell.auth.current_scope", lambda: Scope(role=VIEWER))
    at = nanwan(page.run())
    assert not at.exception
    assert metric(at, "达标") == "10"
    assert not [d for d in at.dataframe if "failed_aspects" in d.value.columns]
    assert ZH["standards.list_title"] not in [s.value for s in at.subheader]


def test_a_store_without_results_says_so_in_chinese_and_english(stores, monkeypatch):
    """A store whose register holds no standardisation results (a real store before its first import of
    kind standards): a Chinese notice naming the area and year, no table or chart, no exception."""
    from tests.conftest import new_app

    url = stores.copy_of_demo("sqlite")
    con = sqlite3.connect(sqlite_path(url))
    with con:
        con.execute("DELETE FROM standardcheck")
    con.close()
    at = new_app(url, monkeypatch)
    at.switch_page(PAGE)
    at = at.run()
    assert not at.exception
    assert [i.value for i in at.info] == [ZH["standards.empty_area"].format(area="全市", year=2025)]
    assert not at.metric and not at.dataframe
    at.query_params.update({"lang": "en"})
    at = at.run()
    assert not at.exception and at.info[0].value.startswith("No standardisation results")


def test_overview_shows_the_areas_standardisation_share_and_links_to_the_page(app):
    """总览 reads the 达标 share this page shows, with its counts (南湾: 10 of the 13 assessed), as a link here."""
    from html import unescape

    at = nanwan(app.run())
    assert not at.exception
    lines = [unescape(p.proto.label) for p in at.get("page_link") if "标准化达标率" in unescape(p.proto.label)]
    assert lines == [f"社区党建标准化达标率 {10 / 13:.1%}（已考核的 13 个社区中 10 个达标）"], lines
    at = at.switch_page(PAGE).run()
    assert metric(at, "达标率") == f"{10 / 13:.1%}"
