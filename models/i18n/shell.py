"""Labels of the app shell: sidebar and filters, the error boundary (error.*), the store's state at start-up, login
and access scope."""

from __future__ import annotations

# key: (Chinese, English); models/i18n/__init__.py checks every value is a pair of non-empty texts.
LABELS: dict[str, tuple[str, str]] = {
    "sidebar.filter": ("范围与年度", "Area and year"),
    "sidebar.district": ("区", "District"),
    "sidebar.street": ("街道", "Street"),
    "sidebar.all_city": ("全市", "Whole city"),
    "sidebar.all_streets": ("全部街道", "All streets"),
    "sidebar.year": ("年度", "Year"),
    "sidebar.lang": ("语言 / Language", "语言 / Language"),
    # the error boundary (components/shell/errors.py)
    "error.failed": (
        "“{what}”出现意外错误，未能完整显示。错误编号：{ref}",
        "Something unexpected went wrong in '{what}', so it is not shown in full. Error reference: {ref}",
    ),
    "error.hint": (
        "请刷新页面或换一个筛选条件重试；如果仍然出错，请把错误编号 {ref} 告诉系统管理员（服务器日志中同一编号的一行记有详细原因）。",
        "Reload the page or try other filters; if it happens again, give the error reference {ref} to the "
        "administrator (the line of the server log with the same reference holds the details).",
    ),
    "error.where.sidebar": ("侧边栏", "the sidebar"),
    # store problems
    "store.building": ("正在首次生成示例数据库……", "Building the demo database for the first time…"),
    "store.preparing": ("正在核对汇总数据，请稍候……", "Checking the summary tables, one moment…"),
    "store.built": ("示例数据已生成（{seconds:.1f} 秒）", "Demo data built ({seconds:.1f} s)"),
    "store.step": ("正在生成：{step}", "Building: {step}"),
    "store.corrupt": ("数据库文件已损坏或不是有效的数据库（{detail}）。", "The database file is damaged or not a database ({detail})."),
    "store.corrupt_hint": (
        "可以重建示例数据：原文件将改名保留，以便事后核查。",
        "You can rebuild the demo data: the old file is kept under a new name for inspection.",
    ),
    "store.corrupt_contact": (
        "数据库处于正式模式或无法判断模式，只有系统管理员可以处理：请联系系统管理员（在服务器上运行 python -m data.importing restore <备份名> 恢复备份，或 python -m data.demo --reset 重建示例数据）。",
        "The database is in production mode, or its mode cannot be read, so only the administrator may deal with "
        "it: please contact the administrator (on the server: python -m data.importing restore NAME to restore "
        "a backup, or python -m data.demo --reset to rebuild demo data).",
    ),
    "store.unreachable": ("无法连接数据库（{detail}）。", "Cannot connect to the database ({detail})."),
    "store.unreachable_hint": (
        "请检查环境变量 DATABASE_URL 或 .streamlit/secrets.toml 中的地址，确认数据库服务已启动后刷新页面。",
        "Check DATABASE_URL or the address in .streamlit/secrets.toml, make sure the server is running, then reload.",
    ),
    "store.empty_custom": (
        "数据库中没有数据。请在“数据管理”页面导入台账，或在命令行运行 python -m data.demo --url <地址> 生成示例数据。",
        "The database holds no data. Import registers on the Data page, or run python -m data.demo --url <URL> to build demo data.",
    ),
    "store.rebuild": ("重建示例数据", "Rebuild demo data"),
    "store.rebuilt": ("示例数据已重建，原文件保存为 {backup}", "Demo data rebuilt; the old file was kept as {backup}"),
    "store.migrated": (
        "数据库结构已自动升级到本程序的版本：{before} → {after}。",
        "The database schema was upgraded to this version of the program: {before} → {after}.",
    ),
    "store.migrated_backup": (
        "数据库结构已自动升级到本程序的版本：{before} → {after}。升级前的数据已备份为 {backup}。",
        "The database schema was upgraded to this version of the program: {before} → {after}. The data before the upgrade was backed up as {backup}.",
    ),
    "store.legacy": ("启用版本管理之前建立的结构", "schema from before version tracking"),
    "store.migrate_actor": ("系统（启动时自动升级）", "system (upgrade at start-up)"),
    "store.migrate_failed": (
        "数据库结构升级失败，未做任何改动（{detail}）。",
        "Upgrading the database schema failed; nothing was changed ({detail}).",
    ),
    "store.migrate_failed_hint": (
        "请管理员在命令行运行 python -m data.importing migrate 查看详情。",
        "Ask an administrator to run python -m data.importing migrate for details.",
    ),
    "store.ahead": (
        "数据库的结构版本（{revision}）比本程序新（本程序最新为 {head}）：为免损坏数据，本程序不会打开它。",
        "The database schema ({revision}) is newer than this program (which knows up to {head}); to avoid damaging the data, it will not open it.",
    ),
    "store.ahead_hint": (
        "请改用新版本的程序；如需回到本版本，请用升级之前的备份恢复（python -m data.importing restore 备份名）。",
        "Use the newer version of the program; to come back to this version, restore the backup taken before the upgrade (python -m data.importing restore NAME).",
    ),
    # URL / filter problems
    "filter.unknown_district": (
        "链接中的区“{value}”不存在，已显示全市。",
        "The district “{value}” in the link does not exist; showing the whole city.",
    ),
    "filter.unknown_street": (
        "链接中的街道“{value}”不存在或不属于所选区，已显示上一级范围。",
        "The street “{value}” in the link does not exist or is not in the selected district; showing the level above.",
    ),
    "filter.unknown_value": (
        "链接中的参数 {param} 的值“{value}”无法识别，已显示“{default}”。",
        "The value “{value}” of {param} in the link is not understood; showing “{default}”.",
    ),
    "filter.bad_year": (
        "链接中的年度“{value}”没有数据（可选 {first}–{last} 年），已显示 {last} 年。",
        "The year “{value}” in the link has no data ({first}–{last} available); showing {last}.",
    ),
    "scope.note.aggregate_only": (
        "您是只读观众：本页只显示汇总数字，单个组织、楼宇和党员中心户的明细不显示。",
        "You are a read-only viewer: this page shows aggregate figures only, no single organisations, buildings or member households.",
    ),
    "scope.note.outside": (
        "所选区域不在您的明细权限范围内：这里只显示汇总数字，明细列表为空。",
        "The selected area lies outside your detail scope: aggregate figures only, the detail lists are empty.",
    ),
    "scope.note.partial": (
        "明细列表只含您权限范围内的部分；汇总数字为整个所选区域。",
        "Detail lists hold only the part inside your scope; aggregate figures cover the whole selected area.",
    ),
    "scope.small": ("<3", "<3"),
    "scope.withheld": ("（隐去）", "(withheld)"),
    "scope.marked": ("{name}（{mark}）", "{name} ({mark})"),
    "scope.small_note": (
        "“<3”：少于3个组织（或人员、楼宇），按权限不显示具体数字；“（隐去）”：为防止由合计反推而一并隐去的一项。",
        "“<3”: fewer than 3 organisations (or people, buildings), not shown at your access level; "
        "“(withheld)”: hidden as well so that the small figure cannot be worked out from the total.",
    ),
    "auth.mode.demo": ("演示模式", "Demo mode"),
    "auth.mode.demo_note": ("数据库中是示例数据，无需登录。", "The store holds demo data; no login needed."),
    "auth.mode.formal": ("正式模式", "Live mode"),
    "auth.title": ("登录", "Log in"),
    "auth.caption": ("正式模式：数据库中是导入的台账，请先登录。", "Live mode: the store holds imported registers. Please log in first."),
    "auth.username": ("用户名", "User name"),
    "auth.password": ("密码", "Password"),
    "auth.submit": ("登录", "Log in"),
    "auth.oidc": ("通过统一身份认证登录", "Log in with single sign-on"),
    "auth.empty": ("请输入用户名和密码。", "Enter a user name and a password."),
    "auth.bad_credentials": ("用户名或密码不正确。", "Wrong user name or password."),
    "auth.locked": (
        "登录失败次数过多，账号已锁定，请在 {until} 之后再试（锁定 {minutes} 分钟），或请市级管理员重设密码。",
        "Too many failed logins: the account is locked. Try again after {until} (locked for {minutes} minutes), or ask the city administrator to reset the password.",
    ),
    "auth.disabled": ("该账号已停用，请联系市级管理员。", "This account is disabled. Please contact the city administrator."),
    "auth.no_account": (
        "统一身份认证账号 {email} 没有对应的已启用账号，不能查看数据。请联系市级管理员开通。",
        "The single sign-on identity {email} has no enabled account here and may not see the data. Ask the city administrator for one.",
    ),
    "auth.no_accounts": (
        "还没有任何账号。请在服务器上运行 python -m data.accounts create --username admin --role city_admin 创建首个市级管理员（详见 README）。",
        "There are no accounts yet. On the server, run python -m data.accounts create --username admin --role city_admin to create the first city administrator (see README).",
    ),
    "auth.timeout": (
        "超过 {minutes} 分钟未操作，已自动退出，请重新登录。",
        "Logged out after {minutes} minutes without activity. Please log in again.",
    ),
    "auth.revoked": ("账号已被停用，已退出登录。", "The account was disabled; you have been logged out."),
    "auth.logged_out": ("已退出登录。", "You have logged out."),
    "auth.busy": (
        "数据库正忙（可能正在导入或恢复数据），本次登录未能完成，请稍等片刻后重试。",
        "The store is busy (an import or a restore may be running); the login did not go through. Please try again in a moment.",
    ),
    "auth.ended": ("登录已失效（已在其他窗口退出、密码已重置或已超过有效期），请重新登录。",
                   "The login has ended (logged out in another window, password reset, or expired). Please log in again."),
    "auth.logout": ("退出登录", "Log out"),
    "auth.user": ("{name} · {role}", "{name} · {role}"),
    "auth.admin_only": ("数据管理仅限市级管理员使用。", "Data management is for the city administrator only."),
    "auth.role.city_admin": ("市级管理员", "City administrator"),
    "auth.role.district_leader": ("区级领导", "District leader"),
    "auth.role.street": ("街道", "Street"),
    "auth.role.viewer": ("只读观众", "Read-only viewer"),
}
LABELS.update({
    # the first-start build's steps (components/shell/bootstrap.py), as the user knows the data
    "store.waiting": ("另一位用户正在首次生成示例数据库，请稍候……", "Another visitor is building the demo database; please wait…"),
    "store.waiting_step": ("另一位用户正在首次生成示例数据库，当前步骤：{step}……", "Another visitor is building the demo database; now: {step}…"),
    "store.step.regions": ("行政区划", "districts, streets and communities"),
    "store.step.orgs": ("党组织", "Party organisations"),
    "store.step.orgs_other": ("两新、同乡村等党组织", "non-territorial organisations"),
    "store.step.buildings": ("楼宇与小区", "buildings and compounds"),
    "store.step.centres": ("党群服务中心", "service centres"),
    "store.step.ratings": ("支部评级", "quality grades"),
    "store.step.weak": ("软弱涣散台账", "the weak-organisation register"),
    "store.step.indicators": ("评级指标得分", "indicator scores"),
    "store.step.sums": ("组织人数汇总", "organisation totals"),
    "store.step.team": ("书记与班子队伍", "secretaries and committees"),
    "store.step.committee_scores": ("区属党（工）委考评", "district committee scores"),
    "store.step.volunteers": ("志愿服务", "volunteering"),
    "store.step.hometown": ("同乡村党组织", "hometown organisations"),
    "store.step.standards": ("社区党建标准化考核", "community standardisation checks"),
    "store.step.projects": ("党建项目认领", "claimed Party-building projects"),
    "store.step.done": ("完成", "done"),
})
