"""Subtree aggregates of the organisation tree (table OrgRollup): rebuild after writes, check freshness.

Any code that writes PartyOrg, ServiceCenter.org_id or Building.org_id calls `rebuild(conn)` in the
same transaction (a small merge import: `update(conn, ids)` for the touched organisations and their
ancestors, models.rollup_delta). Readers check `is_fresh` and fall back to summing the subtree on read when a writer
forgot, so a stale table costs speed, never correctness.

    python -m models.org_rollup --url sqlite:///data/dashboard.db   # rebuild by hand
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable

from sqlalchemy import Select, case, delete, func, insert, literal, select
from sqlalchemy.engine import Connection
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session, aliased

from models import rules, temp_keys
from models.tables import Building, DatasetInfo, OrgRollup, PartyOrg, ServiceCenter
from models.vocab import ORG_LEVELS
from models import settings

INFO_KEY = "org_rollup"  # DatasetInfo key holding the fingerprint of the data the table was built from
BELOW = {level: f"below_{level}" for level in ORG_LEVELS if level != "city"}


def fingerprint(conn: Connection | Session) -> str:
    """Counts and sums that change with any insert, delete, re-parenting or member change."""
    def total(col):
        return func.coalesce(func.sum(col), 0)

    orgs = conn.execute(select(func.count(), total(PartyOrg.members), total(PartyOrg.parent_id), total(PartyOrg.depth))).one()
    centres = conn.execute(select(func.count(ServiceCenter.org_id), total(ServiceCenter.org_id))).one()
    buildings = conn.execute(select(func.count(Building.org_id), total(Building.org_id))).one()
    return ":".join(str(int(v)) for v in (*orgs, *centres, *buildings))


def is_fresh(conn: Connection | Session) -> bool:
    """True when OrgRollup matches the current data (False also when the table is missing)."""
    try:
        stored = conn.execute(select(DatasetInfo.value).where(DatasetInfo.key == INFO_KEY)).scalar_one_or_none()
        return stored is not None and stored == fingerprint(conn)
    except SQLAlchemyError:
        return False


def _own(column, ids: Select | list[int] | None = None) -> object:
    where = [column.is_not(None), *([column.in_(ids)] if ids is not None else [])]
    return select(column.label("oid"), func.count().label("n")).where(*where).group_by(column).subquery()


def _rows_at(depth: int, ids: Select | list[int] | None = None) -> Select:
    """The OrgRollup rows of the organisations at `depth` (of `ids` only, when given) from their own
    centres, buildings and members and the stored rows of their children (one depth below)."""
    child, below = aliased(PartyOrg), aliased(OrgRollup)
    own_centres = _own(ServiceCenter.org_id, ids)
    own_buildings = _own(Building.org_id, ids)
    kids = (
        select(
            child.parent_id.label("pid"),
            func.sum(below.members).label("members"),
            (func.count() + func.sum(below.orgs_below)).label("orgs_below"),
            func.sum(below.centres).label("centres"),
            func.sum(below.buildings).label("buildings"),
            *(
                (func.sum(getattr(below, col)) + func.sum(case((child.level == level, 1), else_=0))).label(col)
                for level, col in BELOW.items()
            ),
        )
        .join(below, below.org_id == child.id)
        .where(child.depth == depth + 1, *([child.parent_id.in_(ids)] if ids is not None else []))
        .group_by(child.parent_id)
        .subquery()
    )
    own_members = case((rules.holds_members(), PartyOrg.members), else_=literal(0))
    return (
        select(
            PartyOrg.id,
            own_members + func.coalesce(kids.c.members, 0),
            func.coalesce(kids.c.orgs_below, 0),
            func.coalesce(own_centres.c.n, 0) + func.coalesce(kids.c.centres, 0),
            func.coalesce(own_buildings.c.n, 0) + func.coalesce(kids.c.buildings, 0),
            *(func.coalesce(kids.c[col], 0) for col in BELOW.values()),
        )
        .outerjoin(kids, kids.c.pid == PartyOrg.id)
        .outerjoin(own_centres, own_centres.c.oid == PartyOrg.id)
        .outerjoin(own_buildings, own_buildings.c.oid == PartyOrg.id)
        .where(PartyOrg.depth == depth, *([PartyOrg.id.in_(ids)] if ids is not None else []))
    )


COLUMNS = ["org_id", "members", "orgs_below", "centres", "buildings", *BELOW.values()]


def _stamp(conn: Connection | Session) -> None:
    conn.execute(delete(DatasetInfo).where(DatasetInfo.key == INFO_KEY))
    conn.execute(insert(DatasetInfo).values(key=INFO_KEY, value=fingerprint(conn)))


def rebuild(conn: Connection | Session) -> int:
    """Recompute every row bottom-up, one depth at a time (each row read once); returns the row count."""
    conn.execute(delete(OrgRollup))
    max_depth = conn.execute(select(func.max(PartyOrg.depth))).scalar()
    for depth in range(max_depth if max_depth is not None else -1, -1, -1):
        conn.execute(insert(OrgRollup).from_select(COLUMNS, _rows_at(depth)))
    _stamp(conn)
    return int(conn.execute(select(func.count()).select_from(OrgRollup)).scalar_one())


def ancestors(paths: Iterable[str | None]) -> set[int]:
    """Every organisation on the given materialised paths ("/1/12/345/": 1, 12 and 345)."""
    return {int(part) for p in paths if p for part in p.strip("/").split("/") if part}


def update(conn: Connection | Session, ids: Iterable[int]) -> int:
    """Recompute the rows of `ids` only, bottom-up: the organisations whose subtree changed, which must
    hold every ancestor of each (see `ancestors`), so that the rows of their other children, untouched,
    are still right. The rest of the table is kept; returns the rows rewritten. Each depth's statement
    filters by a temporary table of that depth's ids (models.temp_keys): its cost is its own rows'."""
    keys = temp_keys.create(conn, ids)
    todo = temp_keys.members(keys)
    conn.execute(delete(OrgRollup).where(OrgRollup.org_id.in_(todo)))
    by_depth: dict[int, list[int]] = {}
    for i, depth in conn.execute(select(PartyOrg.id, PartyOrg.depth).where(PartyOrg.id.in_(todo))):
        by_depth.setdefault(depth, []).append(i)
    temp_keys.drop(conn, keys)
    for depth in sorted(by_depth, reverse=True):
        level = temp_keys.create(conn, by_depth[depth])
        conn.execute(insert(OrgRollup).from_select(COLUMNS, _rows_at(depth, temp_keys.members(level))))
        temp_keys.drop(conn, level)
    _stamp(conn)
    return sum(len(v) for v in by_depth.values())


def main(argv: list[str] | None = None) -> int:
    from models.db import create_schema, make_engine

    parser = argparse.ArgumentParser(prog="python -m models.org_rollup", description=__doc__.splitlines()[0])
    parser.add_argument("--url", default=None, help="database URL (default: DATABASE_URL or data/dashboard.db)")
    engine = make_engine(parser.parse_args(argv).url or settings.load().database_url)
    create_schema(engine)  # adds the table to a store built before it existed
    with engine.begin() as conn:
        n = rebuild(conn)
    engine.dispose()
    print(f"org_rollup: {n} rows")
    return 0


if __name__ == "__main__":
    sys.exit(main())
