"""The grading rule (40:40:20, bands), the store enforcing it, and the checks an import runs."""

from __future__ import annotations

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from models import grading, rating_rules
from models.db import make_engine
from models.tables import Rating


def test_composite_weights_committee_department_social_40_40_20():
    assert grading.composite(100, 0, 0) == 40.0
    assert grading.composite(0, 100, 0) == 40.0
    assert grading.composite(0, 0, 100) == 20.0
    assert grading.composite(90, 80, 70) == 82.0  # 36 + 32 + 14
    assert grading.composite(88.5, 86.0, 90.3) == 87.9  # 35.4 + 34.4 + 18.06 = 87.86, published with one decimal


@pytest.mark.parametrize(
    ("score", "grade"),
    [(100, "A"), (85.0, "A"), (84.9, "B"), (70.0, "B"), (69.9, "C"), (60.0, "C"), (59.9, "D"), (0, "D")],
)
def test_bands_have_closed_lower_bounds(score, grade):
    assert grading.grade_for(score) == grade


def test_bands_table_is_what_the_page_shows():
    assert grading.bands_table() == [("A", "85 ≤ S ≤ 100"), ("B", "70 ≤ S < 85"), ("C", "60 ≤ S < 70"), ("D", "S < 60")]


def test_sql_banding_agrees_with_python_on_every_tenth(store_url):
    engine = make_engine(store_url)
    values = [round(i / 10, 1) for i in range(0, 1001)]
    with engine.connect() as conn:
        sql = f"SELECT {grading.grade_sql(':s')}"
        got = [conn.execute(text(sql), {"s": v}).scalar() for v in values]
    assert got == [grading.grade_for(v) for v in values]
    engine.dispose()


@pytest.fixture()
def session(one_org_session):
    return one_org_session


def _row(**over):
    row = {"score_committee": 90.0, "score_department": 80.0, "score_social": 70.0, "composite": 82.0, "grade": "B"}
    return row | over


def test_store_keeps_a_consistent_row(session):
    session.add(Rating(org_id=1, year=2025, **_row()))
    session.commit()
    assert session.get(Rating, 1).grade == "B"


@pytest.mark.parametrize(
    ("over", "constraint"),
    [({"composite": 90.0, "grade": "A"}, "ck_composite"), ({"grade": "A"}, "ck_grade_band"),
     ({"score_social": 120.0, "composite": 92.0, "grade": "A"}, "ck_score_social")],
)
def test_store_refuses_a_row_that_breaks_the_rule(session, over, constraint):
    session.add(Rating(org_id=1, year=2025, **_row(**over)))
    with pytest.raises(IntegrityError, match=constraint):
        session.commit()


def test_valid_rows_pass():
    assert rating_rules.rating_problems(_row()) == []
    assert rating_rules.rating_problems(_row(composite=None, grade="")) == []
    assert rating_rules.rating_problems(_row(score_committee="90", grade="b")) == []


@pytest.mark.parametrize(
    ("over", "field", "words"),
    [
        ({"grade": "E"}, "grade", "A、B、C、D"),
        ({"score_department": 101, "composite": None}, "score_department", "组织部部务会评分 101 超出 0–100"),
        ({"score_social": -1, "composite": None}, "score_social", "社会考评组评分 -1 超出 0–100"),
        ({"score_committee": "九十"}, "score_committee", "区委常委会评分应为 0–100 的数字"),
        ({"score_committee": None}, "score_committee", "实际为空"),
        ({"composite": 85.0}, "composite", "与三项评分按 40:40:20 计算的 82 不一致"),
        ({"grade": "A"}, "grade", "等级 A 与综合得分 82 不符，按评级规则应为 B 级"),
        ({"composite": None, "grade": "C"}, "grade", "应为 B 级"),
    ],
)
def test_bad_rows_are_explained_in_chinese_naming_the_field(over, field, words):
    problems = rating_rules.rating_problems(_row(**over))
    assert [p.field for p in problems] == [field]
    assert words in problems[0].message


def test_what_the_checks_accept_the_store_accepts(session):
    """Near the tolerance and the band edges, the checks and the CHECK constraints agree."""
    cases = [(87.64, 87.6), (87.64, 87.55), (87.64, 87.7), (84.96, 85.0), (84.96, 84.9), (59.99, 60.0)]
    for i, (exact, composite) in enumerate(cases):
        row = {"score_committee": exact, "score_department": exact, "score_social": exact,
               "composite": composite, "grade": grading.grade_for(composite)}
        ok = not rating_rules.rating_problems(row)
        try:
            with session.begin_nested():
                session.add(Rating(org_id=1, year=2000 + i, **row))
            stored = True
        except IntegrityError:
            stored = False
        assert ok == stored, (exact, composite)


def test_indicator_rows_are_checked_against_the_tree():
    assert rating_rules.indicator_problems({"code": "3.3.3", "score": 75}) == []
    assert [p.code for p in rating_rules.indicator_problems({"code": "3.4.1", "score": 75})] == ["bad_code"]
    assert [p.code for p in rating_rules.indicator_problems({"code": "1.1.1", "score": 101})] == ["out_of_range"]


def test_the_reasons_come_from_the_catalogue_in_either_language():
    [problem] = rating_rules.rating_problems(_row(grade="A"))
    assert problem.message == problem.text("zh") == "等级 A 与综合得分 82 不符，按评级规则应为 B 级。"
    assert problem.text("en") == "Grade A does not match the composite score 82: by the grading rule it is B."
    [blank] = rating_rules.rating_problems(_row(score_committee=None))
    assert blank.text("en") == "Standing committee score should be a number from 0 to 100, not empty."
