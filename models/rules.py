"""Every counting rule of the dashboard, in one place (issue 14 §1).

A figure that two pages show must come from the same rule, or the pages disagree for the same area and
year (they did: 1,020 and 1,050 centres, 476 and 496 covered towers). So every rule that decides what is
counted lives here, as SQLAlchemy expressions to put in a select() (and, where pandas or plain Python needs
the same decision, one twin defined right next to it and tested to agree in tests/models/test_rules.py):

- the area: which rows lie in a district or a street (`in_area`; `in_area_bound` for statements built
  once; `in_area_mask`, `in_area_row`), and the
  regions an area splits into (`child_level`) or is compared by (`comparison_level`);
- service centres: open in a year (`centre_open`);
- buildings: what a tower is (`is_tower`, kind "tower" and at least TOWER_MIN_FLOORS floors), which
  buildings a page selects (`building_selected`), covered in a year (`covered_in`, `covering_org`);
- organisations: existing in a year (`org_exists`), counted in the headline organisation figure
  (`counted_org`), holding members (`holds_members`), and the members counted (`counted_members`);
- grades: A (`grade_a`) and the A share (`share`).

Undated rows. Imported registers may leave a centre's opening date, a building's coverage year or an
organisation's founding year blank. Such a row is counted **in every year**: it exists (the register lists
it, the covering organisation is named), only its date is unknown. The alternatives are worse:
- leaving it out of every year makes the current total smaller than the register it was imported from
  (30 undated centres made 1,050 centres read 1,020), and a leader checking the figure against the
  register finds it wrong;
- counting it from the data's as-of year only would put all undated rows into this year's change, a rise
  that did not happen (the register does not say they are new).
Counted in every year, the totals match the register and a year-over-year change counts only rows whose
date is known: undated rows never show as growth. The import template's column notes and the importer's
notes say exactly this (data/importing/specs.py, data/importing/messages.py).

No streamlit import: queries, the importer, the demo generator and the command line use this module.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

import pandas as pd
from sqlalchemy import Boolean, Integer, and_, bindparam, false, or_, true
from sqlalchemy.sql.elements import ColumnElement

from models.area import Area
from models.tables import Building, PartyOrg, Rating, Region, ServiceCenter
from models.vocab import MEMBER_HOLDING_TYPES, NEXT_LEVEL, ORG_CATEGORIES, TOWER_MIN_FLOORS

__all__ = [
    "TOWER_MIN_FLOORS", "ChildLevel", "area_params", "area_test", "building_selected", "centre_open",
    "child_level", "compared_regions", "comparison_level", "counted_members", "counted_org", "covered_in", "covering_org",
    "has_covering_org",
    "grade_a", "holds_members", "is_demo", "in_area", "in_area_bound", "in_area_mask", "in_area_row", "is_counted_org",
    "is_member_holding", "is_tower", "org_child_levels", "org_exists", "share", "year_end",
]


# --- The area ---------------------------------------------------------------------------------------------

def area_test(area: Area | None) -> tuple[str, int] | bool:
    """What "inside `area`" tests, the one decision behind every area filter.

    ("street_id", id) for a street, ("district_id", id) for a district (every row carries both ids,
    denormalised, so one equality is one index lookup), True for the whole city, False for no area at
    all (`None`: a viewer with no detail area, see models.access.Scope.detail).
    """
    if area is None:
        return False
    if area.street_id is not None:
        return "street_id", area.street_id
    if area.district_id is not None:
        return "district_id", area.district_id
    return True


def in_area(table, area: Area | None) -> ColumnElement[bool]:
    """SQL condition: the row of `table` (anything with district_id and street_id columns) lies in `area`."""
    test = area_test(area)
    if isinstance(test, bool):
        return true() if test else false()
    column, value = test
    return getattr(table, column) == value


# Statements built once (the 组织架构 drill step) take the area as bound parameters instead: the same test,
# with area_params(area) giving the values at run time.
_ALL, _DISTRICT, _STREET = "area_all", "area_district", "area_street"
_NONE = -1  # no id is negative


def in_area_bound(table) -> ColumnElement[bool]:
    """in_area with bound parameters (values from area_params), for a select() built once and reused."""
    street = bindparam(_STREET, type_=Integer)
    by_street = and_(street != _NONE, table.street_id == street)
    by_district = and_(street == _NONE, table.district_id == bindparam(_DISTRICT, type_=Integer))
    return or_(bindparam(_ALL, type_=Boolean), by_street, by_district)


def area_params(area: Area | None) -> dict[str, object]:
    """The values of in_area_bound's parameters for `area` (None: no area, nothing matches)."""
    test = area_test(area)
    values = {_ALL: test is True, _DISTRICT: _NONE, _STREET: _NONE}
    if not isinstance(test, bool):
        column, value = test
        values[_STREET if column == "street_id" else _DISTRICT] = value
    return values


def in_area_mask(df: pd.DataFrame, area: Area | None) -> pd.Series:
    """Pandas twin of in_area: a boolean mask of the rows (district_id, street_id columns) in `area`."""
    test = area_test(area)
    if isinstance(test, bool):
        return pd.Series(test, index=df.index, dtype=bool)
    column, value = test
    return df[column].eq(value).fillna(False).astype(bool)


def in_area_row(area: Area | None, district_id: int | None, street_id: int | None) -> bool:
    """Plain-Python twin of in_area for one row already read."""
    test = area_test(area)
    if isinstance(test, bool):
        return test
    column, value = test
    return (street_id if column == "street_id" else district_id) == value


@dataclass(frozen=True)
class ChildLevel:
    """How an area splits into the regions below it, and the bucket for organisations hung above them."""

    level: str  # district | street | community
    direct: str | None  # what organisations without a child region are (None: there are none)


# --- The organisation tree ---------------------------------------------------------------------------------

# Levels under which non-territorial organisations (机关, 两新, 同乡村, 股份合作公司: level "unit") may hang:
# a community or anything above it, and another unit (the branches of a 两新 committee). Grids, building
# groups and member households are the bottom of the territorial chain and hold no units.
UNIT_PARENT_LEVELS = ("city", "district", "street", "community", "unit")


def org_child_levels(parent_level: str) -> tuple[str, ...]:
    """The levels an organisation of `parent_level` may have directly below it: the next territorial
    level (vocab.NEXT_LEVEL) and, where allowed, units; nothing below a member household."""
    below = tuple(lv for lv in (NEXT_LEVEL.get(parent_level),) if lv)
    return below + (("unit",) if parent_level in UNIT_PARENT_LEVELS else ())


def child_level(area: Area, *, streets_at_city: bool = False) -> ChildLevel:
    """The regions an area is compared by: districts of the city, streets of a district, communities of a
    street (streets of the whole city with `streets_at_city`, for rankings)."""
    if area.street_id is not None:
        return ChildLevel("community", "street")  # 机关, 两新 units hang under the street itself
    if area.district_id is not None or streets_at_city:
        return ChildLevel("street", "district")  # bureaus and 同乡村 organisations hang under the district
    return ChildLevel("district", None)


def comparison_level(area: Area) -> str:
    """The regions the headline figures and building coverage are compared by: the city's districts, else
    the streets of the area's district (a street is shown among its neighbours, highlighted)."""
    return "district" if area.district_id is None else "street"


def compared_regions(area: Area, region=Region) -> ColumnElement[bool]:
    """SQL condition on Region: the regions `area` is compared by (comparison_level), every one of them
    (a table lists those with nothing too), within the area's district."""
    cond = region.level == comparison_level(area)
    return cond if area.district_id is None else and_(cond, in_area(region, Area(area.district_id)))


# --- Years --------------------------------------------------------------------------------------------------

def year_end(year: int) -> date:
    """A figure "in year Y" is the state at the end of that year."""
    return date(year, 12, 31)


# --- Service centres --------------------------------------------------------------------------------------

def centre_open(year: int, centre=ServiceCenter) -> ColumnElement[bool]:
    """The centre is open at the end of `year`: opened by then, or undated (counted in every year)."""
    return or_(centre.opened_on.is_(None), centre.opened_on <= year_end(year))


def centre_hours_missing(centre=ServiceCenter) -> ColumnElement[bool]:
    """The register gives no opening hours for a centre that is not open round the clock (a 24-hour centre
    needs none)."""
    return and_(~centre.open_24h, or_(centre.opening_hours.is_(None), centre.opening_hours == ""))


# --- Buildings ---------------------------------------------------------------------------------------------

def building_selected(kind: str, min_floors: int | None = None, building=Building) -> ColumnElement[bool]:
    """The buildings of one kind, from `min_floors` floors up when given (a building of unknown height
    then is not selected)."""
    cond = building.kind == kind
    return cond if min_floors is None else and_(cond, building.floors >= min_floors)


def is_tower(building=Building) -> ColumnElement[bool]:
    """A tower of the headline figures (楼宇覆盖率): kind "tower" with at least TOWER_MIN_FLOORS floors."""
    return building_selected("tower", TOWER_MIN_FLOORS, building)


def has_covering_org(building=Building) -> ColumnElement[bool]:
    """A Party organisation covers the building (in some year: see covered_in)."""
    return building.org_id.is_not(None)


def covered_in(year: int, building=Building) -> ColumnElement[bool]:
    """The building is covered at the end of `year`: it has a covering organisation that took it on by
    then, or one without a coverage year (counted in every year).

    `building` may also be a rollup of buildings (models.rollups) whose `covered` column holds
    has_covering_org, computed when the rollup was built."""
    held = building.covered if hasattr(building, "covered") else has_covering_org(building)
    return and_(held, or_(building.covered_since.is_(None), building.covered_since <= year))


def covering_org(year: int, building=Building, org=PartyOrg) -> ColumnElement[bool]:
    """Join condition of a building and the organisation covering it at the end of `year` (covered_in)."""
    return and_(org.id == building.org_id, covered_in(year, building))


# --- Organisations and members ------------------------------------------------------------------------------

def org_exists(year: int, org=PartyOrg) -> ColumnElement[bool]:
    """The organisation exists at the end of `year`: founded by then, or undated (counted in every year)."""
    return or_(org.founded_year.is_(None), org.founded_year <= year)


def holds_members(org=PartyOrg) -> ColumnElement[bool]:
    """Committees, general branches and branches hold membership; groups and households are subsets of
    their branch, so their members are never added again."""
    return org.org_type.in_(MEMBER_HOLDING_TYPES)


def is_member_holding(org_type: str | None) -> bool:
    """Plain-Python twin of holds_members for one organisation already read."""
    return org_type in MEMBER_HOLDING_TYPES


def counted_org(org=PartyOrg) -> ColumnElement[bool]:
    """An organisation of the headline figure "基层党组织": a member-holding organisation of one of the five
    graded categories (the leading committees 市委, 区委, 街道党工委 are not grassroots organisations)."""
    return and_(org.category.in_(ORG_CATEGORIES), holds_members(org))


def is_counted_org(category: str | None, org_type: str | None) -> bool:
    """Plain-Python twin of counted_org for one organisation (the demo generator grades these)."""
    return category in ORG_CATEGORIES and is_member_holding(org_type)


def counted_members(year: int, org=PartyOrg) -> ColumnElement[bool]:
    """Whose members the headline figure "党员" adds up: every member-holding organisation (leading
    committees included, for their direct members) that exists at the end of `year`."""
    return and_(holds_members(org), org_exists(year, org))


# --- Grades ----------------------------------------------------------------------------------------------------

def grade_a(rating=Rating) -> ColumnElement[bool]:
    return rating.grade == "A"


def share(part: float | None, whole: float | None) -> float | None:
    """part / whole, None when there is nothing to divide by (shown as "—", never as 0 %)."""
    return part / whole if whole else None


# --- The data itself --------------------------------------------------------------------------------------

DEMO_ORIGIN = "demo"  # DatasetInfo "origin" of a store the demo generator built


def is_demo(info: Mapping[str, object]) -> bool:
    """Whether a store's dataset facts (DatasetInfo as a dict) say it holds 示例数据: the UI, the exports and the
    briefing mark it, and 演示模式 needs no login."""
    return info.get("origin") == DEMO_ORIGIN
