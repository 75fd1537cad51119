"""Tables of 党建项目认领 (issue 20 §1): the community micro-projects and the units that claim them
(models.tables re-exports them).

Seed 000: in 南湖街道 292 projects had been claimed by 130 units, reaching 13,000+ people; seed 004: a
community committee packages residents' needs (党建创新, 民生服务, 公益活动, 志愿服务) into micro-projects that
党代表, 党群组织, 驻区单位 and firms claim and carry out. The status follows the dates (CHECKs below; the
rules of a year's state are models/project_rules.py).
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import CheckConstraint
from sqlmodel import Field, SQLModel

from models.vocab import PROJECT_NEEDS, PROJECT_STATUSES, PROJECT_UNIT_TYPES


def _sql_in(values: tuple[str, ...]) -> str:
    return ", ".join(f"'{v}'" for v in values)


class ClaimUnit(SQLModel, table=True):
    """A unit that claims projects: a 党代表 (or the 党代表工作室), a 驻区单位, a firm, a social organisation or a
    党群组织. Identified by its name (the registers name units, not codes)."""

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=96, unique=True)
    unit_type: str = Field(max_length=16)  # vocab.PROJECT_UNIT_TYPES

    __table_args__ = (
        CheckConstraint(f"unit_type IN ({_sql_in(PROJECT_UNIT_TYPES)})", name="ck_claimunit_type"),
    )


class PartyProject(SQLModel, table=True):
    """One community micro-project of the claiming programme, its claiming unit, dates and the people reached."""

    id: int | None = Field(default=None, primary_key=True)
    code: str = Field(max_length=32, unique=True)
    title: str = Field(max_length=96)
    need: str = Field(max_length=16)  # vocab.PROJECT_NEEDS
    region_id: int = Field(foreign_key="region.id", index=True)  # the community that published it
    district_id: int | None = Field(default=None, foreign_key="region.id", index=True)
    street_id: int | None = Field(default=None, foreign_key="region.id", index=True)
    unit_id: int | None = Field(default=None, foreign_key="claimunit.id", index=True)
    status: str = Field(max_length=16)  # vocab.PROJECT_STATUSES, as of the data's date
    published_on: date
    claimed_on: date | None = None
    completed_on: date | None = None
    beneficiaries: int = Field(default=0, ge=0)  # party members and residents reached, directly or not
    lon: float | None = None
    lat: float | None = None

    __table_args__ = (
        CheckConstraint(f"need IN ({_sql_in(PROJECT_NEEDS)})", name="ck_project_need"),
        CheckConstraint(f"status IN ({_sql_in(PROJECT_STATUSES)})", name="ck_project_status"),
        CheckConstraint("beneficiaries >= 0", name="ck_project_beneficiaries"),
        # 待认领: no unit, no claiming date; otherwise both
        CheckConstraint("(status = 'open' AND unit_id IS NULL AND claimed_on IS NULL) OR "
                        "(status <> 'open' AND unit_id IS NOT NULL AND claimed_on IS NOT NULL)", name="ck_project_claimed"),
        # 已完成: a completion date; otherwise none
        CheckConstraint("(status = 'done' AND completed_on IS NOT NULL) OR (status <> 'done' AND completed_on IS NULL)",
                        name="ck_project_completed"),
        CheckConstraint("claimed_on IS NULL OR claimed_on >= published_on", name="ck_project_claimed_after"),
        CheckConstraint("completed_on IS NULL OR completed_on >= claimed_on", name="ck_project_completed_after"),
    )
