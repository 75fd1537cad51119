"""One palette: the same tier, category and grade get the same colour on every page, chart and map."""

from __future__ import annotations

PARTY_RED = "#c8161d"
PALE_RED = "#e8a0a3"
GREY = "#9e9e9e"
TIER_COLOURS = {"city": "#8b0000", "district": "#c8161d", "street": "#e4572e", "community": "#f29e4c",
                "park": "#4c78a8", "market": "#72b7b2", "tower": "#54a24b"}
CATEGORY_COLOURS = {"organ": "#8c564b", "community": "#f29e4c", "two_new": "#4c78a8", "hometown": "#b279a2",
                    "shareholding": "#72b7b2"}
GRADE_COLOURS = {"A": "#2166ac", "B": "#92c5de", "C": "#fdb863", "D": "#e66101"}
NO_GRADE = "#d9d9d9"
