"""The command line: templates, import with a preview and exit codes, error report, export zip, backups."""

from __future__ import annotations

import subprocess
import sys
import zipfile

import openpyxl
import pytest

from data.importing.__main__ import main
from tests.conftest import ROOT
from tests.data.importing_support import BUILDING_HEADER, GOOD_BUILDING, csv_file, store  # noqa: F401 - fixture


def cli(st, *args: str) -> int:
    return main(["--url", st.url, "--actor", "命令行", *args])


def test_templates_have_chinese_headers_an_example_and_an_explanation_sheet(tmp_path, capsys):
    out = tmp_path / "t.xlsx"
    assert main(["template", "centres", "-o", str(out)]) == 0
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == ["数据", "说明"]
    header, example = list(wb["数据"].iter_rows(values_only=True))
    assert header[:3] == ("编码", "名称", "层级") and example[2] == "商务楼宇"
    assert isinstance(example[header.index("经度")], float)  # numbers are numbers in Excel
    explain = list(wb["说明"].iter_rows(values_only=True))
    assert explain[0] == ("列名", "必填", "类型", "允许值", "说明", "示例")
    assert len(explain) == 1 + len(header)
    assert main(["template", "ratings", "--format", "csv", "-o", str(tmp_path / "r.csv")]) == 0
    text = (tmp_path / "r.csv").read_bytes()
    assert text.startswith(b"\xef\xbb\xbf") and "组织编码,年度".encode() in text


@pytest.mark.backends("sqlite")  # names a file backup; PostgreSQL's report: test_importing_pg
def test_import_previews_writes_and_reports(store, tmp_path, capsys):
    path = tmp_path / "楼宇.csv"
    path.write_bytes(csv_file(BUILDING_HEADER, [GOOD_BUILDING], encoding="gbk"))
    assert cli(store, "import", "buildings", str(path), "--yes") == 2  # a demo store needs --mode
    assert "--mode replace" in capsys.readouterr().err
    assert cli(store, "import", "buildings", str(path), "--mode", "merge", "--yes") == 0
    out = capsys.readouterr().out
    assert "编码 GBK" in out and "新增 1 行" in out and "before-import-buildings" in out
    assert store.query("SELECT actor FROM auditentry ORDER BY id DESC LIMIT 1") == [("命令行",)]


def test_a_rejected_file_exits_1_and_saves_every_problem(store, tmp_path, capsys):
    rows = [GOOD_BUILDING[:3] + ["三十"] + GOOD_BUILDING[4:], GOOD_BUILDING]  # bad floors, and a duplicate code
    path, errors = tmp_path / "楼宇.csv", tmp_path / "问题.csv"
    path.write_bytes(csv_file(BUILDING_HEADER, rows))
    before = store.checksum()
    assert cli(store, "import", "buildings", str(path), "--mode", "merge", "--yes", "--errors", str(errors)) == 1
    out = capsys.readouterr().out
    assert "发现 3 个问题" in out and "第 2 行 楼层数 '三十': 应为数字。" in out
    report = errors.read_bytes()
    assert report.startswith(b"\xef\xbb\xbf")
    lines = report.decode("utf-8-sig").splitlines()
    assert lines[0] == "行号,列,值,问题"
    assert lines[1:] == ["2,编码,B440303-T901,与第 3 行重复（编码）。", "2,楼层数,三十,应为数字。",
                         "3,编码,B440303-T901,与第 2 行重复（编码）。"]
    assert store.checksum() == before


@pytest.mark.slow  # exports and re-checks the whole store
def test_export_zip_holds_importable_csvs_and_a_readme(store, tmp_path):
    out = tmp_path / "export.zip"
    assert cli(store, "export", "-o", str(out)) == 0
    with zipfile.ZipFile(out) as zf:
        names = set(zf.namelist())
        assert {"README.txt", "regions.csv", "orgs.csv", "centres.csv", "buildings.csv", "ratings.csv",
                "cases.csv", "districts.csv", "audit.csv", "dataset.csv"} <= names
        assert "示例数据" in zf.read("README.txt").decode("utf-8-sig")
        centres = zf.read("centres.csv")
    assert centres.startswith(b"\xef\xbb\xbf")
    assert len(centres.decode("utf-8-sig").splitlines()) == 1 + store.count("servicecenter")
    path = tmp_path / "centres.csv"
    path.write_bytes(centres)
    before = store.checksum()
    assert cli(store, "import", "centres", str(path), "--mode", "merge", "--yes") == 0  # the round trip...
    assert store.checksum() == before  # ...finds nothing to change and writes nothing


@pytest.mark.slow  # several CLI runs with backups
@pytest.mark.backends("sqlite")  # PostgreSQL: test_importing_pg
def test_backups_and_restore_from_the_command_line(store, tmp_path, capsys):
    path = tmp_path / "楼宇.csv"
    path.write_bytes(csv_file(BUILDING_HEADER, [GOOD_BUILDING]))
    before = store.count("building")
    cli(store, "import", "buildings", str(path), "--mode", "merge", "--yes")
    capsys.readouterr()
    assert cli(store, "backups") == 0
    name = capsys.readouterr().out.split()[-1]
    assert name.endswith("before-import-buildings.db")
    assert cli(store, "restore", name, "--yes") == 0
    assert store.count("building") == before
    assert cli(store, "audit", "--limit", "2") == 0
    assert "restore" in capsys.readouterr().out


def test_init_gives_an_empty_store_the_official_territory(tmp_path):
    url = f"sqlite:///{tmp_path / 'empty.db'}"
    run = subprocess.run([sys.executable, "-m", "data.importing", "--url", url, "init"], cwd=ROOT,
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    import sqlite3

    con = sqlite3.connect(tmp_path / "empty.db")
    try:
        levels = dict(con.execute("SELECT level, COUNT(*) FROM region GROUP BY level"))
        info = dict(con.execute("SELECT key, value FROM datasetinfo"))
    finally:
        con.close()
    assert levels == {"city": 1, "district": 10, "street": 74, "community": 783}
    assert info["origin"] == "import"
    again = subprocess.run([sys.executable, "-m", "data.importing", "--url", url, "init"], cwd=ROOT,
                           capture_output=True, text=True, timeout=120)
    assert again.returncode == 1 and "已有数据" in again.stderr
