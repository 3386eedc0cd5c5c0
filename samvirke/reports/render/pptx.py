"""The status report as an editable PowerPoint deck: native tables and native charts.

Overflow rule (tests check every slide with the same numbers): slides are 13.333 × 7.5 in;
the body area is 12.13 × 5.65 in at 16 pt with 1.2 line spacing, so it holds 21 lines;
a paragraph of n characters takes ceil(n / 95) lines (95 characters of 16 pt text, at an
average glyph width of 0.55 em, fill 12.13 in with room to spare). Content is packed into
at most 17 lines a slide (a margin for headings' spacing and renderers' differences),
and the rest flows onto continuation slides ("… (forts.)").
Tables take 0.4 in a row and hold at most 12 rows a slide.
"""

from __future__ import annotations

import io
import math

from django.utils.translation import gettext as _
from django.utils.translation import override
from pptx import Presentation
from pptx.chart.data import CategoryChartData
from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_CHART_TYPE, XL_LEGEND_POSITION
from pptx.util import Emu, Inches, Pt

from samvirke.lib.spreadsheet import neutralise
from samvirke.reports.content import Chart, Section, StatusReport, Table

SLIDE_W, SLIDE_H = Inches(13.333), Inches(7.5)
BODY_LEFT, BODY_TOP, BODY_W, BODY_H = Inches(0.6), Inches(1.45), Inches(12.13), Inches(5.65)
FONT_PT = 16
CHARS_PER_LINE = 95
MAX_LINES = 17
ROW_H = Inches(0.4)
MAX_TABLE_ROWS = 12
INK, ACCENT, SUBTLE = (
    RGBColor(0x1E, 0x2B, 0x3C),
    RGBColor(0x00, 0x62, 0xBA),
    RGBColor(0x4A, 0x58, 0x68),
)


def lines_of(text: str) -> int:
    """How many body lines a paragraph takes by the overflow rule."""
    return max(1, math.ceil(len(text) / CHARS_PER_LINE))


def render(report: StatusReport) -> bytes:
    with override(report.language):
        deck = Presentation()
        deck.slide_width, deck.slide_height = SLIDE_W, SLIDE_H
        _title_slide(deck, report)
        for section in report.sections:
            _section(deck, section)
        deck.core_properties.title = f"{report.organisation}: {report.title}"
        deck.core_properties.language = report.language
        out = io.BytesIO()
        deck.save(out)
        return out.getvalue()


def _title_slide(deck, report: StatusReport) -> None:
    slide = deck.slides.add_slide(deck.slide_layouts[6])
    band = slide.shapes.add_shape(1, 0, 0, SLIDE_W, Inches(7.5))
    band.fill.solid()
    band.fill.fore_color.rgb = ACCENT
    band.line.fill.background()
    _text(
        slide,
        report.organisation,
        Inches(0.9),
        Inches(2.4),
        Inches(11.5),
        Inches(0.8),
        24,
        RGBColor(0xFF, 0xFF, 0xFF),
    )
    _text(
        slide,
        report.title,
        Inches(0.9),
        Inches(3.2),
        Inches(11.5),
        Inches(1.2),
        44,
        RGBColor(0xFF, 0xFF, 0xFF),
        bold=True,
    )


def _new_slide(deck, title: str):
    slide = deck.slides.add_slide(deck.slide_layouts[5])  # "Title Only": a real title
    shape = slide.shapes.title
    shape.left, shape.top, shape.width, shape.height = (
        Inches(0.6),
        Inches(0.35),
        Inches(12.13),
        Inches(0.9),
    )
    shape.text = title
    paragraph = shape.text_frame.paragraphs[0]
    paragraph.font.size, paragraph.font.bold, paragraph.font.color.rgb = Pt(30), True, INK
    paragraph.alignment = 1  # left
    return slide


def _section(deck, section: Section) -> None:
    for table in section.tables:
        for start in range(0, max(len(table.rows), 1), MAX_TABLE_ROWS):
            slide = _new_slide(deck, section.title if start == 0 else _continued(section.title))
            height = _table(
                slide,
                table,
                table.rows[start : start + MAX_TABLE_ROWS],
                last=start + MAX_TABLE_ROWS >= len(table.rows),
            )
            if section.lead and start == 0:
                top = BODY_TOP + height + Inches(0.3)
                _text(
                    slide,
                    section.lead,
                    BODY_LEFT,
                    top,
                    BODY_W,
                    SLIDE_H - top - Inches(0.3),
                    FONT_PT,
                    INK,
                )
    if section.chart:
        slide = _new_slide(deck, _("%s – chart") % section.title)
        _chart(slide, section.chart)
    if section.tables:
        paragraphs = _paragraphs(section, with_lead=False)
    else:
        paragraphs = _paragraphs(section, with_lead=True)
    if not paragraphs:
        return
    for number, page in enumerate(_pages(paragraphs)):
        slide = _new_slide(
            deck, section.title if number == 0 and not section.tables else _continued(section.title)
        )
        _body(slide, page)


def _continued(title: str) -> str:
    return _("%s (continued)") % title


def _paragraphs(section: Section, *, with_lead: bool) -> list[tuple[str, str]]:
    """(style, text) pairs: "lead", "fact", "heading" or "item"."""
    paragraphs: list[tuple[str, str]] = []
    if with_lead and section.lead:
        paragraphs += [("lead", line) for line in section.lead.splitlines() if line.strip()]
    paragraphs += [("fact", f"{label}: {value}") for label, value in section.facts]
    for block in section.blocks:
        if block.heading:
            paragraphs.append(("heading", block.heading))
        paragraphs += [("item", item) for item in block.items]
    return paragraphs


def _pages(paragraphs: list[tuple[str, str]]) -> list[list[tuple[str, str]]]:
    """Pack paragraphs into pages of at most MAX_LINES lines; a heading never ends a page."""
    pages: list[list[tuple[str, str]]] = [[]]
    used = 0
    for index, (style, text) in enumerate(paragraphs):
        need = lines_of(text)
        if style == "heading" and index + 1 < len(paragraphs):
            need += lines_of(paragraphs[index + 1][1])
        if used + need > MAX_LINES and pages[-1]:
            pages.append([])
            used = 0
        pages[-1].append((style, text))
        used += lines_of(text)
    return pages


def _body(slide, page: list[tuple[str, str]]) -> None:
    box = slide.shapes.add_textbox(BODY_LEFT, BODY_TOP, BODY_W, BODY_H)
    frame = box.text_frame
    frame.word_wrap = True
    for index, (style, text) in enumerate(page):
        paragraph = frame.paragraphs[0] if index == 0 else frame.add_paragraph()
        paragraph.line_spacing = 1.2
        run = paragraph.add_run()
        run.text = ("• " if style == "item" else "") + text
        run.font.size = Pt(FONT_PT)
        run.font.bold = style == "heading"
        run.font.color.rgb = ACCENT if style == "heading" else SUBTLE if style == "lead" else INK
        if style == "heading" and index:
            paragraph.space_before = Pt(6)


def _table(slide, table: Table, rows, *, last: bool) -> Emu:
    body = [*rows, *([table.total] if table.total and last else [])]
    columns = len(table.header)
    height = ROW_H * (len(body) + 1)
    shape = slide.shapes.add_table(len(body) + 1, columns, BODY_LEFT, BODY_TOP, BODY_W, height)
    shape.name = table.caption
    grid = shape.table
    first = Inches(3.2) if columns > 3 else int(BODY_W / columns)
    grid.columns[0].width = first
    for col in range(1, columns):
        grid.columns[col].width = int((BODY_W - first) / (columns - 1))
    numeric = table.numeric or (False,) * columns
    for r, row in enumerate([table.header, *body]):
        for c, value in enumerate(row):
            cell = grid.cell(r, c)
            cell.text = str(value)
            paragraph = cell.text_frame.paragraphs[0]
            paragraph.font.size = Pt(14)
            paragraph.font.bold = r == 0 or (table.total is not None and last and r == len(body))
            if numeric[c] and c:
                paragraph.alignment = 3  # right
    return height


def _chart(slide, chart: Chart) -> None:
    data = CategoryChartData()
    # the chart's data travel as an embedded workbook whose writer turns "=…" into a live
    # formula: names from the register are neutralised (OWASP) before they go in
    data.categories = [neutralise(str(c)) for c in chart.categories]
    for name, values in chart.series:
        data.add_series(neutralise(str(name)), list(values))
    kind = XL_CHART_TYPE.COLUMN_CLUSTERED if chart.kind == "bar" else XL_CHART_TYPE.LINE_MARKERS
    frame = slide.shapes.add_chart(kind, BODY_LEFT, BODY_TOP, BODY_W, BODY_H, data)
    frame.name = chart.title
    frame._element.nvGraphicFramePr.cNvPr.set("descr", f"{chart.title}. {chart.description}")
    graph = frame.chart
    graph.has_legend = len(chart.series) > 1
    if graph.has_legend:
        graph.legend.position = XL_LEGEND_POSITION.BOTTOM
        graph.legend.include_in_layout = False
    graph.font.size = Pt(14)
    if chart.kind == "bar":
        plot = graph.plots[0]
        plot.has_data_labels = True
        plot.data_labels.font.size = Pt(12)


def _text(slide, text: str, left, top, width, height, size: int, colour, *, bold=False):
    box = slide.shapes.add_textbox(left, top, width, height)
    frame = box.text_frame
    frame.word_wrap = True
    run = frame.paragraphs[0].add_run()
    run.text = text
    run.font.size, run.font.bold, run.font.color.rgb = Pt(size), bold, colour
    return box
