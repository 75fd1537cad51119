"""Every query function, called with each role's scope: no row outside the scope comes back.

The registry below names every function of models.queries (a new function without an entry fails
`test_every_query_function_is_checked`). Public and aggregate functions must give every role exactly
what the city administrator gets; detail functions must keep their rows inside the viewer's detail
area (territorial committees of city, district and street level excepted) and refuse single records
outside it with OutOfScope.
"""

from __future__ import annotations

from datetime import date

import importlib
import pkgutil
from dataclasses import asdict, dataclass, is_dataclass

import pandas as pd
import pytest
from sqlalchemy import select, update

import models.queries
from models.access import (
    AGGREGATE_ORG_LEVELS, CITY_ADMIN, DISTRICT_LEADER, FULL, STREET, VIEWER, OutOfScope, Scope,
)
from models.queries import buildings, centres, orgs, overview, rating_orgs, ratings, regions
from models.queries.common import AGGREGATE, CITY, DETAIL, PUBLIC, Area
from models.tables import Building, PartyOrg, Region


@dataclass(frozen=True)
class World:
    """Ids read from the demo store: our district and street, another district, and records on both sides."""

    home_district: int
    home_street: int
    other_district: int
    year: int
    org_level: dict[int, tuple[str, int | None, int | None]]  # id -> level, district, street
    building_place: dict[int, tuple[int | None, int | None]]  # id -> district, street
    building_code: dict[str, int]
    home_grid: orgs.OrgNode
    other_grid: orgs.OrgNode
    other_committee: orgs.OrgNode
    other_building: str
    home_building: str


@pytest.fixture(scope="module")
def world(session) -> World:
    def district(name):
        return session.execute(select(Region.id).where(Region.name == name, Region.level == "district")).scalar_one()

    home, other = district("福田区"), district("罗湖区")
    street = session.execute(select(Region.id).where(Region.level == "street", Region.district_id == home)
                             .order_by(Region.id)).scalars().first()
    org_level = {i: (lv, d, s) for i, lv, d, s in session.execute(
        select(PartyOrg.id, PartyOrg.level, PartyOrg.district_id, PartyOrg.street_id))}
    place = {i: (d, s) for i, d, s in session.execute(select(Building.id, Building.district_id, Building.street_id))}
    codes = {c: i for c, i in session.execute(select(Building.code, Building.id))}

    def grid_in(d, s=None):
        stmt = select(PartyOrg.code).where(PartyOrg.level == "grid", PartyOrg.district_id == d)
        if s is not None:
            stmt = stmt.where(PartyOrg.street_id == s)
        return orgs.node(session, scope=FULL, code=session.execute(stmt.order_by(PartyOrg.id)).scalars().first())

    def building_in(d, s=None):
        stmt = select(Building.code).where(Building.district_id == d, Building.org_id.is_not(None))
        if s is not None:
            stmt = stmt.where(Building.street_id == s)
        return session.execute(stmt.order_by(Building.id)).scalars().first()

    committee = session.execute(select(PartyOrg.code).where(PartyOrg.level == "district", PartyOrg.district_id == other)
                                ).scalar_one()
    return World(home, street, other, max(regions.rating_years(session, scope=FULL)), org_level, place, codes,
                 grid_in(home, street), grid_in(other), orgs.node(session, scope=FULL, code=committee),
                 building_in(other), building_in(home, street))


def scopes(w: World) -> dict[str, Scope]:
    return {
        CITY_ADMIN: FULL,
        DISTRICT_LEADER: Scope(role=DISTRICT_LEADER, district_id=w.home_district),
        STREET: Scope(role=STREET, district_id=w.home_district, street_id=w.home_street),
        VIEWER: Scope(role=VIEWER),
    }


ROLES = (CITY_ADMIN, DISTRICT_LEADER, STREET, VIEWER)


def sees(w: World, scope: Scope, org_id: int) -> bool:
    level, d, s = w.org_level[int(org_id)]
    return level in AGGREGATE_ORG_LEVELS or scope.covers(d, s)


def areas(w: World) -> list[Area]:
    return [CITY, Area(w.home_district), Area(w.home_district, w.home_street), Area(w.other_district)]


# --- what each function is called with, and which org / building ids its rows name ------------------------

def _org_ids(df: pd.DataFrame, col: str = "org_id") -> list[int]:
    return [int(i) for i in df[col]]


def _codes_to_org_ids(session, codes) -> list[int]:
    codes = list(codes)
    if not codes:
        return []
    return list(session.execute(select(PartyOrg.id).where(PartyOrg.code.in_(codes))).scalars())


# Each entry: name -> (calls, rows) where calls(w) yields keyword sets and rows(session, result) gives
# ("org", ids) / ("building", ids) the result names. Public and aggregate entries need no rows().
CALLS = {
    "regions.districts": lambda w: [{}],
    "regions.streets": lambda w: [{"district_id": w.other_district}, {"district_id": None}],
    "regions.street_outlines": lambda w: [{"district_id": w.other_district}, {"district_id": w.home_district}],
    "regions.resolve_area": lambda w: [{"district": "罗湖区", "street": None}],
    "regions.rating_years": lambda w: [{}],
    "regions.dataset_info": lambda w: [{}],
    "overview.centres_by_tier": lambda w: [{"area": a, "year": w.year} for a in areas(w)],
    "overview.orgs_by_category": lambda w: [{"area": a, "year": w.year} for a in areas(w)],
    "overview.members": lambda w: [{"area": a, "year": w.year} for a in areas(w)],
    "overview.tower_coverage": lambda w: [{"area": a, "year": w.year} for a in areas(w)],
    "overview.a_share": lambda w: [{"area": a, "year": w.year} for a in areas(w)],
    "overview.ranking": lambda w: [{"area": a, "year": w.year} for a in areas(w)],
    "cockpit.compared_regions": lambda w: [{"area": a} for a in areas(w)],
    "regions.region_names": lambda w: [{"district_id": None, "street_id": None}],
    "search.buildings": lambda w: [{"text": "大厦"}, {"text": "花园"}],
    "search.area_names": lambda w: [{}],
    "search.centre_ids": lambda w: [{"codes": ()}, {"codes": ("C-0001",)}],
    "ratings.by_category": lambda w: [{"area": a, "year": w.year} for a in areas(w)],
    "ratings.by_region": lambda w: [{"area": a, "year": w.year} for a in areas(w)],
    "ratings.ranking": lambda w: [{"area": a, "year": w.year} for a in areas(w)],
    "ratings.trend": lambda w: [{"area": a} for a in areas(w)],
    "ratings.transitions": lambda w: [{"area": a, "year": w.year} for a in areas(w)],
    "ratings.kpis": lambda w: [{"area": a, "year": w.year} for a in areas(w)],
    "buildings.coverage_summary": lambda w: [{"area": a, "year": w.year, "kind": "tower"} for a in areas(w)],
    "buildings.coverage_by_region": lambda w: [{"area": a, "year": w.year, "kind": "tower"} for a in areas(w)],
    "centres.located_points": lambda w: [{"year": w.year}],
    "centres.tier_counts": lambda w: [{"area": a, "year": w.year} for a in areas(w)],
    "centres.area_facts": lambda w: [{"area": a} for a in areas(w)],
    "centres.community_seats": lambda w: [{"area": a} for a in areas(w)],
    "centres.region_names": lambda w: [{"level": "street", "area": a} for a in areas(w)],
    "orgs.region_point": lambda w: [{"region_id": w.other_grid.region_id}],
    "alerts.items": lambda w: [{"area": a, "today": date(w.year, 12, 31), "grade_year": w.year} for a in areas(w)],
    "alerts.head_candidates": lambda w: [{"area": a, "today": date(w.year, 12, 31), "grade_year": w.year, "n": 5}
                                         for a in areas(w)],
    "alert_counts.counts": lambda w: [{"area": a, "today": date(w.year, 12, 31), "grade_year": w.year}
                                      for a in areas(w)],
    "alert_counts.secretary_changes": lambda w: [{"area": a, "today": date(w.year, 12, 31)} for a in areas(w)],
    "alerts.street_committees": lambda w: [{}],
    "team.kpis": lambda w: [{"area": a, "year": w.year} for a in areas(w)],
    "team.secretaries_by_region": lambda w: [{"area": a, "year": w.year} for a in areas(w)],
    "team.age_bins": lambda w: [{"area": a, "year": w.year} for a in areas(w)],
    "team.volunteers_by_region": lambda w: [{"area": a, "year": w.year} for a in areas(w)],
    "team.volunteer_trend": lambda w: [{"area": a} for a in areas(w)],
    "team.hometown_by_region": lambda w: [{"area": a} for a in areas(w)],
    "standards.kpis": lambda w: [{"area": a, "year": w.year} for a in areas(w)],
    "standards.by_region": lambda w: [{"area": a, "year": w.year} for a in areas(w)],
    "standards.aspects": lambda w: [{"area": a, "year": w.year} for a in areas(w)],
    "standards.trend": lambda w: [{"area": a} for a in areas(w)],
    "projects.kpis": lambda w: [{"area": a, "year": w.year} for a in areas(w)],
    "projects.by_subarea": lambda w: [{"area": a, "year": w.year} for a in areas(w)],
    "projects.by_unit_type": lambda w: [{"area": a, "year": w.year} for a in areas(w)],
    "committees.ranking": lambda w: [{"area": a, "year": w.year} for a in areas(w)],
    "committees.history": lambda w: [{"district_id": w.home_district}, {"district_id": w.other_district}],
    "committees.years": lambda w: [{}],
    # detail
    "buildings.building_list": lambda w: [{"area": a, "year": w.year, "kind": k} for a in areas(w)
                                          for k in ("tower", "residential")],
    "buildings.nearest_centres": lambda w: [{}],
    "buildings.building_card": lambda w: [{"code": w.home_building, "year": w.year},
                                          {"code": w.other_building, "year": w.year}],
    "centres.reach_targets": lambda w: [{"area": a} for a in areas(w)],
    "centres.centres": lambda w: [{"area": a, "year": w.year} for a in areas(w)],
    "orgs.node": lambda w: [{"code": n.code} for n in (w.home_grid, w.other_grid, w.other_committee)],
    "orgs.node_by_id": lambda w: [{"org_id": n.id} for n in (w.home_grid, w.other_grid, w.other_committee)],
    "orgs.nearest": lambda w: [{"code": n.code + "X9"} for n in (w.home_grid, w.other_grid)],
    "orgs.root": lambda w: [{}],
    "orgs.area_node": lambda w: [{"area": a} for a in areas(w)],
    "orgs.ancestors": lambda w: [{"node": n} for n in (w.home_grid, w.other_grid, w.other_committee)],
    "orgs.children": lambda w: [{"org_id": n.id, "year": w.year, "rollup": r}
                                for n in (w.home_grid, w.other_grid, w.other_committee) for r in (True, False)]
    + [{"org_id": w.other_committee.parent_id, "year": w.year}],
    "orgs.totals": lambda w: [{"node": n} for n in (w.home_grid, w.other_grid, w.other_committee)],
    "orgs.grade_history": lambda w: [{"org_id": n.id} for n in (w.home_grid, w.other_grid)],
    "orgs.own_centres": lambda w: [{"org_id": n.id} for n in (w.home_grid, w.other_grid, w.other_committee)],
    "orgs.map_points": lambda w: [{"node": n} for n in (w.home_grid, w.other_grid, w.other_committee)],
    "orgs.secretary": lambda w: [{"node": n} for n in (w.home_grid, w.other_grid, w.other_committee)],
    "orgs.search": lambda w: [{"text": t} for t in ("党支部", "网格", "福田", "罗湖", "党群服务中心")],
    "rating_orgs.transition_orgs": lambda w: [{"area": a, "year": w.year, "prev_grade": p, "grade": g}
                                              for a in (CITY, Area(w.other_district)) for p in "AB" for g in "AC"],
    "rating_orgs.weak_register": lambda w: [{"area": a, "year": w.year} for a in areas(w)],
    "rating_orgs.org_choices": lambda w: [{"area": a, "year": w.year, "pinned": w.other_grid.id} for a in areas(w)],
    "rating_orgs.org_card": lambda w: [{"org_id": n.id} for n in (w.home_grid, w.other_grid)],
    "rating_orgs.org_history": lambda w: [{"org_id": n.id} for n in (w.home_grid, w.other_grid)],
    "rating_orgs.org_indicators": lambda w: [{"org_id": n.id, "year": w.year} for n in (w.home_grid, w.other_grid)],
    "rating_orgs.org_indicator_years": lambda w: [{"org_id": n.id} for n in (w.home_grid, w.other_grid)],
    "team.secretary_list": lambda w: [{"area": a, "year": w.year} for a in areas(w)],
    # rows placed by their own district/street (a 同乡村 organisation's base street): tests/models/test_queries_team.py
    "team.hometown_list": lambda w: [{"area": a} for a in areas(w)],
    # single communities, placed by their own district/street: tests/models/test_queries_standards.py
    "standards.community_list": lambda w: [{"area": a, "year": w.year} for a in areas(w)],
    # projects and units placed by the project's district/street: tests/models/test_queries_projects.py
    "projects.top_units": lambda w: [{"area": a, "year": w.year} for a in areas(w)],
    "projects.project_list": lambda w: [{"area": a, "year": w.year} for a in areas(w)],
}


def named(session, name: str, result) -> list[tuple[str, int]]:
    """(what, id) of every organisation and building a detail result names."""
    if result is None or isinstance(result, (dict, list)) and not isinstance(result, pd.DataFrame):
        result = pd.DataFrame() if not result else result
    fn = name.split(".")[1]
    if fn in ("building_list",):
        return [("building", int(i)) for i in result["id"]]
    if fn == "nearest_centres":
        return [("building", int(i)) for i in result["building_id"]]
    if fn == "building_card":
        return [("building", 0)] if result is not None else []  # checked by code in the test
    if fn == "reach_targets":
        b = result[(result["kind"] != "community") & result["name"].notna()]
        return [("building", int(i)) for i in b["id"]]
    if isinstance(result, orgs.OrgNode):
        return [("org", result.id)]
    if fn in ("ancestors", "children"):
        return [("org", int(i)) for i in result["id"]]
    if fn == "centres":
        return [("org", i) for i in _codes_to_org_ids(session, result["org_code"].dropna())]
    if fn == "search":
        return [("org", i) for i in _codes_to_org_ids(session, result["target"])]
    if fn == "map_points":
        b = result[result["what"] == "building"]
        return [("building", i) for i in session.execute(
            select(Building.id).where(Building.code.in_(list(b["code"])))).scalars()]
    if fn in ("transition_orgs", "weak_register", "org_choices", "secretary_list"):
        return [("org", i) for i in _org_ids(result)]
    if isinstance(result, rating_orgs.OrgCard):
        return [("org", result.org_id)]
    if fn == "project_list":  # a project by where it lies
        return [("place", (d, s)) for d, s in zip(result["district_id"], result["street_id"], strict=True)]
    return []  # totals, grade_history, own_centres, org_history, ...: about the node asked for (checked by OutOfScope)


def all_query_functions() -> dict[str, object]:
    found = {}
    for info in pkgutil.iter_modules(models.queries.__path__):
        module = importlib.import_module(f"models.queries.{info.name}")
        for attr, value in vars(module).items():
            if callable(value) and getattr(value, "__module__", None) == module.__name__ and hasattr(value, "access"):
                found[f"{info.name}.{attr}"] = value
    return found


def test_every_query_function_is_declared_and_checked():
    """A function taking a session must declare its access kind, and this file must call it for every role."""
    for info in pkgutil.iter_modules(models.queries.__path__):
        if info.name == "common":  # the helpers every query uses (frame, require_org)
            continue
        module = importlib.import_module(f"models.queries.{info.name}")
        for attr, value in vars(module).items():
            code = getattr(getattr(value, "__wrapped__", value), "__code__", None)
            if attr.startswith("_") or code is None or getattr(value, "__module__", None) != module.__name__:
                continue
            if code.co_varnames[:1] == ("session",):
                assert getattr(value, "access", None) in (PUBLIC, AGGREGATE, DETAIL), f"{info.name}.{attr}"
    assert set(all_query_functions()) == set(CALLS)


def test_a_query_without_a_scope_is_refused(session):
    with pytest.raises(TypeError, match="scope"):
        overview.members(session, area=CITY, year=2024)
    with pytest.raises(TypeError, match="scope"):
        orgs.root(session, scope=None)


def _same(a, b) -> bool:
    if isinstance(a, pd.DataFrame):
        return a.equals(b)
    if is_dataclass(a):
        return asdict(a) == asdict(b)
    return a == b


@pytest.mark.slow  # every public query for each role
@pytest.mark.parametrize("role", ROLES)
def test_public_and_aggregate_results_are_the_same_for_every_role(session, world, role):
    scope = scopes(world)[role]
    for name, func in all_query_functions().items():
        if func.access == DETAIL:
            continue
        for kwargs in CALLS[name](world):
            got = func(session, scope=scope, **kwargs)
            want = func(session, scope=FULL, **kwargs)
            assert _same(got, want), f"{name}({kwargs}) differs for {role}"


@pytest.mark.parametrize("role", ROLES)
def test_detail_results_stay_inside_the_scope(session, world, role):
    scope = scopes(world)[role]
    refused = 0
    for name, func in all_query_functions().items():
        if func.access != DETAIL:
            continue
        for kwargs in CALLS[name](world):
            try:
                result = func(session, scope=scope, **kwargs)
            except OutOfScope:
                refused += 1
                continue
            for what, ident in named(session, name, result):
                if what == "org":
                    assert sees(world, scope, ident), f"{name}({kwargs}) gave org {ident} to {role}"
                elif what == "place":
                    assert scope.covers(*ident), f"{name}({kwargs}) gave a row of {ident} to {role}"
                elif name.endswith("building_card"):
                    d, s = world.building_place[world.building_code[kwargs["code"]]]
                    assert scope.covers(d, s), f"{name}({kwargs}) shown to {role}"
                else:
                    assert scope.covers(*world.building_place[ident]), f"{name}({kwargs}) gave building {ident}"
    assert (refused == 0) == (role == CITY_ADMIN)


@pytest.mark.parametrize("role", (DISTRICT_LEADER, STREET, VIEWER))
def test_records_of_another_district_are_refused(session, world, role):
    scope = scopes(world)[role]
    other = world.other_grid
    for call in (
        lambda: orgs.node(session, scope=scope, code=other.code),
        lambda: orgs.node_by_id(session, scope=scope, org_id=other.id),
        lambda: orgs.totals(session, scope=scope, node=other),
        lambda: orgs.grade_history(session, scope=scope, org_id=other.id),
        lambda: rating_orgs.org_card(session, scope=scope, org_id=other.id),
        lambda: rating_orgs.org_indicators(session, scope=scope, org_id=other.id, year=world.year),
        lambda: buildings.building_card(session, scope=scope, code=world.other_building, year=world.year),
    ):
        with pytest.raises(OutOfScope):
            call()


def test_a_district_leader_sees_the_own_district_in_full_and_others_in_aggregate(session, world):
    leader = scopes(world)[DISTRICT_LEADER]
    own = buildings.building_list(session, scope=leader, area=Area(world.home_district), year=world.year, kind="tower")
    full = buildings.building_list(session, scope=FULL, area=Area(world.home_district), year=world.year, kind="tower")
    assert len(own) == len(full) > 0
    city = buildings.building_list(session, scope=leader, area=CITY, year=world.year, kind="tower")
    assert city["code"].tolist() == own["code"].tolist()  # the whole city narrows to the own district
    assert buildings.building_list(session, scope=leader, area=Area(world.other_district), year=world.year,
                                   kind="tower").empty
    home = orgs.node(session, scope=leader, code=world.home_grid.code)
    assert home == world.home_grid  # full record, secretary included
    register = rating_orgs.weak_register(session, scope=leader, area=Area(world.home_district), year=world.year)
    assert register.equals(rating_orgs.weak_register(session, scope=FULL, area=Area(world.home_district),
                                                     year=world.year))


def test_committees_seen_only_in_aggregate_lose_their_secretary_details(session, world):
    # Demo committees carry no secretary details; an imported register may. Give one some, then undo.
    session.execute(update(PartyOrg).where(PartyOrg.id == world.other_committee.id)
                    .values(secretary_age_band="46-55", secretary_education="master"))
    try:
        assert orgs.node(session, scope=FULL, code=world.other_committee.code).secretary_age_band == "46-55"
        for role in (DISTRICT_LEADER, STREET, VIEWER):
            seen = orgs.node(session, scope=scopes(world)[role], code=world.other_committee.code)
            assert seen.name == world.other_committee.name
            assert seen.secretary_age_band is None and seen.secretary_education is None
    finally:
        session.rollback()


def test_a_viewer_gets_no_detail_rows_at_all(session, world):
    viewer = scopes(world)[VIEWER]
    assert buildings.building_list(session, scope=viewer, area=CITY, year=world.year, kind="tower").empty
    assert rating_orgs.weak_register(session, scope=viewer, area=CITY, year=world.year).empty
    assert rating_orgs.org_choices(session, scope=viewer, area=CITY, year=world.year).empty
    kids = orgs.children(session, scope=viewer, org_id=world.other_committee.id, year=world.year)
    assert not kids.empty and set(kids["level"]) <= set(AGGREGATE_ORG_LEVELS)
    targets = centres.reach_targets(session, scope=viewer, area=CITY)
    buildings_only = targets[targets["kind"] != "community"]
    assert len(buildings_only) > 0 and buildings_only["name"].isna().all()  # counted, never named
    # the reach of a district is computed over the same places whoever looks
    assert len(targets) == len(centres.reach_targets(session, scope=FULL, area=CITY))
    # every centre is listed (public places), the organisations running them only where visible
    listed = centres.centres(session, scope=viewer, area=CITY, year=world.year)
    assert len(listed) == len(centres.centres(session, scope=FULL, area=CITY, year=world.year))
    shown = _codes_to_org_ids(session, listed["org_code"].dropna())
    assert shown and {world.org_level[i][0] for i in shown} <= set(AGGREGATE_ORG_LEVELS)
    assert listed["org_code"].isna().any()  # community centres: their committee is detail


def test_ratings_aggregates_do_not_depend_on_the_role(session, world):
    viewer = scopes(world)[VIEWER]
    got = ratings.kpis(session, scope=viewer, area=Area(world.other_district), year=world.year)
    assert got == ratings.kpis(session, scope=FULL, area=Area(world.other_district), year=world.year)
