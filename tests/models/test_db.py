"""The store: pragmas, constraints that keep grades consistent, and the health probe."""

from __future__ import annotations

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session

from models import grading
from models.db import check_store, create_schema, make_engine
from models.tables import PartyOrg, Rating, Region


@pytest.fixture()
def engine(tmp_path):
    e = make_engine(f"sqlite:///{tmp_path / 't.db'}")
    create_schema(e)
    yield e
    e.dispose()


def test_sqlite_runs_with_foreign_keys_and_wal(engine):
    with engine.connect() as conn:
        assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"


def test_every_parent_region_and_year_column_is_indexed(engine):
    with engine.connect() as conn:
        for table, cols in {
            "region": ("parent_id", "district_id", "street_id"),
            "partyorg": ("parent_id", "region_id", "district_id", "street_id", "path"),
            "servicecenter": ("region_id", "district_id", "street_id", "org_id"),
            "building": ("region_id", "district_id", "street_id", "org_id"),
            "rating": ("org_id", "year"),
        }.items():
            indexed = set()
            for idx in conn.execute(text(f"PRAGMA index_list({table})")):
                indexed |= {row[2] for row in conn.execute(text(f"PRAGMA index_info('{idx[1]}')"))}
            assert set(cols) <= indexed, table


def _org(session) -> int:
    region = Region(code="440303", name="罗湖区", level="district")
    session.add(region)
    session.flush()
    org = PartyOrg(code="P1", name="测试党支部", level="unit", org_type="branch", category="organ", kind="organ",
                   region_id=region.id)
    session.add(org)
    session.flush()
    return org.id


def _rating(org_id: int, scores=(90.0, 88.0, 80.0), **over) -> Rating:
    comp = grading.composite(*scores)
    row = dict(org_id=org_id, year=2025, score_committee=scores[0], score_department=scores[1],
               score_social=scores[2], composite=comp, grade=grading.grade_for(comp))
    row.update(over)
    return Rating(**row)


def test_consistent_rating_is_stored(engine):
    with Session(engine) as s:
        s.add(_rating(_org(s)))
        s.commit()


@pytest.mark.parametrize(
    "override",
    [{"composite": 99.0}, {"grade": "D"}, {"score_social": 101.0, "composite": 107.2}, {"grade": "E"}],
    ids=["composite-not-from-components", "grade-not-from-band", "score-over-100", "grade-outside-A-D"],
)
def test_inconsistent_rating_is_refused_by_the_store(engine, override):
    with Session(engine) as s:
        org_id = _org(s)
        s.add(_rating(org_id, **override))
        with pytest.raises(IntegrityError):
            s.commit()


def test_one_grade_per_organisation_and_year(engine):
    with Session(engine) as s:
        org_id = _org(s)
        s.add(_rating(org_id))
        s.commit()
        s.add(_rating(org_id, scores=(70.0, 70.0, 70.0)))
        with pytest.raises(IntegrityError):
            s.commit()


def test_probe_tells_missing_empty_corrupt_unreachable_and_ok(tmp_path, demo_db):
    assert check_store(f"sqlite:///{tmp_path / 'none.db'}").state == "empty"
    garbage = tmp_path / "garbage.db"
    garbage.write_bytes(b"this is not a database" * 100)
    assert check_store(f"sqlite:///{garbage}").state == "corrupt"
    schema_only = tmp_path / "schema.db"
    e = make_engine(f"sqlite:///{schema_only}")
    create_schema(e)
    e.dispose()
    assert check_store(f"sqlite:///{schema_only}").state == "empty"
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    assert check_store(f"sqlite:///{blocker / 'x.db'}").state == "unreachable"  # folder cannot exist
    assert check_store(demo_db).state == "ok"


def test_probe_does_not_create_a_missing_file(tmp_path):
    target = tmp_path / "absent.db"
    check_store(f"sqlite:///{target}")
    assert not target.exists()


