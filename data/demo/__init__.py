"""Deterministic demo store on the real geography, calibrated to DOMAIN.md.

    python -m data.demo --scale demo|shenzhen [--reset]

The whole world is generated in memory and written in one transaction, so a failed or killed run
leaves the store as it was. Seeding is idempotent: the same scale and seed on a store that already
holds them changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone

from sqlalchemy import insert, select
from sqlalchemy.engine import Engine

from data.demo import bulk
from data.demo.alerts import build_alerts
from data.demo import calibration as cal
from data.demo.buildings import build_buildings
from data.demo.centres import build_centres
from data.demo.orgs import build_non_territorial, build_territorial
from data.demo.projects import build_projects
from data.demo.ratings import build_ratings
from data.demo.standards import build_standards
from data.demo.team import build_team
from data.demo.territory import build_territory
from data.demo.world import SCALES, ProgressFn, World
from models import org_rollup, rollups
from models.db import create_schema, drop_schema
from models.tables import (
    Building, ClaimUnit, CommitteeScore, CommitteeStaffing, DatasetInfo, HometownOrg, IndicatorScore, PartyOrg,
    PartyProject, Rating, Region, Secretary, ServiceCenter, StandardCheck, VolunteerYear, WeakOrgCase,
)


class StoreNotEmpty(RuntimeError):
    """The store holds other data; building demo data over it needs an explicit reset."""


@dataclass(frozen=True)
class BuildResult:
    changed: bool
    counts: dict[str, int]


def generate(*, scale: str = "demo", seed: int = cal.SEED, progress: ProgressFn | None = None) -> World:
    """The demo world in memory (no database)."""
    say = progress or (lambda _f, _m: None)
    world = World(seed=seed, scale=SCALES[scale])
    steps = (
        ("regions", build_territory), ("organisations", build_territorial),
        ("non-territorial organisations", build_non_territorial), ("buildings", build_buildings),
        ("service centres", build_centres), ("ratings", build_ratings), ("secretaries and volunteers", build_team),
        ("terms, secretaries and the case register", build_alerts), ("standardisation checks", build_standards),
        ("claimed projects", build_projects),
    )
    for i, (label, step) in enumerate(steps):
        say(0.7 * i / len(steps), label)
        step(world)
    return world


def dataset_info(world: World) -> dict[str, str]:
    return {
        "origin": "demo", "scale": world.scale.name, "seed": str(world.seed), "as_of": cal.AS_OF,
        "generator_version": cal.GENERATOR_VERSION,
    }


def current_info(engine: Engine) -> dict[str, str]:
    """The DatasetInfo of a store, or {} when it has none (or no schema)."""
    try:
        with engine.connect() as conn:
            return {k: v for k, v in conn.execute(select(DatasetInfo.key, DatasetInfo.value))}
    except Exception:  # noqa: BLE001 - any failure means "no usable info"
        return {}


def build(engine: Engine, *, scale: str = "demo", seed: int = cal.SEED, reset: bool = False,
          progress: ProgressFn | None = None) -> BuildResult:
    """Seed the demo store; a no-op when it already holds this scale and seed."""
    if scale not in SCALES:
        raise ValueError(f"unknown scale {scale!r}; choose from {', '.join(SCALES)}")
    say = progress or (lambda _f, _m: None)
    info = current_info(engine)
    wanted = {"origin": "demo", "scale": scale, "seed": str(seed), "generator_version": cal.GENERATOR_VERSION}
    if not reset and info and all(info.get(k) == v for k, v in wanted.items()):
        say(1.0, "unchanged")
        return BuildResult(False, {})
    if not reset and info:
        raise StoreNotEmpty(f"store holds {info.get('origin')} data ({info.get('scale', '-')}); use --reset")
    world = generate(scale=scale, seed=seed, progress=say)
    tables = (
        (Region, world.regions), (PartyOrg, world.orgs), (ServiceCenter, world.centres),
        (Building, world.buildings), (Rating, world.ratings), (WeakOrgCase, world.weak_cases),
        (IndicatorScore, world.indicator_scores), (Secretary, world.secretaries),
        (CommitteeStaffing, world.staffing), (CommitteeScore, world.committee_scores),
        (VolunteerYear, world.volunteers), (HometownOrg, world.hometown_orgs),
        (StandardCheck, world.standard_checks),
        (ClaimUnit, world.claim_units), (PartyProject, world.projects),
    )
    info_rows = dataset_info(world) | {"built_at": datetime.now(timezone.utc).isoformat(timespec="seconds")}
    with engine.begin() as conn:  # one transaction: all or nothing, also for the reset
        drop_schema(conn)
        create_schema(conn)  # the newest revision, recorded (models/migrations)
        for i, (table, rows) in enumerate(tables):
            say(0.7 + 0.3 * i / len(tables), f"writing {table.__tablename__}")
            bulk.write_rows(conn, table.__table__, rows)
        bulk.finish(conn)
        say(0.99, "organisation subtree sums")
        org_rollup.rebuild(conn)
        say(0.995, "aggregate rollups")
        rollups.rebuild(conn)
        conn.execute(insert(DatasetInfo), [{"key": k, "value": v} for k, v in info_rows.items()])
    say(1.0, "done")
    return BuildResult(True, {t.__tablename__: len(rows) for t, rows in tables})
