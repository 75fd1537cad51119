"""CSV and XLSX downloads of a table with Chinese column headers, shared by every page.

CSV is UTF-8 with a byte-order mark: without it Excel on Chinese Windows reads the file as GBK and
shows mojibake. Files are built only when the user clicks (Streamlit's deferred download), so a page
with export buttons pays nothing for them on each rerun.
"""

from __future__ import annotations

import io
from collections.abc import Mapping

import pandas as pd
import streamlit as st

from components.i18n import t

CSV_MIME = "text/csv"
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
_SHEET_NAME_MAX = 31  # Excel's limit


def labelled(df: pd.DataFrame, columns: Mapping[str, str]) -> pd.DataFrame:
    """Only `columns` (source name -> header), in that order, renamed to their headers."""
    missing = [c for c in columns if c not in df.columns]
    if missing:
        raise KeyError(f"columns not in the table: {missing}")
    return df[list(columns)].rename(columns=dict(columns))


def csv_bytes(df: pd.DataFrame, columns: Mapping[str, str]) -> bytes:
    return labelled(df, columns).to_csv(index=False).encode("utf-8-sig")


def xlsx_bytes(df: pd.DataFrame, columns: Mapping[str, str], *, sheet: str = "Sheet1") -> bytes:
    out = labelled(df, columns)
    # Excel cannot store timezone-aware datetimes; keep the wall-clock time.
    for col in out.columns:
        if isinstance(out[col].dtype, pd.DatetimeTZDtype):
            out[col] = out[col].dt.tz_localize(None)
    buf = io.BytesIO()
    with pd.ExcelWriter(buf, engine="openpyxl") as writer:
        out.to_excel(writer, index=False, sheet_name=sheet[:_SHEET_NAME_MAX] or "Sheet1")
        ws = writer.sheets[sheet[:_SHEET_NAME_MAX] or "Sheet1"]
        ws.freeze_panes = "A2"
        for i, header in enumerate(out.columns, start=1):
            values = ["" if pd.isna(v) else str(v) for v in out.iloc[:200, i - 1]]
            width = max([_display_width(str(header)), *(_display_width(v) for v in values)]) + 2
            ws.column_dimensions[ws.cell(row=1, column=i).column_letter].width = min(width, 60)
    return buf.getvalue()


def _display_width(text: str) -> int:
    """Column width in Excel units: CJK characters take two."""
    return sum(2 if ord(ch) > 0x2E80 else 1 for ch in text)


def download_buttons(df: pd.DataFrame, *, key: str, file_stem: str, columns: Mapping[str, str]) -> None:
    """A CSV and an XLSX download button side by side; disabled (with a note) when there are no rows."""
    frozen = labelled(df, columns).copy()  # checks the columns now, not on click
    cols = dict(zip(frozen.columns, frozen.columns, strict=True))
    empty = frozen.empty
    with st.container(horizontal=True, key=f"{key}.exports"):
        st.download_button(
            t("export.csv"), data=lambda: csv_bytes(frozen, cols), file_name=f"{file_stem}.csv", mime=CSV_MIME,
            key=f"{key}.csv", on_click="ignore", disabled=empty,
        )
        st.download_button(
            t("export.xlsx"), data=lambda: xlsx_bytes(frozen, cols, sheet=file_stem), file_name=f"{file_stem}.xlsx",
            mime=XLSX_MIME, key=f"{key}.xlsx", on_click="ignore", disabled=empty,
        )
        if empty:
            st.caption(t("export.empty"))
