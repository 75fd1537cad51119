"""kill -9 of a 200,000-row import at each of its stages (data.importing.stages): afterwards the file is a
sound database, the store equals either the state before or the state after the import, no half backup
is listed, and the app opens on it."""

from __future__ import annotations

import os
import signal
import subprocess
import sys

import pytest

from data.importing import backup
from data.importing.stages import PAUSE_ENV, STAGES
from tests.conftest import ROOT, new_app
from tests.data.importing_support import store  # noqa: F401 - fixture
from tests.data.test_importing_big import big_file

pytestmark = pytest.mark.backends("sqlite")  # a killed PostgreSQL client cannot damage a file (test_importing_pg)
N = 200_000


def killed_at(st, path, stage: str) -> str:
    """Run the command-line import, wait until it pauses at `stage`, kill -9 it; its output."""
    cmd = [sys.executable, "-m", "data.importing", "--url", st.url, "--actor", "测试员", "import", "buildings",
           str(path), "--mode", "merge", "--yes"]
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                            env={**os.environ, "PYTHONUNBUFFERED": "1", PAUSE_ENV: stage})
    lines = []
    try:
        for line in proc.stdout:
            lines.append(line)
            if line.strip() == f"PAUSED {stage}":
                proc.send_signal(signal.SIGKILL)
                break
        proc.wait(timeout=600)
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.stdout.close()
    assert proc.returncode == -signal.SIGKILL, "".join(lines)
    return "".join(lines)


def opens(st, monkeypatch) -> None:
    at = new_app(st.url, monkeypatch)
    at.run()
    assert not at.exception
    assert not at.error, [e.value for e in at.error]


@pytest.mark.slow  # seven child processes, each reading and checking 200,000 rows
def test_an_import_killed_at_any_stage_leaves_the_store_before_or_after_and_the_app_opens(store, tmp_path,
                                                                                      monkeypatch):
    path = tmp_path / "楼宇二十万.csv"
    path.write_bytes(big_file(N))
    before, rows_before = store.checksum(), store.count("building")
    imports_before = store.count("auditentry", "action = 'import'")
    for stage in STAGES:
        killed_at(store, path, stage)
        assert store.integrity_ok(), stage
        listed = backup.list_backups(store.url)
        assert all(b.path.stat().st_size > 0 and not b.name.endswith(".partial") for b in listed), stage
        if stage != "committed":
            assert store.checksum() == before, stage  # exactly as before: not one row, not one audit line
        else:  # killed after the commit: exactly the import's rows and its one audit line
            assert store.count("building") == rows_before + N
            assert store.count("building", "code LIKE 'B-BIG-%'") == N
            assert store.count("auditentry", "action = 'import'") == imports_before + 1
            assert store.count("building", "code LIKE 'B-BIG-%' AND (street_id IS NULL OR district_id IS NULL)") == 0
        opens(store, monkeypatch)
