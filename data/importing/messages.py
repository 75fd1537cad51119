"""Texts of import problems and notes, Chinese and English with the same keys.

They live here rather than in components/i18n.py because the command line and the downloadable
error report produce them without Streamlit. A test checks that both languages have the same keys.
"""

from __future__ import annotations

from dataclasses import dataclass, field

ZH: dict[str, str] = {
    # the file as a whole
    "empty_file": "文件是空的。",
    "not_xlsx": "文件扩展名是 .xlsx，但内容不是 Excel 工作簿（可能是改了扩展名的其他文件）。",
    "old_xls": "不支持旧版 Excel（.xls）文件，请在 Excel 中“另存为” .xlsx 或 CSV。",
    "bad_xlsx": "Excel 文件无法读取（{detail}）。",
    "binary": "文件不是 CSV 文本或 Excel 表格。",
    "bad_encoding": "无法识别文件的文字编码（支持 UTF-8、GBK、GB18030）。",
    "no_header": "前 {n} 行中找不到表头，表头应包含：{expected}。",
    "no_rows": "文件只有表头，没有数据行。",
    "missing_column": "缺少必填列“{column}”。",
    "duplicate_column": "列“{column}”出现了两次（第 {first} 列和第 {second} 列）。",
    # one cell
    "required": "必填项为空。",
    "not_number": "应为数字。",
    "not_integer": "应为整数。",
    "below_min": "不能小于 {min}。",
    "above_max": "不能大于 {max}。",
    "in_future": "不能晚于今年（{year} 年）。",
    "bad_choice": "不是允许的值，可选：{choices}。",
    "bad_bool": "应填“是”或“否”。",
    "bad_date": "日期应写成 YYYY-MM-DD，例如 2024-07-01。",
    "date_range": "日期应在 1949-10-01 至今天之间。",
    "too_long": "超过 {max} 个字符。",
    "bad_code": "编码只能由字母、数字、短横线和下划线组成。",
    # one row, or rows together
    "coord_pair": "经度和纬度应同时填写或同时留空。",
    "outside_shenzhen": "坐标（{crs}）不在深圳市范围内（经度 {lon_min}–{lon_max}，纬度 {lat_min}–{lat_max}）；请检查经纬度是否填反或坐标系是否选错。",
    "duplicate_key": "与第 {rows} 行重复（{what}）。",
    "parent_missing": "上级编码在文件和数据库中都不存在。",
    "parent_self": "上级编码不能是本行自己的编码。",
    "parent_level": "{level}的上级应为{expected}，而“{value}”是{actual}。",
    "level_changed": "该编码已存在且层级为{old}，不能改为{new}。",
    "region_missing": "区域编码在数据库中不存在（请先导入区域）。",
    "region_level": "应位于{expected}，而“{value}”是{actual}。",
    "org_missing": "党组织编码在数据库中不存在（请先导入党组织）。",
    "parent_required": "除市委、区委外，党组织必须填写上级组织编码。",
    "org_cycle": "上级组织关系形成循环。",
    "covered_without_org": "填写了覆盖起始年份，但没有填写覆盖党组织编码。",
    "composite_mismatch": "按 40:40:20 计算应为 {expected}。",
    "grade_mismatch": "综合得分 {composite} 对应 {expected} 级。",
    "leadership_rating": "党委领导机关（市委、区委、街道党工委）不参加分类定级。",
    "tier_region": "{tier}服务中心应位于{expected}级区域，而“{value}”是{actual}。",
    # GeoJSON
    "bad_json": "不是有效的 GeoJSON（{detail}）。",
    "not_features": "GeoJSON 应为 FeatureCollection 或 Feature。",
    "no_features": "GeoJSON 中没有要素。",
    "feature_no_code": "要素缺少区域编码属性（code、编码、adcode 之一）或可唯一识别的名称。",
    "geometry_type": "几何类型应为 Polygon 或 MultiPolygon。",
    "bad_ring": "多边形的环至少需要 4 个坐标点。",
    "bad_coordinates": "坐标不是数字对。",
    "projected": "坐标不是经纬度（可能是投影坐标），请导出为 WGS-84 或 GCJ-02 经纬度。",
    "unsupported_crs": "GeoJSON 声明的坐标系不受支持，需要 WGS-84（CRS84、EPSG:4326）。",
    # writing
    "store_changed": "预览之后数据库已被修改，请重新上传并预览。",
    "store_busy": "数据库正忙（可能有另一项导入正在进行），请稍后再试。",
    "store_ahead": "数据库的结构版本（{revision}）比本程序新，本程序不能写入：请先升级程序。",
    # notes shown with the preview
    "note_read": "已读取 {format}（编码 {encoding}），表头在第 {header_row} 行，数据 {rows} 行。",
    "note_read_xlsx": "已读取 Excel 工作表“{sheet}”，表头在第 {header_row} 行，数据 {rows} 行。",
    "note_ignored": "已忽略不认识的列：{columns}。",
    "note_no_date": "{n} 行没有填写{column}，这些记录视为各年度均已存在：计入每个年度的统计，不计入同比变化。",
    "note_no_cover_year": "{n} 行有覆盖党组织但没有填写覆盖起始年份，这些楼宇视为各年度均已覆盖：计入每个年度的覆盖率，不计入同比变化。",
    "note_crs": "坐标按 {crs} 读取，已转换为 WGS-84 存储。",
}

EN: dict[str, str] = {
    "empty_file": "The file is empty.",
    "not_xlsx": "The file is named .xlsx but is not an Excel workbook (perhaps another file renamed).",
    "old_xls": "Old Excel files (.xls) are not supported; save it as .xlsx or CSV in Excel.",
    "bad_xlsx": "The Excel file cannot be read ({detail}).",
    "binary": "The file is neither CSV text nor an Excel sheet.",
    "bad_encoding": "The text encoding is not recognised (UTF-8, GBK and GB18030 are supported).",
    "no_header": "No header row in the first {n} rows; it should contain: {expected}.",
    "no_rows": "The file has a header but no data rows.",
    "missing_column": "Required column “{column}” is missing.",
    "duplicate_column": "Column “{column}” appears twice (columns {first} and {second}).",
    "required": "Required value is empty.",
    "not_number": "Should be a number.",
    "not_integer": "Should be a whole number.",
    "below_min": "Must not be below {min}.",
    "above_max": "Must not be above {max}.",
    "in_future": "Must not be after this year ({year}).",
    "bad_choice": "Not an allowed value; choose one of: {choices}.",
    "bad_bool": "Should be 是 (yes) or 否 (no).",
    "bad_date": "Dates should be written YYYY-MM-DD, e.g. 2024-07-01.",
    "date_range": "The date should lie between 1949-10-01 and today.",
    "too_long": "Longer than {max} characters.",
    "bad_code": "Codes may contain only letters, digits, hyphens and underscores.",
    "coord_pair": "Give both longitude and latitude, or neither.",
    "outside_shenzhen": "The point ({crs}) is outside Shenzhen (lon {lon_min}–{lon_max}, lat {lat_min}–{lat_max}); check for swapped coordinates or the wrong coordinate system.",
    "duplicate_key": "Duplicates row {rows} ({what}).",
    "parent_missing": "The parent code exists neither in the file nor in the database.",
    "parent_self": "A row cannot be its own parent.",
    "parent_level": "The parent of a {level} should be a {expected}, but “{value}” is a {actual}.",
    "level_changed": "This code exists as a {old}; it cannot become a {new}.",
    "region_missing": "The region code is not in the database (import the regions first).",
    "region_level": "Should lie in a {expected}, but “{value}” is a {actual}.",
    "org_missing": "The organisation code is not in the database (import the organisations first).",
    "parent_required": "Every organisation except city and district committees needs a parent code.",
    "org_cycle": "The parent links form a cycle.",
    "covered_without_org": "A coverage year is given but no covering organisation.",
    "composite_mismatch": "The 40:40:20 composite is {expected}.",
    "grade_mismatch": "A composite of {composite} means grade {expected}.",
    "leadership_rating": "Leading bodies (city, district and street committees) are not graded.",
    "tier_region": "A {tier} centre should lie in a {expected} region, but “{value}” is a {actual}.",
    "bad_json": "Not valid GeoJSON ({detail}).",
    "not_features": "GeoJSON should be a FeatureCollection or a Feature.",
    "no_features": "The GeoJSON has no features.",
    "feature_no_code": "The feature lacks a region code property (code, 编码 or adcode) or a unique name.",
    "geometry_type": "The geometry should be a Polygon or MultiPolygon.",
    "bad_ring": "A polygon ring needs at least 4 positions.",
    "bad_coordinates": "Coordinates are not pairs of numbers.",
    "projected": "Coordinates are not longitude/latitude (projected?); export as WGS-84 or GCJ-02 degrees.",
    "unsupported_crs": "The declared coordinate system is not supported; WGS-84 (CRS84, EPSG:4326) is needed.",
    "store_changed": "The database changed after the preview; upload and preview again.",
    "store_busy": "The database is busy (perhaps another import is running); try again shortly.",
    "store_ahead": "The database schema ({revision}) is newer than this program, which must not write to it: upgrade the program first.",
    "note_read": "Read {format} (encoding {encoding}); header on row {header_row}, {rows} data rows.",
    "note_read_xlsx": "Read Excel sheet “{sheet}”; header on row {header_row}, {rows} data rows.",
    "note_ignored": "Ignored unknown columns: {columns}.",
    "note_no_date": "{n} rows have no {column}; they count as present in every year: in each year's figures, never as a change on the year before.",
    "note_no_cover_year": "{n} rows have a covering organisation but no coverage year; they count as covered in every year, never as a change on the year before.",
    "note_crs": "Coordinates read as {crs} and stored as WGS-84.",
}

CATALOGUE = {"zh": ZH, "en": EN}
# Headers of the error report written by the command line (the page takes its own from components/i18n.py).
REPORT_HEADERS = {
    "zh": {"row": "行号", "column": "列", "value": "值", "reason": "问题"},
    "en": {"row": "Row", "column": "Column", "value": "Value", "reason": "Problem"},
}


def text(key: str, lang: str = "zh", **params: object) -> str:
    template = CATALOGUE.get(lang, ZH).get(key) or ZH[key]
    return template.format(**params) if params else template


@dataclass(frozen=True)
class Problem:
    """One reason a file cannot be imported; row is the row number as in the file (None: the whole file)."""

    key: str
    row: int | None = None
    column: str = ""
    value: str = ""
    params: dict = field(default_factory=dict, hash=False, compare=False)

    def text(self, lang: str = "zh") -> str:
        return text(self.key, lang, **self.params)


@dataclass(frozen=True)
class Note:
    """Something the user should know about an importable file (not an error)."""

    key: str
    params: dict = field(default_factory=dict, hash=False, compare=False)

    def text(self, lang: str = "zh") -> str:
        return text(self.key, lang, **self.params)


class ImportRejected(Exception):
    """Raised with the problems that stop a file; nothing has been written."""

    def __init__(self, problems: list[Problem]):
        super().__init__(problems[0].text() if problems else "rejected")
        self.problems = problems
