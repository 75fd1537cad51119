"""The indicator tree has 6 / 22 / 66 nodes, rolls scores up by means, and the store accepts only its codes."""

from __future__ import annotations

import pytest
from sqlalchemy.exc import IntegrityError

from models import indicators
from models.tables import IndicatorScore


def test_six_first_level_22_second_level_66_third_level():
    assert [len(indicators.level(n)) for n in (1, 2, 3)] == [6, 22, 66]
    assert len(indicators.NODES) == 94 and len(indicators.LEAF_CODES) == 66
    assert [n.name_zh for n in indicators.level(1)] == ["党组织建设", "党员管理", "治理结构", "服务群众", "工作职责", "运行保障"]
    assert all(len(indicators.children(n.code)) == 3 for n in indicators.level(2))
    assert sum(len(indicators.children(n.code)) for n in indicators.level(1)) == 22


def test_codes_and_names_are_unique_and_bilingual():
    codes = [n.code for n in indicators.NODES]
    assert len(set(codes)) == len(codes)
    assert len({n.name_zh for n in indicators.NODES}) == 94
    assert all(n.name_en and n.name_en != n.name_zh for n in indicators.NODES)
    leaf = indicators.BY_CODE["1.3.1"]
    assert leaf.parent == "1.3" and indicators.BY_CODE["1.3"].parent == "1"
    assert leaf.name("en") == "“Three meetings and one lesson” held" and leaf.name("zh") == "“三会一课”落实"


def test_roll_up_takes_plain_means_level_by_level():
    leaves = {c: 80.0 for c in indicators.LEAF_CODES}
    leaves |= {"1.1.1": 50.0, "1.1.2": 60.0, "1.1.3": 70.0}
    scores = indicators.roll_up(leaves)
    assert scores["1.1"] == pytest.approx(60.0)
    assert scores["1"] == pytest.approx((60.0 + 80 + 80 + 80) / 4)
    assert scores["2"] == pytest.approx(80.0)
    with pytest.raises(ValueError, match="9.9.9"):
        indicators.roll_up({"9.9.9": 1.0})


def test_partial_scores_roll_up_only_where_there_is_data():
    scores = indicators.roll_up({"4.2.1": 70.0, "4.2.2": 90.0})
    assert scores["4.2"] == pytest.approx(80.0) and scores["4"] == pytest.approx(80.0)
    assert "4.1" not in scores and "1" not in scores


def test_weakest_are_the_lowest_leaves_with_stable_ties():
    leaves = {c: 90.0 for c in indicators.LEAF_CODES}
    leaves |= {"6.3.3": 40.0, "2.1.1": 55.0, "3.2.2": 55.0, "1.4.1": 61.0, "5.1.2": 62.0, "4.4.3": 63.0}
    assert indicators.weakest(leaves) == ["6.3.3", "2.1.1", "3.2.2", "1.4.1", "5.1.2"]
    assert indicators.weakest(leaves, n=2) == ["6.3.3", "2.1.1"]


@pytest.fixture()
def session(one_org_session):
    return one_org_session


def test_store_accepts_exactly_the_66_leaf_codes(session):
    candidates = [f"{a}.{b}.{c}" for a in range(10) for b in range(10) for c in range(10)]
    candidates += ["1.1", "1", "1.1.1x", "11.1.1", "1-1-1", "1.1.10", " 1.1.1"]
    accepted = []
    for code in candidates:
        try:
            with session.begin_nested():
                session.add(IndicatorScore(org_id=1, year=2025, code=code, score=80.0))
            accepted.append(code)
        except IntegrityError:
            pass
    assert sorted(accepted) == sorted(indicators.LEAF_CODES)


@pytest.mark.parametrize("score", [-0.5, 100.5])
def test_store_refuses_scores_outside_0_to_100(session, score):
    session.add(IndicatorScore(org_id=1, year=2025, code="1.1.1", score=score))
    with pytest.raises(IntegrityError, match="ck_indicator_score"):
        session.commit()


def test_one_score_per_organisation_year_and_indicator(session):
    session.add(IndicatorScore(org_id=1, year=2025, code="1.1.1", score=80.0))
    session.commit()
    session.add(IndicatorScore(org_id=1, year=2025, code="1.1.1", score=70.0))
    with pytest.raises(IntegrityError):
        session.commit()
