"""The node card's map: a member household, which has no position of its own, opens on its grid's place."""

from __future__ import annotations

import pandas as pd

from components.loaders.orgs import Card
from components.orgs import charts
from components.ui.map_assets import remote_asset_urls
from models.queries.orgs import OrgNode, Totals

GRID = ("大塘龙社区第1网格", "grid", 114.10987, 22.54501)


def _card(level: str, region) -> Card:
    node = OrgNode(id=1, code="P440303001001G01B1H1", name="党员中心户1", level=level, org_type="household",
                   category="community", kind="", path="/1/", depth=7, parent_id=None, region_id=9,
                   district_id=2, street_id=3, members=3, founded_year=None, secretary_age_band=None,
                   secretary_education=None)
    points = pd.DataFrame(columns=["what", "code", "name", "sort", "lon", "lat", "own"])
    return Card(node=node, totals=Totals(members=3, orgs_below=0, centres=0, buildings=0, below={}),
                grades=pd.DataFrame(), centres=pd.DataFrame(), points=points, region=region, district="罗湖区")


def _view(m):
    """The last fitBounds the map applies: [[south, west], [north, east]]."""
    return [c for c in m._children.values() if type(c).__name__ == "FitBounds"][-1].bounds


def test_a_household_map_zooms_to_its_grid_within_a_couple_of_kilometres():
    m = charts.node_map(_card("household", GRID), district="罗湖区")
    (south, west), (north, east) = _view(m)
    assert south < GRID[3] < north and west < GRID[2] < east
    assert (north - south) * 111 < 2.5 and (east - west) * 102 < 2.5  # km: the place, not the city
    assert remote_asset_urls(m) == []


def test_without_a_position_the_map_stays_on_the_city():
    m = charts.node_map(_card("household", None), district="罗湖区")
    (south, west), (north, east) = _view(m)
    assert (north - south) * 111 > 30  # the whole city: nothing to zoom to
