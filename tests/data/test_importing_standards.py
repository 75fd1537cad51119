"""Import kind `standards` (社区党建标准化考核): template and export previewing as unchanged, good rows written in
one transaction, and bad rows (unknown community, not a community, bad result, failed aspects given for a 达标
row or missing for a 整改中 one, unknown aspect, a date outside the year) refused with Chinese messages naming
row and column, every problem of a file at once, while the store stays byte for byte as it was."""

from __future__ import annotations

import pytest

from data.importing import ImportRejected, commit, preview
from data.importing import files
from data.importing.specs import SPECS
from tests.data.importing_support import csv_file, kept_store, store  # noqa: F401 - fixtures

SHANG_LILANG = "440307012003"  # 南湾·上李朗社区
NANWAN = "440307012"


def headers() -> list[str]:
    return [c.header for c in SPECS["standards"].columns]


def preview_rows(st, rows: list[list[str]]):
    engine = st.engine()
    plan = preview(engine, "standards", csv_file(headers(), rows), "standards.csv")
    engine.dispose()
    return plan


def test_the_template_explains_the_results_and_aspects():
    assert files.template_xlsx("standards")[:2] == b"PK"  # an xlsx
    template = files.template_frame(SPECS["standards"])
    assert set(headers()) <= set(template.columns)
    spec = SPECS["standards"]
    assert spec.column("result").allowed() == "达标、整改中、未达标、待考核"
    assert "运行保障" in spec.column("failed_aspects").note


def test_a_result_is_updated_and_a_new_year_added_with_its_aspects(store):
    plan = preview_rows(store, [
        [SHANG_LILANG, "2025", "整改中", "运行保障，治理结构", "2025-11-20", "待验收"],
        [SHANG_LILANG, "2026", "通过", "", "", ""],
    ])
    assert plan.ok, [p.text() for p in plan.problems]
    assert plan.counts()["update"] == 1 and plan.counts()["add"] == 1
    engine = store.engine()
    commit(engine, store.url, plan, actor="测试员")
    engine.dispose()
    rows = store.query("SELECT s.year, s.result, s.fail_governance, s.fail_support, s.fail_service, s.note, s.street_id "
                       "FROM standardcheck s JOIN region r ON r.id = s.region_id WHERE r.code = ? AND s.year >= 2025 "
                       "ORDER BY s.year", SHANG_LILANG)
    (nanwan,), = store.query("SELECT id FROM region WHERE code = ?", NANWAN)
    assert [(y, r, bool(g), bool(s), bool(v), n, st) for y, r, g, s, v, n, st in rows] == [
        (2025, "rectifying", True, True, False, "待验收", nanwan), (2026, "passed", False, False, False, "", nanwan)]


@pytest.mark.parametrize(("row", "column", "words"), [
    (["440307012999", "2025", "达标", "", "", ""], "社区编码", "不存在"),
    ([NANWAN, "2025", "达标", "", "", ""], "社区编码", "不是社区"),
    ([SHANG_LILANG, "2025", "优秀", "", "", ""], "考核结果", ""),
    ([SHANG_LILANG, "2025", "达标", "运行保障", "2025-11-01", ""], "未达标方面", "应留空"),
    ([SHANG_LILANG, "2025", "待考核", "党员管理", "", ""], "未达标方面", "应留空"),
    ([SHANG_LILANG, "2025", "整改中", "", "2025-11-01", ""], "未达标方面", "至少一个"),
    ([SHANG_LILANG, "2025", "未达标", "卫生环境", "2025-11-01", ""], "未达标方面", "卫生环境"),
    ([SHANG_LILANG, "2025", "达标", "", "2024-11-01", ""], "考核日期", "2025"),
    ([SHANG_LILANG, "2025", "待考核", "", "2025-11-01", ""], "考核日期", "留空"),
    ([SHANG_LILANG, "", "达标", "", "", ""], "年度", ""),
])
def test_bad_rows_are_refused_naming_row_and_column_and_the_store_is_unchanged(kept_store, row, column, words):
    before = kept_store.checksum()
    plan = preview_rows(kept_store, [row])
    assert not plan.ok
    hit = [p for p in plan.problems if p.column == column]
    assert hit, [(p.column, p.text()) for p in plan.problems]
    assert hit[0].row == 2  # the header is row 1
    message = hit[0].text("zh")
    assert words in message and any("\u4e00" <= ch <= "\u9fff" for ch in message)
    english = hit[0].text("en")
    assert english and english != message
    engine = kept_store.engine()
    with pytest.raises(ImportRejected):
        commit(engine, kept_store.url, plan, actor="测试员")
    engine.dispose()
    assert kept_store.checksum() == before


def test_one_bad_row_among_good_ones_writes_nothing_and_every_problem_is_listed(kept_store):
    before = kept_store.checksum()
    plan = preview_rows(kept_store, [
        [SHANG_LILANG, "2026", "达标", "", "", ""],
        ["440307012002", "2026", "达标", "服务群众", "", ""],
        ["NOPE", "2026", "整改中", "", "", ""],
    ])
    assert not plan.ok
    assert {(p.row, p.column) for p in plan.problems} >= {(3, "未达标方面"), (4, "社区编码"), (4, "未达标方面")}
    engine = kept_store.engine()
    with pytest.raises(ImportRejected):
        commit(engine, kept_store.url, plan, actor="测试员")
    engine.dispose()
    assert kept_store.checksum() == before


@pytest.mark.parametrize(("result", "flags", "ok"), [
    ("passed", {}, True), ("pending", {}, True), ("rectifying", {"fail_support": True}, True),
    ("passed", {"fail_members": True}, False), ("failed", {}, False), ("excellent", {}, False),
])
def test_the_tables_check_holds_the_same_rule_as_the_importer(store, result, flags, ok):
    """The CHECK constraints of standardcheck (revision 0011) and models.standards.failed_aspects_ok agree, so a
    writer that skipped the importer's checks still cannot store a 达标 row with a failed aspect."""
    from sqlalchemy import insert
    from sqlalchemy.exc import IntegrityError

    from models import standards
    from models.tables import StandardCheck

    if result in standards.RESULTS:
        assert standards.failed_aspects_ok(result, len(flags)) == ok
    (rid, did, sid), = store.query("SELECT id, district_id, street_id FROM region WHERE code = ?", SHANG_LILANG)
    row = {"region_id": rid, "district_id": did, "street_id": sid, "year": 2030, "result": result, "note": "",
           **{c: False for c in standards.ASPECT_COLUMNS.values()}, **flags}
    engine = store.engine()
    try:
        if ok:
            with engine.begin() as conn:
                conn.execute(insert(StandardCheck), row)
        else:
            with pytest.raises(IntegrityError), engine.begin() as conn:
                conn.execute(insert(StandardCheck), row)
    finally:
        engine.dispose()
