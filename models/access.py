"""Who may see what: the viewer's scope, which every query function takes (issue 10).

A scope has a role and, for the district and street roles, the region it covers in full detail.
Outside that region a viewer sees aggregates only: counts and shares by region, the territorial
Party committees of city, district and street level, and the public service centres. Rows about
single organisations below street level, buildings, households and the 软弱涣散 register are
detail. Demo mode (demo data, no login) uses FULL, the city administrator's scope.

No streamlit import: the query layer and the command line use this module too.
"""

from __future__ import annotations

from dataclasses import dataclass

from models.area import CITY, Area
from models.rules import in_area_row

CITY_ADMIN = "city_admin"  # 市级管理员: everything, import, accounts
DISTRICT_LEADER = "district_leader"  # 区级领导: detail inside the district, aggregates elsewhere
STREET = "street"  # 街道: detail inside the street, aggregates above
VIEWER = "viewer"  # 只读观众: aggregates only (meeting-room screen)
ROLES = (CITY_ADMIN, DISTRICT_LEADER, STREET, VIEWER)

# Organisation levels that are aggregates in themselves: the territorial committees, shown to everyone.
AGGREGATE_ORG_LEVELS = ("city", "district", "street")


class OutOfScope(LookupError):
    """A single record was asked for that exists but lies outside the viewer's scope."""


@dataclass(frozen=True)
class Scope:
    """The viewer's scope. Frozen and hashable: loaders take it as a cache-key argument."""

    role: str
    district_id: int | None = None
    street_id: int | None = None
    actor: str = "demo"  # account name for the audit table

    def __post_init__(self) -> None:
        if self.role not in ROLES:
            raise ValueError(f"unknown role {self.role!r}")
        if self.role == DISTRICT_LEADER and self.district_id is None:
            raise ValueError("a district leader's scope needs its district")
        if self.role == STREET and (self.street_id is None or self.district_id is None):
            raise ValueError("a street scope needs its district and street")

    @property
    def detail(self) -> Area | None:
        """The area this viewer sees in full detail (CITY for the administrator), None for none."""
        if self.role == CITY_ADMIN:
            return CITY
        if self.role == DISTRICT_LEADER:
            return Area(district_id=self.district_id)
        if self.role == STREET:
            return Area(district_id=self.district_id, street_id=self.street_id)
        return None

    @property
    def can_administer(self) -> bool:
        """Imports, backups and accounts."""
        return self.role == CITY_ADMIN

    def covers(self, district_id: int | None, street_id: int | None) -> bool:
        """Whether a row placed in (district_id, street_id) lies inside the detail area (models.rules)."""
        return in_area_row(self.detail, district_id, street_id)

    def covers_area(self, area: Area) -> bool:
        """Whether the whole of a sidebar area lies inside the detail area (its own ids pass the area test)."""
        return in_area_row(self.detail, area.district_id, area.street_id)

    def detail_area(self, area: Area) -> Area | None:
        """The part of `area` this viewer sees in detail, None when it is none of it.

        A district leader asking for the whole city gets their district; asking for another
        district gets None.
        """
        detail = self.detail
        if detail is None:
            return None
        if self.covers_area(area):
            return area
        inside_area = area.is_city or (
            area.district_id == detail.district_id and (area.street_id is None or area.street_id == detail.street_id)
        )
        return detail if inside_area else None


FULL = Scope(role=CITY_ADMIN)
# Who reads public reference data (district names, the dataset's facts) for everyone, also before login.
ANONYMOUS = Scope(role=VIEWER, actor="anonymous")


# ---------------------------------------------------------------- small aggregates (issue 21)

# A figure over fewer organisations than this (a grade distribution, a share of grade A, a mean score)
# lets a reader work out single organisations' grades: outside the viewer's detail area it is shown as
# SMALL instead. Inside the detail area the viewer may see the organisations themselves anyway.
MIN_ORGS = 3
SMALL = "<3"


def hides_small(scope: Scope, district_id: int | None, street_id: int | None, n_orgs: float | None) -> bool:
    """Whether an aggregate over `n_orgs` organisations placed in (district_id, street_id) is suppressed for
    this viewer: fewer than MIN_ORGS (but some) and outside the viewer's detail area."""
    if n_orgs is None or n_orgs != n_orgs or not 0 < n_orgs < MIN_ORGS:  # None, NaN, none at all, or enough
        return False
    return not scope.covers(district_id, street_id)


def suppress_small(df, scope: Scope, *, count: str, place, values: tuple[str, ...]):
    """A copy of `df` in which the rows `hides_small` refuses have NaN in `count` and `values` and True in
    `small` (renderers show SMALL for them). `place(row) -> (district_id, street_id)` says where a row's
    organisations are. The one place the rule is applied to read models (components/loaders)."""
    out = df.copy()
    hidden = [hides_small(scope, *place(row), row[count]) for row in out.to_dict("records")]
    out["small"] = hidden
    if any(hidden):
        mask = out["small"]
        for col in (count, *values):
            out[col] = out[col].astype(float).where(~mask)
    return out
