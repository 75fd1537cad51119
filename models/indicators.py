"""The quality indicator system (质量指标体系): 6 first-level, 22 second-level, 66 third-level indicators.

Shenzhen's 2018 《基层党建质量指标体系》 has 22 second-level and 66 third-level indicators; the seed lost
the first-level count (DOMAIN.md §4). *Design choice*: six first-level indicators after the six aspects
of community standardisation (党组织建设, 党员管理, 治理结构, 服务群众, 工作职责, 运行保障), 3 or 4
second-level ones under each, and 3 third-level ones under every second-level one (22 x 3 = 66). The
names below are ours, written to fit each aspect from the practices the seeds describe; they are not
the official wording. Scores are 0-100 on the third level; a parent's score is the plain mean of its
children (equal weights, also a design choice). English labels live alongside the Chinese ones here
rather than in components/i18n.py because they are data of the tree, not page text.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

# first-level (zh, en) -> [(second-level zh, en, [(third-level zh, en) x 3]), ...]
_SPEC: tuple[tuple[str, str, tuple[tuple[str, str, tuple[tuple[str, str], ...]], ...]], ...] = (
    ("党组织建设", "Organisation building", (
        ("组织设置", "Organisational set-up", (
            ("按期换届", "Elections held on time"),
            ("按单位、网格、楼栋规范设置", "Set up by unit, grid and building"),
            ("新兴领域组织覆盖", "Coverage of new sectors")),),
        ("班子建设", "Leadership team", (
            ("书记履职能力", "Secretary's performance"),
            ("班子年龄和学历结构", "Age and education of the team"),
            ("委员分工明确", "Clear division of duties")),),
        ("组织生活", "Organisational life", (
            ("“三会一课”落实", "“Three meetings and one lesson” held"),
            ("组织生活会和民主评议党员", "Review meetings and member appraisal"),
            ("主题党日活动", "Themed Party days")),),
        ("阵地建设", "Facilities", (
            ("党群服务中心建设", "Party-mass service centre"),
            ("标识标牌规范", "Signage to standard"),
            ("党建信息平台使用", "Use of the Party-building platform")),),
    )),
    ("党员管理", "Member management", (
        ("发展党员", "Recruitment", (
            ("发展计划执行", "Recruitment plan carried out"),
            ("发展程序规范", "Recruitment procedure followed"),
            ("入党积极分子培养", "Training of applicants")),),
        ("教育培训", "Education and training", (
            ("党员集中学习", "Collective study"),
            ("党务干部培训", "Training of Party workers"),
            ("“两学一做”常态化", "“Two studies, one action” as routine")),),
        ("日常管理", "Routine management", (
            ("组织关系接转", "Transfer of membership"),
            ("党费收缴", "Collection of dues"),
            ("流动党员管理", "Mobile members")),),
        ("作用发挥", "Members' role", (
            ("党员亮身份、作表率", "Members show their identity and set an example"),
            ("党员志愿服务", "Member volunteering"),
            ("党员中心户联系群众", "Member households in touch with residents")),),
    )),
    ("治理结构", "Governance structure", (
        ("核心领导", "Leading role", (
            ("“四位一体”核心治理结构", "“Four-in-one” core structure"),
            ("重大事项党组织前置研究", "Party review before major decisions"),
            ("交叉任职", "Cross-appointments")),),
        ("协商共治", "Consultation and co-governance", (
            ("社区议事会运行", "Community council at work"),
            ("“两代表一委员”参与", "Deputies and committee members involved"),
            ("议事规则执行", "Rules of procedure followed")),),
        ("区域化党建", "Area-wide Party-building", (
            ("驻区单位共建", "Joint work with resident units"),
            ("楼宇、园区联建", "Joint work in towers and parks"),
            ("党建项目认领", "Projects claimed")),),
    )),
    ("服务群众", "Serving the public", (
        ("服务阵地", "Service facilities", (
            ("服务中心开放时长", "Opening hours of the centre"),
            ("功能室使用率", "Use of function rooms"),
            ("服务项目数量", "Number of services")),),
        ("民生服务", "Everyday services", (
            ("民生微实事办理", "Small livelihood projects"),
            ("困难群众帮扶", "Help for people in difficulty"),
            ("流动人口服务", "Services for migrants")),),
        ("联系群众", "Contact with residents", (
            ("驻点联系群众", "Regular visits by cadres"),
            ("社情民意收集办理", "Residents' opinions handled"),
            ("入户走访", "Home visits")),),
        ("群众满意", "Public satisfaction", (
            ("群众满意度测评", "Satisfaction survey"),
            ("诉求处理及时率", "Requests handled on time"),
            ("社会评价", "Public appraisal")),),
    )),
    ("工作职责", "Duties", (
        ("责任落实", "Responsibility", (
            ("党建工作责任状", "Responsibility pledge"),
            ("书记抓党建述职评议", "Secretary's report and review"),
            ("年度计划与总结", "Annual plan and review")),),
        ("业务规范", "Standard procedures", (
            ("18项党建业务程序执行", "The 18 standard procedures followed"),
            ("“5W1H”过程控制", "“5W1H” process control"),
            ("党建台账规范", "Records kept to standard")),),
        ("从严治党", "Strict self-governance", (
            ("党风廉政建设", "Integrity"),
            ("党务公开", "Openness of Party affairs"),
            ("问题整改落实", "Problems rectified")),),
        ("中心工作", "Core tasks", (
            ("围绕中心服务大局", "Supporting the core agenda"),
            ("重点任务完成", "Key tasks completed"),
            ("创新项目与特色品牌", "Innovation and signature projects")),),
    )),
    ("运行保障", "Operating support", (
        ("经费保障", "Funding", (
            ("党建经费落实", "Party-building funds in place"),
            ("党费使用规范", "Dues spent to rule"),
            ("服务群众专项经费", "Funds for serving the public")),),
        ("队伍保障", "Staffing", (
            ("专职党务工作者配备", "Full-time Party workers"),
            ("书记待遇落实", "Secretary's pay and conditions"),
            ("党建指导员", "Party-building instructors")),),
        ("制度保障", "Rules and systems", (
            ("工作制度健全", "Complete working rules"),
            ("信息化支撑", "IT support"),
            ("考核激励机制", "Appraisal and incentives")),),
    )),
)

WEAKEST_COUNT = 5  # third-level indicators flagged as the weakest of one organisation


@dataclass(frozen=True)
class Indicator:
    code: str  # "1", "1.2", "1.2.3"
    level: int  # 1, 2 or 3
    name_zh: str
    name_en: str
    parent: str | None

    def name(self, lang: str = "zh") -> str:
        return self.name_en if lang == "en" else self.name_zh


def _build() -> tuple[Indicator, ...]:
    nodes: list[Indicator] = []
    for i, (zh1, en1, seconds) in enumerate(_SPEC, 1):
        nodes.append(Indicator(f"{i}", 1, zh1, en1, None))
        for j, (zh2, en2, thirds) in enumerate(seconds, 1):
            nodes.append(Indicator(f"{i}.{j}", 2, zh2, en2, f"{i}"))
            nodes.extend(Indicator(f"{i}.{j}.{k}", 3, zh3, en3, f"{i}.{j}") for k, (zh3, en3) in enumerate(thirds, 1))
    return tuple(nodes)


NODES: tuple[Indicator, ...] = _build()  # pre-order: each first-level, then its subtree
BY_CODE: dict[str, Indicator] = {n.code: n for n in NODES}
LEAF_CODES: tuple[str, ...] = tuple(n.code for n in NODES if n.level == 3)


def level(n: int) -> tuple[Indicator, ...]:
    return tuple(node for node in NODES if node.level == n)


def children(code: str | None) -> tuple[Indicator, ...]:
    """Direct children of a node; the first-level indicators for None."""
    return tuple(node for node in NODES if node.parent == code)


def roll_up(leaf_scores: Mapping[str, float]) -> dict[str, float]:
    """Scores of every node that has data: leaves as given, parents as the mean of their scored children."""
    unknown = set(leaf_scores) - set(LEAF_CODES)
    if unknown:
        raise ValueError(f"not third-level indicator codes: {sorted(unknown)}")
    scores = {c: float(v) for c, v in leaf_scores.items()}
    for lvl in (2, 1):
        for node in level(lvl):
            kids = [scores[k.code] for k in children(node.code) if k.code in scores]
            if kids:
                scores[node.code] = sum(kids) / len(kids)
    return scores


def weakest(leaf_scores: Mapping[str, float], n: int = WEAKEST_COUNT) -> list[str]:
    """Codes of the n lowest third-level scores (ties broken by code, so the flag is stable)."""
    return [c for c, _ in sorted(leaf_scores.items(), key=lambda kv: (kv[1], _order(kv[0])))[:n]]


def leaf_code_sql(col: str) -> str:
    """SQL true exactly for third-level codes, over a trusted column name (for a CHECK constraint).

    Built from substr/length, which SQLite and PostgreSQL share, and without IN lists: measured on
    531k inserts, `code IN (66 codes)` cost 3 s more because SQLite rebuilds the list for every row.
    """
    widths = {len(children(k.code)) for k in level(2)}
    if len(widths) != 1 or max(widths) > 9 or any(len(children(n.code)) > 9 for n in level(1)):
        raise ValueError("leaf_code_sql needs single-digit codes and three-level branches of equal width")
    branches = " OR ".join(
        f"(substr({col}, 1, 1) = '{n.code}' AND substr({col}, 3, 1) BETWEEN '1' AND '{len(children(n.code))}')"
        for n in level(1)
    )
    return (
        f"(length({col}) = 5 AND substr({col}, 2, 1) = '.' AND substr({col}, 4, 1) = '.'"
        f" AND substr({col}, 5, 1) BETWEEN '1' AND '{widths.pop()}' AND ({branches}))"
    )


def _order(code: str) -> tuple[int, ...]:
    return tuple(int(p) for p in code.split("."))
