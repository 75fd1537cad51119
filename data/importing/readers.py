"""Spreadsheet bytes -> a table of strings: format and encoding detected, title and blank rows skipped.

Registers arrive as .xlsx or as CSV saved by Excel (UTF-8, UTF-8 with BOM, or GBK/GB18030 on Chinese
Windows). The header row is found by its known column names, so merged title rows above it and stray
blank rows anywhere are tolerated. Row numbers are kept as the user sees them in Excel.
"""

from __future__ import annotations

import codecs
import csv
import io
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, time

import pandas as pd

from models import import_limits as limits

from data.importing import xlsx
from data.importing.messages import ImportRejected, Problem
from data.importing.specs import KindSpec, header_index, norm_header, strip_blank

HEADER_SCAN_ROWS = 20
ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
Progress = Callable[[float, str], None]


@dataclass
class RawTable:
    """Cells as stripped strings ("" when blank), one column per known field, plus file row numbers."""

    frame: pd.DataFrame
    rows: list[int]
    header_row: int
    format: str  # "xlsx" | "csv"
    encoding: str = ""
    sheet: str = ""
    ignored: list[str] = field(default_factory=list)
    present: frozenset[str] = frozenset()  # fields that have a column in the file


def decode_text(data: bytes) -> tuple[str, str]:
    """(text, encoding name): BOMs first, then strict UTF-8, then GBK, then GB18030."""
    if data.startswith(codecs.BOM_UTF8):
        return data[3:].decode("utf-8", errors="strict"), "UTF-8 BOM"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16"), "UTF-16"
    if b"\x00" in data:
        raise ImportRejected([Problem("binary")])
    for name, label in (("utf-8", "UTF-8"), ("gbk", "GBK"), ("gb18030", "GB18030")):
        try:
            return data.decode(name), label
        except UnicodeDecodeError:
            continue
    raise ImportRejected([Problem("bad_encoding")])


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time(0) else value.isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    return strip_blank(str(value))


def _xlsx_rows(data: bytes, spec: KindSpec) -> tuple[str, list[list[str]], list[tuple[int, int]]]:
    """(sheet name, rows, formula cells without a stored result) of the first sheet whose first rows hold
    a header of this kind (else the first sheet); the zip's sizes are checked before anything is read."""
    import openpyxl  # imported here: the CSV path should not pay for it

    xlsx.check_zip(data)
    try:
        wb = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError) as exc:
        raise ImportRejected([Problem("not_xlsx")]) from exc
    except Exception as exc:  # noqa: BLE001 - openpyxl raises many types for damaged files
        raise ImportRejected([Problem("bad_xlsx", params={"detail": type(exc).__name__})]) from exc
    try:
        known = header_index(spec)
        chosen = wb.worksheets[0] if wb.worksheets else None
        for ws in wb.worksheets:
            ws.reset_dimensions()  # some writers store a wrong <dimension>; read what is there
            head = xlsx.bounded([_cell_text(v) for v in r]
                                for r in ws.iter_rows(max_row=HEADER_SCAN_ROWS, values_only=True))
            if _find_header(head, known)[0] is not None:
                chosen = ws
                break
        if chosen is None:
            return "", [], []
        return chosen.title, xlsx.sheet_rows(chosen, _cell_text), xlsx.formulas_without_value(wb, chosen)
    finally:
        wb.close()


def _csv_rows(text: str) -> list[list[str]]:
    first = next((line for line in text.splitlines() if line.strip()), "")
    delimiter = max((",", "\t", ";"), key=first.count) if first else ","
    # Cells are trimmed column by column later (vectorised); here only rows are split. The csv module's
    # own cell bound (131,072 characters) is lifted so that ours, with its row and column, applies.
    if csv.field_size_limit() < len(text) + 1:
        csv.field_size_limit(len(text) + 1)
    return xlsx.bounded(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))


def _filled(row: list[str]) -> bool:
    """A row with any visible content (stops at the first filled cell, usually the first)."""
    return any(c and strip_blank(c) for c in row)


def _find_header(rows: list[list[str]], known: dict[str, str]) -> tuple[int | None, int]:
    """(index of the header row, number of known columns in it); the best of the first rows."""
    best, best_hits = None, 0
    for i, row in enumerate(rows[:HEADER_SCAN_ROWS]):
        hits = len({known[h] for h in (norm_header(c) for c in row) if h in known})
        if hits > best_hits:
            best, best_hits = i, hits
    return (best, best_hits) if best_hits >= 2 else (None, best_hits)


def read_rows(data: bytes, filename: str, spec: KindSpec) -> tuple[list[list[str]], dict]:
    """All rows of the file as strings, with what was detected (format, encoding, sheet)."""
    if len(data) > limits.MAX_FILE_BYTES:
        raise ImportRejected([Problem("limit_file", params={"size": xlsx.mb(len(data)),
                                                            "limit": xlsx.mb(limits.MAX_FILE_BYTES)})])
    if not data or not data.strip():
        raise ImportRejected([Problem("empty_file")])
    lower = filename.lower()
    if data.startswith(OLE_MAGIC):
        raise ImportRejected([Problem("old_xls")])
    if data.startswith(ZIP_MAGIC):
        sheet, rows, formulas = _xlsx_rows(data, spec)
        return rows, {"format": "xlsx", "sheet": sheet, "formulas": formulas}
    if lower.endswith((".xlsx", ".xlsm")):
        raise ImportRejected([Problem("not_xlsx")])
    text, encoding = decode_text(data)
    return _csv_rows(text), {"format": "csv", "encoding": encoding}


def read_table(data: bytes, filename: str, spec: KindSpec) -> RawTable:
    """The file as a RawTable of this kind, or ImportRejected with every file-level problem."""
    rows, detected = read_rows(data, filename, spec)
    known = header_index(spec)
    if not any(_filled(r) for r in rows):
        raise ImportRejected([Problem("empty_file")])
    at, _hits = _find_header(rows, known)
    if at is None:
        expected = "、".join(c.header for c in spec.columns if c.required)
        raise ImportRejected([Problem("no_header", params={"n": HEADER_SCAN_ROWS, "expected": expected})])
    header_row = at + 1
    problems: list[Problem] = []
    positions: dict[str, int] = {}
    ignored = []
    for j, cell in enumerate(strip_blank(c) for c in rows[at]):
        name = known.get(norm_header(cell))
        if name is None:
            if cell:
                ignored.append(cell)
            continue
        if name in positions:
            problems.append(Problem("duplicate_column", header_row, cell,
                                    params={"column": cell, "first": positions[name] + 1, "second": j + 1}))
            continue
        positions[name] = j
    for c in spec.columns:
        if c.required and c.field not in positions:
            problems.append(Problem("missing_column", header_row, c.header, params={"column": c.header}))
    problems += _formula_problems(detected.get("formulas", ()), header_row, positions, spec)
    body = [(i + 1, r) for i, r in enumerate(rows[at + 1 :], start=at + 1) if _filled(r)]
    if not body and not problems:
        problems.append(Problem("no_rows", header_row))
    if problems:
        raise ImportRejected(problems)
    columns = {}
    for c in spec.columns:
        j = positions.get(c.field)
        columns[c.field] = [r[j] if j is not None and j < len(r) else "" for _, r in body]
    frame = pd.DataFrame(columns, dtype=object)
    return RawTable(frame, [n for n, _ in body], header_row, detected["format"], detected.get("encoding", ""),
                    detected.get("sheet", ""), ignored, frozenset(positions))


def _formula_problems(cells, header_row: int, positions: dict[str, int], spec: KindSpec) -> list[Problem]:
    """A problem for each formula cell below the header, in a column that is imported, whose result the
    file does not hold (it would read as blank): named by row and column, the first few one by one."""
    headers = {j: spec.header_of(name) for name, j in positions.items()}
    hit = [(r, j) for r, j in cells if r > header_row and j in headers]
    out = [Problem("formula_no_value", r, headers[j], params={"cell": f"{xlsx.column_letter(j)}{r}"})
           for r, j in hit[:limits.MAX_LISTED_FORMULAS]]
    if len(hit) > limits.MAX_LISTED_FORMULAS:
        out.append(Problem("formula_no_value_more", params={"n": len(hit) - limits.MAX_LISTED_FORMULAS}))
    return out
