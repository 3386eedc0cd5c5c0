"""With the national demo register loaded (3 000 more cooperations), every list shows one
page of at most 50 rows and every page costs the same number of queries as on Sogn's data."""

import re

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from samvirke.portal.paging import PAGE_SIZE
from samvirke.registry.models import Cooperation

PAGES = [
    "/r/sogn-ko/",
    "/r/sogn-ko/samarbeid/",
    "/r/sogn-ko/samarbeid/barnevern/",
    "/r/sogn-ko/kommunar/",
    "/r/sogn-ko/kommunar/4640/",
    "/r/sogn-ko/vedtak/",
    "/r/sogn-ko/organ/",
    "/r/sogn-ko/nettverk/",
    "/r/sogn-ko/moter/",
    "/r/sogn-ko/avtalar/",
    "/r/sogn-ko/arshjul/?ar=2026",
    "/r/sogn-ko/rapportar/",
    "/r/sogn-ko/api/v1/cooperations",
    "/samarbeid/",
    "/samarbeid/?phase=drift",
    "/samarbeid/?municipality=9001&page=2",
    "/samarbeid/barnevern/",
    "/samarbeid/demo-region-03-001/",
    "/kommunar/",
    "/kommunar/?page=3",
    "/kommunar/4640/",
    "/kommunar/9100/",
    "/avtalar/",
    "/vedtak/",
    "/api/v1/cooperations",
    "/api/v1/cooperations?phase=drift&page=3",
    "/api/v1/cooperations/demo-region-03-001",
    "/api/v1/municipalities?page=2",
    "/api/v1/agreements",
    "/api/v1/decisions",
    "/organ/",
    "/tilsette/",
    "/nettverk/",
    "/moter/",
    "/api/v1/bodies",
    "/api/v1/networks",
    "/api/v1/meetings",
    "/samarbeid/?sort=-name&page=3",
    "/kommunar/?sort=name&page=2",
    "/api/v1/cooperations?sort=name&page=2",
]


def queries(client, url: str) -> int:
    """Queries of a page once what the process caches is warm (the home page caches)."""
    client.get(url)
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200, url
    return len(context)


@pytest.fixture
def national(sogn):
    call_command("load", "national-demo")


def test_query_counts_stay_constant_with_the_national_register(client, sogn):
    sogn_pages = [
        url
        for url in PAGES
        if "9" not in url and "demo" not in url and ("?" not in url or "arshjul" in url)
    ]
    before = {url: queries(client, url) for url in sogn_pages}
    call_command("load", "national-demo")
    after = {url: queries(client, url) for url in sogn_pages}
    assert after == before
    # pages of the demo (filtered, further pages, its records) cost what Sogn's pages cost
    same_kind = {
        "/samarbeid/?phase=drift": "/samarbeid/",
        "/samarbeid/?municipality=9001&page=2": "/samarbeid/",
        "/kommunar/?page=3": "/kommunar/",
        "/api/v1/cooperations?phase=drift&page=3": "/api/v1/cooperations",
        "/samarbeid/?sort=-name&page=3": "/samarbeid/",
        "/kommunar/?sort=name&page=2": "/kommunar/",
        "/api/v1/cooperations?sort=name&page=2": "/api/v1/cooperations",
    }
    assert {url: queries(client, url) for url in same_kind} == {
        url: before[sogn] for url, sogn in same_kind.items()
    }
    # a demo cooperation or municipality has no bodies, decisions or agreements whose
    # prefetches run: fewer queries, never more
    assert queries(client, "/samarbeid/demo-region-03-001/") <= before["/samarbeid/barnevern/"]
    assert queries(client, "/kommunar/9100/") <= before["/kommunar/4640/"]
    # a demo region's pages cost what Sogn's region pages cost (or less: no bodies,
    # decisions, meetings or agreements whose prefetches run)
    for page in ("", "samarbeid/", "kommunar/", "vedtak/", "organ/", "arshjul/?ar=2026"):
        demo = queries(client, f"/r/demo-region-03/{page}")
        assert demo <= before[f"/r/sogn-ko/{page}"], page
    assert queries(client, "/r/demo-region-03/samarbeid/?page=3") == before["/r/sogn-ko/samarbeid/"]
    assert (
        queries(client, "/r/demo-region-03/api/v1/cooperations?page=2")
        == (before["/r/sogn-ko/api/v1/cooperations"])
    )


def test_the_list_of_regions_costs_the_same_however_many_regions(client, national):
    from samvirke.registry.models import Municipality, Organisation, OrganisationMember

    fifteen = queries(client, "/")
    region = Organisation.objects.create(slug="ny-region", name="Ny region", legal_form="ipr")
    OrganisationMember.objects.create(
        organisation=region, municipality=Municipality.objects.get(number="9001")
    )
    Cooperation.objects.create(slug="ny", name="Nytt samarbeid", owner=region, is_published=True)
    assert "Ny region" in client.get("/").content.decode()
    assert queries(client, "/") == fifteen


def test_lists_hold_at_most_one_page(client, national):
    page = client.get("/samarbeid/").content.decode()
    assert len(re.findall(r'<th scope="row">', page)) == PAGE_SIZE
    published = Cooperation.objects.filter(is_published=True).count()
    assert published > 2800
    assert f"<caption>{published} " in page  # the caption counts every match, not the page
    for url in ("/api/v1/cooperations", "/api/v1/municipalities", "/api/v1/cooperations?page=2"):
        body = client.get(url).json()
        assert len(body["items"]) == PAGE_SIZE
        assert body["count"] > PAGE_SIZE
    municipalities = client.get("/kommunar/").content.decode()
    assert len(re.findall(r'<li><a href="/kommunar/\d{4}/">', municipalities)) == PAGE_SIZE


def test_the_next_page_link_keeps_the_filters(client, national):
    assert Cooperation.objects.filter(phase="drift", legal_model="ko").count() > PAGE_SIZE
    page = client.get("/samarbeid/?phase=drift&legal_model=ko").content.decode()
    assert 'href="?phase=drift&amp;legal_model=ko&amp;page=2"' in page
    second = client.get("/samarbeid/?phase=drift&legal_model=ko&page=2")
    assert 'rel="prev"' in second.content.decode()
    assert "badge-drift" in second.content.decode()
    assert "badge-ide" not in second.content.decode()


def test_the_demos_drafts_stay_drafts(client, national):
    assert client.get("/samarbeid/demo-region-01-041/").status_code == 404
