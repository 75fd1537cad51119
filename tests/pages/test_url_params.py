"""URLs hold codes, never labels (components/shell/params.py), and no URL value crashes a page.

The fuzz test opens every page with deterministic hostile query parameters (long, unicode, NUL, negative,
repeated, unknown codes, labels of the other language) and requires no exception element.
"""

from __future__ import annotations

import random

import pytest

from tests.conftest import new_app

PAGES = ("overview.py", "centres.py", "buildings.py", "orgs.py", "ratings.py", "present.py", "data_admin.py")
PARAMS = ("district", "street", "year", "lang", "buildings.kind", "buildings.min_floors", "ratings.category",
          "ratings.tab", "ratings.org", "org", "present", "interval", "slide", "centres.radius", "centres.tiers")
VALUES = (
    "", " ", "*", "0", "-1", "-2024", "2024", "1e9", "99999999999999999999", "NaN", "None", "null", "true",
    "\x00", "a\x00b", "罗湖区", "南湖街道", "火星区", "English", "en", "zh", "中文", "fr", "住宅小区", "同乡村",
    "residential", "hometown", "trend", "趋势", "Trend", "tower", "P440303", "P999999", "1", "2", "-5", "3.5",
    "x" * 5000, "区" * 300, "**粗体** ![i](http://example.invalid/t.png)", "<script>alert(1)</script>",
    "../../etc/passwd", "%00", "%E7%BD%97", "\u202e\u200b", "😀" * 20, "[]", "{}", "'", '"', "\\", "\n",
)


def cases(n: int = 520, seed: int = 21) -> list[tuple[str, dict[str, str | list[str]]]]:
    rng = random.Random(seed)
    out = []
    for i in range(n):
        page = PAGES[i % len(PAGES)]
        params: dict[str, str | list[str]] = {}
        for key in rng.sample(PARAMS, rng.randint(1, 4)):
            if rng.random() < 0.15:  # repeated parameter
                params[key] = [rng.choice(VALUES) for _ in range(rng.randint(2, 3))]
            else:
                params[key] = rng.choice(VALUES)
        out.append((page, params))
    return out


CASES = cases()


def open_page(app, page: str, params: dict):
    app.query_params.clear()
    app.query_params.update(params)
    at = app.run()
    assert not at.exception, f"app.py with {params!r}: {at.exception}"
    if page != "overview.py" and "present" not in params:
        at.switch_page(f"pages/{page}")
        at.query_params.clear()
        at.query_params.update(params)
        at = at.run()
    return at


def test_there_are_enough_cases():
    assert len(CASES) >= 500 and len({p for p, _ in CASES}) == len(PAGES)
    assert CASES == cases()  # deterministic


@pytest.mark.slow
@pytest.mark.parametrize("chunk", range(len(CASES) // 40 + 1))
def test_no_url_value_crashes_a_page(demo_db, monkeypatch, chunk):
    app = new_app(demo_db, monkeypatch)
    for page, params in CASES[chunk * 40:(chunk + 1) * 40]:
        at = open_page(app, page, params)
        assert not at.exception, f"{page} with {params!r}: {at.exception}"


def test_empty_kind_is_the_default_not_a_crash(app):
    at = open_page(app, "buildings.py", {"buildings.kind": ""})
    assert not at.exception
    assert at.session_state["buildings.kind"] == "tower"
    assert not at.warning


def test_switching_language_keeps_codes_in_the_url(app):
    at = app.run()
    at.switch_page("pages/buildings.py").run()
    at.segmented_control(key="buildings.kind").set_value("residential").run()
    assert at.query_params.get("buildings.kind") == "residential"
    at.segmented_control(key="lang").set_value("en").run()
    assert not at.exception
    assert at.query_params.get("buildings.kind") == "residential" and at.query_params.get("lang") == "en"
    assert at.session_state["buildings.kind"] == "residential"


def test_ratings_category_and_tab_are_codes_and_survive_a_language_switch(app):
    at = app.run()
    at.switch_page("pages/ratings.py").run()
    at.segmented_control(key="ratings.category").set_value("hometown").run()
    assert at.query_params.get("ratings.category") == "hometown"
    at.segmented_control(key="lang").set_value("en").run()
    assert not at.exception
    assert at.query_params.get("ratings.category") == "hometown"


@pytest.mark.parametrize(("value", "code"), [("trend", "trend"), ("历年趋势", "trend"), ("Trend", "trend"), ("hometown", None)])
def test_a_link_opens_the_tab_it_names(app, value, code):
    at = open_page(app, "ratings.py", {"ratings.tab": value})
    assert not at.exception
    if code is None:
        assert any("hometown" in w.value and "无法识别" in w.value for w in at.warning)
    else:
        assert at.query_params.get("ratings.tab") == code


@pytest.mark.parametrize(("value", "shown"), [("住宅小区", "residential"), ("Residential compound", "residential")])
def test_old_links_with_labels_still_open(app, value, shown):
    at = open_page(app, "buildings.py", {"buildings.kind": value})
    assert not at.exception and not at.warning
    assert at.session_state["buildings.kind"] == "residential"
    assert at.query_params.get("buildings.kind") == "residential"  # rewritten as the code


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_an_unknown_value_is_explained_in_the_page_language(app, lang):
    at = open_page(app, "buildings.py", {"buildings.kind": "火星楼", "lang": lang})
    assert not at.exception
    words = "无法识别" if lang == "zh" else "not understood"
    assert any("火星楼" in w.value and words in w.value for w in at.warning), [w.value for w in at.warning]
    assert at.session_state["buildings.kind"] == "tower"
