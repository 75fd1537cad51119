"""The default view computed ahead of its first visitor (issue 16): after a server start and after every write.

The default view is what a visitor opening the address sees: 总览 for the whole city and the newest graded
year, as a 演示模式 viewer (FULL) sees it, with the router's filter lists. `default_view` calls the loaders
pages/overview.py and app.py call, with the same arguments, so their cache entries are filled and the visitor's
run only reads them (tests/loaders/test_warm.py: after it, the default page runs without a single query).
"""

from __future__ import annotations

from components import loaders
from components.loaders import alerts, cockpit, overview, problems, standards
from models.access import FULL
from models.area import CITY

def default_view(url: str) -> bool:
    """Fill the caches of the default view of the store at `url`; False when it is not this process's store
    (a test switched stores) or holds no graded year yet (then only the filter lists are read)."""
    if loaders.store_url() != url:
        return False
    loaders.district_names()
    loaders.dataset_info()
    loaders.resolve_area(None, None)
    years = loaders.rating_years()
    loaders.rollups_fresh()
    if not years:
        return False
    year = max(years)
    overview.overview_data(FULL, CITY, year)
    cockpit.trend(FULL, CITY, year)
    cockpit.regions(FULL, CITY, year)
    problems.problems(FULL, CITY, year)
    alerts.top_items(FULL, CITY, problems.TOP_ITEMS)
    standards.standardisation_for_overview(FULL, CITY, year)
    return True
