"""The one error boundary (components/shell/errors.py): an exception injected into a loader shows a message
in the page's language with a reference that a server-log line with the traceback carries; no Streamlit
error box (at.exception), and the sidebar is still drawn."""

from __future__ import annotations

import logging
import re

import pytest

from components.loaders import overview as overview_loaders
from components.ratings import views as rating_views

REF = re.compile(r"E-[0-9A-F]{8}")


def _boom(*args, **kwargs):
    raise RuntimeError("injected failure in a loader")


def _reference(at) -> str:
    texts = [e.value for e in at.error]
    found = [m.group(0) for text in texts for m in [REF.search(text)] if m]
    assert found, f"no error reference shown: {texts}"
    return found[0]


def _logged(caplog, ref: str) -> logging.LogRecord:
    records = [r for r in caplog.records if ref in r.getMessage()]
    assert len(records) == 1, [r.getMessage() for r in caplog.records]
    record = records[0]
    assert record.levelno == logging.ERROR and record.exc_info is not None
    assert "injected failure in a loader" in record.getMessage()
    return record


@pytest.mark.parametrize(("lang", "title", "words"), [("zh", "总览", "意外错误"), ("en", "Overview", "went wrong")])
def test_a_failing_loader_gives_a_message_and_a_reference_in_the_log(app, monkeypatch, caplog, lang, title, words):
    monkeypatch.setattr(overview_loaders, "overview_data", _boom)
    caplog.set_level(logging.ERROR, logger="components.shell.errors")
    if lang == "en":
        app.query_params["lang"] = "en"
    at = app.run()
    assert not at.exception
    ref = _reference(at)
    message = next(e.value for e in at.error if ref in e.value)
    assert title in message and words in message
    assert any(ref in c.value for c in at.caption)  # what to do, with the same reference
    _logged(caplog, ref)
    # the sidebar is still drawn and works
    assert at.selectbox(key="district").options[0]
    at.selectbox(key="district").select("罗湖区").run()
    assert not at.exception
    assert REF.search(" ".join(e.value for e in at.error))  # a new run, a new reference
    assert "ask google" not in str(at).lower()


def test_what_was_drawn_before_the_failure_stays(app, monkeypatch, caplog):
    monkeypatch.setattr(rating_views, "distribution", _boom)  # the first tab, drawn after the figures
    caplog.set_level(logging.ERROR, logger="components.shell.errors")
    at = app.run()
    at.switch_page("pages/ratings.py").run()
    assert not at.exception
    assert at.title and at.title[0].value == "支部评级"  # drawn before the failing loader
    assert at.metric  # the summary figures above the trend
    ref = _reference(at)
    _logged(caplog, ref)


def test_a_failing_sidebar_loader_is_reported_and_stops_the_run(app, monkeypatch, caplog):
    from components import loaders

    monkeypatch.setattr(loaders, "district_names", _boom)
    caplog.set_level(logging.ERROR, logger="components.shell.errors")
    at = app.run()
    assert not at.exception
    ref = _reference(at)
    assert "侧边栏" in next(e.value for e in at.error if ref in e.value)
    _logged(caplog, ref)
