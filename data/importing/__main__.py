"""Command line of the importer (the same code as the 数据管理 page).

    python -m data.importing import buildings 楼宇.xlsx [--crs GCJ-02] [--mode merge|replace] [--yes]
    python -m data.importing template buildings [--format xlsx|csv] [-o 楼宇模板.xlsx]
    python -m data.importing export [-o 导出.zip]
    python -m data.importing backups | restore NAME [--yes] | audit | init | migrate

Exit status: 0 done, 1 the file was rejected or the user declined (nothing written), 2 bad usage.
`migrate` exits 1 when the store cannot be reached or was migrated by newer code (nothing touched).
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.exc import SQLAlchemyError

from data.exporting import csv_bytes
from data.importing import (
    KINDS, MODES, ImportRejected, backup, commit, default_actor, files, init_reference, migrate, preview,
    problems_frame, restore, store_is_demo,
)
from data.importing import messages
from data.importing.messages import report_headers, worded
from data.importing.specs import CRS_CHOICES, KIND_ALIASES, SPECS
from models.db import StoreAhead, make_engine
from models.i18n import translate
from models.tables import AuditEntry
from models import import_limits, settings

SHOWN_PROBLEMS = 50


def _(key: str, lang: str = "zh", **params: object) -> str:
    """cli.importing.<key> of the catalogue: messages follow --lang, argument help is Chinese."""
    return translate(f"cli.importing.{key}", lang, **params)


def _progress(lang: str):
    def say(fraction: float, message: str) -> None:
        print(f"[{fraction:5.0%}] {worded(message, lang)}", flush=True)
    return say


def _confirm(question: str, yes: bool, lang: str = "zh") -> bool:
    if yes:
        return True
    if not sys.stdin.isatty():
        print(_("not_confirmed", lang), file=sys.stderr)
        return False
    return input(f"{question} [y/N] ").strip().lower() in ("y", "yes", "是")


def cmd_import(args: argparse.Namespace) -> int:
    url = args.url or settings.load().database_url
    engine = make_engine(url)
    path = Path(args.file)
    if not path.is_file():
        print(_("no_file", args.lang, path=path), file=sys.stderr)
        return 2
    if path.stat().st_size > import_limits.MAX_FILE_BYTES:  # refused before it is read into memory
        print(messages.text("limit_file", args.lang, size=f"{path.stat().st_size / 2**20:,.0f}",
                            limit=f"{import_limits.MAX_FILE_BYTES / 2**20:,.0f}"), file=sys.stderr)
        return 1
    if args.mode is None and store_is_demo(engine):
        print(_("demo_needs_mode", args.lang), file=sys.stderr)
        return 2
    plan = preview(engine, args.kind, path.read_bytes(), path.name, crs=args.crs, mode=args.mode or "merge",
                   progress=_progress(args.lang))
    for note in plan.notes:
        print(note.text(args.lang))
    if not plan.ok:
        table = problems_frame(plan.problems, args.lang)
        print(_("problems", args.lang, n=len(table)))
        for p in plan.problems[:SHOWN_PROBLEMS]:
            where = _("at_row", args.lang, row=p.row) if p.row else _("whole_file", args.lang)
            print(f"  {where} {p.column} {p.value!r}: {p.text(args.lang)}")
        if len(plan.problems) > SHOWN_PROBLEMS:
            print("  " + _("more_problems", args.lang, n=len(plan.problems) - SHOWN_PROBLEMS))
        if args.errors:
            Path(args.errors).write_bytes(csv_bytes(table, report_headers(args.lang)))
            print(_("errors_saved", args.lang, path=args.errors))
        return 1
    counts = plan.counts()
    print(_("preview", args.lang, **counts))
    if counts["add"] + counts["update"] == 0:
        print(_("nothing_to_import", args.lang))
        return 0
    if not _confirm(_("confirm_import", args.lang), args.yes, args.lang):
        return 1
    try:
        result = commit(engine, url, plan, actor=args.actor or default_actor(),
                        as_of=date.fromisoformat(args.as_of) if args.as_of else None,
                        progress=_progress(args.lang))
    except ImportRejected as exc:
        print(exc.problems[0].text(args.lang), file=sys.stderr)
        return 1
    print(_("imported", args.lang, added=result.added, updated=result.updated, unchanged=result.unchanged)
          + (_("backup_taken", args.lang, name=result.backup) if result.backup else ""))
    if not result.backup and backup.unavailable_reason(url):
        print(_("no_backup", args.lang, reason=backup.unavailable_reason(url, args.lang)))
    return 0


def cmd_template(args: argparse.Namespace) -> int:
    spec = SPECS[KIND_ALIASES.get(args.kind, args.kind)]
    out = Path(args.output or f"{translate('importing.template_stem', args.lang, title=spec.title)}.{args.format}")
    out.write_bytes(files.template_xlsx(spec.name) if args.format == "xlsx" else files.template_csv(spec.name))
    print(_("template_saved", args.lang, path=out))
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    out = Path(args.output or translate("importing.export_file", args.lang, date=f"{date.today():%Y%m%d}"))
    engine = make_engine(args.url or settings.load().database_url)
    out.write_bytes(files.database_zip(engine))
    print(_("exported", args.lang, path=out))
    return 0


def cmd_backups(args: argparse.Namespace) -> int:
    url = args.url or settings.load().database_url
    if backup.unavailable_reason(url):
        print(backup.unavailable_reason(url, args.lang))
        return 0
    found = backup.list_backups(url)
    if not found:
        print(_("no_backups", args.lang))
    for b in found:
        print(f"{b.taken_at:%Y-%m-%d %H:%M:%S}  {b.size / 1e6:8.1f} MB  {b.name}")
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    url = args.url or settings.load().database_url
    if backup.unavailable_reason(url):
        print(backup.unavailable_reason(url, args.lang), file=sys.stderr)
        return 1
    if not _confirm(_("confirm_restore", args.lang, name=args.name), args.yes, args.lang):
        return 1
    try:
        safety = restore(make_engine(url), url, args.name, actor=args.actor or default_actor())
    except backup.BackupError as exc:
        print(exc.text(args.lang), file=sys.stderr)
        return 1
    print(_("restored", args.lang, name=args.name, safety=safety))
    return 0


def cmd_audit(args: argparse.Namespace) -> int:
    engine = make_engine(args.url or settings.load().database_url)
    with engine.connect() as conn:
        rows = conn.execute(select(AuditEntry).order_by(AuditEntry.id.desc()).limit(args.limit)).all()
    for r in rows:
        print(f"{r.at.astimezone(backup.CHINA_TZ):%Y-%m-%d %H:%M:%S}  {r.actor}  {r.action}  {r.detail}")
    return 0


def cmd_init(args: argparse.Namespace) -> int:
    engine = make_engine(args.url or settings.load().database_url)
    if not init_reference(engine, actor=args.actor or default_actor()):
        print(_("init_not_empty", args.lang), file=sys.stderr)
        return 1
    print(_("init_done", args.lang))
    return 0


def _revision_label(revision: str | None, lang: str = "zh") -> str:
    if revision is None:
        return _("revision_empty", lang)
    return _("revision_legacy", lang) if revision == "legacy" else revision


def cmd_migrate(args: argparse.Namespace) -> int:
    url = args.url or settings.load().database_url
    engine = make_engine(url)
    try:
        done, taken = migrate(engine, url, actor=args.actor or default_actor())
    except StoreAhead as exc:
        print(_("migrate_ahead", args.lang, revision=exc.revision, head=exc.head), file=sys.stderr)
        return 1
    except SQLAlchemyError as exc:
        print(_("migrate_failed", args.lang, detail=exc), file=sys.stderr)
        return 1
    except backup.BackupError as exc:  # the backup before the upgrade failed: nothing was changed
        print(_("migrate_failed", args.lang, detail=exc.text(args.lang)), file=sys.stderr)
        return 1
    finally:
        engine.dispose()
    before = _revision_label(done.before, args.lang)
    if done.upgraded and taken:
        print(_("migrated_backup", args.lang, before=before, after=done.after, name=taken.name))
    elif done.upgraded:
        print(_("migrated", args.lang, before=before, after=done.after))
    elif done.before is None:
        print(_("tables_created", args.lang, before=before, after=done.after))
    else:
        print(_("up_to_date", args.lang, after=done.after))
    return 0


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m data.importing", description=_("description"))
    p.add_argument("--url", help="database URL (default: DATABASE_URL or data/dashboard.db)")
    p.add_argument("--actor", help=_("help.actor"))
    p.add_argument("--lang", choices=("zh", "en"), default="zh")
    sub = p.add_subparsers(dest="command", required=True)
    kinds = sorted({*KINDS, *KIND_ALIASES})
    imp = sub.add_parser("import", help=_("help.import"))
    imp.add_argument("kind", choices=kinds)
    imp.add_argument("file")
    imp.add_argument("--crs", choices=CRS_CHOICES, default="WGS-84", help=_("help.crs"))
    imp.add_argument("--mode", choices=MODES, help=_("help.mode"))
    imp.add_argument("--as-of", help=_("help.as_of"))
    imp.add_argument("--errors", help=_("help.errors"))
    imp.add_argument("--yes", action="store_true", help=_("help.yes"))
    imp.set_defaults(run=cmd_import)
    tpl = sub.add_parser("template", help=_("help.template"))
    tpl.add_argument("kind", choices=sorted({*SPECS, *(k for k, v in KIND_ALIASES.items() if v in SPECS)}))
    tpl.add_argument("--format", choices=("xlsx", "csv"), default="xlsx")
    tpl.add_argument("-o", "--output")
    tpl.set_defaults(run=cmd_template)
    exp = sub.add_parser("export", help=_("help.export"))
    exp.add_argument("-o", "--output")
    exp.set_defaults(run=cmd_export)
    sub.add_parser("backups", help=_("help.backups")).set_defaults(run=cmd_backups)
    res = sub.add_parser("restore", help=_("help.restore"))
    res.add_argument("name")
    res.add_argument("--yes", action="store_true")
    res.set_defaults(run=cmd_restore)
    aud = sub.add_parser("audit", help=_("help.audit"))
    aud.add_argument("--limit", type=int, default=20)
    aud.set_defaults(run=cmd_audit)
    sub.add_parser("init", help=_("help.init")).set_defaults(run=cmd_init)
    sub.add_parser("migrate", help=_("help.migrate")).set_defaults(run=cmd_migrate)
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    return args.run(args)


if __name__ == "__main__":
    sys.exit(main())
