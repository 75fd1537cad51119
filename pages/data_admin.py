"""数据管理: import registers (checked first, written all or nothing), export anything, back up and restore."""

from __future__ import annotations

import streamlit as st

from components import loaders
from components.data_admin import views as data_admin
from components.shell import auth
from components.shell.view import export_context
from components.ui import cards
from components.ui.i18n import t
from components.loaders import data_admin as admin_loaders
from components.loaders.audit import export_recorder

scope = auth.current_scope()
if not scope.can_administer:  # app.py hides the page from others; a direct run is refused too
    st.title(t("data.title"))
    st.error(t("auth.admin_only"))
    st.stop()

info = loaders.dataset_info()
store, record = admin_loaders.STORE, export_recorder(scope, export_context("data_admin"))  # every file built is written to the audit table
st.title(t("data.title"))
st.caption(t("data.caption"))
cards.demo_note(info)
data_admin.flash()

if auth.mode() == auth.DEMO:  # 演示模式: nobody is logged in, so the person says who they are
    actor = st.text_input(t("data.actor"), key="data.actor", help=t("data.actor_help"), max_chars=64).strip()
else:  # 正式模式: the audit table names the logged-in account
    actor = scope.actor
# 演示模式 reached from another machine: browsing stays open, overwriting the store does not
may_overwrite = auth.may_overwrite_demo()
if not may_overwrite:
    typed = data_admin.overwrite_locked(auth.demo_password_set())
    if typed is not None:
        if auth.unlock_demo(typed):
            st.rerun()
        st.error(t("data.demo_password_wrong"))
tab_import, tab_export, tab_backups = st.tabs([t("data.tab.import"), t("data.tab.export"), t("data.tab.backups")])

with tab_import:
    kind = data_admin.kind_picker()
    data_admin.template_block(kind, store)
    crs, mode = data_admin.options(kind, admin_loaders.is_demo())
    types = data_admin.UPLOAD_TYPES.get(kind, ["xlsx", "csv"])
    upload = st.file_uploader(t("data.upload"), type=types, key="data.upload", help=t("data.upload_help"))
    st.caption(t("data.cli"))
    if upload is not None and mode is None:
        st.info(t("data.mode_needed"))
    elif upload is not None and mode == "replace" and not may_overwrite:
        st.warning(t("data.replace_locked"))
    elif upload is not None and st.session_state.get(data_admin.DONE_KEY, (None,))[0] != upload.file_id:
        plan = data_admin.checked_plan(kind, upload, crs, mode, store)
        data_admin.notes_block(plan)
        if not plan.ok:
            data_admin.problems_block(plan, record)
        else:
            as_of = st.date_input(t("data.as_of"), key="data.as_of", help=t("data.as_of_help"))
            if data_admin.preview_block(plan, actor, record, backed_up=store.backups_available()):
                data_admin.run_commit(plan, actor, as_of, store)

with tab_export:
    data_admin.export_block(store, record)

with tab_backups:
    st.subheader(t("data.backups"))
    data_admin.backups_block(actor, store, record, may_restore=may_overwrite)
    st.subheader(t("data.audit"))
    data_admin.audit_block(store, record)
