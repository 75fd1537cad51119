"""The one error boundary: an unexpected exception in a page (or the sidebar) becomes a message in the
session's language that says what failed and what to do, with a reference that is also on the line of
the server log carrying the traceback. Streamlit's own error box (English, with links to search engines
on the internet) never shows: app.py wraps the sidebar and `nav.run()` in `boundary()`, so what was
drawn before the failure, and the sidebar, stay on the page.

Streamlit's script control (st.stop, st.rerun, st.switch_page) raises BaseException subclasses, which
pass through untouched.
"""

from __future__ import annotations

import logging
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import streamlit as st

from components.ui.i18n import t

log = logging.getLogger(__name__)


def new_reference() -> str:
    """A short reference to quote to the administrator, e.g. E-3F9A1C2B (unique enough per log)."""
    return f"E-{secrets.token_hex(4).upper()}"


def report(what: str, exc: BaseException) -> str:
    """Log the traceback with a fresh reference, show the message, and return the reference."""
    ref = new_reference()
    log.error("error reference %s: %s failed: %s: %s", ref, what, type(exc).__name__, exc, exc_info=exc)
    st.error(t("error.failed", what=what, ref=ref))
    st.caption(t("error.hint", ref=ref))
    return ref


@dataclass
class Outcome:
    failed: bool = False
    reference: str | None = None


@contextmanager
def boundary(what: str) -> Iterator[Outcome]:
    """Run a block; an unexpected exception is reported (see report()) instead of ending the run.
    `what` names the part in the message ("支部评级"); the yielded Outcome says whether it failed."""
    outcome = Outcome()
    try:
        yield outcome
    except Exception as exc:  # noqa: BLE001 - the boundary exists to catch what nobody expected
        outcome.failed, outcome.reference = True, report(what, exc)
