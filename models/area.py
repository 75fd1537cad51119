"""The territorial filter of the sidebar (used by the query layer and by models.access)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Area:
    """The territorial filter of the sidebar: the whole city, a district, or a street."""

    district_id: int | None = None
    street_id: int | None = None

    @property
    def is_city(self) -> bool:
        return self.district_id is None and self.street_id is None


CITY = Area()
