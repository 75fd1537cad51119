"""The regions 总览's map and ranking board compare: where each lies and how large it is (public data).

The figures per region (centres, members, tower and A shares) are overview.ranking's; this module adds
only the geography they are drawn with, so the map, the board and the comparison table read one count.
"""

from __future__ import annotations

import pandas as pd
from sqlalchemy import select
from sqlalchemy.orm import Session

from models import rules
from models.queries.common import PUBLIC, Area, Scope, frame, query
from models.tables import Region


@query(PUBLIC)
def compared_regions(session: Session, *, scope: Scope, area: Area) -> pd.DataFrame:
    """id, code, name, area_km2 (None where unknown), lon, lat (the seat) of the regions `area` is compared
    by (models.rules.compared_regions: the districts of the city, the streets of a district or street)."""
    stmt = (
        select(Region.id, Region.code, Region.name, Region.area_km2, Region.lon, Region.lat)
        .where(rules.compared_regions(area))
        .order_by(Region.id)
    )
    df = frame(session, stmt)
    for col in ("area_km2", "lon", "lat"):
        df[col] = df[col].astype(float)
    return df
