"""Loaders of the 项目认领 page (党建项目认领, issue 20 §1)."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from components.loaders import cached, session
from models.access import Scope
from models.queries import projects
from models.queries.common import Area
from models.queries.projects import ProjectKpis  # read model the page's room renders

__all__ = ["Board", "ProjectKpis", "board", "project_list", "top_units"]


@dataclass(frozen=True)
class Board:
    """What every viewer sees of an area: counts by status, by region below it and by unit type."""

    kpis: ProjectKpis
    by_subarea: pd.DataFrame
    unit_types: pd.DataFrame


@cached
def board(scope: Scope, area: Area, year: int) -> Board:
    with session() as s:
        return Board(
            kpis=projects.kpis(s, scope=scope, area=area, year=year),
            by_subarea=projects.by_subarea(s, scope=scope, area=area, year=year),
            unit_types=projects.by_unit_type(s, scope=scope, area=area, year=year),
        )


@cached
def top_units(scope: Scope, area: Area, year: int) -> pd.DataFrame:
    with session() as s:
        return projects.top_units(s, scope=scope, area=area, year=year)


@cached
def project_list(scope: Scope, area: Area, year: int) -> pd.DataFrame:
    with session() as s:
        return projects.project_list(s, scope=scope, area=area, year=year)
