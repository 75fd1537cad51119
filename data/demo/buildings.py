"""Buildings and the organisations that cover them: towers, garden compounds, parks, markets (demo)."""

from __future__ import annotations

from data.demo import calibration as cal
from data.demo.orgs import secretary, type_for_members
from data.demo.territory import scatter
from data.demo.world import World, split_total

COMPOUND_SUFFIXES = ("花园", "家园", "名苑", "雅居", "新村", "公馆", "华庭", "山庄")


def build_buildings(world: World) -> None:
    for district in (r for r in world.regions if r["level"] == "district"):
        _towers(world, district)
    for street in world.streets():
        _compounds(world, street)
        _parks(world, street)
        _markets(world, street)


def _street_org(world: World, street: dict) -> dict:
    return world.org_by_region[street["id"]]


def _cover_with_unit(world: World, b: dict, street: dict, *, kind: str, name: str, members: int, year: int, rng) -> dict:
    org = world.add_org(
        parent=_street_org(world, street), region=street, code=f"P{b['code'][1:]}", name=name, level="unit",
        org_type=type_for_members(members), category="two_new", kind=kind, members=members,
        founded_year=year, **secretary(rng),
    )
    b["org_id"], b["covered_since"] = org["id"], year
    return org


def _towers(world: World, district: dict) -> None:
    rng = world.rng("towers", district["code"])
    streets = [s for s in world.streets() if s["district_id"] == district["id"]]
    luohu = district["name"] == cal.LUOHU
    n_high = cal.LUOHU_TOWERS_20F if luohu else cal.TOWERS_20F[district["name"]]
    n_low = max(2, n_high // 3) if n_high else 0
    rate = 1.0 if luohu else rng.uniform(*cal.TOWER_COVERAGE)
    specs = []  # (name, street, floors, lon, lat)
    for name, street_name, floors, lon, lat in cal.LANDMARK_TOWERS:  # named towers of this district first
        if world.street_by_name[street_name]["district_id"] == district["id"]:
            specs.append((name, world.street_by_name[street_name], floors, lon, lat))
    while len(specs) < n_high + n_low:
        street = rng.choice(streets[: max(3, len(streets) // 2)] if rng.random() < 0.7 else streets)
        floors = rng.randint(20, 68) if len(specs) < n_high else rng.randint(8, 19)
        lon, lat = scatter(rng, street["lon"], street["lat"], 0.8, world.areas[street["id"]])
        specs.append((f"{street['name'].removesuffix('街道')}{'大厦' if floors >= 20 else '商务楼'}{len(specs) + 1:02d}", street, floors, lon, lat))
    high = [s for s in specs if s[2] >= 20]
    firms = [max(8, int(f * rng.uniform(0.6, 1.6))) for _, _, f, _, _ in high]
    members = [max(12, int(f * rng.uniform(1.5, 3.5))) for _, _, f, _, _ in high]
    if luohu:  # exact headline figures over the 41 towers
        firms = split_total(cal.LUOHU_TOWER_FIRMS, [float(f) for f in firms])
        members = split_total(cal.LUOHU_TOWER_MEMBERS, [float(m) for m in members])
    low = [s for s in specs if s[2] < 20]
    counts = list(zip(firms, members, strict=True)) + [(rng.randint(3, 20), rng.randint(2, 30)) for _ in low]
    for i, ((name, street, floors, lon, lat), (n_firms, n_members)) in enumerate(zip(high + low, counts, strict=True), 1):
        b = world.add_building(
            region=street, code=f"B{district['code']}-T{i:03d}", name=name, kind="tower", floors=floors,
            firms=n_firms, members=n_members, lon=lon, lat=lat,
        )
        covered = rng.random() < (rate if floors >= 20 else 0.55) or name in cal.NAMED_CENTRES
        if covered:
            joint = n_firms >= 5
            _cover_with_unit(
                world, b, street, kind="tower_joint" if joint else "tower_branch",
                name=f"{name}{'联合' if joint else ''}党{'委' if n_members >= 100 else '支部'}",
                members=n_members, year=rng.randint(2012, 2020 if luohu else 2025), rng=rng,
            )


def _compounds(world: World, street: dict) -> None:
    rng = world.rng("compounds", street["code"])
    communities = world.communities_of(street)
    nanwan = street["name"] == cal.NANWAN
    if nanwan:
        n = cal.NANWAN_COMPOUND_BRANCHES + cal.NANWAN_UNCOVERED_COMPOUNDS
        homes = [communities[i % len(communities)] for i in range(n)]
    else:
        homes = [c for c in communities for _ in range(rng.randint(2, 5))]
    covered_flags = [i < cal.NANWAN_COMPOUND_BRANCHES for i in range(len(homes))] if nanwan else [
        rng.random() < 0.72 for _ in homes
    ]
    members = (
        split_total(cal.NANWAN_COMPOUND_MEMBERS, [rng.random() + 0.4 for _ in range(cal.NANWAN_COMPOUND_BRANCHES)])
        if nanwan else []
    )
    for i, (community, covered) in enumerate(zip(homes, covered_flags, strict=True), 1):
        if nanwan and i == 1:
            name, floors = cal.NANWAN_NAMED_COMPOUND
        else:
            name = f"{community['name'].removesuffix('社区')}{rng.choice(COMPOUND_SUFFIXES)}{i:02d}"
            floors = rng.randint(6, 34)
        lon, lat = scatter(rng, community["lon"], community["lat"], 0.45, world.areas[street["id"]])
        n_members = members[i - 1] if nanwan and covered else rng.randint(8, 45)
        b = world.add_building(
            region=community, code=f"B{street['code']}-R{i:03d}", name=name, kind="residential", floors=floors,
            firms=rng.randint(0, 3), members=n_members, lon=lon, lat=lat,
        )
        if covered:
            year = rng.randint(2015, 2025)
            org = world.add_org(
                parent=world.org_by_region[community["id"]], region=community, code=f"P{b['code'][1:]}",
                name=f"{name}党支部", level="grid", org_type="branch", category="community",
                kind="compound_branch", members=n_members, founded_year=year, **secretary(rng),
            )
            b["org_id"], b["covered_since"] = org["id"], year


def _named(street: dict, kind: str) -> tuple[str, float, float] | None:
    """The named real place of this kind in the street (calibration.NAMED_PLACES), if any."""
    return next(((n, lon, lat) for n, k, s, lon, lat in cal.NAMED_PLACES if k == kind and s == street["name"]), None)


def _parks(world: World, street: dict) -> None:
    rng = world.rng("parks", street["code"])
    nanwan = street["name"] == cal.NANWAN
    n = cal.NANWAN_PARK_COMMITTEES if nanwan else rng.randint(1, 5)
    branches = split_total(cal.NANWAN_PARK_BRANCHES, [1.0] * n) if nanwan else [rng.randint(2, 6) for _ in range(n)]
    named = _named(street, "park")
    for i in range(1, n + 1):
        name = f"{street['name'].removesuffix('街道')}产业园{i:02d}"
        lon, lat = scatter(rng, street["lon"], street["lat"], 1.2, world.areas[street["id"]])
        if nanwan:  # the five parks of "一经多纬" along 布澜路, at their real positions
            name, lon, lat = cal.NANWAN_NAMED_PARKS[i - 1]
        elif named and i == 1:
            name, lon, lat = named
        b = world.add_building(
            region=street, code=f"B{street['code']}-K{i:02d}", name=name, kind="park", floors=rng.randint(4, 16),
            firms=rng.randint(20, 160), members=0, lon=lon, lat=lat,
        )
        if not (rng.random() < 0.8 or nanwan or (named and i == 1)):
            continue
        committee = _cover_with_unit(
            world, b, street, kind="park_committee", name=f"{name}党委", members=0,
            year=rng.randint(2014, 2021), rng=rng,
        )
        committee["org_type"] = "committee"
        sizes = [rng.randint(4, 22) for _ in range(branches[i - 1])]
        b["members"] = sum(sizes)
        for j, size in enumerate(sizes, 1):
            world.add_org(
                parent=committee, region=street, code=f"{committee['code']}-B{j}", name=f"{name}第{j}党支部",
                level="unit", org_type="branch", category="two_new", kind="park_branch", members=size,
                founded_year=committee["founded_year"], **secretary(rng),
            )
    if nanwan:  # 279 members over the 23 park branches
        park_branches = [o for o in world.orgs if o["kind"] == "park_branch" and o["street_id"] == street["id"]]
        for org, size in zip(park_branches, split_total(cal.NANWAN_PARK_MEMBERS, [o["members"] for o in park_branches]), strict=True):
            org["members"] = size
        for b in (b for b in world.buildings if b["kind"] == "park" and b["street_id"] == street["id"]):
            b["members"] = sum(o["members"] for o in park_branches if o["code"].startswith(f"P{b['code'][1:]}-"))


def _markets(world: World, street: dict) -> None:
    rng = world.rng("markets", street["code"])
    named = _named(street, "market")
    for i in range(1, rng.randint(1, 3) + 1):
        name = f"{street['name'].removesuffix('街道')}{rng.choice(('商业街', '农批市场', '商圈', '购物广场'))}{i}"
        lon, lat = scatter(rng, street["lon"], street["lat"], 0.9, world.areas[street["id"]])
        if named and i == 1:  # 水贝珠宝片区, 人民南商业街区 at their real positions
            name, lon, lat = named
        b = world.add_building(
            region=street, code=f"B{street['code']}-M{i}", name=name, kind="market", floors=rng.randint(1, 8),
            firms=rng.randint(40, 400), members=rng.randint(6, 40), lon=lon, lat=lat,
        )
        if rng.random() < 0.7 or (named and i == 1):
            _cover_with_unit(
                world, b, street, kind="market_branch", name=f"{name}党支部", members=b["members"],
                year=rng.randint(2014, 2023), rng=rng,
            )
