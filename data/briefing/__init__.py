"""The written briefing (简报): figures in, a document of headings, short paragraphs, a problem list and
captioned charts out, in Chinese or English. No Streamlit and no queries here: the figures are handed in
as `Facts`, which components/loaders/present.py `written()` fills from the very loaders the pages use
(总览's overview_data, 楼宇覆盖's coverage, 支部评级's summary, 阵地地图's gaps), so no sentence can state a
figure that a page shows differently. Numbers are formatted as the pages format them (1,050 · 87.5% ·
4.0 个百分点). data/briefing/render.py writes the document as Word, PDF and Markdown.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from models.i18n import translate
from models.queries.overview import Pair

__all__ = ["Document", "Facts", "Figure", "RegionFigures", "Section", "build", "fmt_int", "fmt_pct", "fmt_pp"]


@dataclass(frozen=True)
class RegionFigures:
    """One row of 总览's comparison of districts (or of a district's streets)."""

    name: str
    a_share: float | None
    tower_rate: float | None
    towers: int


@dataclass(frozen=True)
class Facts:
    area: str  # the area's label as the sidebar shows it (全市, 罗湖区, 南湖街道)
    level: str  # "city" | "district" | "street"
    parent: str | None  # a street's district
    year: int
    as_of: str
    demo: bool
    centres: Pair
    tiers: Mapping[str, int]  # centres open at the end of the year, per tier
    orgs: Pair
    members: Pair
    towers: int  # towers of 20+ floors (models.rules.is_tower)
    towers_covered: int
    tower_rate: Pair  # None without towers
    graded: int  # organisations graded in the year; 0: no grades
    a_share: Pair
    d_count: int
    weak_open: int
    upgrades: int
    downgrades: int
    out_of_reach: int | None  # communities with no centre within radius_m (None: not computed)
    radius_m: int
    regions_level: str  # "district" | "street": what `regions` compares
    regions: tuple[RegionFigures, ...] = ()
    withheld: frozenset[str] = frozenset()  # problem counts withheld for the viewer ("uncovered", "weak", "d"):
    # 1 or 2 outside the viewer's detail area (models.access); Pairs withheld carry `small`


@dataclass(frozen=True)
class Figure:
    caption: str
    png: bytes


@dataclass(frozen=True)
class Section:
    heading: str
    paragraphs: tuple[str, ...]


@dataclass(frozen=True)
class Document:
    lang: str
    title: str
    stamp: str
    demo: str | None
    sections: tuple[Section, ...]
    problems_heading: str
    problems: tuple[tuple[str, str], ...]  # (problem, count as worded)
    problems_note: str | None
    figures: tuple[Figure, ...] = field(default=())

    def text(self) -> str:
        """Every line of the document as plain text (what a reader of the file reads)."""
        lines = [self.title, self.stamp, *([self.demo] if self.demo else [])]
        for s in self.sections:
            lines += [s.heading, *s.paragraphs]
        lines += [self.problems_heading, *(f"{p}：{n}" for p, n in self.problems)]
        lines += [self.problems_note] if self.problems_note else []
        return "\n".join(lines)


def fmt_int(n: float) -> str:
    return f"{int(n):,}"


def fmt_pct(x: float) -> str:
    return f"{x:.1%}"


def fmt_pp(d: float) -> str:
    return f"{abs(d) * 100:.1f}"


def _tr(lang: str):
    return lambda key, **kw: translate(f"briefing.{key}", lang, **kw)


def _count(pair: Pair, lang: str) -> str:
    """A count as the sentence states it: "<3" when withheld for the viewer (models.access)."""
    return translate("scope.small", lang) if pair.small else fmt_int(pair.now or 0)


def count_change(pair: Pair, unit: str, lang: str) -> str:
    tr = _tr(lang)
    if pair.small:
        return tr("withheld_change")
    d = pair.delta
    if d is None:
        return tr("no_before")
    if int(d) == 0:
        return tr("flat")
    return tr("up_n" if d > 0 else "down_n", n=fmt_int(abs(d)), unit=tr(f"unit_{unit}"))


def share_change(pair: Pair, lang: str) -> str:
    tr = _tr(lang)
    d = pair.delta
    if d is None:
        return tr("no_before")
    if fmt_pp(d) == "0.0":
        return tr("flat")
    return tr("up_pp" if d > 0 else "down_pp", n=fmt_pp(d))


def _names(regions: list[RegionFigures], value: str, lang: str) -> str:
    sep = translate("common.list_separator", lang)
    return sep.join(_tr(lang)("region_share", name=r.name, share=fmt_pct(getattr(r, value))) for r in regions)


def _compare(f: Facts, lang: str) -> tuple[str, ...]:
    tr = _tr(lang)
    regions = tr(f"regions.{f.regions_level}")
    graded = [r for r in f.regions if r.a_share is not None]
    if f.level == "street":
        mine = next((i for i, r in enumerate(graded) if r.name == f.area), None)
        if mine is None or len(graded) < 2:
            return (tr("p_no_compare", regions=regions),)
        return (tr("p_rank", parent=f.parent or "", n=len(graded), regions=regions, area=f.area,
                   share=fmt_pct(graded[mine].a_share), rank=mine + 1),)
    if len(graded) < 2:
        return (tr("p_no_compare", regions=regions),)
    k = 2 if len(graded) >= 4 else 1
    ordered = sorted(graded, key=lambda r: -r.a_share)  # 总览's order: best first
    out = [tr("p_lead", regions=regions, lead=_names(ordered[:k], "a_share", lang),
              lag=_names(list(reversed(ordered[-k:])), "a_share", lang))]
    towers = sorted((r for r in f.regions if r.towers > 0 and r.tower_rate is not None and r.tower_rate < 1),
                    key=lambda r: r.tower_rate)
    if towers:
        out.append(tr("p_tower_lag", lag=_names(towers[:k], "tower_rate", lang)))
    return tuple(out)


def build(f: Facts, lang: str = "zh", *, generated: str, figures: tuple[Figure, ...] = ()) -> Document:
    """The briefing of `f` in `lang`; `generated` is the build time already formatted (Beijing time)."""
    tr = _tr(lang)
    level = tr(f"level.{f.level}")
    overall = tr("p_overall", area=f.area, centres=fmt_int(f.centres.now or 0),
                 centres_change=count_change(f.centres, "centre", lang), orgs=_count(f.orgs, lang),
                 orgs_change=count_change(f.orgs, "org", lang), members=_count(f.members, lang),
                 members_change=count_change(f.members, "member", lang))
    if not f.centres.now:
        centres = (tr("p_no_centres", level=level),)
    else:
        others = sum(n for tier, n in f.tiers.items() if tier not in ("city", "district"))
        counts = [("city", f.tiers.get("city", 0)), ("district", f.tiers.get("district", 0)), ("other", others)]
        sep = translate("common.list_separator", lang)
        centres = (tr("p_tiers", parts=sep.join(tr(f"tier_{k}", n=fmt_int(n)) for k, n in counts if n)),)
    if f.out_of_reach is not None:
        centres += ((tr("p_reach", radius=fmt_int(f.radius_m), n=fmt_int(f.out_of_reach)) if f.out_of_reach
                     else tr("p_reach_all", radius=fmt_int(f.radius_m))),)
    small = translate("scope.small", lang)
    if f.tower_rate.small:
        towers = tr("p_towers_small", level=level)
    elif f.towers == 0 or f.tower_rate.now is None:
        towers = tr("p_no_towers", level=level)
    else:
        kw = dict(towers=fmt_int(f.towers), covered=fmt_int(f.towers_covered), rate=fmt_pct(f.tower_rate.now),
                  rate_change=share_change(f.tower_rate, lang), uncovered=fmt_int(f.towers - f.towers_covered))
        towers = tr("p_towers_all" if f.towers_covered == f.towers else "p_towers", **kw)
    if f.a_share.small:
        grades: tuple[str, ...] = (tr("p_grades_small", level=level, year=f.year),)
    elif f.graded == 0 or f.a_share.now is None:
        grades = (tr("p_no_grades", level=level, year=f.year),)
    else:
        grades = (tr("p_grades", year=f.year, graded=fmt_int(f.graded), a_share=fmt_pct(f.a_share.now),
                     a_change=share_change(f.a_share, lang), d=small if "d" in f.withheld else fmt_int(f.d_count),
                     up=fmt_int(f.upgrades), down=fmt_int(f.downgrades)),
                  tr("p_weak", n=small if "weak" in f.withheld else fmt_int(f.weak_open)) if f.weak_open
                  else tr("p_weak_none"))
    sections = (
        Section(tr("h_overall"), (overall,)),
        Section(tr("h_centres"), centres),
        Section(tr("h_towers"), (towers,)),
        Section(tr("h_grades"), grades),
        Section(tr("h_compare"), _compare(f, lang)),
    )
    no_data, none = tr("problem.no_data"), tr("problem.none")

    def worded(n: int | None, *, known: bool, unit: str = "count", code: str = "") -> str:
        if code in f.withheld:
            return small
        if not known or n is None:
            return no_data
        return tr(f"problem.{unit}", n=fmt_int(n)) if n else none

    problems = (
        (tr("problem.uncovered"), worded(f.towers - f.towers_covered, known=f.towers > 0, unit="count_tower",
                                         code="uncovered")),
        (tr("problem.reach", radius=fmt_int(f.radius_m)), worded(f.out_of_reach, known=f.out_of_reach is not None)),
        (tr("problem.weak"), worded(f.weak_open, known=f.graded > 0, code="weak")),
        (tr("problem.d"), worded(f.d_count, known=f.graded > 0, code="d")),
    )
    found = any(n not in (none, no_data) for _, n in problems)
    withheld = bool(f.withheld) or any(p.small for p in (f.orgs, f.members, f.tower_rate, f.a_share))
    note = None if found else tr("problems_none")
    if withheld:
        note = " ".join(x for x in (note, translate("scope.small_note", lang)) if x)
    return Document(
        lang=lang,
        title=tr("title", area=f.area, year=f.year),
        stamp=tr("as_of", date=f.as_of, at=generated),
        demo=tr("demo") if f.demo else None,
        sections=sections,
        problems_heading=tr("h_problems"),
        problems=problems,
        problems_note=note,
        figures=figures,
    )
