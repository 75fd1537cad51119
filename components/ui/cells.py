"""Table cells as a reader sees them: a missing text is a dash, never Streamlit's "None"; a figure withheld
for the viewer (models.access small aggregates) reads "<3" or "（隐去）", never 0 or NaN."""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd

from models.access import MARK_SMALL, MARK_WITHHELD

DASH = "—"


def dashed(df: pd.DataFrame) -> pd.DataFrame:
    """A copy with every missing value of a text (object) column shown as "—"; numbers, dates and booleans
    are left as they are (their columns format them)."""
    out = df.copy()
    for col in out.columns:
        if out[col].dtype == object:
            values = out[col]
            out[col] = values.where(values.notna(), DASH)
    return out


def mark_text(code: str) -> str:
    """The marker of a withheld cell in the session's language (scope.small / scope.withheld)."""
    from components.ui.i18n import t

    return t("scope.withheld") if code == MARK_WITHHELD else t("scope.small")


def any_marked(df: pd.DataFrame, *flags: str) -> bool:
    return any(f in df.columns and bool(df[f].fillna(False).astype(bool).any()) for f in flags)


def marked(df: pd.DataFrame, columns: dict[str, tuple[str, Callable[[float], str]]]) -> pd.DataFrame:
    """A copy in which each column of `columns` (column -> (flag, format)) is text when some row of it is
    withheld: the formatted figure, or the marker of its `<flag>_mark`. Columns with nothing withheld stay
    numbers (their column_config formats them)."""
    out = df.copy()
    for col, (flag, fmt) in columns.items():
        if col not in out.columns or not any_marked(out, flag):
            continue
        codes = out.get(f"{flag}_mark", pd.Series([MARK_SMALL] * len(out), index=out.index))
        out[col] = [mark_text(c or MARK_SMALL) if bool(hidden) else (DASH if v is None or v != v else fmt(v))
                    for v, hidden, c in zip(out[col], out[flag].fillna(False), codes, strict=True)]
    return out


def int_text(v: float) -> str:
    return f"{int(v):,}"


def pct_text(v: float) -> str:
    """A 0-100 percentage with one decimal."""
    return f"{v:.1f}%"
