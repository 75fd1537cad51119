"""Reading registers as they arrive: Excel or Excel-saved CSV in any Chinese encoding, with title rows,
blank rows and full-width characters, keeping row numbers as the user sees them in Excel."""

from __future__ import annotations

import io
import zipfile
from datetime import date

import pytest

from data.importing.messages import ImportRejected
from data.importing.readers import decode_text, read_table
from data.importing.specs import BUILDINGS, CENTRES
from data.importing.validate import parse
from tests.data.importing_support import BUILDING_HEADER, GOOD_BUILDING, csv_file, xlsx_file

TODAY = date(2026, 11, 22)


def rejected(data: bytes, name: str, spec=BUILDINGS) -> list[tuple]:
    with pytest.raises(ImportRejected) as exc:
        read_table(data, name, spec)
    return [(p.key, p.row, p.column) for p in exc.value.problems]


@pytest.mark.parametrize("encoding, label", [("utf-8", "UTF-8"), ("utf-8-sig", "UTF-8 BOM"), ("gbk", "GBK"),
                                             ("gb18030", "GB18030"), ("utf-16", "UTF-16")])
def test_every_excel_encoding_is_detected_and_chinese_survives(encoding, label):
    name = "𠀀屋大厦" if encoding == "gb18030" else "示例大厦"  # 𠀀 exists in GB18030 only, not in GBK
    row = GOOD_BUILDING.copy()
    row[1] = name
    raw = read_table(csv_file(BUILDING_HEADER, [row], encoding=encoding), "楼宇.csv", BUILDINGS)
    assert raw.encoding == label
    assert raw.frame["name"].tolist() == [name]
    assert raw.frame["code"].tolist() == ["B440303-T901"]


def test_gbk_bytes_are_not_mistaken_for_utf8():
    text, enc = decode_text("编码,名称\n".encode("gbk"))
    assert enc == "GBK" and text.startswith("编码")


def test_title_row_blank_rows_and_trailing_blanks_in_csv_keep_excel_row_numbers():
    second = GOOD_BUILDING.copy()
    second[0] = "B440303-T902"
    data = csv_file(BUILDING_HEADER, [GOOD_BUILDING, [""] * 12, second], encoding="gbk",
                    title="罗湖区楼宇党建台账（2025年）", trailing_blank=3)
    raw = read_table(data, "台账.csv", BUILDINGS)
    assert raw.header_row == 2
    assert raw.rows == [3, 5]  # row 4 is blank in the file and is skipped, not renumbered
    assert raw.frame["code"].tolist() == ["B440303-T901", "B440303-T902"]


def test_xlsx_with_merged_title_blank_rows_and_numbers_as_numbers():
    rows = [["B440303-T901", "示例大厦", "商务楼宇", 32, 45.0, 80, "P440303-T001", 2024, 440303003, 114.12391,
             22.54716, "WGS-84"],
            ["B440303-T902", "示例二号", "商务楼宇", 20, 3, 0, None, None, "440303003", None, None, None]]
    data = xlsx_file(BUILDING_HEADER, rows, title="楼宇台账", blank_rows_after={0: 2}, trailing_blank=4)
    raw = read_table(data, "台账.xlsx", BUILDINGS)
    assert (raw.format, raw.sheet, raw.header_row) == ("xlsx", "台账", 2)
    assert raw.rows == [3, 6]
    first = raw.frame.iloc[0]
    # Excel numbers come back as the text a user typed: no "45.0", codes without ".0"
    assert (first["floors"], first["firms"], first["region_code"]) == ("32", "45", "440303003")
    assert raw.frame.iloc[1]["org_code"] == ""


def test_header_is_found_by_names_in_any_order_with_unknown_columns_ignored():
    header = ["备注", "名称", "编码", "类型", "所在区域编码"]
    raw = read_table(csv_file(header, [["x", "甲大厦", "B1", "商务楼宇", "440303003"]]), "a.csv", BUILDINGS)
    assert raw.frame.loc[0, "name"] == "甲大厦" and raw.frame.loc[0, "code"] == "B1"
    assert raw.ignored == ["备注"]
    assert raw.frame.loc[0, "lon"] == ""  # optional columns may be absent


def test_headers_tolerate_full_width_spaces_and_required_marks():
    header = ["编码*", "名　称", "类型＊", " 所在区域编码 "]
    raw = read_table(csv_file(header, [["B1", "甲", "商务楼宇", "440303003"]]), "a.csv", BUILDINGS)
    assert raw.frame.loc[0, "name"] == "甲"


def test_full_width_digits_and_spaces_and_yes_no_are_understood():
    header = ["编码", "名称", "层级", "所在区域编码", "经度", "纬度", "建筑面积（平方米）", "24小时开放", "启用日期"]
    row = ["Ｃ９０１", "　示例中心　", "社区", "４４０３０３００３００１", "１１４．１２", "２２．５４", "１，２００", "是",
           "２０２４年７月１日"]
    raw = read_table(csv_file(header, [row]), "c.csv", CENTRES)
    checked = parse(CENTRES, raw, today=TODAY)
    assert checked.problems == []
    got = checked.frame.iloc[0]
    assert (got["code"], got["name"], got["region_code"]) == ("C901", "示例中心", "440303003001")
    assert (got["lon"], got["lat"], got["floor_area_m2"]) == (114.12, 22.54, 1200.0)
    assert bool(got["open_24h"]) is True
    assert got["opened_on"] == date(2024, 7, 1)


def test_empty_file():
    assert rejected(b"", "a.csv") == [("empty_file", None, "")]
    assert rejected(b"\xef\xbb\xbf\r\n,,,\r\n", "a.csv") == [("empty_file", None, "")]


def test_header_only_file_names_its_header_row():
    assert rejected(csv_file(BUILDING_HEADER, [], trailing_blank=2), "a.csv") == [("no_rows", 1, "")]
    assert rejected(xlsx_file(BUILDING_HEADER, [], title="标题"), "a.xlsx") == [("no_rows", 2, "")]


def test_non_spreadsheet_renamed_xlsx():
    assert rejected(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n", "台账.xlsx") == [("not_xlsx", None, "")]
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:  # a zip that is not a workbook (a renamed .docx, say)
        zf.writestr("word/document.xml", "<w/>")
    assert rejected(buf.getvalue(), "台账.xlsx") == [("not_xlsx", None, "")]


def test_old_xls_and_binary_files_are_refused_with_advice():
    assert rejected(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "台账.xls") == [("old_xls", None, "")]
    assert rejected(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "台账.csv") == [("binary", None, "")]


def test_missing_required_columns_are_all_listed_on_the_header_row():
    header = [h for h in BUILDING_HEADER if h not in ("类型", "所在区域编码")]
    row = [v for h, v in zip(BUILDING_HEADER, GOOD_BUILDING, strict=True) if h in header]
    got = rejected(csv_file(header, [row], title="标题"), "a.csv")
    assert got == [("missing_column", 2, "类型"), ("missing_column", 2, "所在区域编码")]


def test_a_column_given_twice_is_refused():
    header = BUILDING_HEADER + ["名称"]
    got = rejected(csv_file(header, [GOOD_BUILDING + ["又一个"]]), "a.csv")
    assert got == [("duplicate_column", 1, "名称")]


def test_a_file_of_another_kind_has_no_recognisable_header():
    got = rejected(csv_file(["组织编码", "年度", "等级"], [["P1", "2025", "A"]]), "a.csv")
    assert got == [("no_header", None, "")]
