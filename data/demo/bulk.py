"""Bulk writes of the generated rows: PostgreSQL's COPY where the store is PostgreSQL, executemany on SQLite.

Executemany sends one INSERT per row to PostgreSQL (the demo scale took about a minute); COPY streams the
rows in one command inside the same transaction. SQLite's executemany is already fast (no round trips).
Rows carry explicit ids, so PostgreSQL's id sequences are moved past them afterwards.
"""

from __future__ import annotations

from sqlalchemy import Table, insert
from sqlalchemy.engine import Connection

from models.db import sync_id_sequences

BATCH = 20_000  # rows per executemany on SQLite


def _columns(table: Table, first: dict) -> list[tuple[str, object]]:
    """(column, default) for every column the rows give or that has a Python-side scalar default."""
    out = []
    for col in table.columns:
        default = col.default.arg if col.default is not None and col.default.is_scalar else None
        if col.name in first or default is not None:
            out.append((col.name, default))
    return out


def copy_rows(conn: Connection, table: Table, rows: list[dict]) -> None:
    """COPY rows (dicts with the same keys) into a PostgreSQL table in the connection's transaction."""
    if not rows:
        return
    columns = _columns(table, rows[0])
    names = ", ".join(f'"{name}"' for name, _ in columns)
    raw = conn.connection.dbapi_connection  # the psycopg connection of this transaction
    with raw.cursor() as cur, cur.copy(f'COPY "{table.name}" ({names}) FROM STDIN') as copy:  # noqa: S608 - our names
        for row in rows:
            copy.write_row([row.get(name, default) for name, default in columns])


def write_rows(conn: Connection, table: Table, rows: list[dict]) -> None:
    """Insert generated rows the fastest way the back-end offers."""
    if conn.dialect.name == "postgresql" and conn.dialect.driver == "psycopg":
        copy_rows(conn, table, rows)
        return
    for start in range(0, len(rows), BATCH):
        conn.execute(insert(table), rows[start : start + BATCH])


def finish(conn: Connection) -> None:
    """After writing explicit ids: PostgreSQL's sequences continue after them (SQLite needs nothing)."""
    sync_id_sequences(conn)
