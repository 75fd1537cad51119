"""Labels of the 组织架构 page (pages/orgs.py)."""

from __future__ import annotations

# key: (Chinese, English); models/i18n/__init__.py checks every value is a pair of non-empty texts.
LABELS: dict[str, tuple[str, str]] = {
    "orgs.title": ("组织架构", "Organisation tree"),
    "orgs.caption": (
        "{area} · 组织结构为数据截至 {as_of} 的现状 · 等级为 {year} 年及以前最近一次评定",
        "{area} · structure as of {as_of} · grades: latest round up to {year}",
    ),
    "orgs.search": ("搜索组织或服务中心", "Search organisations or service centres"),
    "orgs.search_placeholder": ("输入名称或代码的一部分，如 南湖、P440303", "Part of a name or code, e.g. 南湖, P440303"),
    "orgs.search_none": ("没有名称或代码包含该文字的组织或服务中心。", "No organisation or centre has that text in its name or code."),
    "orgs.search_centre": ("{name} · {tier}服务中心 → {org}", "{name} · {tier} centre → {org}"),
    "orgs.search_building": ("{name} · {kind} → 楼宇卡片", "{name} · {kind} → building card"),
    "orgs.empty_store": ("数据库中还没有党组织数据。", "The database holds no Party organisations yet."),
    "orgs.problem.malformed": (
        "链接中的组织代码“{code}”格式不正确（应由字母、数字和连字符组成），已显示{name}。",
        "The organisation code “{code}” in the link is malformed (letters, digits and hyphens only); showing {name}.",
    ),
    "orgs.problem.unknown": (
        "链接中的组织代码“{code}”不存在，已显示最接近的上级组织：{name}。",
        "The organisation code “{code}” in the link does not exist; showing the nearest level above: {name}.",
    ),
    "orgs.code": ("代码", "code"),
    "orgs.members": ("党员（含下级）", "Members (incl. below)"),
    "orgs.members_help": (
        "本组织及下级党委、党总支、党支部的党员；党小组和党员中心户的党员包含在所属支部中，不重复计算。",
        "Members of this organisation and of the committees, general branches and branches below it; members of groups and households are counted in their branch, once.",
    ),
    "orgs.orgs_below": ("下级组织（含党小组、中心户）", "Organisations below (incl. groups, households)"),
    "orgs.orgs_below_help": (
        "本组织以下各级组织的总数，包括党小组和党员中心户。总览的“基层党组织”只计五类中的党委、党总支、党支部，"
        "因此比这里少。",
        "Every organisation below this one, Party groups and member households included. The Overview's “Grassroots "
        "organisations” counts only the committees, general branches and branches of the five categories, so it is smaller.",
    ),
    "orgs.centres": ("服务中心", "Service centres"),
    "orgs.centres_help": ("本组织及下级组织运营的党群服务中心。", "Party-mass service centres run by this organisation or any below it."),
    "orgs.buildings": ("覆盖楼宇", "Buildings covered"),
    "orgs.buildings_help": (
        "本组织及下级组织覆盖的商务楼宇、住宅小区、产业园区和商圈市场。",
        "Towers, residential compounds, parks and markets covered by this organisation or any below it.",
    ),
    "orgs.latest_grade": ("最近评定等级", "Latest grade"),
    "orgs.grade_of_year": ("{grade}（{year}年）", "{grade} ({year})"),
    "orgs.not_graded": (
        "本组织不参加分类定级（党委领导机关、党小组和党员中心户不单独定级）。",
        "Not graded (leading bodies, groups and member households are not graded on their own).",
    ),
    "orgs.ungraded": ("未定级", "Not graded"),
    "orgs.profile": ("书记情况", "Secretary"),
    "orgs.secretary": ("书记年龄段：{age} · 学历：{edu}", "Age band: {age} · education: {edu}"),
    "orgs.secretary_register": (
        "书记：{age}岁 · 学历：{edu} · {since}年起任职，第{terms}届", "Secretary aged {age} · education: {edu} · in post since {since}, term {terms}",
    ),
    "orgs.secretary_none": ("未登记书记情况。", "No secretary profile recorded."),
    "orgs.below_by_level": ("下级组织（按层级）", "Organisations below, by level"),
    "orgs.nothing_below": ("没有下级组织。", "Nothing below this organisation."),
    "orgs.grade_history": ("历年评定", "Grades by year"),
    "orgs.composite": ("综合得分", "Composite score"),
    "orgs.own_centres": ("本组织运营的服务中心", "Centres it runs itself"),
    "orgs.no_own_centre": ("本组织不直接运营服务中心。", "It runs no service centre itself."),
    "orgs.map.centres": ("服务中心", "Service centres"),
    "orgs.map.buildings": ("覆盖楼宇", "Buildings covered"),
    "orgs.map.place": ("所在区域", "Where it is"),
    "orgs.map.place_of": ("所在{level}（示意位置）", "Its {level} (illustrative position)"),
    "orgs.map.caption": (
        "地图显示本组织及直属下级组织的服务中心和覆盖楼宇（本组织的较大）。只有区界是真实边界，其余点位为示意位置。",
        "Centres and covered buildings of this organisation and those directly below it (its own drawn larger). Only district boundaries are real; other positions are illustrative.",
    ),
    "orgs.children": ("下级组织（{n:,} 个）", "Organisations directly below ({n:,})"),
    "orgs.pick_hint": (
        "点击表格中的名称（或勾选左侧选择框）即可进入该组织；上方路径中的每一级都可点击返回，浏览器的后退键也可用。",
        "Click a name in the table (or tick the box at the left of its row) to open that organisation; every part of the path above goes back up, and so does the browser's back button.",
    ),
    "orgs.no_level_data": ("暂无{level}数据。", "No {level} data here."),
    "orgs.no_level_data_demo": (
        "暂无{level}数据：示例数据只在罗湖区和南湾街道细化到网格及以下。",
        "No {level} data here: the demo data goes down to grids and below only in Luohu district and Nanwan street.",
    ),
    "orgs.no_children": ("该组织没有下级组织。", "Nothing below this organisation."),
    "orgs.no_unit_heads": (
        "党员中心户以下的楼栋长、单元长是个人，本系统不记录个人信息。",
        "Building and unit heads below member households are individuals; this system keeps no personal data.",
    ),
    "orgs.group.territorial": ("区域党组织", "Territorial"),
    "orgs.col.name": ("名称", "Name"),
    "orgs.col.level": ("层级", "Level"),
    "orgs.col.type": ("类型", "Type"),
    "orgs.col.category": ("类别", "Category"),
    "orgs.col.members": ("党员", "Members"),
    "orgs.col.orgs_below": ("下级组织", "Organisations below"),
    "orgs.col.grade": ("最近等级", "Latest grade"),
    "orgs.col.centres": ("服务中心", "Centres"),
    "orgs.col.buildings": ("覆盖楼宇", "Buildings covered"),
    "orgs.col.count": ("数量", "Count"),
    "orgs.file_stem": ("{name}-下级组织-{group}", "{name}-below-{group}"),
    "orgs.problem.forbidden": (
        "您无权查看组织“{code}”：它不在您的权限范围内。已显示{name}。",
        "You may not view the organisation “{code}”: it lies outside your scope. Showing {name}.",
    ),
}
