"""Tables of the party workforce and programmes of issue 20: secretaries, community committee staffing,
committee scores, volunteers, 同乡村 organisations (models.tables re-exports them)."""

from __future__ import annotations

from sqlalchemy import CheckConstraint, UniqueConstraint
from sqlmodel import Field, SQLModel

from models import grading
from models.tables import _SCORES
from models.vocab import EDUCATION_LEVELS

_EDUCATION_SQL = ", ".join(f"'{e}'" for e in EDUCATION_LEVELS)


class Secretary(SQLModel, table=True):
    """The secretary in post of one Party organisation (seed 003: 南湾's 14; DOMAIN.md §4).

    Birth year, not an age band, so the average age of any year is exact (models/team_rules.py); the
    name is optional and only detail roles see it (models/queries/team.py).
    """

    id: int | None = Field(default=None, primary_key=True)
    org_id: int = Field(foreign_key="partyorg.id", unique=True)
    district_id: int | None = Field(default=None, foreign_key="region.id", index=True)
    street_id: int | None = Field(default=None, foreign_key="region.id", index=True)
    name: str | None = Field(default=None, max_length=32)
    birth_year: int
    education: str = Field(max_length=16)  # vocab.EDUCATION_LEVELS
    tenure_start: int  # year the secretary took office in this organisation
    terms_served: int = Field(default=1, ge=1)

    __table_args__ = (
        CheckConstraint(f"education IN ({_EDUCATION_SQL})", name="ck_secretary_education"),
        CheckConstraint("birth_year >= 1930 AND birth_year <= 2010", name="ck_secretary_birth_year"),
        CheckConstraint("tenure_start >= birth_year + 18", name="ck_secretary_tenure"),
        CheckConstraint("terms_served >= 1", name="ck_secretary_terms"),
    )


class CommitteeStaffing(SQLModel, table=True):
    """Posts filled in a community committee: 书记, 专职副书记, 专职组织员 (seed 004: all 83 in 罗湖)."""

    org_id: int = Field(primary_key=True, foreign_key="partyorg.id")
    district_id: int | None = Field(default=None, foreign_key="region.id", index=True)
    street_id: int | None = Field(default=None, foreign_key="region.id", index=True)
    secretary: bool = True
    deputy: bool = False  # 专职副书记
    organiser: bool = False  # 专职组织员


class CommitteeScore(SQLModel, table=True):
    """Annual performance score of a 区属党(工)委 (street 党工委, district 机关工委) from its three panels,
    weighed by models/grading.py like the grassroots grades (seed 004); ranked per district and year."""

    id: int | None = Field(default=None, primary_key=True)
    org_id: int = Field(foreign_key="partyorg.id", index=True)
    year: int = Field(index=True)
    district_id: int | None = Field(default=None, foreign_key="region.id", index=True)
    street_id: int | None = Field(default=None, foreign_key="region.id", index=True)
    score_committee: float
    score_department: float
    score_social: float
    composite: float

    __table_args__ = (
        UniqueConstraint("org_id", "year", name="uq_committee_score_org_year"),
        *(CheckConstraint(f"{c} >= 0 AND {c} <= 100", name=f"ck_committee_{c}") for c in _SCORES),
        CheckConstraint(f"ABS(composite - {grading.composite_sql(*_SCORES)}) <= 0.051",
                        name="ck_committee_composite"),
    )


class VolunteerYear(SQLModel, table=True):
    """Registered volunteers, service hours and 爱心银行 points of one street in one year (seed 003)."""

    street_id: int = Field(primary_key=True, foreign_key="region.id")
    year: int = Field(primary_key=True)
    district_id: int | None = Field(default=None, foreign_key="region.id", index=True)
    volunteers: int = Field(default=0, ge=0)
    service_hours: float = Field(default=0.0, ge=0)
    love_bank_points: int | None = Field(default=None, ge=0)  # None: the street runs no 爱心银行

    __table_args__ = (
        CheckConstraint("volunteers >= 0 AND service_hours >= 0", name="ck_volunteer_counts"),
        CheckConstraint("love_bank_points IS NULL OR love_bank_points >= 0", name="ck_volunteer_points"),
    )


class HometownOrg(SQLModel, table=True):
    """A 同乡村 organisation: where its members come from, the street it is based in, its members and the
    migrant workers it reaches (seeds 000, 004: 罗湖's 12 reach about 200,000)."""

    id: int | None = Field(default=None, primary_key=True)
    code: str = Field(max_length=32, unique=True)
    name: str = Field(max_length=96)
    hometown: str = Field(max_length=32)  # 湖南攸县
    org_id: int | None = Field(default=None, foreign_key="partyorg.id", index=True)
    district_id: int | None = Field(default=None, foreign_key="region.id", index=True)
    street_id: int | None = Field(default=None, foreign_key="region.id", index=True)
    members: int = Field(default=0, ge=0)
    reach: int = Field(default=0, ge=0)

    __table_args__ = (CheckConstraint("members >= 0 AND reach >= 0", name="ck_hometown_counts"),)


# Derived tables (rollups, nearest centres) live beside these, rebuilt by models.rollups after every write.
