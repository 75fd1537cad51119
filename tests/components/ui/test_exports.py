"""Exports: what Excel users get when they download a table."""

from __future__ import annotations

import io

import openpyxl
import pandas as pd
import pytest

from components.ui import exports

DF = pd.DataFrame(
    {"name": ["大塘龙社区", "桂木园社区"], "dist": [1234.5, None], "internal": [1, 2], "kind": ["社区", "住宅小区"]}
)
COLUMNS = {"name": "名称", "kind": "类型", "dist": "最近中心距离（米）"}


def test_csv_has_a_bom_chinese_headers_and_only_the_chosen_columns_in_order():
    data = exports.csv_bytes(DF, COLUMNS)
    assert data.startswith(b"\xef\xbb\xbf")  # Excel needs the BOM to read UTF-8
    text = data.decode("utf-8-sig")
    lines = text.splitlines()
    assert lines[0] == "名称,类型,最近中心距离（米）"
    assert lines[1] == "大塘龙社区,社区,1234.5"
    assert lines[2] == "桂木园社区,住宅小区,"
    assert "internal" not in text


def test_xlsx_opens_with_chinese_headers_and_values():
    wb = openpyxl.load_workbook(io.BytesIO(exports.xlsx_bytes(DF, COLUMNS, sheet="服务空白")))
    ws = wb["服务空白"]
    rows = list(ws.iter_rows(values_only=True))
    assert rows[0] == ("名称", "类型", "最近中心距离（米）")
    assert rows[1] == ("大塘龙社区", "社区", 1234.5)
    assert rows[2] == ("桂木园社区", "住宅小区", None)
    assert ws.freeze_panes == "A2"
    assert ws.column_dimensions["C"].width > ws.column_dimensions["A"].width - 1


def test_timezone_aware_dates_do_not_break_the_workbook():
    df = pd.DataFrame({"at": pd.to_datetime(["2025-01-02 03:04"]).tz_localize("Asia/Shanghai")})
    wb = openpyxl.load_workbook(io.BytesIO(exports.xlsx_bytes(df, {"at": "时间"})))
    assert wb.active["A2"].value.hour == 3


def test_unknown_column_is_a_programming_error_caught_early():
    with pytest.raises(KeyError, match="nope"):
        exports.csv_bytes(DF, {"nope": "不存在"})


def test_empty_table_still_gives_headers():
    text = exports.csv_bytes(DF.iloc[:0], COLUMNS).decode("utf-8-sig")
    assert text.strip() == "名称,类型,最近中心距离（米）"


def test_every_export_is_written_to_the_audit_table(tmp_path, monkeypatch):
    """Building a download writes who (and in which role) took which file with how many rows."""
    import streamlit as st
    from sqlalchemy import select
    from sqlmodel import Session

    from components.loaders.audit import export_recorder
    from models.access import DISTRICT_LEADER, Scope
    from models.db import create_schema, make_engine
    from models.tables import AuditEntry

    url = f"sqlite:///{tmp_path / 'audit.db'}"
    create_schema(make_engine(url))
    monkeypatch.setenv("DATABASE_URL", url)
    st.cache_resource.clear()
    leader = Scope(role=DISTRICT_LEADER, district_id=2, actor="张区长")
    table = exports.labelled(DF, COLUMNS)
    build = exports.file_builder(table, {c: c for c in table.columns}, "服务空白", export_recorder(leader))
    assert build("csv").decode("utf-8-sig").splitlines()[0] == "名称,类型,最近中心距离（米）"
    build("xlsx")
    with Session(make_engine(url)) as s:
        rows = s.execute(select(AuditEntry.actor, AuditEntry.action, AuditEntry.detail)).all()
    st.cache_resource.clear()
    assert [(a, act) for a, act, _ in rows] == [("张区长", "export"), ("张区长", "export")]
    assert '"file": "服务空白.csv"' in rows[0][2] and '"rows": 2' in rows[0][2]
    assert '"role": "district_leader"' in rows[1][2] and "服务空白.xlsx" in rows[1][2]


def test_an_export_during_an_import_does_not_wait_and_its_audit_line_is_kept(tmp_path, monkeypatch):
    """An import holds the store's write lock for minutes: the download is built at once, its audit line is
    written (with its own time) together with the next one once the lock is free."""
    import time

    import streamlit as st
    from sqlalchemy import select
    from sqlmodel import Session

    from components.loaders.audit import export_recorder
    from data.importing.apply import begin_write
    from models.access import VIEWER, Scope
    from models.db import create_schema, make_engine
    from models.tables import AuditEntry

    url = f"sqlite:///{tmp_path / 'audit.db'}"
    engine = make_engine(url)
    create_schema(engine)
    monkeypatch.setenv("DATABASE_URL", url)
    st.cache_resource.clear()
    record = export_recorder(Scope(role=VIEWER, actor="观众"))
    held = begin_write(engine)  # what an import does for its whole run
    started = time.monotonic()
    try:
        record("服务空白.csv", 2)
    finally:
        held.rollback()
        held.close()
    assert time.monotonic() - started < 8.0  # not the 30 s busy timeout
    with Session(engine) as s:
        assert s.execute(select(AuditEntry)).all() == []
    record("服务空白.xlsx", 2)
    with Session(engine) as s:
        rows = s.execute(select(AuditEntry.detail, AuditEntry.at).order_by(AuditEntry.id)).all()
    st.cache_resource.clear()
    engine.dispose()
    assert ["服务空白.csv" in rows[0][0], "服务空白.xlsx" in rows[1][0]] == [True, True]
    assert rows[0][1] <= rows[1][1]
