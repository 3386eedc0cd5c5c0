"""Every list pages and sorts (?sort=key) on the portal and in the API; the sort survives
the page links and the filters survive the sort links."""

import html
import re

import pytest

from samvirke.governance.models import Network
from samvirke.lib.sorting import SORTS
from samvirke.portal.paging import PAGE_SIZE

LISTS = {
    "/samarbeid/": "cooperations",
    "/kommunar/": "municipalities",
    "/avtalar/": "agreements",
    "/vedtak/": "decisions",
    "/organ/": "bodies",
    "/tilsette/": "staff",
    "/nettverk/": "networks",
    "/moter/": "meetings",
}


def sort_links(page: str) -> dict[str, str]:
    """{label: href} of the page's sort links."""
    nav = re.search(r'<nav class="sort".*?</nav>', page, re.S)
    assert nav, "no sort links"
    return {
        html.unescape(label): html.unescape(href)
        for href, label in re.findall(r'<a href="([^"]*)"[^>]*>([^<]*)</a>', nav.group())
    }


@pytest.mark.parametrize(("url", "name"), LISTS.items())
def test_each_list_offers_its_orders(client, sogn, url, name):
    page = client.get(url).content.decode()
    offered = sort_links(page)
    assert list(offered) == [str(sort.label) for sort in SORTS[name]]
    # the default order is the one marked current
    assert re.search(r'<a href="[^"]*" aria-current="true">', page)
    for sort in SORTS[name]:
        assert client.get(f"{url}?sort={sort.key}").status_code == 200


def test_a_sort_reverses_the_list(client, sogn):
    def names(url):
        page = client.get(url).content.decode()
        return re.findall(r'<th scope="row">([^<]+?)(?:<br>|</th>)', page)

    ascending = names("/nettverk/?sort=name")
    assert len(ascending) == 10  # with SysIKT's løn network
    assert names("/nettverk/?sort=-name") == ascending[::-1]


def test_an_unknown_sort_gives_the_default_order_on_the_portal(client, sogn):
    def rows(url):
        return re.search(r"<tbody>.*</tbody>", client.get(url).content.decode(), re.S).group()

    assert rows("/nettverk/?sort=colour") == rows("/nettverk/")


def test_sort_links_keep_the_filters_and_start_on_the_first_page(client, sogn):
    page = client.get("/vedtak/?body=sogn-ko-styret&page=1").content.decode()
    links = sort_links(page)
    assert links["Eldste først"] == "?body=sogn-ko-styret&sort=date"
    # the filter form carries the sort in force
    sorted_page = client.get("/vedtak/?body=sogn-ko-styret&sort=title").content.decode()
    assert '<input type="hidden" name="sort" value="title">' in sorted_page


def test_page_links_keep_the_sort(client, sogn):
    Network.objects.bulk_create(
        Network(slug=f"nettverk-{n:03}", name=f"Nettverk {n:03}", is_published=True)
        for n in range(60)
    )
    first = client.get("/nettverk/?sort=-name").content.decode()
    assert len(re.findall(r'<th scope="row">', first)) == PAGE_SIZE
    assert 'href="?sort=-name&amp;page=2"' in first
    second = client.get("/nettverk/?sort=-name&page=2").content.decode()
    assert len(re.findall(r'<th scope="row">', second)) == 70 - PAGE_SIZE


def test_the_api_lists_page_and_sort(client, sogn):
    Network.objects.bulk_create(
        Network(slug=f"nettverk-{n:03}", name=f"Nettverk {n:03}", is_published=True)
        for n in range(60)
    )
    body = client.get("/api/v1/networks?sort=-name").json()
    assert body["count"] == 70 and len(body["items"]) == PAGE_SIZE
    names = [n["name"] for n in body["items"]]
    assert names == sorted(names, reverse=True)
    rest = client.get("/api/v1/networks?sort=-name&page=2").json()["items"]
    assert len(rest) == 70 - PAGE_SIZE and rest[0]["name"] < names[-1]
    for url in ("/api/v1/bodies", "/api/v1/meetings?sort=date", "/api/v1/decisions?sort=title"):
        listed = client.get(url).json()
        assert set(listed) == {"items", "count"} and listed["items"], url


def test_the_api_names_the_orders_of_a_list_it_refuses(client, sogn):
    response = client.get("/api/v1/cooperations?sort=colour")
    assert response.status_code == 400
    assert response.json()["detail"] == (
        "sort: 'colour' is not an order of this list; use one of: name, -name."
    )


def test_names_sort_in_norwegian_order_on_the_portal_and_in_the_api(client, sogn):
    """A–Z, then Æ, Ø, Å, whatever the database's own collation: Ørsta before Ålesund
    (byte order and most collations put Å first or among the A's)."""
    from samvirke.registry.models import Municipality

    for number, name in (("1508", "Ålesund"), ("1520", "Ørsta"), ("1547", "Aukra")):
        Municipality.objects.create(number=number, name=name)

    def names(url):
        page = client.get(url).content.decode()
        return re.findall(r'<li><a href="/kommunar/\d+/">([^<]+)</a>', page)

    expected = ["Aukra", "Aurland", "Høyanger", "Luster", "Lærdal", "Sogndal", "Vik"]
    expected += ["Ørsta", "Ålesund", "Årdal"]
    assert [n for n in names("/kommunar/?sort=name") if n in expected] == expected
    assert [n for n in names("/kommunar/?sort=-name") if n in expected] == expected[::-1]
    answer = client.get("/api/v1/municipalities?sort=name&limit=100").json()
    assert [m["name"] for m in answer["items"] if m["name"] in expected] == expected
