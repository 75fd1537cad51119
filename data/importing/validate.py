"""Cell and row checks common to every tabular kind: types, allowed values, coordinates, duplicates.

Work is column-wise with pandas so that 100,000 rows take about a second; every failing cell becomes a
Problem naming the row as numbered in the file, the column header, the value and the reason.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

import numpy as np
import pandas as pd

from data.importing.messages import Joined, Note, Problem
from data.importing.readers import RawTable
from data.importing.specs import (
    CODE_RE, EXTENT, FULLWIDTH, GROUP_CODES, LABELS, Column, KindSpec, choice_index, choice_key,
)
from models.geo import gcj02_to_wgs84_arrays

FIRST_DATE = date(1949, 10, 1)
LAST_DATE = date(2100, 12, 31)  # of a date that may lie in the future (a deadline)
_DATE_RE = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:[ T].*)?$")
_BOOL = {"是": True, "否": False, "y": True, "n": False, "yes": True, "no": False, "true": True, "false": False,
         "1": True, "0": False, "√": True, "×": False, "有": True, "无": False}
_SERVICE_SEPARATORS = re.compile(r"\s*[,，;；/、]\s*")
_BLANKS = "\u3000\u00a0\u200b\ufeff \t\r\n"


@dataclass
class Checked:
    """A parsed file: values in store form per field (None where blank or invalid), problems, notes."""

    kind: str
    frame: pd.DataFrame
    rows: np.ndarray  # file row number of each frame row
    problems: list[Problem] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    filename: str = ""
    crs: str = "WGS-84"
    raw: pd.DataFrame | None = None  # the cells as read, for checks that must tell blank from invalid
    present: frozenset[str] = frozenset()  # fields with a column in the file; the others stay as stored

    @property
    def ok(self) -> bool:
        return not self.problems


class Collector:
    """Turns boolean masks over the frame into Problems with file row numbers."""

    def __init__(self, rows: np.ndarray, problems: list[Problem]):
        self.rows = rows
        self.problems = problems

    def add(self, mask: pd.Series | np.ndarray, column: Column | str, values: pd.Series | None, key: str,
            params: dict | Callable[[int], dict] | None = None) -> None:
        idx = np.flatnonzero(np.asarray(mask, dtype=bool))
        header = column if isinstance(column, str) else column.header
        for i in idx:
            value = "" if values is None else values.iat[i]
            p = params(i) if callable(params) else (params or {})
            self.problems.append(Problem(key, int(self.rows[i]), header, "" if value is None else str(value), p))


def _folded(s: pd.Series) -> pd.Series:
    """Full-width folded and trimmed. Columns of few distinct values (kinds, levels, years) fold each
    value once; otherwise only non-ASCII cells pay for the translation (codes and numbers are ASCII)."""
    distinct = s.unique()
    if len(distinct) * 10 < len(s):
        return s.map({u: u.translate(FULLWIDTH).strip(_BLANKS) for u in distinct})
    wide = ~s.str.isascii()
    if wide.any():
        s = s.where(~wide, s[wide].str.translate(FULLWIDTH))
    return s.str.strip(_BLANKS)


def _objects(values: np.ndarray, as_int: bool) -> pd.Series:
    """Floats with NaN -> an object Series of Python ints/floats and None (what the store takes)."""
    out = np.full(len(values), None, dtype=object)
    ok = ~np.isnan(values)
    out[ok] = (values[ok].astype(np.int64) if as_int else values[ok]).tolist()
    return pd.Series(out, dtype=object)


def _numbers(c: Column, s: pd.Series, blank: pd.Series, out: Collector, today: date) -> pd.Series:
    num = pd.to_numeric(s.str.replace(",", "", regex=False).where(~blank, None), errors="coerce").astype(float)
    bad = ~blank.to_numpy() & ~np.isfinite(num.to_numpy())  # NaN: not a number; inf is not one either
    out.add(bad, c, s, "not_number")
    num = num.where(~bad)
    if c.type == "int":
        frac = num.notna() & (num != num.round())
        out.add(frac, c, s, "not_integer")
        num = num.where(~frac)
    if c.min is not None:
        low = num < c.min
        out.add(low, c, s, "below_min", {"min": f"{c.min:g}"})
        num = num.where(~low)
    if c.max is not None:
        high = num > c.max
        out.add(high, c, s, "above_max", {"max": f"{c.max:g}"})
        num = num.where(~high)
    if c.type == "int" and c.min is not None and c.min >= 1900:  # a year: not in the future
        future = num > today.year
        out.add(future, c, s, "in_future", {"year": today.year})
        num = num.where(~future)
    return _objects(num.to_numpy(dtype=float), c.type == "int").set_axis(s.index)


def _date(text: str) -> date | None:
    m = _DATE_RE.match(text)
    if not m:
        return None
    try:
        return date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        return None


def parse_column(c: Column, raw: pd.Series, out: Collector, *, today: date, default_crs: str) -> pd.Series:
    """One column in store form; invalid cells are reported and become None."""
    text_like = c.type in ("text",)
    s = raw.astype(object).fillna("").astype(str)
    s = s.str.strip(_BLANKS) if text_like else _folded(s)
    blank = s == ""
    if c.required:
        out.add(blank, c, None, "required")
    if c.type == "text":
        if c.field == "services":
            s = s.str.replace(_SERVICE_SEPARATORS, "、", regex=True)
        long = s.str.len() > (c.max_len or 10**9)
        out.add(long, c, s, "too_long", {"max": c.max_len})
        return s.where(~blank & ~long, None)
    if c.type == "code":
        bad = ~blank & ~s.str.match(CODE_RE)
        out.add(bad, c, s, "bad_code")
        long = ~bad & (s.str.len() > (c.max_len or 10**9))
        out.add(long, c, s, "too_long", {"max": c.max_len})
        return s.where(~blank & ~bad & ~long, None)
    if c.type in ("int", "float", "lon", "lat"):
        return _numbers(c, s, blank, out, today)
    if c.type in ("enum", "crs"):
        index = choice_index(c.group)
        codes = s.map({u: index.get(choice_key(u)) for u in s.unique()})  # few distinct values per column
        bad = ~blank & codes.isna()
        choices = "、".join(LABELS[c.group][k] for k in GROUP_CODES[c.group])
        out.add(bad, c, s, "bad_choice", {"choices": choices})
        codes = codes.where(~bad & ~blank, None).astype(object)
        return codes.where(codes.notna(), default_crs) if c.type == "crs" else codes
    if c.type == "bool":
        values = s.map({u: _BOOL.get(u.lower()) for u in s.unique()})
        bad = ~blank & values.isna()
        out.add(bad, c, s, "bad_bool")
        return values.where(values.notna(), False).astype(bool)
    if c.type == "date":
        values = pd.Series([None if b else _date(v) for v, b in zip(s, blank, strict=True)], index=s.index,
                           dtype=object)
        bad = ~blank & values.isna()
        out.add(bad, c, s, "bad_date")
        last = LAST_DATE if c.future else today
        early = values.map(lambda d: d is not None and not (FIRST_DATE <= d <= last)).astype(bool)
        out.add(early, c, s, "date_range_future" if c.future else "date_range")
        return values.where(~early, None)
    raise ValueError(f"unknown column type {c.type!r}")


def _coordinates(spec: KindSpec, frame: pd.DataFrame, raw: pd.DataFrame, out: Collector) -> None:
    """Both-or-neither, GCJ-02 -> WGS-84 (6 decimals, 0.1 m), then inside Shenzhen."""
    lon_c, lat_c = spec.column("lon"), spec.column("lat")
    lon_blank = raw["lon"].astype(str).str.translate(FULLWIDTH).str.strip(_BLANKS) == ""
    lat_blank = raw["lat"].astype(str).str.translate(FULLWIDTH).str.strip(_BLANKS) == ""
    out.add(lon_blank & ~lat_blank, lon_c, None, "coord_pair")
    out.add(lat_blank & ~lon_blank, lat_c, None, "coord_pair")
    lon = np.array(frame["lon"], dtype=float)  # copies: pandas hands out read-only views
    lat = np.array(frame["lat"], dtype=float)
    gcj = (frame["crs"] == "GCJ-02").to_numpy() & ~np.isnan(lon) & ~np.isnan(lat)
    if gcj.any():
        w_lon, w_lat = gcj02_to_wgs84_arrays(lon[gcj], lat[gcj])
        lon[gcj], lat[gcj] = np.round(w_lon, 6), np.round(w_lat, 6)
    x0, y0, x1, y1 = EXTENT
    params = {"lon_min": x0, "lon_max": x1, "lat_min": y0, "lat_max": y1}
    crs = frame["crs"]
    out.add(~np.isnan(lon) & ((lon < x0) | (lon > x1)), lon_c, raw["lon"], "outside_shenzhen",
            lambda i: params | {"crs": crs.iat[i]})
    out.add(~np.isnan(lat) & ((lat < y0) | (lat > y1)), lat_c, raw["lat"], "outside_shenzhen",
            lambda i: params | {"crs": crs.iat[i]})
    pair = ~np.isnan(lon) & ~np.isnan(lat)
    frame["lon"] = pd.Series([float(v) if p else None for v, p in zip(lon, pair, strict=True)], dtype=object)
    frame["lat"] = pd.Series([float(v) if p else None for v, p in zip(lat, pair, strict=True)], dtype=object)


def duplicates(spec: KindSpec, frame: pd.DataFrame, out: Collector) -> None:
    """Rows sharing the upsert key: each names the other rows."""
    key = list(spec.key)
    present = frame[key].notna().all(axis=1)
    dup = present & frame.duplicated(key, keep=False)
    if not dup.any():
        return
    groups: dict[tuple, list[int]] = {}
    for i in np.flatnonzero(dup.to_numpy()):
        groups.setdefault(tuple(frame[k].iat[i] for k in key), []).append(int(out.rows[i]))
    column = spec.column(key[0])
    what = Joined(spec.header_of(k) for k in key)
    for i in np.flatnonzero(dup.to_numpy()):
        k = tuple(frame[f].iat[i] for f in key)
        others = [r for r in groups[k] if r != out.rows[i]]
        out.problems.append(Problem("duplicate_key", int(out.rows[i]), column.header, " / ".join(map(str, k)),
                                    {"rows": Joined(others), "what": what}))


def parse(spec: KindSpec, raw: RawTable, *, today: date, default_crs: str = "WGS-84",
          filename: str = "") -> Checked:
    """Parse every column and run the checks that need no store; problems sorted by row later."""
    problems: list[Problem] = []
    rows = np.asarray(raw.rows, dtype=np.int64)
    out = Collector(rows, problems)
    frame = pd.DataFrame(index=range(len(raw.frame)))
    for c in spec.columns:
        # Assigned as an object Series: a bare array would let pandas infer a string dtype and turn None into NaN.
        values = parse_column(c, raw.frame[c.field], out, today=today, default_crs=default_crs).astype(object)
        frame[c.field] = pd.Series(values.where(values.notna(), None).to_numpy(), index=frame.index, dtype=object)
    if spec.has_coords:
        _coordinates(spec, frame, raw.frame, out)
    duplicates(spec, frame, out)
    notes = []
    if raw.format == "xlsx":
        notes.append(Note("note_read_xlsx", {"sheet": raw.sheet, "header_row": raw.header_row, "rows": len(rows)}))
    else:
        notes.append(Note("note_read", {"format": "CSV", "encoding": raw.encoding, "header_row": raw.header_row,
                                        "rows": len(rows)}))
    if raw.ignored:
        notes.append(Note("note_ignored", {"columns": "、".join(raw.ignored)}))
    if spec.has_coords and (frame["crs"] == "GCJ-02").any():
        notes.append(Note("note_crs", {"crs": "GCJ-02"}))
    return Checked(spec.name, frame, rows, problems, notes, filename, default_crs, raw.frame, raw.present)
