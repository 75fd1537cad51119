"""Files built from the specs: import templates, the export of each kind, the whole store as a zip.

An exported file is an importable file: same Chinese headers, labels instead of codes, 是/否, WGS-84.
"""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
from sqlalchemy import select
from sqlalchemy.engine import Connection, Engine

from data.exporting import csv_bytes, workbook_bytes, zip_bytes
from data.importing import backup
from data.importing.specs import EXAMPLE_MARK, LABELS, SPECS, KindSpec
from data.importing.store import dataset_info, kind_frame
from models.tables import AuditEntry, Boundary, Region
from models import rules

TYPE_NAMES = {
    "code": "编码（字母、数字、-、_）", "text": "文字", "int": "整数", "float": "数字", "enum": "选项",
    "bool": "是/否", "date": "日期 YYYY-MM-DD", "lon": "经度（十进制度）", "lat": "纬度（十进制度）", "crs": "坐标系",
}
EXPLAIN_HEADERS = ("列名", "必填", "类型", "允许值", "说明", "示例")
DATA_SHEET, EXPLAIN_SHEET = "数据", "说明"


def file_frame(spec: KindSpec, frame: pd.DataFrame) -> pd.DataFrame:
    """Store-form values -> the file as users see it (Chinese headers and labels)."""
    out = {}
    for c in spec.columns:
        if c.type == "crs":
            out[c.header] = frame["lon"].map(lambda v: "" if pd.isna(v) else "WGS-84")
            continue
        s = frame[c.field]
        if c.type == "enum":
            out[c.header] = s.map(lambda v, g=c.group: "" if pd.isna(v) else LABELS[g].get(str(v), str(v)))
        elif c.type == "bool":
            out[c.header] = s.map(lambda v: "是" if bool(v) and not pd.isna(v) else "否")
        elif c.type == "int":
            out[c.header] = pd.to_numeric(s, errors="coerce").astype("Int64")
        elif c.type == "date":
            out[c.header] = s.map(lambda v: "" if pd.isna(v) else str(v)[:10])
        elif c.type in ("float", "lon", "lat"):
            out[c.header] = pd.to_numeric(s, errors="coerce")
        else:
            out[c.header] = s.where(s.notna(), "")
    return pd.DataFrame(out, index=frame.index)


EXAMPLE_NOTE = f"模板第 2 行是示例，以“{EXAMPLE_MARK}”开头：导入时跳过；改成实际数据时删去“{EXAMPLE_MARK}”"


def explanation(spec: KindSpec) -> pd.DataFrame:
    rows = [[c.header, "是" if c.required else "否", TYPE_NAMES[c.type], c.allowed(), c.note, c.example]
            for c in spec.columns]
    rows[0][4] = "；".join(n for n in (rows[0][4], EXAMPLE_NOTE) if n)  # the first column holds the mark
    return pd.DataFrame(rows, columns=list(EXPLAIN_HEADERS))


def _typed(c, text: str) -> object:
    """The example as Excel should hold it: numbers as numbers (codes stay text, keeping leading zeros)."""
    if text and c.type == "int":
        return int(text)
    if text and c.type in ("float", "lon", "lat"):
        return float(text)
    return text


def template_frame(spec: KindSpec) -> pd.DataFrame:
    """Header and one example row, marked in its first cell (EXAMPLE_MARK) so that it is never imported."""
    row = [_typed(c, c.example) for c in spec.columns]
    row[0] = f"{EXAMPLE_MARK}{row[0]}"
    return pd.DataFrame([row], columns=[c.header for c in spec.columns])


def example_rows(spec: KindSpec, raw: pd.DataFrame) -> np.ndarray:
    """Which rows of a file (cells as read) are a template's example row: the first column's cell
    starts with EXAMPLE_MARK."""
    first = raw[spec.columns[0].field].astype(str).str.strip()
    return first.str.startswith(EXAMPLE_MARK).to_numpy(dtype=bool)


def template_xlsx(kind: str) -> bytes:
    spec = SPECS[kind]
    return workbook_bytes({DATA_SHEET: template_frame(spec), EXPLAIN_SHEET: explanation(spec)})


def template_csv(kind: str) -> bytes:
    return csv_bytes(template_frame(SPECS[kind]))


def export_kind(conn: Connection, kind: str) -> pd.DataFrame:
    return file_frame(SPECS[kind], kind_frame(conn, kind))


def boundaries_geojson(conn: Connection) -> dict | None:
    rows = conn.execute(select(Region.code, Region.name, Region.level, Boundary.geometry, Boundary.source)
                        .join(Region, Region.id == Boundary.region_id).order_by(Region.id)).all()
    if not rows:
        return None
    return {"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"code": r.code, "name": r.name, "level": r.level, "source": r.source},
         "geometry": json.loads(r.geometry)} for r in rows]}


def _plain_table(conn: Connection, stmt, headers: dict[str, str]) -> bytes:
    result = conn.execute(stmt)
    df = pd.DataFrame(result.all(), columns=list(result.keys()))
    return csv_bytes(df, headers)


README = """深圳市城市基层党建驾驶舱 · 数据导出（{at}）

以下文件可以直接在“数据管理”页面或命令行（python -m data.importing import <类型> <文件>）重新导入：
  regions.csv    区域（街道、社区、网格）
  orgs.csv       党组织
  centres.csv    党群服务中心
  buildings.csv  楼宇
  ratings.csv    党组织评级
  cases.csv      软弱涣散台账（包点领导、第一书记、整改期限、销号）
  projects.csv   党建项目认领（社区、需求类别、认领单位、状态、日期、受益人数）
  boundaries.geojson  边界（如有）
以下文件仅供查阅：districts.csv（市、区参考数据）、audit.csv（操作记录）、dataset.csv（数据说明）。
CSV 为带 BOM 的 UTF-8 编码，坐标为 WGS-84。数据来源：{origin}。
"""


def database_zip(engine: Engine) -> bytes:
    """Every table as CSV (importable kinds in their import format) plus a README, zipped."""
    files: dict[str, bytes] = {}
    with engine.connect() as conn:
        for kind in SPECS:
            files[f"{kind}.csv"] = csv_bytes(export_kind(conn, kind), safe=False)  # a dump restores byte for byte
        outlines = boundaries_geojson(conn)
        if outlines:
            files["boundaries.geojson"] = json.dumps(outlines, ensure_ascii=False).encode("utf-8")
        files["districts.csv"] = _plain_table(conn, select(Region.code, Region.name, Region.level, Region.lon,
                                                           Region.lat, Region.area_km2, Region.population)
                                              .where(Region.level.in_(("city", "district"))).order_by(Region.id),
                                              {"code": "编码", "name": "名称", "level": "层级", "lon": "经度",
                                               "lat": "纬度", "area_km2": "面积（平方公里）", "population": "常住人口"})
        trail = conn.execute(select(AuditEntry.at, AuditEntry.actor, AuditEntry.action, AuditEntry.detail)
                             .order_by(AuditEntry.id)).all()
        trail = pd.DataFrame([(f"{at.astimezone(backup.CHINA_TZ):%Y-%m-%d %H:%M:%S}", *rest) for at, *rest in trail],
                             columns=["at", "actor", "action", "detail"])  # stored in UTC, read in Beijing time
        files["audit.csv"] = csv_bytes(trail, {"at": "时间（北京时间）", "actor": "操作人", "action": "操作",
                                               "detail": "详情"})
        info = dataset_info(conn)
    files["dataset.csv"] = csv_bytes(pd.DataFrame(sorted(info.items()), columns=["项目", "值"]))
    origin = "示例数据（不是真实台账）" if rules.is_demo(info) else f"导入数据，截至 {info.get('as_of', '—')}"
    readme = README.format(at=backup.now().strftime("%Y-%m-%d %H:%M"), origin=origin)
    return zip_bytes({"README.txt": readme.encode("utf-8-sig"), **files})
