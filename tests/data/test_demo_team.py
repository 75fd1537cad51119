"""The demo's secretary team, committee scores, volunteers and 同乡村 organisations reproduce the seeds
(003: 南湾's 14 secretaries all 大专+, 10 本科, 1 硕士, average age 43, 21,000+ volunteers; 000/004: 罗湖's 12
同乡村 organisations reaching about 200,000, 湖南攸县 at 东湖 and 江西新余 at 南湖, every community committee
with 书记 + 专职副书记 + 专职组织员; 004: 40:40:20 scores of the 区属党(工)委), deterministically."""

from __future__ import annotations

import statistics

import pytest

from data import demo
from data.demo import calibration as cal
from models import grading, team_rules

NEWEST = cal.YEARS[-1]


@pytest.fixture(scope="module")
def world():
    return demo.generate(scale="demo")


def _id(w, level: str, name: str) -> int:
    return next(r["id"] for r in w.regions if r["level"] == level and r["name"] == name)


def test_nanwan_secretaries_are_the_seeds_fourteen(world):
    nanwan = _id(world, "street", cal.NANWAN)
    secs = [s for s in world.secretaries if s["street_id"] == nanwan]
    assert len(secs) == 14
    assert all(s["education"] in team_rules.COLLEGE_OR_ABOVE for s in secs)  # "全部具有大专以上学历"
    assert sum(s["education"] == "bachelor" for s in secs) == 10
    assert sum(s["education"] == "master" for s in secs) == 1
    assert round(statistics.mean(team_rules.age(NEWEST, s["birth_year"]) for s in secs)) == 43
    assert statistics.mean(team_rules.age(NEWEST, s["birth_year"]) for s in secs) == pytest.approx(43, abs=0.05)


def test_birth_years_agree_with_the_age_bands_of_the_organisations(world):
    orgs = {o["id"]: o for o in world.orgs}
    bands = {"<35": (0, 34), "35-44": (35, 44), "45-54": (45, 54), "55+": (55, 120)}
    for s in world.secretaries:
        band = orgs[s["org_id"]]["secretary_age_band"]
        lo, hi = bands[band]
        assert lo <= team_rules.age(NEWEST, s["birth_year"]) <= hi, (s, band)
        assert s["education"] == orgs[s["org_id"]]["secretary_education"]
        assert s["tenure_start"] >= s["birth_year"] + 18 and s["terms_served"] == team_rules.terms_by(NEWEST, s["tenure_start"])


def test_every_community_committee_has_one_secretary_and_a_staffing_record(world):
    committees = {o["id"] for o in world.orgs if o["level"] == "community" and o["category"] == "community"}
    assert {s["org_id"] for s in world.secretaries} == committees == {s["org_id"] for s in world.staffing}
    assert all(s["secretary"] for s in world.staffing)  # vacancies are the alerts' register, not the demo's


def test_every_luohu_committee_is_fully_staffed_and_others_are_not_all(world):
    luohu = _id(world, "district", cal.LUOHU)
    inside = [s for s in world.staffing if s["district_id"] == luohu]
    assert inside and all(team_rules.is_fully_staffed(s["secretary"], s["deputy"], s["organiser"]) for s in inside)
    outside = [s for s in world.staffing if s["district_id"] != luohu]
    full = sum(team_rules.is_fully_staffed(s["secretary"], s["deputy"], s["organiser"]) for s in outside)
    assert 0.6 * len(outside) < full < len(outside)


def test_nanwan_has_21000_plus_volunteers_and_is_longgangs_most_active(world):
    nanwan = _id(world, "street", cal.NANWAN)
    newest = {v["street_id"]: v for v in world.volunteers if v["year"] == NEWEST}
    assert newest[nanwan]["volunteers"] > cal.NANWAN_VOLUNTEERS
    assert newest[nanwan]["love_bank_points"] and newest[nanwan]["love_bank_points"] > 0
    longgang = _id(world, "district", "龙岗区")
    others = [v["volunteers"] for s, v in newest.items() if v["district_id"] == longgang and s != nanwan]
    assert max(others) < newest[nanwan]["volunteers"]
    series = [v["volunteers"] for v in world.volunteers if v["street_id"] == nanwan]
    assert series == sorted(series) and len(series) == len(cal.YEARS)


def test_luohu_has_twelve_hometown_organisations_reaching_about_200000(world):
    luohu = _id(world, "district", cal.LUOHU)
    rows = [h for h in world.hometown_orgs if h["district_id"] == luohu]
    assert len(rows) == 12
    assert sum(h["members"] for h in rows) == 600
    assert 190_000 <= sum(h["reach"] for h in rows) < 200_000  # "辐射近20万"
    based = {h["hometown"]: next(r["name"] for r in world.regions if r["id"] == h["street_id"]) for h in rows}
    assert based["湖南攸县"] == "东湖街道" and based["江西新余"] == "南湖街道"
    orgs = {o["id"]: o for o in world.orgs}
    assert all(orgs[h["org_id"]]["kind"] == "hometown" and h["hometown"] in h["name"] for h in world.hometown_orgs)


def test_committee_scores_weigh_the_three_panels_by_the_grading_rule(world):
    orgs = {o["id"]: o for o in world.orgs}
    ranked = {s["org_id"] for s in world.committee_scores}
    streets = {o["id"] for o in world.orgs if o["level"] == "street"}
    organs = {i for i in ranked if orgs[i]["kind"] == "organ" and orgs[i]["category"] == "leadership"}
    assert ranked == streets | organs and len(organs) == 10  # every street 党工委 and one 机关工委 per district
    for s in world.committee_scores:
        assert s["composite"] == grading.composite(s["score_committee"], s["score_department"], s["score_social"])
    assert len(world.committee_scores) == len(ranked) * len(cal.YEARS)


def test_the_team_data_is_deterministic(world):
    again = demo.generate(scale="demo")
    for name in ("secretaries", "staffing", "committee_scores", "volunteers", "hometown_orgs"):
        assert getattr(again, name) == getattr(world, name), name
