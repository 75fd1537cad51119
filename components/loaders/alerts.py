"""Loaders of the problem list (问题清单) and its top items for 总览 and the 大屏 ticker (`top_items`)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from urllib.parse import parse_qsl, urlencode, urlsplit

import pandas as pd

from components import loaders
from components.loaders import cached, problems, session
from models import alerts
from models.access import MARK_WITHHELD, Scope, hides_small_in, suppress_small
from models.rules import child_level
from models.queries import alert_counts
from models.queries import alerts as alert_items
from models.queries.common import Area
from models.rules import child_level


@dataclass(frozen=True)
class Today:
    day: date
    source: str  # "as_of" (the store's 数据截至, demo) | "real" (the date in Beijing, 正式模式)


def today() -> Today:
    """The list's "today" (models.alerts.today_for); not cached itself, so the real date moves at midnight."""
    day, source = alerts.today_for(loaders.dataset_info())
    return Today(day, source)


def grade_year(day: date) -> int | None:
    """The grading round the list reads: the latest one up to today's year."""
    years = [y for y in loaders.rating_years() if y <= day.year]
    return max(years) if years else None


@dataclass(frozen=True)
class AlertData:
    today: Today
    grade_year: int | None
    counts: pd.DataFrame  # alert_counts.COUNT_COLUMNS, every viewer
    items: pd.DataFrame  # alert_items.ITEM_COLUMNS, only inside the viewer's detail area
    detail: bool  # False: the viewer sees the counts only (no part of the area in detail)
    secretaries: dict[str, int]  # filled / rotated in the last twelve months
    limit: int
    cut: bool  # some kind had more items than `limit`


REACH = alerts.GAP_SEVERITY["reach"]


def _reach_counts(gaps: pd.DataFrame, area: Area) -> pd.DataFrame:
    """The out-of-reach communities counted per child region of the area (alert_counts.COUNT_COLUMNS)."""
    level = child_level(area).level
    rid = gaps["id"] if level == "community" else gaps[f"{level}_id"]
    region = gaps["name"] if level == "community" else gaps[level]
    df = pd.DataFrame({"rid": rid.astype(int), "region": region.astype(object)})
    df = df.groupby(["rid", "region"], as_index=False).size().rename(columns={"size": "n"})
    return df.assign(kind="reach", severity=REACH)[list(alert_counts.COUNT_COLUMNS)]


def _reach_items(gaps: pd.DataFrame, committees: dict[int, str]) -> pd.DataFrame:
    """The out-of-reach communities as items (alert_items.ITEM_COLUMNS): a gap without a due date, the street's
    党工委 responsible, a link to 阵地地图 on the community's street, the distance to the nearest centre."""
    gaps = gaps.head(alert_items.LIMIT)
    return pd.DataFrame({
        "kind": "reach", "severity": REACH, "due_on": None, "since": None, "name": gaps["name"], "code": "",
        "link": ["./centres?" + urlencode({"district": d, "street": st}) for d, st in
                 zip(gaps["district"], gaps["street"], strict=True)],
        "responsible": gaps["street_id"].map(committees), "district": gaps["district"], "street": gaps["street"],
        "detail": [None if pd.isna(d) else int(d) for d in gaps["distance_m"]],
        "district_id": gaps["district_id"], "street_id": gaps["street_id"]}, columns=list(alert_items.ITEM_COLUMNS))


def _with_reach(scope: Scope, area: Area, now: Today, counts: pd.DataFrame, items: pd.DataFrame,
                committees: dict[int, str]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Counts and items with the communities out of reach added (the rule 总览's count uses)."""
    seen = scope.detail_area(area)
    reach = problems.out_of_reach(scope, area, now.day.year)
    if not reach.empty:
        counts = pd.concat([counts, _reach_counts(reach, area)], ignore_index=True).sort_values(
            ["rid", "kind", "severity"]).reset_index(drop=True)
    if seen is not None:
        near = problems.out_of_reach(scope, seen, now.day.year)
        if not near.empty:
            reach_items = _reach_items(near, committees)
            items = alert_items.ordered(reach_items if items.empty else pd.concat([items, reach_items],
                                                                                  ignore_index=True))
    return counts, items


@cached
def alert_data(scope: Scope, area: Area, now: Today) -> AlertData:
    """The list and its counts; communities out of reach come from the rule 总览's count uses
    (components.loaders.problems.out_of_reach), the rest from the queries."""
    year = grade_year(now.day)
    with session() as s:
        items = alert_items.items(s, scope=scope, area=area, today=now.day, grade_year=year)
        counts = alert_counts.counts(s, scope=scope, area=area, today=now.day, grade_year=year,
                                     rollup=loaders.rollups_fresh())
        changes = alert_counts.secretary_changes(s, scope=scope, area=area, today=now.day)
        committees = alert_items.street_committees(s, scope=scope)
    counts, items = _with_reach(scope, area, now, counts, items, committees)
    per_kind = items.groupby("kind").size() if not items.empty else pd.Series(dtype=int)
    return AlertData(today=now, grade_year=year, counts=counts, items=items,
                     detail=scope.detail_area(area) is not None, secretaries=changes, limit=alert_items.LIMIT,
                     cut=bool((per_kind >= alert_items.LIMIT).any()))


@dataclass(frozen=True)
class CountTable:
    """The counts by subarea of the chosen kinds as the viewer may see them (models.access small aggregates).

    `table`: region, red, amber, green, total per subarea; a cell of 1 or 2 outside the viewer's detail area
    is NaN with True in `<severity>_small` (mark in `<severity>_small_mark`) (secondary suppression per severity: the totals row is shown
    as the KPI cards), and a row's total is withheld whenever one of its cells is (else total minus the
    shown cells would give it). `totals`: the area's count per severity, None where withheld."""

    table: pd.DataFrame
    totals: dict[str, int | None]


def count_table(scope: Scope, area: Area, data: AlertData, kinds: tuple[str, ...], direct: str) -> CountTable:
    """Region x severity (and the total) of the chosen kinds; `direct` names the row of organisations hung
    directly under the area. Pure pandas over the loaded counts: no query per cell."""
    level = child_level(area).level
    counts = data.counts[data.counts["kind"].isin(kinds)].copy()
    counts["region"] = counts["region"].fillna(direct)
    table = counts.pivot_table(index=["rid", "region"], columns="severity", values="n", aggfunc="sum", fill_value=0)
    table = table.reindex(columns=list(alerts.SEVERITIES), fill_value=0).reset_index()
    table["total"] = table[list(alerts.SEVERITIES)].sum(axis=1)
    table = table.sort_values(["red", "amber", "rid"], ascending=[False, False, True]).reset_index(drop=True)
    totals = {s: int(table[s].sum()) for s in alerts.SEVERITIES}

    def place(row: dict) -> tuple[int | None, int | None]:
        rid = int(row["rid"])
        if rid == 0 or level == "community":
            return area.district_id, area.street_id
        return (rid, None) if level == "district" else (area.district_id, rid)

    for sev in alerts.SEVERITIES:
        table = suppress_small(table, scope, count=sev, place=place, values=(), flag=f"{sev}_small", secondary=True)
    any_cell = table[[f"{s}_small" for s in alerts.SEVERITIES]].any(axis=1)
    table = suppress_small(table, scope, count="total", place=place, values=(), flag="total_small")
    table["total_small_mark"] = [m or (MARK_WITHHELD if hit else "")
                                 for m, hit in zip(table["total_small_mark"], any_cell, strict=True)]
    table["total_small"] = table["total_small"] | any_cell
    table["total"] = table["total"].astype(float).where(~table["total_small"])
    return CountTable(table, {s: None if hides_small_in(scope, area, n) else n for s, n in totals.items()})


@dataclass(frozen=True)
class TopItem:
    """One line of the 总览 list or the 大屏 ticker: labels are the caller's (kind and severity are codes)."""

    kind: str
    severity: str
    due_on: date | None
    name: str
    link: str  # a relative page link ("./orgs?org=P4403…"), as the 问题清单 lists it
    district: str | None
    street: str | None

    def target(self) -> tuple[str, dict[str, str]]:
        """(url path, query parameters) of `link`: ("orgs", {"org": "P4403…"})."""
        parts = urlsplit(self.link)
        return parts.path.removeprefix("./").strip("/"), dict(parse_qsl(parts.query))


@dataclass(frozen=True)
class TopItems:
    today: Today
    counts: tuple[tuple[str, int], ...]  # (severity, n) over the whole area, every viewer
    items: tuple[TopItem, ...]  # the first n red/amber items by due date, empty for a counts-only viewer
    detail: bool = True  # False: the viewer sees the counts only


def top_items(scope: Scope, area: Area, n: int = 5) -> TopItems:
    """The top `n` open items (red, then amber, by due date) of an area, for 总览 and the 大屏 ticker: a small
    frozen read model (names are register text: escape them, components/ui/text.md)."""
    return _top_items(scope, area, n, today())


@cached
def _top_items(scope: Scope, area: Area, n: int, now: Today) -> TopItems:
    """The head of alert_data's list without its grades (alert_items.head_candidates, the same rows where it
    matters) and without the secretaries' figures: 总览 and the ticker read a few lines, not the whole list."""
    year = grade_year(now.day)
    with session() as s:
        items = alert_items.head_candidates(s, scope=scope, area=area, today=now.day, grade_year=year, n=n)
        counts = alert_counts.counts(s, scope=scope, area=area, today=now.day, grade_year=year,
                                     rollup=loaders.rollups_fresh())
        committees = alert_items.street_committees(s, scope=scope)
    counts, items = _with_reach(scope, area, now, counts, items, committees)
    return head(now, counts, items, n, detail=scope.detail_area(area) is not None)


def head(now: Today, counts: pd.DataFrame, items: pd.DataFrame, n: int, *, detail: bool) -> TopItems:
    """The first `n` open items (red, then amber, each in the list's order) and the totals per severity."""
    totals = counts.groupby("severity")["n"].sum() if not counts.empty else pd.Series(dtype=int)
    open_items = items[items["severity"].isin((alerts.RED, alerts.AMBER))]
    rank = open_items["severity"].map({alerts.RED: 0, alerts.AMBER: 1})
    first = open_items.assign(_r=rank).sort_values(["_r"], kind="stable").head(n)
    return TopItems(
        today=now,
        counts=tuple((s, int(totals.get(s, 0))) for s in alerts.SEVERITIES),
        items=tuple(TopItem(kind=r.kind, severity=r.severity, due_on=r.due_on, name=r.name, link=r.link,
                            district=r.district, street=r.street) for r in first.itertuples()),
        detail=detail,
    )
