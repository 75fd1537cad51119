"""Import tests run on both back-ends: `demo_db` here is the demo store of each one."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="session", name="demo_db")
def demo_db_on_each_backend(demo_url) -> str:
    return demo_url
