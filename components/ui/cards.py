"""Metric rows, the demo-data badge and small text cards."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

import streamlit as st

from components.ui.i18n import t
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


def fmt_int(n: float | None) -> str:
    return "—" if n is None else f"{int(n):,}"


def fmt_pct(x: float | None) -> str:
    return "—" if x is None else f"{x:.1%}"


def fmt_int_delta(d: float | None) -> str | None:
    return None if d is None else f"{int(d):+,}"


def fmt_pp_delta(d: float | None) -> str | None:
    return None if d is None else f"{d * 100:+.1f} {t('unit.pct_points')}"


_ZERO = re.compile(r"^[+-]?0(\.0+)?(\s|$)")


def metric_row(metrics: list[Metric], *, key: str) -> None:
    """Metrics side by side; a zero change is shown grey, not as a green rise."""
    with st.container(key=key, horizontal=True):
        for m in metrics:
            flat = m.delta is not None and bool(_ZERO.match(m.delta))
            st.metric(m.label, m.value, m.delta, help=m.help, border=True, delta_color="off" if flat else "normal")
