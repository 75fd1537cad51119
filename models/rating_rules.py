"""Checks an import runs on grade rows before writing, stated with the grading rule (models/grading.py).

The store's CHECK constraints refuse the same rows; these checks exist so a user learns which row
and field is wrong, in Chinese, instead of seeing a constraint name. Messages are Chinese here because
models/ cannot reach the UI catalogue; the importer may map `Problem.code` to its own texts.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

from models import grading, indicators
from models.vocab import GRADES

SCORE_FIELDS = ("score_committee", "score_department", "score_social")  # in WEIGHTS order
FIELD_LABELS = {
    "score_committee": "区委常委会评分",
    "score_department": "组织部部务会评分",
    "score_social": "社会考评组评分",
    "composite": "综合得分",
    "grade": "等级",
    "code": "指标编码",
    "score": "指标得分",
}
COMPOSITE_TOLERANCE = 0.05  # a composite rounded to one decimal is always within; the CHECK allows 0.051


@dataclass(frozen=True)
class Problem:
    field: str  # the Rating/IndicatorScore column the problem is about
    code: str  # stable id: not_number | out_of_range | bad_grade | composite_mismatch | grade_mismatch | bad_code
    message: str  # Chinese, names the field


def _number(value: object) -> float | None:
    """The value as a finite float, None when it is not one (blank cells included)."""
    if value is None or isinstance(value, bool):
        return None
    try:
        x = float(str(value).strip()) if isinstance(value, str) else float(value)
    except (TypeError, ValueError):
        return None
    return x if math.isfinite(x) else None


def _blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip()) or (
        isinstance(value, float) and math.isnan(value)
    )


def rating_problems(row: Mapping[str, object]) -> list[Problem]:
    """Everything wrong with one grade row (keys as in the Rating table; composite and grade may be blank)."""
    problems: list[Problem] = []
    scores: list[float] = []
    for field in SCORE_FIELDS:
        value, name = row.get(field), FIELD_LABELS[field]
        x = _number(value)
        if x is None:
            shown = "空" if _blank(value) else f"“{value}”"
            problems.append(Problem(field, "not_number", f"{name}应为 0–100 的数字，实际为{shown}。"))
        elif not 0 <= x <= 100:
            problems.append(Problem(field, "out_of_range", f"{name} {x:g} 超出 0–100 的范围。"))
        else:
            scores.append(x)
    grade = row.get("grade")
    grade_text = None if _blank(grade) else str(grade).strip().upper()
    if grade_text is not None and grade_text not in GRADES:
        problems.append(Problem("grade", "bad_grade", f"等级“{grade}”无效，只能是 A、B、C、D 之一。"))
    if len(scores) < len(SCORE_FIELDS):
        return problems  # the composite and band cannot be judged without all three components
    expected = grading.composite(*scores)
    exact = sum(w * x for w, x in zip(grading.WEIGHTS, scores, strict=True))  # what the CHECK compares with
    stored = expected
    if not _blank(row.get("composite")):
        given = _number(row.get("composite"))
        if given is None:
            problems.append(Problem("composite", "not_number", f"综合得分应为数字，实际为“{row.get('composite')}”。"))
            return problems
        if abs(given - exact) > COMPOSITE_TOLERANCE + 1e-9:
            problems.append(Problem(
                "composite", "composite_mismatch",
                f"综合得分 {given:g} 与三项评分按 40:40:20 计算的 {expected:g} 不一致。",
            ))
            return problems
        stored = given
    band = grading.grade_for(stored)
    if grade_text in GRADES and grade_text != band:
        problems.append(Problem(
            "grade", "grade_mismatch", f"等级 {grade_text} 与综合得分 {stored:g} 不符，按评级规则应为 {band} 级。",
        ))
    return problems


def indicator_problems(row: Mapping[str, object]) -> list[Problem]:
    """Everything wrong with one indicator-score row (keys code, score)."""
    problems: list[Problem] = []
    code = "" if _blank(row.get("code")) else str(row.get("code")).strip()
    if code not in indicators.LEAF_CODES:
        problems.append(Problem("code", "bad_code", f"指标编码“{code}”不是 66 个三级指标之一（形如 1.2.3）。"))
    x = _number(row.get("score"))
    if x is None:
        problems.append(Problem("score", "not_number", "指标得分应为 0–100 的数字。"))
    elif not 0 <= x <= 100:
        problems.append(Problem("score", "out_of_range", f"指标得分 {x:g} 超出 0–100 的范围。"))
    return problems
