"""The browser's half of a login session: an HttpOnly cookie holding the token (models/login_sessions.py).

A Streamlit session lives in one websocket, so F5 or a new tab used to log the user out. A page's
JavaScript cannot write an HttpOnly cookie and the websocket cannot send one, so the server answers
one small POST route itself (`ROUTE`, given to st.App in app.py): after a
login the page mounts a tiny local component (inline JavaScript, nothing loaded from anywhere) that
POSTs a one-time grant there; the answer sets the cookie (HttpOnly, SameSite=Strict, a session cookie
that the browser drops when it closes; Secure behind HTTPS). Grants live in this process only, are
used once and expire after a minute, so the token never appears in a URL, the page or a log.
On logout the same route, with a clearing grant, deletes the cookie; the store has revoked the token
already, so a copy of the cookie is worthless either way.

On the next websocket (reload, new tab) `st.context.cookies` carries the cookie; auth.py checks the
token against the store. Without a server (AppTest) nothing is mounted and the login stays in the
websocket session, as before.
"""

from __future__ import annotations

import logging
import secrets
import threading
import time
from dataclasses import dataclass

import streamlit as st
from streamlit import config


log = logging.getLogger(__name__)

COOKIE = "dashboard_session"
ROUTE = "_dashboard/session"
GRANT_SECONDS = 60.0
GRANT_KEY = "auth.cookie_grant"  # session state: the grant the page still has to hand in


@dataclass(frozen=True)
class _Grant:
    token: str | None  # None: clear the cookie
    expires: float


_GRANTS: dict[str, _Grant] = {}
_LOCK = threading.Lock()


def _base_path() -> str:
    base = (config.get_option("server.baseUrlPath") or "").strip("/")
    return f"/{base}" if base else ""


def route_url() -> str:
    return f"{_base_path()}/{ROUTE}"


def _take(grant_id: str) -> _Grant | None:
    now = time.monotonic()
    with _LOCK:
        for key in [k for k, g in _GRANTS.items() if g.expires < now]:
            del _GRANTS[key]
        return _GRANTS.pop(grant_id, None)


async def _endpoint(request):
    from starlette.responses import Response

    try:
        body = await request.json()
    except ValueError:
        body = None
    grant = _take(str(body.get("grant", ""))) if isinstance(body, dict) else None
    if grant is None:
        return Response(status_code=403)
    response = Response(status_code=204, headers={"Cache-Control": "no-store"})
    path = _base_path() or "/"
    if grant.token is None:
        response.delete_cookie(COOKIE, path=path, httponly=True, samesite="strict")
        return response
    https = request.url.scheme == "https" or request.headers.get("x-forwarded-proto", "").lower() == "https"
    response.set_cookie(COOKIE, grant.token, path=path, httponly=True, samesite="strict", secure=https)
    return response


_SERVED = False  # routes() was asked for by the server of this process (app.py's st.App)


def routes() -> list:
    """The route of the server's own (app.py passes it to st.App, Streamlit's public way to add one)."""
    from starlette.routing import Route

    global _SERVED
    _SERVED = True
    return [Route(route_url(), _endpoint, methods=["POST"])]


def available() -> bool:
    """Whether this process serves the cookie route (a real server started from app.py; not AppTest)."""
    return _SERVED and st.runtime.exists()


def hand_over(token: str | None) -> None:
    """After a login (token) or a logout (None): the page hands the cookie to the browser on its next run."""
    if not available():
        return
    grant_id = secrets.token_urlsafe(24)
    with _LOCK:
        _GRANTS[grant_id] = _Grant(token, time.monotonic() + GRANT_SECONDS)
    st.session_state[GRANT_KEY] = grant_id


_JS = """
export default function (component) {
  const { data, setStateValue } = component;
  if (!data || !data.grant || component.parentElement.__handedIn === data.grant) return;
  component.parentElement.__handedIn = data.grant;
  fetch(data.url, {
    method: "POST", credentials: "same-origin", cache: "no-store",
    headers: { "Content-Type": "application/json" }, body: JSON.stringify({ grant: data.grant }),
  }).then((r) => setStateValue("status", r.status)).catch(() => setStateValue("status", 0));
}
"""
_COMPONENT = st.components.v2.component("dashboard_session_cookie", js=_JS)


def mount() -> None:
    """Draw the (invisible) hand-over while a grant is pending; call on every run after the login gate."""
    grant_id = st.session_state.get(GRANT_KEY)
    if not grant_id:
        return
    with _LOCK:
        pending = grant_id in _GRANTS
    if not pending:  # handed in (or expired): nothing more to draw
        st.session_state.pop(GRANT_KEY, None)
        return
    _COMPONENT(data={"grant": grant_id, "url": route_url()}, key="auth.cookie", on_status_change=lambda: None)


def token_from_browser() -> str | None:
    """The token the browser sent with this websocket (a reload or a new tab), if any."""
    try:
        value = st.context.cookies.get(COOKIE)
    except Exception:  # noqa: BLE001 - no request context (AppTest)
        return None
    return value if isinstance(value, str) and 20 <= len(value) <= 128 else None
