"""Helpers of the importer tests: a private copy of the demo store, checksums, files built in memory."""

from __future__ import annotations

import csv
import hashlib
import io
import sqlite3
from dataclasses import dataclass
from pathlib import Path

import openpyxl
import pytest

from models.db import make_engine, sqlite_path

BUILDING_HEADER = ["编码", "名称", "类型", "楼层数", "企业数", "党员数", "覆盖党组织编码", "覆盖起始年份", "所在区域编码",
                   "经度", "纬度", "坐标系"]
# A valid building in 东门街道 (罗湖区), covered by the demo's 京基100大厦联合党委.
GOOD_BUILDING = ["B440303-T901", "示例大厦", "商务楼宇", "32", "45", "80", "P440303-T001", "2024", "440303003",
                 "114.12391", "22.54716", "WGS-84"]


@dataclass
class Store:
    url: str
    path: Path

    def engine(self):
        return make_engine(self.url)

    def checksum(self) -> str:
        """SHA-256 of the committed database, byte for byte: committed WAL frames are checkpointed into
        the file first (uncommitted ones never are), so open connections cannot blur the comparison."""
        con = sqlite3.connect(self.path)
        try:
            busy, _, _ = con.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
        finally:
            con.close()
        assert busy == 0, "a connection still holds a transaction open"
        return hashlib.sha256(self.path.read_bytes()).hexdigest()

    def count(self, table: str, where: str = "1=1") -> int:
        con = sqlite3.connect(self.path)
        try:
            return con.execute(f"SELECT COUNT(*) FROM {table} WHERE {where}").fetchone()[0]  # noqa: S608 - test constants
        finally:
            con.close()

    def query(self, sql: str, *params) -> list[tuple]:
        con = sqlite3.connect(self.path)
        try:
            return con.execute(sql, params).fetchall()
        finally:
            con.close()


def copy_store(src_url: str, dst: Path) -> Store:
    """A private copy of a store through the backup API (the source may be in WAL mode)."""
    src = sqlite3.connect(sqlite_path(src_url))
    out = sqlite3.connect(dst)
    try:
        src.backup(out)
    finally:
        src.close()
        out.close()
    return Store(f"sqlite:///{dst}", dst)


@pytest.fixture()
def store(demo_db, tmp_path) -> Store:
    """A demo store of the test's own, free to change."""
    return copy_store(demo_db, tmp_path / "store.db")


@pytest.fixture(scope="module")
def kept_store(demo_db, tmp_path_factory) -> Store:
    """One demo store per module for tests that must leave it unchanged (and check that they did)."""
    return copy_store(demo_db, tmp_path_factory.mktemp("kept") / "store.db")


def csv_file(header: list[str], rows: list[list[str]], *, encoding: str = "utf-8", title: str | None = None,
             trailing_blank: int = 0) -> bytes:
    buf = io.StringIO(newline="")
    w = csv.writer(buf, lineterminator="\r\n")
    if title:
        w.writerow([title] + [""] * (len(header) - 1))
    w.writerow(header)
    w.writerows(rows)
    for _ in range(trailing_blank):
        w.writerow([""] * len(header))
    return buf.getvalue().encode(encoding)


def xlsx_file(header: list[str], rows: list[list[object]], *, title: str | None = None,
              blank_rows_after: dict[int, int] | None = None, trailing_blank: int = 0) -> bytes:
    """A workbook as Excel users make them: an optional merged title row, blank rows where asked."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "台账"
    r = 1
    if title:
        ws.cell(row=1, column=1, value=title)
        ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(header))
        r = 2
    for j, h in enumerate(header, 1):
        ws.cell(row=r, column=j, value=h)
    for i, row in enumerate(rows):
        r += 1
        for j, v in enumerate(row, 1):
            ws.cell(row=r, column=j, value=v)
        r += (blank_rows_after or {}).get(i, 0)
    for _ in range(trailing_blank):  # cells holding only "" count as used rows in Excel
        r += 1
        ws.cell(row=r, column=1, value="")
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def problems_at(plan) -> set[tuple[int | None, str, str]]:
    return {(p.row, p.column, p.key) for p in plan.problems}
