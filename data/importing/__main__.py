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
from data.importing.messages import report_headers
from data.importing.specs import CRS_CHOICES, KIND_ALIASES, SPECS
from models.db import StoreAhead, make_engine
from models.tables import AuditEntry
from models import settings

SHOWN_PROBLEMS = 50


def _progress(fraction: float, message: str) -> None:
    print(f"[{fraction:5.0%}] {message}", flush=True)


def _confirm(question: str, yes: bool) -> bool:
    if yes:
        return True
    if not sys.stdin.isatty():
        print("未确认：非交互运行时请加 --yes。", file=sys.stderr)
        return False
    return input(f"{question} [y/N] ").strip().lower() in ("y", "yes", "是")


def cmd_import(args: argparse.Namespace) -> int:
    url = args.url or settings.load().database_url
    engine = make_engine(url)
    path = Path(args.file)
    if not path.is_file():
        print(f"找不到文件：{path}", file=sys.stderr)
        return 2
    if args.mode is None and store_is_demo(engine):
        print("数据库中是示例数据：请用 --mode replace（清空示例数据，保留行政区划后导入）"
              "或 --mode merge（合并到示例数据中，仍标为示例数据）。", file=sys.stderr)
        return 2
    plan = preview(engine, args.kind, path.read_bytes(), path.name, crs=args.crs, mode=args.mode or "merge",
                   progress=_progress)
    for note in plan.notes:
        print(note.text(args.lang))
    if not plan.ok:
        table = problems_frame(plan.problems, args.lang)
        print(f"发现 {len(table)} 个问题，未写入任何数据：" if args.lang == "zh" else
              f"{len(table)} problems; nothing was written:")
        for p in plan.problems[:SHOWN_PROBLEMS]:
            where = f"第 {p.row} 行" if p.row else "文件"
            print(f"  {where} {p.column} {p.value!r}: {p.text(args.lang)}")
        if len(plan.problems) > SHOWN_PROBLEMS:
            print(f"  …… 另有 {len(plan.problems) - SHOWN_PROBLEMS} 个问题（用 --errors 文件.csv 保存全部）")
        if args.errors:
            Path(args.errors).write_bytes(csv_bytes(table, report_headers(args.lang)))
            print(f"问题清单已保存到 {args.errors}")
        return 1
    counts = plan.counts()
    print(f"预览：新增 {counts['add']} 行，更新 {counts['update']} 行，不变 {counts['same']} 行。")
    if counts["add"] + counts["update"] == 0:
        print("文件中的数据与数据库完全一致，无需导入，未写入任何内容。")
        return 0
    if not _confirm("确认导入？", args.yes):
        return 1
    try:
        result = commit(engine, url, plan, actor=args.actor or default_actor(),
                        as_of=date.fromisoformat(args.as_of) if args.as_of else None, progress=_progress)
    except ImportRejected as exc:
        print(exc.problems[0].text(args.lang), file=sys.stderr)
        return 1
    print(f"已导入：新增 {result.added}，更新 {result.updated}，不变 {result.unchanged}。"
          + (f"导入前的备份：{result.backup}" if result.backup else ""))
    if not result.backup and backup.unavailable_reason(url):
        print(f"导入前未备份。{backup.unavailable_reason(url)}")
    return 0


def cmd_template(args: argparse.Namespace) -> int:
    spec = SPECS[KIND_ALIASES.get(args.kind, args.kind)]
    out = Path(args.output or f"{spec.title}导入模板.{args.format}")
    out.write_bytes(files.template_xlsx(spec.name) if args.format == "xlsx" else files.template_csv(spec.name))
    print(f"模板已保存到 {out}")
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    out = Path(args.output or f"基层党建数据导出-{date.today():%Y%m%d}.zip")
    engine = make_engine(args.url or settings.load().database_url)
    out.write_bytes(files.database_zip(engine))
    print(f"已导出到 {out}")
    return 0


def cmd_backups(args: argparse.Namespace) -> int:
    url = args.url or settings.load().database_url
    if backup.unavailable_reason(url):
        print(backup.unavailable_reason(url))
        return 0
    found = backup.list_backups(url)
    if not found:
        print("没有备份。")
    for b in found:
        print(f"{b.taken_at:%Y-%m-%d %H:%M:%S}  {b.size / 1e6:8.1f} MB  {b.name}")
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    url = args.url or settings.load().database_url
    if backup.unavailable_reason(url):
        print(backup.unavailable_reason(url), file=sys.stderr)
        return 1
    if not _confirm(f"用备份 {args.name} 覆盖当前数据库？（当前数据会先备份）", args.yes):
        return 1
    try:
        safety = restore(make_engine(url), url, args.name, actor=args.actor or default_actor())
    except backup.BackupError as exc:
        print(str(exc), file=sys.stderr)
        return 1
    print(f"已恢复 {args.name}。恢复前的数据已备份为 {safety}。")
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
        print("数据库中已有数据，未做改动。", file=sys.stderr)
        return 1
    print("已建立空数据库：包含市、区、街道、社区的行政区划，可开始导入台账。")
    return 0


def _revision_label(revision: str | None) -> str:
    return {None: "空库", "legacy": "未记录版本（启用迁移之前建立）"}.get(revision, revision or "")


def cmd_migrate(args: argparse.Namespace) -> int:
    url = args.url or settings.load().database_url
    engine = make_engine(url)
    try:
        done, taken = migrate(engine, url, actor=args.actor or default_actor())
    except StoreAhead as exc:
        print(f"数据库的结构版本 {exc.revision} 比本程序新（本程序最新为 {exc.head}），未做任何改动。"
              "请改用新版本的程序，或用升级之前的备份恢复。", file=sys.stderr)
        return 1
    except SQLAlchemyError as exc:
        print(f"无法升级数据库结构，未做改动：{exc}", file=sys.stderr)
        return 1
    finally:
        engine.dispose()
    if done.upgraded:
        print(f"数据库结构已升级：{_revision_label(done.before)} -> {done.after}"
              + (f"。升级前的备份：{taken.name}" if taken else ""))
    elif done.before is None:
        print(f"已建立表结构：{_revision_label(None)} -> {done.after}")
    else:
        print(f"数据库结构已是最新版本（{done.after}），未做改动。")
    return 0


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m data.importing", description="导入、导出和备份台账数据。")
    p.add_argument("--url", help="database URL (default: DATABASE_URL or data/dashboard.db)")
    p.add_argument("--actor", help="操作人（记入操作记录；默认为系统用户名）")
    p.add_argument("--lang", choices=("zh", "en"), default="zh")
    sub = p.add_subparsers(dest="command", required=True)
    kinds = sorted({*KINDS, *KIND_ALIASES})
    imp = sub.add_parser("import", help="导入一个文件（先检查，全部无误才写入）")
    imp.add_argument("kind", choices=kinds)
    imp.add_argument("file")
    imp.add_argument("--crs", choices=CRS_CHOICES, default="WGS-84", help="文件中坐标的坐标系（未在“坐标系”列注明时）")
    imp.add_argument("--mode", choices=MODES, help="数据库中是示例数据时必须选择")
    imp.add_argument("--as-of", help="数据截至日期 YYYY-MM-DD（默认今天）")
    imp.add_argument("--errors", help="把问题清单保存为 CSV")
    imp.add_argument("--yes", action="store_true", help="不询问，直接写入")
    imp.set_defaults(run=cmd_import)
    tpl = sub.add_parser("template", help="生成导入模板")
    tpl.add_argument("kind", choices=sorted({*SPECS, *(k for k, v in KIND_ALIASES.items() if v in SPECS)}))
    tpl.add_argument("--format", choices=("xlsx", "csv"), default="xlsx")
    tpl.add_argument("-o", "--output")
    tpl.set_defaults(run=cmd_template)
    exp = sub.add_parser("export", help="把整个数据库导出为 CSV 压缩包")
    exp.add_argument("-o", "--output")
    exp.set_defaults(run=cmd_export)
    sub.add_parser("backups", help="列出备份").set_defaults(run=cmd_backups)
    res = sub.add_parser("restore", help="用备份恢复数据库")
    res.add_argument("name")
    res.add_argument("--yes", action="store_true")
    res.set_defaults(run=cmd_restore)
    aud = sub.add_parser("audit", help="最近的操作记录")
    aud.add_argument("--limit", type=int, default=20)
    aud.set_defaults(run=cmd_audit)
    sub.add_parser("init", help="在空数据库中建立表结构和行政区划").set_defaults(run=cmd_init)
    sub.add_parser("migrate", help="把数据库结构升级到本程序的版本（先备份）").set_defaults(run=cmd_migrate)
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    return args.run(args)


if __name__ == "__main__":
    sys.exit(main())
