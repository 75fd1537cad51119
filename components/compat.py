"""The few places that reach into Streamlit's internals, each with why; check them on every Streamlit upgrade.

Everything else uses Streamlit's public API only.
"""

from __future__ import annotations

import pandas as pd
from streamlit.dataframe_util import convert_anything_to_arrow_bytes
from streamlit.errors import StreamlitPageNotFoundError

__all__ = ["StreamlitPageNotFoundError", "arrow_bytes", "declare_navigation_router"]


def declare_navigation_router() -> None:
    """Tell Streamlit, before the first session, that the app routes with st.navigation.

    With a `pages/` folder beside the main script, Streamlit (1.67) assumes its v1 multipage mode until
    the first run calls st.navigation, so the first request to a page link runs the page file without
    the router ("Page not found" or a page without its sidebar). There is no public switch for it.
    """
    from streamlit.runtime.pages_manager import PagesManager

    PagesManager.uses_pages_directory = False


def arrow_bytes(df: pd.DataFrame) -> bytes:
    """A chart's dataset as the Arrow bytes st.vega_lite_chart sends. A memoised spec holds them already
    converted, so a rerun skips pandas -> Arrow (Streamlit's own helper; no public equivalent)."""
    return convert_anything_to_arrow_bytes(df)
