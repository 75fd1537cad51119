"""What every query shares: the area filter and running a select() into a DataFrame."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
from sqlalchemy import Select
from sqlalchemy.orm import Session


@dataclass(frozen=True)
class Area:
    """The territorial filter of the sidebar: the whole city, a district, or a street."""

    district_id: int | None = None
    street_id: int | None = None

    @property
    def is_city(self) -> bool:
        return self.district_id is None and self.street_id is None


CITY = Area()


def within(stmt: Select, table: type, area: Area) -> Select:
    """Restrict a select to rows of `table` inside the area (by its denormalised ids)."""
    if area.street_id is not None:
        return stmt.where(table.street_id == area.street_id)
    if area.district_id is not None:
        return stmt.where(table.district_id == area.district_id)
    return stmt


def frame(session: Session, stmt: Select) -> pd.DataFrame:
    """Run a select and return its rows as a DataFrame with the select's column names."""
    result = session.execute(stmt)
    return pd.DataFrame(result.all(), columns=list(result.keys()))
