"""Aggregate rollups of the store (issue 16): grades, grade transitions, organisation and building facts.

Each rollup is defined once, as a select() grouping the detail tables by every column the pages filter
on and every column a counting rule of models.rules reads (category, org_type, founded_year; kind, floors,
covered_since): `source(name, rollup=...)` is either the stored table or that same select() inline, so a
query is written once and the rules apply to both (tests/models/test_rollups.py compares them). Nothing
here decides what counts: the grouping keeps what the rules need, the queries apply the rules.

BuildingNearest (each building's nearest located centre and its distance) is derived data of the same
kind and rebuilt with them, so the building list joins it instead of measuring 200,000 distances.

Any code that writes PartyOrg, Rating, Building, ServiceCenter (or restores, migrates, builds demo data) calls
`rebuild(conn)` in the same transaction, as for models.org_rollup; a merge import touching few rows
updates only the rows it changes instead (models.rollup_delta, from these same definitions). `is_fresh` compares a fingerprint of
the data with the one stored at the last rebuild (DatasetInfo "rollups", with this module's VERSION), so a
store written by an older version, or by a writer that forgot, is found out and rebuilt at start-up
(components/shell/bootstrap.py), and until then the pages read the detail tables (slower, never wrong).

    python -m models.rollups --url sqlite:///data/dashboard.db   # rebuild by hand
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable

from sqlalchemy import Select, and_, case, delete, func, insert, select
from sqlalchemy.engine import Connection
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session, aliased
from sqlalchemy.sql import ColumnCollection

from models import rules, settings
from models.tables import (
    Building, BuildingFactRollup, BuildingNearest, DatasetInfo, GradeRollup, OrgFactRollup, PartyOrg, Rating, Region,
    ServiceCenter, TransitionRollup,
)

VERSION = "2"  # bump when a definition below changes: stores built with the old one are rebuilt
INFO_KEY = "rollups"
CHUNK = 5000  # ids per IN list (SQLite binds at most 32,766 parameters)


def _grades() -> Select:
    home = aliased(Region)
    community = case((home.level == "grid", home.parent_id), (home.level == "community", home.id), else_=None)
    keys = (Rating.year, PartyOrg.category, PartyOrg.district_id, PartyOrg.street_id, community, Rating.grade)
    return (
        select(Rating.year, PartyOrg.category, PartyOrg.district_id, PartyOrg.street_id,
               community.label("community_id"), Rating.grade, func.count().label("n"),
               func.sum(Rating.composite).label("composite_sum"))
        .select_from(Rating)
        .join(PartyOrg, PartyOrg.id == Rating.org_id)
        .outerjoin(home, home.id == PartyOrg.region_id)
        .group_by(*keys)
    )


def _transitions() -> Select:
    prev = aliased(Rating)
    keys = (Rating.year, PartyOrg.category, PartyOrg.district_id, PartyOrg.street_id, prev.grade, Rating.grade)
    return (
        select(Rating.year, PartyOrg.category, PartyOrg.district_id, PartyOrg.street_id,
               prev.grade.label("prev_grade"), Rating.grade, func.count().label("n"))
        .select_from(Rating)
        .join(PartyOrg, PartyOrg.id == Rating.org_id)
        .join(prev, and_(prev.org_id == Rating.org_id, prev.year == Rating.year - 1))
        .group_by(*keys)
    )


def _org_facts() -> Select:
    keys = (PartyOrg.district_id, PartyOrg.street_id, PartyOrg.category, PartyOrg.org_type, PartyOrg.founded_year)
    return select(*keys, func.count().label("n"), func.sum(PartyOrg.members).label("members")).group_by(*keys)


def _building_facts() -> Select:
    covered = rules.has_covering_org()
    keys = (Building.district_id, Building.street_id, Building.kind, Building.floors, covered, Building.covered_since)
    return (
        select(Building.district_id, Building.street_id, Building.kind, Building.floors, covered.label("covered"),
               Building.covered_since, func.count().label("n"))
        .group_by(*keys)
    )


DEFINITIONS: dict[str, tuple[type, Callable[[], Select]]] = {
    "grades": (GradeRollup, _grades),
    "transitions": (TransitionRollup, _transitions),
    "org_facts": (OrgFactRollup, _org_facts),
    "building_facts": (BuildingFactRollup, _building_facts),
}


def source(name: str, *, rollup: bool) -> ColumnCollection:
    """The columns of rollup `name`: the stored table (rollup=True) or its definition computed inline."""
    table, define = DEFINITIONS[name]
    return table.__table__.c if rollup else define().subquery(name).c


def fingerprint(conn: Connection | Session, *, thorough: bool = True) -> str:
    """The highest ids of the detail tables (each one index lookup) and, `thorough`, counts and sums that
    change with any insert, delete or change of a grade, an organisation's place, category or members, or
    a building's coverage (a pass over each table: done at start-up, off the visitors' path)."""
    def total(col):
        return func.coalesce(func.sum(col), 0)

    quick = conn.execute(select(select(func.max(Rating.id)).scalar_subquery(),
                                select(func.max(PartyOrg.id)).scalar_subquery(),
                                select(func.max(Building.id)).scalar_subquery(),
                                select(func.max(ServiceCenter.id)).scalar_subquery())).one()
    parts = [*quick]
    if thorough:
        parts += [
            *conn.execute(select(func.count(), total(Rating.composite), total(Rating.year))).one(),
            *conn.execute(select(func.count(), total(PartyOrg.members), total(PartyOrg.street_id),
                                 total(PartyOrg.founded_year), func.count(func.distinct(PartyOrg.category)))).one(),
            *conn.execute(select(func.count(), total(Building.org_id), total(Building.covered_since),
                                 total(Building.floors), total(Building.lon), total(Building.lat))).one(),
            *conn.execute(select(func.count(), total(ServiceCenter.lon), total(ServiceCenter.lat))).one(),
        ]
    return ":".join(f"{float(v or 0):.10g}" for v in parts)


def _stamp(conn: Connection | Session, *, thorough: bool = True) -> str:
    return f"{VERSION}|{fingerprint(conn, thorough=thorough)}"


def is_fresh(conn: Connection | Session, *, thorough: bool = False) -> bool:
    """True when the stored rollups match the current data and this code's definitions (False also when
    the tables are missing). The quick check (highest ids, this code's VERSION) is what a page asks;
    `thorough` compares every count and sum, what start-up asks once per process."""
    try:
        stored = conn.execute(select(DatasetInfo.value).where(DatasetInfo.key == INFO_KEY)).scalar_one_or_none()
        if stored is None:
            return False
        now = _stamp(conn, thorough=thorough)
        return stored == now if thorough else stored.startswith(now + ":") or stored == now
    except SQLAlchemyError:
        return False


def located_centres(conn: Connection | Session):
    """(ids, lon, lat) arrays of the located centres in id order: the sites every nearest-centre search uses."""
    import numpy as np

    c = conn.execute(select(ServiceCenter.id, ServiceCenter.lon, ServiceCenter.lat)
                     .where(ServiceCenter.lon.is_not(None), ServiceCenter.lat.is_not(None))
                     .order_by(ServiceCenter.id)).all()
    if not c:
        return np.zeros(0, np.int64), np.zeros(0), np.zeros(0)
    cid, clon, clat = (np.asarray(v) for v in zip(*c))
    return cid, clon.astype(float), clat.astype(float)


def nearest(conn: Connection | Session, buildings: list[int] | None = None) -> int:
    """BuildingNearest from the coordinates (models.coverage.nearest: a k-d tree of the centres), for every
    building or, given `buildings`, for those only (their other rows are kept); rows written."""
    import numpy as np

    from models import coverage

    where = [Building.lon.is_not(None), Building.lat.is_not(None)]
    if buildings is None:
        conn.execute(delete(BuildingNearest))
        b = conn.execute(select(Building.id, Building.lon, Building.lat).where(*where).order_by(Building.id)).all()
    else:
        b = []
        for start in range(0, len(buildings), CHUNK):
            part = buildings[start:start + CHUNK]
            conn.execute(delete(BuildingNearest).where(BuildingNearest.building_id.in_(part)))
            b += conn.execute(select(Building.id, Building.lon, Building.lat).where(*where, Building.id.in_(part))).all()
    cid, clon, clat = located_centres(conn)
    if not b or not len(cid):
        return 0
    bid, blon, blat = (np.asarray(v) for v in zip(*b))
    near = coverage.nearest(blon.astype(float), blat.astype(float), clon, clat)
    found = near.index >= 0
    rows = [{"building_id": int(i), "centre_id": int(j), "distance_m": float(d)}
            for i, j, d in zip(bid[found], cid[near.index[found]], near.distance_m[found], strict=True)]
    for start in range(0, len(rows), 50_000):
        conn.execute(insert(BuildingNearest), rows[start:start + 50_000])
    return len(rows)


def stamp(conn: Connection | Session) -> None:
    """Record that the rollups match the data as it is now (after a rebuild or an incremental update)."""
    conn.execute(delete(DatasetInfo).where(DatasetInfo.key == INFO_KEY))
    conn.execute(insert(DatasetInfo).values(key=INFO_KEY, value=_stamp(conn)))


def rebuild(conn: Connection | Session) -> dict[str, int]:
    """Recompute every rollup, and each building's nearest centre, from the detail tables; rows written.
    (models.rollup_delta updates the rows a small merge import changes, from the same definitions.)"""
    counts = {"nearest": nearest(conn)}
    for name, (table, define) in DEFINITIONS.items():
        conn.execute(delete(table))
        stmt = define()
        columns = [c.name for c in stmt.selected_columns]
        conn.execute(insert(table).from_select(columns, stmt))
        counts[name] = int(conn.execute(select(func.count()).select_from(table)).scalar_one())
    stamp(conn)
    return counts


def main(argv: list[str] | None = None) -> int:
    from models.db import create_schema, make_engine

    parser = argparse.ArgumentParser(prog="python -m models.rollups", description=__doc__.splitlines()[0])
    parser.add_argument("--url", default=None, help="database URL (default: DATABASE_URL or data/dashboard.db)")
    engine = make_engine(parser.parse_args(argv).url or settings.load().database_url)
    create_schema(engine)
    with engine.begin() as conn:
        counts = rebuild(conn)
    engine.dispose()
    print("rollups: " + ", ".join(f"{k} {v}" for k, v in counts.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
