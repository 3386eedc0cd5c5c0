"""No link on a region's pages leads to a page that does not open in that region: a decision
shown under an IKS's prefix linked the Sogn KO board's page, a 404 there."""

import pytest

from samvirke.registry import regions
from samvirke.registry.models import Organisation
from tests.portal.test_regions import crawl


@pytest.mark.parametrize("slug", ["sogn-ko", "sognaradet-ipr", "alarmsentralen-iks"])
def test_every_link_under_a_region_opens_there(client, sogn, slug):
    assert Organisation.objects.filter(slug=slug, legal_form__in=regions.REGION_FORMS).exists()
    pages = crawl(client, f"/r/{slug}/")
    assert f"/r/{slug}/" in pages


def test_a_decision_names_a_body_of_another_organisation_without_a_link(client, sogn):
    pages = crawl(client, "/r/alarmsentralen-iks/")
    shown = [html for path, html in pages.items() if "/vedtak/" in path and "Styret" in html]
    assert shown  # the Sogn KO board's decisions on Alarmsentralen are there, unlinked
    assert not any("/r/alarmsentralen-iks/organ/sogn-ko-styret/" in html for html in shown)
