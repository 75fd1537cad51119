"""Getting a usable store before any page runs: first-start demo build, schema upgrade, corrupt or
unreachable stores, and stores migrated by newer code."""

from __future__ import annotations

import logging
import os
import sqlite3
import threading
import time
from contextlib import closing
from datetime import datetime
from pathlib import Path

import streamlit as st

from components import loaders
from components.shell.auth import SCOPE_KEY
from components.ui.i18n import t
from components.ui.text import md
from models.access import Scope
from models import rollups
from models.db import StoreAhead, StoreStatus, check_store, head_revision, integrity_problem, sqlite_path
from models.rules import is_demo


@st.cache_resource(show_spinner=False)
def _status(url: str) -> StoreStatus:
    """Probed once per process (and again after a rebuild), not on every rerun.

    The default demo store is disposable: one built by an older generator counts as empty, so an
    upgrade rebuilds it instead of showing stale or incomplete demo data.
    """
    status = check_store(url, integrity=False)  # the whole-file check runs in the background (_Checks)
    if status.state == "ok" and status.is_default_sqlite:
        from data import demo  # the generator and the importer are imported only when they are needed
        from data.demo.calibration import GENERATOR_VERSION

        info = demo.current_info(loaders.engine(url))
        if is_demo(info) and info.get("generator_version") != GENERATOR_VERSION:
            return StoreStatus("empty", "demo data from an older version", True)
    return status


FIRST_VIEW_WAIT_S = 60.0  # the integrity check waits this long at most for the first visitor's page to be drawn
AFTER_FIRST_VIEW_S = 5.0  # and then this long: the browser is still loading the page's charts and map
VERIFY_WAIT_S = 120.0  # a session waits this long at most for the rollups' comparison (then reads detail tables)


class _Checks:
    """What runs once per process after the store opened, and again after each write, in one thread off the
    visitors' path: the rollups compared with the data (rebuilt when stale, a store from an older version:
    models.rollups), the default view warmed (components/loaders/warm.py), then SQLite's whole-file integrity
    check at the lowest priority, once the first visitor's page is drawn (a damaged file is then explained on
    the next run of any page). A store that fails to read on the way is checked at once."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.problem: str | None = None  # what quick_check reported, None while running or when ok
        self.verified = threading.Event()  # the rollups were compared (and rebuilt if stale), or that failed
        self.warmed = threading.Event()  # the default view is in the caches (or the warm-up failed)
        self.done = threading.Event()

    def run(self) -> None:
        try:
            try:
                self._rollups()
                self.verified.set()
                warm(self.url)
                self.warmed.set()
            except Exception:  # a failed read: is the file damaged? (answered now, not after the first view)
                self._integrity()
                if self.problem is None:
                    raise
                return
            if not _first_view.is_set():
                _first_view.wait(FIRST_VIEW_WAIT_S)
                time.sleep(AFTER_FIRST_VIEW_S)
            self._integrity()
        except Exception:  # noqa: BLE001 - a failed warm-up costs speed, never the page
            logging.getLogger(__name__).exception("background store checks failed")
        finally:
            self.verified.set()
            self.warmed.set()
            self.done.set()

    def _integrity(self) -> None:
        _lowest_priority()
        self.problem = integrity_problem(self.url)

    def _rollups(self) -> None:
        engine = loaders.engine(self.url)
        with engine.connect() as conn:
            fresh = rollups.is_fresh(conn, thorough=True)
        if not fresh:
            with _build_lock(), engine.begin() as conn:
                if not rollups.is_fresh(conn, thorough=True):
                    rollups.rebuild(conn)
        first = not loaders.is_verified(self.url)
        loaders.mark_verified(self.url)
        if first or not fresh:  # pages that ran meanwhile aggregated the detail tables; now read the rollups
            loaders.clear_caches(written=False)

    def wait_verified(self) -> None:
        """Until the rollups are compared (first start only): a page reading them before would aggregate the
        detail tables instead, seconds at city scale, while the comparison takes a fraction of that."""
        if self.verified.wait(0.05):
            return
        with st.spinner(t("store.preparing")):
            self.verified.wait(VERIFY_WAIT_S)


_first_view = threading.Event()


def page_drawn() -> None:
    """The end of a page's run (app.py): background checks waiting for the first view may start."""
    _first_view.set()


def _lowest_priority() -> None:
    """Give this thread the lowest CPU priority (Linux: a thread's own nice value), so a visitor's page run
    is never slowed by the whole-file check."""
    try:
        os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), 19)
    except (AttributeError, OSError):  # another OS: the check simply runs at normal priority
        pass


@st.cache_resource(show_spinner=False)
def _checks_of(url: str, generation: int) -> _Checks:
    checks = _Checks(url)
    threading.Thread(target=checks.run, name="store-checks", daemon=True).start()
    return checks


def _checks(url: str) -> _Checks:
    """The checks of the store since the last write of this process (loaders.generation)."""
    return _checks_of(url, loaders.generation())


def prepare(url: str) -> None:
    """The store's once-per-process work from the server's start (components/shell/startup.py): probe it and,
    when it holds data, start the checks before any visitor (a store to build or upgrade waits for one)."""
    if _status(url).state == "ok":
        _checks(url)


def warm(url: str) -> None:
    """Fill the caches of the default view so the first visitor after a start or a write does not compute it."""
    from components.loaders import warm as warming

    warming.default_view(url)


@st.cache_resource(show_spinner=False)
def _build_lock() -> threading.Lock:
    """One first-start build per process, however many sessions open at once."""
    return threading.Lock()


@st.cache_resource(show_spinner=False)
def _build_progress() -> dict[str, object]:
    """The first-start build's progress, shared by every session of the process: a second visitor
    waiting for the build sees the same bar instead of a blank page."""
    return {"fraction": 0.0, "step": ""}


# The generator's step names (data/demo) -> what the bar says; tables are named as the user knows them.
_STEPS = {"regions": "regions", "organisations": "orgs", "non-territorial organisations": "orgs_other",
          "buildings": "buildings", "service centres": "centres", "ratings": "ratings",
          "writing region": "regions", "writing partyorg": "orgs", "writing servicecenter": "centres",
          "writing building": "buildings", "writing rating": "ratings", "writing weakorgcase": "weak",
          "writing indicatorscore": "indicators", "organisation subtree sums": "sums", "done": "done",
          "secretaries and volunteers": "team", "writing secretary": "team", "writing committeestaffing": "team",
          "writing committeescore": "committee_scores", "writing volunteeryear": "volunteers",
          "writing hometownorg": "hometown", "standardisation checks": "standards",
          "writing standardcheck": "standards",
          "writing hometownorg": "hometown", "claimed projects": "projects", "writing claimunit": "projects",
          "writing partyproject": "projects"}


def step_text(step: str) -> str:
    """The bar's text for a generator step, in the page's language, never a table name."""
    code = _STEPS.get(step)
    return t("store.step", step=t(f"store.step.{code}")) if code else t("store.building")


def _waiting_text(step: str) -> str:
    """What a second visitor's bar says while the first one's build is at `step`."""
    code = _STEPS.get(step)
    return t("store.waiting_step", step=t(f"store.step.{code}")) if code else t("store.waiting")


def _build_demo(url: str) -> None:
    bar = st.progress(0.0, text=t("store.building"))
    started = time.perf_counter()
    shared = _build_progress()

    def progress(fraction: float, step: str) -> None:
        shared["fraction"], shared["step"] = min(fraction, 1.0), step
        bar.progress(min(fraction, 1.0), text=step_text(step))

    from data import demo

    try:
        demo.build(loaders.engine(url), scale="demo", reset=True, progress=progress)
    finally:
        shared["fraction"], shared["step"] = 0.0, ""
    bar.empty()
    st.toast(t("store.built", seconds=time.perf_counter() - started))


def _wait_for_build(lock: threading.Lock) -> None:
    """Take the build lock; while another session builds, show its progress (twice a second)."""
    if lock.acquire(blocking=False):
        return
    shared = _build_progress()
    bar = st.progress(0.0, text=t("store.waiting"))
    while not lock.acquire(timeout=0.5):
        bar.progress(float(shared["fraction"]), text=_waiting_text(str(shared["step"])))
    bar.empty()


def _set_aside(path: Path) -> Path:
    """Keep a damaged file for inspection instead of deleting it."""
    backup = path.with_name(f"{path.stem}.damaged-{datetime.now():%Y%m%d-%H%M%S}{path.suffix}")
    loaders.engine.clear()
    path.rename(backup)
    for extra in ("-wal", "-shm"):
        Path(f"{path}{extra}").unlink(missing_ok=True)
    return backup


def _upgrade(url: str) -> None:
    """Bring an outdated schema to this code's revision (after a backup), say so, and audit it."""
    with _build_lock():
        _status.clear()
        if _status(url).state != "outdated":  # another session upgraded it while we waited
            return
        from data.importing import migrate

        try:
            done, taken = migrate(loaders.engine(url), url, actor=t("store.migrate_actor"))
        except StoreAhead:
            return  # raced with newer code: the re-probe reports it
        except Exception as exc:  # noqa: BLE001 - a failed migration is rolled back; explain, do not crash
            st.error(t("store.migrate_failed", detail=str(exc)[:300]))
            st.info(t("store.migrate_failed_hint"))
            st.stop()
        finally:
            _refresh()
    before = t("store.legacy") if done.before == "legacy" else done.before
    if taken:
        st.info(t("store.migrated_backup", before=before, after=done.after, backup=taken.name))
    else:
        st.info(t("store.migrated", before=before, after=done.after))


def ensure_store() -> None:
    """Return when the store holds data; otherwise explain, offer a way forward, and stop the run."""
    url = loaders.store_url()
    status = _status(url)
    if status.state == "outdated":
        _upgrade(url)
        status = _status(url)
    path = sqlite_path(url)
    if status.state == "ok":
        checks = _checks(url)
        if not loaders.is_verified(url):
            checks.wait_verified()
        if checks.problem is not None:  # the background integrity check found damage
            status = StoreStatus("corrupt", checks.problem, status.is_default_sqlite)
    if status.state == "ok":
        return
    if status.state == "empty" and path is not None and status.is_default_sqlite:
        lock = _build_lock()
        _wait_for_build(lock)  # a second visitor sees the first one's build progress
        try:
            _status.clear()
            if _status(url).state != "ok":  # another session may have built it while we waited
                _build_demo(url)
            _refresh()
        finally:
            lock.release()
        return
    if status.state == "corrupt" and path is not None:
        st.error(t("store.corrupt", detail=md(status.detail)))
        if not _may_rebuild(path):  # 正式模式, or the mode cannot be read: not for whoever opens the page
            st.info(t("store.corrupt_contact"))
            st.stop()
        st.info(t("store.corrupt_hint"))
        if st.button(t("store.rebuild"), key="store.rebuild", type="primary"):
            with _build_lock():
                backup = _set_aside(path)
                _build_demo(url)
                _refresh()
            st.success(t("store.rebuilt", backup=backup.name))
            return
        st.stop()
    if status.state == "ahead":
        st.error(t("store.ahead", revision=status.revision, head=head_revision()))
        st.info(t("store.ahead_hint"))
        st.stop()
    if status.state == "unreachable":
        st.error(t("store.unreachable", detail=status.detail[:300]))
        st.info(t("store.unreachable_hint"))
        st.stop()
    st.warning(t("store.empty_custom"))
    st.stop()


def _damaged_store_origin(path: Path) -> str | None:
    """DatasetInfo "origin" of a damaged SQLite file, read-only, or None when it cannot be read."""
    try:
        with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=2)) as con:
            row = con.execute("SELECT value FROM datasetinfo WHERE key = 'origin'").fetchone()
    except (sqlite3.Error, OSError):
        return None
    return row[0] if row else None


def _may_rebuild(path: Path) -> bool:
    """Rebuilding a damaged store as demo data: anyone while it was demo data (演示模式); in 正式模式, or
    when the mode cannot be read, only a 市级管理员 logged in earlier in this session (or the command line)."""
    if _damaged_store_origin(path) == "demo":
        return True
    scope = st.session_state.get(SCOPE_KEY)
    return isinstance(scope, Scope) and scope.can_administer


def _refresh() -> None:
    _status.clear()
    _checks_of.clear()
    loaders.clear_caches()
