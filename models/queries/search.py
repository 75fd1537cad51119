"""What the search box finds besides organisations and centres (models.queries.orgs.search): buildings,
and the names of the districts and streets every hit is named with."""

from __future__ import annotations

import pandas as pd
from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from models.queries.common import DETAIL, PUBLIC, Scope, frame, query, visible
from models.tables import Building, Region, ServiceCenter

SEARCH_MAX_CHARS = 50


def _like(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


@query(DETAIL)
def buildings(session: Session, *, scope: Scope, text: str, limit: int = 10) -> pd.DataFrame:
    """code, name, kind, district_id, street_id of the buildings whose name or code contains `text`, inside
    the viewer's detail area (a building is detail data)."""
    text = text.strip()[:SEARCH_MAX_CHARS]
    cols = ["code", "name", "kind", "district_id", "street_id"]
    if not text:
        return pd.DataFrame(columns=cols)
    stmt = visible(
        select(Building.code, Building.name, Building.kind, Building.district_id, Building.street_id)
        .where(or_(Building.name.ilike(_like(text), escape="\\"), Building.code.ilike(_like(text), escape="\\"))),
        Building, scope,
    ).order_by(Building.id).limit(limit)
    return frame(session, stmt)


@query(PUBLIC)
def area_names(session: Session, *, scope: Scope) -> dict[int, str]:
    """id -> name of every district and street (public reference data)."""
    stmt = select(Region.id, Region.name).where(Region.level.in_(("district", "street")))
    return dict(session.execute(stmt).all())


@query(PUBLIC)
def centre_ids(session: Session, *, scope: Scope, codes: tuple[str, ...]) -> dict[str, int]:
    """code -> id of the service centres named (centres are public places)."""
    if not codes:
        return {}
    return dict(session.execute(select(ServiceCenter.code, ServiceCenter.id).where(ServiceCenter.code.in_(codes))).all())
