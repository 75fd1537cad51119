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


class Text(str):
    """A catalogue text (key in full, e.g. "importing.at_line") that is also its Chinese string.

    Anything that takes a str (an f-string, the command line, a test) gets the Chinese; `text(lang)` words it
    in another language. Used for message parameters and for progress steps shown on the page.
    """

    key: str
    params: dict

    def __new__(cls, key: str, params: dict | None = None):
        self = super().__new__(cls, translate(key, "zh", **(params or {})))
        self.key, self.params = key, dict(params or {})
        return self

    def __getnewargs__(self):  # pickle and copy rebuild it from the key, not from the Chinese string
        return self.key, self.params

    def text(self, lang: str = "zh") -> str:  # a worded parameter (a table's name) follows the sentence's language
        return translate(self.key, lang, **{name: worded(value, lang) for name, value in self.params.items()})


class Joined(str):
    """Items joined into one parameter: vocabulary codes labelled with `group`, or shown as they are.

    sep "list" joins with 、 / ", ", "or" with 或 / " or " (common.<sep>_separator). Its str is the Chinese.
    """

    items: tuple
    group: str | None
    sep: str

    def __new__(cls, items: Iterable[object], group: str | None = None, sep: str = "list"):
        items = tuple(items)
        self = super().__new__(cls, _join(items, group, sep, "zh"))
        self.items, self.group, self.sep = items, group, sep
        return self

    def __getnewargs__(self):
        return self.items, self.group, self.sep

    def text(self, lang: str = "zh") -> str:
        return _join(self.items, self.group, self.sep, lang)


def _join(items: tuple, group: str | None, sep: str, lang: str) -> str:
    words = (label(group, item, lang) if group else str(item) for item in items)
    return translate(f"common.{sep}_separator", lang).join(words)


def worded(value: object, lang: str = "zh") -> object:
    """A Text or Joined in `lang`; any other value as it is."""
    return value.text(lang) if isinstance(value, (Text, Joined)) else value


def step(name: str, **params: object) -> Text:
    """A progress step for the `progress(fraction, message)` callbacks: Chinese as a str, `.text(lang)` else."""
    return Text(f"{PREFIX}step.{name}", params)


def text(key: str, lang: str = "zh", **params: object) -> str:
    return translate(PREFIX + key, lang, **{k: worded(v, lang) for k, v in params.items()})


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
