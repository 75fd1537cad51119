"""The in-memory world the generator fills before one bulk write: rows per table, ids, lookups."""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field

ProgressFn = Callable[[float, str], None]


@dataclass(frozen=True)
class Scale:
    """How much detail the generator builds."""

    name: str
    full_detail_everywhere: bool  # grid -> building group -> household chain in every street
    firms_per_street: tuple[int, int]  # generic 两新 branches per street outside full detail


SCALES = {
    "demo": Scale("demo", full_detail_everywhere=False, firms_per_street=(6, 12)),
    "shenzhen": Scale("shenzhen", full_detail_everywhere=True, firms_per_street=(110, 190)),
}
FULL_DETAIL_FIRMS = (110, 190)  # the same in full-detail streets at every scale


@dataclass
class World:
    seed: int
    scale: Scale
    regions: list[dict] = field(default_factory=list)
    orgs: list[dict] = field(default_factory=list)
    centres: list[dict] = field(default_factory=list)
    buildings: list[dict] = field(default_factory=list)
    ratings: list[dict] = field(default_factory=list)
    weak_cases: list[dict] = field(default_factory=list)
    indicator_scores: list[dict] = field(default_factory=list)
    secretaries: list[dict] = field(default_factory=list)
    staffing: list[dict] = field(default_factory=list)
    committee_scores: list[dict] = field(default_factory=list)
    volunteers: list[dict] = field(default_factory=list)
    hometown_orgs: list[dict] = field(default_factory=list)
    standard_checks: list[dict] = field(default_factory=list)
    claim_units: list[dict] = field(default_factory=list)
    projects: list[dict] = field(default_factory=list)
    region_by_code: dict[str, dict] = field(default_factory=dict)
    district_by_name: dict[str, dict] = field(default_factory=dict)
    street_by_name: dict[str, dict] = field(default_factory=dict)
    org_by_region: dict[int, dict] = field(default_factory=dict)  # territorial org of a region
    # region id of a district or street -> territory.Area, where its generated points may go
    areas: dict[int, object] = field(default_factory=dict)

    def rng(self, *parts: object) -> random.Random:
        """An independent, reproducible stream per purpose, so one street's data never shifts another's."""
        return random.Random(":".join(str(p) for p in (self.seed, *parts)))

    def full_detail(self, street: dict) -> bool:
        from data.demo.calibration import LUOHU, NANWAN

        if self.scale.full_detail_everywhere or street["name"] == NANWAN:
            return True
        return self.regions[street["district_id"] - 1]["name"] == LUOHU

    def add_region(self, **row: object) -> dict:
        row["id"] = len(self.regions) + 1
        row.setdefault("official", True)
        for key in ("parent_id", "district_id", "street_id", "lon", "lat", "area_km2", "population"):
            row.setdefault(key, None)
        self.regions.append(row)
        self.region_by_code[str(row["code"])] = row
        return row

    def add_org(self, *, parent: dict | None, region: dict, **row: object) -> dict:
        row["id"] = len(self.orgs) + 1
        row["parent_id"] = parent["id"] if parent else None
        row["path"] = f"{parent['path'] if parent else '/'}{row['id']}/"
        row["depth"] = parent["depth"] + 1 if parent else 0
        row["region_id"] = region["id"]
        row["district_id"] = region["id"] if region["level"] == "district" else region["district_id"]
        row["street_id"] = region["id"] if region["level"] == "street" else region["street_id"]
        for key in ("members", "founded_year", "secretary_age_band", "secretary_education"):
            row.setdefault(key, 0 if key == "members" else None)
        self.orgs.append(row)
        return row

    def add_centre(self, *, region: dict, **row: object) -> dict:
        row["id"] = len(self.centres) + 1
        row["region_id"] = region["id"]
        row["district_id"] = region["id"] if region["level"] == "district" else region["district_id"]
        row["street_id"] = region["id"] if region["level"] == "street" else region["street_id"]
        self.centres.append(row)
        return row

    def add_building(self, *, region: dict, **row: object) -> dict:
        row["id"] = len(self.buildings) + 1
        row["region_id"] = region["id"]
        row["district_id"] = region["district_id"]
        row["street_id"] = region["id"] if region["level"] == "street" else region["street_id"]
        row.setdefault("org_id", None)
        row.setdefault("covered_since", None)
        self.buildings.append(row)
        return row

    def streets(self) -> list[dict]:
        return [r for r in self.regions if r["level"] == "street"]

    def communities_of(self, street: dict) -> list[dict]:
        return [r for r in self.regions if r["level"] == "community" and r["parent_id"] == street["id"]]


def split_total(total: int, weights: list[float]) -> list[int]:
    """Integers proportional to weights that add up to exactly `total` (largest remainder)."""
    s = sum(weights)
    raw = [total * w / s for w in weights]
    out = [int(x) for x in raw]
    for i in sorted(range(len(raw)), key=lambda i: raw[i] - out[i], reverse=True)[: total - sum(out)]:
        out[i] += 1
    return out
