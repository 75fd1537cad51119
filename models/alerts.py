"""The rules of the problem list (问题清单, issue 19): committee terms, vacancies, 软弱涣散 deadlines, grades,
data gaps, and the red / amber / green severity of each item. One place, as models/rules.py is for counting.

Terms (《中国共产党支部工作条例（试行）》 2018 and the rules on basic-level elections, DOMAIN.md §8): a 党的基层
委员会 serves 5 years, a 总支部委员会 or 支部委员会 3 years, and the Party organisation of a 社区 (or 村) 5 years
whatever its type. We read "社区党组织" as the organisation of the community itself (level "community"), not
the grid branches below it, which keep 3 years. The lengths are the table TERM_RULES (first match wins): a
change of the rules is one line there. Who holds elections: the grassroots organisations that hold members
(models.rules.is_counted_org); the leading committees (区委, 街道党工委) are not on this list.

A store keeps each organisation's term length (PartyOrg.term_years) next to its last election date; the
importer and the demo fill a blank length from TERM_RULES (`term_years_for`), so a committee elected under an
older rule keeps the term it was elected for, and the query is one index range per length.

Severity (SEVERITIES): red = overdue (the due date is before today), amber = due within WINDOW_DAYS (today
and the 90th day included), green = resolved this year (an election, a filled vacancy or a case closed in
today's calendar year). A term ending today is amber, one ending in 90 days amber, in 91 days not listed.

Design choices (not from the sources): a vacant secretary post is due to be filled VACANCY_FILL_DAYS after it
fell vacant (a vacancy since yesterday is amber, due in 89 days); a grade D is red, down two grades or more on
last year amber, up from D green; an uncovered tower of 20+ floors is red; a community with no open centre
within the reach radius (the 阵地地图 rule, models.coverage, at its default radius: the count 总览 shows) amber;
a centre without coordinates or opening hours amber (gaps without a due date, listed after dated items).

"Today" (`today_for`): the store's 数据截至 date in a demo store, so demo data stays meaningful in any year;
the real date (Beijing) in 正式模式 or when a store has no as-of date.

No streamlit import. SQL expressions sit next to their plain-Python twins; tests/models/test_alerts.py checks
both at the edges.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone

from sqlalchemy import and_, case, literal, or_
from sqlalchemy.sql.elements import ColumnElement

from models import rules
from models.rules import is_counted_org, is_demo
from models.tables import PartyOrg, ServiceCenter, WeakOrgCase

RED, AMBER, GREEN = "red", "amber", "green"
SEVERITIES = (RED, AMBER, GREEN)  # the order of the list: overdue first
WINDOW_DAYS = 90  # "due within 90 days"
VACANCY_FILL_DAYS = 90  # design choice: a vacant secretary post should be filled within three months

# What the list holds (codes; labels in models/i18n/alerts.py).
KINDS = ("term", "vacancy", "weak", "grade", "tower", "reach", "centre")
ORG_KINDS = ("term", "vacancy", "weak", "grade")  # items about one organisation (a 组织架构 link)

# How the current secretary came into office (PartyOrg.secretary_change).
SECRETARY_CHANGES = ("filled", "rotated", "elected")  # filled a vacancy | rotated in | regular election


@dataclass(frozen=True)
class TermRule:
    """A committee's term length: the first rule whose level and type match (None matches any)."""

    level: str | None
    org_type: str | None
    years: int


TERM_RULES = (
    TermRule(level="community", org_type=None, years=5),  # 村、社区党组织: 5 years whatever the type
    TermRule(level=None, org_type="committee", years=5),  # 党的基层委员会
    TermRule(level=None, org_type="general_branch", years=3),  # 总支部委员会
    TermRule(level=None, org_type="branch", years=3),  # 支部委员会 (or the secretary of a small branch)
)
TERM_LENGTHS = tuple(sorted({r.years for r in TERM_RULES}))


def holds_elections(category: str | None, org_type: str | None) -> bool:
    """Whether an organisation elects a committee on a term (the grassroots organisations that hold members)."""
    return is_counted_org(category, org_type)


def term_years_for(level: str | None, org_type: str | None, category: str | None) -> int | None:
    """The term length the rules give an organisation, None when it holds no elections."""
    if not holds_elections(category, org_type):
        return None
    for rule in TERM_RULES:
        if rule.level in (None, level) and rule.org_type in (None, org_type):
            return rule.years
    return None


# --- Dates ---------------------------------------------------------------------------------------------------

def add_years(day: date, years: int) -> date:
    """The same day `years` later (29 February becomes 28 February in a common year)."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def term_end(elected_on: date, years: int) -> date:
    """The day a term elected on `elected_on` ends (and the next election is due)."""
    return add_years(elected_on, years)


def latest_election_ending_by(day: date, years: int) -> date:
    """The latest election date whose term (of `years`) has ended by `day`: term_end(e) <= day <=> e <= this."""
    e = add_years(day, -years)
    while term_end(e + timedelta(days=1), years) <= day:  # 28 Feb vs 29 Feb of a leap year
        e += timedelta(days=1)
    while term_end(e, years) > day:
        e -= timedelta(days=1)
    return e


def window_end(today: date) -> date:
    return today + timedelta(days=WINDOW_DAYS)


def year_start(today: date) -> date:
    return date(today.year, 1, 1)


def today_for(info: Mapping[str, object], *, now: datetime | None = None) -> tuple[date, str]:
    """(today, source) for the list: ("as_of") the store's 数据截至 in a demo store, else ("real") the date
    in Beijing (UTC+8)."""
    if is_demo(info):
        try:
            return date.fromisoformat(str(info.get("as_of"))[:10]), "as_of"
        except ValueError:
            pass
    now = now or datetime.now(timezone.utc)
    return (now.astimezone(timezone(timedelta(hours=8)))).date(), "real"


# --- Severity, plain Python ------------------------------------------------------------------------------------

def due_severity(due: date, today: date) -> str | None:
    """red when `due` is before today, amber when it is today or within the window, else None (not listed)."""
    if due < today:
        return RED
    if due <= window_end(today):
        return AMBER
    return None


def resolved_this_year(day: date | None, today: date) -> bool:
    return day is not None and year_start(today) <= day <= today


def term_severity(elected_on: date | None, years: int | None, today: date) -> str | None:
    """A committee's term: due or overdue, else green when it was elected this year."""
    if elected_on is None or years is None:
        return None
    return due_severity(term_end(elected_on, years), today) or (GREEN if resolved_this_year(elected_on, today) else None)


def vacancy_due(since: date) -> date:
    return since + timedelta(days=VACANCY_FILL_DAYS)


def vacancy_severity(since: date | None, today: date, *, filled_on: date | None = None) -> str | None:
    """An open vacancy is red once due (VACANCY_FILL_DAYS), else amber; a vacancy filled this year green."""
    if since is not None and since <= today:
        return due_severity(vacancy_due(since), today) or AMBER
    return GREEN if resolved_this_year(filled_on, today) else None


def case_severity(deadline: date | None, today: date, *, closed_year: int | None = None) -> str | None:
    """A 软弱涣散 case: green when closed this year (`closed_year`, None while open), else not listed once
    closed; open and past (red) or near (amber) its deadline. An open case without a deadline is amber (it
    needs one). A case is closed by its status (stores made before the closing date existed have only the
    year, WeakOrgCase.year_closed)."""
    if closed_year is not None:
        return GREEN if closed_year == today.year else None
    if deadline is None:
        return AMBER
    return due_severity(deadline, today)


GRADE_ORDER = {"A": 0, "B": 1, "C": 2, "D": 3}
GRADE_DROP = 2  # "down by two grades or more"


def grade_severity(grade: str | None, prev_grade: str | None) -> str | None:
    """Grade D red; down GRADE_DROP grades or more on last year amber; up from D green."""
    if grade == "D":
        return RED
    if grade is None or prev_grade is None:
        return None
    if GRADE_ORDER[grade] - GRADE_ORDER[prev_grade] >= GRADE_DROP:
        return AMBER
    return GREEN if prev_grade == "D" else None


GAP_SEVERITY = {"tower": RED, "reach": AMBER, "centre": AMBER}
CENTRE_GAPS = ("coords", "hours", "both")  # what a centre's register lacks (the item's detail)


def centre_gap(centre=ServiceCenter) -> ColumnElement[bool]:
    """A centre on the list: no coordinates (not on the map, no reach computed) or no opening hours
    (models.rules.centre_hours_missing)."""
    return or_(centre.lon.is_(None), centre.lat.is_(None), rules.centre_hours_missing(centre))


def centre_gap_detail(centre=ServiceCenter) -> ColumnElement[str]:
    """Which of CENTRE_GAPS a listed centre has."""
    no_coords = or_(centre.lon.is_(None), centre.lat.is_(None))
    hours = rules.centre_hours_missing(centre)
    return case((and_(no_coords, hours), literal("both")), (no_coords, literal("coords")), else_=literal("hours"))


# --- Severity, SQL (same decisions; tests check they agree) -----------------------------------------------------

def _severity(red: ColumnElement[bool], amber: ColumnElement[bool], green: ColumnElement[bool]) -> ColumnElement[str]:
    return case((red, literal(RED)), (amber, literal(AMBER)), (green, literal(GREEN)), else_=None)


def _elected_this_year(today: date, org) -> ColumnElement[bool]:
    return and_(org.last_election_on >= year_start(today), org.last_election_on <= today)


def term_listed_for(today: date, years: int, org=PartyOrg) -> ColumnElement[bool]:
    """The organisations of one term length on the list: due within the window (or overdue), or elected this
    year. One range of the (term_years, last_election_on, ...) index."""
    due = org.last_election_on <= latest_election_ending_by(window_end(today), years)
    return and_(org.term_years == years, or_(due, _elected_this_year(today, org)))


def term_severity_for(today: date, years: int, org=PartyOrg) -> ColumnElement[str]:
    """Severity of a row already restricted to one term length (term_listed_for)."""
    red = org.last_election_on <= latest_election_ending_by(today - timedelta(days=1), years)
    amber = org.last_election_on <= latest_election_ending_by(window_end(today), years)
    return _severity(red, amber, _elected_this_year(today, org))


def term_listed(today: date, org=PartyOrg) -> ColumnElement[bool]:
    """term_listed_for over every term length."""
    return or_(*(term_listed_for(today, years, org) for years in TERM_LENGTHS))


def term_severity_sql(today: date, org=PartyOrg) -> ColumnElement[str]:
    """term_severity_for over every term length (NULL for a row of no known length)."""
    return case(*((org.term_years == years, term_severity_for(today, years, org)) for years in TERM_LENGTHS),
                else_=None)


def vacancy_listed(today: date, org=PartyOrg) -> ColumnElement[bool]:
    """Open vacancies, and vacancies filled this year (PartyOrg.secretary_change == "filled")."""
    return or_(org.secretary_vacant_since <= today,
               and_(org.secretary_change == "filled", org.secretary_changed_on >= year_start(today),
                    org.secretary_changed_on <= today))


def vacancy_severity_sql(today: date, org=PartyOrg) -> ColumnElement[str]:
    red = org.secretary_vacant_since < today - timedelta(days=VACANCY_FILL_DAYS)
    amber = org.secretary_vacant_since <= today
    return _severity(red, amber, org.secretary_change == "filled")


def case_closed(case_=WeakOrgCase) -> ColumnElement[bool]:
    return case_.status == "closed"


def case_listed(today: date, case_=WeakOrgCase) -> ColumnElement[bool]:
    """Open cases past, near or without a deadline, and cases closed this year."""
    near = or_(case_.deadline.is_(None), case_.deadline <= window_end(today))
    return or_(and_(~case_closed(case_), near), and_(case_closed(case_), case_.year_closed == today.year))


def case_severity_sql(today: date, case_=WeakOrgCase) -> ColumnElement[str]:
    closed = case_closed(case_)
    red = and_(~closed, case_.deadline < today)
    amber = and_(~closed, or_(case_.deadline.is_(None), case_.deadline <= window_end(today)))
    return _severity(red, amber, and_(closed, case_.year_closed == today.year))


def rotated_in_last_year(today: date, org=PartyOrg) -> ColumnElement[bool]:
    """Secretaries rotated in (轮岗交流) in the twelve months up to today (a figure, not a problem)."""
    return and_(org.secretary_change == "rotated", org.secretary_changed_on > add_years(today, -1),
                org.secretary_changed_on <= today)


def filled_in_last_year(today: date, org=PartyOrg) -> ColumnElement[bool]:
    """Vacant secretary posts filled in the twelve months up to today."""
    return and_(org.secretary_change == "filled", org.secretary_changed_on > add_years(today, -1),
                org.secretary_changed_on <= today)

# The grades a listed rating comes from last year when it is not a D this year (drops ending above D, and D
# itself for "up from D"): a query reads these two sides through the (year, grade) index instead of scanning.
PREV_GRADES_LISTED = tuple(sorted({p for p, i in GRADE_ORDER.items() for g, j in GRADE_ORDER.items()
                                   if g != "D" and j - i >= GRADE_DROP} | {"D"}))


def grade_listed_sql(grade, prev_grade) -> ColumnElement[bool]:
    """Ratings on the list: grade D, down GRADE_DROP grades or more, or up from D (grade_severity)."""
    drops = [and_(prev_grade == p, grade == g) for p, i in GRADE_ORDER.items() for g, j in GRADE_ORDER.items()
             if j - i >= GRADE_DROP]
    return or_(grade == "D", prev_grade == "D", *drops)


def grade_severity_sql(grade, prev_grade) -> ColumnElement[str]:
    drops = [and_(prev_grade == p, grade == g) for p, i in GRADE_ORDER.items() for g, j in GRADE_ORDER.items()
             if j - i >= GRADE_DROP]
    return _severity(grade == "D", or_(*drops), prev_grade == "D")
