"""Import kinds of the secretary team, committee scores, volunteers and 同乡村 (issue 20): templates, exports
that preview as unchanged, good rows written, and bad rows refused with Chinese messages naming row and
column while the store stays byte for byte as it was."""

from __future__ import annotations

import pytest

from data.exporting import csv_bytes
from data.importing import ImportRejected, commit, preview
from data.importing.files import export_kind
from data.importing.specs import SPECS
from tests.data.importing_support import csv_file, kept_store, store  # noqa: F401 - fixtures

KINDS = ("secretaries", "staffing", "committee_scores", "volunteers", "hometown")
TABLES = {"secretaries": "secretary", "staffing": "committeestaffing", "committee_scores": "committeescore",
          "volunteers": "volunteeryear", "hometown": "hometownorg"}
NANHU_COMMUNITY = "P440303005001"  # a 罗湖·南湖 community committee of the demo


def headers(kind: str) -> list[str]:
    return [c.header for c in SPECS[kind].columns]


def problems(st, kind: str, rows: list[list[str]]):
    engine = st.engine()
    plan = preview(engine, kind, csv_file(headers(kind), rows), f"{kind}.csv")
    engine.dispose()
    return plan


@pytest.mark.parametrize("kind", KINDS)
def test_exported_demo_rows_preview_as_unchanged(kept_store, kind):
    engine = kept_store.engine()
    with engine.connect() as conn:
        data = csv_bytes(export_kind(conn, kind))
    plan = preview(engine, kind, data, f"{kind}.csv")
    engine.dispose()
    assert plan.ok, plan.problems[:3]
    assert plan.counts() == {"add": 0, "update": 0, "same": kept_store.count(TABLES[kind])}


def test_a_secretary_and_staffing_are_updated(store):
    code = store.query("SELECT code FROM partyorg WHERE level = 'community' ORDER BY id LIMIT 1")[0][0]
    engine = store.engine()
    plan = preview(engine, "secretaries", csv_file(headers("secretaries"), [[code, "李四", "1980", "硕士", "2021", "2"]]),
                   "s.csv")
    assert plan.ok and plan.counts()["update"] == 1
    commit(engine, store.url, plan, actor="测试员")
    plan = preview(engine, "staffing", csv_file(headers("staffing"), [[code, "否", "是", "否"]]), "c.csv")
    assert plan.ok
    commit(engine, store.url, plan, actor="测试员")
    engine.dispose()
    (row,) = store.query("SELECT s.name, s.birth_year, s.education, s.terms_served FROM secretary s "
                         "JOIN partyorg o ON o.id = s.org_id WHERE o.code = ?", code)
    assert row == ("李四", 1980, "master", 2)
    (staff,) = store.query("SELECT secretary, deputy, organiser FROM committeestaffing c JOIN partyorg o "
                           "ON o.id = c.org_id WHERE o.code = ?", code)
    assert tuple(bool(v) for v in staff) == (False, True, False)


def test_new_volunteer_year_committee_score_and_hometown_rows_are_added(store):
    engine = store.engine()
    for kind, row in (
        ("volunteers", ["440307012", "2026", "22000", "300000", ""]),
        ("committee_scores", ["P440303005", "2026", "90", "88", "86", ""]),
        ("hometown", ["T-NEW-1", "测试同乡党支部", "湖南攸县", "440303007", "", "30", "9000"]),
    ):
        plan = preview(engine, kind, csv_file(headers(kind), [row]), f"{kind}.csv")
        assert plan.ok, plan.problems[:3]
        assert plan.counts()["add"] == 1
        commit(engine, store.url, plan, actor="测试员")
    engine.dispose()
    assert store.query("SELECT composite FROM committeescore WHERE year = 2026") == [(88.4,)]  # 40:40:20
    assert store.query("SELECT volunteers, love_bank_points FROM volunteeryear WHERE year = 2026") == [(22000, None)]
    (street,) = store.query("SELECT r.name FROM hometownorg h JOIN region r ON r.id = h.street_id WHERE h.code = 'T-NEW-1'")
    assert street == ("东湖街道",)


def test_a_volunteer_file_without_the_points_column_keeps_the_stored_points(store):
    nanwan = store.query("SELECT id FROM region WHERE code = '440307012'")[0][0]
    (before,) = store.query("SELECT love_bank_points FROM volunteeryear WHERE street_id = ? AND year = 2025", nanwan)
    assert before[0]
    header = ["街道编码", "年度", "注册志愿者"]
    engine = store.engine()
    plan = preview(engine, "volunteers", csv_file(header, [["440307012", "2025", "21500"]]), "v.csv")
    assert plan.ok and plan.counts()["update"] == 1
    commit(engine, store.url, plan, actor="测试员")
    engine.dispose()
    after = store.query("SELECT volunteers, love_bank_points FROM volunteeryear WHERE street_id = ? AND year = 2025", nanwan)
    assert after == [(21500, before[0])]


@pytest.mark.parametrize(("kind", "row", "column", "words"), [
    ("secretaries", ["P440303-H01", "", "1980", "本科", "2021", ""], "党组织编码", "不是社区党委"),
    ("secretaries", ["NOPE-1", "", "1980", "本科", "2021", ""], "党组织编码", "不存在"),
    ("secretaries", [NANHU_COMMUNITY, "", "1980", "博士后", "2021", ""], "学历", ""),
    ("secretaries", [NANHU_COMMUNITY, "", "1990", "本科", "2000", ""], "任职起始年份", "18 岁"),
    ("staffing", [NANHU_COMMUNITY, "也许", "是", "是"], "书记已配备", ""),
    ("committee_scores", [NANHU_COMMUNITY, "2025", "90", "90", "90", ""], "党(工)委编码", "不是区属党(工)委"),
    ("committee_scores", ["P440303005", "2025", "90", "80", "70", "90"], "综合得分", "40:40:20"),
    ("committee_scores", ["P440303005", "2025", "120", "80", "70", ""], "区委常委会评分", ""),
    ("volunteers", ["440303", "2025", "100", "", ""], "街道编码", "街道"),
    ("volunteers", ["440307012", "2025", "-3", "", ""], "注册志愿者", ""),
    ("hometown", ["T-X", "某党支部", "湖南", "440303005001", "", "", ""], "所在街道编码", "街道"),
    ("hometown", ["T-X", "", "湖南", "440303007", "", "", ""], "名称", ""),
])
def test_bad_rows_are_refused_naming_row_and_column_and_the_store_is_unchanged(kept_store, kind, row, column, words):
    before = kept_store.checksum()
    plan = problems(kept_store, kind, [row])
    assert not plan.ok
    hit = [p for p in plan.problems if p.column == column]
    assert hit, [(p.column, p.message) for p in plan.problems]
    assert hit[0].row == 2  # the header is row 1
    message = hit[0].text("zh")
    assert words in message and any("\u4e00" <= ch <= "\u9fff" for ch in message)
    engine = kept_store.engine()
    with pytest.raises(ImportRejected):
        commit(engine, kept_store.url, plan, actor="测试员")
    engine.dispose()
    assert kept_store.checksum() == before


@pytest.mark.parametrize("kind", KINDS)
def test_templates_have_every_column_and_an_example_row(kind):
    from data.importing import files

    template = files.template_frame(SPECS[kind])
    assert list(template.columns)[: len(headers(kind))] == headers(kind) or set(headers(kind)) <= set(template.columns)
    assert len(files.template_csv(kind)) > 0 and len(files.template_xlsx(kind)) > 0
