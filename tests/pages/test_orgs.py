"""AppTest of the organisation tree: deep links, breadcrumbs, drilling down, search, bad links, filters."""

from __future__ import annotations

import pytest
from sqlalchemy import select
from sqlmodel import Session

from models.db import make_engine
from models.tables import PartyOrg, Region

PAGE = "pages/orgs.py"


@pytest.fixture(scope="module")
def luohu_group(demo_db) -> dict:
    """A 楼栋党小组 in 罗湖 and the names of its ancestors, read from the demo store."""
    engine = make_engine(demo_db)
    with Session(engine) as s:
        luohu = s.execute(select(Region.id).where(Region.name == "罗湖区")).scalar_one()
        group = s.execute(
            select(PartyOrg).where(PartyOrg.level == "building", PartyOrg.district_id == luohu).order_by(PartyOrg.id)
        ).scalars().first()
        ids = [int(i) for i in group.path.strip("/").split("/")]
        names = {o.id: o.name for o in s.execute(select(PartyOrg).where(PartyOrg.id.in_(ids))).scalars()}
        out = {"code": group.code, "name": group.name, "trail": [names[i] for i in ids],
               "parent": s.get(PartyOrg, group.parent_id).code}
    engine.dispose()
    return out


def crumbs(at) -> list[str]:
    """The breadcrumb's links (buttons), in order."""
    return [b.label for b in at.button if (b.key or "").startswith("orgs.breadcrumb.")]


def current(at) -> str:
    """The node shown: the card's heading."""
    return at.subheader[0].value


def open_page(app, **params):
    app.query_params.update(params)
    at = app.switch_page(PAGE).run()
    assert not at.exception, at.exception
    return at


def test_deep_link_to_a_building_group_shows_the_full_breadcrumb(app, luohu_group):
    at = open_page(app, org=luohu_group["code"])
    trail = luohu_group["trail"]
    assert trail[:2] == ["深圳市委", "罗湖区委"] and len(trail) == 6  # 市委 › 区委 › 街道 › 社区 › 网格 › 楼栋
    assert crumbs(at) == trail[:-1]
    assert any(m.value == f"**{trail[-1]}**" for m in at.markdown)  # the current node, not a link
    assert current(at) == luohu_group["name"]
    assert any("楼栋党小组" in c.value for c in at.caption)
    assert any("示例数据" in c.value for c in at.caption)
    assert not at.warning


def test_ticking_a_child_goes_one_level_down_and_changes_the_url(app):
    at = open_page(app, org="P440303")
    assert current(at) == "罗湖区委"
    table = next(d for d in at.dataframe if d.key == "orgs.children.territorial.P440303")
    first = table.value.iloc[0]
    at.session_state["orgs.children.territorial.P440303"] = {"selection": {"rows": [0], "columns": [], "cells": []}}
    at.run()
    assert not at.exception
    assert current(at) == first["name"]
    assert at.query_params["org"] == first["code"]
    assert crumbs(at) == ["深圳市委", "罗湖区委"]


def test_clicking_a_childs_name_goes_down_too(app):
    at = open_page(app, org="P440303")
    table = next(d for d in at.dataframe if d.key == "orgs.children.territorial.P440303")
    second = table.value.iloc[1]
    at.session_state["orgs.children.territorial.P440303"] = {
        "selection": {"rows": [], "columns": [], "cells": [(1, "name")]}}
    at.run()
    assert current(at) == second["name"]
    assert at.query_params["org"] == second["code"]


def test_breadcrumb_goes_back_up(app, luohu_group):
    at = open_page(app, org=luohu_group["code"])
    at.button(key="orgs.breadcrumb.P440303").click().run()
    assert not at.exception
    assert current(at) == "罗湖区委"
    assert at.query_params["org"] == "P440303"
    assert crumbs(at) == ["深圳市委"]


def test_city_level_lists_the_districts_and_their_units(app):
    at = open_page(app)
    assert current(at) == "深圳市委"
    assert crumbs(at) == []
    tabs = [tab.label for tab in at.tabs]
    assert tabs == ["区域党组织（10）"]
    districts = next(d for d in at.dataframe if d.key == "orgs.children.territorial.P440300").value
    assert len(districts) == 10 and "罗湖区委" in districts["name"].tolist()
    assert (districts["members"] > 0).all()


def test_non_territorial_organisations_are_grouped_with_counts(app):
    at = open_page(app, org="P440303")  # 罗湖: organs and the 12 hometown branches hang under the district
    labels = [tab.label for tab in at.tabs]
    assert labels[0].startswith("区域党组织（")
    assert "同乡村（12）" in labels
    hometown = next(d for d in at.dataframe if d.key == "orgs.children.hometown.P440303").value
    assert len(hometown) == 12 and hometown["members"].sum() == 600  # DOMAIN.md §1, seed 000/004


def test_sidebar_district_starts_the_tree_there(app):
    at = open_page(app, district="罗湖区")
    assert current(at) == "罗湖区委"
    at.selectbox(key="district").select("龙岗区").run()
    assert not at.exception
    assert current(at) == "龙岗区委"


def test_changing_the_district_under_a_node_jumps_to_that_district(app):
    at = open_page(app, org="P440303005", district="罗湖区")
    assert current(at) == "南湖街道党工委"
    at.selectbox(key="district").select("南山区").run()
    assert not at.exception
    assert current(at) == "南山区委"
    assert "org" not in at.query_params


def test_unknown_code_shows_the_nearest_level_with_a_message(app, luohu_group):
    at = open_page(app, org=luohu_group["code"] + "H99")
    assert current(at) == luohu_group["name"]  # the household does not exist; its group does
    message = " ".join(w.value for w in at.warning)
    assert "不存在" in message and luohu_group["code"] + "H99" in message
    assert crumbs(at) == luohu_group["trail"][:-1]


def test_malformed_code_is_explained_and_the_start_is_shown(app):
    at = open_page(app, org="<script>alert(1)</script>")
    assert current(at) == "深圳市委"
    message = " ".join(w.value for w in at.warning)
    assert "格式不正确" in message


def test_below_grid_level_without_data_says_so(app):
    """Outside 罗湖 and 南湾 the demo data stops at communities: the page says so."""
    at = open_page(app, org="P440305")  # 南山区委
    street = next(d for d in at.dataframe if d.key == "orgs.children.territorial.P440305").value.iloc[0]
    at.session_state["orgs.children.territorial.P440305"] = {"selection": {"rows": [0], "columns": [], "cells": []}}
    at.run()
    assert current(at) == street["name"]
    community = next(d for d in at.dataframe if d.key == f"orgs.children.territorial.{street['code']}").value.iloc[0]
    at.query_params["org"] = community["code"]
    at.run()
    assert current(at) == community["name"]
    assert any("暂无网格党支部数据" in i.value for i in at.info)


def test_search_by_name_and_by_code_jumps_to_the_node(app):
    at = open_page(app)
    at.text_input(key="orgs.search").input("南湖街道党工委").run()
    hits = [b for b in at.button if (b.key or "").startswith("orgs.search_results.")]
    assert hits and hits[0].label.startswith("南湖街道党工委")
    hits[0].click().run()
    assert not at.exception
    assert current(at) == "南湖街道党工委"
    assert at.text_input(key="orgs.search").value == ""
    at.text_input(key="orgs.search").input("p440303005-e001").run()  # any case
    at.button(key="orgs.search_results.0").click().run()
    assert at.query_params["org"] == "P440303005-E001"


def test_search_finds_centres_names_their_area_and_opens_the_centres_card(app):
    at = open_page(app)
    at.text_input(key="orgs.search").input("南湖街道党群服务中心").run()
    hit = next(b for b in at.button if (b.key or "").startswith("orgs.search_results."))
    assert "南湖街道党工委" in hit.label  # the organisation running it
    assert hit.label.endswith("罗湖区南湖街道")  # where it is
    hit.click().run()
    assert not at.exception
    assert at.title[0].value == "阵地地图"
    assert at.selectbox(key="district").value == "罗湖区" and at.selectbox(key="street").value == "南湖街道"
    assert any("南湖街道党群服务中心" in m.value for m in at.markdown)  # the centre's card


def test_search_finds_buildings_and_opens_the_building_card(app):
    at = open_page(app)
    at.text_input(key="orgs.search").input("京基100").run()
    hit = next(b for b in at.button if (b.key or "").startswith("orgs.search_results.") and "楼宇卡片" in b.label)
    assert "罗湖区" in hit.label
    hit.click().run()
    assert not at.exception
    assert at.title[0].value == "楼宇党建覆盖"
    assert at.selectbox(key="district").value == "罗湖区"
    assert at.selectbox(key="buildings.selected").value == "B440303-T001"


def test_search_without_hits_says_so(app):
    at = open_page(app)
    at.text_input(key="orgs.search").input("没有这个组织%").run()
    assert any("没有名称或代码包含" in c.value for c in at.caption)


def test_english(app):
    at = open_page(app, org="P440303")
    at.button_group(key="lang").set_value("en").run()
    assert not at.exception
    assert current(at) == "罗湖区委"  # names are data, not labels
    assert at.title[0].value == "Organisation tree"
    assert any(t.label.startswith("Territorial") for t in at.tabs)
    assert [m.label for m in at.metric][:2] == ["Members (incl. below)", "Organisations below (incl. groups, households)"]


def test_member_household_is_the_bottom_and_says_why(app, luohu_group):
    at = open_page(app, org=luohu_group["code"] + "H1")
    assert current(at).endswith("党员中心户1")
    assert crumbs(at) == luohu_group["trail"]
    assert any("不记录个人信息" in i.value for i in at.info)
    assert not [d for d in at.dataframe if (d.key or "").startswith("orgs.children.")]


def test_a_compound_branch_without_children_says_so(app):
    at = open_page(app)
    at.text_input(key="orgs.search").input("玉岭花园党支部").run()
    at.button(key="orgs.search_results.0").click().run()
    assert current(at) == "玉岭花园党支部"
    assert any(i.value == "该组织没有下级组织。" for i in at.info)
    assert not any("暂无" in i.value for i in at.info)  # not a gap in the data: it has no groups


def test_opening_an_organisation_sets_the_sidebar_to_its_district_and_street(app):
    at = open_page(app, org="P440303005")  # 南湖街道党工委 (罗湖区)
    assert at.selectbox(key="district").value == "罗湖区"
    assert at.selectbox(key="street").value == "南湖街道"
    assert any("南湖街道党工委" in s.value for s in at.subheader)  # the node stays open
    assert any("南湖街道" in c.value for c in at.caption)  # the caption names the area it is in


def test_a_search_hit_moves_the_sidebar_to_the_organisations_area(app):
    at = open_page(app)
    at.text_input(key="orgs.search").input("南湖街道党工委").run()
    next(b for b in at.button if (b.key or "").startswith("orgs.search_results.")).click().run()
    assert not at.exception
    assert (at.selectbox(key="district").value, at.selectbox(key="street").value) == ("罗湖区", "南湖街道")


def test_a_community_card_reads_its_secretary_from_the_register_as_the_team_page_does(app, demo_db):
    from models.tables import Secretary

    engine = make_engine(demo_db)
    with Session(engine) as s:
        code, birth, edu, since, terms = s.execute(
            select(PartyOrg.code, Secretary.birth_year, Secretary.education, Secretary.tenure_start,
                   Secretary.terms_served).join(Secretary, Secretary.org_id == PartyOrg.id).order_by(PartyOrg.id)
        ).first()
    engine.dispose()
    at = open_page(app, org=code)
    year = at.selectbox(key="year").value
    from models.i18n import translate

    edu_zh = translate(f"vocab.edu.{edu}")
    line = f"书记：{year - birth}岁 · 学历：{edu_zh} · {since}年起任职，第{terms}届"
    assert any(c.value == line for c in at.caption), [c.value for c in at.caption]
