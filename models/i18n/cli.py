"""Texts of the command-line tools: python -m data.accounts (Chinese) and python -m data.importing (--lang).

Argument help is built before the language is known, so it is Chinese; the English side is kept for parity.
"""

from __future__ import annotations

# key: (Chinese, English); models/i18n/__init__.py checks every value is a pair of non-empty texts.
LABELS: dict[str, tuple[str, str]] = {
    # python -m data.accounts, and the reasons models/accounts.py refuses an account change
    "cli.accounts.description": ("正式模式的登录账号", "Login accounts of the formal mode"),
    "cli.accounts.help.url": (
        "数据库地址（默认：DATABASE_URL 或 .streamlit/secrets.toml）",
        "database URL (default: DATABASE_URL or .streamlit/secrets.toml)",
    ),
    "cli.accounts.help.create": ("新建账号", "create an account"),
    "cli.accounts.help.name": ("显示的姓名（默认同用户名）", "name shown (default: the username)"),
    "cli.accounts.help.district": ("区（区级领导、街道账号）", "district (district leader and street accounts)"),
    "cli.accounts.help.street": ("街道（街道账号）", "street (street accounts)"),
    "cli.accounts.help.email": (
        "统一身份认证（OIDC）登录时用来识别本人的邮箱", "email that identifies the person at single sign-on (OIDC)",
    ),
    "cli.accounts.help.password_stdin": ("从标准输入读一行作为密码", "read the password as one line from standard input"),
    "cli.accounts.help.no_password": (
        "只能通过统一身份认证登录（需要 --email）", "log in through single sign-on only (needs --email)",
    ),
    "cli.accounts.help.disable": ("停用账号", "disable an account"),
    "cli.accounts.help.enable": ("重新启用账号并解除锁定", "enable an account again and lift a lock-out"),
    "cli.accounts.help.reset": ("重设密码并解除锁定", "reset the password and lift a lock-out"),
    "cli.accounts.help.list": ("列出账号", "list the accounts"),
    "cli.accounts.no_stdin_password": ("标准输入中没有密码。", "No password on standard input."),
    "cli.accounts.not_interactive": (
        "非交互运行时请用 --password-stdin 从标准输入提供密码。",
        "When not run interactively, give the password on standard input with --password-stdin.",
    ),
    "cli.accounts.password_prompt": ("密码：", "Password: "),
    "cli.accounts.password_again": ("再输入一次：", "Once more: "),
    "cli.accounts.password_mismatch": ("两次输入的密码不一致。", "The two passwords differ."),
    "cli.accounts.created": ("已创建账号 {username}（{role}）。", "Account {username} ({role}) created."),
    "cli.accounts.disabled": ("已停用账号 {username}。", "Account {username} disabled."),
    "cli.accounts.enabled": ("已启用账号 {username}。", "Account {username} enabled."),
    "cli.accounts.reset": ("已重设账号 {username} 的密码（锁定已解除）。", "Password of {username} reset (lock-out lifted)."),
    "cli.accounts.none": ("还没有账号。", "No accounts yet."),
    "cli.accounts.list_header": (
        "用户名\t姓名\t角色\t区\t街道\t邮箱\t登录方式\t状态\t最近登录",
        "Username\tName\tRole\tDistrict\tStreet\tEmail\tLogs in with\tState\tLast login",
    ),
    "cli.accounts.state_disabled": ("已停用", "disabled"),
    "cli.accounts.state_locked": ("锁定至 {until}", "locked until {until}"),
    "cli.accounts.state_ok": ("正常", "active"),
    "cli.accounts.login_password": ("密码", "password"),
    "cli.accounts.login_sso": ("统一身份认证", "single sign-on"),
    "cli.accounts.no_table": (
        "数据库中没有账号表：请先生成或导入数据（python -m data.demo / python -m data.importing init），或升级数据库结构。",
        "The database has no account table: build or import data first (python -m data.demo / python -m data.importing init), or upgrade its schema.",
    ),
    "cli.accounts.db_failed": ("数据库操作失败：{detail}", "The database operation failed: {detail}"),
    "cli.accounts.password_short": ("密码太短：至少 {n} 个字符。", "The password is too short: at least {n} characters."),
    "cli.accounts.password_spaces": ("密码首尾不能有空格。", "A password must not begin or end with a space."),
    "cli.accounts.region_missing": ("没有名为“{name}”的{what}。", "{what} “{name}” does not exist."),
    "cli.accounts.region_ambiguous": (
        "有多个名为“{name}”的{what}：请同时给出所属的区。", "There is more than one {what} “{name}”: give its district too.",
    ),
    "cli.accounts.unknown_role": ("未知角色“{role}”：可选 {choices}。", "Unknown role “{role}”: choose one of {choices}."),
    "cli.accounts.district_leader_place": (
        "区级领导账号需要且只需要指定一个区（--district）。",
        "A district leader account needs exactly one district (--district) and no street.",
    ),
    "cli.accounts.street_place": (
        "街道账号需要指定街道（--street，必要时加 --district）。",
        "A street account needs its street (--street, and --district where needed).",
    ),
    "cli.accounts.no_place": (
        "{role}账号不限定区或街道：请去掉 --district / --street。",
        "A {role} account is not limited to a district or street: drop --district / --street.",
    ),
    "cli.accounts.no_account": ("没有名为“{username}”的账号。", "There is no account named “{username}”."),
    "cli.accounts.bad_username": ("用户名不能为空，且不超过 64 个字符。", "A username must not be empty nor longer than 64 characters."),
    "cli.accounts.needs_login": (
        "账号需要密码，或用于统一身份认证登录的邮箱（--email）。",
        "An account needs a password, or an email to log in with single sign-on (--email).",
    ),
    "cli.accounts.username_taken": ("用户名“{username}”已存在。", "The username “{username}” is taken."),
    "cli.accounts.email_taken": ("邮箱“{email}”已属于另一个账号。", "The email “{email}” belongs to another account."),
    # python -m data.importing (messages follow --lang)
    "cli.importing.description": ("导入、导出和备份台账数据。", "Import, export and back up the registers."),
    "cli.importing.help.actor": ("操作人（记入操作记录；默认为系统用户名）", "operator (written to the audit log; default: the system user)"),
    "cli.importing.help.import": ("导入一个文件（先检查，全部无误才写入）", "import a file (checked first; written only if every row passes)"),
    "cli.importing.help.crs": (
        "文件中坐标的坐标系（未在“坐标系”列注明时）", "coordinate system of the file's points (where its own column gives none)",
    ),
    "cli.importing.help.mode": ("数据库中是示例数据时必须选择", "required while the database holds demo data"),
    "cli.importing.help.as_of": ("数据截至日期 YYYY-MM-DD（默认今天）", "data as of YYYY-MM-DD (default: today)"),
    "cli.importing.help.errors": ("把问题清单保存为 CSV", "save the list of problems as CSV"),
    "cli.importing.help.yes": ("不询问，直接写入", "write without asking"),
    "cli.importing.help.template": ("生成导入模板", "write an import template"),
    "cli.importing.help.export": ("把整个数据库导出为 CSV 压缩包", "export the whole database as a zip of CSV files"),
    "cli.importing.help.backups": ("列出备份", "list the backups"),
    "cli.importing.help.restore": ("用备份恢复数据库", "restore the database from a backup"),
    "cli.importing.help.audit": ("最近的操作记录", "the latest audit entries"),
    "cli.importing.help.init": ("在空数据库中建立表结构和行政区划", "create the tables and the territory in an empty database"),
    "cli.importing.help.migrate": (
        "把数据库结构升级到本程序的版本（先备份）", "upgrade the database schema to this program's version (backs up first)",
    ),
    "cli.importing.not_confirmed": ("未确认：非交互运行时请加 --yes。", "Not confirmed: add --yes when not running interactively."),
    "cli.importing.no_file": ("找不到文件：{path}", "File not found: {path}"),
    "cli.importing.demo_needs_mode": (
        "数据库中是示例数据：请用 --mode replace（清空示例数据，保留行政区划后导入）或 --mode merge（合并到示例数据中，仍标为示例数据）。",
        "The database holds demo data: use --mode replace (drop the demo data, keep the territory, then import) or --mode merge (merge into the demo data, still marked as demo data).",
    ),
    "cli.importing.problems": ("发现 {n} 个问题，未写入任何数据：", "{n} problems; nothing was written:"),
    "cli.importing.at_row": ("第 {row} 行", "row {row}"),
    "cli.importing.whole_file": ("文件", "file"),
    "cli.importing.more_problems": (
        "…… 另有 {n} 个问题（用 --errors 文件.csv 保存全部）", "… {n} more problems (save them all with --errors FILE.csv)",
    ),
    "cli.importing.errors_saved": ("问题清单已保存到 {path}", "Problem list saved to {path}"),
    "cli.importing.preview": ("预览：新增 {add} 行，更新 {update} 行，不变 {same} 行。", "Preview: {add} new, {update} updated, {same} unchanged rows."),
    "cli.importing.nothing_to_import": (
        "文件中的数据与数据库完全一致，无需导入，未写入任何内容。", "The file matches the database exactly: nothing to import, nothing written.",
    ),
    "cli.importing.confirm_import": ("确认导入？", "Import?"),
    "cli.importing.imported": ("已导入：新增 {added}，更新 {updated}，不变 {unchanged}。", "Imported: {added} new, {updated} updated, {unchanged} unchanged."),
    "cli.importing.backup_taken": ("导入前的备份：{name}", " Backup taken before the import: {name}"),
    "cli.importing.no_backup": ("导入前未备份。{reason}", "No backup was taken before the import. {reason}"),
    "cli.importing.template_saved": ("模板已保存到 {path}", "Template saved to {path}"),
    "cli.importing.exported": ("已导出到 {path}", "Exported to {path}"),
    "cli.importing.no_backups": ("没有备份。", "No backups."),
    "cli.importing.confirm_restore": (
        "用备份 {name} 覆盖当前数据库？（当前数据会先备份）",
        "Overwrite the current database with the backup {name}? (The current data is backed up first.)",
    ),
    "cli.importing.restored": ("已恢复 {name}。恢复前的数据已备份为 {safety}。", "Restored {name}. The data before the restore is backed up as {safety}."),
    "cli.importing.init_not_empty": ("数据库中已有数据，未做改动。", "The database already holds data; nothing changed."),
    "cli.importing.init_done": (
        "已建立空数据库：包含市、区、街道、社区的行政区划，可开始导入台账。",
        "Empty database created with the territory (city, districts, streets, communities): the registers can be imported now.",
    ),
    "cli.importing.revision_empty": ("空库", "empty database"),
    "cli.importing.revision_legacy": ("未记录版本（启用迁移之前建立）", "no recorded version (created before migrations)"),
    "cli.importing.migrate_ahead": (
        "数据库的结构版本 {revision} 比本程序新（本程序最新为 {head}），未做任何改动。请改用新版本的程序，或用升级之前的备份恢复。",
        "The database schema {revision} is newer than this program (whose newest is {head}); nothing changed. Use the newer program, or restore the backup taken before the upgrade.",
    ),
    "cli.importing.migrate_failed": ("无法升级数据库结构，未做改动：{detail}", "Cannot upgrade the database schema, nothing changed: {detail}"),
    "cli.importing.migrated": ("数据库结构已升级：{before} -> {after}", "Database schema upgraded: {before} -> {after}"),
    "cli.importing.migrated_backup": (
        "数据库结构已升级：{before} -> {after}。升级前的备份：{name}",
        "Database schema upgraded: {before} -> {after}. Backup taken before the upgrade: {name}",
    ),
    "cli.importing.tables_created": ("已建立表结构：{before} -> {after}", "Tables created: {before} -> {after}"),
    "cli.importing.up_to_date": ("数据库结构已是最新版本（{after}），未做改动。", "The database schema is up to date ({after}); nothing changed."),
}
