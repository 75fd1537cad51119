"""The community standardisation check (社区党建标准化考核, demo; issue 20 §2): one result per community and
year, and the aspects that failed. 南湾's newest year is seed 003's 10 passed, 3 under inspection, 1 left."""

from __future__ import annotations

from datetime import date

from data.demo import calibration as cal
from data.demo.world import World
from models import standards

NEWEST = cal.YEARS[-1]


def build_standards(world: World) -> None:
    nanwan = world.street_by_name[cal.NANWAN]["id"]
    for community in (r for r in world.regions if r["level"] == "community"):
        if community["street_id"] == nanwan:
            continue
        rng = world.rng("standards", community["code"])
        _history(world, community, rng, _pass_year(rng), final=None)
    _nanwan(world, [r for r in world.regions if r["level"] == "community" and r["street_id"] == nanwan])


def _pass_year(rng) -> int | None:
    """The first year a community passes (it stays passed), None when not by the newest year: the passed
    share climbs from STANDARD_PASS_FIRST to STANDARD_PASS_NEWEST over the years."""
    x = rng.random()
    span = len(cal.YEARS) - 1
    for i, year in enumerate(cal.YEARS):
        if x < cal.STANDARD_PASS_FIRST + (cal.STANDARD_PASS_NEWEST - cal.STANDARD_PASS_FIRST) * i / span:
            return year
    return None


def _aspects(rng) -> list[str]:
    names = list(cal.STANDARD_ASPECT_WEIGHTS)
    weights = list(cal.STANDARD_ASPECT_WEIGHTS.values())
    n = rng.choices((1, 2, 3), weights=(0.5, 0.35, 0.15))[0]
    chosen: list[str] = []
    while len(chosen) < n:
        a = rng.choices(names, weights=weights)[0]
        if a not in chosen:
            chosen.append(a)
    return chosen


def _history(world: World, community: dict, rng, pass_year: int | None, *, final: str | None) -> None:
    """Results year by year: passed from pass_year on; the year before it 整改中 (being re-inspected), earlier
    years 未达标 or, in the first year only, sometimes 待考核. `final` forces the newest year's result."""
    for year in cal.YEARS:
        if pass_year is not None and year >= pass_year:
            result = "passed"
        elif pass_year is not None and year == pass_year - 1:
            result = "rectifying"
        elif year == cal.YEARS[0] and rng.random() < 0.15:
            result = "pending"
        else:
            result = "rectifying" if rng.random() < 0.4 else "failed"
        if final is not None and year == NEWEST:
            result = final
        failed = _aspects(rng) if result in standards.NEEDS_ASPECTS else []
        checked = None if result == "pending" else date(year, rng.randint(10, 12), rng.randint(1, 28))
        world.standard_checks.append({
            "id": len(world.standard_checks) + 1, "region_id": community["id"], "year": year,
            "district_id": community["district_id"], "street_id": community["street_id"], "result": result,
            "checked_on": checked, "note": "",
            **{col: aspect in failed for aspect, col in standards.ASPECT_COLUMNS.items()},
        })


def _nanwan(world: World, communities: list[dict]) -> None:
    """10 passed, 3 整改中, 1 待考核 in the newest year; the two 排头兵 passed from the first year."""
    rng = world.rng("standards", cal.NANWAN)
    leaders = [c for c in communities if c["name"] in cal.NANWAN_STANDARD_LEADERS]
    others = [c for c in communities if c["name"] not in cal.NANWAN_STANDARD_LEADERS]
    rng.shuffle(others)
    n = cal.NANWAN_STANDARDS
    finals = (["passed"] * (n["passed"] - len(leaders)) + ["rectifying"] * n["rectifying"]
              + ["pending"] * n["pending"])
    for c in leaders:
        _history(world, c, world.rng("standards", c["code"]), cal.YEARS[0], final=None)
    for c, final in zip(others, finals, strict=True):
        crng = world.rng("standards", c["code"])
        if final == "passed":
            _history(world, c, crng, crng.choice(cal.YEARS[1:]), final=None)
        else:
            _history(world, c, crng, None, final=final)
