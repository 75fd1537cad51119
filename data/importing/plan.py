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
    payload: object = None  # kind-specific extra (the parsed features of a GeoJSON file)

    @property
    def ok(self) -> bool:
        return not self.problems

    def counts(self) -> dict[str, int]:
        return {s: int((self.status == s).sum()) for s in (ADD, UPDATE, SAME)}


def _is_missing(v: object) -> bool:
    return v is None or (isinstance(v, float) and math.isnan(v)) or v is pd.NA or v is pd.NaT


def same_value(a: object, b: object) -> bool:
    """Equality of a parsed value and a stored one (None/NaN alike, floats to 1e-9, bools as bools)."""
    if _is_missing(a) or _is_missing(b):
        return _is_missing(a) and _is_missing(b)
    if isinstance(a, bool) or isinstance(b, bool):
        return bool(a) == bool(b)
    if isinstance(a, (int, float, np.integer, np.floating)) and isinstance(b, (int, float, np.integer, np.floating)):
        return abs(float(a) - float(b)) <= 1e-9
    if isinstance(a, date) and isinstance(b, str):
        return a.isoformat() == b[:10]
    return a == b


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


def diff(spec: KindSpec, frame: pd.DataFrame, rows: np.ndarray, existing: pd.DataFrame) -> tuple[np.ndarray, pd.DataFrame]:
    """(status per row, listed changes) of the file against the stored rows of the same kind."""
    key = list(spec.key)
    fields = [c.field for c in spec.columns if c.type != "crs" and c.field not in key]
    stored = existing.drop_duplicates(key).set_index(key)
    keys = pd.MultiIndex.from_frame(frame[key]) if len(key) > 1 else pd.Index(frame[key[0]])
    if len(key) > 1:
        stored.index = pd.MultiIndex.from_tuples([tuple(k) for k in stored.index], names=key)
    found = keys.isin(stored.index)
    aligned = stored.reindex(keys[found]) if found.any() else stored.iloc[0:0]
    status = np.full(len(frame), ADD, dtype=object)
    listed: list[tuple] = []
    found_idx = np.flatnonzero(found)
    differs = np.zeros(len(found_idx), dtype=bool)
    for name in fields:
        new_vals = frame[name].to_numpy()[found_idx]
        old_vals = aligned[name].to_numpy()
        for j, (a, b) in enumerate(zip(new_vals, old_vals, strict=True)):
            if not same_value(a, b):
                differs[j] = True
                if len(listed) < MAX_LISTED_CHANGES:
                    i = found_idx[j]
                    listed.append((int(rows[i]), " / ".join(str(frame[k].iat[i]) for k in key),
                                   spec.header_of(name), shown(spec, name, b), shown(spec, name, a)))
    status[found_idx] = np.where(differs, UPDATE, SAME)
    changes = pd.DataFrame(listed, columns=["row", "key", "column", "old", "new"]).sort_values(["row"], kind="stable")
    return status, changes.reset_index(drop=True)
