"""Headline cards: a change reads with its arrow, a zero change reads 持平, and words in the change's place
(an area without towers says so) read in grey without an arrow, never as a rise."""

from __future__ import annotations

from components.ui.cards import is_flat, is_note


def test_a_change_with_digits_is_neither_flat_nor_a_note():
    for delta in ("+368", "-12", "+5.9 个百分点", "−3"):
        assert not is_note(delta), delta
    assert not is_flat("+368") and is_flat("+0") and is_flat("+0.0 个百分点")


def test_words_in_the_change_s_place_are_a_note():
    assert is_note("无20层以上楼宇") and is_note("No towers of 20+ floors")
    assert not is_note(None) and not is_note("")


def test_labelled_share_and_category_bars_list_their_rows_largest_first():
    """Bars with their values written on are two layers; the order is given as a list, since Vega-Lite
    drops a sort by x over layers and would keep the data's order."""
    import pandas as pd

    from components.ui import charts

    spec = charts.share_bars(pd.DataFrame({"name": ["乙", "甲", "丙"], "a_share": [0.2, 0.3, 0.25]}),
                             value="a_share", title="A").to_dict()
    assert spec["layer"][0]["encoding"]["y"]["sort"] == ["甲", "丙", "乙"]
    cats = charts.category_bars(pd.DataFrame({"category": ["community", "organ", "two_new"], "now": [5, 9, 7]}))
    order = cats.to_dict()["layer"][0]["encoding"]["y"]["sort"]
    assert len(order) == 3 and order == sorted(order, key=lambda x: -dict(zip(cats.data["label"], cats.data["now"]))[x])
