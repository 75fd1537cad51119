"""The benchmark command's output: one table with the rows the scale issue asks for, as Markdown and CSV.

No timing is asserted here (speed targets live in the benchmark itself); these check that a run
writes a table a reader can compare: the expected rows and columns, PASS/MISS following the targets.
"""

from __future__ import annotations

import csv
import re

import pytest

from bench import common, naive, report, runner
from bench.report import Row, Target
from tests.data.importing_support import store  # noqa: F401 - fixture


def _csv(path):
    with path.open(encoding="utf-8") as f:
        return list(csv.DictReader(f))


def test_writer_marks_targets_and_writes_markdown_and_csv_twice(tmp_path):
    rows = [
        Row("page overview", "warm script time", "shenzhen", 120.0, "ms", Target("<=", 150)),
        Row("page centres", "warm script time", "shenzhen", 151.0, "ms", Target("<=", 150)),
        Row("page centres", "naive / ours (warm)", "shenzhen", 4.9, "x", Target(">=", 5)),
        Row("seeding", "database size", "demo", 22.6, "MB"),
        Row("memory", "server peak RSS", "shenzhen", None, "MB", note="not measured: no chromium"),
    ]
    md, table = report.write(rows, tmp_path, "20260101T000000Z", ["# run", "- load: 1.0"])

    assert (tmp_path / "latest.md").read_text(encoding="utf-8") == md.read_text(encoding="utf-8")
    assert (tmp_path / "latest.csv").read_text(encoding="utf-8") == table.read_text(encoding="utf-8")
    got = _csv(table)
    assert list(got[0]) == list(report.COLUMNS)
    assert [(r["section"], r["status"]) for r in got] == [
        ("page overview", "PASS"), ("page centres", "MISS"), ("page centres", "MISS"), ("seeding", ""), ("memory", "")]
    assert got[2]["target"] == ">= 5" and float(got[1]["value"]) == 151.0 and got[4]["value"] == ""

    text = md.read_text(encoding="utf-8")
    assert text.startswith("# run\n- load: 1.0\n")
    lines = [line for line in text.splitlines() if line.startswith("|")]
    assert lines[0] == "| " + " | ".join(report.COLUMNS) + " |"
    assert len(lines) == 2 + len(rows)  # header, rule, one line per row
    assert all(line.count(" | ") == len(report.COLUMNS) - 1 for line in lines[2:])


def test_every_page_of_the_router_has_a_naive_version():
    pages = [common.page_name(p) for p in common.page_files()]
    assert pages and "overview" in pages
    assert sorted(pages) == sorted(naive.PAGES)


@pytest.mark.slow  # a whole --quick benchmark run
def test_quick_run_on_a_demo_store_writes_the_expected_rows(tmp_path, capsys):
    out = tmp_path / "results"
    runner.main(["--quick", "--no-browser", "--scale", "demo", "--pages", "pages/overview.py",
                 "--out", str(out), "--work", str(tmp_path / "stores")])

    stamped = sorted(p.name for p in out.iterdir())
    assert len(stamped) == 4 and {"latest.md", "latest.csv"} <= set(stamped)
    assert re.fullmatch(r"\d{8}T\d{6}Z\.md", [n for n in stamped if n.endswith(".md") and n != "latest.md"][0])
    rows = _csv(out / "latest.csv")
    keys = [(r["section"], r["measure"].split(" (")[0], r["scale"]) for r in rows]
    assert keys == [
        ("seeding", "seed time", "demo"),
        ("seeding", "database size", "demo"),
        ("server start", "store probe, once per process", "demo"),
        ("page overview", "cold first load, script CPU", "demo"),
        ("page overview", "warm rerun, script CPU", "demo"),
        ("page overview", "map payload", "demo"),
        ("page overview", "naive baseline", "demo"),
        ("page overview", "naive / ours", "demo"),
        ("orgs drill step", "worst sampled node", "demo"),
        ("coverage", "74-street table, cold", "demo"),
        ("coverage", "street table for a new radius", "demo"),
        ("ratings aggregates", "summary + trend + ranking, uncached", "demo"),
        ("problem list", "city: counts + items, cold", "demo"),
        ("problem list", "city: warm", "demo"),
        ("problem list", "a district: counts + items, cold", "demo"),
        ("problem list", "a district: warm", "demo"),
    ]
    assert all(float(r["value"]) > 0 for r in rows)
    assert all(r["status"] in ("PASS", "MISS") for r in rows if r["target"])
    shown = capsys.readouterr().out
    assert "| page overview | naive / ours (warm wall) | demo |" in shown
    assert "python -m bench --quick --no-browser" in (out / "latest.md").read_text(encoding="utf-8")


@pytest.mark.backends("sqlite")
def test_rollup_rows_time_a_copy_and_leave_the_measured_store_unchanged(store):
    from bench import rollups as bench_rollups

    before = store.checksum()
    rows = bench_rollups.rows(store.url, "demo")
    assert store.checksum() == before
    measures = [r.measure.split(" (")[0] for r in rows]
    assert measures == ["aggregate rollups", "subtree sums", "merge of 100,000 organisations, incremental",
                        "merge of 100 organisations, incremental"]
    assert rows[2].value is None and "full rebuild" in rows[2].note  # the demo store has 14,802: too many
    assert rows[3].value > 0 and "stamps fresh: True" in rows[3].note
