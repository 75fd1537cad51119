"""Service centres of the 1+10+N system, the facts of an area, and the places a centre should reach.

A centre counts in `year` when it is open by the end of that year (models.rules.centre_open: an undated
centre counts in every year). Coordinates outside Shenzhen or missing are reported (`problem`), never
dropped.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
from sqlalchemy import and_, case, func, literal, or_, select
from sqlalchemy.orm import Session, aliased

from models import rules
from models.geo import SHENZHEN_BBOX
from models.queries.common import AGGREGATE, DETAIL, PUBLIC, Area, Scope, frame, org_visible, outside, query, within
from models.tables import Building, PartyOrg, Region, ServiceCenter
from models.vocab import CENTRE_TIERS, REACH_KINDS

MISSING, OUTSIDE = "missing", "outside"
HOSTED_TIERS = ("park", "market", "tower")  # centres hosted by a building rather than a region
CENTRE_SUFFIX = "党群服务中心"


def _problem():
    """Why a centre cannot be placed on the map (NULL when it can)."""
    w, s, e, n = SHENZHEN_BBOX
    lon, lat = ServiceCenter.lon, ServiceCenter.lat
    inside = and_(lon >= w, lon <= e, lat >= s, lat <= n)
    return case((or_(lon.is_(None), lat.is_(None)), literal(MISSING)), (~inside, literal(OUTSIDE)), else_=None)


@query(DETAIL)
def centres(session: Session, *, scope: Scope, area: Area, year: int, tiers: tuple[str, ...] = CENTRE_TIERS) -> pd.DataFrame:
    """One row per centre of `tiers` in the area open in `year`, in 1+10+N order, with its region and organisation.

    Centres are public places, listed for every viewer; the organisation running one is named only when
    the viewer may open it (org_code and org_name are empty otherwise).
    """
    district, street, region = aliased(Region), aliased(Region), aliased(Region)
    order = case({tier: i for i, tier in enumerate(CENTRE_TIERS)}, value=ServiceCenter.tier)
    stmt = (
        select(
            ServiceCenter.id, ServiceCenter.code, ServiceCenter.name, ServiceCenter.tier,
            district.name.label("district"), street.name.label("street"), region.name.label("region"),
            region.level.label("region_level"), ServiceCenter.address, ServiceCenter.lon, ServiceCenter.lat,
            ServiceCenter.floor_area_m2, ServiceCenter.function_rooms, ServiceCenter.services,
            ServiceCenter.open_24h, ServiceCenter.opening_hours, ServiceCenter.opened_on,
            PartyOrg.code.label("org_code"),
            PartyOrg.name.label("org_name"), _problem().label("problem"),
        )
        .select_from(ServiceCenter)
        .outerjoin(district, district.id == ServiceCenter.district_id)
        .outerjoin(street, street.id == ServiceCenter.street_id)
        .outerjoin(region, region.id == ServiceCenter.region_id)
        .outerjoin(PartyOrg, and_(PartyOrg.id == ServiceCenter.org_id, org_visible(PartyOrg, scope)))
        .where(rules.centre_open(year), ServiceCenter.tier.in_(tiers))
        .order_by(order, ServiceCenter.id)
    )
    df = frame(session, within(stmt, ServiceCenter, area))
    df["open_24h"] = df["open_24h"].astype(bool)
    # The host: the region for territorial tiers, the park/market/tower named in the centre's name otherwise.
    hosted = df["tier"].isin(HOSTED_TIERS)
    df["host"] = df["region"].where(~hosted, df["name"].str.removesuffix(CENTRE_SUFFIX))
    for col in ("lon", "lat", "floor_area_m2"):
        df[col] = df[col].astype(float)
    return df


@query(PUBLIC)
def located_points(session: Session, *, scope: Scope, year: int, tiers: tuple[str, ...] = CENTRE_TIERS) -> pd.DataFrame:
    """name, lon, lat of the city's centres that can be placed (what reach is measured against)."""
    stmt = (
        select(ServiceCenter.name, ServiceCenter.lon, ServiceCenter.lat)
        .where(rules.centre_open(year), ServiceCenter.tier.in_(tiers), _problem().is_(None))
        .order_by(ServiceCenter.id)
    )
    df = frame(session, stmt)
    df["lon"], df["lat"] = df["lon"].astype(float), df["lat"].astype(float)
    return df


@query(AGGREGATE)
def tier_counts(session: Session, *, scope: Scope, area: Area, year: int) -> pd.DataFrame:
    """tier, centres, open_24h, unlocated: every tier listed, zeros included."""
    stmt = within(
        select(
            ServiceCenter.tier,
            func.count().label("centres"),
            func.coalesce(func.sum(case((ServiceCenter.open_24h, 1), else_=0)), 0).label("open_24h"),
            func.coalesce(func.sum(case((_problem().is_not(None), 1), else_=0)), 0).label("unlocated"),
        )
        .where(rules.centre_open(year))
        .group_by(ServiceCenter.tier),
        ServiceCenter,
        area,
    )
    df = frame(session, stmt).set_index("tier").reindex(list(CENTRE_TIERS), fill_value=0)
    return df.astype(int).rename_axis("tier").reset_index()


@dataclass(frozen=True)
class AreaFacts:
    """Land area and residents of the filtered area, where published (None otherwise)."""

    area_km2: float | None
    population: int | None


@query(PUBLIC)
def area_facts(session: Session, *, scope: Scope, area: Area) -> AreaFacts:
    if area.street_id is not None:
        stmt = select(Region.area_km2, Region.population).where(Region.id == area.street_id)
    elif area.district_id is not None:
        stmt = select(Region.area_km2, Region.population).where(Region.id == area.district_id)
    else:
        stmt = select(Region.area_km2, Region.population).where(Region.level == "city")
    row = session.execute(stmt).first()
    if row is None:
        return AreaFacts(None, None)
    return AreaFacts(row.area_km2, row.population)


@query(DETAIL)
def reach_targets(session: Session, *, scope: Scope, area: Area, communities_only: bool = False) -> pd.DataFrame:
    """Community seats, towers (models.rules.is_tower) and residential compounds: kind, id, name, ids and names of
    district and street, lon, lat. `communities_only`: the community seats alone (the problem list's reach
    item needs no building, and at 1 M organisations the buildings are 144,000 rows).

    Community seats are public. A building outside the viewer's detail area comes without its id and
    name: an anonymous point that still counts in the reach of its street and district.
    """
    district, street = aliased(Region), aliased(Region)
    communities = within(
        select(
            literal("community").label("kind"), Region.id, Region.name, Region.district_id, Region.street_id,
            district.name.label("district"), street.name.label("street"), Region.lon, Region.lat,
        )
        .select_from(Region)
        .join(district, district.id == Region.district_id)
        .join(street, street.id == Region.street_id)
        .where(Region.level == "community"),
        Region,
        area,
    )
    if communities_only:
        df = frame(session, communities)
        df["lon"], df["lat"] = df["lon"].astype(float), df["lat"].astype(float)
        return df.sort_values("id", ignore_index=True)
    # The buildings without the two joins to their regions' names (at 1 M organisations 144,000 rows, the
    # page's cold time): the names come from one lookup of the regions; a building whose district or street
    # is not a region is left out, as the joins did.
    buildings = within(
        select(Building.kind, Building.id, Building.name, Building.district_id, Building.street_id,
               Building.lon, Building.lat)
        .where(Building.district_id.is_not(None), Building.street_id.is_not(None))
        .where(or_(rules.is_tower(), rules.building_selected("residential"))),
        Building,
        area,
    )
    places = frame(session, buildings)
    names = frame(session, select(Region.id, Region.name)).set_index("id")["name"]
    places.insert(5, "district", places["district_id"].map(names))
    places.insert(6, "street", places["street_id"].map(names))
    places = places[places["district"].notna() & places["street"].notna()].reset_index(drop=True)
    hidden = outside(places, scope)
    places["id"] = places["id"].astype("Int64").mask(hidden)
    places["name"] = places["name"].astype(object).mask(hidden, None)
    df = pd.concat([frame(session, communities), places], ignore_index=True)
    df["lon"], df["lat"] = df["lon"].astype(float), df["lat"].astype(float)
    order = {k: i for i, k in enumerate(REACH_KINDS)}
    return df.sort_values(["kind", "id"], key=lambda s: s.map(order) if s.name == "kind" else s, ignore_index=True)


@query(PUBLIC)
def community_seats(session: Session, *, scope: Scope, area: Area) -> pd.DataFrame:
    """lon, lat of the community seats in the area, in region order (the public part of reach_targets,
    read from the regions alone: no tower or compound is loaded to be thrown away)."""
    stmt = within(select(Region.lon, Region.lat).where(Region.level == "community"), Region, area)
    df = frame(session, stmt.order_by(Region.id))
    df["lon"], df["lat"] = df["lon"].astype(float), df["lat"].astype(float)
    return df


@query(PUBLIC)
def region_names(session: Session, *, scope: Scope, level: str, area: Area) -> list[str]:
    """Names of the districts or streets inside the area, in reference order (for complete tables)."""
    stmt = select(Region.name).where(Region.level == level)
    if area.district_id is not None:
        stmt = stmt.where(Region.district_id == area.district_id)
    if area.street_id is not None and level == "street":
        stmt = stmt.where(Region.id == area.street_id)
    return list(session.execute(stmt.order_by(Region.id)).scalars())
