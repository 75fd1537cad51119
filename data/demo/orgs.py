"""Party organisations: the territorial chain and the non-territorial categories (demo)."""

from __future__ import annotations

from data.demo import calibration as cal
from data.demo.territory import build_grids
from data.demo.world import FULL_DETAIL_FIRMS, World, split_total

AGE_WEIGHTS = (("<35", 0.12), ("35-44", 0.40), ("45-54", 0.36), ("55+", 0.12))
EDU_WEIGHTS = (("high_school", 0.06), ("college", 0.30), ("bachelor", 0.52), ("master", 0.12))
HOMETOWNS = (
    "湖南攸县", "江西新余", "广东揭阳", "广东梅州", "福建莆田", "湖北黄冈",
    "四川达州", "广西玉林", "河南信阳", "安徽阜阳", "湖南衡阳", "江西吉安",
)
BUREAUS = (
    "发展和改革局", "教育局", "财政局", "民政局", "司法局", "人力资源局", "住房和建设局",
    "城市管理和综合执法局", "卫生健康局", "文化广电旅游体育局", "应急管理局", "科技创新局",
)


def _pick(rng, weights: tuple[tuple[str, float], ...]) -> str:
    return rng.choices([w[0] for w in weights], [w[1] for w in weights])[0]


def secretary(rng) -> dict:
    return {"secretary_age_band": _pick(rng, AGE_WEIGHTS), "secretary_education": _pick(rng, EDU_WEIGHTS)}


def type_for_members(members: int) -> str:
    """党委 from 100 members, 党总支 from 50, else 党支部 (the usual thresholds)."""
    return "committee" if members >= 100 else "general_branch" if members >= 50 else "branch"


def build_territorial(world: World) -> None:
    city_region = world.regions[0]
    city = world.add_org(
        parent=None, region=city_region, code="P440300", name="深圳市委", level="city",
        org_type="committee", category="leadership", kind="territorial", founded_year=1979,
    )
    world.org_by_region[city_region["id"]] = city
    for district in (r for r in world.regions if r["level"] == "district"):
        suffix = "党工委" if district["name"].endswith("新区") else "委"
        d_org = world.add_org(
            parent=city, region=district, code=f"P{district['code']}", name=f"{district['name']}{suffix}",
            level="district", org_type="committee", category="leadership", kind="territorial",
            founded_year=1979,
        )
        world.org_by_region[district["id"]] = d_org
    for street in world.streets():
        s_org = world.add_org(
            parent=world.org_by_region[street["district_id"]], region=street, code=f"P{street['code']}",
            name=f"{street['name']}党工委", level="street", org_type="committee", category="leadership",
            kind="territorial", founded_year=2005,
        )
        world.org_by_region[street["id"]] = s_org
        full = world.full_detail(street)
        for community in world.communities_of(street):
            _community_chain(world, community, s_org, full)


def _community_chain(world: World, community: dict, street_org: dict, full: bool) -> None:
    rng = world.rng("community-org", community["code"])
    direct = rng.randint(4, 30) if full else rng.randint(150, 480)
    c_org = world.add_org(
        parent=street_org, region=community, code=f"P{community['code']}", name=f"{community['name']}党委",
        level="community", org_type="committee", category="community", kind="territorial",
        members=direct, founded_year=rng.randint(2004, 2016), **secretary(rng),
    )
    world.org_by_region[community["id"]] = c_org
    if not full:
        return
    for grid in build_grids(world, community):
        members = rng.randint(25, 80)
        g_org = world.add_org(
            parent=c_org, region=grid, code=f"P{grid['code']}", name=f"{grid['name']}党支部",
            level="grid", org_type=type_for_members(members) if members < 50 else "branch",
            category="community", kind="territorial", members=members,
            founded_year=rng.randint(2016, 2019), **secretary(rng),
        )
        world.org_by_region[grid["id"]] = g_org
        n_groups = rng.randint(2, 4)
        for j, share in enumerate(split_total(members, [rng.random() + 0.5 for _ in range(n_groups)]), 1):
            grp = world.add_org(
                parent=g_org, region=grid, code=f"{g_org['code']}B{j}", name=f"{grid['name']}{j}栋党小组",
                level="building", org_type="group", category="community", kind="territorial",
                members=share, founded_year=g_org["founded_year"],
            )
            for k in range(1, rng.randint(1, 3) + 1):
                world.add_org(
                    parent=grp, region=grid, code=f"{grp['code']}H{k}",
                    name=f"{grid['name']}{j}栋党员中心户{k}", level="household", org_type="household",
                    category="community", kind="territorial", members=rng.randint(1, 4),
                    founded_year=g_org["founded_year"],
                )


def build_non_territorial(world: World) -> None:
    for district in (r for r in world.regions if r["level"] == "district"):
        d_org = world.org_by_region[district["id"]]
        rng = world.rng("district-units", district["code"])
        for i, bureau in enumerate(rng.sample(BUREAUS, rng.randint(8, 12)), 1):
            members = rng.randint(30, 160)
            world.add_org(
                parent=d_org, region=district, code=f"P{district['code']}-J{i:02d}",
                name=f"{district['name']}{bureau}机关党{'委' if members >= 100 else '支部'}",
                level="unit", org_type=type_for_members(members), category="organ", kind="organ",
                members=members, founded_year=rng.randint(1990, 2015), **secretary(rng),
            )
        _hometown(world, district, d_org, rng)
    for street in world.streets():
        _street_units(world, street)


def _hometown(world: World, district: dict, d_org: dict, rng) -> None:
    luohu = district["name"] == cal.LUOHU
    n = cal.LUOHU_HOMETOWN_ORGS if luohu else rng.randint(2, 5)
    places = HOMETOWNS[:n] if luohu else rng.sample(HOMETOWNS, n)
    weights = [rng.random() + 0.6 for _ in range(n)]
    totals = split_total(cal.LUOHU_HOMETOWN_MEMBERS, weights) if luohu else [rng.randint(25, 70) for _ in range(n)]
    for i, (place, members) in enumerate(zip(places, totals, strict=True), 1):
        world.add_org(
            parent=d_org, region=district, code=f"P{district['code']}-H{i:02d}",
            name=f"{district['name']}{place}籍流动党员党支部", level="unit", org_type="branch",
            category="hometown", kind="hometown", members=members,
            founded_year=rng.randint(2012, 2019), **secretary(rng),
        )


def _street_units(world: World, street: dict) -> None:
    s_org = world.org_by_region[street["id"]]
    rng = world.rng("street-units", street["code"])
    for i in range(1, rng.randint(3, 7) + 1):
        world.add_org(
            parent=s_org, region=street, code=f"P{street['code']}-J{i:02d}", name=f"{street['name']}机关第{i}党支部",
            level="unit", org_type="branch", category="organ", kind="organ", members=rng.randint(12, 48),
            founded_year=rng.randint(2005, 2016), **secretary(rng),
        )
    lo, hi = FULL_DETAIL_FIRMS if world.full_detail(street) else world.scale.firms_per_street
    for i in range(1, rng.randint(lo, hi) + 1):
        social = rng.random() < 0.2
        world.add_org(
            parent=s_org, region=street, code=f"P{street['code']}-E{i:03d}",
            name=f"{street['name']}{i:03d}号{'社会组织' if social else '非公企业'}党支部",
            level="unit", org_type="branch", category="two_new", kind="firm_branch",
            members=rng.randint(3, 28), founded_year=rng.randint(2008, 2025), **secretary(rng),
        )
    if street["name"] == cal.NANWAN:
        _nanwan_units(world, street, s_org, rng)
    elif world.regions[street["district_id"] - 1]["name"] not in ("福田区", "罗湖区"):
        for i, community in enumerate(rng.sample(world.communities_of(street), min(2, rng.randint(0, 2))), 1):
            world.add_org(
                parent=world.org_by_region[community["id"]], region=community,
                code=f"P{community['code']}-X{i}",
                name=f"{community['name'].removesuffix('社区')}股份合作公司党委", level="unit",
                org_type="committee", category="shareholding", kind="shareholding",
                members=rng.randint(60, 220), founded_year=rng.randint(1995, 2010), **secretary(rng),
            )


def _nanwan_units(world: World, street: dict, s_org: dict, rng) -> None:
    totals = split_total(cal.NANWAN_TWO_NEW_MEMBERS, [rng.random() + 0.5 for _ in range(cal.NANWAN_TWO_NEW_COMMITTEES)])
    for i, members in enumerate(totals, 1):
        world.add_org(
            parent=s_org, region=street, code=f"P{street['code']}-N{i:02d}", name=f"{street['name']}两新组织第{i}党委",
            level="unit", org_type="committee", category="two_new", kind="two_new_committee",
            members=members, founded_year=rng.randint(2012, 2018), **secretary(rng),
        )
    by_name = {c["name"]: c for c in world.communities_of(street)}
    for i, (company, community_name) in enumerate(cal.NANWAN_SHAREHOLDING, 1):
        community = by_name[community_name]
        world.add_org(
            parent=world.org_by_region[community["id"]], region=community, code=f"P{community['code']}-X{i}",
            name=f"{company}党委", level="unit", org_type="committee", category="shareholding",
            kind="shareholding", members=rng.randint(80, 200), founded_year=rng.randint(1995, 2008),
            **secretary(rng),
        )
    # The 14 community secretaries: all 大专 or above, 10 bachelor's, 1 master's, average age 43.
    educations = [e for e, n in cal.NANWAN_SECRETARY_EDUCATION.items() for _ in range(n)]
    ages = ["35-44"] * 9 + ["45-54"] * 4 + ["<35"]
    for org, edu, age in zip(
        (world.org_by_region[c["id"]] for c in world.communities_of(street)), educations, ages, strict=True
    ):
        org["secretary_education"], org["secretary_age_band"] = edu, age
