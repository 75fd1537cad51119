"""Bytes of the files users download: CSV that Excel opens, XLSX workbooks, zips. No Streamlit here.

CSV is UTF-8 with a byte-order mark: without it Excel on Chinese Windows reads the file as GBK and
shows mojibake. components/ui/exports.py (download buttons) and the importer (templates, error reports,
the whole-database export) both build their files here.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Mapping

import pandas as pd

SHEET_NAME_MAX = 31  # Excel's limit
_WIDTH_SAMPLE = 200  # rows looked at to size a column


def labelled(df: pd.DataFrame, columns: Mapping[str, str]) -> pd.DataFrame:
    """Only `columns` (source name -> header), in that order, renamed to their headers."""
    missing = [c for c in columns if c not in df.columns]
    if missing:
        raise KeyError(f"columns not in the table: {missing}")
    return df[list(columns)].rename(columns=dict(columns))


def csv_bytes(df: pd.DataFrame, columns: Mapping[str, str] | None = None) -> bytes:
    out = df if columns is None else labelled(df, columns)
    return out.to_csv(index=False).encode("utf-8-sig")


def display_width(text: str) -> int:
    """Column width in Excel units: CJK characters take two."""
    return sum(2 if ord(ch) > 0x2E80 else 1 for ch in text)


def _plain(df: pd.DataFrame) -> pd.DataFrame:
    out = df.copy()
    for col in out.columns:  # Excel cannot store timezone-aware datetimes; keep the wall-clock time
        if isinstance(out[col].dtype, pd.DatetimeTZDtype):
            out[col] = out[col].dt.tz_localize(None)
    return out


def workbook_bytes(sheets: Mapping[str, pd.DataFrame]) -> bytes:
    """An XLSX with one sheet per frame: header frozen, columns sized to their content."""
    buf = io.BytesIO()
    with pd.ExcelWriter(buf, engine="openpyxl") as writer:
        for name, df in sheets.items():
            title = name[:SHEET_NAME_MAX] or "Sheet1"
            out = _plain(df)
            out.to_excel(writer, index=False, sheet_name=title)
            ws = writer.sheets[title]
            ws.freeze_panes = "A2"
            for i, header in enumerate(out.columns, start=1):
                values = ["" if pd.isna(v) else str(v) for v in out.iloc[:_WIDTH_SAMPLE, i - 1]]
                width = max([display_width(str(header)), *(display_width(v) for v in values)]) + 2
                ws.column_dimensions[ws.cell(row=1, column=i).column_letter].width = min(width, 60)
    return buf.getvalue()


def xlsx_bytes(df: pd.DataFrame, columns: Mapping[str, str] | None = None, *, sheet: str = "Sheet1") -> bytes:
    return workbook_bytes({sheet: df if columns is None else labelled(df, columns)})


def zip_bytes(files: Mapping[str, bytes]) -> bytes:
    """A zip of named files (names may be Chinese: stored as UTF-8, which Windows 10+ reads)."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for name, data in files.items():
            zf.writestr(name, data)
    return buf.getvalue()
