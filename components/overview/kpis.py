"""The figures 总览's map and ranking board can compare regions by: code, column, how a value reads."""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

from components.ui.cards import fmt_int, fmt_pct
from components.ui.cells import mark_text
from components.ui.i18n import t


@dataclass(frozen=True)
class Kpi:
    code: str  # the URL value (overview.kpi=<code>)
    column: str  # the column of loaders.cockpit.regions
    label_key: str
    fmt: Callable[[float | None], str]
    share: bool  # a 0-1 share (shown as %), else a count or density
    flag: str | None = None  # the column saying a region's value is withheld for the viewer (models.access)

    def label(self, lang: str | None = None) -> str:
        return t(self.label_key, lang)

    def withheld(self, row) -> str | None:
        """The marker for a region whose value is withheld for the viewer, else None."""
        if self.flag is None or not bool(row.get(self.flag, False)):
            return None
        return mark_text(row.get(f"{self.flag}_mark") or "")

    def value(self, x: float | None) -> str:
        return "—" if x is None or (isinstance(x, float) and math.isnan(x)) else self.fmt(x)


def _density(x: float | None) -> str:
    return t("overview.value.per_km2", n=f"{x:.2f}")


def _members(x: float | None) -> str:
    return t("overview.value.members", n=fmt_int(x))


KPIS: dict[str, Kpi] = {k.code: k for k in (
    Kpi("a_share", "a_share", "overview.kpi.a_share", fmt_pct, True, "graded_small"),
    Kpi("tower_rate", "tower_rate", "overview.kpi.tower_rate", fmt_pct, True, "towers_small"),
    Kpi("centres_km2", "centres_km2", "overview.kpi.centres_km2", _density, False),
    Kpi("members", "members", "overview.kpi.members", _members, False, "orgs_small"),
)}
DEFAULT = "a_share"
