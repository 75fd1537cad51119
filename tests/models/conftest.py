"""Model and query tests run on both back-ends: `demo_db` here is the demo store of each one."""

from __future__ import annotations

import pytest
from sqlmodel import Session

from models.db import make_engine


@pytest.fixture(scope="session", name="demo_db")
def demo_db_on_each_backend(demo_url) -> str:
    return demo_url


@pytest.fixture(scope="module")
def session(demo_db):
    """A session on the demo store (read-only use; a test that writes rolls back)."""
    engine = make_engine(demo_db)
    with Session(engine) as s:
        yield s
    engine.dispose()
