"""100,000 rows: checked and written in one transaction that nobody sees half done, and a process killed
in the middle of writing leaves the store exactly as it was."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys

import pytest
from sqlalchemy import event

from data.importing import commit, preview
from tests.conftest import ROOT
from tests.data.importing_support import BUILDING_HEADER, csv_file, store  # noqa: F401 - fixture

N = 100_000
STREETS = ("440303001", "440303002", "440303003", "440303005")  # 罗湖: 桂园, 黄贝, 东门, 南湖


def big_file(n: int = N) -> bytes:
    rng = random.Random(7)
    kinds = ("商务楼宇", "住宅小区", "产业园区", "商圈市场")
    rows = [[f"B-BIG-{i:06d}", f"测试楼宇{i:06d}", kinds[i % 4], str(rng.randint(1, 60)), str(rng.randint(0, 300)),
             str(rng.randint(0, 200)), "", "", STREETS[i % 4], f"{rng.uniform(114.08, 114.16):.5f}",
             f"{rng.uniform(22.53, 22.59):.5f}", "WGS-84"] for i in range(n)]
    return csv_file(BUILDING_HEADER, rows)


@pytest.mark.slow  # 100,000 rows
def test_100k_rows_are_written_in_one_transaction_nobody_sees_half_done(store):
    before = store.count("building")
    seen_midway: list[int] = []

    def progress(fraction: float, message: str) -> None:
        if message.startswith("写入 楼宇") and not seen_midway:
            seen_midway.append(store.count("building"))  # another connection, mid-write

    engine = store.engine()
    commits: list[int] = []
    event.listen(engine, "commit", lambda conn: commits.append(1))
    plan = preview(engine, "buildings", big_file(), "楼宇十万.csv")
    assert plan.ok and plan.counts()["add"] == N
    result = commit(engine, store.url, plan, actor="测试员", progress=progress)
    engine.dispose()
    assert result.added == N
    assert commits == [1]
    assert seen_midway == [before]  # the rows already sent were invisible until the commit
    assert store.count("building") == before + N
    assert store.count("building", "code LIKE 'B-BIG-%' AND street_id IS NULL") == 0


@pytest.mark.slow  # 100,000 rows in a child process
def test_a_process_killed_mid_import_leaves_the_store_as_it_was(store, tmp_path):
    path = tmp_path / "big.csv"
    path.write_bytes(big_file())
    before, rows_before = store.checksum(), store.count("building")
    cmd = [sys.executable, "-m", "data.importing", "--url", store.url, "--actor", "测试员", "import", "buildings",
           str(path), "--mode", "merge", "--yes"]
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                            env={**os.environ, "PYTHONUNBUFFERED": "1"})
    lines = []
    for line in proc.stdout:
        lines.append(line)
        if "写入 楼宇" in line:  # the first chunk went to the database: we are mid-transaction
            proc.send_signal(signal.SIGKILL)
            break
    proc.wait(timeout=60)
    proc.stdout.close()
    assert proc.returncode == -signal.SIGKILL, "".join(lines)
    assert store.checksum() == before
    assert store.count("building") == rows_before
    assert store.integrity_ok()
