"""Five years of A-D grades and the 软弱涣散 register (demo), graded by models.grading."""

from __future__ import annotations

from data.demo import calibration as cal
from data.demo.world import World
from models import grading
from models.vocab import MEMBER_HOLDING_TYPES, ORG_CATEGORIES

GRADED_LEVELS = ("community", "grid", "unit")
CATEGORY_OFFSET = {"organ": 3.0, "community": 1.0, "two_new": -1.0, "hometown": -2.0, "shareholding": -3.0}
WEAK_BELOW = 57.0  # D organisations under this composite enter the register (design choice)


def graded(org: dict) -> bool:
    return (
        org["category"] in ORG_CATEGORIES
        and org["level"] in GRADED_LEVELS
        and org["org_type"] in MEMBER_HOLDING_TYPES
    )


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
