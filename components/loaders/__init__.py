"""The one caching layer: st.cache_data wrappers over models.queries, cleared after every write.

This package holds the engine, sessions and the loaders every page shares; each page's own loaders
live in a module beside it (`components.loaders.overview`, …) and use `cached` and `session` from here.
Loaders take plain hashable arguments (the viewer's Scope first, then ids, names, years, Area) and
return DataFrames or frozen read models, so a cached value is never mutated by a caller (st.cache_data
hands out copies). The loaders here read public reference data, the same for every viewer: they ask as
ANONYMOUS, the least-privileged scope, so they cannot leak even if a query's kind changed.
"""

from __future__ import annotations

import streamlit as st
from sqlalchemy.engine import Engine
from sqlmodel import Session

from models import rollups
from models.access import ANONYMOUS
from models.db import make_engine
from models.settings import Settings, from_secrets
from models.queries import regions

# Writes through the app clear the caches at once (clear_caches), so the TTL only bounds how long a change by
# another writer (a second server on the same PostgreSQL, the command line) can stay unseen: half a day.
TTL = 12 * 3600
ENTRIES = 128


def cached(func):
    """st.cache_data with the project's TTL and size bound, no spinner (pages show their own)."""
    return st.cache_data(ttl=TTL, max_entries=ENTRIES, show_spinner=False)(func)


def settings() -> Settings:
    """The one settings object (models/settings.py) from the environment and Streamlit's secrets."""
    try:
        secrets = dict(st.secrets) if st.secrets.load_if_toml_exists() else {}
    except Exception:  # noqa: BLE001 - a broken secrets file must neither hide the store nor open the login gate
        secrets = {}
    return from_secrets(secrets)


def store_url() -> str:
    return settings().database_url


@st.cache_resource(show_spinner=False)
def engine(url: str) -> Engine:
    return make_engine(url)


def session() -> Session:
    return Session(engine(store_url()))


_generation = [0]  # bumped by every write: the store's once-per-process work runs again (bootstrap._checks)


def clear_caches(*, written: bool = True) -> None:
    """After any write: every page shows the new data on its next run, and the next run of any page starts
    the post-write work of components/shell/bootstrap.py (the default view warmed again, the file checked).
    written=False: only forget cached values (start-up, after it verified the rollups)."""
    st.cache_data.clear()
    if written:
        _generation[0] += 1


def generation() -> int:
    """How many writes this process has seen (see clear_caches)."""
    return _generation[0]


@cached
def district_names() -> list[str]:
    with session() as s:
        return regions.districts(s, scope=ANONYMOUS)["name"].tolist()


@cached
def street_names(district: str | None) -> list[str]:
    with session() as s:
        resolved = regions.resolve_area(s, scope=ANONYMOUS, district=district, street=None)
        if resolved.area.district_id is None:
            return []
        return regions.streets(s, scope=ANONYMOUS, district_id=resolved.area.district_id)["name"].tolist()


@cached
def resolve_area(district: str | None, street: str | None) -> regions.ResolvedArea:
    with session() as s:
        return regions.resolve_area(s, scope=ANONYMOUS, district=district, street=street)


@cached
def rating_years() -> list[int]:
    with session() as s:
        return regions.rating_years(s, scope=ANONYMOUS)


_verified: set[str] = set()  # stores whose rollups this process compared with every count and sum


def is_verified(url: str) -> bool:
    return url in _verified


def mark_verified(url: str) -> None:
    """Start-up (components/shell/bootstrap.py) found the store's rollups matching its data, or rebuilt them."""
    _verified.add(url)


@cached
def rollups_fresh() -> bool:
    """Whether the pages may read the stored rollups (models.rollups), else they aggregate the detail tables,
    slower but right. Only once start-up compared them thoroughly with the data (an in-place change by a
    writer that bypassed the importer changes no id), and while the quick check holds (ids, version)."""
    url = store_url()
    if url not in _verified:
        return False
    with session() as s:
        return rollups.is_fresh(s)


@cached
def dataset_info() -> dict[str, str]:
    with session() as s:
        return regions.dataset_info(s, scope=ANONYMOUS)
