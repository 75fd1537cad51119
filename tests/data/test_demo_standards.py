"""The demo's community standardisation check reproduces seed 003 (南湾: 10 of 14 communities passed, 3 under
inspection) and follows the rules of models/standards.py everywhere, deterministically."""

from __future__ import annotations

from collections import Counter

import pytest

from data import demo
from data.demo import calibration as cal
from models import indicators, standards

NEWEST = cal.YEARS[-1]


@pytest.fixture(scope="module")
def world():
    return demo.generate(scale="demo")


def _failed(row: dict) -> list[str]:
    return [a for a, c in standards.ASPECT_COLUMNS.items() if row[c]]


def test_nanwan_newest_year_is_ten_passed_three_under_inspection_one_left(world):
    nanwan = world.street_by_name[cal.NANWAN]["id"]
    rows = [r for r in world.standard_checks if r["street_id"] == nanwan and r["year"] == NEWEST]
    assert len(rows) == 14
    assert Counter(r["result"] for r in rows) == {"passed": 10, "rectifying": 3, "pending": 1}
    names = {world.regions[r["region_id"] - 1]["name"]: r["result"] for r in rows}
    assert names["南岭村社区"] == names["上李朗社区"] == "passed"  # seed 003's 排头兵


def test_every_community_has_one_result_a_year_and_aspects_follow_the_rule(world):
    communities = {r["id"] for r in world.regions if r["level"] == "community"}
    keys = Counter((r["region_id"], r["year"]) for r in world.standard_checks)
    assert set(keys.values()) == {1} and {c for c, _ in keys} == communities
    assert {y for _, y in keys} == set(cal.YEARS)
    for r in world.standard_checks:
        assert r["result"] in standards.RESULTS
        assert standards.failed_aspects_ok(r["result"], len(_failed(r))), r
        assert (r["checked_on"] is None) == (r["result"] == "pending")


def test_elsewhere_the_pass_rate_is_plausible_and_rises(world):
    shares = {}
    for year in cal.YEARS:
        c = Counter(r["result"] for r in world.standard_checks if r["year"] == year)
        shares[year] = standards.passed_share(c["passed"], c["rectifying"], c["failed"])
    assert 0.45 < shares[cal.YEARS[0]] < 0.65 and 0.78 < shares[NEWEST] < 0.92
    assert list(shares.values()) == sorted(shares.values())
    failed = Counter(a for r in world.standard_checks for a in _failed(r))
    assert set(failed) == set(standards.ASPECTS)  # every aspect fails somewhere
    assert failed.most_common(1)[0][0] == "support"  # 运行保障, the heaviest weight


def test_the_six_aspects_are_the_six_first_level_indicators():
    from models.i18n import ENTRIES

    assert sorted(standards.ASPECTS.values()) == [n.code for n in indicators.level(1)]
    for aspect, code in standards.ASPECTS.items():
        zh, en = ENTRIES[f"vocab.aspect.{aspect}"]
        assert (zh, en) == (indicators.BY_CODE[code].name_zh, indicators.BY_CODE[code].name_en)
    # the six aspects of seed 001, in its order
    assert [standards.aspect_name(a) for a in standards.ASPECTS] == [
        "党组织建设", "党员管理", "治理结构", "服务群众", "工作职责", "运行保障"]


def test_the_same_seed_gives_the_same_results():
    a, b = demo.generate(scale="demo"), demo.generate(scale="demo")
    assert a.standard_checks == b.standard_checks
