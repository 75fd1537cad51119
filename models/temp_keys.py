"""A temporary table of keys (ids, codes) inside the caller's transaction: what a statement filters by
with `IN (SELECT key FROM it)`, instead of binding thousands of parameters per statement (which costs
more in SQLAlchemy's compiler than in the database, and is capped at 32,766 on SQLite)."""

from __future__ import annotations

import itertools
from collections.abc import Iterable

from sqlalchemy import Column, Integer, MetaData, String, Table, select
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session

_numbers = itertools.count(1)


def create(conn: Connection | Session, keys: Iterable, *, text: bool = False) -> Table:
    """A new temporary table holding `keys` (distinct) in its one column `key`. Drop it with `drop` when
    done; a transaction rolled back takes it away too (both back-ends roll back DDL)."""
    table = Table(f"tmp_keys_{next(_numbers)}", MetaData(),
                  Column("key", String(64) if text else Integer, primary_key=True), prefixes=["TEMPORARY"])
    bind = conn.connection() if isinstance(conn, Session) else conn
    table.create(bind)
    values = [(v,) for v in sorted(set(keys))]
    if values:  # through the driver: SQLAlchemy's per-row parameter handling would cost more than the insert
        mark = "?" if bind.dialect.paramstyle == "qmark" else "%s"
        bind.exec_driver_sql(f'INSERT INTO {table.name} ("key") VALUES ({mark})', values)  # noqa: S608 - our name
    return table


def members(table: Table):
    """The select() of the keys, for `column.in_(...)`."""
    return select(table.c.key)


def drop(conn: Connection | Session, table: Table) -> None:
    table.drop(conn.connection() if isinstance(conn, Session) else conn)
