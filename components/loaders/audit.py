"""The audit table's writers for what pages do outside the data-management page: exports (issue 10)."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass, field

from components.loaders import engine, store_url
from data.exporting import ExportContext
from models.access import Scope
from models.short_writes import StoreBusy, write

log = logging.getLogger(__name__)

# Export lines the store could not take (an import held its write lock): written with the next one.
_PENDING: list[dict] = []
_PENDING_LOCK = threading.Lock()


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
        from data.importing import backup  # the importer's package is imported when a download is built
        from data.importing.apply import audit

        line = {"actor": actor, "action": "export", "detail": {"file": file, "rows": rows, "role": role},
                "at": backup.now()}
        with _PENDING_LOCK:
            lines = [*_PENDING, line]
            _PENDING.clear()
        try:  # a short write: a download never waits on an import (models/short_writes.py)
            write(eng, lambda conn: [audit(conn, **each) for each in lines])
        except StoreBusy:
            with _PENDING_LOCK:
                _PENDING[:0] = lines  # kept, with their own times, for the next export line
            log.warning("%d export audit line(s) deferred: the store's write lock is taken", len(lines))

    return Recorder(record, context or ExportContext())
