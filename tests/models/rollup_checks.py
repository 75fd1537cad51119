"""Helpers of the derived-table tests: every derived table as stored, against a rebuild from scratch."""

from __future__ import annotations

import pandas as pd
from sqlalchemy import select

from data.exporting import csv_bytes
from data.importing import commit, preview
from data.importing.files import export_kind
from models import org_rollup, rollups
from models.tables import BuildingNearest, OrgRollup

FULL_REBUILDS = (rollups.rebuild, org_rollup.rebuild)  # bound here: tests may patch them out of the import
DERIVED = [*(table for table, _ in rollups.DEFINITIONS.values()), OrgRollup, BuildingNearest]


def _snapshot(conn) -> dict[str, list[tuple]]:
    """Every derived table's rows without their ids (a rebuild numbers them anew), rounded, sorted."""
    out = {}
    for table in DERIVED:
        cols = [c for c in table.__table__.c if c.name != "id"]
        rows = conn.execute(select(*cols)).all()
        out[table.__tablename__] = sorted(
            (tuple(round(float(v), 6) if isinstance(v, float) else v for v in r) for r in rows),
            key=lambda r: tuple((v is None, str(v)) for v in r))
    return out


def differences(engine) -> dict[str, tuple[list, list]]:
    """Derived tables whose stored rows differ from a full rebuild (rolled back): name -> (only stored,
    only rebuilt), the first few rows of each."""
    with engine.connect() as conn:
        trans = conn.begin()
        stored = _snapshot(conn)
        for rebuild in FULL_REBUILDS:
            rebuild(conn)
        fresh = _snapshot(conn)
        trans.rollback()
    out = {}
    for name, rows in stored.items():
        if rows != fresh[name]:
            a, b = set(rows), set(fresh[name])
            out[name] = (sorted(a - b, key=str)[:5], sorted(b - a, key=str)[:5])
    return out


def assert_derived_match(engine) -> None:
    assert differences(engine) == {}
    with engine.connect() as conn:  # what start-up asks: nothing to rebuild
        assert rollups.is_fresh(conn, thorough=True) and org_rollup.is_fresh(conn)


def exported(engine, kind: str) -> pd.DataFrame:
    """The store's rows of an import kind, in the import file's form (headers in Chinese)."""
    with engine.connect() as conn:
        return export_kind(conn, kind)


def merge(store, kind: str, rows: pd.DataFrame, *, mode: str = "merge"):
    """Import `rows` (an exported() frame, edited) as a file; returns the engine."""
    engine = store.engine()
    plan = preview(engine, kind, csv_bytes(rows), f"{kind}.csv", mode=mode)
    assert plan.ok, plan.problems
    commit(engine, store.url, plan, actor="测试员")
    return engine
