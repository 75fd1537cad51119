"""Who is looking: the viewer's scope for pages and components (login lives here too, see issue 10)."""

from __future__ import annotations

import streamlit as st

from models.access import FULL, Scope

SCOPE_KEY = "auth.scope"


def current_scope() -> Scope:
    """The signed-in viewer's scope; demo mode (no login) sees everything, as the city administrator."""
    return st.session_state.get(SCOPE_KEY, FULL)
