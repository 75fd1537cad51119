"""How much one view draws or lists at once (issue 16): beyond this a map asks for a narrower area and a
table lists the first rows (the export files still hold every row).

A map of 84,000 towers (a city of 1,000,000 organisations) is 2.7 MB sent to every browser on every
rerun and unreadable as dots; a table of as many rows costs its serialisation on every rerun too.
"""

from __future__ import annotations

MAP_POINTS_MAX = 5_000  # points one map draws; more: pick a district or search
TABLE_ROWS_MAX = 2_000  # rows one table (and one picker) shows; the export holds them all
