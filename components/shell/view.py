"""The one value a page hands its components: the sidebar's filter, the viewer's scope, the export audit.

Pages build it once per run (`view = shell.view.current()`) and pass it down; components read
`view.area`, `view.year`, `view.scope` and call `view.record` when a file is built, and never look up
the scope, the filter or the audit table themselves. Adding a sidebar filter is: a field on
`filters.Filters` and its widget in `filters.sidebar` (bound to the URL), then the loaders that use it
take it as an argument (see README, "Where things go").
"""

from __future__ import annotations

from dataclasses import dataclass

from components import loaders
from components.loaders.audit import Recorder, export_recorder
from components.shell import auth, filters
from components.ui.i18n import current_lang, t
from data.exporting import ExportContext
from models.access import Scope
from models.area import Area
from models.rules import is_demo


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

    @property
    def context(self) -> ExportContext:
        """What this page's files say about themselves (title row, as-of date, demo mark, file name)."""
        return self.record.context

    def area_name(self) -> str:
        return self.filters.area_name()


def export_context(page: str | None, f: filters.Filters | None = None) -> ExportContext:
    """The context of the files a page builds: its title, the area and year (when it filters by them), the
    store's as-of date and demo flag, in the session's language."""
    info = loaders.dataset_info()
    return ExportContext(page=t(f"page.{page}") if page else "", area=f.area_name() if f else None,
                         year=f.year if f else None, as_of=info.get("as_of"), demo=is_demo(info),
                         lang=current_lang())


def current(page: str | None = None) -> View:
    """This run's view: the router's filter and the gated scope (a page run without the router is gated too).
    `page` is the page's key ("buildings" for 楼宇覆盖), named in its export files."""
    scope = auth.current_scope()
    f = filters.current()
    return View(f, scope, export_recorder(scope, export_context(page, f)))
