"""Files beyond the importer's bounds are refused up front with a Chinese message naming the bound (and
the row and column where there is one), never a traceback or an exhausted server; formula cells whose
result the file does not hold are named instead of being read as blank."""

from __future__ import annotations

import io
import resource
import time
import zipfile

import openpyxl
import pytest

from data.importing.__main__ import main as cli
from data.importing.messages import ImportRejected
from data.importing.readers import read_table
from data.importing.specs import BUILDINGS
from models import import_limits
from tests.data.importing_support import BUILDING_HEADER, GOOD_BUILDING, csv_file, xlsx_file


def refusal(data: bytes, name: str):
    with pytest.raises(ImportRejected) as exc:
        read_table(data, name, BUILDINGS)
    return exc.value.problems


def test_an_unclosed_quote_in_a_big_csv_names_the_row_the_column_and_the_bound():
    rows = [[f"B-Q{i:05d}", f"楼宇{i}", *GOOD_BUILDING[2:]] for i in range(3_000)]
    data = csv_file(BUILDING_HEADER, rows).decode()
    lines = data.split("\r\n")
    lines[3] = lines[3].replace("楼宇2", '"楼宇2', 1)  # row 4 of the file: a quote opened, never closed
    data = "\r\n".join(lines).encode()
    assert len(data) > 131_072
    (p,) = refusal(data, "楼宇.csv")
    assert (p.key, p.row, p.column) == ("limit_cell", 4, "B")
    text = p.text("zh")
    assert "第 4 行 B 列" in text and "32,767" in text and "未闭合的引号" in text
    assert all(ord(ch) < 128 for ch in p.text("en"))


def test_a_cell_above_excels_limit_is_refused_with_its_place():
    long_name = "楼" * (import_limits.MAX_CELL_CHARS + 1)
    (p,) = refusal(csv_file(BUILDING_HEADER, [GOOD_BUILDING, [GOOD_BUILDING[0], long_name, *GOOD_BUILDING[2:]]]),
                   "楼宇.csv")
    assert (p.key, p.row, p.column) == ("limit_cell", 3, "B")


def test_too_many_columns_are_refused_with_the_row():
    wide = GOOD_BUILDING + ["x"] * (import_limits.MAX_COLUMNS + 5)
    (p,) = refusal(csv_file(BUILDING_HEADER, [wide]), "楼宇.csv")
    assert p.key == "limit_columns" and p.row == 2 and f"{import_limits.MAX_COLUMNS}" in p.text()


def test_too_many_rows_are_refused_naming_the_bound(monkeypatch):
    monkeypatch.setattr(import_limits, "MAX_ROWS", 50)
    rows = [[f"B-R{i:03d}", *GOOD_BUILDING[1:]] for i in range(60)]
    for data, name in ((csv_file(BUILDING_HEADER, rows), "楼宇.csv"), (xlsx_file(BUILDING_HEADER, rows), "楼宇.xlsx")):
        (p,) = refusal(data, name)
        assert p.key == "limit_rows" and "50 行" in p.text()
    assert read_table(csv_file(BUILDING_HEADER, rows[:49]), "楼宇.csv", BUILDINGS).rows[-1] == 50


def test_a_file_above_the_size_bound_is_refused_on_the_page_path_and_the_command_line(monkeypatch, tmp_path, capsys):
    monkeypatch.setattr(import_limits, "MAX_FILE_BYTES", 2 * 1024 * 1024)
    data = csv_file(BUILDING_HEADER, [[f"B-S{i:06d}", *GOOD_BUILDING[1:]] for i in range(30_000)])
    assert len(data) > import_limits.MAX_FILE_BYTES
    (p,) = refusal(data, "楼宇.csv")
    assert p.key == "limit_file" and "超过导入上限 2 MB" in p.text()
    path = tmp_path / "楼宇.csv"
    path.write_bytes(data)
    assert cli(["--url", f"sqlite:///{tmp_path / 'none.db'}", "import", "buildings", str(path), "--yes"]) == 1
    assert "超过导入上限 2 MB" in capsys.readouterr().err


def bomb(cells_per_row: int, rows: int) -> bytes:
    """A workbook with the buildings header and a sheet of many empty styled cells, written as Excel
    would store it, compressed by zip (a few hundred KB for tens of MB of XML)."""
    base = xlsx_file(BUILDING_HEADER, [GOOD_BUILDING])
    src = zipfile.ZipFile(io.BytesIO(base))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for item in src.infolist():
            body = src.read(item)
            if item.filename == "xl/worksheets/sheet1.xml":
                head, tail = body.split(b"</sheetData>")
                filler = b"".join(b'<row r="%d">' % r + b'<c r="A%d" s="0"/>' % r * cells_per_row + b"</row>"
                                  for r in range(3, 3 + rows))
                body = head + filler + b"</sheetData>" + tail
            z.writestr(item, body)
    return out.getvalue()


def test_an_xlsx_bomb_is_refused_from_its_declared_sizes_before_it_is_read(monkeypatch):
    data = bomb(cells_per_row=200, rows=3_000)  # 600,000 cells
    declared = sum(p.file_size for p in zipfile.ZipFile(io.BytesIO(data)).infolist())
    monkeypatch.setattr(import_limits, "MAX_XLSX_UNCOMPRESSED", declared // 2)
    started = time.process_time()
    (p,) = refusal(data, "楼宇.xlsx")
    assert p.key == "limit_xlsx_size" and "解压后" in p.text()
    assert time.process_time() - started < 0.5  # refused from the zip's directory, nothing parsed


def test_a_part_packed_far_beyond_a_sheets_ratio_is_refused(monkeypatch):
    monkeypatch.setattr(import_limits, "MAX_XLSX_RATIO", 20)
    data = bomb(cells_per_row=100, rows=8_000)
    (p,) = refusal(data, "楼宇.xlsx")
    assert p.key == "limit_xlsx_ratio" and p.value == "xl/worksheets/sheet1.xml"


def test_a_sheet_of_a_million_blank_rows_streams_in_bounded_memory():
    """A stray mark in Excel's last row makes a sheet of 1,048,576 rows: read row by row, blank rows
    kept as one shared empty row, the register's one row imported."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(BUILDING_HEADER)
    ws.append(GOOD_BUILDING)
    ws.cell(row=1_048_576, column=1, value="-")
    out = io.BytesIO()
    wb.save(out)
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    raw = read_table(out.getvalue(), "楼宇.xlsx", BUILDINGS)
    grown_mb = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
    assert raw.rows[0] == 2 and raw.rows[-1] == 1_048_576
    assert grown_mb < 300


def test_formula_cells_without_a_stored_result_are_named_by_row_and_column():
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(BUILDING_HEADER)
    ws.append(GOOD_BUILDING)
    row = GOOD_BUILDING.copy()
    row[0], row[3] = "B440303-T902", "=10+22"  # 楼层数 as a formula; openpyxl stores no result
    ws.append(row)
    ws["Z3"] = "=1+1"  # outside the imported columns: nothing to say
    out = io.BytesIO()
    wb.save(out)
    (p,) = refusal(out.getvalue(), "楼宇.xlsx")
    assert (p.key, p.row, p.column) == ("formula_no_value", 3, "楼层数")
    assert "单元格 D3 是公式" in p.text()
