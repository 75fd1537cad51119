"""Secretaries, committee staffing, 区属党(工)委 scores, volunteers and 同乡村 reach (demo; issue 20 §3-5).

Runs after the organisations and grades: the district 机关工委 it adds are appended last, so every
organisation id of earlier generator versions stays what it was.
"""

from __future__ import annotations

from data.demo import calibration as cal
from data.demo.world import World, split_total
from models import grading, team_rules

NEWEST = cal.YEARS[-1]
# Age range of each band in the newest year (the band is the older, coarser field of PartyOrg).
BAND_AGES = {"<35": (29, 34), "35-44": (35, 44), "45-54": (45, 54), "55+": (55, 59)}
HOMETOWN_SUFFIX = "籍流动党员党支部"


def build_team(world: World) -> None:
    _secretaries_and_staffing(world)
    _committee_scores(world)
    _volunteers(world)
    _hometown(world)


def _district_name(world: World, row: dict) -> str:
    return world.regions[row["district_id"] - 1]["name"]


def _secretaries_and_staffing(world: World) -> None:
    nanwan = world.street_by_name[cal.NANWAN]["id"]
    nanwan_ages = iter(cal.NANWAN_SECRETARY_AGES)
    for org in world.orgs:
        if org["level"] != "community" or org["category"] != "community":
            continue
        rng = world.rng("secretary", org["code"])
        if org["street_id"] == nanwan:
            years_old = next(nanwan_ages)
        else:
            years_old = rng.randint(*BAND_AGES.get(org["secretary_age_band"] or "45-54", (45, 54)))
        birth = NEWEST - years_old
        luohu = _district_name(world, org) == cal.LUOHU
        # 罗湖's 2017 换届 filled the vacant posts and rotated the long-serving secretaries (seed 000)
        start = rng.choice((2017, 2017, 2021)) if luohu else rng.randint(max(2006, birth + 28), NEWEST)
        world.secretaries.append({
            "id": len(world.secretaries) + 1, "org_id": org["id"], "district_id": org["district_id"],
            "street_id": org["street_id"], "name": None, "birth_year": birth,
            "education": org["secretary_education"] or "college", "tenure_start": start,
            "terms_served": team_rules.terms_by(NEWEST, start),
        })
        full = luohu and cal.LUOHU_ALL_STAFFED
        world.staffing.append({
            "org_id": org["id"], "district_id": org["district_id"], "street_id": org["street_id"],
            "secretary": True,
            "deputy": full or rng.random() < cal.STAFFING_SHARES["deputy"],
            "organiser": full or rng.random() < cal.STAFFING_SHARES["organiser"],
        })


def _clip(x: float) -> float:
    return round(min(99.5, max(40.0, x)), 1)


def _committee_scores(world: World) -> None:
    """Every street 党工委 and one 直属机关工委 per district, five years of the three panels' scores."""
    ranked: list[dict] = []
    for district in (r for r in world.regions if r["level"] == "district"):
        ranked.append(world.add_org(
            parent=world.org_by_region[district["id"]], region=district, code=f"P{district['code']}-JGW",
            name=f"{district['name']}直属机关工委", level="unit", org_type="committee", category="leadership",
            kind="organ", founded_year=2005,
        ))
        ranked.extend(world.org_by_region[s["id"]] for s in world.streets() if s["district_id"] == district["id"])
    for org in ranked:
        rng = world.rng("committee-score", org["code"])
        quality = rng.gauss(82.0, 4.5)
        for year in cal.YEARS:
            level = quality + 0.5 * (year - cal.YEARS[0]) + rng.gauss(0, 2.0)
            scores = (_clip(level + rng.gauss(0, 2.5)), _clip(level + rng.gauss(0, 2.5)), _clip(level + rng.gauss(0, 4)))
            world.committee_scores.append({
                "id": len(world.committee_scores) + 1, "org_id": org["id"], "year": year,
                "district_id": org["district_id"], "street_id": org["street_id"],
                "score_committee": scores[0], "score_department": scores[1], "score_social": scores[2],
                "composite": grading.composite(*scores),
            })


def _volunteers(world: World) -> None:
    """Registered volunteers per street and year; 南湾 is the most active street of 龙岗 (seed 003)."""
    for street in world.streets():
        rng = world.rng("volunteers", street["code"])
        district = world.regions[street["district_id"] - 1]
        n_streets = sum(1 for s in world.streets() if s["district_id"] == district["id"])
        residents = street["population"] or (district["population"] or 1_000_000) / n_streets
        nanwan = street["name"] == cal.NANWAN
        newest = cal.NANWAN_VOLUNTEERS_NEWEST if nanwan else round(residents * rng.uniform(0.012, 0.034))
        per_head = rng.uniform(9.0, 16.0)  # hours a volunteer serves a year, rising a little
        for year in cal.YEARS:
            count = round(newest * (1 - cal.NANWAN_VOLUNTEER_GROWTH * (NEWEST - year)))
            hours = round(count * per_head * (1 + 0.03 * (year - cal.YEARS[0])) * rng.uniform(0.97, 1.03), 1)
            world.volunteers.append({
                "street_id": street["id"], "year": year, "district_id": street["district_id"],
                "volunteers": count, "service_hours": hours,
                "love_bank_points": round(hours * cal.LOVE_BANK_POINTS_PER_HOUR) if nanwan else None,
            })


def _hometown(world: World) -> None:
    """One 同乡村 record per 同乡村 organisation: hometown, the street it is based in, members, reach."""
    named = dict(cal.LUOHU_NAMED_HOMETOWNS)
    by_district: dict[int, list[dict]] = {}
    for org in world.orgs:
        if org["kind"] == "hometown":
            by_district.setdefault(org["district_id"], []).append(org)
    for district_id, orgs in by_district.items():
        district = world.regions[district_id - 1]
        rng = world.rng("hometown-reach", district["code"])
        streets = [s for s in world.streets() if s["district_id"] == district_id]
        luohu = district["name"] == cal.LUOHU
        if luohu:
            reach = split_total(cal.LUOHU_HOMETOWN_REACH, [o["members"] for o in orgs])
        else:
            reach = [o["members"] * rng.randint(220, 380) for o in orgs]
        for org, people in zip(orgs, reach, strict=True):
            place = org["name"].removeprefix(district["name"]).removesuffix(HOMETOWN_SUFFIX)
            street = world.street_by_name[named[place]] if luohu and place in named else rng.choice(streets)
            world.hometown_orgs.append({
                "id": len(world.hometown_orgs) + 1, "code": f"T{org['code'][1:]}", "name": org["name"],
                "hometown": place, "org_id": org["id"], "district_id": district_id, "street_id": street["id"],
                "members": org["members"], "reach": people,
            })
