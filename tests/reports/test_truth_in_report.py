"""The deck, the pages and the kap. 17 overview say what the source says: a count stated
without names as a count, a phase read from a sentence as a reading, no unknown host where
none is expected, the councils' decisions as decisions."""

import re
from html import unescape

import pytest

from samvirke.interchange.exporter import export_register
from samvirke.reports.content import build_status_report
from samvirke.reports.documents import FollowUpFilters, follow_up_report, municipality_report


def text_of(response) -> str:
    page = response.content.decode()
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", page)))


@pytest.fixture
def sections(sogn):
    report = build_status_report(export_register(), "2026-03", organisation="sogn-ko")
    found = {}
    for s in report.sections:
        for part in (s, *s.parts):
            found[part.title] = part
    return found


def test_the_deck_shows_nav_as_five_of_six(sections):
    facts = dict(sections["NAV"].facts)
    assert facts["Deltakarar"].startswith("5 av 6 kommunar (desember 2025)")
    assert "kjelda seier ikkje kva kommunar" in facts["Deltakarar"]
    assert "Deltakarstatus" not in " ".join(sections["NAV"].notes)


def test_the_deck_marks_a_phase_read_from_the_source(sections):
    facts = dict(sections["Barnevern"].facts)
    assert facts["Fase"] == "Etablering (lese ut frå kjelda)"
    assert any("Prosjektplan for etableringa" in n for n in sections["Barnevern"].notes)
    assert dict(sections["Kart, oppmåling og GIS"].facts)["Fase"] == "Avtale"


def test_the_deck_has_no_unknown_host_where_none_is_expected(sections):
    for title in ("Profil, merkevare og rekruttering", "Veteranplan for Sognaregionen"):
        notes = " ".join(sections[title].notes)
        assert "Vertskommune" not in notes, title
    # a host still to be chosen is unknown
    assert "Vertskommune" in " ".join(sections["Ureining, miljø og tilsyn av private avløp"].notes)


def test_the_deck_names_the_councils_once_for_the_same_decision(sections):
    decisions = next(b for b in sections["Barnevern"].blocks if b.heading == "Vedtak").items
    councils = [d for d in decisions if "Kommunestyret i" in d]
    assert len(councils) == 1  # one line for the six councils, not six lines
    assert councils[0].count("Kommunestyret i") == 6


def test_the_cooperation_page_shows_the_count_and_the_sentences(client, sogn):
    nav = text_of(client.get("/samarbeid/nav/"))
    assert "5 av 6 kommunar (desember 2025)" in nav
    assert "Kjelda gjev talet, ikkje kva kommunar" in nav
    barnevern = text_of(client.get("/samarbeid/barnevern/"))
    assert "Lese ut frå kjelda, som ikkje nemner fasen" in barnevern
    assert "Kommunestyret i Vik" in barnevern  # Vik's status refers to its decision
    hydra = text_of(client.get("/samarbeid/green-hydra/"))
    assert "Vertskommune" not in hydra


def test_lon_and_its_network_are_one_network(client, sogn):
    lon = text_of(client.get("/samarbeid/lon/"))
    assert "Rettssubjekt" not in lon  # not "Rettssubjekt: SysIKT"
    assert "Nettverk for lønnstenester (det same nettverket)" in lon
    networks = text_of(client.get("/nettverk/"))
    assert "Det same nettverket som samarbeidet Løn" in networks
    assert "Lønnsnettverket til SysIKT" in networks


def test_the_municipality_page_and_report_list_its_council_s_decisions(client, sogn):
    page = text_of(client.get("/kommunar/4641/"))
    council = page.split("Vedtak i kommunestyret")[1].split("Medlem av")[0]
    assert "Vertskommuneavtale om ny felles barnevernsteneste" in council
    assert "Samarbeidsavtale for Skog i Sogn" in council
    assert "kart, oppmåling og GIS" not in council  # the source does not name Aurland
    # its status on barnevern refers to its council's decision
    assert "Vedteke (desember 2025) Kommunestyret i Aurland, desember 2025" in page
    report = municipality_report("4641", "html").decode()
    assert "Vedtak i kommunestyret" in report and "Samarbeidsavtale for Skog i Sogn" in report


def test_council_decisions_are_in_the_decision_list_and_the_follow_up_report(client, sogn):
    listing = text_of(client.get("/vedtak/?body=kommunestyret-vik"))
    assert "Vertskommuneavtale om ny felles barnevernsteneste" in listing
    assert "Vertskommuneavtale om kart, oppmåling og GIS" in listing
    report = follow_up_report(
        FollowUpFilters(body="kommunestyret-luster"), "html", organisation=None
    ).decode()
    assert "Samarbeidsavtale for Skog i Sogn" in report


def test_the_transfer_checklist_agrees_with_the_recorded_date(client, sogn):
    page = text_of(client.get("/samarbeid/kart-oppmaling-gis/"))
    row = page.split("Overdragingsdato fastsett")[1][:120]
    assert "Fullført" in row and "1. januar 2027" in row
    nav = text_of(client.get("/samarbeid/nav/"))
    assert "Ukjend" in nav.split("Overdragingsdato fastsett")[1][:40]  # NAV: no date recorded
