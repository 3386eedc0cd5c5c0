"""The status deck from the Sogn register: content, PPTX, PDF and HTML checked against it."""

import io
import math

import pytest
from pptx import Presentation
from pptx.util import Emu
from pypdf import PdfReader

from samvirke.interchange.exporter import export_register
from samvirke.registry.models import Cooperation
from samvirke.reports import services
from samvirke.reports.content import build_status_report
from samvirke.reports.render.pptx import BODY_H, CHARS_PER_LINE, FONT_PT, SLIDE_H, SLIDE_W

NBSP = "\xa0"


@pytest.fixture
def report(sogn):
    return build_status_report(export_register(), "2026-03")


@pytest.fixture
def deck(report):
    return Presentation(io.BytesIO(services.render(report, "pptx")))


def titles(deck) -> list[str]:
    return [s.shapes.title.text for s in deck.slides if s.shapes.title is not None]


def test_the_deck_holds_every_section_of_the_seed(report, deck):
    shown = " | ".join(titles(deck))
    for cooperation in Cooperation.objects.filter(is_published=True):
        assert cooperation.name in shown
    for title in (
        "Folketilvekst",
        f"30{NBSP}000 i 2027?",
        "Nettverk",
        "Organisasjon",
        "Prinsipp for samarbeidsavtalar",
        "Mål",
        "Hypotese",
        "Samarbeidsavtalen",
        "Roller",
        "Korleis utgreiingar blir gjorde",
        "Bakgrunn",
    ):
        assert title in shown, title
    first = deck.slides[0]
    texts = [shape.text_frame.text for shape in first.shapes if shape.has_text_frame]
    assert "Sogn KO" in texts and "Status mars 2026" in texts


def test_the_tables_hold_the_register_figures_and_sums(deck):
    tables = [shape.table for slide in deck.slides for shape in slide.shapes if shape.has_table]
    growth = next(t for t in tables if t.cell(0, 1).text == "2024K2")
    rows = [[growth.cell(r, c).text for c in range(8)] for r in range(len(growth.rows))]
    assert rows[2] == ["K-4640 Sogndal", "7", "36", "122", "37", "-82", "88", "13"]
    assert rows[5][6] == "-37*"  # Årdal 2025K3, corrected from the deck's 37 (see the lead)
    assert rows[-1] == ["Sum", "35", "39", "145", "52", "-37", "44", "55"]
    ends = next(t for t in tables if t.cell(0, 1).text == "2023K4")
    last = [ends.cell(len(ends.rows) - 1, c).text for c in range(4)]
    assert last == ["Sum", f"29{NBSP}440", f"29{NBSP}715", f"29{NBSP}829"]


def test_the_charts_hold_the_register_figures(deck):
    charts = [shape.chart for slide in deck.slides for shape in slide.shapes if shape.has_chart]
    growth = next(c for c in charts if c.chart_type is not None and len(c.plots[0].series) == 1)
    assert list(growth.plots[0].categories) == [
        "2024K2",
        "2024K3",
        "2024K4",
        "2025K1",
        "2025K2",
        "2025K3",
        "2025K4",
    ]
    assert list(growth.plots[0].series[0].values) == [35, 39, 145, 52, -37, 44, 55]
    forecast = next(c for c in charts if len(c.plots[0].series) == 2)
    registered = list(forecast.plots[0].series[0].values)
    assert registered[:3] == [29440, 29715, 29829]
    for shape in (s for slide in deck.slides for s in slide.shapes if s.has_chart):
        assert shape._element.nvGraphicFramePr.cNvPr.get("descr")  # a text alternative


def test_nothing_overflows_a_slide(deck):
    """The documented rule: every shape inside the slide; a text frame's lines, at
    ceil(characters / 95) a paragraph and 1.2 × 16 pt a line, fit its height."""
    line = Emu(int(FONT_PT * 1.2 * 12700))
    for number, slide in enumerate(deck.slides, 1):
        for shape in slide.shapes:
            assert shape.left >= 0 and shape.top >= 0, number
            assert shape.left + shape.width <= SLIDE_W, (number, shape.name)
            assert shape.top + shape.height <= SLIDE_H, (number, shape.name)
            if shape.has_text_frame and shape != slide.shapes.title and shape.height == BODY_H:
                lines = sum(
                    max(1, math.ceil(len(p.text) / CHARS_PER_LINE))
                    for p in shape.text_frame.paragraphs
                )
                assert lines * line <= shape.height, (number, lines)


def test_long_sections_continue_on_more_slides(deck):
    shown = titles(deck)
    assert any(t.endswith("(framhald)") for t in shown)


def test_the_pdf_holds_the_same_content(report):
    text = "".join(
        page.extract_text() for page in PdfReader(io.BytesIO(services.render(report, "pdf"))).pages
    )
    for expected in (
        "Status mars 2026",
        "K-4640 Sogndal",
        "29 829",
        "Barnevern",
        "Vertskommuneavtale ligg til signering hjå kommunedirektørane.",
        "Kjell Bøe Bjørgum",
    ):
        assert expected in text.replace(NBSP, " "), expected


def test_the_html_holds_the_same_content_and_is_accessible(report):
    page = services.render(report, "html").decode()
    assert '<html lang="nn">' in page
    assert 'role="img"' in page and "<desc" in page
    assert "<caption>Folketilvekst per kvartal</caption>" in page


@pytest.mark.parametrize(
    ("language", "title"), [("nb", "Status mars 2026"), ("en", "Status March 2026")]
)
def test_other_languages(sogn, language, title):
    report = build_status_report(export_register(), "2026-03", language=language)
    assert report.title == title and report.language == language
