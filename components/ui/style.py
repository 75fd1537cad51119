"""The page-wide style every page shares: a compact top, Chinese (or English) words where Streamlit's
frontend has English of its own, and the 总览 cockpit's card sizes.

Streamlit draws some text in its frontend, in English, whatever the app's language: the running
indicator ("Running…" and "Stop") and the file uploader ("Drag and drop files here", "Limit 200MB per
file", "Browse files"). Those elements keep working; CSS hides their own words and writes the label
catalogue's instead (a style-only st.html takes no room on the page).
"""

from __future__ import annotations

import json

import streamlit as st

from components.ui.i18n import t


def _css_text(text: str) -> str:
    """A CSS string literal (content: …) for a catalogue text."""
    return json.dumps(text, ensure_ascii=False)


def css() -> str:
    busy, drop, limit, browse = (_css_text(t(k)) for k in ("ui.busy", "ui.upload.drop", "ui.upload.limit",
                                                              "ui.upload.browse"))
    return f"""<style>
/* a compact top: the title and the figures above the fold at 1366x768 */
[data-testid="stHeader"] {{ height: 2.4rem; min-height: 2.4rem; }}
.stMainBlockContainer, [data-testid="stMainBlockContainer"] {{ padding-top: 2.6rem; }}
[data-testid="stSidebarHeader"] {{ height: 0.8rem; min-height: 0.8rem; padding: 0; }}
[data-testid="stSidebarUserContent"] {{ padding-top: 0.4rem; }}
/* a compact page menu: eleven pages in three sections leave the filters above the fold at 1366x768 */
[data-testid="stSidebarNavLink"] {{ min-height: 1.6rem !important; height: 1.6rem; line-height: 1.6rem;
  padding-top: 0 !important; padding-bottom: 0 !important; margin: 0.05rem 0 !important; }}
[data-testid="stSidebarNavLinkContainer"], [data-testid="stSidebarNavItems"] li {{ margin: 0 !important;
  padding: 0 !important; }}
[data-testid="stSidebarNavItems"] ul, [data-testid="stSidebarNavItems"] {{ gap: 0 !important; }}
[data-testid="stNavSectionHeader"] {{ margin-top: 0.35rem; margin-bottom: 0; padding-top: 0; padding-bottom: 0.1rem; }}
[data-testid="stSidebarNavItems"] {{ padding-top: 0.2rem; padding-bottom: 0.4rem; }}
h1 {{ font-size: 2rem !important; padding: 0.2rem 0 0.4rem 0 !important; }}
/* the running indicator: Streamlit's words replaced, its icon kept */
[data-testid="stStatusWidget"] label, [data-testid="stStatusWidget"] button {{ display: none !important; }}
[data-testid="stStatusWidget"]::after {{ content: {busy}; font-size: 0.9rem; color: #555; margin-left: 0.4rem;
  white-space: nowrap; }}
/* the file uploader's instructions and button in the page's language */
[data-testid="stFileUploaderDropzoneInstructions"] > div > span,
[data-testid="stFileUploaderDropzoneInstructions"] > div > small {{ display: none; }}
[data-testid="stFileUploaderDropzoneInstructions"] > div::before {{ content: {drop}; display: block; }}
[data-testid="stFileUploaderDropzoneInstructions"] > div::after {{ content: {limit}; display: block;
  font-size: 0.8rem; color: #777; }}
[data-testid="stFileUploaderDropzone"] button [data-testid="stMarkdownContainer"] {{ display: none; }}
[data-testid="stFileUploaderDropzone"] button[data-testid="stBaseButton-secondary"] > div::after {{
  content: {browse}; margin-left: 0.3rem; }}
/* 总览's headline cards: five in one row, a small sparkline */
.st-key-overview-metrics {{ flex-wrap: nowrap !important; gap: 0.6rem !important; }}
.st-key-overview-metrics [data-testid="stMetric"] {{ padding: 0.5rem 0.7rem !important; }}
.st-key-overview-metrics > div {{ min-width: 0 !important; flex: 1 1 0 !important; }}
.st-key-overview-metrics [data-testid="stMetricValue"] {{ font-size: clamp(1.2rem, 1.9vw, 2.2rem); }}
.st-key-overview-metrics [data-testid="stMetricLabel"] p {{ white-space: nowrap; overflow: hidden;
  text-overflow: ellipsis; }}
.st-key-overview-metrics [data-testid="stMetricChart"] {{ display: block !important; height: 36px !important;
  overflow: hidden; }}
.st-key-overview-metrics [data-testid="stMetricChart"] svg {{ height: 36px !important; }}
.st-key-overview-metrics [data-testid="stMetric"] > div:last-child {{ height: 36px !important; overflow: hidden; }}
.st-key-overview-metrics [data-testid="stMetricLabel"] {{ font-size: 0.85rem; }}
</style>"""


def install() -> None:
    st.html(css())
