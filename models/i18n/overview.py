"""Labels of the 总览 page (pages/overview.py)."""

from __future__ import annotations

# key: (Chinese, English); models/i18n/__init__.py checks every value is a pair of non-empty texts.
LABELS: dict[str, tuple[str, str]] = {
    # overview
    "overview.title": ("总览", "Overview"),
    "overview.caption": ("{area} · {year} 年 · 与上年比较", "{area} · {year} · compared with the year before"),
    "overview.centres_total": ("党群服务中心", "Service centres"),
    "overview.centres_tiers": (
        "{total} 个：其中 市级 {city} · 区级 {district} · 其他 {n}（年底开放的各级党群服务中心）",
        "{total}: city {city} · district {district} · other {n} (centres of every tier open at the end of the year)",
    ),
    "overview.orgs": ("基层党组织", "Grassroots organisations"),
    "overview.members": ("党员", "Party members"),
    "overview.tower_rate": ("商务楼宇覆盖率", "Tower coverage"),
    "overview.a_share": ("A 级党组织占比", "Grade-A organisations"),
    "overview.by_tier": ("党群服务中心（1+10+N）", "Service centres (1+10+N)"),
    "overview.by_category": ("基层党组织（按类别）", "Grassroots organisations by category"),
    "overview.ranking_district": ("各区比较", "Districts compared"),
    "overview.ranking_street": ("各街道比较", "Streets compared"),
    "overview.no_towers": ("无20层以上楼宇", "No towers of 20+ floors"),
    "overview.empty": ("所选范围内没有数据。", "No data in the selected area."),
}
LABELS.update({
    "overview.loading": ("正在加载…", "Loading…"),
    "overview.value.centres": ("{n} 个", "{n}"),
    "overview.value.orgs": ("{n} 个", "{n}"),
    "overview.value.members": ("{n} 名", "{n}"),
    "overview.value.per_km2": ("{n} 个/km²", "{n} per km²"),
    "overview.help.orgs": (
        "{n} 个：五类基层党组织中的党委、党总支、党支部（不含党小组、党员中心户，不含市委、区委、街道党工委）。"
        "组织架构页的“下级组织”数则包含党小组和党员中心户。",
        "{n}: committees, general branches and branches of the five graded categories (no Party groups or "
        "member households, no city, district or street leading committees). The organisation tree's "
        "“sub-organisations” also count groups and households.",
    ),
    "overview.help.members": ("{n} 名：年底存在的党委、党总支、党支部的党员之和。",
                              "{n}: members of the committees, general branches and branches existing at the end of the year."),
    "overview.help.towers": ("20层以上商务楼宇中，有本楼宇党组织或楼宇联合党组织覆盖的比例。",
                             "Share of commercial towers of 20+ floors covered by an organisation of their own or a joint one."),
    "overview.help.a_share": ("当年参加评级的基层党组织中评为 A 级的比例。",
                              "Share of the organisations graded this year that were graded A."),
    "overview.kpi.pick": ("地图与排行指标", "Figure on the map and the board"),
    "overview.kpi.a_share": ("A级党组织占比", "Grade-A share"),
    "overview.kpi.tower_rate": ("楼宇覆盖率", "Tower coverage"),
    "overview.kpi.centres_km2": ("每平方公里服务中心", "Centres per km²"),
    "overview.kpi.members": ("党员数", "Party members"),
    "overview.level.district": ("区", "districts"),
    "overview.level.street": ("街道", "streets"),
    "overview.board.title": ("排行榜 · {kpi}", "Ranking · {kpi}"),
    "overview.board.best": ("前 {n} 名{level}", "Top {n} {level}"),
    "overview.board.worst": ("后 {n} 名{level}", "Bottom {n} {level}"),
    "overview.board.empty": ("所选范围内没有可比较的“{kpi}”数据。", "No “{kpi}” figures to compare in the selected area."),
    "overview.map.no_data": ("无数据", "No data"),
    "overview.map.seats": ("街道驻地（示意）", "Street seats (illustrative)"),
    "overview.map.seats_legend": ("街道驻地（示意位置，面积表示数值）", "Street seat (illustrative position, area shows the value)"),
    "overview.map.seat_illustrative": ("位置为示意", "Position is illustrative"),
    "overview.map.hint_district": ("点击地图上的区即可选中该区，侧栏和链接随之更新。",
                                   "Click a district on the map to select it; the sidebar and the link follow."),
    "overview.map.hint_street": ("点击街道即可选中该街道；点击其他区可切换到该区。",
                                 "Click a street to select it; click another district to move there."),
    "overview.problems.title": ("需要关注的问题", "Problems to look at"),
    "overview.problem.uncovered_towers": ("未覆盖的20层以上商务楼宇：{n} 栋", "Towers of 20+ floors not covered: {n}"),
    "overview.problem.uncovered_towers.none": ("本范围内没有20层以上商务楼宇。", "No towers of 20+ floors in this area."),
    "overview.problem.out_of_reach": ("{radius} 米内没有服务中心的社区：{n} 个",
                                      "Communities with no centre within {radius} m: {n}"),
    "overview.problem.out_of_reach.none": ("本范围内没有社区。", "No communities in this area."),
    "overview.problem.weak_open": ("软弱涣散党组织（整顿中）：{n} 个", "Weak organisations under rectification: {n}"),
    "overview.problem.weak_open.none": ("本年度暂无评级数据。", "No grades for this year."),
    "overview.problem.grade_d": ("D 级党组织：{n} 个", "Grade-D organisations: {n}"),
    "overview.problem.grade_d.none": ("本年度暂无评级数据。", "No grades for this year."),
    # 社区党建标准化考核 on 总览 (components/overview/board.py standardisation_line)
    "overview.standards": (
        "社区党建标准化达标率 {share}（已考核的 {checked} 个社区中 {passed} 个达标）",
        "Community standardisation: {share} passed ({passed} of {checked} assessed communities)",
    ),
    "overview.standards.small": ("社区党建标准化达标率：已考核社区{n}个，按权限不显示", "Community standardisation: {n} communities assessed, not shown for your role"),
    "overview.standards.none": ("本区域本年度暂无社区党建标准化考核结果。", "No community standardisation results for this area and year."),
})
