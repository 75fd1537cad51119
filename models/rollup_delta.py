"""Incremental upkeep of the derived tables for a merge import that touches few rows (issue 16).

A full rebuild (models.rollups.rebuild, models.org_rollup.rebuild) costs the store's size: ~20 s CPU at
1,000,000 organisations, for a file of 10 rows as for one of 100,000. Here the cost is the import's:

- the aggregate rollups are counts and sums, so every detail row adds its share to exactly one rollup
  row. `Change.begin` (before the writer runs) takes the share of the rows the import touches, computed
  by the rollup's own definition (models.rollups.DEFINITIONS) filtered to those rows; `finish` (after)
  takes it again, and each rollup row gets new - old: rows whose count falls to 0 go, new groups come.
  Which rows: a rating's share depends on its organisation (category, place), so the organisations an
  import of organisations or ratings names select their grades and transitions (a transition joins two
  ratings of the same organisation); organisations select themselves in the organisation facts;
  buildings their building facts. Grouping by street would not help: 100 rows touch most streets.
- subtree sums (OrgRollup): the ancestors, before and after, of each touched organisation (or of the
  organisation a touched building or centre belonged to and now belongs to) are recomputed bottom-up
  with models.org_rollup.update.
- nearest centres: touched buildings are measured again; when centres change, the buildings whose
  nearest centre is one of them, or that are now at least as near one of them as to their nearest.

Only on rollups that were right before (a thorough freshness check): otherwise, and for replace imports,
region imports, restores, demo builds, or when the import touches more than SHARE of a table, the
callers rebuild in full. The freshness stamps are written from the data afterwards, as a rebuild does.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from sqlalchemy import Table, and_, bindparam, delete, func, insert, or_, select, update
from sqlalchemy.engine import Connection

from models import org_rollup, rollups, temp_keys
from models.tables import Building, BuildingNearest, PartyOrg, Rating, ServiceCenter

CHUNK = rollups.CHUNK
SHARE = 0.2  # above this share of a table's rows touched, a full rebuild is cheaper: at 1 M organisations an
# update costs ~1.3 s + 8 s per 100,000 organisations, a full rebuild ~20 s (bench/rollups.py, 2 cores)
MEASURES = ("n", "composite_sum", "members")  # the summed columns of the definitions; the others are the group
TABLE_OF = {"orgs": PartyOrg, "ratings": PartyOrg, "buildings": Building, "centres": ServiceCenter}  # codes name
# The rollups a kind changes, and the detail column the touched ids filter their definition by.
FEEDS = {
    "orgs": {"grades": Rating.org_id, "transitions": Rating.org_id, "org_facts": PartyOrg.id},
    "ratings": {"grades": Rating.org_id, "transitions": Rating.org_id},
    "buildings": {"building_facts": Building.id},
    "centres": {},
}
KINDS = tuple(FEEDS)


def _ids(conn: Connection, table, codes) -> list[int]:
    """Ids of the rows of `table` whose code is in the temporary table `codes`."""
    return sorted(conn.execute(select(table.id).where(table.code.in_(temp_keys.members(codes)))).scalars())


def shares(conn: Connection, name: str, column, ids) -> dict[tuple, list[float]]:
    """The rows of rollup `name` that the detail rows with `column` in `ids` (a temporary table of
    models.temp_keys) alone make: group -> measures."""
    stmt = rollups.DEFINITIONS[name][1]()
    names = [c.name for c in stmt.selected_columns]
    keys = [i for i, n in enumerate(names) if n not in MEASURES]
    measures = [i for i, n in enumerate(names) if n in MEASURES]
    out: dict[tuple, list[float]] = defaultdict(lambda: [0] * len(measures))
    for row in conn.execute(stmt.where(column.in_(temp_keys.members(ids)))):
        acc = out[tuple(row[i] for i in keys)]
        for j, i in enumerate(measures):
            acc[j] += row[i] or 0
    return out


def _places(table, groups) -> object:
    """A filter on the rollup rows of the (district, street) pairs of `groups`, through the street index."""
    streets = {s for d, s in groups if s is not None}
    districts = {d for d, s in groups if s is None and d is not None}
    parts = [table.street_id.in_(sorted(streets))] if streets else []
    if districts:
        parts.append(and_(table.street_id.is_(None), table.district_id.in_(sorted(districts))))
    if any(d is None and s is None for d, s in groups):
        parts.append(and_(table.street_id.is_(None), table.district_id.is_(None)))
    return or_(*parts)


def apply(conn: Connection, name: str, old: dict, new: dict) -> int:
    """Add new - old to the stored rows of rollup `name`; rows changed."""
    table, define = rollups.DEFINITIONS[name]
    names = [c.name for c in define().selected_columns]
    keys = [n for n in names if n not in MEASURES]
    measures = [n for n in names if n in MEASURES]
    delta = {k: [b - a for a, b in zip(old.get(k, [0] * len(measures)), new.get(k, [0] * len(measures)), strict=True)]
             for k in {*old, *new}}
    delta = {k: v for k, v in delta.items() if any(v)}
    if not delta:
        return 0
    d_at, s_at = keys.index("district_id"), keys.index("street_id")
    cols = [table.__table__.c[n] for n in (*keys, *measures)]
    stored = {tuple(r[1:1 + len(keys)]): (r[0], list(r[1 + len(keys):]))
              for r in conn.execute(select(table.id, *cols).where(_places(table, {(k[d_at], k[s_at]) for k in delta})))}
    gone, changed, added, n = [], [], [], measures.index("n")
    for key, change in delta.items():
        row_id, values = stored.get(key, (None, [0] * len(measures)))
        values = [v + c for v, c in zip(values, change, strict=True)]
        if row_id is not None and values[n] == 0:  # the group has no rows left
            gone.append(row_id)
        elif row_id is not None:
            changed.append({"b_id": row_id, **{f"b_{m}": v for m, v in zip(measures, values, strict=True)}})
        elif values[n]:
            added.append(dict(zip(keys, key, strict=True)) | dict(zip(measures, values, strict=True)))
    for start in range(0, len(gone), CHUNK):
        conn.execute(delete(table).where(table.id.in_(gone[start:start + CHUNK])))
    if changed:
        conn.execute(update(table).where(table.id == bindparam("b_id"))
                     .values({m: bindparam(f"b_{m}") for m in measures}), changed)
    if added:
        conn.execute(insert(table), added)
    return len(gone) + len(changed) + len(added)


def _anchors(conn: Connection, kind: str, ids) -> set[int]:
    """Every organisation whose subtree sums the rows `ids` (a temporary table) of `kind` are part of
    (their ancestors too)."""
    if kind == "ratings":
        return set()
    if kind == "orgs":
        stmt = select(PartyOrg.path).where(PartyOrg.id.in_(temp_keys.members(ids)))
    else:
        table = TABLE_OF[kind]
        stmt = select(PartyOrg.path).join(table, table.org_id == PartyOrg.id).where(
            table.id.in_(temp_keys.members(ids)))
    return org_rollup.ancestors(conn.execute(stmt).scalars())


def _near_centres(conn: Connection, centres: list[int]) -> list[int]:
    """Buildings whose nearest centre may have changed when `centres` did: those it was one of, those
    without one, and those at least as near one of the centres (where they are now) as to their nearest."""
    import numpy as np

    from models import coverage

    rows = conn.execute(select(Building.id, Building.lon, Building.lat, BuildingNearest.centre_id,
                               BuildingNearest.distance_m)
                        .outerjoin(BuildingNearest, BuildingNearest.building_id == Building.id)
                        .where(Building.lon.is_not(None), Building.lat.is_not(None))).all()
    if not rows:
        return []
    bid, blon, blat, cid, dist = (np.asarray(v, dtype=float) for v in zip(*rows))
    dist = np.where(np.isnan(dist), np.inf, dist)
    moved = np.isin(cid, np.asarray(centres, dtype=float)) | np.isnan(cid)
    c = conn.execute(select(ServiceCenter.lon, ServiceCenter.lat).where(
        ServiceCenter.id.in_(centres), ServiceCenter.lon.is_not(None), ServiceCenter.lat.is_not(None))).all()
    if c:
        clon, clat = (np.asarray(v, dtype=float) for v in zip(*c))
        near = coverage.nearest(blon, blat, clon, clat)
        moved |= near.distance_m <= dist * (1 + 1e-9) + 1e-6
    return sorted(int(i) for i in bid[moved])


@dataclass
class Change:
    """What one merge import does to the derived tables: begun before its writer, finished after."""

    kind: str
    codes: Table  # temporary table of the touched rows' codes (models.temp_keys)
    old: dict[str, dict] = field(default_factory=dict)
    anchors: set[int] = field(default_factory=set)

    @classmethod
    def begin(cls, conn: Connection, kind: str, codes) -> Change | None:
        """The touched rows' shares as stored now; None when the callers must rebuild in full instead
        (a kind not handled here, too many rows, or derived tables not right to begin with)."""
        codes = {str(c) for c in codes if c is not None}
        table = TABLE_OF.get(kind)
        if table is None:
            return None
        size = conn.execute(select(func.count()).select_from(table)).scalar_one()
        if len(codes) > SHARE * max(size, 1):
            return None
        if not (rollups.is_fresh(conn, thorough=True) and (kind == "ratings" or org_rollup.is_fresh(conn))):
            return None
        change = cls(kind, temp_keys.create(conn, codes, text=True))
        ids = temp_keys.create(conn, _ids(conn, table, change.codes))
        change.old = {name: shares(conn, name, col, ids) for name, col in FEEDS[kind].items()}
        change.anchors = _anchors(conn, kind, ids)
        temp_keys.drop(conn, ids)
        return change

    def finish(self, conn: Connection) -> dict[str, int]:
        """After the writer: rollup rows changed by new - old, subtree sums and nearest centres updated,
        both freshness stamps written from the data; rows rewritten per table."""
        found = _ids(conn, TABLE_OF[self.kind], self.codes)
        ids = temp_keys.create(conn, found)
        done = {name: apply(conn, name, self.old[name], shares(conn, name, col, ids))
                for name, col in FEEDS[self.kind].items()}
        if self.kind != "ratings":
            done["org_rollup"] = org_rollup.update(conn, self.anchors | _anchors(conn, self.kind, ids))
        if self.kind == "buildings":
            done["nearest"] = rollups.nearest(conn, found)
        elif self.kind == "centres":
            done["nearest"] = rollups.nearest(conn, _near_centres(conn, found))
        for table in (ids, self.codes):
            temp_keys.drop(conn, table)
        rollups.stamp(conn)
        return done
