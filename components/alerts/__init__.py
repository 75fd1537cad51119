"""The 问题清单 room: the severity metrics, the counts by subarea, the filters, the list and its export."""
