"""The problem list's figures are the same wherever they show: 总览's problem list (counts, totals and its
most urgent named items), the 大屏 ticker, the written briefing and the 问题清单 page, for the same area."""

from __future__ import annotations

import re

from components.ui.i18n import ZH
from models import alerts
from models.coverage import DEFAULT_RADIUS_M

AREA = "宝安区"  # a district with towers left uncovered, a community out of reach and centres without hours
ALERTS = "pages/alerts.py"


def metric(at, label: str) -> int:
    return int(next(m for m in at.metric if m.label == label).value.replace(",", ""))


def alert_counts(app, kinds: list[str] | None = None) -> tuple[int, int]:
    app.switch_page(ALERTS)
    if kinds is not None:
        app.session_state["alerts.kind"] = kinds
    at = app.run()
    assert not at.exception
    return metric(at, ZH["alerts.metric.red"]), metric(at, ZH["alerts.metric.amber"])


def listed_red_names(at) -> list[str]:
    table = next(d.value for d in at.dataframe if ZH["alerts.col.due_on"] in d.value.columns)
    return list(table.loc[table[ZH["alerts.col.severity"]] == ZH["alerts.sev.red"], ZH["alerts.col.name"]])


def unescape(label: str) -> str:
    return re.sub(r"\\(.)", r"\1", label)


def ticker(at) -> str:
    body = next(e.proto.body for e in at.get("html") if "present-ticker" in e.proto.body)
    return re.sub(r"<[^>]+>", "", body)


def test_overview_ticker_briefing_and_the_problem_list_count_alike(app):
    app.query_params["district"] = AREA
    red, amber = alert_counts(app)
    _, reach = alert_counts(app, ["reach"])
    towers, _ = alert_counts(app, ["tower"])
    grade_d, _ = alert_counts(app, ["grade"])
    _, centre_gaps = alert_counts(app, ["centre"])
    assert reach > 0 and towers > 0 and grade_d > 0 and centre_gaps > 0  # the test can fail on each figure
    app.session_state["alerts.kind"] = list(alerts.KINDS)
    app.session_state["alerts.severity"] = ["red"]
    first_red = listed_red_names(app.run())
    totals = ZH["alerts.top.totals"].format(red=f"{red:,}", amber=f"{amber:,}")

    app.switch_page("pages/overview.py")
    at = app.run()
    assert not at.exception
    links = [unescape(link.proto.label) for link in at.get("page_link")]
    assert ZH["overview.problem.out_of_reach"].format(radius=DEFAULT_RADIUS_M, n=reach) in links
    assert ZH["overview.problem.uncovered_towers"].format(n=towers) in links
    assert ZH["overview.problem.grade_d"].format(n=grade_d) in links
    assert any(c.value.replace("\\", "") == totals for c in at.caption)
    named = [label for label in links if label.startswith("【")]
    assert len(named) == 5 and all(label.startswith("【红】") for label in named)
    assert [label.split("：", 1)[1].split("，")[0] for label in named] == first_red[:5]  # the list's first red items
    assert ZH["alerts.top.all"] in links

    at.query_params["present"] = "1"
    at.run()
    assert not at.exception
    text = ticker(at)
    assert totals in text, text
    assert f"{ZH['briefing.problem.reach'].format(radius=f'{DEFAULT_RADIUS_M:,}')}：{reach}个" in text
    assert f"尚未覆盖的20层以上商务楼宇：{towers}栋" in text and f"D级党组织：{grade_d}个" in text
    assert text.index(totals) > text.index("D级党组织")  # the named items run after the counts
    for name in first_red[:5]:
        assert name in text


    from components import loaders
    from components.loaders import present as present_loaders
    from models.access import FULL

    area = loaders.resolve_area(AREA, None).area
    facts = present_loaders.written(FULL, area, max(loaders.rating_years()), label=AREA, parent=None).facts
    assert (facts.out_of_reach, facts.d_count, facts.towers - facts.towers_covered) == (reach, grade_d, towers)
