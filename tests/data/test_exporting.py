"""Exports that carry their context, and formula-looking text kept inert in XLSX and CSV."""

from __future__ import annotations

import datetime as dt
import io

import openpyxl
import pandas as pd

from data.exporting import BEIJING, ExportContext, csv_bytes, report_xlsx, workbook_bytes

EVIL = '=HYPERLINK("http://x","y")'
DF = pd.DataFrame({
    "name": [EVIL, "+86 755", "@SUM(A1)", "京基100大厦"],
    "firms": [1234, 5, 0, 2000],
    "tower_rate": [0.875, 0.5, None, 1.0],
    "delta": [-3, 2, -1, 0],
    "opened": pd.to_datetime(["2018-06-29", "2020-10-01", None, "2024-01-02"]),
    "distance_m": [1234.5, 2.0, None, 3.25],
})
COLUMNS = {"name": "名称", "firms": "企业数", "tower_rate": "楼宇覆盖率", "delta": "变化", "opened": "开放日期",
           "distance_m": "距离（米）"}
CONTEXT = ExportContext(page="楼宇覆盖", area="罗湖区", year=2025, as_of="2025-12-31", demo=True)
AT = dt.datetime(2026, 12, 3, 8, 30, tzinfo=dt.timezone.utc)


def _book(context=CONTEXT):
    body = report_xlsx(DF, COLUMNS, context, definitions={"企业数": "楼宇内企业数"}, sheet="楼宇覆盖", generated=AT)
    return openpyxl.load_workbook(io.BytesIO(body))


def test_file_name_says_area_content_year_and_demo():
    assert CONTEXT.file_name("楼宇覆盖", "xlsx") == "罗湖区_楼宇覆盖_2025_示例数据.xlsx"
    en = ExportContext(page="Building coverage", area="Luohu District", year=2025, demo=True, lang="en")
    assert en.file_name("building-coverage", "csv") == "Luohu_District_building-coverage_2025_Demo_data.csv"
    assert ExportContext(page="数据管理").file_name("操作记录", "xlsx") == "操作记录.xlsx"


def test_xlsx_has_title_as_of_beijing_time_demo_mark_frozen_header_and_notes():
    wb = _book()
    ws = wb["楼宇覆盖"]
    assert ws["A1"].value == "楼宇覆盖 · 罗湖区 · 2025 年"
    assert ws["A2"].value == "数据截至 2025-12-31 · 生成于 2026-12-03 16:30（北京时间）"
    assert ws["A3"].value.startswith("示例数据")
    header = [c.value for c in ws[5]]
    assert header == list(COLUMNS.values())
    assert ws.freeze_panes == "A6"
    notes = wb["说明"]
    rows = list(notes.iter_rows(values_only=True))
    assert ("企业数", "楼宇内企业数", "整数（千位分隔）") in rows
    assert any(r[0] == "楼宇覆盖率" and r[2] == "百分比（一位小数）" for r in rows)


def test_real_data_has_no_demo_line():
    ws = _book(ExportContext(page="楼宇覆盖", area="罗湖区", year=2025, as_of="2025-12-31"))["楼宇覆盖"]
    assert [c.value for c in ws[4]] == list(COLUMNS.values())


def test_number_formats_per_column_and_negative_numbers_stay_numbers():
    ws = _book()["楼宇覆盖"]
    first = {h: c for h, c in zip(COLUMNS.values(), ws[6], strict=True)}
    assert first["企业数"].value == 1234 and first["企业数"].number_format == "#,##0"
    assert first["楼宇覆盖率"].value == 0.875 and first["楼宇覆盖率"].number_format == "0.0%"
    assert first["变化"].value == -3 and first["变化"].data_type == "n"
    assert first["开放日期"].number_format == "yyyy-mm-dd"
    assert first["距离（米）"].number_format == "#,##0.0#"


def test_formula_looking_text_is_stored_as_quote_prefixed_string_in_xlsx():
    for wb in (_book(), openpyxl.load_workbook(io.BytesIO(workbook_bytes({"s": DF})))):
        cells = [c for row in wb.worksheets[0].iter_rows() for c in row if isinstance(c.value, str)]
        risky = [c for c in cells if c.value in (EVIL, "+86 755", "@SUM(A1)")]
        assert len(risky) == 3
        for c in risky:
            assert c.data_type == "s" and c.quotePrefix, c.value
    raw = io.BytesIO(report_xlsx(DF, COLUMNS, CONTEXT, definitions={}, sheet="x"))
    import zipfile
    sheet = zipfile.ZipFile(raw).read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in sheet  # no formula element anywhere


def test_formula_looking_text_is_prefixed_in_csv_numbers_untouched():
    text = csv_bytes(DF, COLUMNS).decode("utf-8-sig").splitlines()
    assert text[1].startswith("\"'=HYPERLINK(")
    assert text[2].startswith("'+86 755,5,0.5,2,")
    assert ",-1," in text[3]  # a negative number is not prefixed
    assert text[0] == ",".join(COLUMNS.values())


def test_the_store_dump_keeps_text_byte_for_byte():
    assert csv_bytes(DF[["name"]], safe=False).decode("utf-8-sig").splitlines()[1] == '"=HYPERLINK(""http://x"",""y"")"'


def test_stamp_is_beijing_time():
    assert "16:30" in CONTEXT.stamp(AT) and BEIJING.utcoffset(None) == dt.timedelta(hours=8)
