"""Small aggregates on every page (issue 21): in 正式模式 a role without detail rights (只读观众) sees "<3" (or
"（隐去）" for a cell withheld so that a total cannot give a small one away) wherever a figure is over 1 or 2
organisations, towers or secretaries, and a 市级管理员 sees the number. The rule is models.access.

The store is the demo store in 正式模式 with one extra 楼栋党小组 hung under a grid of 南头街道 (whose demo
data stops at grid level), so that the street's committee has exactly one organisation of a level
below it (the demo store has no level so small); the
demo data already has streets with one or two 股份合作公司 organisations and one or two towers (each test
checks its own precondition on the full data first).
"""

from __future__ import annotations

import time
from datetime import datetime, timezone

import pandas as pd
import pytest
from sqlalchemy import func, select
from sqlmodel import Session

from components.ui import exports
from components.ui.i18n import ZH
from models import accounts
from models.access import CITY_ADMIN, FULL, VIEWER, Scope
from models.area import Area
from models.db import make_engine
from models.i18n import translate
from models.queries import overview, ratings, regions, team
from models.vocab import ORG_CATEGORIES
from models.tables import DatasetInfo, PartyOrg
from tests.conftest import new_app
from tests.data.importing_support import copy_store
from tests.pages.test_access import rendered_text

SMALL, WITHHELD, NOTE = ZH["scope.small"], ZH["scope.withheld"], ZH["scope.small_note"]
VIEWER_SCOPE = Scope(role=VIEWER, actor="screen")
ADMIN_SCOPE = Scope(role=CITY_ADMIN, actor="admin")
EXTRA_ORG = "P440305001-R002-B01"  # the building group this store adds under a grid of 南头街道
NANTOU = ("南山区", "南头街道")  # one 股份合作公司 organisation in the demo data


@pytest.fixture(scope="module")
def small_url(demo_db, tmp_path_factory) -> str:
    store = copy_store(demo_db, tmp_path_factory.mktemp("small") / "small.db")
    engine = make_engine(store.url)
    now = datetime.now(timezone.utc)
    with Session(engine) as s:
        s.get(DatasetInfo, "origin").value = "import"
        parent = s.execute(select(PartyOrg).where(PartyOrg.code == "P440305001-R002")).scalar_one()
        new_id = s.execute(select(func.max(PartyOrg.id))).scalar_one() + 1
        s.add(PartyOrg(id=new_id, code=EXTRA_ORG, name="南头城一号楼党小组", level="building", org_type="group",
                       category="community", kind="territorial", parent_id=parent.id, path=f"{parent.path}{new_id}/",
                       depth=parent.depth + 1, region_id=parent.region_id, district_id=parent.district_id,
                       street_id=parent.street_id, members=17, founded_year=2015))
        accounts.create(s, username="screen", role=VIEWER, password="Geheim-Passwort-7", now=now, actor="test")
        accounts.create(s, username="admin", role=CITY_ADMIN, password="Geheim-Passwort-7", now=now, actor="test")
        s.commit()
    engine.dispose()
    return store.url


def area_of(url: str, district: str, street: str | None) -> Area:
    engine = make_engine(url)
    with Session(engine) as s:
        area = regions.resolve_area(s, scope=FULL, district=district, street=street).area
    engine.dispose()
    return area


def open_page(url, monkeypatch, scope: Scope, page: str, **params):
    app = new_app(url, monkeypatch)
    app.session_state["auth.scope"] = scope  # logged in (正式模式), as components/shell/auth.py keeps it
    app.session_state["auth.last_seen"] = time.time()
    app.query_params.update(params)
    app.switch_page(f"pages/{page}")
    at = app.run()
    assert not at.exception, at.exception
    assert at.session_state["auth.scope"] == scope
    return at


def chart_frames(at) -> list[pd.DataFrame]:
    """The rows of every chart (Altair charts carry them as Arrow datasets)."""
    from streamlit.dataframe_util import convert_arrow_bytes_to_pandas_df

    return [convert_arrow_bytes_to_pandas_df(ds.data.data) for e in at.main
            for ds in getattr(getattr(e, "proto", None), "datasets", ())]


def shown_text(at) -> str:
    """rendered_text plus the data of every chart."""
    return "\n".join([rendered_text(at), *(df.to_string() for df in chart_frames(at))])


def metric(at, label: str) -> str:
    return next(m for m in at.metric if m.label == label).value


def table_with(at, *columns: str) -> pd.DataFrame:
    return next(d.value for d in at.dataframe if set(columns) <= set(d.value.columns))


def test_overview_cards_and_categories(small_url, monkeypatch):
    full = overview.orgs_by_category  # precondition on the full data
    engine = make_engine(small_url)
    with Session(engine) as s:
        cats = full(s, scope=FULL, area=area_of(small_url, *NANTOU), year=2025).set_index("category")["now"]
        towers = overview.tower_coverage(s, scope=FULL, area=area_of(small_url, "罗湖区", "笋岗街道"), year=2025)
    engine.dispose()
    assert cats["shareholding"] in (1, 2) and towers.n in (1, 2)
    share_label = f"{ZH['vocab.category.shareholding']}（{SMALL}）"

    seen = open_page(small_url, monkeypatch, VIEWER_SCOPE, "overview.py", district=NANTOU[0], street=NANTOU[1])
    assert share_label in shown_text(seen)  # the category bar says "<3", without its count
    admin = open_page(small_url, monkeypatch, ADMIN_SCOPE, "overview.py", district=NANTOU[0], street=NANTOU[1])
    assert share_label not in shown_text(admin) and f"（{SMALL}）" not in shown_text(admin)

    seen = open_page(small_url, monkeypatch, VIEWER_SCOPE, "overview.py", district="罗湖区", street="笋岗街道")
    assert metric(seen, ZH["overview.tower_rate"]) == SMALL  # one tower: covered or not would be its detail
    admin = open_page(small_url, monkeypatch, ADMIN_SCOPE, "overview.py", district="罗湖区", street="笋岗街道")
    assert metric(admin, ZH["overview.tower_rate"]).endswith("%")


def test_overview_comparison_table_withholds_small_streets_and_one_more(small_url, monkeypatch):
    seen = open_page(small_url, monkeypatch, VIEWER_SCOPE, "overview.py", district="罗湖区")
    table = table_with(seen, "tower_pct")
    towers = table["towers"].astype(str)
    assert (towers == SMALL).sum() >= 1  # 笋岗 and 莲塘 have one tower each
    assert not (table["towers"].astype(str) == "0").all()
    assert NOTE in rendered_text(seen)
    admin = table_with(open_page(small_url, monkeypatch, ADMIN_SCOPE, "overview.py", district="罗湖区"), "tower_pct")
    assert pd.api.types.is_numeric_dtype(admin["towers"]) and (admin["towers"] == 1).sum() >= 1


def small_grading(url: str) -> tuple[str, str, str]:
    """A street and category with 1 or 2 organisations graded in 2025 and the year before (full data)."""
    engine = make_engine(url)
    with Session(engine) as s:
        for district in regions.districts(s, scope=FULL)["name"]:
            d = regions.resolve_area(s, scope=FULL, district=district, street=None).area
            for street in regions.streets(s, scope=FULL, district_id=d.district_id)["name"]:
                area = regions.resolve_area(s, scope=FULL, district=district, street=street).area
                for category in ORG_CATEGORIES:
                    k = ratings.kpis(s, scope=FULL, area=area, year=2025, category=category)
                    if k.graded.now in (1, 2) and k.graded.before in (1, 2):
                        engine.dispose()
                        return district, street, category
    engine.dispose()
    pytest.fail("the demo store has no street with 1 or 2 graded organisations of a category")


def test_ratings_kpis_and_transition_matrix(small_url, monkeypatch):
    district, street, category = small_grading(small_url)
    params = dict(district=district, street=street, **{"ratings.category": category, "ratings.tab": "transitions"})
    seen = open_page(small_url, monkeypatch, VIEWER_SCOPE, "ratings.py", **params)
    assert metric(seen, ZH["ratings.kpi_graded"]) == SMALL
    assert metric(seen, ZH["ratings.kpi_a_share"]) == SMALL
    assert any(i.value == ZH["ratings.transitions_small"] for i in seen.info)
    admin = open_page(small_url, monkeypatch, ADMIN_SCOPE, "ratings.py", **params)
    assert metric(admin, ZH["ratings.kpi_graded"]) in ("1", "2")
    assert not any(i.value == ZH["ratings.transitions_small"] for i in admin.info)
    # the trend: every year of that category reads "2025（<3）", without its grades
    params["ratings.tab"] = "trend"
    rows = next(df for df in chart_frames(open_page(small_url, monkeypatch, VIEWER_SCOPE, "ratings.py", **params))
                if "row" in df.columns)
    assert f"2025（{SMALL}）" in set(rows["row"]) and rows.loc[rows["row"].str.contains(SMALL), "n"].isna().all()
    rows = next(df for df in chart_frames(open_page(small_url, monkeypatch, ADMIN_SCOPE, "ratings.py", **params))
                if "row" in df.columns)
    assert "2025" in set(rows["row"]) and not rows["row"].str.contains(SMALL).any()


def test_org_card_withholds_a_level_with_one_organisation(small_url, monkeypatch):
    seen = open_page(small_url, monkeypatch, VIEWER_SCOPE, "orgs.py", org="P440305001")
    below = table_with(seen, "level", "orgs").set_index("level")["orgs"]
    grid = ZH["vocab.level.building"]
    assert below[grid] == SMALL
    assert (below == WITHHELD).sum() == 1  # the card also shows the sum: one more level is withheld
    admin = open_page(small_url, monkeypatch, ADMIN_SCOPE, "orgs.py", org="P440305001")
    below = table_with(admin, "level", "orgs").set_index("level")["orgs"]
    assert int(below[grid]) == 1 and SMALL not in set(below.astype(str))


def test_team_hometown_regions(small_url, monkeypatch):
    engine = make_engine(small_url)
    with Session(engine) as s:
        per = team.hometown_by_region(s, scope=FULL, area=area_of(small_url, "罗湖区", None))
    engine.dispose()
    assert ((per["organisations"] > 0) & (per["organisations"] < 3)).any()
    seen = open_page(small_url, monkeypatch, VIEWER_SCOPE, "team.py", district="罗湖区", **{"team.tab": "volunteers"})
    table = table_with(seen, "organisations")
    assert (table["organisations"] == SMALL).any() and "0" not in set(table["organisations"])
    assert metric(seen, ZH["team.kpi_hometown"]) == "12"  # the district's total over 12 is shown, exactly
    admin = open_page(small_url, monkeypatch, ADMIN_SCOPE, "team.py", district="罗湖区", **{"team.tab": "volunteers"})
    assert pd.api.types.is_numeric_dtype(table_with(admin, "organisations")["organisations"])


def test_alert_counts_and_their_export(small_url, monkeypatch):
    built: list[bytes] = []
    real = exports.file_builder

    def keep(frozen, cols, file_stem, record, *, page=""):
        build = real(frozen, cols, file_stem, record, page=page)
        if file_stem == ZH["alerts.file_counts"]:
            built.extend([build("csv"), build("xlsx")])
        return build

    monkeypatch.setattr(exports, "file_builder", keep)
    seen = open_page(small_url, monkeypatch, VIEWER_SCOPE, "alerts.py", district="南山区")
    table = table_with(seen, ZH["alerts.col.region"])
    cells = table.drop(columns=[ZH["alerts.col.region"]]).astype(str)
    assert (cells == SMALL).any().any()
    assert NOTE in rendered_text(seen)
    csv = built[0].decode("utf-8-sig")
    assert SMALL in csv and "nan" not in csv.lower()
    built.clear()
    admin = open_page(small_url, monkeypatch, ADMIN_SCOPE, "alerts.py", district="南山区")
    cells = table_with(admin, ZH["alerts.col.region"]).drop(columns=[ZH["alerts.col.region"]])
    assert all(pd.api.types.is_numeric_dtype(cells[c]) for c in cells.columns)
    assert (cells.isin([1, 2])).any().any()  # the numbers the viewer does not see
    assert SMALL not in built[0].decode("utf-8-sig")


def test_present_slides(small_url, monkeypatch):
    share_label = f"{ZH['vocab.category.shareholding']}（{SMALL}）"
    seen = open_page(small_url, monkeypatch, VIEWER_SCOPE, "present.py", district=NANTOU[0], street=NANTOU[1])
    assert share_label in shown_text(seen)
    admin = open_page(small_url, monkeypatch, ADMIN_SCOPE, "present.py", district=NANTOU[0], street=NANTOU[1])
    assert share_label not in shown_text(admin)


def test_written_briefing(small_url, monkeypatch):
    import streamlit as st

    from components.loaders import present as present_loaders
    from data.briefing import build

    monkeypatch.setenv("DATABASE_URL", small_url)
    st.cache_data.clear()
    st.cache_resource.clear()
    area = area_of(small_url, "罗湖区", "笋岗街道")
    texts = {}
    for scope in (VIEWER_SCOPE, ADMIN_SCOPE):
        facts = present_loaders.written(scope, area, 2025, label="笋岗街道", parent="罗湖区").facts
        texts[scope.role] = {lang: build(facts, lang, generated="-").text() for lang in ("zh", "en")}
    st.cache_data.clear()
    st.cache_resource.clear()
    level = translate("briefing.level.street", "zh")
    assert ZH["briefing.p_towers_small"].format(level=level) in texts[VIEWER]["zh"]
    assert NOTE in texts[VIEWER]["zh"] and translate("scope.small_note", "en") in texts[VIEWER]["en"]
    assert ZH["briefing.p_towers_small"].format(level=level) not in texts[CITY_ADMIN]["zh"]
    assert "20层以上商务楼宇1栋" in texts[CITY_ADMIN]["zh"]






def test_building_coverage(small_url, monkeypatch):
    params = dict(district="罗湖区", street="笋岗街道", **{"buildings.kind": "tower"})  # one tower (precondition above)
    seen = open_page(small_url, monkeypatch, VIEWER_SCOPE, "buildings.py", **params)
    assert metric(seen, ZH["buildings.m.buildings"]) == SMALL and metric(seen, ZH["buildings.m.rate"]) == SMALL
    labels = next(df for df in chart_frames(seen) if "rate_text" in df.columns)
    assert set(labels.loc[labels["name"].isin(["笋岗街道", "莲塘街道"]), "rate_text"]) <= {SMALL, WITHHELD}
    assert not labels["rate_text"].astype(str).str.contains("nan").any()
    admin = open_page(small_url, monkeypatch, ADMIN_SCOPE, "buildings.py", **params)
    assert metric(admin, ZH["buildings.m.buildings"]) == "1"


def test_the_marker_in_english(small_url, monkeypatch):
    from components.ui.i18n import EN

    seen = open_page(small_url, monkeypatch, VIEWER_SCOPE, "overview.py", district=NANTOU[0], street=NANTOU[1],
                     lang="en")
    text = shown_text(seen)
    assert f"{EN['vocab.category.shareholding']} ({EN['scope.small']})" in text
    assert ZH["scope.withheld"] not in text and "（<3）" not in text
