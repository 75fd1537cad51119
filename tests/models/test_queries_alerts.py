"""Queries of the problem list on the demo store: the calibration (罗湖's 12 filled and 31 rotated secretaries,
some 换届 due within 90 days in every district) and the scope (detail only inside it, counts for everyone)."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from models import alerts
from models.access import FULL, Scope
from models.area import CITY, Area
from models.queries import alert_counts, alerts as items_q
from models.tables import DatasetInfo, Region

from data.demo import calibration as cal


def _today(session) -> date:
    return date.fromisoformat(session.get(DatasetInfo, "as_of").value)


def _district(session, name: str) -> int:
    return session.execute(select(Region.id).where(Region.name == name, Region.level == "district")).scalar_one()


def test_luohu_filled_12_and_rotated_31_secretaries_in_the_last_year(session):
    luohu = Area(district_id=_district(session, cal.LUOHU))
    got = alert_counts.secretary_changes(session, scope=FULL, area=luohu, today=_today(session))
    assert got == {"filled": cal.LUOHU_SECRETARIES_FILLED, "rotated": cal.LUOHU_SECRETARIES_ROTATED}


def test_every_district_has_some_term_due_within_90_days(session):
    counts = alert_counts.counts(session, scope=FULL, area=CITY, today=_today(session), grade_year=cal.YEARS[-1])
    due = counts[(counts["kind"] == "term") & (counts["severity"] == alerts.AMBER)]
    districts = session.execute(select(Region.id).where(Region.level == "district")).scalars().all()
    assert set(due["rid"]) == set(districts) and (due["n"] > 0).all()


def test_items_are_sorted_by_due_date_and_match_the_counts(session):
    today = _today(session)
    luohu = Area(district_id=_district(session, cal.LUOHU))
    listed = items_q.items(session, scope=FULL, area=luohu, today=today, grade_year=cal.YEARS[-1])
    counts = alert_counts.counts(session, scope=FULL, area=luohu, today=today, grade_year=cal.YEARS[-1])
    assert listed.groupby(["kind", "severity"]).size().to_dict() == counts.groupby(["kind", "severity"])["n"].sum().to_dict()
    dated = listed["due_on"].dropna().tolist()
    assert dated == sorted(dated)
    for row in listed[listed["kind"] == "term"].itertuples():
        assert row.due_on == alerts.term_end(row.since, row.detail) or row.severity == alerts.GREEN


def test_a_viewer_gets_counts_but_no_items_and_a_district_leader_only_their_district(session):
    today, year = _today(session), cal.YEARS[-1]
    viewer = Scope(role="viewer")
    assert items_q.items(session, scope=viewer, area=CITY, today=today, grade_year=year).empty
    assert not alert_counts.counts(session, scope=viewer, area=CITY, today=today, grade_year=year).empty
    luohu = _district(session, cal.LUOHU)
    leader = Scope(role="district_leader", district_id=luohu)
    listed = items_q.items(session, scope=leader, area=CITY, today=today, grade_year=year)
    assert not listed.empty and set(listed["district_id"]) == {luohu}
