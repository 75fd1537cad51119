"""Import of the problem list's columns on 党组织 (last election, term, vacancy, the secretary's start): good
rows are stored with the term the rules give, bad dates are refused naming row and column, store unchanged."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import select
from sqlmodel import Session

from data.importing import backup, commit, preview
from models import alerts
from models.tables import PartyOrg
from tests.data.importing_support import csv_file, kept_store, problems_at, store  # noqa: F401 - fixtures
from tests.data.test_importing_validate import assert_refused_and_untouched

ORG = ["编码", "名称", "层级", "组织类型", "类别", "上级组织编码", "所在区域编码", "成立年份", "上次换届日期",
       "每届任期（年）", "书记空缺起始日期", "现任书记任职日期", "现任书记产生方式"]


def org(**changes: str) -> list[str]:
    row = dict(zip(ORG, ["P-A1", "示例科技党支部", "基层单位党组织", "党支部", "两新组织", "P440303003", "440303003",
                         "2015", "2023-06-30", "", "", "2023-06-30", "换届选举"], strict=True)) | changes
    return [row[h] for h in ORG]


TOMORROW = (backup.now().date() + timedelta(days=1)).isoformat()  # the importer's today is Beijing's
BAD = {
    "election_in_future": ([org(上次换届日期=TOMORROW)], {(2, "上次换届日期", "date_range")}),
    "election_not_a_date": ([org(上次换届日期="2023-02-30")], {(2, "上次换届日期", "bad_date")}),
    "vacancy_in_future": ([org(书记空缺起始日期=TOMORROW)], {(2, "书记空缺起始日期", "date_range")}),
    "term_of_zero_years": ([org(**{"每届任期（年）": "0"})], {(2, "每届任期（年）", "below_min")}),
    "election_before_founding": ([org(上次换届日期="2010-05-01")], {(2, "上次换届日期", "election_before_founding")}),
    "group_holds_no_election": ([org(组织类型="党小组")], {(2, "上次换届日期", "no_elections")}),
    "unknown_change": ([org(现任书记产生方式="任命")], {(2, "现任书记产生方式", "bad_choice")}),
}


@pytest.mark.parametrize("case", sorted(BAD))
def test_bad_dates_and_terms_are_named_and_nothing_is_written(kept_store, case):
    rows, expected = BAD[case]
    assert_refused_and_untouched(kept_store, "orgs", csv_file(ORG, rows), f"{case}.csv", expected)


def test_good_rows_are_stored_and_a_blank_term_follows_the_rules(store):
    rows = [org(), org(编码="P-A2", 名称="示例社区党委", 层级="社区党委", 组织类型="党委", 类别="社区",
                   所在区域编码="440303003001", 上次换届日期="2021-03-15", 现任书记任职日期="", 现任书记产生方式="",
                   书记空缺起始日期="2025-11-01"),
            org(编码="P-A3", **{"每届任期（年）": "5"})]
    engine = store.engine()
    plan = preview(engine, "orgs", csv_file(ORG, rows), "orgs.csv", mode="merge")
    assert not plan.problems, problems_at(plan)
    commit(engine, store.url, plan, actor="test")
    with Session(engine) as s:
        got = {o.code: o for o in s.execute(select(PartyOrg).where(PartyOrg.code.in_(["P-A1", "P-A2", "P-A3"]))).scalars()}
    engine.dispose()
    assert got["P-A1"].term_years == alerts.term_years_for("unit", "branch", "two_new") == 3
    assert got["P-A1"].last_election_on == date(2023, 6, 30) and got["P-A1"].secretary_change == "elected"
    assert got["P-A2"].term_years == 5  # the organisation of a community: 5 years whatever its type
    assert got["P-A2"].secretary_vacant_since == date(2025, 11, 1)
    assert got["P-A3"].term_years == 5  # given in the file: kept


CASE = ["组织编码", "列入年度", "列入日期", "整改期限", "包点区领导", "第一书记姓名", "第一书记职级", "第一书记派出单位",
        "第一书记到任日期", "整改措施", "销号日期", "验收评估意见"]


def case(**changes: str) -> list[str]:
    row = dict(zip(CASE, ["P440303003001", "2025", "2025-03-15", "2026-03-31", "王某（区委常委、组织部部长）", "李某某",
                          "副处级", "罗湖区民政局", "2025-04-01", "调整充实班子", "", ""], strict=True)) | changes
    return [row[h] for h in CASE]


BAD_CASES = {
    "deadline_before_opened": ([case(整改期限="2025-03-01")], {(2, "整改期限", "deadline_before_opened")}),
    "closed_before_opened": ([case(销号日期="2025-02-01")], {(2, "销号日期", "closed_before_opened")}),
    "opened_in_future": ([case(列入日期=TOMORROW, 列入年度=TOMORROW[:4])], {(2, "列入日期", "date_range")}),
    "opened_in_other_year": ([case(列入日期="2024-12-30")], {(2, "列入日期", "opened_other_year")}),
    "deadline_not_a_date": ([case(整改期限="明年三月")], {(2, "整改期限", "bad_date")}),
    "unknown_org": ([case(组织编码="P-NOPE")], {(2, "组织编码", "org_missing")}),
}


@pytest.mark.parametrize("name", sorted(BAD_CASES))
def test_bad_register_rows_are_named_and_nothing_is_written(kept_store, name):
    rows, expected = BAD_CASES[name]
    assert_refused_and_untouched(kept_store, "cases", csv_file(CASE, rows), f"{name}.csv", expected)


def test_register_rows_are_stored_with_a_future_deadline_and_a_closing(store):
    from models.tables import WeakOrgCase

    rows = [case(), case(组织编码="P440303003002", 销号日期="2025-11-20", 验收评估意见="整改达标，同意销号",
                         第一书记姓名="")]
    engine = store.engine()
    plan = preview(engine, "cases", csv_file(CASE, rows), "cases.csv", mode="merge")
    assert not plan.problems, problems_at(plan)
    commit(engine, store.url, plan, actor="test")
    with Session(engine) as s:
        got = {code: c for c, code in s.execute(select(WeakOrgCase, PartyOrg.code).join(
            PartyOrg, PartyOrg.id == WeakOrgCase.org_id).where(WeakOrgCase.year_entered == 2025,
                                                                PartyOrg.code.in_(["P440303003001", "P440303003002"])))}
    engine.dispose()
    open_, closed = got["P440303003001"], got["P440303003002"]
    assert open_.deadline == date(2026, 3, 31) and open_.status == "rectifying" and open_.first_secretary
    assert open_.lead_leader.startswith("王某") and open_.first_secretary_unit == "罗湖区民政局"
    assert closed.status == "closed" and closed.year_closed == 2025 and closed.closed_on == date(2025, 11, 20)
    assert not closed.first_secretary
    assert alerts.case_severity(open_.deadline, date(2026, 1, 15)) == alerts.AMBER


def _centre_file(*hours: str) -> bytes:
    """The centres template with one real row per opening-hours text (the example row dropped)."""
    from tests.data.test_importing_validate import _template_lines

    header, example = _template_lines("centres")
    cells = example.split(",")
    col = header.split(",").index("开放时间")
    rows = []
    for i, h in enumerate(hours):
        row = list(cells)
        row[0], row[1], row[col] = f"C440303003-T9{i:02d}", f"东门测试{i}大厦党群服务中心", h
        rows.append(",".join(row))
    return "\n".join([header, *rows]).encode("utf-8-sig")


def test_centre_opening_hours_are_imported_blank_allowed_and_exported(store):
    from data.importing.files import export_kind
    from models.tables import ServiceCenter

    engine = store.engine()
    plan = preview(engine, "centres", _centre_file("周一至周日 9:00-21:00", ""), "中心.csv", mode="merge")
    assert plan.ok, problems_at(plan)
    commit(engine, store.url, plan, actor="test")
    with Session(engine) as s:
        got = dict(s.execute(select(ServiceCenter.code, ServiceCenter.opening_hours)
                             .where(ServiceCenter.code.like("C440303003-T9%"))).all())
    with engine.connect() as c:
        exported = export_kind(c, "centres")
    engine.dispose()
    assert got == {"C440303003-T900": "周一至周日 9:00-21:00", "C440303003-T901": None}
    assert "开放时间" in exported.columns
    assert exported.set_index("编码").loc["C440303003-T900", "开放时间"] == "周一至周日 9:00-21:00"


def test_too_long_opening_hours_are_refused_naming_row_and_column(kept_store):
    assert_refused_and_untouched(kept_store, "centres", _centre_file("9:00-21:00", "全天" * 61), "中心.csv",
                                 {(3, "开放时间", "too_long")})
