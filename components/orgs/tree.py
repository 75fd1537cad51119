"""Organisation-tree blocks: breadcrumb, node card, children tables, search results.

Every move through the tree sets the `org` query parameter (`open_org`). Streamlit
pushes each change onto the browser history, so the back button walks back and a copied address
reopens the same node; the sidebar's own parameters (bound to its widgets) stay as they are.
st.page_link cannot do this: to the page it is on, it reruns without changing the address.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd
import streamlit as st

from components.ui import exports
from components.ui.cards import Metric, fmt_int, metric_row
from components.ui.i18n import label, t
from components.ui.text import md
from components.ui.exports import Recorder
from components.ui.cells import any_marked, dashed, int_text, mark_text, marked
from components.loaders.orgs import Card, OrgNode, Place
from models import team_rules
from models.vocab import NEXT_LEVEL

ORG_PARAM = "org"
SEARCH_KEY = "orgs.search"


SYNC_AREA = "orgs._sync_area"  # set when the sidebar should follow the organisation opened next


def open_org(code: str, *, clear_search: bool = False) -> None:
    """Callback: show organisation `code` (a new browser-history entry)."""
    st.query_params[ORG_PARAM] = code
    if clear_search:
        st.session_state[SEARCH_KEY] = ""
        st.session_state[SYNC_AREA] = True  # a search hit: the sidebar follows to the organisation's area


def problem_message(place: Place) -> str | None:
    """Why the page shows another node than the link asked for, in the session's language."""
    if place.problem is None:
        return None
    return t(f"orgs.problem.{place.problem}", code=md(place.asked or ""), name=md(place.node.name))


def breadcrumb(place: Place, *, key: str) -> None:
    """市委 › 区委 › … › current: every part above the current node opens it."""
    rows = list(place.trail.itertuples(index=False))
    with st.container(horizontal=True, key=key, gap="small", vertical_alignment="center"):
        for i, row in enumerate(rows):
            if i:
                st.markdown("›", width="content")
            if i == len(rows) - 1:
                st.markdown(f"**{md(row.name)}**", width="content")
            else:
                st.button(md(row.name), key=f"{key}.{row.code}", type="tertiary", on_click=open_org, args=(row.code,))


def _grade_text(grade: object, grade_year: object, year: int) -> str:
    if grade is None or pd.isna(grade):
        return "—"
    return str(grade) if int(grade_year) == year else t("orgs.grade_of_year", grade=grade, year=int(grade_year))


def node_header(node: OrgNode) -> None:
    st.subheader(md(node.name), anchor=False)
    parts = [label("level", node.level), label("org_type", node.org_type), label("category", node.category)]
    if node.kind != "territorial":
        parts.append(label("kind", node.kind))
    st.caption(" · ".join(parts) + f" · {t('orgs.code')} {md(node.code)}")


def node_metrics(card: Card, year: int, *, key: str) -> None:
    grades = card.grades[card.grades["year"] <= year]
    latest = grades.iloc[-1] if not grades.empty else None
    tot, hidden = card.totals, card.withheld

    def shown(name: str, n: int) -> str:
        return mark_text(hidden[name]) if name in hidden else fmt_int(n)

    def helped(name: str) -> str:
        return t("scope.small_note") if name in hidden else t(f"orgs.{name}_help")

    metric_row([
        Metric(t("orgs.members"), shown("members", tot.members), help=helped("members")),
        Metric(t("orgs.orgs_below"), shown("orgs_below", tot.orgs_below), help=helped("orgs_below")),
        Metric(t("orgs.centres"), fmt_int(tot.centres), help=t("orgs.centres_help")),
        Metric(t("orgs.buildings"), shown("buildings", tot.buildings), help=helped("buildings")),
        Metric(t("orgs.latest_grade"), "—" if latest is None else _grade_text(latest["grade"], latest["year"], year),
               help=t("orgs.not_graded") if latest is None else None),
    ], key=key)


def secretary_line(card: Card, year: int) -> str:
    """The secretary's profile (team_rules.secretary_profile: the register's row, else the organisation's own)."""
    node = card.node
    profile = team_rules.secretary_profile(year=year, register=card.secretary, band=node.secretary_age_band,
                                           education=node.secretary_education)
    if profile is None:
        return t("orgs.secretary_none")
    if profile["age"] is None:
        return t("orgs.secretary", age=label("age", profile["band"]), edu=label("edu", profile["education"]))
    return t("orgs.secretary_register", age=profile["age"], edu=label("edu", profile["education"]),
             since=profile["since"], terms=profile["terms"])


def below_table(card: Card, *, key: str) -> None:
    """Organisations below the node, by level (the chain first, then non-territorial units)."""
    if not card.totals.below:
        st.caption(t("orgs.nothing_below"))
        return
    hidden = {k.removeprefix("below."): m for k, m in card.withheld.items() if k.startswith("below.")}
    df = pd.DataFrame({"level": [label("level", lvl) for lvl in card.totals.below],
                       "orgs": [mark_text(hidden[lvl]) if lvl in hidden else n for lvl, n in card.totals.below.items()]})
    if hidden:  # text: the marker for withheld levels (models.access), figures with separators for the rest
        df["orgs"] = [v if isinstance(v, str) else f"{int(v):,}" for v in df["orgs"]]
    st.dataframe(df, key=key, hide_index=True, width="stretch", column_config={
        "level": t("orgs.col.level"), "orgs": t("orgs.col.count") if hidden else
        st.column_config.NumberColumn(t("orgs.col.count"), format="localized")})
    if hidden:
        st.caption(t("scope.small_note"))


def own_centres(card: Card) -> None:
    if card.centres.empty:
        st.caption(t("orgs.no_own_centre"))
        return
    for row in card.centres.itertuples(index=False):
        st.markdown(f"- {md(row.name)}（{label('tier', row.tier)}）")


def missing_level_note(node: OrgNode, children: pd.DataFrame, *, demo: bool) -> str | None:
    """Say what is missing below a node (rather than showing an empty table): the next level of the
    territorial chain when it has no data, the building heads below households, or simply nothing."""
    if node.level == "household":
        return t("orgs.no_unit_heads")
    expected = NEXT_LEVEL.get(node.level) if node.kind == "territorial" else None
    if expected is not None:
        chain = children[(children["level"] == expected) & (children["kind"] == "territorial")]
        if chain.empty:
            key = "orgs.no_level_data_demo" if demo and expected in ("grid", "building", "household") else "orgs.no_level_data"
            return t(key, level=label("level", expected))
    return t("orgs.no_children") if children.empty else None


def group_name(group: str) -> str:
    return t("orgs.group.territorial") if group == "territorial" else label("category", group)


def group_label(group: str, n: int) -> str:
    return f"{group_name(group)}（{n:,}）"


TABLE_COLUMNS = ("name", "level", "type", "category", "members", "orgs_below", "grade", "centres", "buildings")


def table_frame(df: pd.DataFrame, year: int) -> pd.DataFrame:
    """Children as shown: labels instead of codes, the grade with its year when it is older."""
    out = df[["code", "name", "members", "orgs_below", "centres", "buildings"]].copy()
    if any_marked(df, "orgs_small", "buildings_small"):  # withheld for the viewer: the marker, as in exports
        out = marked(df, {"members": ("orgs_small", int_text), "orgs_below": ("orgs_small", int_text),
                          "buildings": ("buildings_small", int_text)})[out.columns]
    out["level"] = [label("level", v) for v in df["level"]]
    out["type"] = [label("org_type", v) if k == "territorial" else f"{label('kind', k)} · {label('org_type', v)}"
                   for v, k in zip(df["org_type"], df["kind"], strict=True)]
    out["category"] = [label("category", v) for v in df["category"]]
    out["grade"] = [_grade_text(g, y, year) for g, y in zip(df["grade"], df["grade_year"], strict=True)]
    return out


def column_headers() -> dict[str, str]:
    return {c: t(f"orgs.col.{c}") for c in TABLE_COLUMNS}


def table_key(group: str, code: str) -> str:
    """One key per node and group: a table's row selection never carries over to another node."""
    return f"orgs.children.{group}.{code}"


def picked_child(children: pd.DataFrame, code: str) -> str | None:
    """The child whose row was ticked or whose name was clicked in one of the node's tables.

    Read before anything is drawn, so the page goes straight to the child in the same run.
    """
    for group, part in children.groupby("group", sort=False):
        state = st.session_state.get(table_key(str(group), code))
        if not state:
            continue
        rows = list(state["selection"].get("rows", []))
        rows += [row for row, column in state["selection"].get("cells", []) if column == "name"]
        if rows and rows[0] < len(part):
            return str(part["code"].iloc[rows[0]])
    return None


def children_table(shown: pd.DataFrame, *, key: str) -> None:
    """The children; ticking a row or clicking a name opens that organisation (see picked_child)."""
    headers = column_headers()
    number = {c: st.column_config.NumberColumn(headers[c], format="localized")
              for c in ("members", "orgs_below", "centres", "buildings") if shown[c].dtype != object}
    st.dataframe(
        dashed(shown), key=key, hide_index=True, width="stretch", on_select="rerun",
        selection_mode=["single-row", "single-cell"],
        column_order=list(TABLE_COLUMNS),
        column_config={**{c: headers[c] for c in ("name", "level", "type", "category", "grade", "members",
                                                  "orgs_below", "buildings")}, **number},
    )
    if any(shown[c].dtype == object for c in ("members", "orgs_below", "buildings")):
        st.caption(t("scope.small_note"))


def export(shown: pd.DataFrame, *, key: str, file_stem: str, record: Recorder) -> None:
    exports.download_buttons(shown, key=key, file_stem=file_stem, columns=column_headers(), record=record)


GOTO = "orgs._goto"  # (page file, session state to set, district, street, URL options) a hit opens


def _goto(page: str, state: dict, district: str | None, street: str | None, options: dict) -> None:
    """Callback of a centre or building hit: the page, run next, switches to where its card is."""
    st.session_state[GOTO] = (page, state, district, street, options)
    st.session_state[SEARCH_KEY] = ""


def _where(row) -> str:
    parts = [p for p in (row.district, row.street) if isinstance(p, str) and p]
    return md("".join(parts)) if parts else ""


def search_results(found: pd.DataFrame, *, key: str, centres_page: str, buildings_page: str) -> None:
    """Each hit names its district and street; an organisation hit opens the organisation, a centre hit
    the centre's card on 阵地地图, a building hit the building's card on 楼宇覆盖 (with the sidebar set
    to the hit's area, where the card is listed)."""
    if found.empty:
        st.caption(t("orgs.search_none"))
        return
    with st.container(key=key, gap=None):
        for i, row in enumerate(found.itertuples(index=False)):
            where = _where(row)
            suffix = f" · {where}" if where else ""
            if row.source == "org":
                text = f"{md(row.name)} · {label('level', row.sort)} · {md(row.code)}{suffix}"
                st.button(text, key=f"{key}.{i}", type="tertiary", on_click=open_org, args=(row.target,),
                          kwargs={"clear_search": True})
            elif row.source == "centre":
                text = t("orgs.search_centre", name=md(row.name), tier=label("tier", row.sort),
                         org=md(row.target_name)) + suffix
                state = {"centres.selected": int(row.centre_id)} if pd.notna(row.centre_id) else {}
                st.button(text, key=f"{key}.{i}", type="tertiary", on_click=_goto,
                          args=(centres_page, state, row.district, row.street, {}))
            else:
                text = t("orgs.search_building", name=md(row.name), kind=label("building", row.sort)) + suffix
                st.button(text, key=f"{key}.{i}", type="tertiary", on_click=_goto,
                          args=(buildings_page, {"buildings.selected": row.code}, row.district, row.street,
                                {"buildings.kind": row.sort}))


def counts_by_group(children: pd.DataFrame) -> Mapping[str, int]:
    return children.groupby("group", sort=False).size().to_dict()
