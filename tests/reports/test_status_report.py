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
from samvirke.reports.content import Block, Section, StatusReport, build_status_report
from samvirke.reports.render.pptx import (
    BODY_H,
    FONT_PT,
    REFERENCE_PT,
    SETTINGS,
    SLIDE_H,
    SLIDE_W,
)
from tests.reports.decks import slide_text

NBSP = "\xa0"


@pytest.fixture
def report(sogn):
    return build_status_report(export_register(), "2026-03", organisation="sogn-ko")


@pytest.fixture
def deck(report):
    return Presentation(io.BytesIO(services.render(report, "pptx")))


def titles(deck) -> list[str]:
    return [s.shapes.title.text for s in deck.slides if s.shapes.title is not None]


def test_the_deck_holds_every_section_of_the_seed(report, deck):
    shown = " | ".join(titles(deck))
    everything = "\n".join(slide_text(s) for s in deck.slides)
    for cooperation in Cooperation.objects.filter(is_published=True):
        assert cooperation.name in everything
    for title in (
        "Oppsummering",
        "Me veks!",
        "30 000 i 2027?",
        "Andre samarbeid og utgreiingstema",
        "Nettverk",
        "Bakgrunnsinfo",
        "Organisasjon",
        "Prinsipp for samarbeidsavtalar",
        "Mål og hypotese",
        "Samarbeidsavtalen",
        "Roller",
        "Korleis utgreiingar blir gjorde",
        "Bakgrunn",
    ):
        assert title in shown, title
    first = deck.slides[0]
    texts = [shape.text_frame.text for shape in first.shapes if shape.has_text_frame]
    assert "Sognaregionen" in texts and "Status mars 2026" in texts
    assert "Sogn kommunalt oppgåvefellesskap" in texts


def test_the_deck_follows_the_boards_order_and_groupings(deck):
    """The source's order: growth, the target, the cooperations as the board lists them,
    the three short ones on one slide, the networks, then the background part."""
    shown = [t.removesuffix(" (framhald)") for t in titles(deck)]
    expected = [
        "Oppsummering",
        "Me veks!",
        "30 000 i 2027?",
        "Profil, merkevare og rekruttering",
        "Barnevern",
        "NAV",
        "Løn",
        "PPT",
        "Næringsutvikling inkludert reiseliv",
        "Kart, oppmåling og GIS",
        "Skog i Sogn",
        "Ureining, miljø og tilsyn av private avløp",
        "Veteranplan for Sognaregionen",
        "Ressurskrevjande tenester",
        "Samfunnstryggleik og beredskap",
        "Integrering av innvandrarar",
        "Barnehage- og skuleutvikling",
        "Andre samarbeid og utgreiingstema",
        "Nettverk",
        "Bakgrunnsinfo",
    ]
    assert [t for i, t in enumerate(shown) if i == 0 or t != shown[i - 1]][:20] == expected
    grouped = next(
        s for s in list(deck.slides)[1:] if s.shapes.title.text.startswith("Andre samarbeid")
    )
    for name in ("Alarmsentralen", "TryggEst", "Green Hydra"):
        assert name in slide_text(grouped)


def test_the_order_is_the_registers_and_changing_it_changes_the_deck(sogn):
    from samvirke.registry.models import BoardSection, BoardSectionCooperation

    section = BoardSection.objects.get(organisation__slug="sogn-ko", kind="samarbeid")
    first, second = BoardSectionCooperation.objects.filter(section=section).order_by("order")[:2]
    first.order, second.order = 99, 1
    first.save()
    second.save()
    first.order = 2
    first.save()
    report = build_status_report(export_register(), "2026-03", organisation="sogn-ko")
    cooperations = [s.title for s in report.sections if s.key == "cooperation"]
    assert cooperations[:2] == ["Barnevern", "Profil, merkevare og rekruttering"]


def test_the_deck_is_no_longer_than_the_source_and_each_cooperation_has_one_slide(deck):
    assert len(deck.slides) <= 30
    shown = titles(deck)
    for name in ("Barnevern", "NAV", "Løn", "PPT", "Næringsutvikling inkludert reiseliv"):
        assert f"{name} (framhald)" not in shown


def test_unknowns_stay_off_the_slides_but_in_the_notes(deck):
    for number, slide in enumerate(deck.slides, 1):
        text = slide_text(slide).casefold()
        for word in ("ukjend", "ukjent", "unknown", "amount"):
            assert word not in text, (number, word)
    nav = next(s for s in list(deck.slides)[1:] if s.shapes.title.text == "NAV")
    assert "Ikkje kjent: Oppstart" in nav.notes_slide.notes_text_frame.text


def test_no_slide_repeats_a_line(deck):
    """The project leader once (not also as a status line); the description not repeated."""
    for number, slide in enumerate(deck.slides, 1):
        lines = [
            line.removeprefix("• ").rstrip(".").casefold()
            for shape in slide.shapes
            if shape.has_text_frame and shape != slide.shapes.title
            for line in shape.text_frame.text.splitlines()
            if line.strip()
        ]
        assert len(lines) == len(set(lines)), number
    report_text = {
        s.shapes.title.text: slide_text(s) for s in deck.slides if s.shapes.title is not None
    }
    assert report_text["Samfunnstryggleik og beredskap"].count("Halvard Gjerde") == 1
    assert report_text["Barnevern"].count("Sogndal stiller med prosjektleiarressurs") == 1


def test_the_summary_slide_gives_each_cooperation_one_line(sogn, deck):
    summary = deck.slides[1]
    assert summary.shapes.title.text == "Oppsummering"
    table = next(shape.table for shape in summary.shapes if shape.has_table)
    rows = {table.cell(r, 0).text: [c.text for c in row.cells] for r, row in enumerate(table.rows)}
    assert len(table.rows) == 1 + Cooperation.objects.filter(is_published=True).count()
    assert rows["PPT"][1] == "Innsikt og utgreiing"
    # what is new: the first new entry's first words, cut at a word, and how many more
    assert rows["PPT"][3] == "Styret stadfesta og … (+2)"
    # what comes to the board next: its item on the next board meeting, with the date
    assert rows["PPT"][4] == "7. april 2026, Styremøte: Rapport og tilråding …"
    notes = summary.notes_slide.notes_text_frame.text
    assert "7. april 2026, Styremøte: Rapport og tilråding om PPT-samarbeid" in notes
    assert "PPT, nytt: Dei tilsette i tenestene er inviterte til å gje kommentarar" in notes
    assert rows["NAV"][5] == "–"  # nothing overdue in March


def test_what_comes_next_is_the_boards_meeting_not_another_bodys(sogn):
    """Næringsutvikling is on Sognarådet's working committee on 9 March (another
    organisation's body) and on Sogn KO's board on 7 April: the board's summary gives the
    board's meeting; the other body's stays in the cooperation's own status."""
    report = build_status_report(export_register(), "2026-03", organisation="sogn-ko")
    summary = next(s for s in report.sections if s.key == "summary").tables[0]
    rows = {row[0]: row for row in summary.rows}
    assert rows["Næringsutvikling inkludert reiseliv"][4].startswith("7. april 2026, Styremøte:")
    section = next(s for s in report.sections if s.title == "Næringsutvikling inkludert reiseliv")
    assert any("arbeidsutvalet til Sognarådet 9/3" in i for b in section.blocks for i in b.items)


def test_the_summary_marks_overdue_and_staff_set_progress(sogn):
    Cooperation.objects.filter(slug="ppt").update(progress="treng_avklaring")
    report = build_status_report(export_register(), "2026-05", organisation="sogn-ko")
    summary = next(s for s in report.sections if s.key == "summary").tables[0]
    rows = {row[0]: row for row in summary.rows}
    assert rows["PPT"][2] == "Treng avklaring"  # set by staff
    assert rows["NAV"][2] == "Forseinka"  # derived: its March step is overdue in May
    assert rows["NAV"][5].startswith("mars 2026: Oppstartsmøte")
    assert rows["Barnevern"][3] == "ikkje noko nytt sidan mars 2026"


def test_a_month_without_entries_carries_the_latest_status_forward_dated(sogn):
    report = build_status_report(export_register(), "2026-04", organisation="sogn-ko")
    nav = next(s for s in report.sections if s.title == "NAV")
    status = nav.blocks[0]
    assert status.heading == "Status per mars 2026 (ingen nye statuspunkt sidan)"
    assert "Kommunedirektør i Årdal er leiar av styringsgruppa." in status.items
    before = build_status_report(export_register(), "2026-02", organisation="sogn-ko")
    assert not any(
        b.items
        for s in before.sections
        if s.title == "NAV"
        for b in s.blocks[:1]
        if b.heading.startswith("Status")
    )


def test_the_deck_takes_only_its_organisations_cooperations(sogn):
    from samvirke.registry.models import Organisation

    ipr = Organisation.objects.get(slug="sognaradet-ipr")
    Cooperation.objects.create(
        slug="ipr-eige", name="Sognarådet sitt eige", owner=ipr, is_published=True
    )
    data = export_register()
    sogn_ko = build_status_report(data, "2026-03", organisation="sogn-ko")
    assert "Sognarådet sitt eige" not in [s.title for s in sogn_ko.sections]
    council = build_status_report(data, "2026-03", organisation="sognaradet-ipr")
    titles_ = [s.title for s in council.sections]
    assert "Sognarådet sitt eige" in titles_ and "Barnevern" not in titles_


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


def test_the_charts_hold_the_register_figures(report, deck):
    growth = next(s for s in report.sections if s.key == "population_growth").chart
    assert growth.categories == (
        "2024K2",
        "2024K3",
        "2024K4",
        "2025K1",
        "2025K2",
        "2025K3",
        "2025K4",
    )
    assert growth.series[0][1] == (35, 39, 145, 52, -37, 44, 55)
    page = services.render(report, "html").decode()
    assert page.count("<svg") >= 2  # the growth chart is drawn on the web and in the PDF
    charts = [shape.chart for slide in deck.slides for shape in slide.shapes if shape.has_chart]
    forecast = next(c for c in charts if len(c.plots[0].series) == 2)
    registered = list(forecast.plots[0].series[0].values)
    assert registered[:3] == [29440, 29715, 29829]
    for shape in (s for slide in deck.slides for s in slide.shapes if s.has_chart):
        assert shape._element.nvGraphicFramePr.cNvPr.get("descr")  # a text alternative


def test_nothing_overflows_a_slide(deck):
    """The documented rule: every shape inside the slide; a text frame's lines, at
    ceil(characters / 95) a paragraph and 1.2 × 16 pt a line (108 at 14 pt, 126 at 12 pt),
    fit its height."""
    for number, slide in enumerate(deck.slides, 1):
        for shape in slide.shapes:
            assert shape.left >= 0 and shape.top >= 0, number
            assert shape.left + shape.width <= SLIDE_W, (number, shape.name)
            assert shape.top + shape.height <= SLIDE_H, (number, shape.name)
            if shape.has_text_frame and shape != slide.shapes.title and shape.height == BODY_H:
                sizes = {r.font.size.pt for p in shape.text_frame.paragraphs for r in p.runs}
                assert len(sizes) == 1, number
                pt = int(sizes.pop())
                per_line, most = SETTINGS[pt]
                lines = sum(
                    max(1, math.ceil(len(p.text) / per_line)) for p in shape.text_frame.paragraphs
                )
                assert lines * Emu(int(pt * 1.2 * 12700)) <= shape.height, (number, lines)
                assert lines <= most, (number, lines)


def test_reference_text_is_set_smaller_before_it_continues(deck):
    """Roller and Korleis utgreiingar blir gjorde: one slide each at 12 pt, no continuation."""
    shown = titles(deck)
    assert not any(t.endswith("(framhald)") for t in shown)
    for title in ("Roller", "Korleis utgreiingar blir gjorde"):
        slide = next(s for s in deck.slides if s.shapes.title and s.shapes.title.text == title)
        body = next(s for s in slide.shapes if s.has_text_frame and s.height == BODY_H)
        sizes = {r.font.size.pt for p in body.text_frame.paragraphs for r in p.runs}
        assert sizes == {REFERENCE_PT}
    fits = next(
        s for s in deck.slides if s.shapes.title and s.shapes.title.text == "Samarbeidsavtalen"
    )
    assert {  # only what needs it
        r.font.size.pt
        for s in fits.shapes
        if s.has_text_frame and s.height == BODY_H
        for p in s.text_frame.paragraphs
        for r in p.runs
    } == {FONT_PT}


def test_long_sections_continue_on_more_slides():
    """What does not fit even at the smallest size for its kind flows onto a continuation."""
    items = tuple(f"Punkt {n}: " + "ord " * 40 for n in range(30))
    long = StatusReport(
        "Sogn KO",
        "Status mars 2026",
        "2026-03",
        "nn",
        (
            Section("principles", "Roller", blocks=(Block("Styret", items),)),
            Section("cooperation", "Løn", blocks=(Block("Status", items),)),
        ),
    )
    deck = Presentation(io.BytesIO(services.render(long, "pptx")))
    shown = titles(deck)
    assert "Roller (framhald)" in shown and "Løn (framhald)" in shown
    text = "\n".join(slide_text(s) for s in deck.slides)
    assert all(item.strip() in text for item in items)


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
    report = build_status_report(
        export_register(), "2026-03", organisation="sogn-ko", language=language
    )
    assert report.title == title and report.language == language


def test_a_report_for_december_holds_nothing_decided_or_recorded_later(sogn):
    from samvirke.lib import partial_date

    data = export_register()
    later_decisions = [
        d["title"]
        for d in data["decisions"]
        if d.get("date")
        and partial_date.parse(d["date"]).first > partial_date.parse("2025-12").last
    ]
    assert later_decisions  # the board's decisions of 23 February 2026 among them
    report = services.status_report("2025-12", organisation="sogn-ko")
    html = services.render(report, "html").decode()
    for title in later_decisions:
        assert title not in html, title
    march_entry = "Vertskommuneavtale ligg til signering hjå kommunedirektørane."
    assert march_entry not in html  # a status entry recorded for March 2026
    assert (
        march_entry
        in services.render(
            services.status_report("2026-03", organisation="sogn-ko"), "html"
        ).decode()
    )
