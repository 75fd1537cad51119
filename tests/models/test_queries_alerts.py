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


def test_a_centre_without_hours_is_a_gap_unless_it_is_open_round_the_clock(session):
    """Blank or missing hours list a centre (amber, detail "hours"; with no coordinates too "both"); a
    24-hour centre needs none. The list and the counts agree. Rolled back."""
    from sqlalchemy import update

    from models.tables import ServiceCenter

    today = _today(session)
    luohu = _district(session, cal.LUOHU)
    area = Area(district_id=luohu)
    ids = session.execute(select(ServiceCenter.id).where(ServiceCenter.district_id == luohu, ServiceCenter.tier == "community",
                                                         ServiceCenter.lon.is_not(None)).order_by(ServiceCenter.id)
                          .limit(3)).scalars().all()
    session.execute(update(ServiceCenter).where(ServiceCenter.district_id == luohu)
                    .values(opening_hours="周一至周日 9:00-21:00", lon=ServiceCenter.lon, lat=ServiceCenter.lat))
    session.execute(update(ServiceCenter).where(ServiceCenter.id == ids[0]).values(opening_hours=None, open_24h=False))
    session.execute(update(ServiceCenter).where(ServiceCenter.id == ids[1]).values(opening_hours="", open_24h=False))
    session.execute(update(ServiceCenter).where(ServiceCenter.id == ids[2]).values(opening_hours=None, open_24h=True))
    try:
        listed = items_q.items(session, scope=FULL, area=area, today=today, grade_year=None)
        counts = alert_counts.counts(session, scope=FULL, area=area, today=today, grade_year=None)
        centres = listed[listed["kind"] == "centre"]
        by_detail = dict(zip(centres["code"], centres["detail"], strict=True))
        codes = dict(session.execute(select(ServiceCenter.id, ServiceCenter.code).where(ServiceCenter.id.in_(ids))).all())
        unlocated = set(session.execute(select(ServiceCenter.code).where(
            ServiceCenter.district_id == luohu, ServiceCenter.lon.is_(None))).scalars())
        assert by_detail.get(codes[ids[0]]) == by_detail.get(codes[ids[1]]) == "hours"
        assert codes[ids[2]] not in by_detail  # open 24 hours: no hours needed
        assert set(by_detail) == {codes[ids[0]], codes[ids[1]]} | unlocated
        assert (centres["severity"] == alerts.AMBER).all()
        assert int(counts.loc[counts["kind"] == "centre", "n"].sum()) == len(centres)
    finally:
        session.rollback()


def test_grade_counts_read_from_the_rollups_equal_the_counts_over_the_ratings(session):
    """alert_counts.counts(rollup=True) reads the grade counts from models.rollups (fresh after the demo
    build): every kind and severity per subarea must equal the counts over the detail tables, for the city
    (by district), a district (by street) and a street (by community: read from the ratings either way)."""
    today, year = _today(session), cal.YEARS[-1]
    luohu = _district(session, cal.LUOHU)
    street = session.execute(select(Region.id).where(Region.level == "street", Region.parent_id == luohu)).scalars().first()
    for area in (CITY, Area(district_id=luohu), Area(district_id=luohu, street_id=street)):
        for grade_year in (year, cal.YEARS[0]):
            detail = alert_counts.counts(session, scope=FULL, area=area, today=today, grade_year=grade_year)
            rolled = alert_counts.counts(session, scope=FULL, area=area, today=today, grade_year=grade_year,
                                         rollup=True)
            assert not detail[detail["kind"] == "grade"].empty
            assert rolled.to_dict("records") == detail.to_dict("records"), (area, grade_year)


def test_term_counts_read_by_two_ranges_equal_the_rule_over_every_organisation(session):
    """The term counts read two ranges of the election dates (alert_counts._term_ranges); they must count
    exactly the organisations the rule lists, with its severity, read without the ranges."""
    from sqlalchemy import func

    from models.tables import PartyOrg

    today = _today(session)
    for day in (today, date(today.year, 2, 29) if today.year % 4 == 0 else date(today.year, 3, 1),
                date(today.year, 10, 15)):
        counts = alert_counts.counts(session, scope=FULL, area=CITY, today=day, grade_year=None)
        got = counts[counts["kind"] == "term"].groupby("severity")["n"].sum().to_dict()
        want = {}
        for years in alerts.TERM_LENGTHS:
            sev = alerts.term_severity_for(day, years)
            for s, n in session.execute(select(sev, func.count()).where(alerts.term_listed_for(day, years))
                                        .group_by(sev)):
                want[s] = want.get(s, 0) + n
        assert got == want and sum(want.values()) > 0, day
