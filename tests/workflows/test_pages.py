"""The workflows on the portal, the staff dashboard and the staff pages, on the Sogn data."""

import re
from html import unescape

import pytest

from samvirke.registry.models import Agreement, Municipality
from samvirke.workflows.models import (
    AgreementElement,
    HostCandidate,
    HostCriterion,
    HostScore,
    HostSelection,
)


def text_of(response) -> str:
    assert response.status_code == 200
    body = re.sub(r"<[^>]+>", " ", response.content.decode())
    return re.sub(r"\s+", " ", unescape(body))


def test_an_agreement_shows_what_the_law_requires_and_what_is_not_confirmed(client, sogn):
    text = text_of(client.get("/avtalar/sogn-ko-samarbeidsavtale/"))
    assert "kommunelova § 19-4" in text
    assert "5 pliktige element manglar eller er ikkje stadfesta" in text
    assert "Oppgåver og delegert avgjerdsmyndigheit I avtalen pkt. 5" in text
    assert "Kontorkommune Ikkje stadfesta" in text
    assert "Ingen gjennomgang av denne avtalen er registrert." in text
    assert "Ansvarleg for gjennomgangen ukjend" in text


def test_a_recorded_missing_element_is_flagged_as_missing(client, sogn):
    agreement = Agreement.objects.get(slug="barnevern-vertskommuneavtale")
    AgreementElement.objects.create(agreement=agreement, element="withdrawal", state="missing")
    text = text_of(client.get("/avtalar/barnevern-vertskommuneavtale/"))
    assert "Uttreding Manglar" in text


def test_the_ppt_investigation_shows_its_process_bar(client, sogn):
    text = text_of(client.get("/samarbeid/ppt/"))
    assert "1. Mandat Fullført 4. juni 2025" in text
    assert "4. Tilråding Pågår" in text
    assert "5. Vedtak Ukjend" in text
    assert "Innsiktsøkt 2 (innsiktsøkt)" in text
    assert "Sluttrapport og tilråding til styremøte i Sogn KO (rapport), 7. april 2026" in text
    # the source: the employees "er inviterte til å gje kommentarar", not that they took part
    assert "Dei tilsette i tenestene Inviterte til å kommentere" in text
    assert "tok del ja" not in text
    assert "Tillitsvalde tok del ukjend" in text


def test_ureining_shows_the_candidates_and_no_invented_ranking(client, sogn):
    text = text_of(client.get("/samarbeid/ureining-miljo-tilsyn/"))
    assert "Sogndal (Har meldt inn interesse" in text and "Luster (Har meldt inn" in text
    assert "Kriterium vedtekne Kriterium og prinsipp for val av vertskommune" in text
    assert "19. august 2025 Kandidatar" in text
    assert "Ingen rangering enno: registeret manglar kriteria." in text


def test_a_scored_selection_shows_its_ranking_and_sensitivity(client, sogn):
    selection = HostSelection.objects.get(slug="ureining-vertskommune")
    sogndal, luster = (
        Municipality.objects.get(number="4640"),
        Municipality.objects.get(number="4644"),
    )
    for order, (name, weight, s, lu) in enumerate(
        [("Fagmiljø", 2, 4, 3), ("Reiseavstand", 1, 2, 5)], start=1
    ):
        criterion = HostCriterion.objects.create(
            selection=selection, slug=f"k{order}", order=order, name=name, weight=weight
        )
        HostScore.objects.create(criterion=criterion, municipality=sogndal, score=s)
        HostScore.objects.create(criterion=criterion, municipality=luster, score=lu)
    assert HostCandidate.objects.filter(selection=selection).count() == 2
    text = text_of(client.get("/samarbeid/ureining-miljo-tilsyn/"))
    # Luster (2·3 + 1·5)/3 = 3.67 ahead of Sogndal (2·4 + 1·2)/3 = 3.33
    assert "Luster: 3,67" in text and "Sogndal: 3,33" in text
    # Luster leads while 3 − w(Fagmiljø) ≥ 0 and while 3·w(Reiseavstand) − 2 ≥ 0
    assert "Fagmiljø: Luster held fram som nummer éin for vekter frå 0,00 til 3,00." in text
    assert "Reiseavstand: Luster held fram som nummer éin for alle vekter frå 0,67" in text


def test_the_nav_transfer_checklist(client, sogn):
    text = text_of(client.get("/samarbeid/nav/"))
    assert "Overdragingsdato ukjend" in text
    assert "Informasjon til dei tilsette Pågår Styringsgruppa" in text
    assert "Pensjon avklart Ukjend" in text


def test_the_annual_cycle_per_municipality(client, sogn):
    text = text_of(client.get("/arshjul/?ar=2026&kommune=4641"))
    assert "Årshjul 2026" in text
    assert "April" in text and "Rapport og tilråding til styremøte i Sogn KO" in text
    assert "Budsjett for Sogn KO" in text  # listed without a date
    assert (
        "/arshjul.ics?kommune=4641" in client.get("/arshjul/?ar=2026&kommune=4641").content.decode()
    )


def test_the_staff_dashboard_is_for_staff(client, sogn):
    response = client.get("/stab/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


# Årdal: NAV's host (the source names no NAV participants: "fem kommunar", not which)
@pytest.mark.parametrize("query", ["", "?kommune=4643", "?organ=sogn-ko-styret"])
def test_the_staff_dashboard_lists_what_is_due_and_the_gaps(staff_client, query, monkeypatch):
    import datetime as dt

    monkeypatch.setattr("django.utils.timezone.localdate", lambda: dt.date(2026, 4, 1))
    text = text_of(staff_client.get("/stab/" + query))
    assert "Forfell denne månaden (" in text
    assert "Rapport og tilråding til styremøte i Sogn KO" in text
    if "organ" not in query:
        assert "Vertskommuneavtale om felles barnevernsteneste" in text  # checklist gaps
        assert "NAV" in text and "informasjon til dei tilsette (pågår)" in text


def test_staff_record_a_review_in_the_admin(staff_client):
    agreement = Agreement.objects.get(slug="gis-vertskommuneavtale")
    url = f"/admin/registry/agreement/{agreement.pk}/change/"
    page = staff_client.get(url)
    assert page.status_code == 200
    assert "reviews-TOTAL_FORMS" in page.content.decode()


@pytest.mark.parametrize(
    "query",
    ["?ar=abc&kommune=<script>", "?ar=99999999&organ=%22%3E%3Cb%3E", "?kommune=4640&organ=x y"],
)
def test_hostile_filters_give_an_empty_annual_cycle_not_an_error(client, sogn, query):
    response = client.get("/arshjul/" + query)
    assert response.status_code == 200
    body = response.content.decode()
    assert "<script>" not in body and '"><b>' not in body
    feed = client.get("/arshjul.ics" + query)
    assert feed.status_code == 200 and feed.content.startswith(b"BEGIN:VCALENDAR")


def test_candidates_with_the_same_name_are_ranked_apart_by_number(sogn):
    from samvirke.workflows import selectors

    selection = HostSelection.objects.get(slug="ureining-vertskommune")
    # Norway has two Herøy (1515 in Møre og Romsdal, 1818 in Nordland)
    first = Municipality.objects.create(number="1515", name="Herøy")
    second = Municipality.objects.create(number="1818", name="Herøy")
    HostCandidate.objects.filter(selection=selection).delete()
    for m in (first, second):
        HostCandidate.objects.create(selection=selection, municipality=m)
    criterion = HostCriterion.objects.create(
        selection=selection, slug="k1", order=1, name="Fagmiljø", weight=1
    )
    HostScore.objects.create(criterion=criterion, municipality=first, score=2)
    HostScore.objects.create(criterion=criterion, municipality=second, score=4)
    matrix = selectors.host_matrix(selection)
    assert [(p.municipality.number, p.total) for p in matrix.ranking] == [
        ("1818", 4),
        ("1515", 2),
    ]


def test_the_annual_cycle_marks_open_items_past_their_day_as_overdue(client, sogn, monkeypatch):
    import datetime as dt

    monkeypatch.setattr("django.utils.timezone.localdate", lambda: dt.date(2026, 4, 5))
    html = client.get("/arshjul/?ar=2026").content.decode()
    rows = [r for r in re.findall(r"<tr><td>.*?</tr>", html, re.S)]
    march = [r for r in rows if "mars 2026</td>" in r]
    april = [r for r in rows if "april 2026</td>" in r]  # "april 2026" lasts to the 30th
    assert march and all('badge-forfalle">Forfalle<' in r for r in march)
    assert april and not any("Forfalle" in r for r in april)
    monkeypatch.setattr("django.utils.timezone.localdate", lambda: dt.date(2026, 1, 2))
    assert "Forfalle" not in client.get("/arshjul/?ar=2026").content.decode()
