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
