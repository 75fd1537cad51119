"""Progress bars speak the user's language: no table names in the import's steps or the first-start build."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from data.importing.messages import step
from models.i18n import ENTRIES
from sqlmodel import SQLModel

import models.tables  # noqa: F401  (registers every table)
import models.tables_derived as derived

ROOT = Path(__file__).resolve().parents[2]
HAN = re.compile(r"[\u4e00-\u9fff]")


# every table an import can write: all but the derived ones, the accounts and the store's own bookkeeping
NOT_IMPORTED = {t.__tablename__ for t in vars(derived).values() if getattr(t, "__table__", None) is not None}
NOT_IMPORTED |= {"orgrollup", "account", "auditentry", "loginsession", "datasetinfo"}
IMPORTED = sorted(set(SQLModel.metadata.tables) - NOT_IMPORTED)


def test_the_imported_tables_include_the_team_and_case_registers():
    assert {"region", "partyorg", "secretary", "volunteeryear", "weakorgcase", "building"} <= set(IMPORTED)


@pytest.mark.parametrize("table", IMPORTED)
def test_an_import_step_names_the_data_not_the_table(table):
    from data.importing.messages import Text

    text = step("insert_rows", table=Text(f"importing.table.{table}"), done=1, total=2)
    assert table not in text and HAN.search(text)
    english = text.text("en")
    assert f" {table} " not in english and not HAN.search(english), english


def test_every_step_of_the_first_start_build_reads_in_chinese():
    from components.shell.bootstrap import step_text

    source = (ROOT / "data" / "demo" / "__init__.py").read_text(encoding="utf-8")
    steps = re.findall(r'\("([a-z -]+)", build_', source) + ["organisation subtree sums", "done"]
    import models.tables as tables

    written = re.findall(r"\((\w+), world\.", source)  # every table the build writes
    assert {"Region", "PartyOrg", "IndicatorScore"} <= set(written)
    steps += [f"writing {getattr(tables, name).__tablename__}" for name in written]
    assert len(steps) >= 14
    for s in steps:
        text = step_text(s)
        assert not re.search(r"[A-Za-z]", text), (s, text)
        assert text != step_text("no such step"), f"{s} falls back to the generic text"
    assert all(f"store.step.{c}" in ENTRIES for c in ("regions", "orgs", "indicators"))
