"""Stores the benchmark runs against: fresh demo / shenzhen builds (their seeding is measured) and the
synthetic 1,000,000-organisation store, which takes minutes to build and so is cached between runs.

The cache lives in bench/.cache/ (git-ignored). A cached synthetic store is named by its size and a
generator version: a hash of bench/orgs_synthetic.py and models/tables.py, so a change to the generator
or the schema builds a new one instead of measuring a stale file.
"""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

from bench.common import ROOT

CACHE = ROOT / "bench" / ".cache"


def generator_version() -> str:
    digest = hashlib.sha256()
    for part in ("bench/orgs_synthetic.py", "models/tables.py", "models/tables_derived.py"):
        digest.update((ROOT / part).read_bytes())
    return digest.hexdigest()[:12]


def synthetic_store(n_orgs: int, *, cache: Path = CACHE, say=print) -> tuple[Path, bool]:
    """(path, built now) of the synthetic store with `n_orgs` organisations, built when not cached."""
    from bench import orgs_synthetic

    cache.mkdir(parents=True, exist_ok=True)
    path = cache / f"synthetic-{n_orgs}-{generator_version()}.db"
    if path.exists():
        return path, False
    partial = path.with_name(path.stem + ".partial.db")
    say(f"building the synthetic store ({n_orgs:,} organisations) at {path}; cached for later runs")
    orgs_synthetic.build(partial, n_orgs, say=say)
    con = sqlite3.connect(partial)  # fold the write-ahead log in: the cached file must stand alone
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.execute("PRAGMA journal_mode=DELETE")
    con.close()
    partial.replace(path)
    for old in cache.glob(f"synthetic-{n_orgs}-*.db"):  # earlier generator versions
        if old != path and not old.name.endswith(".partial.db"):
            old.unlink()
    return path, True
