"""The server's start (components/shell/startup.py, bootstrap.prepare): the default view is computed before
its first visitor, so that visitor's run reads only caches; the same after a write; the start-up imports
happen once, and a session waits for them instead of importing alongside."""

from __future__ import annotations

import threading
from contextlib import contextmanager

import pytest
import streamlit as st
from sqlalchemy import event

from components import loaders
from components.shell import bootstrap, startup
from tests.conftest import new_app

pytestmark = pytest.mark.cold_caches  # these tests clear and fill the caches on purpose


# The login gate reads the store's mode on every run, uncached on purpose (components/shell/auth.py `mode`).
_MODE_READ = 'SELECT datasetinfo.value \nFROM datasetinfo \nWHERE datasetinfo."key" = ?'


@contextmanager
def _statements(url: str):
    """Every SQL statement the app's engine for `url` executes meanwhile (any thread), but the mode reads."""
    seen: list[str] = []
    engine = loaders.engine(url)

    def count(_conn, _cursor, statement, *_args) -> None:
        if statement != _MODE_READ:
            seen.append(statement)

    event.listen(engine, "before_cursor_execute", count)
    try:
        yield seen
    finally:
        event.remove(engine, "before_cursor_execute", count)


def _prepared(url: str) -> None:
    """What the start-up thread does once the modules are imported, waited for."""
    bootstrap.prepare(url)
    checks = bootstrap._checks(url)
    assert checks.verified.wait(120)
    checks.warmed.wait(120)


def test_the_first_visitor_after_a_start_runs_no_query(demo_db, monkeypatch):
    at = new_app(demo_db, monkeypatch)  # the caches are empty: a process that has just started
    st.cache_data.clear()
    bootstrap._checks_of.clear()
    _prepared(demo_db)
    with _statements(demo_db) as seen:
        at.run()
    assert not at.exception
    assert next(m for m in at.metric if m.label == "党群服务中心").value == "1,050 个"
    assert seen == [], f"the default view ran {len(seen)} queries after the warm-up, first: {seen[:3]}"


def test_without_the_warm_up_the_same_run_queries(demo_db, monkeypatch):
    """The counter above can fail: the same first run on empty caches does query the store."""
    at = new_app(demo_db, monkeypatch)
    at.run()  # the store probe, the checks and the engine: what a start leaves behind
    bootstrap._checks(demo_db).done.wait(120)
    st.cache_data.clear()
    with _statements(demo_db) as seen:
        at.run()
    assert not at.exception and len(seen) > 10


def test_after_a_write_the_next_run_warms_the_default_view_again(demo_db, monkeypatch):
    at = new_app(demo_db, monkeypatch)
    at.run()
    before = bootstrap._checks(demo_db)
    before.done.wait(120)
    loaders.clear_caches()  # what every write does (components/loaders/data_admin.py)
    assert bootstrap._checks(demo_db) is not before  # a new round of checks for the written store
    at.switch_page("pages/team.py").run()  # any page's next run starts it
    _prepared(demo_db)
    at.switch_page("pages/overview.py")
    with _statements(demo_db) as seen:
        at.run()
    assert not at.exception and seen == []


def test_start_up_imports_once_and_a_session_waits_for_them(monkeypatch):
    calls: list[str] = []
    release = threading.Event()

    def slow_imports() -> None:
        calls.append("import")
        release.wait(5)

    monkeypatch.setattr(startup, "_import_modules", slow_imports)
    monkeypatch.setattr(startup, "_imported", threading.Event())
    monkeypatch.setattr(startup, "_thread", None)
    monkeypatch.setattr(startup, "_runtime_exists", lambda: True)
    monkeypatch.setattr(startup, "_prepare", lambda: calls.append("prepare"))
    startup.begin()
    startup.begin()  # `python app.py` imports app.py twice
    waited = threading.Thread(target=startup.wait_imported)
    waited.start()
    waited.join(0.3)
    assert waited.is_alive()  # the session waits while the start-up thread imports
    release.set()
    waited.join(5)
    startup._thread.join(5)
    assert not waited.is_alive()
    assert calls == ["import", "prepare"]
