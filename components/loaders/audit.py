"""The audit table's writers for what pages do outside the data-management page: exports (issue 10)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from components.loaders import engine, store_url
from data.exporting import ExportContext
from data.importing.apply import audit
from models.access import Scope


@dataclass(frozen=True)
class Recorder:
    """Called with (file, rows) when a download is built: one `export` audit line. It also carries the
    page's ExportContext, so every export button reached by `record=view.record` knows what its file is
    (page, area, year, as-of date, demo) without one more parameter on the way down."""

    write: Callable[[str, int | None], None]
    context: ExportContext = field(default_factory=ExportContext)

    def __call__(self, file: str, rows: int | None) -> None:
        self.write(file, rows)


def export_recorder(scope: Scope, context: ExportContext | None = None) -> Recorder:
    """A recorder that writes one `export` line (who, role, file, rows) when a download is built.

    Bound at render time: Streamlit builds a deferred download outside the script run, where the
    session's state is not at hand.
    """
    eng, actor, role = engine(store_url()), scope.actor, scope.role

    def record(file: str, rows: int | None) -> None:
        with eng.begin() as conn:
            audit(conn, actor=actor, action="export", detail={"file": file, "rows": rows, "role": role})

    return Recorder(record, context or ExportContext())
