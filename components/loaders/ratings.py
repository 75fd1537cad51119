"""Loaders of the quality-grades page (支部评级)."""

from __future__ import annotations

from dataclasses import dataclass, fields, replace

import pandas as pd

from components.loaders import cached, rollups_fresh, session
from models.access import OutOfScope, Scope, hides_small_in, suppress_pair, suppress_small
from models.queries import rating_orgs, ratings
from models.queries.overview import Pair  # read models the page's components render
from models.queries.ratings import RatingKpis
from models.queries.common import Area


@dataclass(frozen=True)
class RatingSummary:
    """What the page shows for an area, a year and a category before any drill-down."""

    kpis: ratings.RatingKpis
    by_category: pd.DataFrame
    by_region: pd.DataFrame
    transitions: pd.DataFrame


def _small_hidden(df: pd.DataFrame, scope: Scope, area: Area, *, count: str, values: tuple[str, ...],
                  by_row: bool, group: str | None = None) -> pd.DataFrame:
    """models.access.suppress_small for a frame of the area (by_row: each row's own district_id/street_id,
    the area's where a row has none, e.g. the organisations directly under it)."""
    def place(row: dict) -> tuple[int | None, int | None]:
        if by_row and row.get("district_id") == row.get("district_id") and row.get("district_id") is not None:
            street = row.get("street_id")
            return int(row["district_id"]), (int(street) if street == street and street is not None else None)
        return area.district_id, area.street_id

    return suppress_small(df, scope, count=count, place=place, values=values, group=group, secondary=True)


def small_kpis(k: RatingKpis, scope: Scope, area: Area) -> RatingKpis:
    """The KPI row as the viewer may see it: every figure over fewer than 3 graded organisations (this year or
    the year before) outside the detail area is withheld (models.access.suppress_pair)."""
    now, before = k.graded.now, k.graded.before
    pairs = {f.name: suppress_pair(getattr(k, f.name), scope, area, now, before)
             for f in fields(k) if isinstance(getattr(k, f.name), Pair)}
    return replace(k, **pairs, first_graded=0 if hides_small_in(scope, area, now) else k.first_graded)


def small_transitions(df: pd.DataFrame, scope: Scope, area: Area) -> pd.DataFrame:
    """The 16 cells of the matrix, all withheld (NaN, `small`) when it is over fewer than 3 organisations
    outside the viewer's detail area: one aggregate, so no cell is shown while another is hidden."""
    out = df.assign(total=df["n"].sum())
    return _small_hidden(out, scope, area, count="total", values=("n",), by_row=False, group="total")


@cached
def summary(scope: Scope, area: Area, year: int, category: str | None) -> RatingSummary:
    """Grade figures over fewer than 3 organisations outside the viewer's detail area come as NaN with
    `small` True (models.access.MIN_ORGS), in the table, its charts, slides and the briefing alike."""
    fresh = rollups_fresh()
    with session() as s:
        by_category = ratings.by_category(s, scope=scope, area=area, year=year, category=category, rollup=fresh)
        by_region = ratings.by_region(s, scope=scope, area=area, year=year, category=category, rollup=fresh)
        kpis = ratings.kpis(s, scope=scope, area=area, year=year, category=category, rollup=fresh)
        transitions = ratings.transitions(s, scope=scope, area=area, year=year, category=category, rollup=fresh)
    return RatingSummary(
        kpis=small_kpis(kpis, scope, area),
        by_category=_small_hidden(by_category, scope, area, count="total", values=("n", "share"), by_row=False,
                                  group="category"),
        by_region=_small_hidden(by_region, scope, area, count="total", values=("n", "share", "mean_composite"),
                                by_row=True, group="rid"),
        transitions=small_transitions(transitions, scope, area),
    )


@cached
def trend(scope: Scope, area: Area, category: str | None) -> pd.DataFrame:
    """Each year's grades per category; a year and category over fewer than 3 organisations outside the
    viewer's detail area withheld (models.access), with secondary suppression among the year's categories."""
    fresh = rollups_fresh()
    with session() as s:
        df = ratings.trend(s, scope=scope, area=area, category=category, rollup=fresh)
    years = [_small_hidden(part, scope, area, count="total", values=("n", "share"), by_row=False, group="category")
             for _, part in df.groupby("year", sort=True)]
    return pd.concat(years, ignore_index=True) if years else df.assign(small=False, small_mark="")


@cached
def ranking(scope: Scope, area: Area, year: int, category: str | None) -> pd.DataFrame:
    fresh = rollups_fresh()
    with session() as s:
        df = ratings.ranking(s, scope=scope, area=area, year=year, category=category, rollup=fresh)
    df = _small_hidden(df, scope, area, count="graded", values=("grade_a", "a_share", "mean_composite"), by_row=True)
    # withheld regions last, by name: their place in the order would tell where their share lies
    return pd.concat([df[~df["small"]], df[df["small"]].sort_values("name")], ignore_index=True)


@cached
def transition_orgs(
    scope: Scope, area: Area, year: int, category: str | None, prev_grade: str, grade: str
) -> pd.DataFrame:
    with session() as s:
        return rating_orgs.transition_orgs(s, scope=scope, area=area, year=year, category=category,
                                           prev_grade=prev_grade, grade=grade)


@cached
def weak_register(scope: Scope, area: Area, year: int, category: str | None) -> pd.DataFrame:
    with session() as s:
        return rating_orgs.weak_register(s, scope=scope, area=area, year=year, category=category)


CHOICES_LIMIT = 200  # organisations offered at once; a city has ~8,000 (demo) to ~20,000: search narrows them


@cached
def org_choices(
    scope: Scope, area: Area, year: int, category: str | None, search: str, pinned: int | None
) -> pd.DataFrame:
    with session() as s:
        return rating_orgs.org_choices(s, scope=scope, area=area, year=year, category=category, search=search,
                                       pinned=pinned, limit=CHOICES_LIMIT)


@dataclass(frozen=True)
class OrgDetail:
    card: rating_orgs.OrgCard
    history: pd.DataFrame
    indicators: dict[str, float]  # third-level code -> score in the chosen year ({} if not recorded)
    indicator_years: tuple[int, ...]


@cached
def org_detail(scope: Scope, org_id: int, year: int) -> OrgDetail | None:
    with session() as s:
        try:
            card = rating_orgs.org_card(s, scope=scope, org_id=org_id)
        except OutOfScope:  # an organisation remembered from another scope (after a new login)
            return None
        if card is None:
            return None
        return OrgDetail(
            card=card,
            history=rating_orgs.org_history(s, scope=scope, org_id=org_id),
            indicators=rating_orgs.org_indicators(s, scope=scope, org_id=org_id, year=year),
            indicator_years=tuple(rating_orgs.org_indicator_years(s, scope=scope, org_id=org_id)),
        )
