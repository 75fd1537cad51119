"""What an import adds to its transaction for the derived tables, on a copy of the store (the cached
synthetic store is never written), each job in a transaction that is rolled back:

- the full rebuilds, models.rollups.rebuild (grades, transitions, organisation and building facts, nearest
  centres) and models.org_rollup.rebuild (subtree sums): the store's size, whatever the import's;
- a merge import of N organisations (N = 100,000 and 100) updated row by row (models.rollup_delta):
  the writer's part is played by plain UPDATEs (members changed for all N, one in ten moved to another
  street), so the time is the derived tables' alone, begin + finish, beside a full rebuild after the same write.
"""

from __future__ import annotations

import shutil
import tempfile
import time
from pathlib import Path

from bench.report import Row

MERGES = (100_000, 100)


def _timed(job) -> tuple[float, float]:
    wall, cpu = time.perf_counter(), time.process_time()
    job()
    return time.perf_counter() - wall, time.process_time() - cpu


def _write(conn, ids: list[int]) -> None:
    """What the organisations writer does for these rows: members +1, and one in ten moved to the place
    of an organisation in another district."""
    from sqlalchemy import bindparam, select, update

    from models.tables import PartyOrg

    conn.execute(update(PartyOrg).where(PartyOrg.id == bindparam("b_id")).values(members=PartyOrg.members + 1),
                 [{"b_id": i} for i in ids])
    moved = ids[::10]
    first = conn.execute(select(PartyOrg.district_id).where(PartyOrg.id == moved[0])).scalar()
    place = conn.execute(select(PartyOrg.region_id, PartyOrg.district_id, PartyOrg.street_id)
                         .where(PartyOrg.district_id != first, PartyOrg.level == "grid").limit(1)).one()
    conn.execute(update(PartyOrg).where(PartyOrg.id == bindparam("b_id")).values(
        region_id=place.region_id, district_id=place.district_id, street_id=place.street_id),
        [{"b_id": i} for i in moved])


def _merge_rows(engine, label: str, n: int) -> list[Row]:
    from sqlalchemy import func, select

    from models import org_rollup, rollup_delta, rollups
    from models.tables import PartyOrg

    out = []
    with engine.connect() as conn:
        trans = conn.begin()
        total = conn.execute(select(func.count()).select_from(PartyOrg)).scalar_one()
        step = max(1, total // n)
        picked = conn.execute(select(PartyOrg.id, PartyOrg.code).where(PartyOrg.level.not_in(("city", "district")))
                              .where(PartyOrg.id % step == 0).order_by(PartyOrg.id).limit(n)).all()
        ids, codes = [r.id for r in picked], [r.code for r in picked]
        change = None

        def begin():
            nonlocal change
            change = rollup_delta.Change.begin(conn, "orgs", codes)

        b_wall, b_cpu = _timed(begin)
        _write(conn, ids)
        if change is None:
            trans.rollback()
            return [Row("import rollups", f"merge of {n:,} organisations, incremental", label, None, "s",
                        note=f"falls back to the full rebuild (more than {rollup_delta.SHARE:.0%} of the table)")]
        f_wall, f_cpu = _timed(lambda: change.finish(conn))
        fresh = rollups.is_fresh(conn, thorough=True) and org_rollup.is_fresh(conn)
        out.append(Row("import rollups", f"merge of {n:,} organisations, incremental (models.rollup_delta)", label,
                       b_cpu + f_cpu, "s", note=f"CPU; wall {b_wall + f_wall:.1f} s (before the write "
                                                f"{b_cpu:.1f} s CPU, after {f_cpu:.1f} s); stamps fresh: {fresh}"))
        if n == MERGES[0]:
            r_wall, r_cpu = _timed(lambda: (rollups.rebuild(conn), org_rollup.rebuild(conn)))
            out.append(Row("import rollups", f"merge of {n:,} organisations, full rebuild (as before)", label, r_cpu,
                           "s", note=f"CPU; wall {r_wall:.1f} s; both rebuilds after the same write"))
        trans.rollback()
    return out


def rows(url: str, label: str) -> list[Row]:
    from models import org_rollup
    from models.db import make_engine, sqlite_path

    try:
        from models import rollups
    except ImportError:  # a tree from before the rollups
        rollups = None
    try:
        from models import rollup_delta
    except ImportError:  # a tree from before the incremental update
        rollup_delta = None
    src = sqlite_path(url)
    work = Path(tempfile.mkdtemp(prefix="bench-rollups-"))
    try:
        if src is not None:  # a copy: nothing here touches the cached store, even in a rolled-back transaction
            shutil.copyfile(src, work / "store.db")
            url = f"sqlite:///{work / 'store.db'}"
        engine = make_engine(url)
        out = []
        jobs = [("aggregate rollups (models.rollups.rebuild)", rollups.rebuild if rollups else None),
                ("subtree sums (models.org_rollup.rebuild)", org_rollup.rebuild)]
        for measure, job in jobs:
            if job is None:
                out.append(Row("import rollups", measure, label, None, "s", note="not in this version"))
                continue
            with engine.connect() as conn:
                trans = conn.begin()
                wall, cpu = _timed(lambda: job(conn))  # noqa: B023 - called at once
                trans.rollback()
            out.append(Row("import rollups", f"{measure}, in an import's transaction", label, cpu, "s",
                           note=f"CPU; wall {wall:.1f} s; rolled back"))
        for n in MERGES:
            if rollup_delta is None:
                out.append(Row("import rollups", f"merge of {n:,} organisations, incremental", label, None, "s",
                               note="not in this version"))
                continue
            out += _merge_rows(engine, label, n)
        engine.dispose()
        return out
    finally:
        shutil.rmtree(work, ignore_errors=True)
