"""What the community standardisation check (社区党建标准化考核) records and counts (issue 20 §2).

Seed 001: Shenzhen's 《关于推进社区党建标准化建设的意见》 standardises communities in six aspects — 党组织建设,
党员管理, 治理结构, 服务群众, 工作职责, 运行保障. Those six are the six first-level indicators of the quality
indicator tree (models/indicators.py, codes "1" to "6"), so each aspect is stored as the indicator code it
is linked to and named from the tree. Seed 003: 南湾 had 10 of its 14 communities pass (达标) and 3 under
inspection.

A community's result in a year is one of RESULTS. The rules of one fact each:

- a 达标 (passed) or 待考核 (pending) row names no failed aspect; a 整改中 (rectifying) or 未达标 (failed) row
  names at least one (failed_aspects_ok; the table's CHECK and the importer hold the same rule);
- the 达标 share of an area is passed / checked, where checked leaves 待考核 out (a community not yet
  assessed neither passes nor fails); None when nothing was checked (shown as "—", never 0 %).

No streamlit import.
"""

from __future__ import annotations

from sqlalchemy import case, func
from sqlalchemy.sql.elements import ColumnElement

from models import indicators
from models.vocab import STANDARD_RESULTS

RESULTS = STANDARD_RESULTS  # 达标 / 整改中 / 未达标 / 待考核
CHECKED = ("passed", "rectifying", "failed")  # the results of a community that was assessed
NEEDS_ASPECTS = ("rectifying", "failed")

# aspect code -> the first-level indicator of models/indicators.py it is (the six aspects of seed 001)
ASPECTS: dict[str, str] = {
    "organisation": "1", "members": "2", "governance": "3", "service": "4", "duties": "5", "support": "6",
}
ASPECT_COLUMNS: dict[str, str] = {a: f"fail_{a}" for a in ASPECTS}


def aspect_indicator(aspect: str) -> indicators.Indicator:
    """The first-level indicator an aspect is linked to."""
    return indicators.BY_CODE[ASPECTS[aspect]]


def aspect_name(aspect: str, lang: str = "zh") -> str:
    return aspect_indicator(aspect).name(lang)


def failed_aspects_ok(result: str, failed: int) -> bool:
    """Plain-Python rule: passed and pending name no failed aspect, rectifying and failed at least one."""
    return failed > 0 if result in NEEDS_ASPECTS else failed == 0


def failed_aspects_sql() -> str:
    """The same rule as SQL over the table's columns (a CHECK constraint)."""
    total = " + ".join(f"(CASE WHEN {c} THEN 1 ELSE 0 END)" for c in ASPECT_COLUMNS.values())
    needs = ", ".join(f"'{r}'" for r in NEEDS_ASPECTS)
    return f"(CASE WHEN result IN ({needs}) THEN ({total}) > 0 ELSE ({total}) = 0 END)"


def results_sql() -> str:
    return "result IN (" + ", ".join(f"'{r}'" for r in RESULTS) + ")"


def count_of(column, value) -> ColumnElement:
    """SQL: how many rows have `column == value` (0 when none)."""
    return func.coalesce(func.sum(case((column == value, 1), else_=0)), 0)


def count_true(column) -> ColumnElement:
    return func.coalesce(func.sum(case((column, 1), else_=0)), 0)


def passed_share(passed: int, rectifying: int, failed: int) -> float | None:
    """The 达标 share: passed over the assessed communities (待考核 left out); None when none were."""
    checked = passed + rectifying + failed
    return passed / checked if checked else None
