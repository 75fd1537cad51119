"""The one value a page hands its components: the sidebar's filter, the viewer's scope, the export audit.

Pages build it once per run (`view = shell.view.current()`) and pass it down; components read
`view.area`, `view.year`, `view.scope` and call `view.record` when a file is built, and never look up
the scope, the filter or the audit table themselves. Adding a sidebar filter is: a field on
`filters.Filters` and its widget in `filters.sidebar` (bound to the URL), then the loaders that use it
take it as an argument (see README, "Where things go").
"""

from __future__ import annotations

from dataclasses import dataclass

from components.loaders.audit import Recorder, export_recorder
from components.shell import auth, filters
from models.access import Scope
from models.area import Area


@dataclass(frozen=True)
class View:
    filters: filters.Filters
    scope: Scope
    record: Recorder  # writes one audit line per file built (who, role, file, rows)

    @property
    def district(self) -> str | None:
        return self.filters.district

    @property
    def street(self) -> str | None:
        return self.filters.street

    @property
    def year(self) -> int:
        return self.filters.year

    @property
    def area(self) -> Area:
        return self.filters.area

    def area_label(self) -> str:
        return self.filters.area_label()


def current() -> View:
    """This run's view: the router's filter and the gated scope (a page run without the router is gated too)."""
    scope = auth.current_scope()
    return View(filters.current(), scope, export_recorder(scope))
