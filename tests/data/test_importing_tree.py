"""The organisation tree stays a tree of the allowed shape: every child one of the levels its parent may
hold (models.rules.org_child_levels), no cycles, parent and child in one district; each refusal names
the row and the column, and nothing is written."""

from __future__ import annotations

import pytest

from data.importing import preview
from models import rules
from tests.data.importing_support import csv_file, kept_store, problems_at  # noqa: F401 - fixture

ORG = ["编码", "名称", "层级", "组织类型", "类别", "上级组织编码", "所在区域编码"]
STREET = ["P440304002", "园岭街道党工委", "街道党工委", "党委", "领导机关", "P440304", "440304002"]
HOUSEHOLD = "P440303001001G01B1H1"  # a member household in 罗湖's 大塘龙社区


def checked(st, rows):
    engine = st.engine()
    plan = preview(engine, "orgs", csv_file(ORG, rows), "组织.csv")
    engine.dispose()
    return plan


def test_the_rule_follows_the_territorial_chain_and_hangs_units_no_lower_than_a_community():
    assert rules.org_child_levels("street") == ("community", "unit")
    assert rules.org_child_levels("grid") == ("building",)
    assert rules.org_child_levels("household") == ()
    assert rules.org_child_levels("unit") == ("unit",)


def test_a_committee_with_its_subtree_moved_under_a_member_household_is_refused(kept_store):
    before = kept_store.checksum()
    moved = ["P440303001001", "大塘龙社区党委", "社区党委", "党委", "社区", HOUSEHOLD, "440303001001"]
    plan = checked(kept_store, [moved])
    assert not plan.ok
    assert {(2, "上级组织编码", "org_parent_leaf"), (2, "上级组织编码", "org_cycle")} <= problems_at(plan)
    (leaf,) = [p for p in plan.problems if p.key == "org_parent_leaf"]  # its own household: a cycle as well
    assert "党员中心户" in leaf.text() and "不能再有下级组织" in leaf.text()
    assert kept_store.checksum() == before


def test_an_organisation_under_a_household_or_a_grid_unit_is_refused_with_row_and_column(kept_store):
    rows = [["P-T1", "某企业党支部", "基层单位党组织", "党支部", "两新组织", HOUSEHOLD, "440303001001"],
            ["P-T2", "某网格党支部", "网格党支部", "党支部", "社区", "P440304002", "440304002016"]]
    found = problems_at(checked(kept_store, rows))
    assert (2, "上级组织编码", "org_parent_leaf") in found
    assert (3, "上级组织编码", "org_parent_level") in found  # a grid branch straight under a street


def test_a_level_change_that_strands_the_stored_children_is_named(kept_store):
    demoted = STREET.copy()
    demoted[2] = "网格党支部"  # a street committee made a grid branch: its communities cannot stay below it
    plan = checked(kept_store, [demoted])
    (problem,) = [p for p in plan.problems if p.key == "org_children_level"]
    assert (problem.row, problem.column) == (2, "层级")
    assert "个下级组织" in problem.text()


def test_a_parent_in_another_district_is_refused_naming_both_districts(kept_store):
    row = ["P-T3", "某社区两新党支部", "基层单位党组织", "党支部", "两新组织", "P440304002016", "440303001001"]
    plan = checked(kept_store, [row])
    (problem,) = [p for p in plan.problems if p.key == "org_parent_district"]
    assert (problem.row, problem.column) == (2, "上级组织编码")
    assert "福田区" in problem.text() and "罗湖区" in problem.text()


def test_cycles_through_the_store_are_refused(kept_store):
    # the street committee placed under one of its own communities
    looped = STREET.copy()
    looped[5] = "P440304002016"
    assert ("org_cycle" in {p.key for p in checked(kept_store, [looped]).problems})


@pytest.mark.parametrize("row", [
    ["P-T4", "某楼宇联合党委", "基层单位党组织", "党委", "两新组织", "P440304002", "440304002"],
    ["P-T5", "某社区两新党支部", "基层单位党组织", "党支部", "两新组织", "P440304002016", "440304002016"],
], ids=["unit-under-street", "unit-under-community"])
def test_the_allowed_shapes_still_import(kept_store, row):
    assert checked(kept_store, [row]).ok
