"""The 1+10+N Party-mass service centres (demo positions and attributes, calibrated counts)."""

from __future__ import annotations

from datetime import date, timedelta

from data.demo import calibration as cal
from data.demo.territory import scatter
from data.demo.world import World, split_total

# Services named in the seeds (001, 003).
SERVICES = (
    "新时代大讲堂", "党建书吧", "街道党校", "人才驿站", "统一战线服务室", "24小时自助图书馆",
    "NGO孵化室", "党员教育", "政务服务", "法律咨询", "长者饭堂", "四点半课堂", "志愿服务站",
    "心理咨询", "文体活动室", "就业指导", "爱心银行",
)
AREA = {"city": (5000, 8000), "district": (1500, 3200), "street": (600, 1600), "community": (200, 900),
        "park": (150, 600), "market": (100, 400), "tower": (150, 800)}
ROOMS = {"city": (28, 40), "district": (15, 28), "street": (8, 18), "community": (4, 14),
         "park": (3, 10), "market": (2, 6), "tower": (3, 10)}
UNLOCATED = 2  # community centres whose register entry lacks coordinates, as real registers do
# Opening hours as centres post them (design choice); a 24-hour centre says so. A few registers leave the
# hours out (cal.CENTRES_WITHOUT_HOURS), a data gap the problem list shows.
HOURS = ("周一至周日 9:00-21:00", "周一至周日 9:00-18:00", "周二至周日 9:00-20:30",
         "周一至周五 9:00-18:00，周六 9:00-17:00", "周一至周五 8:30-12:00、14:00-18:00")
HOURS_24H = "全天 24 小时"


def _opened(rng, tier: str) -> date:
    if tier in ("city", "district"):
        return date.fromisoformat(cal.CITY_DISTRICT_CENTRES_OPENED)
    start, end = date(2016, 1, 1), date.fromisoformat(cal.CENTRES_OPENED_BY)
    return start + timedelta(days=rng.randint(0, (end - start).days))


def _centre(world: World, rng, *, tier: str, region: dict, code: str, name: str, org: dict | None,
            lon: float | None, lat: float | None, address: str) -> dict:
    n_services = {"city": 30, "district": 20}.get(tier, rng.randint(5, 14))
    return world.add_centre(
        region=region, code=code, name=name, tier=tier, org_id=org["id"] if org else None, address=address,
        lon=lon, lat=lat, floor_area_m2=float(rng.randint(*AREA[tier])), function_rooms=rng.randint(*ROOMS[tier]),
        services="、".join(rng.sample(SERVICES, min(n_services, len(SERVICES)))),
        open_24h=tier in ("city", "district") or rng.random() < 0.12, opened_on=_opened(rng, tier),
    )


def build_centres(world: World) -> None:
    rng = world.rng("centres")
    city = world.regions[0]
    _centre(world, rng, tier="city", region=city, code="C440300", name="深圳市党群服务中心",
            org=world.org_by_region[city["id"]], lon=city["lon"], lat=city["lat"], address="深圳市福田区")
    for district in (r for r in world.regions if r["level"] == "district"):
        lon, lat = scatter(rng, district["lon"], district["lat"], 0.4, world.areas[district["id"]])
        _centre(world, rng, tier="district", region=district, code=f"C{district['code']}",
                name=f"{district['name']}党群服务中心", org=world.org_by_region[district["id"]], lon=lon, lat=lat,
                address=district["name"])
    for street in world.streets():
        district = world.regions[street["district_id"] - 1]
        _centre(world, rng, tier="street", region=street, code=f"C{street['code']}",
                name=f"{street['name']}党群服务中心", org=world.org_by_region[street["id"]],
                lon=street["lon"], lat=street["lat"], address=f"{district['name']}{street['name']}")
    communities = [r for r in world.regions if r["level"] == "community"]
    unlocated = {c["id"] for c in rng.sample(communities, UNLOCATED)}
    for c in communities:
        district, street = world.regions[c["district_id"] - 1], world.regions[c["street_id"] - 1]
        lon, lat = (None, None) if c["id"] in unlocated else scatter(rng, c["lon"], c["lat"], 0.45,
                                                                      world.areas[c["street_id"]])
        _centre(world, rng, tier="community", region=c, code=f"C{c['code']}", name=f"{c['name']}党群服务中心",
                org=world.org_by_region[c["id"]], lon=lon, lat=lat,
                address=f"{district['name']}{street['name']}{c['name']}")
    _calibrated_community_centres(world)
    _hosted_centres(world, rng, cal.TOTAL_CENTRES - len(world.centres))
    _opening_hours(world)


def _opening_hours(world: World) -> None:
    """Every centre's hours from a stream of its own (so no other figure moves); a fixed few below street
    level left blank, as some registers are."""
    rng = world.rng("centre hours")
    for c in world.centres:
        c["opening_hours"] = HOURS_24H if c["open_24h"] else rng.choice(HOURS)
    blank = [c for c in world.centres if not c["open_24h"] and c["tier"] not in ("city", "district", "street")]
    for c in rng.sample(blank, min(cal.CENTRES_WITHOUT_HOURS, len(blank))):
        c["opening_hours"] = None


def _hosted_centres(world: World, rng, n_left: int) -> None:
    """Park, market and tower centres hosted by covered buildings of those kinds."""
    shares = split_total(n_left, [share for _, share in cal.OTHER_TIER_SHARES])
    kind_of = {"park": "park", "market": "market", "tower": "tower"}
    orgs = {o["id"]: o for o in world.orgs if o["level"] == "unit"}
    for (tier, _), n in zip(cal.OTHER_TIER_SHARES, shares, strict=True):
        hosts = [b for b in world.buildings if b["kind"] == kind_of[tier] and b["org_id"]]
        hosts.sort(key=lambda b: (-(b["floors"] or 0) if tier == "tower" else 0, b["id"]))
        named = [b for b in hosts if b["name"] in cal.NAMED_CENTRES]  # seed 001's 腾讯 and 深圳湾创业广场 centres
        rest = [b for b in hosts if b["name"] not in cal.NAMED_CENTRES]
        chosen = named + (rest[: n - len(named)] if tier == "tower" else rng.sample(rest, n - len(named)))
        for b in chosen:
            region = world.regions[b["region_id"] - 1]
            district, street = world.regions[b["district_id"] - 1], world.regions[b["street_id"] - 1]
            name, rooms = cal.NAMED_CENTRES.get(b["name"], (f"{b['name']}党群服务中心", None))
            c = _centre(world, rng, tier=tier, region=region, code=f"C{b['code'][1:]}", name=name,
                        org=orgs.get(b["org_id"]), lon=b["lon"], lat=b["lat"],
                        address=f"{district['name']}{street['name']}{b['name']}")
            if rooms is not None:
                c["function_rooms"] = rooms


def _calibrated_community_centres(world: World) -> None:
    by_name = {(world.regions[c["district_id"] - 1]["name"], c["name"]): c for c in world.centres if c["tier"] == "community"}
    district_name, community_name, rooms = cal.BEIZHAN
    c = next(v for (d, n), v in by_name.items() if d == district_name and n == f"{community_name}党群服务中心")
    c.update(function_rooms=rooms, open_24h=True, services="、".join(SERVICES))
    name, area = cal.NANWAN_LARGEST_CENTRE
    c = next(v for (d, n), v in by_name.items() if n == f"{name}党群服务中心")
    c["floor_area_m2"] = area
