"""Blocks of the data-management page: templates, the upload check, preview and confirm, backups, log."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from components.ui import cards
from components.ui.exports import CSV_MIME, XLSX_MIME, Recorder, download_buttons
from components.ui.i18n import current_lang, t
from components.ui.cells import dashed
from components.loaders.data_admin import AdminStore
from data.exporting import csv_bytes, xlsx_bytes
from data.importing import KINDS, ImportRejected, Plan, problems_frame
from data.importing.backup import CHINA_TZ, KEEP, BackupError, now
from data.importing.messages import worded
from data.importing.specs import CRS_CHOICES, SPECS

BIG_FILE_BYTES = 200_000  # above this (a few thousand rows) checking shows a progress bar
UPLOAD_TYPES = {"boundaries": ["geojson", "json"]}
PLAN_KEY, DONE_KEY, FLASH_KEY, RESTORE_KEY = "data.plan_cache", "data.done", "data.flash", "data.restore_pending"


def kind_picker() -> str:
    return st.selectbox(t("data.kind"), KINDS, key="data.kind", format_func=lambda k: t(f"data.kind.{k}"))


def template_block(kind: str, store: AdminStore) -> None:
    with st.expander(t("data.template"), expanded=False):
        if kind == "boundaries":
            st.markdown(t("data.boundaries_hint"))
            return
        st.caption(t("data.template_hint"))
        stem = t("importing.template_stem", title=SPECS[kind].title)
        with st.container(horizontal=True, key="data.templates"):
            st.download_button(t("data.template_xlsx"), data=lambda: store.template(kind, "xlsx"),
                               file_name=f"{stem}.xlsx", mime=XLSX_MIME, key="data.template_xlsx", on_click="ignore")
            st.download_button(t("data.template_csv"), data=lambda: store.template(kind, "csv"),
                               file_name=f"{stem}.csv", mime=CSV_MIME, key="data.template_csv", on_click="ignore")
        st.dataframe(store.explanation(kind), hide_index=True, key="data.columns")


def options(kind: str, demo: bool) -> tuple[str, str | None]:
    """(coordinate system, import mode); mode is None while a demo store's user has not chosen."""
    crs = "WGS-84"
    if kind == "boundaries" or SPECS[kind].has_coords:
        crs = st.radio(t("data.crs"), CRS_CHOICES, key="data.crs", horizontal=True, help=t("data.crs_help"),
                       format_func=lambda c: t(f"data.crs.{c}"))
    if not demo:
        return crs, "merge"
    mode = st.radio(t("data.mode"), ("replace", "merge"), key="data.mode", index=None,
                    format_func=lambda m: t(f"data.mode.{m}"))
    return crs, mode


def checked_plan(kind: str, upload, crs: str, mode: str, store: AdminStore) -> Plan:
    """The plan of the uploaded file, computed once per file and options (kept in the session)."""
    signature = (upload.file_id, kind, crs, mode)
    cached = st.session_state.get(PLAN_KEY)
    if cached and cached[0] == signature:
        return cached[1]
    data = upload.getvalue()
    bar = st.progress(0.0, text=t("data.checking")) if len(data) > BIG_FILE_BYTES else None
    lang = current_lang()
    say = (lambda f, m: bar.progress(min(f, 1.0), text=f"{t('data.checking')} {worded(m, lang)}")) if bar else None
    plan = store.preview(kind, data, upload.name, crs=crs, mode=mode, progress=say)
    if bar:
        bar.empty()
    st.session_state[PLAN_KEY] = (signature, plan)
    return plan


def problems_block(plan: Plan, record: Recorder) -> None:
    st.error(t("data.rejected", n=len(plan.problems)))
    table = problems_frame(plan.problems, current_lang())
    headers = {"row": t("data.col.row"), "column": t("data.col.column"), "value": t("data.col.value"),
               "reason": t("data.col.reason")}
    st.dataframe(dashed(table), hide_index=True, key="data.problems", column_config=headers)
    download_buttons(table, key="data.problems", file_stem=t("data.problems_file"), columns=headers, record=record)


def notes_block(plan: Plan) -> None:
    for note in plan.notes:
        st.caption(note.text(current_lang()))


def preview_block(plan: Plan, actor: str, record: Recorder, *, backed_up: bool = True) -> bool:
    """Counts, the listed changes and the confirm button; True when the user confirmed."""
    counts = plan.counts()
    cards.metric_row([cards.Metric(t("data.added"), cards.fmt_int(counts["add"])),
                      cards.Metric(t("data.updated"), cards.fmt_int(counts["update"])),
                      cards.Metric(t("data.unchanged"), cards.fmt_int(counts["same"]))], key="data.counts")
    if plan.changes is not None and not plan.changes.empty:
        st.caption(t("data.changes", n=len(plan.changes)))
        headers = {"row": t("data.col.row"), "key": t("data.col.key"), "column": t("data.col.column"),
                   "old": t("data.col.old"), "new": t("data.col.new")}
        st.dataframe(dashed(plan.changes), hide_index=True, key="data.changes", column_config=headers)
        download_buttons(plan.changes, key="data.changes", file_stem=t("data.changes_file"), columns=headers,
                         record=record)
    if counts["add"] + counts["update"] == 0:
        st.info(t("data.nothing"))
        return False
    if plan.mode == "replace":
        # the promise of a backup only where one is taken (not on PostgreSQL: its administrator backs up)
        st.warning(t("data.replace_warning" if backed_up else "data.replace_warning_no_backup"))
    if not actor:
        st.caption(t("data.need_actor"))
    return st.button(t("data.confirm"), key="data.confirm", type="primary", disabled=not actor)


def run_commit(plan: Plan, actor: str, as_of, store: AdminStore) -> None:
    bar, lang = st.progress(0.0, text=t("data.writing")), current_lang()
    say = lambda f, m: bar.progress(min(f, 1.0), text=f"{t('data.writing')} {worded(m, lang)}")  # noqa: E731
    try:
        result = store.commit(plan, actor=actor, as_of=as_of, progress=say)
    except (ImportRejected, BackupError) as exc:
        bar.empty()
        reason = exc.text(current_lang()) if isinstance(exc, BackupError) else exc.problems[0].text(current_lang())
        st.error(t("data.failed", reason=reason))
        st.session_state.pop(PLAN_KEY, None)
        return
    st.session_state[DONE_KEY] = st.session_state[PLAN_KEY][0]
    st.session_state.pop(PLAN_KEY, None)
    done = {"file": plan.filename, "added": result.added, "updated": result.updated, "unchanged": result.unchanged}
    st.session_state[FLASH_KEY] = (t("data.done", backup=result.backup, **done) if result.backup
                                   else t("data.done_no_backup", **done))
    st.rerun()


def flash() -> None:
    message = st.session_state.pop(FLASH_KEY, None)
    if message:
        st.success(message)


def export_block(store: AdminStore, record: Recorder) -> None:
    """The whole store and one kind as files; `record` writes each file built to the audit table."""
    zip_name = t("importing.export_file", date=_today())

    def whole_store() -> bytes:
        body = store.database_zip()
        record(zip_name, None)
        return body

    st.download_button(t("data.export_all"), data=whole_store, help=t("data.export_all_help"),
                       file_name=zip_name, mime="application/zip",
                       key="data.export_all", on_click="ignore", type="primary")
    kind = st.selectbox(t("data.export_kind"), list(SPECS), key="data.export_kind",
                        format_func=lambda k: t(f"data.kind.{k}"))
    stem = f"{SPECS[kind].title}-{_today()}"
    with st.container(horizontal=True, key="data.export_files"):
        st.download_button(t("data.export_csv"), data=lambda: _kind_bytes(store, kind, "csv", stem, record),
                           file_name=f"{stem}.csv", mime=CSV_MIME, key="data.export_csv", on_click="ignore")
        st.download_button(t("data.export_xlsx"), data=lambda: _kind_bytes(store, kind, "xlsx", stem, record),
                           file_name=f"{stem}.xlsx", mime=XLSX_MIME, key="data.export_xlsx", on_click="ignore")


def _kind_bytes(store: AdminStore, kind: str, fmt: str, stem: str, record: Recorder) -> bytes:
    df = store.kind_export(kind)
    body = csv_bytes(df) if fmt == "csv" else xlsx_bytes(df, sheet=SPECS[kind].title)
    record(f"{stem}.{fmt}", len(df))
    return body


def _today() -> str:
    return f"{now():%Y%m%d}"


def _reason(reason: str) -> str:
    if reason.startswith("before-import-"):
        kind = reason.removeprefix("before-import-")
        return t("data.reason.import", kind=t(f"data.kind.{kind}") if kind in KINDS else kind)
    return t(f"data.reason.{reason}") if reason in ("before-restore", "manual") else reason


def overwrite_locked(password_set: bool) -> str | None:
    """Replace and restore are locked for this browser (演示模式, not on the server): say why and, when
    a demo-admin password is set, offer its field. Returns the password typed (None: nothing)."""
    st.info(t("data.demo_locked") if password_set else t("data.demo_locked_cli"))
    if not password_set:
        return None
    with st.form("data.demo_unlock", border=False):
        typed = st.text_input(t("data.demo_password"), type="password", key="data.demo_password")
        sent = st.form_submit_button(t("data.demo_unlock"))
    return typed if sent else None


def backups_block(actor: str, store: AdminStore, record: Recorder, *, may_restore: bool = True) -> None:
    if not store.backups_available():
        st.info(t("data.backups_unavailable"))
        return
    st.caption(t("data.backups_hint", keep=KEEP))
    if st.button(t("data.backup_now"), key="data.backup_now", disabled=not actor):
        try:
            taken = store.backup_now(actor=actor)
        except BackupError as exc:
            st.error(t("importing.backup_failed", reason=exc.text(current_lang())))
        else:
            st.success(t("data.backup_done", name=taken.name if taken else "—"))
    found = store.backups()
    if not found:
        st.info(t("data.no_backups"))
        return
    table = pd.DataFrame([{"taken_at": f"{b.taken_at.astimezone(CHINA_TZ):%Y-%m-%d %H:%M:%S}",
                           "reason": _reason(b.reason), "size": round(b.size / 1e6, 1), "name": b.name}
                          for b in found])
    headers = {"taken_at": t("data.col.taken_at"), "reason": t("data.col.backup_reason"),
               "size": t("data.col.size"), "name": t("data.col.file")}
    st.dataframe(table, hide_index=True, key="data.backups", column_config=headers)
    download_buttons(table, key="data.backups", file_stem=t("data.backups_file"), columns=headers, record=record)
    names = [b.name for b in found]
    labels = {b.name: f"{b.taken_at:%Y-%m-%d %H:%M:%S} · {_reason(b.reason)}" for b in found}
    chosen = st.selectbox(t("data.restore_pick"), names, key="data.backup", format_func=labels.get)
    if not may_restore:
        st.caption(t("data.restore_locked"))
        st.session_state.pop(RESTORE_KEY, None)
        return
    if st.button(t("data.restore"), key="data.restore", disabled=not actor):
        st.session_state[RESTORE_KEY] = chosen
    pending = st.session_state.get(RESTORE_KEY)
    if pending and pending in labels:
        st.warning(t("data.restore_warning", name=labels[pending]))
        with st.container(horizontal=True, key="data.restore_buttons"):
            go = st.button(t("data.restore_confirm"), key="data.restore_confirm", type="primary")
            stop = st.button(t("data.restore_cancel"), key="data.restore_cancel")
        if stop:
            st.session_state.pop(RESTORE_KEY, None)
            st.rerun()
        if go:
            st.session_state.pop(RESTORE_KEY, None)
            st.session_state.pop(PLAN_KEY, None)
            try:
                safety = store.restore(pending, actor=actor)
            except BackupError as exc:
                st.error(t("importing.restore_failed", reason=exc.text(current_lang())))
                return
            st.session_state[FLASH_KEY] = t("data.restored", name=labels[pending], safety=safety or "—")
            st.rerun()


def audit_block(store: AdminStore, record: Recorder) -> None:
    log = store.audit_log()
    if log.empty:
        st.info(t("data.no_audit"))
        return
    log = log.assign(
        at=log["at"].map(lambda v: f"{v.astimezone(CHINA_TZ):%Y-%m-%d %H:%M:%S}" if v is not None else ""),
        action=log["action"].map(lambda a: t(f"data.action.{a}") if a in ("import", "restore", "init", "backup")
                                 else a),
        kind=log["kind"].map(lambda k: t(f"data.kind.{k}") if k in KINDS else (k or "")),
    )
    headers = {c: t(f"data.col.{c}") for c in ("at", "actor", "action", "kind", "file", "rows", "added", "updated",
                                                "unchanged", "backup")}
    st.dataframe(dashed(log), hide_index=True, key="data.audit", column_config=headers)
    download_buttons(log, key="data.audit", file_stem=t("data.audit_file"), columns=headers, record=record)
