"""The status report as an editable PowerPoint deck: native tables and native charts.

Overflow rule (tests check every slide with the same numbers): slides are 13.333 × 7.5 in;
the body area is 12.13 × 5.65 in at 16 pt with 1.2 line spacing, so it holds 21 lines;
a paragraph of n characters takes ceil(n / 95) lines (95 characters of 16 pt text, at an
average glyph width of 0.55 em, fill 12.13 in with room to spare). Content is packed into
at most 17 lines a slide (a margin for headings' spacing and renderers' differences).

Layout rule (one cooperation, one slide, as the source deck): a section that does not fit
first moves its decisions to the speaker's notes (they stay in the web/PDF version too),
then is set at 14 pt (108 characters a line, at most 20 lines), then moves its description
to the notes; only what still does not fit flows onto a continuation slide ("… (framhald)").
The background part's reference text (organisation, principles: read, not presented) is set
at 12 pt (126 characters a line, at most 23 lines) before it would continue.
Tables take 0.4 in a row and hold at most 12 rows a slide; a section with two small tables
(at most 9 rows and 5 columns each: the elderly wave) shows them side by side at 14 pt on
one slide, each under its caption (cells with 0.05 in side margins), its lead under both.
The summary's rows are at least 0.27 in at 11 pt, at most 18 a slide, its cells cut at a
word (what is new at 26 characters with "(+n)" for more entries, what comes next at 48,
the rest at 64) so each row takes at most two lines; the notes hold them whole.
What a slide leaves out (unknown fields, the findings of the consistency checks, the
details of grouped cooperations) is in the slide's notes.
"""

from __future__ import annotations

import io
import math
from dataclasses import replace

from django.utils.translation import gettext as _
from django.utils.translation import override
from pptx import Presentation
from pptx.chart.data import CategoryChartData
from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_CHART_TYPE, XL_LEGEND_POSITION
from pptx.opc.packuri import PackURI
from pptx.util import Emu, Inches, Pt

from samvirke.lib.spreadsheet import neutralise
from samvirke.reports.content import Chart, Section, StatusReport, Table

SLIDE_W, SLIDE_H = Inches(13.333), Inches(7.5)
BODY_LEFT, BODY_TOP, BODY_W, BODY_H = Inches(0.6), Inches(1.45), Inches(12.13), Inches(5.65)
FONT_PT = 16
CHARS_PER_LINE = 95
MAX_LINES = 17
# The smaller setting a section falls back to before it would run onto a second slide.
SMALL_PT, SMALL_CHARS_PER_LINE, SMALL_MAX_LINES = 14, 108, 20
# Reference text in the background part, before it would run onto a second slide.
REFERENCE_PT, REFERENCE_CHARS_PER_LINE, REFERENCE_MAX_LINES = 12, 126, 23
REFERENCE_KEYS = ("organisation", "principles")
# Type size: (characters a line, most lines a body holds) by the overflow rule.
SETTINGS = {
    FONT_PT: (CHARS_PER_LINE, MAX_LINES),
    SMALL_PT: (SMALL_CHARS_PER_LINE, SMALL_MAX_LINES),
    REFERENCE_PT: (REFERENCE_CHARS_PER_LINE, REFERENCE_MAX_LINES),
}
PAIR_PT, PAIR_MAX_ROWS, PAIR_MAX_COLUMNS = 14, 9, 5
SUMMARY_PT, SUMMARY_ROW_H, SUMMARY_ROWS = 11, Inches(0.27), 18
ROW_H = Inches(0.4)
MAX_TABLE_ROWS = 12
INK, ACCENT, SUBTLE = (
    RGBColor(0x1E, 0x2B, 0x3C),
    RGBColor(0x00, 0x62, 0xBA),
    RGBColor(0x4A, 0x58, 0x68),
)


def lines_of(text: str, chars_per_line: int = CHARS_PER_LINE) -> int:
    """How many body lines a paragraph takes by the overflow rule."""
    return max(1, math.ceil(len(text) / chars_per_line))


def render(report: StatusReport) -> bytes:
    with override(report.language):
        deck = Presentation()
        _name_parts_once(deck.part.package)
        deck.slide_width, deck.slide_height = SLIDE_W, SLIDE_H
        _title_slide(deck, report)
        for section in report.sections:
            if section.on_slides:
                _section(deck, section)
            else:
                _add_notes(deck.slides[-1], _section_text(section))
        deck.core_properties.title = f"{report.organisation}: {report.title}"
        deck.core_properties.language = report.language
        out = io.BytesIO()
        deck.save(out)
        return out.getvalue()


def _name_parts_once(package) -> None:
    """python-pptx names each new notes slide, chart and workbook by walking every part of
    the deck (Package.next_partname): quadratic in the slides, about a third of a region's
    200-slide deck. Here each kind's names are gathered once and kept as parts are added;
    the name chosen is python-pptx's (the lowest free number from the count down: the
    render adds parts, never removes one)."""
    names: dict[str, set[str]] = {}

    def next_partname(template: str) -> PackURI:
        prefix = template[: (template % 42).find("42")]
        if prefix not in names:
            names[prefix] = {
                part.partname for part in package.iter_parts() if part.partname.startswith(prefix)
            }
        taken = names[prefix]
        for number in range(len(taken) + 1, 0, -1):
            if template % number not in taken:
                taken.add(template % number)
                return PackURI(template % number)
        raise AssertionError(f"no free part name for {template}")  # as python-pptx

    package.next_partname = next_partname


def _title_slide(deck, report: StatusReport) -> None:
    slide = deck.slides.add_slide(deck.slide_layouts[6])
    band = slide.shapes.add_shape(1, 0, 0, SLIDE_W, Inches(7.5))
    band.fill.solid()
    band.fill.fore_color.rgb = ACCENT
    band.line.fill.background()
    white = RGBColor(0xFF, 0xFF, 0xFF)
    if report.heading:
        _text(slide, report.heading, Inches(0.9), Inches(1.4), Inches(11.5), Inches(1), 40, white)
    name = report.organisation_name or report.organisation
    _text(slide, name, Inches(0.9), Inches(2.4), Inches(11.5), Inches(0.8), 24, white)
    _text(
        slide,
        report.title,
        Inches(0.9),
        Inches(3.2),
        Inches(11.5),
        Inches(1.2),
        44,
        white,
        bold=True,
    )


def _divider_slide(deck, section: Section) -> None:
    """A part's own title page ("Bakgrunnsinfo"), with a real title for screen readers."""
    slide = _new_slide(deck, section.title)
    band = slide.shapes.add_shape(1, 0, 0, SLIDE_W, SLIDE_H)
    band.fill.solid()
    band.fill.fore_color.rgb = ACCENT
    band.line.fill.background()
    title = slide.shapes.title
    slide.shapes._spTree.remove(band._element)
    slide.shapes._spTree.insert(2, band._element)
    title.top, title.height = Inches(3.0), Inches(1.4)
    paragraph = title.text_frame.paragraphs[0]
    paragraph.font.size, paragraph.font.color.rgb = Pt(44), RGBColor(0xFF, 0xFF, 0xFF)


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
    if section.key == "divider":
        _divider_slide(deck, section)
        return
    if section.key == "summary":
        _summary(deck, section)
        return
    notes = list(section.notes)
    if _paired(section):
        _pair(deck, section)
        return
    for table in section.tables:
        for start in range(0, max(len(table.rows), 1), MAX_TABLE_ROWS):
            slide = _new_slide(deck, section.title if start == 0 else _continued(section.title))
            beside = section.chart is not None and start == 0 and len(table.header) <= 4
            height = _table(
                slide,
                table,
                table.rows[start : start + MAX_TABLE_ROWS],
                last=start + MAX_TABLE_ROWS >= len(table.rows),
                width=Inches(6.2) if beside else BODY_W,
            )
            if beside and section.chart:
                _chart(slide, section.chart, left=Inches(7.0), width=Inches(5.73))
            if section.lead and start == 0:
                top = BODY_TOP + height + Inches(0.3)
                _text(
                    slide,
                    section.lead,
                    BODY_LEFT,
                    top,
                    Inches(6.2) if beside else BODY_W,
                    SLIDE_H - top - Inches(0.3),
                    FONT_PT,
                    INK,
                )
            if start == 0:
                _add_notes(slide, notes)
    if section.chart and section.tables and len(section.tables[0].header) > 4:
        # The chart draws the table's own figures: the web/PDF version shows it; the slide's
        # notes say where, so the slide count stays the source's.
        _add_notes(
            deck.slides[-1], [_("The chart of these figures is in the web and PDF version.")]
        )
    elif section.chart and not section.tables:
        slide = _new_slide(deck, section.title)
        _chart(slide, section.chart)
    if section.tables:
        paragraphs = _paragraphs(section, with_lead=False)
        if not paragraphs:
            return
        for page in _pages(paragraphs):
            _body(_new_slide(deck, _continued(section.title)), page)
        return
    paragraphs, pt, moved = _fitted(section)
    per_line, most = SETTINGS[pt]
    for number, page in enumerate(_pages(paragraphs, per_line, most)):
        slide = _new_slide(deck, section.title if number == 0 else _continued(section.title))
        _body(slide, page, pt)
        if number == 0:
            _add_notes(slide, [*moved, *notes])


def _fitted(section: Section) -> tuple[list[tuple[str, str]], int, list[str]]:
    """The section's paragraphs, type size and what went to the notes (the layout rule)."""
    full = _paragraphs(section, with_lead=True)
    if _lines(full) <= MAX_LINES:
        return full, FONT_PT, []
    decisions = _("Decisions")
    kept = replace(section, blocks=tuple(b for b in section.blocks if b.heading != decisions))
    moved = [
        f"{b.heading}: {item}" for b in section.blocks if b.heading == decisions for item in b.items
    ]
    shorter = _paragraphs(kept, with_lead=True)
    if _lines(shorter) <= MAX_LINES:
        return shorter, FONT_PT, moved
    if _lines(shorter, SMALL_CHARS_PER_LINE) <= SMALL_MAX_LINES:
        return shorter, SMALL_PT, moved
    if section.key in REFERENCE_KEYS:
        fits = _lines(shorter, REFERENCE_CHARS_PER_LINE) <= REFERENCE_MAX_LINES
        return shorter, REFERENCE_PT if fits else SMALL_PT, moved
    if not section.lead:
        return shorter, SMALL_PT, moved
    # The description is the cooperation's standing background (the web version has it);
    # the month's status and next steps are what the board reads.
    return _paragraphs(kept, with_lead=False), SMALL_PT, [section.lead, *moved]


def _paired(section: Section) -> bool:
    """Two small tables (the elderly wave's shares and measures) share one slide."""
    return len(section.tables) == 2 and all(
        len(t.rows) + (t.total is not None) <= PAIR_MAX_ROWS and len(t.header) <= PAIR_MAX_COLUMNS
        for t in section.tables
    )


def _pair(deck, section: Section) -> None:
    """Both tables side by side, each under its caption; the lead under both.

    A chart of the tables' figures stays in the web/PDF version (the notes say so); the
    findings of the consistency checks, if any, follow on the next slide."""
    slide = _new_slide(deck, section.title)
    caption_h, gap, first = Inches(0.55), Inches(0.6), Inches(2.0)
    width = int((BODY_W - gap) / 2)
    top = BODY_TOP - Inches(0.1) + caption_h
    bottom = top
    for index, table in enumerate(section.tables):
        left = BODY_LEFT + index * (width + gap)
        _text(slide, table.caption, left, BODY_TOP - Inches(0.1), width, caption_h, 12, SUBTLE)
        options = {"width": width, "left": left, "top": top, "pt": PAIR_PT, "first": first}
        _table(slide, table, table.rows, last=True, margin=Inches(0.05), **options)
        bottom = max(bottom, top + _wrapped_height(table, width, first))
    if section.lead:
        lead_top = bottom + Inches(0.25)
        _text(slide, section.lead, BODY_LEFT, lead_top, BODY_W, Inches(0.9), FONT_PT, INK)
    notes = list(section.notes)
    if section.chart:
        notes.append(_("The chart of these figures is in the web and PDF version."))
    _add_notes(slide, notes)
    paragraphs = _paragraphs(section, with_lead=False)
    for page in _pages(paragraphs) if paragraphs else []:
        _body(_new_slide(deck, _continued(section.title)), page)


def _wrapped_height(table: Table, width, first) -> Emu:
    """A table's height with its cells' text wrapped: 8.5 characters an inch at 14 pt with
    0.05 in side margins, 1.2 × the type size a line plus 0.1 in a row; never under 0.4 in."""
    others = (width - first) / max(1, len(table.header) - 1)
    line = Pt(PAIR_PT * 1.2)
    height = 0
    for row in [table.header, *table.rows, *([table.total] if table.total else [])]:
        lines = max(
            math.ceil(len(str(value)) / (8.5 * ((first if c == 0 else others) / 914400 - 0.1)))
            for c, value in enumerate(row)
        )
        height += max(ROW_H, lines * line + Inches(0.1))
    return Emu(int(height))


def _lines(paragraphs: list[tuple[str, str]], per_line: int = CHARS_PER_LINE) -> int:
    return sum(lines_of(text, per_line) for _style, text in paragraphs)


def _summary(deck, section: Section) -> None:
    """The board's one-minute read: one row a cooperation, small type, one slide if it fits."""
    table = section.tables[0]
    for start in range(0, len(table.rows), SUMMARY_ROWS):
        slide = _new_slide(deck, section.title if start == 0 else _continued(section.title))
        rows = table.rows[start : start + SUMMARY_ROWS]
        shape = slide.shapes.add_table(
            len(rows) + 1,
            len(table.header),
            BODY_LEFT,
            BODY_TOP - Inches(0.2),
            BODY_W,
            SUMMARY_ROW_H * (len(rows) + 1),
        )
        shape.name = table.caption
        grid = shape.table
        widths = (2.9, 1.6, 0.9, 2.8, 2.9, 1.03)
        for col, inches in enumerate(widths[: len(table.header)]):
            grid.columns[col].width = Inches(inches)
        # add_table gives every row SUMMARY_ROW_H already (the height divided evenly); setting
        # a row's height again re-added all rows' heights for the frame, row by row
        for r, row in enumerate([table.header, *rows]):
            for c, value in enumerate(row):
                cell = grid.cell(r, c)
                cell.text = str(value)
                cell.margin_top = cell.margin_bottom = Inches(0.02)
                paragraph = cell.text_frame.paragraphs[0]
                paragraph.font.size = Pt(SUMMARY_PT)
                paragraph.font.bold = r == 0
        _add_notes(slide, list(section.notes) if start == 0 else [])


def _section_text(section: Section) -> list[str]:
    return [
        section.title,
        *([section.lead] if section.lead else []),
        *(f"{label}: {value}" for label, value in section.facts),
        *(line for b in section.blocks for line in ((b.heading,) if b.heading else ()) + b.items),
        *section.notes,
    ]


def _add_notes(slide, lines: list[str]) -> None:
    """Append lines to the slide's speaker notes (what the slide leaves out)."""
    if not lines:
        return
    frame = slide.notes_slide.notes_text_frame
    text = "\n".join(lines)
    frame.text = f"{frame.text}\n{text}" if frame.text else text


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


def _pages(
    paragraphs: list[tuple[str, str]],
    per_line: int = CHARS_PER_LINE,
    most: int = MAX_LINES,
) -> list[list[tuple[str, str]]]:
    """Pack paragraphs into pages of at most ``most`` lines; a heading never ends a page."""
    pages: list[list[tuple[str, str]]] = [[]]
    used = 0
    for index, (style, text) in enumerate(paragraphs):
        need = lines_of(text, per_line)
        if style == "heading" and index + 1 < len(paragraphs):
            need += lines_of(paragraphs[index + 1][1], per_line)
        if used + need > most and pages[-1]:
            pages.append([])
            used = 0
        pages[-1].append((style, text))
        used += lines_of(text, per_line)
    return pages


def _body(slide, page: list[tuple[str, str]], pt: int = FONT_PT) -> None:
    box = slide.shapes.add_textbox(BODY_LEFT, BODY_TOP, BODY_W, BODY_H)
    frame = box.text_frame
    frame.word_wrap = True
    for index, (style, text) in enumerate(page):
        paragraph = frame.paragraphs[0] if index == 0 else frame.add_paragraph()
        paragraph.line_spacing = 1.2
        run = paragraph.add_run()
        run.text = ("• " if style == "item" else "") + text
        run.font.size = Pt(pt)
        run.font.bold = style == "heading"
        run.font.color.rgb = ACCENT if style == "heading" else SUBTLE if style == "lead" else INK
        if style == "heading" and index:
            paragraph.space_before = Pt(6)


def _table(
    slide,
    table: Table,
    rows,
    *,
    last: bool,
    width=BODY_W,
    left=None,
    top=BODY_TOP,
    pt: int = 14,
    first=None,
    margin=None,
) -> Emu:
    body = [*rows, *([table.total] if table.total and last else [])]
    columns = len(table.header)
    height = ROW_H * (len(body) + 1)
    left = BODY_LEFT if left is None else left
    shape = slide.shapes.add_table(len(body) + 1, columns, left, top, width, height)
    shape.name = table.caption
    grid = shape.table
    if first is None:
        first = min(Inches(3.2), int(width / 2)) if columns > 3 else int(width / columns)
    grid.columns[0].width = first
    for col in range(1, columns):
        grid.columns[col].width = int((width - first) / (columns - 1))
    numeric = table.numeric or (False,) * columns
    for r, row in enumerate([table.header, *body]):
        for c, value in enumerate(row):
            cell = grid.cell(r, c)
            cell.text = str(value)
            if margin is not None:
                cell.margin_left = cell.margin_right = margin
            paragraph = cell.text_frame.paragraphs[0]
            paragraph.font.size = Pt(pt)
            paragraph.font.bold = r == 0 or (table.total is not None and last and r == len(body))
            if numeric[c] and c:
                paragraph.alignment = 3  # right
    return height


def _chart(slide, chart: Chart, *, left=BODY_LEFT, width=BODY_W) -> None:
    data = CategoryChartData()
    # the chart's data travel as an embedded workbook whose writer turns "=…" into a live
    # formula: names from the register are neutralised (OWASP) before they go in
    data.categories = [neutralise(str(c)) for c in chart.categories]
    for name, values in chart.series:
        data.add_series(neutralise(str(name)), list(values))
    kind = XL_CHART_TYPE.COLUMN_CLUSTERED if chart.kind == "bar" else XL_CHART_TYPE.LINE_MARKERS
    frame = slide.shapes.add_chart(kind, left, BODY_TOP, width, BODY_H, data)
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
