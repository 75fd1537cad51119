"""Small aggregates (issue 21): a grade figure over fewer than 3 organisations would let a viewer without
detail rights read single organisations' grades, so outside the viewer's detail area it is withheld ("<3").

The rule is models.access.hides_small; the ratings loaders apply it to the read models that the page's
charts, the 大屏 slides and the briefing all draw from.
"""

from __future__ import annotations

import math

import pandas as pd
import pytest
import streamlit as st
from sqlalchemy import func, select
from sqlmodel import Session

from components.loaders import ratings as rl
from components.ratings import charts
from models.access import (DISTRICT_LEADER, FULL, MARK_SMALL, MARK_WITHHELD, MIN_ORGS, SMALL, STREET, VIEWER, Scope,
                           hides_small)
from models.area import Area
from models.db import make_engine
from models.queries import ratings as rq
from models.queries import regions
from models.tables import Rating
from models.vocab import ORG_CATEGORIES

VIEWER_SCOPE = Scope(role=VIEWER, actor="screen")


def test_the_rule():
    leader = Scope(role=DISTRICT_LEADER, district_id=2, actor="x")
    assert hides_small(VIEWER_SCOPE, 2, 5, 1) and hides_small(VIEWER_SCOPE, 2, 5, 2)
    assert not hides_small(VIEWER_SCOPE, 2, 5, MIN_ORGS)  # three are enough
    assert not hides_small(VIEWER_SCOPE, 2, 5, 0) and not hides_small(VIEWER_SCOPE, 2, 5, float("nan"))
    assert not hides_small(leader, 2, 5, 1)  # inside the leader's own district: detail anyway
    assert hides_small(leader, 3, None, 1)  # another district
    assert not hides_small(FULL, 3, None, 1)


@pytest.fixture()
def store(demo_db, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", demo_db)
    st.cache_data.clear()
    st.cache_resource.clear()
    engine = make_engine(demo_db)
    yield engine
    engine.dispose()
    st.cache_data.clear()
    st.cache_resource.clear()


def _small_case(engine) -> tuple[Area, int, str | None, pd.DataFrame]:
    """A street, year and category of the demo store where some community has 1 or 2 graded organisations."""
    with Session(engine) as s:
        year = s.execute(select(func.max(Rating.year))).scalar_one()
        for district in regions.districts(s, scope=FULL)["name"]:
            d = regions.resolve_area(s, scope=FULL, district=district, street=None).area
            for street in regions.streets(s, scope=FULL, district_id=d.district_id)["name"]:
                area = regions.resolve_area(s, scope=FULL, district=district, street=street).area
                for category in (None, *ORG_CATEGORIES):
                    df = rq.by_region(s, scope=FULL, area=area, year=year, category=category)
                    if ((df["total"] > 0) & (df["total"] < MIN_ORGS)).any():
                        return area, year, category, df
    pytest.fail("the demo store has no community with 1 or 2 graded organisations")


def test_grade_figures_over_fewer_than_three_organisations_are_withheld_outside_the_detail_area(store):
    area, year, category, full = _small_case(store)
    tiny = set(full.loc[(full["total"] > 0) & (full["total"] < MIN_ORGS), "rid"])
    seen = rl.summary(VIEWER_SCOPE, area, year, category).by_region
    withheld = seen[seen["small"]]
    assert set(seen.loc[seen["small_mark"] == MARK_SMALL, "rid"]) == tiny
    # secondary suppression: a single "<3" region would be the area's total minus the others
    secondary = set(seen.loc[seen["small_mark"] == MARK_WITHHELD, "rid"])
    assert len(secondary) == (1 if len(tiny) == 1 else 0)
    assert withheld[["n", "total", "share", "mean_composite"]].isna().all().all()
    kept = seen[~seen["small"]].reset_index(drop=True)
    pd.testing.assert_frame_equal(kept[["rid", "grade", "n"]].astype({"n": int}),
                                  full[~full["rid"].isin(tiny | secondary)].reset_index(drop=True)[["rid", "grade", "n"]])
    # the street's own account sees its communities in detail: nothing withheld
    street = Scope(role=STREET, district_id=area.district_id, street_id=area.street_id, actor="street")
    assert not rl.summary(street, area, year, category).by_region["small"].any()
    assert not rl.summary(FULL, area, year, category).by_region["small"].any()
    # the chart says "<3" for those rows and draws no segment for them
    spec = charts.grade_bars(seen.assign(name=seen["name"].fillna("-")), row="name", row_title="社区").to_dict()
    data = next(iter(spec["datasets"].values()))
    small_rows = [d for d in data if SMALL in d["row"]]
    assert small_rows and all(math.isclose(d["x1"] - d["x0"], 0.0) for d in small_rows)


def test_rankings_withhold_small_regions_for_viewers(store):
    area, year, category, _ = _small_case(store)
    full = rl.ranking(FULL, area, year, category)
    seen = rl.ranking(VIEWER_SCOPE, area, year, category)
    tiny = full["graded"] < MIN_ORGS
    assert tiny.any() and set(seen.loc[seen["small_mark"] == MARK_SMALL, "name"]) == set(full.loc[tiny, "name"])
    assert (seen["small_mark"] == MARK_WITHHELD).sum() == (1 if tiny.sum() == 1 else 0)
    # withheld regions come last, by name: their place in the order would say where their share lies
    n = int(seen["small"].sum())
    assert seen["small"].tail(n).all() and list(seen["name"].tail(n)) == sorted(seen["name"].tail(n))
    assert seen.loc[seen["small"], ["graded", "grade_a", "a_share", "mean_composite"]].isna().all().all()
    bars = charts.ranking_bars(seen, value="a_share", title="A", share=True).to_dict()
    names = {d["name"] for d in next(iter(bars["datasets"].values()))}
    assert not names & set(seen.loc[seen["small"], "name"])  # no bar for a withheld region
