"""Problems and notes of an import: a key into the label catalogue (models/i18n/importing.py) and its parameters.

The texts live in the one catalogue under `importing.<key>`, Chinese and English side by side, so the page,
the command line and the downloadable error report word them alike, without Streamlit.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from models.i18n import translate

PREFIX = "importing."
REPORT_COLUMNS = ("row", "column", "value", "reason")


def report_headers(lang: str = "zh") -> dict[str, str]:
    """Headers of the error report, the same on the 数据管理 page and from the command line."""
    return {column: translate(f"data.col.{column}", lang) for column in REPORT_COLUMNS}


def text(key: str, lang: str = "zh", **params: object) -> str:
    return translate(PREFIX + key, lang, **params)


@dataclass(frozen=True)
class Problem:
    """One reason a file cannot be imported; row is the row number as in the file (None: the whole file)."""

    key: str
    row: int | None = None
    column: str = ""
    value: str = ""
    params: dict = field(default_factory=dict, hash=False, compare=False)

    def text(self, lang: str = "zh") -> str:
        return text(self.key, lang, **self.params)


@dataclass(frozen=True)
class Note:
    """Something the user should know about an importable file (not an error)."""

    key: str
    params: dict = field(default_factory=dict, hash=False, compare=False)

    def text(self, lang: str = "zh") -> str:
        return text(self.key, lang, **self.params)


class ImportRejected(Exception):
    """Raised with the problems that stop a file; nothing has been written."""

    def __init__(self, problems: list[Problem]):
        super().__init__(problems[0].text() if problems else "rejected")
        self.problems = problems
