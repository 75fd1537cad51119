"""AppTest of the 项目认领 page (党建项目认领): seed 000's 南湖 figures on screen, the counts agree with the store
read by SQL of the test's own, detail (unit names, the list, the map) only for detail roles, the export, an
area without projects says so, both languages."""

from __future__ import annotations

import sqlite3

import pytest

from components.ui.i18n import EN, ZH
from tests.pages.reading import metric, store, table_with
from tests.conftest import new_app
from tests.data.importing_support import copy_store

PAGE = "pages/projects.py"


def number(at, label: str) -> int:
    return int(metric(at, label).replace(",", ""))


def nanhu(at):
    at.selectbox(key="district").select("罗湖区").run()
    return at.selectbox(key="street").select("南湖街道").run()


@pytest.fixture()
def page(app):
    app.switch_page(PAGE)
    return app


def test_nanhu_reads_as_seed_000_says(page, demo_db):
    at = nanhu(page.run())
    assert not at.exception
    assert at.title[0].value == "项目认领"
    assert any("示例数据" in c.value for c in at.caption)
    assert number(at, "认领项目") == 292
    assert number(at, "认领单位") == 130
    assert number(at, "受益党员群众") > 13_000
    statuses = [number(at, s) for s in ("待认领", "已认领", "实施中", "已完成")]
    assert sum(statuses) == number(at, "项目总数") and sum(statuses[1:]) == 292
    listing = table_with(at, "code", "unit", "status")
    (n,), = store(demo_db, "SELECT COUNT(*) FROM partyproject p JOIN region r ON r.id = p.street_id "
                           "WHERE r.name = '南湖街道'")
    assert len(listing) == n == number(at, "项目总数")
    assert set(listing["status"]) == {"待认领", "已认领", "实施中", "已完成"}
    unclaimed = listing[listing["status"] == "待认领"]
    assert (unclaimed["unit"] == "—").all() and (unclaimed["claimed_on"] == "—").all()  # never "None"
    assert not listing.isin(["None", "nan", "NaT"]).any().any()
    top = table_with(at, "name", "unit_type", "projects")
    assert len(top) == 10 and top["projects"].is_monotonic_decreasing
    keys = {b.key for b in at.get("download_button")}
    assert {"projects.export.csv", "projects.export.xlsx", "projects.subarea_export.csv"} <= keys


def test_the_district_board_agrees_with_the_store_and_per_street(page, demo_db):
    at = page.run()
    at = at.selectbox(key="district").select("罗湖区").run()
    assert not at.exception
    (claimed, units, people), = store(
        demo_db, "SELECT COUNT(*), COUNT(DISTINCT unit_id), SUM(beneficiaries) FROM partyproject p "
                 "JOIN region d ON d.id = p.district_id WHERE d.name = '罗湖区' AND p.status <> 'open'")
    assert (number(at, "认领项目"), number(at, "认领单位"), number(at, "受益党员群众")) == (claimed, units, people)
    table = table_with(at, "name", "open", "done", "projects")
    assert len(table) == 10 and int(table["projects"].sum()) == number(at, "项目总数")
    row = table[table["name"] == "南湖街道"].iloc[0]
    assert row["projects"] - row["open"] == 292 and row["units"] == 130


def test_an_earlier_year_counts_what_had_been_claimed_by_its_end(page, demo_db):
    at = nanhu(page.run())
    at = at.selectbox(key="year").select(2021).run()
    assert not at.exception
    (claimed,), = store(demo_db, "SELECT COUNT(*) FROM partyproject p JOIN region r ON r.id = p.street_id "
                                 "WHERE r.name = '南湖街道' AND claimed_on <= '2021-12-31'")
    assert number(at, "认领项目") == claimed < 292
    listing = table_with(at, "code", "completed_on")
    assert all(d <= "2021-12-31" for d in listing["completed_on"] if d != "—")
    assert all(d <= "2021-12-31" for d in listing["claimed_on"] if d != "—")


def test_status_pills_narrow_the_list(page):
    at = nanhu(page.run())
    at.session_state["projects.status"] = ["open"]
    at = at.run()
    listing = table_with(at, "code", "unit", "status")
    assert len(listing) == number(at, "待认领") and set(listing["status"]) == {"待认领"}


def test_an_area_without_projects_says_so(demo_db, tmp_path, monkeypatch):
    copy = copy_store(demo_db, tmp_path / "no_nanhu.db")
    con = sqlite3.connect(copy.path)
    with con:
        con.execute("DELETE FROM partyproject WHERE street_id = (SELECT id FROM region WHERE name = '南湖街道')")
    con.close()
    at = new_app(copy.url, monkeypatch)
    at.switch_page(PAGE)
    at = nanhu(at.run())
    assert not at.exception
    assert any("南湖街道截至 2025 年末没有党建认领项目" in i.value for i in at.info)
    assert not at.metric and not at.dataframe  # no zeros, no empty tables
    at = at.selectbox(key="street").select(None).run()
    assert number(at, "认领项目") > 0  # the rest of 罗湖 still has its projects


def test_english_page_has_no_chinese_labels(page):
    page.query_params.update({"lang": "en"})
    at = page.run()
    assert not at.exception
    assert at.title[0].value == EN["projects.title"]
    labels = {m.label for m in at.metric}
    assert {EN["projects.kpi_claimed"], EN["vocab.project_status.open"]} <= labels
    assert not any(ZH["projects.kpi_claimed"] in m.label for m in at.metric)
