"""What every query shares: the area filter, the viewer's scope, and running a select() into a DataFrame."""

from __future__ import annotations

import functools

import pandas as pd
from sqlalchemy import Select, or_, select
from sqlalchemy.orm import Session

from models.access import AGGREGATE_ORG_LEVELS, OutOfScope, Scope
from models.area import CITY, Area
from models.rules import in_area, in_area_mask
from models.tables import PartyOrg

__all__ = ["AGGREGATE", "CITY", "DETAIL", "PUBLIC", "Area", "OutOfScope", "Scope", "detail_clause", "frame", "org_visible", "outside",
           "query", "require_org", "sees_org", "visible", "within"]


def within(stmt: Select, table: type, area: Area) -> Select:
    """Restrict a select to rows of `table` inside the area (models.rules.in_area; no condition for the city)."""
    return stmt if area.is_city else stmt.where(in_area(table, area))


def frame(session: Session, stmt: Select) -> pd.DataFrame:
    """Run a select and return its rows as a DataFrame with the select's column names.

    The rows are handed to pandas as plain tuples: given SQLAlchemy Row objects, pandas probes each one
    (hasattr for a mapping, a dataclass, a named tuple) and builds the frame about four times slower
    (issue 16: 60 % of the centre and building pages' cold time at 1 M organisations)."""
    result = session.execute(stmt)
    columns = list(result.keys())
    return pd.DataFrame(list(map(tuple, result)), columns=columns)


# --- Access: every query function declares what it returns and takes the viewer's scope ----------------

PUBLIC, AGGREGATE, DETAIL = "public", "aggregate", "detail"


def query(kind: str):
    """Declare a query function's access kind and check, on every call, that it was given a Scope.

    public: reference data and the public service centres (the same for every viewer); aggregate:
    counts and shares by region (every viewer, any area); detail: rows about single organisations,
    buildings or households, restricted by the function to the viewer's detail area. The scope is a
    required keyword, so a page cannot forget it; tests/models/test_access.py checks every function
    of models.queries is declared and honours its kind for each role.
    """
    if kind not in (PUBLIC, AGGREGATE, DETAIL):
        raise ValueError(kind)

    def declare(func):
        @functools.wraps(func)
        def checked(*args, **kwargs):
            if not isinstance(kwargs.get("scope"), Scope):
                raise TypeError(f"{func.__qualname__} needs scope=Scope(...)")
            return func(*args, **kwargs)

        checked.access = kind
        return checked

    return declare


def visible(stmt: Select, table: type, scope: Scope) -> Select:
    """Restrict a select to rows of `table` inside the viewer's detail area (none for aggregate roles)."""
    return stmt.where(detail_clause(table, scope))


def detail_clause(table, scope: Scope):
    """SQL condition: the row of `table` (with district_id/street_id) lies in the scope's detail area."""
    return in_area(table, scope.detail)


def org_visible(org, scope: Scope):
    """SQL condition: an organisation row is shown, being a territorial committee or inside the detail area."""
    return or_(org.level.in_(AGGREGATE_ORG_LEVELS), detail_clause(org, scope))


def sees_org(scope: Scope, *, level: str, district_id: int | None, street_id: int | None) -> bool:
    """Python twin of org_visible for one organisation already read."""
    return level in AGGREGATE_ORG_LEVELS or scope.covers(district_id, street_id)



def require_org(session: Session, *, scope: Scope, org_id: int) -> bool:
    """Whether the organisation exists; raises OutOfScope when it does but the viewer may not see it."""
    row = session.execute(
        select(PartyOrg.level, PartyOrg.district_id, PartyOrg.street_id).where(PartyOrg.id == org_id)
    ).first()
    if row is None:
        return False
    if not sees_org(scope, level=row.level, district_id=row.district_id, street_id=row.street_id):
        raise OutOfScope(org_id)
    return True


def outside(df: pd.DataFrame, scope: Scope) -> pd.Series:
    """Boolean mask of the rows (with district_id, street_id columns) outside the scope's detail area."""
    return ~in_area_mask(df, scope.detail)
