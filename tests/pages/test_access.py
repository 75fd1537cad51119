"""AppTest of every page for each role, logged in on a 正式模式 store: nothing outside the scope is rendered.

"Rendered" is every element's text (tables, captions, maps' HTML, choices), searched for the names of
organisations below street level and of buildings that lie outside the scope.
"""

from __future__ import annotations

import json
import re
from datetime import datetime, timezone

import pytest
from google.protobuf.json_format import MessageToDict
from sqlalchemy import select
from sqlmodel import Session

from components.ui.i18n import ZH
from models import accounts
from models.access import AGGREGATE_ORG_LEVELS, DISTRICT_LEADER, STREET, VIEWER, Scope
from models.db import make_engine
from models.tables import Building, ClaimUnit, DatasetInfo, PartyOrg, PartyProject, Region, ServiceCenter
from tests.conftest import ROOT, new_app
from tests.data.importing_support import copy_store

CATALOGUE_TEXT = "\n".join(ZH.values())
PAGES = sorted(p.name for p in (ROOT / "pages").glob("*.py") if p.name != "data_admin.py")
HOME, OTHER = "福田区", "罗湖区"


PASSWORD = "Geheim-Passwort-7"
USERS = {DISTRICT_LEADER: "leader", STREET: "street", VIEWER: "screen"}


@pytest.fixture(scope="module")
def formal_url(demo_db, tmp_path_factory, places) -> str:
    """A copy of the demo store marked as imported (正式模式) with one account per restricted role."""
    store = copy_store(demo_db, tmp_path_factory.mktemp("formal") / "formal.db")
    engine = make_engine(store.url)
    now = datetime.now(timezone.utc)
    with Session(engine) as s:
        s.get(DatasetInfo, "origin").value = "import"
        accounts.create(s, username="leader", role=DISTRICT_LEADER, district=HOME, password=PASSWORD, now=now,
                        actor="test")
        accounts.create(s, username="street", role=STREET, street=places["street"], password=PASSWORD, now=now,
                        actor="test")
        accounts.create(s, username="screen", role=VIEWER, password=PASSWORD, now=now, actor="test")
        s.commit()
    engine.dispose()
    return store.url


@pytest.fixture()
def app(formal_url, monkeypatch):
    """A fresh AppTest of app.py on the 正式模式 store (overrides conftest's demo-store app)."""
    return new_app(formal_url, monkeypatch)


@pytest.fixture(scope="module")
def places(demo_db) -> dict:
    """Scopes of each role, and the names each of them must never see (detail outside the scope)."""
    engine = make_engine(demo_db)
    with Session(engine) as s:
        home = s.execute(select(Region.id).where(Region.name == HOME, Region.level == "district")).scalar_one()
        street, street_name = s.execute(select(Region.id, Region.name).where(
            Region.level == "street", Region.district_id == home).order_by(Region.id)).first()
        org_rows = s.execute(select(PartyOrg.name, PartyOrg.level, PartyOrg.district_id, PartyOrg.street_id)).all()
        building_rows = s.execute(select(Building.name, Building.district_id, Building.street_id)).all()
        # claiming units (项目认领) are placed by the projects they claimed; titles repeat across streets
        building_rows += s.execute(select(ClaimUnit.name, PartyProject.district_id, PartyProject.street_id)
                                   .join(PartyProject, PartyProject.unit_id == ClaimUnit.id).distinct()).all()
        public = "\n".join(s.execute(select(ServiceCenter.name)).scalars())  # a tower centre bears its tower's name
        other_grid = s.execute(select(PartyOrg.code).where(
            PartyOrg.level == "grid", PartyOrg.district_id != home).order_by(PartyOrg.id)).scalars().first()
    engine.dispose()
    scopes = {
        DISTRICT_LEADER: Scope(role=DISTRICT_LEADER, district_id=home, actor=USERS[DISTRICT_LEADER]),
        STREET: Scope(role=STREET, district_id=home, street_id=street, actor=USERS[STREET]),
        VIEWER: Scope(role=VIEWER, actor=USERS[VIEWER]),
    }
    hidden = {}
    for role, scope in scopes.items():
        seen = {n for n, lv, d, st in org_rows if lv in AGGREGATE_ORG_LEVELS or scope.covers(d, st)}
        seen |= {n for n, d, st in building_rows if scope.covers(d, st)}
        names = {n for n, lv, d, st in org_rows if lv not in AGGREGATE_ORG_LEVELS and not scope.covers(d, st)}
        names |= {n for n, d, st in building_rows if not scope.covers(d, st)}
        # A name used on both sides says nothing; the catalogue's examples (placeholders) are not data;
        # service centres are public places.
        hidden[role] = {n for n in names - seen if n not in CATALOGUE_TEXT and n not in public}
    return {"scopes": scopes, "hidden": hidden, "street": street_name, "other_grid": other_grid}


def rendered_text(at) -> str:
    """All text of the run: every element's proto as JSON, with \\uXXXX escapes of embedded JSON/HTML undone."""
    parts = []

    def walk(node):
        proto = getattr(node, "proto", None)
        if proto is not None:
            parts.append(json.dumps(MessageToDict(proto), ensure_ascii=False))
        for child in getattr(node, "children", {}).values():
            walk(child)

    walk(at._tree)
    for df in at.dataframe:
        parts.append(df.value.to_string())
    text = "\n".join(parts)
    return re.sub(r"\\u([0-9a-fA-F]{4})", lambda m: chr(int(m.group(1), 16)), text)


def run_as(app, scope: Scope, page: str, **params):
    """Log in as the account of the scope's role, then open the page with the URL parameters."""
    app.query_params.update(params)
    at = app.run()
    if "auth.scope" not in at.session_state:  # the first run of this session: the login screen
        assert [t.value for t in at.title] == ["登录"] and not at.dataframe
        at.text_input(key="auth.username").input(USERS[scope.role])
        at.text_input(key="auth.password").input(PASSWORD)
        at = at.button(key="auth.submit").click().run()
    assert not at.exception, at.exception
    assert at.session_state["auth.scope"] == scope
    at.switch_page(f"pages/{page}").run()
    assert not at.exception, f"{page}: {at.exception}"
    return at


@pytest.mark.slow  # every page for each role, logged in
@pytest.mark.parametrize("role", (DISTRICT_LEADER, STREET, VIEWER))
@pytest.mark.parametrize("page", PAGES)
def test_no_page_renders_detail_outside_the_scope(app, places, role, page):
    scope, hidden = places["scopes"][role], places["hidden"][role]
    assert len(hidden) > 100
    for params in ({}, {"district": OTHER}):
        app.query_params.clear()
        text = rendered_text(run_as(app, scope, page, **params))
        leaked = sorted(n for n in hidden if re.search(re.escape(n) + r"(?!\d)", text))  # 大厦10 is not 大厦107
        assert not leaked, f"{page} {params} shows {leaked[:5]} to {role}"


def test_a_district_leader_sees_the_own_district_in_detail(app, places):
    at = run_as(app, places["scopes"][DISTRICT_LEADER], "buildings.py", district=HOME)
    assert len(at.dataframe[0].value) > 0  # the building list of the own district
    assert not any("权限范围" in i.value for i in at.info)


def test_lists_of_another_district_say_why_they_are_empty(app, places):
    at = run_as(app, places["scopes"][DISTRICT_LEADER], "buildings.py", district=OTHER)
    assert any("不在您的明细权限范围内" in i.value for i in at.info)


def test_a_viewer_is_told_that_pages_show_aggregates_only(app, places):
    at = run_as(app, places["scopes"][VIEWER], "ratings.py")
    assert any("只读观众" in i.value for i in at.info)
    assert at.metric  # the aggregates are there


def test_deep_link_to_another_districts_grid_is_refused(app, places):
    at = run_as(app, places["scopes"][DISTRICT_LEADER], "orgs.py", org=places["other_grid"])
    assert any("您无权查看组织" in w.value and places["other_grid"] in w.value for w in at.warning)
    assert at.subheader[0].value == "福田区委"  # the leader's own committee instead


def test_a_viewer_sees_the_project_counts_but_no_unit_or_project(app, places):
    at = run_as(app, places["scopes"][VIEWER], "projects.py", district=OTHER, street="南湖街道")
    assert next(m.value for m in at.metric if m.label == "认领项目") == "292"  # aggregates for everyone
    assert any("项目明细只向可查看本区域明细的账号显示" in i.value for i in at.info)
    assert any("认领单位名称只向可查看本区域明细的账号显示" in i.value for i in at.info)
    assert not [d for d in at.dataframe if "unit" in d.value.columns or "unit_type" in d.value.columns
                and "name" in d.value.columns]
