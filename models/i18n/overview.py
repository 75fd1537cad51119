"""Labels of the 总览 page (pages/overview.py)."""

from __future__ import annotations

# key: (Chinese, English); models/i18n/__init__.py checks every value is a pair of non-empty texts.
LABELS: dict[str, tuple[str, str]] = {
    # overview
    "overview.title": ("总览", "Overview"),
    "overview.caption": ("{area} · {year} 年 · 与上年比较", "{area} · {year} · compared with the year before"),
    "overview.centres_total": ("党群服务中心", "Service centres"),
    "overview.centres_tiers": (
        "其中 市级 {city} · 区级 {district} · 其他 {n}",
        "city {city} · district {district} · other {n}",
    ),
    "overview.orgs": ("基层党组织", "Grassroots organisations"),
    "overview.members": ("党员", "Party members"),
    "overview.tower_rate": ("20层以上商务楼宇党组织覆盖率", "Towers of 20+ floors covered"),
    "overview.a_share": ("A 级党组织占比", "Grade-A organisations"),
    "overview.by_tier": ("党群服务中心（1+10+N）", "Service centres (1+10+N)"),
    "overview.by_category": ("基层党组织（按类别）", "Grassroots organisations by category"),
    "overview.ranking_district": ("各区比较", "Districts compared"),
    "overview.ranking_street": ("各街道比较", "Streets compared"),
    "overview.no_towers": ("无20层以上楼宇", "No towers of 20+ floors"),
    "overview.empty": ("所选范围内没有数据。", "No data in the selected area."),
}
