"""The bad-file fixture set: each fault, one per file, is reported at its row and column, all at once,
and the store stays byte-for-byte unchanged (preview writes nothing, commit refuses)."""

from __future__ import annotations

import pytest

from data.importing import ImportRejected, commit, preview
from data.importing.files import template_csv, template_xlsx
from data.importing.specs import SPECS
from tests.data.importing_support import (  # noqa: F401 - fixtures
    BUILDING_HEADER, GOOD_BUILDING, csv_file, kept_store, problems_at, xlsx_file,
)

B = BUILDING_HEADER


def building(**changes: str) -> list[str]:
    row = dict(zip(B, GOOD_BUILDING, strict=True)) | changes
    return [row[h] for h in B]


CENTRE = ["编码", "名称", "层级", "所在区域编码", "所属党组织编码", "经度", "纬度", "24小时开放", "启用日期"]
REGION = ["编码", "名称", "层级", "上级编码"]
ORG = ["编码", "名称", "层级", "组织类型", "类别", "上级组织编码", "所在区域编码"]
RATING = ["组织编码", "年度", "区委常委会评分", "组织部部务会评分", "社会考评组评分", "综合得分", "等级"]

# kind, header, rows, the problems expected as (file row, column header, reason key)
BAD_FILES = {
    "not_a_number": ("buildings", B, [building(楼层数="三十")], {(2, "楼层数", "not_number")}),
    "not_an_integer": ("buildings", B, [building(), building(编码="B2", 企业数="4.5")], {(3, "企业数", "not_integer")}),
    "negative_count": ("buildings", B, [building(党员数="-3")], {(2, "党员数", "below_min")}),
    "unknown_kind": ("buildings", B, [building(类型="写字楼A座")], {(2, "类型", "bad_choice")}),
    "required_blank": ("buildings", B, [building(名称="")], {(2, "名称", "required")}),
    "bad_code": ("buildings", B, [building(编码="B 1/2")], {(2, "编码", "bad_code")}),
    "name_too_long": ("buildings", B, [building(名称="大" * 97)], {(2, "名称", "too_long")}),
    "swapped_coordinates": ("buildings", B, [building(经度="22.54716", 纬度="114.12391")],
                            {(2, "经度", "outside_shenzhen"), (2, "纬度", "outside_shenzhen")}),
    "beijing_point": ("buildings", B, [building(经度="116.397", 纬度="39.909")],
                      {(2, "经度", "outside_shenzhen"), (2, "纬度", "outside_shenzhen")}),
    "half_a_point": ("buildings", B, [building(纬度="")], {(2, "纬度", "coord_pair")}),
    "unknown_crs": ("buildings", B, [building(坐标系="BD-09")], {(2, "坐标系", "bad_choice")}),
    "duplicate_code": ("buildings", B, [building(), building(名称="另一栋")],
                       {(2, "编码", "duplicate_key"), (3, "编码", "duplicate_key")}),
    "unknown_region": ("buildings", B, [building(所在区域编码="440399999")], {(2, "所在区域编码", "region_missing")}),
    "district_region": ("buildings", B, [building(所在区域编码="440303")], {(2, "所在区域编码", "region_level")}),
    "unknown_org": ("buildings", B, [building(覆盖党组织编码="P-NOPE")], {(2, "覆盖党组织编码", "org_missing")}),
    "year_without_org": ("buildings", B, [building(覆盖党组织编码="")], {(2, "覆盖起始年份", "covered_without_org")}),
    "future_year": ("buildings", B, [building(覆盖起始年份="2031")], {(2, "覆盖起始年份", "in_future")}),
    "bad_boolean": ("centres", CENTRE, [["C901", "中心", "社区", "440303003001", "", "", "", "可能", ""]],
                    {(2, "24小时开放", "bad_bool")}),
    "bad_date": ("centres", CENTRE, [["C901", "中心", "社区", "440303003001", "", "", "", "否", "2024-13-01"]],
                 {(2, "启用日期", "bad_date")}),
    "tier_in_wrong_region": ("centres", CENTRE, [["C901", "中心", "街道", "440303003001", "", "", "", "否", ""]],
                             {(2, "所在区域编码", "tier_region")}),
    "region_parent_missing": ("regions", REGION, [["440303003001G99", "网格", "网格", "440303003999"]],
                              {(2, "上级编码", "parent_missing")}),
    "region_parent_level": ("regions", REGION, [["440303003G99", "网格", "网格", "440303003"]],
                            {(2, "上级编码", "parent_level")}),
    "region_level_change": ("regions", REGION, [["440303003", "东门街道", "社区", "440303003"]],
                            {(2, "层级", "level_changed"), (2, "上级编码", "parent_self")}),
    "org_without_parent": ("orgs", ORG, [["P-X1", "某党支部", "基层单位党组织", "党支部", "两新组织", "", "440303003"]],
                           {(2, "上级组织编码", "parent_required")}),
    "org_cycle": ("orgs", ORG, [["P-X1", "甲党委", "基层单位党组织", "党委", "两新组织", "P-X2", "440303003"],
                                ["P-X2", "乙党委", "基层单位党组织", "党委", "两新组织", "P-X1", "440303003"]],
                  {(2, "上级组织编码", "org_cycle"), (3, "上级组织编码", "org_cycle")}),
    "org_region_level": ("orgs", ORG, [["P-X1", "社区党委", "社区党委", "党委", "社区", "P440303003", "440303003"]],
                         {(2, "所在区域编码", "region_level")}),
    "grade_not_a_to_d": ("ratings", RATING, [["P440303003001", "2025", "88", "86", "90", "", "E"]],
                         {(2, "等级", "bad_choice")}),
    "score_above_100": ("ratings", RATING, [["P440303003001", "2025", "101", "86", "90", "", ""]],
                        {(2, "区委常委会评分", "above_max")}),
    "grade_off_band": ("ratings", RATING, [["P440303003001", "2025", "88", "86", "90", "", "B"]],
                       {(2, "等级", "grade_mismatch")}),
    "composite_off": ("ratings", RATING, [["P440303003001", "2025", "88", "86", "90", "80", ""]],
                      {(2, "综合得分", "composite_mismatch")}),
    "two_grades_one_year": ("ratings", RATING, [["P440303003001", "2025", "88", "86", "90", "", ""],
                                                 ["P440303003001", "2025", "60", "60", "60", "", ""]],
                            {(2, "组织编码", "duplicate_key"), (3, "组织编码", "duplicate_key")}),
    "leadership_graded": ("ratings", RATING, [["P440303003", "2025", "88", "86", "90", "", ""]],
                          {(2, "组织编码", "leadership_rating")}),
    "rating_unknown_org": ("ratings", RATING, [["P-NOPE", "2025", "88", "86", "90", "", ""]],
                           {(2, "组织编码", "org_missing")}),
}
FILE_FAULTS = {
    "empty_file": (b"", "楼宇.csv", {(None, "", "empty_file")}),
    "header_only": (csv_file(B, []), "楼宇.csv", {(1, "", "no_rows")}),
    "renamed_pdf": (b"%PDF-1.7\n1 0 obj << /Type /Catalog >>\n", "楼宇.xlsx", {(None, "", "not_xlsx")}),
    "missing_column": (csv_file(B[1:], [GOOD_BUILDING[1:]]), "楼宇.csv", {(1, "编码", "missing_column")}),
}


def assert_refused_and_untouched(store, kind, data, name, expected):
    before = store.checksum()
    engine = store.engine()
    plan = preview(engine, kind, data, name, mode="merge")
    assert problems_at(plan) == expected
    assert all(p.text("zh") and p.text("en") for p in plan.problems)
    with pytest.raises(ImportRejected):
        commit(engine, store.url, plan, actor="test")
    engine.dispose()
    assert store.checksum() == before


@pytest.mark.parametrize("case", sorted(BAD_FILES))
def test_each_bad_row_is_named_and_nothing_is_written(kept_store, case):
    kind, header, rows, expected = BAD_FILES[case]
    assert_refused_and_untouched(kept_store, kind, csv_file(header, rows), f"{case}.csv", expected)


@pytest.mark.parametrize("case", sorted(FILE_FAULTS))
def test_each_bad_file_is_named_and_nothing_is_written(kept_store, case):
    data, name, expected = FILE_FAULTS[case]
    assert_refused_and_untouched(kept_store, "buildings", data, name, expected)


def test_every_problem_of_a_file_is_reported_at_once_in_row_order(kept_store):
    rows = [building(编码="B1", 楼层数="x"), building(编码="B2"), building(编码="B3", 类型="?", 经度="1", 纬度="2")]
    data = xlsx_file(B, rows, title="楼宇台账")  # title row: data starts on row 3
    plan = preview(kept_store.engine(), "buildings", data, "楼宇.xlsx")
    assert [(p.row, p.column) for p in plan.problems] == [
        (3, "楼层数"), (5, "类型"), (5, "经度"), (5, "纬度")]
    reasons = [p.text("zh") for p in plan.problems]
    assert reasons[0] == "应为数字。" and "深圳市范围" in reasons[2]


def test_tolerated_quirks_import_cleanly(kept_store):
    """GBK with a title row, trailing blank rows, full-width digits and a GCJ-02 point."""
    row = building(楼层数="３２", 企业数="４５", 经度="114.12903", 纬度="22.54420", 坐标系="GCJ-02")
    data = csv_file(B, [row], encoding="gbk", title="东门街道楼宇台账", trailing_blank=4)
    plan = preview(kept_store.engine(), "buildings", data, "楼宇.csv")
    assert plan.ok, plan.problems
    got = plan.frame.iloc[0]
    assert got["floors"] == 32 and got["firms"] == 45
    # GCJ-02 is shifted back by roughly 500 m to WGS-84 before storing
    assert 114.122 < got["lon"] < 114.125 and 22.546 < got["lat"] < 22.549
    assert plan.counts() == {"add": 1, "update": 0, "same": 0}


@pytest.mark.parametrize("kind", sorted(SPECS))
def test_template_example_rows_are_valid_on_the_demo_store(kept_store, kind):
    """The example shows a valid row: without its 【示例】 mark it imports cleanly."""
    data = template_csv(kind).decode("utf-8-sig").replace("【示例】", "").encode("utf-8-sig")
    plan = preview(kept_store.engine(), kind, data, f"{kind}.csv", mode="merge")
    assert plan.ok, plan.problems
    assert len(plan.status) == 1


def _template_lines(kind: str) -> tuple[str, str]:
    header, example = template_csv(kind).decode("utf-8-sig").splitlines()[:2]
    return header, example


@pytest.mark.parametrize("kind", sorted(SPECS))
def test_a_template_uploaded_unchanged_is_refused_in_chinese(kept_store, kind):
    """The example row is marked (【示例】 in its first cell): it never becomes data (issue 15)."""
    for data, name in ((template_xlsx(kind), f"{kind}.xlsx"), (template_csv(kind), f"{kind}.csv")):
        plan = preview(kept_store.engine(), kind, data, name, mode="merge")
        assert not plan.ok and [p.key for p in plan.problems] == ["only_example"]
        assert plan.problems[0].row == 2 and "示例行" in plan.problems[0].text("zh")


def test_the_centre_template_with_a_real_row_skips_the_example_with_a_note(kept_store):
    header, example = _template_lines("centres")
    real = example.replace("【示例】C440303003-T901", "C440303003-T902").replace("示例大厦", "东门测试大厦")
    data = "\n".join([header, example, real]).encode("utf-8-sig")
    plan = preview(kept_store.engine(), "centres", data, "中心.csv")
    assert plan.ok, plan.problems
    assert plan.counts() == {"add": 1, "update": 0, "same": 0} and plan.frame["code"].tolist() == ["C440303003-T902"]
    notes = [n.text("zh") for n in plan.notes]
    assert "第 2 行是模板自带的示例行（第一格以“【示例】”开头），已跳过，不会导入。" in notes
    assert any("数据 2 行" in n for n in notes)  # the read note still counts the example row


def test_a_point_outside_the_district_of_its_region_is_a_note_naming_row_and_column(kept_store):
    """In Shenzhen but not in 罗湖区, whose street 东门街道 the row names: imported, with a warning."""
    inside = building(编码="B440303-T902")
    in_nanshan = building(编码="B440303-T903", 经度="113.93", 纬度="22.52")
    plan = preview(kept_store.engine(), "buildings", csv_file(B, [inside, in_nanshan]), "楼宇.csv")
    assert plan.ok, plan.problems
    warned = [n for n in plan.notes if n.key == "note_outside_district"]
    assert [n.params["row"] for n in warned] == [3]
    assert warned[0].text("zh") == ("第 3 行“经度、纬度”：坐标不在所在区域（440303003）所属的罗湖区范围内，"
                                    "请核对坐标或所在区域编码；该行仍可导入。")
    assert "Row 3" in warned[0].text("en")


@pytest.mark.backends("sqlite")
def test_levels_and_lists_inside_a_reason_read_in_the_reasons_language(kept_store):
    """The page shows the reasons in the session's language: level names and row lists follow it."""
    said = {}
    for case in ("region_parent_level", "tier_in_wrong_region", "two_grades_one_year"):
        kind, header, rows, _ = BAD_FILES[case]
        plan = preview(kept_store.engine(), kind, csv_file(header, rows), f"{case}.csv", mode="merge")
        said[case] = (plan.problems[0].text("zh"), plan.problems[0].text("en"))
    assert said["region_parent_level"] == ("网格的上级应为社区，而“440303003”是街道。",
                                           "The parent of a Grid should be a Community, but “440303003” is a Street.")
    assert said["tier_in_wrong_region"][1] == (
        "A Street centre should lie in a Street region, but “440303003001” is a Community.")
    assert said["two_grades_one_year"] == ("与第 3 行重复（组织编码、年度）。", "Duplicates row 3 (组织编码, 年度).")
