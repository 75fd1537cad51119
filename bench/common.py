"""What the benchmark scripts share: building stores, timing AppTest runs like the real server."""

from __future__ import annotations

import logging
import os
import re
import statistics
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def build_store(path: Path, scale: str) -> tuple[float, int]:
    """Build a fresh store at `path`; seconds taken and file size in bytes."""
    from data import demo
    from models.db import make_engine

    for extra in ("", "-wal", "-shm"):
        Path(f"{path}{extra}").unlink(missing_ok=True)
    engine = make_engine(f"sqlite:///{path}")
    started = time.perf_counter()
    demo.build(engine, scale=scale, reset=True)
    took = time.perf_counter() - started
    with engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    engine.dispose()
    return took, path.stat().st_size


def page_times(url: str, page: str | None = None, *, runs: int = 5, query: dict | None = None) -> tuple[float, float]:
    """(cold, warm median) seconds of an AppTest run of app.py on `page` against the store at `url`."""
    import streamlit as st

    import tests.conftest  # noqa: F401  (AppTest patched to behave like the real server)
    from streamlit.testing.v1 import AppTest

    os.environ["DATABASE_URL"] = url
    st.cache_data.clear()
    st.cache_resource.clear()
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    if query:
        at.query_params.update(query)
    started = time.perf_counter()
    at.run()
    if page:
        at.switch_page(page).run()
    cold = time.perf_counter() - started
    assert not at.exception, at.exception
    warm = []
    for _ in range(runs):
        started = time.perf_counter()
        at.run()
        warm.append(time.perf_counter() - started)
    return cold, statistics.median(warm)


def page_files() -> list[str]:
    """Every page file in app.py's PAGES, in menu order."""
    files = re.findall(r'st\.Page\("([^"]+)"', (ROOT / "app.py").read_text(encoding="utf-8"))
    return list(dict.fromkeys(files))  # once each: /overview is a hidden second entry of the default page


def page_name(file: str) -> str:
    return Path(file).stem


def ms(seconds: float) -> float:
    return seconds * 1000


def median_timed(fn: Callable[[], object], runs: int) -> tuple[float, float]:
    """(median wall s, median process CPU s) over `runs` calls."""
    wall, cpu = [], []
    for _ in range(runs):
        w, c = time.perf_counter(), time.process_time()
        fn()
        wall.append(time.perf_counter() - w)
        cpu.append(time.process_time() - c)
    return statistics.median(wall), statistics.median(cpu)


def quiet_streamlit() -> None:
    """Loaders called outside a server warn "No runtime found" / "missing ScriptRunContext" on every call."""
    import streamlit.logger

    streamlit.logger.set_log_level(logging.ERROR)
