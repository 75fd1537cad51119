"""Checks an import runs on grade rows before writing, stated with the grading rule (models/grading.py).

The store's CHECK constraints refuse the same rows; these checks exist so a user learns which row
and field is wrong, in words, instead of seeing a constraint name. The words are the catalogue's
`ratings.check.*` (models/i18n/ratings.py): `Problem.message` in Chinese, `Problem.text(lang)` in either
language; the importer may map `Problem.code` to its own texts.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field

from models import grading, indicators
from models.i18n import translate
from models.vocab import GRADES

SCORE_FIELDS = ("score_committee", "score_department", "score_social")  # in WEIGHTS order
CHECKED_FIELDS = (*SCORE_FIELDS, "composite", "grade", "code", "score")  # labels: ratings.check.field.<name>
COMPOSITE_TOLERANCE = 0.05  # a composite rounded to one decimal is always within; the CHECK allows 0.051


@dataclass(frozen=True)
class Problem:
    field: str  # the Rating/IndicatorScore column the problem is about
    code: str  # stable id: not_number | out_of_range | bad_grade | composite_mismatch | grade_mismatch | bad_code
    key: str  # the text: ratings.check.<key> in the catalogue
    params: dict = field(default_factory=dict, hash=False, compare=False)

    def text(self, lang: str = "zh") -> str:
        """The reason in `lang`, naming the field; a blank value reads as such ("空" / "empty")."""
        extra = {"name": field_label(self.field, lang)}
        if "value" in self.params and self.params["value"] is None:
            extra["shown"] = translate("ratings.check.blank", lang)
        elif "value" in self.params:
            extra["shown"] = f"“{self.params['value']}”"
        return translate(f"ratings.check.{self.key}", lang, **self.params, **extra)

    @property
    def message(self) -> str:
        """The reason in Chinese."""
        return self.text("zh")


def field_label(name: str, lang: str = "zh") -> str:
    return translate(f"ratings.check.field.{name}", lang)


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
    for name in SCORE_FIELDS:
        value = row.get(name)
        x = _number(value)
        if x is None:
            shown = None if _blank(value) else value
            problems.append(Problem(name, "not_number", "score_not_number", {"value": shown}))
        elif not 0 <= x <= 100:
            problems.append(Problem(name, "out_of_range", "score_out_of_range", {"score": x}))
        else:
            scores.append(x)
    grade = row.get("grade")
    grade_text = None if _blank(grade) else str(grade).strip().upper()
    if grade_text is not None and grade_text not in GRADES:
        problems.append(Problem("grade", "bad_grade", "bad_grade", {"grade": grade}))
    if len(scores) < len(SCORE_FIELDS):
        return problems  # the composite and band cannot be judged without all three components
    expected = grading.composite(*scores)
    exact = sum(w * x for w, x in zip(grading.WEIGHTS, scores, strict=True))  # what the CHECK compares with
    stored = expected
    if not _blank(row.get("composite")):
        given = _number(row.get("composite"))
        if given is None:
            problems.append(Problem("composite", "not_number", "composite_not_number", {"value": row.get("composite")}))
            return problems
        if abs(given - exact) > COMPOSITE_TOLERANCE + 1e-9:
            problems.append(Problem("composite", "composite_mismatch", "composite_mismatch",
                                    {"given": given, "expected": expected}))
            return problems
        stored = given
    band = grading.grade_for(stored)
    if grade_text in GRADES and grade_text != band:
        problems.append(Problem("grade", "grade_mismatch", "grade_mismatch",
                                {"grade": grade_text, "composite": stored, "band": band}))
    return problems


def indicator_problems(row: Mapping[str, object]) -> list[Problem]:
    """Everything wrong with one indicator-score row (keys code, score)."""
    problems: list[Problem] = []
    code = "" if _blank(row.get("code")) else str(row.get("code")).strip()
    if code not in indicators.LEAF_CODES:
        problems.append(Problem("code", "bad_code", "indicator_bad_code", {"code": code}))
    x = _number(row.get("score"))
    if x is None:
        problems.append(Problem("score", "not_number", "indicator_not_number"))
    elif not 0 <= x <= 100:
        problems.append(Problem("score", "out_of_range", "indicator_out_of_range", {"score": x}))
    return problems
