"""Audit times are stored in UTC on both back-ends, whatever zone the writer's clock gave, and read back
as the same moment (the page and exports show them in Beijing time)."""

from __future__ import annotations

from datetime import datetime, timezone

from data.importing.apply import audit
from data.importing.backup import CHINA_TZ
from data.importing.store import audit_frame
from tests.data.importing_support import store  # noqa: F401 - fixture

MOMENT = datetime(2026, 3, 1, 2, 30, tzinfo=timezone.utc)  # 10:30 in Beijing


def test_lines_written_in_beijing_time_and_in_utc_are_stored_as_the_same_utc_moment(store):
    engine = store.engine()
    with engine.begin() as conn:
        audit(conn, actor="甲", action="probe-bj", detail={}, at=MOMENT.astimezone(CHINA_TZ))  # the importer
        audit(conn, actor="乙", action="probe-utc", detail={}, at=MOMENT)  # the login
    utc = "at" if store.path is not None else "at AT TIME ZONE 'UTC'"  # SQLite: the stored text itself
    raw = store.query(f"SELECT CAST({utc} AS TEXT) FROM auditentry WHERE action LIKE 'probe-%' ORDER BY id")
    assert [r[0][:19] for r in raw] == ["2026-03-01 02:30:00"] * 2
    with engine.connect() as conn:
        frame = audit_frame(conn)
    engine.dispose()
    shown = frame.loc[frame["action"].str.startswith("probe-"), "at"]
    assert list(shown) == [MOMENT, MOMENT]
    assert {f"{v.astimezone(CHINA_TZ):%H:%M}" for v in shown} == {"10:30"}
