"""Labels shared by several pages (app name, navigation, page titles, columns, units, exports, maps, the demo
badge) and the list separators (common.list_separator 、 / ", ", common.or_separator 或 / " or ").
"""

from __future__ import annotations

# key: (Chinese, English); models/i18n/__init__.py checks every value is a pair of non-empty texts.
LABELS: dict[str, tuple[str, str]] = {
    # app shell
    "app.title": ("基层党建驾驶舱", "Grassroots Party-Building Cockpit"),
    "app.subtitle": ("深圳市城市基层党建", "Shenzhen urban grassroots Party-building"),
    "nav.cockpit": ("驾驶舱", "Cockpit"),
    "nav.analysis": ("分析", "Analysis"),
    "nav.admin": ("管理", "Administration"),
    "page.overview": ("总览", "Overview"),
    "demo.badge": ("示例数据", "Demo data"),
    "demo.as_of": ("数据截至 {date}", "Data as of {date}"),
    "demo.note": (
        "本页展示的是按公开报道校准的示例数据，不是真实台账；点位为示意位置。",
        "This page shows demo data calibrated to published reports, not the real registers; positions are illustrative.",
    ),
    "real.as_of": ("数据截至 {date}", "Data as of {date}"),
    "col.name": ("名称", "Name"),
    "col.centres": ("服务中心", "Centres"),
    "col.orgs": ("基层党组织", "Organisations"),
    "col.members": ("党员", "Members"),
    "col.towers": ("20层以上楼宇", "Towers 20+ floors"),
    "col.tower_rate": ("楼宇覆盖率", "Tower coverage"),
    "col.a_share": ("A级占比", "Grade-A share"),
    "col.count": ("数量", "Count"),
    "col.tier": ("层级", "Tier"),
    "col.category": ("类别", "Category"),
    "col.year": ("年度", "Year"),
    "unit.pct_points": ("个百分点", "pp"),
    "page.centres": ("阵地地图", "Service-centre map"),
    "page.buildings": ("楼宇覆盖", "Building coverage"),
    "page.ratings": ("支部评级", "Quality grades"),
    "page.orgs": ("组织架构", "Organisation tree"),
    "page.data_admin": ("数据管理", "Data management"),
    "page.present": ("大屏模式", "Presentation"),
    "export.csv": ("下载 CSV", "Download CSV"),
    "export.xlsx": ("下载 Excel", "Download Excel"),
    "export.empty": ("没有可导出的行。", "No rows to export."),
    "map.basemap.none": ("无底图", "No basemap"),
    "map.basemap.osm": ("OpenStreetMap", "OpenStreetMap"),
    "map.basemap.amap": ("高德地图", "AMap (高德)"),
    "map.tiles_unreachable": (
        "底图无法加载（可能处于离线环境或网络受限），地图仍显示行政区轮廓和点位。",
        "The basemap cannot be loaded (offline or blocked network); outlines and points are still shown.",
    ),
    "map.layer.outlines": ("行政区轮廓", "District outlines"),
    "common.list_separator": ("、", ", "),
    "common.or_separator": ("或", " or "),
    # demo geography (issue 15)
    "map.street.cell": (
        "{street}（示意范围：按街道办位置划分，不是行政边界）",
        "{street} (illustrative area split by the street offices' positions, not an official boundary)",
    ),
    "map.street.boundary": ("{street}（已导入的街道边界）", "{street} (imported street boundary)"),
    "map.layer.street_cells": ("街道范围（示意）", "Street areas (illustrative)"),
    "map.layer.street_boundaries": ("街道边界（已导入）", "Street boundaries (imported)"),
    "map.legend.street_cells": ("街道范围（示意，不是行政边界）", "Street areas (illustrative, not official boundaries)"),
    "map.legend.street_boundaries": ("街道边界（已导入）", "Street boundaries (imported)"),
}
