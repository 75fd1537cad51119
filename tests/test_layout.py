"""The house rules of README "Architecture", checked on the source so that a change that breaks one fails."""

from __future__ import annotations

import ast
import importlib
import inspect
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PAGE_PACKAGES = ("overview", "centres", "buildings", "orgs", "ratings", "team", "standards", "projects", "present", "data_admin",
                 "alerts")
SOURCE_DIRS = ("components", "models", "data", "pages", "bench")


def _imports(path: Path) -> list[tuple[str, list[str]]]:
    """(module, imported names) of every import in a file, nested ones included."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            found.append((node.module, [a.name for a in node.names]))
        elif isinstance(node, ast.Import):
            found.extend((a.name, []) for a in node.names)
    return found


def _sources(*dirs: str) -> list[Path]:
    return sorted(p for d in dirs for p in (ROOT / d).rglob("*.py"))


def test_every_page_has_its_own_room():
    pages = {p.stem for p in (ROOT / "pages").glob("*.py")}
    assert pages == set(PAGE_PACKAGES)
    for name in PAGE_PACKAGES:
        assert (ROOT / "components" / name / "__init__.py").is_file(), name


@pytest.mark.parametrize("path", _sources(*SOURCE_DIRS, "tests") + [ROOT / "app.py"], ids=lambda p: str(p.relative_to(ROOT)))
def test_no_module_over_400_lines(path: Path):
    if "migrations/versions" in path.as_posix():
        pytest.skip("generated revisions")
    assert len(path.read_text(encoding="utf-8").splitlines()) <= 400


def test_components_reach_the_store_only_through_the_loaders():
    offenders = [
        f"{path.relative_to(ROOT)} imports {module}"
        for path in _sources("components")
        if "loaders" not in path.relative_to(ROOT / "components").parts
        for module, _ in _imports(path)
        if module.startswith(("models.queries", "sqlmodel", "sqlalchemy"))
    ]
    assert offenders == []


def test_page_packages_get_scope_filters_and_data_from_their_page():
    """A page's package may import read-model types from the loaders, but never call a loader or auth."""
    offenders = []
    for name in PAGE_PACKAGES:
        for path in _sources(f"components/{name}"):
            for module, names in _imports(path):
                where = f"{path.relative_to(ROOT)}: {module}"
                if module in ("components.shell.auth", "components.shell.view") or (
                    module in ("components", "components.shell") and {"auth", "loaders", "view"} & set(names)
                ):
                    offenders.append(where)
                elif module.startswith("components.loaders"):
                    target = importlib.import_module(module)
                    callables = [n for n in names if not inspect.isclass(getattr(target, n))]
                    if callables:
                        offenders.append(f"{where} {callables}")
    assert offenders == []


def test_models_never_import_streamlit():
    offenders = [str(p.relative_to(ROOT)) for p in _sources("models", "data")
                 for module, _ in _imports(p) if module.split(".")[0] == "streamlit"]
    assert offenders == []


def test_one_data_cache_layer():
    """st.cache_data appears in components/loaders (data) and components/ui/memo.py (render memo) only."""
    allowed = {"components/ui/memo.py"}
    offenders = [
        str(p.relative_to(ROOT)) for p in _sources("components", "pages")
        if "st.cache_data(" in p.read_text(encoding="utf-8")
        and not p.relative_to(ROOT).as_posix().startswith("components/loaders/")
        and p.relative_to(ROOT).as_posix() not in allowed
    ]
    assert offenders == []


def test_no_icons_that_need_the_internet():
    """:material/ icons and emoji render as boxes (or fetch a font) on an offline meeting-room screen."""
    import re

    emoji = re.compile("[\U0001F300-\U0001FAFF\u2600-\u27BF]")
    offenders = [
        f"{p.relative_to(ROOT)}:{n}" for p in [*_sources("components", "pages"), ROOT / "app.py"]
        for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1)
        if ":material/" in line or emoji.search(line)
    ]
    assert offenders == []


def _top_level_import_bindings(path: Path) -> dict[str, list[str]]:
    """Name -> the modules a file's top-level imports bind to it (conditional imports are not top level)."""
    bound: dict[str, list[str]] = {}
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.ImportFrom):
            for a in node.names:
                bound.setdefault(a.asname or a.name, []).append(f"{node.module}.{a.name}")
        elif isinstance(node, ast.Import):
            for a in node.names:
                # `import folium.plugins` binds the package `folium`, as `import folium` does
                bound.setdefault(a.asname or a.name.partition(".")[0], []).append(a.name if a.asname else a.name.partition(".")[0])
    return bound


def test_no_module_imports_two_things_under_one_name():
    """`from data.importing import rules` then `from models import rules` silently made the second win."""
    clashes = {
        str(p.relative_to(ROOT)): {n: m for n, m in _top_level_import_bindings(p).items() if len(set(m)) > 1}
        for p in _sources(*SOURCE_DIRS, "tests") + [ROOT / "app.py"]
    }
    assert {p: c for p, c in clashes.items() if c} == {}
