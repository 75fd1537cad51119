"""Aggregates and the community list of 标准化考核 (社区党建标准化考核, issue 20 §2). Rules: models/standards.py.

Aggregates (counts by result, the 达标 share, the aspects failed) are per area or per region of the area's
comparison level (the city's districts, else the streets of the area's district) and the same for every
viewer. The list of single communities with their results is detail, restricted to the viewer's detail area.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from models import rules, standards
from models.queries.common import AGGREGATE, DETAIL, Area, Scope, frame, query, visible, within
from models.standards import ASPECT_COLUMNS, RESULTS
from models.tables import Region, StandardCheck

S = StandardCheck


@dataclass(frozen=True)
class StandardKpis:
    communities: int  # communities with a result this year
    counts: dict[str, int]  # models.standards.RESULTS -> communities
    share: float | None  # 达标 / assessed (待考核 left out); None when none was assessed

    @property
    def checked(self) -> int:
        return sum(self.counts[r] for r in standards.CHECKED)


def _result_counts():
    return [standards.count_of(S.result, r).label(r) for r in RESULTS]


@query(AGGREGATE)
def kpis(session: Session, *, scope: Scope, area: Area, year: int) -> StandardKpis:
    """The area's communities by result in `year` and its 达标 share."""
    row = session.execute(within(select(func.count().label("n"), *_result_counts()).where(S.year == year), S, area)).one()
    counts = {r: int(getattr(row, r)) for r in RESULTS}
    return StandardKpis(int(row.n), counts, standards.passed_share(counts["passed"], counts["rectifying"], counts["failed"]))


def _key(level: str):
    return S.district_id if level == "district" else S.street_id


@query(AGGREGATE)
def by_region(session: Session, *, scope: Scope, area: Area, year: int) -> pd.DataFrame:
    """rid, name, lon, lat, communities, passed, rectifying, failed, pending, share per compared region
    (every one, zeros and a None share included), in code order."""
    key = _key(rules.comparison_level(area))
    sub = (select(key.label("rid"), func.count().label("communities"), *_result_counts())
           .where(S.year == year).group_by(key).subquery())
    stmt = (select(Region.id.label("rid"), Region.name, Region.lon, Region.lat, sub.c.communities,
                   *(sub.c[r] for r in RESULTS))
            .outerjoin(sub, sub.c.rid == Region.id).where(rules.compared_regions(area)).order_by(Region.code))
    df = frame(session, stmt)
    for col in ("communities", *RESULTS):
        df[col] = df[col].fillna(0).astype(int)
    df["share"] = [standards.passed_share(p, r, f) for p, r, f in zip(df["passed"], df["rectifying"], df["failed"], strict=True)]
    df["share"] = df["share"].astype(float)
    return df


@query(AGGREGATE)
def aspects(session: Session, *, scope: Scope, area: Area, year: int) -> pd.DataFrame:
    """aspect, indicator, failed: how many of the area's communities failed each of the six aspects in
    `year` (整改中 and 未达标 rows), most failed first (ties in the aspects' order)."""
    cols = {a: getattr(S, c) for a, c in ASPECT_COLUMNS.items()}
    row = session.execute(within(select(*(standards.count_true(c).label(a) for a, c in cols.items()))
                                 .where(S.year == year), S, area)).one()
    df = pd.DataFrame({"aspect": list(cols), "indicator": [standards.ASPECTS[a] for a in cols],
                       "failed": [int(getattr(row, a)) for a in cols]})
    return df.sort_values(["failed", "indicator"], ascending=[False, True], kind="stable").reset_index(drop=True)


@query(AGGREGATE)
def trend(session: Session, *, scope: Scope, area: Area) -> pd.DataFrame:
    """year, communities, passed, rectifying, failed, pending, share: the area in every recorded year."""
    stmt = within(select(S.year, func.count().label("communities"), *_result_counts()), S, area)
    df = frame(session, stmt.group_by(S.year).order_by(S.year))
    df = df.astype({c: int for c in ("year", "communities", *RESULTS)})
    df["share"] = [standards.passed_share(p, r, f) for p, r, f in zip(df["passed"], df["rectifying"], df["failed"], strict=True)]
    df["share"] = df["share"].astype(float)
    return df


@query(DETAIL)
def community_list(session: Session, *, scope: Scope, area: Area, year: int) -> pd.DataFrame:
    """code, community, street, result, checked_on, fail_* (one flag per aspect), note: the communities of
    the viewer's detail part of the area in `year`, by street and community code."""
    community = Region.__table__.alias("community")
    street = Region.__table__.alias("street")
    stmt = (select(community.c.code, community.c.name.label("community"), street.c.name.label("street"),
                   S.result, S.checked_on, *(getattr(S, c) for c in ASPECT_COLUMNS.values()), S.note)
            .join(community, community.c.id == S.region_id)
            .outerjoin(street, street.c.id == S.street_id)
            .where(S.year == year).order_by(street.c.code, community.c.code))
    return frame(session, visible(within(stmt, S, area), S, scope))
