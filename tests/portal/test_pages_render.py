import pytest

PAGES = [
    "/",
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
