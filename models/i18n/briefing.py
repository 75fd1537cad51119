"""Labels of the written briefing (简报, data/briefing/): its title, headings, sentences, problem list and the
buttons that build it on 总览 and 大屏模式. Sentences are templates filled with figures formatted like the
pages' (1,050 · 87.5% · 4.0 个百分点); the phrase keys (`briefing.up_*`, `briefing.flat`) word a change."""

from __future__ import annotations

# key: (Chinese, English); models/i18n/__init__.py checks every value is a pair of non-empty texts.
LABELS: dict[str, tuple[str, str]] = {
    "briefing.prepare": ("生成文字简报（Word / PDF / 文本）", "Prepare written briefing (Word / PDF / text)"),
    "briefing.preparing": ("正在生成简报…", "Preparing the briefing…"),
    "briefing.step_data": ("读取数据", "Reading the figures"),
    "briefing.step_charts": ("绘制图表", "Drawing the charts"),
    "briefing.step_files": ("生成 Word 和 PDF", "Writing Word and PDF"),
    "briefing.ready": ("简报已生成（{seconds} 秒）", "Briefing ready ({seconds} s)"),
    "briefing.docx": ("下载简报（Word）", "Download briefing (Word)"),
    "briefing.pdf": ("下载简报（PDF）", "Download briefing (PDF)"),
    "briefing.md": ("下载简报（文本）", "Download briefing (text)"),
    "briefing.file": ("基层党建简报", "party-building-briefing"),
    "briefing.no_font": (
        "无法生成 PDF：服务器上没有中文字体 Noto Sans CJK（{path}）。请安装 Debian 软件包 fonts-noto-cjk"
        "（make test 会安装）；Word 和文本版不受影响。",
        "The PDF cannot be made: the server has no Noto Sans CJK font ({path}). Install the Debian package "
        "fonts-noto-cjk (make test does); the Word and text versions are not affected.",
    ),
    "briefing.title": ("{area}基层党建工作简报（{year}年）", "{area}: grassroots Party building briefing, {year}"),
    "briefing.as_of": ("数据截至 {date} · 生成于 {at}（北京时间）", "Data as of {date} · generated {at} (Beijing time)"),
    "briefing.demo": ("示例数据：本简报依据按公开报道校准生成的示例数据，不是真实台账，不得作为工作依据。",
                      "Demo data: this briefing is built from demo data calibrated to published reports, not from "
                      "the real registers, and must not be relied on."),
    "briefing.scope": ("本简报按查看人的权限范围生成。", "This briefing follows the viewer's access scope."),
    "briefing.h_overall": ("一、总体情况", "1. Overall"),
    "briefing.h_centres": ("二、阵地建设", "2. Service centres"),
    "briefing.h_towers": ("三、楼宇党建", "3. Office towers"),
    "briefing.h_grades": ("四、组织质量", "4. Quality grades"),
    "briefing.h_compare": ("五、比较分析", "5. Comparison"),
    "briefing.h_problems": ("六、问题清单", "6. Problems"),
    "briefing.h_figures": ("附图", "Figures"),
    "briefing.figure": ("图{n}　{caption}", "Figure {n}. {caption}"),
    "briefing.figures_elsewhere": ("图表见 Word 或 PDF 版。", "The charts are in the Word and PDF versions."),
    # changes on the year before: counts (unit given), shares (percentage points)
    "briefing.flat": ("与上年持平", "unchanged on last year"),
    "briefing.no_before": ("上年无可比数据", "no figure for last year"),
    "briefing.up_n": ("较上年增加{n}{unit}", "up {n}{unit} on last year"),
    "briefing.down_n": ("较上年减少{n}{unit}", "down {n}{unit} on last year"),
    "briefing.up_pp": ("较上年提高{n}个百分点", "up {n} pp on last year"),
    "briefing.down_pp": ("较上年降低{n}个百分点", "down {n} pp on last year"),
    "briefing.unit_centre": ("个", " centres"),
    "briefing.unit_org": ("个", " organisations"),
    "briefing.unit_member": ("名", " members"),
    "briefing.level.city": ("全市", "the city"),
    "briefing.level.district": ("本区", "this district"),
    "briefing.level.street": ("本街道", "this street"),
    "briefing.p_overall": (
        "{area}共有党群服务中心{centres}个，{centres_change}；基层党组织{orgs}个，{orgs_change}；党员{members}名，"
        "{members_change}。",
        "{area} has {centres} Party-mass service centres ({centres_change}), {orgs} grassroots organisations "
        "({orgs_change}) and {members} Party members ({members_change}).",
    ),
    "briefing.p_tiers": ("党群服务中心中，{parts}。", "Of the centres, {parts}."),
    "briefing.tier_city": ("市级{n}个", "{n} city-level"),
    "briefing.tier_district": ("区级{n}个", "{n} district-level"),
    "briefing.tier_other": ("街道、社区、园区、商圈和楼宇等{n}个", "{n} of streets, communities, parks, markets and towers"),
    "briefing.p_reach": ("按{radius}米服务半径测算，{n}个社区周边尚无党群服务中心。",
                         "Within a radius of {radius} m, {n} communities have no service centre nearby."),
    "briefing.p_reach_all": ("按{radius}米服务半径测算，各社区周边均有党群服务中心。",
                             "Within a radius of {radius} m, every community has a service centre nearby."),
    "briefing.p_no_centres": ("{level}暂无党群服务中心数据。", "There are no service centres recorded for {level}."),
    "briefing.p_towers": (
        "20层以上商务楼宇{towers}栋，已建立党组织覆盖{covered}栋，党组织覆盖率{rate}，{rate_change}；尚未覆盖{uncovered}栋。",
        "Of {towers} office towers of 20+ floors, {covered} are covered by a Party organisation: {rate} "
        "({rate_change}); {uncovered} are not covered.",
    ),
    "briefing.p_towers_all": (
        "20层以上商务楼宇{towers}栋，已全部建立党组织覆盖，覆盖率{rate}，{rate_change}。",
        "All {towers} office towers of 20+ floors are covered by a Party organisation: {rate} ({rate_change}).",
    ),
    "briefing.p_no_towers": ("{level}暂无20层以上商务楼宇。", "There are no office towers of 20+ floors in {level}."),
    "briefing.p_grades": (
        "{year}年参加评定的基层党组织{graded}个，A级占比{a_share}，{a_change}；D级{d}个；晋位升级{up}个，降级{down}个。",
        "In {year}, {graded} grassroots organisations were graded: {a_share} grade A ({a_change}); {d} grade D; "
        "{up} moved up and {down} down a grade.",
    ),
    "briefing.withheld_change": ("按权限不显示变化", "change not shown at this access level"),
    "briefing.p_towers_small": (
        "{level}20层以上商务楼宇少于3栋，按权限不显示覆盖情况。",
        "There are fewer than 3 office towers of 20+ floors in {level}: coverage is not shown at this access level.",
    ),
    "briefing.p_grades_small": (
        "{year}年{level}参加评定的基层党组织少于3个，按权限不显示等级情况。",
        "Fewer than 3 organisations were graded in {level} in {year}: grades are not shown at this access level.",
    ),
    "briefing.p_weak": ("软弱涣散党组织正在整顿{n}个。", "{n} organisations found weak and lax are being rectified."),
    "briefing.p_weak_none": ("暂无正在整顿的软弱涣散党组织。", "No organisation found weak is being rectified."),
    "briefing.p_no_grades": ("{level}暂无{year}年党组织评级数据。", "There are no grades for {year} in {level}."),
    "briefing.p_lead": ("从各{regions}比较看，A级党组织占比较高的是{lead}，较低的是{lag}。",
                        "Compared by {regions}, the grade-A share is highest in {lead} and lowest in {lag}."),
    "briefing.p_tower_lag": ("20层以上商务楼宇覆盖率较低的是{lag}。", "Tower coverage is lowest in {lag}."),
    "briefing.p_rank": ("在{parent}的{n}个{regions}中，{area}A级党组织占比{share}，居第{rank}位。",
                        "Among the {n} {regions} of {parent}, {area} ranks {rank} by grade-A share ({share})."),
    "briefing.p_no_compare": ("暂无可比较的{regions}评级数据。", "There are no grades to compare the {regions} by."),
    "briefing.region_share": ("{name}（{share}）", "{name} ({share})"),
    "briefing.regions.district": ("区", "districts"),
    "briefing.regions.street": ("街道", "streets"),
    "briefing.problem": ("问题", "Problem"),
    "briefing.count": ("数量", "Count"),
    "briefing.problem.uncovered": ("尚未覆盖的20层以上商务楼宇", "Towers of 20+ floors not covered"),
    "briefing.problem.reach": ("{radius}米内没有党群服务中心的社区", "Communities with no centre within {radius} m"),
    "briefing.problem.weak": ("正在整顿的软弱涣散党组织", "Weak organisations being rectified"),
    "briefing.problem.d": ("D级党组织", "Grade-D organisations"),
    "briefing.problem.none": ("无", "none"),
    "briefing.problem.no_data": ("暂无数据", "no data"),
    "briefing.problem.count": ("{n}个", "{n}"),
    "briefing.problem.count_tower": ("{n}栋", "{n}"),
    "briefing.problems_none": ("以上各项均未发现问题。", "None of the above was found."),
    "briefing.cap_tiers": ("各层级党群服务中心", "Service centres by tier"),
    "briefing.cap_categories": ("各类基层党组织", "Grassroots organisations by category"),
    "briefing.cap_ranking": ("各{regions} A级党组织占比", "Grade-A share by {regions}"),
    "briefing.cap_towers": ("各{regions}20层以上商务楼宇党组织覆盖", "Tower coverage by {regions}"),
    "briefing.cap_grades": ("各{regions} A-D 等级分布", "Grades A-D by {regions}"),
    "briefing.source": ("来源：基层党建驾驶舱", "Source: Grassroots Party-Building Cockpit"),
}
