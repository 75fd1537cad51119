"""大屏模式: the cockpit on a meeting-room screen — no menus, dark, big numbers, slides that turn by themselves."""

from __future__ import annotations

import streamlit as st

from components import loaders
from components.loaders import present as present_loaders
from components.present import briefing, deck as present, slides as present_slides, written
from components.shell import view as shell_view
from components.ui.cards import is_demo
from components.ui.i18n import current_lang, t

BRIEFING_KEY = "present.briefing_for"  # the view the briefing was prepared for

v = shell_view.current("present")
info = loaders.dataset_info()
present.inject_css()
s = present.state()


def briefing_buttons() -> None:
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


def briefing_controls() -> None:
    """The one-page chart briefing (PNG/PDF) and the written briefing (Word/PDF/text)."""
    briefing_buttons()
    written.block(v.filters, v.scope, v.record, written_briefing, key="present")


def written_briefing():
    """The written briefing's figures, read only when the user asks for it."""
    return present_loaders.written(v.scope, v.area, v.year, label=v.area_name(),
                                   parent=v.district if v.street else None)


# Only the slide reruns on the timer; paused, there is no timer at all.
@st.fragment(run_every=None if s.paused else s.interval)
def slide() -> None:
    index = present.advance_if_due()
    name = present.SLIDES[index]
    data = present_loaders.slide(name, v.scope, v.district, v.street, v.area, v.year)
    with st.container(key="present-slide"):
        present.title_bar(v.filters, info, index)
        present.progress(present.State(index, s.interval, s.paused))
        present_slides.DRAW[name](v.filters, data)
    present.drawn()


slide()
present.controls(s, extra=briefing_controls)
