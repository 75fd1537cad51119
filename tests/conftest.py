"""Shared fixtures: a demo store built once per test run, and AppTest wired like the real server."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import streamlit.testing.v1.app_test as app_test
from streamlit.runtime.pages_manager import PagesManager

from data import demo
from models.db import make_engine

ROOT = Path(__file__).resolve().parent.parent


class _NavigationPages(PagesManager):
    """The real server switches v1 pages-folder handling off once st.navigation has run (and
    `python app.py` does so before the first run); AppTest resets it on every run, which would make
    every rerun after the first skip app.py because a pages/ folder exists."""

    def __init__(self, *args, **kwargs):
        PagesManager.uses_pages_directory = False
        super().__init__(*args, **kwargs)


app_test.PagesManager = _NavigationPages


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory) -> str:
    """URL of a demo-scale store, built once for the whole run."""
    path = tmp_path_factory.mktemp("store") / "demo.db"
    url = f"sqlite:///{path}"
    engine = make_engine(url)
    demo.build(engine, scale="demo")
    engine.dispose()
    return url


@pytest.fixture()
def app(demo_db, monkeypatch):
    """A fresh AppTest of app.py on the demo store (caches cleared so tests do not leak)."""
    import streamlit as st

    monkeypatch.setenv("DATABASE_URL", demo_db)
    st.cache_data.clear()
    st.cache_resource.clear()
    return app_test.AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)


@pytest.fixture()
def one_org_session(tmp_path):
    """A session on an empty store holding one graded-kind organisation (id 1), for rating rules."""
    from sqlmodel import Session

    from models.db import create_schema
    from models.tables import PartyOrg

    engine = make_engine(f"sqlite:///{tmp_path / 'one-org.db'}")
    create_schema(engine)
    with Session(engine) as s:
        s.add(PartyOrg(id=1, code="P1", name="测试党支部", level="unit", org_type="branch", category="two_new",
                       kind="firm_branch"))
        s.commit()
        yield s
    engine.dispose()
