"""Five years of A-D grades, the 软弱涣散 register and indicator scores (demo), graded by models.grading."""

from __future__ import annotations

from data.demo import calibration as cal
from data.demo.world import World
from models import grading, indicators, rules

GRADED_LEVELS = ("community", "grid", "unit")
CATEGORY_OFFSET = {"organ": 3.0, "community": 1.0, "two_new": -1.0, "hometown": -2.0, "shareholding": -3.0}
WEAK_BELOW = 57.0  # D organisations under this composite enter the register (design choice)
# Years with third-level indicator scores (design choice, by measurement at demo scale, 8,046 graded
# organisations in 2025): the latest round adds 531k rows, ≈ 4 s of seeding and ≈ 11 MB; all five
# rounds would add 2.4M rows, ≈ 20 s and ≈ 50 MB. Earlier years show grades without indicators.
INDICATOR_YEARS = cal.YEARS[-1:]


def graded(org: dict) -> bool:
    """The organisations of the headline figure (models.rules.counted_org) below street level."""
    return rules.is_counted_org(org["category"], org["org_type"]) and org["level"] in GRADED_LEVELS


def _clip(x: float) -> float:
    return round(min(99.5, max(30.0, x)), 1)


def build_ratings(world: World) -> None:
    first_year = cal.YEARS[0]
    for org in world.orgs:
        if not graded(org):
            continue
        rng = world.rng("rating", org["code"])
        quality = rng.gauss(75.0, 8.5) + CATEGORY_OFFSET[org["category"]]
        open_case: dict | None = None
        for year in cal.YEARS:
            if (org["founded_year"] or first_year) > year:
                continue
            trend = 0.9 * (year - first_year)
            level = quality + trend + rng.gauss(0, 3.0) + (6.0 if open_case else 0.0)
            scores = (_clip(level + rng.gauss(0, 4)), _clip(level + rng.gauss(0, 4)), _clip(level + rng.gauss(0, 6)))
            comp = grading.composite(*scores)
            grade = grading.grade_for(comp)
            if open_case and grade != "D":
                open_case.update(status="closed", year_closed=year)
                open_case = None
            if open_case is None and grade == "D" and comp < WEAK_BELOW:
                open_case = {
                    "id": len(world.weak_cases) + 1, "org_id": org["id"], "year_entered": year,
                    "first_secretary": rng.random() < 0.85, "status": "rectifying", "year_closed": None,
                }
                world.weak_cases.append(open_case)
            world.ratings.append({
                "id": len(world.ratings) + 1, "org_id": org["id"], "year": year,
                "score_committee": scores[0], "score_department": scores[1], "score_social": scores[2],
                "composite": comp, "grade": grade, "weak": open_case is not None,
            })
            if year in INDICATOR_YEARS:
                _indicator_scores(world, org, year, comp)


def _indicator_scores(world: World, org: dict, year: int, comp: float) -> None:
    """Whole-point scores around the composite: each aspect and sub-aspect strong or weak as a block,
    so an organisation's weakest indicators cluster the way an inspection would find them."""
    rng = world.rng("indicators", org["code"], year)
    gauss = rng.gauss
    shift = {node.code: gauss(0, 5.0) for node in indicators.level(1)}
    shift = {node.code: comp + shift[node.parent] + gauss(0, 3.0) for node in indicators.level(2)}
    append, org_id = world.indicator_scores.append, org["id"]
    for code, parent in _LEAF_PARENTS:
        score = round(shift[parent] + gauss(0, 4.0))
        append({"org_id": org_id, "year": year, "code": code, "score": float(min(100, max(20, score)))})


_LEAF_PARENTS = tuple((n.code, n.parent) for n in indicators.level(3))
