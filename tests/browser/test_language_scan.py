"""Every page's rendered text in one language only: the Chinese UI shows no Latin words outside a short
allow-list (formats, standards and names a Chinese reader meets as such), the English UI no Chinese in
its own words (headings, labels, buttons, tabs, captions, notes) — register names are data and stay as
they are, so English is scanned on the whole city, where the chrome names no register entry."""

from __future__ import annotations

import re

import pytest

from .harness import open_app

pytestmark = pytest.mark.browser

PAGES = ["/", "/centres", "/buildings", "/orgs", "/ratings", "/team", "/alerts", "/standards", "/projects", "/data"]
TITLE = '[data-testid="stHeading"]'
LATIN = re.compile(r"[A-Za-z][A-Za-z\-]*")
HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]+")
# Words the Chinese UI may show: the language switch names English, file formats and standards, basemap
# and map-library names (the attribution), grade letters, the 1+10+N scheme, and units.
ZH_MAY_SHOW = {
    "Language", "English", "A", "B", "C", "D", "N", "PNG", "PDF", "CSV", "Excel", "Word", "XLSX", "xlsx", "csv",
    "km", "m", "MB", "GeoJSON", "WGS-", "GCJ-", "GPS", "OpenStreetMap", "Leaflet", "UTF-", "BOM", "GBK", "GB",
    "P",  # organisation codes (P440303…) are codes, not words
    "X",  # project codes (X440303005-0001, 项目认领) likewise
    "S",  # the composite score's symbol in the 40:40:20 rule (S = …)
}
# Streamlit's own accessibility text and icon ligatures, not shown as words
STREAMLIT_HIDDEN = {"Skip", "to", "main", "content", "keyboard", "arrow", "right", "down", "expand", "more",
                    "chevron", "left", "close", "check", "circle", "search", "upload"}  # icon ligatures
# Elements whose text is the UI's own words in English (never a register name at city level)
CHROME = ('[data-testid="stHeading"], [data-testid="stMetricLabel"], [data-testid="stWidgetLabel"], '
          'button, [role="tab"], [data-testid="stCaptionContainer"], [data-testid="stExpander"] summary, '
          '[data-testid="stAlertContentInfo"], [data-testid="stAlertContentWarning"]')


def _texts(page, selector: str | None) -> str:
    parts = [page.locator("body").inner_text()] if selector is None else \
        page.locator(selector).all_inner_texts()
    return "\n".join(parts)


@pytest.mark.parametrize("path", PAGES)
def test_chinese_pages_show_no_english_words(server_url, browser_page, path):
    page, external = browser_page
    open_app(page, server_url, path, ready=TITLE)
    page.wait_for_timeout(1500)  # maps and charts draw after the run
    text = _texts(page, None)
    for frame in page.frames[1:]:
        try:
            text += "\n" + frame.locator("body").inner_text(timeout=5_000)
        except Exception:  # noqa: BLE001 - a frame that went away with a rerun
            pass
    words = set(LATIN.findall(text)) - ZH_MAY_SHOW - STREAMLIT_HIDDEN
    assert words == set(), f"{path}: Latin words in the Chinese UI: {sorted(words)}"
    assert "None" not in text and "nan" not in text.split()
    assert external == []


@pytest.mark.parametrize("path", PAGES)
def test_english_pages_show_no_chinese_in_their_own_words(server_url, browser_page, path):
    page, external = browser_page
    open_app(page, server_url, f"{path}?lang=en", ready=TITLE)
    page.wait_for_timeout(1000)
    # the switch names both languages; 深圳市委 is the root organisation's register name (组织架构's heading)
    han = set(HAN.findall(_texts(page, CHROME))) - {"语言", "中文", "深圳市委"}
    assert han == set(), f"{path}: Chinese in the English UI: {sorted(han)}"
    assert external == []
