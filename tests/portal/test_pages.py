"""Each portal page shows its key facts from the Sogn register, at a known query cost."""

import html
import re

import pytest

from samvirke.governance.models import Decision
from samvirke.registry.models import Cooperation, StatusEntry


def text_of(response) -> str:
    """The page's text, tags dropped and spaces (also non-breaking) folded."""
    html = response.content.decode()
    text = re.sub(r"<[^>]+>", " ", html).replace("\xa0", " ").replace("\u202f", " ")
    return re.sub(r"\s+", " ", text)


@pytest.mark.parametrize(
    ("url", "facts"),
    [
        (
            "/r/sogn-ko/",
            [
                "Sogn kommunalt oppgåvefellesskap",
                "29 829",
                "2025K4",
                "+114",
                "Innsikt og utgreiing",
                "Prosjektplan for etablering av ny felles barnevernsteneste",
                "23. februar 2026",
            ],
        ),
        (
            "/samarbeid/",
            ["17 samarbeid", "Barnevern", "Kart, oppmåling og GIS", "Sogndal", "Luster"],
        ),
        (
            "/samarbeid/barnevern/",
            [
                "Vertskommune (paragraf ikkje oppgitt)",
                "Etablering",
                "1. januar 2027",
                "desember 2025",
                "Styringsgruppa for barnevern",
                "Kommunalsjef i Sogndal",
                "Vertskommuneavtale ligg til signering hjå kommunedirektørane.",
                "Prosjektplan for etablering av ny felles barnevernsteneste",
                "Sogndal stiller med prosjektleiarressurs",
            ],
        ),
        (
            "/samarbeid/ressurskrevjande-tenester/",
            ["Statsforvaltaren", "800 000", "200 000", "Eigeninnsats", "Lyst ut på anbod."],
        ),
        ("/samarbeid/skog-i-sogn/", ["2,6 årsverk", "Høyanger", "Utmeld", "Vik"]),
        (
            "/kommunar/4643/",
            [
                "Årdal kommune",
                "954679721",
                "NAV",
                # its role in NAV, in the one overview: host; the source names no NAV
                # participants ("fem kommunar"), so not "deltakar"
                "5 av 6 kommunar (kjelda seier ikkje kva kommunar)",
                "Mette Hestetun Berg",
                "kommunelova kap. 17",
            ],
        ),
        (
            "/avtalar/",
            ["Vertskommuneavtale om felles barnevernsteneste", "Samarbeidsavtale for Skog i Sogn"],
        ),
        (
            "/vedtak/",
            [
                "Hovudregel for kostnadsfordeling i nye tenestesamarbeid",
                "20. oktober 2025",
                "Gjennomgang av avtalar",
                "ukjend dato",
            ],
        ),
        (
            "/organ/",
            [
                "Representantskapet i Sogn KO",
                "Kjell Bøe Bjørgum",
                "Leiar",
                "Aurland",
                "Styret i Sogn KO",
                "Gunn Lerøy",
                "Nestleiar",
            ],
        ),
        (
            "/tilsette/",
            [
                "Ingrid Steine Bortne",
                "Programleiar",
                "100 %",
                "Yngve Hallén",
                "70 %",
                "Sogndal kommune",
            ],
        ),
        (
            "/nettverk/",
            [
                "Fagnettverk byggesak",
                "september–oktober 2025",
                "Oppmålingsgruppa",
                "i liten grad formelle mandat",
            ],
        ),
        ("/folketal/", ["K-4640 Sogndal", "12 319", "29 440", "29 715", "29 829", "2024K2", "145"]),
        (
            "/om/",
            [
                "25 % fordelt likt",
                "Tillitsvalde som aktive deltakarar",
                "Sognateamet",
                "Perspektivmeldinga 2024",
            ],
        ),
    ],
)
def test_each_page_shows_its_key_facts(client, sogn, url, facts):
    text = text_of(client.get(url))
    for fact in facts:
        assert fact in text, f"{fact!r} missing on {url}"


@pytest.mark.parametrize(
    ("url", "queries"),
    [
        ("/r/sogn-ko/", 13),  # the region's home (the root goes there)
        ("/samarbeid/", 5),  # with the board's places, ranked in one small query
        ("/samarbeid/barnevern/", 13),
        ("/kommunar/", 2),
        # the kap. 17 overview, the same as the report's: everything it is in, agreements,
        # decisions, representatives, cost shares and its age structure; its council's
        # decisions (two queries); the councils whose members are unknown (one)
        ("/kommunar/4640/", 21),
        ("/avtalar/", 3),
        ("/vedtak/", 6),
        ("/organ/", 3),  # COUNT, page, members
        ("/tilsette/", 2),  # COUNT, page
        ("/nettverk/", 5),  # COUNT, page, members and their municipalities (SysIKT's)
        ("/folketal/", 20),
        ("/om/", 4),
    ],
)
# a list counts its rows (one COUNT) and reads one page of them
def test_each_page_has_a_fixed_query_cost(client, sogn, django_assert_num_queries, url, queries):
    with django_assert_num_queries(queries):
        assert client.get(url).status_code == 200


def listed(response) -> list[str]:
    """The names in the rows of the page's result table."""
    rows = re.findall(r'<th scope="row"><a href="[^"]+">([^<]+)</a>', response.content.decode())
    return [html.unescape(name) for name in rows]


@pytest.mark.parametrize(
    ("query", "names"),
    [
        (
            "phase=innsikt",
            # the board's order (BoardSection), not the alphabet
            ["PPT", "Ureining, miljø og tilsyn av private avløp", "Ressurskrevjande tenester"],
        ),
        ("phase=innsikt&municipality=4642", ["Ressurskrevjande tenester"]),
        ("host=4644", ["Kart, oppmåling og GIS"]),
        ("legal_model=iks", ["Alarmsentralen"]),
        ("service_area=skog", ["Skog i Sogn"]),
        ("municipality=4638", ["Skog i Sogn"]),
        ("phase=drift", []),
    ],
)
def test_the_filters_narrow_the_cooperation_list(client, sogn, query, names):
    assert listed(client.get(f"/samarbeid/?{query}")) == names


def test_unpublished_records_are_not_shown(client, sogn):
    Cooperation.objects.filter(slug="nav").update(is_published=False)
    StatusEntry.objects.filter(text__startswith="Profilhandbok").update(is_published=False)
    Decision.objects.filter(slug="styret-2026-02-23-barnevern").update(is_published=False)
    assert client.get("/samarbeid/nav/").status_code == 404
    assert "NAV" not in listed(client.get("/samarbeid/"))
    assert "Barnevern" in listed(client.get("/samarbeid/"))
    assert "Profilhandbok" not in text_of(client.get("/samarbeid/profil-merkevare-rekruttering/"))
    assert client.get("/vedtak/styret-2026-02-23-barnevern/").status_code == 404
    barnevern = client.get("/samarbeid/barnevern/").content.decode()
    assert "/vedtak/styret-2026-02-23-barnevern/" not in barnevern
    assert "NAV" not in listed(client.get("/kommunar/4643/"))
    assert "Barnevern" in listed(client.get("/kommunar/4643/"))


def test_the_municipality_page_is_one_overview_the_same_as_the_report(client, sogn):
    """No second, older participation table below it: each cooperation once, as in the PDF."""
    from samvirke.reports.documents import municipality_report

    page = client.get("/kommunar/4643/").content.decode()
    report = municipality_report("4643", "html").decode()
    names = listed(client.get("/kommunar/4643/"))
    cooperations = [n for n in names if n in {"NAV", "Barnevern", "Løn", "Skog i Sogn"}]
    assert (
        sorted(cooperations)
        == sorted(set(cooperations))
        == ["Barnevern", "Løn", "NAV", "Skog i Sogn"]
    )
    assert page.count("<h2") == report.count("<h2")
    headings = re.findall(r"<h2[^>]*>([^<]+)</h2>", page)
    assert headings == re.findall(r"<h2[^>]*>([^<]+)</h2>", report)
    assert "Vertskommune for" not in page
    assert "/rapportar/kommune/4643.pdf" in page and "/rapportar/kommune/4643.csv" in page


def test_unknown_records_give_not_found(client, sogn):
    for url in (
        "/samarbeid/finst-ikkje/",
        "/kommunar/0000/",
        "/vedtak/x/",
        "/organ/x/",
        "/avtalar/x/",
    ):
        assert client.get(url).status_code == 404


def test_the_portal_speaks_nynorsk_whatever_the_browser_asks(client, sogn):
    response = client.get("/r/sogn-ko/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert '<html lang="nn">' in response.content.decode()
    assert "Siste vedtak" in text_of(response)


@pytest.mark.parametrize(("language", "heading"), [("nb", "Folketall"), ("en", "Population")])
def test_the_visitor_can_choose_bokmal_or_english(client, sogn, language, heading):
    response = client.post(
        "/i18n/setlang/", {"language": language, "next": "/folketal/"}, follow=True
    )
    assert f'<html lang="{language}">' in response.content.decode()
    assert f"<h1>{heading}</h1>" in response.content.decode()
