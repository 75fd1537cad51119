"""The benchmark table: one row per measured number, with its target and PASS/MISS; Markdown and CSV out.

A row says what was measured (`section`, `measure`), where (`scale`), the number and its unit, the
target it is held to (empty when the number is only reported) and whether it met it. The same rows
are printed, and written as <UTC stamp>.md/.csv plus latest.md/.csv so two runs can be diffed.
"""

from __future__ import annotations

import csv
import io
import operator
import shutil
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

COLUMNS = ("section", "measure", "scale", "value", "unit", "target", "status", "note")
_OPS = {"<=": operator.le, ">=": operator.ge}


@dataclass(frozen=True)
class Target:
    op: str  # "<=" or ">="
    limit: float

    def met(self, value: float) -> bool:
        return _OPS[self.op](value, self.limit)


@dataclass(frozen=True)
class Row:
    section: str
    measure: str
    scale: str
    value: float | None  # None: not measured (skipped or failed; `note` says which)
    unit: str
    target: Target | None = None
    note: str = ""

    @property
    def status(self) -> str:
        if self.target is None:
            return ""
        if self.value is None:
            return "n/a"
        return "PASS" if self.target.met(self.value) else "MISS"

    def cells(self) -> tuple[str, ...]:
        target = f"{self.target.op} {_fmt(self.target.limit)} {self.unit}".strip() if self.target else ""
        value = "—" if self.value is None else _fmt(self.value)
        return (self.section, self.measure, self.scale, value, self.unit, target, self.status, self.note)


def _fmt(x: float) -> str:
    if x == int(x) and abs(x) >= 10:
        return f"{int(x):,}"
    if abs(x) >= 100:
        return f"{x:,.0f}"
    if abs(x) >= 10:
        return f"{x:.1f}"
    return f"{x:.2f}"


def markdown(rows: Iterable[Row], header: Sequence[str] = ()) -> str:
    out = [*header, "" if header else None, "| " + " | ".join(COLUMNS) + " |",
           "|" + "|".join("---:" if c == "value" else "---" for c in COLUMNS) + "|"]
    for row in rows:
        out.append("| " + " | ".join(c.replace("|", "\\|") for c in row.cells()) + " |")
    return "\n".join(line for line in out if line is not None) + "\n"


def csv_text(rows: Iterable[Row]) -> str:
    """Plain values for comparing runs: the number unformatted, the target as `<= 150`."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(COLUMNS)
    for r in rows:
        target = f"{r.target.op} {r.target.limit:g}" if r.target else ""
        w.writerow((r.section, r.measure, r.scale, "" if r.value is None else f"{r.value:.6g}", r.unit, target,
                    r.status, r.note))
    return buf.getvalue()


def write(rows: Sequence[Row], out_dir: Path, stamp: str, header: Sequence[str] = ()) -> tuple[Path, Path]:
    """Write <stamp>.md and <stamp>.csv into out_dir and copy them to latest.md / latest.csv."""
    out_dir.mkdir(parents=True, exist_ok=True)
    md, table = out_dir / f"{stamp}.md", out_dir / f"{stamp}.csv"
    md.write_text(markdown(rows, header), encoding="utf-8")
    table.write_text(csv_text(rows), encoding="utf-8")
    shutil.copyfile(md, out_dir / "latest.md")
    shutil.copyfile(table, out_dir / "latest.csv")
    return md, table
