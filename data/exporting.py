"""Bytes of the files users download: CSV that Excel opens, XLSX workbooks, zips. No Streamlit here.

CSV is UTF-8 with a byte-order mark: without it Excel on Chinese Windows reads the file as GBK and
shows mojibake. components/ui/exports.py (download buttons) and the importer (templates, error reports,
the whole-database export) both build their files here.

Formula safety: a register may hold a name such as `=HYPERLINK("http://x","y")`. Excel and WPS run a cell
that starts with = + - @ (and, after a tab or carriage return, too), so every text cell with such a start is
written as text: in XLSX as a string cell with the quote-prefix style (Excel shows it, never evaluates it),
in CSV prefixed with an apostrophe (OWASP's advice). Numbers, negative ones included, stay numbers.

A table export carries its context (`ExportContext`: page, area, year, as-of date, demo flag): a title row,
a line with the as-of date and the time built (Beijing time), the 示例数据 mark, frozen headers, a number
format per column and a sheet that defines the columns (`report_xlsx`). Its CSV stays plain data.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd
from typing import TYPE_CHECKING

from models.i18n import translate

if TYPE_CHECKING:  # openpyxl (~0.1 s to import) is imported when a workbook is written, not with every page
    from openpyxl import Workbook
    from openpyxl.worksheet.worksheet import Worksheet

SHEET_NAME_MAX = 31  # Excel's limit
_WIDTH_SAMPLE = 200  # rows looked at to size a column
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
BEIJING = dt.timezone(dt.timedelta(hours=8), "CST")  # China has one zone and no daylight saving
PERCENT_SUFFIXES = ("rate", "share", "_pct")
FORMATS = {"int": "#,##0", "pct": "0.0%", "float": "#,##0.0#", "coord": "0.00000", "date": "yyyy-mm-dd",
           "datetime": "yyyy-mm-dd hh:mm", "text": "@"}
_BAD_FILE_CHARS = re.compile(r'[\\/:*?"<>|\s·]+')
_BAD_SHEET_CHARS = re.compile(r"[\[\]:*?/\\]")
_CONTROL_CHARS = re.compile(r"[\x00-\x1f]")
DEMO_COLOUR, HEADER_COLOUR = "FFF1DC", "F2F2F2"  # the demo line's and the header row's fills


def now_beijing() -> dt.datetime:
    return dt.datetime.now(BEIJING)


@dataclass(frozen=True)
class ExportContext:
    """What a file says about itself: built once per page run from the View and the store's dataset info."""

    page: str = ""  # the page's title in the file's language
    area: str | None = None  # the area's label ("罗湖区", "全市"); None for pages without an area filter
    year: int | None = None
    as_of: str | None = None  # the store's 数据截至 date
    demo: bool = False  # the store holds demo data (示例数据)
    lang: str = "zh"

    def file_name(self, stem: str, ext: str) -> str:
        """`罗湖区_楼宇覆盖_2025_示例数据.xlsx`: what the file holds, readable after it is forwarded."""
        parts = [self.area, stem, None if self.year is None else str(self.year),
                 translate("demo.badge", self.lang) if self.demo else None]
        name = "_".join(_BAD_FILE_CHARS.sub("_", p).strip("_") for p in parts if p)
        return f"{name or 'export'}.{ext}"

    def title(self) -> str:
        parts = [self.page or None, self.area,
                 None if self.year is None else translate("export.year", self.lang, year=self.year)]
        return " · ".join(p for p in parts if p)

    def stamp(self, generated: dt.datetime | None = None) -> str:
        at = (generated or now_beijing()).astimezone(BEIJING).strftime("%Y-%m-%d %H:%M")
        return translate("export.stamp", self.lang, date=self.as_of or "—", at=at)


def labelled(df: pd.DataFrame, columns: Mapping[str, str]) -> pd.DataFrame:
    """Only `columns` (source name -> header), in that order, renamed to their headers."""
    missing = [c for c in columns if c not in df.columns]
    if missing:
        raise KeyError(f"columns not in the table: {missing}")
    return df[list(columns)].rename(columns=dict(columns))


def risky(value: object) -> bool:
    """A text that Excel or WPS would run as a formula."""
    return isinstance(value, str) and value.startswith(FORMULA_START)


def csv_safe(df: pd.DataFrame) -> pd.DataFrame:
    """Text cells that would run as formulas, prefixed with an apostrophe; numbers untouched."""
    out = df.copy()
    for col in out.columns:
        if out[col].dtype == object or pd.api.types.is_string_dtype(out[col].dtype):
            out[col] = out[col].map(lambda v: f"'{v}" if risky(v) else v).astype(object)
    return out


def csv_bytes(df: pd.DataFrame, columns: Mapping[str, str] | None = None, *, safe: bool = True) -> bytes:
    """UTF-8 CSV with BOM. `safe=False` only for the whole-store dump, which must restore byte for byte."""
    out = df if columns is None else labelled(df, columns)
    if safe:
        out = csv_safe(out)
    return out.to_csv(index=False).encode("utf-8-sig")


def display_width(text: str) -> int:
    """Column width in Excel units: CJK characters take two."""
    return sum(2 if ord(ch) > 0x2E80 else 1 for ch in text)


def column_kind(name: str, series: pd.Series) -> str:
    """The number format a column gets: int, pct, float, coord, date, datetime or text."""
    dtype = series.dtype
    if pd.api.types.is_bool_dtype(dtype):
        return "text"
    if pd.api.types.is_datetime64_any_dtype(dtype):
        times = series.dropna()
        has_time = not times.empty and bool((times.dt.hour | times.dt.minute | times.dt.second).any())
        return "datetime" if has_time else "date"
    if pd.api.types.is_numeric_dtype(dtype):
        if str(name).endswith(PERCENT_SUFFIXES):
            return "pct"
        if name in ("lon", "lat"):
            return "coord"
        if pd.api.types.is_integer_dtype(dtype):
            return "int"
        values = series.dropna()
        whole = values.empty or bool(np.all(np.mod(values.to_numpy(dtype=float), 1) == 0))
        return "int" if whole else "float"
    sample = series.dropna()
    if not sample.empty and all(isinstance(v, dt.date) for v in sample.iloc[:_WIDTH_SAMPLE]):
        return "datetime" if isinstance(sample.iloc[0], dt.datetime) else "date"
    return "text"


def _cell_value(value: object) -> object:
    if value is None or (not isinstance(value, (str, bytes)) and pd.api.types.is_scalar(value) and pd.isna(value)):
        return None
    if isinstance(value, pd.Timestamp):
        value = value.to_pydatetime()
    if isinstance(value, dt.datetime) and value.tzinfo is not None:
        return value.replace(tzinfo=None)  # Excel cannot store zones; keep the wall-clock time
    if isinstance(value, np.generic):
        return value.item()
    if isinstance(value, str):  # openpyxl refuses control characters in a cell (IllegalCharacterError)
        from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

        return ILLEGAL_CHARACTERS_RE.sub("\ufffd", value)
    return value


def put(ws: Worksheet, row: int, column: int, value: object, number_format: str | None = None):
    """Write one cell; text that would run as a formula is stored as a quote-prefixed string cell."""
    value = _cell_value(value)
    cell = ws.cell(row=row, column=column)
    if risky(value):
        cell.value = value
        cell.data_type = "s"  # openpyxl would otherwise store "=..." as a formula
        cell.quotePrefix = True
        return cell
    cell.value = value
    if number_format and value is not None and not isinstance(value, str):
        cell.number_format = number_format
    return cell


def _write_table(ws: Worksheet, df: pd.DataFrame, kinds: list[str], *, top: int) -> None:
    """Header at row `top`, data below it, frozen under the header, columns sized to their content."""
    from openpyxl.styles import Font, PatternFill

    bold = Font(bold=True)
    for j, header in enumerate(df.columns, start=1):
        cell = put(ws, top, j, str(header))
        cell.font, cell.fill = bold, PatternFill("solid", fgColor=HEADER_COLOUR)
    for i, row in enumerate(df.itertuples(index=False, name=None), start=top + 1):
        for j, (value, kind) in enumerate(zip(row, kinds, strict=True), start=1):
            put(ws, i, j, value, FORMATS[kind] if kind != "text" else None)
    ws.freeze_panes = ws.cell(row=top + 1, column=1).coordinate
    for j, header in enumerate(df.columns, start=1):
        values = ["" if v is None or (pd.api.types.is_scalar(v) and pd.isna(v)) else str(v)
                  for v in df.iloc[:_WIDTH_SAMPLE, j - 1]]
        width = max([display_width(str(header)), *(display_width(v) for v in values)]) + 2
        if kinds[j - 1] == "pct":
            width = max(width, 8)
        ws.column_dimensions[ws.cell(row=top, column=j).column_letter].width = min(width, 60)


def sheet_title(name: str) -> str:
    """A title Excel accepts for any name from a register: no ``[ ] : * ? / \\`` nor control characters,
    at most 31 characters, no apostrophe at either end, never empty nor the reserved "History"."""
    title = _CONTROL_CHARS.sub("_", _BAD_SHEET_CHARS.sub("_", str(name)))[:SHEET_NAME_MAX].strip().strip("'").strip()
    if title.casefold() == "history":
        return "History_"
    return title or "Sheet1"


def _save(wb: Workbook) -> bytes:
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def workbook_bytes(sheets: Mapping[str, pd.DataFrame]) -> bytes:
    """An XLSX with one sheet per frame: header frozen, columns sized to their content, formulas inert."""
    from openpyxl import Workbook

    wb = Workbook()
    wb.remove(wb.active)
    for name, df in sheets.items():
        ws = wb.create_sheet(sheet_title(name))
        _write_table(ws, df, [column_kind(c, df[c]) for c in df.columns], top=1)
    return _save(wb)


def xlsx_bytes(df: pd.DataFrame, columns: Mapping[str, str] | None = None, *, sheet: str = "Sheet1") -> bytes:
    return workbook_bytes({sheet: df if columns is None else labelled(df, columns)})


def report_xlsx(df: pd.DataFrame, columns: Mapping[str, str], context: ExportContext, *,
                definitions: Mapping[str, str], sheet: str, generated: dt.datetime | None = None) -> bytes:
    """A table as forwarded: title, as-of and build time, demo mark, the table, and a sheet 说明.

    `df` has the source column names (each column's number format is chosen from its name and type),
    `columns` maps them to headers, `definitions` maps headers to what the column counts.
    """
    table = labelled(df, columns)
    kinds = [column_kind(c, df[c]) for c in columns]
    lang = context.lang
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill

    wb = Workbook()
    ws = wb.active
    ws.title = sheet_title(sheet)
    put(ws, 1, 1, context.title() or sheet).font = Font(bold=True, size=14)
    put(ws, 2, 1, context.stamp(generated)).font = Font(color="555555")
    row = 3
    if context.demo:
        cell = put(ws, row, 1, f"{translate('demo.badge', lang)} · {translate('demo.note', lang)}")
        cell.font, cell.fill = Font(bold=True, color="B35C00"), PatternFill("solid", fgColor=DEMO_COLOUR)
        row += 1
    _write_table(ws, table, kinds, top=row + 1)
    if len(table.columns):
        ws.auto_filter.ref = f"A{row + 1}:{ws.cell(row=row + 1, column=len(table.columns)).column_letter}{row + 1 + len(table)}"

    notes = wb.create_sheet(sheet_title(translate("export.sheet_notes", lang)))
    put(notes, 1, 1, context.title() or sheet).font = Font(bold=True, size=14)
    put(notes, 2, 1, context.stamp(generated))
    top = 3
    if context.demo:
        put(notes, top, 1, f"{translate('demo.badge', lang)} · {translate('demo.note', lang)}").font = Font(
            bold=True, color="B35C00")
        top += 1
    rows = pd.DataFrame({translate("export.notes_column", lang): list(table.columns),
                         translate("export.notes_definition", lang): [definitions.get(h, "—") for h in table.columns],
                         translate("export.notes_format", lang): [translate(f"export.kind.{k}", lang) for k in kinds]})
    _write_table(notes, rows, ["text", "text", "text"], top=top + 1)
    notes.column_dimensions["B"].width = 70
    for line in notes.iter_rows(min_row=top + 2, min_col=2, max_col=2):
        line[0].alignment = Alignment(wrap_text=True, vertical="top")
    return _save(wb)


def zip_bytes(files: Mapping[str, bytes]) -> bytes:
    """A zip of named files (names may be Chinese: stored as UTF-8, which Windows 10+ reads)."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for name, data in files.items():
            zf.writestr(name, data)
    return buf.getvalue()
