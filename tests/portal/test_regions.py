"""Many regions on one installation: each organisation's portal at /r/<slug>/, lists and
reports that hold only its own records, the root listing the regions, and a municipality's
kap. 17 overview across every organisation."""

import io
import re
from collections import deque
from urllib.parse import urldefrag, urlparse

import pytest
from django.core.management import call_command
from django.urls import reverse
from pptx import Presentation

from samvirke.interchange.exporter import export_register
from samvirke.registry import regions
from samvirke.registry.models import Cooperation, Organisation
from samvirke.reports import services
from samvirke.reports.content import build_status_report

DEMO = "demo-region-03"
# links the crawl does not follow: staff pages, the API's own documents, downloads
SKIP = ("/admin/", "/stab/", "/logg-", "/i18n/", "/api/v1/docs", "/static/")
DOWNLOADS = (".pdf", ".pptx", ".xlsx", ".csv", ".ics", ".json")


@pytest.fixture
def national(sogn):
    call_command("load", "national-demo")


def region_names(slug: str) -> set[str]:
    organisation = Organisation.objects.get(slug=slug)
    return set(
        Cooperation.objects.filter(
            regions.cooperations_q(organisation), is_published=True
        ).values_list("name", flat=True)
    )


def others(slug: str) -> list[str]:
    """Names of published cooperations that are not the region's."""
    own = region_names(slug)
    names = Cooperation.objects.filter(is_published=True).values_list("name", flat=True)
    return sorted(set(names) - own)


def crawl(client, start: str, limit: int = 2000) -> dict[str, str]:
    """Every page reachable by the site's own links from ``start`` that stays under it:
    {path: html}. Fails on any answer other than 200, 301/302 within the site, or 404."""
    prefix = urlparse(start).path
    pages, seen, queue = {}, set(), deque([start])
    while queue and len(pages) < limit:
        path = queue.popleft()
        if path in seen:
            continue
        seen.add(path)
        response = client.get(path)
        assert response.status_code in (200, 301, 302), (path, response.status_code)
        if response.status_code != 200:
            queue.append(response["Location"])
            continue
        if "text/html" not in response["Content-Type"]:
            continue
        html = response.content.decode()
        pages[path] = html
        for href in re.findall(r'href="([^"]+)"', html):
            href = urldefrag(href.replace("&amp;", "&"))[0]
            if not href or href.startswith(("http", "mailto:", "#")):
                continue
            if href.startswith("?"):
                href = urlparse(path).path + href
            url = urlparse(href)
            if (
                url.path.startswith(prefix)
                and not url.path.removeprefix(prefix.rstrip("/")).startswith(SKIP)
                and not url.path.endswith(DOWNLOADS)
            ):
                queue.append(href)
    return pages


def test_the_root_goes_to_the_only_region_or_lists_them(client, sogn):
    # Sogn's data: Sogn KO is the one region with member municipalities
    response = client.get("/")
    assert response.status_code == 302 and response["Location"] == "/r/sogn-ko/"
    call_command("load", "national-demo")
    page = client.get("/").content.decode()
    assert page.count('<th scope="row"><a href="/r/') == 16
    sogn_count = len(region_names("sogn-ko"))
    assert re.search(
        rf'href="/r/sogn-ko/">Sogn kommunalt oppgåvefellesskap</a></th>'
        rf'.*?<td class="num">{sogn_count}</td>',
        page,
        re.S,
    )
    demo = Organisation.objects.get(slug=DEMO)
    demo_count = Cooperation.objects.filter(owner=demo, is_published=True).count()
    assert f'href="/r/{DEMO}/">{demo.name}</a></th><td>' in page
    assert re.search(rf'href="/r/{DEMO}/">.*?<td class="num">{demo_count}</td>', page, re.S)


def test_an_unknown_region_is_a_404_in_nynorsk(client, sogn):
    response = client.get("/r/finst-ikkje/samarbeid/")
    assert response.status_code == 404
    assert "Denne installasjonen har ingen region som heiter «finst-ikkje»" in (
        response.content.decode()
    )
    assert client.get("/r/sogn-ko").status_code == 301  # the region's root with its slash
    # a municipality is an organisation, but not a region with pages of its own
    assert client.get("/r/sogndal-kommune/").status_code == 404


def test_every_link_keeps_the_region_and_the_prefix_ends_with_the_request(client, sogn):
    page = client.get("/r/sogn-ko/samarbeid/").content.decode()
    links = [h for h in re.findall(r'href="(/[^"]*)"', page) if not h.startswith("/static/")]
    assert links and all(h.startswith("/r/sogn-ko/") or h == "/" for h in links), links
    assert 'href="/r/sogn-ko/samarbeid/barnevern/"' in page
    assert reverse("portal:cooperation_list") == "/samarbeid/"  # not left set after it


def test_a_page_of_another_region_goes_to_the_installations_page(client, national):
    """Not shown under this region: the visitor is sent to the installation's page for it
    (a municipality's overview links every organisation's records); unknown is a 404."""
    away = client.get(f"/r/{DEMO}/samarbeid/barnevern/")
    assert away.status_code == 302 and away["Location"] == "/samarbeid/barnevern/"
    assert client.get(away["Location"]).status_code == 200
    away = client.get("/r/sogn-ko/samarbeid/demo-region-03-001/")
    assert away.status_code == 302 and away["Location"] == "/samarbeid/demo-region-03-001/"
    assert client.get(f"/r/{DEMO}/samarbeid/demo-region-03-001/").status_code == 200
    assert client.get("/r/sogn-ko/samarbeid/barnevern/").status_code == 200
    assert client.get("/r/sogn-ko/samarbeid/finst-ikkje/").status_code == 404
    decision = client.get("/r/sogn-ko/vedtak/").content.decode()
    slug = re.search(r'href="/r/sogn-ko/vedtak/([^/"]+)/"', decision)[1]
    assert client.get(f"/r/{DEMO}/vedtak/{slug}/")["Location"] == f"/vedtak/{slug}/"


@pytest.mark.parametrize("slug", ["sogn-ko", DEMO])
def test_every_page_of_a_region_holds_only_its_own_cooperations(client, national, slug):
    forbidden = others(slug)
    own = region_names(slug)
    pages = crawl(client, f"/r/{slug}/")
    assert f"/r/{slug}/samarbeid/" in pages and f"/r/{slug}/arshjul/" in pages
    assert len(pages) > 20
    shown = set()
    for path, html in pages.items():
        if re.search(r"/kommunar/\d{4}/$", path):
            continue  # a municipality's overview gathers every organisation (tested below)
        found = [name for name in forbidden if f">{name}<" in html or f"{name} –" in html]
        assert not found, (path, found[:3])
        shown |= {name for name in own if name in html}
    assert shown == own  # and every one of its own is reachable


def test_the_region_api_lists_only_its_own(client, national):
    for url in (f"/r/{DEMO}/api/v1/cooperations", f"/api/v1/cooperations?organisation={DEMO}"):
        body = client.get(url).json()
        demo = Organisation.objects.get(slug=DEMO)
        assert body["count"] == Cooperation.objects.filter(owner=demo, is_published=True).count()
        assert all(row["slug"].startswith(f"{DEMO}-") for row in body["items"])
    sogn = client.get("/api/v1/cooperations?organisation=sogn-ko").json()
    assert {row["name"] for row in sogn["items"]} == region_names("sogn-ko")
    assert client.get("/api/v1/cooperations?organisation=finst-ikkje").status_code == 404
    assert client.get("/r/sogn-ko/api/v1/cooperations?organisation=" + DEMO).status_code == 422
    schema = client.get("/api/v1/openapi.json").json()
    parameters = schema["paths"]["/api/v1/cooperations"]["get"]["parameters"]
    assert any(p["name"] == "organisation" and "/r/" in p["description"] for p in parameters)


def test_a_municipality_overview_gathers_every_organisation(client, national):
    # 9001's participations span the demo regions it takes part in; the page is the same
    # under any prefix and shows them all
    from samvirke.registry.models import Participation

    names = set(
        Participation.objects.filter(
            municipality__number="9001", cooperation__is_published=True
        ).values_list("cooperation__name", flat=True)
    )
    assert names
    for path in ("/kommunar/9001/", "/r/sogn-ko/kommunar/9001/", f"/r/{DEMO}/kommunar/9001/"):
        html = client.get(path).content.decode()
        assert all(name in html for name in names), path
    api = client.get("/api/v1/municipalities/9001/overview").json()
    assert {c["name"] for c in api["cooperations"]} >= names


def test_the_sogn_deck_is_the_same_with_the_national_register(sogn):
    def slides(organisation):
        report = build_status_report(export_register(), "2026-03", organisation=organisation)
        deck = Presentation(io.BytesIO(services.render(report, "pptx")))
        return [s.shapes.title.text for s in deck.slides if s.shapes.title is not None]

    alone = slides("sogn-ko")
    call_command("load", "national-demo")
    assert slides("sogn-ko") == alone
    demo = slides(DEMO)
    assert not set(demo) & set(region_names("sogn-ko"))
    assert "Samarbeid om" in " ".join(demo)


@pytest.mark.parametrize("slug", ["sogn-ko", DEMO])
def test_every_report_of_a_region_builds_and_holds_only_its_own(client, national, slug):
    forbidden = others(slug)
    for url in (
        f"/r/{slug}/rapportar/status/?period=2026-03&format=html",
        f"/r/{slug}/rapportar/vedtaksoppfolging/?format=html",
        f"/r/{slug}/arshjul.ics",
        f"/r/{slug}/api/v1/calendar?year=2026",
        f"/r/{slug}/api/v1/decisions",
        f"/r/{slug}/api/v1/meetings",
        f"/r/{slug}/api/v1/agreements",
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        text = response.content.decode()
        assert not [n for n in forbidden if n in text], url
    pptx = client.get(f"/r/{slug}/rapportar/status/?period=2026-03&format=pptx")
    assert pptx.status_code == 200
    titles = " ".join(
        s.shapes.title.text
        for s in Presentation(io.BytesIO(pptx.content)).slides
        if s.shapes.title is not None
    )
    assert not [n for n in forbidden if n in titles]


def test_editions_and_builds_belong_to_their_region(client, national, settings):
    from samvirke.reports.models import Edition

    services.publish("2026-03", organisation="sogn-ko", language="nn")
    services.publish("2026-03", organisation=DEMO, language="nn")
    sogn_edition = Edition.objects.get(organisation="sogn-ko")
    demo_edition = Edition.objects.get(organisation=DEMO)
    sogn_page = client.get("/r/sogn-ko/rapportar/").content.decode()
    demo_page = client.get(f"/r/{DEMO}/rapportar/").content.decode()
    assert sogn_edition.slug in sogn_page and demo_edition.slug not in sogn_page
    assert demo_edition.slug in demo_page and sogn_edition.slug not in demo_page
    url = f"/r/{DEMO}/rapportar/utgaver/{sogn_edition.slug}.html"
    assert client.get(url).status_code == 404
    # the files a reader downloads say whose they are
    assert sogn_edition.slug.startswith("status-sogn-ko-2026-03-nn-")
    assert demo_edition.slug.startswith(f"status-{DEMO}-2026-03-nn-")


def test_a_regions_downloads_and_calendar_name_the_region(client, national):
    deck = client.get(f"/r/{DEMO}/rapportar/status/?period=2026-03&format=pptx")
    assert f'filename="status-{DEMO}-2026-03.pptx"' in deck["Content-Disposition"]
    feed = client.get("/r/sogn-ko/arshjul.ics")
    assert 'filename="arshjul-sogn-ko.ics"' in feed["Content-Disposition"]
    assert "X-WR-CALNAME:samvirke: årshjul – Sogn KO" in feed.content.decode()
    whole = client.get("/arshjul.ics").content.decode()  # the installation's: no region
    assert "X-WR-CALNAME:samvirke: årshjul\r\n" in whole


def test_the_page_cache_keeps_regions_apart(client, national, settings):
    settings.SAMVIRKE_PAGE_CACHE = True
    sogn = client.get("/r/sogn-ko/samarbeid/").content.decode()
    demo = client.get(f"/r/{DEMO}/samarbeid/").content.decode()
    again = client.get("/r/sogn-ko/samarbeid/").content.decode()
    assert "syntetisk" not in sogn and "syntetisk" in demo and again == sogn


def test_the_staff_pages_under_a_region_show_no_more_than_the_role_allows(client, national):
    from tests.access.conftest import make_user
    from tests.conftest import login_verified

    # the public gets the same login redirect under a region as without one
    response = client.get("/r/sogn-ko/stab/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
    login_verified(client, make_user("staff"))  # staff of Sogn KO
    plain = client.get("/stab/manadleg/").content.decode()
    under_demo = client.get(f"/r/{DEMO}/stab/manadleg/").content.decode()
    for page in (plain, under_demo):
        # its own cooperations, never the demo region's (whose name the header shows)
        assert "Barnevern" in page and "Samarbeid om" not in page


def test_un_prefixed_pages_present_the_whole_installation(client, national):
    page = client.get("/samarbeid/").content.decode()
    published = Cooperation.objects.filter(is_published=True).count()
    assert f"<caption>{published} " in page
