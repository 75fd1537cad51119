"""The specs and messages stay in step with the rest of the product."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from data.importing import messages
from data.importing.specs import GROUP_CODES, LABELS, SPECS, choice_index, header_index
from models.i18n import EN as UI_EN
from models.i18n import ZH as UI_ZH

# specs group -> vocabulary group of the catalogue (models/i18n/vocab.py)
UI_GROUP = {"region": "region", "level": "level", "org_type": "org_type", "category": "category", "kind": "kind",
            "tier": "tier", "building": "building", "age": "age", "edu": "edu"}


@pytest.mark.parametrize("group", sorted(UI_GROUP))
def test_value_labels_are_the_ones_the_pages_show(group):
    for code in GROUP_CODES[group]:
        key = f"vocab.{UI_GROUP[group]}.{code}"
        if key in UI_ZH:
            assert LABELS[group][code] == UI_ZH[key], key


@pytest.mark.parametrize("group", sorted(GROUP_CODES))
def test_every_label_and_code_reads_back_as_its_code(group):
    index = choice_index(group)
    for code in GROUP_CODES[group]:
        assert index[re.sub(r"[\s_\-–—]", "", code).lower()] == code
        assert index[re.sub(r"[\s_\-–—]", "", LABELS[group][code]).lower()] == code


def test_every_problem_and_note_key_used_is_in_the_catalogue():
    defined = {k.removeprefix(messages.PREFIX) for k in UI_ZH if k.startswith(messages.PREFIX)}
    used = set()
    for path in Path("data/importing").glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
            position = {"Problem": 0, "Note": 0, "add": 3}.get(name)
            if position is not None and len(node.args) > position and isinstance(node.args[position], ast.Constant):
                used.add(node.args[position].value)
    assert len(used) > 30 and used <= defined, used - defined


@pytest.mark.parametrize("kind", sorted(SPECS))
def test_headers_are_unique_and_every_kind_has_a_page_label(kind):
    spec = SPECS[kind]
    headers = [c.header for c in spec.columns]
    assert len(set(headers)) == len(headers)
    assert len(set(header_index(spec).values())) == len(spec.columns)
    assert f"data.kind.{kind}" in UI_ZH and f"data.kind.{kind}" in UI_EN
