"""AppTest of the quality-grades page: figures follow year, area and category; deep links; each tab; empty states."""

from __future__ import annotations

import shutil

import pytest
from sqlalchemy import delete, func, select
from sqlmodel import Session

from components.ui.i18n import ZH
from models.db import make_engine, sqlite_path
from models.tables import IndicatorScore, PartyOrg, Rating, WeakOrgCase

PAGE = "pages/ratings.py"


def metric(at, label: str) -> str:
    return next(m for m in at.metric if m.label == label).value


def as_int(text: str) -> int:
    return int(text.replace(",", ""))


def graded(url: str, year: int, category: str | None = None, district: str | None = None) -> int:
    """Organisations graded, counted straight from the store (independent of the page's queries)."""
    engine = make_engine(url)
    with Session(engine) as s:
        stmt = select(func.count()).select_from(Rating).join(PartyOrg, PartyOrg.id == Rating.org_id).where(Rating.year == year)
        if category:
            stmt = stmt.where(PartyOrg.category == category)
        if district:
            from models.access import FULL
            from models.queries.regions import resolve_area

            stmt = stmt.where(PartyOrg.district_id == resolve_area(s, scope=FULL, district=district, street=None).area.district_id)
        n = s.execute(stmt).scalar_one()
    engine.dispose()
    return n


def table_with(at, *columns: str):
    """The table showing these columns (display-only tables carry no key in AppTest)."""
    return next(d.value for d in at.dataframe if set(columns) <= set(d.value.columns))


def open_tab(at, name: str):
    at.session_state["ratings.tab"] = ZH[f"ratings.tab_{name}"]
    return at.run()


@pytest.fixture()
def page(app):
    app.switch_page(PAGE)
    return app


def test_page_opens_on_the_newest_year_with_the_rule_and_demo_note(page, demo_db):
    at = page.run()
    assert not at.exception
    assert at.title[0].value == "支部评级"
    captions = " ".join(c.value for c in at.caption)
    assert "示例数据" in captions and "2025 年" in captions
    assert "40%" in captions and "A 85 ≤ S ≤ 100" in captions and "D S < 60" in captions  # the rule, from grading.py
    assert as_int(metric(at, "参评党组织")) == graded(demo_db, 2025)
    assert [t.label for t in at.tabs] == [ZH[f"ratings.tab_{n}"] for n in
                                           ("distribution", "trend", "transitions", "ranking", "committees", "register", "org")]


def test_switching_year_and_category_changes_the_numbers(page, demo_db):
    at = page.run()
    newest = metric(at, "参评党组织"), metric(at, "A 级占比")
    at.selectbox(key="year").select(2022).run()
    assert not at.exception
    assert (metric(at, "参评党组织"), metric(at, "A 级占比")) != newest
    assert as_int(metric(at, "参评党组织")) == graded(demo_db, 2022)
    assert any("2022 年" in c.value for c in at.caption)
    at.button_group(key="ratings.category").set_value("community").run()
    assert not at.exception
    assert as_int(metric(at, "参评党组织")) == graded(demo_db, 2022, "community")
    assert any("社区" in c.value for c in at.caption)
    at.selectbox(key="district").select("罗湖区").run()
    assert as_int(metric(at, "参评党组织")) == graded(demo_db, 2022, "community", "罗湖区")


def test_deep_link_opens_that_year_and_category(page, demo_db):
    page.query_params.update({"year": "2023", "ratings.category": "同乡村"})
    at = page.run()
    assert not at.exception and not at.warning
    assert at.selectbox(key="year").value == 2023
    assert at.button_group(key="ratings.category").value == "hometown"
    assert as_int(metric(at, "参评党组织")) == graded(demo_db, 2023, "hometown")


def test_picked_transition_cell_lists_its_organisations(page):
    at = open_tab(page.run(), "transitions")
    assert not at.exception
    cell = at.selectbox(key="ratings.cell")
    assert cell.value is None and any("B → A" in o for o in cell.options)
    n = int(next(o for o in cell.options if o.startswith("B → A")).split("，")[1].rstrip("个）").strip())
    at = cell.select("BA").run()
    assert not at.exception
    listed = at.dataframe(key="ratings.cell_orgs").value
    assert len(listed) == n
    assert any(f"上年 B 级、本年 A 级的党组织：{n:,} 个" in m.value for m in at.markdown)


def test_ranking_highlights_and_register_exports(page):
    at = open_tab(page.run(), "ranking")
    assert not at.exception and any(s.value == "街道排名" for s in at.subheader)
    at.selectbox(key="district").select("罗湖区").run()
    at.selectbox(key="street").select("南湖街道").run()
    assert any(s.value == "社区排名" for s in at.subheader)
    at = open_tab(at, "register")
    assert not at.exception
    table = at.dataframe(key="ratings.register_table").value
    assert len(table) == as_int(metric(at, "软弱涣散（整顿中）"))  # open cases shown by default
    assert set(table["status"]) <= {"整顿中"}
    assert {"ratings.register_export.csv", "ratings.register_export.xlsx"} <= {b.key for b in at.get("download_button")}


def test_one_organisation_breakdown_history_and_66_indicators(page, demo_db):
    at = open_tab(page.run(), "org")
    assert not at.exception and at.info  # a hint until an organisation is chosen
    picker = at.selectbox(key="ratings.org")
    weakest_first = picker.options[0]
    assert "（D · " in weakest_first
    at = picker.select(weakest_org(demo_db, 2025)).run()
    assert not at.exception
    parts = table_with(at, "part", "weight")
    assert parts["weight"].tolist() == [0.4, 0.4, 0.2]
    composite = round(sum(parts["value"]), 1)
    assert any(f"综合得分 **{composite}**" in m.value for m in at.markdown)
    assert len(table_with(at, "parent_name", "flag")) == 66
    weakest = table_with(at, "label", "score")
    assert len(weakest) == 5 and weakest["score"].is_monotonic_increasing
    history = table_with(at, "year", "score_social")
    assert history["year"].tolist() == sorted(history["year"].tolist()) and 2025 in history["year"].tolist()
    at.selectbox(key="ratings.aspect").select("2").run()
    assert any(m.value.startswith("2 党员管理") for m in at.markdown)


def weakest_org(url: str, year: int) -> int:
    """The organisation the picker lists first (lowest composite, then code), straight from the store."""
    engine = make_engine(url)
    with Session(engine) as s:
        stmt = (select(PartyOrg.id).join(Rating, Rating.org_id == PartyOrg.id).where(Rating.year == year)
                .order_by(Rating.composite, PartyOrg.code).limit(1))
        org_id = s.execute(stmt).scalar_one()
    engine.dispose()
    return org_id


def test_earlier_year_explains_that_indicators_are_missing(page, demo_db):
    at = page.run()
    at.selectbox(key="year").select(2023).run()
    at = open_tab(at, "org")
    at = at.selectbox(key="ratings.org").select(weakest_org(demo_db, 2023)).run()
    assert not at.exception
    assert any("2023 年没有录入三级指标得分" in i.value and "2025" in i.value for i in at.info)


def test_language_switch_keeps_the_open_tab(page):
    at = open_tab(page.run(), "register")
    at.button_group(key="lang").set_value("en").run()
    assert not at.exception
    assert at.session_state["ratings.tab"] == "Weak-organisation register"
    assert any(s.value.startswith("Register of weak organisations") for s in at.subheader)


def test_area_and_category_without_grades_show_an_empty_state(page):
    at = page.run()
    at.selectbox(key="district").select("福田区").run()
    at.button_group(key="ratings.category").set_value("shareholding").run()  # no 股份合作公司 in Futian
    assert not at.exception
    assert any("没有集体股份公司党组织的评级数据" in i.value for i in at.info)
    assert all(m.label != "参评党组织" for m in at.metric)


@pytest.mark.cold_caches  # points the app at another store after the fixture opened it on the demo store
def test_store_without_grades_shows_an_empty_state(page, demo_db, tmp_path, monkeypatch):
    copy = tmp_path / "no-grades.db"
    shutil.copy(sqlite_path(demo_db), copy)
    engine = make_engine(f"sqlite:///{copy}")
    with engine.begin() as conn:
        for table in (IndicatorScore, WeakOrgCase, Rating):
            conn.execute(delete(table))
    engine.dispose()
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{copy}")
    at = page.run()
    assert not at.exception
    assert any("还没有任何评级数据" in i.value for i in at.info)
