"""The 区属党(工)委 ranking (issue 20 §4, seed 004): each street 党工委 and district 直属机关工委 scored by the
district standing committee, the organisation department and the social panel, weighed by models/grading.py,
and ranked per district and year (models.team_rules.committee_rank).

The ranked committees lead the system (like 街道党工委 everywhere in this product, models.access), so the
ranking is an aggregate every viewer sees, for any district.
"""

from __future__ import annotations

import pandas as pd
from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from models import team_rules
from models.queries.common import AGGREGATE, Area, Scope, frame, query
from models.tables import CommitteeScore, PartyOrg, Region

COLUMNS = ("org_id", "name", "district_id", "district", "street_id", "year", "rank", "composite",
           "score_committee", "score_department", "score_social")


def _ranked(district_id: int | None):
    """Every committee's score with its rank in its district and year (a window over all years)."""
    stmt = select(CommitteeScore.org_id, CommitteeScore.district_id, CommitteeScore.street_id, CommitteeScore.year,
                  team_rules.committee_rank().label("rank"), CommitteeScore.composite,
                  CommitteeScore.score_committee, CommitteeScore.score_department, CommitteeScore.score_social)
    if district_id is not None:
        stmt = stmt.where(CommitteeScore.district_id == district_id)
    return stmt.subquery()


def _named(ranked) -> object:
    district = aliased(Region)
    return (select(ranked.c.org_id, PartyOrg.name, ranked.c.district_id, district.name.label("district"),
                   ranked.c.street_id, ranked.c.year, ranked.c.rank, ranked.c.composite, ranked.c.score_committee,
                   ranked.c.score_department, ranked.c.score_social)
            .join(PartyOrg, PartyOrg.id == ranked.c.org_id)
            .outerjoin(district, district.id == ranked.c.district_id))


@query(AGGREGATE)
def ranking(session: Session, *, scope: Scope, area: Area, year: int) -> pd.DataFrame:
    """COLUMNS + prev_rank, prev_composite, rank_change (places gained since last year), composite_change,
    funded (among the FUNDED_TOP of its district): the committees of the area's district (every district for
    the city) in `year`, by district and rank. A street's area ranks its district's committees."""
    ranked = _ranked(area.district_id)
    now = _named(ranked).where(ranked.c.year == year).subquery()
    prev = select(ranked.c.org_id, ranked.c.rank, ranked.c.composite).where(ranked.c.year == year - 1).subquery()
    stmt = (select(now, prev.c.rank.label("prev_rank"), prev.c.composite.label("prev_composite"))
            .outerjoin(prev, prev.c.org_id == now.c.org_id)
            .order_by(now.c.district_id, now.c.rank, now.c.name))
    df = frame(session, stmt)
    df["rank"] = df["rank"].astype(int)
    df["prev_rank"] = df["prev_rank"].astype("Int64")
    df["rank_change"] = (df["prev_rank"] - df["rank"]).astype("Int64")
    df["composite_change"] = (df["composite"] - df["prev_composite"]).astype(float).round(1)
    df["funded"] = df["rank"] <= team_rules.FUNDED_TOP
    return df


@query(AGGREGATE)
def history(session: Session, *, scope: Scope, district_id: int) -> pd.DataFrame:
    """COLUMNS for every year of one district's committees, by year and rank (the ranking's history)."""
    ranked = _ranked(district_id)
    stmt = _named(ranked).order_by(ranked.c.year, ranked.c.rank, PartyOrg.name)
    df = frame(session, stmt)
    return df.astype({"rank": int, "year": int})


@query(AGGREGATE)
def years(session: Session, *, scope: Scope) -> list[int]:
    return [int(y) for y in session.execute(select(CommitteeScore.year).distinct().order_by(CommitteeScore.year)).scalars()]
