"""SQLModel tables of the store.

Every row that lives somewhere carries `district_id` and `street_id` (denormalised from the region
tree) so that the sidebar filter is one indexed equality, whatever the table.
Coordinates are WGS-84 (DOMAIN.md §6); conversion to GCJ-02 happens only for a basemap.
"""

from __future__ import annotations

from datetime import date, datetime, timezone

from sqlalchemy import CheckConstraint, DateTime, Index, String, TypeDecorator, UniqueConstraint
from sqlmodel import Field, SQLModel

from models import grading, indicators


def byte_ordered(length: int) -> String:
    """A string compared byte by byte on every back-end, as SQLite always does. PostgreSQL otherwise uses
    the database's collation, which in a zh_CN / en_US database ignores "/" and "-" when ordering: the
    path ranges that select a subtree would then miss or take in the wrong rows, and codes would sort
    differently from SQLite."""
    return String(length).with_variant(String(length, collation="C"), "postgresql")


class UTCDateTime(TypeDecorator):
    """A moment, read back aware in UTC: TIMESTAMP WITH TIME ZONE on PostgreSQL, UTC wall time on SQLite.

    Writers hand in aware datetimes of any zone (the importer Beijing time, the login UTC). SQLite has no
    zone in its column and kept each writer's own wall time, so lines written a second apart could read
    eight hours apart; here every value is turned into UTC first. A naive value is taken as UTC."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is None or value.tzinfo is None:
            return value
        value = value.astimezone(timezone.utc)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value, dialect):
        if value is None:
            return None
        return value.replace(tzinfo=timezone.utc) if value.tzinfo is None else value.astimezone(timezone.utc)


class Region(SQLModel, table=True):
    """Territorial tree: city -> district -> street -> community -> grid."""

    id: int | None = Field(default=None, primary_key=True)
    code: str = Field(max_length=24, unique=True)
    name: str = Field(max_length=64)
    level: str = Field(max_length=12, index=True)
    parent_id: int | None = Field(default=None, foreign_key="region.id", index=True)
    district_id: int | None = Field(default=None, foreign_key="region.id", index=True)
    street_id: int | None = Field(default=None, foreign_key="region.id", index=True)
    official: bool = True  # code and name from an official list (NBS), not generated
    lon: float | None = None
    lat: float | None = None
    area_km2: float | None = None
    population: int | None = None


class PartyOrg(SQLModel, table=True):
    """Party organisations: the territorial chain and the non-territorial categories."""

    id: int | None = Field(default=None, primary_key=True)
    code: str = Field(max_length=32, unique=True, sa_type=byte_ordered(32))
    name: str = Field(max_length=96, index=True)
    level: str = Field(max_length=12, index=True)
    org_type: str = Field(max_length=16)
    category: str = Field(max_length=16, index=True)
    kind: str = Field(max_length=24, index=True)
    parent_id: int | None = Field(default=None, foreign_key="partyorg.id", index=True)
    # Materialised path of ids ("/1/12/345/"): subtree = path prefix, ancestors = its parts.
    path: str = Field(default="", max_length=255, index=True, sa_type=byte_ordered(255))
    depth: int = 0
    region_id: int | None = Field(default=None, foreign_key="region.id", index=True)
    district_id: int | None = Field(default=None, foreign_key="region.id", index=True)
    street_id: int | None = Field(default=None, foreign_key="region.id", index=True)
    members: int = Field(default=0, ge=0)  # direct members; see vocab.MEMBER_HOLDING_TYPES
    founded_year: int | None = None
    secretary_age_band: str | None = Field(default=None, max_length=8)
    secretary_education: str | None = Field(default=None, max_length=16)
    # Terms and the secretary's post (models/alerts.py holds the rules; issue 19).
    last_election_on: date | None = None  # the last 换届 election of its committee (or secretary)
    term_years: int | None = None  # term length it was elected for (blank on import: models.alerts.TERM_RULES)
    secretary_vacant_since: date | None = Field(default=None, index=True)  # post vacant since (None: filled)
    secretary_changed_on: date | None = None  # the current secretary took office on
    secretary_change: str | None = Field(default=None, max_length=8)  # models.alerts.SECRETARY_CHANGES

    __table_args__ = (
        CheckConstraint("members >= 0", name="ck_org_members"),
        # No CHECK on the new columns: adding one makes SQLite rebuild partyorg, which the tables that refer
        # to it forbid; the importer checks term_years and secretary_change (data/importing/specs.py).
        # covering for the counts by district or street of the problem list (no table lookup per organisation)
        Index("ix_partyorg_term", "term_years", "last_election_on", "district_id", "street_id"),
        Index("ix_partyorg_secretary_change", "secretary_change", "secretary_changed_on"),
    )


class OrgRollup(SQLModel, table=True):
    """Aggregates of an organisation's whole subtree, rebuilt by models.org_rollup after every write.

    Summing a subtree on read touches every row below it (at the city node, the whole table); with
    this table a drill step reads one row per child. bench/orgs.py measures both.
    """

    org_id: int = Field(primary_key=True, foreign_key="partyorg.id")
    members: int = 0  # members of the member-holding organisations in the subtree (itself included)
    orgs_below: int = 0
    centres: int = 0  # service centres run by the organisation or any below it
    buildings: int = 0  # buildings covered by the organisation or any below it
    # Organisations below, by level (vocab.ORG_LEVELS without "city", which is never below anything).
    below_district: int = 0
    below_street: int = 0
    below_community: int = 0
    below_grid: int = 0
    below_building: int = 0
    below_household: int = 0
    below_unit: int = 0


class ServiceCenter(SQLModel, table=True):
    """Party-mass service centres (党群服务中心) of the 1+10+N system."""

    id: int | None = Field(default=None, primary_key=True)
    code: str = Field(max_length=32, unique=True)
    name: str = Field(max_length=96)
    tier: str = Field(max_length=12, index=True)
    region_id: int | None = Field(default=None, foreign_key="region.id", index=True)
    district_id: int | None = Field(default=None, foreign_key="region.id", index=True)
    street_id: int | None = Field(default=None, foreign_key="region.id", index=True)
    org_id: int | None = Field(default=None, foreign_key="partyorg.id", index=True)
    address: str = Field(default="", max_length=160)
    lon: float | None = None
    lat: float | None = None
    floor_area_m2: float | None = None
    function_rooms: int | None = None
    services: str = Field(default="", max_length=400)  # "、"-separated
    open_24h: bool = False
    opening_hours: str | None = Field(default=None, max_length=120)  # "周一至周日 9:00-21:00"; None: not recorded
    opened_on: date | None = None


class Building(SQLModel, table=True):
    """Buildings whose Party coverage is tracked: towers, residential compounds, parks, markets."""

    id: int | None = Field(default=None, primary_key=True)
    code: str = Field(max_length=32, unique=True)
    name: str = Field(max_length=96, index=True)
    kind: str = Field(max_length=12, index=True)
    floors: int | None = Field(default=None, ge=0)
    firms: int = Field(default=0, ge=0)
    members: int = Field(default=0, ge=0)
    org_id: int | None = Field(default=None, foreign_key="partyorg.id", index=True)
    covered_since: int | None = None  # year the covering organisation took it on
    region_id: int | None = Field(default=None, foreign_key="region.id", index=True)
    district_id: int | None = Field(default=None, foreign_key="region.id", index=True)
    street_id: int | None = Field(default=None, foreign_key="region.id", index=True)
    lon: float | None = None
    lat: float | None = None

    __table_args__ = (
        CheckConstraint("floors IS NULL OR floors >= 0", name="ck_building_floors"),
        CheckConstraint("firms >= 0 AND members >= 0", name="ck_building_counts"),
    )


_SCORES = ("score_committee", "score_department", "score_social")


class Rating(SQLModel, table=True):
    """Annual A-D grade of one organisation; composite and grade are bound to the components."""

    id: int | None = Field(default=None, primary_key=True)
    org_id: int = Field(foreign_key="partyorg.id", index=True)
    year: int = Field(index=True)
    score_committee: float
    score_department: float
    score_social: float
    composite: float
    grade: str = Field(max_length=1, index=True)
    weak: bool = False  # on the 软弱涣散 register during this year (entered this year or still open)

    __table_args__ = (
        UniqueConstraint("org_id", "year", name="uq_rating_org_year"),
        Index("ix_rating_year_grade", "year", "grade"),
        *(CheckConstraint(f"{c} >= 0 AND {c} <= 100", name=f"ck_{c}") for c in _SCORES),
        CheckConstraint(f"ABS(composite - {grading.composite_sql(*_SCORES)}) <= 0.051", name="ck_composite"),
        CheckConstraint(f"grade = {grading.grade_sql('composite')}", name="ck_grade_band"),
    )


class WeakOrgCase(SQLModel, table=True):
    """Entry of the 软弱涣散 register: a weak organisation under rectification."""

    id: int | None = Field(default=None, primary_key=True)
    org_id: int = Field(foreign_key="partyorg.id", index=True)
    year_entered: int = Field(index=True)
    first_secretary: bool = False
    status: str = Field(default="rectifying", max_length=12)  # rectifying | closed
    year_closed: int | None = None
    # Accountability as seed 004 describes it (issue 19): dates, 包点 leader, 第一书记, measures, review.
    opened_on: date | None = None  # entered the register on
    deadline: date | None = Field(default=None, index=True)  # rectification deadline
    closed_on: date | None = Field(default=None, index=True)  # passed the closing review on (销号)
    lead_leader: str = Field(default="", max_length=64)  # 包点区领导 (a 区委常委)
    first_secretary_name: str = Field(default="", max_length=32)
    first_secretary_rank: str = Field(default="", max_length=32)  # 职级
    first_secretary_unit: str = Field(default="", max_length=96)  # 派出单位
    first_secretary_since: date | None = None
    measures: str = Field(default="", max_length=400)  # 整改措施
    closing_review: str = Field(default="", max_length=400)  # 验收评估意见

    __table_args__ = (
        CheckConstraint("deadline IS NULL OR opened_on IS NULL OR deadline >= opened_on", name="ck_case_deadline"),
        CheckConstraint("closed_on IS NULL OR opened_on IS NULL OR closed_on >= opened_on", name="ck_case_closed"),
    )


class Boundary(SQLModel, table=True):
    """Outline of a region imported from the client's GIS office (GeoJSON geometry text, WGS-84)."""

    region_id: int = Field(primary_key=True, foreign_key="region.id")
    level: str = Field(max_length=12, index=True)
    district_id: int | None = Field(default=None, foreign_key="region.id", index=True)
    street_id: int | None = Field(default=None, foreign_key="region.id", index=True)
    geometry: str  # {"type": "Polygon"|"MultiPolygon", "coordinates": ...}
    source: str = Field(default="", max_length=160)  # file it came from
    imported_at: datetime


class DatasetInfo(SQLModel, table=True):
    """Facts about the loaded data: origin (demo/import), scale, seed, as-of date."""

    key: str = Field(primary_key=True, max_length=32)
    value: str = Field(max_length=200)


class AuditEntry(SQLModel, table=True):
    """Who did what to the store, and when."""

    id: int | None = Field(default=None, primary_key=True)
    at: datetime = Field(index=True, sa_type=UTCDateTime)  # UTC; shown in Beijing time (backup.CHINA_TZ)
    actor: str = Field(max_length=64)
    action: str = Field(max_length=32)
    detail: str = Field(default="", max_length=400)


class Account(SQLModel, table=True):
    """A person who may log in to 正式模式 (models/accounts.py keeps the rules; issue 10).

    `password_hash` is an argon2 hash, never the password; None for an account that logs in only
    through the identity provider (OIDC), matched by `email`.
    """

    id: int | None = Field(default=None, primary_key=True)
    username: str = Field(max_length=64, unique=True)
    display_name: str = Field(max_length=64)
    role: str = Field(max_length=16)  # models.access.ROLES
    district_id: int | None = Field(default=None, foreign_key="region.id")
    street_id: int | None = Field(default=None, foreign_key="region.id")
    password_hash: str | None = Field(default=None, max_length=255)
    email: str | None = Field(default=None, max_length=254, unique=True)  # lower case
    disabled: bool = False
    failed_attempts: int = Field(default=0, ge=0)
    locked_until: datetime | None = None
    created_at: datetime
    last_login_at: datetime | None = None

    __table_args__ = (
        CheckConstraint("role IN ('city_admin', 'district_leader', 'street', 'viewer')", name="ck_account_role"),
        CheckConstraint("failed_attempts >= 0", name="ck_account_failures"),
    )


class LoginSession(SQLModel, table=True):
    """One browser's password login to 正式模式 (models/login_sessions.py keeps the rules; issue 21).

    The browser holds a random token in an HttpOnly cookie; the store holds only its SHA-256, so a
    copy of the store (a backup) opens no session. A session ends when it is revoked (logout, the
    account disabled or its password reset), idle longer than the timeout, or past `expires_at`.
    Deleting an account deletes its sessions.
    """

    id: int | None = Field(default=None, primary_key=True)
    token_hash: str = Field(max_length=64, unique=True)
    account_id: int = Field(foreign_key="account.id", index=True, ondelete="CASCADE")
    created_at: datetime
    last_seen_at: datetime
    expires_at: datetime
    revoked_at: datetime | None = None
    revoked_reason: str | None = Field(default=None, max_length=16)


class IndicatorScore(SQLModel, table=True):
    """Score (0-100) of one organisation on one third-level quality indicator in one year.

    The tree is models/indicators.py; second- and first-level scores are means computed on read,
    never stored. The composite key is the one-score-per-indicator rule and the index of the
    per-organisation lookup; without a rowid SQLite keeps each row once (66 rows per graded
    organisation and year make this the largest table).
    """

    org_id: int = Field(foreign_key="partyorg.id", primary_key=True)
    year: int = Field(primary_key=True)
    code: str = Field(max_length=8, primary_key=True)
    score: float

    __table_args__ = (
        CheckConstraint("score >= 0 AND score <= 100", name="ck_indicator_score"),
        CheckConstraint(indicators.leaf_code_sql("code"), name="ck_indicator_code"),
        {"sqlite_with_rowid": False},
    )


# The secretary team, committee scores, volunteers and 同乡村 (issue 20 §3-5) live in models/tables_team.py.
from models.tables_team import (  # noqa: E402, F401  (registered on SQLModel.metadata with the rest)
    CommitteeScore, CommitteeStaffing, HometownOrg, Secretary, VolunteerYear,
)
from models.tables_standards import StandardCheck  # noqa: E402, F401  (issue 20 §2)
from models.tables_projects import ClaimUnit, PartyProject  # noqa: E402, F401  (issue 20 §1, 党建项目认领)
from models.tables_derived import (  # noqa: E402, F401  (registered on SQLModel.metadata with the rest)
    BuildingFactRollup, BuildingNearest, GradeRollup, OrgFactRollup, TransitionRollup,
)
