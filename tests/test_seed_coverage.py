"""Every fact of the seed deck ("Status mars 2026") is on the portal and in the JSON export.

Each fact is given as the portal shows it and, where that differs, as the export holds it
(numbers unformatted, dates as ISO text). The portal is crawled from its home page by
its own links, so a fact counts only if a visitor can reach it.
"""

import json
import re
from html import unescape

import pytest

from samvirke.interchange.exporter import dump, export_register

# The marker makes pytest-django set up the test database even when this file runs alone
# (its module fixtures read the register; without a test asking for the database they
# read the development database under var/).
pytestmark = pytest.mark.django_db

# (as shown on the portal, as held in the export)
FACTS = [
    # Population tables ("Me veks!", "30 000 i 2027?")
    ("K-4639 Vik", '"4639"'),
    ("12 319", '"value": 12319'),
    ("12 496", '"value": 12496'),
    ("12 552", '"value": 12552'),
    ("2 551", '"value": 2551'),
    ("5 478", '"value": 5478'),
    ("29 440", None),
    ("29 715", None),
    ("29 829", None),
    ("2024K2", '"period": "2024K2"'),
    ("2023K4", '"period": "2023K4"'),
    ("122", '"value": 122'),
    ("-82", '"value": -82'),
    # Profil, merkevare og rekruttering
    ("Profilhandbok ferdigstilt og versjon 2 av Sogn.no er publisert.", None),
    ("Sognafest, Sognating, karrieremesser", None),
    ("Forankringsaktivitet", None),
    ("Sogn Næring er engasjert til det operative arbeidet", None),
    ("Berekraftig forretningsmodell for profil og rekrutteringsplattform", None),
    ("Livet i Sogn – innhaldsstrategi for sosiale medier", None),
    ("Fysiske kjennemerke", None),
    ("Bygge lokalt og regionalt eigarskap og aktivitet rundt merkevara", None),
    # Barnevern
    ("Vertskommuneavtale om ny felles barnevernsteneste i regionen er vedteke av alle", None),
    ("hovudkontor i Sogndal og avdelingskontor i Lærdal", None),
    ("Vertskommuneavtale ligg til signering hjå kommunedirektørane", None),
    ("Det er gjennomført 2 møte og prosjektet held tidsplan", None),
    ("Sogndal stiller med prosjektleiarressurs", None),
    ("1. januar 2027", '"2027-01-01"'),
    # NAV
    ("Fem kommunar fatta i desember 2025 positive prinsippvedtak", None),
    ("Informasjonsskriv til alle Nav-tilsette i Sogn utsendt 27/2", None),
    ("Oppstartsmøte i styringsgruppa", None),
    ("Kommunedirektør i Årdal", None),
    # Løn
    ("4. juni 2025", '"2025-06-04"'),
    ("Etablere forpliktande nettverk for lønnstenester", None),
    ("Det er gjennomført 3 møte i nettverket", None),
    ("Luster og Vik er allereie del av nettverk for lønn gjennom SysIKT", None),
    ("Ved at Lærdal, Sogndal og Årdal går inn i lønnsnettverket til SysIKT", None),
    ("setje Sogn KO sitt nettverk på vent", None),
    # PPT
    ("prosjektmandat for innsiktsarbeidet for PPT-samarbeid", None),
    ("2 innsiktsøkter, intervju og løysingsøkt er gjennomført", None),
    ("Dei tilsette i tenestene er inviterte til å gje kommentarar", None),
    ("7. april 2026", '"2026-04-07"'),
    # Næringsutvikling
    ("10 % frå kvar kommune bør nyttast regionalt", None),
    ("full tenestekatalog", None),
    ("robust regional privateigd utviklingskapasitet", None),
    ("Visit Sognefjord er kritisk infrastruktur", None),
    ("grunntilskot og målretta tilskot", None),
    ("næringshageoperatør", None),
    ("9. mars 2026", '"2026-03-09"'),
    ("Eigarane i Sogn Næring er positive til å dele eigarskapet", None),
    # Kart, oppmåling og GIS
    ("november–desember 2025", '"2025-11/2025-12"'),
    ("Luster kommune vert vertskommune frå 1.1.2027", None),
    # Skog i Sogn
    ("Høyanger gjekk ut av samarbeidet", None),
    ("2,6 årsverk", '"resources": 2.6'),
    ("Samarbeidsavtalen vart vedteken i dei seks kommunestyra desember 2025", None),
    # Ureining
    ("9. desember 2025", '"2025-12-09"'),
    ("Luster eller Sogndal har meldt inn interesse", None),
    ("Kompetansemiljøet til Simas IKS", None),
    ("drøftingsreferat", None),
    ("gebyrforskrifta", None),
    # Veteranplan
    ("veteranane blir verdsette", None),
    ("offentleg høyring", None),
    ("veterankontaktar", None),
    ("Kommunane ber kostnadane", None),
    # Ressurskrevjande tenester
    ("utviklingshemming, psykisk helse og autismespekteret", None),
    ("I dag kjøper kommunane slike tenester frå private aktørar", None),
    ("800 000", '"amount": 800000'),
    ("200 000", '"amount": 200000'),
    ("Lyst ut på anbod", None),
    ("Styringsgruppe med kommunalsjefane", None),
    ("Statsforvaltaren", None),
    # Samfunnstryggleik og beredskap
    ("1 100 000", '"amount": 1100000'),
    ("Halvard Gjerde", None),
    ("beredskapsfellesskap", None),
    ("nasjonal og militær beredskap", None),
    # Eksisterande samarbeid
    ("Skalere opp samarbeid som fungerer godt", None),
    ("Oversyn over alle etablerte samarbeid", None),
    ("Plan for administrativ og politisk oppfølging", None),
    ("Gjennomgang av avtalar", None),
    ("profesjonalisering av eigarstyring og rapportering", None),
    # Integrering
    ("Sogn Opportunity", None),
    ("Bedriftsnettverk", None),
    ("Mitt Sogn", None),
    ("næringsnettverket tek over ansvaret for tiltaka", None),
    ("sogn for alle", None),
    # Barnehage- og skuleutvikling
    ("livsmeistring gjennom styrka tilpassa og inkluderande opplæring", None),
    ("Kompetanseregion Sogn", None),
    ("august 2025", '"2025-08"'),
    # Andre samarbeid
    ("Alarmsentralen IKS", None),
    ("Luster kommune har på oppdrag frå Sogn KO utgreidd", None),
    ("TryggEst", None),
    ("vern av risikoutsette vaksne", None),
    ("Green Hydra", None),
    ("Interreg-prosjekt i regi av Sogndal kommune", None),
    # Nettverk
    ("Næringsnettverket", None),
    ("HR-nettverket", None),
    ("Helse- og omsorgsnettverket", None),
    ("Oppmålingsgruppa", None),
    ("Fagnettverk byggesak", None),
    ("Fagnettverk plan", None),
    ("Fagnettverk landbruk", None),
    ("september–oktober 2025", '"2025-09/2025-10"'),
    # Bakgrunn
    ("Perspektivmeldinga 2024", None),
    ("685 000", None),
    ("Eldrebølgen", None),
    ("over 65 år i 2040", None),
    ("Bygge, eige og utvikle merkevara Sogn", None),
    ("Styrke samarbeidet mellom administrasjonane i Sogn", None),
    ("Liten administrasjon og spele på ressursmiljø", None),
    ("Fremje og vidareutvikle tenestesamarbeid i regionen", None),
    ("etter vedteken fordelingsnøkkel i Sognarådet IPR", None),
    ("Kommunane har ei sjølvstendig plikt", None),
    # Organisasjonen
    ("Kjell Bøe Bjørgum", None),
    ("Stig Ove Ølmheim", None),
    ("Andreas Wollnick Wiese", None),
    ("Audun Mo", None),
    ("Roy Egil Stadheim", None),
    ("Christian Sønstlien", None),
    ("Siri Fahlvik Pettersen", None),
    ("Gunn Lerøy", None),
    ("Jon Bolstad", None),
    ("Mette Hestetun Berg", None),
    ("Steinar Sørgård", None),
    ("Jarle Skartun", None),
    ("Ingrid Steine Bortne", None),
    ("Torgeir Skålid", None),
    ("Yngve Hallén", None),
    ("Karina Nerland", None),
    ("Sognasmed", None),
    ("70 %", '"position_share": 70'),
    ("Sognateamet", None),
    ("post- og arkivtenester, IKT, løn, personal, økonomi og rekneskap", None),
    ("Vel styre og vedtek budsjett, årsrekneskap og årsmelding", None),
    ("Leiar arbeidsfellesskapet vårt", None),
    ("flat struktur (ingen leiar)", None),
    ("Det er for seint å fikse 2030 i 2030", None),
    # Utgreiing
    ("Tillitsvalde som aktive deltakarar i alle prosessar", None),
    ("Sogndal kommune har spelt inn at dei har kapasitet ved behov", None),
    ("Tap av (illusjonen om) kontroll for bestillar", None),
    # Prinsipp
    ("19. august 2025", '"2025-08-19"'),
    ("20. oktober 2025", '"2025-10-20"'),
    ("25 % fordelt likt", None),
    ("75 % etter folketal eller anna relevant kriterium", None),
    ("verksemdoverdraging", None),
]


def crawl(client) -> str:
    """The text of every portal page reachable from the home page (which goes on to the only
    listed region, /r/sogn-ko/; Sognarådet IPR's staff are on it as its team partner's)."""
    seen, queue, texts = set(), ["/"], []
    while queue:
        url = queue.pop()
        if url in seen:
            continue
        seen.add(url)
        # "/" sends a visitor on to the region's home (/r/sogn-ko/); follow it like a browser
        response = client.get(url, follow=True)
        assert response.status_code == 200, url
        seen.update(target for target, _status in response.redirect_chain)
        if not response["Content-Type"].startswith("text/html"):
            continue  # a download (PDF, PowerPoint)
        html = response.content.decode()
        texts.append(html)
        for link in re.findall(r'href="(/[^"#?]*)"', html):
            inside = re.sub(r"^/r/[^/]+", "", link)  # a region's pages: /r/<slug>/…
            if not inside.startswith(("/admin", "/stab", "/static", "/i18n")) and link not in seen:
                queue.append(link)
    text = re.sub(r"<[^>]+>", " ", unescape(" ".join(texts)))
    return re.sub(r"\s+", " ", text.replace("\xa0", " ").replace("\u202f", " "))


@pytest.fixture(scope="module")
def portal_text(django_db_setup, django_db_blocker):
    from django.test import Client

    with django_db_blocker.unblock():
        return crawl(Client())


@pytest.fixture(scope="module")
def export_text(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        return dump(export_register(), "json")


@pytest.mark.parametrize(("shown", "held"), FACTS, ids=[f[0][:40] for f in FACTS])
def test_the_fact_is_on_the_portal_and_in_the_export(portal_text, export_text, shown, held):
    assert shown.replace("-", "−") in portal_text or shown in portal_text
    expected = held or shown
    if held is None and re.fullmatch(r"[\d ]+", shown):
        return  # a derived region sum: the export holds the municipalities' figures only
    assert expected in export_text


def test_the_export_is_valid_json(export_text):
    assert json.loads(export_text)["municipalities"]
