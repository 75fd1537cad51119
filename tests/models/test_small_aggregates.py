"""The one small-aggregate rule (models.access, issue 21): which cells are withheld, and the secondary
suppression that keeps a withheld cell from being worked out as the published total minus the others."""

from __future__ import annotations

import pandas as pd

from models.access import (DISTRICT_LEADER, FULL, MARK_SMALL, MARK_WITHHELD, VIEWER, Scope, suppress_pair,
                           suppress_small)
from models.area import Area
from models.queries.overview import Pair

VIEWER_SCOPE = Scope(role=VIEWER, actor="screen")
STREET_AREA = Area(district_id=2, street_id=5)


def at_area(_row: dict) -> tuple[int | None, int | None]:
    return STREET_AREA.district_id, STREET_AREA.street_id


def breakdown(*counts: int) -> pd.DataFrame:
    return pd.DataFrame({"category": [f"c{i}" for i in range(len(counts))], "n": list(counts),
                         "members": [10 * n for n in counts]})


def test_a_single_small_cell_takes_the_smallest_other_one_with_it():
    out = suppress_small(breakdown(40, 1, 7, 0, 12), VIEWER_SCOPE, count="n", place=at_area, values=("members",),
                         secondary=True)
    assert list(out["small_mark"]) == ["", MARK_SMALL, MARK_WITHHELD, "", ""]
    assert out.loc[out["small"], ["n", "members"]].isna().all().all()
    assert list(out.loc[~out["small"], "n"]) == [40, 0, 12]  # an empty cell says nothing and stays 0
    # total (60) minus the shown cells leaves 8 for two cells: neither can be read
    assert 60 - out["n"].sum() == 8


def test_two_small_cells_need_no_more():
    out = suppress_small(breakdown(40, 1, 2, 9), VIEWER_SCOPE, count="n", place=at_area, values=(), secondary=True)
    assert list(out["small_mark"]) == ["", MARK_SMALL, MARK_SMALL, ""]


def test_without_secondary_only_the_small_cell_goes():
    out = suppress_small(breakdown(40, 1, 7), VIEWER_SCOPE, count="n", place=at_area, values=())
    assert list(out["small_mark"]) == ["", MARK_SMALL, ""]


def test_a_group_of_rows_is_one_aggregate():
    long = pd.DataFrame({"rid": [1, 1, 2, 2, 3, 3], "grade": list("ABABAB"), "n": [1, 1, 3, 2, 4, 4],
                         "total": [2, 2, 5, 5, 8, 8]})
    out = suppress_small(long, VIEWER_SCOPE, count="total", place=at_area, values=("n",), group="rid", secondary=True)
    assert list(out["small_mark"]) == [MARK_SMALL] * 2 + [MARK_WITHHELD] * 2 + [""] * 2
    assert out.loc[out["rid"] == 3, "n"].tolist() == [4, 4]


def test_inside_the_detail_area_nothing_is_withheld():
    leader = Scope(role=DISTRICT_LEADER, district_id=2, actor="x")
    for scope in (leader, FULL):
        out = suppress_small(breakdown(40, 1, 7), scope, count="n", place=at_area, values=(), secondary=True)
        assert not out["small"].any() and list(out["n"]) == [40, 1, 7]
    other = Scope(role=DISTRICT_LEADER, district_id=3, actor="y")
    assert suppress_small(breakdown(40, 1, 7), other, count="n", place=at_area, values=())["small"].any()


def test_a_card_withholds_its_figure_and_the_change_that_would_give_the_year_before():
    pair = Pair(0.5, 0.25)
    hidden = suppress_pair(pair, VIEWER_SCOPE, STREET_AREA, 2, 40)
    assert hidden.small and hidden.now is None and hidden.delta is None
    before_small = suppress_pair(pair, VIEWER_SCOPE, STREET_AREA, 40, 2)
    assert not before_small.small and before_small.now == 0.5 and before_small.before is None
    assert suppress_pair(pair, FULL, STREET_AREA, 2, 2) == pair
