"""What a user sees when the store is missing, damaged or unreachable: a message and a way on."""

from __future__ import annotations

import streamlit as st

from tests.conftest import ROOT, app_test


def _app(monkeypatch, url: str | None):
    if url is None:
        monkeypatch.delenv("DATABASE_URL", raising=False)
    else:
        monkeypatch.setenv("DATABASE_URL", url)
    st.cache_data.clear()
    st.cache_resource.clear()
    return app_test.AppTest.from_file(str(ROOT / "app.py"), default_timeout=90)


def test_first_start_builds_the_demo_store_and_opens_the_overview(tmp_path, monkeypatch):
    import models.db

    default = tmp_path / "data" / "dashboard.db"
    monkeypatch.setattr(models.db, "DEFAULT_SQLITE_PATH", default)
    at = _app(monkeypatch, None).run()
    assert not at.exception
    assert default.exists()
    assert at.title[0].value == "总览"
    assert next(m for m in at.metric if m.label == "党群服务中心").value == "1,050"


def test_damaged_file_is_explained_and_rebuilt_on_request(tmp_path, monkeypatch):
    broken = tmp_path / "broken.db"
    broken.write_bytes(b"\x00garbage" * 512)
    at = _app(monkeypatch, f"sqlite:///{broken}").run()
    assert not at.exception
    assert "数据库文件已损坏" in at.error[0].value
    assert not at.metric  # no page content over a broken store
    at.button(key="store.rebuild").click().run()
    assert not at.exception
    assert next(m for m in at.metric if m.label == "党群服务中心").value == "1,050"
    kept = [p for p in tmp_path.iterdir() if p.name.startswith("broken.damaged-")]
    assert len(kept) == 1 and kept[0].read_bytes().startswith(b"\x00garbage")


def test_unreachable_database_url_is_explained(tmp_path, monkeypatch):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    at = _app(monkeypatch, f"sqlite:///{blocker / 'x.db'}").run()
    assert not at.exception
    assert "无法连接数据库" in at.error[0].value
    assert "DATABASE_URL" in at.info[0].value


def test_demo_store_from_an_older_generator_is_rebuilt(tmp_path, monkeypatch):
    import models.db
    from data import demo
    from models.db import make_engine

    default = tmp_path / "dashboard.db"
    monkeypatch.setattr(models.db, "DEFAULT_SQLITE_PATH", default)
    engine = make_engine(f"sqlite:///{default}")
    demo.build(engine, scale="demo")
    with engine.begin() as conn:
        conn.exec_driver_sql("UPDATE datasetinfo SET value = '0' WHERE key = 'generator_version'")
    engine.dispose()
    at = _app(monkeypatch, None).run()
    assert not at.exception
    engine = make_engine(f"sqlite:///{default}")
    assert demo.current_info(engine)["generator_version"] != "0"
    engine.dispose()
    assert next(m for m in at.metric if m.label == "党群服务中心").value == "1,050"


def test_store_without_grades_still_shows_every_page(tmp_path, monkeypatch):
    from data import demo
    from models.db import make_engine

    path = tmp_path / "nogrades.db"
    engine = make_engine(f"sqlite:///{path}")
    demo.build(engine, scale="demo")
    with engine.begin() as conn:  # as after importing registers that carry no grades
        for table in ("indicatorscore", "weakorgcase", "rating"):
            conn.exec_driver_sql(f"DELETE FROM {table}")
    engine.dispose()
    at = _app(monkeypatch, f"sqlite:///{path}").run()
    assert not at.exception
    assert next(m for m in at.metric if m.label == "党群服务中心").value == "1,050"
    for page in ("centres.py", "buildings.py", "ratings.py", "orgs.py"):
        at.switch_page(f"pages/{page}").run()
        assert not at.exception, f"{page}: {at.exception}"
