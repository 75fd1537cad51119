"""Every page shows the same figure for the same area and year (issue 14 §1).

A copy of the demo store is given the rows the pages used to disagree on: centres without an opening
date, towers covered with no coverage year, organisations with no founding year, and towers of 19 and
20 floors either side of the threshold. Then each page is run as a user opens it and the figures are
read from what it renders (metric values and the table it sends), never from the query functions: a
page that counted with a rule of its own would show another number here.

Figures compared: service centres (总览, 阵地地图, the overview and map slides of 大屏模式), grassroots
organisations (总览, its ranking table, the overview slide), members (总览, its ranking table, the
overview slide, 组织架构 at the area's committee), towers covered and towers (总览's rate and ranking
table, 楼宇覆盖, the building slide), and the A share (总览, its ranking table, 支部评级, the overview
and ratings slides). 组织架构 shows the register as of its date (the tree has no year), so it is
compared in the store's latest year only; the ranking's organisations, members and grades add up to
the headline for the city only (a district's own bureaus and 同乡村 organisations are in no street).
"""

from __future__ import annotations

import sqlite3

import pandas as pd
import pytest

from models.db import sqlite_path
from tests.conftest import new_app

UNDATED_CENTRES, UNDATED_COVER, UNDATED_ORGS = 30, 20, 40
LATEST = 2025  # the demo store's as-of year


@pytest.fixture(scope="module")
def edge_db(stores) -> str:
    """The demo store with undated centres, coverage and organisations, and towers of 19 and 20 floors."""
    url = stores.copy_of_demo("sqlite")
    con = sqlite3.connect(sqlite_path(url))
    with con:
        luohu = con.execute("SELECT id FROM region WHERE name = '罗湖区'").fetchone()[0]
        # Half of each change in 罗湖区, so that the district view is affected too.
        con.execute(
            "UPDATE servicecenter SET opened_on = NULL WHERE id IN (SELECT id FROM servicecenter "
            "WHERE tier = 'community' ORDER BY district_id = ? DESC, id DESC LIMIT ?)", (luohu, UNDATED_CENTRES))
        towers = "kind = 'tower' AND floors >= 20 AND org_id IS NOT NULL"
        con.execute(
            f"UPDATE building SET covered_since = NULL WHERE id IN (SELECT id FROM building WHERE {towers} "
            "ORDER BY district_id = ? DESC, covered_since DESC, id LIMIT ?)", (luohu, UNDATED_COVER))
        # Towers moved to either side of the threshold: 19 floors (not a tower), 20 floors (a tower).
        con.execute(f"UPDATE building SET floors = 19 WHERE id IN (SELECT id FROM building WHERE {towers} "
                    "AND floors > 20 AND covered_since IS NOT NULL ORDER BY id LIMIT 8)")
        con.execute("UPDATE building SET floors = 20 WHERE id IN (SELECT id FROM building WHERE kind = 'tower' "
                    "AND floors < 19 AND district_id != ? ORDER BY id LIMIT 8)", (luohu,))
        con.execute(
            "UPDATE partyorg SET founded_year = NULL WHERE id IN (SELECT id FROM partyorg WHERE category = 'two_new' "
            "AND org_type = 'branch' AND founded_year >= 2024 ORDER BY district_id = ? DESC, id LIMIT ?)",
            (luohu, UNDATED_ORGS))
        assert con.execute("SELECT COUNT(*) FROM servicecenter WHERE opened_on IS NULL").fetchone()[0] == 30
        assert con.execute("SELECT COUNT(*) FROM building WHERE kind = 'tower' AND floors IN (19, 20)").fetchone()[0] > 16
    con.close()
    return url


def plain(m) -> str:
    """A card's figure without its unit ("1,050 个" -> "1,050"); a count shown in 万 is read exactly from
    the card's help ("436,321 名：…") where the card has one."""
    token = m.value.split()[0] if m.value.strip() else m.value
    if "万" in token and m.help:
        token = m.help.split()[0]
    return token


def metrics(at) -> dict[str, str]:
    return {m.label: plain(m) for m in at.metric}


def table(at, column: str) -> pd.DataFrame:
    """The dataframe the page sends that has `column` (AppTest does not expose a dataframe's key)."""
    return next(d.value for d in at.dataframe if column in d.value.columns)


def number(text: str) -> int:
    return int(text.replace(",", ""))


def pct(part: float, whole: float) -> str:
    return f"{part / whole:.1%}"


def run(app, page: str | None = None):
    if page is not None:
        app.switch_page(page)
    at = app.run()
    assert not at.exception, at.exception
    return at


def figures_of_every_page(url: str, monkeypatch, *, district: str | None, year: int) -> dict[str, dict[str, str]]:
    """figure -> {where it is shown: the value shown}, read from the rendered pages."""
    params = {"year": str(year), **({"district": district} if district else {})}
    app = new_app(url, monkeypatch)
    app.query_params.update(params)
    seen: dict[str, dict[str, str]] = {f: {} for f in ("centres", "orgs", "members", "towers", "covered",
                                                       "tower_rate", "a_share")}

    at = run(app)  # 总览
    m = metrics(at)
    assert at.title[0].value == "总览"
    seen["centres"]["总览"] = m["党群服务中心"]
    seen["orgs"]["总览"] = m["基层党组织"]
    seen["members"]["总览"] = m["党员"]
    seen["tower_rate"]["总览"] = m["商务楼宇覆盖率"]
    seen["a_share"]["总览"] = m["A 级党组织占比"]
    ranking = table(at, "towers_covered")  # the table of districts (of streets within a district)
    seen["towers"]["总览 ranking"] = f"{int(ranking['towers'].sum()):,}"
    seen["covered"]["总览 ranking"] = f"{int(ranking['towers_covered'].sum()):,}"
    seen["tower_rate"]["总览 ranking"] = pct(ranking["towers_covered"].sum(), ranking["towers"].sum())
    if district is None:  # a district's bureaus and 同乡村 organisations belong to none of its streets
        seen["orgs"]["总览 ranking"] = f"{int(ranking['orgs'].sum()):,}"
        seen["members"]["总览 ranking"] = f"{int(ranking['members'].sum()):,}"
        seen["a_share"]["总览 ranking"] = pct(ranking["grade_a"].sum(), ranking["graded"].sum())

    m = metrics(run(app, "pages/centres.py"))  # 阵地地图, every tier chosen
    seen["centres"]["阵地地图"] = m["中心总数"]

    m = metrics(run(app, "pages/buildings.py"))  # 楼宇覆盖, towers from the default floor threshold
    seen["towers"]["楼宇覆盖"], seen["covered"]["楼宇覆盖"] = m["楼宇数"], m["已覆盖"]
    seen["tower_rate"]["楼宇覆盖"] = m["覆盖率"]

    m = metrics(run(app, "pages/ratings.py"))  # 支部评级, all categories
    seen["a_share"]["支部评级"] = m["A 级占比"]

    if year == LATEST:
        at = run(app, "pages/orgs.py")  # 组织架构 at the area's committee (市委 for the city)
        assert at.subheader[0].value == (f"{district}委" if district else "深圳市委")
        seen["members"]["组织架构"] = metrics(at)["党员（含下级）"]

    app = new_app(url, monkeypatch)  # 大屏模式: every slide is drawn at once, read slide by slide
    app.query_params.update({**params, "present": "1"})
    at = run(app)
    m = slide_metrics(at, 0)  # slide 1: the overview's figures
    seen["centres"]["大屏 总览"], seen["orgs"]["大屏 总览"] = m["党群服务中心"], m["基层党组织"]
    seen["members"]["大屏 总览"], seen["a_share"]["大屏 总览"] = m["党员"], m["A 级党组织占比"]
    seen["tower_rate"]["大屏 总览"] = m["商务楼宇覆盖率"]
    seen["centres"]["大屏 地图"] = slide_metrics(at, 1)["中心总数"]  # slide 2: the map
    m = slide_metrics(at, 2)  # slide 3: towers
    seen["towers"]["大屏 楼宇"], seen["covered"]["大屏 楼宇"] = m["楼宇数"], m["已覆盖"]
    seen["tower_rate"]["大屏 楼宇"] = m["覆盖率"]
    seen["a_share"]["大屏 评级"] = slide_metrics(at, 3)["A 级占比"]  # slide 4: grades
    return seen


def slide_metrics(at, i: int) -> dict[str, str]:
    """The metrics of one slide of 大屏模式 (the container keyed present-slide-<i>)."""
    def find(node):
        if getattr(getattr(node, "proto", None), "id", "").endswith(f"-present-slide-{i}"):
            return node
        for child in (node.children.values() if isinstance(getattr(node, "children", None), dict) else ()):
            hit = find(child)
            if hit is not None:
                return hit
        return None

    def walk(node):
        if getattr(node, "type", None) == "metric":
            yield node
        for child in (node.children.values() if isinstance(getattr(node, "children", None), dict) else ()):
            yield from walk(child)

    slide = find(at.main)
    assert slide is not None, f"slide {i} not drawn"
    return {m.label: plain(m) for m in walk(slide)}


def in_wan(text: str) -> str:
    """An exact count as a card without help shows it from 100,000 on (43.6万)."""
    return text if "万" in text or "%" in text or number(text) < 100_000 else f"{number(text) / 10_000:.1f}万"


def assert_agree(seen: dict[str, dict[str, str]]) -> None:
    seen = {f: ({k: in_wan(v) for k, v in shown.items()} if any("万" in v for v in shown.values()) else shown)
            for f, shown in seen.items()}
    differ = {figure: shown for figure, shown in seen.items() if len(set(shown.values())) != 1}
    assert not differ, f"pages disagree: {differ}"


def test_every_page_shows_the_same_figures_for_the_city_in_the_latest_year(edge_db, monkeypatch):
    seen = figures_of_every_page(edge_db, monkeypatch, district=None, year=LATEST)
    assert_agree(seen)
    assert seen["centres"]["总览"] == "1,050"  # the undated centres count (the register lists 1,050)
    assert seen["members"].keys() >= {"总览", "组织架构", "大屏 总览"}
    towers = number(seen["towers"]["楼宇覆盖"])
    assert seen["tower_rate"]["总览"] == pct(number(seen["covered"]["楼宇覆盖"]), towers)


def test_every_page_shows_the_same_figures_for_a_district_in_an_earlier_year(edge_db, monkeypatch):
    seen = figures_of_every_page(edge_db, monkeypatch, district="罗湖区", year=2024)
    assert_agree(seen)
    # Luohu's towers are all covered (DOMAIN.md §3), the undated ones included
    assert seen["tower_rate"]["楼宇覆盖"] == "100.0%"
