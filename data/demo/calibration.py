"""Figures the demo data must reproduce (DOMAIN.md; seed file in brackets) and demo design choices."""

from __future__ import annotations

SEED = 20180629  # the day the city and district centres opened together [001]
YEARS = (2021, 2022, 2023, 2024, 2025)  # five annual grading rounds
AS_OF = "2025-12-31"
GENERATOR_VERSION = "10"  # 2: indicator scores (IndicatorScore); 3: organisation subtree sums (OrgRollup);
# 4: every position inside its own district (150 m from the edge) and its street's illustrative cell;
# 5: secretaries, committee staffing, 区属党(工)委 scores, volunteers, 同乡村 reach (issue 20)
# 6: terms, secretary vacancies and the 软弱涣散 case register (issue 19)
# 8: the community standardisation check (StandardCheck) and the named real parks, markets and centres (issue 20 §2)
# 9: centres' opening hours, a few left blank (issue 19)
# 10: 党建项目认领, community micro-projects and their claiming units (issue 20 §1)

# 1+10+N: 1,050 centres by October 2020 [001].
TOTAL_CENTRES = 1050
CENTRES_OPENED_BY = "2020-10-31"
CITY_DISTRICT_CENTRES_OPENED = "2018-06-29"
# How the N left after street and community centres splits among the other tiers (design choice).
OTHER_TIER_SHARES = (("park", 0.40), ("market", 0.25), ("tower", 0.35))
CENTRES_WITHOUT_HOURS = 24  # centres whose register gives no opening hours (design choice: a data gap)

# Luohu [000, 004].
LUOHU = "罗湖区"
LUOHU_TOWERS_20F = 41
LUOHU_TOWER_FIRMS = 2136  # "2,000+" firms above designated size
LUOHU_TOWER_MEMBERS = 6000  # "about 6,000" white-collar members
LUOHU_HOMETOWN_ORGS = 12
LUOHU_HOMETOWN_MEMBERS = 600
LUOHU_HOMETOWN_REACH = 196_800  # "辐射近20万外来务工群体" [000, 004]
# Named 同乡村 branches and the street each is based in: "湖南攸县（东湖）、江西新余（南湖）" [004].
LUOHU_NAMED_HOMETOWNS = (("湖南攸县", "东湖街道"), ("江西新余", "南湖街道"))
# "全区83个社区党委全部标配社区党委书记、专职副书记和专职组织员" [004]: every 罗湖 community committee is fully
# staffed (the reference register has 109 communities today; the seed counted 83 at the time).
LUOHU_ALL_STAFFED = True
STAFFING_SHARES = {"deputy": 0.92, "organiser": 0.85}  # posts filled elsewhere (design choice)
# In the twelve months up to AS_OF 罗湖 filled 12 vacant community secretaries and rotated 31 [000].
LUOHU_SECRETARIES_FILLED = 12
LUOHU_SECRETARIES_ROTATED = 31
# Named towers at their positions (WGS-84). 京基100 and 地王大厦 from their published coordinates;
# 文锦广场 approximate (文锦中路 at 深南东路).
LANDMARK_TOWERS = (
    ("京基100大厦", "桂园街道", 100, 114.1081, 22.5411),
    ("地王大厦", "桂园街道", 69, 114.1058, 22.5428),
    ("文锦广场", "东门街道", 32, 114.1262, 22.5468),
    # 腾讯滨海大厦 (海天二路), home of the 腾讯公司党群服务中心 of seed 001; approximate
    ("腾讯滨海大厦", "粤海街道", 50, 113.9350, 22.5226),
)
# Named real places the leaders look for (issue 20; DOMAIN.md §3; seeds 001, 003), approximate WGS-84
# positions (data/reference/SOURCES.md says how they were placed): (name, building kind, street, lon, lat).
# 南湾's "一经多纬" belt along 布澜路: its 5 park committees are these five parks [003].
NANWAN_NAMED_PARKS = (
    ("兆驰创新产业园", 114.1262, 22.6368),
    ("联创科技园", 114.1296, 22.6262),
    ("李朗珠宝创新园", 114.1275, 22.6318),
    ("康利城", 114.1322, 22.6198),
    ("182创意设计园", 114.1240, 22.6412),
)
NAMED_PLACES = (
    ("水贝珠宝片区", "market", "翠竹街道", 114.1235, 22.5705),
    ("人民南商业街区", "market", "南湖街道", 114.1180, 22.5395),
    ("深圳市互联网产业园", "park", "清水河街道", 114.1060, 22.5830),
    ("深圳湾创业广场", "park", "粤海街道", 113.9443, 22.5243),
)
# Centres hosted by named buildings, with their own names and rooms: seed 001's 腾讯公司党群服务中心 and
# 深圳湾创业广场党群服务中心 ("10个服务区域").
NAMED_CENTRES = {"腾讯滨海大厦": ("腾讯公司党群服务中心", None), "深圳湾创业广场": ("深圳湾创业广场党群服务中心", 10)}

# Nanwan [003].
NANWAN = "南湾街道"
NANWAN_COMPOUND_BRANCHES = 30
NANWAN_COMPOUND_MEMBERS = 652
NANWAN_UNCOVERED_COMPOUNDS = 6  # design choice: a few compounds still without a branch
NANWAN_TWO_NEW_COMMITTEES = 12
NANWAN_TWO_NEW_MEMBERS = 515
NANWAN_PARK_COMMITTEES = 5
NANWAN_PARK_BRANCHES = 23
NANWAN_PARK_MEMBERS = 279
NANWAN_SHAREHOLDING = (("李朗股份合作公司", "上李朗社区"), ("厦村股份合作公司", "厦村社区"), ("吉厦股份合作公司", "吉厦社区"))
NANWAN_SECRETARY_EDUCATION = {"college": 3, "bachelor": 10, "master": 1}  # 14 secretaries, all 大专+
# Their ages in the newest year, in the order of the age bands data/demo/orgs.py gives them (nine 35-44,
# four 45-54, one under 35): 602 / 14 = 43.0, "平均年龄43岁" [003].
NANWAN_SECRETARY_AGES = (38, 39, 40, 41, 42, 43, 43, 43, 43, 47, 48, 50, 52, 33)
NANWAN_SECRETARY_AVERAGE_AGE = 43
NANWAN_VOLUNTEERS = 21_000  # "注册义工数量达到21000余名" [003]; the newest year has a few hundred more
NANWAN_VOLUNTEERS_NEWEST = 21_360  # design choice above the "21,000+"
NANWAN_VOLUNTEER_GROWTH = 0.06  # share fewer per year back from the newest (design choice)
LOVE_BANK_POINTS_PER_HOUR = 10  # 爱心银行: points banked per hour of service (design choice)
NANWAN_LARGEST_CENTRE = ("南岭村社区", 9800.0)  # "近1万平方米", the largest community centre
NANWAN_NAMED_COMPOUND = ("玉岭花园", 33)
# "辖区14个社区中,10个社区已在党建标准化考核中达标,3个社区已接受了党建标准化考核验收" [003]: in the newest
# year 10 passed (达标), 3 being inspected after rectification (整改中), the 14th not yet assessed (待考核).
NANWAN_STANDARDS = {"passed": 10, "rectifying": 3, "pending": 1}
NANWAN_STANDARD_LEADERS = ("南岭村社区", "上李朗社区")  # the two 排头兵 communities of seed 003: passed
# Elsewhere (design choice): the share of communities passed rises from about 55 % in the first year to
# about 85 % in the newest; an aspect's weight is how often it is among the failed ones (运行保障 and 治理结构
# most often: the funding and the 政经分开 reforms that seed 001 names as the hard part).
STANDARD_PASS_FIRST, STANDARD_PASS_NEWEST = 0.55, 0.85
STANDARD_ASPECT_WEIGHTS = {"organisation": 0.7, "members": 0.8, "governance": 1.3, "service": 1.0, "duties": 0.6,
                           "support": 1.5}

# 龙华·北站社区: 26 function rooms, 30+ services, 24-hour library [001].
BEIZHAN = ("龙华区", "北站社区", 26)

# Towers of 20+ floors per district outside Luohu (design choice, scaled to density).
TOWERS_20F = {
    "福田区": 150, "南山区": 170, "盐田区": 10, "宝安区": 80, "龙岗区": 60,
    "龙华区": 55, "坪山区": 12, "光明区": 14, "大鹏新区": 2,
}
TOWER_COVERAGE = (0.76, 0.94)  # range of the covered share per district outside Luohu

# Terms and vacancies (design choice): the share of electing organisations whose election is overdue
# (up to OVERDUE_DAYS past the term's end), and of open secretary vacancies (since up to VACANT_DAYS).
ELECTION_OVERDUE_SHARE = 0.03
OVERDUE_DAYS = 240
VACANCY_SHARE = 0.012
VACANT_DAYS = 200

# 党建项目认领 [000]: "以南湖街道“党建项目认领”为例，活动至今认领项目已经发展到292个，认领单位扩大到130家，直接或间接
# 受益的党员、群众达13000多人". The 292 are claimed projects; the library also holds a few not yet claimed.
NANHU = "南湖街道"
NANHU_CLAIMED_PROJECTS = 292
NANHU_CLAIMING_UNITS = 130
NANHU_BENEFICIARIES = 13_000  # "13000多人"
NANHU_BENEFICIARIES_TOTAL = 13_264  # design choice above the "13,000+"
NANHU_OPEN_PROJECTS = 18  # design choice: needs published, not yet claimed
PROJECTS_SINCE = 2016  # the programme's first projects (design choice; 罗湖's brand projects date from 2016)
# Claimed projects per street elsewhere (design choice: smaller than the showcase street), and open ones.
PROJECTS_PER_STREET = {"罗湖区": (60, 160), None: (12, 70)}
OPEN_PER_STREET = (2, 12)
PROJECT_STATUS_SHARES = (("done", 0.62), ("underway", 0.24), ("claimed", 0.14))  # of the claimed (design choice)
