"""The briefing document as Word (.docx, python-docx), A4 PDF (fpdf2, Noto Sans CJK embedded) and Markdown.

Word is what a Chinese government office forwards (简报 with numbered headings); the PDF is for print and
reading on any machine, so it embeds a subset of the CJK font. The font is Debian's fonts-noto-cjk (which
`make test` installs); without it `pdf_bytes` raises FontMissing, whose message the page shows in Chinese
instead of failing, and Word and Markdown are still offered.
"""

from __future__ import annotations

import io
import struct
from pathlib import Path

from data.briefing import Document
from models.i18n import translate

FONT_DIR = Path("/usr/share/fonts/opentype/noto")
FONT = FONT_DIR / "NotoSansCJK-Regular.ttc"
FONT_BOLD = FONT_DIR / "NotoSansCJK-Bold.ttc"
SC = 2  # index of "Noto Sans CJK SC" (Simplified Chinese glyph forms) in the collection
A4_MM = (210, 297)
DOCX_BODY_ZH, DOCX_HEAD_ZH = "宋体", "黑体"  # what Word on Chinese Windows has; WPS maps them too


class FontMissing(RuntimeError):
    """The CJK font the PDF embeds is not installed."""

    def __init__(self, path: Path, lang: str = "zh") -> None:
        super().__init__(translate("briefing.no_font", lang, path=str(path)))
        self.path = path


def png_size(png: bytes) -> tuple[int, int]:
    """(width, height) in pixels from a PNG's IHDR chunk."""
    width, height = struct.unpack(">II", png[16:24])
    return width, height


# --- Word -------------------------------------------------------------------------------------------------

def _east_asian(style, name: str) -> None:
    from docx.oxml.ns import qn

    rpr = style.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = rpr.makeelement(qn("w:rFonts"), {})
        rpr.append(fonts)
    fonts.set(qn("w:eastAsia"), name)


def docx_bytes(doc: Document) -> bytes:
    from docx import Document as Docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Mm, Pt, RGBColor

    d = Docx()
    section = d.sections[0]
    section.page_width, section.page_height = Mm(A4_MM[0]), Mm(A4_MM[1])
    section.left_margin = section.right_margin = Mm(26)
    section.top_margin, section.bottom_margin = Mm(30), Mm(25)
    normal = d.styles["Normal"]
    normal.font.size = Pt(12)
    _east_asian(normal, DOCX_BODY_ZH)
    for name in ("Title", "Heading 1", "Caption"):
        _east_asian(d.styles[name], DOCX_HEAD_ZH if name != "Caption" else DOCX_BODY_ZH)
    d.core_properties.title = doc.title
    d.core_properties.language = "zh-CN" if doc.lang == "zh" else "en-GB"

    title = d.add_heading(doc.title, level=0)
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    stamp = d.add_paragraph(doc.stamp)
    stamp.alignment = WD_ALIGN_PARAGRAPH.CENTER
    if doc.demo:
        run = d.add_paragraph().add_run(doc.demo)
        run.bold = True
        run.font.color.rgb = RGBColor(0xB3, 0x5C, 0x00)
    indent = Pt(24) if doc.lang == "zh" else None  # 首行缩进两字
    for s in doc.sections:
        d.add_heading(s.heading, level=1)
        for text in s.paragraphs:
            p = d.add_paragraph(text)
            p.paragraph_format.first_line_indent = indent
    d.add_heading(doc.problems_heading, level=1)
    table = d.add_table(rows=1, cols=2)
    table.style = "Table Grid"
    head = table.rows[0].cells
    head[0].text, head[1].text = translate("briefing.problem", doc.lang), translate("briefing.count", doc.lang)
    for problem, count in doc.problems:
        cells = table.add_row().cells
        cells[0].text, cells[1].text = problem, count
    if doc.problems_note:
        d.add_paragraph(doc.problems_note)
    if doc.figures:
        d.add_heading(translate("briefing.h_figures", doc.lang), level=1)
        for i, fig in enumerate(doc.figures, start=1):
            d.add_picture(io.BytesIO(fig.png), width=Mm(150))
            d.paragraphs[-1].alignment = WD_ALIGN_PARAGRAPH.CENTER
            cap = d.add_paragraph(translate("briefing.figure", doc.lang, n=i, caption=fig.caption), style="Caption")
            cap.alignment = WD_ALIGN_PARAGRAPH.CENTER
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


# --- PDF --------------------------------------------------------------------------------------------------

def pdf_bytes(doc: Document, *, font: Path = FONT, bold: Path = FONT_BOLD) -> bytes:
    """A4 PDF with the CJK font embedded (subset); FontMissing when the font is not installed."""
    if not Path(font).is_file():
        raise FontMissing(Path(font), doc.lang)
    from fpdf import FPDF

    pdf = FPDF(orientation="portrait", unit="mm", format="A4")
    pdf.set_margins(22, 22, 22)
    pdf.set_auto_page_break(True, margin=20)
    pdf.add_font("cjk", "", str(font), collection_font_number=SC)
    pdf.add_font("cjk", "B", str(bold if Path(bold).is_file() else font), collection_font_number=SC)
    pdf.set_title(doc.title)
    pdf.set_creator(translate("app.title", doc.lang))
    pdf.set_lang("zh-CN" if doc.lang == "zh" else "en")
    pdf.add_page()
    width = pdf.epw

    pdf.set_font("cjk", "B", 17)
    pdf.multi_cell(width, 9, doc.title, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("cjk", "", 9.5)
    pdf.set_text_color(85, 85, 85)
    pdf.multi_cell(width, 6, doc.stamp, align="C", new_x="LMARGIN", new_y="NEXT")
    if doc.demo:
        pdf.ln(1)
        pdf.set_font("cjk", "B", 10)
        pdf.set_text_color(0xB3, 0x5C, 0x00)
        pdf.multi_cell(width, 6, doc.demo, new_x="LMARGIN", new_y="NEXT")
    pdf.set_text_color(26, 26, 26)
    lead = "\u3000\u3000" if doc.lang == "zh" else ""

    def heading(text: str) -> None:
        pdf.ln(3)
        pdf.start_section(text)  # an outline entry (bookmark) per heading
        pdf.set_font("cjk", "B", 13)
        pdf.multi_cell(width, 8, text, new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("cjk", "", 11)

    for s in doc.sections:
        heading(s.heading)
        for text in s.paragraphs:
            pdf.multi_cell(width, 6.6, lead + text, new_x="LMARGIN", new_y="NEXT")
    heading(doc.problems_heading)
    with pdf.table(col_widths=(3, 1), text_align=("LEFT", "RIGHT"), line_height=7, first_row_as_headings=True) as t:
        t.row((translate("briefing.problem", doc.lang), translate("briefing.count", doc.lang)))
        for problem, count in doc.problems:
            t.row((problem, count))
    if doc.problems_note:
        pdf.multi_cell(width, 6.6, doc.problems_note, new_x="LMARGIN", new_y="NEXT")
    if doc.figures:
        heading(translate("briefing.h_figures", doc.lang))
        for i, fig in enumerate(doc.figures, start=1):
            w_px, h_px = png_size(fig.png)
            w = min(width, 160)
            h = w * h_px / w_px
            if h > 200:  # a tall chart: keep it on one page
                w, h = w * 200 / h, 200
            if pdf.get_y() + h + 10 > pdf.page_break_trigger:
                pdf.add_page()
            pdf.image(io.BytesIO(fig.png), x=pdf.l_margin + (width - w) / 2, w=w, h=h)
            pdf.set_font("cjk", "", 9.5)
            pdf.multi_cell(width, 6, translate("briefing.figure", doc.lang, n=i, caption=fig.caption), align="C",
                           new_x="LMARGIN", new_y="NEXT")
            pdf.ln(2)
    return bytes(pdf.output())


# --- Markdown ---------------------------------------------------------------------------------------------

def markdown_text(doc: Document) -> str:
    lines = [f"# {doc.title}", "", f"> {doc.stamp}", ""]
    if doc.demo:
        lines += [f"**{doc.demo}**", ""]
    for s in doc.sections:
        lines += [f"## {s.heading}", ""]
        for text in s.paragraphs:
            lines += [text, ""]
    lines += [f"## {doc.problems_heading}", "",
              f"| {translate('briefing.problem', doc.lang)} | {translate('briefing.count', doc.lang)} |", "|---|---:|"]
    lines += [f"| {p} | {n} |" for p, n in doc.problems]
    lines += [""] + ([doc.problems_note, ""] if doc.problems_note else [])
    if doc.figures:
        lines += [f"## {translate('briefing.h_figures', doc.lang)}", ""]
        lines += [f"- {translate('briefing.figure', doc.lang, n=i, caption=f.caption)}"
                  for i, f in enumerate(doc.figures, start=1)]
        lines += ["", translate("briefing.figures_elsewhere", doc.lang), ""]
    return "\n".join(lines)


def markdown_bytes(doc: Document) -> bytes:
    return markdown_text(doc).encode("utf-8")
