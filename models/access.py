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

# A figure over fewer organisations (or persons, or buildings) than this -- a count, a grade distribution,
# a share of grade A, members of the organisations counted, a mean age -- lets a reader work out single
# organisations: outside the viewer's detail area it is shown as SMALL ("<3") instead. Inside the detail
# area the viewer may see the organisations themselves anyway, so nothing is withheld there.
MIN_ORGS = 3
SMALL = "<3"
# Mark codes a suppressed cell carries in `<flag>_mark` (renderers read them through the label catalogue:
# scope.small / scope.withheld, with the footnote scope.small_note):
MARK_SMALL = "small"  # fewer than MIN_ORGS
MARK_WITHHELD = "withheld"  # secondary suppression: hidden so that a published total cannot give a small cell


def hides_small(scope: Scope, district_id: int | None, street_id: int | None, n_orgs: float | None) -> bool:
    """Whether an aggregate over `n_orgs` organisations placed in (district_id, street_id) is suppressed for
    this viewer: fewer than MIN_ORGS (but some) and outside the viewer's detail area."""
    if n_orgs is None or n_orgs != n_orgs or not 0 < n_orgs < MIN_ORGS:  # None, NaN, none at all, or enough
        return False
    return not scope.covers(district_id, street_id)


def hides_small_in(scope: Scope, area: Area, n_orgs: float | None) -> bool:
    """hides_small for a figure over the whole of a sidebar area (a KPI card, a briefing sentence)."""
    return hides_small(scope, area.district_id, area.street_id, n_orgs)


def suppress_pair(pair, scope: Scope, area: Area, n_now: float | None, n_before: float | None = None):
    """A figure now and the year before (models.queries.overview.Pair or alike, with a `small` field) for a
    card: `now` None and `small` True when it is over too few; `before` None when the year before was (so
    the change on last year cannot give it away either)."""
    from dataclasses import replace

    small_now = hides_small_in(scope, area, n_now)
    small_before = hides_small_in(scope, area, n_before)
    return replace(pair, now=None if small_now else pair.now,
                   before=None if small_now or small_before else pair.before, small=small_now)


def suppress_small(df, scope: Scope, *, count: str, place, values: tuple[str, ...], flag: str = "small",
                   group: str | None = None, secondary: bool = False):
    """A copy of `df` in which the rows `hides_small` refuses have NaN in `count` and `values`, True in
    `flag` and MARK_SMALL in `<flag>_mark` (renderers show SMALL for them). `place(row) -> (district_id,
    street_id)` says where a row's organisations are. `group` names the column whose rows form one
    aggregate (a region's four grade rows), else every row is one. The one place the rule is applied to
    read models (components/loaders).

    `secondary`: the frame is a breakdown whose total is published elsewhere (a KPI card, a sum row), so a
    single suppressed group could be recomputed by subtraction. Then, when exactly one group is withheld,
    the smallest other non-empty group outside the viewer's detail area is withheld too (MARK_WITHHELD):
    two unknowns with a known sum do not give either. Applied to each frame as a whole, once per count."""
    out = df.copy()
    records = out.to_dict("records")
    keys = [r[group] for r in records] if group else list(range(len(records)))
    marks = ["" for _ in records]
    counts: dict = {}
    outside: set = set()
    for i, (key, row) in enumerate(zip(keys, records, strict=True)):
        where = place(row)
        counts.setdefault(key, row[count])
        if not scope.covers(*where):
            outside.add(key)
        if hides_small(scope, *where, row[count]):
            marks[i] = MARK_SMALL
    hidden = {k for k, m in zip(keys, marks, strict=True) if m}
    if secondary and len(hidden) == 1:
        others = [(float(n), pos, k) for pos, (k, n) in enumerate(counts.items())
                  if k not in hidden and k in outside and n is not None and n == n and n > 0]
        if others:
            chosen = min(others, key=lambda o: o[:2])[2]
            marks = [MARK_WITHHELD if k == chosen else m for k, m in zip(keys, marks, strict=True)]
    out[flag] = [bool(m) for m in marks]
    out[f"{flag}_mark"] = marks
    if any(marks):
        mask = out[flag]
        for col in dict.fromkeys((count, *values)):
            out[col] = out[col].astype(float).where(~mask)
    return out
