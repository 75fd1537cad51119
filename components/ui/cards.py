"""Metric rows, the demo-data badge and small text cards."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

import streamlit as st

from components.ui.i18n import current_lang, t
from models.access import Scope
from models.area import Area
from models import rules


def is_demo(info: Mapping[str, str]) -> bool:
    return rules.is_demo(info)


def demo_badge(info: Mapping[str, str]) -> None:
    """示例数据 + as-of date wherever demo data is shown; the as-of date alone for real data."""
    as_of = info.get("as_of", "—")
    if is_demo(info):
        st.badge(t("demo.badge"), color="orange")
        st.caption(t("demo.as_of", date=as_of))
    else:
        st.caption(t("real.as_of", date=as_of))


def scope_note(scope: Scope, area: Area) -> None:
    """Say so when the page's detail lists hold less than the selected area (the viewer's scope)."""
    if scope.covers_area(area):
        return
    if scope.detail is None:
        st.info(t("scope.note.aggregate_only"))
    elif scope.detail_area(area) is None:
        st.info(t("scope.note.outside"))
    else:
        st.info(t("scope.note.partial"))


def demo_note(info: Mapping[str, str]) -> None:
    if is_demo(info):
        st.caption(f"{t('demo.badge')} · {t('demo.note')}")


@dataclass(frozen=True)
class Metric:
    label: str
    value: str
    delta: str | None = None
    help: str | None = None
    trend: tuple[float, ...] | None = None  # the last years' values, oldest first: a sparkline in the card


def fmt_int(n: float | None) -> str:
    return "—" if n is None else f"{int(n):,}"


WAN_FROM = 100_000  # counts from here on read in 万 in cards (the exact figure on hover)


def fmt_count(n: float | None) -> str:
    """A count for a card: exact with thousands separators below 100,000, else in 万 (zh) or k (en),
    one decimal; the exact figure goes into the card's help (fmt_int)."""
    if n is None:
        return "—"
    if abs(n) < WAN_FROM:
        return fmt_int(n)
    return t("unit.wan", n=f"{n / 10_000:.1f}") if current_lang() == "zh" else t("unit.wan", n=f"{n / 1_000:,.1f}")


def fmt_pct(x: float | None) -> str:
    return "—" if x is None else f"{x:.1%}"


def fmt_int_delta(d: float | None) -> str | None:
    return None if d is None else f"{int(d):+,}"


def fmt_pp_delta(d: float | None) -> str | None:
    return None if d is None else f"{d * 100:+.1f} {t('unit.pct_points')}"


_ZERO = re.compile(r"^[+-]?0(\.0+)?(\s|$)")


def is_flat(delta: str | None) -> bool:
    """A change that reads zero ("+0", "+0.0 个百分点")."""
    return delta is not None and bool(_ZERO.match(delta))


def is_note(delta: str | None) -> bool:
    """A delta that is words, not a change ("无20层以上楼宇"): shown in grey without an arrow."""
    return bool(delta) and not re.match(r"^\s*[+\-−]?\s*[\d.]", delta)


def metric_row(metrics: list[Metric], *, key: str) -> None:
    """Metrics side by side; a zero change reads 持平 in grey with no arrow, not as a green rise; a metric
    with a trend gets its sparkline."""
    with st.container(key=key, horizontal=True):
        for m in metrics:
            flat, note = is_flat(m.delta), is_note(m.delta)
            chart = list(m.trend) if m.trend and len(m.trend) > 1 else None
            grey = flat or note
            st.metric(m.label, m.value, t("delta.flat") if flat else m.delta, help=m.help, border=True,
                      delta_color="off" if grey else "normal", delta_arrow="off" if grey else "auto",
                      chart_data=chart, chart_type="area")
