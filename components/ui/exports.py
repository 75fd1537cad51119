"""CSV and XLSX downloads of a table with Chinese column headers, shared by every page.

CSV is UTF-8 with a byte-order mark: without it Excel on Chinese Windows reads the file as GBK and
shows mojibake; it holds the plain data. The XLSX carries its context (title row with page, area and year,
数据截至 and the time built, the 示例数据 mark, a sheet 说明 defining the columns): the context comes with
`record` (the page's View.record carries its ExportContext), so no caller passes it. Files are built only
when the user clicks (Streamlit's deferred download), so a page with export buttons pays nothing for them
on each rerun.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

import pandas as pd
import streamlit as st

from components.loaders.audit import Recorder
from components.ui.i18n import t
from data.exporting import ExportContext, csv_bytes, labelled, report_xlsx, xlsx_bytes  # bytes built in data/
from models.i18n import ENTRIES

__all__ = ["CSV_MIME", "XLSX_MIME", "Recorder", "csv_bytes", "definitions", "download_buttons", "labelled",
           "xlsx_bytes"]

CSV_MIME = "text/csv"
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def context_of(record: Callable[[str, int | None], None]) -> ExportContext:
    """The page's export context (a bare one for a recorder without it, e.g. in a unit test)."""
    return getattr(record, "context", None) or ExportContext()


def definitions(page: str, columns: Mapping[str, str]) -> dict[str, str]:
    """Header -> definition for the 说明 sheet: `export.def.<page>.<column>`, else `export.def.<column>`."""
    out = {}
    for col, header in columns.items():
        for key in (f"export.def.{page}.{col}", f"export.def.{col}"):
            if key in ENTRIES:
                out[header] = t(key)
                break
    return out


def file_builder(frozen: pd.DataFrame, cols: Mapping[str, str], file_stem: str, record: Recorder, *,
                 page: str = "") -> Callable[[str], bytes]:
    """What a download button calls on click: the file's bytes ("csv" | "xlsx"), the export audited."""
    context = context_of(record)
    notes = definitions(page, cols)

    def build(fmt: str) -> bytes:
        if fmt == "csv":
            body = csv_bytes(frozen, cols)
        else:
            body = report_xlsx(frozen, cols, context, definitions=notes, sheet=file_stem)
        record(context.file_name(file_stem, fmt), len(frozen))
        return body

    return build


def download_buttons(df: pd.DataFrame, *, key: str, file_stem: str, columns: Mapping[str, str], record: Recorder
                     ) -> None:
    """A CSV and an XLSX download button side by side; disabled (with a note) when there are no rows.

    The table is whatever the page shows, so it holds only what the viewer's scope allows; each file
    built is written to the audit table by `record` (who, role, file, rows: `View.record`). `file_stem`
    says what the table is ("楼宇覆盖"); the file is named `<area>_<stem>_<year>[_示例数据]`.
    """
    labelled(df, columns)  # checks the columns now, not on click
    frozen = df[list(columns)].copy()
    cols = dict(columns)
    empty = frozen.empty
    context = context_of(record)
    build = file_builder(frozen, cols, file_stem, record, page=key.split(".", 1)[0])
    with st.container(horizontal=True, key=f"{key}.exports"):
        st.download_button(
            t("export.csv"), data=lambda: build("csv"), file_name=context.file_name(file_stem, "csv"), mime=CSV_MIME,
            key=f"{key}.csv", on_click="ignore", disabled=empty,
        )
        st.download_button(
            t("export.xlsx"), data=lambda: build("xlsx"), file_name=context.file_name(file_stem, "xlsx"),
            mime=XLSX_MIME, key=f"{key}.xlsx", on_click="ignore", disabled=empty,
        )
        if empty:
            st.caption(t("export.empty"))
