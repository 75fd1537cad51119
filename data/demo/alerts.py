"""Terms, secretaries' posts and the 软弱涣散 case register (demo; the rules are models/alerts.py).

Every electing organisation gets a last election spread evenly over its term (a few overdue), so that in
every district some 换届 fall due within 90 days of the as-of date; a small share has a vacant secretary
post. 罗湖's community committees carry the seed's figures: 12 vacancies filled and 31 secretaries rotated in
the twelve months up to the as-of date [000]. Each case of the register gets its dates, a 包点 leader (a
区委常委), its 第一书记 (name, rank, sending unit, since), measures and, once closed, the closing review [004].
Names are placeholders in the 王某 style: no real person is named.
"""

from __future__ import annotations

from datetime import date, timedelta

from data.demo import calibration as cal
from data.demo.orgs import BUREAUS
from data.demo.world import World
from models import alerts

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗郑梁谢宋唐许邓冯韩曹曾彭萧蔡潘田董袁"
LEADER_POSTS = ("区委常委、组织部部长", "区委常委、政法委书记", "区委常委、宣传部部长", "区委常委、统战部部长",
                "区委常委、纪委书记", "区委常委、常务副区长")
RANKS = ("正科级", "副处级", "副科级", "一级主任科员")
MEASURES = ("调整充实班子", "选派第一书记驻点", "建立整改台账、逐项销号", "落实“三会一课”制度",
            "开展党员集中轮训", "理顺组织隶属关系", "规范党费收缴与使用", "结对共建、区领导包点督导")
REVIEWS = ("经区委组织部验收，整改达标，同意销号", "经街道党工委初评、区委组织部复核，整改到位，予以销号",
           "班子配齐、制度落实，群众满意度测评合格，同意销号")


def _day_of(year: int, rng) -> date:
    return date(year, 1, 1) + timedelta(days=rng.randrange(365))


def _district_name(world: World, org: dict) -> str:
    return world.regions[org["district_id"] - 1]["name"] if org["district_id"] else ""


def build_alerts(world: World) -> None:
    as_of = date.fromisoformat(cal.AS_OF)
    luohu_communities = []
    for org in world.orgs:
        years = alerts.term_years_for(org["level"], org["org_type"], org["category"])
        org.update(last_election_on=None, term_years=years, secretary_vacant_since=None, secretary_changed_on=None,
                   secretary_change=None)
        if years is None:
            continue
        rng = world.rng("term", org["code"])
        span = years * 365
        back = span + rng.randint(1, cal.OVERDUE_DAYS) if rng.random() < cal.ELECTION_OVERDUE_SHARE else rng.randrange(span)
        org["last_election_on"] = as_of - timedelta(days=back)
        founded = org["founded_year"]
        if founded is not None and org["last_election_on"].year < founded:  # elected when it was set up
            org["last_election_on"] = max(date(founded, 3, 1), as_of - timedelta(days=rng.randrange(span)))
        org["secretary_change"], org["secretary_changed_on"] = "elected", org["last_election_on"]
        if org["level"] == "community" and _district_name(world, org) == cal.LUOHU:
            luohu_communities.append(org)
        elif org["level"] != "community" and rng.random() < cal.VACANCY_SHARE:
            # community committees stay staffed: the team tables (data/demo/team.py) record every one's secretary
            org.update(secretary_vacant_since=as_of - timedelta(days=rng.randint(1, cal.VACANT_DAYS)),
                       secretary_change=None, secretary_changed_on=None)
        elif org["level"] == "community" and rng.random() < 0.25:
            org["secretary_change"] = rng.choice(("filled", "rotated"))
            org["secretary_changed_on"] = as_of - timedelta(days=rng.randrange(365))
    rng = world.rng("luohu-secretaries")
    changed = rng.sample(luohu_communities, cal.LUOHU_SECRETARIES_FILLED + cal.LUOHU_SECRETARIES_ROTATED)
    for i, org in enumerate(changed):
        org["secretary_change"] = "filled" if i < cal.LUOHU_SECRETARIES_FILLED else "rotated"
        org["secretary_changed_on"] = as_of - timedelta(days=rng.randrange(365))
    _case_register(world, as_of)


def _case_register(world: World, as_of: date) -> None:
    orgs = {o["id"]: o for o in world.orgs}
    for case in world.weak_cases:
        org = orgs[case["org_id"]]
        rng = world.rng("case", case["id"])
        opened = _day_of(case["year_entered"], rng)
        opened = min(opened, as_of)
        district = _district_name(world, org)
        case.update(
            opened_on=opened,
            deadline=opened + timedelta(days=rng.randint(180, 420)),
            lead_leader=f"{rng.choice(SURNAMES)}某（{rng.choice(LEADER_POSTS)}）",
            measures="；".join(rng.sample(MEASURES, rng.randint(2, 4))),
            first_secretary_name="", first_secretary_rank="", first_secretary_unit="", first_secretary_since=None,
            closed_on=None, closing_review="",
        )
        if case["first_secretary"]:
            case.update(first_secretary_name=f"{rng.choice(SURNAMES)}某某", first_secretary_rank=rng.choice(RANKS),
                        first_secretary_unit=f"{district}{rng.choice(BUREAUS)}",
                        first_secretary_since=opened + timedelta(days=rng.randint(3, 40)))
        if case["status"] == "closed":
            closed = max(_day_of(case["year_closed"], rng), opened + timedelta(days=30))
            case.update(closed_on=closed, year_closed=closed.year, closing_review=rng.choice(REVIEWS))
