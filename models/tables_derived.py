"""Derived tables of the store: aggregate rollups and each building's nearest centre (issue 16).

Nothing here is entered by anyone: models/rollups.py defines every row as a select() over the detail
tables of models/tables.py and rebuilds them after every write; models.tables re-exports them.
"""

from __future__ import annotations

from sqlmodel import Field, SQLModel


class GradeRollup(SQLModel, table=True):
    """Grades counted by year, category, area (district, street, community) and grade, with the sum of
    the composites: what the grade pages aggregate, without joining every Rating to PartyOrg and Region.
    Derived data, rebuilt by models.rollups after every write (its select() is the definition)."""

    id: int | None = Field(default=None, primary_key=True)
    year: int = Field(index=True)
    category: str = Field(max_length=16)
    district_id: int | None = Field(default=None, index=True)
    street_id: int | None = Field(default=None, index=True)
    community_id: int | None = None  # the organisation's community (a grid's parent); None above communities
    grade: str = Field(max_length=1)
    n: int = 0
    composite_sum: float = 0.0


class TransitionRollup(SQLModel, table=True):
    """Organisations graded in a year and the year before, by year, category, district, street and the
    two grades (models.rollups)."""

    id: int | None = Field(default=None, primary_key=True)
    year: int = Field(index=True)
    category: str = Field(max_length=16)
    district_id: int | None = Field(default=None, index=True)
    street_id: int | None = Field(default=None, index=True)
    prev_grade: str = Field(max_length=1)
    grade: str = Field(max_length=1)
    n: int = 0


class OrgFactRollup(SQLModel, table=True):
    """Organisations and their direct members by district, street, category, type and founding year:
    every column a counting rule of models.rules reads (counted_org, holds_members, org_exists), so the
    rules apply to this table as to PartyOrg (models.rollups)."""

    id: int | None = Field(default=None, primary_key=True)
    district_id: int | None = Field(default=None, index=True)
    street_id: int | None = Field(default=None, index=True)
    category: str = Field(max_length=16)
    org_type: str = Field(max_length=16)
    founded_year: int | None = None
    n: int = 0
    members: int = 0


class BuildingFactRollup(SQLModel, table=True):
    """Buildings by district, street, kind, floors, whether an organisation covers them and since when:
    every column models.rules reads for is_tower and covered_in (models.rollups)."""

    id: int | None = Field(default=None, primary_key=True)
    district_id: int | None = Field(default=None, index=True)
    street_id: int | None = Field(default=None, index=True)
    kind: str = Field(max_length=12)
    floors: int | None = None
    covered: bool = False  # has a covering organisation (models.rules.has_covering_org)
    covered_since: int | None = None
    n: int = 0


class BuildingNearest(SQLModel, table=True):
    """The nearest located service centre of each located building (any tier, open or not: what the
    building list shows beside each building), rebuilt with the rollups (models.rollups) after writes."""

    building_id: int = Field(primary_key=True)
    centre_id: int
    distance_m: float
