"""Reading a workbook within bounds: the zip's declared sizes first, then rows streamed in read-only mode.

An .xlsx is a zip of XML parts. Before anything is decompressed the parts' declared sizes are checked
(the zip reader never returns more than a part declares), so a small file that would unpack to
gigabytes is refused up front; rows are then streamed (openpyxl read-only) and counted as they come, so
a sheet of millions of cells is refused at the bound instead of filling the memory. A formula whose
result the file does not hold (written by a program, never opened and saved in Excel) would read as
blank: its cells are listed so that the user hears about it.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable, Iterator
from xml.etree import ElementTree

from data.importing.messages import ImportRejected, Problem
from models import import_limits as limits

NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
BIG_PART = 10 * 1024 * 1024  # the ratio bound applies to parts above this size


def mb(n: int) -> str:
    return f"{n / 1024 / 1024:,.0f}"


def check_zip(data: bytes) -> None:
    """Refuse a workbook whose parts declare more than the bounds allow (before decompressing any)."""
    try:
        parts = zipfile.ZipFile(io.BytesIO(data)).infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise ImportRejected([Problem("not_xlsx")]) from exc
    total = sum(p.file_size for p in parts)
    if total > limits.MAX_XLSX_UNCOMPRESSED:
        raise ImportRejected([Problem("limit_xlsx_size", params={"size": mb(total),
                                                                 "limit": mb(limits.MAX_XLSX_UNCOMPRESSED)})])
    for p in parts:
        if p.file_size > BIG_PART and p.file_size > limits.MAX_XLSX_RATIO * max(p.compress_size, 1):
            raise ImportRejected([Problem("limit_xlsx_ratio", value=p.filename, params={
                "part": p.filename, "size": mb(p.file_size), "ratio": f"{limits.MAX_XLSX_RATIO:,}"})])


def column_letter(j: int) -> str:
    """Excel's name of the 0-based column j (0 -> A, 26 -> AA)."""
    name, j = "", j + 1
    while j:
        j, r = divmod(j - 1, 26)
        name = chr(65 + r) + name
    return name


def bounded(rows: Iterator[list[str]]) -> list[list[str]]:
    """All rows, refused (ImportRejected naming the bound and the row) past the bounds on filled rows,
    columns and cell length. Blank rows cost one shared empty list (row numbers stay as in the file)."""
    out: list[list[str]] = []
    blank: list[str] = []
    filled = 0
    for i, row in enumerate(rows, start=1):
        while row and not row[-1]:
            row.pop()
        if not row or not any(row):
            out.append(blank)
            continue
        filled += 1
        if filled > limits.MAX_ROWS:
            raise ImportRejected([Problem("limit_rows", i, params={"limit": f"{limits.MAX_ROWS:,}"})])
        if len(row) > limits.MAX_COLUMNS:
            raise ImportRejected([Problem("limit_columns", i, column_letter(len(row) - 1), params={
                "row": i, "n": f"{len(row):,}", "limit": f"{limits.MAX_COLUMNS:,}"})])
        if max(map(len, row)) > limits.MAX_CELL_CHARS:
            j = next(j for j, c in enumerate(row) if len(c) > limits.MAX_CELL_CHARS)
            raise ImportRejected([Problem("limit_cell", i, column_letter(j), params={
                "row": i, "column": column_letter(j), "n": f"{len(row[j]):,}",
                "limit": f"{limits.MAX_CELL_CHARS:,}"})])
        out.append(row)
    return out


def sheet_rows(ws, cell_text: Callable[[object], str]) -> list[list[str]]:
    """The rows of a read-only worksheet as strings, within the bounds."""
    return bounded([cell_text(v) for v in r] for r in ws.iter_rows(values_only=True))


def _mentions_formula(fh) -> bool:
    tail = b""
    while chunk := fh.read(1 << 20):
        if b"<f>" in tail + chunk or b"<f " in tail + chunk or b"<f/" in tail + chunk:
            return True
        tail = chunk[-3:]
    return False


def formulas_without_value(wb, ws) -> list[tuple[int, int]]:
    """(row, 0-based column) of each formula cell that holds no stored result, in file order.

    Reads the sheet's XML part once more (only when it holds a formula at all); uses openpyxl's
    read-only worksheet path and archive, and gives up quietly (nothing listed) if those change."""
    path, archive = getattr(ws, "_worksheet_path", None), getattr(wb, "_archive", None)
    if path is None or archive is None:
        return []
    with archive.open(path) as fh:
        if not _mentions_formula(fh):
            return []
    found = []
    with archive.open(path) as fh:
        for _event, el in ElementTree.iterparse(fh, events=("end",)):
            if el.tag == f"{NS}c":
                if el.find(f"{NS}f") is not None and not (el.findtext(f"{NS}v") or "").strip():
                    found.append(_cell_position(el.get("r") or ""))
                el.clear()
            elif el.tag == f"{NS}row":
                el.clear()
    return [p for p in found if p is not None]


def _cell_position(ref: str) -> tuple[int, int] | None:
    letters = "".join(ch for ch in ref if ch.isalpha())
    digits = ref[len(letters):]
    if not letters or not digits.isdigit():
        return None
    col = 0
    for ch in letters.upper():
        col = col * 26 + ord(ch) - 64
    return int(digits), col - 1
