"""党建项目认领: community micro-projects and the units that claim them (demo; issue 20 §1).

南湖街道 reproduces seed 000 exactly at the end of the newest year: 292 claimed projects, 130 claiming units,
13,264 people reached ("13000多人"), plus a few needs not yet claimed; other streets have smaller programmes
(calibration.PROJECTS_PER_STREET). A unit claims in its own street only. Every project lies near its
community's seat inside the street's illustrative cell (data.demo.territory.scatter), so on land and in its
own district like every other generated point. Runs last: nothing else shifts.
"""

from __future__ import annotations

from datetime import date, timedelta

from data.demo import calibration as cal
from data.demo.territory import scatter
from data.demo.world import World, split_total
from models.vocab import PROJECT_UNIT_TYPES

UNIT_TYPE_WEIGHTS = (0.2, 0.3, 0.25, 0.15, 0.1)  # in the order of vocab.PROJECT_UNIT_TYPES (design choice)
TITLES = {
    "innovation": ("红色议事厅", "楼栋党小组示范点", "党建书吧", "党员先锋岗", "“三会一课”阵地提升", "党群连心驿站"),
    "livelihood": ("长者助餐点", "老旧小区加装电梯协调", "四点半课堂", "社区微菜园", "便民维修服务", "停车难微治理"),
    "welfare": ("困难家庭结对帮扶", "爱心义诊", "助学圆梦行动", "关爱独居老人", "来深建设者子女夏令营", "爱心衣物捐赠"),
    "volunteer": ("垃圾分类督导", "文明创建志愿服务", "平安巡逻志愿队", "社区环境清洁日", "反诈宣传进楼栋", "党员志愿服务站"),
}
RESIDENT = ("中学", "小学", "社区卫生服务中心", "供电所", "派出所", "邮政支局", "税务所", "消防救援站", "人民法庭",
            "市场监管所", "燃气所", "幼儿园")
FIRM_WORDS = ("华创", "鹏程", "安居", "信达", "恒通", "海岸", "金辉", "同心", "锦城", "新航", "和顺", "德信")
TRADES = ("物业管理", "科技", "商贸", "建设工程", "餐饮管理", "珠宝")
SOCIAL = ("社会工作服务中心", "志愿者协会", "慈善会", "邻里互助会", "青年志愿服务队", "文化艺术团")
PARTY_GROUPS = ("妇联", "工会联合会", "团支部", "关工委", "残疾人协会", "侨联")


def build_projects(world: World) -> None:
    names: set[str] = set()
    for street in world.streets():
        communities = world.communities_of(street)
        if communities:
            _street_projects(world, street, communities, names)


def _unique(names: set[str], name: str) -> str:
    out, k = name, 2
    while out in names:
        out, k = f"{name}（{k}）", k + 1
    names.add(out)
    return out


def _unit_name(rng, kind: str, street: dict, community: dict, names: set[str]) -> str:
    short, place = street["name"].removesuffix("街道"), community["name"].removesuffix("社区")
    if kind == "deputy":
        return _unique(names, f"{street['name']}党代表工作室（{community['name']}）")
    if kind == "resident_unit":
        return _unique(names, f"{place}{rng.choice(RESIDENT)}")
    if kind == "firm":
        return _unique(names, f"深圳市{short}{rng.choice(FIRM_WORDS)}{rng.choice(TRADES)}有限公司")
    if kind == "social_org":
        return _unique(names, f"{place}{rng.choice(SOCIAL)}")
    return _unique(names, f"{community['name']}{rng.choice(PARTY_GROUPS)}")


def _day(rng, first: date, last: date) -> date:
    return first + timedelta(days=rng.randint(0, (last - first).days))


def _dates(rng, status: str) -> tuple[date, date | None, date | None]:
    """Published, claimed, completed dates consistent with the status at the data's date (cal.AS_OF)."""
    if status == "open":
        return _day(rng, date(2025, 3, 1), date(2025, 12, 15)), None, None
    if status == "done":
        published = _day(rng, date(cal.PROJECTS_SINCE, 3, 1), date(2024, 6, 30))
        claimed = published + timedelta(days=rng.randint(3, 60))
        return published, claimed, claimed + timedelta(days=rng.randint(30, 300))
    published = _day(rng, date(2023, 1, 1), date(2025, 10, 31))
    return published, published + timedelta(days=rng.randint(3, 50)), None


def _street_projects(world: World, street: dict, communities: list[dict], names: set[str]) -> None:
    rng = world.rng("projects", street["code"])
    district = world.regions[street["district_id"] - 1]["name"]
    nanhu = street["name"] == cal.NANHU
    if nanhu:
        n_claimed, n_units, n_open = cal.NANHU_CLAIMED_PROJECTS, cal.NANHU_CLAIMING_UNITS, cal.NANHU_OPEN_PROJECTS
    else:
        n_claimed = rng.randint(*cal.PROJECTS_PER_STREET.get(district, cal.PROJECTS_PER_STREET[None]))
        n_units = max(3, round(n_claimed * rng.uniform(0.35, 0.55)))
        n_open = rng.randint(*cal.OPEN_PER_STREET)
    units = []
    for _ in range(n_units):
        kind = rng.choices(PROJECT_UNIT_TYPES, UNIT_TYPE_WEIGHTS)[0]
        row = {"id": len(world.claim_units) + 1, "unit_type": kind,
               "name": _unit_name(rng, kind, street, rng.choice(communities), names)}
        world.claim_units.append(row)
        units.append(row)
    # every unit claims at least one project; the rest go mostly to a few active units (the ranking's top)
    weights = [1 / (k + 1) ** 0.9 for k in range(n_units)]
    claimers = list(range(n_units)) + rng.choices(range(n_units), weights, k=n_claimed - n_units)
    rng.shuffle(claimers)
    reached = (split_total(cal.NANHU_BENEFICIARIES_TOTAL, [rng.uniform(0.3, 1.7) for _ in range(n_claimed)])
               if nanhu else [rng.randint(15, 110) for _ in range(n_claimed)])
    statuses = [s for s, _ in cal.PROJECT_STATUS_SHARES]
    shares = [w for _, w in cal.PROJECT_STATUS_SHARES]
    plan = [(rng.choices(statuses, shares)[0], units[u]["id"], people) for u, people in zip(claimers, reached, strict=True)]
    plan += [("open", None, 0)] * n_open
    area = world.areas[street["id"]]
    for i, (status, unit_id, people) in enumerate(plan, 1):
        community = rng.choice(communities)
        need = rng.choice(tuple(TITLES))
        published, claimed, completed = _dates(rng, status)
        lon, lat = scatter(rng, community["lon"], community["lat"], 0.35, area)
        world.projects.append({
            "id": len(world.projects) + 1, "code": f"X{street['code']}-{i:04d}",
            "title": f"{community['name'].removesuffix('社区')}{rng.choice(TITLES[need])}", "need": need,
            "region_id": community["id"], "district_id": street["district_id"], "street_id": street["id"],
            "unit_id": unit_id, "status": status, "published_on": published, "claimed_on": claimed,
            "completed_on": completed, "beneficiaries": people, "lon": lon, "lat": lat,
        })
