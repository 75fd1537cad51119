"""Regions, the filter's choices, and facts about the loaded data."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from models.queries.common import PUBLIC, Area, Scope, frame, query
from models.tables import Boundary, DatasetInfo, Rating, Region


@query(PUBLIC)
def districts(session: Session, *, scope: Scope) -> pd.DataFrame:
    """id, code, name of the districts, in reference order."""
    stmt = select(Region.id, Region.code, Region.name).where(Region.level == "district").order_by(Region.id)
    return frame(session, stmt)


@query(PUBLIC)
def streets(session: Session, *, scope: Scope, district_id: int | None) -> pd.DataFrame:
    """id, code, name, district_id of the streets of one district (all streets when None)."""
    stmt = select(Region.id, Region.code, Region.name, Region.district_id).where(Region.level == "street")
    if district_id is not None:
        stmt = stmt.where(Region.district_id == district_id)
    return frame(session, stmt.order_by(Region.id))


@query(PUBLIC)
def street_outlines(session: Session, *, scope: Scope, district_id: int) -> pd.DataFrame:
    """id, code, name, lon, lat (the street's seat, NaN where unknown) and boundary (an imported GeoJSON
    geometry as text, None where none was imported) of the streets of one district, in reference order."""
    stmt = (
        select(Region.id, Region.code, Region.name, Region.lon, Region.lat, Boundary.geometry.label("boundary"))
        .outerjoin(Boundary, Boundary.region_id == Region.id)
        .where(Region.level == "street", Region.district_id == district_id)
        .order_by(Region.id)
    )
    df = frame(session, stmt)
    df["lon"], df["lat"] = df["lon"].astype(float), df["lat"].astype(float)
    return df


@dataclass(frozen=True)
class ResolvedArea:
    """A filter given by names, resolved to ids; `unknown` names the parts that do not exist."""

    area: Area
    district: str | None
    street: str | None
    unknown: tuple[str, ...] = ()


@query(PUBLIC)
def resolve_area(session: Session, *, scope: Scope, district: str | None, street: str | None) -> ResolvedArea:
    """Turn the names of the sidebar/URL into an Area, dropping what does not exist."""
    unknown: list[str] = []
    district_id = street_id = None
    if district:
        district_id = session.execute(
            select(Region.id).where(Region.level == "district", Region.name == district)
        ).scalar_one_or_none()
        if district_id is None:
            unknown.append("district")
            district = None
    if street:
        stmt = select(Region.id, Region.district_id).where(Region.level == "street", Region.name == street)
        if district_id is not None:
            stmt = stmt.where(Region.district_id == district_id)
        row = session.execute(stmt).first()
        if row is None:
            unknown.append("street")
            street = None
        else:
            street_id = row.id
            if district_id is None:
                district_id = row.district_id
                district = session.get(Region, district_id).name
    return ResolvedArea(Area(district_id, street_id), district, street, tuple(unknown))


@query(PUBLIC)
def rating_years(session: Session, *, scope: Scope) -> list[int]:
    """The years that have grades, oldest first.

    A loose index scan (one index seek per year, on ix_rating_year_grade) instead of DISTINCT, which reads
    the whole index: every page asks, and at 1 M organisations that index has 2.5 M entries.
    """
    first = select(func.min(Rating.year).label("year")).cte("years", recursive=True)
    following = select(
        select(func.min(Rating.year)).where(Rating.year > first.c.year).scalar_subquery().label("year")
    ).where(first.c.year.is_not(None))
    years = first.union_all(following)
    stmt = select(years.c.year).where(years.c.year.is_not(None)).order_by(years.c.year)
    return [int(y) for y in session.execute(stmt).scalars()]


@query(PUBLIC)
def dataset_info(session: Session, *, scope: Scope) -> dict[str, str]:
    return {k: v for k, v in session.execute(select(DatasetInfo.key, DatasetInfo.value))}


@query(PUBLIC)
def region_names(session: Session, *, scope: Scope, district_id: int | None, street_id: int | None) -> tuple[str | None, str | None]:
    """The names of a district and a street given by id (None for None or an unknown id)."""
    ids = [i for i in (district_id, street_id) if i is not None]
    names = dict(session.execute(select(Region.id, Region.name).where(Region.id.in_(ids))).all()) if ids else {}
    return names.get(district_id), names.get(street_id)
