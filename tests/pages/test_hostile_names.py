"""Names are text, never Markdown: organisations, a centre, a building and a street renamed to Markdown/HTML
(images from the internet, bold, raw HTML, a javascript: link) show literally on every page
(components/ui/text.py md()). Nothing that Streamlit renders as Markdown holds the raw syntax."""

from __future__ import annotations

import pytest
from sqlalchemy import text
from sqlmodel import Session

from components.ui.text import md
from models.db import make_engine
from tests.conftest import copy_sqlite, new_app

HOSTILE = "**粗体** ![i](http://example.invalid/t.png) <b>x</b> [l](javascript:alert(1))"
RAW_MARKERS = ("![i](", "**粗体**", "<b>x</b>", "](javascript:")
ORG = "P440303"  # 罗湖区委
# element types whose text Streamlit renders as Markdown (labels of buttons, links, tabs and expanders too)
MARKDOWN_ELEMENTS = ("markdown", "caption", "title", "header", "subheader", "info", "warning", "error",
                     "success", "toast", "button", "page_link", "tab", "expander", "metric", "badge")
PAGES = [("overview.py", {}), ("centres.py", {}), ("buildings.py", {}), ("orgs.py", {"org": ORG}),
         ("ratings.py", {}), ("ratings.py", {"ratings.tab": "committees"}), ("team.py", {}),
         ("team.py", {"team.tab": "volunteers"}), ("present.py", {}), ("data_admin.py", {}), ("orgs.py", {"org": "P440303005"}),
         ("alerts.py", {"district": "罗湖区"}), ("standards.py", {"district": "罗湖区"})]


@pytest.fixture(scope="module")
def hostile_db(demo_db, tmp_path_factory) -> str:
    """The demo store with hostile names in 罗湖: its committee and every organisation below one street,
    its centres (names, addresses, services) and buildings."""
    path = tmp_path_factory.mktemp("hostile") / "hostile.db"
    copy_sqlite(demo_db, path)
    url = f"sqlite:///{path}"
    engine = make_engine(url)
    with Session(engine) as s:
        s.exec(text("UPDATE partyorg SET name = :n || ' ' || code WHERE code = :c OR code LIKE :below"),
               params={"n": HOSTILE, "c": ORG, "below": "P440303005%"})
        s.exec(text("UPDATE servicecenter SET name = :n || ' ' || code, address = :n, services = :n "
                    "WHERE district_id = (SELECT id FROM region WHERE name = '罗湖区')"), params={"n": HOSTILE})
        s.exec(text("UPDATE building SET name = :n || ' ' || code "
                    "WHERE district_id = (SELECT id FROM region WHERE name = '罗湖区')"), params={"n": HOSTILE})
        s.exec(text("UPDATE standardcheck SET note = :n "
                    "WHERE district_id = (SELECT id FROM region WHERE name = '罗湖区')"), params={"n": HOSTILE})
        s.commit()
    engine.dispose()
    return url


def markdown_texts(at) -> list[str]:
    texts = []
    for kind in MARKDOWN_ELEMENTS:
        for element in at.get(kind):
            for attr in ("value", "label", "body"):
                value = getattr(element, attr, None)
                if isinstance(value, str):
                    texts.append(value)
            proto = getattr(element, "proto", None)
            if proto is not None and hasattr(proto, "label") and isinstance(proto.label, str):
                texts.append(proto.label)
    return texts


@pytest.mark.parametrize(("page", "params"), PAGES, ids=lambda v: v if isinstance(v, str) else "-".join(v.values()))
def test_hostile_names_show_literally(hostile_db, monkeypatch, page, params):
    app = new_app(hostile_db, monkeypatch)
    app.query_params.update({"district": "罗湖区", **params})
    at = app.run()
    at.switch_page(f"pages/{page}")
    at.query_params.update({"district": "罗湖区", **params})
    at = at.run()
    assert not at.exception, at.exception
    texts = markdown_texts(at)
    raw = [t for t in texts if any(m in t for m in RAW_MARKERS)]
    assert raw == [], f"{page}: Markdown rendered from registry names: {raw[:3]}"
    if page == "orgs.py":
        joined = "\n".join(texts)
        assert md(HOSTILE) in joined  # the name is there, escaped: it shows as typed


def test_orgs_search_results_and_breadcrumb_are_literal(hostile_db, monkeypatch):
    app = new_app(hostile_db, monkeypatch)
    app.query_params.update({"org": "P440303005"})
    at = app.run()
    at.switch_page("pages/orgs.py").run()
    at.query_params["org"] = "P440303005"
    at = at.run()
    at.text_input(key="orgs.search").input("粗体").run()
    assert not at.exception
    labels = [b.label for b in at.button]
    assert any(md(HOSTILE) in label for label in labels), labels[:5]
    assert not [label for label in labels if any(m in label for m in RAW_MARKERS)]


def test_md_escapes_every_markup():
    assert md(HOSTILE) == (r"\*\*粗体\*\* \!\[i\]\(http\:\/\/example\.invalid\/t\.png\) \<b\>x\<\/b\> "
                           r"\[l\]\(javascript\:alert\(1\)\)")
    assert md("a\nb\x00c") == "a b c"
    assert md(None) == "" and md("罗湖区") == "罗湖区"
    assert md(":red[x] $x$ :material/home:") == r"\:red\[x\] \$x\$ \:material\/home\:"
