"""Aggregates of the quality-grades page (支部评级): distributions, trend, transitions, rankings, KPIs.

Every function counts in SQL over the grade rollups of models.rollups (`rollup=True`, what the app uses
while the stored rollups are fresh) or the same grouping computed from Rating joined to PartyOrg
(`rollup=False`); `category=None` means all five graded categories together.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
from sqlalchemy import BigInteger, Select, and_, case, cast, func, or_, select
from sqlalchemy.orm import Session

from models import rollups, rules
from models.queries.common import AGGREGATE, Area, Scope, frame, query, within
from models.queries.overview import Pair
from models.tables import PartyOrg, Region, WeakOrgCase
from models.rules import child_level
from models.vocab import GRADES, ORG_CATEGORIES


def _counted(flag) -> object:
    return func.coalesce(func.sum(case((flag, 1), else_=0)), 0)


def _sum_n(src, flag=None) -> object:
    """How many organisations (rows of a rollup count `n` each), those where `flag` holds when given (an
    integer on every back-end: PostgreSQL sums integers as numeric)."""
    return cast(func.coalesce(func.sum(src.n if flag is None else case((flag, src.n), else_=0)), 0), BigInteger)


def graded_in(stmt: Select, *, area: Area, category: str | None) -> Select:
    """Restrict a select that joins PartyOrg to the area and the category."""
    if category is not None:
        stmt = stmt.where(PartyOrg.category == category)
    return within(stmt, PartyOrg, area)


def _in(stmt: Select, src, *, area: Area, category: str | None) -> Select:
    """Restrict a select over a rollup (models.rollups.source) to the area and the category."""
    if category is not None:
        stmt = stmt.where(src.category == category)
    return within(stmt, src, area)


def _with_shares(df: pd.DataFrame, by: list[str]) -> pd.DataFrame:
    df["n"] = df["n"].astype(int)
    df["total"] = df.groupby(by)["n"].transform("sum").astype(int)
    df["share"] = (df["n"] / df["total"].where(df["total"] > 0)).astype(float)
    return df


@query(AGGREGATE)
def by_category(session: Session, *, scope: Scope, area: Area, year: int, category: str | None = None,
                rollup: bool = False) -> pd.DataFrame:
    """category, grade, n, total, share: every graded category (or the chosen one) x A-D, zeros included."""
    g = rollups.source("grades", rollup=rollup)
    stmt = _in(select(g.category, g.grade, _sum_n(g).label("n")).where(g.year == year), g, area=area,
               category=category)
    got = frame(session, stmt.group_by(g.category, g.grade))
    cats = [category] if category else list(ORG_CATEGORIES)
    full = pd.MultiIndex.from_product([cats, GRADES], names=["category", "grade"])
    df = got.set_index(["category", "grade"]).reindex(full, fill_value=0).reset_index()
    return _with_shares(df, ["category"])


def _region_key(g, level: str):
    """The grouping key of a grade row at `level` (an organisation's community is a grid's parent)."""
    return {"district": g.district_id, "street": g.street_id}.get(level, g.community_id)


@query(AGGREGATE)
def by_region(
    session: Session, *, scope: Scope, area: Area, year: int, category: str | None = None, streets_at_city: bool = False,
    rollup: bool = False,
) -> pd.DataFrame:
    """rid, name, district_id, street_id, grade, n, total, share, mean_composite per child region in region
    order, A-D all present (district_id/street_id: where the region lies, for the small-aggregate rule).

    rid 0 (name None) collects the organisations hung directly under the area (see ChildLevel.direct).
    """
    level = child_level(area, streets_at_city=streets_at_city).level
    g = rollups.source("grades", rollup=rollup)
    rid = func.coalesce(_region_key(g, level), 0)
    per_grade = (
        _in(select(rid.label("rid"), g.grade, _sum_n(g).label("n"), func.sum(g.composite_sum).label("s"))
            .where(g.year == year), g, area=area, category=category)
        .group_by(rid, g.grade)
        .subquery()
    )
    stmt = select(per_grade, Region.name, Region.district_id, Region.street_id).outerjoin(
        Region, Region.id == per_grade.c.rid)
    got = frame(session, stmt)
    rids = sorted(got["rid"].unique().tolist(), key=lambda r: (r == 0, r))
    full = pd.MultiIndex.from_product([rids, GRADES], names=["rid", "grade"])
    places = ["name", "district_id", "street_id"]
    df = got.drop(columns=places).set_index(["rid", "grade"]).reindex(full, fill_value=0).reset_index()
    df = df.merge(got[["rid", *places]].drop_duplicates("rid"), on="rid", how="left")
    df = _with_shares(df, ["rid"])
    df["mean_composite"] = (df.groupby("rid")["s"].transform("sum").astype(float) / df["total"]).astype(float).round(1)
    return df[["rid", "name", "district_id", "street_id", "grade", "n", "total", "share", "mean_composite"]]


@query(AGGREGATE)
def ranking(session: Session, *, scope: Scope, area: Area, year: int, category: str | None = None,
            rollup: bool = False) -> pd.DataFrame:
    """name, graded, grade_a, a_share, mean_composite, district_id, street_id (where the region lies) per
    street (city, district) or community (street)."""
    level = child_level(area, streets_at_city=True).level
    g = rollups.source("grades", rollup=rollup)
    key = _region_key(g, level)
    sub = (
        _in(select(key.label("rid"), _sum_n(g).label("graded"), _sum_n(g, rules.grade_a(g)).label("grade_a"),
                   func.sum(g.composite_sum).label("s"))
            .where(g.year == year, key.is_not(None)), g, area=area, category=category)
        .group_by(key)
        .subquery()
    )
    stmt = select(Region.name, sub.c.graded, sub.c.grade_a, sub.c.s, Region.district_id,
                  Region.street_id).join(Region, Region.id == sub.c.rid)
    df = frame(session, stmt)
    df["a_share"] = (df["grade_a"] / df["graded"]).astype(float)
    df["mean_composite"] = (df.pop("s").astype(float) / df["graded"]).astype(float).round(1)
    return df.sort_values(["a_share", "mean_composite", "name"], ascending=[False, False, True]).reset_index(drop=True)


@query(AGGREGATE)
def trend(session: Session, *, scope: Scope, area: Area, category: str | None = None,
          rollup: bool = False) -> pd.DataFrame:
    """year, category, grade, n, total, share over every graded year, zeros included."""
    g = rollups.source("grades", rollup=rollup)
    stmt = _in(select(g.year, g.category, g.grade, _sum_n(g).label("n")), g, area=area, category=category)
    got = frame(session, stmt.group_by(g.year, g.category, g.grade))
    years = sorted(got["year"].unique().tolist()) if not got.empty else []
    cats = [category] if category else list(ORG_CATEGORIES)
    full = pd.MultiIndex.from_product([years, cats, GRADES], names=["year", "category", "grade"])
    df = got.set_index(["year", "category", "grade"]).reindex(full, fill_value=0).reset_index()
    return _with_shares(df, ["year", "category"])


@query(AGGREGATE)
def transitions(session: Session, *, scope: Scope, area: Area, year: int, category: str | None = None,
                rollup: bool = False) -> pd.DataFrame:
    """prev_grade, grade, n: organisations graded in the year before and in `year`, all 16 cells."""
    m = rollups.source("transitions", rollup=rollup)
    stmt = _in(select(m.prev_grade, m.grade, _sum_n(m).label("n")).where(m.year == year), m, area=area,
               category=category)
    got = frame(session, stmt.group_by(m.prev_grade, m.grade))
    full = pd.MultiIndex.from_product([GRADES, GRADES], names=["prev_grade", "grade"])
    df = got.set_index(["prev_grade", "grade"]).reindex(full, fill_value=0).reset_index()
    df["n"] = df["n"].astype(int)
    return df


@dataclass(frozen=True)
class RatingKpis:
    """Headline figures for a year, each with the year before."""

    graded: Pair
    a_share: Pair
    d_count: Pair
    weak_open: Pair  # cases of the 软弱涣散 register open at the end of the year
    upgrades: Pair  # 晋位升级: a better grade than the year before
    downgrades: Pair
    first_graded: int  # graded this year, not the year before


@query(AGGREGATE)
def kpis(session: Session, *, scope: Scope, area: Area, year: int, category: str | None = None,
         rollup: bool = False) -> RatingKpis:
    g = rollups.source("grades", rollup=rollup)
    counts = {
        int(y): (int(n), int(a), int(d))
        for y, n, a, d in session.execute(
            _in(select(g.year, _sum_n(g), _sum_n(g, rules.grade_a(g)), _sum_n(g, g.grade == "D"))
                .where(g.year.between(year - 2, year)), g, area=area, category=category)
            .group_by(g.year)
        )
    }
    m = rollups.source("transitions", rollup=rollup)
    moves = {
        int(y): (int(n), int(up), int(down))
        for y, n, up, down in session.execute(
            _in(select(m.year, _sum_n(m), _sum_n(m, m.grade < m.prev_grade), _sum_n(m, m.grade > m.prev_grade))
                .where(m.year.in_((year - 1, year))), m, area=area, category=category)
            .group_by(m.year)
        )
    }

    def open_at(y: int):
        return _counted(and_(WeakOrgCase.year_entered <= y,
                             or_(WeakOrgCase.year_closed.is_(None), WeakOrgCase.year_closed > y)))

    weak_stmt = select(open_at(year), open_at(year - 1)).select_from(WeakOrgCase).join(
        PartyOrg, PartyOrg.id == WeakOrgCase.org_id
    )
    weak_now, weak_before = session.execute(graded_in(weak_stmt, area=area, category=category)).one()

    def figure(y: int, i: int, *, share: bool = False) -> float | None:
        if y not in counts:
            return None
        n, *rest = counts[y]
        value = (n, *rest)[i]
        return rules.share(value, n) if share else value

    def moved(y: int, i: int) -> int | None:
        """Up (1) or down (2) moves into year y; None when y or the year before has no grades."""
        if y in moves:
            return moves[y][i]
        return 0 if y in counts and y - 1 in counts else None

    return RatingKpis(
        graded=Pair(figure(year, 0), figure(year - 1, 0)),
        a_share=Pair(figure(year, 1, share=True), figure(year - 1, 1, share=True)),
        d_count=Pair(figure(year, 2), figure(year - 1, 2)),
        weak_open=Pair(int(weak_now), int(weak_before) if year - 1 in counts else None),
        upgrades=Pair(moved(year, 1), moved(year - 1, 1)),
        downgrades=Pair(moved(year, 2), moved(year - 1, 2)),
        first_graded=counts.get(year, (0,))[0] - moves.get(year, (0,))[0],
    )
