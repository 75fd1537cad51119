"""Importer numbers: 100,000 building rows, validate (preview) and import (commit) time and peak memory.

    python -m bench.importing [--rows 100000] [--xlsx] [--url sqlite:////tmp/demo.db]

Without --url a demo-scale store is built in a temporary directory (the import goes into a copy, so a
given store is never changed). Times are wall-clock seconds of one run without tracing; peak memory is
measured in a second run under tracemalloc (Python allocations above the baseline), and the process's
peak RSS is reported at the end. Phases come from the importer's own progress messages. On a shared
machine wall times swing with the load; the CPU seconds of this process (`*_cpu_s`) swing far less.
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import sqlite3
import tempfile
import time
import tracemalloc
from pathlib import Path

from bench.common import build_store

HEADER = ["编码", "名称", "类型", "楼层数", "企业数", "党员数", "覆盖党组织编码", "覆盖起始年份", "所在区域编码", "经度", "纬度",
          "坐标系"]
STREETS = ("440303001", "440303002", "440303003", "440303005")


def rows(n: int) -> list[list[object]]:
    rng = random.Random(7)
    kinds = ("商务楼宇", "住宅小区", "产业园区", "商圈市场")
    return [[f"B-BENCH-{i:06d}", f"基准楼宇{i:06d}", kinds[i % 4], rng.randint(1, 60), rng.randint(0, 300),
             rng.randint(0, 200), "P440303-T001" if i % 3 == 0 else "", 2020 if i % 3 == 0 else "", STREETS[i % 4],
             round(rng.uniform(114.08, 114.16), 5), round(rng.uniform(22.53, 22.59), 5), "WGS-84"] for i in range(n)]


def csv_bytes(data: list[list[object]]) -> bytes:
    import csv
    import io

    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(HEADER)
    w.writerows(data)
    return buf.getvalue().encode("utf-8-sig")


def xlsx_bytes(data: list[list[object]]) -> bytes:
    import io

    import openpyxl

    wb = openpyxl.Workbook(write_only=True)
    ws = wb.create_sheet("楼宇")
    ws.append(HEADER)
    for r in data:
        ws.append(r)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def copy(src: Path, dst: Path) -> str:
    for extra in ("", "-wal", "-shm"):
        Path(f"{dst}{extra}").unlink(missing_ok=True)
    a, b = sqlite3.connect(src), sqlite3.connect(dst)
    a.backup(b)
    a.close()
    b.close()
    return f"sqlite:///{dst}"


def run(url: str, data: bytes, name: str, *, trace: bool) -> dict[str, float]:
    from data.importing import commit, preview
    from models.db import make_engine

    engine = make_engine(url)
    marks: list[tuple[float, str]] = []

    def progress(_f: float, message: str) -> None:
        marks.append((time.perf_counter(), message))

    out: dict[str, float] = {}
    if trace:
        tracemalloc.start()
    started, cpu = time.perf_counter(), time.process_time()
    plan = preview(engine, "buildings", data, name, mode="merge", progress=progress)
    out["validate_s"] = time.perf_counter() - started
    out["validate_cpu_s"] = time.process_time() - cpu
    assert plan.ok, plan.problems[:3]
    if trace:
        out["validate_peak_mb"] = tracemalloc.get_traced_memory()[1] / 1e6
        tracemalloc.reset_peak()
    phases = {m: t for t, m in marks}
    out["read_s"] = phases["检查格式"] - started
    out["parse_s"] = phases["检查引用"] - phases["检查格式"]
    out["references_s"] = phases["比较现有数据"] - phases["检查引用"]
    out["diff_s"] = phases["完成"] - phases["比较现有数据"]
    marks.clear()
    started, cpu = time.perf_counter(), time.process_time()
    result = commit(engine, url, plan, actor="bench", progress=progress)
    out["import_s"] = time.perf_counter() - started
    out["import_cpu_s"] = time.process_time() - cpu
    phases = {m: t for t, m in marks}
    out["backup_s"] = phases["写入"] - phases["备份数据库"]
    out["write_s"] = phases.get("汇总组织树", phases["提交"]) - phases["写入"]
    if trace:
        out["import_peak_mb"] = tracemalloc.get_traced_memory()[1] / 1e6
        tracemalloc.stop()
    assert result.added == len(plan.status)
    # the same file again: every row is compared with the stored one and found unchanged
    started = time.perf_counter()
    again = preview(engine, "buildings", data, name, mode="merge")
    out["revalidate_unchanged_s"] = time.perf_counter() - started
    assert again.counts()["same"] == result.added
    engine.dispose()
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.importing", description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--xlsx", action="store_true", help="also measure the same rows as an .xlsx file")
    parser.add_argument("--url", help="a demo store to copy (default: build one)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        tmp_path = Path(tmp)
        if args.url:
            from models.db import sqlite_path

            source = sqlite_path(args.url)
        else:
            source = tmp_path / "demo.db"
            build_store(source, "demo")
        data_rows = rows(args.rows)
        files = [("csv", csv_bytes(data_rows), "楼宇.csv")]
        if args.xlsx:
            files.append(("xlsx", xlsx_bytes(data_rows), "楼宇.xlsx"))
        print(f"importing {args.rows:,} building rows into a copy of a demo-scale store "
              f"({source.stat().st_size / 1e6:.1f} MB)")
        for fmt, data, name in files:
            timed = run(copy(source, tmp_path / "t.db"), data, name, trace=False)
            traced = run(copy(source, tmp_path / "m.db"), data, name, trace=True)
            print(f"\n{fmt}: {len(data) / 1e6:.1f} MB file")
            for key in ("validate_s", "validate_cpu_s", "read_s", "parse_s", "references_s", "diff_s", "import_s",
                        "import_cpu_s", "backup_s", "write_s", "revalidate_unchanged_s"):
                print(f"  {key:24s} {timed[key]:7.2f}")
            print(f"  {'validate_peak_mb':24s} {traced['validate_peak_mb']:7.1f}  (tracemalloc, above baseline)")
            print(f"  {'import_peak_mb':24s} {traced['import_peak_mb']:7.1f}")
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"\nload average at the end {os.getloadavg()[0]:.1f}")
    print(f"process peak RSS {rss:.0f} MB (whole run, incl. building the store and the files)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
