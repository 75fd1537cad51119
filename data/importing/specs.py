"""Column specs of every importable kind: the one source for templates, validation and export headers.

Headers and notes are Chinese because they are the file format the district offices fill in, whatever
the interface language. Enumerated columns accept the stored code or its Chinese label (the labels
below are the ones of components/i18n.py `vocab.*`; a test keeps them equal).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from models import vocab
from models.alerts import SECRETARY_CHANGES
from models.rules import TOWER_MIN_FLOORS

# Chinese labels of stored codes, as in components/i18n.py (vocab.<group>.<code>).
LABELS: dict[str, dict[str, str]] = {
    "region": {"city": "市", "district": "区", "street": "街道", "community": "社区", "grid": "网格"},
    "level": {
        "city": "市委", "district": "区委", "street": "街道党工委", "community": "社区党委", "grid": "网格党支部",
        "building": "楼栋党小组", "household": "党员中心户", "unit": "基层单位党组织",
    },
    "org_type": {"committee": "党委", "general_branch": "党总支", "branch": "党支部", "group": "党小组",
                 "household": "党员中心户"},
    "category": {"organ": "机关", "community": "社区", "two_new": "两新组织", "hometown": "同乡村",
                 "shareholding": "集体股份公司", "leadership": "党委领导机关"},
    "kind": {
        "territorial": "区域党组织", "compound_branch": "花园小区党支部", "tower_joint": "楼宇联合党组织",
        "tower_branch": "楼宇独立党支部", "park_committee": "园区党委", "park_branch": "园区党支部",
        "market_branch": "商圈市场党支部", "two_new_committee": "两新党委", "firm_branch": "非公企业和社会组织党支部",
        "hometown": "同乡村党组织", "shareholding": "股份合作公司党委", "organ": "机关党组织",
    },
    "tier": {"city": "市级", "district": "区级", "street": "街道", "community": "社区", "park": "园区",
             "market": "商圈市场", "tower": "商务楼宇"},
    "building": {"tower": "商务楼宇", "residential": "住宅小区", "park": "产业园区", "market": "商圈市场"},
    "age": {"<35": "35岁以下", "35-44": "35–44岁", "45-54": "45–54岁", "55+": "55岁及以上"},
    "edu": {"high_school": "高中及以下", "college": "大专", "bachelor": "本科", "master": "研究生"},
    "grade": {g: g for g in vocab.GRADES},
    "secretary_change": {"filled": "补齐空缺", "rotated": "轮岗交流", "elected": "换届选举"},
    "standard": {"passed": "达标", "rectifying": "整改中", "failed": "未达标", "pending": "待考核"},
    "need": {"innovation": "党建创新", "livelihood": "民生服务", "welfare": "公益活动", "volunteer": "志愿服务"},
    "unit_type": {"deputy": "党代表", "resident_unit": "驻区单位", "firm": "企业", "social_org": "社会组织",
                  "party_group": "党群组织"},
    "project_status": {"open": "待认领", "claimed": "已认领", "underway": "实施中", "done": "已完成"},
}
# Extra spellings people type for the same codes (matched after normalisation).
ALIASES: dict[str, dict[str, str]] = {
    "region": {"街道办": "street", "社区居委会": "community"},
    "org_type": {"总支": "general_branch", "支部": "branch", "小组": "group"},
    "category": {"机关单位": "organ", "两新": "two_new", "非公企业": "two_new", "社会组织": "two_new",
                 "股份合作公司": "shareholding", "集体股份": "shareholding", "领导机关": "leadership"},
    "building": {"楼宇": "tower", "写字楼": "tower", "小区": "residential", "园区": "park", "市场": "market"},
    "age": {"35-44岁": "35-44", "45-54岁": "45-54"},
    "standard": {"合格": "passed", "通过": "passed", "已达标": "passed", "整改": "rectifying", "验收中": "rectifying",
                 "不达标": "failed", "不合格": "failed", "未考核": "pending"},
    "edu": {"高中": "high_school", "专科": "college", "大学本科": "bachelor", "硕士": "master", "博士": "master"},
    "unit_type": {"党员": "deputy", "党代表工作室": "deputy", "驻区企业": "firm", "非公企业": "firm",
                  "党群团体": "party_group"},
    "project_status": {"未认领": "open", "认领": "claimed", "进行中": "underway", "完成": "done", "已结项": "done"},
    "crs": {"WGS84": "WGS-84", "GPS": "WGS-84", "CRS84": "WGS-84", "EPSG:4326": "WGS-84", "GCJ02": "GCJ-02",
            "火星坐标": "GCJ-02", "高德": "GCJ-02", "腾讯": "GCJ-02"},
}
CRS_CHOICES = ("WGS-84", "GCJ-02")
LABELS["crs"] = {c: c for c in CRS_CHOICES}

GROUP_CODES: dict[str, tuple[str, ...]] = {
    "region": ("street", "community", "grid"), "level": vocab.ORG_LEVELS, "org_type": vocab.ORG_TYPES,
    "category": (*vocab.ORG_CATEGORIES, vocab.LEADERSHIP_CATEGORY), "kind": vocab.ORG_KINDS,
    "tier": vocab.CENTRE_TIERS, "building": vocab.BUILDING_KINDS, "age": vocab.AGE_BANDS,
    "edu": vocab.EDUCATION_LEVELS, "grade": vocab.GRADES, "crs": CRS_CHOICES,
    "secretary_change": SECRETARY_CHANGES, "standard": vocab.STANDARD_RESULTS,
    "need": vocab.PROJECT_NEEDS, "unit_type": vocab.PROJECT_UNIT_TYPES,
    "project_status": vocab.PROJECT_STATUSES,
}

# The example row a template ships with starts its first cell with this mark; the importer skips such rows
# (with a note), so a template uploaded unchanged never adds 示例大厦党群服务中心 to the registers.
EXAMPLE_MARK = "【示例】"

# Points must fall in the bounding box of the district outlines (data/reference), widened by 0.02°
# (about 2 km) for reclaimed coast and outline simplification. Catches swapped or projected
# coordinates and points elsewhere, not a point a street too far.
EXTENT = (113.726, 22.379, 114.644, 22.885)

FULLWIDTH = {0xFF01 + i: 0x21 + i for i in range(94)} | {0x3000: 0x20, 0x00A0: 0x20}
_BLANKS = "\u3000\u00a0\u200b\ufeff \t\r\n"
CODE_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_\-]*$")


@dataclass(frozen=True)
class Column:
    field: str
    header: str
    type: str  # code | text | int | float | enum | bool | date | lon | lat | crs
    required: bool = False
    group: str = ""  # vocabulary of an enum column
    min: float | None = None
    max: float | None = None
    max_len: int | None = None
    note: str = ""
    example: str = ""
    aliases: tuple[str, ...] = ()
    future: bool = False  # a date column that may lie after today (a deadline)

    def allowed(self) -> str:
        """The allowed values as the template explains them."""
        if self.type in ("enum", "crs"):
            return "、".join(LABELS[self.group][c] for c in GROUP_CODES[self.group])
        if self.type == "bool":
            return "是、否"
        lo, hi = self.min, self.max
        if lo is not None and hi is not None:
            return f"{lo:g}–{hi:g}"
        if lo is not None:
            return f"≥ {lo:g}"
        return ""


@dataclass(frozen=True)
class KindSpec:
    name: str
    title: str  # Chinese, used in file names and sheet titles
    key: tuple[str, ...]  # fields identifying a row (upsert key)
    columns: tuple[Column, ...]

    def column(self, field: str) -> Column:
        return next(c for c in self.columns if c.field == field)

    @property
    def has_coords(self) -> bool:
        return any(c.type == "lon" for c in self.columns)

    def header_of(self, field: str) -> str:
        return self.column(field).header


def _code(field: str, header: str, note: str, example: str, *, required: bool = True, max_len: int = 32,
          aliases: tuple[str, ...] = ()) -> Column:
    return Column(field, header, "code", required, max_len=max_len, note=note, example=example, aliases=aliases)


def _coords(lon: str, lat: str) -> tuple[Column, ...]:
    return (
        Column("lon", "经度", "lon", note="十进制度；与纬度同时填写或同时留空；须在深圳市范围内", example=lon,
               aliases=("lon", "lng", "longitude", "X")),
        Column("lat", "纬度", "lat", note="十进制度，例如 22.54", example=lat, aliases=("lat", "latitude", "Y")),
        Column("crs", "坐标系", "crs", group="crs", example="WGS-84",
               note="WGS-84（GPS、天地图、OpenStreetMap）或 GCJ-02（高德、腾讯地图）；留空时按导入时选择的坐标系；入库统一存为 WGS-84"),
    )


_YEAR_MAX = 2100  # upper bound of a plausible year; "not in the future" is checked against today
# How an undated row counts (models.rules, "Undated rows"): the template must promise exactly that.
UNDATED_NOTE = "留空视为各年度均已存在：计入每个年度的统计，不计入同比变化"

REGIONS = KindSpec("regions", "区域", ("code",), (
    _code("code", "编码", "街道、社区用统计用区划代码（12 位以内）；网格用本单位编码", "440303003001G90", max_len=24,
          aliases=("区域编码", "区划代码")),
    Column("name", "名称", "text", True, max_len=64, note="全称，例如 东门街道、湖贝社区", example="湖贝社区第90网格",
           aliases=("区域名称",)),
    Column("level", "层级", "enum", True, group="region", note="街道的上级是区，社区的上级是街道，网格的上级是社区",
           example="网格"),
    _code("parent_code", "上级编码", "上级区域的编码（可以在本文件中，也可以已在数据库中）", "440303003001", max_len=24),
    *_coords("114.12152", "22.54671"),
    Column("area_km2", "面积（平方公里）", "float", min=0, max=2000, note="可留空", example="0.12", aliases=("面积",)),
    Column("population", "常住人口", "int", min=0, max=30_000_000, note="可留空", example="3200", aliases=("人口",)),
))

ORGS = KindSpec("orgs", "党组织", ("code",), (
    _code("code", "编码", "本单位党组织编码，全市唯一", "P440303003-E901", aliases=("组织编码", "党组织编码")),
    Column("name", "名称", "text", True, max_len=96, note="党组织全称", example="东门街道示例科技有限公司党支部",
           aliases=("组织名称", "党组织名称")),
    Column("level", "层级", "enum", True, group="level", note="市委、区委、街道党工委、社区党委、网格党支部等；"
           "机关、两新、同乡村、股份合作公司等选“基层单位党组织”", example="基层单位党组织"),
    Column("org_type", "组织类型", "enum", True, group="org_type", example="党支部"),
    Column("category", "类别", "enum", True, group="category", note="五类分类定级的类别；市委、区委、街道党工委选“党委领导机关”",
           example="两新组织"),
    Column("kind", "组织形式", "enum", group="kind", example="非公企业和社会组织党支部",
           note="可留空：基层单位党组织按类别推定（机关→机关党组织，两新→非公企业和社会组织党支部，"
                "同乡村→同乡村党组织，集体股份公司→股份合作公司党委），其余为区域党组织"),
    _code("parent_code", "上级组织编码", "上级党组织的编码（本文件中或数据库中）；只有市委、区委可以留空",
          "P440303003", required=False),
    _code("region_code", "所在区域编码", "党组织所在的区、街道、社区或网格的编码（须已在数据库中）", "440303003",
          max_len=24),
    Column("members", "党员数", "int", min=0, max=1_000_000, note="直属党员人数；留空按 0", example="12"),
    Column("founded_year", "成立年份", "int", min=1921, max=_YEAR_MAX, note=f"四位年份；{UNDATED_NOTE}",
           example="2024"),
    Column("secretary_age_band", "书记年龄段", "enum", group="age", note="可留空", example="35–44岁"),
    Column("secretary_education", "书记学历", "enum", group="edu", note="可留空", example="本科"),
    Column("last_election_on", "上次换届日期", "date", example="2024-09-30",
           note="YYYY-MM-DD，不能晚于今天；可留空（不参加换届提醒）", aliases=("换届日期", "上次换届选举日期")),
    Column("term_years", "每届任期（年）", "int", min=1, max=10, example="3",
           note="可留空：按规定推定（党的基层委员会 5 年，总支部、支部委员会 3 年，社区（村）党组织 5 年）",
           aliases=("任期", "任期年限")),
    Column("secretary_vacant_since", "书记空缺起始日期", "date", example="",
           note="书记空缺时填写空缺开始的日期（YYYY-MM-DD，不能晚于今天）；书记在任留空", aliases=("书记空缺日期",)),
    Column("secretary_changed_on", "现任书记任职日期", "date", example="2024-09-30",
           note="YYYY-MM-DD，不能晚于今天；可留空", aliases=("书记任职日期",)),
    Column("secretary_change", "现任书记产生方式", "enum", group="secretary_change", example="换届选举",
           note="补齐空缺、轮岗交流或换届选举；可留空"),
))

CENTRES = KindSpec("centres", "党群服务中心", ("code",), (
    _code("code", "编码", "服务中心编码，全市唯一", "C440303003-T901", aliases=("中心编码",)),
    Column("name", "名称", "text", True, max_len=96, example="示例大厦党群服务中心", aliases=("中心名称",)),
    Column("tier", "层级", "enum", True, group="tier", example="商务楼宇",
           note="1+10+N：市级、区级、街道、社区，以及园区、商圈市场、商务楼宇；市级/区级/街道/社区须位于同级区域"),
    _code("region_code", "所在区域编码", "所在区域的编码（须已在数据库中）", "440303003", max_len=24),
    _code("org_code", "所属党组织编码", "主办党组织编码，可留空（须已在数据库中）", "P440303003", required=False),
    Column("address", "地址", "text", max_len=160, example="罗湖区东门街道示例路1号"),
    *_coords("114.12391", "22.54716"),
    Column("floor_area_m2", "建筑面积（平方米）", "float", min=0, max=200_000, example="300", aliases=("面积",)),
    Column("function_rooms", "功能室数量", "int", min=0, max=1000, example="5"),
    Column("services", "服务项目", "text", max_len=400, note="用顿号、逗号或分号分隔", example="党建书吧、人才驿站"),
    Column("open_24h", "24小时开放", "bool", note="是/否；留空为否", example="否"),
    Column("opening_hours", "开放时间", "text", max_len=120, example="周一至周日 9:00-21:00",
           note="例如 周一至周日 9:00-21:00；可留空（24小时开放的中心除外，留空将列入问题清单的阵地数据缺失）",
           aliases=("开放时段", "服务时间")),
    Column("opened_on", "启用日期", "date", note=f"YYYY-MM-DD；{UNDATED_NOTE}", example="2024-07-01"),
))

BUILDINGS = KindSpec("buildings", "楼宇", ("code",), (
    _code("code", "编码", "楼宇编码，全市唯一", "B440303-T901", aliases=("楼宇编码",)),
    Column("name", "名称", "text", True, max_len=96, example="示例大厦", aliases=("楼宇名称",)),
    Column("kind", "类型", "enum", True, group="building", example="商务楼宇"),
    Column("floors", "楼层数", "int", min=0, max=200, note=f"地上层数；{TOWER_MIN_FLOORS} 层及以上的商务楼宇计入楼宇覆盖率（留空则不计入）", example="32"),
    Column("firms", "企业数", "int", min=0, max=100_000, note="留空按 0", example="45"),
    Column("members", "党员数", "int", min=0, max=1_000_000, note="留空按 0", example="80"),
    _code("org_code", "覆盖党组织编码", "覆盖本楼宇的党组织（独立或联合）编码，未覆盖留空（须已在数据库中）",
          "P440303-T001", required=False),
    Column("covered_since", "覆盖起始年份", "int", min=1921, max=_YEAR_MAX, example="2024",
           note="有覆盖党组织时填写；留空视为各年度均已覆盖：计入每个年度的覆盖率，不计入同比变化"),
    _code("region_code", "所在区域编码", "所在街道、社区或网格的编码（须已在数据库中）", "440303003", max_len=24),
    *_coords("114.12391", "22.54716"),
))

RATINGS = KindSpec("ratings", "党组织评级", ("org_code", "year"), (
    _code("org_code", "组织编码", "被评党组织的编码（须已在数据库中）", "P440303003001", aliases=("党组织编码",)),
    Column("year", "年度", "int", True, min=2000, max=_YEAR_MAX, note="每个组织每年一条", example="2025"),
    Column("score_committee", "区委常委会评分", "float", True, min=0, max=100, note="0–100，权重 40%", example="88"),
    Column("score_department", "组织部部务会评分", "float", True, min=0, max=100, note="0–100，权重 40%", example="86"),
    Column("score_social", "社会考评组评分", "float", True, min=0, max=100, note="0–100，权重 20%", example="90"),
    Column("composite", "综合得分", "float", min=0, max=100, note="可留空，系统按 40:40:20 计算；填写时须与计算结果一致",
           example="87.6"),
    Column("grade", "等级", "enum", group="grade", note="可留空，系统按综合得分定级（A ≥ 85，B ≥ 70，C ≥ 60，其余 D）；"
           "填写时须与综合得分一致", example="A"),
    Column("weak", "软弱涣散", "bool", note="是/否；留空为否", example="否"),
))

# --- The secretary team, the 区属党(工)委 scores, volunteers and 同乡村 (issue 20; data/importing/team.py) ---

SECRETARIES = KindSpec("secretaries", "社区党委书记", ("org_code",), (
    _code("org_code", "党组织编码", "书记所在社区党委的编码（须已在数据库中）；每个党组织一名在任书记", "P440303003001",
          aliases=("组织编码",)),
    Column("name", "姓名", "text", max_len=32, note="可留空；只有可查看明细的账号能看到", example="张三"),
    Column("birth_year", "出生年份", "int", True, min=1930, max=2010, note="四位年份（按出生年份计算各年度年龄）",
           example="1982"),
    Column("education", "学历", "enum", True, group="edu", example="本科"),
    Column("tenure_start", "任职起始年份", "int", True, min=1950, max=_YEAR_MAX,
           note="担任本党组织书记的起始年份；须不早于 18 岁那年", example="2021"),
    Column("terms_served", "任职届数", "int", min=1, max=20, note="含本届；留空按 1", example="1"),
))

STAFFING = KindSpec("staffing", "社区党委配备", ("org_code",), (
    _code("org_code", "党组织编码", "社区党委的编码（须已在数据库中）", "P440303003001", aliases=("组织编码",)),
    Column("secretary", "书记已配备", "bool", True, note="是/否；否 = 书记岗位空缺", example="是"),
    Column("deputy", "专职副书记已配备", "bool", True, note="是/否", example="是"),
    Column("organiser", "专职组织员已配备", "bool", True, note="是/否", example="是"),
))

COMMITTEE_SCORES = KindSpec("committee_scores", "区属党工委考评", ("org_code", "year"), (
    _code("org_code", "党(工)委编码", "街道党工委或区直属机关工委的编码（须已在数据库中，类别为党委领导机关）",
          "P440303003", aliases=("组织编码",)),
    Column("year", "年度", "int", True, min=2000, max=_YEAR_MAX, note="每个党(工)委每年一条", example="2025"),
    Column("score_committee", "区委常委会评分", "float", True, min=0, max=100, note="0–100，权重 40%", example="88"),
    Column("score_department", "组织部部务会评分", "float", True, min=0, max=100, note="0–100，权重 40%", example="86"),
    Column("score_social", "社会考评组评分", "float", True, min=0, max=100, note="0–100，权重 20%", example="90"),
    Column("composite", "综合得分", "float", min=0, max=100, note="可留空，系统按 40:40:20 计算；填写时须与计算结果一致",
           example="87.6"),
))

VOLUNTEERS = KindSpec("volunteers", "志愿服务", ("street_code", "year"), (
    _code("street_code", "街道编码", "街道的统计用区划代码（须已在数据库中）", "440307012", max_len=24,
          aliases=("区域编码",)),
    Column("year", "年度", "int", True, min=2000, max=_YEAR_MAX, note="每个街道每年一条", example="2025"),
    Column("volunteers", "注册志愿者", "int", True, min=0, max=10_000_000, example="21360"),
    Column("service_hours", "服务时长（小时）", "float", min=0, max=1_000_000_000, note="留空按 0", example="285639"),
    Column("love_bank_points", "爱心银行积分", "int", min=0, max=10_000_000_000, note="未开展“爱心银行”的街道留空",
           example="2856391"),
))

HOMETOWN = KindSpec("hometown", "同乡村党组织", ("code",), (
    _code("code", "编码", "同乡村党组织登记编码，全市唯一", "T440303-H01"),
    Column("name", "名称", "text", True, max_len=96, example="罗湖区湖南攸县籍流动党员党支部"),
    Column("hometown", "籍贯地", "text", True, max_len=32, note="省和县市，例如 湖南攸县", example="湖南攸县"),
    _code("street_code", "所在街道编码", "同乡村党组织所在街道的编码（须已在数据库中）", "440303007", max_len=24),
    _code("org_code", "党组织编码", "对应党组织的编码，可留空（须已在数据库中）", "P440303-H01", required=False),
    Column("members", "党员数", "int", min=0, max=1_000_000, note="留空按 0", example="42"),
    Column("reach", "辐射外来务工人员", "int", min=0, max=10_000_000, note="联系服务的外来务工人员；留空按 0",
           example="13776"),
))

# --- The community standardisation check (issue 20 §2; data/importing/standards.py) ---

STANDARDS = KindSpec("standards", "社区党建标准化考核", ("community_code", "year"), (
    _code("community_code", "社区编码", "社区的统计用区划代码（须已在数据库中）", "440307012003", max_len=24,
          aliases=("区域编码",)),
    Column("year", "年度", "int", True, min=2000, max=_YEAR_MAX, note="每个社区每年一条", example="2025"),
    Column("result", "考核结果", "enum", True, group="standard", example="整改中"),
    Column("failed_aspects", "未达标方面", "text", max_len=120,
           note="整改中、未达标须填写，达标、待考核须留空；从 党组织建设、党员管理、治理结构、服务群众、工作职责、运行保障 中选，"
                "多个用顿号分隔", example="治理结构、运行保障"),
    Column("checked_on", "考核日期", "date", note="YYYY-MM-DD，不能晚于今天；须在考核年度内；待考核留空",
           example="2025-11-20"),
    Column("note", "备注", "text", max_len=200, example="已提交整改报告，待街道验收"),
))

CASES = KindSpec("cases", "软弱涣散台账", ("org_code", "year_entered"), (
    _code("org_code", "组织编码", "列入台账的党组织编码（须已在数据库中）", "P440303003001", aliases=("党组织编码",)),
    Column("year_entered", "列入年度", "int", True, min=2000, max=_YEAR_MAX, note="四位年份；每个组织每年一条",
           example="2025"),
    Column("opened_on", "列入日期", "date", note="YYYY-MM-DD，不能晚于今天；须在列入年度内", example="2025-03-15"),
    Column("deadline", "整改期限", "date", future=True, note="YYYY-MM-DD，可以晚于今天；不能早于列入日期",
           example="2025-12-31"),
    Column("lead_leader", "包点区领导", "text", max_len=64, note="包点联系的区委常委（姓名、职务）",
           example="王某（区委常委、组织部部长）"),
    Column("first_secretary_name", "第一书记姓名", "text", max_len=32, note="未选派留空", example="李某某"),
    Column("first_secretary_rank", "第一书记职级", "text", max_len=32, example="副处级"),
    Column("first_secretary_unit", "第一书记派出单位", "text", max_len=96, example="罗湖区民政局"),
    Column("first_secretary_since", "第一书记到任日期", "date", note="YYYY-MM-DD，不能晚于今天", example="2025-04-01"),
    Column("measures", "整改措施", "text", max_len=400, note="用分号分隔", example="调整充实班子；落实“三会一课”制度"),
    Column("closed_on", "销号日期", "date", note="整改验收通过、销号的日期；未销号留空；不能早于列入日期", example=""),
    Column("closing_review", "验收评估意见", "text", max_len=400, note="销号时填写", example=""),
))

# 党建项目认领 (issue 20 §1) lives in data/importing/specs_projects.py (this module passed 400 lines).
from data.importing.specs_projects import PROJECTS  # noqa: E402  (uses Column, KindSpec, _code, _coords above)

SPECS: dict[str, KindSpec] = {s.name: s for s in (REGIONS, ORGS, CENTRES, BUILDINGS, RATINGS, SECRETARIES, STAFFING,
                                                  COMMITTEE_SCORES, VOLUNTEERS, HOMETOWN, CASES, STANDARDS,
                                                  PROJECTS)}
KINDS = (*SPECS, "boundaries")  # boundaries are GeoJSON (data/importing/boundaries.py)
KIND_ALIASES = {"organisations": "orgs", "organizations": "orgs", "centers": "centres", "boundary": "boundaries"}


def norm_header(text: object) -> str:
    """Header text compared loosely: full-width folded, blanks and required-markers removed, lower case."""
    s = unicodedata.normalize("NFKC", str(text or ""))
    return re.sub(r"[\s*＊]", "", s).lower()


def header_index(spec: KindSpec) -> dict[str, str]:
    """Normalised header or alias -> field."""
    out: dict[str, str] = {}
    for c in spec.columns:
        for h in (c.header, c.field, *c.aliases):
            out.setdefault(norm_header(h), c.field)
    return out


def fold(text: str) -> str:
    """Full-width ASCII and ideographic spaces to plain ASCII, blanks trimmed (for non-text cells)."""
    return text.translate(FULLWIDTH).strip(_BLANKS)


def strip_blank(text: str) -> str:
    return text.strip(_BLANKS)


def choice_index(group: str) -> dict[str, str]:
    """Every accepted spelling (normalised) -> stored code."""
    out: dict[str, str] = {}
    for code in GROUP_CODES[group]:
        out[_choice_key(code)] = code
        out[_choice_key(LABELS[group][code])] = code
    for alias, code in ALIASES.get(group, {}).items():
        out.setdefault(_choice_key(alias), code)
    return out


def _choice_key(text: str) -> str:
    return re.sub(r"[\s_\-–—]", "", fold(text)).lower()


def choice_key(text: str) -> str:
    return _choice_key(text)


def default_kind(level: str, category: str) -> str:
    """组织形式 when the file leaves it blank (see the column note)."""
    if level != "unit":
        return "territorial"
    return {"organ": "organ", "two_new": "firm_branch", "hometown": "hometown", "shareholding": "shareholding",
            "leadership": "organ"}.get(category, "territorial")
