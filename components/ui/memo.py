"""`@memo`: the render cache. Data caching is components/loaders/ (`@cached`, cleared after writes); this
keeps what a pure render helper made of data it was given (a chart spec, a map's JSON rows), keyed by
that data, so it never goes stale and never reads the store."""

from __future__ import annotations

import streamlit as st

memo = st.cache_data(max_entries=256, show_spinner=False)
