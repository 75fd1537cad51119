"""The aggregate rollups (models/rollups.py) are derived data: after every kind of write they hold exactly
what computing them from the detail tables gives, the pages' figures read from them equal the figures
computed from the detail tables, and a store whose rollups do not match its data is found out."""

from __future__ import annotations

import pytest
from sqlalchemy import select, text
from sqlmodel import Session

from data.importing import commit, preview, restore
from models import rollups
from models.access import FULL
from models.area import CITY, Area
from models.queries import buildings, overview, ratings
from tests.data.importing_support import BUILDING_HEADER, GOOD_BUILDING, csv_file, store  # noqa: F401 - fixture


def _rows(conn, name: str, *, stored: bool) -> list[tuple]:
    table, define = rollups.DEFINITIONS[name]
    cols = [c.name for c in define().selected_columns]
    src = rollups.source(name, rollup=stored)
    got = conn.execute(select(*(src[c] for c in cols))).all()
    return sorted((tuple(round(float(v), 6) if isinstance(v, float) else v for v in r) for r in got),
                  key=lambda r: tuple((v is None, str(v)) for v in r))


def assert_rollups_match(engine) -> None:
    with engine.connect() as conn:
        for name in rollups.DEFINITIONS:
            stored, computed = _rows(conn, name, stored=True), _rows(conn, name, stored=False)
            assert stored and stored == computed, name
        assert rollups.is_fresh(conn, thorough=True) and rollups.is_fresh(conn)


def _areas(engine) -> list[Area]:
    with engine.connect() as conn:
        district, street = conn.execute(text(
            "SELECT district_id, id FROM region WHERE level = 'street' ORDER BY id LIMIT 1")).one()
    return [CITY, Area(district), Area(district, street)]


def assert_figures_agree(engine) -> None:
    """Every aggregate a page shows, read from the rollups and from the detail tables: the same."""
    with Session(engine) as s:
        year = int(s.execute(text("SELECT MAX(year) FROM rating")).scalar())
        for area in _areas(engine):
            for category in (None, "two_new"):
                kw = dict(scope=FULL, area=area, year=year, category=category)
                for fn in (ratings.by_category, ratings.by_region, ratings.ranking, ratings.transitions):
                    fast, slow = fn(s, **kw, rollup=True), fn(s, **kw, rollup=False)
                    assert fast.equals(slow), (fn.__name__, area, category)
                assert ratings.kpis(s, **kw, rollup=True) == ratings.kpis(s, **kw, rollup=False)
                kw.pop("year")
                assert ratings.trend(s, **kw, rollup=True).equals(ratings.trend(s, **kw, rollup=False))
            kw = dict(scope=FULL, area=area, year=year)
            for fn in (overview.orgs_by_category, overview.ranking):
                assert fn(s, **kw, rollup=True).equals(fn(s, **kw, rollup=False)), (fn.__name__, area)
            for fn in (overview.members, overview.tower_coverage, overview.a_share):
                assert fn(s, **kw, rollup=True) == fn(s, **kw, rollup=False), (fn.__name__, area)
            for kind, floors in (("tower", 20), ("residential", None)):  # the stored nearest centres
                kw = dict(scope=FULL, area=area, year=year, kind=kind, min_floors=floors)
                stored = buildings.building_list(s, **kw, nearest=True)
                measured = buildings.building_list(s, **kw).merge(
                    buildings.nearest_centres(s, scope=FULL).set_index("building_id"), left_on="id",
                    right_index=True, how="left")
                assert stored.equals(measured), (kind, area)


def _import_building(st, row, mode="merge"):
    engine = st.engine()
    plan = preview(engine, "buildings", csv_file(BUILDING_HEADER, [row]), "楼宇.csv", mode=mode)
    assert plan.ok, plan.problems
    result = commit(engine, st.url, plan, actor="测试员")
    return engine, result


def test_the_demo_build_leaves_rollups_equal_to_the_detail_tables(store):
    engine = store.engine()
    assert_rollups_match(engine)
    assert_figures_agree(engine)
    engine.dispose()


def _towers(engine, district_code: str) -> int:
    with engine.connect() as conn:
        name = conn.execute(text("SELECT name FROM region WHERE code = :c"), {"c": district_code}).scalar()
    with Session(engine) as s:
        df = overview.ranking(s, scope=FULL, area=CITY, year=2025, rollup=True)
    return int(df.loc[df["name"] == name, "towers"].iloc[0])


def test_a_merge_import_updates_the_rollups_in_its_transaction(store):
    engine = store.engine()
    before = _towers(engine, "440303")
    engine.dispose()
    engine, _ = _import_building(store, GOOD_BUILDING)  # a new covered tower of 32 floors in 罗湖区
    assert_rollups_match(engine)
    assert_figures_agree(engine)
    assert _towers(engine, "440303") == before + 1
    engine.dispose()


def test_a_replace_import_rebuilds_the_rollups(store):
    engine, _ = _import_building(store, GOOD_BUILDING[:6] + ["", ""] + GOOD_BUILDING[8:], mode="replace")
    with engine.connect() as conn:
        assert conn.execute(text("SELECT COUNT(*) FROM rating")).scalar() == 0  # replace starts from the territory
        assert conn.execute(text("SELECT COUNT(*) FROM graderollup")).scalar() == 0
        assert conn.execute(text("SELECT SUM(n) FROM buildingfactrollup")).scalar() == 1
        assert rollups.is_fresh(conn, thorough=True)
    engine.dispose()


@pytest.mark.backends("sqlite")  # restores are SQLite file copies
def test_a_restore_brings_back_rollups_that_match_the_restored_data(store):
    engine, first = _import_building(store, GOOD_BUILDING)
    row = GOOD_BUILDING.copy()
    row[0] = "B440303-T902"
    engine, _ = _import_building(store, row)
    restore(engine, store.url, first.backup, actor="王五")
    engine.dispose()
    engine = store.engine()
    assert_rollups_match(engine)
    engine.dispose()


def test_data_written_without_a_rebuild_is_found_stale_and_rebuilt(store):
    engine = store.engine()
    with engine.begin() as conn:  # a writer that forgot the rollups (or an older version of the code)
        conn.execute(text("UPDATE rating SET score_committee = 20, score_department = 20, score_social = 20, "
                          "composite = 20, grade = 'D' WHERE id IN (SELECT id FROM rating WHERE grade <> 'D' AND "
                          "year = (SELECT MAX(year) FROM rating) ORDER BY id LIMIT 50)"))
        assert not rollups.is_fresh(conn, thorough=True)
        with Session(bind=conn) as s:
            year = int(s.execute(text("SELECT MAX(year) FROM rating")).scalar())
            stale = ratings.by_category(s, scope=FULL, area=CITY, year=year, rollup=True)
            right = ratings.by_category(s, scope=FULL, area=CITY, year=year, rollup=False)
        rollups.rebuild(conn)
    assert_rollups_match(engine)
    with Session(engine) as s:
        assert ratings.by_category(s, scope=FULL, area=CITY, year=year, rollup=True).equals(right)
    assert not stale.equals(right)  # what trusting the stale rollup would have shown
    engine.dispose()


def test_a_store_from_before_the_rollups_is_not_trusted(store):
    engine = store.engine()
    with engine.begin() as conn:
        conn.execute(text("DELETE FROM datasetinfo WHERE key = 'rollups'"))
        assert not rollups.is_fresh(conn) and not rollups.is_fresh(conn, thorough=True)
        rollups.rebuild(conn)
        conn.execute(text("UPDATE datasetinfo SET value = 'old|' || value WHERE key = 'rollups'"))  # another VERSION
        assert not rollups.is_fresh(conn)
    engine.dispose()
