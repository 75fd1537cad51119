"""The written briefing's block on 总览 and 大屏模式: a button that builds it (it takes a few seconds: the
charts are rendered), progress while it is built, then Word, PDF and text downloads, each audited.

The page hands over `load`, a function that returns the briefing's figures (components.loaders.present
.written, for the viewer's scope): nothing is read until the user asks. The sentences come from
data.briefing (no Streamlit), the files from data.briefing.render.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

import altair as alt
import streamlit as st

from components.buildings import views as building_views
from components.loaders.present import Written
from components.ratings import charts as rating_charts
from components.present.slides import level_name, region_grades  # the slides' wording of the regions
from components.loaders.audit import Recorder
from components.shell.filters import Filters
from models.access import Scope
from components.ui import chart_png, charts
from components.ui.i18n import current_lang, t
from data.briefing import Document, Figure, build
from data.briefing import render
from data.exporting import now_beijing

DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@dataclass(frozen=True)
class Files:
    document: Document
    docx: bytes
    pdf: bytes | None
    markdown: bytes
    pdf_problem: str | None  # why there is no PDF (the CJK font is missing)
    seconds: float
    cpu_seconds: float


def chart_parts(w: Written, street: str | None) -> list[tuple[str, alt.TopLevelMixin]]:
    """The briefing's charts, captioned: the same builders as 总览, 楼宇覆盖 and 支部评级."""
    o, regions = w.data.overview, t(f"briefing.regions.{w.facts.regions_level}")
    parts: list[tuple[str, alt.TopLevelMixin]] = [(t("briefing.cap_tiers"), charts.tier_bars(o.centres))]
    if int(o.categories["now"].sum()):
        parts.append((t("briefing.cap_categories"), charts.category_bars(o.categories)))
    if not o.ranking.empty and o.ranking["a_share"].notna().any():
        parts.append((t("briefing.cap_ranking", regions=regions),
                      charts.share_bars(o.ranking, value="a_share", title=t("col.a_share"), highlight=street)))
    if not w.data.towers.by_region.empty and w.facts.towers:
        parts.append((t("briefing.cap_towers", regions=regions),
                      building_views.comparison_chart(w.data.towers.by_region, highlight=street)))
    ratings = w.data.ratings
    if ratings is not None and not ratings.by_region.empty:
        parts.append((t("briefing.cap_grades", regions=level_name(w.area)),
                      rating_charts.grade_bars(region_grades(ratings.by_region, w.area), row="name", row_title="")))
    return parts


def prepare(f: Filters, record: Recorder, load: Callable[[], Written]) -> Files:
    """Build the briefing now, showing each step."""
    start, cpu = time.perf_counter(), time.process_time()
    bar = st.progress(0, text=t("briefing.step_data"))
    w = load()
    parts = chart_parts(w, f.street)
    figures = []
    for i, (caption, chart) in enumerate(parts):
        bar.progress(10 + int(70 * i / max(len(parts), 1)), text=f"{t('briefing.step_charts')} {i + 1}/{len(parts)}")
        figures.append(Figure(caption, chart_png.png(chart, title=caption, context=record.context)))
    bar.progress(85, text=t("briefing.step_files"))
    doc = build(w.facts, current_lang(), generated=now_beijing().strftime("%Y-%m-%d %H:%M"), figures=tuple(figures))
    docx, markdown = render.docx_bytes(doc), render.markdown_bytes(doc)
    try:
        pdf, problem = render.pdf_bytes(doc), None
    except render.FontMissing as exc:
        pdf, problem = None, str(exc)
    bar.empty()
    return Files(doc, docx, pdf, markdown, problem, time.perf_counter() - start, time.process_time() - cpu)


def offer(files: Files, record: Recorder, *, key: str) -> None:
    stem = t("briefing.file")
    ctx = record.context

    def deliver(body: bytes, ext: str) -> Callable[[], bytes]:
        name = ctx.file_name(stem, ext)

        def give() -> bytes:
            record(name, None)
            return body

        return give

    st.caption(t("briefing.ready", seconds=f"{files.seconds:.1f}"))
    with st.container(horizontal=True, key=f"{key}.written_files"):
        st.download_button(t("briefing.docx"), deliver(files.docx, "docx"), file_name=ctx.file_name(stem, "docx"),
                           mime=DOCX_MIME, key=f"{key}.written_docx", on_click="ignore")
        if files.pdf is not None:
            st.download_button(t("briefing.pdf"), deliver(files.pdf, "pdf"), file_name=ctx.file_name(stem, "pdf"),
                               mime="application/pdf", key=f"{key}.written_pdf", on_click="ignore")
        st.download_button(t("briefing.md"), deliver(files.markdown, "md"), file_name=ctx.file_name(stem, "md"),
                           mime="text/markdown", key=f"{key}.written_md", on_click="ignore")
    if files.pdf_problem:
        st.warning(files.pdf_problem)


def block(f: Filters, scope: Scope, record: Recorder, load: Callable[[], Written], *, key: str) -> None:
    """The prepare button, or (once prepared for this view and language) the downloads; `record` (the page's
    View.record) audits each file and carries the page's ExportContext."""
    asked = (scope, f.district, f.street, f.year, current_lang(), record.context.as_of)
    state = f"{key}.written"
    held = st.session_state.get(state)
    if held is None or held[0] != asked:
        if not st.button(t("briefing.prepare"), key=f"{key}.written_prepare"):
            return
        held = (asked, prepare(f, record, load))
        st.session_state[state] = held
    offer(held[1], record, key=key)
