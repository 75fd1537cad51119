"""Router: page config, offline assets, the store check, the login gate, the shared sidebar, and the page list.

Start with `python app.py` (what `make run` does) or `streamlit run app.py`. Outside a page view this file
defines the ASGI app (`st.App`, Streamlit's public way to add routes): `streamlit run app.py` finds it and
imports this file as a module before the first session, and `python app.py` starts it the same way. Either
way the process declares its st.navigation router before any session, so Streamlit never enters its v1
pages-folder mode and every page link can be the first request of a fresh server (compat.py).
"""

from __future__ import annotations

import sys
from pathlib import Path

import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

if get_script_run_ctx(suppress_warning=True) is None:
    # Not a page view: the start of the server (`python app.py`, or `streamlit run app.py` importing this
    # file as its ASGI app). No session exists yet.
    from components.compat import declare_navigation_router
    from components.shell import session_cookie, startup

    declare_navigation_router()
    # The app's modules imported, the store opened and the default view computed in a background thread now,
    # before the first visitor (components/shell/startup.py); /_stcore/health answers meanwhile.
    startup.begin()
    app = st.App(__file__, routes=session_cookie.routes())
    if __name__ == "__main__":
        from streamlit.web import cli

        sys.argv = ["streamlit", "run", __file__, *sys.argv[1:]]
        sys.exit(cli.main())
else:
    from components.shell import startup

    startup.wait_imported()  # the start-up thread is importing the modules below: do not race it
    from components import compat, loaders
    from components.present import deck as present
    from components.shell import auth, bootstrap, errors, filters
    from components.ui import cards, style
    from components.ui.i18n import t
    from components.ui.map_assets import install_static_assets, use_local_assets

    HERE = Path(__file__).resolve().parent

    if compat.serving_pages_folder():
        # A server that did not import this file before its first session (e.g. started from another
        # ASGI module): Streamlit ran it as the "main page" of its v1 pages-folder mode. Rerun as the router.
        compat.hand_over_to_router()

    st.set_page_config(page_title=t("app.title", "zh"), page_icon=str(HERE / "static" / "icon.png"), layout="wide")
    install_static_assets(HERE / "static")
    use_local_assets()
    # The sidebar's order: the filters first (visible without scrolling at 1366x768), then the title, the
    # demo badge and the mode, then the language switch, which must run first (every text depends on it).
    with st.sidebar:
        filter_box, info_box, lang_box = st.container(), st.container(), st.container()
    filters.language_switch(where=lang_box)
    st.set_page_config(page_title=t("app.title"))
    style.install()

    bootstrap.ensure_store()
    info = loaders.dataset_info()
    # 正式模式 without a valid login: the login screen and st.stop(), before any navigation or data is drawn.
    scope = auth.gate()

    PAGES = {
        "nav.cockpit": [
            # The default page is served at /; its url_path only names it. /overview serves it too, as a
            # hidden page (a page's identity is its url_path, so the two need different ones).
            st.Page("pages/overview.py", title=t("page.overview"), url_path="home", default=True),
            st.Page("pages/centres.py", title=t("page.centres"), url_path="centres"),
            st.Page("pages/buildings.py", title=t("page.buildings"), url_path="buildings"),
            st.Page("pages/present.py", title=t("page.present"), url_path="present"),
            st.Page("pages/overview.py", title=t("page.overview"), url_path="overview", visibility="hidden"),
        ],
        "nav.analysis": [
            st.Page("pages/orgs.py", title=t("page.orgs"), url_path="orgs"),
            st.Page("pages/ratings.py", title=t("page.ratings"), url_path="ratings"),
            st.Page("pages/team.py", title=t("page.team"), url_path="team"),
            st.Page("pages/standards.py", title=t("page.standards"), url_path="standards"),
            st.Page("pages/projects.py", title=t("page.projects"), url_path="projects"),
            st.Page("pages/alerts.py", title=t("page.alerts"), url_path="alerts"),
        ],
        "nav.admin": [
            st.Page("pages/data_admin.py", title=t("page.data_admin"), url_path="data"),
        ],
    }
    if not scope.can_administer:  # 数据管理 is the city administrator's (the page refuses others too)
        del PAGES["nav.admin"]
    nav = st.navigation({t(section): pages for section, pages in PAGES.items()})
    present.route()  # ?present=1 on any page opens 大屏模式 with the same filter

    # The one error boundary (components/shell/errors.py): a failure is a message with a reference in the
    # log, never Streamlit's English error box; the sidebar survives a failing page.
    with errors.boundary(t("error.where.sidebar")) as sidebar_run:
        districts = loaders.district_names()
        years = loaders.rating_years()
        with info_box:
            st.divider()
            st.markdown(f"**{t('app.title')}**")
            cards.demo_badge(info)
            auth.sidebar(scope)
        for problem in filters.url_problems(districts, loaders.street_names, years):
            st.warning(problem)
        filters.sidebar(districts, loaders.street_names, years, lambda d, s: loaders.resolve_area(d, s).area,
                        where=filter_box)
        present.sidebar_link()
    if sidebar_run.failed:  # no filter, so no page can be drawn
        st.stop()

    with errors.boundary(nav.title):
        nav.run()
    bootstrap.page_drawn()  # background work that waits for the first view may start (the integrity check)
    startup.freeze_heap()  # once per new set of modules (a page's first run): later runs skip them in gc
