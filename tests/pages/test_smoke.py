"""Every page in pages/ is registered and runs on the demo store without an exception."""

from __future__ import annotations

import pytest

from tests.conftest import ROOT

PAGES = sorted(p.name for p in (ROOT / "pages").glob("*.py"))


def test_there_are_pages():
    assert "overview.py" in PAGES


@pytest.mark.parametrize("page", PAGES)
def test_page_runs_without_exception(app, page):
    at = app.run()
    assert not at.exception
    at.switch_page(f"pages/{page}").run()
    assert not at.exception, f"{page}: {at.exception}"
    if page == "present.py":  # 大屏模式 draws its own title bar (HTML scaled to the screen), not st.title
        assert any(m.label == "党群服务中心" for m in at.metric), "present.py draws no slide"
    else:
        assert at.title, f"{page} shows no title"


def test_zero_change_is_not_shown_as_a_rise(app):
    at = app.run()
    centres = next(m for m in at.metric if m.label == "党群服务中心")
    orgs = next(m for m in at.metric if m.label == "基层党组织")
    assert centres.delta == "持平" and "GREEN" not in str(centres.proto)  # all 1,050 opened by 2020
    assert orgs.delta.startswith("+") and "GREEN" in str(orgs.proto)
