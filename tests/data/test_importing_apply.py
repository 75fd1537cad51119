"""Writing imports: upserts by code, a round trip that changes nothing, moves that keep denormalised ids and
organisation paths true, dataset facts and the audit trail, and a store that moved since the preview."""

from __future__ import annotations

import json
from datetime import date

import pytest

from data.exporting import csv_bytes
from data.importing import ImportRejected, commit, preview
from data.importing.files import export_kind
from data.importing.specs import SPECS
from tests.data.importing_support import (  # noqa: F401 - fixtures
    BUILDING_HEADER, GOOD_BUILDING, csv_file, kept_store, store,
)

KINDS = ("regions", "orgs", "centres", "buildings", "ratings", "cases", "standards", "projects")
STORED = ("region", "partyorg", "servicecenter", "building", "rating", "weakorgcase", "standardcheck", "partyproject")


def exported(engine, kind: str) -> bytes:
    with engine.connect() as conn:
        return csv_bytes(export_kind(conn, kind))


def run(st, kind: str, data: bytes, *, mode: str = "merge", actor: str = "测试员", as_of: date | None = None):
    engine = st.engine()
    plan = preview(engine, kind, data, f"{kind}.csv", mode=mode)
    assert plan.ok, plan.problems[:5]
    result = commit(engine, st.url, plan, actor=actor, as_of=as_of)
    engine.dispose()
    return plan, result


def table_dump(st, table: str) -> list[tuple]:
    return st.query(f"SELECT * FROM {table} ORDER BY 1")  # noqa: S608 - test constants


@pytest.mark.parametrize("kind", KINDS)
def test_exported_demo_data_previews_as_unchanged(kept_store, kind):
    engine = kept_store.engine()
    plan = preview(engine, kind, exported(engine, kind), f"{kind}.csv")
    assert plan.ok and plan.counts()["add"] == plan.counts()["update"] == 0
    assert plan.counts()["same"] == kept_store.count(STORED[KINDS.index(kind)]) - (
        kept_store.count("region", "level IN ('city', 'district')") if kind == "regions" else 0)


@pytest.mark.slow  # exports, replaces and re-imports the whole demo store
def test_round_trip_into_a_replaced_store_rebuilds_the_same_tables(store, tmp_path):
    from tests.data.importing_support import copy_store

    source = copy_store(store.url, tmp_path / "source.db")
    files = {kind: exported(source.engine(), kind) for kind in KINDS}
    run(store, "regions", files["regions"], mode="replace")
    for kind in KINDS[1:]:
        run(store, kind, files[kind])
    engine = store.engine()
    for kind in KINDS:  # what comes out is what went in, byte for byte
        assert exported(engine, kind) == files[kind], kind
    engine.dispose()
    for table in ("partyorg", "servicecenter", "building", "rating", "orgrollup"):
        assert table_dump(store, table) == table_dump(source, table), table
    # regions differ only in `official`: rows from a register are real, the demo's grids were generated
    strip = [r[:7] + r[8:] for r in table_dump(store, "region")]
    assert strip == [r[:7] + r[8:] for r in table_dump(source, "region")]


def test_replacing_demo_data_marks_the_store_imported_and_keeps_only_the_official_territory(store):
    rows = [GOOD_BUILDING[:6] + ["", "", "440303003", "114.12391", "22.54716", "WGS-84"]]
    plan, result = run(store, "buildings", csv_file(BUILDING_HEADER, rows), mode="replace", as_of=date(2026, 10, 31))
    assert result.origin == "import" and result.added == 1
    info = dict(store.query("SELECT key, value FROM datasetinfo"))
    assert info["origin"] == "import" and info["as_of"] == "2026-10-31" and "seed" not in info
    assert store.count("building") == 1 and store.count("partyorg") == 0 and store.count("rating") == 0
    assert store.count("region", "level = 'grid'") == 0  # generated grids are gone
    # demo positions of streets and communities are not kept as if they were real
    assert store.count("region", "level IN ('street', 'community') AND lon IS NOT NULL") == 0
    assert store.count("region", "level = 'community'") == 783


def test_merging_into_demo_data_keeps_the_demo_badge(store):
    plan, result = run(store, "buildings", csv_file(BUILDING_HEADER, [GOOD_BUILDING]))
    info = dict(store.query("SELECT key, value FROM datasetinfo"))
    assert result.origin == "demo" and info["origin"] == "demo" and info["last_import"]


def test_updates_by_code_list_old_and_new_values_and_leave_other_rows_alone(store):
    code, old_name, old_floors = store.query(
        "SELECT code, name, floors FROM building WHERE code = 'B440303-T001'")[0]
    others = store.query("SELECT * FROM building WHERE code != 'B440303-T001' ORDER BY id")
    row = [code, "京基100（更名）", "商务楼宇", str(old_floors), "2136", "150", "P440303-T001", "2015", "440303002",
           "114.1081", "22.5411", ""]
    plan, result = run(store, "buildings", csv_file(BUILDING_HEADER, [row]))
    assert (result.added, result.updated) == (0, 1)
    changed = plan.changes.set_index("column")
    assert changed.loc["名称", "old"] == old_name and changed.loc["名称", "new"] == "京基100（更名）"
    assert store.query("SELECT name FROM building WHERE code = ?", code) == [("京基100（更名）",)]
    assert store.query("SELECT * FROM building WHERE code != 'B440303-T001' ORDER BY id") == others


def test_moving_a_community_to_another_street_moves_everything_located_in_it(store):
    # 湖贝社区 (东门街道) moves to 南湖街道; its grids, organisations, centres and buildings follow
    (hubei_id,) = store.query("SELECT id FROM region WHERE code = '440303003001'")[0]
    (nanhu_id,) = store.query("SELECT id FROM region WHERE code = '440303005'")[0]
    row = ["440303003001", "湖贝社区", "社区", "440303005"]
    plan, result = run(store, "regions", csv_file(["编码", "名称", "层级", "上级编码"], [row]))
    assert result.updated == 1
    assert store.query("SELECT parent_id, street_id FROM region WHERE id = ?", hubei_id) == [(nanhu_id, nanhu_id)]
    for table in ("region", "partyorg", "servicecenter", "building"):
        where = f"region_id = {hubei_id}" if table != "region" else f"parent_id = {hubei_id}"
        assert store.count(table, where) > 0, table
        assert store.count(table, f"{where} AND street_id != {nanhu_id}") == 0, table


def test_moving_an_organisation_rewrites_the_paths_of_its_whole_subtree(store):
    (org_id, old_path) = store.query("SELECT id, path FROM partyorg WHERE code = 'P440303003001'")[0]
    (new_parent_id, parent_path, parent_depth) = store.query(
        "SELECT id, path, depth FROM partyorg WHERE code = 'P440303005'")[0]
    below_before = store.count("partyorg", f"path LIKE '{old_path}%'")
    header = ["编码", "名称", "层级", "组织类型", "类别", "上级组织编码", "所在区域编码", "党员数"]
    row = ["P440303003001", "湖贝社区党委", "社区党委", "党委", "社区", "P440303005", "440303003001", "20"]
    run(store, "orgs", csv_file(header, [row]))
    new_path = f"{parent_path}{org_id}/"
    assert store.query("SELECT path, depth FROM partyorg WHERE id = ?", org_id) == [(new_path, parent_depth + 1)]
    assert store.count("partyorg", f"path LIKE '{old_path}%'") == 0
    assert store.count("partyorg", f"path LIKE '{new_path}%'") == below_before
    bad = store.query("SELECT COUNT(*) FROM partyorg c JOIN partyorg p ON p.id = c.parent_id "
                      "WHERE c.path != p.path || c.id || '/' OR c.depth != p.depth + 1")
    assert bad == [(0,)]


def test_a_new_tree_listed_children_first_gets_ids_paths_and_places(store):
    header = ["编码", "名称", "层级", "组织类型", "类别", "上级组织编码", "所在区域编码", "党员数", "成立年份"]
    rows = [["P-NEW-2", "示例党支部", "基层单位党组织", "党支部", "两新组织", "P-NEW-1", "440303003", "15", "2025"],
            ["P-NEW-1", "示例两新党委", "基层单位党组织", "党委", "两新组织", "P440303003", "440303003", "120", "2024"]]
    plan, result = run(store, "orgs", csv_file(header, rows))
    assert result.added == 2
    got = dict((c, (p, d, k)) for c, p, d, k in store.query(
        "SELECT code, path, depth, kind FROM partyorg WHERE code LIKE 'P-NEW-%'"))
    (street_path,) = store.query("SELECT path FROM partyorg WHERE code = 'P440303003'")[0]
    assert got["P-NEW-1"][0].startswith(street_path) and got["P-NEW-2"][0].startswith(got["P-NEW-1"][0])
    assert got["P-NEW-2"][1] == got["P-NEW-1"][1] + 1
    assert got["P-NEW-1"][2] == "firm_branch"  # 组织形式 left blank: derived from level and category
    ids = store.query("SELECT district_id, street_id FROM partyorg WHERE code LIKE 'P-NEW-%'")
    assert set(ids) == set(store.query("SELECT district_id, street_id FROM region WHERE code = '440303003'"))
    # the organisation subtree sums are rebuilt in the same transaction
    (members,) = store.query("SELECT r.members FROM orgrollup r JOIN partyorg o ON o.id = r.org_id "
                             "WHERE o.code = 'P-NEW-1'")[0]
    assert members == 135


def test_ratings_are_graded_by_the_rule_and_updated_per_organisation_and_year(store):
    header = ["组织编码", "年度", "区委常委会评分", "组织部部务会评分", "社会考评组评分", "等级", "软弱涣散"]
    rows = [["P440303003001", "2025", "88", "86", "90", "", "否"],  # an update of the demo's grade
            ["P440303003002", "2026", "50", "60", "70", "D", "是"]]  # a new year
    plan, result = run(store, "ratings", csv_file(header, rows))
    assert (result.added, result.updated) == (1, 1)
    got = store.query("SELECT o.code, r.year, r.composite, r.grade, r.weak FROM rating r JOIN partyorg o "
                      "ON o.id = r.org_id WHERE o.code IN ('P440303003001', 'P440303003002') AND r.year >= 2025 "
                      "ORDER BY o.code, r.year")
    assert ("P440303003001", 2025, 87.6, "A", 0) in got
    assert ("P440303003002", 2026, 58.0, "D", 1) in got


def test_a_store_that_changed_after_the_preview_is_not_written(store):
    engine = store.engine()
    plan = preview(engine, "buildings", csv_file(BUILDING_HEADER, [GOOD_BUILDING]), "a.csv")
    run(store, "centres", csv_file(["编码", "名称", "层级", "所在区域编码"], [["C-X", "中心", "社区", "440303003001"]]))
    before = store.checksum()
    with pytest.raises(ImportRejected) as exc:
        commit(engine, store.url, plan, actor="测试员")
    engine.dispose()
    assert exc.value.problems[0].key == "store_changed"
    assert store.checksum() == before and store.count("building", "code = 'B440303-T901'") == 0


@pytest.mark.backends("sqlite")  # names a file backup; PostgreSQL's audit: test_importing_pg
def test_every_import_is_audited_with_who_what_file_and_counts(store):
    run(store, "buildings", csv_file(BUILDING_HEADER, [GOOD_BUILDING]), actor="李四")
    at, actor, action, detail = store.query("SELECT at, actor, action, detail FROM auditentry ORDER BY id DESC")[0]
    detail = json.loads(detail)
    assert (actor, action) == ("李四", "import")
    assert detail | {"backup": None} == {"kind": "buildings", "file": "buildings.csv", "rows": 1, "added": 1,
                                         "updated": 0, "unchanged": 0, "mode": "merge", "backup": None}
    assert detail["backup"].endswith("before-import-buildings.db")


@pytest.mark.parametrize("kind", sorted(SPECS))
def test_explanations_cover_every_column(kind):
    from data.importing.files import explanation

    table = explanation(SPECS[kind])
    assert table["列名"].tolist() == [c.header for c in SPECS[kind].columns]
    coords = table[table["列名"].isin(["经度", "坐标系"])]
    assert all("WGS-84" in n or "深圳" in n for n in coords["说明"])


def test_columns_missing_from_the_file_keep_their_stored_values(store):
    # a register with only code, name, kind and region: positions, counts and coverage stay as stored
    before = store.query("SELECT floors, firms, members, org_id, covered_since, lon, lat FROM building "
                         "WHERE code = 'B440303-T001'")
    (region,) = store.query("SELECT r.code FROM building b JOIN region r ON r.id = b.region_id "
                            "WHERE b.code = 'B440303-T001'")[0]
    header = ["编码", "名称", "类型", "所在区域编码"]
    plan, result = run(store, "buildings", csv_file(header, [["B440303-T001", "京基100", "商务楼宇", region],
                                                            ["B440303-T999", "新楼", "商务楼宇", region]]))
    assert (result.added, result.updated) == (1, 1)
    assert set(plan.changes["column"]) == {"名称"}
    assert store.query("SELECT floors, firms, members, org_id, covered_since, lon, lat FROM building "
                       "WHERE code = 'B440303-T001'") == before
    assert store.query("SELECT name FROM building WHERE code = 'B440303-T001'") == [("京基100",)]
    assert store.query("SELECT firms, members, org_id, lon FROM building WHERE code = 'B440303-T999'") == [
        (0, 0, None, None)]


def test_organisations_updated_without_a_parent_column_stay_where_they_are(store):
    before = store.query("SELECT parent_id, path, depth FROM partyorg WHERE code = 'P440303003001'")
    header = ["编码", "名称", "层级", "组织类型", "类别", "所在区域编码"]
    plan, result = run(store, "orgs", csv_file(header, [["P440303003001", "湖贝社区党委（更名）", "社区党委", "党委", "社区",
                                                         "440303003001"]]))
    assert result.updated == 1
    assert store.query("SELECT parent_id, path, depth FROM partyorg WHERE code = 'P440303003001'") == before


def test_a_store_migrated_by_newer_code_is_not_written(store):
    from sqlalchemy import text

    engine = store.engine()
    with engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    plan = preview(engine, "buildings", csv_file(BUILDING_HEADER, [GOOD_BUILDING]), "a.csv")
    before = store.checksum()
    with pytest.raises(ImportRejected) as exc:
        commit(engine, store.url, plan, actor="测试员")
    engine.dispose()
    assert exc.value.problems[0].key == "store_ahead"
    assert "9999" in exc.value.problems[0].text() and "升级程序" in exc.value.problems[0].text()
    assert store.checksum() == before


def test_replacing_demo_data_keeps_the_login_accounts_and_their_district(store):
    from datetime import datetime, timezone

    from sqlalchemy.orm import Session

    from models import accounts

    engine = store.engine()
    with Session(engine) as s:
        accounts.create(s, username="ft", role="district_leader", district="福田区", password="Passwort-123",
                        now=datetime.now(timezone.utc), actor="test")
        accounts.create(s, username="xmh", role="street", street="香蜜湖街道", password="Passwort-123",
                        now=datetime.now(timezone.utc), actor="test")
        s.commit()
    engine.dispose()
    rows = [GOOD_BUILDING[:6] + ["", "", "440303003", "114.12391", "22.54716", "WGS-84"]]
    run(store, "buildings", csv_file(BUILDING_HEADER, rows), mode="replace")
    kept = store.query("SELECT a.username, d.name, s.name, a.disabled FROM account a JOIN region d ON d.id = a.district_id"
                       " LEFT JOIN region s ON s.id = a.street_id ORDER BY a.username")
    assert kept == [("ft", "福田区", None, 0), ("xmh", "福田区", "香蜜湖街道", 0)]
