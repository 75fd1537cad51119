"""Preview of an import: which rows are new, which update a stored row (and how), which are unchanged."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date

import numpy as np
import pandas as pd

from data.importing.messages import Note, Problem
from data.importing.specs import LABELS, KindSpec

MAX_LISTED_CHANGES = 2000  # changed cells listed in the preview; the counts cover everything
ADD, UPDATE, SAME = "add", "update", "same"


@dataclass
class Plan:
    """Everything the confirm step needs; built at preview time and checked again before writing."""

    kind: str
    filename: str
    frame: pd.DataFrame  # values in store form, one row per data row of the file
    rows: np.ndarray  # file row numbers
    status: np.ndarray  # ADD | UPDATE | SAME per row
    problems: list[Problem] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    changes: pd.DataFrame | None = None  # row, key, column, old, new (first MAX_LISTED_CHANGES)
    mode: str = "merge"  # merge | replace (demo data replaced by the reference geography first)
    fingerprint: tuple = ()
    crs: str = "WGS-84"
    present: frozenset[str] = frozenset()  # columns the file has: an update writes only these (and derived ones)

    @property
    def ok(self) -> bool:
        return not self.problems

    def counts(self) -> dict[str, int]:
        return {s: int((self.status == s).sum()) for s in (ADD, UPDATE, SAME)}


def _is_missing(v: object) -> bool:
    return v is None or (isinstance(v, float) and math.isnan(v)) or v is pd.NA or v is pd.NaT


def shown(spec: KindSpec, name: str, value: object) -> str:
    """A stored value as the file would show it."""
    if _is_missing(value):
        return ""
    c = spec.column(name)
    if c.type == "enum":
        return LABELS[c.group].get(str(value), str(value))
    if c.type == "bool":
        return "是" if value else "否"
    if isinstance(value, float) and value.is_integer() and c.type in ("int",):
        return str(int(value))
    return str(value)


NUMERIC = ("int", "float", "lon", "lat")


def _same_column(kind: str, new: np.ndarray, old: np.ndarray) -> np.ndarray:
    """Which parsed values equal the stored ones: None/NaN alike, numbers to 1e-9, bools as bools."""
    if kind in NUMERIC:
        a = pd.to_numeric(pd.Series(new, dtype=object), errors="coerce").to_numpy(dtype=float)
        b = pd.to_numeric(pd.Series(old, dtype=object), errors="coerce").to_numpy(dtype=float)
        both = np.isnan(a) & np.isnan(b)
        with np.errstate(invalid="ignore"):
            return both | (np.abs(a - b) <= 1e-9)
    if kind == "bool":
        return pd.Series(new, dtype=object).fillna(False).astype(bool).to_numpy() == \
            pd.Series(old, dtype=object).fillna(False).astype(bool).to_numpy()
    a, b = pd.Series(new, dtype=object), pd.Series(old, dtype=object)
    na, nb = a.isna().to_numpy(), b.isna().to_numpy()
    if kind == "date":  # stored dates may come back as text on some back-ends
        b = b.map(lambda v: date.fromisoformat(v[:10]) if isinstance(v, str) else v)
    equal = np.array([x == y for x, y in zip(a, b, strict=True)], dtype=bool) if len(a) else np.zeros(0, bool)
    return (na & nb) | (~na & ~nb & equal)


# Fields computed from other columns: compared and written whenever those are (ratings: from the scores).
DERIVED = {"ratings": ("composite", "grade"), "committee_scores": ("composite",)}


def compared(spec: KindSpec, present: frozenset[str]) -> list:
    """The columns an update compares and writes: those in the file, plus derived ones."""
    keep = set(present) | set(DERIVED.get(spec.name, ()))
    return [c for c in spec.columns if c.type != "crs" and c.field not in spec.key and c.field in keep]


def diff(spec: KindSpec, frame: pd.DataFrame, rows: np.ndarray, existing: pd.DataFrame,
         present: frozenset[str] | None = None) -> tuple[np.ndarray, pd.DataFrame]:
    """(status per row, listed changes) of the file against the stored rows of the same kind.

    Only columns present in the file count: a register without a 经度 column leaves stored positions alone.
    """
    key = list(spec.key)
    columns = compared(spec, frozenset(c.field for c in spec.columns) if present is None else present)
    stored = existing.drop_duplicates(key).set_index(key)
    if len(key) > 1:
        stored.index = pd.MultiIndex.from_tuples([tuple(k) for k in stored.index], names=key)
        keys = pd.MultiIndex.from_frame(frame[key])
    else:
        keys = pd.Index(frame[key[0]])
    found = keys.isin(stored.index)
    found_idx = np.flatnonzero(found)
    aligned = stored.reindex(keys[found])
    status = np.full(len(frame), ADD, dtype=object)
    differs = np.zeros(len(found_idx), dtype=bool)
    listed: list[tuple] = []
    for c in columns:
        new_vals = frame[c.field].to_numpy()[found_idx]
        old_vals = aligned[c.field].to_numpy()
        changed = ~_same_column(c.type, new_vals, old_vals)
        differs |= changed
        for j in np.flatnonzero(changed)[: max(0, MAX_LISTED_CHANGES - len(listed))]:
            i = found_idx[j]
            listed.append((int(rows[i]), " / ".join(str(frame[k].iat[i]) for k in key), c.header,
                           shown(spec, c.field, old_vals[j]), shown(spec, c.field, new_vals[j])))
    status[found_idx] = np.where(differs, UPDATE, SAME)
    changes = pd.DataFrame(listed, columns=["row", "key", "column", "old", "new"]).sort_values(["row"], kind="stable")
    return status, changes.reset_index(drop=True)
