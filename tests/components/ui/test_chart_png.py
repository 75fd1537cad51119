"""A chart as a PNG with its title, area, year and source drawn in; built on click and audited."""

from __future__ import annotations

import contextlib
import io

import pandas as pd
from PIL import Image

from components.loaders.audit import Recorder
from components.ui import chart_png, charts
from data.exporting import ExportContext

TIERS = pd.DataFrame({"tier": ["city", "district", "street", "community"], "now": [1, 10, 74, 965]})
CONTEXT = ExportContext(page="总览", area="罗湖区", year=2025, as_of="2025-12-31", demo=True)


def test_the_title_block_names_area_year_demo_and_source():
    spec = chart_png.titled_spec(charts.tier_bars(TIERS), title="党群服务中心（1+10+N）", context=CONTEXT)
    assert spec["title"]["text"] == "党群服务中心（1+10+N）"
    where, source = spec["title"]["subtitle"]
    assert where == "罗湖区 · 2025 年 · 示例数据"
    assert source.startswith("来源：基层党建驾驶舱 · 数据截至 2025-12-31 · 生成于 ")
    assert isinstance(spec["width"], int) and spec["config"]["font"] == chart_png.FONT


def test_button_builds_a_png_on_click_and_audits_it(monkeypatch):
    offered, audited = {}, []

    def download_button(label, data, file_name, **kwargs):
        offered.update(label=label, data=data, name=file_name, on_click=kwargs.get("on_click"))

    monkeypatch.setattr(chart_png.st, "download_button", download_button)
    record = Recorder(lambda f, n: audited.append((f, n)), CONTEXT)
    chart_png.button(charts.tier_bars(TIERS), title="党群服务中心（1+10+N）", key="overview.tiers", record=record)
    assert offered["name"] == "罗湖区_党群服务中心（1+10+N）_2025_示例数据.png"
    assert audited == []  # nothing built before the click
    body = offered["data"]()
    with Image.open(io.BytesIO(body)) as image:
        assert image.format == "PNG" and image.width >= 600
    assert audited == [(offered["name"], None)]


def test_briefing_downloads_are_audited(monkeypatch):
    from components.present import written
    from data.briefing import Document

    offered, audited = [], []

    class FakeSt:
        def caption(self, *_a, **_k): pass
        def warning(self, *_a, **_k): pass
        def container(self, **_k): return contextlib.nullcontext()
        def download_button(self, label, data, file_name, **_k): offered.append((file_name, data))

    monkeypatch.setattr(written, "st", FakeSt())
    doc = Document("zh", "t", "s", None, (), "h", (), None)
    files = written.Files(doc, b"docx", b"pdf", b"md", None, 1.0, 0.5)
    written.offer(files, Recorder(lambda f, n: audited.append(f), CONTEXT), key="overview")
    assert [n for n, _ in offered] == ["罗湖区_基层党建简报_2025_示例数据.docx", "罗湖区_基层党建简报_2025_示例数据.pdf",
                                       "罗湖区_基层党建简报_2025_示例数据.md"]
    assert [data() for _, data in offered] == [b"docx", b"pdf", b"md"]
    assert audited == [n for n, _ in offered]
