"""Who the viewer is: 演示模式 or 正式模式, the login screen, and the viewer's Scope (issue 10).

演示模式: the store holds demo data (DatasetInfo origin "demo"): no login, scope FULL (actor "demo").
正式模式: anything else. app.py calls `gate()` before any page, navigation or sidebar data is drawn;
without a valid login it shows the login screen and stops the run. With an identity provider in
secrets ([auth]) the login is Streamlit's OIDC (st.login), and the identity's email must belong to an
enabled account; otherwise local accounts with passwords (models/accounts.py).

A password login is a login session in the store (models/login_sessions.py) whose token the browser keeps
in an HttpOnly cookie (session_cookie.py): a reload or a new tab of the same browser is logged in again
from it, and every run checks it against the store (logout, a disabled account or a reset password end
it in every tab; the idle timeout counts the browser's last page view in any tab). A link that meets the
login screen lands, after the login, on the page and query string it named.

Pages and loaders ask `current_scope()`; it checks the login again (and stops the run without one),
so a page script run without the router cannot skip the gate. Settings (secrets [login]):
max_failed_attempts, lockout_minutes, session_timeout_minutes, session_hours.
"""

from __future__ import annotations

import logging
import time
from datetime import datetime, timedelta, timezone

import streamlit as st

from components import compat, loaders
from components.shell import session_cookie
from components.ui.i18n import t
from models import accounts, login_sessions
from models.short_writes import StoreBusy, write
from models.access import FULL, Scope
from models.settings import Settings

log = logging.getLogger(__name__)

SCOPE_KEY = "auth.scope"  # the logged-in Scope (正式模式)
NAME_KEY = "auth.name"  # its display name
METHOD_KEY = "auth.method"  # "password" | "oidc"
SEEN_KEY = "auth.last_seen"  # time.time() of the last run with this login (inactivity timeout)
NOTICE_KEY = "auth.notice"  # message for the login screen after a logout or timeout
REFUSED_KEY = "auth.refused"  # OIDC email already refused (audited once per session)
TOKEN_KEY = "auth.token"  # the login session's token (models/login_sessions.py; the browser has it as a cookie)
DEAD_KEY = "auth.dead_token"  # a token the browser still sends that no longer opens anything
NEXT_KEY = "auth.next"  # (page URL name, query string) the link named, to land on after the login
_SESSION_KEYS = (SCOPE_KEY, NAME_KEY, METHOD_KEY, SEEN_KEY, TOKEN_KEY)

DEMO, FORMAL = "demo", "formal"


def settings() -> Settings:
    """Lock-out, timeout and single sign-on: the one settings object (models/settings.py)."""
    return loaders.settings()


def oidc_configured() -> bool:
    return settings().oidc


def mode() -> str:
    """演示模式 or 正式模式, from the store itself (uncached: one indexed read per run)."""
    with loaders.session() as s:
        return DEMO if accounts.demo_store(s) else FORMAL


def _now() -> datetime:
    return datetime.now(timezone.utc)


def _role_label(role: str) -> str:
    return t(f"auth.role.{role}")


# ---------------------------------------------------------------- session


def _sign_in(scope: Scope, name: str, method: str, token: str | None = None) -> None:
    st.session_state.update({SCOPE_KEY: scope, NAME_KEY: name, METHOD_KEY: method, SEEN_KEY: time.time()})
    if token:
        st.session_state[TOKEN_KEY] = token
    st.session_state.pop(NOTICE_KEY, None)


def _sign_out(reason: str, notice: str | None) -> None:
    """Forget the login, audit the logout; an OIDC login also ends the provider's cookie (new session)."""
    scope = st.session_state.get(SCOPE_KEY)
    method = st.session_state.get(METHOD_KEY)
    token = st.session_state.get(TOKEN_KEY)
    for key in _SESSION_KEYS:
        st.session_state.pop(key, None)
    if notice:
        st.session_state[NOTICE_KEY] = notice
    if token:  # this websocket still sends it (its handshake had the cookie): never resume with it
        st.session_state[DEAD_KEY] = token
        session_cookie.hand_over(None)  # and the browser forgets it
    if isinstance(scope, Scope):
        try:
            with loaders.session() as s:
                accounts.record_logout(s, username=scope.actor, now=_now(), reason=reason, token=token)
        except StoreBusy:  # the logout itself holds; the store cannot take the line now
            log.warning("logout of %s (%s) not recorded: the store's write lock is taken", scope.actor, reason)
    if method == "oidc":
        st.logout()


def _logout_clicked() -> None:
    _sign_out("button", t("auth.logged_out"))


_ENDED = {  # why a login session ended -> (audit reason, notice label)
    login_sessions.TIMEOUT: ("timeout", "auth.timeout"),
    login_sessions.DISABLED: ("revoked", "auth.revoked"),
}


def _check_token(config: Settings, token: str) -> tuple[Scope, str] | str:
    """The login session's account (scope, name), or why it ended; a good one is marked as seen."""
    now = _now()
    with loaders.session() as s:
        result = login_sessions.check(s, token=token, now=now, idle=timedelta(minutes=config.timeout_minutes))
        if not result.ok:
            return result.reason
        current = accounts.scope_of(result.account), result.account.display_name
        if result.needs_touch:
            try:
                write(s, lambda c: login_sessions.touch(c, token=token, now=now))
            except StoreBusy:  # an import runs: the session stays good, the clock is written next time
                pass
    return current


def _ended(config: Settings, reason: str) -> None:
    audit_reason, notice = _ENDED.get(reason, ("ended", "auth.ended"))
    _sign_out(audit_reason, t(notice, minutes=f"{config.timeout_minutes:g}"))


def _check_session(config: Settings) -> Scope | None:
    """The session's login if it is still good: not idle too long, the account still enabled, and for a
    password login its login session neither revoked nor expired (checked in the store on every run)."""
    scope = st.session_state.get(SCOPE_KEY)
    if not isinstance(scope, Scope):
        return None
    token = st.session_state.get(TOKEN_KEY)
    if token:
        current = _check_token(config, token)
        if isinstance(current, str):
            _ended(config, current)
            return None
        scope, name = current
        st.session_state.update({SCOPE_KEY: scope, NAME_KEY: name, SEEN_KEY: time.time()})
        return scope
    if time.time() - st.session_state.get(SEEN_KEY, 0.0) > config.timeout_minutes * 60:
        _sign_out("timeout", t("auth.timeout", minutes=f"{config.timeout_minutes:g}"))
        return None
    with loaders.session() as s:
        current = accounts.still_valid(s, username=scope.actor)
    if current is None:
        _sign_out("revoked", t("auth.revoked"))
        return None
    scope, name = current  # a changed role or district applies at once
    st.session_state.update({SCOPE_KEY: scope, NAME_KEY: name, SEEN_KEY: time.time()})
    return scope


def _oidc_scope() -> Scope:
    """Map the provider's identity to an account once per session; a stranger is refused (and stopped)."""
    email = str(st.user.get("email") or "").strip().lower()
    refused = st.session_state.get(REFUSED_KEY)
    if not refused or refused[0] != email:
        with loaders.session() as s:
            result = accounts.authenticate_email(s, email=email, now=_now())
            s.commit()
        if result.ok:
            st.session_state.pop(REFUSED_KEY, None)
            _sign_in(result.scope, result.display_name, "oidc")
            return result.scope
        refused = st.session_state[REFUSED_KEY] = (email, result.reason)
    _mode_block(FORMAL)
    st.title(t("auth.title"))
    st.error(t("auth.disabled") if refused[1] == "disabled" else t("auth.no_account", email=email or "—"))
    if st.button(t("auth.logout"), key="auth.oidc_logout"):
        st.session_state.pop(REFUSED_KEY, None)
        st.logout()
    st.stop()


# ---------------------------------------------------------------- drawing


def _mode_block(current: str) -> None:
    with st.sidebar:
        if current == DEMO:
            st.markdown(f"**{t('auth.mode.demo')}**")
            st.caption(t("auth.mode.demo_note"))
        else:
            st.markdown(f"**{t('auth.mode.formal')}**")


def sidebar(scope: Scope) -> None:
    """The mode, and in 正式模式 the user's name and role with the logout button (call inside st.sidebar)."""
    if st.session_state.get(SCOPE_KEY) is None:
        st.markdown(f"**{t('auth.mode.demo')}**")
        st.caption(t("auth.mode.demo_note"))
        return
    st.markdown(f"**{t('auth.mode.formal')}**")
    st.caption(t("auth.user", name=st.session_state.get(NAME_KEY, scope.actor), role=_role_label(scope.role)))
    st.button(t("auth.logout"), key="auth.logout", on_click=_logout_clicked)
    session_cookie.mount()  # the login's cookie, on the run after the login


def _login_screen(config: Settings) -> None:
    _mode_block(FORMAL)
    st.title(t("auth.title"))
    st.caption(t("auth.caption"))
    notice = st.session_state.get(NOTICE_KEY)
    if notice:
        st.info(notice)
    if oidc_configured():
        if st.button(t("auth.oidc"), key="auth.oidc", type="primary"):
            st.login()
        return
    with loaders.session() as s:
        if accounts.count(s) == 0:
            st.warning(t("auth.no_accounts"))
    session_cookie.mount()  # a logout's clearing grant, if one is pending
    # clear_on_submit: the browser empties both fields after every attempt
    with st.form("auth.login", clear_on_submit=True):
        username = st.text_input(t("auth.username"), key="auth.username", max_chars=64)
        password = st.text_input(t("auth.password"), key="auth.password", type="password", max_chars=256)
        submitted = st.form_submit_button(t("auth.submit"), key="auth.submit", type="primary")
    if not submitted:
        return
    if not username.strip() or not password:
        st.error(t("auth.empty"))
        return
    try:
        with loaders.session() as s:
            result = accounts.authenticate(s, username=username, password=password, now=_now(),
                                           policy=config.policy, lifetime=timedelta(hours=config.session_hours))
    except StoreBusy:
        st.error(t("auth.busy"))
        return
    if result.ok:
        _sign_in(result.scope, result.display_name, "password", token=result.token)
        session_cookie.hand_over(result.token)
        page, query = st.session_state.pop(NEXT_KEY, ("", ""))
        compat.rerun_on_page(page, query)  # the page and view the link named, not the default page
    elif result.reason == "locked":
        until = accounts.local_time(result.locked_until)
        st.error(t("auth.locked", until=f"{until:%H:%M}", minutes=f"{config.policy.lock_minutes:g}"))
    elif result.reason == "disabled":
        st.error(t("auth.disabled"))
    else:
        st.error(t("auth.bad_credentials"))


# ---------------------------------------------------------------- entry points


def gate() -> Scope:
    """The viewer's scope for this run; in 正式模式 without a valid login: the login screen, then st.stop()."""
    if mode() == DEMO:
        for key in _SESSION_KEYS:  # a login from before the store held demo data means nothing now
            st.session_state.pop(key, None)
        return FULL
    config = settings()
    scope = _check_session(config)
    if scope is None and not oidc_configured():
        scope = _resume(config)
    if scope is None and oidc_configured() and st.user.get("is_logged_in"):
        scope = _oidc_scope()
    if scope is None:
        _remember_link()
        _login_screen(config)
        st.stop()
    return scope


def _resume(config: Settings) -> Scope | None:
    """A reload or a new tab of a browser that logged in: its cookie's login session, if still good."""
    token = session_cookie.token_from_browser()
    if not token or token == st.session_state.get(DEAD_KEY):
        return None
    current = _check_token(config, token)
    if isinstance(current, str):
        st.session_state[DEAD_KEY] = token  # checked once per websocket, not on every run
        if current == login_sessions.TIMEOUT:
            st.session_state[NOTICE_KEY] = t("auth.timeout", minutes=f"{config.timeout_minutes:g}")
        return None
    _sign_in(*current, "password", token=token)
    return current[0]


def _remember_link() -> None:
    """The page and query string of the link that met the login screen (its first run names them)."""
    page, query = compat.requested_page()
    if page or NEXT_KEY not in st.session_state:
        st.session_state[NEXT_KEY] = (page, query)


def current_scope() -> Scope:
    """The viewer's scope, for pages and loaders. Stops the run (login screen) when there is no login.

    Every page asks it first, so a page file Streamlit runs without the router (its v1 pages-folder mode
    under `streamlit run app.py`, see components/compat.py) hands the session over to app.py here."""
    if compat.serving_pages_folder():
        compat.hand_over_to_router()
    if mode() == DEMO:
        return FULL
    scope = st.session_state.get(SCOPE_KEY)
    config = settings()
    if isinstance(scope, Scope) and time.time() - st.session_state.get(SEEN_KEY, 0.0) <= config.timeout_minutes * 60:
        return scope
    return gate()


# ---------------------------------------------------------------- overwriting a 演示模式 store (数据管理)

DEMO_UNLOCK_KEY = "auth.demo_unlocked"
_LOOPBACK = {"127.0.0.1", "::1", "localhost"}
_FORWARDED = ("X-Forwarded-For", "X-Real-Ip", "Forwarded")


def _browser_on_this_machine() -> bool:
    """The browser runs on the server itself: Streamlit gives no client address for localhost (None), and a
    reverse proxy in front (which would make every visitor look local) is told by its forwarding headers."""
    ip = st.context.ip_address
    headers = st.context.headers
    if any(headers.get(h) for h in _FORWARDED):
        return False
    # Streamlit answers None for a loopback client; anything but an address (AppTest's stand-in) is local too
    return not isinstance(ip, str) or ip in _LOOPBACK


def may_overwrite_demo() -> bool:
    """Replace and restore in 演示模式: the browser on the server, or a session that gave the demo-admin
    password ([demo] admin_password in secrets). 正式模式 needs a 市级管理员 login (the page checks it)."""
    if mode() != DEMO or _browser_on_this_machine():
        return True
    return bool(st.session_state.get(DEMO_UNLOCK_KEY))


def unlock_demo(password: str) -> bool:
    """Check the demo-admin password (constant time); remembered for the session when right."""
    import hmac

    expected = settings().demo_admin_password
    ok = bool(expected) and hmac.compare_digest(password.encode(), expected.encode())
    if ok:
        st.session_state[DEMO_UNLOCK_KEY] = True
    else:
        log.warning("wrong demo-admin password on 数据管理")
    return ok


def demo_password_set() -> bool:
    return bool(settings().demo_admin_password)
