"""The server's own start, before any visitor (issue 16): import the app's modules, open the store, compare its
rollups with the data and warm the default view, in one background thread started at process start.

app.py calls `begin()` where it defines the ASGI app (both start commands import it there, before the first
session), so /_stcore/health answers at once and the first visitor finds the modules imported and the
default view (the city, the latest graded year) computed. A session's run waits for the imports
(`wait_imported`) instead of importing the same modules at the same time in another thread. What follows the
imports is components/shell/bootstrap.py's once-per-process store work (`bootstrap.prepare`): the same code a
session starts when no server start did (AppTest, a server that did not import app.py first).

This module imports nothing heavy itself: it is imported on the server's path to /_stcore/health.
"""

from __future__ import annotations

import gc
import logging
import sys
import threading
import time

log = logging.getLogger(__name__)

_lock = threading.Lock()
_thread: threading.Thread | None = None
_imported = threading.Event()
RUNTIME_WAIT_S = 120.0  # how long the thread waits for Streamlit's runtime to exist before it gives up warming
IMPORT_WAIT_S = 120.0  # how long a session waits for the start-up imports (then imports on its own)


def begin() -> None:
    """Start the start-up thread once per process (app.py is imported twice by `python app.py`)."""
    global _thread
    with _lock:
        if _thread is not None:
            return
        _thread = threading.Thread(target=_run, name="app-start", daemon=True)
        _thread.start()


def started() -> bool:
    return _thread is not None


def wait_imported(timeout: float = IMPORT_WAIT_S) -> None:
    """Called at the top of a session's run: while the start-up thread imports the app's modules, wait for it
    rather than import them concurrently (two threads importing one module graph in different orders can
    deadlock on the import locks, and compete for the interpreter anyway)."""
    if _thread is not None and not _imported.is_set():
        _imported.wait(timeout)


_frozen_at = [0]  # how many modules were loaded at the last freeze_heap


def freeze_heap(*, collect: bool = True) -> None:
    """After a run (or the start-up imports) that loaded new modules: collect, then move every object alive
    (modules, classes, the ~250,000 objects of pandas, SQLAlchemy, altair...) out of the garbage collector's
    generations. Streamlit runs a full collection after every script run (runner.postScriptGC), which
    otherwise walks all of them each time: ~150 ms of CPU on every run of every session (gc.freeze, the
    standard way for a long-lived server; objects created later are collected as usual). Only in a server
    process this module started (begin): a test process's heap is left alone."""
    if _thread is None:
        return
    with _lock:
        if len(sys.modules) <= _frozen_at[0]:
            return
        _frozen_at[0] = len(sys.modules)
        if collect:  # after a run: its garbage is collected first (Streamlit's own collection then finds none)
            gc.collect()
        gc.freeze()


def _import_modules() -> None:
    """What the router and the default page (总览) import, in the order the router imports them."""
    import components.compat  # noqa: F401
    import components.loaders  # noqa: F401
    import components.present.deck  # noqa: F401
    import components.shell.auth  # noqa: F401
    import components.shell.bootstrap  # noqa: F401
    import components.shell.errors  # noqa: F401
    import components.shell.filters  # noqa: F401
    import components.ui.cards  # noqa: F401
    import components.ui.style  # noqa: F401
    import components.ui.map_assets  # noqa: F401

    for name in ("alerts", "cockpit", "centres", "overview", "present", "problems", "standards"):
        __import__(f"components.loaders.{name}")
    for name in ("board", "kpis", "views", "map"):
        __import__(f"components.overview.{name}")
    for name in ("chart_png", "charts", "maps", "vega"):
        __import__(f"components.ui.{name}")


def _runtime_exists() -> bool:
    from streamlit import runtime

    return runtime.exists()


def _prepare() -> None:
    from components import loaders
    from components.shell import bootstrap

    bootstrap.prepare(loaders.store_url())


def _run() -> None:
    try:
        # Streamlit's runtime first: the caches the warm-up fills are the runtime's (and a component declared
        # before it exists is registered on first use, components/compat.py).
        deadline = time.monotonic() + RUNTIME_WAIT_S
        while not _runtime_exists() and time.monotonic() < deadline:
            time.sleep(0.01)
        if not _runtime_exists():
            return
        started_at = time.process_time()
        _import_modules()
        freeze_heap(collect=False)  # imports leave next to no garbage; a collection here would cost ~0.1 s
        log.info("start-up imports: %.2f s CPU", time.process_time() - started_at)
    except Exception:  # noqa: BLE001 - a module that fails to import fails the session's run, with its message
        log.exception("start-up imports failed")
        return
    finally:
        _imported.set()
    try:
        _prepare()
    except Exception:  # noqa: BLE001 - a failed warm-up costs speed, never a page: the session probes again
        log.exception("start-up store work failed")
