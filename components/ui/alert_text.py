"""One wording of a problem-list item for every place that names one (总览's list, the 大屏 ticker): plain
text in the session's language; callers escape it for Markdown or HTML (names are register text)."""

from __future__ import annotations

from components.loaders.alerts import TopItems, TopItem
from components.ui.i18n import t
from models import alerts


def item_line(item: TopItem) -> str:
    """"【红】换届提醒：某某党支部，2025-06-30 已到期"."""
    due = t(f"alerts.top.due.{item.severity}", date=item.due_on.isoformat()) if (
        item.due_on is not None and item.severity in (alerts.RED, alerts.AMBER)) else ""
    return t("alerts.top.line", severity=t(f"alerts.top.sev.{item.severity}"), kind=t(f"alerts.kind.{item.kind}"),
             name=item.name, due=due)


def totals_line(top: TopItems) -> str:
    """"问题清单：红色预警 12 项，黄色预警 30 项": the counts the 问题清单 page shows for the same area."""
    n = dict(top.counts)
    return t("alerts.top.totals", red=f"{n.get(alerts.RED, 0):,}", amber=f"{n.get(alerts.AMBER, 0):,}")
