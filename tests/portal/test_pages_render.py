import pytest

PAGES = [
    "/r/sogn-ko/",
    "/samarbeid/",
    "/samarbeid/barnevern/",
    "/kommunar/",
    "/kommunar/4643/",
    "/avtalar/",
    "/avtalar/barnevern-vertskommuneavtale/",
    "/vedtak/",
    "/vedtak/styret-2025-12-09-veteranplan/",
    "/organ/",
    "/organ/sogn-ko-styret/",
    "/tilsette/",
    "/nettverk/",
    "/folketal/",
    "/om/",
]


@pytest.mark.parametrize("url", PAGES)
def test_it_renders(client, sogn, url):
    response = client.get(url)
    assert response.status_code == 200
    assert b'<html lang="nn">' in response.content


@pytest.mark.parametrize(
    "url",
    ["/avtalar/sogn-ko-samarbeidsavtale/", "/samarbeid/ppt/", "/arshjul/", "/logg-inn/"],
)
def test_a_page_title_is_plain_text(client, sogn, url):
    import re

    title = re.search(r"<title>(.*?)</title>", client.get(url).content.decode(), re.S).group(1)
    assert "<" not in title and "\n" not in title.strip(), title
