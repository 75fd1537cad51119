"""The audit table's writers for what pages do outside the data-management page: exports (issue 10)."""

from __future__ import annotations

from collections.abc import Callable

from components.loaders import engine, store_url
from data.importing.apply import audit
from models.access import Scope

Recorder = Callable[[str, int | None], None]


def export_recorder(scope: Scope) -> Recorder:
    """A function that writes one `export` line (who, role, file, rows) when a download is built.

    Bound at render time: Streamlit builds a deferred download outside the script run, where the
    session's state is not at hand.
    """
    eng, actor, role = engine(store_url()), scope.actor, scope.role

    def record(file: str, rows: int | None) -> None:
        with eng.begin() as conn:
            audit(conn, actor=actor, action="export", detail={"file": file, "rows": rows, "role": role})

    return record
