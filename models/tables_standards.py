"""The community standardisation check (社区党建标准化考核, issue 20 §2): one result per community and year
and the aspects that failed (models/standards.py holds the rules; models.tables re-exports the table)."""

from __future__ import annotations

from datetime import date

from sqlalchemy import CheckConstraint, UniqueConstraint
from sqlmodel import Field, SQLModel

from models import standards


class StandardCheck(SQLModel, table=True):
    """A community's standardisation result in one year: 达标 / 整改中 / 未达标 / 待考核 (seeds 001, 003).

    The six fail_* flags are the six aspects of seed 001, each linked to a first-level indicator of the
    quality tree (models.standards.ASPECTS -> models/indicators.py)."""

    id: int | None = Field(default=None, primary_key=True)
    region_id: int = Field(foreign_key="region.id", index=True)  # the community
    year: int = Field(index=True)
    district_id: int | None = Field(default=None, foreign_key="region.id", index=True)
    street_id: int | None = Field(default=None, foreign_key="region.id", index=True)
    result: str = Field(max_length=12)  # models.standards.RESULTS
    checked_on: date | None = None
    fail_organisation: bool = False  # 党组织建设 (indicator 1)
    fail_members: bool = False  # 党员管理 (2)
    fail_governance: bool = False  # 治理结构 (3)
    fail_service: bool = False  # 服务群众 (4)
    fail_duties: bool = False  # 工作职责 (5)
    fail_support: bool = False  # 运行保障 (6)
    note: str = Field(default="", max_length=200)

    __table_args__ = (
        UniqueConstraint("region_id", "year", name="uq_standardcheck_region_year"),
        CheckConstraint(standards.results_sql(), name="ck_standardcheck_result"),
        CheckConstraint(standards.failed_aspects_sql(), name="ck_standardcheck_aspects"),
    )
