"""The label catalogue: every user-visible text, Simplified Chinese first, English second.

`t(key, **fmt)` looks a key up in the session's language. Sections are grouped by page between
`# [page]` and `# [/page]` markers in both dictionaries; vocabulary labels (tiers, categories,
grades…) are under `vocab.<group>.<code>` and read with `label(group, code)`. A test checks that
both languages have the same keys.
"""

from __future__ import annotations

import streamlit as st

LANGS = ("zh", "en")
LANG_NAMES = {"zh": "中文", "en": "English"}
LANG_KEY = "lang"

ZH: dict[str, str] = {
    # app shell
    "app.title": "基层党建驾驶舱",
    "app.subtitle": "深圳市城市基层党建",
    "nav.cockpit": "驾驶舱",
    "nav.analysis": "分析",
    "nav.admin": "管理",
    "page.overview": "总览",
    "sidebar.filter": "范围与年度",
    "sidebar.district": "区",
    "sidebar.street": "街道",
    "sidebar.all_city": "全市",
    "sidebar.all_streets": "全部街道",
    "sidebar.year": "年度",
    "sidebar.lang": "语言 / Language",
    "demo.badge": "示例数据",
    "demo.as_of": "数据截至 {date}",
    "demo.note": "本页展示的是按公开报道校准的示例数据，不是真实台账；点位为示意位置。",
    "real.as_of": "数据截至 {date}",
    # store problems
    "store.building": "正在首次生成示例数据库……",
    "store.built": "示例数据已生成（{seconds:.1f} 秒）",
    "store.step": "正在生成：{step}",
    "store.corrupt": "数据库文件已损坏或不是有效的数据库（{detail}）。",
    "store.corrupt_hint": "可以重建示例数据：原文件将改名保留，以便事后核查。",
    "store.unreachable": "无法连接数据库（{detail}）。",
    "store.unreachable_hint": "请检查环境变量 DATABASE_URL 或 .streamlit/secrets.toml 中的地址，确认数据库服务已启动后刷新页面。",
    "store.empty_custom": "数据库中没有数据。请在“数据管理”页面导入台账，或在命令行运行 python -m data.demo --url <地址> 生成示例数据。",
    "store.rebuild": "重建示例数据",
    "store.rebuilt": "示例数据已重建，原文件保存为 {backup}",
    # URL / filter problems
    "filter.unknown_district": "链接中的区“{value}”不存在，已显示全市。",
    "filter.unknown_street": "链接中的街道“{value}”不存在或不属于所选区，已显示上一级范围。",
    "filter.bad_year": "链接中的年度“{value}”没有数据（可选 {first}–{last} 年），已显示 {last} 年。",
    # overview
    "overview.title": "总览",
    "overview.caption": "{area} · {year} 年 · 与上年比较",
    "overview.centres_total": "党群服务中心",
    "overview.centres_tiers": "其中 市级 {city} · 区级 {district} · 其他 {n}",
    "overview.orgs": "基层党组织",
    "overview.members": "党员",
    "overview.tower_rate": "20层以上商务楼宇党组织覆盖率",
    "overview.a_share": "A 级党组织占比",
    "overview.by_tier": "党群服务中心（1+10+N）",
    "overview.by_category": "基层党组织（按类别）",
    "overview.ranking_district": "各区比较",
    "overview.ranking_street": "各街道比较",
    "overview.no_towers": "无20层以上楼宇",
    "overview.empty": "所选范围内没有数据。",
    "col.name": "名称",
    "col.centres": "服务中心",
    "col.orgs": "基层党组织",
    "col.members": "党员",
    "col.towers": "20层以上楼宇",
    "col.tower_rate": "楼宇覆盖率",
    "col.a_share": "A级占比",
    "col.count": "数量",
    "col.tier": "层级",
    "col.category": "类别",
    "col.year": "年度",
    "unit.pct_points": "个百分点",
    # [centres]
    # [/centres]
    # [buildings]
    # [/buildings]
    # [ratings]
    # [/ratings]
    # [orgs]
    # [/orgs]
    # [data_admin]
    # [/data_admin]
    # [present]
    # [/present]
    # [shared]
    "export.csv": "下载 CSV",
    "export.xlsx": "下载 Excel",
    "export.empty": "没有可导出的行。",
    "map.basemap.none": "无底图",
    "map.basemap.osm": "OpenStreetMap",
    "map.basemap.amap": "高德地图",
    "map.tiles_unreachable": "底图无法加载（可能处于离线环境或网络受限），地图仍显示行政区轮廓和点位。",
    "map.layer.outlines": "行政区轮廓",
    # [/shared]
    # vocabularies
    "vocab.tier.city": "市级",
    "vocab.tier.district": "区级",
    "vocab.tier.street": "街道",
    "vocab.tier.community": "社区",
    "vocab.tier.park": "园区",
    "vocab.tier.market": "商圈市场",
    "vocab.tier.tower": "商务楼宇",
    "vocab.category.organ": "机关",
    "vocab.category.community": "社区",
    "vocab.category.two_new": "两新组织",
    "vocab.category.hometown": "同乡村",
    "vocab.category.shareholding": "集体股份公司",
    "vocab.category.leadership": "党委领导机关",
    "vocab.level.city": "市委",
    "vocab.level.district": "区委",
    "vocab.level.street": "街道党工委",
    "vocab.level.community": "社区党委",
    "vocab.level.grid": "网格党支部",
    "vocab.level.building": "楼栋党小组",
    "vocab.level.household": "党员中心户",
    "vocab.level.unit": "基层单位党组织",
    "vocab.org_type.committee": "党委",
    "vocab.org_type.general_branch": "党总支",
    "vocab.org_type.branch": "党支部",
    "vocab.org_type.group": "党小组",
    "vocab.org_type.household": "党员中心户",
    "vocab.kind.territorial": "区域党组织",
    "vocab.kind.compound_branch": "花园小区党支部",
    "vocab.kind.tower_joint": "楼宇联合党组织",
    "vocab.kind.tower_branch": "楼宇独立党支部",
    "vocab.kind.park_committee": "园区党委",
    "vocab.kind.park_branch": "园区党支部",
    "vocab.kind.market_branch": "商圈市场党支部",
    "vocab.kind.two_new_committee": "两新党委",
    "vocab.kind.firm_branch": "非公企业和社会组织党支部",
    "vocab.kind.hometown": "同乡村党组织",
    "vocab.kind.shareholding": "股份合作公司党委",
    "vocab.kind.organ": "机关党组织",
    "vocab.building.tower": "商务楼宇",
    "vocab.building.residential": "住宅小区",
    "vocab.building.park": "产业园区",
    "vocab.building.market": "商圈市场",
    "vocab.region.city": "市",
    "vocab.region.district": "区",
    "vocab.region.street": "街道",
    "vocab.region.community": "社区",
    "vocab.region.grid": "网格",
    "vocab.age.<35": "35岁以下",
    "vocab.age.35-44": "35–44岁",
    "vocab.age.45-54": "45–54岁",
    "vocab.age.55+": "55岁及以上",
    "vocab.edu.high_school": "高中及以下",
    "vocab.edu.college": "大专",
    "vocab.edu.bachelor": "本科",
    "vocab.edu.master": "研究生",
    "vocab.grade.A": "A 级",
    "vocab.grade.B": "B 级",
    "vocab.grade.C": "C 级",
    "vocab.grade.D": "D 级",
}

EN: dict[str, str] = {
    "app.title": "Grassroots Party-Building Cockpit",
    "app.subtitle": "Shenzhen urban grassroots Party-building",
    "nav.cockpit": "Cockpit",
    "nav.analysis": "Analysis",
    "nav.admin": "Administration",
    "page.overview": "Overview",
    "sidebar.filter": "Area and year",
    "sidebar.district": "District",
    "sidebar.street": "Street",
    "sidebar.all_city": "Whole city",
    "sidebar.all_streets": "All streets",
    "sidebar.year": "Year",
    "sidebar.lang": "语言 / Language",
    "demo.badge": "Demo data",
    "demo.as_of": "Data as of {date}",
    "demo.note": "This page shows demo data calibrated to published reports, not the real registers; positions are illustrative.",
    "real.as_of": "Data as of {date}",
    "store.building": "Building the demo database for the first time…",
    "store.built": "Demo data built ({seconds:.1f} s)",
    "store.step": "Building: {step}",
    "store.corrupt": "The database file is damaged or not a database ({detail}).",
    "store.corrupt_hint": "You can rebuild the demo data: the old file is kept under a new name for inspection.",
    "store.unreachable": "Cannot connect to the database ({detail}).",
    "store.unreachable_hint": "Check DATABASE_URL or the address in .streamlit/secrets.toml, make sure the server is running, then reload.",
    "store.empty_custom": "The database holds no data. Import registers on the Data page, or run python -m data.demo --url <URL> to build demo data.",
    "store.rebuild": "Rebuild demo data",
    "store.rebuilt": "Demo data rebuilt; the old file was kept as {backup}",
    "filter.unknown_district": "The district “{value}” in the link does not exist; showing the whole city.",
    "filter.unknown_street": "The street “{value}” in the link does not exist or is not in the selected district; showing the level above.",
    "filter.bad_year": "The year “{value}” in the link has no data ({first}–{last} available); showing {last}.",
    "overview.title": "Overview",
    "overview.caption": "{area} · {year} · compared with the year before",
    "overview.centres_total": "Service centres",
    "overview.centres_tiers": "city {city} · district {district} · other {n}",
    "overview.orgs": "Grassroots organisations",
    "overview.members": "Party members",
    "overview.tower_rate": "Towers of 20+ floors covered",
    "overview.a_share": "Grade-A organisations",
    "overview.by_tier": "Service centres (1+10+N)",
    "overview.by_category": "Grassroots organisations by category",
    "overview.ranking_district": "Districts compared",
    "overview.ranking_street": "Streets compared",
    "overview.no_towers": "No towers of 20+ floors",
    "overview.empty": "No data in the selected area.",
    "col.name": "Name",
    "col.centres": "Centres",
    "col.orgs": "Organisations",
    "col.members": "Members",
    "col.towers": "Towers 20+ floors",
    "col.tower_rate": "Tower coverage",
    "col.a_share": "Grade-A share",
    "col.count": "Count",
    "col.tier": "Tier",
    "col.category": "Category",
    "col.year": "Year",
    "unit.pct_points": "pp",
    # [centres]
    # [/centres]
    # [buildings]
    # [/buildings]
    # [ratings]
    # [/ratings]
    # [orgs]
    # [/orgs]
    # [data_admin]
    # [/data_admin]
    # [present]
    # [/present]
    # [shared]
    "export.csv": "Download CSV",
    "export.xlsx": "Download Excel",
    "export.empty": "No rows to export.",
    "map.basemap.none": "No basemap",
    "map.basemap.osm": "OpenStreetMap",
    "map.basemap.amap": "AMap (高德)",
    "map.tiles_unreachable": "The basemap cannot be loaded (offline or blocked network); outlines and points are still shown.",
    "map.layer.outlines": "District outlines",
    # [/shared]
    "vocab.tier.city": "City",
    "vocab.tier.district": "District",
    "vocab.tier.street": "Street",
    "vocab.tier.community": "Community",
    "vocab.tier.park": "Industrial park",
    "vocab.tier.market": "Market / business district",
    "vocab.tier.tower": "Commercial tower",
    "vocab.category.organ": "Government organs",
    "vocab.category.community": "Community",
    "vocab.category.two_new": "New economic & social orgs",
    "vocab.category.hometown": "Hometown-based",
    "vocab.category.shareholding": "Collective shareholding companies",
    "vocab.category.leadership": "Leading bodies",
    "vocab.level.city": "City committee",
    "vocab.level.district": "District committee",
    "vocab.level.street": "Street working committee",
    "vocab.level.community": "Community committee",
    "vocab.level.grid": "Grid branch",
    "vocab.level.building": "Building group",
    "vocab.level.household": "Member household",
    "vocab.level.unit": "Unit organisation",
    "vocab.org_type.committee": "Committee",
    "vocab.org_type.general_branch": "General branch",
    "vocab.org_type.branch": "Branch",
    "vocab.org_type.group": "Group",
    "vocab.org_type.household": "Member household",
    "vocab.kind.territorial": "Territorial",
    "vocab.kind.compound_branch": "Garden-compound branch",
    "vocab.kind.tower_joint": "Tower joint organisation",
    "vocab.kind.tower_branch": "Tower branch",
    "vocab.kind.park_committee": "Park committee",
    "vocab.kind.park_branch": "Park branch",
    "vocab.kind.market_branch": "Market branch",
    "vocab.kind.two_new_committee": "New-org committee",
    "vocab.kind.firm_branch": "Firm / social-org branch",
    "vocab.kind.hometown": "Hometown-based organisation",
    "vocab.kind.shareholding": "Shareholding company committee",
    "vocab.kind.organ": "Organ organisation",
    "vocab.building.tower": "Commercial tower",
    "vocab.building.residential": "Residential compound",
    "vocab.building.park": "Industrial park",
    "vocab.building.market": "Market",
    "vocab.region.city": "City",
    "vocab.region.district": "District",
    "vocab.region.street": "Street",
    "vocab.region.community": "Community",
    "vocab.region.grid": "Grid",
    "vocab.age.<35": "under 35",
    "vocab.age.35-44": "35–44",
    "vocab.age.45-54": "45–54",
    "vocab.age.55+": "55 and over",
    "vocab.edu.high_school": "High school or below",
    "vocab.edu.college": "College",
    "vocab.edu.bachelor": "Bachelor's",
    "vocab.edu.master": "Postgraduate",
    "vocab.grade.A": "Grade A",
    "vocab.grade.B": "Grade B",
    "vocab.grade.C": "Grade C",
    "vocab.grade.D": "Grade D",
}

CATALOGUE = {"zh": ZH, "en": EN}


def current_lang() -> str:
    lang = st.session_state.get(LANG_KEY, "zh")
    return lang if lang in CATALOGUE else "zh"


def t(key: str, lang: str | None = None, **fmt: object) -> str:
    """The label for `key` in the session's language (Chinese when a key is missing in English)."""
    lang = lang or current_lang()
    text = CATALOGUE[lang].get(key) or ZH.get(key)
    if text is None:
        raise KeyError(f"label {key!r} is not in the catalogue")
    return text.format(**fmt) if fmt else text


def label(group: str, code: str | None, lang: str | None = None) -> str:
    """Label of a stored vocabulary code; the code itself if the catalogue lacks it."""
    if code is None:
        return "—"
    key = f"vocab.{group}.{code}"
    return t(key, lang) if key in ZH else str(code)
