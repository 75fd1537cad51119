"""What page tests read off an AppTest run and out of the store (shared by the page tests)."""

from __future__ import annotations

import sqlite3

from models.db import sqlite_path


def metric(at, label: str) -> str:
    """The value of the card labelled `label`."""
    return next(m for m in at.metric if m.label == label).value


def store(url: str, sql: str, *args):
    """A figure read straight from the store with SQL of the test's own (not the page's queries)."""
    con = sqlite3.connect(sqlite_path(url))
    try:
        return con.execute(sql, args).fetchall()
    finally:
        con.close()


def table_with(at, *columns: str):
    """The table showing these columns (display-only tables carry no key in AppTest)."""
    return next(d.value for d in at.dataframe if set(columns) <= set(d.value.columns))
