"""Closed vocabularies of the domain (stored codes; their labels live in components/i18n.py)."""

from __future__ import annotations

# Territorial levels, top to bottom (DOMAIN.md §1).
REGION_LEVELS = ("city", "district", "street", "community", "grid")

# Service-centre tiers of the "1+10+N" system (DOMAIN.md §2); the N tiers follow the first two.
CENTRE_TIERS = ("city", "district", "street", "community", "park", "market", "tower")
N_TIERS = ("street", "community", "park", "market", "tower")

# Organisation levels: the six-level territorial chain under 区委/市委, plus "unit" for
# non-territorial organisations (机关, 两新, 同乡村, 集体股份公司) hung under a street or district.
ORG_LEVELS = ("city", "district", "street", "community", "grid", "building", "household", "unit")
# The territorial level expected below each level; "unit" children hang under any of them.
NEXT_LEVEL = {"city": "district", "district": "street", "street": "community", "community": "grid",
              "grid": "building", "building": "household"}

# Organisation types by size (党委 ⊃ 党总支 ⊃ 党支部 ⊃ 党小组) and the member household.
ORG_TYPES = ("committee", "general_branch", "branch", "group", "household")
# Types that hold Party membership; groups and households are subsets of their branch.
MEMBER_HOLDING_TYPES = ("committee", "general_branch", "branch")

# The five categories graded separately (DOMAIN.md §1, seed 004).
ORG_CATEGORIES = ("organ", "community", "two_new", "hometown", "shareholding")
# 市委, 区委 and 街道党工委 lead the system and are not graded with the grassroots.
LEADERSHIP_CATEGORY = "leadership"

# Finer form of an organisation, used for calibration and for building coverage.
ORG_KINDS = (
    "territorial",  # 市委 … 党员中心户 chain
    "compound_branch",  # 花园小区党支部
    "tower_joint",  # 楼宇联合党组织
    "tower_branch",  # 楼宇独立党支部
    "park_committee",  # 园区党委
    "park_branch",  # 园区党支部
    "market_branch",  # 商圈市场党支部
    "two_new_committee",  # 两新党委 (firms, social organisations)
    "firm_branch",  # 非公企业 / 社会组织党支部
    "hometown",  # 同乡村党组织
    "shareholding",  # 股份合作公司党委
    "organ",  # 机关党组织
)

BUILDING_KINDS = ("tower", "residential", "park", "market")
REACH_KINDS = ("community", "tower", "residential")  # what a service centre should be within reach of

GRADES = ("A", "B", "C", "D")

AGE_BANDS = ("<35", "35-44", "45-54", "55+")
EDUCATION_LEVELS = ("high_school", "college", "bachelor", "master")
# 党建项目认领 (seeds 000, 004): what a micro-project meets, who claims it, where it stands.
PROJECT_NEEDS = ("innovation", "livelihood", "welfare", "volunteer")  # 党建创新, 民生服务, 公益活动, 志愿服务 [004]
PROJECT_UNIT_TYPES = ("deputy", "resident_unit", "firm", "social_org", "party_group")  # 党代表, 驻区单位, 企业, 社会组织, 党群组织
PROJECT_STATUSES = ("open", "claimed", "underway", "done")  # 待认领, 已认领, 实施中, 已完成

# Floors from which a commercial building counts as a tower in the headline figures (seed 000).
TOWER_MIN_FLOORS = 20
STANDARD_RESULTS = ("passed", "rectifying", "failed", "pending")  # 达标 / 整改中 / 未达标 / 待考核 (models/standards.py)
