"""The one grading rule: 40:40:20 composite and score bands -> grade (DOMAIN.md §4).

The generator, the importer and the database CHECK constraints all read it from here.
"""

from __future__ import annotations

# Weights of the district standing committee, the organisation department and the social panel.
WEIGHTS = (0.4, 0.4, 0.2)

# Lower bound of the composite for each grade, best first; anything below the last bound is D.
BANDS = (("A", 85.0), ("B", 70.0), ("C", 60.0))
LOWEST_GRADE = "D"


def composite(committee: float, department: float, social: float) -> float:
    """Weighted composite score, rounded to one decimal as it is published."""
    w1, w2, w3 = WEIGHTS
    return round(w1 * committee + w2 * department + w3 * social, 1)


def grade_for(score: float) -> str:
    for grade, lower in BANDS:
        if score >= lower:
            return grade
    return LOWEST_GRADE


def composite_sql(a: str, b: str, c: str) -> str:
    """The composite formula as SQL text over trusted column names (for CHECK constraints)."""
    w1, w2, w3 = WEIGHTS
    return f"({w1} * {a} + {w2} * {b} + {w3} * {c})"


def grade_sql(col: str) -> str:
    """The banding as a SQL CASE expression over a trusted column name."""
    whens = " ".join(f"WHEN {col} >= {lower} THEN '{g}'" for g, lower in BANDS)
    return f"CASE {whens} ELSE '{LOWEST_GRADE}' END"


def bands_table() -> list[tuple[str, str]]:
    """(grade, range text) rows for showing the rule on a page."""
    rows, upper = [], 100.0
    for grade, lower in BANDS:
        rows.append((grade, f"{lower:g} ≤ S ≤ {upper:g}" if upper == 100.0 else f"{lower:g} ≤ S < {upper:g}"))
        upper = lower
    rows.append((LOWEST_GRADE, f"S < {upper:g}"))
    return rows
