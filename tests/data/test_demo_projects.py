"""The demo's 党建项目认领 reproduces seed 000 (南湖街道: 292 claimed projects, 130 claiming units, 13,000+ people
reached), with smaller programmes elsewhere, statuses that agree with the dates, and the same rows every run."""

from __future__ import annotations

from collections import Counter

import pytest

from data import demo
from data.demo import calibration as cal
from models import project_rules as pr
from models.vocab import PROJECT_NEEDS, PROJECT_STATUSES, PROJECT_UNIT_TYPES

NEWEST = cal.YEARS[-1]


@pytest.fixture(scope="module")
def world():
    return demo.generate(scale="demo")


def _street(world, name: str) -> dict:
    return next(r for r in world.regions if r["level"] == "street" and r["name"] == name)


def _claimed(projects, year: int = NEWEST):
    return [p for p in projects if pr.status_at(year, p["status"], p["claimed_on"], p["completed_on"]) != pr.OPEN]


def test_nanhu_reproduces_seed_000(world):
    nanhu = _street(world, cal.NANHU)
    assert world.regions[nanhu["district_id"] - 1]["name"] == "罗湖区"
    projects = [p for p in world.projects if p["street_id"] == nanhu["id"]]
    claimed = _claimed(projects)
    assert len(claimed) == 292  # "认领项目已经发展到292个"
    assert len({p["unit_id"] for p in claimed}) == 130  # "认领单位扩大到130家"
    people = sum(p["beneficiaries"] for p in claimed)
    assert 13_000 < people < 14_000  # "直接或间接受益的党员、群众达13000多人"
    assert len(projects) - len(claimed) == cal.NANHU_OPEN_PROJECTS  # the library's needs not yet claimed
    assert {p["status"] for p in projects} == set(PROJECT_STATUSES)


def test_other_streets_run_smaller_programmes(world):
    nanhu = _street(world, cal.NANHU)["id"]
    per_street = Counter(p["street_id"] for p in _claimed(world.projects))
    others = [n for s, n in per_street.items() if s != nanhu]
    assert len(per_street) == len([s for s in world.streets() if world.communities_of(s)])
    assert max(others) < 292 and min(others) >= 12


def test_rows_agree_with_the_tables_rules(world):
    units = {u["id"]: u for u in world.claim_units}
    assert len({u["name"] for u in world.claim_units}) == len(units)  # names identify units
    assert {u["unit_type"] for u in units.values()} == set(PROJECT_UNIT_TYPES)
    communities = {r["id"]: r for r in world.regions if r["level"] == "community"}
    for p in world.projects:
        assert p["need"] in PROJECT_NEEDS and p["beneficiaries"] >= 0
        unit = units[p["unit_id"]]["name"] if p["unit_id"] else None
        assert pr.status_problems(p["status"], unit, p["claimed_on"], p["completed_on"]) == [], p
        assert p["claimed_on"] is None or p["claimed_on"] >= p["published_on"]
        assert p["completed_on"] is None or p["completed_on"] >= p["claimed_on"]
        assert str(p["completed_on"] or p["claimed_on"] or p["published_on"]) <= cal.AS_OF
        c = communities[p["region_id"]]
        assert (c["street_id"], c["district_id"]) == (p["street_id"], p["district_id"])
        assert p["lon"] is not None and p["lat"] is not None
    assert all(p["beneficiaries"] == 0 for p in world.projects if p["status"] == pr.OPEN)


def test_earlier_years_had_fewer_claimed_projects(world):
    nanhu = _street(world, cal.NANHU)["id"]
    projects = [p for p in world.projects if p["street_id"] == nanhu]
    counts = [len(_claimed(projects, y)) for y in cal.YEARS]
    assert counts == sorted(counts) and counts[0] < counts[-1] == 292


def test_the_generator_is_deterministic(world):
    again = demo.generate(scale="demo")
    assert again.projects == world.projects and again.claim_units == world.claim_units
