"""Importing the district office's registers: read -> validate -> preview -> confirm -> one transaction.

    plan = preview(engine, "buildings", data, "楼宇.xlsx", crs="WGS-84")
    if plan.ok:
        commit(engine, url, plan, actor="张三")

Nothing is written until `commit`, and `commit` writes all rows or none (after backing the store up).
The page (pages/data_admin.py) and the command line (`python -m data.importing`) share this module.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date

import numpy as np
import pandas as pd
from sqlalchemy.engine import Engine

from data.importing import backup, boundaries, checks, writers
from data.importing.apply import Result, default_actor, init_reference, migrate
from data.importing.restoring import restore
from data.importing.apply import commit as _commit
from data.importing.messages import ImportRejected, Joined, Note, Problem, step as _step
from data.importing.files import example_rows
from data.importing.plan import Plan, diff
from data.importing.readers import read_table
from data.importing.specs import KIND_ALIASES, KINDS, SPECS
from data.importing.stages import checkpoint
from data.importing.store import dataset_info, fingerprint, snapshot
from data.importing.validate import Collector, parse
from models import rules

Progress = Callable[[float, str], None]
MODES = ("merge", "replace")
writers.WRITERS["boundaries"] = boundaries.write

__all__ = [
    "KINDS", "MODES", "ImportRejected", "Note", "Plan", "Problem", "Result", "commit", "default_actor",
    "init_reference", "migrate", "preview", "problems_frame", "restore", "store_is_demo",
]


def kind_name(kind: str) -> str:
    kind = KIND_ALIASES.get(kind, kind)
    if kind not in KINDS:
        raise ValueError(f"unknown kind {kind!r}; choose from {', '.join(KINDS)}")
    return kind


def store_is_demo(engine: Engine) -> bool:
    with engine.connect() as conn:
        return rules.is_demo(dataset_info(conn))


def _order(kind: str, problems: list[Problem]) -> list[Problem]:
    spec = SPECS.get(kind)
    position = {c.header: i for i, c in enumerate(spec.columns)} if spec else {}
    return sorted(problems, key=lambda p: (p.row or 0, position.get(p.column, 99)))


def preview(engine: Engine, kind: str, data: bytes, filename: str, *, crs: str = "WGS-84", mode: str = "merge",
            today: date | None = None, progress: Progress | None = None) -> Plan:
    """Read and check a file against the store; the Plan lists every problem or what a commit would do."""
    kind = kind_name(kind)
    if mode not in MODES:
        raise ValueError(f"unknown mode {mode!r}")
    say = progress or (lambda _f, _m: None)
    today = today or backup.now().date()
    with engine.connect() as conn:
        if mode == "replace" and dataset_info(conn).get("origin") != "demo":
            raise ValueError("replace mode is only for a store that holds demo data")
        fp = fingerprint(conn)
        snap = snapshot(conn, kind, replace=mode == "replace")
        stored_outlines = boundaries.existing(conn) if kind == "boundaries" and mode == "merge" else None
    empty = np.array([], dtype=object)
    say(0.05, _step("read"))
    if kind == "boundaries":
        try:
            frame, problems, notes = boundaries.parse(data, snap.regions, crs=crs)
        except ImportRejected as exc:
            return Plan(kind, filename, pd.DataFrame(), empty, empty, exc.problems, mode=mode, fingerprint=fp)
        if problems:
            return Plan(kind, filename, frame, frame["row"].to_numpy(), empty, problems, notes, mode=mode,
                        fingerprint=fp, crs=crs)
        stored = stored_outlines if stored_outlines is not None else pd.DataFrame(columns=["code", "geometry"])
        status = boundaries.status(frame, stored)
        return Plan(kind, filename, frame, frame["row"].to_numpy(), status, [], notes, mode=mode, fingerprint=fp,
                    crs=crs)
    spec = SPECS[kind]
    try:
        raw = read_table(data, filename, spec)
    except ImportRejected as exc:
        return Plan(kind, filename, pd.DataFrame(), empty, empty, exc.problems, mode=mode, fingerprint=fp)
    example = example_rows(spec, raw.frame)
    if example.all():
        problem = Problem("only_example", int(raw.rows[0]), spec.columns[0].header, str(raw.frame.iat[0, 0]))
        return Plan(kind, filename, pd.DataFrame(), empty, empty, [problem], mode=mode, fingerprint=fp)
    skipped = [int(r) for r, e in zip(raw.rows, example, strict=True) if e]
    if skipped:
        raw = replace(raw, frame=raw.frame[~example].reset_index(drop=True),
                      rows=[int(r) for r, e in zip(raw.rows, example, strict=True) if not e])
    checkpoint("reading")
    say(0.3, _step("check_format"))
    checked = parse(spec, raw, today=today, default_crs=crs, filename=filename)
    if skipped:  # the read note counts every data row of the file, the example too
        checked.notes = [Note(n.key, n.params | {"rows": n.params["rows"] + len(skipped)})
                         if n.key in ("note_read", "note_read_xlsx") else n for n in checked.notes]
        checked.notes.append(Note("note_example_skipped", {"rows": Joined(skipped)}))
    checkpoint("validating")
    say(0.7, _step("check_references"))
    checks.CHECKS[kind](spec, checked, snap, Collector(checked.rows, checked.problems))
    checked.raw = None
    if checked.problems:
        return Plan(kind, filename, checked.frame, checked.rows, empty, _order(kind, checked.problems),
                    checked.notes, mode=mode, fingerprint=fp, crs=crs)
    say(0.9, _step("compare"))
    status, changes = diff(spec, checked.frame, checked.rows, snap.existing, checked.present)
    say(1.0, _step("done"))
    return Plan(kind, filename, checked.frame, checked.rows, status, [], checked.notes, changes, mode, fp, crs,
                checked.present)


def commit(engine: Engine, url: str, plan: Plan, *, actor: str, as_of: date | None = None,
           progress: Progress | None = None) -> Result:
    """Write a previewed plan in one transaction (backup first); ImportRejected if the store moved."""
    return _commit(engine, url, plan, actor=actor, as_of=as_of, progress=progress)


def problems_frame(problems: list[Problem], lang: str = "zh") -> pd.DataFrame:
    """The error table: row as in the file, column, value, reason."""
    return pd.DataFrame(
        [(p.row, p.column, p.value, p.text(lang)) for p in problems], columns=["row", "column", "value", "reason"],
    ).astype({"row": "Int64"})
