"""大屏模式: the cockpit on a meeting-room screen — no menus, dark, big numbers, slides that turn by themselves."""

from __future__ import annotations

from datetime import date

import streamlit as st

from components import loaders
from components.present import briefing, deck as present, slides as present_slides
from components.shell import auth, filters
from components.ui.cards import is_demo
from components.ui.i18n import current_lang, t
from components.loaders import centres as cl
from models.access import Scope
from models.vocab import CENTRE_TIERS

BRIEFING_KEY = "present.briefing_for"  # the view the briefing was prepared for

f = filters.current()
scope = auth.current_scope()
info = loaders.dataset_info()
present.inject_css()
s = present.state()


@st.cache_data(max_entries=32, show_spinner=False)
def briefing_spec(scope: Scope, district: str | None, street: str | None, year: int, lang: str, as_of: str,
                  demo: bool) -> dict:
    """The one-page briefing's Vega-Lite spec (built on full runs only; the timed slide runs skip it)."""
    cur = filters.current()
    located = cl.centre_list(scope, cur.area, year, CENTRE_TIERS).located
    spec_map = briefing.outline_map(located, district=district, title=t("present.briefing_map"))
    return briefing.compose(
        title=t("present.briefing_title", area=cur.area_label(), year=year),
        subtitle=f"{date.today().isoformat()} · {t('present.as_of', date=as_of)}",
        demo=f"{t('demo.badge')} · {t('demo.note')}" if demo else None,
        metrics=present_slides.overview_metrics(cur.area, year),
        map_chart=spec_map,
        parts=present_slides.briefing_parts(cur),
    ).to_dict()


def briefing_buttons() -> None:
    """The briefing is built when asked for (it costs about half a second), then offered as PNG and PDF."""
    asked = (scope, f.district, f.street, f.year, current_lang())
    if st.session_state.get(BRIEFING_KEY) != asked:
        if not st.button(t("present.briefing_prepare"), key="present.briefing_prepare"):
            return
        st.session_state[BRIEFING_KEY] = asked
    spec = briefing_spec(scope, f.district, f.street, f.year, current_lang(), info.get("as_of", "—"), is_demo(info))
    stem = t("present.briefing_file", area=f.area_label(), year=f.year)
    st.download_button(t("present.briefing"), lambda: briefing.export(spec, "png"), file_name=f"{stem}.png",
                       mime="image/png", key="present.briefing", on_click="ignore")
    st.download_button(t("present.briefing_pdf"), lambda: briefing.export(spec, "pdf"), file_name=f"{stem}.pdf",
                       mime="application/pdf", key="present.briefing_pdf", on_click="ignore")


# Only the slide reruns on the timer; paused, there is no timer at all.
@st.fragment(run_every=None if s.paused else s.interval)
def slide() -> None:
    index = present.advance_if_due()
    current = present.State(index, s.interval, s.paused)
    with st.container(key="present-slide"):
        present.title_bar(f, info, index)
        present.progress(current)
        present_slides.DRAW[present.SLIDES[index]](f)
    present.drawn()


slide()
present.controls(s, extra=briefing_buttons)
