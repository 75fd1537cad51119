"""The few places that reach into Streamlit's internals, each with why; check them on every Streamlit upgrade.

Everything else uses Streamlit's public API only.
"""

from __future__ import annotations

from typing import NoReturn

import pandas as pd
from streamlit.dataframe_util import convert_anything_to_arrow_bytes
from streamlit.errors import StreamlitPageNotFoundError

__all__ = ["StreamlitPageNotFoundError", "arrow_bytes", "declare_navigation_router",
           "folium_first_render_without_rerun", "hand_over_to_router", "requested_page", "rerun_on_page", "serving_pages_folder"]


def declare_navigation_router() -> None:
    """Tell Streamlit, before the first session, that the app routes with st.navigation.

    With a `pages/` folder beside the main script, Streamlit (1.67) assumes its v1 multipage mode until
    the first run calls st.navigation, so the first request to a page link runs the page file without
    the router ("Page not found" or a page without its sidebar). There is no public switch for it.
    """
    from streamlit.runtime.pages_manager import PagesManager

    PagesManager.uses_pages_directory = False


def serving_pages_folder() -> bool:
    """True while Streamlit runs in its v1 multipage mode, i.e. serves a file of pages/ (or app.py as a
    v1 "main page") without our router having called st.navigation in this process yet.

    Both start commands import app.py as the ASGI app before the first session, and app.py declares the
    router there (declare_navigation_router), so this is False on a server started from app.py. It is the
    safety net for a process that did not (Streamlit 1.67, runtime/pages_manager.py, sets
    `PagesManager.uses_pages_directory` when a `pages/` folder exists): the script runner then runs
    `_mpa_v1()` instead of app.py, a link such as /ratings runs pages/ratings.py alone (no sidebar, no
    login gate, no filter), and only st.navigation resets the flag.
    """
    from streamlit.runtime.pages_manager import PagesManager

    return bool(PagesManager.uses_pages_directory)


def hand_over_to_router() -> NoReturn:
    """Leave v1 mode for good and rerun this session through app.py, asking for the page the browser
    asked for (by its URL name, which is what the v2 router resolves), with the same query string.

    Raises Streamlit's RerunException directly (what st.rerun does from a callback) so the rerun
    replaces this run before anything is drawn; st.rerun() itself would keep the v1 page's hash.
    """
    from streamlit.runtime.pages_manager import PagesManager
    from streamlit.runtime.scriptrunner_utils.exceptions import RerunException
    from streamlit.runtime.scriptrunner_utils.script_requests import RerunData
    from streamlit.runtime.scriptrunner_utils.script_run_context import get_script_run_ctx

    PagesManager.uses_pages_directory = False
    ctx = get_script_run_ctx()
    if ctx is None:  # pragma: no cover - bare Python, nothing to hand over to
        raise RuntimeError("hand_over_to_router() needs a Streamlit script run")
    manager = ctx.pages_manager
    raise RerunException(RerunData(
        query_string=ctx.query_string,
        page_script_hash="",  # a v1 hash would win over the name; the v2 router resolves the name
        page_name=manager.intended_page_name or "",
        context_info=ctx.context_info,
    ))


def requested_page() -> tuple[str, str]:
    """The page the browser asked for by its URL name ("orgs"; "" for /) and the query string of this run.

    The login gate stops before st.navigation, so nothing public knows yet which page a link named."""
    from streamlit.runtime.scriptrunner_utils.script_run_context import get_script_run_ctx

    ctx = get_script_run_ctx()
    if ctx is None:
        return "", ""
    return ctx.pages_manager.intended_page_name or "", ctx.query_string or ""


def rerun_on_page(page_name: str, query_string: str) -> NoReturn:
    """Rerun this session on the page named (its URL name) with that query string: after the login, the
    page a shared link named rather than the default page (st.rerun keeps the hash of the login run,
    which resolves to the default page; st.switch_page needs st.navigation to have run)."""
    from streamlit.runtime.scriptrunner_utils.exceptions import RerunException
    from streamlit.runtime.scriptrunner_utils.script_requests import RerunData
    from streamlit.runtime.scriptrunner_utils.script_run_context import get_script_run_ctx

    ctx = get_script_run_ctx()
    if ctx is None:  # pragma: no cover - bare Python
        raise RuntimeError("rerun_on_page() needs a Streamlit script run")
    raise RerunException(RerunData(query_string=query_string, page_script_hash="", page_name=page_name,
                                   context_info=ctx.context_info))


def arrow_bytes(df: pd.DataFrame) -> bytes:
    """A chart's dataset as the Arrow bytes st.vega_lite_chart sends. A memoised spec holds them already
    converted, so a rerun skips pandas -> Arrow (Streamlit's own helper; no public equivalent)."""
    return convert_anything_to_arrow_bytes(df)



def folium_first_render_without_rerun() -> None:
    """Make a map's first render in the browser leave the script alone (streamlit-folium 0.27).

    st_folium sends `last_object_clicked_count: None` as the component's default, while its frontend starts
    counting at 0 and reports its value as soon as the map is drawn whenever it differs from the default:
    every page with a map ran its script a second time on each first visit, for nothing (issue 16, "no
    duplicate reruns"). The default is set to the 0 the frontend starts from; everything else is passed on.
    Installed once, around the module's private component function (there is no public way to set it);
    tests/browser/test_first_load.py counts the runs.
    """
    import streamlit_folium

    original = streamlit_folium._component_func
    if getattr(original, "pm_first_render", False):
        return

    def component(**kwargs):
        _registered(original)
        default = kwargs.get("default")
        if isinstance(default, dict) and "last_object_clicked_count" in default \
                and default["last_object_clicked_count"] is None:
            kwargs["default"] = {**default, "last_object_clicked_count": 0}
        return original(**kwargs)

    component.pm_first_render = True
    streamlit_folium._component_func = component


def _registered(custom) -> None:
    """Register a declared component with the runtime if its declaration was not (Streamlit 1.67 registers a
    component only when it is declared inside a script run; the server's start-up thread imports the map
    modules before any run, components/shell/startup.py, and an unregistered component is never served:
    a blank map). Called inside a run, before the component is drawn."""
    from streamlit import runtime

    if not runtime.exists():
        return
    registry = runtime.get_instance().component_registry
    if registry.get_component(custom.name) is None:
        registry.register_component(custom)
