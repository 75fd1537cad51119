"""Demo grades and indicator scores: bound to the grading rule, coherent with each other, deterministic."""

from __future__ import annotations

import hashlib
import json
import statistics
from collections import defaultdict

import pytest

from data import demo
from data.demo import ratings as demo_ratings
from models import grading, indicators


@pytest.fixture(scope="module")
def world():
    return demo.generate(scale="demo")


def test_every_grade_follows_the_rule(world):
    for r in world.ratings:
        comp = grading.composite(r["score_committee"], r["score_department"], r["score_social"])
        assert r["composite"] == comp and r["grade"] == grading.grade_for(comp)


def test_each_graded_organisation_has_all_66_indicators_in_the_indicator_years(world):
    per_org = defaultdict(set)
    for row in world.indicator_scores:
        per_org[(row["org_id"], row["year"])].add(row["code"])
    graded = {(r["org_id"], r["year"]) for r in world.ratings if r["year"] in demo_ratings.INDICATOR_YEARS}
    assert set(per_org) == graded
    assert all(codes == set(indicators.LEAF_CODES) for codes in per_org.values())
    assert all(0 <= row["score"] <= 100 and row["score"] == int(row["score"]) for row in world.indicator_scores)


def test_indicator_profile_tracks_the_composite(world):
    """A D organisation's indicators average far below an A organisation's (the two instruments agree)."""
    scores = defaultdict(list)
    for row in world.indicator_scores:
        scores[row["org_id"]].append(row["score"])
    latest = [r for r in world.ratings if r["year"] == demo_ratings.INDICATOR_YEARS[-1]]
    gaps = [statistics.mean(scores[r["org_id"]]) - r["composite"] for r in latest]
    assert abs(statistics.mean(gaps)) < 1.0 and statistics.pstdev(gaps) < 4.0
    by_grade = defaultdict(list)
    for r in latest:
        by_grade[r["grade"]].append(statistics.mean(scores[r["org_id"]]))
    means = [statistics.mean(by_grade[g]) for g in "ABCD"]
    assert means == sorted(means, reverse=True) and means[0] - means[3] > 20


def test_indicator_scores_are_deterministic(world):
    def digest(rows):
        return hashlib.sha256(json.dumps(rows, sort_keys=True).encode()).hexdigest()

    assert digest(demo.generate(scale="demo").indicator_scores) == digest(world.indicator_scores)
