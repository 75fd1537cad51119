"""CSV and XLSX downloads of a table with Chinese column headers, shared by every page.

CSV is UTF-8 with a byte-order mark: without it Excel on Chinese Windows reads the file as GBK and
shows mojibake. Files are built only when the user clicks (Streamlit's deferred download), so a page
with export buttons pays nothing for them on each rerun.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

import pandas as pd
import streamlit as st

from components.ui.i18n import t
from components.loaders.audit import Recorder
from data.exporting import csv_bytes, labelled, xlsx_bytes  # the bytes are built in data/ (no Streamlit there)

__all__ = ["CSV_MIME", "XLSX_MIME", "Recorder", "csv_bytes", "download_buttons", "labelled", "xlsx_bytes"]

CSV_MIME = "text/csv"
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def file_builder(frozen: pd.DataFrame, cols: Mapping[str, str], file_stem: str, record: Recorder
                 ) -> Callable[[str], bytes]:
    """What a download button calls on click: the file's bytes ("csv" | "xlsx"), the export audited."""

    def build(fmt: str) -> bytes:
        body = csv_bytes(frozen, cols) if fmt == "csv" else xlsx_bytes(frozen, cols, sheet=file_stem)
        record(f"{file_stem}.{fmt}", len(frozen))
        return body

    return build


def download_buttons(df: pd.DataFrame, *, key: str, file_stem: str, columns: Mapping[str, str], record: Recorder
                     ) -> None:
    """A CSV and an XLSX download button side by side; disabled (with a note) when there are no rows.

    The table is whatever the page shows, so it holds only what the viewer's scope allows; each file
    built is written to the audit table by `record` (who, role, file, rows: `View.record`).
    """
    frozen = labelled(df, columns).copy()  # checks the columns now, not on click
    cols = dict(zip(frozen.columns, frozen.columns, strict=True))
    empty = frozen.empty
    build = file_builder(frozen, cols, file_stem, record)
    with st.container(horizontal=True, key=f"{key}.exports"):
        st.download_button(
            t("export.csv"), data=lambda: build("csv"), file_name=f"{file_stem}.csv", mime=CSV_MIME,
            key=f"{key}.csv", on_click="ignore", disabled=empty,
        )
        st.download_button(
            t("export.xlsx"), data=lambda: build("xlsx"), file_name=f"{file_stem}.xlsx",
            mime=XLSX_MIME, key=f"{key}.xlsx", on_click="ignore", disabled=empty,
        )
        if empty:
            st.caption(t("export.empty"))
