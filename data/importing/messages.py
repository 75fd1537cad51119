"""Problems and notes of an import: a key into the label catalogue (models/i18n/importing.py) and its parameters.

The texts live in the one catalogue under `importing.<key>`, Chinese and English side by side, so the page,
the command line and the downloadable error report word them alike, without Streamlit. A parameter that is
itself worded (a level's name, a list of rows) is passed as `Text` or `Joined`, so it reads in the same
language as the sentence around it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from models.i18n import label, translate

PREFIX = "importing."
REPORT_COLUMNS = ("row", "column", "value", "reason")


def report_headers(lang: str = "zh") -> dict[str, str]:
    """Headers of the error report, the same on the 数据管理 page and from the command line."""
    return {column: translate(f"data.col.{column}", lang) for column in REPORT_COLUMNS}


@dataclass(frozen=True)
class Text:
    """A parameter that is a catalogue text of its own (key in full, e.g. "importing.at_line")."""

    key: str
    params: dict = field(default_factory=dict, hash=False, compare=False)

    def text(self, lang: str = "zh") -> str:
        return translate(self.key, lang, **self.params)


@dataclass(frozen=True)
class Joined:
    """Items joined into one parameter: vocabulary codes labelled with `group`, or shown as they are.

    sep "list" joins with 、/", ", "or" with 或/" or " (common.<sep>_separator).
    """

    items: tuple
    group: str | None = None
    sep: str = "list"

    def __init__(self, items: Iterable[object], group: str | None = None, sep: str = "list"):
        object.__setattr__(self, "items", tuple(items))
        object.__setattr__(self, "group", group)
        object.__setattr__(self, "sep", sep)

    def text(self, lang: str = "zh") -> str:
        words = (label(self.group, item, lang) if self.group else str(item) for item in self.items)
        return translate(f"common.{self.sep}_separator", lang).join(words)


def text(key: str, lang: str = "zh", **params: object) -> str:
    worded = {k: v.text(lang) if isinstance(v, (Text, Joined)) else v for k, v in params.items()}
    return translate(PREFIX + key, lang, **worded)


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
