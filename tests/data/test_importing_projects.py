"""Import kind `projects` (党建项目认领): the template, the demo's export previewing as unchanged, good rows written
(a new claiming unit created by name), and bad rows refused with Chinese messages naming row and column while
the store stays byte for byte as it was."""

from __future__ import annotations

import io

import pandas as pd
import pytest

from data.exporting import csv_bytes
from data.importing import commit, preview
from data.importing.files import export_kind, template_csv
from data.importing.specs import SPECS
from tests.data.importing_support import csv_file, kept_store, store  # noqa: F401 - fixtures

NANHU = "440303005001"  # a 罗湖·南湖 community
GOOD = ["X-TEST-0001", "湖景长者助餐点", "民生服务", NANHU, "已完成", "深圳市测试物业管理有限公司", "企业", "2024-03-01",
        "2024-03-15", "2024-09-30", "60", "114.14367", "22.59544", "WGS-84"]


def headers() -> list[str]:
    return [c.header for c in SPECS["projects"].columns]


def row(**changes: str) -> list[str]:
    fields = [c.field for c in SPECS["projects"].columns]
    out = list(GOOD)
    for field, value in changes.items():
        out[fields.index(field)] = value
    return out


def test_template_has_chinese_headers_and_explains_the_statuses():
    text = template_csv("projects").decode("utf-8-sig")
    first = text.splitlines()[0]
    for header in ("项目编号", "项目名称", "需求类别", "所在社区编码", "状态", "认领单位", "单位类型", "发布日期", "认领日期",
                   "完成日期", "受益人数"):
        assert header in first
    assert "待认领" in text or "待认领" in SPECS["projects"].column("status").allowed()


def test_a_new_project_and_its_new_unit_are_written_in_the_community_street_and_district(store):
    units = store.count("claimunit")
    engine = store.engine()
    plan = preview(engine, "projects", csv_file(headers(), [GOOD, row(code="X-TEST-0002", status="待认领", unit_name="",
                                                                       unit_type="", claimed_on="", completed_on="",
                                                                       beneficiaries="")]), "p.csv")
    assert plan.ok, [(p.column, p.text()) for p in plan.problems]
    assert plan.counts()["add"] == 2
    commit(engine, store.url, plan, actor="测试员")
    engine.dispose()
    assert store.count("claimunit") == units + 1
    got = store.query("SELECT p.code, p.status, u.name, u.unit_type, s.name, d.name, p.beneficiaries FROM partyproject p "
                      "LEFT JOIN claimunit u ON u.id = p.unit_id JOIN region s ON s.id = p.street_id "
                      "JOIN region d ON d.id = p.district_id WHERE p.code LIKE 'X-TEST-%' ORDER BY p.code")
    assert got == [("X-TEST-0001", "done", "深圳市测试物业管理有限公司", "firm", "南湖街道", "罗湖区", 60),
                   ("X-TEST-0002", "open", None, None, "南湖街道", "罗湖区", 0)]


def test_a_stored_unit_may_be_named_without_its_type_and_a_project_moves_on(store):
    (code, unit, kind), = store.query("SELECT p.code, u.name, u.unit_type FROM partyproject p JOIN claimunit u "
                                      "ON u.id = p.unit_id WHERE p.status = 'underway' ORDER BY p.id LIMIT 1")
    header = ["项目编号", "项目名称", "需求类别", "所在社区编码", "状态", "认领单位", "发布日期", "认领日期", "完成日期"]
    (title, need, community, published, claimed), = store.query(
        "SELECT p.title, p.need, r.code, p.published_on, p.claimed_on FROM partyproject p JOIN region r "
        "ON r.id = p.region_id WHERE p.code = ?", code)
    labels = {"innovation": "党建创新", "livelihood": "民生服务", "welfare": "公益活动", "volunteer": "志愿服务"}
    engine = store.engine()
    plan = preview(engine, "projects", csv_file(header, [[code, title, labels[need], community, "已完成", unit,
                                                          str(published)[:10], str(claimed)[:10], "2025-12-20"]]), "p.csv")
    assert plan.ok, [(p.column, p.text()) for p in plan.problems]
    assert plan.counts()["update"] == 1
    commit(engine, store.url, plan, actor="测试员")
    engine.dispose()
    after = store.query("SELECT p.status, p.completed_on, u.name, u.unit_type FROM partyproject p JOIN claimunit u "
                        "ON u.id = p.unit_id WHERE p.code = ?", code)
    assert [(s, str(d)[:10], n, k) for s, d, n, k in after] == [("done", "2025-12-20", unit, kind)]


@pytest.mark.parametrize(("changes", "column", "words"), [
    ({"region_code": "440303999999"}, "所在社区编码", "不存在"),
    ({"region_code": "440303005"}, "所在社区编码", "社区"),  # a street, not a community
    ({"status": "搁置"}, "状态", ""),
    ({"need": "其他"}, "需求类别", ""),
    ({"completed_on": "2024-03-10"}, "完成日期", "早于认领日期"),
    ({"claimed_on": "2024-02-01"}, "认领日期", "早于发布日期"),
    ({"beneficiaries": "-5"}, "受益人数", "不能小于"),
    ({"status": "待认领"}, "认领单位", "待认领"),
    ({"status": "实施中"}, "完成日期", "不是“已完成”"),
    ({"completed_on": ""}, "完成日期", "须填写完成日期"),
    ({"unit_name": ""}, "认领单位", "须填写认领单位"),
    ({"claimed_on": "", "completed_on": ""}, "认领日期", "须填写认领日期"),
    ({"unit_type": ""}, "单位类型", "单位类型"),
    ({"published_on": "2024-13-01"}, "发布日期", ""),
    ({"title": ""}, "项目名称", ""),
])
def test_bad_rows_are_refused_naming_row_and_column_and_the_store_is_unchanged(kept_store, changes, column, words):
    before = kept_store.checksum()
    engine = kept_store.engine()
    plan = preview(engine, "projects", csv_file(headers(), [row(**changes)]), "p.csv")
    engine.dispose()
    assert not plan.ok
    hit = [p for p in plan.problems if p.column == column]
    assert hit, [(p.column, p.text()) for p in plan.problems]
    assert hit[0].row == 2  # the header is row 1
    message = hit[0].text("zh")
    assert words in message and any("\u4e00" <= ch <= "\u9fff" for ch in message)
    assert kept_store.checksum() == before


def test_one_unit_with_two_types_in_a_file_is_refused_on_both_rows(kept_store):
    engine = kept_store.engine()
    plan = preview(engine, "projects", csv_file(headers(), [GOOD, row(code="X-TEST-0003", unit_type="社会组织")]), "p.csv")
    engine.dispose()
    clash = sorted(p.row for p in plan.problems if p.key == "project_unit_type_conflict")
    assert clash == [2, 3]


def test_a_point_outside_the_communitys_district_is_imported_with_a_note(kept_store):
    engine = kept_store.engine()
    plan = preview(engine, "projects", csv_file(headers(), [row(lon="113.93", lat="22.52")]), "p.csv")  # 南山
    engine.dispose()
    assert plan.ok
    assert any(n.key == "note_outside_district" for n in plan.notes)


def test_the_export_zip_holds_the_projects_in_import_form(kept_store):
    engine = kept_store.engine()
    with engine.connect() as conn:
        df = export_kind(conn, "projects")
    engine.dispose()
    assert len(df) == kept_store.count("partyproject")
    back = pd.read_csv(io.BytesIO(csv_bytes(df)), encoding="utf-8-sig")
    assert {"项目编号", "认领单位", "状态"} <= set(back.columns)


def test_a_problem_quotes_the_cell_of_its_own_column(kept_store):
    engine = kept_store.engine()
    plan = preview(engine, "projects", csv_file(headers(), [row(status="待认领", claimed_on="", completed_on="")]), "p.csv")
    engine.dispose()
    (hit,) = [p for p in plan.problems if p.key == "project_open_claimed"]
    assert (hit.column, hit.value) == ("认领单位", "深圳市测试物业管理有限公司")
    assert not [p for p in plan.problems if p.key == "project_unit_type_missing"]  # one problem, said once
