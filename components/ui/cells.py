"""Table cells as a reader sees them: a missing text is a dash, never Streamlit's "None"."""

from __future__ import annotations

import pandas as pd

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
