"""Building coverage (楼宇覆盖): towers, garden compounds, parks and markets, and who covers them.

A building counts as covered in `year` when it has a covering organisation that took it on by the end
of that year (models.rules.covered_in: a coverage without a year counts in every year). The page's
default selection of towers is models.rules.is_tower, what the overview's coverage rate counts.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from sqlalchemy import case, distinct, func, select
from sqlalchemy.orm import Session, aliased

from models import coverage, rules
from models.queries.common import AGGREGATE, DETAIL, Area, OutOfScope, Scope, frame, query, visible, within
from models.tables import Building, BuildingNearest, PartyOrg, Rating, Region, ServiceCenter


def _covering(year: int):
    """Join condition of a building and the organisation covering it at the end of `year`."""
    return rules.covering_org(year)


def _selection(stmt, *, area: Area, kind: str, min_floors: int | None):
    return within(stmt.where(rules.building_selected(kind, min_floors)), Building, area)


def _counted(flag):
    return func.coalesce(func.sum(case((flag, 1), else_=0)), 0)


def _sum_if(flag, column):
    return func.coalesce(func.sum(case((flag, column), else_=0)), 0)


@dataclass(frozen=True)
class Summary:
    """Headline figures of one building kind in an area and year."""

    buildings: int
    covered: int
    firms: int
    firms_covered: int
    members: int
    members_covered: int
    orgs_by_kind: dict[str, int] = field(default_factory=dict)  # covering organisations per org kind
    small: bool = False  # 1 or 2 buildings, withheld for the viewer (set by the loader, models.access)

    @property
    def uncovered(self) -> int:
        return self.buildings - self.covered

    @property
    def rate(self) -> float | None:
        return rules.share(self.covered, self.buildings)


@query(AGGREGATE)
def coverage_summary(session: Session, *, scope: Scope, area: Area, year: int, kind: str, min_floors: int | None = None) -> Summary:
    """Buildings, covered, firms and members (all and covered), covering organisations by their kind."""
    is_covered = PartyOrg.id.is_not(None)
    base = select(
        func.count(Building.id),
        _counted(is_covered),
        func.coalesce(func.sum(Building.firms), 0),
        _sum_if(is_covered, Building.firms),
        func.coalesce(func.sum(Building.members), 0),
        _sum_if(is_covered, Building.members),
    ).select_from(Building).outerjoin(PartyOrg, _covering(year))
    row = session.execute(_selection(base, area=area, kind=kind, min_floors=min_floors)).one()
    orgs = _selection(
        select(PartyOrg.kind, func.count(distinct(PartyOrg.id))).select_from(Building).join(PartyOrg, _covering(year)),
        area=area, kind=kind, min_floors=min_floors,
    ).group_by(PartyOrg.kind)
    return Summary(*(int(v) for v in row), orgs_by_kind={k: int(n) for k, n in session.execute(orgs)})


@query(AGGREGATE)
def coverage_by_region(
    session: Session, *, scope: Scope, area: Area, year: int, kind: str, min_floors: int | None = None
) -> pd.DataFrame:
    """name, buildings, covered, uncovered, firms_covered, members_covered, rate: per district (city view)
    or per street of the district (district and street views), best rate first."""
    child_level = rules.comparison_level(area)
    key = getattr(Building, f"{child_level}_id")
    is_covered = PartyOrg.id.is_not(None)
    per_region = _selection(
        select(
            key.label("rid"),
            func.count(Building.id).label("buildings"),
            _counted(is_covered).label("covered"),
            _sum_if(is_covered, Building.firms).label("firms_covered"),
            _sum_if(is_covered, Building.members).label("members_covered"),
        ).select_from(Building).outerjoin(PartyOrg, _covering(year)),
        area=Area(area.district_id), kind=kind, min_floors=min_floors,
    ).group_by(key).subquery()
    regions = select(Region.name, *(func.coalesce(c, 0).label(c.name) for c in list(per_region.c)[1:])).where(
        rules.compared_regions(area)
    )
    df = frame(session, regions.outerjoin(per_region, per_region.c.rid == Region.id).order_by(Region.id))
    df["uncovered"] = df["buildings"] - df["covered"]
    df["rate"] = (df["covered"] / df["buildings"].where(df["buildings"] > 0)).astype(float)
    return df.sort_values(["rate", "buildings"], ascending=False, na_position="last", kind="stable").reset_index(
        drop=True
    )


@query(DETAIL)
def building_list(session: Session, *, scope: Scope, area: Area, year: int, kind: str, min_floors: int | None = None,
                  nearest: bool = False) -> pd.DataFrame:
    """One row per building: id, code, name, kind, floors, firms, members, district, street, lon, lat,
    covered, org_code, org_name, org_kind (the covering organisation at the end of `year`, else empty).

    `nearest`: also centre_code, centre_name, centre_tier, distance_m of the nearest located centre, read
    from BuildingNearest (models.rollups; only while it is fresh, else see nearest_centres)."""
    district, street = aliased(Region), aliased(Region)
    stmt = (
        select(
            Building.id, Building.code, Building.name, Building.kind, Building.floors, Building.firms,
            Building.members, district.name.label("district"), street.name.label("street"), Building.lon,
            Building.lat, PartyOrg.id.is_not(None).label("covered"), PartyOrg.code.label("org_code"),
            PartyOrg.name.label("org_name"), PartyOrg.kind.label("org_kind"),
        )
        .select_from(Building)
        .outerjoin(PartyOrg, _covering(year))
        .outerjoin(district, district.id == Building.district_id)
        .outerjoin(street, street.id == Building.street_id)
        .order_by(Building.id)
    )
    if nearest:
        stmt = (
            stmt.add_columns(ServiceCenter.code.label("centre_code"), ServiceCenter.name.label("centre_name"),
                             ServiceCenter.tier.label("centre_tier"), BuildingNearest.distance_m)
            .outerjoin(BuildingNearest, BuildingNearest.building_id == Building.id)
            .outerjoin(ServiceCenter, ServiceCenter.id == BuildingNearest.centre_id)
        )
    df = frame(session, visible(_selection(stmt, area=area, kind=kind, min_floors=min_floors), Building, scope))
    df["covered"] = df["covered"].astype(bool)
    if nearest:
        for col in ("centre_code", "centre_name", "centre_tier"):
            df[col] = df[col].astype("string")
        df["distance_m"] = df["distance_m"].astype(float)
    return df


@query(DETAIL)
def nearest_centres(session: Session, *, scope: Scope) -> pd.DataFrame:
    """building_id, centre_code, centre_name, centre_tier, distance_m: the nearest located service centre
    of every building the viewer sees in detail (NaN distance where the building or every centre lacks
    coordinates)."""
    b = frame(session, visible(select(Building.id, Building.lon, Building.lat), Building, scope).order_by(Building.id))
    c = frame(
        session,
        select(ServiceCenter.code, ServiceCenter.name, ServiceCenter.tier, ServiceCenter.lon, ServiceCenter.lat)
        .where(ServiceCenter.lon.is_not(None), ServiceCenter.lat.is_not(None))
        .order_by(ServiceCenter.id),
    )
    near = coverage.nearest(
        b["lon"].to_numpy(float, na_value=np.nan), b["lat"].to_numpy(float, na_value=np.nan),
        c["lon"].to_numpy(float), c["lat"].to_numpy(float),
    )
    found = near.index >= 0
    pick = np.where(found, near.index, 0)

    def column(name: str) -> pd.Series:
        values = c[name].to_numpy(object)[pick] if len(c) else np.full(len(b), None, dtype=object)
        return pd.Series(np.where(found, values, None), dtype="string")

    return pd.DataFrame({
        "building_id": b["id"].astype("int64"),
        "centre_code": column("code"),
        "centre_name": column("name"),
        "centre_tier": column("tier"),
        "distance_m": np.where(found, near.distance_m, np.nan),
    })


@dataclass(frozen=True)
class Grade:
    """The covering organisation's grade: its own (`grade`, `year`) or, for an organisation that is not
    graded itself (a park committee, say), the grades of its branches that year (`branch_grades`)."""

    grade: str | None = None
    year: int | None = None
    branch_grades: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class BuildingCard:
    code: str
    name: str
    kind: str
    floors: int | None
    firms: int
    members: int
    district: str | None
    street: str | None
    covered_since: int | None
    org_code: str | None
    org_name: str | None
    org_kind: str | None
    org_type: str | None
    org_members: int | None
    grade: Grade


def _grade(session: Session, *, org_id: int, year: int) -> Grade:
    own = session.execute(
        select(Rating.grade, Rating.year).where(Rating.org_id == org_id, Rating.year <= year)
        .order_by(Rating.year.desc()).limit(1)
    ).first()
    if own is not None:
        return Grade(own.grade, int(own.year))
    latest = select(func.max(Rating.year)).join(PartyOrg, PartyOrg.id == Rating.org_id).where(
        PartyOrg.parent_id == org_id, Rating.year <= year
    ).scalar_subquery()
    rows = session.execute(
        select(Rating.grade, func.count(), func.max(Rating.year)).join(PartyOrg, PartyOrg.id == Rating.org_id)
        .where(PartyOrg.parent_id == org_id, Rating.year == latest).group_by(Rating.grade).order_by(Rating.grade)
    ).all()
    return Grade(None, int(rows[0][2]) if rows else None, {g: int(n) for g, n, _ in rows})


@query(DETAIL)
def building_card(session: Session, *, scope: Scope, code: str, year: int) -> BuildingCard | None:
    """Everything the card of one building shows, as of the end of `year` (None if the code is unknown).

    Raises OutOfScope for a building outside the viewer's detail area.
    """
    district, street = aliased(Region), aliased(Region)
    row = session.execute(
        select(
            Building.code, Building.name, Building.kind, Building.floors, Building.firms, Building.members,
            district.name, street.name, Building.covered_since, PartyOrg.code, PartyOrg.name, PartyOrg.kind,
            PartyOrg.org_type, PartyOrg.members, PartyOrg.id, Building.district_id, Building.street_id,
        )
        .select_from(Building)
        .outerjoin(PartyOrg, _covering(year))
        .outerjoin(district, district.id == Building.district_id)
        .outerjoin(street, street.id == Building.street_id)
        .where(Building.code == code)
    ).first()
    if row is None:
        return None
    *values, org_id, district_id, street_id = row
    if not scope.covers(district_id, street_id):
        raise OutOfScope(code)
    card = BuildingCard(*values, grade=Grade())
    if org_id is None:
        return BuildingCard(**{**card.__dict__, "covered_since": None})
    return BuildingCard(**{**card.__dict__, "grade": _grade(session, org_id=org_id, year=year)})
