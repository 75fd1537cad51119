"""Texts of the importer (data/importing), shown on 数据管理, printed by the command line, in the error report.

importing.<key>: the Problem/Note keys (data/importing/messages.py), backups (backup_*), file names;
importing.step.*: progress steps. Both sides take the same {placeholders}.
"""

from __future__ import annotations

# key: (Chinese, English); models/i18n/__init__.py checks every value is a pair of non-empty texts.
LABELS: dict[str, tuple[str, str]] = {
    # the file as a whole
    "importing.empty_file": ("文件是空的。", "The file is empty."),
    "importing.not_xlsx": (
        "文件扩展名是 .xlsx，但内容不是 Excel 工作簿（可能是改了扩展名的其他文件）。",
        "The file is named .xlsx but is not an Excel workbook (perhaps another file renamed).",
    ),
    "importing.old_xls": (
        "不支持旧版 Excel（.xls）文件，请在 Excel 中“另存为” .xlsx 或 CSV。",
        "Old Excel files (.xls) are not supported; save it as .xlsx or CSV in Excel.",
    ),
    "importing.bad_xlsx": ("Excel 文件无法读取（{detail}）。", "The Excel file cannot be read ({detail})."),
    "importing.binary": ("文件不是 CSV 文本或 Excel 表格。", "The file is neither CSV text nor an Excel sheet."),
    "importing.bad_encoding": (
        "无法识别文件的文字编码（支持 UTF-8、GBK、GB18030）。",
        "The text encoding is not recognised (UTF-8, GBK and GB18030 are supported).",
    ),
    "importing.no_header": (
        "前 {n} 行中找不到表头，表头应包含：{expected}。",
        "No header row in the first {n} rows; it should contain: {expected}.",
    ),
    "importing.no_rows": ("文件只有表头，没有数据行。", "The file has a header but no data rows."),
    "importing.missing_column": ("缺少必填列“{column}”。", "Required column “{column}” is missing."),
    "importing.duplicate_column": (
        "列“{column}”出现了两次（第 {first} 列和第 {second} 列）。",
        "Column “{column}” appears twice (columns {first} and {second}).",
    ),
    # one cell
    "importing.required": ("必填项为空。", "Required value is empty."),
    "importing.not_number": ("应为数字。", "Should be a number."),
    "importing.not_integer": ("应为整数。", "Should be a whole number."),
    "importing.below_min": ("不能小于 {min}。", "Must not be below {min}."),
    "importing.above_max": ("不能大于 {max}。", "Must not be above {max}."),
    "importing.in_future": ("不能晚于今年（{year} 年）。", "Must not be after this year ({year})."),
    "importing.bad_choice": ("不是允许的值，可选：{choices}。", "Not an allowed value; choose one of: {choices}."),
    "importing.bad_bool": ("应填“是”或“否”。", "Should be 是 (yes) or 否 (no)."),
    "importing.no_elections": ("党小组、党员中心户和党委领导机关不进行换届选举，请留空。",
                               "Groups, member households and leading committees hold no elections: leave it blank."),
    "importing.election_before_founding": ("换届日期早于成立年份。", "The election is dated before the founding year."),
    "importing.deadline_before_opened": ("整改期限早于列入台账的日期。", "The deadline is before the case was opened."),
    "importing.closed_before_opened": ("销号日期早于列入台账的日期。", "The case is closed before it was opened."),
    "importing.date_range_future": ("日期应在 1949-10-01 至 2100-12-31 之间。", "The date should lie between 1949-10-01 and 2100-12-31."),
    "importing.opened_other_year": ("列入日期不在列入年度内。", "The opening date is not in the year entered."),
    "importing.bad_date": ("日期应写成 YYYY-MM-DD，例如 2024-07-01。", "Dates should be written YYYY-MM-DD, e.g. 2024-07-01."),
    "importing.date_range": ("日期应在 1949-10-01 至今天之间。", "The date should lie between 1949-10-01 and today."),
    "importing.too_long": ("超过 {max} 个字符。", "Longer than {max} characters."),
    "importing.bad_code": ("编码只能由字母、数字、短横线和下划线组成。", "Codes may contain only letters, digits, hyphens and underscores."),
    # one row, or rows together
    "importing.coord_pair": ("经度和纬度应同时填写或同时留空。", "Give both longitude and latitude, or neither."),
    "importing.outside_shenzhen": (
        "坐标（{crs}）不在深圳市范围内（经度 {lon_min}–{lon_max}，纬度 {lat_min}–{lat_max}）；请检查经纬度是否填反或坐标系是否选错。",
        "The point ({crs}) is outside Shenzhen (lon {lon_min}–{lon_max}, lat {lat_min}–{lat_max}); check for swapped coordinates or the wrong coordinate system.",
    ),
    "importing.duplicate_key": ("与第 {rows} 行重复（{what}）。", "Duplicates row {rows} ({what})."),
    "importing.parent_missing": (
        "上级编码在文件和数据库中都不存在。",
        "The parent code exists neither in the file nor in the database.",
    ),
    "importing.parent_self": ("上级编码不能是本行自己的编码。", "A row cannot be its own parent."),
    "importing.parent_level": (
        "{level}的上级应为{expected}，而“{value}”是{actual}。",
        "The parent of a {level} should be a {expected}, but “{value}” is a {actual}.",
    ),
    "importing.level_changed": ("该编码已存在且层级为{old}，不能改为{new}。", "This code exists as a {old}; it cannot become a {new}."),
    "importing.region_missing": (
        "区域编码在数据库中不存在（请先导入区域）。",
        "The region code is not in the database (import the regions first).",
    ),
    "importing.region_level": (
        "应位于{expected}，而“{value}”是{actual}。",
        "Should lie in a {expected}, but “{value}” is a {actual}.",
    ),
    "importing.secretary_not_community": (
        "“{value}”不是社区党委：书记队伍和配备登记只收社区党委。",
        "“{value}” is not a community committee: the secretary and staffing registers hold community committees only.",
    ),
    "importing.community_missing": (
        "社区编码在数据库中不存在（请先导入区域）。",
        "The community code is not in the database (import the regions first).",
    ),
    "importing.standard_not_community": (
        "“{value}”不是社区：标准化考核只登记社区。",
        "“{value}” is not a community: the standardisation check is recorded for communities only.",
    ),
    "importing.standard_aspect_unknown": (
        "“{value}”不是标准化建设的方面；可填：{allowed}。",
        "“{value}” is not an aspect of standardisation; allowed (in Chinese as in the template): {allowed}.",
    ),
    "importing.standard_aspects_given": (
        "考核结果为“{result}”，未达标方面应留空。",
        "The result is “{result}”: leave the failed aspects blank.",
    ),
    "importing.standard_aspects_missing": (
        "考核结果为“{result}”，须填写至少一个未达标方面。",
        "The result is “{result}”: name at least one failed aspect.",
    ),
    "importing.standard_date_year": (
        "考核日期不在考核年度 {year} 年内。",
        "The date of the check is not in the year checked ({year}).",
    ),
    "importing.standard_pending_dated": (
        "考核结果为“待考核”，考核日期应留空。",
        "The result is “not yet assessed”: leave the date of the check blank.",
    ),
    "importing.committee_not_ranked": (
        "“{value}”不是区属党(工)委（街道党工委或区直属机关工委）。",
        "“{value}” is not a district-level committee (a street working committee or the district organs' committee).",
    ),
    "importing.tenure_too_early": (
        "任职起始年份早于 18 岁（出生于 {birth} 年）。",
        "The secretary would have taken office before the age of 18 (born {birth}).",
    ),
    "importing.project_open_claimed": ("状态为“待认领”，却填写了认领单位或认领日期。",
                                       "The status is open, but a claiming unit or date is given."),
    "importing.project_no_unit": ("已认领、实施中或已完成的项目须填写认领单位。",
                                  "A claimed, under-way or completed project needs its claiming unit."),
    "importing.project_no_claimed_on": ("已认领、实施中或已完成的项目须填写认领日期。",
                                        "A claimed, under-way or completed project needs its claiming date."),
    "importing.project_no_completed_on": ("状态为“已完成”的项目须填写完成日期。", "A completed project needs its completion date."),
    "importing.project_completed_not_done": ("填写了完成日期，状态却不是“已完成”。",
                                             "A completion date is given, but the status is not completed."),
    "importing.project_claimed_before_published": ("认领日期早于发布日期（{other}）。",
                                                   "The claiming date is before the publication date ({other})."),
    "importing.project_completed_before_claimed": ("完成日期早于认领日期（{other}）。",
                                                   "The completion date is before the claiming date ({other})."),
    "importing.project_unit_type_missing": ("新的认领单位须填写单位类型（党代表、驻区单位、企业、社会组织或党群组织）。",
                                            "A claiming unit new to the database needs its type."),
    "importing.project_unit_type_conflict": ("同一认领单位在本文件中填写了不同的单位类型。",
                                             "The same claiming unit is given different types in this file."),
    "importing.org_missing": (
        "党组织编码在数据库中不存在（请先导入党组织）。",
        "The organisation code is not in the database (import the organisations first).",
    ),
    "importing.parent_required": (
        "除市委、区委外，党组织必须填写上级组织编码。",
        "Every organisation except city and district committees needs a parent code.",
    ),
    "importing.org_parent_level": (
        "上级党组织“{value}”是{actual}，其下只能是{expected}，不能是{level}。",
        "The parent “{value}” is a {actual}; below it may only be a {expected}, not a {level}.",
    ),
    "importing.org_parent_leaf": (
        "上级党组织“{value}”是{actual}，其下不能再有下级组织。",
        "The parent “{value}” is a {actual}, which can have no organisations below it.",
    ),
    "importing.org_children_level": (
        "作为{level}，数据库中它的 {n} 个下级组织（如“{child}”）不能再挂在它下面：请在同一文件中调整这些下级组织的上级。",
        "As a {level} it can no longer hold its {n} child organisations in the database (e.g. “{child}”): move those children in the same file.",
    ),
    "importing.org_parent_district": (
        "上级党组织“{value}”在{parent_district}，而本组织在{district}：上下级组织须在同一个区（区的汇总按组织树计算）。",
        "The parent “{value}” lies in {parent_district} but this organisation lies in {district}: parent and child must be in the same district (district totals sum the tree).",
    ),
    "importing.org_cycle": ("上级组织关系形成循环。", "The parent links form a cycle."),
    "importing.covered_without_org": (
        "填写了覆盖起始年份，但没有填写覆盖党组织编码。",
        "A coverage year is given but no covering organisation.",
    ),
    "importing.composite_mismatch": ("按 40:40:20 计算应为 {expected}。", "The 40:40:20 composite is {expected}."),
    "importing.grade_mismatch": (
        "综合得分 {composite} 对应 {expected} 级。",
        "A composite of {composite} means grade {expected}.",
    ),
    "importing.leadership_rating": (
        "党委领导机关（市委、区委、街道党工委）不参加分类定级。",
        "Leading bodies (city, district and street committees) are not graded.",
    ),
    "importing.tier_region": (
        "{tier}服务中心应位于{expected}级区域，而“{value}”是{actual}。",
        "A {tier} centre should lie in a {expected} region, but “{value}” is a {actual}.",
    ),
    # GeoJSON
    "importing.at_line": ("第 {line} 行：{detail}", "line {line}: {detail}"),
    "importing.bad_json": ("不是有效的 GeoJSON（{detail}）。", "Not valid GeoJSON ({detail})."),
    "importing.not_features": (
        "GeoJSON 应为 FeatureCollection 或 Feature。",
        "GeoJSON should be a FeatureCollection or a Feature.",
    ),
    "importing.no_features": ("GeoJSON 中没有要素。", "The GeoJSON has no features."),
    "importing.feature_no_code": (
        "要素缺少区域编码属性（code、编码、adcode 之一）或可唯一识别的名称。",
        "The feature lacks a region code property (code, 编码 or adcode) or a unique name.",
    ),
    "importing.geometry_type": ("几何类型应为 Polygon 或 MultiPolygon。", "The geometry should be a Polygon or MultiPolygon."),
    "importing.bad_ring": ("多边形的环至少需要 4 个坐标点。", "A polygon ring needs at least 4 positions."),
    "importing.bad_coordinates": ("坐标不是数字对。", "Coordinates are not pairs of numbers."),
    "importing.projected": (
        "坐标不是经纬度（可能是投影坐标），请导出为 WGS-84 或 GCJ-02 经纬度。",
        "Coordinates are not longitude/latitude (projected?); export as WGS-84 or GCJ-02 degrees.",
    ),
    "importing.unsupported_crs": (
        "GeoJSON 声明的坐标系不受支持，需要 WGS-84（CRS84、EPSG:4326）。",
        "The declared coordinate system is not supported; WGS-84 (CRS84, EPSG:4326) is needed.",
    ),
    # writing
    "importing.store_changed": (
        "预览之后数据库已被修改，请重新上传并预览。",
        "The database changed after the preview; upload and preview again.",
    ),
    "importing.store_busy": (
        "数据库正忙（可能有另一项导入正在进行），请稍后再试。",
        "The database is busy (perhaps another import is running); try again shortly.",
    ),
    "importing.store_ahead": (
        "数据库的结构版本（{revision}）比本程序新，本程序不能写入：请先升级程序。",
        "The database schema ({revision}) is newer than this program, which must not write to it: upgrade the program first.",
    ),
    # bounds of a file (models/import_limits.py)
    "importing.limit_file": (
        "文件太大（{size} MB），超过导入上限 {limit} MB：请按区或按街道拆分成几个文件分别导入。",
        "The file is too large ({size} MB), above the import limit of {limit} MB: split it by district or street and import the parts.",
    ),
    "importing.limit_xlsx_size": (
        "Excel 文件解压后有 {size} MB，超过上限 {limit} MB：请删除多余的工作表和空白格式，或另存为 CSV 后再导入。",
        "The Excel file unpacks to {size} MB, above the limit of {limit} MB: delete extra sheets and blank formatting, or save it as CSV and import that.",
    ),
    "importing.limit_xlsx_ratio": (
        "Excel 文件中的“{part}”解压后有 {size} MB，是压缩大小的 {ratio} 倍以上，不像正常的表格（可能是大量空白格式或恶意文件）：请另存为 CSV 后再导入。",
        "The part “{part}” of the Excel file unpacks to {size} MB, more than {ratio} times its packed size, unlike a normal sheet (much blank formatting, or a malicious file): save it as CSV and import that.",
    ),
    "importing.limit_rows": (
        "文件的数据超过 {limit} 行的上限：请拆分成几个文件分别导入。",
        "The file has more than the limit of {limit} data rows: split it into several files.",
    ),
    "importing.limit_columns": (
        "第 {row} 行有 {n} 列，超过 {limit} 列的上限：请删除多余的列后再导入。",
        "Row {row} has {n} columns, above the limit of {limit}: delete the extra columns and import again.",
    ),
    "importing.limit_cell": (
        "第 {row} 行 {column} 列的内容有 {n} 个字符，超过单元格 {limit} 个字符的上限（Excel 的上限）：常见原因是这一格有未闭合的引号，后面的内容都被读进了这一格。",
        "The cell in row {row}, column {column} holds {n} characters, above the limit of {limit} per cell (Excel's limit): usually a quote opened in this cell is never closed, so the rest of the file was read into it.",
    ),
    "importing.formula_no_value": (
        "单元格 {cell} 是公式，但文件里没有保存计算结果（通常是程序生成、未经 Excel 打开保存的文件），按原样会读成空白：请在 Excel 中打开并保存后再导入，或把公式换成数值。",
        "Cell {cell} holds a formula but the file stores no result for it (usually a file written by a program and never opened and saved in Excel), so it would read as blank: open and save it in Excel, or replace the formula by its value.",
    ),
    "importing.formula_no_value_more": (
        "另有 {n} 个公式单元格没有保存计算结果（同上，未逐个列出）。",
        "{n} more formula cells store no result (as above, not listed one by one).",
    ),
    # faults of the disk or the database (data/importing/faults.py)
    "importing.fault_disk_full": (
        "磁盘空间不足，无法写入数据库或备份：请清理磁盘（或删除较早的备份）后再试。",
        "The disk is full; the database or the backup cannot be written: free some space (or delete older backups) and try again.",
    ),
    "importing.fault_read_only": (
        "数据库文件或备份文件夹是只读的（或没有写入权限）：请管理员检查文件夹权限后再试。",
        "The database file or the backup folder is read-only (or not writable by this program): ask the administrator to check the folder's permissions.",
    ),
    "importing.fault_io": (
        "读写数据库文件时发生磁盘错误：请稍后再试；如果反复出现，请管理员检查磁盘。",
        "A disk error occurred while reading or writing the database file: try again shortly; if it recurs, ask the administrator to check the disk.",
    ),
    "importing.fault_damaged": (
        "数据库文件已损坏：请管理员用命令行恢复最近的备份。",
        "The database file is damaged: ask the administrator to restore the latest backup from the command line.",
    ),
    "importing.fault_store": (
        "数据库拒绝了这次写入：请稍后再试；如果反复出现，请管理员查看服务器日志。",
        "The database refused this write: try again shortly; if it recurs, ask the administrator to read the server log.",
    ),
    "importing.fault_unreachable": (
        "连接不上数据库：请稍后再试，或请管理员检查数据库服务。",
        "The database cannot be reached: try again shortly, or ask the administrator to check the database server.",
    ),
    "importing.backup_failed": ("备份没有完成，数据库未改变：{reason}", "The backup did not complete and the database is unchanged: {reason}"),
    "importing.restore_failed": ("恢复没有完成，数据库未改变：{reason}", "The restore did not complete and the database is unchanged: {reason}"),
    # notes shown with the preview
    "importing.note_read": (
        "已读取 {format}（编码 {encoding}），表头在第 {header_row} 行，数据 {rows} 行。",
        "Read {format} (encoding {encoding}); header on row {header_row}, {rows} data rows.",
    ),
    "importing.note_read_xlsx": (
        "已读取 Excel 工作表“{sheet}”，表头在第 {header_row} 行，数据 {rows} 行。",
        "Read Excel sheet “{sheet}”; header on row {header_row}, {rows} data rows.",
    ),
    "importing.note_ignored": ("已忽略不认识的列：{columns}。", "Ignored unknown columns: {columns}."),
    "importing.note_no_date": (
        "{n} 行没有填写{column}，这些记录视为各年度均已存在：计入每个年度的统计，不计入同比变化。",
        "{n} rows have no {column}; they count as present in every year: in each year's figures, never as a change on the year before.",
    ),
    "importing.note_no_cover_year": (
        "{n} 行有覆盖党组织但没有填写覆盖起始年份，这些楼宇视为各年度均已覆盖：计入每个年度的覆盖率，不计入同比变化。",
        "{n} rows have a covering organisation but no coverage year; they count as covered in every year, never as a change on the year before.",
    ),
    "importing.note_crs": ("坐标按 {crs} 读取，已转换为 WGS-84 存储。", "Coordinates read as {crs} and stored as WGS-84."),
    # backups (data/importing/backup.py)
    "importing.backup_postgres": (
        "当前数据库是 PostgreSQL：本程序不做备份，也不能从这里恢复；备份与恢复由数据库管理员用 PostgreSQL 自身的工具负责（如 pg_dump / pg_restore，或基础备份加时间点恢复）。",
        "The database is PostgreSQL: this program takes no backups and cannot restore from here; the database administrator backs up and restores with PostgreSQL's own tools (e.g. pg_dump / pg_restore, or base backups with point-in-time recovery).",
    ),
    "importing.backup_not_a_file": (
        "当前数据库不是 SQLite 文件：本程序不做备份，请使用数据库自身的备份工具。",
        "The database is not a SQLite file: this program takes no backups; use the database's own backup tools.",
    ),
    "importing.backup_invalid": ("备份文件 {name} 不是有效的数据库文件。", "The backup file {name} is not a valid database file."),
    "importing.backup_damaged": ("备份文件 {name} 已损坏或不完整。", "The backup file {name} is damaged or incomplete."),
    "importing.backup_missing": ("找不到备份 {name}。", "There is no backup named {name}."),
    # names of the files the 数据管理 page and the command line write
    "importing.template_stem": ("{title}导入模板", "{title}-import-template"),
    "importing.export_file": ("基层党建数据导出-{date}.zip", "party-building-export-{date}.zip"),
    # progress steps of a check and an import (the page's bar and the command line)
    "importing.step.read": ("读取文件", "Reading the file"),
    "importing.step.check_format": ("检查格式", "Checking the format"),
    "importing.step.check_references": ("检查引用", "Checking references"),
    "importing.step.compare": ("比较现有数据", "Comparing with the stored data"),
    "importing.step.done": ("完成", "Done"),
    "importing.step.lock": ("锁定数据库", "Locking the database"),
    "importing.step.backup": ("备份数据库", "Backing up the database"),
    "importing.step.write": ("写入", "Writing"),
    "importing.step.insert_rows": ("写入 {table} {done}/{total}", "Writing {table} {done}/{total}"),
    "importing.step.update_rows": ("更新 {table} {done}/{total}", "Updating {table} {done}/{total}"),
    "importing.step.rollup": ("汇总组织树", "Summing up the organisation tree"),
    "importing.step.commit": ("提交", "Committing"),
    # demo geography (issue 15)
    "importing.only_example": (
        "文件中只有模板自带的示例行（第一格以“【示例】”开头），没有要导入的数据：请删除示例行，填写实际数据后再导入。",
        "The file holds only the template's example row (its first cell starts with “【示例】”) and no data: delete the example row, fill in the data and import again.",
    ),
    "importing.note_example_skipped": (
        "第 {rows} 行是模板自带的示例行（第一格以“【示例】”开头），已跳过，不会导入。",
        "Row {rows} is the template's example row (its first cell starts with “【示例】”); it was skipped and is not imported.",
    ),
    "importing.note_outside_district": (
        "第 {row} 行“{column}”：坐标不在所在区域（{region}）所属的{district}范围内，请核对坐标或所在区域编码；该行仍可导入。",
        "Row {row}, “{column}”: the point lies outside {district}, the district of its region ({region}); check the coordinates or the region code. The row can still be imported.",
    ),
    "importing.note_outside_district_more": (
        "另有 {n} 行的坐标不在所属区的范围内（同上，未逐行列出）。",
        "{n} more rows lie outside their district (as above, not listed one by one).",
    ),
}
LABELS.update({
    # what a progress step names instead of a table (importing.step.*_rows)
    "importing.table.region": ("区域", "regions"),
    "importing.table.partyorg": ("党组织", "organisations"),
    "importing.table.servicecenter": ("党群服务中心", "service centres"),
    "importing.table.building": ("楼宇", "buildings"),
    "importing.table.rating": ("评级", "grades"),
    "importing.table.boundary": ("边界", "boundaries"),
    "importing.table.indicatorscore": ("指标得分", "indicator scores"),
    "importing.table.weakorgcase": ("软弱涣散台账", "weak-organisation cases"),
    "importing.table.secretary": ("书记", "secretaries"),
    "importing.table.committeestaffing": ("社区班子配备", "committee staffing"),
    "importing.table.committeescore": ("党(工)委考核得分", "committee scores"),
    "importing.table.volunteeryear": ("志愿服务", "volunteer service"),
    "importing.table.hometownorg": ("同乡村组织", "hometown organisations"),
    "importing.table.standardcheck": ("标准化考核结果", "standardisation results"),
    "importing.table.claimunit": ("认领单位", "claiming units"),
    "importing.table.partyproject": ("党建认领项目", "claimed projects"),
})
