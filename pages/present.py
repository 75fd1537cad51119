"""大屏模式: the cockpit on a meeting-room screen — no menus, dark, big numbers, slides that turn by themselves."""

from __future__ import annotations

import streamlit as st

from components import loaders
from components.loaders import present as present_loaders
from components.present import briefing, deck as present, look, slides as present_slides, stage, written
from components.shell import view as shell_view
from components.ui.cards import is_demo
from components.ui.i18n import current_lang, t

BRIEFING_KEY = "present.briefing_for"  # the view the briefing was prepared for

v = shell_view.current("present")
visit = present.visit()
names = [t(f"present.slide.{name}") for name in present.SLIDES]
look.inject(visit.start, len(present.SLIDES))


def briefing_buttons(info: dict) -> None:
    """The briefing is built when asked for (it costs about half a second), then offered as PNG and PDF."""
    asked = (v.scope, v.district, v.street, v.year, current_lang())
    if st.session_state.get(BRIEFING_KEY) != asked:
        if not st.button(t("present.briefing_prepare"), key="present.briefing_prepare"):
            return
        st.session_state[BRIEFING_KEY] = asked
    data = present_loaders.briefing(v.scope, v.area, v.year)
    spec = present_slides.briefing_spec((v.scope, v.filters, current_lang(), info.get("as_of", "—"), is_demo(info)),
                                        data)
    stem = t("present.briefing_file", area=v.area_name(), year=v.year)
    st.download_button(t("present.briefing"), lambda: briefing.export(spec, "png"), file_name=f"{stem}.png",
                       mime="image/png", key="present.briefing", on_click="ignore")
    st.download_button(t("present.briefing_pdf"), lambda: briefing.export(spec, "pdf"), file_name=f"{stem}.pdf",
                       mime="application/pdf", key="present.briefing_pdf", on_click="ignore")


def written_briefing():
    """The written briefing's figures, read only when the user asks for it."""
    return present_loaders.written(v.scope, v.area, v.year, label=v.area_name(),
                                   parent=v.district if v.street else None)


# The title bar is redrawn on every tick: 数据截至 and 示例数据 are read from the store each time, and a
# changed store (an import, a restore) redraws the slides too. The slides turn in the browser.
@st.fragment(run_every=visit.interval)
def top() -> None:
    fresh = loaders.dataset_info()
    if present.data_changed(fresh):
        st.rerun(scope="app")
    with st.container(key="present-top"):
        stage.title_bar(v.filters, fresh, names[visit.start])


info = loaders.dataset_info()
present.drawn_with(info)
top()
with st.container(key="present-slide"):
    for i, name in enumerate(present.SLIDES):
        data = present_loaders.slide(name, v.scope, v.district, v.street, v.area, v.year)
        with st.container(key=f"present-slide-{i}"):
            stage.slide_title(names[i])
            present_slides.DRAW[name](v.filters, data)
stage.ticker(present_loaders.ticker(v.scope, v.area, v.year))
with st.container(key="present-foot", horizontal=True, vertical_alignment="center"):
    leaving = stage.controls(n=len(present.SLIDES), start=visit.start, interval=visit.interval, visit=visit.token,
                             names=names)
    with st.popover(t("present.briefing_menu"), key="present.briefing_menu"):
        briefing_buttons(info)
        written.block(v.filters, v.scope, v.record, written_briefing, key="present")
if leaving:
    present.leave()
