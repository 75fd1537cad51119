"""The one label catalogue: every user-visible text, Simplified Chinese and English side by side.

Each module of this package holds the labels of one area as `LABELS = {"key": ("中文", "English"), ...}`
(common, shell, overview, centres, buildings, orgs, ratings, team, standards, present, data_admin, importing, vocab, cli,
alerts).
No Streamlit here: the pages read it through components' `t()` (the session's language), the importer,
the command-line tools and models/ through `translate(key, lang)`. Vocabulary codes are labelled with
`label(group, code)` from the keys `vocab.<group>.<code>`.

Add a label to the module of its key's first segment, both languages in one line. The catalogue is checked
as it is imported: a value that is not a pair of non-empty texts, or a key defined in two modules, raises.
"""

from __future__ import annotations

from importlib import import_module
from types import MappingProxyType

LANGS = ("zh", "en")
AREAS = ("common", "shell", "overview", "centres", "buildings", "orgs", "ratings", "team", "standards", "projects", "present", "briefing",
         "data_admin", "importing", "vocab", "cli", "alerts")


class CatalogueError(ValueError):
    """A module of the catalogue defines a label badly (raised at import)."""


def _collect() -> dict[str, tuple[str, str]]:
    entries: dict[str, tuple[str, str]] = {}
    where: dict[str, str] = {}
    for area in AREAS:
        labels = import_module(f"{__name__}.{area}").LABELS
        for key, value in labels.items():
            if key in where:
                raise CatalogueError(f"label {key!r} is defined in both {where[key]}.py and {area}.py")
            if not (isinstance(value, tuple) and len(value) == len(LANGS)
                    and all(isinstance(text, str) and text.strip() for text in value)):
                raise CatalogueError(f"label {key!r} in {area}.py must be a pair of non-empty texts "
                                     f"(Chinese, English), not {value!r}")
            entries[key] = value
            where[key] = area
    return entries


ENTRIES: MappingProxyType[str, tuple[str, str]] = MappingProxyType(_collect())
# One read-only dict per language, for a plain lookup per call (t() runs thousands of times per page run).
CATALOGUE: dict[str, MappingProxyType[str, str]] = {
    lang: MappingProxyType({key: pair[i] for key, pair in ENTRIES.items()}) for i, lang in enumerate(LANGS)
}
ZH, EN = CATALOGUE["zh"], CATALOGUE["en"]


def translate(key: str, lang: str = "zh", **kwargs: object) -> str:
    """The text of `key` in `lang` (Chinese for an unknown language), formatted with kwargs if any."""
    try:
        text = CATALOGUE.get(lang, ZH)[key]
    except KeyError:
        raise KeyError(f"label {key!r} is not in the catalogue") from None
    return text.format(**kwargs) if kwargs else text


def label(group: str, code: object, lang: str = "zh") -> str:
    """Label of a stored vocabulary code; "—" for None, the code itself if the catalogue lacks it."""
    if code is None:
        return "—"
    key = f"vocab.{group}.{code}"
    return translate(key, lang) if key in ZH else str(code)
