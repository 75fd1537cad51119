"""Helpers of the importer tests: a private copy of the demo store, checksums, files built in memory."""

from __future__ import annotations

import csv
import hashlib
import io
import itertools
import sqlite3
from dataclasses import dataclass
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy.engine import make_url
from sqlmodel import SQLModel

from models.db import make_engine, sqlite_path
from tests.conftest import copy_sqlite

BUILDING_HEADER = ["编码", "名称", "类型", "楼层数", "企业数", "党员数", "覆盖党组织编码", "覆盖起始年份", "所在区域编码",
                   "经度", "纬度", "坐标系"]
# A valid building in 东门街道 (罗湖区), covered by the demo's 京基100大厦联合党委.
GOOD_BUILDING = ["B440303-T901", "示例大厦", "商务楼宇", "32", "45", "80", "P440303-T001", "2024", "440303003",
                 "114.12391", "22.54716", "WGS-84"]


_copies = itertools.count(1)


@dataclass
class Store:
    """A store of a test's own on either back-end; `path` is the SQLite file (None on PostgreSQL)."""

    url: str
    path: Path | None

    def engine(self):
        return make_engine(self.url)

    def _connect(self):
        if self.path is not None:
            return sqlite3.connect(self.path)
        import psycopg

        return psycopg.connect(make_url(self.url).set(drivername="postgresql").render_as_string(hide_password=False))

    def checksum(self) -> str:
        """SHA-256 of the committed data. SQLite: the database file byte for byte (committed WAL frames are
        checkpointed into the file first, uncommitted ones never are). PostgreSQL: every row of every
        table in a fixed order. Either way no connection may still hold a transaction open."""
        con = self._connect()
        try:
            if self.path is not None:
                busy, _, _ = con.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
                assert busy == 0, "a connection still holds a transaction open"
                return hashlib.sha256(self.path.read_bytes()).hexdigest()
            (open_tx,) = con.execute(
                "SELECT COUNT(*) FROM pg_stat_activity WHERE datname = current_database() "
                "AND pid <> pg_backend_pid() AND state LIKE 'idle in transaction%'").fetchone()
            assert open_tx == 0, "a connection still holds a transaction open"
            digest = hashlib.sha256()
            for table in sorted(SQLModel.metadata.tables):
                rows = con.execute(f'SELECT t::text FROM "{table}" t ORDER BY 1').fetchall()  # noqa: S608
                digest.update(f"{table}:{len(rows)}\n".encode())
                for (row,) in rows:
                    digest.update(row.encode() + b"\n")
            return digest.hexdigest()
        finally:
            con.close()

    def count(self, table: str, where: str = "1=1") -> int:
        return self.query(f"SELECT COUNT(*) FROM {table} WHERE {where}")[0][0]  # noqa: S608 - test constants

    def query(self, sql: str, *params) -> list[tuple]:
        """Rows of a query written with SQLite's `?` placeholders (turned into psycopg's on PostgreSQL)."""
        con = self._connect()
        try:
            if self.path is not None:
                return con.execute(sql, params).fetchall()
            if params:  # psycopg reads % as a placeholder only when parameters are passed
                sql = sql.replace("%", "%%").replace("?", "%s")
            return [tuple(r) for r in con.execute(sql, params or None).fetchall()]
        finally:
            con.close()

    def integrity_ok(self) -> bool:
        """SQLite's integrity check; PostgreSQL has no file to damage (a killed client aborts its transaction)."""
        if self.path is None:
            return True
        return self.query("PRAGMA integrity_check") == [("ok",)]


def copy_store(src_url: str, dst: Path) -> Store:
    """A private copy of a SQLite store (dst: the new file), or of a PostgreSQL one (a new database)."""
    if sqlite_path(src_url) is not None:
        copy_sqlite(src_url, dst)
        return Store(f"sqlite:///{dst}", dst)
    import psycopg

    src = make_url(src_url)
    name = f"{src.database}_{dst.stem}_{next(_copies)}"
    with psycopg.connect(host=src.host, port=src.port, user=src.username, dbname="postgres", autocommit=True) as c:
        c.execute(f'CREATE DATABASE "{name}" TEMPLATE "{src.database}" STRATEGY FILE_COPY')  # names are ours
    return Store(src.set(database=name).render_as_string(hide_password=False), None)


@pytest.fixture()
def store(backend, stores, tmp_path) -> Store:
    """A demo store of the test's own, free to change, on each back-end."""
    url = stores.copy_of_demo(backend, tmp_path / "store.db")
    yield Store(url, sqlite_path(url))
    stores.drop(url)


@pytest.fixture(scope="module")
def kept_store(backend, stores, tmp_path_factory) -> Store:
    """One demo store per module (and back-end) for tests that must leave it unchanged (and check that they did)."""
    url = stores.copy_of_demo(backend, tmp_path_factory.mktemp("kept") / "store.db")
    yield Store(url, sqlite_path(url))
    stores.drop(url)


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
