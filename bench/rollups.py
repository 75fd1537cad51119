"""What an import adds to its transaction for the derived tables: models.rollups.rebuild (grades,
transitions, organisation and building facts) and models.org_rollup.rebuild (subtree sums), timed on a
store and rolled back (the cached synthetic store is left as it was). Both rebuild from scratch, so the
cost is the store's size, not the import's: a 100,000-row import at 1 M organisations pays this once."""

from __future__ import annotations

import time

from bench.report import Row


def rows(url: str, label: str) -> list[Row]:
    from models import org_rollup
    from models.db import make_engine

    try:
        from models import rollups
    except ImportError:  # a tree from before the rollups
        rollups = None
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
            wall, cpu = time.perf_counter(), time.process_time()
            job(conn)
            wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
            trans.rollback()
        out.append(Row("import rollups", f"{measure}, in an import's transaction", label, cpu, "s",
                       note=f"CPU; wall {wall:.1f} s; rolled back"))
    engine.dispose()
    return out
