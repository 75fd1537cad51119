"""AppTest of 楼宇覆盖: the calibrated figures as a user reads them, filters, search, gaps, card, empty states."""

from __future__ import annotations

import pytest

PAGE = "pages/buildings.py"


def open_page(app, **query):
    app.query_params.update(query)
    at = app.run()
    at.switch_page(PAGE).run()
    assert not at.exception, at.exception
    return at


def metrics(at) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def number(text: str) -> int:
    return int(text.replace(",", ""))


def table(at):
    """The building table (the page's only table with an organisation-link column)."""
    return next(d.value for d in at.dataframe if "org_link" in d.value.columns)


def test_luohu_all_41_towers_of_20_floors_are_covered(app):
    at = open_page(app, district="罗湖区")
    assert at.title[0].value == "楼宇党建覆盖"
    assert any("示例数据" in c.value for c in at.caption)
    m = metrics(at)
    assert number(m["楼宇数"]) == 41 and number(m["已覆盖"]) == 41 and number(m["未覆盖"]) == 0
    assert m["覆盖率"] == "100.0%"
    assert number(m["覆盖企业"]) >= 2000
    assert abs(number(m["覆盖党员"]) - 6000) <= 300  # "about 6,000"
    assert number(m["楼宇联合党组织"]) > 0
    shown = table(at)
    assert len(shown) == 41 and (shown["floors"] >= 20).all() and (shown["status"] == "已覆盖").all()


def test_nanwan_has_30_compound_branches_and_5_park_committees(app):
    at = open_page(app, district="龙岗区", street="南湾街道")
    at.button_group(key="buildings.kind").set_value("residential").run()
    assert not at.exception
    m = metrics(at)
    assert number(m["花园小区党支部"]) == 30 and number(m["已覆盖"]) == 30
    assert number(m["覆盖党员"]) == 652
    assert number(m["未覆盖"]) > 0  # the compounds still without a branch are shown as gaps
    at.button_group(key="buildings.kind").set_value("park").run()
    m = metrics(at)
    assert number(m["园区党委"]) == 5 and number(m["覆盖党员"]) == 279
    assert set(table(at)["org_type"]) == {"园区党委"}


def test_coverage_follows_the_selected_year(app):
    at = open_page(app, district="龙岗区", street="南湾街道")
    at.button_group(key="buildings.kind").set_value("residential").run()
    latest = number(metrics(at)["已覆盖"])
    at.selectbox(key="year").select(2021).run()
    assert not at.exception
    assert number(metrics(at)["已覆盖"]) < latest
    assert any("2021" in c.value for c in at.caption)


def test_floor_threshold_narrows_the_towers(app):
    at = open_page(app, district="罗湖区")
    at.slider(key="buildings.min_floors").set_value(60).run()
    assert not at.exception
    shown = table(at)
    assert number(metrics(at)["楼宇数"]) == len(shown) < 41
    assert "京基100大厦" in set(shown["name"]) and "文锦广场" not in set(shown["name"])  # 100 and 32 floors
    assert (shown["floors"] >= 60).all()


@pytest.mark.parametrize("query, expected", [("京基100", "京基100大厦"), ("地王", "地王大厦"), ("文锦广场", "文锦广场")])
def test_landmarks_are_found_by_search(app, query, expected):
    at = open_page(app, district="罗湖区")
    at.text_input(key="buildings.search").input(query).run()
    assert not at.exception
    shown = table(at)
    assert shown["name"].tolist() == [expected]
    assert shown["org_link"].iloc[0].startswith("./orgs?org=P")
    assert number(metrics(at)["楼宇数"]) == 41  # the headline stays the area's, the search narrows the list


def test_search_without_match_explains_itself(app):
    at = open_page(app, district="罗湖区")
    at.text_input(key="buildings.search").input("(不存在的楼").run()
    assert not at.exception
    assert any("没有符合查找条件的楼宇" in i.value for i in at.info)
    assert not at.get("arrow_data_frame")


def test_gap_toggle_shows_only_buildings_beyond_the_radius(app):
    at = open_page(app)
    at.button_group(key="buildings.kind").set_value("residential").run()
    at.slider(key="buildings.radius").set_value(300).run()
    n = gap_count(at)
    at.toggle(key="buildings.only_gaps").set_value(True).run()
    assert not at.exception
    shown = table(at)
    assert len(shown) == n > 0
    # the table shows whole metres: a gap at 300.4 m reads 300
    assert (shown["distance_m"].isna() | (shown["distance_m"] >= 300)).all()
    at.slider(key="buildings.radius").set_value(1500).run()
    assert 0 < len(table(at)) == gap_count(at) < n


def gap_count(at) -> int:
    """The number in the toggle's label: 只看半径内没有党群服务中心的楼宇（N 栋）."""
    return int(at.toggle(key="buildings.only_gaps").label.split("（")[1].split(" ")[0].replace(",", ""))


def test_selected_building_card_shows_organisation_type_and_grade(app):
    at = open_page(app, district="罗湖区")
    at.text_input(key="buildings.search").input("京基100").run()
    at.selectbox(key="buildings.selected").set_value(table(at)["code"].iloc[0]).run()
    assert not at.exception
    card = " ".join(m.value for m in at.markdown) + " ".join(c.value for c in at.caption)
    assert "京基100大厦" in card and "100 层" in card
    assert "楼宇联合党组织" in card and "./orgs?org=P" in card
    assert "最近定级：" in card and "级（2025 年）" in card
    assert "最近党群服务中心：" in card


def test_no_buildings_shows_an_empty_state(app):
    at = open_page(app, district="罗湖区")
    at.slider(key="buildings.min_floors").set_value(80).run()
    at.selectbox(key="street").select("清水河街道").run()
    assert not at.exception
    assert number(metrics(at)["楼宇数"]) == 0 and metrics(at)["覆盖率"] == "—"
    assert any("没有符合条件的商务楼宇" in i.value for i in at.info)
    assert not at.get("arrow_data_frame")


def test_table_has_export_buttons_for_what_is_shown(app):
    at = open_page(app, district="罗湖区")
    labels = [b.proto.label for b in at.get("download_button")]
    assert any("CSV" in x for x in labels) and any("Excel" in x or "XLSX" in x.upper() for x in labels)


def test_english_labels(app):
    at = open_page(app, district="罗湖区")
    at.button_group(key="lang").set_value("en").run()
    assert not at.exception
    assert at.title[0].value == "Party coverage of buildings"
    assert metrics(at)["Buildings"] == "41" and metrics(at)["Coverage rate"] == "100.0%"
    assert set(table(at)["kind"]) == {"Commercial tower"}


def test_bad_building_rows_are_reported_by_the_importer_and_never_reach_the_page(app, demo_db):
    from sqlalchemy import select
    from sqlmodel import Session

    from data import importing
    from models.db import make_engine
    from models.tables import Region

    engine = make_engine(demo_db)
    with Session(engine) as s:
        street = s.execute(select(Region.code).where(Region.name == "桂园街道")).scalar_one()
    rows = [
        "编码,名称,类型,楼层数,企业数,党员数,覆盖党组织编码,覆盖起始年份,所在区域编码",
        f"B-X1,坏楼一,飞船,30,5,3,,,{street}",
        f"B-X2,坏楼二,商务楼宇,-3,-1,3,,,{street}",
        f"B-X3,坏楼三,商务楼宇,30,5,3,P-NOPE,2024,{street}",
    ]
    plan = importing.preview(engine, "buildings", "\n".join(rows).encode("utf-8"), "楼宇.csv")
    engine.dispose()
    assert not plan.ok
    problems = importing.problems_frame(plan.problems)
    assert set(zip(problems["row"], problems["column"])) == {(2, "类型"), (3, "楼层数"), (3, "企业数"), (4, "覆盖党组织编码")}
    at = open_page(app, district="罗湖区")
    assert number(metrics(at)["楼宇数"]) == 41 and "坏楼" not in " ".join(table(at)["name"])


@pytest.mark.cold_caches  # counts the calls of a cold start
def test_nearest_centres_are_computed_once_not_on_every_change(app, monkeypatch):
    from models.queries import buildings as queries

    calls = []
    real = queries.nearest_centres
    monkeypatch.setattr(queries, "nearest_centres", lambda s, **kw: calls.append(1) or real(s, **kw))
    at = open_page(app)
    at.slider(key="buildings.radius").set_value(500).run()
    at.text_input(key="buildings.search").input("大厦").run()
    at.button_group(key="buildings.kind").set_value("park").run()
    at.selectbox(key="district").select("罗湖区").run()
    assert not at.exception
    assert len(calls) <= 1  # once (or never: the stored nearest centres, models.rollups, once start-up checked them)
