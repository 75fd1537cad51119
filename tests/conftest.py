"""Shared fixtures: stores on both back-ends (SQLite and a throwaway PostgreSQL server), a demo store
built once per back-end per run, and AppTest wired like the real server.

Tests that use `store_url`, `demo_url`, or a fixture built on them run once per back-end, with ids
`[sqlite]` and `[postgresql]`; `@pytest.mark.backends("sqlite")` keeps a test to the back-ends named
(for behaviour that only one of them has, such as SQLite's file backups). Without PostgreSQL installed
the PostgreSQL runs fail (they never skip): CI must not pass by testing one back-end only.
"""

from __future__ import annotations

import itertools
import os
import sqlite3
import subprocess
from pathlib import Path

import pytest
import streamlit.testing.v1.app_test as app_test
from streamlit.runtime.pages_manager import PagesManager

from data import demo
from models.db import make_engine, sqlite_path

ROOT = Path(__file__).resolve().parent.parent


class _NavigationPages(PagesManager):
    """The real server switches v1 pages-folder handling off once st.navigation has run (and
    `python app.py` does so before the first run); AppTest resets it on every run, which would make
    every rerun after the first skip app.py because a pages/ folder exists."""

    def __init__(self, *args, **kwargs):
        PagesManager.uses_pages_directory = False
        super().__init__(*args, **kwargs)


app_test.PagesManager = _NavigationPages


BACKENDS = ("sqlite", "postgresql")


def pytest_generate_tests(metafunc):
    """Every test that needs a store runs on each back-end (or on those its `backends` mark names)."""
    if "backend" in metafunc.fixturenames:
        mark = metafunc.definition.get_closest_marker("backends")
        names = mark.args if mark else BACKENDS
        metafunc.parametrize("backend", names, indirect=True, scope="session")


@pytest.fixture(scope="session")
def backend(request) -> str:
    return request.param


@pytest.fixture(scope="session")
def pg_server():
    """One PostgreSQL server for the whole run (started on first use), stopped at the end."""
    from tests import pgserver

    try:
        server = pgserver.start()
    except subprocess.CalledProcessError as exc:
        detail = (exc.stderr or b"").decode(errors="replace").strip()
        pytest.fail(f"PostgreSQL test server did not start: {' '.join(map(str, exc.cmd))}: {detail}", pytrace=False)
    except (RuntimeError, OSError) as exc:
        pytest.fail(f"PostgreSQL tests cannot run: {exc}. They fail rather than skip, so that CI never "
                    "passes on SQLite alone.", pytrace=False)
    yield server
    server.stop()


def copy_sqlite(src_url: str, dst: Path) -> None:
    """Copy a SQLite store through the backup API (the source may be in WAL mode and open)."""
    src = sqlite3.connect(sqlite_path(src_url))
    out = sqlite3.connect(dst)
    try:
        src.backup(out)
    finally:
        src.close()
        out.close()


class Stores:
    """Stores of one run: empty ones per test, demo ones built once per back-end and copied cheaply."""

    def __init__(self, tmp_path_factory, request) -> None:
        self._tmp = tmp_path_factory
        self._request = request
        self._demo: dict[str, str] = {}
        self._numbers = itertools.count(1)

    @property
    def pg(self):
        return self._request.getfixturevalue("pg_server")

    def _pg_name(self, prefix: str) -> str:
        return f"{prefix}_{next(self._numbers)}"

    def empty(self, backend: str) -> str:
        """URL of a new empty store (no schema)."""
        if backend == "sqlite":
            return f"sqlite:///{self._tmp.mktemp('store') / 'store.db'}"
        return self.pg.create_database(self._pg_name("t"))

    def demo_master(self, backend: str) -> str:
        """The demo store built once per back-end; copied, never opened by tests (a template must be idle)."""
        if backend not in self._demo:
            url = self.empty(backend)
            engine = make_engine(url)
            demo.build(engine, scale="demo")
            engine.dispose()
            self._demo[backend] = url
        return self._demo[backend]

    def copy_of_demo(self, backend: str, dst: Path | None = None) -> str:
        """URL of a private copy of the demo store (dst: the SQLite file to write)."""
        master = self.demo_master(backend)
        if backend == "sqlite":
            dst = dst or self._tmp.mktemp("copy") / "store.db"
            copy_sqlite(master, dst)
            return f"sqlite:///{dst}"
        return self.pg.copy_database(master.rsplit("/", 1)[1], self._pg_name("copy"))

    def drop(self, url: str) -> None:
        if url.startswith("postgresql"):
            self.pg.drop_database(url.rsplit("/", 1)[1])


@pytest.fixture(scope="session")
def stores(tmp_path_factory, request) -> Stores:
    return Stores(tmp_path_factory, request)


@pytest.fixture()
def store_url(backend, stores):
    """URL of an empty store of the test's own, on each back-end."""
    url = stores.empty(backend)
    yield url
    stores.drop(url)


@pytest.fixture(scope="session")
def demo_url(backend, stores) -> str:
    """URL of a demo-scale store on each back-end, shared read-only by the run's tests."""
    return stores.copy_of_demo(backend)


@pytest.fixture(scope="session")
def demo_db(stores) -> str:
    """URL of the SQLite demo-scale store, built once for the whole run (pages; tests/models and
    tests/data override it with `demo_url` to run on both back-ends)."""
    return stores.copy_of_demo("sqlite")


# Warm caches. AppTest runs in this process share st.cache_data and st.cache_resource, as the sessions of
# one real server do, and their keys do not name the store. `new_app` keeps them from one test to the next
# only when the previous test left them warm for the very store it is asked for; a test leaves them warm
# when (1) every AppTest it made was on that one store, (2) DATABASE_URL still named it at the test's end,
# (3) it patched nothing else with monkeypatch (a patched query could have cached what the real one never
# returns) and (4) it is not marked `cold_caches`. Any other test (no AppTest, its own store, another
# store mid-test, a patch) makes the next one clear the caches, exactly as every test did before. Stores
# shared between tests (`demo_db`, a module's 正式模式 store) are only read by their tests, and whatever
# the app writes itself it clears the caches for, as on the real server.
_WARM: dict[str, object] = {"store": None, "apps": []}


def _patched_only_the_store_url(monkeypatch) -> bool:
    """True when the test's monkeypatch set DATABASE_URL and nothing else (pytest's undo lists)."""
    setattrs, setitems = getattr(monkeypatch, "_setattr", None), getattr(monkeypatch, "_setitem", None)
    if setattrs is None or setitems is None:  # pytest changed its internals: assume the worst
        return False
    return (not setattrs and all(d is os.environ and k == "DATABASE_URL" for d, k, _ in setitems)
            and getattr(monkeypatch, "_cwd", None) is None and getattr(monkeypatch, "_savesyspath", None) is None)


@pytest.fixture(autouse=True)
def _caches_stay_warm_only_after_a_read_only_app_test(request, monkeypatch):
    """Decides, after each test, whether the next `new_app` may keep the caches (see `_WARM`). Requests
    `monkeypatch` so that it runs before the test's patches are undone."""
    cold = request.node.get_closest_marker("cold_caches") is not None
    if cold:
        _WARM["store"] = None
    _WARM["apps"] = []
    yield
    urls = set(_WARM["apps"])
    keep = (not cold and len(urls) == 1 and os.environ.get("DATABASE_URL") in urls
            and _patched_only_the_store_url(monkeypatch))
    _WARM["store"] = urls.pop() if keep else None
    _WARM["apps"] = []


def new_app(url: str, monkeypatch, script: str = "app.py") -> app_test.AppTest:
    """A fresh AppTest of a script on the store at `url`: caches cleared so tests do not leak, unless the
    previous test left them warm for this store (see `_WARM`)."""
    import streamlit as st

    warm = _WARM["store"] == url and not _WARM["apps"]  # a test's second AppTest starts cold as before
    _WARM["apps"].append(url)
    monkeypatch.setenv("DATABASE_URL", url)
    if not warm:
        st.cache_data.clear()
        st.cache_resource.clear()
    return app_test.AppTest.from_file(str(ROOT / script), default_timeout=60)


@pytest.fixture()
def app(demo_db, monkeypatch):
    """A fresh AppTest of app.py on the demo store (caches warm from the previous test on it, see `_WARM`)."""
    return new_app(demo_db, monkeypatch)


@pytest.fixture()
def one_org_session(store_url):
    """A session on an empty store holding one graded-kind organisation (id 1), for rating rules."""
    from sqlmodel import Session

    from models.db import create_schema
    from models.tables import PartyOrg

    engine = make_engine(store_url)
    create_schema(engine)
    with Session(engine) as s:
        s.add(PartyOrg(id=1, code="P1", name="测试党支部", level="unit", org_type="branch", category="two_new",
                       kind="firm_branch"))
        s.commit()
        yield s
    engine.dispose()
