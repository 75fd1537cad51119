"""A first visit runs the page's script once: a new browser session on a page (a map page too) costs the
server one run, not a second one for the map reporting its untouched state (issue 16, new-session cost)."""

from __future__ import annotations

import pytest

from .harness import _TRACKERS, open_app

pytestmark = pytest.mark.browser

PAGES = ("/", "/centres", "/buildings", "/present", "/orgs", "/ratings", "/team", "/alerts", "/data")


@pytest.mark.parametrize("path", PAGES)
def test_a_first_visit_runs_the_script_once(browser_page, server_url, path):
    page, external = browser_page
    open_app(page, server_url, path)
    page.wait_for_timeout(1500)  # a map reports its value 250 ms after drawing; a rerun would have started
    tracker = _TRACKERS[page]
    assert (tracker.started, tracker.finished) == (1, 1), f"{path}: {tracker.started} runs on a first visit"
    assert not external
