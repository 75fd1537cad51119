"""XLSX built from registry names: sheet titles Excel refuses, control characters in cells (issue 21)."""

from __future__ import annotations

import io

import openpyxl
import pandas as pd
import pytest

from data.exporting import SHEET_NAME_MAX, ExportContext, sheet_title, workbook_bytes, xlsx_bytes

HOSTILE = "组织 * [1] : 名单? a/b\\c"


@pytest.mark.parametrize("stem", [HOSTILE, "'引号'", "", "History", "长" * 60, "[]:*?/\\", "\x00\x1b名"])
def test_any_file_stem_makes_a_workbook(stem):
    df = pd.DataFrame({"名称": ["**粗体** ![i](http://example.invalid/t.png)", "a\x00b\x1bc"], "数量": [1, 2]})
    wb = openpyxl.load_workbook(io.BytesIO(xlsx_bytes(df, sheet=stem)))
    (title,) = wb.sheetnames
    assert 0 < len(title) <= SHEET_NAME_MAX
    assert not set("*[]:?/\\") & set(title) and not any(ord(c) < 32 for c in title)
    assert not title.startswith("'") and not title.endswith("'") and title.casefold() != "history"
    cells = [c.value for c in wb.active["A"]]
    assert cells[1] == "**粗体** ![i](http://example.invalid/t.png)"  # text, kept literally
    assert cells[2] == "a\ufffdb\ufffdc"  # control characters Excel cannot hold are replaced, not fatal


def test_titles_keep_what_they_can_and_names_that_collide_still_make_a_workbook():
    assert sheet_title(HOSTILE) == "组织 _ _1_ _ 名单_ a_b_c"
    wb = openpyxl.load_workbook(io.BytesIO(workbook_bytes({n: pd.DataFrame({"a": [1]}) for n in ["a/b", "a\\b", "a?b"]})))
    assert len(wb.sheetnames) == 3 and len(set(wb.sheetnames)) == 3


def test_file_names_from_hostile_stems_are_safe():
    name = ExportContext(area="罗湖区").file_name(HOSTILE, "xlsx")
    assert not set('\\/:*?"<>|') & set(name) and name.endswith(".xlsx")
