"""AppTest of the 问题清单 page: today's source, counts that agree with the rules applied to the raw rows, the
罗湖 secretary figures, due-date order with links, filters, and the counts-only view of an aggregate role."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select
from sqlmodel import Session

from components.ui.i18n import ZH
from models import alerts
from models.db import make_engine
from models.tables import DatasetInfo, PartyOrg

PAGE = "pages/alerts.py"


def metric(at, label: str) -> str:
    return next(m for m in at.metric if m.label == label).value


def table_with(at, *columns: str):
    return next(d.value for d in at.dataframe if set(columns) <= set(d.value.columns))


def as_of(url: str) -> date:
    engine = make_engine(url)
    with Session(engine) as s:
        value = s.get(DatasetInfo, "as_of").value
    engine.dispose()
    return date.fromisoformat(value)


@pytest.fixture()
def page(app):
    app.switch_page(PAGE)
    return app


def test_page_says_today_is_the_as_of_date_and_counts_terms_as_the_rules_do(page, demo_db):
    page.session_state["alerts.kind"] = ["term"]
    at = page.run()
    assert not at.exception
    today = as_of(demo_db)
    assert any(ZH["alerts.today.as_of"].format(date=today.isoformat()) in c.value for c in at.caption)
    engine = make_engine(demo_db)
    with Session(engine) as s:
        rows = s.execute(select(PartyOrg.last_election_on, PartyOrg.term_years)).all()
    engine.dispose()
    severities = [alerts.term_severity(e, y, today) for e, y in rows]
    assert int(metric(at, ZH["alerts.metric.red"]).replace(",", "")) == severities.count(alerts.RED) > 0
    assert int(metric(at, ZH["alerts.metric.amber"]).replace(",", "")) == severities.count(alerts.AMBER) > 0
    listed = table_with(at, ZH["alerts.col.due_on"], ZH["alerts.col.link"])
    assert set(listed[ZH["alerts.col.kind"]]) == {ZH["alerts.kind.term"]}
    due = list(listed[ZH["alerts.col.due_on"]])
    assert due == sorted(due) and due[0] < today  # overdue first
    assert listed[ZH["alerts.col.link"]].str.startswith("./orgs?org=").all()


def test_luohu_shows_twelve_filled_and_31_rotated_secretaries_and_every_street_counted(page):
    page.query_params["district"] = "罗湖区"
    at = page.run()
    assert not at.exception
    assert metric(at, ZH["alerts.metric.secretaries"]) == ZH["alerts.metric.secretaries_value"].format(filled=12, rotated=31)
    counts = table_with(at, ZH["alerts.col.region"], ZH["alerts.col.total"])
    assert len(counts) >= 10 and (counts[ZH["alerts.col.total"]] > 0).all()


def test_severity_filter_keeps_only_the_chosen_severity(page):
    page.session_state["alerts.severity"] = ["green"]
    at = page.run()
    listed = table_with(at, ZH["alerts.col.due_on"], ZH["alerts.col.link"])
    assert set(listed[ZH["alerts.col.severity"]]) == {ZH["alerts.sev.green"]}
    assert len(listed) > 0


def test_english_page_has_no_chinese_labels(page):
    page.query_params["lang"] = "en"
    at = page.run()
    assert not at.exception
    assert at.title[0].value == "Problem list"


def test_a_tower_link_opens_its_building_card(app, demo_db):
    from models.access import FULL
    from models.queries import alerts as items_q
    from models.queries.common import CITY

    engine = make_engine(demo_db)
    with Session(engine) as s:
        listed = items_q.items(s, scope=FULL, area=CITY, today=as_of(demo_db), grade_year=None)
    engine.dispose()
    tower = listed[listed["kind"] == "tower"].iloc[0]
    assert tower["link"] == f"./buildings?building={tower['code']}"
    app.switch_page("pages/buildings.py")
    app.query_params["building"] = tower["code"]
    at = app.run()
    assert not at.exception
    assert at.selectbox(key="buildings.selected").value == tower["code"]
    assert any(ZH["buildings.card.uncovered"] in w.value for w in at.warning)


def test_top_items_for_overview_and_ticker_are_the_first_open_items(demo_db, monkeypatch):
    import dataclasses

    import streamlit as st

    from components.loaders import alerts as al
    from models.access import FULL, VIEWER, Scope
    from models.queries.common import CITY

    monkeypatch.setenv("DATABASE_URL", demo_db)
    st.cache_data.clear()
    st.cache_resource.clear()
    top = al.top_items(FULL, CITY, 5)
    assert top.today.day == as_of(demo_db) and top.today.source == "as_of"
    assert len(top.items) == 5
    ranks = [0 if i.severity == alerts.RED else 1 for i in top.items]
    assert ranks == sorted(ranks) and set(ranks) <= {0, 1}
    assert dict(top.counts)[alerts.RED] >= ranks.count(0) > 0
    with pytest.raises(dataclasses.FrozenInstanceError):
        top.items[0].name = "x"  # type: ignore[misc]
    counts_only = al.top_items(Scope(role=VIEWER), CITY, 5)
    assert counts_only.items == () and counts_only.counts == top.counts


def test_communities_out_of_reach_and_centres_without_hours_are_listed(page, demo_db):
    page.query_params["district"] = "宝安区"
    page.session_state["alerts.kind"] = ["reach", "centre"]
    at = page.run()
    assert not at.exception
    listed = table_with(at, ZH["alerts.col.due_on"], ZH["alerts.col.link"])
    reach = listed[listed[ZH["alerts.col.kind"]] == ZH["alerts.kind.reach"]]
    centres = listed[listed[ZH["alerts.col.kind"]] == ZH["alerts.kind.centre"]]
    assert len(reach) >= 1 and reach[ZH["alerts.col.link"]].str.startswith("./centres?district=").all()
    assert reach[ZH["alerts.col.detail"]].str.startswith("1,000 米内没有党群服务中心").all()
    assert reach[ZH["alerts.col.responsible"]].str.endswith("党工委").all()  # the street's committee answers
    engine = make_engine(demo_db)
    with Session(engine) as s:
        from models.tables import Region, ServiceCenter

        bao_an = s.execute(select(Region.id).where(Region.name == "宝安区")).scalar_one()
        no_hours = set(s.execute(select(ServiceCenter.name).where(
            ServiceCenter.district_id == bao_an, ~ServiceCenter.open_24h,
            ServiceCenter.opening_hours.is_(None))).scalars())
    engine.dispose()
    assert no_hours and no_hours <= set(centres[ZH["alerts.col.name"]])
    shown = dict(zip(centres[ZH["alerts.col.name"]], centres[ZH["alerts.col.detail"]], strict=True))
    assert {shown[n] for n in no_hours} <= {ZH["alerts.detail.centre.hours"], ZH["alerts.detail.centre.both"]}
    assert int(metric(at, ZH["alerts.metric.amber"])) == len(reach) + len(centres)


@pytest.mark.parametrize("n", [1, 5, 8, 60, 400])
def test_top_items_are_the_head_of_the_full_list_whether_or_not_the_grades_are_read(demo_db, monkeypatch, n):
    """top_items reads a few candidate rows (alert_items.head_candidates: the grades only when they can reach
    the head); its items and counts must equal the head picked from the whole list of alert_data, for the
    city, a district and a street, for the administrator and a district leader; a large n makes the
    candidates read the grades, a small one leaves them out (both sides covered below)."""
    import streamlit as st

    from components.loaders import alerts as al
    from models.access import FULL, Scope
    from models.queries import alerts as alert_items
    from models.queries.common import CITY, Area
    from models.tables import Region

    monkeypatch.setenv("DATABASE_URL", demo_db)
    st.cache_data.clear()
    engine = make_engine(demo_db)
    with Session(engine) as s:
        district = s.execute(select(Region.id).where(Region.name == "罗湖区")).scalar_one()
        street = s.execute(select(Region.id).where(Region.level == "street", Region.parent_id == district)
                           ).scalars().first()
    engine.dispose()
    now = al.today()
    leader = Scope(role="district_leader", district_id=district)
    read_grades = []
    original = alert_items._grades
    monkeypatch.setattr(alert_items, "_grades", lambda *a, **k: read_grades.append(1) or original(*a, **k))
    for scope, area in ((FULL, CITY), (FULL, Area(district_id=district)),
                        (FULL, Area(district_id=district, street_id=street)), (leader, CITY)):
        full = al.alert_data(scope, area, now)
        expected = al.head(now, full.counts, full.items, n, detail=full.detail)
        read_grades.clear()
        got = al.top_items(scope, area, n)
        assert got == expected, (scope, area, n)
        assert len(got.items) == min(n, int(full.items["severity"].isin((alerts.RED, alerts.AMBER)).sum()))
        if n == 1 and area == CITY:
            assert not read_grades  # the grades (and towers, centres) cannot reach the head: not read
        if n == 400 and area == CITY:
            assert read_grades and any(i.kind == "grade" for i in got.items)  # they do: read as the list reads them
