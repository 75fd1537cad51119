"""Column spec of the import kind `projects` (党建项目认领, issue 20 §1; checks and writes in
data/importing/projects.py). A claiming unit is named, and created on first use. Kept beside specs.py, which
imports it into SPECS, so that module stays under 400 lines."""

from __future__ import annotations

from data.importing.specs import Column, KindSpec, _code, _coords

PROJECTS = KindSpec("projects", "党建项目认领", ("code",), (
    _code("code", "项目编号", "项目编号，全市唯一", "X440303005-0901", aliases=("编号",)),
    Column("title", "项目名称", "text", True, max_len=96, example="湖景长者助餐点"),
    Column("need", "需求类别", "enum", True, group="need", example="民生服务", aliases=("类别",)),
    _code("region_code", "所在社区编码", "发布项目的社区的统计用区划代码（须已在数据库中）", "440303005001", max_len=24,
          aliases=("社区编码",)),
    Column("status", "状态", "enum", True, group="project_status", example="已完成",
           note="待认领：认领单位、认领日期留空；已认领、实施中：须填认领单位和认领日期；已完成：另须填完成日期"),
    Column("unit_name", "认领单位", "text", max_len=96, example="深圳市示例物业管理有限公司",
           note="单位全称，或党代表工作室名称；新单位须同时填写单位类型"),
    Column("unit_type", "单位类型", "enum", group="unit_type", example="企业",
           note="已在数据库中的单位可留空（沿用原类型）"),
    Column("published_on", "发布日期", "date", True, note="YYYY-MM-DD，不能晚于今天", example="2024-03-01"),
    Column("claimed_on", "认领日期", "date", note="YYYY-MM-DD；不能早于发布日期", example="2024-03-15"),
    Column("completed_on", "完成日期", "date", note="YYYY-MM-DD；不能早于认领日期", example="2024-09-30"),
    Column("beneficiaries", "受益人数", "int", min=0, max=10_000_000, note="直接或间接受益的党员、群众；留空按 0",
           example="60"),
    *_coords("114.14367", "22.59544"),
))
